"""`facereel extract-motion`: driving video (or photo pair) -> reusable, identity-free motion template (.npz)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from facereel.cli.common import progress_bar, say
from facereel.errors import InputError
from facereel.media.files import is_photo

if TYPE_CHECKING:  # (numpy: building the parser loads none)
    from facereel.motion.motion import Motion

EXAMPLES = """examples:
  facereel extract-motion driver.mp4 -o motion.npz
  facereel extract-motion crowd.mp4 --face-index 1 --reference neutral -o motion.npz
  facereel extract-motion smile.jpg --driving-reference neutral.jpg --duration 1.5 -o smile.npz
"""
TEMPLATE_SECONDS = 1.0  # a photo pair's template length by default


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract-motion", help="save a driving video's (or photo pair's) motion as a template (.npz)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("driving", help="driving video (mp4, mov, webm, mkv, avi) or photo (with --driving-reference)")
    p.add_argument("-o", "--output", required=True, help="template to write (.npz)")
    p.add_argument("--face-index", type=int, default=None, help="face number from the left when there are several")
    p.add_argument("--reference", choices=("first", "neutral"), default="first", help="frame offsets are measured from")
    p.add_argument("--driving-reference", type=Path, default=None,
                   help="photo driver: a neutral photo of the same person; the template eases from it to the photo")
    p.add_argument("--duration", type=float, default=TEMPLATE_SECONDS, metavar="SECONDS",
                   help="photo driver: the template's length (default %(default)s; 25 fps)")
    p.set_defaults(run=run)


def _photo_template(args: argparse.Namespace) -> Motion:
    from facereel.animate.options import AnimateOptions
    from facereel.animate.photo import photo_pair_motion

    if args.driving_reference is None:
        raise InputError("a photo template needs --driving-reference NEUTRAL.jpg (a neutral photo of the same "
                         "person)", args.driving)
    AnimateOptions(duration=args.duration)  # the same range check as animate's
    return photo_pair_motion(Path(args.driving), args.driving_reference, args.duration, args.face_index)


def run(args: argparse.Namespace) -> int:
    from facereel.animate.inputs import load_motion  # here: the parser loads no tracker, OpenCV or SciPy
    from facereel.engines.mesh.open_mouth.mouth_interiors import TEMPLATE_MOUTH
    from facereel.face.exposure import without_a_face

    if is_photo(args.driving):
        motion = _photo_template(args)
    else:
        if args.driving_reference is not None:
            raise InputError("--driving-reference applies to a photo driver (extract-motion face.jpg ...)")
        with progress_bar(args, "tracking") as update:
            motion = load_motion(args.driving, face_index=args.face_index, reference=args.reference, progress=update)
    motion.save(args.output)
    lost = int((~motion.valid).sum())
    say(args, f"wrote {args.output}: {len(motion)} frames at {motion.fps:g} fps ({without_a_face(lost)}, filled); "
              f"{TEMPLATE_MOUTH}")
    return 0
