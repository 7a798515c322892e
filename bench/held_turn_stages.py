"""Where a still portrait's jaw flicker at a held turn enters (issue #9): a real driver's track with a 36 deg
yaw added after its first frame (the motion smoothed first, as `retarget` does, so the turn is held from frame 1),
rendered on a photo; `figures.jaw_flicker` over frames 6-19 (the source repeated reads 0) with the motion as
tracked ("tracked"), with the head pose held at frame 1's ("pose held", the expression tracked), with the
expression held ("expr held", the pose tracked), without the smoothing ("unsmoothed"), and with no turn
("frontal").

Drivers: ../shared/data's lp_d19 frames 0-19 and lp_d18 30-49; portraits grace_hopper and lp_s1 at 384 px.

Run: cd bench && PYTHONPATH=../src ../.venv/bin/python held_turn_stages.py
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
from warp_health import SHARED, portraits

from facereel.animate.inputs import Source, drive
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.jaw_flicker import flicker, jaw_band
from facereel.face.pose import rotation_from_euler
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.motion import Motion
from facereel.motion.retarget import RetargetOptions, one_euro_smoother, smooth_motion

COUNT, SKIP, YAW = 20, 6, 36.0
DRIVERS = (("lp_d19", 0), ("lp_d18", 30))


def turned(motion: Motion, yaw: float) -> Motion:
    """`motion` with `yaw` degrees added to every frame's head after the first (the reference)."""
    first = motion.rotation[0].astype(np.float64)
    rotation = motion.rotation.astype(np.float64)
    rotation[1:] = first @ rotation_from_euler(yaw, 0.0, 0.0) @ first.T @ rotation[1:]
    return replace(motion, rotation=rotation.astype(np.float32))


def held(motion: Motion, *fields: str) -> Motion:
    """`motion` with `fields` held at frame 1's value from frame 1 on."""
    return replace(motion, **{name: np.concatenate([getattr(motion, name)[:1]] + [getattr(motion, name)[1:2]]
                                                    * (len(motion) - 1)) for name in fields})


def main() -> None:
    options = RetargetOptions()
    found = dict(portraits())
    print("| driver | portrait | tracked | pose held | expr held | unsmoothed | frontal |\n|---|---|---|---|---|---|---|")
    for driver, start in DRIVERS:
        with open_video(SHARED / "driving" / f"{driver}.mp4") as video:
            fps = video.fps
            frames = [f for _, f in zip(range(start + COUNT), video.frames())][start:]
        raw = extract_motion(track_frames(frames, fps), reference="first")
        smoothed = smooth_motion(raw, one_euro_smoother(options.smoothing, options.translation_smoothing))
        cases = (turned(smoothed, YAW), turned(held(smoothed, "rotation", "translation", "scale"), YAW),
                 turned(held(smoothed, "expression", "features"), YAW), turned(raw, YAW), smoothed)
        for name in ("grace_hopper", "lp_s1"):
            image = found[name]
            image = cv2.resize(image, None, fx=384 / max(image.shape[:2]), fy=384 / max(image.shape[:2]),
                               interpolation=cv2.INTER_AREA)
            landmarks = track_image(image).landmarks[0]
            mesh = MeshAnimator(image, landmarks)
            targets = [drive(Source(image, landmarks), motion, replace(options, smoothing=None), fps)[SKIP:]
                       for motion in cases]
            jaw = jaw_band(image.shape[:2], targets[0][0])
            figures = [flicker([mesh.render(t) for t in target], jaw) for target in targets]
            print(f"| {driver} {start}-{start + COUNT - 1} | {name} | " + " | ".join(f"{f:.3f}" for f in figures) + " |",
                  flush=True)


if __name__ == "__main__":
    main()
