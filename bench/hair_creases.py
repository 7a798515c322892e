"""Hair creases on big turns (issue #9): the stretch limit moved neighbouring points of a ring round the face
unevenly, the ring was drawn as a zigzag and the hair took a hard Z-shaped crease (lp_s1 preset:turn
frames 30-40, above her ear). Now the limit's moves are evened out along each ring and limited again
(`stretch_limit.limit_evenly`).

For every portrait of ../shared/data and the astronaut, preset:turn and preset:laugh (2 s, retargeted as
`facereel animate` does, no smoothing), per frame: the hair crease figure (`ArtefactScores.hair_creases`,
degrees), the hair streaks, the warp health and the CPU time of `MeshAnimator.map_frame` (process time),
with the smoothing off (`MeshOptions.ring_smoothing` 0: the engine before) and on (the default), beside
the source repeated (nothing moved: 0). Writes before | after head crops of each portrait's frame with the
largest crease before under -o.

Run: PYTHONPATH=src .venv/bin/python bench/hair_creases.py [-o bench-out/hair-creases] [--portraits lp_s1,sr_4]
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import cv2
import numpy as np
from turn_sheets import portraits

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PRESETS = ("turn", "laugh")


def figures(image: np.ndarray, lm: np.ndarray, targets: np.ndarray, passes: int
            ) -> tuple[np.ndarray, list[np.ndarray], tuple[int, int, int, int]]:
    """(T, 4) crease, hair streaks, warp health, `map_frame` CPU ms per frame; the frames; the crop box."""
    animator = MeshAnimator(image, lm, MeshOptions(ring_smoothing=passes))
    scores = ArtefactScores(animator)
    rows, frames = [], []
    for target in targets:
        start = time.process_time()
        frame_map = animator.map_frame(target)
        cpu_ms = 1e3 * (time.process_time() - start)
        frames.append(animator.draw(frame_map))
        rows.append((scores.hair_creases(), scores.hair_streaks(), animator.warp_health, cpu_ms))
    return np.array(rows), frames, animator.box


def _mean_max(values: np.ndarray, digits: int) -> str:
    return f"{values.mean():.{digits}f} / {values.max():.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/hair-creases"))
    parser.add_argument("--portraits", default="", help="comma-separated names (default: all)")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    wanted = set(filter(None, args.portraits.split(",")))
    print(f"{platform.node()} {platform.machine()} {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| portrait | preset | crease deg mean / max: before | after | source repeated "
          "| hair streaks mean / max: before | after | warp health max: before | after "
          "| map_frame CPU ms: before | after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, image in portraits():
        if wanted and name not in wanted:
            continue
        lm = track_image(image).landmarks[0]
        animator = MeshAnimator(image, lm)
        animator.render(lm)
        baseline = ArtefactScores(animator).hair_creases()
        for preset in PRESETS:
            targets = retarget(lm, preset_motion(preset, 2.0), RetargetOptions(smoothing=None, translate=True))
            before, frames_before, (x0, y0, x1, y1) = figures(image, lm, targets, 0)
            after, frames_after, _ = figures(image, lm, targets, MeshOptions().ring_smoothing)
            worst = int(np.argmax(before[:, 0]))
            crop = np.concatenate([frames_before[worst][y0:y1, x0:x1], frames_after[worst][y0:y1, x0:x1]], 1)
            cv2.imwrite(str(args.output / f"{name}_{preset}_{worst}.png"), cv2.cvtColor(crop, cv2.COLOR_RGB2BGR))
            cells = [f"{_mean_max(before[:, 0], 1)} (frame {worst})", _mean_max(after[:, 0], 1), f"{baseline:.1f}",
                     _mean_max(before[:, 1], 4), _mean_max(after[:, 1], 4), f"{before[:, 2].max():.4f}",
                     f"{after[:, 2].max():.4f}", f"{before[:, 3].mean():.1f}", f"{after[:, 3].mean():.1f}"]
            print(f"| {name} | {preset} | " + " | ".join(cells) + " |", flush=True)

if __name__ == "__main__":
    main()
