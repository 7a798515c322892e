"""The lids a video source's eyes are drawn with under `--regions eyes` (issue #12 item 1, h28-fresh (7)).

lp_d19 frames 20-60 as the clip, sr_1 frames 30-70 the driver, `--regions eyes`: on frames 5-20 the image-left eye
behind the lens was drawn half shut. Inside the transferred regions each frame's expression is the clip's reference
frame (its most neutral, `extract.neutral_frame`: frame 38 here) plus the driver's change (`video_retarget`); the
reference was read from the clip's track after the One-Euro smoothing, a causal filter, and frame 38 comes 2 frames
after a squint of that eye (frames 22-36, its canonical opening 0.065-0.095 against 0.126 at 38): it lagged at 0.107,
so every frame's eye was drawn 15 % shut before the driver's own narrowing.

`lid_opening` reads the mid-lid gap of both eyes (px) on landmarks: on the targets of a driver that does not move it
is the reference frame's own opening carried to each frame's pose; the clip itself (the source repeated) its own.
"""

from __future__ import annotations

import numpy as np

from facereel.face import landmark_ids as ids

MIDDLE = 3
"""The lid point in the middle of `landmark_ids`' seven upper and lower lid points."""


def lid_opening(landmarks: np.ndarray) -> np.ndarray:
    """(T, 2) float32 px: the gap between the middle upper and lower lid points of the right and left eye (the
    image-left and image-right eye) in (T, 478, 3) px `landmarks`."""
    gaps = [landmarks[:, lower[MIDDLE], 1] - landmarks[:, upper[MIDDLE], 1]
            for upper, lower in ((ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID), (ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID))]
    return np.stack(gaps, axis=1).astype(np.float32)
