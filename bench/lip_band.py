"""The lips' inner band round a wide-open driven mouth and at its opened corners (`engines/mesh/figures/lip_band.py`:
`lip_band`, `corner_band`), beside the source repeated and the driver's own lips.

Usage: python bench/lip_band.py [--portraits lp_s1,lp_s0,sr_18,grace_hopper] [--driver lp_d12] [--frames 118:130]
Portraits at 512 px (as `animate --size 512`; grace_hopper from matplotlib), landmarks tracked there, driven by the
driver's first frames up to `--frames`' end (default retargeting, `--mouth driver`); the figure (lips' band within
2 px of the inner-lip contour less their body, / skin grey level; below 0: the lips darken towards the opening) is
averaged over `--frames`; the corners' figure reads the same at the opened corners alone. To measure an older
checkout, run with PYTHONPATH=that/src (figures/lip_band.py copied in).
"""

from __future__ import annotations

import argparse
import platform
from datetime import date
from pathlib import Path

import cv2
import numpy as np

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.lip_band import corner_band, lip_band
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _portrait(name: str) -> np.ndarray:
    """A shared portrait (or matplotlib's grace_hopper), RGB, shrunk to at most 512 px."""
    import imageio.v3 as iio

    if name == "grace_hopper":
        import matplotlib.cbook

        path = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    else:
        path = next(iter(sorted((SHARED / "portraits").glob(f"{name}.*"))))
    image = iio.imread(path)[..., :3]
    scale = 512 / max(image.shape[:2])
    if scale < 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(image)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s1,lp_s0,sr_18,grace_hopper")
    parser.add_argument("--driver", default="lp_d12")
    parser.add_argument("--frames", default="118:130")
    args = parser.parse_args()
    k0, k1 = (int(x) for x in args.frames.split(":"))
    with open_video(SHARED / "driving" / f"{args.driver}.mp4") as video:
        fps = video.fps
        frames = [f for _, f in zip(range(k1), video.frames())]
    track = track_frames(iter(frames), fps)
    motion = extract_motion(track)
    figures = (lip_band, corner_band)
    drv = [np.nanmean([f(frames[k], track.landmarks[k]) for k in range(k0, k1)]) for f in figures]
    print(f"bench/lip_band.py --portraits {args.portraits} --driver {args.driver} --frames {args.frames}; "
          f"{platform.node()} {platform.machine()}, {date.today()}")
    print("| portrait | source repeated (band / corners) | engine | driver's own |\n|---|---|---|---|")
    for name in args.portraits.split(","):
        image = _portrait(name)
        lm = track_image(image).landmarks[0]
        targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
        animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="driver"))
        out = [animator.render(targets[k], driver=DriverFrame(frames[k], track.landmarks[k])) for k in range(k0, k1)]
        engine = [np.nanmean([f(o, targets[k]) for o, k in zip(out, range(k0, k1))]) for f in figures]
        still = [np.nanmean([f(image, targets[k]) for k in range(k0, k1)]) for f in figures]
        cells = (" / ".join(f"{v:+.3f}" for v in pair) for pair in (still, engine, drv))
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
