"""Retarget a driving `Motion` onto a source face: target landmarks of the source for every frame.

Relative mode (default): expression offsets from the driver's reference frame are added to the source's
own canonical landmarks, and head rotation is R_src @ inv(R_drv_ref) @ R_drv_i (as in SkyReels-A1).
Absolute mode: the driver's head rotation as it is, and the driver's absolute eye and mouth openness.
Eye/mouth ratio retargeting makes a driver's closed eyes close the source's eyes whatever their size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template, estimate_pose
from facereel.face.tracking import rest_weights
from facereel.motion.features import (
    _LEFT_LID_PAIRS,
    _RIGHT_LID_PAIRS,
    INDEX,
    eye_opening,
    expression_features,
)
from facereel.motion.gap_shift import limited_shift
from facereel.motion.iris_inside import keep_irises_inside, off_centre
from facereel.motion.lip_slide import limit_lip_slide, slide_weights
from facereel.motion.motion import Motion
from facereel.motion.one_euro import OneEuro
from facereel.motion.retarget_options import (
    CHIN_SOFTNESS,
    SCALE_CEILING,
    SHIFT_CEILING,
    TRANSLATION_SMOOTHING,
    RetargetOptions,
)
from facereel.motion.soft_limit import soft_limits


def log_scale_limits(scale_limit: float) -> tuple[float, float]:
    """(knee, ceiling) of the head-scale limit on the log of the scale relative to the photo: log(1 +
    `scale_limit`) and SCALE_CEILING times it (the scale never leaves exp(-ceiling) .. exp(ceiling))."""
    knee = float(np.log1p(scale_limit))
    return knee, SCALE_CEILING * knee


@lru_cache(maxsize=1)
def _region_points() -> dict[str, np.ndarray]:
    """Soft per-landmark weights (478,) of each expression region, from the template's geometry."""
    c = canonical_template()
    eye_y = c[list(ids.RIGHT_EYE_CORNERS + ids.LEFT_EYE_CORNERS), 1].mean()
    brow_y = c[list(ids.RIGHT_BROW + ids.LEFT_BROW), 1].mean()
    nose_y = c[2, 1]
    y = c[:, 1]
    eye_pts = np.zeros(len(c))
    eye_pts[list(ids.EYES_REGION)] = 1.0
    # brows: everything above the brow/eye midline fading in; lips: everything below the nose base.
    brows = np.clip((((brow_y + eye_y) / 2) - y) / max(eye_y - brow_y, 1e-6), 0, 1)
    brows[list(ids.EYES_REGION)] = 0.0
    lips = np.clip((y - nose_y) / 0.15, 0, 1)
    return {"eyes": eye_pts, "brows": brows, "lips": lips}


def _expression_weights(regions: frozenset[str]) -> np.ndarray:
    if "expression" in regions:
        return np.ones(ids.NUM_LANDMARKS)
    parts = _region_points()
    w = np.zeros(ids.NUM_LANDMARKS)
    for name in ("eyes", "brows", "lips"):
        if name in regions:
            w = np.maximum(w, parts[name])
    return w


MOUTH_SCALE_RANGE = (0.7, 1.3)
"""Relative mode: the lower face's expression offsets are scaled by the source's mouth width over the driver's
reference mouth width (canonical units), clipped to this range (a broken reference track cannot blow them up).
Offsets added as lengths opened a narrower mouth further and narrowed it more than the driver's own, in
proportion: lp_d18 (width 0.875) at 66-94 opens to 0.79 of its width, and sr_4 (0.719) got 1.00, lp_s5
(0.622) 1.22; the shared portraits' ratios to lp_d18 are 0.71 (lp_s5) to 0.95 (lp_s1)."""


@lru_cache(maxsize=1)
def _chin_depth() -> np.ndarray:
    """(478,) each template point's depth below the lower lip's bottom towards the chin (canonical y): 0 at
    and above the lip, 1 at the chin."""
    y = canonical_template()[:, 1]
    lip, chin = y[ids.LOWER_LIP_BOTTOM], y[ids.CHIN]
    return np.clip((y - lip) / (chin - lip), 0.0, 1.0)


