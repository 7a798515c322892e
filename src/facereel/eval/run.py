"""Self- and cross-reenactment runners: score output videos beside the do-nothing baseline.

Protocols (see /docs metrics): *self*: the source is the driving video's first frame and the video
itself is the ground truth; *cross*: the source is a portrait of someone else, no ground truth.

Output videos come either from a folder (`outputs`), named

- self:  `<driving_stem>.mp4`                 (e.g. `talk.mp4` for driving `talk.mov`)
- cross: `<source_stem>__<driving_stem>.mp4`  (two underscores, e.g. `anna__talk.mp4`; a preset
  `preset:turn` counts as `preset-turn`)

or from a `make_output(source_image, driving_video, output_video)` callable (by default the engine,
`facereel.PortraitAnimator`). Outputs are read at the driving video's frame rate (resampled by
timestamp) and cut to the shorter of the two; in self-reenactment they are resized to the driving
video's size if they differ. Every run also scores the **baseline**: the source image repeated for
every frame, on the same data and through the same tracker (so tracker noise counts against both).
In cross-reenactment the driver may also be a motion template (`.npz`) or a preset (`preset:turn`): its
face is then the canonical template moved by the motion (`FaceSeries.from_motion`), so only relative
measures (AED, APD, mouth range and correlation) compare with it.

In self-reenactment frame 0 is excluded from the agreement metrics (it is the given source frame).

Modules: `clips` (the driver and outputs as read and tracked), `scoring` (every metric of one clip, the
artefact metrics included; their per-frame values are kept in `Report.frame_curves` for the plots), `names`
(output file names), `report` (the `Report` and its files).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from facereel.errors import InputError
from facereel.eval import distribution, identity, mouth, new_files, pixels, seam, temporal
from facereel.eval.clips import Driver, analyse_driver, track_output, video_frames
from facereel.eval.faces import FaceSeries
from facereel.eval.names import cross_output_name, self_output_name
from facereel.eval.report import PairScores, Report
from facereel.eval.scoring import FRAME_CURVES, FrameDistance, SourceFace, flicker_note, score_frames
from facereel.face.tracking import track_frames, track_image
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video

MakeOutput = Callable[[Path, Path, Path], None]
"""(source image, driving video, output video to write) -> None."""


def engine_outputs(engine: str, weights: str | None = None) -> MakeOutput:
    """A `MakeOutput` that runs facereel's engine `engine` ("mesh", "a1"; a1 needs `weights`) on each pair."""

    def make_output(source: Path, driving: Path, output: Path) -> None:
        from facereel.animate import PortraitAnimator  # the engines are heavy; import only when used

        PortraitAnimator(engine, weights=weights).to_file(source, driving, output)

    return make_output


def evaluate_self(driving: Sequence[Path], work_dir: Path, outputs: Path | None = None,
                  make_output: MakeOutput | None = None, lpips: FrameDistance | None = None,
                  fid: distribution.FeatureNet | None = None, fvd: distribution.FeatureNet | None = None) -> Report:
    """Self-reenactment: each driving video's first frame animated by the video itself.

    Args:
        driving: driving videos (also the ground truth).
        work_dir: folder for files the run makes (source frames, engine outputs).
        outputs: folder of ready outputs named `<driving_stem>.mp4`; else `make_output` makes them.
        make_output: output maker, used when `outputs` is None.
        lpips: LPIPS of a frame pair (`perceptual.Lpips`); None skips LPIPS (noted in the report).
        fid, fvd: feature networks (`distribution.FeatureNet` under `distribution.FID` / `FVD`) for the
            run's FID / FVD (in `Report.set_scores`); None skips the metric (noted in the report).
    """
    sets = distribution.SetScores(fid, fvd)
    pairs = [pair for path in driving for pair in score_self_video(path, work_dir, outputs, make_output, lpips, sets)]
    return build_report("self", report_settings("self", driving, (), outputs), pairs, lpips is not None, sets)


