"""A portrait on its side or upside down, animated (issue #12, `face.turned_photo`): its frames must keep the photo's
orientation, stay the photo bit for bit away from the head, and, turned upright again, show the face following the
driver as the upright portrait's output does. Before (h32-fresh6) such a photo was refused ("no face found; ... turn
the photo"), before that "no face found".

`far_changed`: the share of the frames' px farther than `FAR` face sizes from the source face's centre that differ
from the source at all (0 for a frame drawn upright and turned back, `rolled_face.Upright`).
`mouth_following`: the correlation over the frames of the mouth's opening for its width re-tracked on the frames
turned upright (`mouth_aspect.retracked_opening_per_width`) with the driver's own (its Motion's features).
`upright_gap`: how far the frames, turned upright, are from the upright photo's own frames: the px per face area that
differ by over `GAP_LEVEL` (a face drawn as it lies, not upright: lp_s1 at 1/8 on its side, a small face before
h33-upright2, lost its teeth to a dark gap and laid a pale arc along the jaw).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.mouth_aspect import retracked_opening_per_width
from facereel.motion.features import INDEX
from facereel.motion.motion import Motion

FAR = 1.5
"""Face sizes (`composite.face_size`) from the source face's landmark centre past which a px counts as far from the
head: the head, its hair and the neck the engine moves lie within ~1.2 of lp_s1's (512 px high)."""


GAP_LEVEL = 16
"""Levels (0-255, the largest channel's difference) past which `upright_gap` counts a px: over the Lanczos turn's
round trip (`rolled_face.Upright`), which moves edges by 1-10 levels."""


def upright_gap(frames: Sequence[np.ndarray], quarters: int, upright: Sequence[np.ndarray],
                landmarks: np.ndarray) -> float:
    """Mean over the frames of the px of (H, W, 3) uint8 `frames` turned `quarters` quarter turns anticlockwise
    (`np.rot90`) that differ by more than `GAP_LEVEL` from the (H', W', 3) uint8 `upright` frames (the photo upright,
    animated alike), per face area (`composite.face_size` of its (478, 3) px `landmarks`, squared)."""
    gaps = [(np.abs(np.rot90(frame, quarters).astype(np.int16) - own).max(-1) > GAP_LEVEL).sum()
            for frame, own in zip(frames, upright, strict=True)]
    return float(np.mean(gaps)) / face_size(np.asarray(landmarks)) ** 2


def far_changed(frames: Sequence[np.ndarray], source: np.ndarray, landmarks: np.ndarray) -> float:
    """Share (0-1) of the px farther than `FAR` face sizes from the centre of (478, 3) px `landmarks` that differ in
    any channel from (H, W, 3) uint8 `source`, over the (H, W, 3) uint8 `frames`; 1.0 where a frame's shape is not
    the source's (the output lost the photo's orientation)."""
    height, width = source.shape[:2]
    centre = np.asarray(landmarks, np.float64)[:, :2].mean(0)
    ys, xs = np.mgrid[:height, :width]
    far = np.hypot(xs - centre[0], ys - centre[1]) > FAR * face_size(np.asarray(landmarks))
    if any(frame.shape != source.shape for frame in frames):
        return 1.0
    changed = [(frame != source).any(-1)[far].mean() for frame in frames]
    return float(np.mean(changed))


def mouth_following(frames: Sequence[np.ndarray], quarters: int, motion: Motion) -> float:
    """Pearson correlation of the mouth's opening per width re-tracked on (H, W, 3) uint8 `frames` turned
    `quarters` quarter turns anticlockwise (`np.rot90`: the turn that sets the face upright) with `motion`'s
    "mouth_open" feature (one motion frame per output frame); NaN where a frame's face is not found or the output
    does not move."""
    upright = [np.ascontiguousarray(np.rot90(frame, quarters)) for frame in frames]
    opening = retracked_opening_per_width(upright, motion.fps)
    driver = motion.features[: len(frames), INDEX["mouth_open"]].astype(np.float64)
    if np.isnan(opening).any() or np.std(opening) == 0:
        return float("nan")
    return float(np.corrcoef(opening, driver)[0, 1])
