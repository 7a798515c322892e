"""Reenactment quality of an engine on ../shared/data, beside the do-nothing baseline (source repeated).

Self-reenactment: every driving video (source = its first frame, ground truth = the video).
Cross-reenactment: every portrait driven by every driver.
Drivers are cut to --seconds (default 6 s) so the whole run takes minutes on 2 cores.

Run: .venv/bin/python bench/reenact.py [--engine mesh] [--seconds 6] [-o bench-out/reenact] [--reuse]
(--reuse scores the videos an earlier run left under -o instead of animating again.)
Prints the Markdown mean tables (the full reports, per-video rows and plots are written under -o).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from facereel.eval import report as reports
from facereel.eval import run as runner
from facereel.media.files import IMAGE_SUFFIXES
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def cut(video: Path, seconds: float, folder: Path) -> Path:
    """The first `seconds` of `video` (with its audio) written into `folder` under the same name."""
    out = folder / f"{video.stem}.mp4"
    if out.exists():
        return out
    with open_video(video) as source, VideoWriter(out, fps=source.fps, audio_from=video) as writer:
        for k, frame in enumerate(source.frames()):
            if k >= seconds * source.fps:
                break
            writer.write(frame)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", default="mesh")
    parser.add_argument("--weights", default=None)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/reenact"))
    parser.add_argument("--reuse", action="store_true", help="score the outputs of an earlier run under -o")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    drivers_dir = args.output / "drivers"
    drivers_dir.mkdir(parents=True, exist_ok=True)
    drivers = [cut(v, args.seconds, drivers_dir) for v in sorted((SHARED / "driving").glob("*.mp4"))]
    portraits = sorted(p for p in (SHARED / "portraits").iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    make_output = runner.engine_outputs(args.engine, args.weights)

    def earlier(name: str) -> Path | None:
        return args.output / name / "outputs" if args.reuse else None

    for name, result in (
        ("self", runner.evaluate_self(drivers, args.output / "self", outputs=earlier("self"), make_output=make_output)),
        ("cross", runner.evaluate_cross(portraits, drivers, args.output / "cross", outputs=earlier("cross"),
                                        make_output=make_output)),
    ):
        result.settings["engine"] = args.engine
        json_path = reports.write_report(result, args.output / name)
        text = json_path.with_suffix(".md").read_text()
        print(text.split("## Per video")[0].strip())
        print()


if __name__ == "__main__":
    main()
