"""A head rolled to the image's right leaves a grey-brown smudge on the wall beside its jaw (issue #12 part 4).

lp_d19's frame 0 (glasses, 480 x 480) `edit --roll -30`: a soft grey-brown blob on the wall right of the rolled jaw,
below the image-right ear (x 385-402, y 280-315). Traced (h33-roll) to the neck layer's plate, not the head: the head
alpha there is 0 and the moved neck plate (`HeadLayer._move_neck`) draws it; `MeshOptions(neck_layer=False)` reads 0,
while `rigid_pendants`, `soft_ends`, `carried_ends` and `hanging_hair` off change no pixel. The neck plate there reads
the photo 23-35 px to the left (the neck's backward displacement, moved right with the rolled jaw's corner), at the
photo's x 355-370, y 280-315: the ear lobe's place in the plate's hole (the hole holds the lobe and the neck's edge
beside it; the person mask covers them). There the neck plate is the hole's fill, the wall (R 153-160, the wall's 160),
with the neck's shadowed tone (`HeadLayer.tone`, R 121-144) laid at a share of 0.1-0.3 (`_tone_share`: the person
below the jaw line, blurred by `_SHADE_SOFTNESS`: the tone's soft side, the cause of `test_jaw_corner_film`'s film
too): R 141-148. Keeping the neck plate the plate where the photo's own pixel reads as wall (a scratch try) only
took 0.133 to 0.106: the smudge is read from the lobe's place, not the wall under it. The photo's head covered it;
the rolled head does not (with `--mouth-open 1.5 --smile 1.5` the wider jaw covers it: 0.062, its soft edge).
`figures.wall_film`'s `film_share` in x 390-410, y 278-318: the photo 0, the engine 0.133, the neck layer off 0.
Strict xfail until the tone's soft side keeps off the lobe's place beside the neck, or the neck's move there is
held."""

from __future__ import annotations

import av
import numpy as np
import pytest

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import source_from_image
from facereel.engines.mesh.figures.wall_film import film_share, photo_chroma
from facereel.motion.sliders import Sliders

BESIDE_JAW = (390, 278, 410, 318)
"""(x0, y0, x1, y1) px: the wall right of the rolled jaw, below the image-right ear, where the smudge lies."""
WALL, SKIN = (10, 150, 80, 300), (170, 300, 220, 350)
"""(x0, y0, x1, y1) px of the photo: its plain wall, and its skin (the jaw above the collar)."""
SMUDGE_MOST = 0.05
"""`film_share` allowed there: the photo repeated and the engine without its neck layer read 0."""


def _photo(shared_data) -> np.ndarray:
    with av.open(str(shared_data / "driving" / "lp_d19.mp4")) as video:
        return next(video.decode(video=0)).to_ndarray(format="rgb24")


@pytest.mark.xfail(strict=True, reason="the neck plate's fill under the ear lobe moves out from under the head")
def test_a_head_rolled_right_leaves_no_smudge_beside_its_jaw(shared_data):
    photo = _photo(shared_data)
    out = StillEditor(source_from_image(photo)).render(Sliders(roll=-30))
    share = film_share(out, BESIDE_JAW, photo_chroma(photo, WALL), photo_chroma(photo, SKIN))
    assert share <= SMUDGE_MOST, f"--roll -30: {share:.3f} of the wall beside the jaw a smudge of skin and wall"


def test_the_photo_repeated_shows_no_smudge_beside_its_jaw(shared_data):
    photo = _photo(shared_data)
    share = film_share(photo, BESIDE_JAW, photo_chroma(photo, WALL), photo_chroma(photo, SKIN))
    assert share <= SMUDGE_MOST
