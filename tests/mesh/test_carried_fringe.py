"""The head layer's see-through fringe beside lp_s0's turned near cheek (issue #9, `figures.carried_fringe`;
`fringe_unmix.towards_skin`, h41-s0temple) and the dark line it carried along the sofa's leaf (`figures.dark_streak`;
`head_halo.skin_rim`'s `SOLID_REACH`, h43-s0line)."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait, set_up_copy

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.carried_fringe import carried_fringe
from facereel.engines.mesh.figures.dark_streak import dark_streak
from facereel.engines.mesh.head_edge.fringe_unmix import towards_skin
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

NEAR = (slice(60, 125), slice(101, 161))
"""lp_s0 at 512's crop (rows, columns): her near temple and cheek beside the sofa's leaf, turned (image x 180-240)."""
FRAMES = (37, 39, 41)
"""preset:turn (2 s) frames where the near cheek's edge was drawn see-through over the sofa."""
LEAF = (185, 104, 218, 122)
"""x0, y0, x1, y1 px of lp_s0 at 512: the sofa's leaf left of her turned near jaw, below the moved eye."""


def _lp_s0_turn() -> tuple[Source, np.ndarray, MeshAnimator]:
    """lp_s0 at 512, preset:turn's (2 s) target landmarks for it ((n, 478, 3) px) and its animator."""
    image, lm = portrait("lp_s0")
    source = resize_source(Source(image=image, landmarks=lm), 512)
    options = RetargetOptions().for_engine("mesh")
    targets = retarget(source.landmarks, preset_motion("turn"), options)
    return source, targets, set_up_copy(source.image, source.landmarks, MeshOptions().with_limits(options))


def test_the_figure_reads_a_wide_soft_fringe_and_not_a_hard_edge():
    """A head alpha stepping 1 -> 0 reads 0; a 10 px fringe at 0.3 past it reads most of the band."""
    hard = np.zeros((40, 60), np.float32)
    hard[:, :30] = 1.0
    assert carried_fringe(hard, (slice(0, 40), slice(0, 60)), 100.0) == 0.0
    soft = hard.copy()
    soft[:, 30:40] = 0.3
    assert carried_fringe(soft, (slice(0, 40), slice(0, 60)), 100.0) > 0.9


def test_only_a_step_towards_the_skin_is_skin_over_the_plate():
    """Skin (200, 150, 125) at 0.3 over a lighter grey plate is on the line from the plate to it; sr_18's shaded
    crease under her lobe (83, 44, 29) over her dark plate (73, 54, 47), her skin (206, 140, 115), is that skin in
    shade over it (redder than the plate, as dark); lp_s0's olive leaf (93, 90, 71) over the neck plate
    (145, 136, 116) is not."""
    skin, plate = np.float32([200, 150, 125]), np.full((1, 2, 3), [230, 225, 220], np.float32)
    source = np.float32([[0.3 * skin + 0.7 * plate[0, 0], [93, 90, 71]]])
    plate[0, 1] = (145, 136, 116)
    assert towards_skin(source, plate, skin).tolist() == [[True, False]]
    crease = towards_skin(np.float32([[[83, 44, 29]]]), np.float32([[[73, 54, 47]]]), np.float32([206, 140, 115]))
    assert crease.tolist() == [[True]]


def test_sr_4s_dark_nape_hair_over_the_grey_fill_steps_towards_her_skin():
    """sr_4's dark brown hair at the nape (85, 72, 42), segmentation alpha 0.02-0.07 over the lighter grey-brown fill
    of the plate under the ears ((127, 115, 87), (120, 107, 80)), her opaque skin's median (140, 103, 74): cosine
    0.78 / 0.73, read as not towards the skin at `TOWARDS_SKIN` 0.8 (h42-s0temple), its raise (to 0.4-1) dropped and
    preset:turn frame 6 drew the fill's light into the hair's tuft above the nape (light seams 1.96 -> 2.15 with
    `column_runs` off, tests/mesh/test_nape_fill.py's sr_4 test failing). At 0.7 it is raised again; lp_s0's olive
    leaf (cosine 0.09 in the test above, her real leaf mostly under 0.5) stays out."""
    skin = np.float32([140, 103, 74])
    hair = np.float32([[[85, 72, 42], [85, 72, 42]]])
    plate = np.float32([[[127, 115, 87], [120, 107, 80]]])
    assert towards_skin(hair, plate, skin).tolist() == [[True, True]]


def test_lp_s0s_turned_near_cheek_lays_no_see_through_fringe_over_the_sofa():
    """lp_s0 at 512 x preset:turn 37-42: under the near ear `fringe_unmix` raised the sofa's olive leaf by her jaw
    (segmentation alpha 0-0.08, darker than the neck plate) to 0.15-0.48, keeping its unmixed colour in range, and
    the head carried it past the moved outline, ~2x stretched: the cheek's edge drawn see-through, the leaf showing in
    a 6-10 px band. `carried_fringe` on frames 37 / 39 / 41: source repeated 0.130; engine before 0.358 / 0.371 /
    0.370; raised only where the pixel steps towards the skin in chromaticity (`towards_skin`, h42-s0temple; in RGB,
    h41-s0temple, 0.265 / 0.273 / 0.256): 0.266 / 0.279 / 0.262. Looked at 5-14x (source | before | RGB | now,
    frames 37, 39, 41): the olive veil left of the jaw gone, the sofa's plain plate beside the cheek's edge; the dark
    line along the leaf's lower edge (`head_halo.skin_rim`) stayed (next test)."""
    source, targets, animator = _lp_s0_turn()
    face_px = face_size(source.landmarks)
    shares = []
    for k in FRAMES:
        animator.render(targets[k])
        shares.append(carried_fringe(animator.drawn_alpha(), NEAR, face_px))
    assert max(shares) < 0.31, np.round(shares, 3)


def test_the_figure_reads_a_thin_dark_line_and_not_a_dark_edge():
    """A 2 px line 40 levels under a plain grey reads its pixels; a step down to a dark field (an outline) reads 0."""
    frame = np.full((30, 40, 3), 160, np.uint8)
    frame[14:16, 5:35] = 120
    assert dark_streak(frame, (0, 4, 40, 26)) == 60
    edge = np.full((30, 40, 3), 160, np.uint8)
    edge[15:] = 80
    assert dark_streak(edge, (0, 4, 40, 26)) == 0


def test_lp_s0s_turned_near_jaw_carries_no_dark_line_over_the_sofa():
    """lp_s0 at 512 x preset:turn 37-42: under the mask's faint wisp (alpha 0.02-0.13) over the sofa's olive leaf
    left of her near cheek, `skin_rim` read the wisp as a dark head and the leaf's lower edge and its tip by the jaw
    as that head's edge mixed with the sofa (a dark neck side's rim, lp_d19's rule), raised them to 0.3-1, and the
    turned head carried them off: a dark line 1-2 px thick along a pale wedge pointing left from the jaw. Now a dark
    rim lies within `SOLID_REACH` px of the solid head, which beside it is darker than the fill (her cheek is
    lighter). `dark_streak` in the box on frames 37 / 39 / 41: source repeated 3 (the leaf's stem); engine before
    21 / 20 / 18; now 6 / 5 / 5. Looked at 8x (source | before | now, frames 35-43): the dark line and the leaf tip
    stuck to the jaw gone, the leaf left in place on the sofa, the cheek's edge over it clean."""
    source, targets, animator = _lp_s0_turn()
    still = dark_streak(source.image, LEAF)
    drawn = [dark_streak(animator.render(targets[k]), LEAF) for k in FRAMES]
    assert max(drawn) <= still + 5, (still, drawn)
