"""Hard one-pixel steps along the map's jumps, with and without their anti-aliasing (`edge_coverage`).

Per portrait (the public-domain astronaut and ../shared/data's lp_s1, sr_8, lp_s5 by default) and driver
(preset:turn, 2 s, and the first --seconds of lp_d12), retargeted as `facereel animate` does, every
--stride-th frame is mapped once and drawn twice from the same map: as the engine draws it (the pixels
on a jump supersampled) and as the engine before drew it (`Seam.edge` emptied: each pixel takes the one
triangle covering its centre). Printed per row: the share of the strong edges across the jump's pixel
pairs that step in one pixel (`edge_steps.jump_hard_share`, pooled over frames) before -> after, the
source's own share over its head crop (`edge_steps.own_hard_share`: what its edges look like), the strong
jump edges per frame, and the draw's process time per frame before -> after. The do-nothing baseline
(the source repeated) has no jump: 0 hard steps on it.

Run: PYTHONPATH=src .venv/bin/python bench/jump_edges.py [--portraits lp_s1,astronaut] [--seconds 4] [--stride 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import numpy as np
from plate_halo import _driver_motion
from warp_health import SHARED, portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.edge_steps import jump_hard_share, own_hard_share
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def run(image: np.ndarray, lm: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, float, float]:
    """(2, 2) hard and strong jump edges summed over frames, before (row 0) and after (row 1), and the
    draw's process time per frame (s) before and after."""
    animator = MeshAnimator(image, lm)
    x0, y0 = animator.box[:2]
    counts, times = np.zeros((2, 2)), np.zeros(2)
    for target in targets:
        frame = animator.map_frame(target)
        if frame.seam is None:
            continue
        seam = frame.seam
        empty = dataclasses.replace(seam, edge=seam.edge[:0], edge_samples=seam.edge_samples[:0])
        for row, drawn in enumerate((dataclasses.replace(frame, seam=empty), frame)):
            start = time.process_time()
            out = animator.draw(drawn)
            times[row] += time.process_time() - start
            share, strong = jump_hard_share(out, frame.seam, (x0, y0))
            if strong:
                counts[row] += (share * strong, strong)
    return counts, *(times / max(len(targets), 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="astronaut,lp_s1,sr_8,lp_s5")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--stride", type=int, default=2)
    args = parser.parse_args()
    drive = _driver_motion(SHARED / "driving" / "lp_d12.mp4", args.seconds)
    print("| portrait | driver | hard share at jumps, before -> after | source's own edges | strong jump edges"
          " / frame | draw ms / frame, before -> after |")
    print("|---|---|---|---|---|---|")
    wanted = args.portraits.split(",")
    for name, image in portraits():
        if name not in wanted:
            continue
        lm = track_image(image).landmarks[0]
        own = own_hard_share(image, MeshAnimator(image, lm).box)
        motions = {"preset:turn": preset_motion("turn", 2.0), "lp_d12": drive}
        for driver, motion in motions.items():
            if motion is None:
                continue
            targets = retarget(lm, motion, RetargetOptions())[::args.stride]
            counts, before, after = run(image, lm, targets)
            share = counts[:, 0] / np.maximum(counts[:, 1], 1)
            print(f"| {name} | {driver} | {share[0]:.3f} -> {share[1]:.3f} | {own:.3f} | "
                  f"{counts[1, 1] / len(targets):.0f} | {1e3 * before:.1f} -> {1e3 * after:.1f} |", flush=True)


if __name__ == "__main__":
    main()
