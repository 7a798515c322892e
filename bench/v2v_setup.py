"""Video-to-video's per-frame mesh setup: a full setup per source frame (`choose_engine.mesh_animator`'s engine, what
a key frame gets: a working copy where the frame cuts the neck or hair, the face is small or rolled; before) against
`engines.mesh.frame_setup.VideoFrameAnimators` (a key frame's crop box, head mask and plate fill reused
while the face barely moves), on real videos, and how far the frames of the two differ.

Usage: python bench/v2v_setup.py [--seconds 2] [--shift 25] [--drivers lp_d3,sr_1,...] [--size 512]
                                 [--reuse-move 0.03]
Per video (`../shared/data/driving`): source = its first `seconds`, driver = the same video `shift` frames
later (as bench/video_to_video.py), both H.264 clips, decoded; the source tracked, the driver's motion
retargeted onto it (`motion.video_retarget`, default regions); every source frame then set up and rendered
both ways (the synthetic mouth interior for both). Times are per frame, setup (making the animator) and
render (`render`) apart. Differences, reuse against full, per frame in the full animator's crop box
(everything outside it is the source either way): mean and 99.9th percentile of the absolute difference
(grey levels, all channels) and the fraction of pixels more than 8 grey levels apart; beside it, the
scale: the mean change the animation itself makes there (full output against the source frame, the
do-nothing baseline). `keys`: the fraction of frames given a full setup.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from video_to_video import SHARED, clip

from facereel.engines.mesh import MeshOptions
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.frame_setup import REUSE_MOVE, VideoFrameAnimators
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions
from facereel.motion.video_retarget import retarget_video


def run(name: str, seconds: float, shift: int, size: int, reuse_move: float, tmp: Path) -> dict[str, float]:
    """The table row of one video."""
    import cv2

    with open_video(SHARED / "driving" / f"{name}.mp4") as video:
        fps = video.fps
        count = int(seconds * fps)
        frames = [cv2.resize(f, (size, size), interpolation=cv2.INTER_AREA)
                  for _, f in zip(range(count + shift), video.frames())]
    source = clip(frames[:count], fps, tmp / f"{name}_source.mp4")
    driver = clip(frames[shift:], fps, tmp / f"{name}_driver.mp4")
    track = track_frames(source, fps)
    motion = extract_motion(track_frames(driver, fps))
    targets = retarget_video(track, motion, RetargetOptions(), np.arange(count))
    options = MeshOptions(mouth_interior="synthetic")
    animators = VideoFrameAnimators(options, reuse_move)
    times = {"full_setup": [], "full_render": [], "reuse_setup": [], "reuse_render": []}
    rows = []
    for i, frame in enumerate(source):
        if not track.valid[i]:
            animators.lost()
            continue
        start = time.perf_counter()
        full = mesh_animator(frame, track.landmarks[i], options)
        made = time.perf_counter()
        want = full.render(targets[i])
        done = time.perf_counter()
        reused = animators(frame, track.landmarks[i])
        made_again = time.perf_counter()
        got = reused.render(targets[i])
        end = time.perf_counter()
        for key, value in (("full_setup", made - start), ("full_render", done - made),
                           ("reuse_setup", made_again - done), ("reuse_render", end - made_again)):
            times[key].append(value)
        x0, y0, x1, y1 = full.box
        diff = np.abs(got[y0:y1, x0:x1].astype(int) - want[y0:y1, x0:x1])
        change = np.abs(want[y0:y1, x0:x1].astype(int) - frame[y0:y1, x0:x1])
        far = np.ones(frame.shape[:2], bool)
        far[y0:y1, x0:x1] = False
        rows.append((diff.mean(), np.percentile(diff, 99.9), (diff.max(-1) > 8).mean(), change.mean(),
                     float(np.abs(got[far].astype(int) - frame[far]).max(initial=0))))
    row = {key: 1000 * float(np.mean(value)) for key, value in times.items()}
    mean = np.mean(rows, axis=0)
    row.update(diff_mean=mean[0], diff_p999=mean[1], over_8=100 * mean[2], baseline_change=mean[3],
               outside_max=float(np.max([r[4] for r in rows])), keys=100 * animators.keys / animators.frames)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--shift", type=int, default=25)
    parser.add_argument("--size", type=int, default=512, help="frames scaled to this square size, px")
    parser.add_argument("--reuse-move", type=float, default=REUSE_MOVE, help="face sizes (frame_setup.REUSE_MOVE)")
    parser.add_argument("--drivers", default=None, help="comma-separated names (default: every driving video)")
    args = parser.parse_args()
    names = args.drivers.split(",") if args.drivers else sorted(p.stem for p in (SHARED / "driving").glob("*.mp4"))
    started = datetime.now(timezone.utc)
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            table[name] = run(name, args.seconds, args.shift, args.size, args.reuse_move, Path(tmp))
            print(f"{name}: done", flush=True)
    load = os.getloadavg()
    print(f"\n{platform.machine()} {os.cpu_count()} CPUs, {started:%Y-%m-%d %H:%M} UTC, load average {load[0]:.1f}; "
          f"{args.seconds} s per video at {args.size} px, shift {args.shift}, reuse_move {args.reuse_move}\n")
    keys = ["full_setup", "reuse_setup", "full_render", "reuse_render", "keys", "diff_mean", "diff_p999", "over_8",
            "baseline_change", "outside_max"]
    print("| video | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name in names + ["mean"]:
        values = [np.mean([table[n][k] for n in names]) if name == "mean" else table[name][k] for k in keys]
        print(f"| {name} | " + " | ".join(f"{v:.1f}" if k in ("keys", "over_8") or k.endswith(("setup", "render"))
                                          else f"{v:.2f}" for k, v in zip(keys, values)) + " |")


if __name__ == "__main__":
    main()
