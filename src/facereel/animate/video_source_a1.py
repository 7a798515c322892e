"""Video-to-video on the a1 engine: each diffusion window takes its own source frame as the reference.

The caller (`animate.video_source`) has tracked the source video's face and retargeted the driver onto every
source frame. Here: those target landmarks are resampled to the model's 12 fps; one model region (the 3:2
box around the face through the whole clip, or the release's frame) holds every window; window k is
conditioned on the most neutral source frame with a face among the source frames its driving frames span
(`window_reference_frames`): that frame's pixels (image latent), its own landmarks drawn as the window's
condition frame 0, and its aligned face crop (face tokens). Neighbouring windows overlap and blend as for a
photo source. The 12 fps frames are converted to the source's fps and each is pasted into its own source
frame inside a soft mask around the target face (`face.paste.face_mask`), so every other pixel is the
source frame's; frames without a face pass through. Limits: docs/a1-engine.md "A video as the source".
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from facereel.animate.frame_progress import rescaled
from facereel.animate.options import AnimateOptions
from facereel.animate.run_a1 import generate_in, runner_for
from facereel.condition.render import a1_condition_frames
from facereel.engines.a1.constants import FACE_CROP, FPS
from facereel.engines.a1.long_video import WindowReference, video_windows
from facereel.engines.a1.windows import Window
from facereel.face.crop import Region, aligned_face_crop, model_region, release_region
from facereel.face.face_track import FaceTrack
from facereel.face.paste import face_mask, paste_region
from facereel.face.pose import estimate_pose
from facereel.media.atomic import TEMP_PREFIX
from facereel.media.frames import OpenSink
from facereel.media.interpolate import convert_frame_rate
from facereel.motion.extract import neutral_frame
from facereel.motion.features import expression_features
from facereel.motion.resample import output_times


def model_positions(frames: int, fps: float) -> np.ndarray:
    """(M,) float source-frame positions of the model's 12 fps frames covering `frames` source frames at `fps`."""
    return np.clip(np.arange(len(output_times(frames, fps, float(FPS)))) * fps / FPS, 0, frames - 1)


def points_at(points: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """(M, ...) float32: `points` (N, ...) linearly interpolated at the fractional frame `positions` (M,)."""
    lo = np.floor(positions).astype(int)
    hi = np.minimum(lo + 1, len(points) - 1)
    w = (positions - lo).reshape(-1, *([1] * (points.ndim - 1)))
    return ((1 - w) * points[lo] + w * points[hi]).astype(np.float32)


def window_reference_frames(windows: Sequence[Window], positions: np.ndarray, valid: np.ndarray,
                            features: np.ndarray) -> list[int]:
    """The source frame each window takes as its reference: the most neutral (`motion.extract.neutral_frame`)
    of the source frames with a face that the window's driving frames span (driving frame d is at source
    position positions[d]); the valid frame nearest the span's middle when none of it shows a face."""
    chosen = []
    frame = np.arange(len(valid))
    for window in windows:
        span = positions[window.start: window.start + max(window.keep_to, 1)]
        inside = valid & (frame >= np.floor(span[0])) & (frame <= np.ceil(span[-1]))
        if inside.any():
            chosen.append(neutral_frame(features, inside))
        else:
            middle = (span[0] + span[-1]) / 2
            chosen.append(int(np.flatnonzero(valid)[np.argmin(np.abs(np.flatnonzero(valid) - middle))]))
    return chosen


def _picked(frames: Iterator[np.ndarray], indices: set[int]) -> dict[int, np.ndarray]:
    """{index: frame} of the frames at `indices` (one pass)."""
    picked = {}
    for i, frame in enumerate(frames):
        if i in indices:
            picked[i] = frame
        if len(picked) == len(indices):
            break
    return picked


def _reference(image: np.ndarray, landmarks: np.ndarray, region: Region) -> WindowReference:
    """A window's reference from one source frame (H, W, 3) and its face's landmarks (478, 3) px."""
    points = region.to_region(landmarks)
    crop = region.crop(image)
    drawing = next(a1_condition_frames(points[None], region.size))
    return WindowReference(crop, drawing, aligned_face_crop(crop, points, FACE_CROP))


def render_video_source_a1(frames: Callable[[], Iterator[np.ndarray]], track: FaceTrack, targets: np.ndarray,
                           options: AnimateOptions, open_output: OpenSink, device: str,
                           progress: Callable[[int], None] | None = None,
                           say: Callable[[str], None] = lambda message: None) -> int:
    """Write the source video (`frames()`: a fresh iterator over its frames, at `track.fps` and
    `track.frame_size`) with its face animated by the a1 engine along `targets` ((T, 478, 3) px, one per
    written source frame, T <= len(track))
    into the sink `open_output` opens at the source's fps, with the frame total T, before generation.
    `progress(n)`: n more of the T frames generated (as `run_a1.render_a1`'s), 0 after each denoising step.
    Returns the frames written."""
    count, fps = len(targets), track.fps
    valid = track.valid[:count]
    if not valid.any():  # the face shows only after the written frames: nothing to animate
        with open_output(fps, count) as sink:
            for _, frame in zip(range(count), frames()):
                sink.write(frame)
                if progress is not None:
                    progress(1)
            return sink.frames_written
    runner = runner_for(options, device, say)
    height, width = runner.pixel_size
    positions = model_positions(count, fps)
    model_targets = points_at(targets, positions)
    if options.region == "release":
        region = release_region(track.frame_size, (width, height))
    else:
        region = model_region(track.frame_size, np.concatenate([track.landmarks[:count][valid], targets[valid]])
                              .reshape(-1, 3), (width, height))
    windows = video_windows(runner.options, len(model_targets) + 1)
    features = expression_features(estimate_pose(track.landmarks[:count])[1])
    chosen = window_reference_frames(windows, positions, valid, features)
    images = _picked(frames(), set(chosen))
    references = [_reference(images[i], track.landmarks[i], region) for i in chosen]
    drawings = a1_condition_frames(region.to_region(np.concatenate([track.landmarks[chosen[0]][None],
                                                                     model_targets])), (width, height))
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}a1-") as folder, open_output(fps, count) as sink:
        generated = generate_in(Path(folder), runner, references[0].image, drawings, len(model_targets) + 1,
                                references[0].face_crop, options, rescaled(progress, len(model_targets) + 1, count),
                                references)
        made = convert_frame_rate(generated[1:], float(FPS), fps, count, options.interpolation)
        for i, frame, face in zip(range(count), frames(), made):
            if valid[i]:
                mask = face_mask(region.to_region(targets[i]), (width, height))
                frame = paste_region(frame, np.asarray(face), region, mask=mask)
            sink.write(frame)
        return sink.frames_written
