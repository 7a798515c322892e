"""Video-to-video self-reenactment on ../shared/data, beside the do-nothing baseline (the source video as is).

Usage: python bench/video_to_video.py [--seconds 3] [--shift 25] [--drivers lp_d3,sr_1,...]
                                      [--settings "default;regions=lips;regions=expression"]
Per video: source = frames [0, T) (T = seconds x fps), driver = frames [shift, shift + T) of the same video,
each written as a clip (H.264, as a user's files are) and decoded; ground truth = the driver clip's frames.
`PortraitAnimator("mesh", **setting)(source.mp4, driver.mp4)` renders in memory (no second encode).
Scores per frame, averaged: PSNR of the whole frame, of the head (`eval.pixels.face_box` of the ground
truth's landmarks) and of the mouth (outer-lip box plus half a mouth width, as bench/mouth_self_reenact.py),
for the output and for the baseline (the source frame); `mouth_corr`: correlation of the re-tracked mouth
opening with the ground truth's (pose-independent: video-to-video keeps the source's head motion, which the
pixel scores count against it). `far` checks that pixels far from the face (outside
the source face's outline box grown by 0.6 face sizes) equal the source frame's: the fraction of the frame
that is, and the largest difference there. `flicker_ratio`: frame-to-frame change of the output in the
upper face (the face outline's box above the nose tip) over the source video's own there (1 = no shimmer
added). `s/frame`: wall time of the call per output frame (both tracking
passes included; depends on the machine's load, printed with it).
Prints a Markdown table: mean of the videos, then per video.
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

from facereel import PortraitAnimator
from facereel.eval.pixels import crop, face_box, psnr
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter
from facereel.motion.extract import extract_motion
from facereel.motion.features import INDEX

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LIPS = list(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP)
FAR = 0.6  # face sizes beyond the source face's outline box: "far from the face"


def _lip_box(landmarks: np.ndarray, size: tuple[int, int]) -> tuple[int, int, int, int]:
    pts = landmarks[LIPS, :2]
    pad = 0.5 * float(np.ptp(pts[:, 0]))
    x0, y0 = np.floor(pts.min(0) - pad).astype(int)
    x1, y1 = np.ceil(pts.max(0) + pad).astype(int)
    return max(x0, 0), max(y0, 0), min(x1, size[0]), min(y1, size[1])


def _far(landmarks: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """(H, W) bool: farther than FAR face sizes outside the face outline's box."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    low, high = oval.min(0), oval.max(0)
    grow = FAR * float(np.ptp(oval, axis=0).max())
    yy, xx = np.mgrid[:shape[0], :shape[1]]
    return (xx < low[0] - grow) | (xx > high[0] + grow) | (yy < low[1] - grow) | (yy > high[1] + grow)


def mouth_open(frames: list[np.ndarray], fps: float) -> np.ndarray:
    """(T,) mouth opening (identity-free feature) of the re-tracked frames."""
    return extract_motion(track_frames(frames, fps)).features[:, INDEX["mouth_open"]]


def upper_face_flicker(frames: list[np.ndarray], landmarks: np.ndarray) -> float:
    """Mean absolute frame-to-frame change (grey levels) in the box of the face outline above the nose tip
    (eyes, brows, forehead) of each frame's source landmarks."""
    changes = []
    for k in range(1, len(frames)):
        oval = landmarks[k][list(ids.FACE_OVAL), :2]
        x0, y0 = np.floor(oval.min(0)).astype(int).clip(0)
        x1, y1 = int(np.ceil(oval[:, 0].max())), int(landmarks[k][1, 1])
        changes.append(np.abs(frames[k][y0:y1, x0:x1].astype(int) - frames[k - 1][y0:y1, x0:x1]).mean())
    return float(np.mean(changes))


def scores(outputs: list[np.ndarray], truth: list[np.ndarray], truth_lm: np.ndarray, fps: float,
           truth_mouth: np.ndarray) -> dict[str, float]:
    """Mean PSNR (whole, head, mouth) of `outputs` against the ground-truth frames and their landmarks, and
    the correlation of the re-tracked mouth opening with the ground truth's (`truth_mouth`)."""
    size = (truth[0].shape[1], truth[0].shape[0])
    rows = []
    for out, gt, lm in zip(outputs, truth, truth_lm):
        head, mouth = face_box(lm, size), _lip_box(lm, size)
        rows.append((psnr(out, gt), psnr(crop(out, head), crop(gt, head)), psnr(crop(out, mouth), crop(gt, mouth))))
    result = dict(zip(("psnr", "psnr_head", "psnr_mouth"), np.mean(np.minimum(rows, 99.0), axis=0).tolist()))
    result["mouth_corr"] = float(np.corrcoef(mouth_open(outputs, fps), truth_mouth)[0, 1])
    return result


