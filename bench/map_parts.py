"""Where the mesh engine's map stage (`MeshAnimator.map_frame`) spends its CPU: thread CPU ms per frame of each of its
parts (`PARTS`), on lp_s1 at 512x512 driven by lp_d3 as `facereel animate` drives it (bench/draw_speed.py's first
case, tracked and retargeted once), the frames held in memory and mapped once untimed first (numba's kernels loaded,
the set-ups made on first need). Each part's calls are wrapped (time.thread_time, ~3.5 us a call on the shared
2-core VM: ~0.3 ms a frame over the ~45 calls a frame); a part's time includes the parts it calls (`displacement`
holds `_seam`, which holds `seam_pixels`...). "map" is unwrapped, timed alone before the wrapped rounds.
docs/benchmarks.md "The map's parts" has the table.

Run: PYTHONPATH=src .venv/bin/python bench/map_parts.py [--seconds 4] [--rounds 2] [--folder DIR]
"""

from __future__ import annotations

import argparse
import importlib
import tempfile
import time
from pathlib import Path

import cv2
from draw_speed import prepare, prepared_case

MESH = "facereel.engines.mesh."
PARTS = (  # (module, attribute path from it, label); methods wrapped on the animator's own objects
    ("animator", "head_pose", "head_pose"), ("animator", "limit_pose", "limit_pose"),
    ("animator", "round_far_cheek", "round_far_cheek"), ("animator", "widen_jaw", "widen_jaw"),
    ("", "eyes.settle", "eyes' settle"), ("", "_target_vertices", "_target_vertices"),
    ("animator", "take_up_in_face", "  take_up_in_face"), ("", "_lip_ring", "_lip_ring (lip ring)"),
    ("animator", "limit_evenly", "limit_evenly (stretch limit)"), ("animator", "keep_packed", "keep_packed"),
    ("", "warp.displacement", "displacement (coarse map)"), ("", "warp._rasterise", "  _rasterise"),
    ("geometry.warp", "fill_triangles", "    fill_triangles"), ("geometry.warp", "affine_field", "  affine_field"),
    ("geometry.warp", "_fill_around", "  _fill_around (holes)"), ("", "warp._lay_out", "  _lay_out (lay-outs)"),
    ("", "_spread_band", "    _spread_band"), ("", "_spread_fade_band", "    _spread_fade_band"),
    ("animator", "hold_pendants", "  hold_pendants (pendants' hold)"), ("", "warp._seam", "  _seam"),
    ("geometry.warp", "jump_cells", "    jump_cells"), ("geometry.warp", "uncovered_jumps", "    uncovered_jumps"),
    ("geometry.warp", "seam_pixels", "    seam_pixels"),
    ("geometry.warp", "jump_pairs", "    jump_pairs"), ("", "warp.moving_box", "warp.moving_box"),
)


def _wrap(owner: object, name: str, label: str, spent: dict[str, list]) -> None:
    """Replace owner.name by a wrapper adding each call's thread CPU s and 1 to spent[label]."""
    inner = getattr(owner, name)
    spent[label] = [0.0, 0]

    def timed(*args, **kwargs):
        start = time.thread_time()
        out = inner(*args, **kwargs)
        spent[label][0] += time.thread_time() - start
        spent[label][1] += 1
        return out

    setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="of lp_d3")
    parser.add_argument("--rounds", type=int, default=2, help="timed passes over the frames, wrapped")
    parser.add_argument("--folder", type=Path, help="keep the tracked case here and reuse it (trees taking turns: "
                        "PYTHONPATH at each tree's src, this script and folder the same)")
    args = parser.parse_args()
    cv2.setNumThreads(1)  # as the streamed pass
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.folder or Path(scratch)
        if not (folder / "0.npz").exists():
            folder.mkdir(parents=True, exist_ok=True)
            prepare(args.seconds, folder, (("lp_s1", 512, "lp_d3"),))
        animator, _, targets = prepared_case(folder, 0)
    for target in targets:  # untimed: one-off costs
        animator.map_frame(target)
    start = time.thread_time()
    for target in targets:
        animator.map_frame(target)
    print(f"lp_s1 512x512 x lp_d3, {len(targets)} frames; map (unwrapped) "
          f"{1e3 * (time.thread_time() - start) / len(targets):.2f} ms/frame")
    spent: dict[str, list] = {}
    for module, path, label in PARTS:
        *owners, name = path.split(".")
        owner = importlib.import_module(MESH + module) if module else animator
        for step in owners:
            owner = getattr(owner, step)
        for each in owner if isinstance(owner, list) else [owner]:
            _wrap(each, name, label, spent)
    for round_ in range(args.rounds):
        for entry in spent.values():
            entry[:] = [0.0, 0]
        for target in targets:
            animator.map_frame(target)
        print(f"round {round_ + 1}: part, thread CPU ms/frame, calls")
        for label, (seconds, calls) in spent.items():
            print(f"  {label:34s} {1e3 * seconds / len(targets):6.3f} {calls:5d}")


if __name__ == "__main__":
    main()
