"""The neck's tone under a raised, turned chin laid in part over the wall's fill (issue #9): laid in full over a white
collar's columns (`neck._collar_columns`) and there faded in from the photo's outline (`neck_tone.inside_outline`);
`figures.tone_film.film_share` reads the film."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.tone_film import film_share
from facereel.engines.mesh.neck_layer.neck_tone import OUTLINE_RAMP, inside_outline
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

RAISED = range(12, 24, 2)
"""preset:turn (4 s) frames with lp_s12's chin raised and turned, the film showing (x 235-258, y 195-240)."""
MOST_FILM = 0.07
"""The largest mean `film_share` over `RAISED` kept: the engine before read 0.123 (0.112-0.136 a frame), now 0.048."""


def test_the_tone_fades_in_from_the_outline_over_a_white_collar_only():
    """`inside_outline`: over the collar's columns (widened by `OUTLINE_RAMP` each side) none on and past the person's
    outline, rising with the distance inside, all from `OUTLINE_RAMP` face sizes in; 1 in the other columns."""
    person = np.zeros((100, 40), np.float32)
    person[:60] = 1.0  # the person above row 60, its outline across the columns
    columns = np.zeros(40, np.float32)
    columns[:10] = 1.0
    ramp = inside_outline(person, columns, face_px=200.0)
    reach = round(OUTLINE_RAMP * 200.0)
    assert np.all(ramp[60:, :10 + reach] == 0.0) and np.all(ramp[:, 10 + reach + 1:] == 1.0)
    line = ramp[:60, 5][::-1]  # from the outline inwards
    assert line[0] < 0.05 and np.all(np.diff(line) >= 0), line
    assert np.all(line[int(np.ceil(OUTLINE_RAMP * 200.0)) + 1:] == 1.0)


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


def test_lp_s12s_raised_chin_shows_no_film_of_tone_and_wall():
    """lp_s12 x preset:turn 12-22 at his own size: under the raised, turned chin the tone is no longer laid at about
    half over the wall's fill beside his ear (a grey-brown film with straight sides: mean `film_share` 0.123 with
    the engine before, 0.048 now; the source repeated 0; crops source | before | after at 4x, x 170-280 y 170-260)."""
    image, lm = portrait("lp_s12")
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
