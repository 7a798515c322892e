"""A rolled face (issue #9): the shared portraits turned by a known angle and edited, against the upright ones edited
and turned (`figures.rolled_neck`).

Prints one Markdown row per case: the lower face outline's distance from the upright track turned (`oval_off`, px)
before (the tracker's axis-aligned crop) and now (`track_image`: a level crop past `face.roll.ROLL_LIMIT`), and the
grey departure from the upright frame turned round the lower face outline (`departure`) and
`TonePatch.straight_step` for the source repeated (the baseline), the engine before (a `MeshAnimator` on the turned
photo with the tracker's landmarks before) and now (`choose_engine.mesh_animator` with `track_image`'s: the photo
turned upright, `rolled_face.Upright`).

With --speed: CPU seconds (process time) of the tracking, the set-up and a frame (the mean of 10), before and now.

Run: PYTHONPATH=src .venv/bin/python bench/rolled_face.py [--speed]
"""

from __future__ import annotations

import argparse
import time

import cv2
import numpy as np
from cpu_time import setup_and_frames

from facereel.animate.edit import edit_retarget
from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.rolled_neck import departure, oval_off, turned, turned_points
from facereel.engines.mesh.figures.tone_patch import TonePatch
from facereel.face.tracking import FaceTracker, track_image
from facereel.motion.retarget import retarget
from facereel.motion.sliders import Sliders, still_motion

SHARED = "../shared/data/portraits/"
CASES = {"lp_s1.jpg turned 30": ("lp_s1.jpg", 700, 30.0, (235, 235, 235), Sliders(pitch=-10.0)),
         "lp_s3.jpg turned -32": ("lp_s3.jpg", 662, -32.0, (60, 50, 40), Sliders(yaw=-10.0)),
         "lp_s1.jpg turned 22": ("lp_s1.jpg", 700, 22.0, (235, 235, 235), Sliders(pitch=-10.0))}
"""Case: (portrait, longer side px, turn deg (counter-clockwise as seen), the corners' fill, the edit): h29-fresh3's
sweep's pictures (as tests/mesh/test_rolled_face.py); turned 22 it reads 17.0 deg, under the old `ROLL_LIMIT` 20 (its
"before" is the engine before h30-rolled too)."""


def tracked_before(image: np.ndarray) -> np.ndarray:
    """(478, 3) px: the face of (H, W, 3) uint8 RGB `image` as the tracker read it before (its axis-aligned crop)."""
    with FaceTracker(video=False) as tracker:
        return tracker(image)


def case(name: str) -> dict:
    """The upright portrait of case `name` at its size, edited, and the same turned: images, landmarks and
    targets."""
    portrait, side, angle, fill, sliders = CASES[name]
    source = load_source(SHARED + portrait)
    k = side / max(source.image.shape[:2])
    size = (round(source.image.shape[1] * k), round(source.image.shape[0] * k))
    image = cv2.resize(source.image, size, interpolation=cv2.INTER_AREA)
    lm = source.landmarks * np.float32(k)
    target = retarget(lm, still_motion(sliders), edit_retarget(AnimateOptions(engine="mesh"), "mesh"))[-1]
    rolled = turned(image, angle, fill)
    return {"image": image, "lm": lm, "target": target, "rolled": rolled, "angle": angle, "size": size,
            "truth": turned_points(lm, angle, size), "rolled_target": turned_points(target, angle, size)}


def row(name: str) -> str:
    """The Markdown row of one turned portrait."""
    c = case(name)
    options = mesh_options(AnimateOptions())
    expected = turned(mesh_animator(c["image"], c["lm"], options).render(c["target"]), c["angle"], (0, 0, 0))
    inside = turned(np.full_like(c["image"], 255), c["angle"], (0, 0, 0))[..., 0] == 255
    before, now = tracked_before(c["rolled"]), track_image(c["rolled"]).landmarks[0]
    figure = TonePatch(c["rolled"], now)
    frames = [c["rolled"], MeshAnimator(c["rolled"], before, options).render(c["rolled_target"]),
              mesh_animator(c["rolled"], now, options).render(c["rolled_target"])]
    cells = " | ".join(f"{departure(f, expected, c['rolled_target'], inside):.2f} / "
                       f"{figure.straight_step(f, c['rolled_target']):.2f}" for f in frames)
    return (f"| {name} | {oval_off(before, c['truth']):.2f} -> {oval_off(now, c['truth']):.2f} "
            f"| {cells} |")


def speed_rows(name: str) -> list[str]:
    """Markdown rows: the tracking's, the set-up's and a frame's CPU time, before and now, for one turned portrait."""
    c = case(name)
    options = mesh_options(AnimateOptions())
    out = []
    for label, track, make in (("before", tracked_before, MeshAnimator),
                               ("now", lambda im: track_image(im).landmarks[0], mesh_animator)):
        t0 = time.process_time()
        lm = track(c["rolled"])
        tracking = time.process_time() - t0
        setup, per_frame = setup_and_frames(lambda make=make, lm=lm: make(c["rolled"], lm, options),
                                            lambda animator, _: animator.render(c["rolled_target"]), 10)
        out.append(f"| {name} | {label} | {tracking:.2f} | {setup:.2f} | {per_frame:.1f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="CPU time of the tracking, set-up and a frame")
    args = parser.parse_args()
    if args.speed:
        print("| case | engine | tracking CPU s | set-up CPU s | frame CPU ms |\n|---|---|---|---|---|")
        for name in CASES:
            print("\n".join(speed_rows(name)), flush=True)
        return
    print("| case | outline off px, before -> now | source repeated | before | now |\n|---|---|---|---|---|")
    for name in CASES:
        print(row(name), flush=True)


if __name__ == "__main__":
    main()
