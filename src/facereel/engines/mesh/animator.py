"""`MeshAnimator`: the CPU mesh engine. Source photo + per-frame target landmarks -> animated frames.

Two layers (`layers.py`): the head (face, hair, ears, top of the neck; mask from `head_proxy.head_mask`)
and a background plate (the source with the head removed and filled), both made once per source.
Per frame: soft-limit the head's rotation (`pose_limit`); move the face mesh to the target landmarks and
the ring control points around it with the head (inside the head's extent: rigidly with the 3D head pose
on the skull shell of `head_proxy`; beyond it fading to still); build the backward map of the crop
(`warp.MeshWarp`); warp the head layer and lay it over the plate; redraw the eyes and the inner mouth;
paste the crop into a copy of the source. The motion of the rings fades to zero before the crop border
and the composite gives back the source wherever nothing moved, so everything away from the head is the
source, bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

import cv2
import numpy as np

from facereel.engines.mesh.body import BodyWarp
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.crop_box import head_box
from facereel.engines.mesh.eye.eyes import EyeRenderer
from facereel.engines.mesh.eye.sharp_eyes import boxes_on, left_as_drawn, restore_detail
from facereel.engines.mesh.geometry.chin_columns import ChinColumns, unfold
from facereel.engines.mesh.geometry.drawn_triangle import drawn_triangles
from facereel.engines.mesh.geometry.fade_band import FACE_CLEAR, FADE_MOST, FADE_REACH, spread_fade_band
from facereel.engines.mesh.geometry.far_cheek import push, round_far_cheek, yaws
from facereel.engines.mesh.geometry.far_hair import TURN as FAR_HAIR_TURN, keep_far_hair, wall_moves
from facereel.engines.mesh.geometry.far_jaw import FACE_POINTS, overhang, widen_jaw
from facereel.engines.mesh.geometry.forehead_band import drawn_share, spread_squeeze, upper_rays
from facereel.engines.mesh.geometry.head_proxy import (
    ROLL_PIVOT,
    hanging_swing,
    head_shift,
    lift,
    place,
    relative_turn,
    rim_weight,
    shell_centre_motion,
    shell_pose,
    smoothstep,
)
from facereel.engines.mesh.geometry.hidden_nose import nose_and_lip
from facereel.engines.mesh.geometry.lip_fold import LipFold
from facereel.engines.mesh.geometry.lip_ring import LipRing
from facereel.engines.mesh.geometry.mesh_topology import (
    EYE_LINES,
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    face_triangles,
    outer_rings,
    ray_exits,
)
from facereel.engines.mesh.geometry.outline_room import outline_past
from facereel.engines.mesh.geometry.packed_outline import keep_packed, packed_pairs, revealed
from facereel.engines.mesh.geometry.photo_cover import photo_cover
from facereel.engines.mesh.geometry.photo_depth import hidden_in_photo
from facereel.engines.mesh.geometry.pose_limit import limit_pose
from facereel.engines.mesh.geometry.rim_shadow import TURN as RIM_TURN, eased_limits, hung_columns, rim_shadow
from facereel.engines.mesh.geometry.ring_slide import slide_rings, take_up_in_face, take_up_weights
from facereel.engines.mesh.geometry.shell_depth import room_centre, shell_centre
from facereel.engines.mesh.geometry.stretch_limit import (
    INNER_TURN, ITERATIONS, StretchLimit, limit_evenly, signed_areas, tiny_scale, turned_over,
)
from facereel.engines.mesh.geometry.temple_tuck import looks_up, tuck_temples, upper_band
from facereel.engines.mesh.geometry.triangle_health import TriangleHealth
from facereel.engines.mesh.geometry.warp import (
    MeshWarp, Seam, distortion_window, local_distortion, surface_distortion,
)
from facereel.engines.mesh.head_edge.ear_matte import ear_strips, near_side
from facereel.engines.mesh.head_edge.far_fold import cheek_reads
from facereel.engines.mesh.head_edge.outline_skin import far_side, turned
from facereel.engines.mesh.head_edge.pendants import find_pendants, hold_pendants
from facereel.engines.mesh.head_edge.soft_ends import SoftEnds
from facereel.engines.mesh.head_edge.unfolded_fill import (SPREAD, SkinEdge, fill_sources, smooth_rows, spread_band,
                                                           spread_window)
from facereel.engines.mesh.held_hand import find_hand
from facereel.engines.mesh.layers import HeadLayer, paste
from facereel.engines.mesh.neck_layer.jaw_line import JAW
from facereel.engines.mesh.neck_layer.neck import NECK_PIVOT
from facereel.engines.mesh.neck_layer.neck_health import neck_stretch
from facereel.engines.mesh.neck_layer.shifted_wall import shift_share, wall_share
from facereel.engines.mesh.open_mouth.moustache_ends import MoustacheEnds
from facereel.engines.mesh.open_mouth.mouth import DriverFrame, MouthRenderer
from facereel.engines.mesh.top_band import hair_band
from facereel.face import landmark_ids as ids
from facereel.face.pose import HeadPose, canonical_template, estimate_pose, head_pose
from facereel.motion.retarget_options import SCALE_KNEE, SHIFT_KNEE, RetargetOptions


@dataclass(frozen=True)
class MeshOptions:
    """Tuning of the mesh engine. Radii are in face-oval units: 1 = on the face outline, measured from
    the oval's centre along each direction.

    Attributes:
        head_margin: above and beside the face, the rings move fully with the head (rigidly, on the skull
            shell) out to the head mask's extent along each ray plus this much.
        head_fade: beyond that the rings' motion fades (smoothstep) to zero over this much; what lies there
            is background, which the plate shows instead, so the fade only keeps the map continuous.
        crop_margin, crop_below: the working crop reaches this many face sizes (oval extent) from the
            face centre sideways/up and down; nothing outside it ever changes.
        shift_limit, scale_limit: the retargeting's head-shift (inter-ocular distances) and head-scale limits
            (`RetargetOptions`) the crop box leaves the head room for; 0 (no limit): the box reaches the
            image's top and sides (`crop_box.head_box`).
        map_cells_per_face: resolution of the coarse grid the backward map is rasterised on, in cells
            across the face; the cost of rasterising is independent of the image size.
        eyes: re-render eyes (moving irises, synthetic closed lids); off = plain warp.
        sharp_eyes: round each eye give back the detail the head layer's bilinear sample loses (`eye.sharp_eyes`:
            a moved eye's catchlight and lashes as sharp as the photo's; the eye layer sampled `SHARP`, its
            catchlight laid unresampled); off = the bilinear sample alone.
        sharp_inside: the head layer's solid inside read bicubic, the photo's grain kept on a moved face
            (`sharp_inside`: lp_s12's skin grain 0.80 -> 0.93 of the photo's, +1.5-2 CPU ms a frame at 512);
            on by default since the thirty-ninth session (h39-grain: the three look tests it moved read the grain).
        mouth: paint the inner mouth when the lips part (else the warp stretches what the source shows).
        mouth_interior: "driver" (the driving frame's own teeth, tongue and cavity when `render` gets the
            frame, else synthetic) or "synthetic" (procedural); see mouth.py.
        cv_threads: passed to cv2.setNumThreads when not None (OpenCV's setting is process-wide).
        body_side_hold, body_side_reach: body following (`render(..., body=)`): the torso motion is full
            within `body_side_hold` shoulder widths beside the shoulders and fades to zero at
            `body_side_reach`; vertically it ramps in from `body_hold` to `body_reach` oval radii below
            the face centre (below the chin, so the head is never moved by the torso; from a lowered chin's
            drop lower, `body.BodyWarp`); an animator made
            with `shoulders` also carries the neck in its head layer, so head and torso share the neck (without,
            the neck stays with the body).
        body_head_reach: with `shoulders`, the head's own motion fades down its neck from `body_hold` to this many
            oval radii below the face centre (straight down; beside it as far as the head reaches). Faded out by
            `body_reach` (as the torso's rise was), ~15 rows under a chin lowered into that fade, a head moved far sideways
            dragged the top of its neck off the hole's fill (lp_s5 x sr_1 52-60: 80 px, a flat brown band under
            the chin, pale streaks beside it; `figures/neck_fold.py` 20 -> 2 px a row); the torso's longer rise
            (`BodyWarp`) overlaps the fade, so the neck hands over from the head's motion to the torso's.
        contour_reach: a ring point near the face outline rides with its outline point (expression
            included: the jaw, the temples); this many oval radii out it rides with the head's rigid
            3D motion only, so opening the jaw does not drag the neck and collar.
        max_stretch: the warp-health limit: a head pixel whose local warp stretches more than this (or
            folds) counts against `warp_health`.
        stretch_limit: no front-facing face triangle is stretched more than this (`stretch_limit.py`: the
            face's silhouette band and the skin by the mouth corners stay as narrow as the photo shows them).
        hair_stretch_limit: the same for the ring points inside the head (hair, ears; their triangles' corners
            on the face's outline keep `stretch_limit`): beside a turning face they are drawn out between
            its outline and the head's held outline (lp_s1's hair in streaks at 3, the engine before).
        stretch_rounds: the stretch limit's rounds at most (`stretch_limit.ITERATIONS`): 100 no longer leave the
            near cheek's band between the jaw and the ear stretched beyond `max_stretch` on a turn, but move the mouth
            corners and sr_18's far cheek as well (docs/benchmarks.md "The stretch limit run until it converges").
        relimit_outline: the stretch limit's later rounds (`stretch_limit.limit_evenly`) limit the face's triangles
            on its outline too, not the rings' alone: the rings' limit moves the outline's points and drew the near
            jaw's slivers out again to 11-14x after the face's limit had them at 3x (grace_hopper turned, 100
            rounds). With `stretch_rounds` 100 no face triangle is drawn beyond `max_stretch` on the turn
            (docs/benchmarks.md "The outline's triangles limited again"); off (the default: the engine before), as
            those 100 rounds are.
        relimit_turned: `relimit_outline` on a frame turned enough for the inner rounds (their gate, below) only, at
            the default 12 rounds: the inner rounds cannot narrow the near band's slivers the rings' later rounds
            drew out (grace_hopper x preset:turn 2 s frame 12: 288-361-401, 288-397-435, 361-366-401 5.9 / 12.4 /
            7.3x, still 5.5-13.7x with 300-1000 inner rounds); limited with the rings, the near jaw's points come in
            5-8 px and the stretched face share max 0.0033 -> 0.0013, the 4 s turn's warp health max / mean 0.0058 /
            0.0014 -> 0.0033 / 0.0005 (docs/benchmarks.md "The outline limited with the rings on a turn"). A laugh
            or talk (under the gate) maps bit for bit as without it. Not on a side of the face with hair hanging below
            its jaw (`rim_shadow.hung_columns`): there it drew a step in lp_s1's near cheek outline beside the hair
            (x preset:turn 33 at 512, `figures.cheek_lines` 0.0267 -> 0.0424; tests/mesh/test_hanging_hair.py). Nor
            round the chin (`_RELIMIT_SPARED`): there the astronaut turned past 40 deg drew its far chin from deeper
            inside the photo's face (`figures.far_outline.outline_depth` mean 0.088, flat jaw 0.093:
            tests/mesh/test_far_jaw.py wants `widen_jaw` 0.005 under) and sr_18's unfolded far band rose (4 s turn
            frame 24, 61 -> 63 flagged samples). On the frame's near side only (`outline_skin.far_side` of the
            target): the far side's moved the hair beside it for no gain there (grace_hopper's `figures.hair_turn` max
            1.60 -> 1.71 deg, 1.60 near side only). The rings as without it (`stretch_limit.limit_evenly`'s
            `face_again`: the later rounds run twice, the face's points from those with the outline, the rings' from
            those without): moved by them, the first two rings beside the near jaw came in 3-4 px against the fade
            ring held and the hair between turned less evenly (grace_hopper 2 s, mean over test_hair_turn's `TURNING`
            1.332 -> 1.347 deg, the forty-eighth session; 1.337 with the rings as without it). Past `rim_shadow.TURN`'s
            ramp's first tenth (`_RELIMIT_CHIN_TURN`) the chin's first points 365 and 136 are limited with the outline
            (`_RELIMIT_SPARED_PAST`): 1.331 deg, below the engine's without it (h49-hairturn, from the ramp's start;
            h50-health its first tenth). On by default since the forty-eighth session.
        inner_rounds: rounds of the face's stretch limit run again after it and after the rings' later rounds
            (`stretch_limit.limit_evenly`, which move the outline's points), on a head turned past
            `rim_shadow.TURN`'s ramp's start or `stretch_limit.INNER_TURN` from the photo's yaw only, moving the
            face's inner vertices alone (the outline's and the lips' points held): the cheek above the near band
            narrows it without dragging the outline, so a laugh is unchanged. 88: preset:turn 2 s stretched face
            share max / mean astronaut 0.0034 / 0.00046 -> 0.0006 / 0.00003, grace_hopper 0.0077 / 0.0024 -> 0.0032
            / 0.00039, lp_s0 0.0129 / 0.0030 -> 0.0013 / 0.00023, lp_s1 0.0038 / 0.00096 -> 0.0034 / 0.00027, sr_18
            0.0095 / 0.0011 -> 0.0014 / 0.00025 (0: the engine before; docs/benchmarks.md "The cheek above the band
            limited after the rings' rounds"); from `INNER_TURN` too, grace_hopper 0.0035 -> 0.0018, lp_s1 0.0034 ->
            0.0007 (docs/benchmarks.md "The inner rounds from 5 deg of turn").
        inner_undo: the inner rounds' moves undone at each vertex round which they leave more triangles folded
            or stretched beyond `max_stretch` than they found (`TriangleHealth.undo_worse`, the warp health's own
            check): on a folded far jaw (lp_s5 x preset:turn 34, its inner points outside the oval) their proposals
            stall and drew the band under the outline from 2x out to 5-10x (a stepped jaw line); grace_hopper's turn
            70 a wedge of skin below the jaw. preset:turn 4 s health max / mean lp_s5 0.0045 / 0.0009 -> 0.0036 /
            0.0009, grace_hopper 0.0058 / 0.0010 -> 0.0048 / 0.0009, lp_s0 mean 0.0009 -> 0.0007 (docs/benchmarks.md
            "Warp health: the inner rounds' moves undone ..."). Off: the engine before.
        ring_smoothing: passes of a (1, 2, 1) / 4 filter along each ring over the stretch limit's moves of
            the ring points, limited again, `stretch_limit.ROUNDS` times (`stretch_limit.limit_evenly`):
            neighbours moved unevenly drew a ring as a zigzag, a hard Z-shaped crease through the hair on a
            big turn (lp_s1; 0: the engine before).
        ring_slide: the rings slide along themselves with the face's outline (`ring_slide.py`:
            the band between the outline and the first ring turns over as the outline slides along it, a
            crease in the hair above the forehead on a turn). Off (the default): it lowers those turned-over
            samples and the hair-streaks figure but shears the hair into waves and notches its outline
            (lp_s1 turned; docs/mesh-engine.md).
        face_slide: the share of the outline's slide along the first ring that the face's outer band takes up
            above the nose (`ring_slide.take_up_in_face`: the outline's points moved back along the outline, so the
            band between the outline and the first ring need not turn over). 0.75, the default since the
            nineteenth session, cuts the turned-over ring samples 1.5-3.2x on preset:turn, the health's mean
            lower on five portraits, its max too but the astronaut's (0.0176 -> 0.0180: the near ear's strip);
            0: the engine before (docs/mesh-engine.md, "The slide taken up inside the face", "The outline seen
            edge-on", "The slide taken up by default").
        plate_grow: the plate's hole is the head mask grown by this fraction of the face size.
        plate_shifts: the plate's hole is filled, on the background's side, with the background beside it
            shifted so its structure goes on into it (`offset_fill.py`: lp_s1's curtain folds and pelmet
            instead of one flat dark smear; ~1 s more per source); off (the default): the ring fill alone,
            which meets the photo at the hole's edge more closely (docs/mesh-engine.md "The curtain
            beside lp_s1's far turn").
        hanging_hair: hair hanging below the jaw line joins the head layer (`hanging_hair.py`): on turns
            beyond 10-20 deg from the source's pose or shifts beyond 0.3-0.5 inter-ocular distances
            (`head_proxy.hanging_swing`) it follows the head's rigid motion instead of stretching in the plate
            beside the jaw (lp_s1's far turn) or staying with the wall (lp_s1 x lp_d12); on smaller ones
            it moves as the rings do without it (real hanging hair, lp_d11's pigtails, does not turn with
            every small motion: -0.17 dB there instead of -1.0 moved rigidly; lp_d3 -0.21 dB, lp_s0's
            painted shadow found as hair: docs/benchmarks.md). With `neck_layer` as without it: the
            neck's warp takes the head's lower edge without the hanging hair, so the hair's columns show no
            neck and stay still behind it (`neck.NeckWarp`; docs/mesh-engine.md "Hanging hair with the
            neck layer").
        neck_layer: the plate's neck follows the jaw by a graded warp down to a still collar line and to
            none at the neck's edge (`neck.NeckWarp`, docs/mesh-engine.md "The neck layer"); off (the engine
            before 2026-12-01): by the head's own map faded by the neck weight (which smears the neck under a
            raised chin and shows a necklace or collar twice).
        soft_ends: where the map cuts the moved hair over the plate (its lower ends on a big move), the hair
            fades out over `soft_ends.REACH` face sizes instead of ending in a hard straight edge
            (`soft_ends.py`, lp_s1 x lp_d12); off: the engine before 2026-12-02's sixteenth session.
        carried_ends: with `soft_ends`, a cut hair end (a run of cuts at least `carried_ends._RUN` face sizes wide
            on the photo's hair) is drawn on below the cut, down the photo, to where the photo's hair ends
            (`carried_ends.py`, lp_s1 x lp_d12) instead of fading: the hair hangs as the photo's moved with the
            head (`figures.short_hair` 0.388 -> 0.268 on the clip). Its pops beyond the head's own motion
            (`figures.hair_pops` given the targets) read about the fade alone's (4.74 vs 4.47); on boxes fixed
            on the photo they read 5.13 vs 2.56, where the photo moved by the head's similarity reads 6.22 (the
            driver shakes her head). Off: the fade alone (the default of the seventeenth session's h17-carry2).
        jaw_shadow: the photo's dark line under the jaw moves with the jaw's own per-column offset (a shadow
            factor taken out of the moved neck and laid again under the moved jaw, `jaw_shadow.py`), above
            each column's collar line: a raised, turned head no longer leaves it across a neck that does not
            stretch up (sr_18's crease at preset:turn 37-43); off: the line stays where the neck's warp puts
            it, the default before 2026-12-02's seventeenth session (docs/mesh-engine.md "The ghost jaw under a
            turned, raised head").
        rigid_pendants: an earring hanging below an ear lobe (light, grey, earring-sized: `head_edge.pendants`) moves
            as one piece (with its top, and across the face's axis with its cheek side where that is nearer the
            face), not stretched with the band between the cheek and the first ring (lp_s1's drop on a turn: ~1.7x
            its width). On by default since h30-pendseam (off: the drop stretched; a photo without one is drawn
            bit for bit as off); off by default before it, for a seam in the far cheek beside it and a ~3 px step
            at its hook (h29-look2; eased out by h29-pendseam) and a bump of skin below it (h30-pendseam).
        held_hand: a hand in front of the face in the photo (mediapipe's hand landmarks over the face oval:
            `held_hand`) is laid over the finished frame as one piece moved by the head's rigid motion, not bent
            with the expression nor drawn over by the mouth (h33-hand); a photo without one is drawn bit for bit
            as off. Off: the map moves it with the face, the default before.
    """

    head_margin: float = 0.06
    head_fade: float = 0.4
    crop_margin: float = 1.2
    crop_below: float = 1.3
    shift_limit: float = SHIFT_KNEE
    scale_limit: float = SCALE_KNEE
    map_cells_per_face: int = 96
    eyes: bool = True
    sharp_eyes: bool = True
    sharp_inside: bool = True
    mouth: bool = True
    mouth_interior: Literal["driver", "synthetic"] = "driver"
    cv_threads: int | None = None
    body_side_hold: float = 0.3
    body_side_reach: float = 0.8
    body_hold: float = 1.05
    body_reach: float = 1.6
    body_head_reach: float = 2.4
    contour_reach: float = 1.15
    max_stretch: float = 4.0
    stretch_limit: float = 3.0
    hair_stretch_limit: float = 2.0
    stretch_rounds: int = ITERATIONS
    relimit_outline: bool = False
    relimit_turned: bool = True
    inner_rounds: int = 88
    inner_undo: bool = True
    ring_smoothing: int = 4
    ring_slide: bool = False
    face_slide: float = 0.75
    plate_grow: float = 0.05
    plate_shifts: bool = False
    hanging_hair: bool = True
    neck_layer: bool = True
    soft_ends: bool = True
    carried_ends: bool = True
    jaw_shadow: bool = True
    rigid_pendants: bool = True
    held_hand: bool = True

    def with_limits(self, retarget: RetargetOptions) -> MeshOptions:
        """These options with the crop box's room for the limits of `retarget` (as `for_engine` resolves them)."""
        return replace(self, shift_limit=retarget.shift_limit, scale_limit=retarget.scale_limit)


_OUTER_FRACTIONS = (0.25, 0.5, 0.75, 1.0)  # rings beyond the head: fractions of the way to the crop border
_MIN_HOLD = 1.15  # the rigid ring never sits closer to the oval than this (oval radii)
_RIGID_SHARE = 0.75  # the rigid ring never sits further than this share of the way from the oval to the crop border
_HEAD_GAP = 0.16  # oval radii: with hanging hair, an empty stretch of the head mask along a ray this narrow does not end it
_CHIN_RAYS = (0.8, 0.95)
"""Downward share of an oval ray (0 sideways, 1 straight down from the face centre): from the first to the
second the first two rings' points on it (the head's margin under the chin, `_CHIN_SLIP` permitting) are more
and then wholly kept from standing above their place under the chin (their photo offset from their oval
point, turned with the head, no depth: `_target_vertices`). Only half-way "near the outline"
(`contour_reach`) and offset on the skull shell far behind the chin, the first stood level beside a chin moved
down over the neck (lp_s3 x lp_d12 frame 50: 16 px beside it, 1 px above): the band under the chin collapsed
and the head mask's round margin below the face oval with it, the chin drawn cut straight along the oval's
chords with a step at its end. The second ring (the rigid one, 3-5 px below the first there) moves with it, so
the band between them is not sheared sideways (its stretch limit dragged the first ring and the chin's outline
back: lp_s3's `chin_margin` 0.009-0.021 with the first ring alone, 0.020-0.022 with both). Below that place (a
raised chin, lp_s0 on preset:turn) they are left as they were."""
_RELIMIT_SPARED = ids.FACE_OVAL[13:24]
"""The chin's part of the face oval, past the jaw angles (365 round 152 to 136): `MeshOptions.relimit_turned` leaves
the face's triangles with a corner here out of the rings' later rounds, so a turned far chin keeps the place
`far_jaw.widen_jaw` carries it to (the astronaut turned past 40 deg: drawn from deeper inside the photo's face with
them, tests/mesh/test_far_jaw.py)."""
_RELIMIT_SPARED_PAST = ids.FACE_OVAL[14:23]
"""`_RELIMIT_SPARED` on a frame past `_RELIMIT_CHIN_TURN` (379 round 152 to 150): the chin's first points 365 and 136
limited with the outline there. Left out, the relimit pushed grace_hopper's jaw point 397 8-9 px out over the hair and
stretched the held 365-367-397 3.5 -> 7.0x (preset:turn 2 s frame 10), and the hair beside it turned less evenly
(`figures.hair_turn`); on the turn's first frames they drew her near band out instead (stretched face share frame 2,
the inner rounds' gate alone, 0.0006 -> 0.0026, h49-hairturn; frame 3, `rim_shadow.TURN`'s ramp at 0.03, 0.0003 ->
0.0021, h50-health)."""
_RELIMIT_CHIN_TURN = 0.1
"""`rim_shadow.TURN`'s ramp (0-1, as `far_cheek.push` reads it; 0.1: ~18 deg of turn beyond a frontal photo's yaw)
past which the chin's first points are relimited (`_RELIMIT_SPARED_PAST`). From the ramp's start (0, h49-hairturn)
grace_hopper's 2 s turn frame 3 (0.03) drew the near band out (stretched face share 0.0003 -> 0.0021); from its end (1)
the 4 s turn's health max rose on lp_s12 66 (ramp 0.89) 0.0052 -> 0.0065 and lp_s6 59 (0.6) 0.0047 -> 0.0050
(h50-health). 0.1 to 0.3 read alike on those and on lp_s6's 57-58 (0.15 / 0.37)."""
_CHIN_SLIP = (0.25, 0.35)
"""Face sizes (the frame's): where the rings under the chin stand this far from their place there
(`_CHIN_RAYS`; the mean over them, one share for all, so neighbouring rays are not kept by different shares)
they are kept less and then not at all. A chin lowered over the neck leaves them 0.1-0.2 behind (lp_s3 x lp_d12
46-97); a big turn carries them on the skull shell up to 0.5 beside the chin (lp_s1 on preset:turn frames
12-20, 36-44): moved that far, the chin's ring sheared the hanging hair's band beside the jaw (hair streaks
0.0017 -> 0.0087 at frame 38) and the stretch limit run to convergence left a chin triangle stretched (frame
37)."""
_HEALTH_STRIDE = 2  # warp health reads every 2nd coarse sample (differences over ~4 % of the face)
# (coarse (h, w, 2) displacement, spacing (x, y) px) -> (folded, largest stretch), (h-2, w-2) each
Distortion = Callable[[np.ndarray, tuple[float, float]], tuple[np.ndarray, np.ndarray]]
_BACKGROUND_DEPTH = 10.0  # canonical units behind the head: the depth given to rings that do not follow it


@dataclass(frozen=True)
class FrameMap:
    """One frame's geometry (`MeshAnimator.map_frame`), all that `MeshAnimator.draw` needs of it: target
    (478, 3) float32 image px, the landmarks after the pose and stretch limits (the eyes and mouth are drawn
    on them); coarse (h, w, 2) float32, the backward displacement on the warp's coarse grid, crop px; box,
    the (rows, columns) of the crop it moves (`MeshWarp.moving_box`, grown by the head layer's neck), None when
    nothing moves; neck, the moved jaw points (K, 2) and neck pivot (2,), crop px, for the neck layer; seam,
    the crop pixels where the map jumps, drawn exactly (`MeshWarp.seam`), None when it does not; unfolded, (h, w)
    bool on the coarse grid, where the map shows the band the photo folds under its silhouette
    (`MeshWarp.unfolded`, blurred down its columns as drawn where not laid out: `unfolded_fill.smooth_rows`), None
    where none shows; laid, (h, w) bool on the coarse grid, the samples laid out again
    with it (`MeshWarp.laid`, `unfolded_fill.spread_band`), None where none; shifted, each in [0, 1], how far the head
    is shifted sideways beyond turning or turned a little (`shifted_wall.wall_share`) and shifted sideways alone
    (`shifted_wall.shift_share`)."""

    target: np.ndarray
    coarse: np.ndarray
    box: tuple[slice, slice] | None
    neck: tuple[np.ndarray, np.ndarray]
    seam: Seam | None = None
    unfolded: np.ndarray | None = None
    laid: np.ndarray | None = None
    shifted: tuple[float, float] = (0.0, 0.0)


def _mean_depth(depth: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """(F,) float32: the mean depth of each triangle's corners (triangles (F, 3) int; depth (V,) float32), as
    `depth[triangles].mean(1)` gives it bit for bit (numpy adds the three in order, then divides by 3 in float32) at
    a fifth of its cost (~20 us a call on lp_s1's face: numpy's reduction along a short axis)."""
    corners = depth[triangles]
    return (corners[:, 0] + corners[:, 1] + corners[:, 2]) / np.float32(3)


def _head_extent(mask: np.ndarray, oval: np.ndarray, centre: np.ndarray, exits: np.ndarray, gap: float = 0.0
                 ) -> np.ndarray:
    """(K,) how far the head mask (h, w) reaches along each ray from `centre` through an oval point (K, 2),
    in oval radii (>= 1): the first radius beyond the oval from which the mask is (nearly) empty for `gap`
    oval radii or more (at least one step). With the hanging hair in the mask a gap of `_HEAD_GAP` is jumped:
    the strip of shadow or neck between the jaw and hair hanging beside it (lp_s1's hair under the ear);
    ending there left that hair in the rings' fade zone, stretched into a long splinter as the jaw turned
    away from it."""
    step = 0.02
    steps = np.arange(1.0, float(exits.max()) + step, step, dtype=np.float32)
    pts = centre + (oval - centre)[:, None, :] * steps[None, :, None]  # (K, S, 2)
    xy = np.round(pts).astype(int)
    h, w = mask.shape
    inside = (xy[..., 0] >= 0) & (xy[..., 0] < w) & (xy[..., 1] >= 0) & (xy[..., 1] < h)
    values = np.where(inside, mask[np.clip(xy[..., 1], 0, h - 1), np.clip(xy[..., 0], 0, w - 1)], 0.0)
    gap = max(1, round(gap / step))
    empty = np.pad(values < 0.02, ((0, 0), (0, gap)), constant_values=True)  # empty beyond the last step
    runs = np.cumsum(empty, axis=1, dtype=np.int32)
    ends = runs[:, gap - 1:] - np.pad(runs, ((0, 0), (1, 0)))[:, :-gap]  # empty steps in [s, s + gap)
    first = np.minimum((ends == gap).argmax(1), len(steps) - 1)  # ends[:, -1] is all padding
    return steps[first]


def _past_cut_top(exits: np.ndarray, oval: np.ndarray, centre: np.ndarray, hold: np.ndarray, reach: np.ndarray
                  ) -> np.ndarray:
    """(K,) `ray_exits` (oval radii) of the rays from `centre` through the oval points (K, 2) crop px, those
    leaving through the crop's top (the photo's own, the head cut by it) pushed past it as far as the rigid ring
    (`hold`, (K,) oval radii, within `_RIGID_SHARE` of the way) and the fade (`reach`) need: the rings' motion
    fades out beyond the photo (read mirrored there, `HeadLayer.reflect_top`). Pinned at the photo's top, the
    rings squeezed the hair cut by it into the few px between the rigid ring and the top row (sr_8: 6-8 px),
    which a lowered head stretched 5-10x into streaks (its warp health on preset:turn up to 0.13)."""
    top = centre[1] + (oval - centre)[:, 1] * exits < 0.5  # the ray's exit on the top row
    needed = np.maximum(1 + (hold - 1) / _RIGID_SHARE, reach)
    return np.where(top, np.maximum(exits, needed), exits)


class MeshAnimator:
    """Animate one source portrait by warping it onto target landmarks.

    Args:
        source: (H, W, 3) uint8 RGB full-resolution source photo.
        source_landmarks: (478, 3) float32 landmarks of `source`, image px (docs/conventions.md).
        options: tuning; defaults when None.
        shoulders: (2, 2) px of the portrait's shoulders (`facereel.face.shoulders.detect_shoulders`),
            needed for body following; None = the body never moves.
        region: (H, W) float32 in [0, 1], where this face may draw its head layer when the photo shows
            several faces (`face_regions.region`): its head alpha, and so its plate's hole, are limited to
            it; None = anywhere.
        under: (H, W) float32 in [0, 1], where the faces behind this one lie (several faces: the pixels they
            own, `face_regions.FaceRegions.under`): its plate's hole is filled from them there
            (`layers.background_plate`); None = no face behind it.
        carried: (H, W) float32 in [0, 1], with `region`: where its head layer goes on beyond `region`
            (a face behind another, `face_regions.FaceRegions.carried`): the head alpha is limited to the
            larger of the two, so that strip of its hair moves with the head, while its plate stays the
            source wherever `region` cut it (`layers.cut_source`); None = `region`.
        like: the animator of an earlier frame of the same video where the face stood (nearly) where it
            stands in `source` (`frame_setup.VideoFrameAnimators`): its crop box, head mask and plate fill
            are reused instead of being made again (the mask already limited to its `region`).
        soft: 0-1, the photo's softness round its mouth (`mouth_finish.softness`) when `source` is a rescaled
            copy of the photo (`small_face.UpscaledFace`: the photo's, not the upscaling's); None = read from
            `source`.
        segment: (H, W, 3) uint8 RGB, the image the head's masks are found on (`crop_box.head_box`) when not
            `source` itself (`cut_neck.Extended`: the source widened without the hair's grain); None = `source`.
    """

    def __init__(self, source: np.ndarray, source_landmarks: np.ndarray, options: MeshOptions | None = None,
                 shoulders: np.ndarray | None = None, region: np.ndarray | None = None,
                 under: np.ndarray | None = None, like: MeshAnimator | None = None,
                 carried: np.ndarray | None = None, soft: float | None = None,
                 segment: np.ndarray | None = None) -> None:
        if source.dtype != np.uint8 or source.ndim != 3 or source.shape[2] != 3:
            raise ValueError(f"source must be (H, W, 3) uint8, got {source.shape} {source.dtype}")
        self.options = opt = options or MeshOptions()
        if opt.cv_threads is not None:
            cv2.setNumThreads(opt.cv_threads)
        self.source = np.ascontiguousarray(source)
        h, w = source.shape[:2]
        lm = np.asarray(source_landmarks, dtype=np.float32)
        self.source_landmarks = lm

        neck_in_head = shoulders is not None
        seen = self.source if segment is None else np.ascontiguousarray(segment)
        self.box, mask = (like.box, like.mask) if like is not None else head_box(seen, lm, opt, neck_in_head)
        x0, y0, x1, y1 = self.box
        self.origin = np.array([x0, y0], dtype=np.float32)
        size = (x1 - x0, y1 - y0)

        # a column under the lower lip the tracker folded over the lip (its skin points on it) is laid out in order
        src_xy, folded = unfold(lm[:, :2] - self.origin)
        src_xy = src_xy.astype(np.float32)
        oval = src_xy[list(ids.FACE_OVAL)]
        centre = oval.mean(0)
        face_px = face_size(lm)  # px
        pose, canonical, _ = estimate_pose(lm[None])
        self._source_rotation = pose.rotation[0]
        self._source_overhang = overhang(lm)  # (468,) face sizes the photo's own face points stand past its oval
        self._packed = packed_pairs(src_xy, face_px)  # inner points on the photo's outline beside an oval point
        self._hand = find_hand(self.source, lm) if opt.held_hand else None  # laid over each drawn frame
        # The photo as the map draws it: a held hand's pixels filled from around it (`HeldHand.removed`); the head's
        # masks, the eyes and the mouth read `source` as it is.
        self._drawn = self._hand.removed(self.source) if self._hand is not None else self.source
        self._crop = crop = self._drawn[y0:y1, x0:x1]  # (h, w, 3) uint8, the drawn photo's crop (a view)
        cut = None
        under = under[y0:y1, x0:x1] if like is None and under is not None else None
        if like is None and region is not None:
            mine = region[y0:y1, x0:x1]
            cut = 1.0 - mine
            if carried is not None:
                mine = np.maximum(mine, carried[y0:y1, x0:x1])
            mask = replace(mask, alpha=mask.alpha * mine, head=mask.head * mine)
        self.mask = mask
        grow = max(1, round(opt.plate_grow * face_px))
        jaw = src_xy[list(JAW)]
        neck = (jaw, place(NECK_PIVOT[None], pose)[0, :2] - self.origin, face_px) if opt.neck_layer else None
        self._neck_points = np.vstack([canonical[0][list(JAW)], NECK_PIVOT[None]])  # canonical, the neck follows
        self.layer = HeadLayer(crop, mask, grow, stretch_neck=shoulders is None, cut=cut, under=under,
                               fill_from=like.layer if like is not None else None, neck=neck,
                               shifted=opt.plate_shifts, halo=carried is not None, jaw_shadow=opt.jaw_shadow,
                               ends=(SoftEnds(lm, self.origin, crop.shape[:2], face_px, mask.carried_neck)
                                     if opt.soft_ends else None),
                               carry_ends=opt.carried_ends, sharp_inside=opt.sharp_inside,
                               matted=ear_strips(crop.shape[:2], lm, self.origin, face_px) if like is None else None,
                               near=near_side(crop.shape[:2], lm, self.origin))
        self.layer.set_face(lm, self.origin)

        # Rings: two inside the head's extent along each ray (the second exactly where the rigid part ends,
        # so no triangle straddles the head's outline), then fractions of the way to the crop border.
        k = len(ids.FACE_OVAL)
        exits = ray_exits(oval, centre, size)
        down = np.clip((oval - centre)[:, 1] / np.linalg.norm(oval - centre, axis=1), 0, 1)

        def hold_reach(head: np.ndarray, gap: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
            """Where along each ray the rings' motion starts to fade and where it is 0 (oval radii), for
            the head mask `head` (h, w)."""
            extent = _head_extent(head, oval, centre, exits, gap)
            extent = np.maximum.reduce([extent, np.roll(extent, 1), np.roll(extent, -1)]) + opt.head_margin
            if shoulders is None:
                return extent, extent + opt.head_fade
            # With body following the neck is in the head layer and shared with the torso: below the chin
            # the head's motion fades where the torso's ramps in. Without it the neck is not in the head
            # layer (it stays with the body, the jaw moves over it).
            hold = extent + (opt.body_hold - extent) * down
            return hold, hold + opt.head_fade + (opt.body_head_reach - opt.body_hold - opt.head_fade) * down

        hold, reach = hold_reach(mask.head, _HEAD_GAP if mask.hanging.any() else 0.0)
        if y0 == 0 and (mask.head[0] >= 0.5).any():  # the head cut by the photo's top goes on past it
            past = _past_cut_top(exits, oval, centre, hold, reach)
            if (past > exits).any():
                self.layer.reflect_top = hair_band(crop, mask.head, lm, self.origin, face_px)
            exits = past
        rigid_ring = np.clip(hold, _MIN_HOLD, 1 + _RIGID_SHARE * (exits - 1))
        outer = rigid_ring[None] + np.asarray(_OUTER_FRACTIONS)[:, None] * (exits - rigid_ring)[None]
        radii = np.vstack([0.5 * (1 + rigid_ring), rigid_ring, outer])
        ring_pts, ring_tris = outer_rings(oval, centre, radii)
        radius = radii.reshape(-1)
        self._oval = np.tile(np.asarray(ids.FACE_OVAL), len(radii))  # each ring point's oval point

        def follows(hold: np.ndarray, reach: np.ndarray) -> np.ndarray:
            """(R*K, 1) how much of the head's motion each ring point follows: 1 within the head, 0 at the
            crop border."""
            follow = 1 - smoothstep(np.tile(hold, len(radii)), np.tile(reach, len(radii)), radius)
            follow[-k:] = 0.0
            return follow[:, None].astype(np.float32)

        self._ring_src = ring_pts
        self._follow = follows(hold, reach)
        # Without the hanging hair (`hanging_swing`: on small turns and shifts it does not follow the head rigidly).
        self._follow_still = (follows(*hold_reach(np.where(mask.hanging > 0.02, 0.0, mask.head)))
                              if mask.hanging.any() else self._follow)
        self._contour = (1 - smoothstep(np.ones_like(radius), np.full_like(radius, opt.contour_reach), radius)
                         )[:, None].astype(np.float32)
        chin = smoothstep(*_CHIN_RAYS, down)  # (K,) the rays under the chin's middle
        under = np.flatnonzero(chin > 0)
        self._chin_ring = np.concatenate([under, k + under])  # the first two rings' points there
        self._chin_weight = np.tile(chin[under], 2).astype(np.float32)
        self._chin_face = face_px  # px, the photo's face size (`_CHIN_SLIP`, `smooth_rows`, `SPREAD`, `keep_packed`)
        self._shell_centre = shell_centre(hold, oval, centre)  # (3,) canonical: forward for tight hair
        self._shell = lift(ring_pts + self.origin, pose, self._shell_centre)  # (R*K, 3) canonical, on the shell
        self._rim = rim_weight(ring_pts + self.origin, pose, self._shell_centre)[:, None]  # 1 on its outline, beyond
        # The rigid ring on the shell centred where the editor's room is measured (`room_centre`; None: the same).
        room, rigid_pts = room_centre(hold, oval, centre), ring_pts[k:2 * k] + self.origin
        self._room = None if room is self._shell_centre else (
            room, lift(rigid_pts, pose, room), rim_weight(rigid_pts, pose, room)[:, None])
        self._room_shift: np.ndarray | None = None  # (K, 2) px, the last frame's (`_room_ring_shift`)
        self._source_pose = pose
        self._shell_offset = self._shell - canonical[0][self._oval]  # from each ring point's oval point
        # Under the chin: the offset as the photo shows it, level with the chin in depth (not on the shell behind it).
        below = ring_pts[self._chin_ring] - oval[self._chin_ring % k]  # (C, 2) px
        seen = np.hstack([below / pose.scale[0], np.zeros((len(below), 1))])  # the photo's camera frame
        self._chin_offset = (seen @ pose.rotation[0]).astype(np.float32)  # canonical
        self._chin_gap = np.maximum(np.linalg.norm(below, axis=1), 1.0)
        self._src_vertices = np.vstack([src_xy, ring_pts]).astype(np.float32)
        # The forehead's rays and their first band's drawn share of the first two (`forehead_band`).
        self._upper_rays = upper_rays(oval)
        self._first_share = drawn_share(oval, ring_pts[:k], ring_pts[k:2 * k])
        # How much of the outline's slide along the first ring each face point takes up (`face_slide`).
        self._face_slide = opt.face_slide * take_up_weights(src_xy, np.asarray(ids.FACE_OVAL))

        face_tris = face_triangles()
        self._num_ring_tris = len(ring_tris)
        self._ring_tris = ring_tris
        # Ring triangles whose corners all stay put (follow 0) are not drawn: what no triangle covers is not
        # moved. Those on the wall `far_hair` may carry out are drawn on the frames it does (`map_frame`).
        face = np.ones(len(src_xy), bool)
        follows_head = np.concatenate([face, self._follow[:, 0] > 0])[ring_tris].any(1)
        on_wall = np.concatenate([~face, wall_moves(src_xy[self._oval])])[ring_tris].any(1)
        self._moving_rings = np.flatnonzero(follows_head)
        self._wall_tris = np.flatnonzero(~follows_head & on_wall)
        self._face_tris = face_tris
        # The ring triangles fading the head's motion out (a corner moving with it, one not rigidly; `fade_band`).
        fading = np.concatenate([face, self._follow[:, 0]])[ring_tris]
        self._fade_tris = np.concatenate([(fading > 0).any(1) & (fading < 1).any(1), np.zeros(len(face_tris), bool)])
        self._fade_rows = np.flatnonzero(self._fade_tris)  # (~10 % of the triangles: each frame's stretch read there)
        mouth_set = set(ids.INNER_UPPER_LIP + ids.INNER_LOWER_LIP)
        eye_set = set(EYE_LINES)
        in_mouth = np.array([set(t.tolist()) <= mouth_set for t in face_tris])
        in_eyes = np.array([set(t.tolist()) <= eye_set for t in face_tris])
        # Stretch-limited: the face but the strips filling the mouth and eye openings (repainted), and
        self._skin_tris = face_tris[~(in_mouth | in_eyes)]
        # the rings inside the head (those fading to the background carry the plate)
        self._rigid = rigid = np.concatenate([np.ones(len(src_xy), bool), self._follow[:, 0] == 1])
        hair_tris = ring_tris[rigid[ring_tris].all(1)]
        # Per corner: the hair's limit moves its ring points; the face's outline only beyond the face's limit.
        hair_limits = np.where(hair_tris < len(src_xy), opt.stretch_limit, opt.hair_stretch_limit)
        limits = np.vstack([hair_limits, np.full(self._skin_tris.shape, opt.stretch_limit)])
        # Tiny triangles are limited by width (`stretch_limit.TINY_WIDTH_PX`) where turns open slivers: the rings
        # and the face's outline; inside the face (mouth, eyes, nose: the tracker's noise) they are left free.
        inner = ~np.isin(self._skin_tris, ids.FACE_OVAL).any(1)
        tiny = tiny_scale(face_px)  # a small face's floors shrink with it (`stretch_limit.SMALL_FACE_PX`)
        self._stretch_limit = StretchLimit(self._src_vertices, np.vstack([hair_tris, self._skin_tris]), limits,
                                           tiny_free=np.concatenate([np.zeros(len(hair_tris), bool), inner]),
                                           rounds=opt.stretch_rounds, scale=tiny)
        self._temple_band = ring_tris[upper_band(ring_tris, self._src_vertices, len(src_xy))]
        self._temple_areas = signed_areas(self._src_vertices, self._temple_band)
        self._lip_ring = LipRing(src_xy)
        self._chin_columns = ChinColumns(src_xy, folded)
        self._lip_fold = LipFold(src_xy, face_triangles())
        # `limit_evenly`'s later rounds: the rings' triangles, with `relimit_outline` the face's on its outline too.
        def ring_limit(outline: np.ndarray) -> StretchLimit:
            return StretchLimit(self._src_vertices, np.vstack([hair_tris, self._skin_tris[outline]]),
                                np.vstack([hair_limits, limits[len(hair_tris):][outline]]), scale=tiny)

        self._ring_limit = ring_limit(~inner & opt.relimit_outline)
        # on a turned frame (the inner rounds' gate) with `relimit_turned`, the outline's face triangles too on the
        # frame's near side (the far side's moved the hair beside them: `figures.hair_turn`), but on a side with hair
        # hanging below the jaw (`rim_shadow.hung_columns`: there the outline took a step) and round the chin
        # (`_RELIMIT_SPARED`: the far chin drawn deeper); their rounds give the face's points only (`limit_evenly`'s
        # `face_again`). With `relimit_outline` all of them, as on any frame. By the frame's near side: (left of the
        # photo's nose tip, right of it).
        self._turn_ring_limits: dict[bool, tuple[StretchLimit, StretchLimit]] | None = None
        if opt.relimit_turned and not opt.relimit_outline:
            x = self._src_vertices[self._skin_tris, 0].mean(1)  # (F,) crop px
            hung = hung_columns(self.mask.hanging, lm, self.origin, face_px)
            relimited = ~inner & ~hung[np.clip(x.astype(int), 0, len(hung) - 1)]
            right = x > lm[ids.NOSE_TIP, 0] - self.origin[0]

            def near_sides(spared: tuple[int, ...]) -> tuple[StretchLimit, StretchLimit]:
                face = relimited & ~np.isin(self._skin_tris, spared).any(1)
                return ring_limit(face & ~right), ring_limit(face & right)

            # under `_RELIMIT_CHIN_TURN`, past it (the chin's first points relimited too: `_RELIMIT_SPARED_PAST`)
            self._turn_ring_limits = {False: near_sides(_RELIMIT_SPARED), True: near_sides(_RELIMIT_SPARED_PAST)}
        # `MeshOptions.inner_rounds`: the face's limit again, the outline's and the lips' points held (no proposals).
        self._skin_rows = len(hair_tris)
        self._held = np.isin(self._skin_tris, ids.OUTLINE_AND_LIPS)
        self._inner_limit = (StretchLimit(self._src_vertices, self._skin_tris, opt.stretch_limit, tiny_free=inner,
                                          rounds=opt.inner_rounds, scale=tiny) if opt.inner_rounds else None)
        # Face triangles the photo shows from behind (turned over against the frontal template).
        template = signed_areas(canonical_template(), face_tris)
        behind = turned_over(signed_areas(src_xy, face_tris), template)
        # Those the photo hides behind its nose (the cheek beside a turned photo's nose and the nose's own beside it;
        # not the outline's, the lips' nor the eyes'): filled from around as those turned over (`photo_depth`).
        lines = np.isin(face_tris, ids.OUTLINE_AND_LIPS + EYE_LINES).any(1)
        drawn, nose = ~behind & ~(in_mouth | in_eyes), nose_and_lip(face_tris)
        hidden = hidden_in_photo(src_xy, lm[:, 2], face_tris, drawn, drawn & ~lines, drawn & nose, size)
        self._unseen = np.concatenate([np.zeros(len(ring_tris), bool), behind | hidden])
        self._triangle_health = TriangleHealth(self._src_vertices, np.vstack([ring_tris, face_tris]), ~self._unseen)
        # The first ring's reads of a turned photo's far cheek the face beside them reads again: filled
        # (`photo_cover`).
        on_ring = np.arange(len(self._unseen)) < len(ring_tris)
        self._cover = photo_cover(self._src_vertices, np.vstack([ring_tris, face_tris]), on_ring,
                                  ~on_ring & ~self._unseen, size)
        # The nose's and upper lip's triangles not drawn where a frame turns them over (`hidden_nose`); those whose
        # own map tells only (not the unseen, filled from around, nor the opening's strips, painted over).
        hidden = self._triangle_health.checked & np.concatenate(
            [np.zeros(len(ring_tris), bool), nose_and_lip(face_tris) & ~(in_mouth | in_eyes)])
        self._hidden_nose = np.flatnonzero(hidden)  # indices into the mesh's triangles (ring, then face)
        self._hidden_nose_areas = signed_areas(self._src_vertices, self._triangle_health.triangles[hidden])
        # Those facing the camera in a frame (`map_frame`) read the positions filled from the face's own pixels
        # and the head's skin beside it (`fill_sources`: an ear): the far outline's band the photo folds under its
        # silhouette, turned back into view, reads the skin at the silhouette, not the background the rings
        # beyond it read (`_face_fill`, `_skin_edge`). The opening's strips keep their fill (a
        # light line along grace_hopper's lower lip on lp_d12 otherwise).
        self._turned_over = np.flatnonzero(behind & ~(in_mouth | in_eyes))
        self._turned_over_template = template[self._turned_over]
        self._cheek = cheek_reads(crop.shape[:2], lm, self.origin, face_px)  # what `spread_band` may lay out
        source_yaw = yaws(self._source_rotation, self._source_rotation)[1]
        if turned(source_yaw):  # the far outline's edge as skin, moved, and its fold's reads in order
            self.layer.set_outline_skin(crop, lm, self.origin, face_px, self._skin_edge, source_yaw)
            self.layer.set_far_fold(lm, self.origin, face_px)
        step = max(1.0, face_px / opt.map_cells_per_face)
        self.warp = MeshWarp(np.vstack([ring_tris, face_tris]), size, step)
        # Earrings below the lobes moved rigidly by their top's motion (`pendants`), not stretched with the band.
        self._ring_triangles = np.arange(len(self.warp.triangles)) < len(ring_tris)  # (F,) bool, the pendants' map
        self._pendants = (find_pendants(crop, lm, self.origin, face_px, self.layer.alpha, self._src_vertices,
                                        self.warp.triangles) if opt.rigid_pendants else None)
        self._grid = self.layer.grid
        cells_x, cells_y = self.warp.coarse
        sx, sy = self.warp.spacing
        samples_x = np.arange(0, cells_x, _HEALTH_STRIDE)[1:-1]  # the inner health samples' coarse cells
        samples_y = np.arange(0, cells_y, _HEALTH_STRIDE)[1:-1]
        self._coarse_x = ((samples_x + 0.5) * sx - 0.5)[None, :].astype(np.float32)
        self._coarse_y = ((samples_y + 0.5) * sy - 0.5)[:, None].astype(np.float32)
        # By triangle id + 1 (0: no triangle): the opening strips whose pixels a renderer paints over.
        self._repainted = np.concatenate([[False], np.zeros(len(ring_tris), bool),
                                          (in_mouth & opt.mouth) | (in_eyes & opt.eyes)])
        self._figures: tuple[float, float, float] | None = (0.0, 0.0, 0.0)  # `_measure`'s, None: not yet
        # (V, 2) float32 crop px: the mesh's vertices (landmarks, then ring points) as the last `map_frame`
        # placed them (stretch-limited); before any, the source's.
        self.vertices = self._src_vertices.copy()
        # (V, 2) float32 crop px: the same as the last `map_frame` placed them before any limit (`_target_vertices`).
        self.placed = self.vertices.copy()
        self._neck_field: tuple[np.ndarray, np.ndarray] | None = None  # the last frame's (`neck_stretch`)
        self._drawn_box: tuple[slice, slice] | None = None  # the box the last `draw` moved (`drawn_alpha`)
        # The last frame's jaw line and neck axis, (J, 2) and (2,) crop px (`NeckWarp`): the source's, moved
        # rigidly with the head's pose as the skull shell is (`shell_pose`: expression wobble damped), so an
        # opening mouth or a talking face's pose wobble does not drag the neck.
        self.neck_target = (jaw, place(NECK_PIVOT[None], pose)[0, :2] - self.origin)

        self.eyes = [EyeRenderer(source, lm, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS, opt.sharp_eyes),
                     EyeRenderer(source, lm, LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS, opt.sharp_eyes)
                     ] if opt.eyes else []
        self.mouth = MouthRenderer(source, lm, opt.mouth_interior, soft) if opt.mouth else None
        self._moustache = MoustacheEnds.read(crop, src_xy)  # a moustache's ends beside the corners (None: none)
        self._stable = list(ids.STABLE)
        self.body = (BodyWarp((w, h), lm, np.asarray(shoulders, np.float32), opt.body_hold, opt.body_reach,
                              opt.body_side_hold, opt.body_side_reach) if shoulders is not None else None)

    # Read from the photo on the first frame that needs them, not in every animator's setup: a video source's frames
    # each make an animator (`frame_setup`), and most of them neither turn the head past `rim_shadow.TURN` nor show
    # the band a turned photo folds under its silhouette (~0.1 CPU s an animator of lp_d18 at 384 px, all three).
    # Each reads only what the setup made and never changes afterwards (the crop, landmarks, the layer's alpha),
    # so it is the same made late as made at once.

    @cached_property
    def _rim_shadow(self) -> np.ndarray:
        """(F,) float64 in [0, 1]: the stretch limit's triangles' shadow weights, the hair's 0 then the face's
        `rim_shadow` (the outline's triangles on shadow or hair in the photo: their limit eased down on a big turn,
        `rim_shadow.eased_limits`)."""
        n = len(self.source_landmarks)
        return np.concatenate([np.zeros(self._skin_rows), rim_shadow(self._crop, self.source_landmarks, self.origin,
                                                                     self._src_vertices[:n], self._skin_tris,
                                                                     self._chin_face, self.mask.hanging)])

    @cached_property
    def _face_fill(self) -> np.ndarray:
        """(R + F,) bool: the triangles whose pixels the unfolded band's fill reads (`unfolded_fill.fill_sources`)."""
        return fill_sources(self._crop, self.source_landmarks, self.origin, self._src_vertices, self._ring_tris,
                            self._rigid, len(self._face_tris))

    @cached_property
    def _skin_edge(self) -> SkinEdge:
        """The photo's skin side of its face outline (`unfolded_fill.SkinEdge`): the unfolded band's fill positions
        kept on it, and a turned photo's outline skin (`HeadLayer.set_outline_skin`)."""
        return SkinEdge(self._crop, self.source_landmarks, self.origin, self._chin_face, self.layer.alpha)

    def _target_vertices(self, target: np.ndarray, pose: HeadPose) -> tuple[np.ndarray, np.ndarray, HeadPose]:
        """(V, 2) crop-px target positions of all mesh vertices (landmarks, then ring points), (V,) their
        depth (image-depth px, larger = farther) and the skull shell's pose (`shell_pose`, for the neck).

        A ring point near the face outline rides with its oval point (keeping its 3D offset from it,
        turned with the head); farther out it rides on the skull shell with the head's 3D pose (`pose`,
        of `target`), except on and beyond the shell's outline, where it keeps its place relative to the
        shell's centre (an ellipsoid's outline hardly changes as it turns about its centre; the photo does
        not show the back of the head that would form it); all blended with staying put by its `follow`.
        """
        tgt_xy = target[:, :2] - self.origin
        turn = relative_turn(self._source_pose, pose)
        hair = shell_pose(self._source_pose, pose, turn)
        shell = place(self._shell, hair)
        rim = shell_centre_motion(self._source_pose, hair, self._ring_src + self.origin, ROLL_PIVOT,
                                  self._shell_centre) - self.origin
        rigid = shell[:, :2] - self.origin + self._rim * (rim - shell[:, :2] + self.origin)
        offset = (self._shell_offset @ pose.rotation[0][:2].T) * pose.scale[0]
        swing = hanging_swing(turn, head_shift(self._source_pose, pose))
        follow = self._follow_still + swing * (self._follow - self._follow_still)

        def placed(face: np.ndarray) -> np.ndarray:
            """(R*K, 2) the ring points with the face's points at `face` (N, 2) crop px."""
            carried = rigid + self._contour * (face[self._oval] + offset - rigid)
            return self._ring_src + follow * (carried - self._ring_src)

        self._room_shift = None if self._room is None else self._room_ring_shift(hair, rigid, follow)
        rings = placed(tgt_xy)
        if self.options.face_slide:
            tgt_xy = take_up_in_face(tgt_xy, np.asarray(ids.FACE_OVAL), rings[:len(ids.FACE_OVAL)],
                                     self._face_slide)
            rings = placed(tgt_xy)
        if len(self._chin_ring):  # the rings under the chin not above their place there (`_CHIN_RAYS`)
            ring = self._chin_ring
            below = tgt_xy[self._oval[ring]] + (self._chin_offset @ pose.rotation[0][:2].T) * pose.scale[0]
            lag = np.clip(1.0 + (below[:, 1] - rings[ring, 1]) / self._chin_gap, 0.0, 1.0)
            face = self._chin_face * pose.scale[0] / self._source_pose.scale[0]  # px, the frame's face size
            slip = np.average(np.linalg.norm(below - rings[ring], axis=1), weights=self._chin_weight) / face
            lag *= 1 - smoothstep(*_CHIN_SLIP, slip)  # `_CHIN_SLIP`
            rings[ring] += (self._chin_weight * lag)[:, None] * (below - rings[ring])
        k = len(ids.FACE_OVAL)  # the first band not squeezed under the forehead's moved outline (`forehead_band`)
        rings[:k] = spread_squeeze(tgt_xy[self._oval[:k]], rings[:k], rings[k:2 * k], self._first_share,
                                   self._upper_rays)
        if self.options.ring_slide:
            rings = slide_rings(rings, tgt_xy[self._oval[:len(ids.FACE_OVAL)]], follow[:, 0])
        behind = float(pose.translation[0, 2] + _BACKGROUND_DEPTH * pose.scale[0])
        ring_depth = behind + follow[:, 0] * (shell[:, 2] - behind)
        return (np.vstack([tgt_xy, rings]).astype(np.float32),
                np.concatenate([target[:, 2], ring_depth]).astype(np.float32), hair)

    def _room_ring_shift(self, hair: HeadPose, rigid: np.ndarray, follow: np.ndarray) -> np.ndarray:
        """(K, 2) px: how far the rigid ring (the second) would move from its place this frame were the shell
        centred at `room_centre` (`self._room`), for the shell's pose `hair`, the rings' rigid places `rigid`
        (R*K, 2) crop px and their `follow` (R*K, 1) (`_target_vertices`; `outline_past_head`)."""
        centre, shell, rim = self._room
        ring = slice(len(ids.FACE_OVAL), 2 * len(ids.FACE_OVAL))
        on_shell = place(shell, hair)[:, :2] - self.origin
        about = shell_centre_motion(self._source_pose, hair, self._ring_src[ring] + self.origin, ROLL_PIVOT,
                                    centre) - self.origin
        moved = on_shell + rim * (about - on_shell)
        return (follow[ring] * (1 - self._contour[ring])) * (moved - rigid[ring])

    def _held_pendants(self, vertices: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray] | None:
        """`MeshWarp.displacement`'s `hold` for this frame's placed mesh `vertices` (V, 2) crop px: the pendants
        moved as one piece where a ring triangle is drawn (a face triangle over one hides it); None without any."""
        if self._pendants is None or not self._pendants.items:
            return None

        def hold(coarse: np.ndarray, triangle_ids: np.ndarray) -> np.ndarray:
            # (the rings' triangles come first: `_ring_triangles` by their ids' range, not gathered per sample)
            shown = (triangle_ids >= 0) & (triangle_ids < self._num_ring_tris)
            return hold_pendants(coarse, shown, self.warp.centres, self._pendants, vertices)

        return hold

    @property
    def ring_triangles(self) -> np.ndarray:
        """(F,) bool: which of `warp`'s triangles are the rings' (round the face oval), not the face's."""
        return self._ring_triangles

    @property
    def warp_health(self) -> float:
        """Fraction of the head's pixels whose local warp folds or stretches more than `max_stretch` in the
        last frame (`_measure`; 0 before the first)."""
        return self._measured()[0]

    @property
    def face_holes(self) -> float:
        """Share of the face where the head layer is transparent in the last frame (`_measure`)."""
        return self._measured()[1]

    @property
    def unseen_share(self) -> float:
        """Share of the face drawn by triangles the photo shows from behind in the last frame (`_measure`)."""
        return self._measured()[2]

    @property
    def outline_past_head(self) -> float:
        """Face sizes the last frame's face outline stands past the head's rigid ring (`outline_room.outline_past`;
        before any frame the photo's own, negative), the ring as the shell centred at `room_centre` places it."""
        k = len(ids.FACE_OVAL)
        n = len(self.source_landmarks)
        ring = np.arange(n + k, n + 2 * k)
        vertices = self.vertices
        if self._room_shift is not None:
            vertices = vertices.copy()
            vertices[ring] += self._room_shift
        return outline_past(vertices, np.asarray(ids.FACE_OVAL), ring, self._chin_face)

    @property
    def neck_stretch(self) -> float:
        """How far the visible neck's texture is stretched in the last frame (`neck_health.neck_stretch`;
        1: not at all), computed when read."""
        return neck_stretch(self._neck_field)

    def _measured(self) -> tuple[float, float, float]:
        """`_measure` of the last frame, computed on the first read after `render` only (a caller that never
        reads the figures never pays for them)."""
        if self._figures is None:
            self._figures = self._measure()
        return self._figures

    def _measure(self) -> tuple[float, float, float]:
        """(warp health, face holes, unseen share) of the last map.

        Warp health: the fraction of the head's pixels (warped head alpha >= 0.5, on every `_HEALTH_STRIDE`th
        sample of the warp's coarse grid) whose local warp folds or stretches more than `max_stretch`
        (`warp.surface_distortion`: on the sample's own surface, an occlusion's jump left out), or whose
        triangle's own map does (`triangle_health.TriangleHealth`: a band narrower than the differences'
        span; not the triangles filled from around them, nor those of noise size). On a triangle whose own map is
        checked, that map alone reads it (the differences span ~4 % of the face and would count a fold in a
        neighbouring triangle against a sound one). A sample on a triangle drawn
        under noise size (`TriangleHealth.drawn_tiny`: a squeezed sliver, whose map at the sample swings by
        pixels with a tenth of a pixel's move of its corners) is read by its triangle's own map alone. Inside an
        opening of the eyes or the mouth that a renderer paints over (the strips filling them), the pixels are
        not the warp's: left out.

        Over the samples the face mesh draws: face holes, the share where the head layer is transparent
        (the plate shows through the face: a dark or torn hole), and unseen share, the share drawn by
        triangles the photo shows from behind (filled, not the photo's own pixels: where a turn back towards
        the camera shows ghost features)."""
        head, counted, differences, own, ids = self.health_samples()
        face = ids >= self._num_ring_tris
        holes = float((~head[face]).mean()) if face.any() else 0.0
        unseen = float(self._unseen[ids[face]].mean()) if face.any() else 0.0
        health = float((differences | own)[counted].mean()) if counted.any() else 0.0
        return health, holes, unseen

    def health_samples(self, drawn: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The last map's warp-health samples (`_measure`) as (n, m) arrays: on the head (bool), counted (on
        the head, not in an opening a renderer paints over), flagged by the differences (folded or stretched
        beyond `max_stretch`; only on a triangle whose own map is not checked, nor drawn under noise size: a
        checked triangle's own map tells of it exactly, its neighbours' differences spanning a fold next door
        would not), flagged by their triangle's own map, and triangle id (-1: none): the triangle the sample's pixel
        is drawn with (`drawn_triangle.drawn_triangles`), or with `drawn` False the conservative rasteriser's (where
        the map lays each triangle, drawn or not: the reading before h46-health2, which a figure of the mesh's
        placement takes)."""
        folded, stretch, head, ids = self.head_samples(_HEALTH_STRIDE, self._coarse_x, self._coarse_y,
                                                       surface_distortion)
        if drawn:
            ids = drawn_triangles(ids, self.warp.seam, self._coarse_x, self._coarse_y, self.warp.size)
        limit = self.options.max_stretch
        # a triangle laid out again with the unfolded band (`MeshWarp.spread`) is drawn from the map, not its own
        own_map = ~self.warp.spread if self.warp.spread is not None else True
        own = np.concatenate([[False], self._triangle_health(self.vertices, limit) & own_map])[ids + 1]
        tiny = np.concatenate([[False], self._triangle_health.drawn_tiny(self.vertices)])[ids + 1]
        checked = np.concatenate([[False], self._triangle_health.checked & own_map])[ids + 1]
        return head, head & ~self._repainted[ids + 1], (folded | (stretch > limit)) & ~(tiny | checked), own, ids

    def head_samples(self, stride: int, x: np.ndarray, y: np.ndarray, distortion: Distortion = local_distortion
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every `stride`th sample of the last map's coarse grid, its border left out, as (n, m) arrays:
        folded (bool), largest local stretch (by `distortion`: `warp.local_distortion` or
        `warp.surface_distortion`), head (the head alpha >= 0.5 where the sample comes from in the crop)
        and triangle id (-1: none). x, y: the samples' crop px, broadcasting to (n, m)."""
        coarse = self.warp.coarse_displacement[::stride, ::stride]
        folded, stretch = distortion(coarse, tuple(stride * v for v in self.warp.spacing))
        inner = coarse[1:-1, 1:-1]
        head = self._on_head(x + inner[..., 0], y + inner[..., 1])
        return folded, stretch, head, self.warp.triangle_ids[::stride, ::stride][1:-1, 1:-1]

    def _on_head(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """(...) bool: whether the source positions x, y ((...) crop px each) read the head (its alpha >= 0.5 at the
        nearest pixel): the samples the warp health counts."""
        h, w = self.layer.alpha.shape
        xi = np.clip(np.rint(x), 0, w - 1).astype(np.intp)
        yi = np.clip(np.rint(y), 0, h - 1).astype(np.intp)
        return self.layer.alpha[yi, xi] >= 0.5

    def map_frame(self, target_landmarks: np.ndarray) -> FrameMap:
        """The geometry of one frame, the first half of `render`: soft-limit the head's rotation
        (`pose_limit`), place the mesh and its rings, limit the stretch, rasterise the backward map.
        `warp_health`, `face_holes` and `unseen_share` then tell of this frame (`neck_stretch` once drawn).
        target_landmarks: (478, 3) float32, image px of the source frame (already retargeted)."""
        target = np.asarray(target_landmarks, dtype=np.float32)
        if self.body is not None:  # with the neck in the head layer, no chin dropped past its fade (`BodyWarp.lift`)
            target = self.body.lift(target)
        pose = head_pose(target[None])
        target, pose = limit_pose(target, pose, self._source_rotation)
        target = round_far_cheek(target, pose, self._source_rotation)  # no nose past a flat far cheek
        target = widen_jaw(target, self._source_overhang)  # the oval stays the far jaw's outline
        for eye in self.eyes:  # lids kept from sagging onto the cheek (`EyeRenderer.settle`)
            target = eye.settle(target, float(pose.scale[0] / self._source_pose.scale[0]))
        vertices, depth, hair = self._target_vertices(target, pose)
        self.placed = vertices.copy()
        # the skin under the lower lip shares its stretch (no flat block), then no fold between lips and skin
        vertices[:len(target)] = self._lip_ring(self._chin_columns(vertices[:len(target)]))
        turned = yaws(pose.rotation[0], self._source_rotation)  # deg: the head's and the photo's yaw
        if abs(turned[0] - turned[1]) < INNER_TURN:  # nor a lip-to-skin triangle turned over by the lips (on a turn
            # the far corner's triangles turn away for real: sr_8 x preset:turn 5-13 had its corner moved, specks)
            vertices[:len(target)] = self._lip_fold(vertices[:len(target)])
        # No triangle stretched more than `stretch_limit` (the silhouette bands of face and head, the mouth
        # corners); the eyes and the mouth are drawn on the limited landmarks.
        limit = self._stretch_limit
        turn = push(*turned, RIM_TURN)
        eased = eased_limits(limit.limit, self._rim_shadow, turn) if turn > 0 else limit.limit  # (weights x 0)
        far = turn > 0 or abs(turned[0] - turned[1]) >= INNER_TURN  # turned enough for the band's own rules
        relimits = (self._turn_ring_limits[turn > _RELIMIT_CHIN_TURN][int(far_side(target) < 0)]
                    if far and self._turn_ring_limits else None)  # `relimit_turned`: the frame's near side
        vertices = limit_evenly(lambda asked: limit(asked, eased), vertices, len(target), len(ids.FACE_OVAL),
                                self.options.ring_smoothing, self._ring_limit, face_again=relimits)
        # A turned face's band narrowed by the cheek above it, on the outline the rings' rounds left (`inner_rounds`).
        if self._inner_limit is not None and far:
            narrowed = self._inner_limit(vertices, np.where(self._held, np.inf, eased[self._skin_rows:]))
            vertices = (self._triangle_health.undo_worse(vertices, narrowed, self.options.max_stretch)
                        if self.options.inner_undo else narrowed)
        # The hair beside the far cheek not passed by the drawn cheek swinging out (`far_hair`): after the
        # limit, which would take the face's outline back in from the hair band's triangles; on the rings
        # rigid with the hanging hair (the hair under the ear is left out by `far_hair.LOWEST`).
        n = len(target)
        still = vertices[n:].copy()
        vertices[n:] = keep_far_hair(vertices[n:], self._ring_src, vertices[self._oval],
                                     self._src_vertices[self._oval], vertices[:FACE_POINTS],
                                     self._src_vertices[:FACE_POINTS], self._follow,
                                     push(*turned, FAR_HAIR_TURN))
        # Looking up, the far temple tucked under the hair where its oval points passed the first ring
        # (`temple_tuck`; looking down the forehead comes forward over it: left as drawn).
        if looks_up(self._source_rotation, pose.rotation[0]):
            vertices = tuck_temples(vertices, self._temple_band, self._temple_areas, len(target))
        # Inner points packed onto the photo's outline beside an oval point taken back beside it as a turn
        # spreads them (`packed_outline`; the far temple's outline stepped between rows where they spread 2-3x).
        vertices = keep_packed(vertices, self._src_vertices, self._packed,
                               float(pose.scale[0] / self._source_pose.scale[0]), revealed(*turned), self._chin_face)
        self.vertices = vertices
        target = target.copy()
        target[:, :2] = vertices[:len(target)] + self.origin
        # Painter's order, far to near: the rings (background first, then the skull shell), then the face,
        # so triangles turned behind the head are overdrawn by the visible side.
        wall = np.concatenate([np.zeros(n, bool), (vertices[n:] != still).any(1)])  # carried out this frame
        drawn = np.concatenate([self._moving_rings, self._wall_tris[wall[self._ring_tris[self._wall_tris]].any(1)]])
        ring_depth = _mean_depth(depth, self._ring_tris[drawn])
        face_depth = _mean_depth(depth, self._face_tris)
        order = np.concatenate([drawn[np.argsort(-ring_depth, kind="stable")],
                                self._num_ring_tris + np.argsort(-face_depth, kind="stable")])
        nose = self._triangle_health.triangles[self._hidden_nose]
        culled = np.zeros(len(self._triangle_health.triangles), bool)
        culled[self._hidden_nose[turned_over(signed_areas(vertices, nose), self._hidden_nose_areas)]] = True
        order = order[~culled[order]]
        unfolded = np.zeros_like(self._unseen)
        facing = signed_areas(vertices, self._face_tris[self._turned_over]) * self._turned_over_template > 0
        unfolded[self._num_ring_tris + self._turned_over[facing]] = True
        coarse = self.warp.displacement(vertices, self._src_vertices, order, self._unseen, unfolded,
                                         lambda: self._face_fill, lambda points: self._skin_edge.pull(points), self._held_pendants(vertices), self._ring_triangles,
                                         self._spread_band, self._spread_fade_band, self._cover)
        self._figures = None  # measured when read
        neck = place(self._neck_points, hair)[:, :2] - self.origin
        self.neck_target = (neck[:-1], neck[-1])
        shifted = (0.0, 0.0)
        if self.layer.beside_wall is not None:
            shifted = (wall_share(self._source_pose, pose, self._chin_face),
                       shift_share(self._source_pose, pose, self._chin_face))
        return FrameMap(target, coarse, self.layer.moving_box(self.warp.moving_box()), self.neck_target,
                        self.warp.seam, self.warp.unfolded, self.warp.laid, shifted)

    def _spread_band(self, reads: np.ndarray, band: np.ndarray, triangles: np.ndarray) -> np.ndarray:
        """`unfolded_fill.spread_band` on the coarse grid: reads (h, w, 2) crop px, band (h, w) bool, triangles (h, w)
        int ids (-1: none); the seen face `seen_face`, `spread_reach` samples reached; the band from the frame's
        pupils' row down (above it, by the temple, sr_8 x preset:turn 60: the brow squeezed under her hair, its edge
        drawn as a straight line)."""
        top = self.vertices[[ids.LEFT_PUPIL, ids.RIGHT_PUPIL], 1].mean() / self.warp.spacing[1]
        below = band & (np.arange(len(band))[:, None] >= top)
        reach = self.spread_reach()
        window = spread_window(below, reach)  # the seen face found there alone, the band laid out there alone
        if window is None:
            return reads
        seen = np.zeros_like(below)
        seen[window] = self.seen_face(triangles[window])
        laid = spread_band(reads, below, seen, self._cheek, reach, window)
        return laid if laid is not reads and self._fewer_bad(laid, reads) else reads

    def _spread_fade_band(self, reads: np.ndarray, triangles: np.ndarray) -> np.ndarray:
        """`fade_band.spread_fade_band` on the coarse grid: reads (h, w, 2) crop px, triangles (h, w) int ids (-1:
        none); round the fade band's triangles this frame's `vertices` stretch beyond `max_stretch` (not those turned
        over: laid out round them too, the band changed on most turn frames of every portrait, the health not lower),
        over `FADE_REACH` face sizes, not round those stretched beyond `FADE_MOST` times that nor within `FACE_CLEAR`
        of the face; only where a sample of such a triangle reads the head (`_on_head`), and kept only where it leaves
        fewer samples that read the head folded or stretched (`_bad_samples`). Off the head the band draws the plate,
        its head layer transparent: laid out for fewer stretched samples there alone (astronaut, grace_hopper, lp_s0,
        lp_s12 x preset:turn, every frame laid out) it moved only the head's edge (lp_s0 at 512 frames 7-22: a black
        speck where the hair's edge met the moved neck) and cost ~15 CPU ms of a ~50 ms map a turn frame."""
        limit = self.options.max_stretch
        stretched = np.zeros_like(self._fade_tris)
        stretched[self._fade_rows] = self._triangle_health.stretched(self.vertices, limit, FADE_MOST * limit,
                                                                     self._fade_rows)
        if not stretched.any():
            return reads
        seeds = (triangles >= 0) & stretched[np.maximum(triangles, 0)]
        if not self._on_head(reads[seeds, 0], reads[seeds, 1]).any():  # (read at the seeds alone)
            return reads
        sample = self._chin_face / self.warp.spacing[0]  # samples per face size
        laid = spread_fade_band(reads, triangles, self._fade_tris, stretched, ~self._ring_triangles,
                                FADE_REACH * sample, FACE_CLEAR * sample)
        return laid if self._fewer_bad(laid, reads, True) else reads

    def _fewer_bad(self, laid: np.ndarray, reads: np.ndarray, on_head: bool = False) -> bool:
        """Whether the source positions `laid` leave fewer `_bad_samples` than `reads` (each (h, w, 2) crop px, the
        warp's coarse grid), counted on the window round the samples they differ at (`warp.distortion_window`; the
        rest read the same in both, and the whole grid cost ~7 CPU ms a frame on lp_s1 512 x lp_d3)."""
        window = distortion_window((laid[..., 0] != reads[..., 0]) | (laid[..., 1] != reads[..., 1]))
        if window is None:
            return False
        return self._bad_samples(laid, on_head, window) < self._bad_samples(reads, on_head, window)

    def _bad_samples(self, reads: np.ndarray, on_head: bool,
                     window: tuple[tuple[slice, slice], tuple[slice, slice]]) -> int:
        """How many samples of a grid's source positions ((h, w, 2) crop px, the warp's coarse grid) the map folds or
        stretches beyond `max_stretch` (`warp.surface_distortion`, as the warp health reads them; `on_head`: of them
        those that read the head, `_on_head`), of the samples `window` ((rows, columns) of the grid, (rows, columns) of
        its samples in that window's output: `warp.distortion_window`) counts: a band laid out again is kept only where
        it leaves fewer (sr_8 x preset:turn 84-89: her far jaw's band laid out squeezed the cheek by her mouth,
        0.015-0.020 -> 0.021-0.025)."""
        box, inner = window
        reads = reads[box]
        folded, stretch = surface_distortion(reads - self.warp.positions[box], self.warp.spacing)
        bad = (folded | (stretch > self.options.max_stretch))[inner]
        if on_head:
            reads = reads[1:-1, 1:-1][inner][bad]  # (read at the bad samples alone)
            bad[bad] = self._on_head(reads[:, 0], reads[:, 1])
        return int(bad.sum())

    def seen_face(self, triangles: np.ndarray) -> np.ndarray:
        """(...) bool: `triangles` ((...) int ids, -1: none) of the face that the photo shows (not filled, `_unseen`)."""
        return (triangles >= self._num_ring_tris) & ~self._unseen[np.maximum(triangles, 0)]

    def spread_reach(self, stride: int = 1) -> float:
        """`unfolded_fill.SPREAD` face sizes in samples of the coarse grid taken every `stride`th."""
        return SPREAD * self._chin_face / (stride * self.warp.spacing[0])

    def draw(self, frame: FrameMap, body: np.ndarray | None = None, driver: DriverFrame | None = None) -> np.ndarray:
        """The pixels of one frame, the second half of `render`: (H, W, 3) uint8 RGB at source resolution.
        Reads only what `map_frame` returned and what the animator made once, so frame n can be drawn on
        one thread while frame n+1 is mapped on another."""
        x0, y0, x1, y1 = self.box
        disp = self.warp.full_size(frame.coarse, frame.seam)
        out = self._drawn.copy()
        crop = out[y0:y1, x0:x1]
        # Where the warp does not move the crop, the composite is the source exactly: done on the box
        # that moves only. A moustache's ends are kept with the upper lip as far as the mouth opens (0: the map's).
        ends = self._moustache.share(frame.target) if self._moustache is not None else 0.0
        if frame.box is not None:
            band, laid = (self._on_box(coarse, frame.box) for coarse in (frame.unfolded, frame.laid))
            maps = cv2.add(disp[frame.box], self._grid[frame.box])  # redrawn in place where `composite` unfolds it
            crop[frame.box] = self.layer.composite(maps, frame.box,
                                                   frame.neck, frame.seam, band > 0 if band is not None else None,
                                                   laid > 0 if laid is not None else None, frame.shifted)
            if ends:  # the skin under a moustache's ends where the warp drags them
                self._moustache.uncover(crop[frame.box], maps, ends)
            sharp = self.options.sharp_eyes  # the pixels drawn otherwise read before the band is narrowed below
            eye_boxes = boxes_on(frame.target, self.origin, frame.box, maps.shape[:2]) if sharp else []
            left = left_as_drawn(frame.seam, frame.box, maps.shape[:2], eye_boxes, band, laid, self.layer.unfolded_rows)
            if band is not None:  # the band's pixels neither redrawn by the fold nor laid out read its rows' few px
                for drawn in (self.layer.unfolded_rows, laid):  # (each >= 0: none set leaves the band as it is)
                    band = band * ~(drawn > 0) if drawn is not None and drawn.any() else band
                smooth_rows(crop[frame.box], band, self._chin_face)
            if sharp:  # the detail the bilinear remap lost round the eyes (`sharp_eyes`)
                restore_detail(crop, self._drawn[y0:y1, x0:x1], maps, self.layer.warped_alpha, frame.box, left,
                               eye_boxes, self.layer.sharp_inside)
        self._drawn_box = frame.box
        self._neck_field = self.layer.neck_field if frame.box is not None else None
        for eye in self.eyes:
            eye.render(crop, self.origin, disp, self._grid, frame.target)
        if self.mouth is not None:
            self.mouth.render(crop, self.origin, frame.target, driver)
        if ends and frame.box is not None:  # the ends' hair kept with the upper lip
            self._moustache.lay(crop, frame.target[:, :2] - self.origin)
        if body is not None and self.body is not None:  # the torso's ramp below the chin as moved (`BodyWarp`)
            out = self.body.apply(out, body, self.body.drop(frame.target))
        if self._hand is not None:  # the photo's hand over the face, on top of all, moved rigidly with the head
            self._hand.lay(out, frame.target)
        return out

    def _on_box(self, coarse: np.ndarray | None, box: tuple[slice, slice]) -> np.ndarray | None:
        """(b, a) float32 in [0, 1]: a coarse grid's (h, w) bool samples upsampled bilinearly to the crop's pixels, on
        `box` (rows, columns); None for None. A grid with no sample set is 0 everywhere, not resized (most frames' `laid`
        on lp_s1 512 x lp_d3: ~0.1 CPU ms a frame)."""
        if coarse is None:
            return None
        if not coarse.any():
            return np.zeros(self.warp.size[::-1], np.float32)[box]
        return cv2.resize(coarse.astype(np.float32), self.warp.size, interpolation=cv2.INTER_LINEAR)[box]

    def drawn_alpha(self, window: tuple[slice, slice] | None = None) -> np.ndarray:
        """(h, w) float32 in [0, 1] on the crop `box`: the head layer's alpha as the last `draw` laid it (the
        source's head alpha where that frame moved nothing; before any draw, the source's). window: (rows,
        columns) of the crop, with starts: only that part ((n, m); None: the whole crop)."""
        window = window or (slice(0, self.layer.alpha.shape[0]), slice(0, self.layer.alpha.shape[1]))
        alpha = self.layer.alpha[window].copy()
        if self._drawn_box is not None and self.layer.warped_alpha is not None:
            paste(alpha, self.layer.warped_alpha, (self._drawn_box[0].start, self._drawn_box[1].start), window)
        return alpha

    def drawn_layer(self, window: tuple[slice, slice] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """((h, w, 3) float32, (h, w, 3) float32) on the crop `box`: the head layer's premultiplied colour and
        the plate the last `draw` laid it over (`layers.HeadLayer.laid`; before the eyes and the mouth).
        window: only that part of the crop, as `drawn_alpha`'s."""
        return self.layer.laid(self._drawn_box, window)

    def drawn_tone(self) -> np.ndarray | None:
        """(h, w) float32 in [0, 1] on the crop `box`: how much of the plate the last `draw` laid is the neck's
        shadowed tone, moved with the neck (`layers.HeadLayer.laid_tone`); None without a neck tone."""
        return self.layer.laid_tone(self._drawn_box)

    def render(self, target_landmarks: np.ndarray, body: np.ndarray | None = None,
               driver: DriverFrame | None = None) -> np.ndarray:
        """One output frame: (H, W, 3) uint8 RGB at source resolution (`map_frame`, then `draw`);
        `warp_health`, `face_holes`, `unseen_share` and `neck_stretch` then tell of it.

        target_landmarks: (478, 3) float32, image px of the source frame (already retargeted); the head's
            rotation is soft-limited first (`pose_limit`).
        body: (2, 3) forward similarity of the torso in source px (`body.BodyFollower`), or None to keep
            the body still; ignored when the animator was made without `shoulders`.
        driver: this frame of the driving video and its landmarks, for the driver's mouth interior.
        """
        return self.draw(self.map_frame(target_landmarks), body, driver)
