"""The face's outline on shadow or hair in the photo is not opened into a dark wedge by a turn
(`rim_shadow.py`), read by `figures.rim_smear` on grace_hopper's near jaw (preset:turn, yaw and pitch near
their limits)."""

from __future__ import annotations

import numpy as np
import pytest
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator, rim_shadow
from facereel.engines.mesh.figures.rim_smear import rim_smear

DIAGONAL = 41  # of preset:turn at 2 s: yaw ~ -40, pitch ~ -20 deg


def smear_at(image: np.ndarray, lm: np.ndarray, frame: int) -> float:
    """`rim_smear` of preset:turn's `frame` rendered on `image` (landmarks `lm`)."""
    mesh = MeshAnimator(image, lm)
    out = mesh.render(turn_targets(lm)[0][frame])
    return rim_smear(out, image, lm, mesh.vertices[: len(lm)] + mesh.origin)


@pytest.mark.parametrize("face", ["grace_hopper"], indirect=True)
def test_the_near_jaws_shadow_is_not_smeared_across_the_turned_cheek(face, monkeypatch):
    """grace_hopper's tracked oval runs over the shadow and grey hair beside her near jaw; turned, those
    slivers opened 3x into a dark wedge over the cheek. Kept to their photo's size, the lower face shows
    less that is not skin (0.052 -> 0.039 at 512 px), and the figure is 0 on the source repeated."""
    image, lm = face
    assert rim_smear(image, image, lm, lm) == 0.0
    with_rim = smear_at(image, lm, DIAGONAL)
    monkeypatch.setattr(rim_shadow, "RIM_STRETCH", np.inf)  # the stretch limit alone, as before
    without = smear_at(image, lm, DIAGONAL)
    assert without > 0.02, without  # the wedge this guards against is there without it
    assert with_rim < 0.85 * without, (with_rim, without)
