"""The stretch limit's rounds (`MeshOptions.stretch_rounds`) against what they leave stretched: per portrait and
preset, the share of the head samples drawn by face triangles stretched beyond the warp-health limit
(`figures.stretched_skin.stretched_face_share`: max / mean / frames > 0), the warp health (max / mean) and how far
the limit drags the outline beside the ears off the expression (`figures.outline_drag`, face sizes, max / mean: a
converged limit pulls it down with a laughing jaw), for each number of rounds asked (`stretch_limit.ITERATIONS` = 12:
the limit alone, `inner_rounds` 0; a trailing "o": with `MeshOptions.relimit_outline`; "i" and a number:
`MeshOptions.inner_rounds`, "12i88" the default since the nineteenth session; a trailing "x": `MeshOptions.inner_undo`
off, the engine before the twenty-sixth session), and the CPU ms per frame of the limit (`stretch_limit.limit_evenly`,
the inner rounds after it and `TriangleHealth.undo_worse` after them, thread time, median / max). The do-nothing
baseline (the source repeated) reads 0 for all three figures (its own row). Geometry only (`MeshAnimator.map_frame`:
the figures read the map, not the pixels).

Run: PYTHONPATH=src .venv/bin/python bench/stretch_rounds.py [--portraits astronaut,grace_hopper,lp_s0,lp_s1]
     [--presets turn:2,turn:4,laugh:2] [--rounds 12,100,100o,12i88x,12i88]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from warp_health import portraits  # noqa: E402

from facereel.engines.mesh import MeshAnimator, MeshOptions  # noqa: E402
from facereel.engines.mesh import animator as animator_module  # noqa: E402
from facereel.engines.mesh.figures.outline_drag import outline_drag  # noqa: E402
from facereel.engines.mesh.figures.stretched_skin import stretched_face_share  # noqa: E402
from facereel.engines.mesh.geometry import stretch_limit  # noqa: E402
from facereel.face.tracking import track_image  # noqa: E402
from facereel.motion.presets import preset_motion  # noqa: E402
from facereel.motion.retarget import RetargetOptions, retarget  # noqa: E402


def run(animator: MeshAnimator, targets: np.ndarray, source: np.ndarray
        ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(T,) stretched face share, (T,) warp health, (T,) outline drag (`figures.outline_drag`, face sizes of
    `source` (478, 3) px) and (T,) CPU seconds of the limit of each target's map (`stretch_limit.limit_evenly`, the
    inner rounds after it and their undo, `TriangleHealth.undo_worse`)."""
    spent: list[float] = []
    limit_evenly = animator_module.limit_evenly
    inner = animator._inner_limit
    health_check = animator._triangle_health
    undo = health_check.undo_worse

    def timed(limit, *args, **kwargs):
        start = time.thread_time()
        out = limit(*args, **kwargs)
        spent[-1] += time.thread_time() - start
        return out

    animator_module.limit_evenly = lambda *args, **kwargs: timed(limit_evenly, *args, **kwargs)
    if inner is not None:
        animator._inner_limit = lambda *args, **kwargs: timed(inner, *args, **kwargs)
    health_check.undo_worse = lambda *args, **kwargs: timed(undo, *args, **kwargs)
    try:
        shares, health, drags = [], [], []
        for target in targets:
            spent.append(0.0)
            animator.map_frame(target)
            shares.append(stretched_face_share(animator))
            health.append(animator.warp_health)
            drags.append(outline_drag(animator, target, source))
    finally:
        animator_module.limit_evenly = limit_evenly
        animator._inner_limit = inner
        health_check.undo_worse = undo
    return np.array(shares), np.array(health), np.array(drags), np.array(spent)


def options(count: str) -> MeshOptions:
    """The options a --rounds item names: rounds, then "o" for `relimit_outline`, then "i" and the
    `inner_rounds`, then "x" for `inner_undo` off (e.g. 12, 100o, 12i88x, 12i88)."""
    rounds, _, inner = count.partition("i")
    return MeshOptions(stretch_rounds=int(rounds.rstrip("o")), relimit_outline=rounds.endswith("o"),
                       inner_rounds=int(inner.rstrip("x") or 0), inner_undo=not inner.endswith("x"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="astronaut,grace_hopper,lp_s0,lp_s1")
    parser.add_argument("--presets", default="turn:2,turn:4,laugh:2", help="name:seconds, comma-separated")
    parser.add_argument("--rounds", default=f"{stretch_limit.ITERATIONS},100,100o")
    args = parser.parse_args()
    rounds = args.rounds.split(",")
    print(f"{platform.machine()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| portrait | preset | rounds | stretched face share max / mean / frames > 0 | warp health max / mean"
          " | outline drag max / mean | limit CPU ms median / max |")
    print("|---|---|---|---|---|---|---|")
    wanted = set(args.portraits.split(","))
    for name, image in [(name, image) for name, image in portraits() if name in wanted]:
        lm = track_image(image).landmarks[0]
        animators = {count: MeshAnimator(image, lm, options(count)) for count in rounds}
        still = animators[rounds[0]]
        still.map_frame(lm)
        print(f"| {name} | source repeated | - | {stretched_face_share(still):.4f} | {still.warp_health:.4f} | "
              f"{outline_drag(still, lm, lm):.3f} | - |")
        for preset in args.presets.split(","):
            kind, seconds = preset.split(":")
            targets = retarget(lm, preset_motion(kind, float(seconds)), RetargetOptions(smoothing=None,
                                                                                        translate=True))
            for count in rounds:
                share, health, drag, spent = run(animators[count], targets, lm)
                print(f"| {name} | {kind} {seconds} s | {count} | {share.max():.4f} / {share.mean():.5f} / "
                      f"{int((share > 0).sum())} of {len(share)} | {health.max():.4f} / {health.mean():.5f} | "
                      f"{drag.max():.3f} / {drag.mean():.4f} | "
                      f"{1000 * np.median(spent):.2f} / {1000 * spent.max():.2f} |", flush=True)


if __name__ == "__main__":
    main()
