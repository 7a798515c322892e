"""The photo's lip seam along an opened lower lip (`engines/mesh/figures/lip_seam.py`), beside the source repeated.

Usage: python bench/lip_seam.py [--portraits grace_hopper@512,lp_s1@512,...] [--drivers talk,laugh] [--step 4]
Portraits ("name@N": longer side N px, as `animate --size N`) driven by presets (4 s, synthetic interior), mesh
engine; every `--step`th frame opening at least `teeth_band.TALKING` mouth widths. Columns: lip seam (grey levels,
lower is better) for the source repeated, the engine without `lip_edge.LipEdge` (before; `--undo fill`: with the
painted opening's anti-aliased fill spread half a px onto the lower lip as before `mouth._opening_edge`; `--undo
lit`: the lift towards the whole lower lip's median colour, `lip_edge.LIT` 0, as before h18) and as it is; the rim line (`figures/lip_rim.py`) and mouth realism (`eval/mouth.py`, lower = more real) before / after.
"""

from __future__ import annotations

import argparse
import platform
from datetime import date

import numpy as np
from mouth_surroundings import cases
from teeth_band import REAL_MOUTHS

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.lip_rim import rim_line
from facereel.engines.mesh.figures.lip_seam import lip_seam
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.engines.mesh.open_mouth import lip_edge, mouth
from facereel.eval.mouth import interior_stats, realism


def _figures(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], undo: str | None) -> np.ndarray:
    """(F, 3) (lip seam, rim line, mouth realism) of the rendered frames, the engine as it is (`undo` None), without
    the lip edge's lift ("lift"), with the opening's fill as tracked ("fill") or the lift towards the whole lower
    lip's median ("lit"); realism NaN where the opening is too small."""
    lit = lip_edge.LIT
    lip_edge.LIT = 0.0 if undo == "lit" else lit
    try:
        animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
    finally:
        lip_edge.LIT = lit
    if undo == "lift":
        animator.mouth.edge = None
    opening_edge = mouth._opening_edge
    if undo == "fill":
        mouth._opening_edge = lambda poly: poly
    try:
        rows = []
        for t in targets:
            frame = animator.render(t)
            stats = interior_stats(frame, t)
            rows.append((lip_seam(frame, t), rim_line(frame, t),
                         np.nan if stats is None else realism(stats, REAL_MOUTHS)))
    finally:
        mouth._opening_edge = opening_edge
    return np.array(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for flag, default in (("--portraits", "grace_hopper@512,lp_s1@512,lp_s5@512,sr_18@512,lp_s0@512"),
                          ("--drivers", "talk,laugh")):
        parser.add_argument(flag, default=default)
    parser.add_argument("--step", type=int, default=4)
    parser.add_argument("--undo", choices=("lift", "fill", "lit"), default="lift", help="what 'before' leaves out")
    args = parser.parse_args()
    print(f"bench/lip_seam.py --portraits {args.portraits} --drivers {args.drivers} --step {args.step} "
          f"--undo {args.undo}; "
          f"{platform.node()} {platform.processor() or platform.machine()}, {date.today()}")
    print("| portrait x driver | open frames | lip seam: source repeated / before / after | rim line: before / after "
          "| mouth realism: before / after |")
    print("|---|---|---|---|---|")
    for name, image, lm, all_targets, _ in cases(args.drivers, args.portraits):
        targets = [t for t in all_targets[::args.step] if teeth_band_reads(t, TALKING)]
        if not targets:
            continue
        before, now = _figures(image, lm, targets, args.undo), _figures(image, lm, targets, None)
        print(f"| {name} | {len(targets)} | {lip_seam(image, lm):.1f} / {before[:, 0].mean():.1f} / "
              f"{now[:, 0].mean():.1f} | {before[:, 1].mean():.1f} / {now[:, 1].mean():.1f} | "
              f"{np.nanmean(before[:, 2]):.2f} / {np.nanmean(now[:, 2]):.2f} |", flush=True)


if __name__ == "__main__":
    main()
