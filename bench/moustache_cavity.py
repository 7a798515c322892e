"""The cavity under a moustache (issue #9 item 3): `engines/mesh/figures/black_slot.py`'s darkest tenth of the
opening's L* (`lightness_steps`) and near-black share (`black_slot`) beside the source repeated (the portrait's own
mouth) and the engine before.

Usage: python bench/moustache_cavity.py [--portraits lp_s12@512,...] [--drivers laugh,lp_d12,lp_d18]
       [--frames 20:36] [--step 1]
Portraits ("name@N": longer side N px, as `animate --size N`) driven by preset:laugh (4 s; `--mouth synthetic`, the
presets' default) or a driving video (`--mouth driver`, its frames given), mesh engine, default options; the frames
in `--frames` (first:stop) whose opening holds a pixel. "before": the same animator with the cavity built from the
lips' median (`mouth_shape.lip_colour`, the engine before `mouth_synthetic.cavity_lip`); "after": as it is.
Columns: the portrait's overhang share (`mouth_synthetic.overhang_share`), frames read, darkest tenth L* mean and
near-black share mean, each source repeated / before / after.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from moustache_teeth import parsed_args
from mouth_surroundings import cases

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.black_slot import black_slot, lightness_steps
from facereel.engines.mesh.open_mouth.mouth_driver import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour


def _reads(frame: np.ndarray, lm: np.ndarray) -> tuple[float, float] | None:
    """(darkest tenth L*, near-black share) of a (H, W, 3) frame's opening at its (478, 3) px landmarks, None where
    the opening holds no pixel."""
    dark = lightness_steps(frame, lm, (0.1,))[0]
    return None if np.isnan(dark) else (dark, black_slot(frame, lm))


def _cell(rows: list[tuple[float, float]]) -> tuple[str, str]:
    """(darkest tenth mean, near-black mean) of the read frames, '-' for none."""
    if not rows:
        return "-", "-"
    r = np.array(rows)
    return f"{r[:, 0].mean():.1f}", f"{r[:, 1].mean():.3f}"


def main() -> None:
    args, first, stop = parsed_args("moustache_cavity.py", __doc__, drivers=True)
    columns = ["portrait x driver", "overhang", "frames", "darkest tenth L*: source repeated / before / after",
               "near black: source / before / after"]
    print("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns))
    for name, image, lm, targets, driver in cases(args.drivers, args.portraits):
        animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic" if driver is None else "driver"))
        after = animator.mouth.colours
        runs = []
        for colours in (dataclasses.replace(after, lip=lip_colour(image, lm)), after):
            animator.mouth.colours = colours
            reads = [_reads(animator.render(targets[k], driver=None if driver is None else
                                            DriverFrame(driver[0][k], driver[1][k])), targets[k])
                     for k in range(first, min(stop, len(targets)), args.step)]
            runs.append(_cell([r for r in reads if r is not None]))
        base = _cell([r] if (r := _reads(image, lm)) is not None else [])
        count = sum(r is not None for r in reads)
        print(f"| {name} | {animator.mouth.overhang:.2f} | {count} | {base[0]} / {runs[0][0]} / {runs[1][0]} "
              f"| {base[1]} / {runs[0][1]} / {runs[1][1]} |", flush=True)


if __name__ == "__main__":
    main()
