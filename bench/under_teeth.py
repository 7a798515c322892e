"""What a widened opening shows under a photo's own teeth (`engines/mesh/figures/under_teeth.py`), beside the source
repeated and the engine before h22-fresh (the photo's whole interior carried with the upper lip over procedural
teeth).

Usage: python bench/under_teeth.py [--portraits sr_18,sr_8,lp_s1] [--frame lp_d3:18]
Portraits at 512 px (`far_tear.at_size`), and a driving video's frame as a portrait (`--frame VIDEO:INDEX`: lp_d3's
frame 18, a grin with clenched teeth), opened by preset:laugh (every third frame, synthetic interior: as a closed
driver mouth leaves it); `line` (lip-coloured px per mouth width at the photo's interior's reach) and `second row`
(teeth px per mouth width below it), mean and max over the frames.
"""

from __future__ import annotations

import argparse

import numpy as np
from driven_mouth import named_portraits
from far_tear import at_size
from reenact import SHARED

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.under_teeth import under_teeth
from facereel.engines.mesh.open_mouth import mouth, mouth_synthetic
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour
from facereel.face.tracking import track_image
from facereel.media.video import open_video
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _engine_before(use: bool) -> None:
    """Make `mouth` draw as before h22-fresh (`use`) or as now."""
    mouth.above_lower_lip = (lambda lower, shape: np.ones(shape, np.float32)) if use else _CARRIED
    mouth.synthetic_interior = (lambda *args, teeth_rows: _SYNTHETIC(*args)) if use else _SYNTHETIC


_CARRIED, _SYNTHETIC = mouth.above_lower_lip, mouth_synthetic.synthetic_interior


def _reads(image: np.ndarray, lm: np.ndarray, before: bool) -> np.ndarray:
    """(T, 2) `under_teeth` of preset:laugh's every third frame on the photo."""
    _engine_before(before)
    targets = retarget(lm, preset_motion("laugh", 4.0), RetargetOptions().for_engine("mesh"))[::3]
    animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
    lip = lip_colour(image, lm)
    return np.array([under_teeth(animator.render(t), t, lm, lip) for t in targets])


def _cell(read: np.ndarray) -> str:
    return f"{read[:, 0].mean():.2f} / {read[:, 0].max():.2f}, {read[:, 1].mean():.2f} / {read[:, 1].max():.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="sr_18,sr_8,lp_s1")
    parser.add_argument("--frame", default="lp_d3:18")
    args = parser.parse_args()
    faces = [(name, at_size(photo)) for name, photo in named_portraits(args.portraits)]
    video, index = args.frame.split(":")
    with open_video(SHARED / "driving" / f"{video}.mp4") as frames:
        frame = next(f for k, f in enumerate(frames.frames()) if k == int(index))
    faces.append((args.frame, (frame, track_image(frame).landmarks[0])))
    read = "line mean / max, second row mean / max (px per mouth width)"
    print(f"| portrait | source repeated {read} | engine before | engine |\n|---|---|---|---|")
    for name, (image, lm) in faces:
        still = np.array([under_teeth(image, lm, lm, lip_colour(image, lm))])
        print(f"| {name} | {_cell(still)} | {_cell(_reads(image, lm, True))} | {_cell(_reads(image, lm, False))} |")
    _engine_before(False)


if __name__ == "__main__":
    main()
