"""The head mask's edges on big turns: seam score, plate halo and hair streaks per portrait, with hanging hair.

For each portrait of ../shared/data (and the public-domain astronaut), the mesh engine renders preset:turn
(--seconds, retargeted as `facereel animate` does, no smoothing) and the first --seconds of a real driver
(--driver, default lp_d12: yaw -26..+24 deg). Per frame: the seam score (`eval.seam`, new edges in the
head region against the source moved with the head; the frame's landmarks are the ones the engine drew,
after its pose limit, so nothing is re-tracked), the plate halo and the hair streaks
(`artefact_scores.ArtefactScores`). The do-nothing baseline (the source repeated) scores seam 0, no plate
shown, no streaks. Compare versions of the engine by running this script with each one's `src` first on
PYTHONPATH; --hanging-hair renders with `MeshOptions(hanging_hair=True)`.

Run: PYTHONPATH=src .venv/bin/python bench/head_edges.py [--seconds 4] [--driver lp_d12]
     [--portraits lp_s1,sr_4] [--hanging-hair]
Prints a Markdown table: per portrait, seam mean / p95 and halo mean / max (over frames uncovering some
plate), hair streaks max, for the turn and the driver.
"""

from __future__ import annotations

import argparse

import numpy as np
from plate_halo import _driver_motion
from turn_sheets import portraits
from warp_health import SHARED, add_arguments, mesh_options

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.eval import seam
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def figures(image: np.ndarray, lm: np.ndarray, targets: np.ndarray, options: MeshOptions | None,
            prepared: seam.SeamSource) -> np.ndarray:
    """(T, 3) per frame: seam score, plate halo, hair streaks."""
    animator = MeshAnimator(image, lm, options)
    scores = ArtefactScores(animator)
    out = []
    for target in targets:
        frame_map = animator.map_frame(target)
        frame = animator.draw(frame_map)
        out.append((seam.seam_score(frame, frame_map.target, prepared), scores.plate_halo(frame),
                    scores.hair_streaks()))
    return np.array(out)


def cells(values: np.ndarray) -> str:
    """Seam mean / p95 | halo mean / max | streaks max."""
    halo = values[values[:, 1] > 0, 1]
    shown = f"{halo.mean():.1f} / {halo.max():.1f}" if len(halo) else "-"
    return (f"{values[:, 0].mean():.4f} / {np.percentile(values[:, 0], 95):.4f} | {shown} | "
            f"{values[:, 2].max():.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    parser.add_argument("--driver", default="lp_d12")
    args = parser.parse_args()
    motion = _driver_motion(SHARED / "driving" / f"{args.driver}.mp4", args.seconds)
    print(f"| portrait | turn: seam mean / p95 | halo mean / max | streaks max | {args.driver}: seam mean / p95"
          " | halo mean / max | streaks max |")
    print("|---|---|---|---|---|---|---|")
    totals: list[tuple[float, float]] = []
    for name, image in portraits():
        if args.portraits is not None and name not in args.portraits.split(","):
            continue
        lm = track_image(image).landmarks[0]
        prepared = seam.prepare(image, lm)
        turn_targets = retarget(lm, preset_motion("turn", args.seconds),
                                RetargetOptions(smoothing=None, translate=True))
        turn = figures(image, lm, turn_targets, mesh_options(args), prepared)
        row = f"| {name} | {cells(turn)} |"
        drive = None
        if motion is not None:
            drive = figures(image, lm, retarget(lm, motion, RetargetOptions()), mesh_options(args), prepared)
            row += f" {cells(drive)} |"
        totals.append((turn[:, 0].mean(), drive[:, 0].mean() if drive is not None else np.nan))
        print(row, flush=True)
    mean = np.nanmean(np.array(totals), 0)
    print(f"| mean seam | {mean[0]:.4f} | | | {mean[1]:.4f} | | |")


if __name__ == "__main__":
    main()
