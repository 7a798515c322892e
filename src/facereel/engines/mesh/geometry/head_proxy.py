"""The head proxy: an ellipsoid shell for the skull and hair around the face mesh, and the head's mask.

The face mesh covers only the face oval; everything the head carries beyond it (hair, ears, the top of
the neck) moves with this shell. A point of the source image is lifted onto the shell once (the front
surface along the camera ray inside the shell's silhouette; outside it, the point of the ray nearest the
shell's centre, so lifting is continuous across the silhouette) and follows the head's 3D pose from then
on: hair and ears turn with the face instead of the face sliding over them.

Shell and zone are in canonical units (docs/conventions.md: x to the subject's left, y down, z away from
the camera, 1 = the inter-ocular distance); the canonical face spans x -1.1..1.1, y -0.76 (top of the
oval) .. 1.73 (chin), its front at z -0.3, the oval's sides at z ~0.8.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, polygon_mask
from facereel.engines.mesh.head_mask.backdrop import segmentation_input
from facereel.engines.mesh.head_mask.chin_outline import fit_chin, round_jaw, soft_face, soften_chin
from facereel.engines.mesh.head_mask.face_colours import FaceColours, face_colours
from facereel.engines.mesh.head_mask.faint_marks import faint_marks
from facereel.engines.mesh.head_mask.hair_fringe import hair_fringe
from facereel.engines.mesh.head_mask.hanging_hair import CHI2_99, close_to_head, colour_distance, hanging_hair
from facereel.engines.mesh.head_mask.held_background import held_background
from facereel.engines.mesh.head_mask.jaw_corners import close_jaw_corners
from facereel.engines.mesh.head_mask.jaw_edge import FRINGE_FROM_EYES, background_fringe, background_pixels
from facereel.engines.mesh.head_mask.lock_ends import lock_ends
from facereel.engines.mesh.head_mask.neck_side import neck_side
from facereel.engines.mesh.neck_layer.jaw_line import ON_OVAL, jaw_ends
from facereel.face import landmark_ids as ids
from facereel.face.pose import HeadPose, euler_degrees
from facereel.face.turn_kernels import rotvec_matrix, turn_of

SHELL_CENTRE = np.array([0.0, 0.2, 1.4])
"""Centre of the skull ellipsoid, canonical units: behind the eyes, so the face turns about the head."""
SHELL_RADII = np.array([1.2, 1.7, 1.7])
"""Half-axes: as wide as the face oval, its top ~0.75 above the oval's (the crown), its front at the
face's front (z -0.3) and the oval's sides (x 1.1, z ~0.7) on its surface."""
HAIR_SCALE = (1.5, 1.8)
"""The head zone is the shell's silhouette scaled by these factors about its centre: fully inside at the
first, outside at the second (volume hair, ears)."""
NECK_HALF_WIDTH = (0.8, 1.0)
"""Below the mouth the zone continues as a band this wide (canonical x, soft between the two values): the
neck, down to the crop border."""
NECK_FROM_Y = 1.0
SHELL_TURN = (3.0, 10.0)  # deg
SHELL_SHIFT = (0.03, 0.15)  # inter-ocular distances
SHELL_SCALE = (0.015, 0.075)  # relative change
HANGING_SWING = (10.0, 20.0)  # deg
"""Hair hanging below the jaw follows the head's rigid motion on turns from the source's pose beyond the
first (none below it), fully from the second (`hanging_swing`)."""
HANGING_SHIFT = (0.3, 0.5)  # inter-ocular distances
"""... and on shifts of the head (`head_shift`) beyond the first, fully from the second: left behind on lp_d12's
big moves (0.4-0.7 inter-ocular distances left and down, frames 9-12, 75-78), lp_s1's hair beside the jaw stayed
with the wall while her face moved on, the map jumping over the hair between them (a thin jagged strip of hair
along the cheek, a dark point below it, the wall where the hair hangs in the photo: `figures.wall_sliver`). Real
hanging hair does not follow a shift rigidly either: lp_d11's pigtails (shifts median 0.26, 90th percentile 0.56)
in self-reenactment cost 0.08 dB so, 0.28 with 0.15-0.35."""
FAR_SIDE_YAW = (8.0, 15.0)  # deg
"""A source turned this far (none at the first, fully from the second) keeps the far cheek below its
oval's jaw line in the head (`_under_jaw`)."""
ROLL_PIVOT = SHELL_CENTRE * np.array([1.0, 1.0, 0.0])
"""Canonical: the point the shell's outline turns about with the head's roll (`shell_centre_motion`): the shell's
centre brought forward to the face (z 0), on the same roll axis. The outline turned about the centre itself, seen
along a tilted axis (a photo read pitched ~11 deg, lp_s1), turns about a point ~0.3 IOD (20 px) off the one the
face turns about: on `edit --roll 20` the hair beside the jaw slid 7 px off it, a straight light gap between the
hair's end and the jaw."""
RIM_FROM = 0.6
"""Points of the shell whose ray passes this close to its centre (|.|^2 in half-axis units, 1 = on the
outline) start to keep the outline's place instead of turning with the head."""
PERSON_GROW = 0.02  # the person mask is grown by this fraction of the face's height (hair fringe)
_FAR_CHEEK = 0.15  # face heights: how far a turned face's far cheek can reach past its oval landmarks
SKIN_CHROMA_CHI2 = 9.21
"""Squared Mahalanobis distance (Lab's a and b, 2 dof) holding 99 % of the skin model's chroma (`far_background`):
shadowed skin keeps its chroma (sr_18's far jaw edge, off the 3-dof skin model, is skin by it; cut, it stayed in the
photo as a pale sliver beside the moved jaw)."""
FAR_DARK = 0.3
"""Share of the skin model's mean lightness (Lab L): a pixel on `far_background`'s far-cheek zone past `FAR_STRIP`
darker than this is not the cheek, whatever its chroma (sr_8's black hood under the far jaw, L 2-9 of 255 against
the skin's 68, has the chroma of its blue-lit skin: kept, the hood moved with the head as a dark trapezoid under the
far jaw and its straight lower edge, the zone's, drawn under a raised chin as a second chin; `figures.far_hood`)."""
FAR_STRIP = 0.05
"""Face heights past the face oval: on `far_background`'s far-cheek zone the strip kept whatever its colour (the far
cheek's own edge, and the dark the head carries over a lighter background beside it: cut, sr_18's light crowd
showed as a grey patch at the outline of his cheek turned away, preset:turn frame 10 at 800 px; 0.1 left sr_18 at
1/2's fragments a dark band along the jaw)."""
_PART_FROM = 0.02  # head alpha from which a pixel belongs to a part of the head (the plate's hole too)


