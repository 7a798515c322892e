"""The moved chin's lower outline (issue #9): `chin_outline.chin_kinks`, the sharpest bend (a corner, a step) of
the drawn head alpha's outline under the chin (px), for any version of the engine, beside the
source repeated.

Renders lp_d18 (the mouth opened wide, `D18_FRAMES`, retargeted as `facereel animate` does from the
driver's first `D18_LENGTH` frames) and preset:laugh (`LAUGH_FRAMES` of 2 s) with the engine first on
PYTHONPATH and reads the figure with this checkout's `chin_outline.py` (loaded by its path, so an engine
without it is read the same way). The source repeated: the animator before any render (its own head
alpha, which at rest lies over its own photo and shows nothing). Prints one Markdown row per portrait:
mean / max over the frames.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/chin_outline.py [--label before]
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
from datetime import datetime, timezone

import numpy as np
from jaw_outline import ROOT, SHARED
from jaw_outline import _portrait as portrait

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = ("lp_s1", "lp_s5", "lp_s12", "sr_4", "astronaut")
D18_LENGTH = 150
D18_FRAMES = (70, 85, 123, 140)  # lp_d18's mouth wide open
LAUGH_FRAMES = (12, 25, 37)


def _kinks(figures, animator: MeshAnimator, landmarks: np.ndarray) -> float:
    """The figure on the animator's last drawn alpha for that frame's (478, 3) px landmarks."""
    return figures.chin_kinks(animator.drawn_alpha(), landmarks[152, :2] - animator.origin, face_size(landmarks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="this engine")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("chin_outline", ROOT / "src/facereel/engines/mesh/head_mask/chin_outline.py")
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    driving = SHARED / "driving" / "lp_d18.mp4"
    d18 = None
    if driving.exists():
        with open_video(driving) as video:
            fps = video.fps
            frames = [f for _, f in zip(range(D18_LENGTH), video.frames())]
        d18 = extract_motion(track_frames(iter(frames), fps))
    laugh = preset_motion("laugh", 2.0)
    print(f"{platform.node()} {platform.machine()}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"| portrait x driver | {args.label}: sharpest bend of the chin's outline, px (mean / max) | source repeated |")
    print("|---|---|---|")
    drivers = [(label, motion, picks) for label, motion, picks in
               (("lp_d18", d18, D18_FRAMES), ("preset:laugh", laugh, LAUGH_FRAMES)) if motion is not None]
    images = {name: image for name, image in ((n, portrait(n)) for n in PORTRAITS) if image is not None}
    for name, image in images.items():
        lm = track_image(image).landmarks[0]
        for label, motion, picks in drivers:
            targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
            animator = MeshAnimator(image, lm)
            still = _kinks(figures, animator, lm)
            kinks = []
            for k in picks:
                animator.render(targets[k])
                kinks.append(_kinks(figures, animator, targets[k]))
            print(f"| {name} x {label} | {np.mean(kinks):.2f} / {max(kinks):.2f} | {still:.2f} |", flush=True)


if __name__ == "__main__":
    main()