def score_self_video(path: Path, work_dir: Path, outputs: Path | None, make_output: MakeOutput | None,
                     lpips: FrameDistance | None = None, sets: distribution.SetScores | None = None) -> list[PairScores]:
    """Self-reenactment of one driving video (see `evaluate_self`): its one output's scores."""
    driver = analyse_driver(path)
    with open_video(path) as video:
        source_image = next(video.frames())
    source_path = new_files.note(source_frame_path(work_dir, path))
    write_image(source_path, source_image)
    output = _output(outputs, self_output_name(path), work_dir, make_output, source_path, path)
    source_box = pixels.face_box(driver.faces.landmarks[0], driver.size, 0.0)
    return [_score_pair(path.stem, source_image, source_box, driver, output, ground_truth=True, lpips=lpips,
                        sets=sets)]


def evaluate_cross(sources: Sequence[Path], driving: Sequence[str | Path], work_dir: Path,
                   outputs: Path | None = None, make_output: MakeOutput | None = None) -> Report:
    """Cross-reenactment: every source portrait animated by every driving video (no ground truth).

    Args:
        sources: source portraits.
        driving: driving videos, motion templates (`.npz`) or presets (`preset:NAME`).
        work_dir: folder for engine outputs.
        outputs: folder of ready outputs named `<source_stem>__<driving_stem>.mp4`; else `make_output`.
        make_output: output maker, used when `outputs` is None.
    """
    portraits = load_portraits(sources)
    pairs = [pair for drive_path in driving
             for pair in score_cross_driver(drive_path, portraits, work_dir, outputs, make_output)]
    return build_report("cross", report_settings("cross", driving, sources, outputs), pairs)


Portraits = dict[Path, tuple[np.ndarray, pixels.Box]]
"""Per source path: the portrait (uint8 RGB (H, W, 3)) and its face box (x0, y0, x1, y1) px."""


def load_portraits(sources: Sequence[Path]) -> Portraits:
    """The cross-reenactment sources, read and tracked once."""
    images = {path: read_image(path) for path in sources}
    return {path: (image, pixels.face_box(track_image(image, what=path).landmarks[0],
                                          (image.shape[1], image.shape[0]), 0.0)) for path, image in images.items()}


def score_cross_driver(drive_path: str | Path, portraits: Portraits, work_dir: Path, outputs: Path | None,
                       make_output: MakeOutput | None) -> list[PairScores]:
    """Cross-reenactment by one driver (see `evaluate_cross`): the scores of its output with each portrait."""
    driver = analyse_driver(drive_path)
    pairs = []
    for source_path, (image, box) in portraits.items():
        name = cross_output_name(source_path, drive_path)
        output = _output(outputs, name, work_dir, make_output, source_path, drive_path)
        pairs.append(_score_pair(Path(name).stem, image, box, driver, output, ground_truth=False))
    return pairs


def source_frame_path(work_dir: Path, driving: Path) -> Path:
    """Where the self protocol writes the source frame (the driver's first) it animates."""
    return work_dir / "sources" / f"{driving.stem}.png"


def output_path(work_dir: Path, name: str) -> Path:
    """Where an engine output named `name` is made."""
    return work_dir / "outputs" / name


def unit_files(protocol: str, driving: str | Path, sources: Sequence[Path], work_dir: Path,
               makes_outputs: bool) -> list[Path]:
    """The files that scoring one driver (`score_self_video` / `score_cross_driver`) may create in `work_dir`:
    self's source frame, and the engine outputs when `makes_outputs`."""
    if protocol == "self":
        return [source_frame_path(work_dir, Path(driving))] + (
            [output_path(work_dir, self_output_name(Path(driving)))] if makes_outputs else [])
    return [output_path(work_dir, cross_output_name(source, driving)) for source in sources] if makes_outputs else []


def report_settings(protocol: str, driving: Sequence[str | Path], sources: Sequence[Path],
                    outputs: Path | None) -> dict[str, Any]:
    """How a run was made, as its report records it: its inputs (cross: the sources first) and outputs folder."""
    inputs = {"sources": [str(p) for p in sources]} if protocol == "cross" else {}
    return {**inputs, "driving": [str(p) for p in driving], "outputs": _str(outputs)}


