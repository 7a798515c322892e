"""How hard the moved chin's lower edge is over the neck (issue #9): `figures/chin_edge.chin_edge`, the
steepest grey-level step across the head alpha's lower outline under the chin minus the photo's own (grey
levels per px), for any version of the engine, beside the source repeated (0 by the figure's make). With
`--figure chin_ghost`: `figures/chin_ghost.chin_ghost`, the second chin edge left on the neck under the moved
chin (lightness per px; 0 on the source repeated), on `GHOST_TURN_FRAMES` of preset:turn. With `--figure
ghost_edge`: `figures/neck_ghost.ghost_edge`, the jaw-like edge on the neck a raised, turned head uncovers
(lightness per px; 0 on the source repeated), on `EXTREME_TURN_FRAMES` of preset:turn.

Renders lp_d18 (the mouth opened wide, `D18_FRAMES` of its first `D18_LENGTH`, retargeted as `facereel
animate` does) and preset:turn (`TURN_FRAMES` of 2 s) with the engine first on PYTHONPATH and reads the
figure with this checkout's `figures/chin_edge.py` (loaded by its path). Prints one Markdown row per
portrait and driver: mean / max over the frames (NaN frames, no outline in the box, left out).

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/chin_edge.py [--label before] [--portraits lp_s1@512,sr_4]
[--figure chin_ghost|ghost_edge]
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import sys
from datetime import datetime, timezone
from types import ModuleType

import numpy as np
from jaw_outline import ROOT, SHARED
from mouth_surroundings import _image

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

D18_LENGTH = 141
D18_FRAMES = (100, 115, 123, 140)  # lp_d18's mouth wide open
TURN_FRAMES = (6, 12, 24, 36, 48)
GHOST_TURN_FRAMES = (12, 15, 18, 21, 24, 30, 36, 42, 48)  # the chin raised (sr_8 15-21, lp_s0 24-48)
EXTREME_TURN_FRAMES = (31, 34, 37, 40, 43)  # yaw near -45 degrees, then pitch (the ghost jaw)
UNITS = {"chin_edge": "chin edge minus the photo's, grey levels / px",
         "chin_ghost": "second chin edge on the neck minus the photo's neck, L / px",
         "ghost_edge": "jaw-like edge on the uncovered neck minus the photo's neck, L / px"}
MODULES = {"chin_edge": "chin_edge", "chin_ghost": "chin_ghost", "ghost_edge": "neck_ghost"}


def _crop(animator: MeshAnimator, frame: np.ndarray) -> np.ndarray:
    """(h, w, 3) uint8: the animator's crop box of a frame at source resolution."""
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape
    return frame[y0:y0 + h, x0:x0 + w]


def _figures(name: str) -> ModuleType:
    """This checkout's `figures/<name>.py`, loaded by its path under its package name (so a figure importing
    another gets this checkout's too, not the engine's on PYTHONPATH)."""
    spec = importlib.util.spec_from_file_location(f"facereel.engines.mesh.figures.{name}",
                                                  ROOT / f"src/facereel/engines/mesh/figures/{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="this engine")
    parser.add_argument("--portraits", default="lp_s1@512,lp_s5,lp_s0,sr_4,astronaut,grace_hopper")
    parser.add_argument("--figure", choices=sorted(UNITS), default="chin_edge")
    args = parser.parse_args()
    _figures("chin_edge")  # chin_ghost reads its `lower_outline`: this checkout's, whichever engine is on the path
    _figures("chin_ghost")  # neck_ghost reads its windows
    figure = getattr(_figures(MODULES[args.figure]), args.figure)
    drivers = []
    driving = SHARED / "driving" / "lp_d18.mp4"
    if driving.exists() and args.figure != "ghost_edge":  # the ghost jaw: the turn's extremes
        with open_video(driving) as video:
            fps = video.fps
            frames = [f for _, f in zip(range(D18_LENGTH), video.frames())]
        drivers.append(("lp_d18", extract_motion(track_frames(iter(frames), fps)), D18_FRAMES))
    turn = {"chin_ghost": GHOST_TURN_FRAMES, "ghost_edge": EXTREME_TURN_FRAMES}.get(args.figure, TURN_FRAMES)
    drivers.append(("preset:turn", preset_motion("turn", 2.0), turn))
    print(f"{platform.node()} {platform.machine()}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"| portrait x driver | {args.label}: {UNITS[args.figure]} (mean / max) "
          "| source repeated |")
    print("|---|---|---|")
    for name in args.portraits.split(","):
        image = _image(name)
        if image is None:
            continue
        lm = track_image(image).landmarks[0]
        for label, motion, picks in drivers:
            targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
            animator = MeshAnimator(image, lm)
            face_px = face_size(lm)
            source = (_crop(animator, image), animator.layer.alpha, lm[152, :2] - animator.origin)
            still = figure(*source, *source, face_px)
            values = []
            for k in picks:
                frame = animator.render(targets[k])
                values.append(figure(_crop(animator, frame), animator.drawn_alpha(),
                                                targets[k][152, :2] - animator.origin, *source, face_px))
            values = [v for v in values if np.isfinite(v)]
            row = f"{np.mean(values):.1f} / {max(values):.1f}" if values else "n/a"
            print(f"| {name} x {label} | {row} | {still:.1f} |", flush=True)


if __name__ == "__main__":
    main()
