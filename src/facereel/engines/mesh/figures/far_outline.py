"""The far cheek's outline beside the nose on a turned face, read from a rendered frame's landmarks (issue #9,
the turned face's silhouette).

Turned towards one side, a face shows its far cheek as a strip between the nose and the face's outline; the
mesh engine draws that outline where the 468-point face mesh turns away (the tracker's depth), and near
the preset's 45 deg the strip thins to a few pixels: the nose reads as drawn past the far cheek's outline,
the cheek cut in a hard line behind it (lp_s1 on preset:turn, frames 8-16). `nose_margin` is that strip's
width: from the nose tip to the outermost face point (of the 468) at the nose tip's height on the side the
nose points to, face sizes (`composite.face_size`); `nose_overhang` is how far it falls short of `NEAR`
(0 on the source repeated: a frontal face's margin is ~0.4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.geometry.far_cheek import cheek_clearance, cheek_points, nose_points
from facereel.face import landmark_ids as ids

if TYPE_CHECKING:
    from facereel.engines.mesh.animator import MeshAnimator

NEAR = 0.1
"""Face sizes: a far cheek narrower than this beyond the nose tip reads as cut behind the nose (lp_s1,
preset:turn frames 8-16, margin 0.04-0.09)."""
def nose_margin(landmarks: np.ndarray) -> float:
    """Face sizes from the nose tip to the far cheek's outline at its height, for (478, 2+) landmarks px
    (a frame's, as the engine drew them): positive while the cheek shows beyond the nose, negative where
    the nose stands past it. The far side is the one the nose tip lies towards from the face's middle."""
    return cheek_clearance(landmarks, slice(None))


def cheek_margin(landmarks: np.ndarray) -> float:
    """`nose_margin` with the cheek's points only (`far_cheek.CHEEK_FROM`): the nose's own wing left out, face sizes;
    negative where the nose tip stands past the far cheek."""
    return cheek_clearance(landmarks, cheek_points())


def nose_overhang(landmarks: np.ndarray) -> float:
    """Face sizes the far cheek's strip beyond the nose (`nose_margin`) falls short of `NEAR`; 0 when wider."""
    return max(0.0, NEAR - nose_margin(landmarks))


def nose_past_cheek(landmarks: np.ndarray) -> float:
    """Face sizes the far cheek's own strip beyond the nose tip (`cheek_margin`) falls short of `NEAR`; 0 when
    wider (0 on the source repeated of a frontal or moderately turned photo)."""
    return max(0.0, NEAR - cheek_margin(landmarks))


def wing_margin(landmarks: np.ndarray) -> float:
    """`cheek_margin` of the nose's outermost point (its tip or the far wing, `far_cheek.nose_points`), each against the
    cheek at its own height, face sizes: turned and looking down, the far wing stands past the tip and drops to the
    narrower lower cheek (lp_s1 `edit --yaw 30 --pitch 20`: the wing 30 px past the tip at 1145 px)."""
    return cheek_clearance(landmarks, cheek_points(), nose_points())


def wing_past_cheek(landmarks: np.ndarray) -> float:
    """Face sizes the far cheek's strip beyond the nose's outermost point (`wing_margin`) falls short of `NEAR`; 0
    when wider (0 on the source repeated)."""
    return max(0.0, NEAR - wing_margin(landmarks))


def outline_depth(samples: np.ndarray, alpha: np.ndarray, source_landmarks: np.ndarray,
                  target_landmarks: np.ndarray, origin: np.ndarray) -> float:
    """Face sizes: how far inside the photo's face the drawn lower face's outline is taken from (the far chin
    cut straight, issue #9; `far_jaw`).

    samples: (h, w, 2) crop px, where each drawn pixel of the crop is read from in the source crop (the
    backward map); alpha: (h, w) in [0, 1], the head alpha as drawn (`MeshAnimator.drawn_alpha`);
    source_landmarks, target_landmarks: (478, 2+) image px, the photo's and the frame's; origin: (2,) the
    crop's image px. The outline's pixels are the drawn head's (alpha >= 0.5) beside one that is not, below
    the frame's mouth corners; each is read from some depth inside the photo's face oval (0 on or outside
    it: the photo's own jaw line, its hair or background). A face whose triangles overdraw their own oval's
    band shows skin from well inside the photo's jaw against the background (lp_s1 turned 45 deg: ~0.09).
    The 95th percentile of the depth over those pixels; 0 when there are none.
    """
    head = alpha >= 0.5
    edge = head & ~cv2.erode(head.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    below = float(np.max(target_landmarks[list(ids.MOUTH_CORNERS), 1])) - float(origin[1])
    edge[:max(0, int(np.ceil(below)))] = False
    rows, cols = np.nonzero(edge)
    if not len(rows):
        return 0.0
    oval = (np.asarray(source_landmarks, np.float64)[list(ids.FACE_OVAL), :2] - origin).astype(np.float32)
    points = samples[rows, cols].astype(np.float64)
    depth = np.array([cv2.pointPolygonTest(oval, (float(x), float(y)), True) for x, y in points])
    return float(np.percentile(np.maximum(depth, 0.0), 95)) / face_size(source_landmarks)


def rendered_outline_depth(animator: MeshAnimator, source_landmarks: np.ndarray, target: np.ndarray) -> float:
    """`outline_depth` of the frame `animator` renders for `target` ((478, 3) image px, retargeted) from the
    photo whose landmarks are `source_landmarks` ((478, 3) px)."""
    frame = animator.map_frame(target)
    animator.draw(frame)
    samples = animator.warp.full_size(frame.coarse, frame.seam) + animator.layer.grid
    return outline_depth(samples, animator.drawn_alpha(), source_landmarks, frame.target, animator.origin)
