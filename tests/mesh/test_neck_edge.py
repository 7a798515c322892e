"""The neck tone's sides are an edge along the neck's outline (`neck_layer.neck_edge`, issue #12 part 4, issue #9).

lp_d19's frame 0 (glasses, 480 x 480) `edit --pitch -30`: the neck's width, smoothed along the jaw, fell from 1 to 0
over ~50 px beside each side: soft pale translucent lumps beside both jaw corners, the tone laid at 0.2-0.6 over the
wall (`figures.wall_film.film_share`: the photo 0.05 / 0.03, the engine before 0.59 / 0.59, now 0.46 / 0.43)."""

from __future__ import annotations

import av
import numpy as np
import pytest

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import source_from_image
from facereel.engines.mesh.figures.wall_film import FILM, chroma, film_share, photo_chroma
from facereel.engines.mesh.neck_layer.neck_edge import edged
from facereel.motion.sliders import Sliders

BESIDE_JAW = ((124, 258, 149, 320), (340, 258, 367, 320))
"""(x0, y0, x1, y1) px: beside the raised jaw's corners, left and right, where the lumps lay over the wall."""
WALL, SKIN = (10, 150, 80, 300), (170, 300, 220, 350)
"""(x0, y0, x1, y1) px of the photo: its plain wall, and its skin (the jaw above the collar)."""
NECK = (190, 330, 290, 380)
"""(x0, y0, x1, y1) px: the neck under the raised chin."""
FILM_MOST = 0.5
"""`film_share` allowed beside each jaw corner (after: 0.46 / 0.43; the photo's own ear and jaw edges 0.05 / 0.03)."""


def test_edged_width_is_a_step_at_half():
    width = np.array([0.0, 0.1, 0.3, 0.49, 0.51, 0.8, 1.0, 1.0, 0.7, 0.2, 0.0], np.float32)
    edge = edged(width, 1.0, 0.0)  # a small face: the edge half a px soft; no gap closed
    assert edge[:3].max() < 0.05 and edge[5:8].min() > 0.95 and edge[-1] < 0.05
    assert edge[3] < 0.5 < edge[4] and edge[9] < 0.5 < edge[8]  # each step between the columns under and over half
    gap = np.array([1, 1, 1, 0.3, 0.2, 1, 1, 0, 0, 0, 0, 0, 1], np.float32)
    closed = edged(gap, 1.0, 1.0)  # a 2-column dip closed, a 5-column gap kept
    assert closed[:6].min() > 0.95 and closed[8:11].max() < 0.05


@pytest.fixture(scope="module")
def glasses(shared_data) -> tuple[np.ndarray, StillEditor]:
    with av.open(str(shared_data / "driving" / "lp_d19.mp4")) as video:
        frame = next(video.decode(video=0)).to_ndarray(format="rgb24")
    return frame, StillEditor(source_from_image(frame))


def test_a_raised_jaw_leaves_no_film_of_tone_and_wall_beside_it(glasses):
    photo, editor = glasses
    out = editor.render(Sliders(pitch=-30))
    wall, skin = photo_chroma(photo, WALL), photo_chroma(photo, SKIN)
    for box in BESIDE_JAW:
        film = film_share(out, box, wall, skin)
        assert film <= FILM_MOST, f"--pitch -30: {film:.3f} of x {box[0]}-{box[2]} a film of tone and wall"
    # The neck under the raised chin is still the tone: skin's chroma, not the wall's.
    x0, y0, x1, y1 = NECK
    along = (np.median(chroma(out[y0:y1, x0:x1]).reshape(-1, 2), 0) - wall) @ (skin - wall) / np.sum((skin - wall) ** 2)
    assert along > FILM[1], f"the neck under the raised chin {along:.2f} of the way from the wall's chroma to the skin's"
