"""The jaw's flicker at a held turn in video-to-video, with the mesh on the raw track ("before") and held steady
by `motion.steady_source` ("after") (issue #9).

Sources: grace_hopper (half size) and lp_s1 (256 px) as still videos with tests/v2v's jitter (0.7 px head shift,
0.4 px point noise, seeded), then ../shared/data's lp_d18 (frames 52-61), lp_d19 (0-9) and lp_d6 (100-109) at
256 px with their real tracks; every frame driven to preset:turn's frame 31 (yaw ~36 deg). Figures:
`figures.jaw_flicker` (mean frame-to-frame change in a band along the turned jaw, grey levels; the source
repeated reads 0), "source": the source frames' own change there, "moved": the mean distance of the steady
mesh from the raw track (px), "talk": the largest change of a preset:talk frame by `steady_source` (0: below
`steady_source.TURN` nothing changes).

Run: cd bench && PYTHONPATH=../src ../.venv/bin/python jaw_flicker.py
"""

from __future__ import annotations

import cv2
import numpy as np
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.jaw_flicker import flicker, jaw_band
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.presets import preset_motion
from facereel.motion.resample import resample
from facereel.motion.retarget import RetargetOptions
from facereel.motion.steady_source import steady_source
from facereel.motion.video_retarget import retarget_video

HELD_TURN = 31
COUNT = 10
CLIPS = (("lp_d18", 52), ("lp_d19", 0), ("lp_d6", 100))


def jittered(image: np.ndarray) -> tuple[list[np.ndarray], FaceTrack]:
    """A still video of `image` and its jittering track."""
    lm = track_image(image).landmarks[0]
    rng = np.random.default_rng(0)
    noise = rng.normal(0, 0.7, (COUNT, 1, 3)) + rng.normal(0, 0.4, (COUNT, 478, 3))
    return [image] * COUNT, FaceTrack(landmarks=(lm + noise).astype(np.float32), valid=np.ones(COUNT, bool),
                                      confidence=np.ones(COUNT, np.float32), fps=25.0,
                                      frame_size=image.shape[1::-1])


def clip(name: str, start: int) -> tuple[list[np.ndarray], FaceTrack]:
    """`COUNT` frames of a ../shared/data clip at 256 px from `start` and their track."""
    with open_video(SHARED / "driving" / f"{name}.mp4") as video:
        fps = video.fps
        frames = [cv2.resize(f, (256, 256), interpolation=cv2.INTER_AREA)
                  for _, f in zip(range(start + COUNT), video.frames())][start:]
    return frames, track_frames(frames, fps)


def rendered(frames: list[np.ndarray], meshes: np.ndarray, targets: np.ndarray) -> list[np.ndarray]:
    return [MeshAnimator(frame, mesh).render(target) for frame, mesh, target in zip(frames, meshes, targets)]


def main() -> None:
    found = dict(portraits())
    lp_s1 = cv2.resize(found["lp_s1"], (256, 256), interpolation=cv2.INTER_AREA)
    cases = [("grace_hopper (jitter)", lambda: jittered(found["grace_hopper"][::2, ::2].copy())),
             ("lp_s1 (jitter)", lambda: jittered(lp_s1))]
    cases += [(f"{n} {s}-{s + COUNT - 1}", lambda n=n, s=s: clip(n, s)) for n, s in CLIPS if SHARED.is_dir()]
    talk = resample(preset_motion("talk"), 25.0)
    print("| source | before | after | source | moved px | talk |\n|---|---|---|---|---|---|")
    for name, load in cases:
        frames, track = load()
        targets = retarget_video(track, preset_motion("turn", 2.0), RetargetOptions(), np.full(COUNT, HELD_TURN))
        meshes, steady = steady_source(track, targets)
        jaw = jaw_band(frames[0].shape[:2], targets[0])
        before = flicker(rendered(frames, track.landmarks, targets), jaw)
        after = flicker(rendered(frames, meshes, steady), jaw)
        talked = retarget_video(track, talk, RetargetOptions(), np.arange(COUNT))
        unmoved = float(np.abs(np.subtract(steady_source(track, talked), (track.landmarks, talked))).max())
        print(f"| {name} | {before:.3f} | {after:.3f} | {flicker(frames, jaw):.3f} | "
              f"{np.abs(meshes - track.landmarks)[..., :2].mean():.2f} | {unmoved:.1f} |", flush=True)


if __name__ == "__main__":
    main()
