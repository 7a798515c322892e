"""A photo driver's open mouth lost in the output (issue #12), read on a rendered frame beside the driving photo.

lp_s12 driven by a still photo (lp_d19 frame 212, a lopsided grin showing its upper teeth; `--mode absolute
--duration 1.5`): the retargeted target opened the inner lips as far as the photo's (0.141 canonical units), but
with no driving frame the mesh engine drew its synthetic interior, which under lp_s12's moustache (`overhang_share`
1) is lip-coloured teeth in shade over a tongue of the lower lip's colour: a band the re-tracker reads as lips
barely parted, no teeth (frame 37, x 150-215, y 225-260).

- `opening_share`: the output's re-tracked inner-lip gap (`features.expression_features`' mouth_open, canonical
  units: inter-ocular distances) over the photo's own; issue #9 asks driven mouths to reach `OPENING_SHARE` of the
  driver's. The portrait repeated scores its own gap's share (lp_s12's closed lips: 0.01).
- `teeth_share`: the output's teeth area over the photo's: teeth-like pixels (`eval.mouth_teeth`'s bar: CIELAB L*
  at least `TEETH_LIGHT` x the cheeks' and chroma at most `TEETH_CHROMA` x theirs) inside the re-tracked outer-lip
  contour, in squared mouth widths: 0 where the output shows none of the photo's teeth, ~1 where it shows as many
  for its mouth's size. Read inside the outer lips, not the re-tracked opening: under lp_s12's moustache the
  re-tracker puts the upper inner lip across the teeth's middle, which halved a reading inside it. The photo must
  show teeth to be read.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap, skin_colour
from facereel.eval.mouth_teeth import MIN_CHROMA, TEETH_CHROMA, TEETH_LIGHT
from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_image
from facereel.motion.features import INDEX, expression_features

OPENING_SHARE = 0.7
"""Share of the driver's inner-lip gap (canonical units) a driven mouth's re-tracked gap reaches (issue #9)."""


def _tracked(image: np.ndarray) -> np.ndarray:
    """(478, 3) image-px landmarks of the largest face in (H, W, 3) uint8 RGB `image` (InputError when none)."""
    return track_image(image).landmarks[0]


def _gap(landmarks: np.ndarray) -> float:
    """Inner-lip gap of (478, 3) px landmarks, canonical units (the pose taken out)."""
    _, canonical, _ = estimate_pose(landmarks[None].astype(np.float32))
    return float(expression_features(canonical)[0, INDEX["mouth_open"]])


def opening_share(output: np.ndarray, photo: np.ndarray) -> float:
    """Re-tracked inner-lip gap of (H, W, 3) uint8 RGB `output` over the driving `photo`'s (any size), canonical
    units each; the photo's mouth must be open (ValueError otherwise)."""
    driver = _gap(_tracked(photo))
    if driver <= 0:
        raise ValueError(f"the driving photo's mouth is closed (gap {driver:.3f})")
    return _gap(_tracked(output)) / driver


def teeth_area(image: np.ndarray) -> float:
    """Teeth-like pixels inside the re-tracked outer-lip contour of (H, W, 3) uint8 RGB `image`, in squared mouth
    widths (0 where the cheeks' colour cannot be read)."""
    landmarks = _tracked(image)
    skin = skin_colour(image, landmarks)
    if skin is None:
        return 0.0
    lips = landmarks[list(ids.OUTER_UPPER_LIP) + list(ids.OUTER_LOWER_LIP[-2:0:-1]), :2].astype(np.float32)
    x0, y0, x1, y1 = box_around(lips, 1, (image.shape[1], image.shape[0]))
    inside = polygon_mask([lips], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    lab, skin_lab = to_lab(image[y0:y1, x0:x1])[inside], to_lab(skin)
    teeth = (lab[:, 0] >= TEETH_LIGHT * skin_lab[0]) & (
        np.linalg.norm(lab[:, 1:], axis=1) <= TEETH_CHROMA * max(float(np.linalg.norm(skin_lab[1:])), MIN_CHROMA))
    return float(teeth.sum()) / max(mouth_gap(landmarks)[1], 1.0) ** 2


def teeth_share(output: np.ndarray, photo: np.ndarray) -> float:
    """`teeth_area` of (H, W, 3) uint8 RGB `output` over the driving `photo`'s; ValueError where the photo shows
    no teeth."""
    driver = teeth_area(photo)
    if driver <= 0:
        raise ValueError("the driving photo shows no teeth")
    return teeth_area(output) / driver
