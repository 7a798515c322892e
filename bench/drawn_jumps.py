"""Hard one-pixel steps across every jump of the drawn map, the seam with and without the cells around its
jump cells (`warp._with_neighbours`; issue #9: lp_s5's laughing cheek over its hair drawn as a staircase).

Per case (portrait:driver:frames; portraits scaled to a longer side of 512 px as `facereel animate --size
512`, preset drivers 2 s, real drivers ../shared/data/driving/<name>.mp4), retargeted as `facereel animate`
does, the listed frames are rendered by the engine before (the seam: the jump cells only) and after (the
cells around them too). Printed per row: `edge_steps.drawn_jump_share` (the share of the strong edges across
neighbouring pixels whose drawn maps differ by more than 2 px that step in one pixel, pooled over the frames)
before -> after, with the number of strong edges; `edge_steps.jump_hard_share` (the seam's own pairs only)
before -> after; the source's own share over its head crop (`own_hard_share`); the seam's pixels per frame
before -> after. The do-nothing baseline (the source repeated) has no map and no jump: no hard step.

Run: PYTHONPATH=src .venv/bin/python bench/drawn_jumps.py [--cases lp_s5:laugh:15,20,25,30,35,40 ...]
"""

from __future__ import annotations

import argparse

import cv2
import numpy as np
from neck_sheets import portrait_image
from plate_halo import _driver_motion
from warp_health import SHARED

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.edge_steps import drawn_jump_share, jump_hard_share, own_hard_share
from facereel.engines.mesh.geometry import warp
from facereel.face.tracking import track_image
from facereel.motion.preset_names import PRESETS
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

CASES = ("lp_s5:laugh:15,20,25,30,35,40", "grace_hopper:turn:8,12,16,20,31,37,43", "lp_s1:turn:8,12,16,20,31,37,43",
         "sr_18:turn:8,12,16,20,31,37,43", "lp_s0:turn:8,12,16,20,31,37,43", "lp_s1:lp_d3:40,80,120,160,200",
         "lp_s1:lp_d12:170,172,174,176,178,180,182")


def _jump_cells_only(qy: np.ndarray, qx: np.ndarray, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`warp._with_neighbours` as the engine before had it: the jump cells alone."""
    return qy, qx, np.ones(shape, bool)


def score(image: np.ndarray, lm: np.ndarray, targets: np.ndarray, options: MeshOptions) -> np.ndarray:
    """(4,) pooled hard and strong edges of `drawn_jump_share`, then of `jump_hard_share`, and the seam's
    pixels per frame, over `targets` (T, 478, 3) drawn by a new animator."""
    animator = MeshAnimator(image, lm, options)
    origin = animator.box[:2]
    sums = np.zeros(5)
    for target in targets:
        frame = animator.map_frame(target)
        drawn = animator.draw(frame)
        share, strong = drawn_jump_share(drawn, animator.warp.full_size(frame.coarse, frame.seam), origin)
        seam_share, seam_strong = jump_hard_share(drawn, frame.seam, origin)
        sums += (share * strong if strong else 0, strong, seam_share * seam_strong if seam_strong else 0,
                 seam_strong, 0 if frame.seam is None else len(frame.seam.rows))
    return np.array([sums[0] / max(sums[1], 1), sums[1], sums[2] / max(sums[3], 1), sums[4] / len(targets)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", nargs="+", default=CASES)
    args = parser.parse_args()
    print("| portrait | driver | frames | drawn jumps: hard share before -> after (strong edges) | seam pairs only:"
          " before -> after | source's own edges | seam px / frame, before -> after |")
    print("|---|---|---|---|---|---|---|")
    options = MeshOptions(mouth_interior="synthetic").with_limits(RetargetOptions().for_engine("mesh"))
    for case in args.cases:
        name, driver, frames = case.split(":")
        image = portrait_image(name)
        scale = 512 / max(image.shape[:2])
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        lm = track_image(image).landmarks[0]
        motion = preset_motion(driver) if driver in PRESETS else _driver_motion(SHARED / "driving" / f"{driver}.mp4", 1e6)
        chosen = [int(k) for k in frames.split(",")]
        targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))[chosen]
        after = score(image, lm, targets, options)
        grown, warp._with_neighbours = warp._with_neighbours, _jump_cells_only
        try:
            before = score(image, lm, targets, options)
        finally:
            warp._with_neighbours = grown
        own = own_hard_share(image, MeshAnimator(image, lm, options).box)
        print(f"| {name} | {driver} | {frames} | {before[0]:.3f} -> {after[0]:.3f} ({before[1]:.0f}, {after[1]:.0f}) | "
              f"{before[2]:.3f} -> {after[2]:.3f} | {own:.3f} | {before[3]:.0f} -> {after[3]:.0f} |", flush=True)


if __name__ == "__main__":
    main()
