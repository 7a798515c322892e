"""Self- and cross-reenactment runners: score output videos beside the do-nothing baseline.

Protocols (see /docs metrics): *self*: the source is the driving video's first frame and the video
itself is the ground truth; *cross*: the source is a portrait of someone else, no ground truth.

Output videos come either from a folder (`outputs`), named

- self:  `<driving_stem>.mp4`                 (e.g. `talk.mp4` for driving `talk.mov`)
- cross: `<source_stem>__<driving_stem>.mp4`  (two underscores, e.g. `anna__talk.mp4`; a preset
  `preset:turn` counts as `preset-turn`)

or from an `animate(source_image, driving_video, output_video)` callable (by default the engine,
`facereel.PortraitAnimator`). Outputs are read at the driving video's frame rate (resampled by
timestamp) and cut to the shorter of the two; in self-reenactment they are resized to the driving
video's size if they differ. Every run also scores the **baseline**: the source image repeated for
every frame, on the same data and through the same tracker (so tracker noise counts against both).
In cross-reenactment the driver may also be a motion template (`.npz`) or a preset (`preset:turn`): its
face is then the canonical template moved by the motion (`FaceSeries.from_motion`), so only relative
measures (AED, APD, mouth range and correlation) compare with it.

In self-reenactment frame 0 is excluded from the agreement metrics (it is the given source frame).

Besides the field's metrics, every clip gets the artefact metrics of `eval.seam` (seam score, per frame
against the source aligned by the head's motion), `eval.identity` (identity stability: dlib distance to the
source on `ID_SAMPLES` evenly spaced frames) and `eval.mouth` (mouth range ratio and correlation against
the driver, mouth realism against real open mouths); their per-frame values are kept in
`Report.frame_curves` for the plots.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from facereel.errors import InputError
from facereel.eval import distribution, identity, landmarks, mouth, pixels, seam, temporal
from facereel.eval.faces import FaceSeries
from facereel.face.track import FaceTrack
from facereel.face.tracking import track_frames, track_image, track_video
from facereel.frontend import driving_video, load_motion, preset_name
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video
from facereel.motion.features import FEATURE_NAMES

Animate = Callable[[Path, Path, Path], None]
"""(source image, driving video, output video to write) -> None."""
FrameDistance = Callable[[np.ndarray, np.ndarray], float]
"""(output frame, ground-truth frame) -> distance, e.g. `perceptual.Lpips`."""

VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".avi", ".webm", ".m4v")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp")
METHODS = ("method", "baseline")
HEAD_MARGIN = 0.15  # head box for pixel metrics: landmark extent widened by this fraction per side
FLICKER_MARGIN = 0.6  # face box excluded from the flicker measure (covers hair and neck)
ID_SAMPLES = 24  # output frames (evenly spaced) compared with the source by dlib descriptors
FRAME_CURVES = ("seam", "id_dist", "mouth_realism")  # per-frame artefact metrics kept for the plots
MOTION_FRAME = (512, 512)  # notional frame size (width, height) of a template's or preset's face


@dataclass
class Report:
    """Everything one evaluation run measured.

    Attributes:
        protocol: "self" or "cross".
        rows: per method ("method", "baseline"), one dict per output video: `video` (name),
            `frames` (number scored) and one float per metric (names in `report.METRICS`; `aed.<feature>`
            per expression feature).
        notes: caveats printed with the results (proxies used, metrics skipped, ...).
        curves: per video name, (T, F) expression features of "driver", "method" and "baseline".
        settings: how the run was made (inputs, outputs folder, engine), for the JSON record.
        set_scores: per method, metrics of the whole run rather than per video ("fid", "fvd"); merged into `means`.
        frame_curves: per video name, per `FRAME_CURVES` metric, per method: (T,) values per output frame
            (NaN where not measured: face lost, mouth closed, frame not sampled for identity).
    """

    protocol: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {m: [] for m in METHODS})
    notes: list[str] = field(default_factory=list)
    curves: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    set_scores: dict[str, dict[str, float]] = field(default_factory=dict)
    frame_curves: dict[str, dict[str, dict[str, np.ndarray]]] = field(default_factory=dict)

    def means(self) -> dict[str, dict[str, float]]:
        """Per method, the mean over videos of every metric (NaN-skipping; NaN if no video has it), and the
        run's `set_scores`."""
        result = {}
        for method, rows in self.rows.items():
            keys = [k for k in (rows[0] if rows else {}) if k != "video"]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                result[method] = {k: float(np.nanmean([float(r[k]) for r in rows])) for k in keys}
            result[method].update(self.set_scores.get(method, {}))
        return result


