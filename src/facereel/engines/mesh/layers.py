"""The two layers of a frame: the background plate (the source with the head removed and filled, made once
per source) and the head layer (premultiplied colour + alpha, warped every frame), and their composite.

The source is read as a composite, source = m * F + (1 - m) * B, with m the head mask and B the plate. The
head layer stores m * F = source - (1 - m) * B (premultiplied) and m as float32 images that the same bilinear
remap moves (`draw_kernels.remap_linear`, OpenCV's remap bit for bit); the frame is warped(m F) + (1 - warped
m) * B. Where the warp does not move anything this gives the source back exactly (float32 error ~1e-5 of a
grey level, far from the 0.5 that rounding would need), so everything away from the head stays bit for bit;
where the head moved away, the plate shows, never stretched hair.

Under the jaw the plate is not shown still: its neck (`neck_weight`) follows the jaw with motion graded
down to a fixed collar line and to none at the neck's edge (`neck.NeckWarp`), one continuous warp of the
plate: the neck's own skin stretches evenly up to meet a raised or turned jaw, the plate's fill under the
old jaw line moves along with the jaw, hidden behind it, and the moved neck covers what it uncovers (up to
a limited stretch, beyond which a shadowed neck tone shows).
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import box_from, box_overlap, disc_kernel, face_size
from facereel.engines.mesh.draw_kernels import (BILINEAR_WEIGHTS, bound_rim, empty_taps, fade_past_sides, over_plate,
                                                neck_read, pull_level, remap_linear, untone)
from facereel.engines.mesh.geometry.edge_coverage import cover_jumps
from facereel.engines.mesh.geometry.head_proxy import HeadMask, smoothstep
from facereel.engines.mesh.geometry.lengths import lengths
from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_edge.carried_ends import carry
from facereel.engines.mesh.head_edge.ear_matte import wall_fringe
from facereel.engines.mesh.head_edge.far_fold import cheek_reads, fold_strip, lightness, unfold_rows
from facereel.engines.mesh.head_edge.far_grain import FarGrain
from facereel.engines.mesh.head_edge.fold_holes import FoldHoles
from facereel.engines.mesh.head_edge.fringe_unmix import unmix_over_neck
from facereel.engines.mesh.head_edge.outline_skin import OutlineSkin, far_side
from facereel.engines.mesh.head_edge.soft_ends import SoftEnds
from facereel.engines.mesh.head_edge.unmix import laid_below_zero, premultiplied
from facereel.engines.mesh.head_mask.held_background import lighter_than_fill
from facereel.engines.mesh.neck_layer import near_bare
from facereel.engines.mesh.neck_layer.hole_end import into_clothes, soften_hole_end, tone_end
from facereel.engines.mesh.neck_layer.jaw_shadow import (BAND_LIFT, band_grain, band_profile, collar_ramp, laid_band,
                                                         move_weight, moved_shadow, shadow_factor, skin_grain)
from facereel.engines.mesh.neck_layer.neck import NeckWarp
from facereel.engines.mesh.neck_layer.shifted_wall import BesideWall
from facereel.engines.mesh.neck_layer.under_ear import LAID, tone_under_ear, wall_inside
from facereel.engines.mesh.plate_fill.chin_strip import slip_unit, strip_step
from facereel.engines.mesh.plate_fill.ear_bared import ear_bared
from facereel.engines.mesh.plate_fill.hair_side import (crisp_share, hair_reach, hidden_kept, person_fill, photo_kept,
                                                        wall_fill)
from facereel.engines.mesh.plate_fill.head_halo import head_halo, skin_rim
from facereel.engines.mesh.plate_fill.held_light import carry_held_light
from facereel.engines.mesh.plate_fill.kept_cloth import jaw_clearance, kept_cloth
from facereel.engines.mesh.plate_fill.kept_photo import KeptPhoto, kept_photo
from facereel.engines.mesh.plate_fill.plate import (body_side, column_runs, distance_outside, edge_match, hair_hole,
                                                    hair_near, margin_shadow, neck_body_side, ring_fill,
                                                    runs_carried_on)
from facereel.engines.mesh.plate_fill.row_mirror import mirrored_rows
from facereel.engines.mesh.plate_fill.stripe_carry import stripe_carry
from facereel.engines.mesh.sharp_inside import SharpInside
from facereel.engines.mesh.squeeze_filter import SqueezeFilter
from facereel.engines.mesh.top_band import fold_top
from facereel.face import landmark_ids as ids

if TYPE_CHECKING:  # (warp imports this module)
    from facereel.engines.mesh.geometry.warp import Seam
    from facereel.engines.mesh.head_edge.unfolded_fill import SkinEdge

_LEVELS_MIN = 4  # push-pull stops at a level this small (px)
SOLID_MATTE = 0.95  # head alpha from which `edge_matte` takes a pixel as the head's own colour
EDGE_CONTRAST = (30.0, 60.0)  # grey levels (RGB distance): `edge_matte` trusted from the first, fully at the second
LOOSE_SAME = (8.0, 16.0)
"""Grey levels (RGB distance): on the background carried behind the head (`edge_matte`'s `loose`), a photo pixel within
the first of the plate's fill is the plate's own and takes no head alpha, one past the second keeps the matte's (a ramp
between). The matte cannot read such a pixel where the head's colour carried out is as near the fill (sr_4's pillar's
lit edge beside its ear, 1-7 levels off the carried column, the ear's skin ~20 off): it kept alpha ~1 on a 3-4 px
strip of the pillar that moved with the head as a pale line on the wall (lp_d11 180-224, h31-ninesix)."""
LOOSE_RIM = 6
"""Px from the head's solid pixels within which `LOOSE_SAME` leaves the matte's alpha: the lit rim of sr_4's ear is as
near the carried fill as the pillar's edge, and taken off the head it stayed on the plate as a light ridge
(tests/mesh/test_dark_column.py: none 10 px at rest, 3 px 35 / 31 at `edit --roll` -20 / -25, over its 4 / 25 / 25;
6 px within them). The pillar's strip lies ~10 px from the ear at full size."""
CARRIED_EDGE = 1
"""Px: the columns carried on from above (`plate.runs_carried_on`) this near the carried runs (`plate.column_runs`) are
the start of the pillar's soft edge the carried runs go on with (sr_4 at 640 with `--body`: the first lit px, 80 grey
levels over the dark column's ~52), not the dark column the hair lies over: `carried_edge` takes them off the head by
`LOOSE_SAME`, the rim's guard (`LOOSE_RIM`) not applying: kept, the head moved that px over the plate's dark column as a
1 px light line along its hair (lp_d3 310-350, frames 25-39)."""
RIM_MOVE = 1.0  # px: the head's or the neck's motion from which `outline_rim` bounds a colour in full
FULL_PLATE_AT = 0.02  # head alpha from which the full plate is behind the head (below: fading to the source)
_SHADE_SOFTNESS = 0.03  # face sizes: the sigma softening where the neck's shadow replaces the plate's fill
BODY_FILL = (0.6, 0.9)
"""The body's share of the hole's fill (`plate.neck_body_side`) from which past the neck's far side the tone is kept
where the far jaw moves in (`HeadLayer._far_bare`), all of it from the second: sr_8's black hood under her far jaw
(~1), not sr_18's crowd beside his neck (0-0.3 above his collar's rows)."""
CUT_TAIL = 0.25  # plate grow widths: the sigma over which the source behind a cut head fades into the fill
OFF_FRAME_FADE = 2.0  # px over which a head sample spread past `SIDE_KEPT` fades out (`off_frame`)
SIDE_KEPT = 0.03  # face sizes past the crop's side the hair spread there is kept: as hair, not a sliver of wall
EDGE_BAND = 3.0  # px inside the crop's side: the band whose spread along the row `off_frame` measures
_NO_STEP, _NO_EMPTY, _NO_SLIP = (np.zeros((0, 0, 3), np.float32), np.zeros((0, 0), bool),
                                  np.zeros((0, 0, 1), np.float32))  # `neck_read` without a chin strip


