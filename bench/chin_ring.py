"""The chin cut straight when it moves over the neck (issue #9): `chin_outline.chin_margin`, how far the drawn
head alpha's outline under the chin lies below the face oval's chords (face sizes), for any version of the
engine, beside the source repeated.

Renders lp_s3 x lp_d12 (`FRAMES`, retargeted as `facereel animate` does from the whole driver) at 512 px with
the engine first on PYTHONPATH and reads the figure with this checkout's `chin_outline.py` (loaded by its path).
The source repeated: the animator before any render. Prints one Markdown row per frame.

Run: PYTHONPATH=<engine>/src .venv/bin/python bench/chin_ring.py [--label before]
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
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image, track_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (46, 48, 50, 52, 91, 93, 95, 97)  # lp_d12: the head turned and lowered, the chin over the neck


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="this engine")
    args = parser.parse_args()
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
    print(f"{platform.node()} {platform.machine()}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"| lp_s3 x lp_d12 frame | {args.label}: chin outline below the oval's chords, face sizes | source repeated |")
    print("|---|---|---|")
    for k in FRAMES:
        animator.render(targets[k])
        margin = figures.chin_margin(animator.drawn_alpha(), animator.vertices[oval], animator.vertices[152],
                                     face_size(targets[k]))
        print(f"| {k} | {margin:.4f} | {still:.4f} |", flush=True)


if __name__ == "__main__":
    main()
