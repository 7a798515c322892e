"""The wall drawn inside the moved head by its ears on preset:turn (`figures.ear_wall`), per portrait at 512 px.

For each portrait (--portraits; the astronaut's near ear is the case, issue #9), resized to 512 px on its longer
side as `facereel animate --size 512` does, the mesh engine renders preset:turn (2 s, retargeted as `facereel
animate` does, no smoothing) in order; `ear_wall` (each side of the image) of frames --frames (default 28-44,
where the astronaut's near ear lies over her neck and the jaw's unfolded band) with the landmarks the engine drew,
beside the do-nothing baseline (the source repeated: the photo with its own landmarks, the layer's alpha and
plate). --before renders with the engine before the ears' strips were matted and the notch under the lobe left
out of the head (`ear_matte.ear_strips` and `jaw_edge.background_pixels` given nothing).

Run: PYTHONPATH=src .venv/bin/python bench/ear_wall.py [--portraits astronaut,sr_18] [--frames 28-44] [--before]
Prints a Markdown table: per portrait and side of the image, the source repeated's, the frames' sum and max and
each frame's.
"""

from __future__ import annotations

import argparse

import numpy as np
from far_tear import at_size
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator, animator as animator_module
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.ear_wall import ear_wall, wall_beside_ears
from facereel.engines.mesh.geometry import head_proxy
from facereel.engines.mesh.geometry.rim_shadow import face_oval
from facereel.engines.mesh.head_mask.face_colours import face_colours
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def walls(image: np.ndarray, lm: np.ndarray, frames: range) -> dict[str, tuple[int, list[int]]]:
    """Per side of the image (left, right): `ear_wall` on the source repeated and on each of `frames` of
    preset:turn rendered from `image` with landmarks `lm`."""
    animator = MeshAnimator(image, lm)
    x0, y0, x1, y1 = animator.box
    crop, origin, size = image[y0:y1, x0:x1], animator.origin, face_size(lm)
    wall = wall_beside_ears(crop, lm, origin, size, animator.mask.person)
    skin = face_colours(crop, lm, origin, face_oval(crop.shape[:2], lm, origin)[0]).skin
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    out: dict[int, list[int]] = {-1: [], 1: []}
    for k in range(frames.stop):
        frame = animator.map_frame(targets[k])
        pixels = animator.draw(frame)
        if k in frames:
            for side, values in out.items():
                values.append(ear_wall(pixels[y0:y1, x0:x1], animator.drawn_alpha(), animator.drawn_layer()[1],
                                       frame.target, origin, size, wall, skin, side))
    return {name: (ear_wall(crop, animator.layer.alpha, animator.layer.plate, lm, origin, size, wall, skin, side),
                   out[side]) for name, side in (("left", -1), ("right", 1))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="astronaut,grace_hopper,sr_18,lp_s1")
    parser.add_argument("--frames", default="28-44", help="first-last frame of preset:turn (2 s)")
    parser.add_argument("--before", action="store_true", help="the engine before the ears' strips were matted")
    args = parser.parse_args()
    if args.before:
        animator_module.ear_strips = lambda shape, *rest: np.zeros(shape, bool)
        head_proxy.background_pixels = lambda colours, *rest: np.zeros(colours.lab.shape[:2], bool)
    first, last = (int(v) for v in args.frames.split("-"))
    wanted = args.portraits.split(",")
    print("| portrait | image side | source repeated | frames sum / max | per frame |")
    print("|---|---|---|---|---|")
    for name, image in portraits():
        if name not in wanted:
            continue
        for side, (base, values) in walls(*at_size(image), range(first, last + 1)).items():
            print(f"| {name} | {side} | {base} | {sum(values)} / {max(values)} | {' '.join(str(v) for v in values)} |")


if __name__ == "__main__":
    main()