def fill_hole(image: np.ndarray, known: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32: `image` with the pixels where `known` (h, w) float in [0, 1] is 0 filled smoothly
    from the known ones (push-pull: weighted averages down an image pyramid, filled back up).

    The fill takes the colour of the surrounding known pixels only, so it has no edge or shape of the hole
    in it (no head-shaped smear); it is smooth rather than textured.
    """
    colour = image.astype(np.float32) * known[..., None]
    weight = known.astype(np.float32)
    pyramid = [(colour, weight)]
    while min(weight.shape) > _LEVELS_MIN:
        colour, weight = cv2.pyrDown(colour), cv2.pyrDown(weight)
        pyramid.append((colour, weight))
    filled = colour / np.maximum(weight, 1e-6)[..., None]
    for colour, weight in reversed(pyramid[:-1]):
        up = cv2.pyrUp(filled, dstsize=(weight.shape[1], weight.shape[0]))
        filled = np.empty_like(colour)
        pull_level(colour, weight, up, filled)  # a level's average is trusted once 1/4 of it is known
    return filled


def plate_hole(mask: HeadMask, grow_px: int) -> np.ndarray:
    """(h, w) uint8, 1 in the plate's hole: the head's alpha grown by `grow_px`."""
    return cv2.dilate((mask.alpha > 0.02).astype(np.uint8), disc_kernel(grow_px))


def background_plate(crop: np.ndarray, mask: HeadMask, hole: np.ndarray, grow_px: int,
                     cut: np.ndarray | None = None, under: np.ndarray | None = None, shifted: bool = False,
                     jaw: tuple[np.ndarray, float] | None = None, stripes: bool = True
                     ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None, np.ndarray | None, np.ndarray | None,
                                np.ndarray, tuple[np.ndarray, np.ndarray] | None, bool]:
    """(h, w, 3) float32: the crop with the head removed and filled from what is around it; (h, w) float32 in
    [0, 1], how much the hole's fill is the body's rather than the background's (`plate.neck_body_side`; None
    where the person fills the crop); (h, w) bool, where the background seen above and below the hole is
    carried straight through it (`plate.column_runs`; None where nowhere); (h, w) float32 in [0, 1], how much the
    plate is to keep the photo in the neck band's hole where that is the clothes (`kept_cloth`; None where nowhere);
    and (h, w) bool, where the background is carried on from above beside those columns (`plate.runs_carried_on`: the
    plate's fill there, not the head's matte, whose dark hair it would hole; None where nowhere); and (h, w) float32
    in [0, 1], where the plate keeps the photo (`HeadMask.photo`; beside the hanging hair only as far as the fill is
    the person's, `hair_side.photo_kept`); and two (h, w) float32 in [0, 1], where beside the hanging hair that fill
    is the person's (`hair_side.person_fill`: the neck plate lays the shadowed neck tone there) and where it is the
    wall's (`hair_side.wall_fill`: the tone's soft share made crisp there), or None where no hair hangs; and whether
    the stripes were carried anywhere (`stripe_carry`; False: the plate is the same with `stripes` False).

    The hole (`plate_hole`, (h, w) uint8) is the head's alpha grown by `grow_px` (so no hair fringe is left
    in the plate). It is filled from the ring right beside it (`plate.ring_fill`: its colour carried in, its
    texture mirrored): from the background where that is nearer, from the person's body (the clothes, the
    shoulders) where that is nearer (`plate.body_side`): behind hair lying on a shoulder the clothes, not
    the curtain beside it (lp_s1's grey-blue wedge). In the neck band's rows the person's thin strip beside
    the neck counts as body too (`plate.neck_body_side`): behind the jaw angle the clothes, not the wall
    (lp_s6's white notch between ear and collar), on the person only (off it lp_d19's collar stood on the wall
    under the ears); not behind the hanging hair, whose lock over the background has the wall behind it (lp_s5's
    tip). Under the jaw the neck band is filled from the person
    below (the neck, the collar, the shoulders), but only where the person is nearer than the background:
    beside the nape that fill drew the shirt's red on the background (sr_4); nor behind the hanging hair, where
    that fill mixed with the ring's wall over two hole margins into a pale block left beside the moved neck
    (lp_s1 x lp_d12 150-183, `figures/neck_wall_mix`); and near that hair, where the ring's fill is the wall, the
    fill's share of the person is made crisp and the photo kept only where it is the person's (`hair_side`): wall
    or neck, no pale blend of the two under the hair's end (lp_s1 x preset:turn 36-48). The neck's skin is not
    carried in beside the neck (it showed as light blobs beside a turned jaw, lp_s1). Outside the hole the plate is
    the crop. cut: (h, w) float32 in [0, 1], another face's region (`HeadLayer`): its person is not this
    one's body, but where it lies behind this head (`under`, (h, w) float32 in [0, 1]: the pixels of the
    faces behind it) it is what the head hides, and carried in like the body: behind a front head's hair
    edge over the back person's hair the plate is that hair, not the wall (which showed as a light streak
    along the edge where the head moved). Where a row's run of the hole below the jaw's ends (`jaw` given) starts at
    the other person's body off the faces behind (cut, not `under`: her neck and collar below her chin, under the
    front hair hanging down; not her hair beside the front head's top, which showed reflected over the wall where the
    front head moved down), that row's pixels go on into it, reflected about the run's end
    (`row_mirror.mirrored_rows`), but for the photo itself where it is that body: the body's ring fill carried
    the collar's white up over her neck, a pale smooth streak where the front head moved right (lp_d12,
    `figures/chin_smear`). shifted: the background's side is filled with the background
    beside the hole shifted in (`plate.ring_fill`'s `shifted`, `MeshOptions.plate_shifts`). jaw: the jaw line's
    points ((n, 2) crop px) and the face size (px): the clothes are kept only clear of it (`kept_cloth`), and in the
    band a turned head bares under each ear (`ear_bared`; not with the shifts) the background's stripes go on across
    the hole along their own direction (`stripe_carry`: grace_hopper's flag under her far ear, not a pale flat
    wedge; not with `stripes` False); None: none.
    """
    known = 1.0 - hole.astype(np.float32)
    beside = known * (1 - mask.person)
    filled_by_person = beside.sum() < 0.01 * known.sum()
    if filled_by_person:  # the person fills the crop: fill from whatever is known (no body beside it)
        beside = known
    person = known * mask.person
    # The body that may stand behind the hole: the person but its thin fringe round the hair (the person
    # mask is grown past the hole there), which would carry a light rim of hair colour up beside the head.
    body = known * cv2.erode(mask.person, disc_kernel(grow_px))
    seen = person * (1 - mask.neck)  # the person beside the neck band, its thin strips kept
    if cut is not None:
        away = 1 - cut * (1 - under) if under is not None else 1 - cut
        body, seen = body * away, seen * away
    side = ring_body = cloth = None
    if not filled_by_person:  # the distance to the background, made once for the ring's and the neck band's body side
        to_background = distance_outside(hole, beside)
        ring_body = body * (1 - mask.neck)
        side = neck_body_side(body_side(to_background, distance_outside(hole, ring_body), grow_px),
                              to_background, distance_outside(hole, seen), mask.neck, grow_px,
                              hair_hole(mask.hanging, grow_px), mask.person)
    # the stripes carried on under the ears only (`ear_bared`); the shifts, where on, carry the background on there
    bared = None if jaw is None or filled_by_person or shifted or not stripes else ear_bared(hole.shape, *jaw)

    def carried_in(image: np.ndarray, hole_in: np.ndarray, beside_in: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray] | None:
        """The stripes `ring_fill` of these lays in `bared` (`stripe_carry`'s colour, and `bared` times its
        weight), or None where it carries none (`ring_fill`'s stripes)."""
        inside = hole_in > 0
        if bared is None or not (inside & (bared > 0)).any():
            return None
        carried = stripe_carry(image.astype(np.float32), inside, ~inside & (beside_in > 0.5), grow_px, bared > 0)
        return None if carried is None else (carried[0], bared * carried[1])

    band = carried_in(crop, hole, beside)
    striped = band is not None
    plate = ring_fill(crop, hole, beside, grow_px, body=ring_body, side=side, shifted=shifted, stripes=band)
    carried = column_runs(crop, hole, beside, plate, grow_px) if plate is not None else None
    carried_on = None
    if carried is not None:  # the background going on straight behind the head, and the ring fill round it from it
        colour, where = runs_carried_on(crop, hole, beside, carried)
        carried_on = where & ~carried[1] if (where & ~carried[1]).any() else None
        image, hole_in, beside_in = np.where(where[..., None], colour, crop), hole * ~where, np.maximum(beside, where)
        band = carried_in(image, hole_in, beside_in)
        striped |= band is not None
        plate = ring_fill(image, hole_in, beside_in, grow_px, body=ring_body, side=side, shifted=shifted, stripes=band)
    if plate is None:  # no background touches the hole
        plate = fill_hole(crop, beside)
    kept = mask.photo
    hair_fill = None
    if mask.neck.any():
        neck = mask.neck if filled_by_person else mask.neck * (1 - hair_near(mask.hanging, grow_px)) * body_side(
            to_background, distance_outside(hole, body), grow_px)
        if not filled_by_person and mask.hanging.any():  # wall or neck behind the hanging hair's end (`hair_side`)
            reach = hair_reach(mask.hanging, grow_px) * (1 - side)  # where the ring's fill is the background's
            neck = crisp_share(neck, reach)
            kept = photo_kept(kept, neck, reach)
            hair_fill = person_fill(neck, reach), wall_fill(neck, reach, grow_px)
        under_jaw = fill_hole(crop, person)
        if not filled_by_person and jaw is not None:  # the clothes the hole takes in beside the jaw, kept as the photo
            cloth = kept_cloth(crop, plate, under_jaw, neck, hole, mask.person, mask.hanging, grow_px,
                               jaw_clearance(hole.shape, *jaw))
        neck = neck[..., None]
        plate = (1 - neck) * plate + neck * under_jaw
    if cut is not None and under is not None and jaw is not None:  # their body's rows go on behind the hair
        below = np.arange(crop.shape[0])[:, None] > jaw[0][:, 1].min()  # rows below the jaw's ends: not the top hair
        rows = mirrored_rows(crop, hole, (person > 0.5) & (cut > 0.5) & (under < 0.5) & below, grow_px)
        if rows is not None:
            plate = plate + rows[1][..., None] * (rows[0] - plate)
    source = crop.astype(np.float32)
    return (np.where(hole[..., None] > 0, plate, source), side, None if carried is None else carried[1],
            cloth if cloth is not None and cloth.any() else None, carried_on, kept, hair_fill, striped)


def collar_owner(cut: np.ndarray | None, under: np.ndarray | None) -> np.ndarray | None:
    """(h, w) float32 in [0, 1]: where a white collar below the jaw may be this face's own (`neck.NeckWarp`'s `own`):
    its region (1 - `cut`, another face's region) for one face of several with no face behind it; none for a face in
    front of another (`under` not None: the white under its jaw may be the back person's, lp_s5's blouse under lp_s1's
    jaw took her neck's tone); None for the photo's only face (`cut` None)."""
    if cut is None:
        return None
    return np.zeros_like(cut) if under is not None else (1 - cut).astype(np.float32)


def cut_source(cut: np.ndarray, grow_px: int) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much the plate behind a head that another face's region cut is the
    source, from `cut` (h, w) float32 in [0, 1] (1 - the head's region): 1 wherever the region cut the head
    (cut > 0), however little, fading into the fill over `CUT_TAIL` grow widths (`grow_px`, px) inside the
    head's own part. There the pixel's share the region took (the cut hair, which stays still) is the
    source, so the head layer's colour (source minus the plate behind it) is the source's own; a plate
    blended by the cut (region * fill + cut * source) made the head colour darker than the hair to make up
    for the fill, and where the head was half drawn (its drawn alpha under its source alpha) the fill showed
    through at region * (1 - drawn alpha): a light line along a front head's hair edge over the person
    behind it (`bench/face_seam.py`'s light streak). The fade keeps the step from the source to the fill,
    where a turning head uncovers it, from showing as a crisp curve."""
    tail = cv2.GaussianBlur((cut > 0).astype(np.float32), (0, 0), CUT_TAIL * grow_px)
    return np.maximum(cut > 0, np.clip(2 * tail, 0, 1)).astype(np.float32)


def edge_matte(source: np.ndarray, fill: np.ndarray, alpha: np.ndarray, loose: np.ndarray | None = None
               ) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the head `alpha` (h, w) float32 with its soft edge (under `SOLID_MATTE`)
    lowered to the share of the head's colour the photo `source` (h, w, 3) uint8 shows there over the plate's
    `fill` (h, w, 3) float32 (the wall): the photo's pixel taken as a blend of the head's own colour (its
    solid pixels' colour carried out to the edge, `fill_hole`) and the fill, the blend's weight along the
    line between the two. Trusted where the two differ by `EDGE_CONTRAST` (grey levels, ramped): elsewhere
    the alpha as given. The matte runs a few px past the hair into the wall, so its edge carried the wall's
    colour at a share of its alpha: laid over something darker than the wall (a back face's head over its
    still cut hair or its uncovered plate, issue #12), that showed as a light line along the moved hair. loose:
    (h, w) bool, pixels never taken as the head's own colour and lowered whatever their alpha (the background
    carried behind the head, `plate.column_runs`: sr_4's dark column and the lit half of the pillar's soft edge,
    which its head mask holds at alpha ~1), where a pixel as the plate's fill (`LOOSE_SAME`) takes none."""
    solid = alpha >= SOLID_MATTE if loose is None else (alpha >= SOLID_MATTE) & ~loose
    if not solid.any():
        return alpha
    photo = source.astype(np.float32)
    span = fill_hole(photo, solid.astype(np.float32)) - fill  # the head's colour less the wall's
    contrast = np.sqrt(np.einsum("hwc,hwc->hw", span, span))
    shown = np.clip(np.einsum("hwc,hwc->hw", photo - fill, span) / np.maximum(contrast, 1.0) ** 2, 0, 1)
    trust = smoothstep(*EDGE_CONTRAST, contrast) * ~solid
    matte = alpha + trust * (np.minimum(alpha, shown) - alpha)
    if loose is not None:  # the plate's own pixels on the carried background, off the head's rim: no head there
        off = np.sqrt(np.einsum("hwc,hwc->hw", photo - fill, photo - fill))
        rim = cv2.dilate(solid.astype(np.uint8), np.ones((2 * LOOSE_RIM + 1,) * 2, np.uint8)) > 0
        matte = np.where(loose & ~rim, matte * smoothstep(*LOOSE_SAME, off), matte)
    return matte.astype(np.float32)


def carried_edge(source: np.ndarray, fill: np.ndarray, alpha: np.ndarray, carried: np.ndarray, carried_on: np.ndarray
                 ) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the head `alpha` (h, w) float32 lowered, on the pixels of `carried_on` ((h, w) bool,
    the background carried on from above) within `CARRIED_EDGE` px of `carried` ((h, w) bool, the runs carried
    straight through), to none where the photo `source` ((h, w, 3) uint8) is within `LOOSE_SAME` of the plate's
    `fill` ((h, w, 3) float32): the carried edge's first pixels are the plate's, whatever head lies near."""
    size = 2 * CARRIED_EDGE + 1
    edge = carried_on & (cv2.dilate(carried.astype(np.uint8), np.ones((size, size), np.uint8)) > 0)
    off = np.linalg.norm(source.astype(np.float32) - fill, axis=2)
    return np.where(edge, alpha * smoothstep(*LOOSE_SAME, off), alpha).astype(np.float32)


def neck_weight(mask: HeadMask) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much of the head's motion the plate follows: 1 on the person's neck
    below the jaw (the neck band of the head zone, on the person), fading to 0 beside it and lower down,
    0 on the background."""
    return (mask.neck * mask.person).astype(np.float32)


def paste(into: np.ndarray, part: np.ndarray, at: tuple[int, int], window: tuple[slice, slice]) -> None:
    """Write `part` ((n, m, ...)), whose first pixel lies at crop px `at` (row, column), into `into`, which
    holds the crop's `window` ((rows, columns) with starts): only where the two meet."""
    (top, left), (rows, cols) = at, window
    meet = box_overlap((slice(top, top + part.shape[0]), slice(left, left + part.shape[1])),
                       (slice(rows.start, rows.start + into.shape[0]), slice(cols.start, cols.start + into.shape[1])))
    if meet is not None:
        into[box_from(meet, (rows.start, cols.start))] = part[box_from(meet, at)]


def outline_rim(head: np.ndarray, shown: np.ndarray, at: tuple[int, int], moved: np.ndarray) -> None:
    """Bounds in place the premultiplied colour of `head` ((b, a, 4) float32, remapped) where the moved neck shows
    (`shown`, (n, m) bool from (row, column) `at` of the box) to what a colour at its alpha can carry, [0, 255 alpha]:
    the head's last half-skin outline pixels were unmixed against the photo's plate (the background's fill there),
    and laid over the lighter neck a colour below 0 drew a dark rim (lp_s3 `edit --pitch -15`, `figures/outline_rim`),
    one over 255 a light one. Bounded in full where the head or the neck moved (`moved`, (n, m) float32 px,
    `rim_motion`) by `RIM_MOVE` or more, not at all where neither moved: there the unbounded colour over the plate it
    was unmixed against is the source's own pixel (video-to-video: a clip frame's cheek reaching past the reused key's
    alpha was bounded to the key's background fill, a pale sliver, `figures/still_jaw`)."""
    bound_rim(head[at[0]:at[0] + shown.shape[0], at[1]:at[1] + shown.shape[1]], shown, moved, np.float32(RIM_MOVE))


def rim_motion(maps: np.ndarray, grid: np.ndarray, neck: np.ndarray, at: tuple[int, int]) -> np.ndarray:
    """(n, m) float32 px on the moved neck's part of a box (from its (row, column) `at`; (n, m) the shape of `neck`,
    the neck's backward displacement (n, m, 2) px): the larger of how far the head's backward map `maps` ((b, a, 2)
    crop px) moves each pixel from its own place (`grid`, (b, a, 2) crop px) and how far the neck moves it."""
    window = (slice(at[0], at[0] + neck.shape[0]), slice(at[1], at[1] + neck.shape[1]))
    return np.maximum(lengths(maps[window] - grid[window]), lengths(neck))


def off_frame(head: np.ndarray, maps: np.ndarray, width: int, sides: tuple[bool, bool], kept: float) -> None:
    """Fades out in place the head layer `head` ((b, a, 4) float32, premultiplied colour and alpha, remapped by
    `maps` (b, a, 2) float32, crop px) where the map spreads the `EDGE_BAND` px along the crop's `sides` (left,
    right; the crop `width` px wide) wider along the row than at rest by more than `kept` px
    (`draw_kernels.fade_past_sides`), to 0 `OFF_FRAME_FADE` px further: there the warp drew the side's own columns
    stretched along the rows (a photo cut at its side: the hair past it drawn as streaks, lp_s1 cut at x 320), so
    the plate's fill shows instead. Where the map reads inside the band or at rest, nothing changes (bit for bit).
    The top and bottom are left as drawn: hair cut by the frame's top (sr_8) goes on past it (the rings past the top,
    read mirrored there: `reflect_top`), where the wall would cut it off."""
    if sides[0] or sides[1]:
        fade_past_sides(head, maps, width, sides[0], sides[1], EDGE_BAND, kept, OFF_FRAME_FADE)


def key_neck_offset(key: NeckWarp, jaw: np.ndarray, pivot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((J, 2), (2,)) float32 px: where a reused key frame's neck (`key`) has its jaw line and neck axis, from where
    this frame has its own (`jaw` (J, 2) and `pivot` (2,) crop px); `HeadLayer`'s `_neck_anchor`."""
    return key.jaw - jaw, key.pivot - pivot


class HeadLayer:
    """The head layer and the plate of one source crop.

    crop: (h, w, 3) uint8 RGB; mask: its head masks; grow_px: the plate's hole is the head grown by this much;
    stretch_neck: off when the neck is in the head layer (body following), where the plate behind it is
    never shown; else the plate's neck follows the head (`composite`): by the head's own map scaled by
    `neck_weight`, or, given `neck` (the source's jaw line (J, 2) crop px of `jaw_line.JAW`, the neck's axis
    (2,) crop px of `neck.NECK_PIVOT` and the face size px; `MeshOptions.neck_layer`), by a `neck.NeckWarp`'s
    motion towards the moved jaw (the jaw line also bounds the clothes kept in the plate, `background_plate`'s
    `jaw`). fill_from: the layer of an earlier video frame made with the same `mask`
    (video-to-video, `frame_setup`): its hole's fill and its neck (moved from this crop's own jaw,
    `key_neck_offset`) are reused (outside the hole the plate is this crop), instead of made again. cut: (h, w)
    float32 in [0, 1], how much of the head's alpha another face's region took away (several faces: 1 - region):
    the plate there stays the crop (the head's own hair goes on behind the cut; wherever cut > 0, fading into the
    fill just inside, `cut_source`), not the fill, so the head layer's colour (crop minus plate) stays the crop's
    where the cut fringe moves. under:
    (h, w) float32 in [0, 1], where the faces behind this one lie (several faces): the plate's hole is
    filled from them there (`background_plate`). shifted: the plate's background side is the background
    shifted in (`MeshOptions.plate_shifts`). halo: a face behind another (its layer moves over more than the
    wall: its still cut hair, its uncovered plate): the alpha's soft edge is lowered to the head's colour
    share in the photo over the fill (`edge_matte`; with `fill_from`, that layer's alpha). jaw_shadow: with a
    `NeckWarp`, the jaw's dark line on the neck moves with the jaw (`MeshOptions.jaw_shadow`). matted: (h, w) bool,
    where the alpha's soft edge is lowered as `halo` lowers it everywhere (`edge_matte`; the ears' strips,
    `ear_matte.ear_strips`: the wall seen through an ear's rim is not carried over the neck and the jaw's band);
    the plate and the neck are made with the alpha before it (`plate_alpha`); near: (h, w) bool, where in those strips
    the wall the mask's fringe holds is matted off too, in the drawn layer only (`moved_alpha`;
    `ear_matte.wall_fringe`, the near ear's side, `near_side`); with `fill_from`, that layer's matted alphas are
    reused, as `halo`'s. Where the plate carries the background straight through the hole (`background_plate`'s third
    part), the alpha is lowered there too (`edge_matte`'s `loose`), so the head layer does not move the photo's strip
    of that background with it (sr_4: a grey-olive line along the moved hair); and on the runs carried on from above
    right beside it (its fifth part, `carried_edge`: the pillar's first lit pixel).
    """

    def __init__(self, crop: np.ndarray, mask: HeadMask, grow_px: int, stretch_neck: bool = True,
                 fill_from: HeadLayer | None = None, neck: tuple[np.ndarray, np.ndarray, float] | None = None,
                 cut: np.ndarray | None = None, under: np.ndarray | None = None, shifted: bool = False,
                 halo: bool = False, jaw_shadow: bool = False, ends: SoftEnds | None = None,
                 carry_ends: bool = False, matted: np.ndarray | None = None, sharp_inside: bool = False,
                 near: np.ndarray | bool = True) -> None:
        self.ends = ends  # the cut hair ends faded (`soft_ends`), or None
        self.carry_ends = carry_ends  # the long cuts drawn on to the photo's hair ends (`carried_ends`), not faded
        alpha = np.clip(mask.alpha, 0, 1).astype(np.float32)
        hole = plate_hole(mask, grow_px)
        source = crop.astype(np.float32)
        if fill_from is None:
            jaw = None if neck is None else (neck[0], neck[2])
            filled, side, carried, cloth, carried_on, photo, hair_fill, striped = background_plate(
                crop, mask, hole, grow_px, cut, under, shifted, jaw)
            toned, walled = hair_fill or (None, None)
            # The head's edges are matted against the plate without the stripes carried under the ears
            # (`stripe_carry`): against the flag's stripes carried on, grace_hopper's hair by her far jaw angle was
            # matted off as cracks (`figures/notch_crack` 0.2014, bound 0.2), the astronaut's ear too (h50-ghwedge).
            ring, through, through_on = (filled, carried, carried_on) if not striped else itemgetter(
                0, 2, 4)(background_plate(crop, mask, hole, grow_px, cut, under, shifted, jaw, stripes=False))
            if halo:
                alpha = edge_matte(crop, ring, alpha)
            if cut is not None:  # behind a head cut by another face's region: the source (its hair goes on)
                cut_in = cut_source(cut, grow_px)[..., None]
                filled += cut_in * (source - filled)
                ring = ring + cut_in * (source - ring)
            # The photo's own skin edge the mask left at alpha 0 is the head's (`skin_rim`): kept in the plate, it
            # stayed as a pale line beside the moved jaw (lp_s3's turn).
            alpha = np.maximum(alpha, skin_rim(crop, ring, alpha, hole, mask.person, FULL_PLATE_AT, mask.neck,
                                                  mask.hanging))
            plate_alpha = alpha
            alphas = [alpha]  # the head's alpha; then, if any, `moved_alpha` (the fringe's wall matted off too)
            if matted is not None and not halo and matted.any():
                # the fringe's wall
                wall = matted & near & wall_fringe(crop, ring, alpha, grow_px, LOOSE_SAME[1], through)
                alphas = [np.where(matted, edge_matte(crop, ring, alpha, loose), alpha).astype(np.float32)
                          for loose in ((None, wall) if wall.any() else (None,))]
            if through is not None:  # the photo's strip of the background carried behind the head is not the head's
                alphas = [np.where(through, edge_matte(crop, ring, each, through), each).astype(np.float32)
                          for each in alphas]
                if through_on is not None:
                    alphas = [carried_edge(crop, ring, each, through, through_on) for each in alphas]
            alpha, moved_alpha = alphas[0], alphas[-1]
        else:
            filled = np.where(hole[..., None] > 0, fill_from.filled, source)
            side = carried = carried_on = None
            photo = mask.photo
            toned = walled = None  # the key's plate, as its own (`hair_side` is read where a layer fills its own hole)
            cloth = None  # kept only where this layer fills its own hole
            plate_alpha = fill_from.plate_alpha if halo or fill_from.matted else alpha
            moved_alpha = fill_from.moved_alpha if halo or fill_from.matted else alpha
            alpha = fill_from.alpha if halo or fill_from.matted else alpha
        # `alpha` matted by `matted` (or on the background carried behind the head)
        self.matted = matted is not None or carried is not None or (fill_from is not None and fill_from.matted)
        # (h, w) float32: the alpha the plate and the neck are made with (before `matted`: the ears' matte leaves
        # the plate as it was, only the head layer's share of the rim changes)
        self.plate_alpha = plate_alpha
        # Behind the head's faintest fringe the plate fades back into the source, so what an almost
        # transparent pixel carries (source minus plate) stays almost nothing; but for what the head casts
        # on the hole's margin (`plate.margin_shadow`), which the head layer carries; and but for the photo's light
        # rim round the head (`head_halo`; not in the neck band's rows, where the neck's tone replaces the fill), the
        # head's too.
        beside_neck = np.maximum(mask.neck.max(axis=1, keepdims=True), mask.photo)
        halo = head_halo(crop, filled, plate_alpha, hole, beside_neck, grow_px, FULL_PLATE_AT)
        held = lighter_than_fill(mask.held, crop, filled)  # the background held by the head, kept in the plate
        # Whether the held light goes on under the head (`held_light`; a reused key's fill has it already):
        # `OutlineSkin` draws the held light transparent off the head only over it.
        self.light_carried = fill_from is not None and fill_from.light_carried
        # The fill before the held light is carried: the head's shadow (`margin_shadow`) is read against it. Read
        # against the carried light, the photo's background darker than that light in the hole's margin beside the
        # head (alpha 0) was taken for a light cast by the head, carried by the head layer (source minus plate, -5 to
        # -23 grey levels on sr_18) and drawn as a dark line down the grey where the head moved (lp_d3 284-308
        # frames 10-12, `figures.far_tear.background_cracks`).
        unlit = filled
        if fill_from is None:
            carried_light = carry_held_light(filled, crop, held, hole, grow_px)
            self.light_carried = carried_light is not filled
            filled = carried_light
        if cloth is not None and cut is None:  # the clothes the hole takes in beside the jaw, kept too (sr_8's hood)
            held = np.maximum(held, cloth)
        w = (np.maximum(np.clip(plate_alpha / FULL_PLATE_AT, 0, 1), halo) * (1 - np.maximum(photo, held))
             )[..., None]
        # Not where the plate keeps the photo (`HeadMask.photo`): a faint mark there is not the head's shadow. The
        # mask's photo, not `photo` (the plate weight's, `hair_side.photo_kept`): on the person (the chin's kept skin
        # beside the hanging hair, where the two part) the margin is 0 either way; off it the mask's photo is a faint
        # mark's place (`faint_marks`), no shadow of the head whether or not the plate keeps it (h44-s1neck: every
        # shared portrait's margin bit for bit either way).
        margin = hole * (1 - w[..., 0]) * (1 - mask.person) * (1 - mask.neck) * (1 - mask.photo)
        behind = source - margin_shadow(crop, unlit, margin.astype(np.float32), hole)
        if fill_from is None and cut is None:
            # One face: the fill under the head continues the plate beside it (`plate.edge_match`). Several
            # faces: beside the seam the plate is the other face's person, whose step the fill must not take
            # (the back face's fill showed at the seam as the heads moved apart, tests/mesh/test_face_group.py).
            # The background carried straight through (`carried`) is the photo's own above and below: matched to
            # the plate beside the outline it took hard edges (sr_4: a dark notch, the pillar's edge jagged). On the
            # background's side an object the outline cuts goes on only a little way (grace_hopper's flag star).
            matched = (hole > 0) & (w[..., 0] > 0)
            for through in (carried, carried_on):
                if through is not None:
                    matched &= ~through
            wall = (1 - mask.neck) if side is None else (1 - side) * (1 - mask.neck)
            filled = filled + edge_match(behind + w * (filled - behind), matched, grow_px, wall)
        self.neck: NeckWarp | None = None
        # ((J, 2), (2,)) float32 px: the reused key's jaw line and neck axis (`fill_from`'s `NeckWarp`) minus this
        # frame's own, added to each frame's target jaw and axis (`_move_neck`), so the key's neck moves as far as
        # this frame's jaw moves from its own place (a clip's talking jaw stood up to 19 px off the key's 12 frames
        # on, and the neck dragged the plate that far with the jaw held still: lp_d18's pale cheek wedge under
        # `--regions eyes`, `figures/still_jaw`); None: the neck is this frame's own
        self._neck_anchor: tuple[np.ndarray, np.ndarray] | None = None
        # (n, m, 3) float32 on the neck's box: the shadowed neck tone that replaces the plate's fill under the jaw
        # (below); None without a neck box
        self.tone: np.ndarray | None = None
        # Where the fill beside the wall gives way to it under a head shifted sideways (`composite`'s `shifted`);
        # None: nowhere (set with the tone under the ear)
        self.beside_wall: BesideWall | None = fill_from.beside_wall if fill_from is not None else None
        untoned = None  # (h, w, 3) float32: the fill before the tone under the ear, where kept (`_far_bare`)
        if stretch_neck and neck is not None:
            # The neck meets the moved jaw from below where the plate is fill (head alpha > FULL_PLATE_AT).
            self.neck = fill_from.neck if fill_from is not None and fill_from.neck is not None else NeckWarp(
                crop, *neck[:2], plate_alpha, plate_alpha > FULL_PLATE_AT, neck[2], mask.hanging, mask.person,
                collar_owner(cut, under))
            if fill_from is not None and fill_from.neck is not None:
                self._neck_anchor = key_neck_offset(self.neck, neck[0], neck[1])
            if fill_from is not None and fill_from.tone is not None:
                self.tone = fill_from.tone
            elif self.neck.box is not None:
                # Under the jaw the plate's fill becomes the skin above the jaw line, shadowed: where the raised jaw
                # uncovers more than the neck can stretch over, a neck in shadow shows.
                grain = self.neck.shade_grain
                self.tone = fill_hole(self.neck.shade_colour, self.neck.shade_known) + grain
                self.tone += self.neck.mirror_weight[..., None] * (self.neck.mirror - self.tone)
                laid = (self.neck.below_jaw > LAID) & (self.neck.mirror_weight < 1 - LAID)
                if fill_from is None and side is not None and self.neck.beyond.any():
                    untoned = filled.copy()  # the fill before the tone under the ear (`_far_bare`)
                if fill_from is None and side is not None and laid.any():
                    # Where the fill inside the person is the wall's (under the ear beside a thin neck) it takes the
                    # tone laid in full under the jaw, carried on (by the mirror and the jaw band's colours beside a
                    # statue's ear the tone there was the wall's white and the collar's pink), and its grain. One face
                    # of several too, but where its plate is the source another face's region cut (`cut_source`):
                    # without it lp_s12 beside lp_s1 showed the wall's grey as a smoky blob under its raised jaw.
                    laid_on = fill_hole(self.tone - grain, laid.astype(np.float32)) + grain
                    wall = wall_inside(side, mask.person, plate_alpha, hole, grow_px, neck[2], mask.hanging, carried)
                    if cut is not None:
                        wall *= 1 - cut_source(cut, grow_px)
                    weight = tone_under_ear(filled, laid_on, wall, self.neck.box, self.neck.neck_columns, neck[2])
                    self.tone += weight[..., None] * (laid_on - self.tone)
                    if weight.any():  # a head shifted sideways uncovers the wall there (`shifted_wall`)
                        off = (mask.person < 0.5).astype(np.float32)
                        beside = BesideWall(crop, fill_hole, fill_hole(source, off), mask.person, plate_alpha, hole,
                                            self.neck.box, wall, self.tone, self.neck.neck_seen, self.neck.hole_end,
                                            self.neck.jaw[[0, -1], 0], neck[2])
                        self.beside_wall = beside if beside.box is not None else None
        self.filled = filled  # (h, w, 3) float32: the crop with the hole filled (before the fade below)
        self.plate = np.ascontiguousarray(behind + w * (filled - behind))
        # The photo kept behind the head's faintest fringe on the person, far from the fill: laid over with the plate
        # round it where the head beside it moves off (`kept_photo`; several faces: the cut's source stays there).
        self.grow_px = grow_px  # px: the plate's hole margin past the head (`plate_hole`)
        faint = (w[..., 0] < 1) & (held < 0.5)
        kept = kept_photo(crop, filled, faint, hole, mask, grow_px) if cut is None else None
        self.kept = KeptPhoto(kept, alpha, self.plate) if kept is not None and kept.any() else None
        self.alpha = alpha
        # (h, w) float32: the alpha the head layer is drawn with (`_head`'s): `alpha` with the wall the mask's fringe
        # holds by the near ear matted off (`ear_matte.wall_fringe`). Drawn premultiplied against the plate, it leaves
        # the frame at rest the photo and shows only where the head moves its pixels over another plate; `alpha`, the
        # photo's head at rest, is what the edge rules and the figures read (matted there, the fringe read as a head
        # edge uncovered at rest: the astronaut's `ArtefactScores.fill_edges` 1.08, tests/mesh/test_nape_fill.py).
        self.moved_alpha = moved_alpha
        # The holes a folded map reads into the head along its neck cut, filled (`fold_holes`): with a neck layer the
        # plate behind them above the neck is the wall, not a neck moved with the head that hid them; None without.
        self.fold_holes = FoldHoles(alpha, mask.person, neck[2]) if stretch_neck and neck is not None else None
        if fill_from is not None:  # the same mask's crop size: its grid, never written to
            self.grid = fill_from.grid
        else:
            gy, gx = np.mgrid[0:alpha.shape[0], 0:alpha.shape[1]].astype(np.float32)
            self.grid = np.dstack([gx, gy])  # (h, w, 2) float32: each crop pixel's own position (x, y), crop px
        # Premultiplied colour and alpha side by side, (h, w, 4) float32: one remap moves both.
        self._head = np.dstack([premultiplied(source, moved_alpha, self.plate), moved_alpha])
        # (h, w, 3) float32: the plate each pixel of `_head` was unmixed against (under the jaw the neck plate too,
        # `unmix_over_neck`), by which `composite` scales its colour below 0 laid over another (`laid_below_zero`).
        self._against = self.plate
        self._head_empty = empty_taps(self._head)  # (h, w) bool: where a sample of `_head` is 0 (`remap_linear`)
        self._squeeze = SqueezeFilter(self._head)  # read pre-filtered where the map squeezes it (`composite`)
        # the solid inside read bicubic, its grain kept (`composite`; `MeshOptions.sharp_inside`), or None
        self.sharp_inside = SharpInside(crop, alpha) if sharp_inside else None
        self.outline_skin: OutlineSkin | None = None  # set by `set_outline_skin`
        self.cut_sides = (False, False)  # the crop's left and right sides `off_frame` fades the head past (`set_face`)
        self.side_kept = 0.0  # px: how far past a side `off_frame` keeps the head (`set_face`)
        # The crop's top is the photo's own, and the rings go on past it (`animator._past_cut_top`): the head layer
        # above it is read mirrored there (`composite`), the hair cut by it going on, not its top row repeated, as
        # deep as each column's hair band ((w,) float32 rows, `top_band.hair_band`); None: not read past the top.
        self.reflect_top: np.ndarray | None = None
        # The photo's far outline strip ((h, w) bool), far side (+1: right), face size px and the pixels a widened
        # stretch may read ((h, w) bool) (`far_fold`)
        self.fold: tuple[np.ndarray, int, float, np.ndarray] | None = None  # set by `set_far_fold`
        self.far_grain: FarGrain | None = None  # the photo's grain the fold's stretch reads unstretched (idem)
        self.fold_light: np.ndarray | None = None  # (h, w) float32: the photo's L* its stretch is laid by (idem)
        self.unfolded_rows: np.ndarray | None = None  # set by `composite`, see there
        self.neck_field: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # set by `composite`, see there
        self.warped_alpha: np.ndarray | None = None  # set by `composite`, see there
        # the last `composite`'s box, warped head, moved neck and plate with the wall mixed in (`laid`)
        self._laid: tuple[tuple[slice, slice], np.ndarray, tuple[np.ndarray, int, int] | None,
                          np.ndarray | None] | None = None
        self._neck_box: tuple[slice, slice] | None = None
        self._no_neck = np.zeros((0, 0, 3), np.float32)  # `composite`'s moved neck where there is none
        # On the neck's box: the plate round the chin's kept photo less that photo ((n, m, 3) float32,
        # `chin_strip.strip_step`), where its bilinear taps are all zero ((n, m) bool, `empty_taps`) and the face
        # size px.
        self._chin_step: tuple[np.ndarray, np.ndarray, float] | None = None
        self._tone_share: np.ndarray | None = None  # (n, m) on the neck's box, set below with a neck tone: `laid_tone`
        self._rest_end: np.ndarray | None = None  # (m,) crop rows: the head's end at rest, `NeckWarp.drawn_end`
        # (n, m, 3) float32: the plate without the neck's tone less the neck plate, past the neck's far side
        # (`NeckWarp.beyond`), laid by `NeckWarp.far_in` each frame (`_move_neck`), on the part of the neck's box where
        # it is not zero, whose first crop row and column `_far_at` holds; None where nowhere
        self._far_bare: np.ndarray | None = None
        self._far_at = (0, 0)
        # Behind the near ear: `near_bare.region`'s weight ((n, m, 1) float32) on its box of the crop (rows,
        # columns), the background's fill there ((n, m, 3) float32: the photo off the person and outside the hole,
        # carried in by `fill_hole`) and the face size px. Each frame the near jaw moves in, `composite` reads how
        # much of it is laid (`near_bare.laid`) and `_lay_near` mixes the fill by both into the plate and the moved
        # neck plate (`_move_neck`). None with another layer's fill (`fill_from`), a hole filled by the person (no
        # `side`), or where `region` is None.
        self._near_bare: tuple[np.ndarray, np.ndarray, tuple[slice, slice], float] | None = None
        # (n, m) bool on the neck's box: the soft edge unmixed against the plate, not the neck plate
        # (`unmix_over_neck`'s result): where nothing moves, the plate without the tone lies behind it (`_move_neck`)
        self._fill_only: np.ndarray | None = None
        # On the neck's box: `jaw_shadow.shadow_factor`'s line taken out ((n, m, 3) float32) of the neck plate and of
        # it with the strip's lines out (`chin_strip`; the same without a strip), the `band_profile` of its band
        # ((k, 3) and (m,) float32), the photo's jaw skin's grain (`jaw_shadow.skin_grain`, grey levels) and the face
        # size px.
        self._shadow: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float, float] | None = None
        # (h, w) bool: where the plate is the photo, not its fill (`neck_field`'s third part).
        self._photo = hole == 0 if stretch_neck else None
        if self.neck is not None:
            self._neck_box = self.neck.box
            if self._neck_box is not None:
                # The tone on the person below the jaw line across the neck's columns (beside them the plate's
                # fill is the background's), fading in below the box's top row (`NeckWarp.top_fade`): laid in full up to
                # that row, the tone a turned head uncovers under its near ear ended in a straight pale top against the
                # wall's fill (lp_d19 `--yaw 30`, lp_d6 frame 230 `--yaw 20`; `figures.tone_ledge`).
                box = self._neck_box
                on_neck = mask.person[box].astype(np.float32) * self.neck.below_jaw
                on_neck = cv2.GaussianBlur(on_neck, (0, 0), max(1.0, _SHADE_SOFTNESS * neck[2]))
                on_neck = (on_neck * self.neck.top_fade[:, None])[..., None]
                if walled is not None:
                    # Laid in full or not at all where beside the hanging hair the fill is the wall's (`hair_side`):
                    # its soft tail over the wall, read on a slant by the neck layer, was a light ramp ~6 px wide
                    # beside the moved neck (lp_s1 x preset:turn 36-48, `figures.neck_strip`).
                    on_neck = crisp_share(on_neck[..., 0], walled[box])[..., None]
                if toned is not None:
                    # In full where beside the hanging hair the fill is the person's (`hair_side`): not the fill from
                    # the person below (the choker, the blouse), lighter than the neck (lp_s1 x preset:turn 36-48).
                    on_neck = np.maximum(on_neck, (toned[box] * self.neck.top_fade[:, None])[..., None])
                self._neck_plate = self.plate.copy()
                self._neck_plate[box] += w[box] * on_neck * (self.tone - self.filled[box])
                self._tone_share = w[box][..., 0] * on_neck[..., 0]  # the tone's share of `_neck_plate` there
                if toned is not None:
                    # And over the jaw's skin the plate keeps there, where the head hides it (`hair_side.hidden_kept`).
                    hidden = hidden_kept(photo[box], toned[box], plate_alpha[box])[..., None] * (1 - w[box]) * on_neck
                    self._neck_plate[box] += hidden * (self.tone - self.plate[box])
                    self._tone_share += hidden[..., 0]
                self._neck_plate[box] = soften_hole_end(self._neck_plate[box], crop, self.neck.hole_end,
                                                        self.neck.skin_columns, box, neck[2])
                self._neck_plate[box] = into_clothes(self._neck_plate[box], crop[:, box[1]],
                                                     tone_end(self._tone_share, box[0]), self.neck.skin_columns,
                                                     box[0], neck[2])
                if untoned is not None:
                    # Past the neck's far side over the dark background, under the photo's jaw (its hole) where the
                    # fill is the background's (not the body's: sr_8's black hood under her far jaw, which the tone
                    # keeps from showing as a black trapezoid, tests/mesh/test_far_hood.py): the plate without the
                    # tone, laid where the far jaw moves in (`_move_neck`); its sides softened as the tone's.
                    past = (hole[box] > 0) & self.neck.beyond[None]
                    past = cv2.GaussianBlur(past.astype(np.float32), (0, 0), max(1.0, _SHADE_SOFTNESS * neck[2]))
                    past *= 1 - smoothstep(*BODY_FILL, side[box])
                    if past.any():
                        bare = behind[box] + w[box] * (untoned[box] - behind[box])
                        far_bare = (past[..., None] * (bare - self._neck_plate[box])).astype(np.float32)
                        rows = np.flatnonzero(far_bare.any(axis=(1, 2)))
                        cols = np.flatnonzero(far_bare.any(axis=(0, 2)))
                        if len(rows):
                            self._far_bare = far_bare[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
                            self._far_at = box[0].start + int(rows[0]), box[1].start + int(cols[0])
                if fill_from is None and side is not None:
                    # Behind the near ear, above where the photo's neck seen there ends at dark background: the
                    # background's fill, laid where the near jaw moves in (`near_bare`).
                    near = near_bare.region(hole > 0, self.neck, neck[2])
                    if near is not None:
                        off = ((hole == 0) & (mask.person < 0.5)).astype(np.float32)
                        self._near_bare = near[0], fill_hole(crop, off)[near[1]], near[1], neck[2]
                # The photo kept behind the chin's soft edge (`HeadMask.photo`) holds the photo's own jaw edge: the
                # neck plate round it laid over it where the head's fringe no longer lies on it (`chin_strip`).
                step = strip_step(self._neck_plate, mask, box, neck[2])
                self._chin_step = (step, empty_taps(step), neck[2]) if step is not None else None
                # The jaw's dark line there, moved with the jaw each frame (`jaw_shadow`).
                line = (crop, self.neck.hole_end, self.neck.collars, self.neck.skin_columns, box, neck[2],
                        None if step is None else self._neck_plate[box] + step)
                factors = shadow_factor(self._neck_plate[box], *line) if jaw_shadow else None
                if factors is not None:
                    band, factor, stripped = factors
                    profile, span = band_profile(band, self.neck.head_end, box[0].start, neck[2])
                    grain = skin_grain(crop, plate_alpha, self.neck.head_end, span, box, neck[2])
                    self._shadow = factor, stripped, profile, span, grain, neck[2]
                # The head's edge there unmixed against the plate it is laid over (`fringe_unmix`).
                self._against = self.plate.copy()
                self._fill_only = unmix_over_neck(self._head[box], source[box], moved_alpha[box], self.plate[box],
                                                  self._neck_plate[box], self.neck.skin_columns[box[0]],
                                                  self.neck.under_ears, self._against[box])
                self._rest_end = self.neck.drawn_end(self._head[..., 3])
        elif stretch_neck:
            weight = neck_weight(mask)
            ys, xs = np.nonzero(weight > 0)
            if len(ys):
                self._neck_box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
                self._neck = weight[..., None]  # (h, w, 1)

    def set_outline_skin(self, crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, face_px: float,
                         edge: SkinEdge, source_yaw: float) -> None:
        """From now on `composite` draws the face outline's partly transparent edge as the photo's skin where the
        map moves it (`outline_skin.OutlineSkin`; crop (h, w, 3) uint8 at `origin` (2,) px, landmarks (478, 2+)
        image px, face_px px, `edge` the photo's skin side, source_yaw the photo's yaw, deg)."""
        self.outline_skin = OutlineSkin(crop, landmarks, origin, face_px, self.alpha, self._head, edge, source_yaw,
                                        self.light_carried)

    def set_face(self, landmarks: np.ndarray, origin: np.ndarray) -> None:
        """Sets `cut_sides`: a side of the crop (at `origin` (2,) px) that the face oval of `landmarks` ((478, 2+)
        image px) reaches is not faded past (`off_frame`): the face is cut there, not only the hair, and the hole's
        fill behind it is no face (sr_8 cut through the far eye at x 520: a black wedge beside the nose). Sets
        `side_kept` to `SIDE_KEPT` face sizes."""
        xs = landmarks[list(ids.FACE_OVAL), 0] - origin[0]
        self.cut_sides = bool(xs.min() >= EDGE_BAND), bool(xs.max() <= self.alpha.shape[1] - 1 - EDGE_BAND)
        self.side_kept = SIDE_KEPT * face_size(landmarks)

    def set_far_fold(self, landmarks: np.ndarray, origin: np.ndarray, face_px: float) -> None:
        """From now on `composite` redraws the rows where the map reads the photo's far outline back and forth as one
        even stretch (`far_fold.unfold_rows`) and draws the stretch's grain unstretched (`far_grain.FarGrain`;
        landmarks (478, 2+) image px, the crop at `origin` (2,) px; face_px px)."""
        strip = fold_strip(face_oval(self.alpha.shape, landmarks, origin)[0], landmarks, origin, face_px)
        side, cheek = far_side(landmarks), cheek_reads(self.alpha.shape, landmarks, origin, face_px)
        self.fold = strip, side, face_px, cheek
        self.far_grain = FarGrain(self._head, cheek, side, face_px)
        self.fold_light = lightness(self._head)

    def moving_box(self, box: tuple[slice, slice] | None) -> tuple[slice, slice] | None:
        """The (rows, columns) of the crop that a frame whose head warp moves `box` (None: nothing) changes:
        `box`, and with a `NeckWarp` the neck's box (the neck follows the jaw down to the collar line)."""
        if box is None or self.neck is None or self._neck_box is None:
            return box
        return tuple(slice(min(a.start, b.start), max(a.stop, b.stop)) for a, b in zip(box, self._neck_box))

    def _move_neck(self, alpha: np.ndarray, maps: np.ndarray, box: tuple[slice, slice],
                   neck: tuple[np.ndarray, np.ndarray] | None, near: np.ndarray | None
                   ) -> tuple[np.ndarray, int, int] | None:
        """The plate on the part of `box` it shares with the neck's box, with the plate's neck warped: with a
        `NeckWarp`, by its motion towards the jaw and neck axis at `neck` ((J, 2) and (2,) crop px) under the
        warped head alpha (b, a) of `box`; else by the head's backward map (b, a, 2) scaled by the neck
        weight; where nothing moves, that is the plate exactly. With a shadow (`jaw_shadow.shadow_factor`), the
        jaw's dark line on it is moved with the jaw (`jaw_shadow.moved_shadow`). Returns it ((n, m, 3) float32)
        and its first row and column in the box, or None where the boxes do not meet. near: float32 on
        `_near_bare`'s box, how much of the background behind the near ear is laid on the moved plate
        (`near_bare.laid`), or None."""
        if self._neck_box is None:
            return None
        (ny, nx), (by, bx) = self._neck_box, box
        meet = box_overlap(self._neck_box, box)
        if meet is None:
            return None
        (y0, y1), (x0, x1) = (meet[0].start, meet[0].stop), (meet[1].start, meet[1].stop)
        in_box = box_from(meet, (by.start, bx.start))
        grid = self.grid[y0:y1, x0:x1]
        offset = None
        if self.neck is not None and neck is not None:  # `moving_box` made `box` hold the neck's box
            if self._neck_anchor is not None:
                neck = neck[0] + self._neck_anchor[0], neck[1] + self._neck_anchor[1]
            covered = self.neck.covered(alpha[in_box], maps[in_box])
            top = self.neck.neck_top(covered, self._rest_end)
            jaw = self.neck.jaw_columns(neck[0])
            disp = self.neck.displacement(*neck, covered, top, jaw)
            shown = self.neck.follow[..., 0] > 0.5
            if self._shadow is not None:  # the jaw's dark line laid under the moved head
                offset = jaw[1]
                ends, starts, shift = top
                gap = starts - shift - ends  # px: the neck's top shown below the moved head
        else:
            disp = self._neck[y0:y1, x0:x1] * (maps[in_box] - grid)
            shown = self._neck[y0:y1, x0:x1, 0] > 0.5
        # The plate read at grid + disp, and with a chin strip (set with a `NeckWarp` only) its lines taken out by
        # how far the head's map and that read lie apart (`slip`, (n, m, 1), `chin_strip.slip_unit`), one pass.
        plate = np.empty((y1 - y0, x1 - x0, 3), np.float32)
        slip = None if self._chin_step is None else np.empty((y1 - y0, x1 - x0, 1), np.float32)
        step, step_empty, face_px = self._chin_step or (_NO_STEP, _NO_EMPTY, 1.0)
        under = self._neck_plate if self.neck is not None else self.plate
        patch = None
        if self._far_bare is not None and neck is not None:
            share = self.neck.far_in(neck[0])
            if share > 0:  # the far jaw moved in: past the neck's far side the background it uncovers
                (fy, fx), (n, m) = self._far_at, self._far_bare.shape[:2]
                patch = under[fy:fy + n, fx:fx + m].copy()  # read in the plate's stead there (`neck_read`)
                patch += share * self._far_bare
        neck_read(under, patch, *self._far_at, grid, disp, maps[in_box], step,
                  step_empty, np.float32(nx.start), np.float32(ny.start), slip_unit(face_px), BILINEAR_WEIGHTS,
                  plate, _NO_SLIP if slip is None else slip)
        if offset is not None and (offset.any() or disp.any()):
            at = self.grid[box_from(meet, (ny.start, nx.start))]  # px from the neck box's corner
            factor, stripped, profile, span, skin, face_px = self._shadow
            ys = grid[:, :1, 1]
            laid = laid_band(profile, span, offset[:, 0], ends, ys, collar_ramp(self.neck.collars, ys, face_px),
                             move_weight(gap, face_px) > 0, BAND_LIFT * face_px)
            # The neck's grain moved with the plate, added where the band lies on flat fill (`band_grain`).
            added = band_grain(plate, laid, self.neck.shade_grain, at + disp, skin, face_px)
            moved_shadow(plate, factor, at, disp, laid, gap, face_px,
                         None if slip is None else (stripped, slip[..., 0]))
            if added is not None:
                plate[added[0]] += added[1]
        if near is not None:  # the near jaw moved in: past the neck's continued outline the background it uncovers
            self._lay_near(plate, (slice(y0, y1), slice(x0, x1)), near)
        self.neck_field = disp, shown & (alpha[in_box] < 0.5), self._photo[y0:y1, x0:x1]
        return plate, y0 - by.start, x0 - bx.start

    def _lay_near(self, plate: np.ndarray, box: tuple[slice, slice], near: np.ndarray) -> None:
        """Lays in place the background behind the near ear (`_near_bare`) on `plate` ((n, m, 3) float32 from `box`'s
        first row and column of the crop) by `near` (float32 on `_near_bare`'s box, `near_bare.laid`), where the two
        boxes meet (beyond `_near_bare`'s its weight is 0)."""
        where, background, near_box, _ = self._near_bare
        y, x = box[0].start or 0, box[1].start or 0
        meet = box_overlap((slice(y, y + plate.shape[0]), slice(x, x + plate.shape[1])), near_box)
        if meet is None:
            return
        part = plate[box_from(meet, (y, x))]
        on = box_from(meet, (near_box[0].start, near_box[1].start))
        part += near[on][..., None] * where[on] * (background[on] - part)

    def _untoned(self, plate: np.ndarray, box: tuple[slice, slice], at: tuple[int, int], motion: np.ndarray) -> None:
        """Sets in place the moved neck plate `plate` ((n, m, 3) float32, from (row, column) `at` of `box`) to the
        plate without the tone on the soft edge unmixed against it (`_fill_only`), by how little the head or the
        neck moved there (`motion`, (n, m) px, `rim_motion`; none from `RIM_MOVE` px): at rest that edge over it is
        the photo. The dark hair's edge beside
        lp_d11's jaw, unmixable over the pink tone, drew the photo plus the tone's share with the head still (a pink
        box under video-to-video's `--regions eyes`, `figures.still_jaw`'s `departed`)."""
        (ny, nx), (n, m) = self._neck_box, plate.shape[:2]
        y0, x0 = box[0].start + at[0], box[1].start + at[1]  # crop px
        edge = self._fill_only[y0 - ny.start:y0 - ny.start + n, x0 - nx.start:x0 - nx.start + m]
        if edge.any():
            untone(plate, edge, motion, self.plate[y0:y0 + n, x0:x0 + m], np.float32(RIM_MOVE))

    def composite(self, maps: np.ndarray, box: tuple[slice, slice],
                  neck: tuple[np.ndarray, np.ndarray] | None = None, seam: Seam | None = None,
                  band: np.ndarray | None = None, laid: np.ndarray | None = None,
                  shifted: tuple[float, float] = (0.0, 0.0)
                  ) -> np.ndarray:
        """(b, a, 3) uint8: `box` (rows, columns) of the crop with the head warped by a backward map (b, a, 2)
        float32 (source position of each pixel of the box, crop px) and laid over the plate, whose neck
        follows the head (`_move_neck`; with a `NeckWarp`, the jaw and the neck's axis moved to `neck`:
        (J, 2) crop px of `jaw_line.JAW` and (2,) crop px of `neck.NECK_PIVOT`). seam: the map's jumps
        (`warp.MeshWarp.seam`): the head layer on the pixels along them is supersampled
        (`edge_coverage.cover_jumps`), anti-aliased; where the map squeezes the photo, the head's inside is read
        from blurred copies (`squeeze_filter.SqueezeFilter`). With `ends`, the hair's lower ends the map cuts fade out
        (`soft_ends.SoftEnds`); with `carry_ends` too, those it can are drawn on to the photo's own
        hair ends instead (`carried_ends.carry`). With `outline_skin` (`set_outline_skin`), the photo's far outline
        edge moved inside the head or over the neck is drawn as its nearest opaque skin (`OutlineSkin.apply`).

        Sets `neck_field`: the backward displacement (n, m, 2) px of the plate's neck on the part of the box
        it covers, (n, m) bool where that neck shows (weight > 0.5, warped head alpha < 0.5) and (n, m) bool
        where the plate there is the photo, not its fill; None when the neck is not drawn
        (`neck_health.neck_stretch` reads it). Sets `warped_alpha`: the head alpha (b, a) float32 as drawn on
        the box (`MeshAnimator.drawn_alpha`). With `set_far_fold`, `maps` is redrawn in place where it reads the
        photo's far outline back and forth (`far_fold.unfold_rows`; below the mouth corners only on `band`, (b, a) bool,
        the unfolded band `MeshWarp.unfolded` on the box), its stretched pixels drawn with the photo's grain
        unstretched (`far_grain.FarGrain.regrain`), as are those of `laid` ((b, a) bool: the pixels laid out again with
        the unfolded band, `unfolded_fill.spread_band`: their stretch along the rows streaked alike, lp_s12 x
        preset:turn 2 s 34-38); sets `unfolded_rows`: (b, a) bool, the pixels of the box the fold redrew, or None.
        shifted: each in [0, 1], how far the head is shifted sideways or turned a little (`shifted_wall.wall_share`) and
        shifted sideways alone (`shifted_wall.shift_share`): by them the plate's fill beside the wall where the tone
        under the ear was laid gives way to the wall (`beside_wall`, `BesideWall.mixed`)."""
        self.neck_field = None
        if self.reflect_top is not None:
            fold_top(maps, self.reflect_top)
        unfolded = self.unfolded_rows = (unfold_rows(maps, *self.fold, band, self.fold_light)
                                          if self.fold is not None else None)
        head = np.empty((*maps.shape[:2], 4), np.float32)
        remap_linear(self._head, np.ascontiguousarray(maps), BILINEAR_WEIGHTS, self._head_empty, head)
        if self.sharp_inside is not None:
            self.sharp_inside.apply(head, maps)
        self._squeeze.apply(head, maps)
        stretched = unfolded if laid is None else laid if unfolded is None else unfolded | laid
        if stretched is not None and self.far_grain is not None:
            self.far_grain.regrain(head, maps, stretched)
        cuts = self.ends.cuts(head[..., 3], maps, self.alpha) if self.ends is not None else None
        if seam is not None and len(seam.edge):
            rows, cols, samples = seam.rows[seam.edge], seam.cols[seam.edge], seam.edge_samples
            if unfolded is not None:  # the jumps' exact samples read the folded map: not where it was unfolded
                kept = ~unfolded[np.clip(rows - box[0].start, 0, unfolded.shape[0] - 1),
                                 np.clip(cols - box[1].start, 0, unfolded.shape[1] - 1)]
                rows, cols, samples = rows[kept], cols[kept], samples[kept]
            points = seam.edge_points
            if self.reflect_top is not None:
                points = points.copy()
                fold_top(points, self.reflect_top)
            cover_jumps(head, self._head, self._head_empty, rows, cols, points, samples, box)
        if cuts is not None and self.carry_ends:
            carry(self.ends, head, maps, cuts, self._head, box[0].start or 0)  # the cuts left faded there
        elif cuts is not None:
            self.ends.soften(head, maps, cuts)
        off_frame(head, maps, self.alpha.shape[1], self.cut_sides, self.side_kept)
        if self.fold_holes is not None:
            self.fold_holes.fill(head, maps)
        alpha = head[..., 3]
        self.warped_alpha = alpha
        near = None  # float32 on `_near_bare`'s box: the background laid behind the near ear (`near_bare.laid`), or None
        if self._near_bare is not None and neck is not None and self.neck is not None:
            near = near_bare.laid(self.neck, neck[0], *self._near_bare[2:])  # (own fill: no key)
        moved = self._move_neck(alpha, maps, box, neck, near)
        if moved is not None and self.neck_field is not None:
            motion = rim_motion(maps, self.grid[box], self.neck_field[0], moved[1:])  # read once, used twice
            if self._fill_only is not None:
                self._untoned(moved[0], box, moved[1:], motion)
            outline_rim(head, self.neck_field[1], moved[1:], motion)
        if self.outline_skin is not None:
            support = alpha.copy()
            if moved is not None and self.neck_field is not None:
                shown, (row, col) = self.neck_field[1], moved[1:]
                part = support[row:row + shown.shape[0], col:col + shown.shape[1]]
                part[shown] = 1.0
            self.outline_skin.apply(head, maps, self.grid[box], support)
        plate = self.plate[box]
        walled = None  # the plate on the box with the wall (or the background behind the near ear) mixed in, for
        # `laid`; None where none was
        if near is not None:  # the near jaw moved in: behind the near ear the background (`near_bare`)
            walled = plate = plate.copy()
            self._lay_near(plate, box, near)
        wall_share = None  # (b, a) float32: the wall's share mixed in on the box (`BesideWall.mixed`); None: none
        if shifted[0] > 0 and self.beside_wall is not None:
            at = (box[0].start, box[1].start)
            wall_share = self.beside_wall.mixed(alpha.shape, at, shifted)
            mixed = self.beside_wall.lay(plate, at, wall_share)
            walled, plate = (walled if mixed is plate else mixed), mixed
            if moved is not None:
                at = (box[0].start + moved[1], box[1].start + moved[2])
                moved = (self.beside_wall.lay(moved[0], at, self.beside_wall.mixed(moved[0].shape[:2], at, shifted)),
                         *moved[1:])
        neck_laid = moved or (self._no_neck, 0, 0)
        laid_below_zero(head, maps, self._against, plate, *neck_laid)
        self._laid = box, head, moved, walled  # `laid`
        out = np.empty((*alpha.shape, 3), np.uint8)
        # The plate behind the head (its neck moved) and the sum, rounded and saturated, in one pass.
        over_plate(head, plate, *neck_laid, out)
        if self.kept is not None:
            # where the wall is mixed in, so much less of the photo's kept pixels is laid over (`KeptPhoto.lay`)
            # and where the neck layer moved the plate, they are laid where it moved them (`moved_steps`)
            self.kept.lay(out, alpha, box, wall_share,
                          None if moved is None or self.neck_field is None else (self.neck_field[0], *moved[1:]))
        return out

    def laid(self, box: tuple[slice, slice] | None, window: tuple[slice, slice] | None = None
             ) -> tuple[np.ndarray, np.ndarray]:
        """((h, w, 3) float32, (h, w, 3) float32) on the crop: the head layer's premultiplied colour and the
        plate as the last `composite`, on `box` (the last frame's moving box; None: nothing moved), laid the
        one over the other (outside that box, and when the last frame moved nothing: the source's head and
        the plate itself). window: (rows, columns) of the crop, with starts: only that part of both
        ((n, m, 3) each; None: the whole crop)."""
        window = window or (slice(0, self.alpha.shape[0]), slice(0, self.alpha.shape[1]))
        head = self._head[window][..., :3].copy()
        plate = self.plate[window]
        if self._laid is None or box is None or self._laid[0] != box:
            return head, plate
        (rows, cols), warped, moved, walled = self._laid
        paste(head, warped[..., :3], (rows.start, cols.start), window)
        if walled is None and moved is None:
            return head, plate
        plate = plate.copy()
        if walled is not None:
            paste(plate, walled, (rows.start, cols.start), window)
        if moved is not None:
            neck, row, col = moved
            paste(plate, neck, (rows.start + row, cols.start + col), window)
        return head, plate

    def laid_tone(self, box: tuple[slice, slice] | None) -> np.ndarray | None:
        """(h, w) float32 in [0, 1] on the crop: how much of the plate the last `composite` laid (on `box`, the last
        frame's moving box, as `laid`'s) is the neck's shadowed tone (`tone`: its share on the neck's box, moved with
        the neck by that frame's `neck_field`); None without a neck tone."""
        if self._tone_share is None:
            return None
        share = np.zeros(self.alpha.shape, np.float32)
        share[self._neck_box] = self._tone_share
        if self._laid is None or box is None or self._laid[0] != box or self._laid[2] is None \
                or self.neck_field is None:
            return share
        (rows, cols), _, (_, row, col), _ = self._laid
        disp = self.neck_field[0]
        window = (slice(rows.start + row, rows.start + row + disp.shape[0]),
                  slice(cols.start + col, cols.start + col + disp.shape[1]))
        share[window] = cv2.remap(share, self.grid[window] + disp, None, cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_REPLICATE)
        return share
