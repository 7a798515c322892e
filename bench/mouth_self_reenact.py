"""Self-reenactment pixel quality of the mesh engine's mouth options on ../shared/data, beside the baseline.

Usage: python bench/mouth_self_reenact.py [--seconds 6] [--mouth driver,synthetic]
                                          [--drivers lp_d3,lp_d6,...]  (default: every driving video)
In-process (no H.264): source = the video's first frame, the driver's landmarks tracked once, batch
`retarget` with default options (= the streamed result), frames rendered in memory. PSNR over frames 1..,
head PSNR in `eval.pixels.face_box` of the ground truth, mouth PSNR in the ground truth's lip box (outer lip
landmarks plus half a mouth width). `engine-default` renders with the engine's defaults and no driver frames
(measures an older checkout with PYTHONPATH=that/src); `baseline` is the source repeated.
Prints a Markdown table: mean of the videos, then per video.
"""

from __future__ import annotations

import argparse
import platform
from datetime import date
from pathlib import Path

import numpy as np

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.eval.pixels import crop, face_box, psnr
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LIPS = list(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP)


def lip_box(landmarks: np.ndarray, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) px around the outer lips of (478, 3) landmarks plus half a mouth width."""
    pts = landmarks[LIPS, :2]
    pad = 0.5 * float(pts[:, 0].max() - pts[:, 0].min())
    x0, y0 = np.floor(pts.min(0) - pad).astype(int)
    x1, y1 = np.ceil(pts.max(0) + pad).astype(int)
    return max(x0, 0), max(y0, 0), min(x1, size[0]), min(y1, size[1])


def scores(frames: list[np.ndarray], outputs: list[np.ndarray], truth: np.ndarray) -> dict[str, float]:
    """Mean PSNR (whole frame, head, mouth) over frames 1.. of outputs against the ground-truth frames."""
    size = (frames[0].shape[1], frames[0].shape[0])
    whole, head, mouth = [], [], []
    for k in range(1, len(frames)):
        whole.append(psnr(outputs[k], frames[k]))
        box = face_box(truth[k], size)
        head.append(psnr(crop(outputs[k], box), crop(frames[k], box)))
        x0, y0, x1, y1 = lip_box(truth[k], size)
        mouth.append(psnr(outputs[k][y0:y1, x0:x1], frames[k][y0:y1, x0:x1]))
    return {"psnr": float(np.mean(whole)), "psnr_head": float(np.mean(head)), "psnr_mouth": float(np.mean(mouth))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--mouth", default="driver,synthetic", help="any of driver, synthetic, engine-default")
    parser.add_argument("--drivers", default=None)
    args = parser.parse_args()
    names = args.drivers.split(",") if args.drivers else sorted(p.stem for p in (SHARED / "driving").glob("*.mp4"))
    modes = ["baseline"] + args.mouth.split(",")
    table: dict[str, dict[str, dict[str, float]]] = {}
    for name in names:
        with open_video(SHARED / "driving" / f"{name}.mp4") as video:
            fps = video.fps
            frames = [f for _, f in zip(range(int(args.seconds * fps)), video.frames())]
        track = track_frames(iter(frames), fps)
        targets = retarget(track.landmarks[0], extract_motion(track), RetargetOptions().for_engine("mesh"))
        table[name] = {"baseline": scores(frames, [frames[0]] * len(frames), track.landmarks)}
        for mode in modes[1:]:
            if mode == "engine-default":
                animator = MeshAnimator(frames[0], track.landmarks[0])
                outputs = [animator.render(t) for t in targets]
            else:
                from facereel.engines.mesh.open_mouth.mouth import DriverFrame

                animator = MeshAnimator(frames[0], track.landmarks[0], MeshOptions(mouth_interior=mode))
                outputs = [animator.render(t, driver=DriverFrame(f, d))
                           for t, f, d in zip(targets, frames, track.landmarks)]
            table[name][mode] = scores(frames, outputs, track.landmarks)
    print(f"{platform.machine()}, {date.today()}, first {args.seconds:g} s of {len(names)} drivers")
    print("| | " + " | ".join(f"{m} psnr / head / mouth" for m in modes) + " |")
    print("|---|" + "---|" * len(modes))
    for name in ["mean"] + names:
        cells = []
        for mode in modes:
            vals = ([table[n][mode] for n in names] if name == "mean" else [table[name][mode]])
            cells.append(" / ".join(f"{np.mean([v[k] for v in vals]):.2f}" for k in ("psnr", "psnr_head", "psnr_mouth")))
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
