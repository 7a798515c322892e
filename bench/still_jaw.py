"""The pale wedge in a video-to-video clip's still jaw (issue #12 item 1, `figures.still_jaw`): each clip animated by
the driver with `--regions eyes`, where nothing below the eyes moves; per clip the largest, the 90th percentile and
the median over its frames of the lower face's largest departure from the clip's own pixels (grey levels).

Prints one Markdown row per clip: the source repeated (the clip itself: 0), the engine before (both mends switched
off in this process: the reused key's neck moved from the key's jaw, `layers.key_neck_offset`, and the outline's
colour bounded whatever moved, `layers.rim_motion`) and now; each cell also `departed` (pixels of the box over 20
levels off: lp_d11's pink box beside the jaw, h26-pinkbox), max / p90 / median, after a semicolon.

Run: PYTHONPATH=src .venv/bin/python bench/still_jaw.py --clips lp_d18,lp_d3,lp_d11,lp_d19 --driver lp_d12
"""

from __future__ import annotations

import argparse
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from unittest import mock

import numpy as np

from facereel import PortraitAnimator
from facereel.engines.mesh import layers
from facereel.engines.mesh.figures.still_jaw import departed, still_jaw
from facereel.face.tracking import track_frames
from facereel.media.video import open_video

DRIVING = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "driving"


def before() -> AbstractContextManager[object]:
    """The engine without the mends: the key's neck offset 0 and the rim bounded in full wherever the neck shows."""
    return mock.patch.multiple(layers, key_neck_offset=lambda *_: (0.0, 0.0),
                               rim_motion=lambda maps, grid, neck, at: np.full(neck.shape[:2], np.inf, np.float32))


def reads(clip: Path, driver: Path, frames: list[np.ndarray], landmarks: np.ndarray, engine_before: bool
          ) -> np.ndarray:
    """(2, T): `still_jaw` and `departed` of each frame `clip` animated by `driver` (eyes only) makes, on the clip's
    frames."""
    with before() if engine_before else nullcontext():
        made = PortraitAnimator("mesh", regions="eyes")(clip, driver).frames
    return np.array([[read(f, m, lm) for f, m, lm in zip(frames, made, landmarks)] for read in (still_jaw, departed)])


def cell(read: np.ndarray) -> str:
    """max / p90 / median of a (T,) read."""
    return f"{read.max()} / {np.percentile(read, 90):.0f} / {np.median(read):.0f}"


def row(name: str, driver: Path) -> str:
    """One Markdown row: max / p90 / median of the source repeated, the engine before and now."""
    clip = DRIVING / f"{name}.mp4"
    with open_video(clip) as video:
        frames, fps = list(video.frames()), video.fps
    landmarks = track_frames(frames, fps).landmarks
    cells = ["0 / 0 / 0; 0 / 0 / 0"]
    for engine_before in (True, False):
        jaw, off = reads(clip, driver, frames, landmarks, engine_before)
        cells.append(f"{cell(jaw)}; {cell(off)}")
    return f"| {name} | {' | '.join(cells)} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", default="lp_d18,lp_d3,lp_d11,lp_d19")
    parser.add_argument("--driver", default="lp_d12")
    args = parser.parse_args()
    print("| clip | source repeated | before | now |")
    print("|---|---|---|---|")
    for name in args.clips.split(","):
        print(row(name, DRIVING / f"{args.driver}.mp4"), flush=True)


if __name__ == "__main__":
    main()
