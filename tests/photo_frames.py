"""Real photos for the photo-driver tests: frames of the shared driving videos saved as images, and the
re-tracked expression features of any image (module-named so test files in any folder can import it)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from facereel.eval.faces import FaceSeries
from facereel.face.pose import euler_degrees
from facereel.face.tracking import track_image
from facereel.media.image import write_image
from facereel.media.video import open_video
from facereel.motion.features import FEATURE_NAMES

SMILE = ("lp_d19", 90)
"""A closed-mouth smile (mouth corners +0.075, width +0.26, opening +0.06 canonical units from frame 0)."""
OPEN_MOUTH = ("lp_d18", 80)
"""A wide-open mouth with level corners (opening +0.58, corners +0.01 canonical units from frame 0)."""
TURN = ("lp_d12", 40)
"""A head turned -20.6 deg in yaw from frame 0 (pitch and roll within 2.1 deg)."""


def save_frames(video: Path, indices: tuple[int, ...], folder: Path) -> list[Path]:
    """Frames `indices` of `video` written as PNGs `<video stem>_<index>.png` in `folder`; their paths."""
    paths = {k: folder / f"{video.stem}_{k}.png" for k in indices}
    with open_video(video) as frames:
        for k, frame in enumerate(frames.frames()):
            if k in paths:
                write_image(paths[k], frame)
            if k >= max(indices):
                break
    return [paths[k] for k in indices]


def yaw(image: np.ndarray) -> float:
    """Re-tracked head yaw of the face in `image`, degrees (docs/conventions.md)."""
    return float(euler_degrees(FaceSeries.from_track(track_image(image)).rotation)[0, 0])


def jaw_drop(image: np.ndarray) -> float:
    """Re-tracked chin height below the nose base of the face in `image`, canonical units
    (`FaceSeries.jaw_drop`)."""
    return float(FaceSeries.from_track(track_image(image)).jaw_drop()[0])


def features(image: np.ndarray) -> dict[str, float]:
    """The named expression features (canonical units, facereel.motion.features) of the face re-tracked in
    `image`."""
    return dict(zip(FEATURE_NAMES, FaceSeries.from_track(track_image(image)).features[0].tolist(), strict=True))
