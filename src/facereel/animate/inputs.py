"""The front end shared by every engine, the CLI, evaluation and training-data preparation:

source image -> source landmarks; driving video or template -> Motion; Motion -> retargeted landmarks at
the output frame rate; landmarks -> A1 condition frames.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from facereel.condition.render import a1_condition_frames
from facereel.errors import InputError
from facereel.face.crop import Region, model_region
from facereel.face.tracking import track_image, track_video
from facereel.media.files import is_photo
from facereel.media.image import read_image
from facereel.motion.extract import Reference, extract_motion
from facereel.motion.motion import Motion
from facereel.motion.presets import PRESETS, preset_motion
from facereel.motion.resample import resample
from facereel.motion.retarget import RetargetOptions, retarget

TEMPLATE_SUFFIX = ".npz"
KEYFRAMES_SUFFIX = ".json"  # slider keyframes (motion/keyframes.py)
PRESET_PREFIX = "preset:"


@dataclass(frozen=True)
class Source:
    """The portrait: image (H, W, 3) uint8 RGB at full resolution and its face's landmarks (478, 3) px."""

    image: np.ndarray
    landmarks: np.ndarray
    path: Path | None = None


def load_source(path: str | Path, face_index: int | None = None) -> Source:
    """Read a portrait and find its face (InputError naming the file when there is none)."""
    return source_from_image(read_image(path), face_index=face_index, path=Path(path))


def source_from_image(image: np.ndarray, face_index: int | None = None, path: Path | None = None) -> Source:
    """A portrait already in memory, (H, W, 3) uint8 RGB."""
    what = path if path is not None else "source image"
    return Source(image=image, landmarks=track_image(image, face_index=face_index, what=what).landmarks[0], path=path)


def preset_name(driving: str | Path) -> str | None:
    """"talk" for the driving input "preset:talk"; None for a file."""
    text = str(driving)
    return text[len(PRESET_PREFIX):] if text.startswith(PRESET_PREFIX) else None


def driving_video(driving: str | Path) -> Path | None:
    """The driving input's path when it is a video (it has frames and maybe audio); None for a preset, a
    motion template, slider keyframes or a photo."""
    if (preset_name(driving) is not None or is_photo(driving)
            or Path(str(driving)).suffix.lower() in (TEMPLATE_SUFFIX, KEYFRAMES_SUFFIX)):
        return None
    return Path(str(driving))


def is_keyframes(driving: object) -> bool:
    """Whether the driving input is a slider keyframes file (.json; motion/keyframes.py)."""
    return isinstance(driving, str | Path) and Path(driving).suffix.lower() == KEYFRAMES_SUFFIX


def load_motion(driving: str | Path, face_index: int | None = None, reference: Reference = "first",
                progress: Callable[[int], None] | None = None, say: Callable[[str], None] | None = None) -> Motion:
    """Motion from a driving video, a saved template (.npz), slider keyframes (.json) or a preset name
    (`preset:talk`). A driving video on its side is turned upright before tracking and told to `say`
    (`face.turned_video`)."""
    preset = preset_name(driving)
    if preset is not None:
        return preset_motion(preset)
    path = Path(driving)
    if not path.exists():
        raise InputError("file not found", path)
    if is_photo(path):
        raise InputError("a still photo drives `animate` and `extract-motion` (see --driving-reference), "
                         "not this command", path)
    if is_keyframes(path):
        from facereel.motion.keyframes import keyframes_motion, load_keyframes

        return keyframes_motion(*load_keyframes(path))
    if driving_video(path) is None:
        return Motion.load(path)
    return extract_motion(track_video(path, face_index=face_index, progress=progress, upright=True, say=say),
                          reference=reference)


def drive(source: Source, motion: Motion, options: RetargetOptions, fps: float | None = None) -> np.ndarray:
    """Retargeted source landmarks (T, 478, 3) px, one per output frame at `fps` (default: the motion's)."""
    if fps is not None:
        motion = resample(motion, fps)
    return retarget(source.landmarks, motion, options)


def a1_condition(source: Source, targets: np.ndarray, size: tuple[int, int],
                 overlay: bool = False, region: Region | None = None) -> tuple[Region, Iterator[np.ndarray]]:
    """The A1 condition video: frame 0 = the source's own landmarks (drawn in its face box as the release
    draws it, `draw_a1_reference`), then one frame per target.

    Drawn in the model's region around the face (`size` = (width, height)); black background unless
    `overlay`, which draws over the source region for inspection. `region`: the model frame in the source
    (default: `model_region` around the face and its whole motion). Returns the region and the frames.
    """
    if region is None:
        region = model_region((source.image.shape[1], source.image.shape[0]),
                              np.concatenate([source.landmarks[None], targets]).reshape(-1, 3), size)
    points = region.to_region(np.concatenate([source.landmarks[None], targets]))
    background = region.crop(source.image) if overlay else None
    return region, a1_condition_frames(points, size, background)


__all__ = ["PRESETS", "Source", "a1_condition", "drive", "load_motion", "load_source"]
