"""The expression editor on real portraits: how fast a slider change re-renders the still (the web app's
live preview), and how far each slider at 1.0 moves the re-tracked feature it names, beside the do-nothing
baseline (the portrait re-rendered with every slider at 0, re-tracked: tracker + render noise).

Usage: python bench/edit_preview.py [--renders 30]
Portraits: scikit-image's astronaut and ../shared/data/portraits lp_s0, lp_s3, sr_4 when present.
Speed: `StillEditor` setup once per portrait, then per change: retarget + render (`render ms`) and, as the
app serves it, + JPEG preview encode (`served ms`); sliders drawn at random within their ranges.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import numpy as np

from facereel.animate.edit import StillEditor
from facereel.app.editor import _encode
from facereel.face.pose import estimate_pose, euler_degrees
from facereel.face.tracking import track_image
from facereel.animate.inputs import Source, load_source, source_from_image
from facereel.motion.features import FEATURE_NAMES, expression_features
from facereel.motion.slider_options import RANGES, Sliders

PORTRAITS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "portraits"
# slider at 1.0 (pose: degrees) -> the re-tracked measure it names
CHECKS = {
    "smile=1": (Sliders(smile=1), "mouth_corner_height"),
    "mouth_open=1": (Sliders(mouth_open=1), "mouth_open"),
    "brow_raise=1": (Sliders(brow_raise=1), "brow_height (mean)"),
    "blink_left=1": (Sliders(blink_left=1), "eye_open_left"),
    "blink_right=1": (Sliders(blink_right=1), "eye_open_right"),
    "gaze=1,0": (Sliders(gaze=(1, 0)), "gaze_x (mean)"),
    "gaze=0,1": (Sliders(gaze=(0, 1)), "gaze_y (mean)"),
    "yaw=15": (Sliders(yaw=15), "yaw deg"),
    "pitch=-10": (Sliders(pitch=-10), "pitch deg"),
    "roll=10": (Sliders(roll=10), "roll deg"),
}


def portraits() -> list[tuple[str, Source]]:
    import skimage.data

    out = [("astronaut 512x512", source_from_image(np.ascontiguousarray(skimage.data.astronaut())))]
    for name in ("lp_s0", "lp_s3", "sr_4"):
        path = next(iter(sorted(PORTRAITS.glob(f"{name}.*"))), None)
        if path is not None:
            source = load_source(path)
            out.append((f"{name} {source.image.shape[1]}x{source.image.shape[0]}", source))
    return out


def measure(image: np.ndarray) -> tuple[dict[str, float], np.ndarray]:
    pose, canonical, _ = estimate_pose(track_image(image).landmarks)
    f = dict(zip(FEATURE_NAMES, expression_features(canonical)[0].tolist(), strict=True))
    f["brow_height (mean)"] = (f["brow_height_right"] + f["brow_height_left"]) / 2
    f["gaze_x (mean)"] = (f["gaze_x_right"] + f["gaze_x_left"]) / 2
    f["gaze_y (mean)"] = (f["gaze_y_right"] + f["gaze_y_left"]) / 2
    return f, pose.rotation[0]


def change(source: np.ndarray, edited: np.ndarray, what: str) -> float:
    (f0, r0), (f1, r1) = measure(source), measure(edited)
    if what.endswith(" deg"):
        return float(euler_degrees((r0.T @ r1)[None])[0][("yaw", "pitch", "roll").index(what.split()[0])])
    return f1[what] - f0[what]


def random_sliders(rng: np.random.Generator) -> Sliders:
    v = {name: float(rng.uniform(*RANGES[name])) for name in RANGES}
    return Sliders(**{k: v[k] for k in RANGES if not k.startswith("gaze")}, gaze=(v["gaze_x"], v["gaze_y"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--renders", type=int, default=30)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load average {os.getloadavg()[0]:.1f}")
    speed, accuracy = [], {}
    for label, source in portraits():
        t = time.perf_counter()
        editor = StillEditor(source)
        setup = time.perf_counter() - t
        render, served = [], []
        for _ in range(args.renders):
            sliders = random_sliders(rng)
            t = time.perf_counter()
            image = editor.render(sliders)
            render.append(time.perf_counter() - t)
            _encode(image, "jpeg")
            served.append(time.perf_counter() - t)
        speed.append(f"| {label} | {setup * 1e3:.0f} | {np.median(render) * 1e3:.1f} ({np.percentile(render, 90) * 1e3:.1f}) "
                     f"| {np.median(served) * 1e3:.1f} ({np.percentile(served, 90) * 1e3:.1f}) |")
        baseline = editor.render(Sliders())
        for case, (sliders, what) in CHECKS.items():
            accuracy.setdefault(case, []).append(
                (change(source.image, editor.render(sliders), what), change(source.image, baseline, what), what))
    print(f"\n{args.renders} random slider changes per portrait; median (p90) ms\n")
    print("| portrait | setup ms | render ms | served ms (+ JPEG preview) |\n|---|---|---|---|")
    print("\n".join(speed))
    names = [label.split()[0] for label, _ in portraits()]
    print("\nre-tracked change of the named measure: slider | do-nothing baseline (all sliders 0), per portrait\n")
    print(f"| slider | measure | {' | '.join(names)} |\n|---|---|{'---|' * len(names)}")
    for case, rows in accuracy.items():
        print(f"| {case} | {rows[0][2]} | " + " | ".join(f"{a:+.3f} / {b:+.3f}" if not rows[0][2].endswith("deg")
                                                      else f"{a:+.1f} / {b:+.1f}" for a, b, _ in rows) + " |")


if __name__ == "__main__":
    main()
