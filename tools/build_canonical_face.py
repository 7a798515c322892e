"""Build src/facereel/face/data/canonical_face.npy: the frontal reference face for head-pose alignment.

Tracks public-domain faces that ship inside installed packages (scikit-image's astronaut, matplotlib's
grace_hopper), puts each in the anatomical frame of docs/conventions.md (x along the eye line, y from
forehead to chin, z = x cross y, origin at the stable-landmark centroid, unit = inter-ocular distance),
and averages them after rigid alignment. Run: python tools/build_canonical_face.py
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.cbook
import numpy as np
from PIL import Image
from skimage import data

from facereel.face import landmark_ids as ids
from facereel.face.pose import similarity_align
from facereel.face.tracking import FaceTracker

OUT = Path(__file__).resolve().parents[1] / "src/facereel/face/data/canonical_face.npy"


def anatomical_frame(points: np.ndarray) -> np.ndarray:
    """(478, 3) image px -> (478, 3) in the canonical axes and units."""
    right_eye = points[list(ids.RIGHT_EYE_CORNERS)].mean(0)
    left_eye = points[list(ids.LEFT_EYE_CORNERS)].mean(0)
    x = left_eye - right_eye
    x /= np.linalg.norm(x)
    y = points[ids.CHIN] - points[ids.FOREHEAD]
    y -= x * (y @ x)
    y /= np.linalg.norm(y)
    z = np.cross(x, y)
    rot = np.stack([x, y, z])  # rows: canonical axes in image coordinates
    origin = points[list(ids.STABLE)].mean(0)
    canonical = (points - origin) @ rot.T
    iod = np.linalg.norm(canonical[ids.LEFT_PUPIL] - canonical[ids.RIGHT_PUPIL])
    return canonical / iod


def main() -> None:
    images = [data.astronaut(), np.asarray(Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg")).convert("RGB"))]
    faces = []
    for image in images:
        with FaceTracker(video=False) as tracker:
            points = tracker(image)
        assert points is not None, "a bundled public-domain face was not found"
        faces.append(anatomical_frame(points.astype(np.float64)))
    ref = faces[0]
    stable = list(ids.STABLE)
    aligned = [ref]
    for face in faces[1:]:
        rot, scale, trans = similarity_align(face[None, stable], ref[None, stable])
        aligned.append(scale[0] * face @ rot[0].T + trans[0])
    template = anatomical_frame(np.mean(aligned, axis=0))  # re-normalise the mean face's frame
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.save(OUT, template.astype(np.float32))
    print(f"wrote {OUT} {template.shape}")


if __name__ == "__main__":
    main()
