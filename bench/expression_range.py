"""How much of a driver's mouth, eye and gaze motion reaches frontal, turned, small and two-person
portraits: re-tracked ranges of the mesh engine's output beside the do-nothing baseline, and contact sheets.

Usage: python bench/expression_range.py [--driver lp_d18] [--frames 120] [--mouth driver|synthetic|engine-default]
                                        [-o bench-out/expression] [--compare DIR]
Driver: ../shared/data/driving/<driver>.mp4 (lp_d18 opens its mouth wide at frames 60-95 and 115-155).
Portraits (from ../shared/data/portraits): lp_s1 (frontal), sr_4 (yaw ~20 deg), sr_8 (yaw ~34 deg, mouth
already open), lp_s1 rolled 30 deg and shrunk to 0.35 (small, tilted), and a 1084x610 two-person frame
(sr_8 at 0.59 beside lp_s1 at 0.26; the left face is animated and re-tracked).
Per portrait, the source is driven (relative mode, default retargeting), every frame rendered in memory and
re-tracked (mediapipe, video mode); features in canonical units (`motion.features`):
  range ratio = (p95 - p5 of the output's feature) / (p95 - p5 of the driver's), for mouth_open and the
  mean eye_open; corr = Pearson correlation of the per-frame series with the driver's (mouth_open, eye
  opening, gaze_x). target = the same for the retargeted landmarks themselves (before rendering).
  baseline = the source repeated (re-tracked the same way).
--mouth engine-default renders with the engine's defaults and no driver frames, so an older checkout can be
measured with the same script (PYTHONPATH=that/src). Contact sheets: <out>/<portrait>.png, the driver's
three widest openings over the output's (with --compare DIR, an earlier run's rows in between).
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import platform
from datetime import date
from pathlib import Path

import cv2
import numpy as np

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.features import INDEX, expression_features
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CASES = ("lp_s1", "sr_4", "sr_8", "lp_s1_rolled_small", "pair_1084x610")


def _read(name: str) -> np.ndarray:
    import imageio.v3 as iio

    path = next(iter(sorted((SHARED / "portraits").glob(f"{name}.*"))))
    return np.ascontiguousarray(iio.imread(path)[..., :3])


def portrait(case: str) -> tuple[np.ndarray, int | None]:
    """(image, face index to animate and re-track) of a bench case."""
    if case == "lp_s1_rolled_small":
        image = _read("lp_s1")
        h, w = image.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), 30.0, 0.35)
        return cv2.warpAffine(image, m, (w, h), borderMode=cv2.BORDER_REFLECT), None
    if case == "pair_1084x610":
        canvas = np.full((610, 1084, 3), 40, np.uint8)
        canvas[182:610, 0:760] = cv2.resize(_read("sr_8"), (760, 428), interpolation=cv2.INTER_AREA)
        canvas[250:550, 784:1084] = cv2.resize(_read("lp_s1"), (300, 300), interpolation=cv2.INTER_AREA)
        return canvas, 0
    return _read(case), None


def features(landmarks: np.ndarray) -> dict[str, np.ndarray]:
    """Per-frame mouth_open, eye_open (mean of both) and gaze_x (mean) of (T, 478, 3) px landmarks."""
    _, canonical, _ = estimate_pose(landmarks)
    f = expression_features(canonical)
    return {"mouth": f[:, INDEX["mouth_open"]],
            "eyes": f[:, [INDEX["eye_open_right"], INDEX["eye_open_left"]]].mean(1),
            "gaze": f[:, [INDEX["gaze_x_right"], INDEX["gaze_x_left"]]].mean(1)}


def _spread(x: np.ndarray) -> float:
    return float(np.percentile(x, 95) - np.percentile(x, 5))


def compare(series: dict[str, np.ndarray], driver: dict[str, np.ndarray]) -> dict[str, float]:
    """Range ratios (mouth, eyes) and correlations (mouth, eyes, gaze) of a series against the driver's."""
    out = {f"{k}_ratio": _spread(series[k]) / max(_spread(driver[k]), 1e-9) for k in ("mouth", "eyes")}
    for k in ("mouth", "eyes", "gaze"):
        out[f"{k}_corr"] = float(np.corrcoef(series[k], driver[k])[0, 1]) if np.std(series[k]) > 1e-9 else float("nan")
    return out


