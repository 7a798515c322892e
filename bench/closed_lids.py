"""Closed lids (`engines/mesh/figures/closed_lids.py`): texture lost and eyeball showing, beside the source repeated.

Usage: python bench/closed_lids.py [--frames 70] [--retrack]
Cases: portraits (longer side 512, as `animate --size 512`) driven by blinking drivers from ../shared/data (the
first --frames frames; lp_d3 blinks at 40-60); the public-domain astronaut and grace_hopper photos stand in
when the data set is absent. Per eye and frame where the driver's eye is shut (its opening under half its
median): `flatness` (texture lost on the covering lid, 0 = as detailed as the source's lid skin) and
`eyeball` (share of the source's eyeball area, carried onto the target, nearer the eyeball's colours than the
lid's: a shut eye should show none) and `darkness` (share of the lid, the lash line left out, darker than the
median of the source's lid skin: a dark patch) and `light` (grey levels: how far the lid's luminance along the
eye, less its mean, is from the source's lid skin's: the light along the lid lost). Source repeated: its own
landmarks (nothing covered: 0), and for `eyeball` also with the shut frames' landmarks (an eye that never
closes). Second table: self-reenactment (each driver's first frame as the source), PSNR of boxes round both
eyes on the shut frames, beside the first frame repeated, and `light` of the driver's own shut lids (real
lids) beside the engine's. With --retrack, only the blinks re-tracked: every frame rendered and tracked
again, the Pearson correlation of each eye's re-tracked opening with the driver's (the source repeated: a
constant opening, no correlation). To compare with an older engine, run this script with that tree's src
first on the path (and figures/closed_lids.py copied into it).
"""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lash_smear import SHARED, portrait  # noqa: E402

from facereel.animate.inputs import source_from_image  # noqa: E402
from facereel.engines.mesh.driven import DrivenPortrait  # noqa: E402
from facereel.engines.mesh.eye.eyes import opening_ratio  # noqa: E402
from facereel.engines.mesh.figures.closed_lids import closed_lids  # noqa: E402
from facereel.engines.mesh.geometry.mesh_topology import (  # noqa: E402
             LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER)
from facereel.face.tracking import FaceTracker  # noqa: E402
from facereel.media.video import open_video  # noqa: E402
from facereel.motion.retarget import RetargetOptions  # noqa: E402

CASES = [("lp_s1", "lp_d3"), ("lp_s0", "lp_d3"), ("lp_s5", "lp_d3"), ("sr_4", "lp_d3"), ("sr_18", "lp_d3"),
         ("lp_s6", "lp_d3"), ("astronaut", "lp_d3"), ("grace_hopper", "lp_d3"), ("lp_s1", "lp_d12")]
EYES = ((RIGHT_EYE_UPPER, RIGHT_EYE_LOWER), (LEFT_EYE_UPPER, LEFT_EYE_LOWER))


def driver(name: str, frames: int) -> tuple[list[np.ndarray], list[np.ndarray], float]:
    """The first `frames` tracked frames of a driver: images (H, W, 3), landmarks (478, 3) px, and fps."""
    with open_video(SHARED / "driving" / f"{name}.mp4") as video, FaceTracker(video=True) as track:
        pairs = [(f, track(f)) for _, f in zip(range(frames), video.frames())]
        fps = video.fps
    pairs = [(f, lm) for f, lm in pairs if lm is not None]
    return [f for f, _ in pairs], [lm for _, lm in pairs], fps


def shut(faces: list[np.ndarray]) -> np.ndarray:
    """(T, 2) bool: per frame and eye (right, left), the driver's eye under half its median opening."""
    opening = np.array([[opening_ratio(f, u, lo) for u, lo in EYES] for f in faces])
    return opening < 0.5 * np.median(opening, axis=0)


