"""The jaw's flicker on a turn from `rim_shadow`'s weights read per source frame (issue #9): a video source
whose track jitters, every frame driven to preset:turn's frame 31 (yaw ~36 deg, past `rim_shadow.TURN`).

Sources: grace_hopper at half size (300x256) as a still video with tests/v2v's jitter (0.7 px head shift,
0.4 px point noise, seeded), then ../shared/data's lp_d18 (frames 52-61), lp_d19 (0-9) and lp_d6 (100-109) at
256 px with their real tracks. Per source, `figures.jaw_flicker` (mean frame-to-frame change in a band along
the turned jaw, grey levels) of the frames rendered with each frame's own weights ("own"), with one set held
in every frame by triangle index (the clean photo's; a clip's first frame's: "held") and with the stretch
limit alone ("alone", `rim_shadow.RIM_STRETCH` off); "source": the source frames themselves (the source
repeated reads 0); "spread": the largest change of one triangle's weight over the frames; "effect": the mean
change of the jaw by the own weights against the stretch limit alone; "px>30": pixels per frame changed by
more than 30 grey levels between own and held.

Run: cd bench && PYTHONPATH=../src ../.venv/bin/python rim_jitter.py
"""

from __future__ import annotations

import importlib

import numpy as np
from jaw_flicker import CLIPS, COUNT, HELD_TURN, clip, jittered
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.jaw_flicker import flicker, jaw_band
from facereel.engines.mesh.geometry import rim_shadow
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions
from facereel.motion.video_retarget import retarget_video


def _jittered(image: np.ndarray) -> tuple[list[np.ndarray], FaceTrack, np.ndarray]:
    """A still video of `image`, its jittering track (`jaw_flicker.jittered`), and the clean photo's weights."""
    frames, track = jittered(image)
    return frames, track, weights(MeshAnimator(image, track_image(image).landmarks[0]))


def _clip(name: str, start: int) -> tuple[list[np.ndarray], FaceTrack, np.ndarray]:
    """`COUNT` frames of a ../shared/data clip at 256 px from `start`, their track (`jaw_flicker.clip`), the first
    frame's weights."""
    frames, track = clip(name, start)
    return frames, track, weights(MeshAnimator(frames[0], track.landmarks[0]))


def weights(mesh: MeshAnimator) -> np.ndarray:
    """(F,) the face triangles' shadow weights of `mesh`."""
    return mesh._rim_shadow[-len(mesh._skin_tris):]


def rendered(frames: list[np.ndarray], track: FaceTrack, targets: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    meshes = [MeshAnimator(frame, lm) for frame, lm in zip(frames, track.landmarks)]
    return [m.render(t) for m, t in zip(meshes, targets)], np.array([weights(m) for m in meshes])


def main() -> None:
    animator = importlib.import_module("facereel.engines.mesh.animator")
    grace = dict(portraits())["grace_hopper"][::2, ::2].copy()
    cases = [("grace_hopper (jitter)", lambda: _jittered(grace))]
    cases += [(f"{n} {s}-{s + COUNT - 1}", lambda n=n, s=s: _clip(n, s)) for n, s in CLIPS if SHARED.is_dir()]
    print("| source | own | held | alone | source | spread | effect | px>30 |\n|---|---|---|---|---|---|---|---|")
    for name, load in cases:
        frames, track, held = load()
        targets = retarget_video(track, preset_motion("turn", 2.0), RetargetOptions(), np.full(COUNT, HELD_TURN))
        jaw = jaw_band(frames[0].shape[:2], targets[0])
        own, spread = rendered(frames, track, targets)
        found = animator.rim_shadow
        animator.rim_shadow = lambda *args: held
        still, _ = rendered(frames, track, targets)
        animator.rim_shadow = found
        rim_shadow.RIM_STRETCH, stretch = np.inf, rim_shadow.RIM_STRETCH
        alone, _ = rendered(frames, track, targets)
        rim_shadow.RIM_STRETCH = stretch
        effect = np.mean([np.abs(a.astype(int) - b)[jaw].mean() for a, b in zip(own, alone)])
        changed = np.mean([(np.abs(a.astype(int) - b).max(2) > 30).sum() for a, b in zip(own, still)])
        print(f"| {name} | {flicker(own, jaw):.3f} | {flicker(still, jaw):.3f} | {flicker(alone, jaw):.3f} | "
              f"{flicker(frames, jaw):.3f} | {np.ptp(spread, 0).max():.2f} | {effect:.3f} | {changed:.1f} |",
              flush=True)


if __name__ == "__main__":
    main()