def crop_at(image: np.ndarray, landmarks: np.ndarray, size: int = 260) -> np.ndarray:
    """A square crop around the lower face (nose to chin) of (478, 3) px landmarks, resized to `size`."""
    pts = landmarks[[1, 61, 291, 152], :2]
    centre = pts.mean(0)
    half = 0.75 * float(np.linalg.norm(pts[3] - pts[0])) + 4
    x0, y0 = (centre - half).astype(int)
    x1, y1 = (centre + half).astype(int)
    pad = max(0, -x0, -y0, x1 - image.shape[1], y1 - image.shape[0])
    padded = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT)
    return cv2.resize(padded[y0 + pad:y1 + pad, x0 + pad:x1 + pad], (size, size), interpolation=cv2.INTER_AREA)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--driver", default="lp_d18")
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument("--mouth", choices=("driver", "synthetic", "engine-default"), default="driver")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/expression"))
    parser.add_argument("--compare", type=Path, default=None, help="an earlier run's -o folder: its rows join the sheets")
    args = parser.parse_args()
    import imageio.v3 as iio

    args.output.mkdir(parents=True, exist_ok=True)
    with open_video(SHARED / "driving" / f"{args.driver}.mp4") as video:
        fps = video.fps
        frames = [f for _, f in zip(range(args.frames), video.frames())]
    track = track_frames(iter(frames), fps)
    motion = extract_motion(track)
    driver = features(track.landmarks)
    order = np.argsort(driver["mouth"])
    widest = np.sort(order[[-1, -len(order) // 8, -len(order) // 4]])  # the widest, a wide and an open frame
    rows, results = [], {}
    for case in args.cases.split(","):
        image, face_index = portrait(case)
        lm = track_image(image, face_index=face_index).landmarks[0]
        targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
        if args.mouth == "engine-default":
            animator = MeshAnimator(image, lm)
            outs = [animator.render(t) for t in targets]
        else:
            from facereel.engines.mesh.open_mouth.mouth import DriverFrame

            animator = MeshAnimator(image, lm, MeshOptions(mouth_interior=args.mouth))
            outs = [animator.render(t, driver=DriverFrame(f, d)) for t, f, d in zip(targets, frames, track.landmarks)]
        output = features(track_frames(iter(outs), fps, face_index=face_index).landmarks)
        baseline = features(track_frames(iter([image] * len(frames)), fps, face_index=face_index).landmarks)
        results[case] = {"target": compare(features(targets), driver), "output": compare(output, driver),
                         "baseline": compare(baseline, driver)}
        sheet = [np.hstack([crop_at(frames[k], track.landmarks[k]) for k in widest]),
                 np.hstack([crop_at(outs[k], targets[k]) for k in widest])]
        earlier = args.compare / f"{case}_row.png" if args.compare else None
        if earlier is not None and earlier.exists():
            sheet.insert(1, iio.imread(earlier))
        iio.imwrite(args.output / f"{case}_row.png", sheet[-1])
        iio.imwrite(args.output / f"{case}.png", np.vstack(sheet))
        r = results[case]
        rows.append(f"| {case} | {r['target']['mouth_ratio']:.2f} | {r['baseline']['mouth_ratio']:.2f} | "
                    f"{r['output']['mouth_ratio']:.2f} | {r['output']['mouth_corr']:.2f} | "
                    f"{r['baseline']['eyes_ratio']:.2f} | {r['output']['eyes_ratio']:.2f} | "
                    f"{r['output']['eyes_corr']:.2f} | {r['output']['gaze_corr']:.2f} |")
    (args.output / "results.json").write_text(json.dumps(results, indent=1))
    print(f"{platform.machine()}, {date.today()}, driver {args.driver} ({args.frames} frames), mouth {args.mouth}")
    print("| portrait | target mouth ratio | baseline mouth ratio | mouth ratio | mouth corr | "
          "baseline eye ratio | eye ratio | eye corr | gaze corr |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