def _ray(points: np.ndarray, pose: HeadPose) -> tuple[np.ndarray, np.ndarray]:
    """Canonical origin (N, 3) and direction (3,) of the camera rays through image points (N, 2) px
    (points at image depth 0; the direction advances one image-depth px)."""
    rot, scale, trans = pose.rotation[0].astype(np.float64), float(pose.scale[0]), pose.translation[0].astype(np.float64)
    p = np.concatenate([points.astype(np.float64), np.zeros((len(points), 1))], 1)
    origin = (p - trans) @ rot / scale
    direction = rot[2] / scale  # R^T e_z / s
    return origin, direction


def _quadratic(origin: np.ndarray, direction: np.ndarray, radii: np.ndarray, centre: np.ndarray = SHELL_CENTRE
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients a (scalar), b (N,), c (N,) of |(origin + z direction - centre) / radii|^2 = a z^2 + b z + c
    (`centre` (3,) canonical: the shell's)."""
    u = (origin - centre) / radii
    v = direction / radii
    return float(v @ v), 2 * u @ v, (u * u).sum(1)


def lift(points: np.ndarray, pose: HeadPose, centre: np.ndarray = SHELL_CENTRE) -> np.ndarray:
    """(N, 3) canonical positions on the shell (centred on `centre` (3,) canonical: `shell_depth.shell_centre`)
    of image points (N, 2) px of a face with `pose` (T=1)."""
    origin, direction = _ray(points, pose)
    a, b, c = _quadratic(origin, direction, SHELL_RADII, centre)
    disc = np.maximum(b * b - 4 * a * (c - 1), 0.0)
    z = (-b - np.sqrt(disc)) / (2 * a)  # the front intersection; the nearest approach when disc < 0
    return (origin + z[:, None] * direction).astype(np.float32)


def rim_weight(points: np.ndarray, pose: HeadPose, centre: np.ndarray = SHELL_CENTRE) -> np.ndarray:
    """(N,) float32 in [0, 1] for image points (N, 2) px: 0 on the front of the shell (centred on `centre`),
    rising to 1 at its outline (where a turn would carry a point behind the head) and beyond."""
    origin, direction = _ray(points, pose)
    a, b, c = _quadratic(origin, direction, SHELL_RADII, centre)
    nearest = c - b * b / (4 * a)  # the ray's smallest |.|^2: 0 through the centre, 1 on the outline
    return smoothstep(RIM_FROM, 1.0, nearest).astype(np.float32)


class Turn(NamedTuple):
    """A rotation as `shell_pose` and `hanging_swing` read it: its rotation vector (3,) float64 (axis times
    angle, rad) and its angle (rad, in [0, pi])."""

    rotvec: np.ndarray
    angle: float


def relative_turn(source: HeadPose, target: HeadPose) -> Turn:
    """The target pose's rotation relative to the source's (T=1), R_src^T R_tgt in float64 (orthogonalised as
    scipy's `Rotation.from_matrix`): made once a frame and passed to `shell_pose` and `hanging_swing`
    (`turn_kernels.turn_of`, scipy's numbers bit for bit, ~5 us; scipy's own calls ~0.13 ms)."""
    return Turn(*turn_of(source.rotation[0].astype(np.float64).T @ target.rotation[0].astype(np.float64)))


def shell_pose(source: HeadPose, target: HeadPose, turn: Turn) -> HeadPose:
    """The pose the shell (hair, ears) takes for a target face pose (`turn`: its `relative_turn` from the
    source's): the target's, with small changes from the source's pose damped: turns (none below
    `SHELL_TURN[0]` deg, all from `SHELL_TURN[1]`), shifts
    (`SHELL_SHIFT`, inter-ocular distances) and scale changes (`SHELL_SCALE`, fractions), smoothstep
    between. The pose read from a talking face's landmarks wobbles with its expression while the head
    stays still; the shell turns about a centre far behind the face, so that wobble would sway the hair
    (self-reenactment of calm drivers: lp_d19 3 s, 28.9 dB undamped, 30.7 turns damped, 31.8 all damped;
    lp_d12 22.3, 22.2, 22.4)."""
    r_src = source.rotation[0].astype(np.float64)
    rotvec = turn.rotvec
    rotation = r_src @ rotvec_matrix(smoothstep(*SHELL_TURN, float(np.degrees(np.linalg.norm(rotvec)))) * rotvec)
    shift = (target.translation[0] - source.translation[0]) * smoothstep(*SHELL_SHIFT, head_shift(source, target))
    growth = float(target.scale[0] / source.scale[0]) - 1
    scale = source.scale[0] * (1 + growth * smoothstep(*SHELL_SCALE, abs(growth)))
    return HeadPose(rotation[None].astype(np.float32), np.array([scale], np.float32),
                    (source.translation[0] + shift)[None].astype(np.float32))


def head_shift(source: HeadPose, target: HeadPose) -> float:
    """Inter-ocular distances: how far the target pose's face moved in the image from the source's (its
    translation's x and y over the source's scale)."""
    return float(np.linalg.norm(target.translation[0, :2] - source.translation[0, :2]) / source.scale[0])


def hanging_swing(turn: Turn, shift: float = 0.0) -> float:
    """In [0, 1]: how much of the head's rigid motion the hair hanging below the jaw follows for a target
    pose whose `relative_turn` from the source's is `turn` and whose `head_shift` is `shift`: the larger of the
    smoothsteps over `HANGING_SWING` of the turn (deg) and over `HANGING_SHIFT` of the shift. Real hanging hair
    does not turn rigidly with every small motion (lp_d11's pigtails); on a big turn, left behind, it is
    stretched into a dark wedge beside the jaw, on a big shift jumped over by the map (lp_s1)."""
    return float(max(smoothstep(*HANGING_SWING, float(np.degrees(turn.angle))), smoothstep(*HANGING_SHIFT, shift)))


def shell_centre_motion(source: HeadPose, target: HeadPose, points: np.ndarray, pivot: np.ndarray = SHELL_CENTRE,
                        centre: np.ndarray = SHELL_CENTRE) -> np.ndarray:
    """(N, 2) image px: points (N, 2) px of the source moved as the shell's outline moves from the
    source's pose to the target's: with the shell's `centre` (3,) canonical, scaled about it, and turned by the
    image-plane roll about `pivot` (3,) canonical, placed by the source's pose (`ROLL_PIVOT`: as the face turns)."""
    centre_s = place(centre[None], source)[0, :2]
    centre_t = place(centre[None], target)[0, :2]
    about = place(np.asarray(pivot, np.float32)[None], source)[0, :2] - centre_s  # px from the centre
    roll = np.radians(euler_degrees((source.rotation[0].T @ target.rotation[0])[None].astype(np.float64))[0, 2])
    growth = float(target.scale[0] / source.scale[0])
    turn = np.array([[np.cos(roll), -np.sin(roll)], [np.sin(roll), np.cos(roll)]]) * growth
    return (centre_t + (points - centre_s - about) @ turn.T + growth * about).astype(np.float32)


def place(canonical: np.ndarray, pose: HeadPose) -> np.ndarray:
    """(N, 3) image px (x, y, depth) of canonical points (N, 3) under `pose` (T=1)."""
    return pose.to_image(np.asarray(canonical, np.float32)[None])[0]


def head_zone(size: tuple[int, int], origin: np.ndarray, pose: HeadPose) -> tuple[np.ndarray, np.ndarray]:
    """Where the head can be in a crop of `size` (w, h) whose top-left is `origin` (2,) px in the image of
    a face with `pose`: (h, w) float32 in [0, 1] for the skull and hair (the shell's grown silhouette),
    and for the neck band below the mouth."""
    w, h = size
    gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)
    pts = np.stack([gx.ravel(), gy.ravel()], 1) + origin
    ray_origin, direction = _ray(pts, pose)
    a, b, c = _quadratic(ray_origin, direction, SHELL_RADII)
    nearest = c - b * b / (4 * a)  # the ray's smallest |.|^2: <= 1 inside the silhouette
    lo, hi = HAIR_SCALE
    shell = 1 - smoothstep(lo * lo, hi * hi, nearest)
    point = ray_origin + (-b / (2 * a))[:, None] * direction
    neck = (1 - smoothstep(*NECK_HALF_WIDTH, np.abs(point[:, 0]))) * smoothstep(NECK_FROM_Y - 0.2, NECK_FROM_Y, point[:, 1])
    return shell.reshape(h, w).astype(np.float32), neck.reshape(h, w).astype(np.float32)


_SCALARS = (float, int, np.float64)  # `smoothstep`'s scalar types (np.float32 not: numpy takes it to float64)


def smoothstep(edge0: float | np.ndarray, edge1: float | np.ndarray, x: float | np.ndarray) -> np.ndarray:
    """0 below edge0, 1 above edge1, smooth (3t^2 - 2t^3) between; scalars or arrays (broadcast). Three Python
    or float64 scalars (most calls a frame) take the same float64 operations in Python (np.float64 out)."""
    if type(x) in _SCALARS and type(edge0) in _SCALARS and type(edge1) in _SCALARS:
        t = min(max((x - edge0) / max(edge1 - edge0, 1e-6), 0.0), 1.0)
        return np.float64(t * t * (3 - 2 * t))
    t = np.clip((x - edge0) / np.maximum(np.subtract(edge1, edge0), 1e-6), 0, 1)
    return t * t * (3 - 2 * t)


def person_mask(image: np.ndarray) -> np.ndarray:
    """(H, W) float32 in [0, 1]: the person in `image` ((H, W, 3) uint8 RGB), mediapipe selfie segmentation."""
    from facereel.face.mp_runtime import mediapipe

    with mediapipe().solutions.selfie_segmentation.SelfieSegmentation(model_selection=0) as seg:
        mask = seg.process(np.ascontiguousarray(image)).segmentation_mask
    return np.asarray(mask, np.float32)


def _under_jaw(landmarks: np.ndarray, jaw: np.ndarray, axis: np.ndarray, shape: tuple[int, int],
               origin: np.ndarray, yaw: float = 0.0) -> tuple[np.ndarray, np.ndarray | float]:
    """The region below the jaw line (the oval from one jaw angle round the chin to the other, carried down
    past the crop, widening by a face size per four downwards): the neck and what hangs beside it, as
    (h, w) float32 coverage, and the share of it kept ((h, w) array, or 1.0): `_soft(region * kept)` is the
    region, with what joins it (`neck_side`) added to `region` first. jaw: (M, 2) image px, the jaw line
    (`chin_outline.round_jaw`, its middle fitted to the photo's chin edge by `chin_outline.fit_chin`).

    On a face turned by `yaw` (deg, the source's) beyond `FAR_SIDE_YAW`, the oval's far side runs inside the
    face (the landmarks of the far cheek fold behind the nose), so its jaw line is not the real one: there
    the region starts at the chin's height (along the face's `axis`, (2,) `face_colours.face_axis`) and the
    far cheek above it (within `_FAR_CHEEK` face sizes of the oval) stays head (`kept` 0).
    """
    oval = landmarks[list(ids.FACE_OVAL), :2]
    size = float(np.ptp(oval[:, 1]))
    drop = np.array([0.0, 4.0 * size + shape[0]])
    out = np.sign(jaw[0, 0] - jaw[-1, 0]) * np.array([size, 0.0])  # from the first jaw angle outwards
    polygon = np.vstack([jaw, jaw[-1] - out + drop, jaw[0] + out + drop])
    region = polygon_mask([polygon], shape, tuple(origin))
    turned = float(smoothstep(*FAR_SIDE_YAW, abs(yaw)))
    if turned <= 0:
        return region, 1.0
    chin = landmarks[ids.CHIN, :2] - origin
    chin = jaw[np.argmin(np.linalg.norm(jaw - origin - chin, axis=1))] - origin  # on the rounded jaw: no step
    gy, gx = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)
    reach = np.ones((2 * round(_FAR_CHEEK * size) + 1,) * 2, np.uint8)
    near_oval = cv2.dilate(polygon_mask([oval], shape, tuple(origin)), reach) > 0.5
    below_chin = axis[0] * (gx - chin[0]) + axis[1] * (gy - chin[1]) > 0
    far_cheek = far_side(landmarks, axis, shape, origin, chin) & below_chin & near_oval
    return region, 1 - turned * far_cheek


