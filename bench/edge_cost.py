"""CPU ms per frame of the map's seam redraw (`MeshWarp._seam`, with the jumps' samples) and of the jumps'
anti-aliasing in the draw (`edge_coverage.cover_jumps`), older commits against this tree in ONE process,
frame by frame in turn: on a loaded machine far steadier than separate processes (bench/map_speed.py).

Each commit's src/facereel is copied (`git archive`) to a temporary folder as a package of its own name
(facereel_<commit>, its imports renamed), so every tree maps and draws the same retargeted frames (cases as
bench/map_speed.py's, tracked once by this tree) with its own code; the order of the trees rotates from
frame to frame. Time: time.thread_time around each call. A commit from before the jumps' anti-aliasing
(948f5d0) has no `cover_jumps` (0) and its seam shows what the samples add to the map stage.

Run: PYTHONPATH=src:bench .venv/bin/python bench/edge_cost.py [--revs 948f5d0 8343b58] [--seconds 2] [--repeat 2]
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np
from map_speed import prepare
from tree_turns import header

ROOT = Path(__file__).resolve().parents[1]


def load_tree(rev: str, folder: Path) -> str:
    """Unpack `rev`'s src/facereel into folder as package facereel_<rev>, its imports renamed; its name."""
    name = f"facereel_{rev}"
    archive = subprocess.run(["git", "archive", rev, "src/facereel"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder / rev, filter="data")
    (folder / rev / "src" / "facereel").rename(folder / name)
    for path in (folder / name).rglob("*.py"):
        path.write_text(re.sub(r"\bfacereel\.", f"{name}.", path.read_text()))
    return name


def timed(spent: dict[str, float], key: str, function):
    """`function`, adding its thread time to spent[key]."""
    def run(*args, **kwargs):
        start = time.thread_time()
        out = function(*args, **kwargs)
        spent[key] += time.thread_time() - start
        return out
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revs", nargs="+", default=["948f5d0", "8343b58"], help="commits to compare")
    parser.add_argument("--seconds", type=float, default=2.0, help="of each driving video")
    parser.add_argument("--repeat", type=int, default=2, help="rounds over each case's frames")
    args = parser.parse_args()
    print(header(args.revs + ["src"]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = prepare(args.seconds, folder)
        sys.path.insert(0, str(folder))
        packages = [load_tree(rev, folder) for rev in args.revs] + ["facereel"]
        spent = {f"{p} {k}": 0.0 for p in packages for k in ("seam", "cover")}
        animators = []
        for package in packages:
            warp = importlib.import_module(f"{package}.engines.mesh.geometry.warp")
            layers = importlib.import_module(f"{package}.engines.mesh.layers")
            warp.MeshWarp._seam = timed(spent, f"{package} seam", warp.MeshWarp._seam)
            if hasattr(layers, "cover_jumps"):
                layers.cover_jumps = timed(spent, f"{package} cover", layers.cover_jumps)
            animators.append(importlib.import_module(f"{package}.engines.mesh").MeshAnimator)
        print("| portrait x driver | frames | tree | seam CPU ms/frame | cover_jumps CPU ms/frame |")
        print("|---|---|---|---|---|")
        for i, name in enumerate(names):
            data = np.load(folder / f"{i}.npz")
            engines = [make(data["image"], data["landmarks"]) for make in animators]
            spent.update(dict.fromkeys(spent, 0.0))
            for round_ in range(args.repeat):
                for j, target in enumerate(data["targets"]):
                    for t in np.roll(np.arange(len(engines)), j + round_):
                        engines[t].draw(engines[t].map_frame(target))
            count = args.repeat * len(data["targets"])
            for package, rev in zip(packages, args.revs + ["src"]):
                print(f"| {name} | {len(data['targets'])} | {rev} | {1e3 * spent[f'{package} seam'] / count:.2f} | "
                      f"{1e3 * spent[f'{package} cover'] / count:.2f} |", flush=True)
    print(f"\nload {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
