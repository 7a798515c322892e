"""The chin cut straight when it moves over the neck (issue #9): `chin_outline.chin_margin`, how far the drawn
head alpha's outline under the chin lies below the face oval's chords (face sizes), for any version of the
engine, beside the source repeated.

Renders lp_s3 x lp_d12 (`FRAMES`, retargeted as `facereel animate` does from the whole driver) at 512 px with
the engine first on PYTHONPATH and reads the figure with this checkout's `chin_outline.py` (loaded by its path).
The source repeated: the animator before any render. Prints one Markdown row per frame.

With `--figure hair_streaks`: what keeping the rings under the chin must not do on a big turn,
`ArtefactScores.hair_streaks` (the share of the head's hair samples stretched > 2.5x) on lp_s1 (~400 px, as
`tests/mesh/test_hanging_hair.py` reads it) x preset:turn (2 s) `TURN_FRAMES`, the source repeated 0.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/chin_ring.py [--label before] [--figure hair_streaks]
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
from datetime import datetime, timezone

import cv2
from jaw_outline import ROOT, SHARED
from jaw_outline import _portrait as portrait

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image, track_video
from facereel.motion.extract import extract_motion
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (46, 48, 50, 52, 91, 93, 95, 97)  # lp_d12: the head turned and lowered, the chin over the neck
TURN_FRAMES = (34, 36, 38, 40, 42, 44, 46)  # preset:turn's far end: the jaw turned away from lp_s1's hanging hair
STREAKS_SCALE = 0.35  # lp_s1 at ~400 px (`tests/mesh/test_hanging_hair.py`'s SCALE)


def hair_streaks(label: str) -> None:
    """Prints one Markdown row per `TURN_FRAMES` frame: lp_s1's hair streaks (share)."""
    image = portrait("lp_s1")
    if image is None:
        raise SystemExit("../shared/data/portraits/lp_s1.* not present")
    image = cv2.resize(image, None, fx=STREAKS_SCALE, fy=STREAKS_SCALE, interpolation=cv2.INTER_AREA)
    lm = track_image(image).landmarks[0]
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    animator = MeshAnimator(image, lm)
    scores = ArtefactScores(animator)
    print(f"| lp_s1 x preset:turn frame | {label}: hair streaks (share of the hair stretched > 2.5x) "
          "| source repeated |")
    print("|---|---|---|")
    for k in TURN_FRAMES:
        animator.map_frame(targets[k])
        print(f"| {k} | {scores.hair_streaks():.4f} | 0 |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="this engine")
    parser.add_argument("--figure", choices=("chin_margin", "hair_streaks"), default="chin_margin")
    args = parser.parse_args()
    print(f"{platform.node()} {platform.machine()}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    if args.figure == "hair_streaks":
        hair_streaks(args.label)
        return
    spec = importlib.util.spec_from_file_location("chin_outline", ROOT / "src/facereel/engines/mesh/head_mask/chin_outline.py")
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    image = portrait("lp_s3")
    if image is None:
        raise SystemExit("../shared/data/portraits/lp_s3.* not present")
    scale = 512 / max(image.shape[:2])
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    lm = track_image(image).landmarks[0]
    targets = retarget(lm, extract_motion(track_video(SHARED / "driving" / "lp_d12.mp4")),
                       RetargetOptions().for_engine("mesh"))
    oval = list(ids.FACE_OVAL)
    animator = MeshAnimator(image, lm)
    still = figures.chin_margin(animator.drawn_alpha(), lm[oval, :2] - animator.origin,
                                lm[152, :2] - animator.origin, face_size(lm))
    print(f"| lp_s3 x lp_d12 frame | {args.label}: chin outline below the oval's chords, face sizes | source repeated |")
    print("|---|---|---|")
    for k in FRAMES:
        animator.render(targets[k])
        margin = figures.chin_margin(animator.drawn_alpha(), animator.vertices[oval], animator.vertices[152],
                                     face_size(targets[k]))
        print(f"| {k} | {margin:.4f} | {still:.4f} |", flush=True)


if __name__ == "__main__":
    main()
