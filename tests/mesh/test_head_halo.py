"""The photo's light rim round the head goes with the head, not left in the plate (`plate_fill.head_halo`; issue #9,
h23-halo: lp_s6's sharpening halo stayed on the wall as a faint line along the old outline, `figures.left_halo`)."""

from __future__ import annotations

import numpy as np
from mesh_faces import pale_head_on_wall, portrait, shared_animator

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.left_halo import left_halo
from facereel.engines.mesh.plate_fill.head_halo import head_halo, skin_rim
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.sliders import Sliders


def _wall(rim: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A head (alpha 1, x < 40) over a wall of grey 200 with a light rim `rim` levels over it at x 41-42; the hole to
    x 60. Returns crop, fill (the plain wall), alpha, hole."""
    crop = np.full((40, 80, 3), 200.0, np.float32)
    crop[:, :40] = 60
    crop[:, 41:43] += rim
    fill = np.full(crop.shape, 200.0, np.float32)
    alpha = np.zeros((40, 80), np.float32)
    alpha[:, :40] = 1
    hole = np.zeros((40, 80), np.uint8)
    hole[:, :60] = 1
    return crop.astype(np.uint8), fill, alpha, hole


def test_the_rim_beside_the_head_is_the_heads_and_the_walls_structure_is_not():
    """A 6-level rim 1-2 px past the alpha is the head's; a 7-px stripe 40 levels over the fill beside the head (the
    wall's own light structure) is not; nothing past `REACH` margins (3.2 px), nor on the neck band (`off`)."""
    crop, fill, alpha, hole = _wall(6)
    off = np.zeros(alpha.shape, np.float32)
    halo = head_halo(crop, fill, alpha, hole, off, 8.0, 0.02)
    assert (halo[:, 41:43] == 1).all() and (halo[:, :40] == 0).all() and (halo[:, 43:] == 0).all()
    stripe, *_ = _wall(0)
    stripe[:, 41:48] = 240  # a light stripe of the wall beside the head, 40 over the fill
    strong = head_halo(stripe, fill, alpha, hole, off, 8.0, 0.02)
    assert (strong[:, 41:] < 0.05).all() and (strong[:, 40] < 0.5).all()
    off[:20] = 1
    assert (head_halo(crop, fill, alpha, hole, off, 8.0, 0.02)[:20] == 0).all()


def test_left_halo_reads_the_rim_left_where_the_head_moved_off():
    """The photo's 8-level rim (x 41-42) left on the frame after the head moved 20 px off reads its contrast (band
    3 px); the wall there without it reads ~0; a head still in place reads None."""
    photo, fill, alpha, _ = _wall(8)
    grain = np.random.default_rng(0).integers(0, 2, photo.shape).astype(np.uint8)
    photo += grain
    person = alpha.copy()
    moved = np.zeros(alpha.shape, np.float32)
    moved[:, :20] = 1  # the drawn head
    plain = fill.astype(np.uint8) + grain
    plain[:, :20] = 60
    left = plain.copy()
    left[:, 41:43] += 8
    assert left_halo(left, photo, alpha, person, moved, 150.0) > 2
    assert abs(left_halo(plain, photo, alpha, person, moved, 150.0)) < 0.5
    assert left_halo(photo, photo, alpha, person, alpha, 150.0) is None


def test_lp_s6_halo_is_not_left_on_the_wall():
    """lp_s6 (a sharpened statue over a white wall) at 512 as `facereel edit --roll` makes it: the light rim left along
    the old outline (`left_halo`). Measured: source repeated nothing uncovered (None); roll 20 / 30 / -20 engine before
    0.43 / 0.40 / 0.63, now 0.21 / 0.17 / 0.44 (what is left: the wall's light grain in the hole's margin, which stays).
    At rest the frame is still the photo."""
    image, lm = portrait("lp_s6")
    source = resize_source(Source(image=image, landmarks=lm), 512)
    editor = StillEditor(source)
    animator = editor.animator
    x0, y0, x1, y1 = animator.box
    photo = source.image[y0:y1, x0:x1]
    assert np.array_equal(editor.render(Sliders()), source.image)
    for roll in (20, 30):
        frame = editor.render(Sliders(roll=roll))[y0:y1, x0:x1]
        left = left_halo(frame, photo, animator.layer.alpha, animator.mask.person, animator.drawn_alpha(),
                         face_size(source.landmarks))
        assert left is not None and left < 0.3, (roll, left)


def test_the_heads_pale_edge_at_alpha_0_is_the_heads_and_skin_going_on_or_a_dark_edge_is_not():
    """`skin_rim`: a pale head (200) over a dark wall (100) whose anti-aliased edge (x 40-41: 150, 120) lies past the
    alpha is the head's by its share of the step (0.5, 0.2); a pale neck going on below (as light as the head) is not,
    nor the edge of a dark head (60) over a lighter wall."""
    crop, *scene = pale_head_on_wall((150, 120))
    rim = skin_rim(crop, *scene, 0.02)
    assert np.allclose(rim[10:30, 40], 0.5, atol=0.05) and np.allclose(rim[10:30, 41], 0.2, atol=0.05)
    assert (rim[:, 42:] == 0).all() and (rim[:, :40] == 0).all()
    neck = crop.copy()
    neck[:, 40:42] = 200  # the skin going on past the alpha
    assert (skin_rim(neck, *scene, 0.02) == 0).all()
    dark = crop.copy()
    dark[:, :40], dark[:, 40], dark[:, 41] = 60, 80, 90
    assert (skin_rim(dark, *scene, 0.02) == 0).all()


def _warm_rim(solid_to: int, head: tuple[int, int, int], wisp: tuple[int, int, int]) -> tuple:
    """`skin_rim`'s inputs (full_at 0.02, neck and hanging too) for a head over a light wall (200, its fill) in the
    neck band's rows (the band x < 20): solid (alpha 1, colour `head`) up to x `solid_to`, the mask's faint wisp
    (alpha 0.05, colour `wisp`) on to x 40, and its edge x 40 the wisp's colour half mixed with the wall."""
    crop = np.full((40, 80, 3), 200, np.uint8)
    crop[:, :solid_to], crop[:, solid_to:40] = head, wisp
    crop[:, 40] = (np.float32(wisp) + 200) / 2
    alpha = np.zeros((40, 80), np.float32)
    alpha[:, :solid_to], alpha[:, solid_to:40] = 1, 0.05
    person, neck = np.zeros((40, 80), np.float32), np.zeros((40, 80), np.float32)
    person[:, :42], neck[:, :20] = 1, 1
    return (crop, np.full(crop.shape, 200.0, np.float32), alpha, np.ones((40, 80), np.uint8), person, 0.02, neck,
            np.zeros((40, 80), np.float32))


def test_a_dark_neck_sides_edge_is_the_heads_and_a_dark_wisp_beside_a_light_head_is_not():
    """`skin_rim`'s dark rim: a warm dark neck side (150, 100, 80), solid to x 40, over the light wall, its edge half
    mixed with the wall, is the head's by its share (0.5; lp_d19's neck side). The same edge beyond a faint wisp
    (alpha 0.05) of an olive leaf (110, 90, 60) is not the head's where the solid head lies over `SOLID_REACH` px
    off (10 px) or beside it is lighter than the wall (3 px from a cheek of (240, 200, 180)): lp_s0's sofa leaf under
    her mask's wisp, carried off with the turned jaw as a dark line."""
    neck, leaf, cheek = (150, 100, 80), (110, 90, 60), (240, 200, 180)
    assert np.allclose(skin_rim(*_warm_rim(40, neck, neck))[:, 40], 0.5, atol=0.05)
    assert (skin_rim(*_warm_rim(30, neck, leaf)) == 0).all()
    assert (skin_rim(*_warm_rim(37, cheek, leaf)) == 0).all()


def test_lp_s3s_pale_jaw_edge_is_not_left_beside_her_turned_raised_chin():
    """lp_s3 at her own size (564 x 730) x preset:turn 36-44: the painted skin's last 1-2 px left of her jaw lay at
    alpha 0 and stayed in the plate, a thin pale curved line beside the moved jaw (x 232-250, y 200-245; fresh sweep
    h26-fresh (4)). `left_halo` over the photo's alpha (the mask's, as before the rim joined the head): source repeated
    None (nothing uncovered); engine before 1.64 / 1.32 / 0.91 on frames 36 / 40 / 44, now 0.09 / -0.00 / -0.09.
    At rest the frame is still the photo."""
    image, lm = portrait("lp_s3")
    animator = shared_animator("lp_s3")
    x0, y0, x1, y1 = animator.box
    photo = image[y0:y1, x0:x1]
    alpha = np.clip(animator.mask.alpha, 0, 1).astype(np.float32)
    assert np.array_equal(animator.render(lm), image)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    for frame in (36, 40, 44):
        drawn = animator.render(targets[frame])[y0:y1, x0:x1]
        left = left_halo(drawn, photo, alpha, animator.mask.person, animator.drawn_alpha(), face_size(lm))
        assert left is not None and left < 0.4, (frame, left)
