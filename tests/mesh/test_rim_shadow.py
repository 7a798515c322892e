"""The face's outline on shadow or hair in the photo is not opened into a dark wedge by a turn
(`rim_shadow.py`), read by `figures.rim_smear` on grace_hopper's near jaw (preset:turn, yaw and pitch near
their limits); talk is drawn as by the stretch limit alone."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import scaled_portrait
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.rim_smear import rim_smear
from facereel.engines.mesh.geometry import rim_shadow
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

DIAGONAL = 41  # of preset:turn at 2 s: yaw ~ -40, pitch ~ -20 deg


def smear_at(image: np.ndarray, lm: np.ndarray, frame: int) -> float:
    """`rim_smear` of preset:turn's `frame` rendered on `image` (landmarks `lm`)."""
    mesh = MeshAnimator(image, lm)
    out = mesh.render(turn_targets(lm)[0][frame])
    return rim_smear(out, image, lm, mesh.vertices[: len(lm)] + mesh.origin)


@pytest.mark.parametrize("face", ["grace_hopper"], indirect=True)
def test_the_near_jaws_shadow_is_not_smeared_across_the_turned_cheek(face, monkeypatch):
    """grace_hopper's tracked oval runs over the shadow and grey hair beside her near jaw; turned, those
    slivers opened 3x into a dark wedge over the cheek. Kept to their photo's size on the turn, the lower face
    shows less that is not skin (0.053 -> 0.040 at 600x512 px), and the figure is 0 on the source repeated."""
    image, lm = face
    assert rim_smear(image, image, lm, lm) == 0.0
    with_rim = smear_at(image, lm, DIAGONAL)
    monkeypatch.setattr(rim_shadow, "RIM_STRETCH", np.inf)  # the stretch limit alone, as before
    without = smear_at(image, lm, DIAGONAL)
    assert without > 0.02, without  # the wedge this guards against is there without it
    assert with_rim < 0.85 * without, (with_rim, without)


def test_talk_is_drawn_by_the_stretch_limit_alone(grace_hopper, monkeypatch):
    """preset:talk turns the head a few degrees, far below `rim_shadow.TURN`: every frame is the stretch
    limit's alone, bit for bit, though grace_hopper's near jaw has marked triangles (which talk stretches up
    to 2.1x at 300 px). Their hard 1x limit in every frame (the first try) made a static re-render flicker
    above the mouth, 0.064 grey levels (tests/v2v `test_a_jittering_source_track_does_not_shimmer`)."""
    image = grace_hopper[::2, ::2].copy()
    lm = track_image(image).landmarks[0]
    targets = retarget(lm, preset_motion("talk"), RetargetOptions(regions=frozenset({"lips", "eyes"})))[::6]
    mesh = MeshAnimator(image, lm)
    assert (mesh._rim_shadow > 0.5).sum() >= 3  # the near jaw's shadow is marked
    now = [mesh.render(t) for t in targets]
    monkeypatch.setattr(rim_shadow, "RIM_STRETCH", np.inf)  # the stretch limit alone
    before = MeshAnimator(image, lm)
    assert all(np.array_equal(a, before.render(t)) for a, t in zip(now, targets))


def _marked(image: np.ndarray, lm: np.ndarray, monkeypatch, row: bool) -> np.ndarray:
    """(F,) bool: the face triangles `rim_shadow` weighs over 0.5 on `image` (landmarks `lm`), with its row shade
    (`row_shaded`) or without."""
    with monkeypatch.context() as patch:
        if not row:
            patch.setattr(rim_shadow, "row_shaded", lambda lightness, *_: np.zeros(lightness.shape, bool))
        return MeshAnimator(image, lm)._rim_shadow > 0.5


def test_the_row_shade_is_kept_off_the_sides_with_hanging_hair(monkeypatch):
    """`rim_shadow.hung_columns`: lp_s1 (~400 px, hair hanging below the jaw on both sides, 0.046-0.049 face sizes
    squared a side) is marked as without the row shade (5 triangles over 0.5; with it on her sides 31, and preset:turn
    drew her hanging hair out into a splinter, tests/mesh/test_hanging_hair.py); lp_s3 (512 px high, no hanging
    hair) keeps it: her painted side shade marked (11 -> 54, tests/mesh/test_shade_spread.py)."""
    image, lm = scaled_portrait("lp_s1", 0.35)
    assert np.array_equal(_marked(image, lm, monkeypatch, True), _marked(image, lm, monkeypatch, False))
    image, lm = scaled_portrait("lp_s3", 512 / 729)
    with_row, without = _marked(image, lm, monkeypatch, True), _marked(image, lm, monkeypatch, False)
    assert with_row.sum() > without.sum() + 20, (with_row.sum(), without.sum())
