"""sr_8's black hood under its far jaw is not carried with the head, nor hidden under a raised chin, read by
`figures.far_hood` on sr_8 scaled to 400 px high and cut to x 150-550 driven by lp_d11 from frame 105 as `facereel
animate` drives it (docs/status.md, h36-fresh's find (1), h37-chin; issue #9)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from mesh_faces import driven_targets

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.far_hood import black_px
from facereel.media.image import read_image, write_image

FIRST = 105  # lp_d11's frame: the reference (the child looking up and aside from here)
HEIGHT, CUT = 400, (150, 550)  # px: sr_8 scaled to this height, then these columns kept (400 x 400)
CARRIED = (143, 280, 221, 312), range(13, 21)  # px box under the far jaw; the frames the hood was carried over it
HIDDEN = (150, 290, 245, 330), range(26, 30)  # px box under the raised chin; the frames it hid the hood


def test_the_far_hood_stays_with_the_body(shared_data: Path, tmp_path: Path) -> None:
    """The far-cheek zone held the hood under the far jaw (near-black, the chroma of the blue-lit skin): moved with
    the head it was a black trapezoid, and under a raised chin its straight edge and its hole's fill a second chin.
    `black_px` (pixels at most 10 grey levels): CARRIED's box, frames 13-20: source repeated 735, before 1057-1785,
    now 607-698; HIDDEN's box, frames 26-29: source repeated 1515, before 465-822, now 1124-1312."""
    photo = read_image(shared_data / "portraits" / "sr_8.png")
    width = round(photo.shape[1] * HEIGHT / photo.shape[0])
    path = tmp_path / "sr_8_cut.png"
    write_image(path, cv2.resize(photo, (width, HEIGHT), interpolation=cv2.INTER_AREA)[:, CUT[0]:CUT[1]])
    source = load_source(path)
    targets = driven_targets(source, shared_data / "driving" / "lp_d11.mp4", FIRST, max(HIDDEN[1]) + 1)
    animator = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    frames = [animator.render(target) for target in targets]
    for (box, keep), low, high in ((CARRIED, 0.0, 1.3), (HIDDEN, 0.65, np.inf)):
        repeated = black_px(source.image, box)
        drawn = [black_px(frames[k], box) for k in keep]
        assert repeated > 400, repeated  # the hood shows in the box in the photo
        assert low * repeated <= min(drawn) and max(drawn) <= high * repeated, (box, drawn, repeated)
