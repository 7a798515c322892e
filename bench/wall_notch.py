"""The wall in the plate inside the person beside the neck (issue #9): lp_s6's white notch between ear and collar.

For each portrait (--portraits; of ../shared/data, and matplotlib's grace_hopper), at --size px (longest side),
with the CLI's default options: `figures.wall_notch.wall_notch` (the neck band rows' person's pixels that show
the wall's colour) of the source's crop (the source repeated: nothing filled), of the plate as before
(`plate.neck_body_side` off: the side beside the neck from the eroded body only; `under_ear.tone_under_ear` off: no
tone under the ear) and now. Writes `<name>.png`
per portrait: rows before / now, frames 14 and 22 of --driver (lp_d3) and 16 and 40 of preset:turn (2 s).

Run: PYTHONPATH=src .venv/bin/python bench/wall_notch.py [--portraits lp_s6,lp_s1,sr_18,grace_hopper] [-o DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator, layers
from facereel.engines.mesh.figures.wall_notch import wall_notch
from facereel.engines.mesh.geometry.head_proxy import person_grow_px
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import retarget

OPTIONS = AnimateOptions()  # the CLI's defaults: its retargeting and mesh options
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TURN_FRAMES = [*range(12, 21), *range(36, 45)]
DRIVER_FRAMES = list(range(10, 31))
SHEET_DRIVER = [4, 12]  # of DRIVER_FRAMES: lp_d3 frames 14, 22
SHEET_TURN = [4, 13]  # of TURN_FRAMES: preset:turn frames 16, 40


def load(name: str, size: int) -> np.ndarray:
    """A portrait by name (shared data, or matplotlib's grace_hopper), longest side `size` px."""
    if name == "grace_hopper":
        from matplotlib import cbook

        image = iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    else:
        image = iio.imread(next(iter(sorted((SHARED / "portraits").glob(f"{name}.*")))))
    image = image[..., :3]
    scale = size / max(image.shape[:2])
    return np.ascontiguousarray(cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))


def driver_targets(lm: np.ndarray, driver: str, count: int) -> np.ndarray:
    """(count, 478, 3) targets: the first `count` frames of the driving video retarget onto `lm`."""
    with open_video(SHARED / "driving" / f"{driver}.mp4") as video:
        fps = video.fps
        frames = [f for _, f in zip(range(count), video.frames())]
    return retarget(lm, extract_motion(track_frames(iter(frames), fps)), OPTIONS.retarget.for_engine("mesh"))


def plate_notch(image: np.ndarray, lm: np.ndarray, before: bool) -> tuple[int, int, MeshAnimator]:
    """`wall_notch` of the source's crop (the source repeated: nothing filled) and of the animator's plate, and
    the animator; `before`: `plate.neck_body_side` and `under_ear.tone_under_ear` off (the engine before)."""
    saved = layers.neck_body_side, layers.tone_under_ear
    if before:
        layers.neck_body_side = lambda side, *rest: side
        layers.tone_under_ear = lambda filled, tone, *rest: np.zeros(tone.shape[:2], np.float32)
    try:
        animator = MeshAnimator(image, lm, mesh_options(OPTIONS))
    finally:
        layers.neck_body_side, layers.tone_under_ear = saved
    x0, y0, x1, y1 = animator.box
    mask, fringe = animator.mask, person_grow_px(lm)
    return (wall_notch(image[y0:y1, x0:x1], mask.person, mask.neck, fringe),
            wall_notch(animator.layer.plate, mask.person, mask.neck, fringe), animator)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s6,lp_s1,sr_18,grace_hopper")
    parser.add_argument("--driver", default="lp_d3")
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/wall-notch"))
    args = parser.parse_args()
    print("| portrait | wall px in the neck rows' person: source | plate before | plate now |")
    print("|---|---|---|---|")
    sheets = []
    for name in args.portraits.split(","):
        image = load(name, args.size)
        lm = track_image(image).landmarks[0]
        turn = retarget(lm, preset_motion("turn", 2.0), OPTIONS.retarget.for_engine("mesh"))[TURN_FRAMES]
        drive = driver_targets(lm, args.driver, DRIVER_FRAMES[-1] + 1)[DRIVER_FRAMES]
        cells, rows = [], []
        for before in (True, False):
            still, plate, animator = plate_notch(image, lm, before)
            cells.append(plate)
            rows.append(np.hstack([animator.render(t) for t in (*drive[SHEET_DRIVER], *turn[SHEET_TURN])]))
        print(f"| {name} | {still} | {cells[0]} | {cells[1]} |")
        sheets.append(np.vstack(rows))
    args.output.mkdir(parents=True, exist_ok=True)
    for name, sheet in zip(args.portraits.split(","), sheets):
        iio.imwrite(args.output / f"{name}.png", sheet)


if __name__ == "__main__":
    main()
