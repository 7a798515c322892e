"""Hair the frame's side cuts off (issue #9): `figures.wall_strip` beside the cut of lp_s1 cut at x 320 driven by
lp_d12 90-150 and preset:turn (`cut_side.side_blocks`, drawn by `cut_neck.Extended`).

Prints one Markdown row per engine: the source repeated (the baseline: 0), the engine before (a `MeshAnimator` on the
cut photo as it is) and now (`choose_engine.mesh_animator`, which widens the photo past the cut side): px of wall between
the frame's edge and the hair over rows 150-500 on lp_d12's frames 24 and 48, the mean over lp_d12's frames where the
head moved away from the cut (its face oval's left end over 0.03 face sizes right of the photo's), and preset:turn's
frame 10; and `figures.side_grain` (the fine detail of the frame's first `EDGE` columns over that of the photo's there,
the same rows: the source repeated 1) on lp_d12's frames 24 and 48 and the mean over the frames moved away.

With --speed: CPU seconds (process time) of the set-up and per frame over the 60 frames, before and now.

Run: PYTHONPATH=src .venv/bin/python bench/side_cut.py [--speed]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.side_grain import side_grain
from facereel.engines.mesh.figures.wall_strip import wall_strip
from facereel.face import landmark_ids as ids
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import retarget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cut_neck import cut_case, speed_rows

PORTRAIT = "lp_s1.jpg"
CUT = (320, 150, 1145, 1145)
"""lp_s1's box (x0, y0, x1, y1) px: her near ear and the hair round it off the left edge."""
HAIR_ROWS = (150, 500)
"""The cut photo's rows where its left side is hair."""
EDGE = 16
"""Columns from the cut side where `side_grain` reads the hair drawn past the cut (lp_d12 moves the head 20-40 px)."""
AWAY = 0.03
"""Face sizes the face oval's left end moves right of the photo's on a frame counted as moved away from the cut."""


def moved_away(landmarks: np.ndarray, targets: list[np.ndarray]) -> list[int]:
    """The frames of `targets` ((478, 3) px each) whose face oval's left end lies `AWAY` face sizes right of the
    photo's ((478, 3) px `landmarks`)."""
    oval = list(ids.FACE_OVAL)
    rest, step = landmarks[oval, 0].min(), AWAY * face_size(landmarks)
    return [k for k, t in enumerate(targets) if t[oval, 0].min() - rest > step]


def reads(engine: MeshAnimator | None, image: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """`wall_strip` over `HAIR_ROWS` and `side_grain` over the first `EDGE` columns of those rows of `engine`'s frame
    for (478, 3) px `target` (None: the photo repeated, (H, W, 3) uint8 `image`)."""
    frame = image if engine is None else engine.render(target)
    box = (0, HAIR_ROWS[0], EDGE, HAIR_ROWS[1])
    return wall_strip(frame, image, HAIR_ROWS), side_grain(frame, image, box, box)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="CPU time of set-up and frames instead of the figure")
    if parser.parse_args().speed:
        print("| case | engine | set-up CPU s | CPU ms a frame |")
        print("|---|---|---|---|")
        print("\n".join(speed_rows(PORTRAIT, CUT)))
        return
    image, lm, targets = cut_case(PORTRAIT, CUT)
    turn = retarget(lm, preset_motion("turn"), AnimateOptions().retarget)[10]
    away = moved_away(lm, targets)
    options = mesh_options(AnimateOptions())
    print(f"| engine | wall_strip lp_d12 24 / 48 / mean over {len(away)} moved away / turn 10 | side_grain lp_d12 24 / "
          f"48 / mean over {len(away)} moved away |")
    print("|---|---|---|")
    engines = (("source repeated", None), ("before", MeshAnimator(image, lm, options)),
               ("now", mesh_animator(image, lm, options)))
    for label, engine in engines:
        strips, grains = np.array([reads(engine, image, t) for t in [*targets, turn]]).T
        cells = [" / ".join(f"{r[k]:.{d}f}" for k in (24, 48)) + f" / {np.mean(r[away]):.{d}f}" for r, d in
                 ((strips, 1), (grains, 2))]
        print(f"| {label} | {cells[0]} / {strips[-1]:.1f} | {cells[1]} |", flush=True)


if __name__ == "__main__":
    main()
