"""`Motion`: identity-free head pose + expression sequence; saved as a reusable template (.npz)."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from facereel.errors import InputError
from facereel.motion.template_schema import FRAME_ARRAYS, check_template

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Motion:
    """Per-frame driving motion, with no pixels and no face shape (see docs/conventions.md).

    Attributes:
        rotation: (T, 3, 3) float32, head rotation canonical -> camera (absolute).
        translation: (T, 3) float32, head origin displacement from the reference frame,
            in canonical units (inter-ocular distances), camera axes.
        scale: (T,) float32, head scale relative to the reference frame (1 = same size).
        expression: (T, 478, 3) float32, canonical landmark offsets from the reference frame
            (canonical units).
        features: (T, F) float32, named expression features of the driver (absolute, identity-free
            ratios; names in `facereel.motion.features.FEATURE_NAMES`), used by ratio retargeting.
        valid: (T,) bool, False where the driver's face was lost and the frame was filled.
        fps: frames per second.
        reference: index of the reference frame (the driver's first or most neutral frame) from which
            expression, translation and scale are measured; relative rotation uses rotation[reference].
    """

    rotation: np.ndarray
    translation: np.ndarray
    scale: np.ndarray
    expression: np.ndarray
    features: np.ndarray
    valid: np.ndarray
    fps: float
    reference: int = 0

    def __len__(self) -> int:
        return int(self.rotation.shape[0])

    def save(self, path: str | Path) -> None:
        """Write the template atomically as a compressed .npz."""
        from facereel.media.atomic import atomic_path

        with atomic_path(path, suffix=".npz") as tmp:
            np.savez_compressed(
                tmp,
                format_version=np.int32(FORMAT_VERSION),
                rotation=self.rotation.astype(np.float32),
                translation=self.translation.astype(np.float32),
                scale=self.scale.astype(np.float32),
                expression=self.expression.astype(np.float32),
                features=self.features.astype(np.float32),
                valid=self.valid.astype(bool),
                fps=np.float64(self.fps),
                reference=np.int32(self.reference),
            )

    @classmethod
    def load(cls, path: str | Path) -> "Motion":
        """Read a template written by `save`; InputError if it is not one."""
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["format_version"]) != FORMAT_VERSION:
                    raise InputError(f"motion template version {int(data['format_version'])} is not supported", path)
                arrays = {name: data[name] for name in (*FRAME_ARRAYS, "fps", "reference")}
            problem = check_template(arrays)
            if problem is not None:
                raise InputError(f"bad motion template: {problem}", path)
            return cls(**{name: arrays[name] for name in FRAME_ARRAYS}, fps=float(arrays["fps"]),
                       reference=int(arrays["reference"]))
        except InputError:
            raise
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile, zlib.error):
            raise InputError("not a facereel motion template (`facereel extract-motion` writes one)", path) from None
