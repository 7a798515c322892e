"""`facereel animate`: animate a portrait from a driving video, template or preset."""

from __future__ import annotations

import argparse
from pathlib import Path

from facereel.cli.common import (
    add_driving_args,
    add_retarget_args,
    progress_bar,
    retarget_options,
    say,
)
from facereel.engines.a1.constants import HUB_ID
from facereel.engines.a1.options import GUIDER_TILING, OFFLOAD_MODES
from facereel.engines.animate import ENGINES, REGIONS, AnimateOptions, animate_file
from facereel.media.interpolate import METHODS

EXAMPLES = """examples:
  facereel animate --source portrait.jpg --driving driver.mp4 -o out.mp4          # CPU mesh engine
  facereel animate -s portrait.jpg -d motion.npz --regions lips,eyes -o out.mp4
  facereel animate -s portrait.jpg -d preset:talk --side-by-side -o check.mp4
  facereel animate -s portrait.jpg -d driver.mp4 --engine a1 --weights ./SkyReels-A1 -o out.mp4
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("animate", help="animate a portrait (engines: mesh on CPU, a1 diffusion on GPU)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", "-s", required=True, help="portrait image (head, half-body or full-body)")
    add_driving_args(p)
    add_animate_args(p)
    p.add_argument("-o", "--output", required=True, help="video to write (.mp4)")
    p.set_defaults(run=run)


def add_animate_args(p: argparse.ArgumentParser) -> None:
    """Every option of `animate` but its inputs and output: retargeting, engine, size, a1 settings
    (shared with `facereel batch`)."""
    add_retarget_args(p)
    p.add_argument("--engine", choices=ENGINES, default="auto",
                   help="auto (default): a1 when --weights and a CUDA GPU are available, else mesh")
    p.add_argument("--weights", default=None,
                   help=f"SkyReels-A1 weights folder (published layout) or hub id ({HUB_ID}, when online)")
    p.add_argument("--size", type=int, default=None, help="longer side of the output in px (default: the source's)")
    p.add_argument("--side-by-side", action="store_true", help="write driver | result for inspection")
    p.add_argument("--body", action="store_true",
                   help="mesh engine: the portrait's shoulders follow the driver's (half/full-body; slower)")
    a1 = p.add_argument_group("a1 engine (SkyReels-A1; defaults are the published ones)")
    a1.add_argument("--steps", type=int, default=None, help="denoising steps (default 10)")
    a1.add_argument("--guidance", type=float, default=None, help="classifier-free guidance on the face tokens (default 3.0)")
    a1.add_argument("--seed", type=int, default=None, help="random seed (default 43)")
    a1.add_argument("--offload", choices=OFFLOAD_MODES, default=None,
                    help="CPU offloading; peak GPU memory measured on an H200 (docs/benchmarks.md): none 18 GiB "
                         "(24 GB cards), group 6.5 GiB (12 GB cards, +22%% time), sequential 5.5 GiB (+94%%), "
                         "model 16 GiB; auto (default) picks the fastest that fits the free GPU memory")
    a1.add_argument("--fp8", action="store_true", help="store transformer weights in fp8, compute in bf16")
    a1.add_argument("--compile", action="store_true",
                    help="torch.compile the transformer blocks (23%% faster steps on an H200, ~10 s more warm-up)")
    a1.add_argument("--attention", default=None, help="attention backend: auto, flash, efficient, cudnn, math")
    a1.add_argument("--step-cache", default=None, help="step caching: none (default) or first-block")
    a1.add_argument("--guider-tiling", choices=GUIDER_TILING, default=None,
                    help="tile the pose guider's encode: auto (default: only when the memory plan says the "
                         "untiled encode does not fit; the release does not tile it), on, off")
    a1.add_argument("--float32-latents", action="store_true",
                    help="hold latents in float32 between steps (the release rounds them to bf16)")
    a1.add_argument("--no-paste-back", action="store_true",
                    help="write the 480x720 region, not the full photo (as the release)")
    a1.add_argument("--region", choices=REGIONS, default="face",
                    help="model frame: face (default: a 3:2 box around the face and its motion) or release "
                         "(the release's centre crop / black side bars of the whole photo)")
    a1.add_argument("--fps", type=float, default=None,
                    help="output frame rate (default: the driver's; 12 writes the model's frames as they are)")
    a1.add_argument("--interpolation", choices=METHODS, default="flow",
                    help="how 12 fps model frames reach --fps: flow (default, optical flow) or crossfade")
    a1.add_argument("--resume-dir", type=Path, default=None, help="keep finished windows here; a rerun resumes")


def a1_options(args: argparse.Namespace):
    """A1Options from the flags that were given (None when no a1 engine can be used)."""
    if not args.weights:
        return None
    from facereel.engines.a1.options import A1Options, blend_steps_for

    given = {name: getattr(args, name) for name in ("steps", "guidance", "seed", "offload", "attention",
                                                      "guider_tiling")
             if getattr(args, name) is not None}
    if args.steps is not None:
        given["blend_steps"] = blend_steps_for(args.steps)
    if args.step_cache is not None:
        given["step_cache"] = args.step_cache
    return A1Options(fp8=args.fp8, compile=args.compile, float32_latents=args.float32_latents, **given)


def animate_options(args: argparse.Namespace) -> AnimateOptions:
    """AnimateOptions from the options added by `add_driving_args` (or `add_face_args`) and `add_animate_args`."""
    return AnimateOptions(engine=args.engine, weights=args.weights, size=args.size, side_by_side=args.side_by_side,
                          retarget=retarget_options(args), face_index=args.face_index,
                          source_face_index=args.source_face_index, reference=args.reference,
                          a1=a1_options(args), paste_back=not args.no_paste_back, region=args.region,
                          fps=args.fps, interpolation=args.interpolation,
                          resume_dir=args.resume_dir, body=args.body)


def run(args: argparse.Namespace) -> int:
    with progress_bar(args, "animating") as update:
        frames = animate_file(args.source, args.driving, args.output, animate_options(args), progress=update,
                              say=lambda message: say(args, message))
    say(args, f"wrote {args.output}: {frames} frames")
    return 0
