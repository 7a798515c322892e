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
from facereel.engines.a1.options import OFFLOAD_MODES
from facereel.engines.animate import ENGINES, AnimateOptions, animate_file

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
    a1.add_argument("--compile-scope", default=None,
                    help="with --compile: blocks (default, each block) or transformer (whole model, static shapes)")
    a1.add_argument("--fp8-compute", action="store_true",
                    help="fp8 matmuls in the blocks' linears (torchao; Ada/Hopper GPUs, --offload none)")
    a1.add_argument("--attention", default=None,
                    help="attention backend: auto, flash, efficient, cudnn, math, or sage (SageAttention 8-bit "
                         "where installed on CUDA, torch SDPA otherwise)")
    a1.add_argument("--guidance-steps", type=int, default=None,
                    help="run the unconditional branch only on the first N steps (default: all)")
    a1.add_argument("--step-cache", default=None,
                    help="step caching: none (default), first-block (FirstBlockCache) or teacache")
    a1.add_argument("--step-cache-threshold", type=float, default=None,
                    help="step-cache threshold (default 0.05; higher = more steps skipped, docs/a1-engine.md)")
    a1.add_argument("--no-paste-back", action="store_true", help="write the 480x720 region, not the full photo")
    a1.add_argument("--interpolate", action="store_true",
                    help="output at the driver's fps by blending neighbouring 12 fps frames (default: 12 fps)")
    a1.add_argument("--resume-dir", type=Path, default=None, help="keep finished windows here; a rerun resumes")


def a1_options(args: argparse.Namespace):
    """A1Options from the flags that were given (None when no a1 engine can be used)."""
    if not args.weights:
        return None
    from facereel.engines.a1.options import A1Options, blend_steps_for

    given = {name: getattr(args, name) for name in ("steps", "guidance", "seed", "offload", "attention",
                                                    "compile_scope", "guidance_steps", "step_cache",
                                                    "step_cache_threshold")
             if getattr(args, name) is not None}
    if args.steps is not None:
        given["blend_steps"] = blend_steps_for(args.steps)
    return A1Options(fp8=args.fp8, fp8_compute=args.fp8_compute, compile=args.compile, **given)


def animate_options(args: argparse.Namespace) -> AnimateOptions:
    """AnimateOptions from the options added by `add_driving_args` (or `add_face_args`) and `add_animate_args`."""
    return AnimateOptions(engine=args.engine, weights=args.weights, size=args.size, side_by_side=args.side_by_side,
                          retarget=retarget_options(args), face_index=args.face_index,
                          source_face_index=args.source_face_index, reference=args.reference,
                          a1=a1_options(args), paste_back=not args.no_paste_back, interpolate=args.interpolate,
                          resume_dir=args.resume_dir, body=args.body)


def run(args: argparse.Namespace) -> int:
    with progress_bar(args, "animating") as update:
        frames = animate_file(args.source, args.driving, args.output, animate_options(args), progress=update,
                              say=lambda message: say(args, message))
    say(args, f"wrote {args.output}: {frames} frames")
    return 0
