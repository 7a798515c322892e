"""Arguments and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from facereel.animate.device import check_device
from facereel.animate.options import FACE_FLAGS, AnimateOptions
from facereel.motion.preset_names import PRESETS
from facereel.motion.retarget_options import RetargetOptions
from facereel.option_fields import add_flags, from_args


def add_driving_arg(p: argparse.ArgumentParser, per_face: bool = False) -> None:
    """--driving: a video, a template or a preset (animate: also a photo); with `per_face` it may be given once
    per face as N=PATH (a list of texts, `animate.driver_texts.parse_drivers`)."""
    text = f"driving video, motion template (.npz) or preset (preset:{'|'.join(PRESETS)})"
    if per_face:
        p.add_argument("--driving", "-d", required=True, action="append", help=text + "; a photo (.jpg, .png: "
                       "see --driving-reference); or once per face of the portrait as N=PATH (0 = the leftmost "
                       "face; faces given none stay still); N=PATH@K takes face K (0 = the leftmost) of a "
                       "driving video with several people (one tracking pass for all the faces named in it); PATH@K "
                       "with --face-index all drives every face from its face K")
    else:
        p.add_argument("--driving", "-d", required=True, help=text)


def add_face_args(p: argparse.ArgumentParser) -> None:
    """Which face to use (driver's, source's) and the driver frame offsets are measured from."""
    AnimateOptions.add_arguments(p, only=FACE_FLAGS)


def add_device_arg(p: argparse.ArgumentParser) -> None:
    """--device: where the a1 engine runs (the mesh engine always uses the CPU)."""
    p.add_argument("--device", default="auto", type=check_device,
                   help="a1 engine: auto (default: cuda, else mps, else cpu), cuda, cuda:N, mps or cpu")


def add_retarget_args(p: argparse.ArgumentParser) -> None:
    """Retargeting switches (mode, regions, intensity, smoothing, translation)."""
    add_flags(p, RetargetOptions)


def retarget_options(args: argparse.Namespace) -> RetargetOptions:
    """RetargetOptions from the flags `add_retarget_args` added."""
    return from_args(RetargetOptions, args)


class ProgressBar:
    """A tqdm bar on stderr, shown from the first update (so an early error stays one line); nothing when
    `quiet`. Call it with n more frames done; `set_total(n)` gives it the run's frame total (e.g.
    `PortraitAnimator`'s `on_total`)."""

    def __init__(self, desc: str, total: int | None = None, quiet: bool = False) -> None:
        self.desc, self.total, self.quiet = desc, total, quiet
        self._bar: Any = None

    def __call__(self, n: int) -> None:
        if self.quiet:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, desc=self.desc, unit="frame", file=sys.stderr, leave=False)
        self._bar.update(n)

    def say(self, message: str) -> None:
        """One informational line on stderr, above the bar once it is shown (nothing when `quiet`)."""
        if self.quiet:
            return
        if self._bar is None:
            print(message, file=sys.stderr)
        else:
            self._bar.write(message, file=sys.stderr)

    def set_total(self, n: int) -> None:
        self.total = n
        if self._bar is not None:
            self._bar.total = n
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


@contextmanager
def progress_bar(args: argparse.Namespace, desc: str, total: int | None = None) -> Iterator[ProgressBar]:
    """A `ProgressBar` for the command (nothing shown with --quiet), closed at the end of the block."""
    bar = ProgressBar(desc, total, quiet=getattr(args, "quiet", False))
    try:
        yield bar
    finally:
        bar.close()


def say(args: argparse.Namespace, message: str) -> None:
    """One informational line on stderr unless --quiet."""
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr)
