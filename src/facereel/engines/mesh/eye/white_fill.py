"""The eyeball's white carried across the iris's hole (`EyeRenderer`'s plate).

The plate an iris moves over is the source eye with its iris disc filled in. Inpainted from all round (Telea), the fill
takes in the dark lashes above and the lower lid's line below, and its edge, the disc's rim, stayed in the white as a
faint dark arc where the gaze moved the iris off it (sr_8 x lp_d11: the photo's limbus read as left behind). The white
goes on across the eye beside the iris, not from the lids: the hole inside the opening is filled smoothly (a membrane:
each pixel the mean of its neighbours, `SWEEPS` Jacobi sweeps) from the opening's own pixels round it alone (the white
and the lid's shade on it); the lashes and the skin outside the opening take no part. Carried row by row instead, one
side's white where the other had none, a turned eye's far white became a comb of bright and dark rows; from both sides
only, the rows under the lid a corner the iris reaches kept the lids' dark fill, a block with a straight edge; from
the white's pale pixels only, the white above an iris looking down had no lid shade and read as a wider-open eye
(the astronaut's gaze-down edit re-tracked 0.076 more open, 0.049 with the inpainted fill, 0.048 now).
"""

from __future__ import annotations

import cv2
import numpy as np

SWEEPS = 300  # Jacobi sweeps of the membrane fill (a hole ~25 px across settles within a grey level)


def fill_white(plate: np.ndarray, opening: np.ndarray, hole: np.ndarray) -> np.ndarray:
    """(h, w, 3) uint8: `plate` (h, w, 3) uint8 RGB, the eye with its iris inpainted, with the pixels of `hole` (h, w)
    bool that lie in `opening` (h, w) bool (the eye's lid contour) filled from the white round them: the membrane
    (harmonic) fill whose only fixed values are the opening's pixels outside the hole, each filled pixel the mean of
    its 4-neighbours in the hole or the opening. Pixels of the hole no such pixel reaches are left as they are."""
    fixed = opening & ~hole
    region = hole & opening
    if not fixed.any() or not region.any():
        return plate.copy()
    part = (region | fixed).astype(np.float32)
    values = plate.astype(np.float32)
    values[region] = values[fixed].mean(0)
    reached = fixed.copy()
    cross = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], np.float32)
    count = cv2.filter2D(part, -1, cross, borderType=cv2.BORDER_CONSTANT)
    update = region & (count > 0)
    for _ in range(SWEEPS):
        total = cv2.filter2D(values * part[..., None], -1, cross, borderType=cv2.BORDER_CONSTANT)
        values[update] = total[update] / count[update][:, None]
        reached |= region & (cv2.dilate(reached.astype(np.uint8), cross.astype(np.uint8)) > 0)
    out = plate.copy()
    done = region & reached
    out[done] = np.clip(np.round(values[done]), 0, 255).astype(np.uint8)
    return out