def clip(frames: list[np.ndarray], fps: float, path: Path) -> list[np.ndarray]:
    """Write `frames` as H.264 to `path`; returns them as decoded."""
    with VideoWriter(path, fps=fps) as writer:
        for frame in frames:
            writer.write(frame)
    with open_video(path) as video:
        return list(video.frames())


def parse_setting(text: str) -> dict[str, str]:
    """"regions=lips+reference=neutral" -> {"regions": "lips", "reference": "neutral"}; "default" -> {}."""
    return {} if text == "default" else dict(part.split("=", 1) for part in text.split("+"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--shift", type=int, default=25, help="driver = the video shifted by this many frames")
    parser.add_argument("--drivers", default=None, help="comma-separated names (default: every driving video)")
    parser.add_argument("--settings", default="default;regions=lips;regions=expression",
                        help="';'-separated animate settings, each 'default' or name=value joined by '+'")
    args = parser.parse_args()
    names = args.drivers.split(",") if args.drivers else sorted(p.stem for p in (SHARED / "driving").glob("*.mp4"))
    settings = args.settings.split(";")
    table: dict[str, dict[str, dict[str, float]]] = {}
    started = datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            with open_video(SHARED / "driving" / f"{name}.mp4") as video:
                fps = video.fps
                count = int(args.seconds * fps)
                frames = [f for _, f in zip(range(count + args.shift), video.frames())]
            source = clip(frames[:count], fps, Path(tmp) / f"{name}_source.mp4")
            truth = clip(frames[args.shift:], fps, Path(tmp) / f"{name}_driver.mp4")
            truth_lm = track_frames(truth, fps).landmarks
            truth_mouth = mouth_open(truth, fps)
            source_lm = track_frames(source, fps).landmarks
            far = [_far(lm, source[0].shape) for lm in source_lm]
            table[name] = {"baseline": scores(source, truth, truth_lm, fps, truth_mouth)}
            for setting in settings:
                start = time.perf_counter()
                out = PortraitAnimator("mesh", **parse_setting(setting))(Path(tmp) / f"{name}_source.mp4",
                                                                         Path(tmp) / f"{name}_driver.mp4")
                seconds = (time.perf_counter() - start) / len(out)
                row = scores(out.frames, truth, truth_lm, fps, truth_mouth)
                row["far"] = float(np.mean([m.mean() for m in far]))
                row["far_max_diff"] = float(max((np.abs(o.astype(int) - s)[m].max(initial=0)
                                                 for o, s, m in zip(out.frames, source, far))))
                row["flicker_ratio"] = upper_face_flicker(out.frames, source_lm) / upper_face_flicker(source, source_lm)
                row["s_per_frame"] = seconds
                table[name][setting] = row
            print(f"{name}: done", flush=True)
    load = os.getloadavg()
    print(f"\n{platform.machine()} {os.cpu_count()} CPUs, {started:%Y-%m-%d %H:%M} UTC, load average "
          f"{load[0]:.1f}; {args.seconds} s per video, shift {args.shift} frames\n")
    keys = ["psnr", "psnr_head", "psnr_mouth", "mouth_corr", "far", "far_max_diff", "flicker_ratio", "s_per_frame"]
    print("| mean of %d | " % len(names) + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for setting in ["baseline"] + settings:
        values = [np.mean([table[n][setting].get(k, np.nan) for n in names]) for k in keys]
        print(f"| {setting} | " + " | ".join("-" if np.isnan(v) else f"{v:.2f}" for v in values) + " |")
    print()
    for name in names:
        print(f"{name}: " + ", ".join(f"{s} {table[name][s]['psnr']:.2f} / {table[name][s]['psnr_head']:.2f} / "
                                      f"{table[name][s]['psnr_mouth']:.2f} / {table[name][s]['mouth_corr']:.2f}"
                                      for s in ["baseline"] + settings))


if __name__ == "__main__":
    main()
