"""The turned face's outline on big turns, per portrait: the far cheek's strip beside the nose
(`figures.far_outline`: with the nose's wing, and the cheek's own points only) and the far temple's fold
under the face (`figures.temple_fold`).

For each portrait (the public-domain astronaut and grace_hopper, then ../shared/data's), the mesh engine
maps preset:turn (--seconds, default 2 as `facereel animate` plays it; retargeted as it does, no
smoothing); per frame `nose_margin` and `nose_overhang` of the landmarks the engine drew (after its pose
limit and stretch limit), `cheek_margin` and `nose_past_cheek` of the same, and `temple_fold` of its mesh.
The do-nothing baseline (the source repeated) is the source's own landmarks: its margins, overhang 0,
nose past cheek as read there (0 unless the photo is turned far), fold 0. Compare versions of the engine by running this script with each one's `src`
first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/far_outline.py [--seconds 2] [--portraits lp_s1,astronaut]
Prints a Markdown table: per portrait, the source's margin, the frames' smallest margin, the mean overhang
and the share of frames with one; the same for the cheek's own strip (the source's cheek margin and
nose past cheek, then the frames'); the temple fold's mean and max (face sizes^2 x 1000) over the frames
and over the brief's frames 15-18 and 39; the head's yaw re-tracked (mediapipe, on the rendered frame,
relative to the source's) at the preset's +45 and -45 deg frames (`EXTREMES`), the motion kept.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import numpy as np
from warp_health import portraits

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.figures.far_outline import cheek_margin, nose_margin, nose_overhang, nose_past_cheek
from facereel.engines.mesh.figures.temple_fold import temple_fold
from facereel.errors import InputError
from facereel.face.pose import estimate_pose, euler_degrees
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

EXTREMES = (12, 37)
"""Frames of preset:turn at 2 s where its yaw peaks (+45, -45 deg)."""


def retracked_yaw(animator: MeshAnimator, source_rotation: np.ndarray, target: np.ndarray) -> float:
    """Deg: the yaw of the head in the frame rendered for `target` (478, 3) px, re-tracked, relative to the
    source's rotation (3, 3); nan when no face is found."""
    try:
        found = track_image(animator.render(target)).landmarks
    except InputError:  # no face found
        return float("nan")
    rotation = estimate_pose(found[:1])[0].rotation[0].astype(np.float64)
    return float(euler_degrees((source_rotation.T @ rotation)[None])[0, 0])


def turned_portraits(names: str | None, seconds: float
                     ) -> Iterator[tuple[str, np.ndarray, MeshAnimator, np.ndarray]]:
    """Per portrait (`names`: comma-separated, None: all): its name, landmarks (478, 3) px, a `MeshAnimator`
    of it and preset:turn (`seconds` long, retargeted as `facereel animate` does, no smoothing) (T, 478, 3)."""
    wanted = None if names is None else set(names.split(","))
    for name, image in (pair for pair in portraits() if wanted is None or pair[0] in wanted):
        lm = track_image(image).landmarks[0]
        targets = retarget(lm, preset_motion("turn", seconds), RetargetOptions(smoothing=None, translate=True))
        yield name, lm, MeshAnimator(image, lm), targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--portraits", default=None, help="these portraits only (names, e.g. lp_s1,astronaut)")
    args = parser.parse_args()
    print("| portrait | source margin | turn: min margin | mean overhang | frames with overhang |"
          " source cheek margin, nose past cheek | turn: min cheek margin | mean nose past cheek |"
          " frames with nose past cheek | temple fold mean / max | frames 15-18, 39 mean | re-tracked yaw +45 / -45 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, lm, animator, targets in turned_portraits(args.portraits, args.seconds):
        drawn, folds = [], []
        for target in targets:
            drawn.append(animator.map_frame(target).target)
            folds.append(1000 * temple_fold(animator))
        folds = np.array(folds)
        source_rotation = estimate_pose(lm[None])[0].rotation[0].astype(np.float64)
        yaws = [retracked_yaw(animator, source_rotation, targets[k]) for k in EXTREMES if k < len(targets)]
        looked = [k for k in (15, 16, 17, 18, 39) if k < len(folds)]
        margins = np.array([nose_margin(t) for t in drawn])
        overhang = np.array([nose_overhang(t) for t in drawn])
        cheeks = np.array([cheek_margin(t) for t in drawn])
        past = np.array([nose_past_cheek(t) for t in drawn])
        print(f"| {name} | {nose_margin(lm):.3f} | {margins.min():.3f} | {overhang.mean():.4f} | "
              f"{(overhang > 0).mean():.0%} | {cheek_margin(lm):.3f}, {nose_past_cheek(lm):.4f} | {cheeks.min():.3f} | "
              f"{past.mean():.4f} | {(past > 0).mean():.0%} | {folds.mean():.2f} / {folds.max():.2f} | "
              f"{folds[looked].mean():.2f} | {' / '.join(f'{y:.1f}' for y in yaws)} |")


if __name__ == "__main__":
    main()
