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
from itertools import islice

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.driven import DrivenPortrait
from facereel.engines.mesh.figures.torso_on_face import torso_on_face
from facereel.engines.mesh.stream_video import drive_frames, track_driver
from facereel.media.video import open_video

SHARED = "../shared/data/portraits/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("portrait", help="a portrait of ../shared/data/portraits, without its suffix")
    parser.add_argument("driver")
    parser.add_argument("--frames", type=int, default=None, help="the driver's first frames (default: all)")
    parser.add_argument("--windows", nargs="*", default=[], help="first,last frame (inclusive)")
    args = parser.parse_args()
    source = load_source(SHARED + args.portrait + (".png" if args.portrait.startswith("sr_") else ".jpg"))
    options = AnimateOptions()
    with open_video(args.driver) as video:
        portrait = DrivenPortrait(source.image, source.landmarks, options.retarget, video.fps,
                                  mesh_options(options), body=True)
        frames = list(islice(video.frames(fps=video.fps), args.frames))
    animator, figures = portrait.animator, []
    for driven in drive_frames(track_driver(iter(frames), None, True), portrait):
        mapped = animator.map_frame(driven.target)
        figures.append(torso_on_face(animator.draw(mapped, driven.torso, None), animator.draw(mapped, None, None),
                                     mapped.target))
    spans = [(0, len(figures) - 1)] + [tuple(int(v) for v in w.split(",")) for w in args.windows]
    print("| frames | source repeated | mean | max (frame) |")
    print("|---|---|---|---|")
    for a, b in spans:
        part = figures[a:b + 1]
        peak = max(range(len(part)), key=part.__getitem__)
        print(f"| {a}-{b} | 0 | {sum(part) / len(part):.3f} | {part[peak]:.3f} ({a + peak}) |")


if __name__ == "__main__":
    main()
