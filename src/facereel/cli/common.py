"""Arguments and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from facereel.motion.retarget import REGIONS, RetargetOptions
from facereel.motion.smoothing import OneEuro


def add_driving_args(p: argparse.ArgumentParser) -> None:
    """--driving and the options that shape the motion."""
    p.add_argument("--driving", "-d", required=True,
                   help="driving video, motion template (.npz) or preset (preset:talk|smile|blink|nod|demo)")
    add_face_args(p)


def add_face_args(p: argparse.ArgumentParser) -> None:
    """Which face to use (driver's, source's) and the driver frame offsets are measured from."""
    p.add_argument("--face-index", type=int, default=None,
                   help="driver's face when there are several, counted from 0 left to right (default: the largest)")
    p.add_argument("--source-face-index", type=int, default=None,
                   help="source's face when the portrait shows several (default: the largest)")
    p.add_argument("--reference", choices=("first", "neutral"), default="first",
                   help="driver frame that expression offsets are measured from (default: first)")


def add_retarget_args(p: argparse.ArgumentParser) -> None:
    """Retargeting switches (mode, regions, intensity, smoothing)."""
    p.add_argument("--mode", choices=("relative", "absolute"), default="relative",
                   help="relative: driver's changes added to the source (default); absolute: driver's pose/openness as is")
    p.add_argument("--regions", default="expression,pose",
                   help=f"comma-separated subset of {','.join(REGIONS)} to transfer (default: expression,pose)")
    p.add_argument("--multiplier", type=float, default=1.0, help="expression intensity (default 1.0)")
    p.add_argument("--smooth", type=float, default=1.5, metavar="HZ",
                   help="One-Euro min cutoff in Hz: lower = steadier; 0 disables smoothing (default 1.5)")
    p.add_argument("--smooth-beta", type=float, default=0.5, help="One-Euro speed coefficient: higher = less lag (default 0.5)")
    p.add_argument("--translate", action=argparse.BooleanOptionalAction, default=None,
                   help="move and scale the head with the driver (default: on for the mesh engine in relative mode, "
                        "off for a1, as in SkyReels-A1)")


def add_mouth_arg(p: argparse.ArgumentParser, default: str | None) -> None:
    """--mouth: the mesh engine's open mouth (docs/mesh-engine.md)."""
    from facereel.engines.mesh.mouth import MOUTH_INTERIORS

    p.add_argument("--mouth", choices=MOUTH_INTERIORS, default=default,
                   help="mesh engine's open mouth: driver = the driving video's own teeth, tongue and cavity "
                        "(default with a driving video or camera), synthetic = procedural (default for "
                        "templates and presets)")


def retarget_options(args: argparse.Namespace) -> RetargetOptions:
    return RetargetOptions(
        mode=args.mode,
        regions=frozenset(r.strip() for r in args.regions.split(",") if r.strip()),
        multiplier=args.multiplier,
        smoothing=OneEuro(min_cutoff=args.smooth, beta=args.smooth_beta) if args.smooth > 0 else None,
        translate=args.translate,
    )


@contextmanager
def progress_bar(args: argparse.Namespace, desc: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A tqdm bar on stderr, shown from the first update (so an early error stays one line); nothing with
    --quiet. Yields its update function."""
    if getattr(args, "quiet", False):
        yield lambda n: None
        return
    from tqdm import tqdm

    bars: list[tqdm] = []

    def update(n: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, desc=desc, unit="frame", file=sys.stderr, leave=False))
        bars[0].update(n)

    try:
        yield update
    finally:
        for bar in bars:
            bar.close()


def say(args: argparse.Namespace, message: str) -> None:
    """One informational line on stderr unless --quiet."""
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr)