def eye_psnr(frame: np.ndarray, truth: np.ndarray, lm: np.ndarray) -> float:
    """PSNR (dB) of `frame` against `truth` (H, W, 3) uint8 over boxes round both eyes of `lm` (478, >=2) px."""
    err = []
    for upper, _ in EYES:
        a, b = lm[upper[0], :2], lm[upper[-1], :2]
        c, w = (a + b) / 2, float(np.linalg.norm(b - a))
        x0, y0, x1, y1 = (int(c[0] - 0.8 * w), int(c[1] - 0.5 * w), int(c[0] + 0.8 * w), int(c[1] + 0.5 * w))
        err.append((frame[y0:y1, x0:x1].astype(np.float64) - truth[y0:y1, x0:x1]) ** 2)
    mse = float(np.concatenate([e.ravel() for e in err]).mean())
    return 10 * np.log10(255.0 ** 2 / max(mse, 1e-9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=70)
    parser.add_argument("--retrack", action="store_true", help="only the blinks' re-tracked correlation")
    args = parser.parse_args()
    if args.retrack:
        retracked_blinks(args.frames)
        return
    print(f"{platform.machine()}, {date.today()}, first {args.frames} driver frames\n")
    print("| portrait x driver | shut eye-frames | flatness: source repeated / mean | eyeball: source repeated "
          "(own / shut frames) / mean / max | darkness: source repeated / mean | light: source repeated / mean |")
    print("|---|---|---|---|---|---|")
    drivers = {}
    for name, drv in CASES:
        image = portrait(name)
        if image is None or not (SHARED / "driving" / f"{drv}.mp4").exists():
            continue
        if drv not in drivers:
            drivers[drv] = driver(drv, args.frames)
        _, faces, fps = drivers[drv]
        lm = source_from_image(image).landmarks
        figures = closed_lids(image, lm)
        driven = DrivenPortrait(image, lm, RetargetOptions(), fps)
        closed = shut(faces)
        flat, ball, still, dark, light = [], [], [], [], []
        for face, eyes in zip(faces, closed):
            target = driven.drive(face).target
            if not eyes.any():
                continue
            out = driven.animator.render(target)
            for fig, is_shut in zip(figures, eyes):
                if is_shut:
                    flat.append(fig.flatness(out, target))
                    dark.append(fig.darkness(out, target))
                    light.append(fig.light(out, target))
                    ball.append(fig.eyeball(out, target, shut=True))
                    still.append(fig.eyeball(image, target, shut=True))
        own = max(max(f.flatness(image, lm), f.eyeball(image, lm), f.darkness(image, lm), f.light(image, lm))
                  for f in figures)
        print(f"| {name} x {drv} | {len(flat)} | {own:.3f} / {np.mean(flat):.3f} | {own:.3f} / {np.mean(still):.3f} / "
              f"{np.mean(ball):.3f} / {np.max(ball):.3f} | {own:.3f} / {np.mean(dark):.3f} | {own:.3f} / "
              f"{np.mean(light):.2f} |", flush=True)
    self_reenactment(args.frames, drivers)


def self_reenactment(frames: int, drivers: dict) -> None:
    """Print the eye boxes' PSNR on shut frames when each driver drives its own first frame, and `light` of the
    driver's own shut lids (the truth) beside the engine's."""
    print("\n| self-reenactment | shut frames | eye PSNR (dB): first frame repeated / engine | light: driver's own "
          "lids / engine |")
    print("|---|---|---|---|")
    for name in ("lp_d3", "lp_d12", "lp_d11", "lp_d6"):
        if not (SHARED / "driving" / f"{name}.mp4").exists():
            continue
        images, faces, fps = drivers[name] if name in drivers else driver(name, frames)
        closed = shut(faces).all(1)
        driven = DrivenPortrait(images[0], faces[0], RetargetOptions(), fps)
        figures = closed_lids(images[0], faces[0])
        base, got, real, light = [], [], [], []
        for image, face, is_shut in zip(images, faces, closed):
            target = driven.drive(face).target
            if is_shut:
                out = driven.animator.render(target)
                got.append(eye_psnr(out, image, face))
                base.append(eye_psnr(images[0], image, face))
                real += [f.light(image, face) for f in figures]
                light += [f.light(out, target) for f in figures]
        if got:
            print(f"| {name} | {len(got)} | {np.mean(base):.2f} / {np.mean(got):.2f} | {np.mean(real):.2f} / "
                  f"{np.mean(light):.2f} |", flush=True)


def retracked_blinks(frames: int) -> None:
    """Print, per portrait driven by lp_d3, the correlation of each eye's re-tracked opening with the driver's."""
    print(f"{platform.machine()}, {date.today()}, first {frames} driver frames\n")
    print("| portrait x driver | frames | re-tracked opening's correlation with the driver's: right / left |")
    print("|---|---|---|")
    if not (SHARED / "driving" / "lp_d3.mp4").exists():
        return
    _, faces, fps = driver("lp_d3", frames)
    for name, drv in CASES:
        image = portrait(name)
        if drv != "lp_d3" or image is None:
            continue
        driven = DrivenPortrait(image, source_from_image(image).landmarks, RetargetOptions(), fps)
        got, want = [], []
        with FaceTracker(video=True) as track:
            for face in faces:
                lm = track(driven.animator.render(driven.drive(face).target))
                if lm is not None:
                    got.append([opening_ratio(lm, u, lo) for u, lo in EYES])
                    want.append([opening_ratio(face, u, lo) for u, lo in EYES])
        got, want = np.array(got), np.array(want)
        corr = [np.corrcoef(got[:, k], want[:, k])[0, 1] for k in range(2)]
        print(f"| {name} x {drv} | {len(got)} | {corr[0]:.3f} / {corr[1]:.3f} |", flush=True)


if __name__ == "__main__":
    main()
