"""Contact sheets of the mesh engine's hardest poses: preset:turn on every portrait, for looking at.

For each portrait of ../shared/data (and the public-domain astronaut) one PNG row: the source, then the
frames of preset:turn (4 s, retargeted as `facereel animate` does, no smoothing) at the yaw and pitch
extremes and the diagonals, cropped around the head; the warp health, the neck stretch
(`MeshAnimator.neck_stretch`) and the head cut off along the crop box (`artefact_scores.crop_edge_cut`; the
source repeated: 0) of each frame are printed.

Run: PYTHONPATH=src .venv/bin/python bench/turn_sheets.py [-o bench-out/turn-sheets]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.artefact_scores import crop_edge_cut
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FRAMES = (12, 25, 37, 50, 62, 75, 87)  # of 100: the yaw/pitch extremes and diagonals
TILE = 240  # px, width of one frame in the sheet


def portraits() -> list[tuple[str, np.ndarray]]:
    import skimage.data

    found = [("astronaut", np.ascontiguousarray(skimage.data.astronaut()))]
    for path in sorted((SHARED / "portraits").glob("*")) if SHARED.is_dir() else []:
        found.append((path.stem, np.ascontiguousarray(iio.imread(path)[..., :3])))
    return found


def sheet_row(image: np.ndarray) -> tuple[np.ndarray, list[tuple[float, float, float]]]:
    """One row (source + turned frames, head crops side by side) and each frame's warp health, neck
    stretch and crop edge cut."""
    lm = track_image(image).landmarks[0]
    animator = MeshAnimator(image, lm)
    targets = retarget(lm, preset_motion("turn", 4.0), RetargetOptions(smoothing=None, translate=True))
    oval = lm[list(ids.FACE_OVAL), :2]
    centre, size = (oval.min(0) + oval.max(0)) / 2, float((oval.max(0) - oval.min(0)).max())
    h, w = image.shape[:2]
    x0, y0 = (max(0, int(v - 1.3 * size)) for v in centre)
    x1, y1 = min(w, int(centre[0] + 1.3 * size)), min(h, int(centre[1] + 1.4 * size))
    tiles, health = [image[y0:y1, x0:x1]], []
    for k in FRAMES:
        frame = animator.render(targets[k])
        tiles.append(frame[y0:y1, x0:x1])
        health.append((animator.warp_health, animator.neck_stretch, crop_edge_cut(frame, image, animator.box)))
    height = round(TILE * (y1 - y0) / (x1 - x0))
    return np.concatenate([cv2.resize(t, (TILE, height), interpolation=cv2.INTER_AREA) for t in tiles], 1), health


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/turn-sheets"))
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    for name, image in portraits():
        row, health = sheet_row(image)
        iio.imwrite(args.output / f"{name}.png", row)
        print(f"{name}: warp health per frame {' '.join(f'{v:.3f}' for v, _, _ in health)};"
              f" neck stretch {' '.join(f'{v:.2f}' for _, v, _ in health)};"
              f" crop edge cut {' '.join(f'{v:.3f}' for _, _, v in health)}")


if __name__ == "__main__":
    main()
