"""A text printed on the photo beside the hair, split by the moved head (issue #12 part 4 / #9).

lp_s1 at 700 px turned 30 deg `edit --yaw -45 --gaze -1,1`: the segmentation on the upright working copy read the
watermark's first letter faintly as the person, so the head mask carried the "l" and half the "a" of "lady" down
with the hair and the plate's fill took their place (h29-fresh3's sweep (5)). `lost_strokes` reads it from a frame:
in a box holding the text and nothing the head moves over, the share of the photo's strokes (pixels off the box's
median grey by more than `STROKE`) that the frame no longer shows (its grey more than `CHANGED` off the photo's).
The source repeated reads 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

STROKE = 40.0
"""Grey levels (0-255) off the box's median: a stroke of the text (lp_s1's watermark ~110 on a ~210 wall, its
anti-aliased rims between)."""
CHANGED = 25.0
"""Grey levels: a stroke pixel drawn this far from the photo's is no longer shown (half the strokes' least contrast,
`STROKE`, plus the turn back's resampling: the unmoved text there and back stays within ~5)."""


def lost_strokes(source: np.ndarray, frame: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Of the strokes of the text in `box` ((x0, y0, x1, y1) px) of `source` ((H, W, 3) uint8 RGB), the share that
    `frame` ((H, W, 3) uint8 RGB, the same size) no longer shows (module docstring); 0 where the box holds none."""
    x0, y0, x1, y1 = box
    photo = grey_image(source[y0:y1, x0:x1])
    strokes = np.abs(photo - np.median(photo)) > STROKE
    if not strokes.any():
        return 0.0
    drawn = grey_image(frame[y0:y1, x0:x1])
    return float((np.abs(drawn - photo)[strokes] > CHANGED).mean())
