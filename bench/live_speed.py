"""`facereel live` speed with a video file standing in for a 640x480 camera: frames/s and latency.

Usage: python bench/live_speed.py
Camera stand-in: ../shared/data/driving/lp_d3.mp4 (30 fps) scaled to 480x480 and padded to 640x480, else
the astronaut photo swaying. Portrait: lp_s1 resized to 512x512, else the astronaut. No window (the
machine has no display): each rendered frame goes to the H.264 encoder thread (`-o`), as when recording.
Rows: every frame as fast as possible (throughput), paced to the file's 30 fps like a camera (`--realtime`,
frames dropped when behind; latency = capture to hand-off), and the same with body following.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from facereel.media.capture import Capture
from facereel.engines.mesh.live import run_live
from facereel.animate.inputs import source_from_image
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter
from facereel.motion.retarget import RetargetOptions

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def camera_file(folder: Path) -> tuple[Path, str]:
    out = folder / "camera640x480.mp4"
    real = SHARED / "driving" / "lp_d3.mp4"
    with VideoWriter(out, fps=30) as writer:
        if real.exists():
            with open_video(real) as video:
                for frame in video.frames():
                    square = cv2.resize(frame, (480, 480), interpolation=cv2.INTER_AREA)
                    writer.write(cv2.copyMakeBorder(square, 0, 0, 80, 80, cv2.BORDER_REPLICATE))
            return out, "lp_d3.mp4 as 640x480"
        import skimage.data

        image = cv2.resize(skimage.data.astronaut(), (480, 480), interpolation=cv2.INTER_AREA)
        for k in range(300):
            m = cv2.getRotationMatrix2D((240, 240), 8 * np.sin(2 * np.pi * k / 60), 1.0)
            writer.write(cv2.copyMakeBorder(cv2.warpAffine(image, m, (480, 480), borderMode=cv2.BORDER_REFLECT),
                                            0, 0, 80, 80, cv2.BORDER_REPLICATE))
    return out, "astronaut swaying as 640x480"


def portrait() -> tuple[str, np.ndarray]:
    import imageio.v3 as iio

    path = next(iter(sorted((SHARED / "portraits").glob("lp_s1.*"))), None)
    if path is None:
        import skimage.data

        return "astronaut 512x512", np.ascontiguousarray(skimage.data.astronaut())
    image = np.ascontiguousarray(iio.imread(path)[..., :3])
    return "lp_s1 512x512", cv2.resize(image, (512, 512), interpolation=cv2.INTER_AREA)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        camera, what = camera_file(folder)
        name, image = portrait()
        source = source_from_image(image)
        print(f"{platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}, load average "
              f"{os.getloadavg()[0]:.1f} at start; camera: {what}; portrait: {name}\n")
        print("| mode | frames shown | fps | latency median ms | latency p90 ms | dropped |")
        print("|---|---|---|---|---|---|")
        for label, realtime, body in (("every frame", False, False), ("realtime 30 fps", True, False),
                                      ("realtime 30 fps, --body", True, True)):
            with Capture(str(camera), realtime=realtime) as capture:
                stats = run_live(source.image, source.landmarks, capture, RetargetOptions(), show=False,
                                 output=folder / "live.mp4", body=body)
            lat = np.asarray(stats.latency_ms)
            print(f"| {label} | {stats.frames} | {stats.frames / stats.elapsed_s:.1f} | {np.median(lat):.0f} "
                  f"| {np.percentile(lat, 90):.0f} | {stats.dropped} |")
        print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
