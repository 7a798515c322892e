"""A group photo's faces on the working copies a face alone takes (issue #12 part 2): lp_s12 small beside lp_s1
(`tests/group_photo.small_beside`, lp_s12 drawn upscaled) and lp_s1 cut at her left side beside lp_s5 (`cut_beside`,
lp_s1 extended past the cut), every face turned by preset:turn (2 s, as `--face-index all`).

Prints one Markdown row per case and frame: `figures.group_alone.alone_gap` of the face (grey levels from the same face
animated alone on the same picture) for the source repeated (the baseline: the turn's own change), the group before
(each face's `MeshAnimator` on the photo itself) and now (`choose_engine.mesh_animator`'s engine), and for the cut case
`figures.wall_strip` over rows 60-200 (px of wall from the cut side).

Run: PYTHONPATH=src .venv/bin/python bench/group_copies.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from group_photo import cut_beside, small_beside, turned_group
from markdown_table import print_markdown_table

from facereel.engines.mesh import group
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.figures.group_alone import alone_gaps
from facereel.engines.mesh.figures.wall_strip import wall_strip
from facereel.face.every_face import track_faces

PORTRAITS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "portraits"
CASES = {"lp_s12 small beside lp_s1": (small_beside, 1, (5, 11, 20, 30, 42)),
         "lp_s1 cut at x 320 beside lp_s5": (cut_beside, 0, (10, 24, 40))}
WALL_ROWS = (60, 200)  # the cut case's rows (lp_s1's 150-500 at 400 px high) where her left side is hair


def rows(name: str) -> list[str]:
    """The Markdown rows of case `name`."""
    make, face, frames = CASES[name]
    image = make(PORTRAITS)
    faces = track_faces(image)
    with mock.patch.object(group, "mesh_animator", lambda *args, **shares: MeshAnimator(*args, **shares)):
        _, before, alone = turned_group(image, faces, face, frames)
    engines, now, _ = turned_group(image, faces, face, frames)
    drawn = {"still": [image] * len(frames), "before": before, "now": now}
    gaps = {tag: alone_gaps(shown, alone, image, faces[face]) for tag, shown in drawn.items()}
    out = []
    for i, k in enumerate(frames):
        cells = [f"{gaps[tag][i]:.2f} / " + (f"{wall_strip(drawn[tag][i], image, WALL_ROWS):.1f}" if face == 0 else "-")
                 for tag in drawn]
        out.append(f"| {name} ({type(engines.animators[face]).__name__}) | {k} | " + " | ".join(cells) + " |")
    return out


def main() -> None:
    print_markdown_table(["case (engine now)", "frame", "source repeated: alone_gap / wall_strip", "before", "now"],
                         (row for name in CASES for row in rows(name)))


if __name__ == "__main__":
    main()
