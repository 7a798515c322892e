"""The dark lines round the synthetic opening, beside the source repeated: along the lower lip's inner edge
(`engines/mesh/figures/lip_rim.py`), the sticker's outline along the opening's sides (`figures/side_ring.py`) and
the bands along the lips in a wide opening's lower part (`figures/tongue_stripes.py`).

Usage: python bench/lip_rim.py [--portraits lp_s5@512,...] [--drivers laugh,talk] [--step 4] [--before REV]
Portraits ("name@N": longer side N px, as `animate --size N`) driven by presets (4 s, synthetic interior),
mesh engine; every `--step`th frame opening at least `teeth_band.TALKING` mouth widths. Columns: rim line and
side ring (grey levels) and tongue stripes (0-1, over the frames opening at least `teeth_band.OPEN` mouth widths)
for the source repeated, the engine with `mouth_synthetic.py` as at git revision
`--before`, and as it is; mouth realism (`eval/mouth.py`, lower = more real) before / after. Last rows: real
open mouths, the ../shared/data drivers' own frames.
"""

from __future__ import annotations

import numpy as np
from mouth_surroundings import _driver, cases
from reenact import SHARED
from teeth_band import REAL_MOUTHS, before_and_after, interior_args

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.lip_rim import rim_line
from facereel.engines.mesh.figures.side_ring import side_ring
from facereel.engines.mesh.figures.teeth_band import OPEN, TALKING, teeth_band_reads
from facereel.engines.mesh.figures.tongue_stripes import tongue_stripes
from facereel.eval.mouth import interior_stats, realism


def _stripes(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """`tongue_stripes`, NaN below a wide opening (where it reads 0)."""
    return tongue_stripes(frame, landmarks) if teeth_band_reads(landmarks, OPEN) else np.nan


def _figures(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray]) -> np.ndarray:
    """(F, 4) (rim line, side ring, tongue stripes, mouth realism) of the rendered frames; stripes NaN below a wide
    opening, realism NaN where the opening is too small."""
    animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
    rows = []
    for t in targets:
        frame = animator.render(t)
        stats = interior_stats(frame, t)
        rows.append((rim_line(frame, t), side_ring(frame, t), _stripes(frame, t),
                     np.nan if stats is None else realism(stats, REAL_MOUTHS)))
    return np.array(rows)


def main() -> None:
    args, old = interior_args(__doc__, "lip_rim.py",
                              "lp_s1@512,lp_s3@512,lp_s5@512,sr_4@512,astronaut,grace_hopper,lp_s5",
                              "lp_d18,lp_d11,lp_d12", 4, "18dea02",
                              ["portrait x driver", "open frames", "rim line: source repeated / before / after",
                               "side ring: source repeated / before / after",
                               "tongue stripes: source repeated / before / after", "mouth realism: before / after"])
    for name, image, lm, all_targets, _ in cases(args.drivers, args.portraits):
        targets = [t for t in all_targets[::args.step] if teeth_band_reads(t, TALKING)]
        if not targets:
            continue
        before, now = before_and_after(old, lambda: _figures(image, lm, targets))
        print(f"| {name} | {len(targets)} | {rim_line(image, lm):.1f} / {before[:, 0].mean():.1f} / "
              f"{now[:, 0].mean():.1f} | {side_ring(image, lm):.1f} / {before[:, 1].mean():.1f} / "
              f"{now[:, 1].mean():.1f} | {tongue_stripes(image, lm):.3f} / {np.nanmean(before[:, 2]):.3f} / "
              f"{np.nanmean(now[:, 2]):.3f} | {np.nanmean(before[:, 3]):.2f} / {np.nanmean(now[:, 3]):.2f} |",
              flush=True)
    for dname in args.real.split(","):
        if not (SHARED / "driving" / f"{dname}.mp4").exists():
            continue
        _, (frames, lms) = _driver(dname)
        own = np.array([(rim_line(f, lm), side_ring(f, lm), _stripes(f, lm)) for f, lm in zip(frames, lms)
                        if teeth_band_reads(lm, TALKING)])
        if len(own):
            print(f"| {dname}'s own open mouths (real) | {len(own)} | {own[:, 0].mean():.1f} | "
                  f"{own[:, 1].mean():.1f} | {np.nanmean(own[:, 2]):.3f} | - |", flush=True)


if __name__ == "__main__":
    main()