def _mouth_scale(source_width: float, driver_width: float, hidden: float = 0.0) -> np.ndarray:
    """(478, 3) factor on each landmark's expression offset: 1 above the nose base, fading (the "lips" region's
    weights) to the source's mouth width over the driver's (canonical units; MOUTH_SCALE_RANGE) below it. The
    vertical factor fades back to 1 below the lower lip (`_chin_depth`): the chin drops as far as the
    driver's. A jaw's drop is not the mouth's width: scaled, a narrower mouth's chin dropped short (the
    photo driver's `open` pair: re-tracked jaw drop 0.54 of the driver's, now 0.60; docs/benchmarks.md).
    hidden: 0-1, how far the source's corners are hidden (`RetargetOptions.corners_hidden`); the ratio is taken
    that far towards 1 (the driver's lengths as they are): corners tracked under a moustache are not the mouth's
    width (lp_s12's 0.663 gave 0.74 of preset:laugh's and opened his laugh to a pale slab; docs/mesh-engine.md)."""
    k = float(np.clip(source_width / max(driver_width, 1e-4), *MOUTH_SCALE_RANGE))
    k += hidden * (1.0 - k)
    factor = np.repeat((1.0 + (k - 1.0) * _region_points()["lips"])[:, None], 3, axis=1)
    factor[:, 1] = 1.0 + (factor[:, 1] - 1.0) * (1.0 - _chin_depth())
    return factor


CHANNELS = ("rotation", "translation", "scale", "expression", "features")
"""The smoothed channels of a Motion (rotation as rotation vectors about the reference); the features' eye
openings are smoothed again as the channel "eye_opening" (`channel_filter`)."""

Smoother = Callable[[str, np.ndarray, float], np.ndarray]
"""smoother(channel, samples (T, ...), fps) -> the smoothed samples: a channel's filter is chosen by its name,
so a stateful smoother (streaming_retarget's) continues each channel's own stream whatever the call order."""


BLINK_BETA = 10.0
"""One-Euro speed coefficient (at least) of the driver's eye openings (the "eye_opening" channel, lid gap over
eye width): a blink shuts and opens in 3-5 frames (lid speed 2-5 eye widths/s), which the motion filter (beta
0.5) cut to half a closure (lp_d3's shut eyes left lp_s1's half open); at rest the openings' tracker noise
(~0.05/s) hardly opens it."""


def channel_filter(channel: str, filt: OneEuro, translation_filt: OneEuro = TRANSLATION_SMOOTHING) -> OneEuro:
    """The One-Euro filter of a smoothed channel: `translation_filt` on "translation" (inter-ocular
    distances), `filt` with a speed coefficient of at least BLINK_BETA on "eye_opening", `filt` on the rest."""
    if channel == "translation":
        return translation_filt
    if channel == "eye_opening":
        return replace(filt, beta=max(filt.beta, BLINK_BETA))
    return filt


def one_euro_smoother(filt: OneEuro, translation_filt: OneEuro = TRANSLATION_SMOOTHING) -> Smoother:
    """Each channel smoothed by its `channel_filter`."""
    return lambda channel, x, fps: channel_filter(channel, filt, translation_filt)(x, fps)


def smooth_motion(motion: Motion, smoother: Smoother, reference_rotation: np.ndarray | None = None) -> Motion:
    """`motion` with each of CHANNELS smoothed by `smoother`; rotation is smoothed as rotation vectors about
    `reference_rotation` (3, 3) (default: the motion's reference frame's; a stream passes it for a motion
    that does not hold its reference frame)."""
    # here: the options model (the CLI's parser) loads no numba; scipy's `Rotation` numbers, compiled (h18-speed2)
    from facereel.face.turn_kernels import rotvec_matrix, turn_of

    ref_rot = motion.rotation[motion.reference] if reference_rotation is None else reference_rotation
    turns = np.einsum("ji,tjk->tik", ref_rot, motion.rotation).astype(np.float64)
    rel = np.array([turn_of(turn)[0] for turn in turns]).reshape(-1, 3)
    smoothed_rel = np.asarray(smoother("rotation", rel, motion.fps), np.float64)
    rot = ref_rot @ np.array([rotvec_matrix(np.ascontiguousarray(v)) for v in smoothed_rel]).reshape(-1, 3, 3)
    smoothed = {channel: smoother(channel, getattr(motion, channel), motion.fps).astype(np.float32)
                for channel in CHANNELS[1:]}
    eyes = [INDEX["eye_open_right"], INDEX["eye_open_left"]]
    smoothed["features"][:, eyes] = smoother("eye_opening", motion.features[:, eyes], motion.fps)
    return Motion(rotation=rot.astype(np.float32), **smoothed, valid=motion.valid, fps=motion.fps,
                  reference=motion.reference)


