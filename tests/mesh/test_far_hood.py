"""sr_8's black hood under its far jaw is not carried with the head, nor hidden under a raised chin, read by
`figures.far_hood` on sr_8 scaled to 400 px high and cut to x 150-550 driven by lp_d11 from frame 105 as `facereel
animate` drives it (docs/status.md, h36-fresh's find (1), h37-chin; issue #9); the far cheek's fold in the same frames
(`figures.read_fold`): the first ring's double read of the rim mended (h39-cheek, `geometry.photo_cover`); the cheek
beside the nose, which the photo hides behind the nose, filled (h40-cheek, `geometry.photo_depth`); the rim's own steps
not."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from mesh_faces import driven_targets

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.far_hood import black_px
from facereel.engines.mesh.figures.read_fold import backward_jump
from facereel.media.image import read_image, write_image

FIRST = 105  # lp_d11's frame: the reference (the child looking up and aside from here)
HEIGHT, CUT = 400, (150, 550)  # px: sr_8 scaled to this height, then these columns kept (400 x 400)
CARRIED = (143, 280, 221, 312), range(13, 21)  # px box under the far jaw; the frames the hood was carried over it
HIDDEN = (150, 290, 245, 330), range(26, 30)  # px box under the raised chin; the frames it hid the hood
FOLDED = (165, 175, 210, 300), range(12, 23)  # px box down the far cheek's edge; the frames of its blotches
RING_READ = range(12, 17)  # FOLDED's frames whose fold was the first ring reading the rim again (then the face's own)
NOSE = (188, 160, 214, 230), range(15, 23)  # px box beside the nose's far side; the frames it stepped back 6-7 px


@pytest.fixture(scope="module")
def drawn(shared_data: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[np.ndarray, list[np.ndarray], list[float], list[float]]:
    """The cut photo, its frames 0 .. the last of HIDDEN drawn as `facereel animate` draws them, and each frame's
    `backward_jump` in FOLDED's box and in NOSE's (the map's photo columns, on the source's columns)."""
    photo = read_image(shared_data / "portraits" / "sr_8.png")
    width = round(photo.shape[1] * HEIGHT / photo.shape[0])
    path = tmp_path_factory.mktemp("far_hood") / "sr_8_cut.png"
    write_image(path, cv2.resize(photo, (width, HEIGHT), interpolation=cv2.INTER_AREA)[:, CUT[0]:CUT[1]])
    source = load_source(path)
    targets = driven_targets(source, shared_data / "driving" / "lp_d11.mp4", FIRST, max(HIDDEN[1]) + 1)
    animator = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    inner, left = animator.inner, animator.left  # the engine on the photo widened left (`cut_neck.Extended`)
    assert inner.box[:2] == (0, 0), inner.box
    frames, jumps, nose = [], [], []
    for target in targets:
        frame = animator.map_frame(target)
        frames.append(animator.draw(frame))
        read_x = inner.warp.full_size(frame.coarse, frame.seam)[..., 0] + np.arange(inner.box[2], dtype=np.float32)
        x0, y0, x1, y1 = FOLDED[0]
        jumps.append(backward_jump(read_x, (x0 + left, y0, x1 + left, y1)))
        x0, y0, x1, y1 = NOSE[0]
        nose.append(backward_jump(read_x, (x0 + left, y0, x1 + left, y1)))
    return source.image, frames, jumps, nose


def test_the_far_hood_stays_with_the_body(drawn) -> None:
    """The far-cheek zone held the hood under the far jaw (near-black, the chroma of the blue-lit skin): moved with
    the head it was a black trapezoid, and under a raised chin its straight edge and its hole's fill a second chin.
    `black_px` (pixels at most 10 grey levels): CARRIED's box, frames 13-20: source repeated 735, before 1057-1785,
    now 607-698; HIDDEN's box, frames 26-29: source repeated 1515, before 465-822, now 1124-1312."""
    photo, frames, _, _ = drawn
    for (box, keep), low, high in ((CARRIED, 0.0, 1.3), (HIDDEN, 0.65, np.inf)):
        repeated = black_px(photo, box)
        shown = [black_px(frames[k], box) for k in keep]
        assert repeated > 400, repeated  # the hood shows in the box in the photo
        assert low * repeated <= min(shown) and max(shown) <= high * repeated, (box, shown, repeated)


def test_the_first_ring_does_not_read_the_far_cheeks_rim_again(drawn) -> None:
    """`backward_jump` in FOLDED's box, frames `RING_READ`: the first ring's triangle (under the far cheek in the
    photo) read the cheek's rim again beside the face reading it (a comb of light slivers down the edge): source
    repeated 0, before h39-cheek 8.0-11.7 px a frame, now 2.8-3.5 (`photo_cover`: such a ring read, which a face
    triangle the frame shows reads too, filled from the ring's other samples)."""
    _, _, jumps, _ = drawn
    assert max(jumps[k] for k in RING_READ) < 5.0, [round(jumps[k], 1) for k in RING_READ]


def test_the_cheek_the_nose_hides_is_not_read_twice(drawn) -> None:
    """`backward_jump` in NOSE's box, frames 15-22: the photo's nose stands over the far cheek beside it; that cheek's
    triangles (facing the camera, not turned over) read the nose's side, and turned back towards frontal the row
    read it as cheek, then as nose again (the nose's far side's crease drawn twice, a light double line with a
    notch). Source repeated 0, before h40-cheek 5.9-7.2 px a frame (mean 6.6), now 2.1-4.2 (mean 2.8; the rest a
    fold of 3-7 px triangles under the nose's wing): the face triangles the photo shows its nose over are filled
    from around (`photo_depth.hidden_in_photo`)."""
    _, _, _, nose = drawn
    steps = [nose[k] for k in NOSE[1]]
    assert max(steps) < 5.0 and np.mean(steps) < 3.5, [round(step, 1) for step in steps]


@pytest.mark.xfail(strict=True, reason="h37-chin, h38-cheek, h39-cheek, h40-cheek: the first ring's double read "
                   "is filled (`photo_cover`) and the cheek the nose hides (`photo_depth`), but the rim's own steps "
                   "stay (2-4.5 px a frame down the far cheek's edge, rows 230-300); not mended")
def test_the_far_cheek_unfolds_without_a_fold(drawn) -> None:
    """`backward_jump` in FOLDED's box, frames 12-22: the source repeated 0 (the identity map); a fold where the map
    reads the same photo columns twice. Before the hood's cut the max over the frames 15.5 px (10.6-15.5 a frame),
    then 11.7 (7.8-11.7): the head's extent the rings follow moved with the mask, the fold stays. h38-cheek's fill of
    the reads the photo shows another triangle at gave 2.7-5.7 (1.3-3.9 with a 1 px rim) and was reverted
    (docs/mesh-engine.md "The far cheek's rim read twice"); h39-cheek's fill of the ring's reads the face reads too
    (kept): frames 12-16 2.8-3.5, 17-22 5.8-7.2 (the face's own fold)."""
    _, _, jumps, _ = drawn
    assert max(jumps[k] for k in FOLDED[1]) < 1.0, [round(jumps[k], 1) for k in FOLDED[1]]
