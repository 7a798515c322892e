"""A group photo's faces on the working copies a face alone takes (issue #12 part 2): lp_s12 small beside lp_s1
(`tests/group_photo.small_beside`, lp_s12 drawn upscaled), lp_s1 cut at her left side beside lp_s5 (`cut_beside`) and
cut at her chin (`chin_beside`; lp_s1 extended past the cut), every face turned by preset:turn (2 s, as
`--face-index all`).

Prints one Markdown row per case and frame: `figures.group_alone.alone_gap` of the face (grey levels from the same face
animated alone on the same picture) for the source repeated (the baseline: the turn's own change), the group before
(each face's `MeshAnimator` on the photo itself) and now (`choose_engine.mesh_animator`'s engine), and for the side cut
`figures.wall_strip` over rows 60-200 (px of wall from the cut side).

With --speed: CPU seconds (process time) of the group's set-up and ms per frame over the turn's 50 frames, before
and now, instead.

Run: PYTHONPATH=src .venv/bin/python bench/group_copies.py [--speed]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from cpu_time import setup_and_frames
from group_photo import chin_beside, cut_beside, small_beside, turned, turned_group
from markdown_table import print_markdown_table

from facereel.engines.mesh import group
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.group_alone import alone_gaps
from facereel.engines.mesh.figures.wall_strip import wall_strip
from facereel.face.every_face import track_faces

PORTRAITS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "portraits"
CASES = {"lp_s12 small beside lp_s1": (small_beside, 1, (5, 11, 20, 30, 42)),
         "lp_s1 cut at x 320 beside lp_s5": (cut_beside, 0, (10, 24, 40)),
         "lp_s1 cut at the chin beside lp_s5": (chin_beside, 0, (17, 20, 40))}
WALL_ROWS = (60, 200)  # the cut case's rows (lp_s1's 150-500 at 400 px high) where her left side is hair


def before() -> contextlib.AbstractContextManager:
    """The group before: each face's `MeshAnimator` on the photo itself, whatever `mesh_animator` would choose."""
    return mock.patch.object(group, "mesh_animator", lambda *args, **shares: MeshAnimator(*args, **shares))


def rows(name: str) -> list[str]:
    """The Markdown rows of case `name`."""
    make, face, frames = CASES[name]
    image = make(PORTRAITS)
    faces = track_faces(image)
    with before():
        _, earlier, alone = turned_group(image, faces, face, frames)
    engines, now, _ = turned_group(image, faces, face, frames)
    drawn = {"still": [image] * len(frames), "before": earlier, "now": now}
    gaps = {tag: alone_gaps(shown, alone, image, faces[face]) for tag, shown in drawn.items()}
    out = []
    for i, k in enumerate(frames):
        cells = [f"{gaps[tag][i]:.2f} / "
                 + (f"{wall_strip(drawn[tag][i], image, WALL_ROWS):.1f}" if make is cut_beside else "-") for tag in drawn]
        out.append(f"| {name} ({type(engines.animators[face]).__name__}) | {k} | " + " | ".join(cells) + " |")
    return out


def speed_rows(name: str) -> list[str]:
    """Markdown rows: CPU s of the group's set-up and ms per frame of preset:turn (every face), before and now."""
    image = CASES[name][0](PORTRAITS)
    faces = track_faces(image)
    targets = turned(faces)
    out = []
    for tag in ("before", "now"):
        with before() if tag == "before" else contextlib.nullcontext():
            setup, per_frame = setup_and_frames(
                lambda: group.FaceGroup(image, faces, list(range(len(faces)))),
                lambda faces_group, k: faces_group.render({i: points[k] for i, points in enumerate(targets)}),
                len(targets[0]))
        out.append(f"| {name} | {tag} | {setup:.2f} | {per_frame:.1f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="CPU time of set-up and frames instead of the figures")
    if parser.parse_args().speed:
        print_markdown_table(["case", "group", "set-up CPU s", "CPU ms a frame"],
                             (row for name in CASES for row in speed_rows(name)))
    else:
        print_markdown_table(["case (engine now)", "frame", "source repeated: alone_gap / wall_strip", "before",
                              "now"], (row for name in CASES for row in rows(name)))


if __name__ == "__main__":
    main()
