"""No crack of the head alpha along the closed notch beside a jaw corner (issue #9, h46-ghturn): `close_jaw_corners`
filled the notch between the jaw and the hair beside each jaw corner but left its walls, the head's own soft edge,
at 0.5-0.95: a 1-2 px line inside the closed head through which the plate showed once the head moved over another
(grace_hopper, 512 px high, x preset:turn 33-47: a pale streak through the hair under her far ear over the flag's
white stripe). `close_walls` closes those valleys; `figures/notch_crack` counts what is left near the jaw angles
(grace_hopper 0.76 face sizes on the engine before, 0.12 now; lp_s12 0.57 -> 0.12), off the head's outline
(`inside_outline`, h47-ghturn) and not beside a notch pixel on it (h48-s5notch: lp_s5 0.103 -> 0.140 -> 0.103)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib import cbook

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.notch_crack import OPAQUE, cracks, notch_cracks
from facereel.engines.mesh.head_mask.jaw_corners import close_walls, inside_outline
from facereel.engines.mesh.neck_layer.jaw_line import jaw_ends
from facereel.face import landmark_ids as ids
from facereel.motion.retarget import RetargetOptions

CRACK_MOST = 0.2
"""Face sizes: the most `notch_cracks` may read on the head alpha the layer is drawn with (grace_hopper 0.76, lp_s12
0.57 with the walls left soft; 0.12, 0.12 with them closed; lp_s6 0.47 -> 0.17)."""


def _engine(path: Path | str) -> MeshAnimator:
    """The engine on the portrait at `path`, scaled to 512 px on its longer side (as `animate --size 512`)."""
    source = resize_source(load_source(path), 512)
    return MeshAnimator(source.image, source.landmarks, MeshOptions().with_limits(RetargetOptions().for_engine("mesh")))


@pytest.fixture(scope="module")
def grace_hopper() -> MeshAnimator:
    return _engine(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))


def test_the_figure_counts_a_thin_crack_by_the_jaw_angle_not_a_wide_soft_patch(grace_hopper):
    """A 1 px line of alpha 0.7 drawn down the opaque face 20 px inside one jaw angle adds its length; a 5 px wide
    band of 0.7 adds only the 1 px dents at its ends; far from the jaw angles neither counts."""
    engine = grace_hopper
    alpha, lm, origin = engine.layer.moved_alpha, engine.source_landmarks, engine.origin
    size = face_size(lm)
    base = notch_cracks(alpha, lm, origin, size)
    x, y = np.round(jaw_ends(lm)[1] - origin).astype(int)
    x += 20 if lm[ids.NOSE_TIP, 0] - origin[0] > x else -20  # towards the face
    assert (alpha[y - 15:y + 16, x - 2:x + 3] >= OPAQUE).all()  # opaque head there
    line = alpha.copy()
    line[y - 15:y + 16, x] = 0.7
    assert notch_cracks(line, lm, origin, size) - base == pytest.approx(31 / size, abs=2 / size)
    band = alpha.copy()
    band[y - 15:y + 16, x - 2:x + 3] = 0.7
    assert notch_cracks(band, lm, origin, size) - base < 11 / size
    far = alpha.copy()
    top = int(lm[:, 1].min() - origin[1])
    far[top + 5, :] = np.where(far[top + 5, :] >= OPAQUE, 0.7, far[top + 5, :])
    assert notch_cracks(far, lm, origin, size) == base
    assert cracks(line).sum() > cracks(alpha).sum()


def test_grace_hoppers_closed_notches_leave_no_crack(grace_hopper):
    engine = grace_hopper
    lm = engine.source_landmarks
    assert notch_cracks(engine.layer.moved_alpha, lm, engine.origin, face_size(lm)) < CRACK_MOST


@pytest.mark.slow
@pytest.mark.parametrize("name", ["lp_s12", "lp_s6"])
def test_other_closed_notches_leave_no_crack(shared_data: Path, name: str):
    """lp_s12 0.57 -> 0.12, lp_s6 0.47 -> 0.17 face sizes."""
    path = next(iter(sorted((shared_data / "portraits").glob(f"{name}.*"))), None)
    if path is None:
        pytest.skip(f"{name} not present")
    engine = _engine(path)
    lm = engine.source_landmarks
    assert notch_cracks(engine.layer.moved_alpha, lm, engine.origin, face_size(lm)) < CRACK_MOST


LP_S5_MOST = 0.12
"""Face sizes: the most `notch_cracks` may read on lp_s5's (its 11 px before the walls were closed, 0.103: a thin
line along a hair strand above the near jaw angle and one beside the far, no notch's; 0.140 with the near jaw's
outline edge raised round a notch pixel on it, h47-ghturn's rule)."""