LID_MEET = 0.2
"""Where a retargeted eye's lids meet when it shuts: this fraction of the source's lid gap above its lower lid
(the upper lid travels most of the way, the lower lid rises a little)."""


EYES = (("right", ids.RIGHT_EYE_CORNERS, ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID, _RIGHT_LID_PAIRS),
        ("left", ids.LEFT_EYE_CORNERS, ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID, _LEFT_LID_PAIRS))
"""Per eye: side, corner ids, upper and lower lid ids, the lid pairs its opening is measured on."""


def _across(points: np.ndarray, corners: tuple[int, int], lid: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(..., N) corner-line y under each lid point of canonical `points` (..., 478, 3) and the point's y
    above it."""
    a, b = points[..., corners[0], :], points[..., corners[1], :]
    u = np.clip((points[..., lid, 0] - a[..., None, 0]) / (b[..., None, 0] - a[..., None, 0] + 1e-9), 0, 1)
    line = a[..., None, 1] + u * (b[..., None, 1] - a[..., None, 1])
    return line, points[..., lid, 1] - line


def _lid_rest(c_src: np.ndarray, corners: tuple[int, int], upper: tuple[int, ...], lower: tuple[int, ...]
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The source's own lids (c_src (478, 3) canonical) as `_set_eye_opening` moves them: the height above
    the corner line where they meet (LID_MEET) and each upper and lower lid point's height above it."""
    _, src_up = _across(c_src, corners, list(upper))
    _, src_lo = _across(c_src, corners, list(lower))
    return src_lo + LID_MEET * (src_up - src_lo), src_up, src_lo


def _set_eye_opening(c: np.ndarray, src_open: float, rest: tuple[np.ndarray, np.ndarray, np.ndarray],
                     corners: tuple[int, int], upper: tuple[int, ...], lower: tuple[int, ...], target: np.ndarray) -> None:
    """Set the lids of canonical targets c (T, 478, 3) in place so that the eye opening equals target (T,):
    each lid point's canonical y across the corner line is the source's own (`_lid_rest`; its opening
    `src_open`) drawn towards the line where the lids meet (LID_MEET) in proportion to target over the
    source's opening, the upper lid paired point by point with the lower. The source's lid shapes are kept:
    the driver's lid offsets, added to a narrower source eye, bent a closed eye's lids into a V."""
    r = np.clip(target, 0, None) / max(src_open, 1e-4)
    meet, src_up, src_lo = rest
    for lid, src in ((list(upper), src_up), (list(lower), src_lo)):
        line, _ = _across(c, corners, lid)
        c[:, lid, 1] = line + meet[None] + r[:, None] * (src - meet)[None]


def _keep_chin_below_lip(c: np.ndarray, c_src: np.ndarray, floor: float) -> None:
    """Lower the jaw of canonical targets c (T, 478, 3) in place where the lower lip's bottom comes closer to
    the chin than (floor + CHIN_SOFTNESS) x the source's height c_src (478, 3) from one to the other (canonical
    y): the closing beyond that is soft-limited so the height never falls below floor x the source's, and the
    difference is added to every point below the lip, in proportion to its depth towards the chin in the source
    (the chin gets all of it, the lip none)."""
    lip, chin = ids.LOWER_LIP_BOTTOM, ids.CHIN
    height = c_src[chin, 1] - c_src[lip, 1]
    if height <= 0:
        return
    closing = np.maximum(height - (c[:, chin, 1] - c[:, lip, 1]), 0.0)
    kept = soft_limits(closing, (1.0 - floor - CHIN_SOFTNESS) * height, (1.0 - floor) * height)
    depth = np.clip((c_src[:, 1] - c_src[lip, 1]) / height, 0.0, 1.0)
    c[:, :, 1] += (closing - kept)[:, None] * depth[None]


LIP_SOFTNESS = 0.01
"""Relative mode, canonical units: a driver's closing of the source's inner-lip gap passes unchanged until the
gap is this much above the lips touching (0) and is compressed smoothly below (`_close_no_further`); on a
closed mouth (gap under this) the lips press together by at most this much less its gap, and what is taken off
grows smoothly from 0 (a tracker's jitter round the driver's reference gap moves nothing): a closing of this
keeps 0.76 of it, 5x keeps 0.2 of it."""


def _below_mouth(c_src: np.ndarray) -> np.ndarray:
    """(478,) bool: the points of the source c_src (478, 3) below its mouth line (the inner lips' middle), the lower
    lip's among them and the upper lip's not (a photo's lips may cross by a tracker's hair)."""
    below = c_src[:, 1] > (c_src[13, 1] + c_src[14, 1]) / 2
    below[list(ids.INNER_UPPER_LIP[1:-1] + ids.OUTER_UPPER_LIP[1:-1])] = False
    below[list(ids.INNER_LOWER_LIP[1:-1] + ids.OUTER_LOWER_LIP[1:-1])] = True
    return below


def _towards_mouth(offsets: np.ndarray, below: np.ndarray) -> np.ndarray:
    """(T, 478) the share of vertical offsets (T, 478) (canonical y) that moves each point towards the source's
    mouth line: down above it (`below` (478,) bool, `_below_mouth`, false), up below it; 0 for a move away."""
    return np.where(below[None], np.minimum(offsets, 0.0), np.maximum(offsets, 0.0))


INNER_PAIRS = (list(ids.INNER_UPPER_LIP[1:-1]), list(ids.INNER_LOWER_LIP[1:-1]))
"""The inner lips' upper and lower points, paired column by column between the corners (9 each)."""


def _column_weights(c_src: np.ndarray) -> np.ndarray:
    """(478, 9) weights that spread a value per inner-lip column (`INNER_PAIRS`) to every landmark of the source
    c_src (478, 3): linear in canonical x between the columns' x, the end column's beyond them."""
    xs = (c_src[INNER_PAIRS[0], 0] + c_src[INNER_PAIRS[1], 0]) / 2
    order = np.argsort(xs)
    weights = np.zeros((len(c_src), len(xs)))
    for k, column in enumerate(order):
        weights[:, column] = np.interp(c_src[:, 0], xs[order], np.eye(len(xs))[k])
    return weights


@lru_cache(maxsize=4)
def _source_lips(raw: bytes, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_column_weights` (478, 9), `_below_mouth` (478,) and `lip_slide.slide_weights` (478,) of the source whose
    float64 canonical landmarks' bytes are `raw` (`shape` (478, 3)), read-only: made once per source (a stream
    retargets every frame onto the same one; ~0.1 CPU ms a frame made per frame)."""
    c_src = np.frombuffer(raw, np.float64).reshape(shape)
    made = _column_weights(c_src), _below_mouth(c_src), slide_weights(c_src)
    for array in made:
        array.flags.writeable = False
    return made


def _lips_of(c_src: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_source_lips` of the source's canonical landmarks c_src ((478, 3) float64)."""
    return _source_lips(np.ascontiguousarray(c_src, np.float64).tobytes(), c_src.shape)


def _close_no_further(c: np.ndarray, c_src: np.ndarray) -> None:
    """Take off, in place, the driver's closing of each inner-lip column (`INNER_PAIRS`) of canonical targets
    c (T, 478, 3) beyond what the source's own gap there (c_src (478, 3)) allows (soft-limited, LIP_SOFTNESS):
    the lips close until they touch and no further. What a column takes off scales its vertical offsets
    towards the mouth line (`_towards_mouth`), spread across the lower face ("lips" region's share) by canonical x
    (`_column_weights`), so upper lip, lower lip and chin stop together in the driver's proportions while a move
    away (a jaw dropping under pursed lips) passes. A driver whose reference frame has its mouth open (lp_d12 from
    90) closed it by lengths that, added to a closed mouth, pressed both lips to a line and lifted the lower lip's
    outer edge over the upper one's."""
    up, lo = INNER_PAIRS
    weights, below, _ = _lips_of(c_src)
    gaps = np.maximum(c_src[lo, 1] - c_src[up, 1], 0.0)
    offsets = c[:, :, 1] - c_src[None, :, 1]
    towards = _towards_mouth(offsets, below)
    closing = offsets[:, up] - offsets[:, lo]
    kept = soft_limits(np.maximum(closing, 0.0), np.maximum(gaps - LIP_SOFTNESS, 0.0), np.maximum(gaps, LIP_SOFTNESS))
    share = np.clip((closing - kept) / np.maximum(towards[:, up] - towards[:, lo], 1e-12), 0.0, 1.0)  # T, 9
    c[:, :, 1] -= (share @ weights.T) * _region_points()["lips"][None] * towards


@lru_cache(maxsize=4)
def _source_face(raw: bytes, dtype: str, shape: tuple[int, ...]
                 ) -> tuple[np.ndarray, np.ndarray, float, np.ndarray, dict[str, float], dict[str, tuple], float]:
    """What `retarget` needs of the source face, made once per source (a stream retargets every frame onto
    the same one): its canonical landmarks (478, 3), rotation (3, 3) and translation (3,) (float64,
    read-only), scale (px per canonical unit), each eye's opening and its lids' `_lid_rest`, its mouth width
    (canonical units), from the landmarks' bytes `raw` (numpy `dtype` string, `shape` (478, 3))."""
    pose, canon, _ = estimate_pose(np.frombuffer(raw, dtype).reshape(shape)[None])
    c_src = canon[0].astype(np.float64)
    r_src, s_src, t_src = pose.rotation[0].astype(np.float64), float(pose.scale[0]), pose.translation[0].astype(np.float64)
    opening = {side: float(eye_opening(c_src[None], pairs)[0]) for side, _, _, _, pairs in EYES}
    rests = {side: _lid_rest(c_src, corners, upper, lower) for side, corners, upper, lower, _ in EYES}
    for array in (c_src, r_src, t_src, *(a for rest in rests.values() for a in rest)):
        array.flags.writeable = False
    mouth = float(expression_features(c_src[None])[0, INDEX["mouth_width"]])
    return c_src, r_src, s_src, t_src, opening, rests, mouth


def retarget(source_landmarks: np.ndarray, motion: Motion, options: RetargetOptions = RetargetOptions(),
             smoother: Smoother | None = None) -> np.ndarray:
    """Target landmarks of the source face for every motion frame.

    source_landmarks: (478, 3) image px of the source photo. Returns (T, 478, 3) float32 image px.
    smoother: replaces the options' One-Euro filters (streaming passes one that carries state across calls);
    nothing is smoothed when `options.smoothing` is None.
    """
    if options.smoothing is not None:
        motion = smooth_motion(motion, smoother or one_euro_smoother(options.smoothing, options.translation_smoothing))
    return retarget_frames(source_landmarks, motion, options, motion.rotation[motion.reference],
                           motion.features[motion.reference])


def retarget_frames(source_landmarks: np.ndarray, motion: Motion, options: RetargetOptions,
                    reference_rotation: np.ndarray, reference_features: np.ndarray,
                    rest_weight: np.ndarray | None = None) -> np.ndarray:
    """`retarget` of an already smoothed (or unsmoothed with `options.smoothing` None) `motion`, its reference
    frame's rotation (3, 3) and features (F,) given (as smoothed), so that a stream can retarget its
    frames one by one without the reference frame. rest_weight: (T,) how far each frame of a driver's gap is eased
    toward the rest (`face.tracking.rest_weights`; None: from `motion.valid` and `motion.fps`, the rest its first face;
    given, the rest is the reference, a stream's first face); the shift limit is taken before that ease (`gap_shift.limited_shift`). Returns (T, 478, 3) float32 image px."""
    source = np.asarray(source_landmarks)
    c_src, r_src, s_src, t_src, src_feat_open, lid_rests, src_mouth = _source_face(
        source.tobytes(), source.dtype.str, source.shape)
    m = options.multiplier

    w = _expression_weights(options.regions)[:, None]  # (478, 1); (478, 3) once scaled by the mouth
    if options.mode == "relative":
        w = w * _mouth_scale(src_mouth, float(reference_features[INDEX["mouth_width"]]), options.corners_hidden)
    c = c_src[None] + m * w[None] * motion.expression.astype(np.float64)

    if "expression" in options.regions or "eyes" in options.regions:
        for side, corners, upper, lower, _ in EYES:
            drv = motion.features[:, INDEX[f"eye_open_{side}"]].astype(np.float64)
            if options.mode == "absolute":
                width = np.linalg.norm(c_src[corners[0], :2] - c_src[corners[1], :2])
                target = src_feat_open[side] + m * (drv * width - src_feat_open[side])
            else:
                ratio = np.clip(drv / max(float(reference_features[INDEX[f"eye_open_{side}"]]), 1e-4), 0.0, 2.0)
                target = src_feat_open[side] * (1.0 + m * (ratio - 1.0))
            _set_eye_opening(c, src_feat_open[side], lid_rests[side], corners, upper, lower, target)
        keep_irises_inside(c, c_src, off_centre(np.asarray(reference_features)))

    if "expression" in options.regions or "lips" in options.regions:
        if options.mode == "relative":
            _close_no_further(c, c_src)
        limit_lip_slide(c, c_src, src_mouth, _lips_of(c_src)[2])  # no lip slid far sideways under the nose (a smirk)
        if options.mode == "absolute":
            gap = c_src[14, 1] - c_src[13, 1]
            want = gap + m * (motion.features[:, INDEX["mouth_open"]] - gap)
            c[:, list(ids.INNER_LOWER_LIP[1:-1]), 1] += (want - (c[:, 14, 1] - c[:, 13, 1]))[:, None]
        # Lips never cross: a lower inner-lip point stays below its upper counterpart.
        up, lo = list(ids.INNER_UPPER_LIP[1:-1]), list(ids.INNER_LOWER_LIP[1:-1])
        c[:, lo, 1] = np.maximum(c[:, lo, 1], c[:, up, 1])
        if options.chin_floor:
            _keep_chin_below_lip(c, c_src, options.chin_floor)

    if "pose" in options.regions:
        r_drv = motion.rotation.astype(np.float64)
        rot = r_drv if options.mode == "absolute" else r_src[None] @ np.asarray(reference_rotation, np.float64).T[None] @ r_drv
    else:
        rot = np.repeat(r_src[None], len(motion), axis=0)
    scale = np.full(len(motion), s_src)
    trans = np.repeat(t_src[None], len(motion), axis=0)
    if options.translate:
        log_scale = np.log(np.maximum(motion.scale.astype(np.float64), 1e-6))
        if options.scale_limit:
            log_scale = soft_limits(log_scale, *log_scale_limits(options.scale_limit))
        scale = s_src * np.exp(log_scale)
        shift = motion.translation.astype(np.float64)
        if options.shift_limit:
            rest = np.zeros(2)  # a stream's: its reference is its first face
            if rest_weight is None:
                valid = np.asarray(motion.valid, bool)
                rest_weight = rest_weights(valid, float(motion.fps))
                rest = shift[np.argmax(valid), :2]
            shift[:, :2] = limited_shift(shift[:, :2], options.shift_limit, SHIFT_CEILING * options.shift_limit,
                                         rest_weight, rest)
        trans = t_src[None] + s_src * shift
    out = scale[:, None, None] * np.einsum("tnj,tij->tni", c, rot) + trans[:, None, :]
    return out.astype(np.float32)