@dataclass(frozen=True)
class SourceFace:
    """The source portrait as the metrics compare against it.

    Attributes:
        descriptor: dlib's 128-d face descriptor, or None when dlib finds no face.
        seam: the source (image, landmarks, head layer) prepared for the seam score (`seam.prepare`).
    """

    descriptor: np.ndarray | None
    seam: seam.SeamSource


@dataclass(frozen=True)
class _Driver:
    """A driver (a video, tracked once; or a template / preset), shared by the method and the baseline."""

    path: str | Path
    fps: float
    size: tuple[int, int]
    faces: FaceSeries
    still: np.ndarray  # (T-1,) bool: steps where the driver is still


def collect_files(paths: Sequence[str | Path], suffixes: tuple[str, ...], what: str) -> list[Path]:
    """Files given directly, or the matching files inside given folders (sorted); InputError if none."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            inside = sorted(p for p in item.iterdir() if p.suffix.lower() in suffixes and not p.name.startswith("."))
            if not inside:
                raise InputError(f"no {what} files ({', '.join(suffixes)}) in this folder", item)
            found.extend(inside)
        elif item.is_file():
            found.append(item)
        else:
            raise InputError(f"{what} file or folder not found", item)
    if not found:
        raise InputError(f"no {what} files given")
    return found


def self_output_name(driving: Path) -> str:
    """File name of the self-reenactment output for a driving video: `<driving_stem>.mp4`."""
    return f"{driving.stem}.mp4"


def driving_stem(driving: str | Path) -> str:
    """A driver's name in output file names: the file's stem, or `preset-NAME` for the preset `preset:NAME`."""
    name = preset_name(driving)
    return f"preset-{name}" if name is not None else Path(driving).stem


def cross_output_name(source: Path, driving: str | Path) -> str:
    """File name of the cross-reenactment output: `<source_stem>__<driving_stem>.mp4` (see `driving_stem`)."""
    return f"{source.stem}__{driving_stem(driving)}.mp4"


def engine_animate(engine: str, weights: str | None = None) -> Animate:
    """An `Animate` that runs facereel's engine `engine` ("mesh", "a1"; a1 needs `weights`) on each pair."""

    def animate(source: Path, driving: Path, output: Path) -> None:
        from facereel.animate import PortraitAnimator  # the engines are heavy; import only when used

        PortraitAnimator(engine, weights=weights).to_file(source, driving, output)

    return animate


