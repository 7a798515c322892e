"""How far real drivers' smiles move the mouth corners, in the smile slider's units (`motion.sliders.SMILE_OUT`,
`SMILE_UP`): the calibration of `facereel edit --smile 1`.

Usage: python bench/smile_range.py [--drivers lp_d19,lp_d18,...] [--share 0.98]
Each driver (../shared/data/driving/<name>.mp4) is tracked; each frame's canonical mouth corners (61, 291) are
measured from its most neutral frame (`motion.extract.neutral_frame`): out = how far the corners moved apart (mean
per corner, canonical units: inter-ocular distances), up = how far they rose. Per driver: its widest smile, the
frame where out + up is highest (ties of the `--share` quantile read as noise: the quantile of out + up is
reported with that frame's out and up), and the mouth opening there. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_video
from facereel.motion.extract import frame_motion, neutral_frame
from facereel.motion.features import INDEX
from facereel.motion.sliders import SMILE_OUT, SMILE_UP

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "driving"
DRIVERS = ("lp_d3", "lp_d6", "lp_d11", "lp_d12", "lp_d18", "lp_d19", "sr_1")


def corner_moves(canonical: np.ndarray, reference: int) -> tuple[np.ndarray, np.ndarray]:
    """(out (T,), up (T,)) canonical units: the mouth corners' mean outward and upward move in (T, 478, 3)
    canonical landmarks from frame `reference`."""
    right, left = ids.MOUTH_CORNERS
    step = canonical[:, [right, left], :2] - canonical[reference, [right, left], :2]
    out = 0.5 * (step[:, 1, 0] - step[:, 0, 0])  # the image-left corner (61) moves to -x, the other to +x
    up = -step[:, :, 1].mean(axis=1)
    return out, up


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drivers", default=",".join(DRIVERS))
    parser.add_argument("--share", type=float, default=0.98, help="quantile of out + up read as the widest smile")
    args = parser.parse_args()
    print(f"slider 1 (before this calibration: preset:smile's peak 0.08 / 0.07): out {SMILE_OUT:.3f}, up {SMILE_UP:.3f}")
    print("| driver | frames | neutral | widest frame | out | up | mouth open |")
    print("|---|---|---|---|---|---|---|")
    for name in args.drivers.split(","):
        track = track_video(DATA / f"{name}.mp4")
        _, canonical, features = frame_motion(track.landmarks)
        reference = neutral_frame(features, track.valid)
        out, up = corner_moves(canonical, reference)
        score = np.where(track.valid, out + up, -np.inf)
        bar = np.quantile(score[track.valid], args.share)
        frame = int(np.flatnonzero(score >= bar)[np.argmin(score[score >= bar])])  # the quantile's own frame
        opening = features[frame, INDEX["mouth_open"]] - features[reference, INDEX["mouth_open"]]
        print(f"| {name} | {len(score)} | {reference} | {frame} | {out[frame]:.3f} | {up[frame]:.3f} | "
              f"{opening:+.3f} |")


if __name__ == "__main__":
    main()
