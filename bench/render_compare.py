"""The mesh render of two versions of the engine side by side: ms per frame and how far their frames differ.

Cases: portraits lp_s1, sr_8 (../shared/data) and grace_hopper (matplotlib's sample), the longer side
resized to 512 px, x motions preset:talk, preset:turn, preset:laugh and the real driver lp_d3 (its first
--frames frames), retargeted as `facereel animate` does (no smoothing, so the presets reach their extremes).
The targets are computed once (`targets.npz` beside the output folder) and reused, so two versions of the
engine render exactly the same landmarks.

Run one version per call, with that version's `src` first on PYTHONPATH, then compare:
    PYTHONPATH=<old src> python bench/render_compare.py render OUT/old
    PYTHONPATH=src       python bench/render_compare.py render OUT/new
    PYTHONPATH=src       python bench/render_compare.py compare OUT/old OUT/new
`render` writes each case's frames (uint8), warp health per frame and render ms per frame, wall clock and
process CPU time (steadier on a shared machine; it includes OpenCV's worker threads), `--repeat` passes over
the frames, the per-frame median over the passes, then the median over frames; `compare`
prints a Markdown table: render ms, mean / max abs difference of the frames (grey levels), pixels that
differ, the same difference for the do-nothing baseline (the source repeated, against the old frames),
and the warp health of both.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np

from facereel.engines.mesh import MeshAnimator
from facereel.face.tracking import track_image

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PORTRAITS = ("lp_s1", "grace_hopper", "sr_8")
MOTIONS = ("preset:talk", "preset:turn", "preset:laugh", "lp_d3")


def portrait(name: str) -> np.ndarray:
    """(H, W, 3) uint8 RGB, the longer side 512 px (as `--size 512` gives)."""
    if name == "grace_hopper":
        from matplotlib import cbook

        image = iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    else:
        image = iio.imread(next(iter(sorted((SHARED / "portraits").glob(f"{name}.*")))))
    h, w = image.shape[:2]
    size = (512, round(512 * h / w)) if w >= h else (round(512 * w / h), 512)
    return np.ascontiguousarray(cv2.resize(image[..., :3], size, interpolation=cv2.INTER_AREA))


def make_targets(folder: Path, frames: int) -> dict[str, np.ndarray]:
    """{"portrait|motion": (T, 478, 3) float32 target landmarks}, computed once and kept in folder."""
    path = folder.parent / "targets.npz"
    if path.exists():
        return dict(np.load(path))
    from facereel.animate.inputs import load_motion
    from facereel.motion.retarget import RetargetOptions, retarget

    motions = {m: load_motion(m if m.startswith("preset:") else SHARED / "driving" / f"{m}.mp4") for m in MOTIONS}
    out = {}
    for name in PORTRAITS:
        lm = track_image(portrait(name)).landmarks[0]
        out[f"{name}|source"] = lm[None]
        for m, motion in motions.items():
            targets = retarget(lm, motion, RetargetOptions(smoothing=None, translate=True))
            out[f"{name}|{m}"] = np.asarray(targets[:frames], np.float32)
    np.savez_compressed(path, **out)
    return out


def render(folder: Path, frames: int, repeat: int, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    targets = make_targets(folder, frames)
    for name in names:
        image = portrait(name)
        animator = MeshAnimator(image, targets[f"{name}|source"][0])
        for m in MOTIONS:
            case = targets[f"{name}|{m}"]
            ms, cpu_ms = np.zeros((repeat, len(case))), np.zeros((repeat, len(case)))
            for r in range(repeat):
                out, health = [], []
                for k, t in enumerate(case):
                    t0, c0 = time.perf_counter(), time.process_time()
                    out.append(animator.render(t))
                    ms[r, k], cpu_ms[r, k] = 1e3 * (time.perf_counter() - t0), 1e3 * (time.process_time() - c0)
                    health.append(animator.warp_health)
            np.savez_compressed(folder / f"{name}_{m.replace(':', '-')}.npz", frames=np.stack(out),
                                health=np.array(health), ms=np.median(ms, 0), cpu_ms=np.median(cpu_ms, 0))
            print(f"{name} {m}: {np.median(ms):.1f} ms, cpu {np.median(cpu_ms):.1f} ms", flush=True)


def compare(old: Path, new: Path) -> None:
    print("| portrait | motion | render ms old (cpu) | render ms new (cpu) | mean abs diff | max abs diff "
          "| pixels differing | baseline mean / max abs diff | warp health old max / mean | new max / mean |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in PORTRAITS:
        still = portrait(name).astype(np.int16)
        for m in MOTIONS:
            if not all((f / f"{name}_{m.replace(':', '-')}.npz").exists() for f in (old, new)):
                continue
            a, b = (np.load(f / f"{name}_{m.replace(':', '-')}.npz") for f in (old, new))
            diff = np.abs(a["frames"].astype(np.int16) - b["frames"].astype(np.int16))
            ha, hb = a["health"], b["health"]
            baseline = np.abs(a["frames"].astype(np.int16) - still)  # the do-nothing baseline: the source repeated
            print(f"| {name} | {m} | {np.median(a['ms']):.1f} ({np.median(a['cpu_ms']):.1f}) "
                  f"| {np.median(b['ms']):.1f} ({np.median(b['cpu_ms']):.1f}) | {diff.mean():.4f} "
                  f"| {diff.max()} | {(diff.max(-1) > 0).mean():.2e} | {baseline.mean():.2f} / {baseline.max()} "
                  f"| {ha.max():.3f} / {ha.mean():.4f} "
                  f"| {hb.max():.3f} / {hb.mean():.4f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("render")
    r.add_argument("folder", type=Path)
    r.add_argument("--frames", type=int, default=50)
    r.add_argument("--repeat", type=int, default=3)
    r.add_argument("--portraits", default=",".join(PORTRAITS), help="these portraits only (comma-separated)")
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "render":
        render(args.folder, args.frames, args.repeat, args.portraits.split(","))
    else:
        compare(args.old, args.new)


if __name__ == "__main__":
    main()
