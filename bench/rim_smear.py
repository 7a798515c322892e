"""The face's outline on shadow or hair smeared across a turned cheek (`rim_shadow.py`,
`figures/rim_smear.py`): preset:turn's diagonal frames at 512 px, with `rim_shadow.RIM_STRETCH` and without
(the stretch limit alone, the engine before), beside the source repeated.

For each portrait (the public-domain grace_hopper and astronaut, then ../shared/data's) resized to 512 px on
its longer side as `animate --size 512` does, preset:turn (2 s, 50 frames, no smoothing) frames 31-43 (yaw
-30..-45 deg with pitch to -25: the diagonal extremes) are rendered; per frame `rim_smear` (share of the
drawn lower face not the photo's skin colour, less the photo's), `MeshAnimator.warp_health` and whether the
tracker finds the face again. Prints the figures and the per-source cost of `unskinned_rim` (CPU ms).

Run: PYTHONPATH=src .venv/bin/python bench/rim_smear.py [--portraits grace_hopper,lp_s1]
"""

from __future__ import annotations

import argparse
import time

import cv2
import numpy as np
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator, rim_shadow
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.rim_smear import rim_smear
from facereel.errors import InputError
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (31, 33, 35, 37, 39, 41, 43)
SIZE = 512


def at_size(image: np.ndarray) -> np.ndarray:
    """`image` resized so its longer side is `SIZE` px."""
    scale = SIZE / max(image.shape[:2])
    if scale == 1:
        return image
    return cv2.resize(image, (round(image.shape[1] * scale), round(image.shape[0] * scale)),
                      interpolation=cv2.INTER_AREA)


def found(frame: np.ndarray) -> bool:
    try:
        return track_image(frame).landmarks[0] is not None
    except InputError:
        return False


def run(image: np.ndarray, lm: np.ndarray, targets: np.ndarray) -> list[tuple[float, float, bool]]:
    """(rim smear, warp health, face found) per frame of `FRAMES`."""
    mesh = MeshAnimator(image, lm)
    out = []
    for k in FRAMES:
        frame = mesh.render(targets[k])
        out.append((rim_smear(frame, image, lm, mesh.vertices[: len(lm)] + mesh.origin), mesh.warp_health,
                    found(frame)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default=None)
    args = parser.parse_args()
    wanted = None if args.portraits is None else set(args.portraits.split(","))
    print(f"frames {FRAMES}: rim smear / warp health, * = face not found again")
    for name, image in portraits():
        if wanted is not None and name not in wanted:
            continue
        image = np.ascontiguousarray(at_size(image))
        lm = track_image(image).landmarks[0]
        targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
        now = run(image, lm, targets)
        limit = rim_shadow.RIM_STRETCH
        rim_shadow.RIM_STRETCH = np.inf  # the stretch limit alone: the engine before
        before = run(image, lm, targets)
        rim_shadow.RIM_STRETCH = limit
        mesh = MeshAnimator(image, lm)
        start = time.process_time()
        weight = rim_shadow.rim_shadow(mesh.source[mesh.box[1]:mesh.box[3], mesh.box[0]:mesh.box[2]], lm,
                                        mesh.origin, lm[:, :2] - mesh.origin, mesh._skin_tris, face_size(lm))
        cost = 1000 * (time.process_time() - start)

        def row(v: list[tuple[float, float, bool]]) -> str:
            return " ".join(f"{s:.3f}/{h:.3f}{'' if f else '*'}" for s, h, f in v)

        print(f"{name}: source repeated {rim_smear(image, image, lm, lm):.3f}; {int((weight > 0).sum())} triangles marked"
              f" ({cost:.0f} ms CPU)\n  before {row(before)}\n  now    {row(now)}")


if __name__ == "__main__":
    main()
