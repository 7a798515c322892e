"""`facereel demo`: animate a bundled public-domain portrait with a built-in motion, on CPU, offline."""

from __future__ import annotations

import argparse
from pathlib import Path

from facereel.cli.common import progress_bar, say
from facereel.motion.preset_names import PRESETS

EXAMPLES = """examples:
  facereel demo -o out/
  facereel demo --preset blink -o out/
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="animate the bundled astronaut portrait (public domain) with a built-in motion",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", choices=PRESETS, default="demo", help="built-in motion (default: demo = talk, smile, blink, nod)")
    p.add_argument("-o", "--output", default="out", help="folder to write into (default: out)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from skimage import data

    from facereel.animate import PortraitAnimator
    from facereel.animate.inputs import a1_condition, drive, source_from_image
    from facereel.engines.a1.constants import FPS as A1_FPS
    from facereel.engines.a1.constants import HEIGHT, WIDTH
    from facereel.media.image import write_image
    from facereel.media.writer import VideoWriter
    from facereel.motion.presets import preset_motion
    from facereel.motion.retarget import RetargetOptions

    out = Path(args.output)
    source = source_from_image(data.astronaut())  # NASA portrait shipped with scikit-image (public domain)
    motion = preset_motion(args.preset)
    write_image(out / "demo_source.png", source.image)
    motion.save(out / "demo_motion.npz")
    targets = drive(source, motion, RetargetOptions(), fps=float(A1_FPS))
    _, frames = a1_condition(source, targets, (WIDTH, HEIGHT))
    with VideoWriter(out / "demo_condition.mp4", fps=float(A1_FPS)) as writer:
        for frame in frames:
            writer.write(frame)
    with progress_bar(args, "animating", total=len(motion)) as update:
        PortraitAnimator("mesh").to_file(out / "demo_source.png", out / "demo_motion.npz", out / "demo.mp4",
                                         progress=update)
    say(args, f"wrote {out}/demo.mp4 (the animated portrait, CPU mesh engine), demo_source.png, "
              f"demo_motion.npz ({len(motion)} frames), demo_condition.mp4 (the A1 model's condition video)")
    return 0
