"""Why sr_8's wide rendered opening is read as closed (issue #9 item 3): the target's lower-face geometry
beside the driver's and two portraits whose openings are read, and the re-tracked opening of variants.

Usage: python bench/mouth_tracker_limit.py [--frame 82] [--portraits sr_8,sr_4,lp_s1] [-o bench-out/tracker]
lp_d18's frame 0 (closed) is the reference, `--frame` a wide opening. Per portrait (full size, default
retargeting without smoothing, `--mouth driver`): the source, target and driver's canonical distances (units
of `face.pose`: inner-lip gap 13-14, lower lip 14-17, lip to chin 17-152, mouth width 61-291) and the
re-tracked mouth_open (`motion.features`, still-image tracking) of the rendered frame beside the
target's. Variants on the first portrait: the opening taken part of the way (a share of the target's
offset from the source), and the chin lowered (points below the lower lip moved down along the nose-chin
line, ramped from the outer lower lip to the chin in the source's layout, by so many canonical units).
Baseline: the source re-tracked. Contact sheet <out>/<portrait>.png: the render with the target's (green)
and the re-tracked (red) inner lips and face oval, then the variants.
"""

from __future__ import annotations

import argparse
import platform
from datetime import date
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np
from mouth_teeth import SHARED, _portrait

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.errors import InputError
from facereel.face import landmark_ids as ids
from facereel.face.face_track import FaceTrack
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.features import INDEX, expression_features
from facereel.motion.retarget import RetargetOptions, retarget

PAIRS = {"gap": (13, 14), "lower lip": (14, 17), "lip-chin": (17, 152), "width": (61, 291)}


def canonical(landmarks: np.ndarray) -> tuple[dict[str, float], float]:
    """({name: canonical distance of `PAIRS`}, mouth_open feature) of (478, 3) px landmarks."""
    _, can, _ = estimate_pose(landmarks[None])
    dist = {k: float(np.linalg.norm(can[0, a, :2] - can[0, b, :2])) for k, (a, b) in PAIRS.items()}
    return dist, float(expression_features(can)[0, INDEX["mouth_open"]])


def read_open(frame: np.ndarray) -> tuple[float, np.ndarray | None]:
    """(re-tracked mouth_open, landmarks) of a rendered frame, NaN and None when no face is found."""
    try:
        lm = track_image(frame).landmarks[0]
    except InputError:  # no face found: a result here
        return float("nan"), None
    return canonical(lm)[1], lm


def chin_lowered(target: np.ndarray, source: np.ndarray, units: float) -> np.ndarray:
    """`target` (478, 3) px with its points below the lower lip moved `units` canonical units down the
    nose-chin line, ramped 0 -> 1 from the outer lower lip (17) to the chin (152) in the source's layout."""
    along = source[152, :2] - source[1, :2]
    s = source[:, :2] @ (along / np.linalg.norm(along))
    weight = np.clip((s - s[17]) / (s[152] - s[17]), 0, 1)
    weight[list(ids.INNER_LOWER_LIP)] = 0
    down = target[152, :2] - target[1, :2]
    _, can, _ = estimate_pose(target[None])
    px_per_unit = np.linalg.norm(down) / np.linalg.norm(can[0, 152, :2] - can[0, 1, :2])
    out = target.copy()
    out[:, :2] += (units * px_per_unit) * weight[:, None] * (down / np.linalg.norm(down))
    return out


def drawn(frame: np.ndarray, lines: list[tuple[np.ndarray, tuple[int, int, int]]], box: tuple[int, ...]
          ) -> np.ndarray:
    """`frame` cut to `box` (x0, y0, x1, y1) with each (landmarks, colour)'s inner lips and oval drawn."""
    out = frame.copy()
    for lm, colour in lines:
        for path in (INNER_LIP_CONTOUR, list(ids.FACE_OVAL)):
            cv2.polylines(out, [np.round(lm[path, :2]).astype(np.int32)], True, colour, 2)
    x0, y0, x1, y1 = box
    return cv2.resize(out[y0:y1, x0:x1], (300, 300), interpolation=cv2.INTER_AREA)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frame", type=int, default=82)
    parser.add_argument("--portraits", default="sr_8,sr_4,lp_s1")
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/tracker"))
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    with open_video(SHARED / "driving" / "lp_d18.mp4") as video:
        frames = [f for _, f in zip(range(args.frame + 1), video.frames())]
    driver_lm = track_frames(iter(frames), 25.0).landmarks[[0, args.frame]]
    motion = extract_motion(FaceTrack(landmarks=driver_lm, valid=np.ones(2, bool),
                                      confidence=np.ones(2, np.float32), fps=25.0, frame_size=(0, 0)))
    driver = DriverFrame(frames[args.frame], driver_lm[1])
    print(f"{platform.machine()}, {date.today()}, lp_d18 frames 0 -> {args.frame}")
    print("| portrait | case | gap | lower lip | lip-chin | width | mouth_open | re-tracked (baseline) |")
    print("|---|---|---|---|---|---|---|---|")
    dist, open_ = canonical(driver_lm[1])
    print(f"| lp_d18 | driver | {' | '.join(f'{dist[k]:.2f}' for k in PAIRS)} | {open_:.2f} | |")
    for first, name in zip([True] + [False] * 9, args.portraits.split(",")):
        image = _portrait(name, 0)
        lm = track_image(image).landmarks[0]
        target = retarget(lm, motion, RetargetOptions(smoothing=None).for_engine("mesh"))[1]
        animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="driver"))
        baseline = read_open(image)[0]
        cases = [("source", lm), ("target", target)]
        if first:
            cases += [(f"opening x{share:g}", lm + share * (target - lm)) for share in (0.25, 0.5, 0.75)]
            cases += [(f"chin lowered {units:g}", chin_lowered(target, lm, units))
                      for units in (0.1, 0.2, 0.3)]
        sheet = []
        for case, points in cases:
            dist, open_ = canonical(points)
            out = image if case == "source" else animator.render(points, driver=driver)
            read, seen = read_open(out)
            print(f"| {name} | {case} | {' | '.join(f'{dist[k]:.2f}' for k in PAIRS)} | {open_:.2f} | "
                  f"{read:.2f} ({baseline:.2f}) |")
            mouth = points[list(INNER_LIP_CONTOUR) + [152], :2]
            half = 1.3 * float(np.ptp(mouth, 0).max())
            cx, cy = mouth.mean(0)
            box = (max(int(cx - half), 0), max(int(cy - half), 0), int(cx + half), int(cy + half))
            lines = [(points, (0, 255, 0))] + ([(seen, (255, 0, 0))] if seen is not None else [])
            sheet.append(drawn(out, lines, box))
        iio.imwrite(args.output / f"{name}.png", np.hstack(sheet))


if __name__ == "__main__":
    main()
