"""Whether the mesh engine's crop box cuts the moved head off (issue #9: lp_s5's hair cut off flat along the
box's top), on every portrait of ../shared/data x (lp_d11, sr_1, lp_d12, preset:turn).

Per case, over --frames frames evenly spaced (retargeted as `facereel animate` does for the mesh engine):
the largest and the mean `artefact_scores.crop_edge_cut` (the do-nothing baseline, the source repeated,
scores 0), the crop box's area as a share of the image (render cost grows with it), and a contact sheet per
portrait (`<out>/<portrait>.png`: the source with the box drawn, then each driver's worst frame, cropped
around the box).

Run: PYTHONPATH=src .venv/bin/python bench/crop_edges.py [--frames 10] [--cache bench-out/tracks]
     [-o bench-out/crop-edges]
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import date
from pathlib import Path

import cv2
import numpy as np
from retarget_floors import SHARED, driver_motion

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.artefact_scores import crop_edge_cut
from facereel.face.tracking import track_image
from facereel.media.image import read_image, write_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

DRIVERS = ("lp_d11", "sr_1", "lp_d12", "preset:turn")
TILE = 320  # px, height of one sheet tile


def tile(image: np.ndarray, box: tuple[int, int, int, int], label: str) -> np.ndarray:
    """`image` with `box` drawn, cropped to the box grown by a tenth each way, TILE px high, labelled."""
    x0, y0, x1, y1 = box
    h, w = image.shape[:2]
    gx, gy = (x1 - x0) // 10, (y1 - y0) // 10
    view = image.copy()
    cv2.rectangle(view, (x0, y0), (x1 - 1, y1 - 1), (255, 0, 0), max(1, (x1 - x0) // 300))
    view = view[max(0, y0 - gy):min(h, y1 + gy), max(0, x0 - gx):min(w, x1 + gx)]
    view = cv2.resize(view, (round(view.shape[1] * TILE / view.shape[0]), TILE), interpolation=cv2.INTER_AREA)
    cv2.putText(view, label, (4, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (255, 255, 0), 1, cv2.LINE_AA)
    return view


def main() -> None:
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=10, help="frames rendered per case, evenly spaced")
    parser.add_argument("--cache", type=Path, default=Path("bench-out/tracks"))
    parser.add_argument("-o", "--out", type=Path, default=Path("bench-out/crop-edges"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{platform.node()} ({platform.machine()}), {date.today()}: {' '.join(sys.argv)}\n")
    print("crop_edge_cut (max, mean over frames; baseline 0) and the crop box's share of the image\n")
    print("| portrait | box area | " + " | ".join(DRIVERS) + " |")
    print("|---|---|" + "---|" * len(DRIVERS))
    motions = {name: preset_motion("turn", 4.0) if name == "preset:turn" else driver_motion(name, args.cache)
               for name in DRIVERS}
    for path in sorted((SHARED / "portraits").iterdir()):
        image = read_image(path)
        source = track_image(image).landmarks[0]
        animator = MeshAnimator(image, source)
        x0, y0, x1, y1 = animator.box
        area = (x1 - x0) * (y1 - y0) / (image.shape[0] * image.shape[1])
        cells, tiles = [], [tile(image, animator.box, path.stem)]
        for name, motion in motions.items():
            targets = retarget(source, motion, RetargetOptions().for_engine("mesh"))
            scores = []
            for k in np.linspace(0, len(targets) - 1, args.frames).round().astype(int):
                frame = animator.render(targets[k])
                scores.append(crop_edge_cut(frame, image, animator.box))
                if scores[-1] == max(scores):
                    worst = tile(frame, animator.box, f"{name} #{k} cut {scores[-1]:.3f}")
            cells.append(f"{max(scores):.3f}, {np.mean(scores):.3f}")
            tiles.append(worst)
        write_image(args.out / f"{path.stem}.png", np.hstack(tiles))
        print(f"| {path.stem} | {area:.2f} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
