"""The synthetic upper teeth under a moustache (issue #9 item 3): `engines/mesh/figures/dub_teeth.py`'s ratio (teeth
L* over the cheeks') and white (share clipped white) read on the synthetic mouth, with `figures/teeth_band.py`'s
dull and grey (a grey band), beside the source repeated (the portrait's own mouth) and the engine before.

Usage: python bench/moustache_teeth.py [--portraits lp_s12@512,...] [--frames 20:36] [--step 1]
Portraits ("name@N": longer side N px, as `animate --size N`) driven by preset:laugh (4 s; `--mouth synthetic`,
the presets' default), mesh engine, default options; the frames in `--frames` (first:stop) whose teeth read
(`figures.teeth_band.TALKING` mouth widths open). "before": the same animator with the moustache's shade off
(`MouthRenderer.overhang` 0, the engine as before `mouth_synthetic.overhang_share`); "after": as it is.
Columns: the portrait's overhang share (`mouth_synthetic.overhang_share` of its lips), frames read, ratio mean
(max), white mean, dull and grey mean (source repeated: its own mouth, "-" where closed).
"""

from __future__ import annotations

import argparse
import platform
from datetime import date

import numpy as np
from mouth_surroundings import cases

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.dub_teeth import dub_teeth
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band

PORTRAITS = "lp_s12@512,lp_s12,lp_s0@512,lp_s1@512,lp_s3@512,sr_18@512,grace_hopper@512"


def _reads(frame: np.ndarray, lm: np.ndarray) -> tuple[float, float, float, float] | None:
    """(ratio, white, dull, grey) of a (H, W, 3) frame's mouth at its (478, 3) px landmarks, None where no teeth
    read."""
    teeth = dub_teeth(frame, lm)
    return None if teeth is None else (*teeth, *teeth_band(frame, lm, TALKING))


def _cell(rows: list[tuple[float, ...]]) -> tuple[str, str, str, str]:
    """(ratio 'mean (max)', white mean, dull mean, grey mean) of the read frames, '-' for none."""
    if not rows:
        return "-", "-", "-", "-"
    r = np.array(rows)
    return f"{r[:, 0].mean():.2f} ({r[:, 0].max():.2f})", f"{r[:, 1].mean():.3f}", f"{r[:, 2].mean():.3f}", \
        f"{r[:, 3].mean():.3f}"


def parsed_args(script: str, doc: str | None, drivers: bool = False) -> tuple[argparse.Namespace, int, int]:
    """The moustache benches' command line (`--portraits`, `--frames first:stop`, `--step`, optionally `--drivers`),
    its echo with the machine and date, and the frame range."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default=PORTRAITS)
    if drivers:
        parser.add_argument("--drivers", default="laugh")
    parser.add_argument("--frames", default="20:36")
    parser.add_argument("--step", type=int, default=1)
    args = parser.parse_args()
    first, stop = (int(v) for v in args.frames.split(":"))
    flags = " ".join(f"--{k} {v}" for k, v in vars(args).items())
    print(f"bench/{script} {flags}; {platform.node()} {platform.processor() or platform.machine()}, {date.today()}")
    return args, first, stop


def main() -> None:
    args, first, stop = parsed_args("moustache_teeth.py", __doc__)
    columns = ["portrait x preset", "overhang", "frames", "ratio: source repeated / before / after",
               "white: source / before / after", "dull: before / after", "grey: before / after"]
    print("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns))
    for name, image, lm, targets, _ in cases("laugh", args.portraits):
        animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
        overhang = animator.mouth.overhang
        runs = []
        for shade in (0.0, overhang):
            animator.mouth.overhang = shade
            reads = [_reads(animator.render(t), t) for t in targets[first:stop:args.step]]
            runs.append(_cell([r for r in reads if r is not None]))
        base = _cell([r] if (r := _reads(image, lm)) is not None else [])
        count = sum(r is not None for r in reads)
        print(f"| {name} | {overhang:.2f} | {count} | {base[0]} / {runs[0][0]} / {runs[1][0]} "
              f"| {base[1]} / {runs[0][1]} / {runs[1][1]} | {runs[0][2]} / {runs[1][2]} "
              f"| {runs[0][3]} / {runs[1][3]} |", flush=True)


if __name__ == "__main__":
    main()