def evaluate_self(driving: Sequence[Path], work_dir: Path, outputs: Path | None = None,
                  animate: Animate | None = None, lpips: FrameDistance | None = None,
                  fid: distribution.FeatureNet | None = None, fvd: distribution.FeatureNet | None = None) -> Report:
    """Self-reenactment: each driving video's first frame animated by the video itself.

    Args:
        driving: driving videos (also the ground truth).
        work_dir: folder for files the run makes (source frames, engine outputs).
        outputs: folder of ready outputs named `<driving_stem>.mp4`; else `animate` makes them.
        animate: output maker, used when `outputs` is None.
        lpips: LPIPS of a frame pair (`perceptual.Lpips`); None skips LPIPS (noted in the report).
        fid, fvd: feature networks (`distribution.FeatureNet` under `distribution.FID` / `FVD`) for the
            run's FID / FVD (in `Report.set_scores`); None skips the metric (noted in the report).
    """
    report = Report("self", settings={"driving": [str(p) for p in driving], "outputs": _str(outputs)})
    sets = distribution.SetScores(fid, fvd)
    for path in driving:
        driver = _analyse_driver(path)
        with open_video(path) as video:
            source_image = next(video.frames())
        source_path = work_dir / "sources" / f"{path.stem}.png"
        write_image(source_path, source_image)
        output = _output(outputs, self_output_name(path), work_dir, animate, source_path, path)
        source_box = pixels.face_box(driver.faces.landmarks[0], driver.size, 0.0)
        _score_pair(report, path.stem, source_image, source_box, driver, output, ground_truth=True, lpips=lpips,
                    sets=sets)
    if lpips is None:
        report.notes.append("lpips: skipped (no LPIPS weights given; see facereel.eval.perceptual).")
    report.set_scores = sets.scores()
    report.notes += sets.notes()
    _add_notes(report)
    return report


def evaluate_cross(sources: Sequence[Path], driving: Sequence[str | Path], work_dir: Path,
                   outputs: Path | None = None, animate: Animate | None = None) -> Report:
    """Cross-reenactment: every source portrait animated by every driving video (no ground truth).

    Args:
        sources: source portraits.
        driving: driving videos, motion templates (`.npz`) or presets (`preset:NAME`).
        work_dir: folder for engine outputs.
        outputs: folder of ready outputs named `<source_stem>__<driving_stem>.mp4`; else `animate`.
        animate: output maker, used when `outputs` is None.
    """
    report = Report("cross", settings={"sources": [str(p) for p in sources], "driving": [str(p) for p in driving],
                                       "outputs": _str(outputs)})
    images = {path: read_image(path) for path in sources}
    boxes = {path: pixels.face_box(track_image(image, what=path).landmarks[0], (image.shape[1], image.shape[0]), 0.0)
             for path, image in images.items()}
    for drive_path in driving:
        driver = _analyse_driver(drive_path)
        for source_path in sources:
            name = cross_output_name(source_path, drive_path)
            output = _output(outputs, name, work_dir, animate, source_path, drive_path)
            _score_pair(report, Path(name).stem, images[source_path], boxes[source_path], driver, output,
                        ground_truth=False)
    report.notes.append("fid / fvd: self-reenactment only (cross-reenactment has no ground-truth frames).")
    _add_notes(report)
    return report


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
        metric name -> value (see `report.METRICS`; NaN where undefined: no face found, ...), and per
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


def _score_pair(report: Report, name: str, source_image: np.ndarray, source_box: pixels.Box, driver: _Driver,
                output: Path, ground_truth: bool, lpips: FrameDistance | None = None,
                sets: distribution.SetScores | None = None) -> None:
    """Score one output video and the baseline (the source image repeated) and add both rows and curves.

    `source_box` is the source face's (x0, y0, x1, y1) box in pixels, from its landmarks. `sets` (given
    with ground truth) gets the frames from 1 on of output, ground truth and baseline, for FID / FVD.
    """
    resize_to = driver.size if ground_truth else None
    track = _track_output(output, driver.fps, resize_to)
    count = min(len(driver.faces), len(track) if track is not None else len(driver.faces))
    reference = driver.faces.head(count)
    faces = FaceSeries.from_track(track).head(count) if track is not None else reference.lost()
    still_faces = FaceSeries.from_track(track_frames(itertools.repeat(source_image, count), driver.fps))
    source = SourceFace(identity.face_descriptor(source_image, source_box),
                        seam.prepare(source_image, still_faces.landmarks[0]))
    if track is None:
        report.notes.append(f"{name}: no face found in any output frame ({output})")
    still = driver.still[: count - 1]
    method_row, method_curves = score_frames(_video_frames(output, driver.fps, resize_to), faces, reference, still,
                                             source, _video_frames(driver.path, driver.fps) if ground_truth else None,
                                             lpips)
    baseline_row, baseline_curves = score_frames(itertools.repeat(source_image, count), still_faces, reference,
                                                 still, source,
                                                 _video_frames(driver.path, driver.fps) if ground_truth else None,
                                                 lpips)
    report.rows["method"].append({"video": name, **method_row})
    report.rows["baseline"].append({"video": name, **baseline_row})
    report.curves[name] = {"driver": reference.features, "method": faces.features,
                           "baseline": still_faces.features}
    report.frame_curves[name] = {metric: {"method": method_curves[metric], "baseline": baseline_curves[metric]}
                                 for metric in FRAME_CURVES}
    if sets is not None:
        sets.add_video(lambda: itertools.islice(_video_frames(output, driver.fps, resize_to), 1, count),
                       lambda: itertools.islice(_video_frames(driver.path, driver.fps), 1, count),
                       source_image, max(count - 1, 0))


