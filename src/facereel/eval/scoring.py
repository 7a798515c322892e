"""All metrics of one output clip against its driver (and its ground truth in self-reenactment).

Besides the field's metrics, every clip gets the artefact metrics of `eval.seam` (seam score, per frame
against the source aligned by the head's motion), `eval.identity` (identity stability: dlib distance to the
source on `ID_SAMPLES` evenly spaced frames) and `eval.mouth` (mouth range ratio and correlation against
the driver, mouth realism against real open mouths); their per-frame values are returned for the plots.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from facereel.eval import identity, landmarks, mouth, pixels, seam, temporal
from facereel.eval.faces import FaceSeries
from facereel.motion.features import FEATURE_NAMES

FrameDistance = Callable[[np.ndarray, np.ndarray], float]
"""(output frame, ground-truth frame) -> distance, e.g. `perceptual.Lpips`."""

HEAD_MARGIN = 0.15  # head box for pixel metrics: landmark extent widened by this fraction per side
FLICKER_MARGIN = 0.6  # face box excluded from the flicker measure (covers hair and neck)
ID_SAMPLES = 24  # output frames (evenly spaced) compared with the source by dlib descriptors
FRAME_CURVES = ("seam", "id_dist", "mouth_realism")  # per-frame artefact metrics kept for the plots


@dataclass(frozen=True)
class SourceFace:
    """The source portrait as the metrics compare against it.

    Attributes:
        descriptor: dlib's 128-d face descriptor, or None when dlib finds no face.
        seam: the source (image, landmarks, head layer) prepared for the seam score (`seam.prepare`).
    """

    descriptor: np.ndarray | None
    seam: seam.SeamSource


def score_frames(frames: Iterable[np.ndarray], faces: FaceSeries, driver: FaceSeries, still: np.ndarray,
                 source: SourceFace, ground_truth: Iterable[np.ndarray] | None,
                 lpips: FrameDistance | None = None) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """All metrics of one output clip against its driver (and ground truth, in self-reenactment).

    Args:
        frames: the T output frames, uint8 RGB (H, W, 3), aligned with the driver's frames.
        faces: the output's face through the T frames (image space of `frames`).
        driver: the driver's face through the same T frames.
        still: (T-1,) bool, the driver's still steps (`temporal.still_steps`).
        source: the source portrait (seam score, identity; no identity score without a descriptor).
        ground_truth: the T ground-truth frames (self-reenactment; same size as `frames`), or None.
            With ground truth, frame 0 (the source) is left out of the agreement metrics, pixel
            metrics are added, AKD is measured against it and AED/APD are absolute; without,
            AED, the feature AED and APD compare each face's change since its first frame.
        lpips: LPIPS of an (output, ground truth) frame pair, added as `lpips` with ground truth.

    Returns:
        metric name -> value (see `report.METRICS`; NaN where undefined: no face found, a mouth that does not
        move beyond the tracker's noise, ...; `mouth_span` / `mouth_span_driver` the inner-lip gaps' spans
        (`mouth.gap_span`) that `mouth.noise_note` reads), and per
        `FRAME_CURVES` metric the (T,) per-frame values.
    """
    count = len(faces)
    first = 1 if ground_truth is not None and count > 1 else 0
    both = faces.valid & driver.valid
    both[:first] = False
    row: dict[str, float] = {"frames": float(count - first), "face_found": float(faces.valid[first:].mean())}
    if ground_truth is not None:
        row["akd"] = _mean(landmarks.akd(faces.landmarks, driver.landmarks), both)
    relative = ground_truth is None  # across identities, compare changes since each face's first frame
    row["aed"] = _mean(landmarks.aed_landmarks(faces.canonical, driver.canonical, relative=relative), both)
    feature_error = landmarks.aed_features(faces.features, driver.features, relative=relative)
    row["aed_feat"] = _mean(feature_error.mean(axis=1), both)
    pose_error = landmarks.apd(faces.rotation, driver.rotation, relative=relative)
    row["apd"] = _mean(pose_error.mean(axis=1), both)
    for axis, column in zip(("yaw", "pitch", "roll"), pose_error.T):
        row[f"apd_{axis}"] = _mean(column, both)
    row["mouth_range"] = mouth.range_ratio(faces.features, driver.features, both)
    row["mouth_corr"] = mouth.correlation(faces.features, driver.features, both)
    row["mouth_span"] = mouth.gap_span(faces.features, both)  # for the n/a notes (`mouth.noise_note`)
    row["mouth_span_driver"] = mouth.gap_span(driver.features, both)
    scores, curves = _frame_scores(frames, faces, driver, source, ground_truth, first, lpips)
    row.update(scores)
    steady = still[: count - 1] & faces.valid[1:] & faces.valid[:-1]
    row["jitter"] = temporal.landmark_jitter(faces.landmarks, steady)
    row["size_drift"] = temporal.head_size_drift(faces.scale, driver.scale) if both.any() else float("nan")
    for name, column in zip(FEATURE_NAMES, feature_error.T):
        row[f"aed.{name}"] = _mean(column, both)
    return row, curves


def _frame_scores(frames: Iterable[np.ndarray], faces: FaceSeries, driver: FaceSeries, source: SourceFace,
                  ground_truth: Iterable[np.ndarray] | None, first: int,
                  lpips: FrameDistance | None) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """One streamed pass over the output: pixel agreement, background flicker, identity, seam, mouth realism."""
    count = len(faces)
    id_frames = set(np.linspace(first, count - 1, min(ID_SAMPLES, count - first)).round().astype(int).tolist())
    per_frame: dict[str, list[float]] = {}
    flicker: list[float] = []
    similarity: list[float] = []
    curves = {name: np.full(count, np.nan) for name in FRAME_CURVES}
    real_mouths = mouth.packaged_reference()
    described: tuple[np.ndarray | None, np.ndarray | None] = (None, None)  # (frame, descriptor) last computed
    truth: Iterator[np.ndarray | None] = iter(ground_truth) if ground_truth is not None else itertools.repeat(None)
    previous = None
    for t, (frame, reference) in enumerate(zip(frames, truth)):
        if t >= count:
            break
        size = (frame.shape[1], frame.shape[0])
        if reference is not None and t >= first:
            head = pixels.face_box(driver.landmarks[t], size, HEAD_MARGIN)
            for key, value in pixels.frame_scores(frame, reference, head).items():
                per_frame.setdefault(key, []).append(value)
            if lpips is not None:
                per_frame.setdefault("lpips", []).append(lpips(frame, reference))
            if driver.valid[t]:  # what real motion scores: the ground-truth frame's own seam score
                per_frame.setdefault("seam_truth", []).append(
                    seam.seam_score(reference, driver.landmarks[t], source.seam))
        if previous is not None:
            outside = temporal.outside_mask(frame.shape[:2], pixels.face_box(faces.landmarks[t], size, FLICKER_MARGIN))
            flicker.append(temporal.flicker_step(previous, frame, outside))
        if faces.valid[t] and t >= first:
            curves["seam"][t] = seam.seam_score(frame, faces.landmarks[t], source.seam)
            stats = mouth.interior_stats(frame, faces.landmarks[t])
            if stats is not None:
                curves["mouth_realism"][t] = mouth.realism(stats, real_mouths)
        if source.descriptor is not None and t in id_frames and faces.valid[t]:
            if described[0] is not frame:  # a repeated frame (the baseline) is described once
                described = (frame, identity.face_descriptor(frame, pixels.face_box(faces.landmarks[t], size, 0.0)))
            if described[1] is not None:
                similarity.append(identity.dlib_similarity(source.descriptor, described[1]))
                curves["id_dist"][t] = identity.dlib_distance(source.descriptor, described[1])
        previous = frame
    scores = {key: float(np.mean(values)) for key, values in per_frame.items()}
    scores["dlib_sim"] = float(np.mean(similarity)) if similarity else float("nan")
    scores.update(identity.distance_stats(curves["id_dist"][np.isfinite(curves["id_dist"])]))
    seams = curves["seam"][np.isfinite(curves["seam"])]
    scores["seam"] = float(seams.mean()) if len(seams) else float("nan")
    scores["seam_p95"] = float(np.percentile(seams, 95)) if len(seams) else float("nan")
    realism = curves["mouth_realism"][np.isfinite(curves["mouth_realism"])]
    scores["mouth_realism"] = float(realism.mean()) if len(realism) else float("nan")
    scores["flicker"] = float(np.nanmean(flicker)) if flicker and not np.isnan(flicker).all() else float("nan")
    return scores, curves


def flicker_note(video: str, rows: dict[str, dict[str, float]], count: int) -> str | None:
    """The report's one line on `flicker` reading n/a on `video` (of `count` frames), naming which of `rows`
    ({"method": scores, "baseline": scores}) read so, when the method's does; else None. With two frames or more
    its only cause: the face's box grown by `FLICKER_MARGIN` covers the whole frame in every step (a face that
    fills its frame: lp_d19 150-174 at 480 px read n/a with no reason given, h32-fresh6), leaving no background."""
    blank = [who for who, row in rows.items() if np.isnan(row.get("flicker", 0.0))]
    if "method" not in blank or count < 2:
        return None
    return (f"{video}: flicker n/a for the {' and the '.join(blank)}: the face's box grown by {FLICKER_MARGIN} "
            "(eval.scoring.FLICKER_MARGIN) covers the whole frame in every step, leaving no background to measure "
            "flicker on.")


def _mean(values: np.ndarray, mask: np.ndarray) -> float:
    """Mean of `values` where `mask` is True; NaN when it is nowhere True."""
    return float(values[mask].mean()) if mask.any() else float("nan")
