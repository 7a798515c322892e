"""The soft shadow band under sr_18's turned jaw (`figures.jaw_band.band_loss`) and how much of it is laid without
grain (`flat_band`: grace_hopper's flat strip under her turned chin), per portrait at 512 px.

For each portrait (--portraits, from ../shared/data and grace_hopper), resized to 512 px as `facereel animate
--size 512` does, the mesh engine renders preset:turn (2 s, retargeted as `facereel animate` does); `band_loss`
and `flat_band` of frames --frames (default 12-22 and 33-48) on the crop the engine draws, with the head alpha it
drew and the moved chin, beside the do-nothing baseline (the source repeated). --off:
`MeshOptions(jaw_shadow=False)`.
Compare versions of the engine by running this script with each one's `src` first on PYTHONPATH (an engine
from before the figure: with figures/jaw_band.py copied into its tree).

Run: PYTHONPATH=src .venv/bin/python bench/jaw_band.py [--portraits sr_18] [--frames 12-22,33-48] [--off]
Prints a Markdown table: per portrait and figure, the source repeated, the frames' mean over the frames read, how
many were read, and each frame's figure (- where not read).
"""

from __future__ import annotations

import argparse

import numpy as np
from far_tear import figure_table, turn_frames

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.jaw_band import band_loss, flat_band
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


FIGURES = {"band_loss": band_loss, "flat_band": flat_band}


def losses(image: np.ndarray, lm: np.ndarray, frames: list[int], shadow: bool) -> dict[str, tuple[float, list[float]]]:
    """Per figure (`FIGURES`): its value on the source repeated and on each of `frames` of preset:turn from `image`,
    landmarks `lm`."""
    animator = MeshAnimator(image, lm, MeshOptions(jaw_shadow=shadow))
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape
    photo = (image[y0:y0 + h, x0:x0 + w], animator.layer.alpha, lm[152, :2] - animator.origin)
    size = face_size(lm)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    out = {name: [] for name in FIGURES}
    for k in frames:
        frame = animator.render(targets[k])[y0:y0 + h, x0:x0 + w]
        drawn = (frame, animator.drawn_alpha(), targets[k][152, :2] - animator.origin)
        for name, figure in FIGURES.items():
            out[name].append(figure(*drawn, *photo, size))
    return {name: (figure(*photo, *photo, size), out[name]) for name, figure in FIGURES.items()}


def _mean_read(values: list[float]) -> str:
    """The mean of the frames' figures that were read (finite), and "(read/all)"."""
    read = [v for v in values if np.isfinite(v)]
    return f"{np.mean(read) if read else float('nan'):.3f} ({len(read)}/{len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="sr_18")
    parser.add_argument("--frames", default="12-22,33-48", help="first-last ranges of preset:turn (2 s)")
    parser.add_argument("--off", action="store_true", help="MeshOptions(jaw_shadow=False)")
    args = parser.parse_args()
    frames = turn_frames(args.frames)
    figure_table(args.portraits, lambda image, lm: losses(image, lm, frames, not args.off), "frames mean (read)",
                 _mean_read)


if __name__ == "__main__":
    main()
