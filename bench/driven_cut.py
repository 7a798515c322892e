"""A portrait driven by a cut of a shared driving video, as `facereel animate` drives it (streamed): the command-line
arguments, the targets and the per-frame reads of the far-side bench scripts (`far_tear`-family figures)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import numpy as np

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.far_tear import far_side, skin_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
from mesh_faces import streamed_targets  # the tests' driven targets, as `facereel animate` drives them


def cut_parser(doc: str) -> argparse.ArgumentParser:
    """A parser with the cut's arguments (portrait, driver, first, count, frames, size); defaults: sr_18 x lp_d3
    284-308, frames 10-23, own size."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portrait", default="sr_18.png")
    parser.add_argument("--driver", default="lp_d3")
    parser.add_argument("--first", type=int, default=284, help="the driver's first frame (the cut's reference)")
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--frames", default="10-23", help="first-last frame of the cut read")
    parser.add_argument("--size", type=int, default=0, help="longer side px (0: the portrait's own size)")
    return parser


def driven_cut(args: argparse.Namespace) -> tuple[np.ndarray, np.ndarray, list[np.ndarray], list[int]]:
    """(image (H, W, 3) uint8, its landmarks (478, 3) px, the cut's targets, the frame numbers read) for `args`."""
    first, last = map(int, args.frames.split("-"))
    image, lm, targets = streamed_targets(SHARED, args.portrait, args.driver, args.first + args.count,
                                          args.size or None, args.first)
    return image, lm, targets, list(range(first, last + 1))


Read = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float], object]
"""A figure of a drawn frame: (drawn (H, W, 3), its target landmarks (478, 3) px, the photo's skin model, its far
side, its face size px) -> the figure."""


def far_reads(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], frames: list[int],
              engine: AbstractContextManager, read: Read) -> list:
    """`read` of `frames` of a fresh engine built inside `engine` (a patch switching a part off, or a null context)
    and driven by `targets` (every frame mapped in order, as a stream)."""
    with engine:
        animator = MeshAnimator(image, lm, mesh_options(AnimateOptions()))
    skin, side, size = skin_model(image, lm), far_side(lm), face_size(lm)
    out = []
    for k in range(max(frames) + 1):
        frame = animator.map_frame(targets[k])
        if k in frames:
            out.append(read(animator.draw(frame), frame.target, skin, side, size))
    return out
