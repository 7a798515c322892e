"""The torso's motion on the moved face with --body (issue #9): `figures.torso_on_face` over a driven clip.

Drives a ../shared/data portrait at its own size with `--body` as `facereel animate` streams it (its first
`--frames` driver frames), draws each frame with the torso's motion and without it, and prints one Markdown row
per window: the mean and largest share of the moved face oval the torso's motion changed, beside the source
repeated (0). Run it on an older tree for the engine before.

Run: PYTHONPATH=src .venv/bin/python bench/torso_on_face.py lp_s5 ../shared/data/driving/sr_1.mp4 --frames 64
     --windows 48,62
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from itertools import islice

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.driven import DrivenFrame, DrivenPortrait
from facereel.engines.mesh.figures.torso_on_face import torso_on_face
from facereel.engines.mesh.stream_video import drive_frames, track_driver
from facereel.media.video import open_video

SHARED = "../shared/data/portraits/"


def arguments(description: str) -> argparse.Namespace:
    """The command line shared by the --body figures' benches: a portrait, a driver, its first frames, windows."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("portrait", help="a portrait of ../shared/data/portraits, without its suffix")
    parser.add_argument("driver")
    parser.add_argument("--frames", type=int, default=None, help="the driver's first frames (default: all)")
    parser.add_argument("--windows", nargs="*", default=[], help="first,last frame (inclusive)")
    return parser.parse_args()


def driven_body(args: argparse.Namespace) -> tuple[MeshAnimator, Iterator[DrivenFrame]]:
    """The animator of `args.portrait` at its own size with --body, and its frames as `facereel animate` streams
    them from `args.driver`'s first `args.frames`."""
    source = load_source(SHARED + args.portrait + (".png" if args.portrait.startswith("sr_") else ".jpg"))
    options = AnimateOptions()
    with open_video(args.driver) as video:
        portrait = DrivenPortrait(source.image, source.landmarks, options.retarget, video.fps,
                                  mesh_options(options), body=True)
        frames = list(islice(video.frames(fps=video.fps), args.frames))
    return portrait.animator, drive_frames(track_driver(iter(frames), None, True), portrait)


def print_windows(figures: list[float], windows: list[str]) -> None:
    """One Markdown row per window ("first,last", inclusive; all frames first) of a figure per frame: its mean and
    largest (and that frame) beside the source repeated (0)."""
    spans = [(0, len(figures) - 1)] + [tuple(int(v) for v in w.split(",")) for w in windows]
    print("| frames | source repeated | mean | max (frame) |")
    print("|---|---|---|---|")
    for a, b in spans:
        part = figures[a:b + 1]
        peak = max(range(len(part)), key=part.__getitem__)
        print(f"| {a}-{b} | 0 | {sum(part) / len(part):.3f} | {part[peak]:.3f} ({a + peak}) |")


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    animator, driven_frames = driven_body(args)
    figures = []
    for driven in driven_frames:
        mapped = animator.map_frame(driven.target)
        figures.append(torso_on_face(animator.draw(mapped, driven.torso, None), animator.draw(mapped, None, None),
                                     mapped.target))
    print_windows(figures, args.windows)


if __name__ == "__main__":
    main()
