"""The photo-driver path of `animate`: a still photo (`--driving smile.jpg`) drives the portrait.

Relative (with `--driving-reference neutral.jpg`, a neutral photo of the driver's person): the change from
the neutral photo to the driving photo (expression, and pose with the `pose` region) is applied to the
portrait, as a driving video's change from its first frame is. Absolute (`--mode absolute`, no reference
needed): the driving photo counts as a driving video's first frame would in absolute mode: its head rotation
(with the `pose` region) and its eye and mouth openness are taken as they are, starting from the portrait
as it is; the rest of its expression (smile, brows) needs the neutral reference, since one photo of another
person cannot tell expression from face shape.

Output: a still (the full expression, one frame; `-o out.png`) or, with `duration`, a clip easing in and
out from the neutral portrait to the expression at `PHOTO_FPS` (the output fps rule: a1 may take `--fps`).
The mesh engine's open mouth is the driving photo's own (teeth, tongue and cavity, `--mouth driver`, the
default), as a driving video's frame lends its: the synthetic interior under lp_s12's moustache drew a grin
with teeth as lips barely parted (`figures/photo_mouth.py`).
The a1 engine makes clips only, so its still is the last frame of a clip eased over `A1_STILL_SECONDS` (one
diffusion window: the cost of a 49-frame clip for one image).
The photo motion is not One-Euro smoothed (the ease is smooth, and a filter would lag its end).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np

from facereel.animate.frame_progress import Progress, rescaled
from facereel.animate.options import AnimateOptions, mesh_options, output_fps
from facereel.engines.a1.constants import FPS as A1_FPS
from facereel.errors import InputError, flags_line
from facereel.face.tracking import track_image
from facereel.animate.inputs import Source, drive
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.media.files import is_photo
from facereel.media.frames import FrameSink, OpenSink
from facereel.media.image import read_image
from facereel.motion.motion import Motion
from facereel.motion.photo import PHOTO_FPS, clip_frames, ease_in_out, pair_motion

PHOTO_ONLY = ("driving_reference", "duration")
"""The options that only apply to a photo driver."""

SAME_REFERENCE = ("--driving-reference is the driving photo itself: no change to carry, so the portrait is written "
                  "unchanged; give a neutral photo of the same person, or use --mode absolute")
"""Said when a photo driver's neutral reference is the driving photo (the same file or the same pixels): the pair's
motion is zero, which wrote the portrait unchanged without a word (h31-fresh5). Said, not refused: driving with the
reference itself is the control a caller may mean (tests/animate/test_photo_driver.py uses it so)."""

A1_STILL_SECONDS = 1.0
"""An a1 still is the last frame of a clip eased over this many seconds (12 model frames; the engine pads them
to one 49-frame diffusion window, so a still costs what a 4 s clip does)."""


def photo_driver(driving: object, options: AnimateOptions) -> Path | None:
    """The driving photo's path when `driving` is one (by its extension); None for any other driving input,
    for which the photo-only options are refused in one line."""
    if isinstance(driving, str | Path) and is_photo(driving):
        return Path(driving)
    used = [f"--{name.replace('_', '-')}" for name in PHOTO_ONLY if getattr(options, name) is not None]
    if used:
        raise InputError(f"{flags_line(used, 'only applies', 'only apply')} to a photo driver (--driving face.jpg)")
    return None


def same_reference_note(photo: Path, options: AnimateOptions) -> str | None:
    """`SAME_REFERENCE` when `options.driving_reference` is `photo` (the same file, or a file of the same pixels);
    None otherwise (no reference given, or another photo)."""
    reference = options.driving_reference
    if reference is None:
        return None
    if os.path.exists(reference) and os.path.exists(photo) and os.path.samefile(reference, photo):
        return SAME_REFERENCE
    same = np.array_equal(read_image(photo), read_image(reference))
    return SAME_REFERENCE if same else None


def photo_frame(path: Path, face_index: int | None) -> DriverFrame:
    """The photo (H, W, 3) uint8 RGB and its chosen face's (478, 3) image-px landmarks, as one driving frame: the
    mesh engine's `--mouth driver` interior (InputError naming the photo when it has no face)."""
    image = read_image(path)
    return DriverFrame(image, track_image(image, face_index=face_index, what=path).landmarks[0])


def _weights(duration: float | None) -> np.ndarray:
    """Ease weights: the clip of `duration` s at PHOTO_FPS, or [0, 1] (neutral, full expression) for a still."""
    return ease_in_out(clip_frames(duration)) if duration is not None else np.array([0.0, 1.0])


def _landmarks(photo: Path, face_index: int | None, face: DriverFrame | None) -> np.ndarray:
    """(478, 3) image-px landmarks of `photo`'s chosen face: `face`'s when the photo was tracked already."""
    return (face or photo_frame(photo, face_index)).landmarks


