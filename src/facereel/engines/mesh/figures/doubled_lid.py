"""A second dark line under a lowered lid's carried lashes (issue #12 item 1, video-to-video with `--regions eyes`).

lp_d19 frames 20-60 (a presenter behind glasses) as the clip, sr_1 frames 30-70 the driver, `--regions eyes`: on
frames 5-20 the image-left eye (x 165-207, y 210-224) was half shut under a thick dark doubled lid band. The lowered
lid (`EyeRenderer._cover`) carries the clip's own lash band down; under it `_edge_shadow` darkened the eyeball towards
black, a hard line 1-3 px below the carried lashes and darker than anything on the clip's lid (its lashes, seen
through the lens, are grey: luma 67 on lid skin of 109), so the eye read as lidded twice.

`doubled_lid` counts the pixels of a drawn frame in a box that are more than `DARKER` grey levels darker than the
same frame with the lowered lid drawn alone (no edge shadow, no drawn lash line); the clip itself (the source
repeated) has no lowered lid there: none.
"""

from __future__ import annotations

import numpy as np

DARKER = 25.0
"""Grey levels (the channels' mean) by which a pixel is darker than the lid drawn alone: past the soft shade a lid
casts on the eyeball right under it (`EDGE_DARK` towards the lash colour)."""

LEFT_EYE = (165, 210, 208, 225)
"""x0, y0, x1, y1 (px, 480 px frames): lp_d19's image-left eye under its lowered lid."""


def doubled_lid(frame: np.ndarray, lid_alone: np.ndarray, box: tuple[int, int, int, int] = LEFT_EYE) -> int:
    """Pixels of `frame` ((H, W, 3) uint8 RGB, as drawn) in `box` (x0, y0, x1, y1 px) more than `DARKER` grey levels
    darker than `lid_alone` (the same frame with the lowered lid's edge shadow and lash line not drawn)."""
    x0, y0, x1, y1 = box
    grey = [im[y0:y1, x0:x1].astype(np.float32).mean(-1) for im in (frame, lid_alone)]
    return int(np.count_nonzero(grey[1] - grey[0] > DARKER))
