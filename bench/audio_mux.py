"""CPU cost of carrying the driver's audio into the output (`media.audio.AudioMuxer`, issue #9 speed): the writer
(`VideoWriter`, x264 veryfast, repeatable) over a driver's own frames, without and with its audio, taking turns,
process CPU ms per frame (x264's threads included) and the file's sha1 (the same bytes in every tree shows the
audio's batching changed nothing in the file). Run once per source tree:

PYTHONPATH=src .venv/bin/python bench/audio_mux.py [--repeat 3] [DRIVER.mp4 ...]
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

DRIVING = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "driving"


def main() -> None:
    from facereel.media.video import open_video
    from facereel.media.writer import VideoWriter

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drivers", nargs="*", type=Path, default=[DRIVING / "lp_d3.mp4", DRIVING / "sr_1.mp4"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"{platform.machine()}, {__import__('os').cpu_count()} cores, "
          f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, load average {load} at start")
    print("| driver | frames | without audio: CPU ms/frame (min, median) | with: (min, median) | audio's cost | file sha1 |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.mp4"
        for driver in args.drivers:
            with open_video(driver) as video:
                fps, frames = video.fps, list(video.frames())
            spent: dict[bool, list[float]] = {False: [], True: []}
            for _ in range(args.repeat):
                for audio in (False, True):
                    start = time.process_time()
                    with VideoWriter(out, fps, audio_from=driver if audio else None, repeatable=True) as writer:
                        for frame in frames:
                            writer.write(frame)
                    spent[audio].append(1e3 * (time.process_time() - start) / len(frames))
            digest = hashlib.sha1(out.read_bytes()).hexdigest()[:12]
            plain, audio = np.array(spent[False]), np.array(spent[True])
            print(f"| {driver.name} | {len(frames)} | {plain.min():.2f}, {np.median(plain):.2f} | {audio.min():.2f}, "
                  f"{np.median(audio):.2f} | {np.median(audio) - np.median(plain):+.2f} | {digest} |")
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"load average {load} at the end")


if __name__ == "__main__":
    main()
