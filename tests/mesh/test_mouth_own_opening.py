"""The painted mouth interior of a photo whose own mouth is open (issue #12, video-to-video): lp_d18 as the clip,
`--regions eyes`: the target opens exactly as the clip's frame does, so its own teeth and tongue stay; the driver's
interior was painted over them (a dark purple opening), `MouthRenderer.render`'s `driver_op`."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from mesh_faces import landmarks

from facereel.engines.mesh.open_mouth.mouth import MouthRenderer
from facereel.engines.mesh.open_mouth.mouth_driver import DriverFrame


def _frame(path: Path, index: int) -> np.ndarray:
    """(H, W, 3) uint8 RGB: frame `index` of the video at `path`."""
    video = cv2.VideoCapture(str(path))
    video.set(cv2.CAP_PROP_POS_FRAMES, index)
    ok, frame = video.read()
    assert ok, (path, index)
    return np.ascontiguousarray(frame[..., ::-1])


def test_clips_own_open_mouth_is_not_painted_over_by_the_driver(shared_data):
    """lp_d18 frame 150 (mouth wide open, teeth showing) with its own landmarks as the target, lp_d18 frame 90 (open
    differently) as the driver's frame: nothing is painted. Measured on the face's box: the engine before changed it
    by up to 120 grey levels a pixel (the driver's interior), now 0."""
    clip = shared_data / "driving" / "lp_d18.mp4"
    image, driver = _frame(clip, 150), _frame(clip, 90)
    lm, driver_lm = landmarks(image), landmarks(driver)
    renderer = MouthRenderer(image, lm)
    out = image.copy()
    renderer.render(out, np.zeros(2, np.float32), lm, DriverFrame(driver, driver_lm))
    x0, y0 = lm[:, :2].min(0).astype(int)
    x1, y1 = lm[:, :2].max(0).astype(int)
    change = np.abs(out.astype(np.float32) - image)[y0:y1, x0:x1].mean(-1)
    assert change.max() <= 2, change.max()
