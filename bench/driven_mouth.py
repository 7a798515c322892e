"""The harness of the benches that read a portrait's mouth driven by a real driver video with `--mouth driver`
(`bench/driver_teeth.py`, `bench/mouth_stripes.py`, `bench/lip_band.py`): their flags, the driver's first frames
tracked into a motion, the named portraits, the rendered frames and the table's head.

Each bench reads its figure on the engine's frames, on the source repeated (the photo read at the targets) and on
the driver's own frames over `--frames`.
"""

from __future__ import annotations

import argparse
import platform
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.motion import Motion
from facereel.motion.retarget import RetargetOptions, retarget


@dataclass(frozen=True)
class Driver:
    """A driver video's first frames: `frames` (H, W, 3) uint8 RGB, their tracked `landmarks` (F, 478, 3) px and
    the `motion` extracted from them."""

    frames: list[np.ndarray]
    landmarks: np.ndarray
    motion: Motion

    def shown(self, k: int) -> DriverFrame:
        """Frame `k` with its landmarks, for `MeshAnimator.render(driver=)`."""
        return DriverFrame(self.frames[k], self.landmarks[k])


def arguments(doc: str, portraits: str, driver: str, frames: str) -> argparse.Namespace:
    """The benches' flags with their defaults: `--portraits` (comma-separated names), `--driver` (a video of
    ../shared/data/driving) and `--frames` ("first:end", or "N" for the first N frames)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default=portraits)
    parser.add_argument("--driver", default=driver)
    parser.add_argument("--frames", default=frames)
    return parser.parse_args()


def frame_span(text: str) -> range:
    """The driver's frames `--frames` names: "first:end" (end excluded) or "N" (0 to N)."""
    first, _, end = text.rpartition(":")
    return range(int(first or 0), int(end))


def read_driver(name: str, count: int, first: int = 0) -> Driver:
    """Frames `first` to `count` (excluded) of ../shared/data/driving/`name`.mp4, tracked (`track_frames`) and their
    motion: the clip as a cut from `first` on drives (its frame `first` the reference)."""
    with open_video(SHARED / "driving" / f"{name}.mp4") as video:
        fps = video.fps
        frames = [f for _, f in zip(range(count), video.frames())][first:]
    track = track_frames(iter(frames), fps)
    return Driver(frames, track.landmarks, extract_motion(track))


def named_portraits(names: str) -> Iterator[tuple[str, np.ndarray]]:
    """(name, (H, W, 3) uint8 RGB photo) of `warp_health.portraits()` whose names the comma-separated `names`
    list, in the order they are listed."""
    found = dict(portraits())
    for name in names.split(","):
        yield name, found[name]


def render_driven(image: np.ndarray, lm: np.ndarray, driver: Driver, span: range) -> tuple[np.ndarray,
                                                                                             list[np.ndarray]]:
    """The targets (T, 478, 3) px that `driver`'s motion retargets onto the portrait `image` with landmarks `lm`
    (478, 3) px, as `facereel animate` does, and the mesh engine's frames (H, W, 3) of `span` rendered in order
    with the driver's frames as the mouth's interior."""
    retargeting = RetargetOptions().for_engine("mesh")
    targets = retarget(lm, driver.motion, retargeting)
    animator = MeshAnimator(image, lm, MeshOptions().with_limits(retargeting))
    return targets, [animator.render(targets[k], driver=driver.shown(k)) for k in span]


def finite_means(reads: np.ndarray, digits: int) -> str:
    """'a, b, ...': the mean of each column of (frames, k) `reads` over its finite values (NaN where none), as text
    with `digits` decimals."""
    means = [column[np.isfinite(column)].mean() if np.isfinite(column).any() else np.nan for column in reads.T]
    return ", ".join(f"{m:.{digits}f}" for m in means)


def print_head(script: str, args: argparse.Namespace, columns: list[str]) -> None:
    """The bench's command, machine and date, then the Markdown table's head of `columns`."""
    print(f"bench/{script} --portraits {args.portraits} --driver {args.driver} --frames {args.frames}; "
          f"{platform.node()} {platform.machine()}, {date.today()}")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
