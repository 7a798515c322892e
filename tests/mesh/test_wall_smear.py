"""The wall beside a jaw moved sideways (`figures.wall_smear`; issue #9, docs/status.md h35-fresh's find (2)): lp_s6 x
lp_d12 140-180 at 384 px left a translucent brown-grey smear of the plate's fill on the white wall where the shake
carried the head ~30 px sideways (frames 20-30), which `--no-neck-layer` did not."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import driven_targets, shaken_statue
from test_layered import turn_targets

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.wall_smear import wall_smear
from facereel.engines.mesh.neck_layer.shifted_wall import shift_share, wall_share
from facereel.face.pose import head_pose

SHOWN = tuple(range(20, 31))
"""lp_d12 140-180's frames where the shake has carried lp_s6's head off the wall beside its jaw."""


def _scene(wall_share: float) -> tuple[np.ndarray, ...]:
    """A 60 x 60 photo: a wall (236, 237, 233) left of x 20, a clay head (155, 117, 92) from it; the head drawn moved
    to x 40, the strip x 20-39 it uncovered drawn `wall_share` of the way from the wall to the clay. Returns the frame,
    the photo, the photo's head alpha, the drawn alpha and the person."""
    wall, clay = np.float32([236, 237, 233]), np.float32([155, 117, 92])
    photo = np.empty((60, 60, 3), np.float32)
    photo[:] = wall
    photo[:, 20:] = clay
    alpha = np.zeros((60, 60), np.float32)
    alpha[:, 20:] = 1
    drawn = np.zeros((60, 60), np.float32)
    drawn[:, 40:] = 1
    frame = photo.copy()
    frame[:, 20:40] = wall + wall_share * (clay - wall)
    return np.rint(frame).astype(np.uint8), photo.astype(np.uint8), alpha, drawn, alpha.copy()


def test_the_figure_reads_a_half_mix_on_the_wall_not_the_wall_nor_the_clay():
    """The uncovered strip as the wall or as opaque clay reads 0; half-way between them it reads its area beside the
    wall (20 columns less the drawn head's 2 px edge, 60 rows, in square face sizes); the photo as drawn 0."""
    face_px = 100.0
    for share in (0.0, 1.0):
        assert wall_smear(*_scene(share), face_px) == 0.0
    frame, photo, alpha, drawn, person = _scene(0.5)
    assert wall_smear(frame, photo, alpha, drawn, person, face_px) == pytest.approx(18 * 60 / face_px ** 2)
    assert wall_smear(photo, photo, alpha, alpha, person, face_px) == 0.0


def test_lp_s6_shake_leaves_no_smear_on_the_wall(shared_data):
    """lp_s6 at 384 px x lp_d12 140-180 as `facereel animate` draws it, `wall_smear` over `SHOWN` (square face sizes):
    the source repeated 0 (nothing uncovered); `--no-neck-layer` mean 0.009, max 0.015 (the head layer's own grey
    sliver by the jaw); the engine before (h36-fur's trace) mean 0.034, max 0.064 (frame 24, the smear at x 140-175,
    y 170-235); now, the fill beside the wall giving way to it by the head's sideways shift (`shifted_wall`), 0.014 /
    0.021. Bound: half the engine's before. Tried, not kept (docs/status.md h36-fur): the fill carried sideways with
    the jaw 0.016 / 0.028; without the tone under the ear 0.019 / 0.035."""
    photo, alpha, person, face_px, drawn = shaken_statue(shared_data, SHOWN)
    assert wall_smear(photo, photo, alpha, alpha, person, face_px) == 0.0
    smears = [wall_smear(frame, photo, alpha, drawn_alpha, person, face_px) for frame, drawn_alpha in drawn]
    assert np.mean(smears) < 0.017 and max(smears) < 0.032, smears


def test_a_turn_keeps_the_tone_under_the_ear_a_shift_gives_it_to_the_wall(shared_data):
    """`shift_share` on lp_s6 at 384 px: preset:turn (2 s) turns the head about the skull shell's centre (moved at most
    0.007 face sizes): 0 on every frame, so the wedge under a turned jaw keeps the neck's tone (`under_ear`,
    `test_wall_notch`); lp_d12 140-180's shake carries it 0.09-0.24 face sizes sideways at `SHOWN` but frame 21 (0.003,
    the head passing back over its place): 1 there."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s6.jpg"), 384)
    own, face_px = head_pose(np.asarray(source.landmarks, np.float32)[None]), face_size(source.landmarks)

    def shares(targets: list[np.ndarray]) -> list[float]:
        return [shift_share(own, head_pose(np.asarray(t, np.float32)[None]), face_px) for t in targets]

    assert max(shares(list(turn_targets(source.landmarks)[0]))) == 0.0
    shake = shares(driven_targets(source, shared_data / "driving" / "lp_d12.mp4", 140, SHOWN[-1] + 1))
    assert [round(shake[k], 2) for k in SHOWN] == [1.0, 0.0] + [1.0] * 9, shake


def test_a_small_yaw_gives_the_fill_to_the_wall_a_large_turn_keeps_the_tone(shared_data):
    """`wall_share` on lp_s6 at 384 px under preset:turn (2 s): 0 on frames 4-20 and 29-45 (turned 31-45 deg: the wide
    wedge under the turned jaw keeps the neck's tone, `test_wall_notch`) and at rest or nearly (frames 0, 24, 25, 49:
    yaw under 3 deg); 1 on frames 2, 22, 27 and 47 (turned 17-21 deg, a yaw of 11-14 in it: the narrow band beside the
    far jaw is the wall's, as lp_s6 `edit --yaw -45`'s, ended at -19, test_edit_ends)."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s6.jpg"), 384)
    own, face_px = head_pose(np.asarray(source.landmarks, np.float32)[None]), face_size(source.landmarks)
    targets = turn_targets(source.landmarks)[0]
    shares = [wall_share(own, head_pose(np.asarray(t, np.float32)[None]), face_px) for t in targets]
    assert max(shares[4:21] + shares[29:46]) == 0.0, shares
    assert [shares[k] for k in (0, 24, 25, 49)] == [0.0] * 4, shares
    assert [round(shares[k], 2) for k in (2, 22, 27, 47)] == [1.0] * 4, shares
