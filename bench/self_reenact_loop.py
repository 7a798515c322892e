"""Self-reenactment pixel quality of the mesh engine, in process: quick A/B of engine changes.

Every driving video of ../shared/data (cut to --seconds) reenacts its own first frame: the driver is
tracked once (cached under --cache), retargeted with the default options (as `facereel animate`), each
frame rendered in memory (no H.264, no re-tracking) and compared with the real frame: PSNR over frames
1.., SSIM over every 4th frame, head = `eval.pixels.face_box` of the real frame's landmarks. The
do-nothing baseline (the first frame repeated) is scored on the same frames. To compare with another
version of the engine, run this script with that version's `src` first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/self_reenact_loop.py [--seconds 6] [--cache bench-out/tracks] [--neck-layer on|off]
     [--hanging-hair on|off]
Prints a Markdown table (per video, the two fastest movers first, and the means).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.eval import pixels
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FAST_MOVERS = ("lp_d12", "sr_1")  # the dev set's fastest head motion (docs/mesh-engine.md)


def frames_and_track(video: Path, seconds: float, cache: Path) -> tuple[list[np.ndarray], FaceTrack]:
    """The first `seconds` of `video` as RGB frames and their face track (cached as .npz)."""
    with open_video(video) as source:
        fps = source.fps
        frames = [f for _, f in zip(range(int(seconds * fps)), source.frames())]
    cached = cache / f"{video.stem}_{seconds:g}s.npz"
    if not cached.exists():
        track = track_frames(frames, fps)
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(cached, landmarks=track.landmarks, valid=track.valid, confidence=track.confidence, fps=fps)
    data = np.load(cached)
    size = (frames[0].shape[1], frames[0].shape[0])
    return frames, FaceTrack(data["landmarks"], data["valid"], data["confidence"], float(data["fps"]), size)


def score(video: Path, seconds: float, cache: Path, options: MeshOptions | None = None) -> dict[str, float]:
    frames, track = frames_and_track(video, seconds, cache)
    landmarks = track.landmarks
    source = frames[0]
    size = (source.shape[1], source.shape[0])
    targets = retarget(landmarks[0], extract_motion(track), RetargetOptions().for_engine("mesh"))
    animator = MeshAnimator(source, landmarks[0], options)
    rows: dict[str, list[float]] = {k: [] for k in ("psnr", "ssim", "psnr_head", "base_psnr", "base_ssim",
                                                     "base_psnr_head", "health")}
    render_s = 0.0
    for k in range(1, len(frames)):
        t0 = time.perf_counter()
        out = animator.render(targets[k])
        render_s += time.perf_counter() - t0
        rows["health"].append(getattr(animator, "warp_health", float("nan")))  # nan: an engine without it
        head = pixels.face_box(landmarks[k], size)
        for prefix, image in (("", out), ("base_", source)):
            rows[prefix + "psnr"].append(pixels.psnr(image, frames[k]))
            rows[prefix + "psnr_head"].append(pixels.psnr(pixels.crop(image, head), pixels.crop(frames[k], head)))
            if k % 4 == 0:
                rows[prefix + "ssim"].append(pixels.ssim(image, frames[k]))
    result = {k: float(np.mean(v)) for k, v in rows.items()}
    result["health_max"] = float(np.max(rows["health"]))
    result["render_ms"] = 1000 * render_s / (len(frames) - 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--cache", type=Path, default=Path("bench-out/tracks"))
    parser.add_argument("--only", nargs="*", default=None, help="these drivers only (stems, e.g. lp_d12)")
    parser.add_argument("--neck-layer", choices=("on", "off"), default=None,
                        help="MeshOptions.neck_layer (default: the engine's default)")
    parser.add_argument("--hanging-hair", choices=("on", "off"), default=None,
                        help="MeshOptions.hanging_hair (default: the engine's default)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    videos = sorted((SHARED / "driving").glob("*.mp4"), key=lambda p: (p.stem not in FAST_MOVERS, p.stem))
    videos = [v for v in videos if args.only is None or v.stem in args.only]
    print("| video | psnr | ssim | psnr_head | baseline psnr | baseline ssim | baseline psnr_head | warp health mean / max |")
    print("|---|---|---|---|---|---|---|---|")
    results = {}
    for video in videos:
        chosen = {name: getattr(args, name) == "on" for name in ("neck_layer", "hanging_hair")
                  if getattr(args, name) is not None}
        r = results[video.stem] = score(video, args.seconds, args.cache, MeshOptions(**chosen) if chosen else None)
        print(f"| {video.stem} | {r['psnr']:.2f} | {r['ssim']:.4f} | {r['psnr_head']:.2f} | {r['base_psnr']:.2f} | "
              f"{r['base_ssim']:.4f} | {r['base_psnr_head']:.2f} | {r['health']:.4f} / {r['health_max']:.4f} |", flush=True)
    groups = (("fast movers", [v for v in results if v in FAST_MOVERS]),
              ("others", [v for v in results if v not in FAST_MOVERS]), ("all", list(results)))
    for name, members in groups:
        if not members:
            continue
        m = {k: np.mean([results[v][k] for v in members]) for k in results[members[0]]}
        print(f"| mean, {name} | {m['psnr']:.2f} | {m['ssim']:.4f} | {m['psnr_head']:.2f} | {m['base_psnr']:.2f} | "
              f"{m['base_ssim']:.4f} | {m['base_psnr_head']:.2f} | {m['health']:.4f} / {m['health_max']:.4f} |")


if __name__ == "__main__":
    main()
