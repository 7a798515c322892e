"""The wall seen through the collar beside a jaw moved sideways (`figures.walled_in`; issue #9, docs/status.md
h38-wall's left): lp_s6 x lp_d12 140-180 at 384 px drew a pale crescent of the wall between the moved jaw and the
collar (frame 20, the head ~10 px left) and under the jaw inside the collar's opening (frames 22-30, the head right)."""

from __future__ import annotations

import numpy as np
from mesh_faces import clay_on_wall, driven_targets

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.walled_in import walled_in
from facereel.engines.mesh.neck_layer.shifted_wall import open_to

SHOWN = tuple(range(20, 31))
"""lp_d12 140-180's frames where the shake has carried lp_s6's head sideways (`test_wall_smear.SHOWN`)."""


def test_a_row_is_open_to_the_wall_until_the_collar_stands_in_it():
    """`open_to`: along a row the background reached before the photo's kept pixels, one way or the other."""
    off = np.zeros((2, 8), bool)
    off[:, 0] = off[:, 7] = True
    kept = np.zeros((2, 8), bool)
    kept[0, 2] = kept[0, 5] = True
    kept[1, 5] = True
    assert open_to(off, kept).tolist() == [[True, True, False, False, False, False, True, True],
                                           [True] * 5 + [False, True, True]]


def test_the_figure_reads_the_wall_closed_off_by_a_collar_not_beside_a_thin_rim():
    """A 40 x 60 photo: the wall left of x 10 and right of x 50, a clay head (alpha 1) over x 10-49, drawn over
    x 10-19 alone, x 20-29 drawn as the wall. With the photo's own body shown over x 30-49 (alpha 0: a collar, 20 px
    wide) they are closed off: 8 columns (2 px of the drawn head's edge left out) x 40 rows; a body 2 px wide
    (x 30-31, a rim's strand) closes nothing off."""
    face_px = 100.0
    photo = clay_on_wall((40, 60), slice(10, 50))
    person = np.zeros((40, 60), np.float32)
    person[:, 10:50] = 1
    drawn = np.zeros((40, 60), np.float32)
    drawn[:, 10:20] = 1
    frame = photo.copy()
    frame[:, 20:30] = photo[:, :10]
    for body_to, area in ((50, 8 * 40), (32, 0)):
        alpha = person.copy()
        alpha[:, 30:body_to] = 0
        assert walled_in(frame, photo, alpha, drawn, person, face_px, 0) == area / face_px ** 2
    assert walled_in(photo, photo, person, person, person, face_px, 0) == 0.0


def test_lp_s6_shake_shows_no_wall_through_the_collar(shared_data):
    """lp_s6 at 384 px x lp_d12 140-180 as `facereel animate` draws it, `walled_in` from the nose tip's row over
    `SHOWN` (square face sizes): the source repeated 0; the engine before (the wall mixed into the fill beside the
    background on every row, h38-wall) mean 0.011, max 0.018 (frame 24, under the jaw's left inside the collar); now,
    the wall kept to the rows that reach the background without crossing the photo's kept body, 0 / 0. Bound: a
    tenth of the engine's before. The plate `drawn_layer` hands on is the wall-mixed one `composite` laid on the
    moving box, and the plate itself outside it."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s6.jpg"), 384)
    engine = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = engine.box
    photo, face_px = source.image[y0:y1, x0:x1], face_size(source.landmarks)
    top = round(float(source.landmarks[1][1])) - y0
    alpha, person = engine.layer.alpha, engine.mask.person
    assert walled_in(photo, photo, alpha, alpha, person, face_px, top) == 0.0
    walled = []
    for k, target in enumerate(driven_targets(source, shared_data / "driving" / "lp_d12.mp4", 140, SHOWN[-1] + 1)):
        mapped = engine.map_frame(target)
        frame = engine.draw(mapped)
        if k in SHOWN:
            walled.append(walled_in(frame[y0:y1, x0:x1], photo, alpha, engine.drawn_alpha(), person, face_px, top))
    assert np.mean(walled) < 0.0011 and max(walled) < 0.0018, walled
    _, plate = engine.drawn_layer()
    assert mapped.box is not None
    outside = np.ones(alpha.shape, bool)
    outside[mapped.box] = False
    assert np.array_equal(plate[outside], engine.layer.plate[outside])