def build_report(protocol: str, settings: dict, pairs: Sequence[PairScores], lpips: bool = False,
                 sets: distribution.SetScores | None = None) -> Report:
    """The report of a run from its pairs' scores in run order; `lpips`: whether LPIPS was measured (self);
    `sets`: the run's FID / FVD (self; None: none given). The one place a report is put together, so that a run
    in one process and a run merged from shards' records (`eval.units`) give the same report."""
    report = Report(protocol, settings=settings)
    for pair in pairs:
        report.add(pair)
    if protocol == "self":
        if not lpips:
            report.notes.append("lpips: skipped (no LPIPS weights given; see facereel.eval.perceptual).")
        sets = sets if sets is not None else distribution.SetScores()
        report.set_scores = sets.scores()
        report.notes += sets.notes()
    else:
        report.notes.append("fid / fvd: self-reenactment only (cross-reenactment has no ground-truth frames).")
    _add_notes(report)
    return report


def _score_pair(name: str, source_image: np.ndarray, source_box: pixels.Box, driver: Driver, output: Path,
                ground_truth: bool, lpips: FrameDistance | None = None,
                sets: distribution.SetScores | None = None) -> PairScores:
    """Score one output video and the baseline (the source image repeated): both rows and curves.

    `source_box` is the source face's (x0, y0, x1, y1) box in pixels, from its landmarks. `sets` (given
    with ground truth) gets the frames from 1 on of output, ground truth and baseline, for FID / FVD.
    """
    resize_to = driver.size if ground_truth else None
    track = track_output(output, driver.fps, resize_to)
    count = min(len(driver.faces), len(track) if track is not None else len(driver.faces))
    reference = driver.faces.head(count)
    faces = FaceSeries.from_track(track).head(count) if track is not None else reference.lost()
    still_faces = FaceSeries.from_track(track_frames(itertools.repeat(source_image, count), driver.fps))
    source = SourceFace(identity.face_descriptor(source_image, source_box),
                        seam.prepare(source_image, still_faces.landmarks[0]))
    notes = [] if track is not None else [f"{name}: no face found in any output frame ({output})"]
    still = driver.still[: count - 1]
    method_row, method_curves = score_frames(video_frames(output, driver.fps, resize_to), faces, reference, still,
                                             source, video_frames(driver.path, driver.fps) if ground_truth else None,
                                             lpips)
    baseline_row, baseline_curves = score_frames(itertools.repeat(source_image, count), still_faces, reference,
                                                 still, source,
                                                 video_frames(driver.path, driver.fps) if ground_truth else None,
                                                 lpips)
    note = mouth.noise_note(name, {"method": method_row["mouth_span"], "baseline": baseline_row["mouth_span"]},
                            method_row["mouth_span_driver"])
    rows = {"method": method_row, "baseline": baseline_row}
    notes += [note for note in (note, temporal.jitter_note(name, still), flicker_note(name, rows, count),
                                mouth.closed_note(name, rows) if track is not None else None) if note is not None]
    if sets is not None:
        sets.add_video(lambda: itertools.islice(video_frames(output, driver.fps, resize_to), 1, count),
                       lambda: itertools.islice(video_frames(driver.path, driver.fps), 1, count),
                       source_image, max(count - 1, 0))
    return PairScores(name, rows,
                      {"driver": reference.features, "method": faces.features, "baseline": still_faces.features},
                      {metric: {"method": method_curves[metric], "baseline": baseline_curves[metric]}
                       for metric in FRAME_CURVES}, notes)


def _output(outputs: Path | None, name: str, work_dir: Path, make_output: MakeOutput | None, source: Path,
            driving: Path) -> Path:
    """The output video for one (source, driving) pair: found in `outputs`, or made by `make_output`."""
    if outputs is not None:
        path = outputs / name
        if not path.is_file():
            raise InputError(f"output video missing (expected for driving {driving.name})", path)
        return path
    if make_output is None:
        raise InputError("no outputs folder given and no engine to make the outputs")
    path = new_files.note(output_path(work_dir, name))
    path.parent.mkdir(parents=True, exist_ok=True)
    make_output(source, driving, path)
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


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)
