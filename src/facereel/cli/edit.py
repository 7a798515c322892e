"""`facereel edit`: change a still portrait's expression and head pose with sliders (no driver), animate it
through slider keyframes (`--to-video`), or save either as a motion template (.npz) for any engine."""

from __future__ import annotations

import argparse
from pathlib import Path

from facereel.animate.options import AnimateOptions
from facereel.cli.common import add_device_arg, progress_bar, say
from facereel.errors import InputError
from facereel.media.files import IMAGE_SUFFIXES
from facereel.media.output_path import VIDEO_SUFFIXES, OutputKind
from facereel.motion.slider_options import Sliders
from facereel.option_fields import add_flags, all_flags, from_args

OUTPUT = OutputKind("still image, video or motion template", (*IMAGE_SUFFIXES, *VIDEO_SUFFIXES, ".npz"))
DRIVER_ONLY = ("face_index", "reference", "smooth", "smooth_beta", "side_by_side", "body", "driving_reference",
               "duration", "loop_driver")
"""`animate` flags that concern a driving video or photo, left out here (edits are never smoothed: animate/edit.py;
`--duration` / `--driving-reference` / `--loop-driver` were taken and ignored, h30-fresh4). `--mouth` stays a flag
(left out, `--mouth driver` read as an abbreviated `--mouth-open`) and is refused in `run`."""

EXAMPLES = """examples:
  facereel edit --source me.jpg --smile 0.6 --mouth-open 0.3 --brow-raise 0.5 --blink-left 1 \\
                --gaze 0.2,-0.1 --yaw 10 --pitch -5 --roll 0 -o edited.png
  facereel edit --source me.jpg --to-video keyframes.json -o clip.mp4
  facereel edit --smile 0.8 -o smile.npz                   # a motion template: --driving smile.npz anywhere
  facereel edit --to-video keyframes.json -o motion.npz    # the keyframes as a template (a1 users)

keyframes.json: {"fps": 25, "keyframes": [{"time": 0.8, "smile": 0.6}, {"time": 1.6, "blink_left": 1}]}
(the clip starts from the portrait as it is; sliders a keyframe leaves out are 0 there; docs/api.md)
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("edit", help="edit a portrait's expression and head pose with sliders (image, clip or template)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", "-s", help="portrait image (not needed for a .npz output)")
    sliders = p.add_argument_group("sliders (units: docs/api.md; 0 = as in the portrait)")
    add_flags(sliders, Sliders)
    p.add_argument("--to-video", metavar="KEYFRAMES.json", type=Path,
                   help="animate through slider keyframes instead (a .json file; -o a video or .npz)")
    AnimateOptions.add_arguments(p, only=tuple(f.dest for f in all_flags(AnimateOptions)
                                               if f.dest not in DRIVER_ONLY))
    add_device_arg(p)
    p.add_argument("-o", "--output", required=True, help="image (.png, .jpg), video (.mp4, with --to-video) "
                   "or motion template (.npz) to write")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from facereel.animate import PortraitAnimator
    from facereel.media.image import write_image
    from facereel.motion.keyframes import keyframes_motion, load_keyframes
    from facereel.motion.sliders import still_motion

    sliders = from_args(Sliders, args)
    output = Path(args.output)
    kind = "template" if output.suffix.lower() == ".npz" else (
        "video" if output.suffix.lower() in VIDEO_SUFFIXES else "image")
    if args.mouth is not None:  # taken and ignored before h30-fresh4: the same image with either
        raise InputError("--mouth does not apply to edit: sliders carry no mouth pixels (the open mouth is drawn "
                         "synthetic)")
    if args.to_video is not None and sliders != Sliders():
        raise InputError("with --to-video the sliders come from the keyframes file; leave out the slider flags")
    if args.to_video is None and kind == "video":
        raise InputError(f"a video output needs --to-video KEYFRAMES.json (or write an image: {output.stem}.png)", output)
    if args.to_video is not None and kind == "image":
        raise InputError("--to-video writes a video (.mp4) or a motion template (.npz), not an image", output)
    keyframes = load_keyframes(args.to_video) if args.to_video is not None else None
    if kind == "template":
        motion = keyframes_motion(*keyframes) if keyframes is not None else still_motion(sliders)
        motion.save(output)
        say(args, f"wrote {output}: {len(motion)} frames at {motion.fps:g} fps (frame 0 = the portrait as it is)")
        return 0
    if args.source is None:
        raise InputError(f"--source is needed to write {'a video' if kind == 'video' else 'an image'}")
    animator = PortraitAnimator(options=AnimateOptions.from_args(args), device=args.device)
    if keyframes is None:
        write_image(output, animator.edit(args.source, sliders, on_note=lambda note: say(args, note)))
        say(args, f"wrote {output}")
        return 0
    with progress_bar(args, "animating") as update:
        video = animator.edit_video(args.source, keyframes[0], keyframes[1], progress=update,
                                   on_total=update.set_total, on_note=update.say)
    video.save(output)
    say(args, f"wrote {output}: {len(video)} frames at {video.fps:g} fps")
    return 0