def photo_pair_motion(photo: Path, reference: Path, duration: float | None = None,
                      face_index: int | None = None, face: DriverFrame | None = None) -> Motion:
    """The Motion of a photo pair of one person (no portrait involved, so it is a reusable template): from
    the neutral `reference` to `photo` (`face`: the photo tracked already, `photo_frame`), eased over `duration` s
    at PHOTO_FPS (None: the two frames only)."""
    return pair_motion(photo_frame(reference, face_index).landmarks, _landmarks(photo, face_index, face),
                       _weights(duration), PHOTO_FPS)


def refuse_no_reference(photo: Path, options: AnimateOptions) -> None:
    """InputError (naming `photo`) when relative mode has no neutral reference photo."""
    if options.driving_reference is None and options.retarget.mode != "absolute":
        raise InputError("a photo driver in relative mode needs --driving-reference NEUTRAL.jpg (a neutral photo "
                         "of the same person); or use --mode absolute", photo)


def photo_motion(photo: Path, source: Source, options: AnimateOptions, face: DriverFrame | None = None) -> Motion:
    """The photo driver's Motion for `source` (`face`: the photo tracked already, `photo_frame`): 2 frames
    (neutral, full expression) for a still, or the eased clip of `options.duration` s at PHOTO_FPS. InputError
    when relative mode has no neutral reference (`refuse_no_reference`)."""
    refuse_no_reference(photo, options)
    if options.driving_reference is not None:
        return photo_pair_motion(photo, options.driving_reference, options.duration, options.face_index, face)
    # absolute: rests at the portrait as it is and moves to the photo's own pose and eye/mouth openness
    return pair_motion(source.landmarks, _landmarks(photo, options.face_index, face), _weights(options.duration),
                       PHOTO_FPS, same_person=False)


class _LastFrame:
    """A FrameSink that keeps only the last frame written (uint8 (H, W, 3) RGB, or None before any)."""

    def __init__(self) -> None:
        self.frames_written = 0
        self.frame: np.ndarray | None = None

    def write(self, frame: np.ndarray) -> None:
        self.frame = np.array(frame, dtype=np.uint8, copy=True)
        self.frames_written += 1


def _last_frame_of(open_output: OpenSink, kept: _LastFrame) -> OpenSink:
    """An OpenSink whose frames go to `kept` (the last one only); it opens the sink `open_output` opens (total
    1) at once and, on a clean exit, writes that frame into it as the only frame."""

    @contextmanager
    def opened(fps: float, total: int | None = None) -> Iterator[FrameSink]:
        with open_output(fps, 1) as sink:  # opened at once: its total (1) is known before the clip renders
            yield kept
            if kept.frame is not None:
                sink.write(kept.frame)

    return opened


def animate_photo(source: Source, photo: Path, options: AnimateOptions, open_output: OpenSink,
                  progress: Callable[[int], None] | None,
                  animate_motion: Callable[[Motion, AnimateOptions, OpenSink, Progress | None, DriverFrame | None],
                                           int]) -> int:
    """Animate `source` with the driving photo into the sink `open_output` opens. A clip goes through
    `animate_motion(motion, options, open_output, progress, mouth)` (either engine; `mouth` the photo as the mesh
    engine's driving frame, `photo_frame`, None for a1); a still renders the full expression with the mesh engine
    (the photo's mouth in its opening), or (engine a1, which makes clips only) is the last frame of an a1 clip eased over
    `A1_STILL_SECONDS` at the model's own frame rate (its progress rescaled to the still's one frame).
    Returns the frames written."""
    options = replace(options, retarget=replace(options.retarget, smoothing=None))
    refuse_no_reference(photo, options)
    face = photo_frame(photo, options.face_index)
    if options.duration is None and options.engine == "a1":
        from facereel.animate.run_a1 import a1_output_frames

        motion = photo_motion(photo, source, replace(options, duration=A1_STILL_SECONDS), face)
        kept = _LastFrame()
        clip = replace(options, driving_reference=None, duration=None, fps=float(A1_FPS))
        animate_motion(motion, clip, _last_frame_of(open_output, kept),
                       rescaled(progress, a1_output_frames(motion, clip)[1], 1), None)
        return int(kept.frame is not None)
    motion = photo_motion(photo, source, options, face)
    if options.duration is not None:
        return animate_motion(motion, replace(options, driving_reference=None, duration=None),  # now a Motion
                              open_output, progress, face)
    from facereel.engines.mesh.choose_engine import mesh_animator
    from facereel.engines.mesh.open_mouth.hidden_corners import mesh_retarget

    target = drive(source, motion, mesh_retarget(options.retarget, source.image, source.landmarks))[-1]
    with open_output(output_fps("mesh", options, motion.fps), 1) as sink:
        sink.write(mesh_animator(source.image, source.landmarks, mesh_options(options)).render(target, driver=face))
        if progress is not None:
            progress(1)
        return sink.frames_written
