"""The nose against the far cheek turned and looking down, per portrait: `figures.far_outline.wing_past_cheek` (face
sizes the far cheek's strip beyond the nose's outermost point, tip or far wing, falls short of 0.1) of the landmarks
the mesh engine draws for `facereel edit` sliders (issue #9, h27-fresh find (6), h27-nose).

For each portrait (the public-domain astronaut and grace_hopper, then ../shared/data's) at --size px, `StillEditor`
renders each edit in `EDITS`; the do-nothing baseline (the source repeated) is read on the source's own landmarks.
`--yaw-only` maps with the far cheek's push ramp read on the yaw alone (`far_cheek.yaws`, the engine before
h27-nose counted the chin's drop in, `far_cheek.turns`).

Run: PYTHONPATH=src .venv/bin/python bench/nose_diagonal.py [--size 512] [--portraits lp_s1,lp_s3] [--yaw-only]
Prints a Markdown table: per portrait, the source repeated, then each edit.
"""

from __future__ import annotations

import argparse

from warp_health import portraits, tracked

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.engines.mesh.figures.far_outline import wing_past_cheek
from facereel.engines.mesh.geometry import far_cheek
from facereel.errors import InputError
from facereel.motion.sliders import Sliders

EDITS = {
    "yaw 30 pitch 20 open smile": Sliders(yaw=30, pitch=20, mouth_open=1, smile=1),
    "yaw 30 pitch 20": Sliders(yaw=30, pitch=20),
    "yaw -30 pitch 20": Sliders(yaw=-30, pitch=20),
    "yaw 30": Sliders(yaw=30),
    "pitch 20": Sliders(pitch=20),
}
"""The edits read: the h27-fresh find's, without the mouth, to the other side, and each angle alone."""


def row(name: str, source: Source) -> str:
    """One Markdown row: `wing_past_cheek` of the source repeated, then of each edit in `EDITS`."""
    editor = StillEditor(source)
    drawn = [editor.animator.map_frame(editor.target(sliders)).target for sliders in EDITS.values()]
    return "| " + " | ".join([name] + [f"{wing_past_cheek(lm):.4f}" for lm in [source.landmarks, *drawn]]) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--portraits", default="", help="comma-separated names (default: all)")
    parser.add_argument("--yaw-only", action="store_true", help="the push ramp on the yaw alone (before h27-nose)")
    args = parser.parse_args()
    if args.yaw_only:
        far_cheek.turns = far_cheek.yaws
    wanted = set(filter(None, args.portraits.split(",")))
    print("| portrait | source repeated | " + " | ".join(EDITS) + " |")
    print("|" + "---|" * (len(EDITS) + 2))
    for name, image in portraits():
        if wanted and name not in wanted:
            continue
        try:
            scaled, landmarks = tracked(image, args.size)
        except InputError:
            continue
        print(row(name, Source(image=scaled, landmarks=landmarks)), flush=True)


if __name__ == "__main__":
    main()