def far_side(landmarks: np.ndarray, axis: np.ndarray, shape: tuple[int, int], origin: np.ndarray,
              chin: np.ndarray | None = None) -> np.ndarray:
    """(h, w) bool: the pixels of a crop (`shape` (h, w) at `origin` px) on the side of the face's `axis` ((2,)
    `face_colours.face_axis`) through the chin that the nose points to (a turned face's far side); landmarks:
    (478, 3) image px; chin: (2,) crop px, the axis' point (default: the chin landmark)."""
    nose = landmarks[ids.NOSE_TIP, :2] - origin
    chin = landmarks[ids.CHIN, :2] - origin if chin is None else chin
    far = np.sign(axis[0] * (nose - chin)[1] - axis[1] * (nose - chin)[0])
    gy, gx = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float32)
    return (axis[0] * (gy - chin[1]) - axis[1] * (gx - chin[0])) * far > 0


def far_background(colours: FaceColours, landmarks: np.ndarray, origin: np.ndarray, size: float,
                   far_cheek: np.ndarray, beside: np.ndarray) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much of a turned face's head to keep on its far side (`far_side`), read by place
    and colour whatever the segmentation says: 0 where the colour's chroma is not the skin's (`SKIN_CHROMA_CHI2`)
    past the far cheek's reach (the face oval grown by `_FAR_CHEEK` face heights, `size` px) below the eyes (the cut
    fading in over `jaw_edge.FRINGE_FROM_EYES` face heights below them: at once it cut a step into the head's outline
    at the eyes' height; skin kept: sr_8's far jaw, cut, stayed in the photo as a ghost chin) and on `far_cheek`
    ((h, w) bool, where only `_under_jaw`'s far-cheek rule keeps the head below the jaw line) past `FAR_STRIP`, and
    where far darker than the skin (`FAR_DARK`) on `beside` ((h, w) bool: `far_cheek` grown past its neighbours' soft
    edges, which left a faint outline of the zone's edge in the head's alpha); soft
    over ~1 px. colours: the crop's (at `origin` px);
    landmarks: (478, 3) image px. The segmentation's read there depends on the crop's framing: sr_18 at 1/2 beside
    lp_s3 (or cut at x 700-1600) took the crowd right of its far jaw for the person, and the head moved off it
    carried that crowd as ragged dark fragments (`figures.far_fragments`)."""
    shape = colours.down.shape
    off_skin = off_skin_chroma(colours)
    past = far_side(landmarks, colours.axis, shape, origin) & ~_grown_oval(landmarks, shape, origin, _FAR_CHEEK * size)
    past = _soft(past & off_skin) * np.clip(colours.down / (FRINGE_FROM_EYES * size), 0, 1)
    dark = beside & (colours.lab[..., 0] < FAR_DARK * float(colours.skin[0][0]))
    off_skin = _soft(((far_cheek & off_skin) | dark) & ~_grown_oval(landmarks, shape, origin, FAR_STRIP * size))
    return ((1 - past) * (1 - off_skin)).astype(np.float32)


def off_skin_chroma(colours: FaceColours) -> np.ndarray:
    """(h, w) bool: the crop's colours (`colours.lab`) whose chroma is not the skin's (`SKIN_CHROMA_CHI2` of the skin
    model's (a, b) marginal; `colours.skin` made)."""
    mean, inverse = colours.skin
    chroma = (mean[1:], np.linalg.inv(np.linalg.inv(inverse)[1:, 1:]))
    return colour_distance(colours.lab[..., 1:], chroma) >= SKIN_CHROMA_CHI2


def held_side(colours: FaceColours, landmarks: np.ndarray, origin: np.ndarray, size: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: where `held_background` reads a turned face's crop (at `origin` px; landmarks (478,
    3) image px, `size` face size px): its far side outside the face oval, below the eyes (fading in over
    `FRINGE_FROM_EYES` face sizes, as `far_background`'s cut)."""
    shape = colours.down.shape
    outside = far_side(landmarks, colours.axis, shape, origin) & (polygon_mask([round_oval(landmarks)], shape,
                                                                               tuple(origin)) < 0.5)
    return (outside * np.clip(colours.down / (FRINGE_FROM_EYES * size), 0, 1)).astype(np.float32)


def _grown_oval(landmarks: np.ndarray, shape: tuple[int, int], origin: np.ndarray, px: float) -> np.ndarray:
    """(h, w) bool: the face oval (`round_oval` of (478, 3) image px `landmarks`) on a crop of `shape` at `origin`
    px, grown by `px` px (a disc)."""
    return cv2.dilate(polygon_mask([round_oval(landmarks)], shape, tuple(origin)), disc_kernel(round(px))) > 0.5


def _soft(region: np.ndarray) -> np.ndarray:
    """(h, w) float32: a coverage region ((h, w)) with its edge blurred by 1 px."""
    return cv2.GaussianBlur(region.astype(np.float32), (0, 0), 1.0)


def round_oval(landmarks: np.ndarray, jaw: np.ndarray | None = None) -> np.ndarray:
    """(M, 2) image px: the face oval of landmarks ((478, 3) px) as a polygon, its jaw line `jaw` ((J, 2)
    image px, from one jaw angle round the chin to the other) or, without one, the oval's own made round
    (`chin_outline.round_jaw`)."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    rest = np.concatenate([oval[ON_OVAL.stop:], oval[:ON_OVAL.start]])
    return np.vstack([round_jaw(oval[ON_OVAL], float(np.ptp(oval[:, 1]))) if jaw is None else jaw, rest])


CHIN_TIP = 0.14
"""Face sizes round the chin landmark: the chin's tip, which the neck's side (`neck_side`) never takes from the head."""
CHIN_CORE = 0.04
"""Face sizes round the chin landmark: where the neck's side covers the chin itself when it reaches across it."""
ACROSS = (0.25, 0.5)
"""The neck side's mean coverage of `CHIN_CORE` over which `outside_face` eases in (sr_8 0.99, sr_4 0.76; lp_s12
0.03, sr_18 0.08, lp_s0 / lp_s1 / lp_s3 / lp_s5 / lp_s6 under 0.002)."""


def _disc(shape: tuple[int, int], centre: np.ndarray, radius_px: float) -> np.ndarray:
    """(h, w) uint8: 1 inside the disc of `radius_px` px round `centre` ((2,) crop px), 0 outside."""
    disc = np.zeros(shape, np.uint8)
    cv2.circle(disc, tuple(np.round(centre).astype(int)), round(radius_px), 1, -1)
    return disc


def outside_face(region: np.ndarray, landmarks: np.ndarray, jaw: np.ndarray, origin: np.ndarray,
                 face_px: float) -> np.ndarray:
    """(h, w) float32: `region` ((h, w) coverage, crop at `origin` (2,) px) off the chin's tip where it reaches
    across the chin: the face oval whose jaw line is `jaw` ((J, 2) image px, fitted to the photo's chin:
    `chin_outline.fit_chin`; landmarks (478, 3) px) within `CHIN_TIP` face sizes (`face_px` px) of the chin
    landmark, eased in by the region's coverage of the chin itself (`ACROSS` over `CHIN_CORE`). On a rolled face
    (sr_8, ~40 deg) the region behind the near jaw angle (`neck_side`) reached across the chin, whose lit lower
    part stayed on the plate and was laid under a raised chin as a second chin; farther from the chin the fitted
    outline may lie on the lit neck (lp_s3 right of her chin: a yellow streak under the raised jaw). A region
    that only grazes the oval beside the chin is left as it is: lp_s12's beard shadow left of his chin, taken
    into the head, was drawn over the collar under his dropped jaw and the tracker read the jaw 0.007 shorter."""
    chin = landmarks[ids.CHIN, :2] - origin
    core = _disc(region.shape, chin, CHIN_CORE * face_px) > 0
    across = float(smoothstep(*ACROSS, float(region[core].mean()))) if core.any() else 0.0
    if across == 0.0:
        return region
    face = polygon_mask([round_oval(landmarks, jaw)], region.shape, tuple(origin))
    return region * (1 - across * face * _disc(region.shape, chin, CHIN_TIP * face_px))


def _attached(head: np.ndarray, oval: np.ndarray) -> np.ndarray:
    """(h, w) float32: `head` ((h, w) in [0, 1]) without its parts (head > `_PART_FROM`, with their faint
    fringe) that do not touch the face `oval` ((h, w) coverage): someone's face or hand in a crowd behind
    the head that the segmentation found inside the head zone (sr_18) is background, not something to
    move with the head; a collar piece beside the jaw (lp_s12) stays with the body."""
    count, labels = cv2.connectedComponents((head > _PART_FROM).astype(np.uint8), connectivity=8)
    drop = np.ones(count, bool)
    drop[np.unique(labels[oval > 0.5])] = False
    drop[0] = False
    if not drop.any():
        return head.astype(np.float32)
    fringe = cv2.dilate(drop[labels].astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    kept = (labels > 0) & ~drop[labels]
    return np.where(fringe & ~kept, 0.0, head).astype(np.float32)


@dataclass(frozen=True)
class HeadMask:
    """Masks of one source crop, (h, w) float32 in [0, 1] each.

    alpha: the head layer: face, hair, ears (and the neck below them when it moves with the head).
    head: the part of it that turns rigidly with the head: above the jaw line (face, hair, ears) and the
        hair hanging below it.
    person: the person (segmentation, grown a little so the hair's fringe belongs to it).
    neck: where, behind the head, the neck is (the band below the mouth).
    hanging: the hair hanging below the jaw line (part of `head`; `hanging_hair`).
    photo: where the plate behind the head stays the photo, not the hole's fill (nor a margin the head casts a
        shadow on): the neck side of the chin's soft lower edge (`chin_outline.soften_chin`) and a faint mark's place
        (`faint_marks`).
    held: where the plate behind the head stays the photo too: the background the head holds beside a turned
        face's far cheek (`held_background`).
    """

    alpha: np.ndarray
    head: np.ndarray
    person: np.ndarray
    neck: np.ndarray
    hanging: np.ndarray
    photo: np.ndarray
    held: np.ndarray

    @property
    def carried_neck(self) -> np.ndarray:
        """(h, w) float32 in [0, 1]: the part of `alpha` that is not `head`: the neck (the person in the head zone
        below the jaw line) that the head layer carries with body following; zero without (`alpha` is `head`)."""
        return np.maximum(self.alpha - self.head, 0)


def person_grow_px(landmarks: np.ndarray) -> int:
    """px: how far `HeadMask.person` is grown past the segmentation (its fringe), from the landmarks ((478, 2+) px)."""
    return max(1, round(PERSON_GROW * float(np.ptp(landmarks[list(ids.FACE_OVAL), 1]))))


def head_mask(crop: np.ndarray, landmarks: np.ndarray, origin: np.ndarray, pose: HeadPose,
              neck: bool = False, hanging: bool = False) -> HeadMask:
    """The head layer's masks in a crop ((h, w, 3) uint8 RGB at `origin` px); landmarks: (478, 3) image px.

    The head is the person inside the head zone, and always the face oval; below the jaw line only the
    hair hanging there with `hanging` (`hanging_hair`), and the neck only with `neck` (body following,
    where head and torso share the neck). Otherwise the neck stays with the body
    and the jaw moves over it: a turning head would shear the neck's skin into a smear. When the
    segmentation misses the face (a statue, a painting it does not read), the whole zone is the head.
    The gap between the hanging hair and the jaw (shadowed hair, the cheek's rim) joins the head, its hair as
    hanging hair (`hanging_hair.close_to_head`); the thin notch between the jaw and the hair beside each jaw
    corner (hanging hair or not) joins the head (`jaw_corners.close_jaw_corners`). A mark beside the hair that the
    segmentation reads only faintly (a watermark's letter) is not head (`faint_marks`).
    """
    h, w = crop.shape[:2]
    oval = polygon_mask([round_oval(landmarks)], (h, w), tuple(origin))
    grow = person_grow_px(landmarks)
    shell, band = head_zone((w, h), origin, pose)
    segmented = person_mask(segmentation_input(crop, shell))
    person = cv2.dilate(segmented, disc_kernel(grow))
    person = smoothstep(0.1, 0.5, cv2.GaussianBlur(person, (0, 0), 1.0))
    if float((person * oval).sum()) < 0.5 * float(oval.sum()):
        person = np.ones_like(person)
    yaw = float(euler_degrees(pose.rotation.astype(np.float64))[0, 0])
    size = float(np.ptp(landmarks[list(ids.FACE_OVAL), 1]))
    colours = face_colours(crop, landmarks, origin, oval)  # made once: the hair, fringe and neck side read them
    jaw = fit_chin(round_jaw(landmarks[list(ids.FACE_OVAL), :2][ON_OVAL], size) - origin, colours.lab[..., 0], size)
    below, kept = _under_jaw(landmarks, jaw + origin, colours.axis, (h, w), origin, yaw)  # once: the neck's side joins it
    side = neck_side(colours, landmarks, origin, person * shell * (1 - _soft(below * kept)), oval, segmented, size)
    side = outside_face(side, landmarks, jaw + origin, origin, size)
    region = np.maximum(below, side) * kept
    under, photo, chin_zone = soften_chin(region, _soft(region), jaw, segmented, size)
    head = person * shell * (1 - under)
    turned = float(smoothstep(*FAR_SIDE_YAW, abs(yaw)))
    # Head below the jaw line by the far-cheek rule alone, with `_soft`'s edge (3 sigma) beside it.
    far_cheek = cv2.dilate(((below > 0.5) & (kept < 1)).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    if turned >= 0.5 and colours.skin is not None:  # the far side read alone, as `background_fringe` reads it
        head = head * far_background(colours, landmarks, origin, size, (below > 0.5) & (kept < 1), far_cheek)
    head = head * background_fringe(colours, landmarks, origin, head, person, segmented, oval, size, turned,
                                     far_cheek)
    head = _attached(np.maximum(head, soft_face(oval, chin_zone, size)), oval)
    backdrop = background_pixels(colours, person, size)
    if hanging:
        skin = None if colours.skin is None else colour_distance(colours.lab, colours.skin) < CHI2_99
        found = hanging_hair(colours.lab, head, oval, person, segmented, backdrop, under, shell, band, size)
        head, hanging = close_to_head(found, head, person, skin, oval, size)
        head, hanging = lock_ends(head, hanging, colours.lab, person, segmented, shell, band, size)
    else:
        hanging = np.zeros_like(head)
    angles = jaw_ends(landmarks) - origin
    head = close_jaw_corners(head, person, angles, size, backdrop)
    # Last: the hair's colour that `hanging_hair` and `lock_ends` read is sampled from the head before the matte.
    head = head * hair_fringe(colours, head, person, segmented, oval, size)
    keep = faint_marks(head, segmented, oval)  # after the matte: it parts a faint mark from the hair
    head, hanging, person = head * keep, hanging * keep, person * keep
    alpha = np.maximum(np.maximum(person * np.maximum(shell, band), oval), head) if neck else head
    # With the neck in the head the plate is never shown; a faint mark's place keeps the photo, not the hole's fill.
    photo = np.zeros_like(head) if neck else np.maximum(photo * (1 - hanging), 1 - keep)
    held = np.zeros_like(head)  # the background held beside a turned face's far cheek (its plate kept the photo)
    if turned >= 0.5 and colours.skin is not None and not neck:
        held = held_background(colours.lab, alpha, segmented, off_skin_chroma(colours),
                               held_side(colours, landmarks, origin, size), size) * (1 - hanging)
    return HeadMask(alpha.astype(np.float32), head.astype(np.float32), person.astype(np.float32), band, hanging,
                    photo.astype(np.float32), held.astype(np.float32))
