"""A small face in a video source on the working copy a still portrait's face takes (issue #12): sr_1 frames 0-35 at
128 px on a 384 x 256 canvas (a 48 px face) and lp_d19 frames 0-35 at 96 px on 320 x 240 (a 57 px face), driven by
lp_d12 with `--regions lips` and `--regions pose` (`tests/small_clip.py`).

Prints one Markdown row per case: `figures.clip_alone.clip_gaps` of the small face (grey levels from the same clip
animated 4x / 5x as large and scaled back), the mean and the range over the frames, for the clip repeated (the
baseline: the motion's own change), before (each frame a plain `MeshAnimator`, a key's setup reused) and now (each
key frame `choose_engine.mesh_animator`'s engine, the frames reusing it the same working copy).

With --speed: CPU ms a frame (its engine's set-up and its render), the key frames' and the frames reusing a key's
setup apart, and the key frames, before and now, instead.

Run: PYTHONPATH=src .venv/bin/python bench/v2v_copies.py [--speed]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path
from unittest import mock

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from markdown_table import print_markdown_table
from small_clip import SmallClip, animated, on_large, small_clip

from facereel.engines.mesh import frame_setup
from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.clip_alone import clip_gaps

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
CASES = {"sr_1 at 128 px (x4)": ("sr_1.mp4", 128, 4, (384, 256), (192, 48)),
         "lp_d19 at 96 px (x5)": ("lp_d19.mp4", 96, 5, (320, 240), (176, 60))}
FRAMES = 36


def before() -> contextlib.AbstractContextManager:
    """The video path before: every frame a plain `MeshAnimator` (a key's setup reused by `like=`)."""
    stack = contextlib.ExitStack()
    stack.enter_context(mock.patch.object(frame_setup, "mesh_animator", lambda *args, **shares: MeshAnimator(
        *args, **shares)))
    stack.enter_context(mock.patch.object(frame_setup, "reused_engine", lambda key, frame, landmarks: MeshAnimator(
        frame, landmarks, key.options, like=key)))
    return stack


def run(small: SmallClip) -> tuple[list[np.ndarray], str]:
    """(frames, "CPU ms a key frame / a reused frame (keys)"): the small clip animated (`small_clip.animated`, one
    frame at a time), each frame's set-up and render timed."""
    setups = frame_setup.VideoFrameAnimators(MeshOptions(mouth_interior="synthetic"))
    frames, times = [], {True: [], False: []}
    for frame, mesh, target in zip(small.clip, small.meshes, small.targets):
        keys, start = setups.keys, time.process_time()
        frames.append(animated([frame], mesh[None], target[None], setups)[0])
        times[setups.keys > keys].append((time.process_time() - start) * 1000)
    return frames, f"{np.mean(times[True]):.0f} / {np.mean(times[False]):.0f} ({setups.keys} keys)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="CPU ms a frame instead of the gaps")
    speed = parser.parse_args().speed
    rows = []
    for name, (video, size, factor, canvas, at) in CASES.items():
        for regions in ("lips", "pose"):
            small = small_clip(DATA, video, 0, FRAMES, size, factor, canvas, at, regions)
            with before():
                earlier, earlier_cost = run(small)
            now, now_cost = run(small)
            if speed:
                rows.append(f"| {name} | {regions} | {earlier_cost} | {now_cost} |")
                continue
            large = animated(small.large, on_large(small.meshes, small), on_large(small.targets, small))
            cells = []
            for shown in (small.clip, earlier, now):
                gaps = clip_gaps(shown, large, small.clip, list(small.meshes), factor, at)
                cells.append(f"{np.mean(gaps):.2f} ({min(gaps):.1f}-{max(gaps):.1f})")
            rows.append(f"| {name} | {regions} | {' | '.join(cells)} |")
    header = (["clip", "--regions", "CPU ms a key frame / a reused frame (keys): before", "now"] if speed else
              ["clip", "--regions", "clip repeated", "before", "now"])
    print_markdown_table(header, rows)


if __name__ == "__main__":
    main()
