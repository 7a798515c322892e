"""The synthetic teeth's band (`engines/mesh/figures/teeth_band.py`): dull and grey, beside the source repeated.

Usage: python bench/teeth_band.py [--portraits lp_s3@512,...] [--drivers laugh,talk] [--step 3] [--before REV]
Portraits ("name@N": longer side N px, as `animate --size N`) driven by presets (4 s; `--mouth synthetic`, the
presets' default), mesh engine, default options; every `--step`th frame whose target opening the figure reads,
in two bands: wide (at least `OPEN` mouth widths) and talking (`TALKING` up to `OPEN`).
Columns: the source repeated (its closed mouth: 0), the engine with `mouth_synthetic.py` as at git revision
`--before`, and as it is; mouth realism (`eval/mouth.py`, z against real open mouths, at the target
landmarks; the source repeated has no opening to score). Last rows: real open mouths, the ../shared/data
drivers' own frames (their teeth), all of them and those showing teeth (`eval.mouth_teeth` teeth area at least
`bench/mouth_teeth.py`'s bar).
"""

from __future__ import annotations

import argparse
import platform
import types
from collections.abc import Callable
from datetime import date

import numpy as np
from mouth_surroundings import _driver, cases, old_module
from mouth_teeth import SHOWS_TEETH
from reenact import SHARED

import facereel.engines.mesh.open_mouth.mouth as mouth
from facereel.eval.mouth import interior_stats, packaged_reference, realism
from facereel.eval.mouth_teeth import mouth_look

REAL_MOUTHS = packaged_reference()
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.teeth_band import OPEN, TALKING, teeth_band, teeth_band_reads


BANDS = (("wide", OPEN, np.inf), ("talking", TALKING, OPEN))
"""(name, from, below) inner-lip gap / mouth width of the openings read."""


def _in_band(lm: np.ndarray, low: float, high: float) -> bool:
    """Whether (478, 3) px landmarks open the mouth to `low` and not to `high` mouth widths."""
    return teeth_band_reads(lm, low) and not teeth_band_reads(lm, high)


def _figures(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], low: float) -> np.ndarray:
    """(F, 3) (dull, grey, mouth realism) of the rendered frames, read from `low` mouth widths; realism
    (`eval.mouth`, at the target landmarks) NaN where the opening is too small for it."""
    animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
    rows = []
    for t in targets:
        frame = animator.render(t)
        stats = interior_stats(frame, t)
        rows.append((*teeth_band(frame, t, low), np.nan if stats is None else realism(stats, REAL_MOUTHS)))
    return np.array(rows)


def _row(name: str, base: tuple[float, float], *runs: np.ndarray) -> str:
    cells = [f"{len(runs[-1])}", " / ".join([f"{base[0]:.3f}"] + [f"{r[:, 0].mean():.3f}" for r in runs]),
             " / ".join([f"{base[1]:.3f}"] + [f"{r[:, 1].mean():.3f}" for r in runs]),
             " / ".join(f"{np.nanmean(r[:, 2]):.2f}" if np.isfinite(r[:, 2]).any() else "-" for r in runs)]
    return f"| {name} | " + " | ".join(cells) + " |"


def interior_args(doc: str, bench: str, portraits: str, real: str, step: int, before: str, columns: list[str]
                  ) -> tuple[argparse.Namespace, types.ModuleType]:
    """The command line of a bench of the synthetic interior (`--portraits`, `--drivers`, `--real`, `--step`,
    `--before`), with these defaults, and `--before`'s `mouth_synthetic` module; prints the run's line
    (`bench`, its options, the machine, the date) and the Markdown table's head (`columns`)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default=portraits)
    parser.add_argument("--drivers", default="laugh,talk")
    parser.add_argument("--real", default=real, help="driver videos whose own open mouths are read")
    parser.add_argument("--step", type=int, default=step)
    parser.add_argument("--before", default=before, help="git revision whose mouth_synthetic.py draws 'before'")
    args = parser.parse_args()
    print(f"bench/{bench} --portraits {args.portraits} --drivers {args.drivers} --step {args.step} "
          f"--before {args.before}; {platform.node()} {platform.processor() or platform.machine()}, {date.today()}")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    return args, old_module(args.before, "src/facereel/engines/mesh/open_mouth/mouth_synthetic.py")


def before_and_after(old: types.ModuleType, figures: Callable[[], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """`figures()` with `old`'s synthetic interior drawing the mouth, then with the current one."""
    now_interior = mouth.synthetic_interior
    mouth.synthetic_interior = old.synthetic_interior
    try:
        before = figures()
    finally:
        mouth.synthetic_interior = now_interior
    return before, figures()


def main() -> None:
    args, old = interior_args(__doc__, "teeth_band.py",
                              "lp_s3@512,lp_s6@512,lp_s1@512,lp_s5@512,astronaut,grace_hopper,lp_s3",
                              "lp_d18,lp_d12,lp_d11", 3, "9f458fa",
                              ["portrait x driver", "open frames", "dull: source repeated / before / after",
                               "grey: source repeated / before / after", "mouth realism: before / after"])
    for name, image, lm, all_targets, _ in cases(args.drivers, args.portraits):
        for band, low, high in BANDS:
            targets = [t for t in all_targets[::args.step] if _in_band(t, low, high)]
            if not targets:
                continue
            base = teeth_band(image, lm, low)
            before, now = before_and_after(old, lambda: _figures(image, lm, targets, low))
            print(_row(f"{name} ({band})", base, before, now), flush=True)
    for dname in args.real.split(","):
        if not (SHARED / "driving" / f"{dname}.mp4").exists():
            continue
        _, (frames, lms) = _driver(dname)
        for band, low, high in BANDS:
            shown = [(f, lm) for f, lm in zip(frames, lms) if _in_band(lm, low, high)]
            showing_teeth = [(f, lm) for f, lm in shown if mouth_look(f, lm).teeth_area >= SHOWS_TEETH]
            for kind, pairs in (("", shown), (", showing teeth", showing_teeth)):
                own = np.array([teeth_band(f, lm, low) for f, lm in pairs])
                if len(own):
                    print(f"| {dname}'s own {band} mouths{kind} (real) | {len(own)} | {own[:, 0].mean():.3f} "
                          f"| {own[:, 1].mean():.3f} | - |", flush=True)

if __name__ == "__main__":
    main()
