"""The head's outline round a turned jaw (issue #9): `jaw_outline.dark_band` (sr_4's dark band round its
jaw) and `jaw_outline.jaw_corners_added` (sr_18's jagged step under the ear) on preset:turn, per portrait,
for any version of the engine, beside the do-nothing baseline.

Renders preset:turn (2 s, retargeted as `facereel animate` does) at `FRAMES` with the engine first on
PYTHONPATH and reads both figures with this checkout's `jaw_outline.py` (loaded by its path, so an engine
without it can be read the same way). The source repeated: the animator before any render (nothing moved),
0 on both by definition. Prints one Markdown row per portrait: mean / max over the frames.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/jaw_outline.py [--label before]
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import imageio.v3 as iio
import numpy as np

from facereel.engines.mesh import MeshAnimator
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
PORTRAITS = ("sr_4", "sr_18", "lp_s1", "lp_s5", "sr_8", "astronaut")
FRAMES = (6, 12, 24, 30, 36, 42, 48)  # of preset:turn's 50: both sides, turned up and down


def _figures():
    spec = importlib.util.spec_from_file_location("jaw_outline", ROOT / "src/facereel/engines/mesh/figures/jaw_outline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _portrait(name: str) -> np.ndarray | None:
    if name == "astronaut":
        import skimage.data

        return np.ascontiguousarray(skimage.data.astronaut())
    found = sorted((SHARED / "portraits").glob(f"{name}.*")) if SHARED.is_dir() else []
    return np.ascontiguousarray(iio.imread(found[0])[..., :3]) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="this engine")
    args = parser.parse_args()
    figures = _figures()
    print(f"| portrait | {args.label}: dark band, grey levels (mean / max) | sharp corners added (mean / max) "
          "| source repeated |")
    print("|---|---|---|---|")
    for name in PORTRAITS:
        image = _portrait(name)
        if image is None:
            continue
        lm = track_image(image).landmarks[0]
        targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
        animator = MeshAnimator(image, lm)
        still = (figures.dark_band(animator, image), figures.jaw_corners_added(animator))
        band, corners = [], []
        for k in FRAMES:
            frame = animator.render(targets[k])
            band.append(figures.dark_band(animator, frame))
            corners.append(figures.jaw_corners_added(animator))
        print(f"| {name} | {np.mean(band):.1f} / {max(band):.1f} | {np.mean(corners):.1f} / {max(corners)} "
              f"| {still[0]:.1f}, {still[1]} |", flush=True)


if __name__ == "__main__":
    main()