def _analyse_driver(path: str | Path) -> _Driver:
    """Track a driving video (or draw a template's or preset's face) and find its still steps."""
    if driving_video(path) is None:
        motion = load_motion(path)
        faces = FaceSeries.from_motion(motion)
        return _Driver(path, motion.fps, MOTION_FRAME, faces, temporal.still_steps(faces.landmarks))
    with open_video(path) as video:
        fps, size = video.fps, video.size
    track = track_video(path, fps=fps)
    faces = FaceSeries.from_track(track)
    return _Driver(path, fps, size, faces, temporal.still_steps(faces.landmarks))


def _track_output(path: Path, fps: float, size: tuple[int, int] | None) -> FaceTrack | None:
    """FaceTrack of an output video read at `fps` (resized to `size`), or None if no frame has a face."""
    frames_seen = 0

    def counted() -> Iterator[np.ndarray]:
        nonlocal frames_seen
        for frame in _video_frames(path, fps, size):
            frames_seen += 1
            yield frame

    try:
        return track_frames(counted(), fps, what=path)
    except InputError:
        if frames_seen == 0:
            raise
        return None


def _video_frames(path: Path, fps: float, size: tuple[int, int] | None = None) -> Iterator[np.ndarray]:
    """A video's RGB frames resampled to `fps`, resized to `size` (width, height) when given and different."""
    with open_video(path) as video:
        for frame in video.frames(fps=fps):
            if size is not None and (frame.shape[1], frame.shape[0]) != size:
                frame = cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
            yield frame


def _output(outputs: Path | None, name: str, work_dir: Path, animate: Animate | None, source: Path,
            driving: Path) -> Path:
    """The output video for one (source, driving) pair: found in `outputs`, or made by `animate`."""
    if outputs is not None:
        path = outputs / name
        if not path.is_file():
            raise InputError(f"output video missing (expected for driving {driving.name})", path)
        return path
    if animate is None:
        raise InputError("no outputs folder given and no engine to make the outputs")
    path = work_dir / "outputs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    animate(source, driving, path)
    return path


def _add_notes(report: Report) -> None:
    """The standing caveats of every report."""
    report.notes += [
        "dlib_sim: cosine similarity of dlib ResNet face descriptors (face-recognition-models), "
        "not ArcFace CSIM; not comparable with published CSIM.",
        "aed / aed_feat: landmark proxies (canonical mediapipe landmarks, expression features), "
        "not SMIRK/EMOCA 3DMM coefficients; apd in degrees (yaw, pitch, roll from the landmark head pose).",
        "baseline: the source image repeated for every frame (the do-nothing output), scored on the same data.",
    ]


def _mean(values: np.ndarray, mask: np.ndarray) -> float:
    """Mean of `values` where `mask` is True; NaN when it is nowhere True."""
    return float(values[mask].mean()) if mask.any() else float("nan")


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)
