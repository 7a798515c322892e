"""The plate beside a thin neck (issue #9): behind lp_s6's jaw angle the hole is filled from the person beside the
neck band (`plate.neck_body_side`), not from the wall, which the neck layer stretched into a white notch with
stepped stripes between the ear and the collar (lp_s6 x lp_d3 frames 10-30); read by `figures.wall_notch`. Above
the band's rows, under the ear, the hole over the neck's columns is the neck going on up (`plate.under_ear`), not the
wall a turning head uncovered as a white wedge (lp_s6 x preset:turn 12-20); read by
`figures.wall_notch.wall_under_ear`."""

from __future__ import annotations

import numpy as np
from mesh_faces import landmarks, scaled_portrait

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.figures.wall_notch import wall_notch, wall_under_ear
from facereel.engines.mesh.geometry.head_proxy import person_grow_px
from facereel.engines.mesh.plate_fill.plate import like_photo, neck_body_side, under_ear
from facereel.face import landmark_ids as ids
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import retarget


def test_neck_body_side_raises_the_side_in_the_neck_rows_only():
    """Beside the band's rows the side is the eroded body's; in them it is raised to the person's, never lowered."""
    side = np.zeros((6, 8), np.float32)
    to_background = np.full((6, 8), 10.0, np.float32)
    to_person = np.full((6, 8), 2.0, np.float32)
    neck = np.zeros((6, 8), np.float32)
    neck[3:, 3:5] = 1.0
    out = neck_body_side(side, to_background, to_person, neck, margin_px=4.0)
    assert np.all(out[:3] == 0.0)
    assert np.all(out[3:] == 1.0)  # the whole row, beside the band too
    assert np.all(neck_body_side(np.ones_like(side), to_background, to_background + 20, neck, 4.0) == 1.0)


def _notch(image: np.ndarray, lm: np.ndarray) -> tuple[int, int]:
    """`wall_notch` of the source's crop and of the plate, with the CLI's options."""
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = animator.box
    mask, fringe = animator.mask, person_grow_px(lm)
    return (wall_notch(image[y0:y1, x0:x1], mask.person, mask.neck, fringe),
            wall_notch(animator.layer.plate, mask.person, mask.neck, fringe))


def test_lp_s6_plate_behind_the_jaw_angle_is_not_the_wall(monkeypatch):
    """lp_s6 at 512 px: the wall-coloured pixels inside the person in the neck band's rows, the photo's own 180, the
    plate before (the side from the eroded body only) 648, now 309 (bench/wall_notch.py)."""
    image, lm = scaled_portrait("lp_s6", 512 / 725)
    source, now = _notch(image, lm)
    with monkeypatch.context() as patch:
        patch.setattr(layers, "neck_body_side", lambda side, *rest: side)
        _, before = _notch(image, lm)
    assert now < 0.6 * before, (source, before, now)
    assert now < 2 * source, (source, before, now)


def test_under_ear_fills_the_necks_columns_above_the_band_only():
    """Above the band's top edge, over the reach, in the columns where the person goes on down (the neck): not an
    ear lobe standing out past it, not above the reach, not in the band's own rows."""
    h, w = 60, 40
    neck = np.zeros((h, w), np.float32)
    neck[30:, 10:30] = 1.0
    person = np.zeros((h, w), np.float32)
    person[:, 5:34] = 1.0  # the neck, down the whole crop
    person[10:30, 34:38] = 1.0  # an ear lobe beside it, ending above the band
    out = under_ear(neck, person, margin_px=4.0)  # reach 16 px, fringe 2 px
    assert np.all(out[22:30, 8:31] == 1.0)  # the lower half of the reach, the neck's columns less the fringe
    assert np.all(out[:14] == 0.0) and np.all(out[30:] == 0.0)
    assert np.all(out[:, 34:] == 0.0) and np.all(out[:, :7] == 0.0)
    assert 0.0 < out[18, 20] < 1.0  # fading out over the upper half


def test_like_photo_takes_the_neck_fill_only_for_a_lighter_plate_unlike_the_photo():
    """The fill like the photo stands in for a lighter plate (a white wall), not for a darker one (a dark background
    reads as shade), and a fill unlike the photo (a dark collar) never does."""
    clay = np.full((20, 20, 3), (160, 110, 80), np.uint8)
    wall, dark = np.full((20, 20, 3), 220, np.float32), np.full((20, 20, 3), 35, np.float32)
    assert np.all(like_photo(clay, clay.astype(np.float32), wall, 3.0) == 1.0)
    assert np.all(like_photo(clay, clay.astype(np.float32), dark, 3.0) == 0.0)
    assert np.all(like_photo(clay, np.full((20, 20, 3), 40, np.float32), wall, 3.0) == 0.0)


def _turn_under_ear(image: np.ndarray, lm: np.ndarray, frames: range) -> tuple[int, int]:
    """`wall_under_ear` summed over preset:turn (2 s) `frames`, with the CLI's options: the source repeated, the
    engine."""
    animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    targets = retarget(lm, preset_motion("turn", 2.0), AnimateOptions().retarget.for_engine("mesh"))
    x0, y0, x1, y1 = animator.box
    mask, fringe = animator.mask, person_grow_px(lm)
    face = float(np.ptp(lm[list(ids.FACE_OVAL), 1]))
    crop = image[y0:y1, x0:x1]
    read = lambda frame: wall_under_ear(frame[y0:y1, x0:x1], crop, mask.person, mask.neck, fringe, face)  # noqa: E731
    return read(image) * len(frames), sum(read(animator.render(targets[k])) for k in frames)


def test_lp_s6_turn_uncovers_no_white_wedge_under_the_ear(monkeypatch):
    """lp_s6 at 512 px x preset:turn frames 12-20: the wall showing through the neck under the ear, the source
    repeated 0, the engine before (`under_ear` off) 3075, now 704 (bench/wall_notch.py; what is left is mostly the
    head layer's own wall-coloured edge in the notch between the lobe and the neck, laid over the neck)."""
    image, lm = scaled_portrait("lp_s6", 512 / 725)
    source, now = _turn_under_ear(image, lm, range(12, 21))
    with monkeypatch.context() as patch:
        patch.setattr(layers, "under_ear", lambda neck, *rest: np.zeros(neck.shape, np.float32))
        _, before = _turn_under_ear(image, lm, range(12, 21))
    assert before > 2000, (source, before, now)
    assert now < 0.3 * before, (source, before, now)


def test_under_ear_leaves_a_plate_whose_neck_fill_is_unlike_the_face(monkeypatch):
    """grace_hopper at 512 px: the fill from the person below is her dark uniform, unlike her face (`like_photo`),
    so her plate is the engine's before bit for bit (filled from it, her far ear uncovered a grey-blue block; sr_4's
    and sr_18's plates are bit-identical too: bench/wall_notch.py)."""
    import cv2
    import imageio.v3 as iio
    from matplotlib import cbook

    image = iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))[..., :3]
    image = np.ascontiguousarray(cv2.resize(image, None, fx=512 / max(image.shape[:2]), fy=512 / max(image.shape[:2]),
                                            interpolation=cv2.INTER_AREA))
    lm = landmarks(image)
    now = MeshAnimator(image, lm, mesh_options(AnimateOptions())).layer.plate
    with monkeypatch.context() as patch:
        patch.setattr(layers, "under_ear", lambda neck, *rest: np.zeros(neck.shape, np.float32))
        before = MeshAnimator(image, lm, mesh_options(AnimateOptions())).layer.plate
    assert np.array_equal(now, before)
