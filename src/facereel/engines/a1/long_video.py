"""A long video's windows run by a window runner (one engine in this process, one thread per local device,
or Ray actors) and assembled in order, with the resume folder kept by this process.

Windows are not independent: window k's blend steps need window k-1's cache at the same step
(windows.OverlapBlender). Every runner therefore hands the windows out in ascending order and lets window k
wait for window k-1's cache of each blend step (overlap_exchange.py); the arithmetic of every window is that
of the one-engine run, so any number of workers gives the same frames, bit for bit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import torch

from facereel.engines.a1 import constants as C
from facereel.engines.a1.options import A1Options
from facereel.engines.a1.windows import ResumeStore, Window, job_key, plan_windows, window_condition
from facereel.errors import InputError

# progress(window index, window count, steps done in this window, steps per window);
# steps done == steps per window means the window is finished (and saved when there is a resume folder).
Progress = Callable[[int, int, int, int], None]
OnStep = Callable[[int, int], None]  # (window index, steps done), called on the caller's thread


@dataclass(frozen=True)
class WindowReference:
    """What one diffusion window is conditioned on when each window has its own reference (a video source:
    the window's own source frame, animate/video_source_a1.py). Shapes as `A1Engine.generate`'s arguments."""

    image: np.ndarray  # (H, W, 3) uint8 RGB reference region
    drawing: np.ndarray  # (H, W, 3) uint8 RGB its own landmark drawing: the window's condition frame 0
    face_crop: np.ndarray  # (512, 512, 3) uint8 RGB aligned face crop of `image`


@dataclass(frozen=True)
class WindowTask:
    """One window to generate: its index (which seeds its noise), its condition frames (window_frames, H, W, 3)
    uint8 (windows.window_condition; frame 0 is `reference.drawing` when it has its own) and its own reference
    (None: the video's one reference and face crop)."""

    index: int
    condition: np.ndarray
    reference: WindowReference | None = None


Finished = tuple[int, np.ndarray, "torch.Tensor | None"]
"""(window index, its frames (window_frames, H, W, 3) uint8, its overlap cache or None)."""


class WindowRunner(Protocol):
    """Generates windows; `options`, `pixel_size` (height, width) and `settings()` (what changes the pixels,
    for the resume key) describe the engines it runs, which all have the same settings."""

    options: A1Options
    pixel_size: tuple[int, int]

    def settings(self) -> dict: ...

    def run(self, reference: np.ndarray, face_crop: np.ndarray, tasks: Iterator[WindowTask],
            caches: dict[int, torch.Tensor | None], on_step: OnStep) -> Iterator[Finished]:
        """Generate `tasks` (ascending index, taken one at a time as workers free up) and yield each as it
        finishes (not necessarily in order). `caches`: overlap caches of finished windows whose successor is
        among the tasks. `on_step` is called on the caller's thread; an exception from it (or closing the
        iterator) stops every worker."""
        ...


def video_windows(options: A1Options, frames: int) -> list[Window]:
    """The windows a condition of `frames` frames (reference drawing included) is generated in."""
    return plan_windows(frames - 1, options.window_frames, options.window_overlap)


def check_inputs(pixel_size: tuple[int, int], reference: np.ndarray, condition: np.ndarray,
                 face_crop: np.ndarray) -> None:
    """InputError naming every input whose shape or dtype the engine cannot take."""
    height, width = pixel_size
    problems = []
    if reference.dtype != np.uint8 or reference.shape != (height, width, 3):
        problems.append(f"reference must be ({height}, {width}, 3) uint8, got {reference.shape} {reference.dtype}")
    if condition.dtype != np.uint8 or condition.ndim != 4 or condition.shape[1:] != (height, width, 3) \
            or len(condition) == 0:
        problems.append(f"condition must be (T>=1, {height}, {width}, 3) uint8, got "
                        f"{condition.shape} {condition.dtype}")
    if face_crop.dtype != np.uint8 or face_crop.ndim != 3 or face_crop.shape[2] != 3:
        problems.append(f"face_crop must be (h, w, 3) uint8 (aligned {C.FACE_CROP}x{C.FACE_CROP}), got "
                        f"{face_crop.shape} {face_crop.dtype}")
    if problems:
        raise InputError("; ".join(problems))


def generate_windows(runner: WindowRunner, reference: np.ndarray, condition: np.ndarray, face_crop: np.ndarray,
                     resume_dir: Path | None = None, progress: Progress | None = None,
                     out: np.ndarray | None = None, references: Sequence[WindowReference] | None = None
                     ) -> np.ndarray:
    """(T, H, W, 3) uint8 frames for `condition` (T, H, W, 3) (see A1Engine.generate, also for `references`),
    its windows run by `runner`. Finished windows are taken from `resume_dir` and new ones saved there as they
    finish."""
    check_inputs(runner.pixel_size, reference, condition, face_crop)
    if out is not None and (out.shape != condition.shape or out.dtype != np.uint8):
        raise ValueError(f"out must be shaped {condition.shape} uint8, got {out.shape} {out.dtype}")
    opts = runner.options
    windows = video_windows(opts, len(condition))
    if references is not None:
        if len(references) != len(windows):
            raise InputError(f"{len(references)} window references for {len(windows)} windows")
        for ref in references:
            check_inputs(runner.pixel_size, ref.image, ref.drawing[None], ref.face_crop)
    store = None
    if resume_dir is not None:
        arrays = {"reference": reference, "condition": condition, "face_crop": face_crop}
        for k, ref in enumerate(references or ()):
            arrays.update({f"window{k}_image": ref.image, f"window{k}_drawing": ref.drawing,
                           f"window{k}_face_crop": ref.face_crop})
        store = ResumeStore(Path(resume_dir), job_key(arrays, runner.settings()), len(windows))
    output = np.empty_like(condition) if out is None else out

    def finish(window: Window, frames: np.ndarray) -> None:
        output[window.output_indices()] = frames[1 + window.keep_from: 1 + window.keep_to]
        if window.index == 0:
            output[0] = frames[0]
        if progress is not None:
            progress(window.index, len(windows), opts.steps, opts.steps)

    pending, loaded_caches = [], {}
    for window in windows:
        finished = store.load(window.index) if store is not None else None
        if finished is None:
            pending.append(window)
        else:
            loaded_caches[window.index] = finished[1]
            finish(window, finished[0])
    if not pending:  # a fully resumed job needs no model
        return output
    caches = {w.index - 1: loaded_caches[w.index - 1] for w in pending if w.index - 1 in loaded_caches}
    tasks = (_task(condition, w, opts.window_frames, None if references is None else references[w.index])
             for w in pending)

    def on_step(window: int, steps_done: int) -> None:
        if progress is not None and steps_done < opts.steps:  # the final step is reported once saved
            progress(window, len(windows), steps_done, opts.steps)

    with contextlib.closing(runner.run(reference, face_crop, tasks, caches, on_step)) as finished_windows:
        for index, frames, cache in finished_windows:  # closing stops the workers if saving or progress raises
            if store is not None:
                store.save(index, frames, cache)
            finish(windows[index], frames)
    return output


def _task(condition: np.ndarray, window: Window, window_frames: int, reference: WindowReference | None
          ) -> WindowTask:
    """The task of `window`, conditioned on `reference` when it has its own (None: the video's)."""
    frames = window_condition(condition, window, window_frames)
    if reference is not None:
        frames[0] = reference.drawing
    return WindowTask(window.index, frames, reference)