def test_lp_s5s_notch_pixel_on_its_outline_leaves_the_edge_uncracked(shared_data: Path):
    """lp_s5 512's near jaw: the notch's closing fills one pixel of the outline's soft edge (under 0.5 -> 1); the walls
    closed round it raised that edge (0.57-0.87 -> 0.85-0.97) and left four cracks between the raised pixels."""
    path = next(iter(sorted((shared_data / "portraits").glob("lp_s5.*"))), None)
    if path is None:
        pytest.skip("lp_s5 not present")
    engine = _engine(path)
    lm = engine.source_landmarks
    assert notch_cracks(engine.layer.moved_alpha, lm, engine.origin, face_size(lm)) < LP_S5_MOST


def _notch(outside: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """A made-up head mask (40 x 40, at 1; 0 from row `outside` down) with a filled notch 3 px wide in columns 18-20,
    a 1 px crack of 0.7 along its left wall and a 6 px band of 0.7 along its right; and the notch, (h, w) uint8."""
    head = np.ones((40, 40), np.float32)
    notch = np.zeros((40, 40), np.uint8)
    notch[5:35, 18:21] = 1
    head[5:35, 17] = 0.7  # a crack along the left wall
    head[5:35, 21:27] = 0.7  # a wide soft band along the right wall
    head[outside:] = 0.0
    return head, notch


def test_a_wide_soft_patch_beside_the_notch_keeps_its_alpha():
    """`close_walls` closes a 1 px valley along a filled notch but keeps a 6 px wide soft band beside it."""
    head, notch = _notch()
    near = np.ones_like(notch)
    out = close_walls(head, notch, np.zeros_like(notch), near)
    assert (out[8:32, 17] == 1).all()
    assert np.allclose(out[8:32, 21:27], 0.7)
    assert np.array_equal(close_walls(head, notch, notch, near), head)  # not beside the notch's pixels left out
    assert np.array_equal(close_walls(head, notch, np.zeros_like(notch), 0 * near), head)  # nor off the jaw angles


def test_a_crack_at_the_notchs_open_mouth_on_the_outline_keeps_its_alpha():
    """Where the notch opens onto the head's outline (the head 0 from row 35 down) its walls' crack within
    `OUTLINE_PX` of the outside is the outline's own soft edge and keeps its alpha (lp_s0 512's near jaw over the
    sofa: closed, two pixels of the cheek's edge mixed with the dark leaf were carried with the turned head as a dark
    dash, tests/mesh/test_carried_fringe.py); higher up it is closed."""
    head, notch = _notch(outside=35)
    out = close_walls(head, notch, np.zeros_like(notch), np.ones_like(notch))
    assert (out[8:33, 17] == 1).all()
    assert np.allclose(out[33:35, 17], 0.7)
    assert np.array_equal(inside_outline(head)[:, 17], np.arange(40) < 33)


def test_a_notch_pixel_on_the_outline_closes_no_wall():
    """A notch pixel within `OUTLINE_PX` of the head's outside (a 1 px dent of the outline's soft edge that the
    notch's closing filled; lp_s5 512's near jaw) has no walls: the soft edge round it keeps its alpha, while the
    same pixel further in has its valleys closed."""
    head = np.ones((40, 40), np.float32)
    head[31] = 0.8
    head[32:34] = 0.6
    head[34:] = 0.0
    head[33, 20] = 1.0  # the filled dent
    notch = np.zeros((40, 40), np.uint8)
    notch[33, 20] = 1
    none, near = np.zeros_like(notch), np.ones_like(notch)
    assert np.array_equal(close_walls(head, notch, none, near), head)
    deeper = head.copy()
    deeper[34:38] = 1.0  # the outside from row 38: the pixel 5 px in
    assert (close_walls(deeper, notch, none, near)[31:34, 20] == 1).all()
