"""The neck's tone under a raised, turned chin laid in part over the wall's fill (issue #9): laid in full over a white
collar's columns (`neck._collar_columns`); `figures.tone_film.film_share` reads the film."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.tone_film import film_share
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

RAISED = range(12, 24, 2)
"""preset:turn (4 s) frames with lp_s12's chin raised and turned, the film showing (x 235-258, y 195-240)."""
MOST_FILM = 0.07
"""The largest mean `film_share` over `RAISED` kept: the engine before read 0.123 (0.112-0.136 a frame; 0.112 at 512),
now 0.048 (0.047 at 512)."""


def test_film_share_reads_a_half_laid_strip_not_skin_or_wall():
    """`film_share`: a strip of the uncovered head drawn half skin, half wall reads its share of the uncovered pixels;
    the skin or the wall drawn whole read 0; nothing uncovered reads 0."""
    skin, wall = np.array([200, 150, 130], np.uint8), np.array([120, 150, 160], np.uint8)
    photo = np.empty((60, 100, 3), np.uint8)
    photo[:] = wall
    photo[:, :60] = skin
    source_alpha = np.zeros((60, 100), np.float32)
    source_alpha[:, :60] = 1.0
    drawn = np.zeros_like(source_alpha)
    drawn[:20, :60] = 1.0  # the moved head still covers the top rows
    frame = photo.copy()
    frame[:, 45:60] = ((skin.astype(np.int32) + wall) // 2).astype(np.uint8)
    person = source_alpha.copy()
    share = film_share(frame, photo, drawn, source_alpha, person, face_px=100.0)
    uncovered = (source_alpha >= 0.5) & (np.arange(60)[:, None] >= 20 + 3)  # `tone_trace.GAP` 0.03 x 100 px clear
    assert abs(share - 15 / 60) < 0.02 and uncovered.any(), share
    assert film_share(photo, photo, drawn, source_alpha, person, 100.0) == 0.0
    assert film_share(photo, photo, source_alpha, source_alpha, person, 100.0) == 0.0


@pytest.mark.parametrize("size", [None, 512])
def test_lp_s12s_raised_chin_shows_no_film_of_tone_and_wall(size):
    """lp_s12 x preset:turn 12-22 at his own size and at 512 (as `animate --size 512`): under the raised, turned chin
    the tone is no longer laid at about half over the wall's fill beside his ear (a grey-brown film with straight
    sides: mean `film_share` 0.123 / 0.112 with the engine before, 0.048 / 0.047 now; the source repeated 0; crops
    source | before | after at 4x, x 185-275 y 170-250)."""
    image, lm = portrait("lp_s12")
    if size is not None:
        source = resize_source(Source(image=image, landmarks=lm), size)
        image, lm = source.image, source.landmarks
    animator = MeshAnimator(image, lm)
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape
    photo, source_alpha = image[y0:y0 + h, x0:x0 + w], animator.layer.plate_alpha
    person, face = animator.mask.person, face_size(lm)
    assert film_share(photo, photo, source_alpha, source_alpha, person, face) == 0.0
    targets = retarget(lm, preset_motion("turn"), RetargetOptions().for_engine("mesh"))
    reads = []
    for k in RAISED:
        frame = animator.render(targets[k])[y0:y0 + h, x0:x0 + w]
        reads.append(film_share(frame, photo, animator.drawn_alpha(), source_alpha, person, face))
    assert np.mean(reads) < MOST_FILM, reads
