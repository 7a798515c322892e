"""A dubbed wide opening drawn darker than the driver's (issue #9, h47-sr1dub), read on a frame and its (478, 3) px
landmarks.

sr_1's clip (frames 0-39, 512 px) dubbed `--regions lips` by lp_d12 140-179 (`--mouth driver`): frames 34-37 the
driver's wide opening (its lilac tongue filling it, the upper teeth a line under the upper lip) drawn as a dark
purple-brown cavity with a faint teeth line, L* 15-16 inside against the driver's 34-35. sr_1's face is darker than
lp_d12's, so the opening is read against the lips round it, which the dub keeps as the clip's: the driver's interior
is 0.74-0.80 of its own lips' L*, the dub's 0.56-0.58. The interior is colour-matched by the cheeks' light
(`mouth_driver.light_match`: the portrait's skin over the driver's), and sr_1, lit from one side, has one cheek in
shade (L* 22 against the lit one's 57; `mouth_shape.skin_colour`'s median of both 26-38), so the interior takes
0.44-0.47 of the driver's skin L* and `dimmer_light` 1 (a far dimmer light: the full tint, colours dimmed), where
the lips between the cheeks carry about 0.6 of the driver's lips'. Mended by h48-sr1dub: a side-lit portrait's
light is read between its cheeks (`mouth_shape.cheek_light`'s `mouth`), 0.71-0.81 there. Frames 28-30, the driver's
tongue filling the opening over sr_1's dark lips (L* 22-23, 0.54 of that light), read too light: 1.00-1.07 on 29-30
against the driver's 0.74-0.75 (28: 1.08, the clip's own teeth, the target opening no further than the clip's). Mended
by h49-sr1dub: a side-lit portrait's exposure is its lips' L* over the driver's (`mouth_driver.matched_skin`), 0.80 /
0.77 on 29-30, 0.73-0.77 on 34-37.

`opening_light`: the mean CIELAB L* of the opening's pixels (inside the inner-lip contour,
`mouth_chroma.talking_opening_lab`) over the L* of the lips (`mouth_shape.lip_colour`) of the same frame; NaN under
a talking opening or where the lips cannot be read. A driver's own frame reads against its own lips.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.figures.mouth_chroma import talking_opening_lab
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour


def opening_light(frame: np.ndarray, landmarks: np.ndarray) -> float:
    """The mean L* inside (H, W, 3) uint8 RGB `frame`'s inner-lip contour over its lips' L* (module docstring), with
    (478, 3) px `landmarks`; NaN where the opening is under a talking one or the lips cannot be read."""
    lip = lip_colour(frame, landmarks)
    opening = None if lip is None else talking_opening_lab(frame, landmarks)
    if opening is None:
        return float("nan")
    return float(opening[:, 0].mean()) / max(float(to_lab(lip)[0]), 1.0)
