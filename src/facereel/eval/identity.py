"""Identity preservation with dlib's face descriptor ("dlib similarity"; NOT ArcFace CSIM).

Papers report CSIM with ArcFace embeddings, whose weights cannot be obtained here. dlib's ResNet
face descriptor (128-d, shipped in the `face-recognition-models` package) stands in; its numbers
are not comparable with published CSIM values and are reported under the name `dlib_sim`. Identity
*stability* is the per-frame Euclidean descriptor distance to the source (`dlib_distance`; dlib's own
same-person threshold is 0.6), summarised as mean, 95th percentile and maximum.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

import numpy as np

Box = tuple[int, int, int, int]


@functools.lru_cache(maxsize=1)
def _models() -> tuple[Any, Any, Any]:
    """dlib's HOG face detector, 68-point shape predictor and descriptor network, loaded once."""
    import dlib

    with warnings.catch_warnings():  # the package imports the deprecated pkg_resources
        warnings.simplefilter("ignore", DeprecationWarning)
        import face_recognition_models

    return (
        dlib.get_frontal_face_detector(),
        dlib.shape_predictor(face_recognition_models.pose_predictor_model_location()),
        dlib.face_recognition_model_v1(face_recognition_models.face_recognition_model_location()),
    )


def face_descriptor(image: np.ndarray, hint: Box | None = None) -> np.ndarray | None:
    """dlib's 128-d descriptor of the face in an RGB uint8 (H, W, 3) image, or None if none is found.

    Args:
        image: the frame.
        hint: the face's expected (x0, y0, x1, y1) box in pixels (e.g. from tracked landmarks).
            Among several detections the one overlapping it most is used; without a detection the
            hint itself is used (also when no detection overlaps it). Without a hint the largest
            detection is used.
    """
    import dlib

    detector, predictor, network = _models()
    image = np.ascontiguousarray(image)
    if hint is None:
        faces = list(detector(image, 1))
    else:  # look near the hint only (the box grown by its size on every side): same face, less work
        x0, y0, x1, y1 = hint
        left, top = max(x0 - (x1 - x0), 0), max(y0 - (y1 - y0), 0)
        near = np.ascontiguousarray(image[top:y1 + (y1 - y0), left:x1 + (x1 - x0)])
        faces = [dlib.translate_rect(r, dlib.point(left, top)) for r in detector(near, 1)]
    if hint is None:
        if not faces:
            return None
        rect = max(faces, key=lambda r: r.area())
    else:
        rect = max(faces, key=lambda r: _overlap(r, hint), default=None)
        if rect is None or _overlap(rect, hint) == 0.0:
            rect = dlib.rectangle(*(int(v) for v in hint))
    shape = predictor(image, rect)
    return np.asarray(network.compute_face_descriptor(image, shape), dtype=np.float64)


def dlib_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two dlib descriptors, in [-1, 1] (higher = more alike)."""
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def dlib_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Euclidean distance of two dlib descriptors (0 = identical; dlib calls < 0.6 the same person)."""
    return float(np.linalg.norm(a - b))


def distance_stats(distances: np.ndarray) -> dict[str, float]:
    """`id_dist_mean`, `id_dist_p95`, `id_dist_max` of per-frame dlib distances to the source (NaN-free input)."""
    if len(distances) == 0:
        return {key: float("nan") for key in ("id_dist_mean", "id_dist_p95", "id_dist_max")}
    return {"id_dist_mean": float(np.mean(distances)), "id_dist_p95": float(np.percentile(distances, 95)),
            "id_dist_max": float(np.max(distances))}


def _overlap(rect: Any, box: Box) -> float:
    """Intersection area (pixels^2) of a dlib rectangle and a (x0, y0, x1, y1) box."""
    width = min(rect.right(), box[2]) - max(rect.left(), box[0])
    height = min(rect.bottom(), box[3]) - max(rect.top(), box[1])
    return float(max(width, 0) * max(height, 0))
