"""The tracker's noise floor on the inner-lip gap (`eval.mouth.TRACKER_NOISE`), measured on ../shared/data.

Each portrait and each driving video's first frame is repeated `--frames` times and tracked as a video (mediapipe,
video mode, as `eval self` tracks the do-nothing baseline); nothing moves, so every change of the re-tracked
inner-lip gap (`mouth_open`, canonical units) is the tracker's own. Per image: its mean level, the gap's span
(95th - 5th percentile, `eval.mouth.gap_span`) over all the frames and over the first 10 (while the tracker
settles), and its standard deviation; then the largest and the median span. Beside them, for reference, the spans
of the drivers' own gap over consecutive 10- and 90-frame windows (real speech and a shut mouth).

Run: PYTHONPATH=src .venv/bin/python bench/tracker_noise.py [--frames 60] [--data ../shared/data]
Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import itertools
import platform
from datetime import date
from pathlib import Path

import numpy as np

from facereel.eval.faces import FaceSeries
from facereel.eval.mouth import TRACKER_NOISE, gap_span
from facereel.face.tracking import track_frames, track_video
from facereel.media.image import read_image
from facereel.media.video import open_video
from facereel.motion.features import INDEX

SETTLE = 10  # frames: the span while the tracker settles, also shown


def stills(data: Path) -> dict[str, np.ndarray]:
    """Name -> (H, W, 3) uint8 RGB: every portrait, and every driving video's first frame ("<name>#0")."""
    images = {path.stem: read_image(path) for path in sorted((data / "portraits").iterdir())}
    for path in sorted((data / "driving").glob("*.mp4")):
        with open_video(path) as video:
            images[f"{path.stem}#0"] = next(video.frames())
    return images


def still_spans(image: np.ndarray, frames: int) -> tuple[float, float, float]:
    """(span over `frames`, span over the first `SETTLE`, standard deviation) of the gap re-tracked on `image`
    repeated, canonical units."""
    faces = FaceSeries.from_track(track_frames(itertools.repeat(image, frames), 30.0))
    first = np.zeros(len(faces), bool)
    first[:SETTLE] = True
    gap = faces.features[faces.valid, INDEX["mouth_open"]]
    return gap_span(faces.features, faces.valid), gap_span(faces.features, faces.valid & first), float(gap.std())


def window_spans(faces: FaceSeries, width: int, count: int = 12) -> list[float]:
    """A driver's own gap span over its first `count` consecutive `width`-frame windows."""
    spans = []
    for start in range(0, min(len(faces), count * width) - width + 1, width):
        window = np.zeros(len(faces), bool)
        window[start:start + width] = True
        spans.append(gap_span(faces.features, faces.valid & window))
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60, help="frames each still is repeated (default 60)")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    print(f"# Tracker noise on the inner-lip gap ({date.today()}, {platform.node()}, {args.frames} frames)\n")
    print(f"| still | mean level | span {args.frames} | span first {SETTLE} | std |\n|---|---|---|---|---|")
    spans = []
    for name, image in stills(args.data).items():
        span, settle, std = still_spans(image, args.frames)
        spans.append(span)
        print(f"| {name} | {image.mean():.1f} | {span:.4f} | {settle:.4f} | {std:.4f} |", flush=True)
    print(f"\nLargest span {max(spans):.4f}, median {np.median(spans):.4f}; eval.mouth.TRACKER_NOISE = {TRACKER_NOISE}\n")
    print("| driver | 10-frame windows | 90-frame windows |\n|---|---|---|")
    for path in sorted((args.data / "driving").glob("*.mp4")):
        faces = FaceSeries.from_track(track_video(path))
        short, long = (" ".join(f"{s:.3f}" for s in window_spans(faces, w)) for w in (10, 90))
        print(f"| {path.stem} | {short} | {long} |", flush=True)


if __name__ == "__main__":
    main()
