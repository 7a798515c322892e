"""Why no face was found: an image too dark, too bright or too flat to see one in, said in the error's one line.

The bounds lie outside every photo and driving video of ../shared/data (their mean levels 42 (sr_8) to 191
(lp_s6), grey-level spreads 34 (sr_8) to 78 (lp_s1); drivers' first frames 67-148, 36-60), so a faceless
ordinary picture is not told it is badly exposed; sr_8 darkened (gamma 2.5 x 0.6: mean level 6.5, in which the
face detector finds nothing) is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from facereel.errors import InputError

DARK = 25.0  # mean level (0-255) below which an image is "very dark"
BRIGHT = 230.0  # mean level above which it is "very bright"
FLAT = 12.0  # grey-level standard deviation below which it is "very flat"
_STEP = 4  # every 4th pixel each way is read: a level, not a detail


@dataclass(frozen=True)
class Exposure:
    """How light and how contrasted an image is: `level` its mean (0-255, all channels), `spread` the standard
    deviation of its grey levels (mean of the channels)."""

    level: float
    spread: float

    @classmethod
    def of(cls, image: np.ndarray) -> Exposure:
        """Of an (H, W, 3) or (H, W) uint8 image."""
        sample = np.asarray(image)[::_STEP, ::_STEP].astype(np.float32)
        grey = sample.mean(axis=2) if sample.ndim == 3 else sample
        return cls(float(sample.mean()), float(grey.std()))

    def hint(self, subject: str = "the image is") -> str | None:
        """What to do about a bad exposure ("the image is very dark (mean level 13 of 255): brighten it"), or None.
        `subject`: "the image is" or "the frames are" (then "them")."""
        them, their = ("them", "their") if subject.endswith("are") else ("it", "its")
        if self.level < DARK:
            return f"{subject} very dark (mean level {self.level:.0f} of 255): brighten {them}"
        if self.level > BRIGHT:
            return f"{subject} very bright (mean level {self.level:.0f} of 255): darken {them}"
        if self.spread < FLAT:
            return f"{subject} very flat (grey levels spread {self.spread:.0f}): raise {their} contrast"
        return None


class Faceless:
    """The mean exposure of the images a face was searched for in vain, kept as running sums (a live camera may
    show no face for hours)."""

    def __init__(self) -> None:
        self.count = 0
        self._sums = np.zeros(2)  # level, spread

    def add(self, image: np.ndarray) -> None:
        """One more (H, W, 3) uint8 image without a face."""
        exposure = Exposure.of(image)
        self.count += 1
        self._sums += (exposure.level, exposure.spread)

    def mean(self) -> Exposure | None:
        """The images' mean level and spread, or None before any."""
        return Exposure(*(float(v) for v in self._sums / self.count)) if self.count else None


def no_face_error(what: str | Path, faceless: Faceless | None = None, video: bool = False) -> InputError:
    """The one error for an input with no face, naming `what`: "no face found" (`video`: "... in any frame"),
    followed, when the `faceless` images (those searched in vain) are on average badly exposed, by what is wrong and
    what to do, on the same line."""
    detail = "no face found in any frame" if video else "no face found"
    mean = faceless.mean() if faceless is not None else None
    hint = mean.hint("the frames are" if video else "the image is") if mean is not None else None
    return InputError(f"{detail}; {hint}" if hint is not None else detail, what)


def without_a_face(count: int) -> str:
    """"25 frames without a face": the one wording for a driver's faceless frames (`live`, `animate`,
    `extract-motion`)."""
    return f"{count} frame{'' if count == 1 else 's'} without a face"


def faceless_note(frames: Sequence[int]) -> str | None:
    """The note for a driver whose face was lost in `frames` (indices, ascending), e.g. "driver: 25 frames without a
    face (20-44), the pose filled in from the nearest faces, easing back to rest in a long gap" (held before the
    first face and after the last, eased linearly between two, then toward the first face in a long gap:
    `fill_missing`); None when every frame had one."""
    if not frames:
        return None
    return (f"driver: {without_a_face(len(frames))} ({_runs(frames)}), "
            "the pose filled in from the nearest faces, easing back to rest in a long gap")


def _runs(frames: Sequence[int]) -> str:
    """Ascending frame indices as runs: [3, 20, 21, 22] -> "3, 20-22"."""
    runs: list[list[int]] = []
    for frame in frames:
        if runs and frame == runs[-1][1] + 1:
            runs[-1][1] = frame
        else:
            runs.append([frame, frame])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def no_face_in(image: np.ndarray, what: str | Path) -> InputError:
    """`no_face_error` for one (H, W, 3) uint8 photo, searched upright and turned (`turned_photo.found_turned`)."""
    faceless = Faceless()
    faceless.add(image)
    return no_face_error(what, faceless)
