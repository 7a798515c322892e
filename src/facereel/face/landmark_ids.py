"""Named subsets of mediapipe's 478 face-mesh landmark indices (the one place that knows them).

"Right"/"left" are the subject's: the right eye appears on the image's left in a frontal photo.
"""

from __future__ import annotations

import numpy as np

NUM_LANDMARKS = 478

RIGHT_PUPIL = 468
LEFT_PUPIL = 473
RIGHT_IRIS = (468, 469, 470, 471, 472)
LEFT_IRIS = (473, 474, 475, 476, 477)
NOSE_TIP = 4
PRONASALE = 1  # the most forward point of the nose (a face detector's "nose tip" keypoint)
FOREHEAD = 10
CHIN = 152
SUBNASALE = 2  # the nose base's middle, where the philtrum starts
UPPER_LIP_MIDDLE = 0  # the middle of the upper lip's outer edge (its top, under the philtrum)
LOWER_LIP_BOTTOM = 17  # the middle of the lower lip's outer edge (its lowest point)

# Eye contours: (outer corner, inner corner), upper lid and lower lid from outer to inner corner.
RIGHT_EYE_CORNERS = (33, 133)
LEFT_EYE_CORNERS = (263, 362)
RIGHT_UPPER_LID = (246, 161, 160, 159, 158, 157, 173)
RIGHT_LOWER_LID = (7, 163, 144, 145, 153, 154, 155)
LEFT_UPPER_LID = (466, 388, 387, 386, 385, 384, 398)
LEFT_LOWER_LID = (249, 390, 373, 374, 380, 381, 382)

# Eyebrows: upper edge and lower edge, outer to inner.
RIGHT_BROW_UPPER = (70, 63, 105, 66, 107)
RIGHT_BROW_LOWER = (46, 53, 52, 65, 55)
LEFT_BROW_UPPER = (300, 293, 334, 296, 336)
LEFT_BROW_LOWER = (276, 283, 282, 295, 285)
RIGHT_BROW = RIGHT_BROW_UPPER + RIGHT_BROW_LOWER
LEFT_BROW = LEFT_BROW_UPPER + LEFT_BROW_LOWER

# Lips, from the right mouth corner (61 outer / 78 inner) to the left one (291 / 308).
MOUTH_CORNERS = (61, 291)
OUTER_UPPER_LIP = (61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291)
OUTER_LOWER_LIP = (61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291)
INNER_UPPER_LIP = (78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308)
INNER_LOWER_LIP = (78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308)

# Face outline, clockwise from the forehead.
FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
             152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109)

# The lips' four lines (outer and inner, upper and lower), and with the face outline: the lines a warp holds.
LIP_LINES = OUTER_UPPER_LIP + OUTER_LOWER_LIP + INNER_UPPER_LIP + INNER_LOWER_LIP
OUTLINE_AND_LIPS = FACE_OVAL + LIP_LINES

# Points that move with the skull but not with expressions: used for rigid head-pose alignment.
STABLE = (10, 151, 9, 8, 168, 6, 197, 195, 5, 4, 1, 2, 98, 327, 129, 358, 33, 133, 362, 263,
          127, 356, 234, 454, 93, 323, 109, 338, 67, 297, 103, 332, 54, 284, 21, 251, 162, 389)

# Points whose motion is an "eyes" region change (lids + irises).
EYES_REGION = tuple(sorted(set(RIGHT_UPPER_LID + RIGHT_LOWER_LID + LEFT_UPPER_LID + LEFT_LOWER_LID
                               + RIGHT_IRIS + LEFT_IRIS)))


def as_index(ids: tuple[int, ...]) -> np.ndarray:
    """Index array for numpy fancy indexing."""
    return np.asarray(ids, dtype=np.intp)
