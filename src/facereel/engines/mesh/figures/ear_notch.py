"""Dark pixels the moved head uncovers under the ear: the background's fill as a black notch (issue #9).

sr_18 at 512 px, `edit --roll` 20-30 (crop x 265-335, y 85-175 at 4x): the near ear lobe rises ~0.16 face sizes and
the head's side below it goes out with it, off the neck's side, which stayed still (its neck creased: not pulled,
`neck_sides.PLAIN_PULL`); the plate's fill there, carried in from the black background beside the ear, showed as a
black notch between the lobe and the neck. `ear_notch` counts the pixels within `REACH` face sizes of the near jaw
angle (level with the near lobe's foot; the one farther across from the nose tip: the far cheek's outline over the
background is another artefact's) that the moved head uncovered (the photo's head alpha at least 0.5, the drawn one under
0.5: what shows there is the plate, not the moved head's hair or glasses) and are darker than `DARK` where the photo
is lighter than `LIT`; over the face size squared. The source repeated reads 0 (nothing uncovered).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import grey_image

REACH = 0.2
"""Face sizes from each jaw angle within which the pixels are read (the lobe's foot and the neck's side below it)."""
DARK = 20.0
"""Grey level under which a frame pixel is dark (the background's fill beside sr_18's ear reads 0-20, the neck's own shadowed edge 40-70)."""
LIT = 80.0
"""Grey level over which the photo's pixel is lit (the lobe and the neck's side there read 100-200)."""


def near_jaw(shape: tuple[int, int], jaw: np.ndarray, nose: float, reach_px: float) -> np.ndarray:
    """(h, w) bool on an image of `shape`: within `reach_px` px of the near jaw angle, the one of `jaw` ((2, 2) px)
    farther across from the nose tip's column `nose` (px)."""
    x, y = jaw[np.argmax(np.abs(jaw[:, 0] - nose))]
    ys, xs = np.mgrid[0:shape[0], 0:shape[1]]
    return np.hypot(xs - x, ys - y) <= reach_px


def ear_notch(frame: np.ndarray, source: np.ndarray, alpha: np.ndarray, source_alpha: np.ndarray, jaw: np.ndarray,
              nose: float, face_px: float) -> float:
    """Face sizes^2: the dark uncovered pixels of `frame` near the jaw angles (module docstring). frame, source: (h, w, 3)
    uint8 RGB, the rendered frame and the photo; alpha: (h, w) float32, the head alpha as drawn on the frame
    (`MeshAnimator.drawn_alpha`); source_alpha: (h, w) float32, the photo's (`layer.alpha`); jaw: (2, 2) px, the
    photo's jaw angles (landmarks 132 and 361); nose: the photo's nose tip's column (landmark 1), px; face_px: the
    face size, px."""
    near = near_jaw(frame.shape[:2], jaw, nose, REACH * face_px)
    grey, photo = (grey_image(image) for image in (frame, source))
    dark = near & (source_alpha >= 0.5) & (alpha < 0.5) & (grey < DARK) & (photo > LIT)
    return float(dark.sum() / face_px ** 2)
