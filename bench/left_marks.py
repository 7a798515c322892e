"""Marks left in the plate beside a moved head (issue #9, `figures.left_marks`): lp_s5's lock tip, per case; and
any portrait's kept photo beside the moved head (`kept_marks`: lp_s0's hair rim by her right cheek, lp_s3's jaw end,
lp_s5's lock tip's end), per case, over the whole frame.

lp_s5 at 512 px (as `facereel edit --size 512` / `facereel animate --size 512` make it: tracked on the full-size
photo, the landmarks scaled; and, the `retracked` rows, tracked again on the 512 px image as the tests'
`scaled_portrait` does), rolled by `facereel edit --roll` 20 / -20 / 30 / -30, and driven by lp_d12's first
--frames frames (streamed as `facereel animate` drives them, the CLI's options). Per frame: `left_marks` in `BOX`
(beside her left jaw, round the left lock's end: small dark marks still the photo, the lock's tip left in the
plate) and `dark_fill` in `TEAR` (the lock tip's hole: the plate's fill shown darker than the frame round it, the
grey teardrop the body's side carried in behind the tip), beside the source repeated (the photo as every frame:
0 / 0 by construction, computed all the same). Compare versions of the engine by running this script with each one's `src` first on
PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/left_marks.py [--frames 60]
Prints the command, machine and date, then two Markdown tables: per case the source repeated's and the engine's
pixels (left marks / dark fill; then kept marks for `KEPT` at 512 px, the landmarks scaled, the CLI's; for the video
their sums over the frames, the most in a frame and the frames with any).
"""

from __future__ import annotations

import argparse
import platform
from collections.abc import Iterator
from datetime import date
from itertools import islice

import numpy as np
from warp_health import SHARED

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source, load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.driven import DrivenPortrait
from facereel.engines.mesh.figures.left_marks import dark_fill, kept_marks, left_marks
from facereel.engines.mesh.stream_video import drive_frames, track_driver
from facereel.face.tracking import track_image
from facereel.media.video import open_video
from facereel.motion.sliders import Sliders

SIZE = 512
BOX = (slice(195, 250), slice(170, 230))  # lp_s5 at 512 px: beside the left jaw, round the left lock's end
TEAR = (slice(205, 240), slice(185, 213))  # the lock tip's hole, off the jaw's lower edge (its dark line)
ROLLS = (20, -20, 30, -30)
KEPT = ("lp_s0", "lp_s3", "lp_s5")  # portraits whose plate keeps photo beside the head (`kept_marks`)


def sources() -> Iterator[tuple[str, Source]]:
    """("scaled" / "retracked", lp_s5 at `SIZE` px): the landmarks tracked on the full-size photo and scaled (the
    CLI's), and tracked again on the resized image."""
    scaled = resize_source(load_source(SHARED / "portraits" / "lp_s5.jpg"), SIZE)
    yield "scaled", scaled
    yield "retracked", Source(image=scaled.image, landmarks=track_image(scaled.image).landmarks[0])


def marks(frame: np.ndarray, animator: MeshAnimator) -> tuple[int, int]:
    """`left_marks` px in `BOX` and `dark_fill` px in `TEAR` of `frame` ((H, W, 3) uint8 RGB, just rendered by
    `animator`)."""
    return (int(left_marks(frame, animator.source, face_size(animator.source_landmarks))[BOX].sum()),
            int(dark_fill(frame, animator)[TEAR].sum()))


def driven(source: Source, count: int) -> Iterator[tuple[np.ndarray, MeshAnimator]]:
    """lp_d12's first `count` frames driving `source` as `facereel animate` does (streamed, the CLI's options):
    each rendered frame (H, W, 3) uint8 RGB and the animator."""
    options = AnimateOptions()
    with open_video(SHARED / "driving" / "lp_d12.mp4") as video:
        portrait = DrivenPortrait(source.image, source.landmarks, options.retarget, video.fps, mesh_options(options))
        frames = list(islice(video.frames(fps=video.fps), count))
    tracked = track_driver(iter(frames), None, False, keep_image=portrait.wants_driver_image)
    for item in drive_frames(tracked, portrait):
        yield portrait.render_driven(item), portrait.animator


def kept_table(count: int) -> None:
    """Print the `kept_marks` table: `KEPT` at `SIZE` px (the CLI's scaled landmarks), rolled by `ROLLS` and driven by
    lp_d12's first `count` frames."""
    print("| portrait | case | source repeated | engine kept marks |")
    print("|---|---|---|---|")
    for name in KEPT:
        source = resize_source(load_source(SHARED / "portraits" / f"{name}.jpg"), SIZE)
        editor = StillEditor(source)
        base = int(kept_marks(source.image, editor.animator).sum())
        for roll in ROLLS:
            kept = int(kept_marks(editor.render(Sliders(roll=roll)), editor.animator).sum())
            print(f"| {name} | roll {roll} | {base} | {kept} |", flush=True)
        reads = np.array([int(kept_marks(frame, animator).sum()) for frame, animator in driven(source, count)])
        print(f"| {name} | lp_d12 0-{count - 1} | {base} | {reads.sum()} (max {reads.max()}, "
              f"{np.count_nonzero(reads)} frames) |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=60)
    args = parser.parse_args()
    print(f"bench/left_marks.py --frames {args.frames}; {platform.node()} {platform.machine()}, {date.today()}")
    print("| lp_s5 | case | source repeated (left / fill) | engine left marks | engine dark fill |")
    print("|---|---|---|---|---|")
    for name, source in sources():
        editor = StillEditor(source)
        base = marks(source.image, editor.animator)
        for roll in ROLLS:
            left, fill = marks(editor.render(Sliders(roll=roll)), editor.animator)
            print(f"| {name} | roll {roll} | {base[0]} / {base[1]} | {left} | {fill} |", flush=True)
        reads = np.array([marks(frame, animator) for frame, animator in driven(source, args.frames)])
        cells = [f"{reads[:, k].sum()} (max {reads[:, k].max()}, {np.count_nonzero(reads[:, k])} frames)"
                 for k in range(2)]
        print(f"| {name} | lp_d12 0-{args.frames - 1} | {base[0]} / {base[1]} | {cells[0]} | {cells[1]} |",
              flush=True)
    print()
    kept_table(args.frames)


if __name__ == "__main__":
    main()
