"""The face's outline on shadow or hair smeared across a turned cheek (`rim_shadow.py`,
`figures/rim_smear.py`): preset:turn's diagonal frames at 512 px, with `rim_shadow.RIM_STRETCH` and without
(the stretch limit alone, the engine before), beside the source repeated; and talk's flicker.

For each portrait (the public-domain grace_hopper and astronaut, then ../shared/data's) resized to 512 px on
its longer side as `animate --size 512` does, preset:turn (2 s, 50 frames, no smoothing) frames 31-43 (yaw
-30..-45 deg with pitch to -25: the diagonal extremes; `--frames` others) are rendered; per frame `rim_smear`
(share of the drawn lower face not the photo's skin colour, less the photo's), `MeshAnimator.warp_health` and
whether the tracker finds the face again. Prints the figures and the per-source cost of `rim_shadow.rim_shadow`
(CPU ms).

`--talk`: grace_hopper at half size (300x256) on preset:talk (lips and eyes, 16 frames at 30 fps), the static
re-render of tests/v2v `test_a_jittering_source_track_does_not_shimmer`: mean frame-to-frame change above the
nose base (grey levels; the source repeated: 0) now, before, and with the limit eased in on every frame (the
turn's weight held at 1: the hard 1x limit of the first try).

Run: cd bench && PYTHONPATH=../src ../.venv/bin/python rim_smear.py [--portraits grace_hopper,lp_s1]
[--frames 6,12,18] [--talk]
"""

from __future__ import annotations

import argparse
import time

import cv2
import numpy as np
from warp_health import portraits

from facereel.animate.inputs import Source, drive
from facereel.engines.mesh import MeshAnimator, animator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.rim_smear import rim_smear
from facereel.engines.mesh.geometry import rim_shadow
from facereel.errors import InputError
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.resample import resample
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


def run(image: np.ndarray, lm: np.ndarray, targets: np.ndarray, frames: tuple[int, ...]
        ) -> list[tuple[float, float, bool]]:
    """(rim smear, warp health, face found) per frame of `frames`."""
    mesh = MeshAnimator(image, lm)
    out = []
    for k in frames:
        frame = mesh.render(targets[k])
        out.append((rim_smear(frame, image, lm, mesh.vertices[: len(lm)] + mesh.origin), mesh.warp_health,
                    found(frame)))
    return out


def talk_flicker(image: np.ndarray) -> float:
    """Mean absolute frame-to-frame change above the nose base (grey levels) of `image` re-rendered on
    preset:talk's first 16 frames at 30 fps (lips and eyes), as tests/v2v's static re-render."""
    lm = track_image(image).landmarks[0]
    motion = resample(preset_motion("talk"), 30.0)
    mesh = MeshAnimator(image, lm)
    targets = drive(Source(image, lm), motion, RetargetOptions(regions=frozenset({"lips", "eyes"})))[:16]
    frames = [mesh.render(t).astype(int) for t in targets]
    top = int(lm[2, 1])
    return float(np.mean([np.abs(a[:top] - b[:top]).mean() for a, b in zip(frames, frames[1:])]))


def talk(image: np.ndarray) -> None:
    """Prints `talk_flicker` of `image` now, before and with the limit eased in on every frame."""
    now = talk_flicker(image)
    eased = animator.eased_limits
    animator.eased_limits = lambda limits, weight, turn: eased(limits, weight, 1.0)
    always = talk_flicker(image)
    animator.eased_limits = eased
    limit = rim_shadow.RIM_STRETCH
    rim_shadow.RIM_STRETCH = np.inf
    before = talk_flicker(image)
    rim_shadow.RIM_STRETCH = limit
    print(f"talk flicker above the mouth (grace_hopper 300x256, grey levels): source repeated 0; before "
          f"{before:.4f}, now {now:.4f}, eased in on every frame {always:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default=None)
    parser.add_argument("--frames", default=",".join(map(str, FRAMES)))
    parser.add_argument("--talk", action="store_true")
    args = parser.parse_args()
    wanted = None if args.portraits is None else set(args.portraits.split(","))
    frames = tuple(int(k) for k in args.frames.split(","))
    print(f"frames {frames}: rim smear / warp health, * = face not found again")
    for name, image in portraits():
        if wanted is not None and name not in wanted:
            continue
        image = np.ascontiguousarray(at_size(image))
        lm = track_image(image).landmarks[0]
        targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
        now = run(image, lm, targets, frames)
        limit = rim_shadow.RIM_STRETCH
        rim_shadow.RIM_STRETCH = np.inf  # the stretch limit alone: the engine before
        before = run(image, lm, targets, frames)
        rim_shadow.RIM_STRETCH = limit
        mesh = MeshAnimator(image, lm)
        start = time.process_time()
        weight = rim_shadow.rim_shadow(mesh.source[mesh.box[1]:mesh.box[3], mesh.box[0]:mesh.box[2]], lm,
                                        mesh.origin, lm[:, :2] - mesh.origin, mesh._skin_tris, face_size(lm))
        cost = 1000 * (time.process_time() - start)

        def row(v: list[tuple[float, float, bool]]) -> str:
            return " ".join(f"{s:.3f}/{h:.3f}{'' if f else '*'}" for s, h, f in v)

        print(f"{name}: source repeated {rim_smear(image, image, lm, lm):.3f}; {int((weight > 0).sum())} triangles"
              f" marked ({cost:.0f} ms CPU)\n  before {row(before)}\n  now    {row(now)}")
    if args.talk:
        talk(dict(portraits())["grace_hopper"][::2, ::2].copy())


if __name__ == "__main__":
    main()
