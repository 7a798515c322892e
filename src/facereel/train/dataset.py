"""`ClipDataset`: the clips of a prepared dataset folder as the tensors the A1 pipeline consumes."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import torch
from torch.utils.data import Dataset

from facereel.condition.render import a1_condition_frames
from facereel.errors import InputError
from facereel.media.image import read_image
from facereel.media.video import open_video
from facereel.train import layout

ConditionSource = Literal["render", "video"]


class ClipDataset(Dataset):
    """One item per manifest line of a folder written by `facereel prepare-data`; files are decoded in
    `__getitem__`, one clip at a time (nothing is loaded up front but the manifest).

    With T driving frames per clip (48 by default), H x W the model size (480 x 720 by default), an item is:

    - `video`: float32 (3, T+1, H, W) in [-1, 1]: [:, 0] = the reference frame, [:, 1:] = the clip's frames
      (the ground truth of self-reenactment; frame i is driven by condition frame i, as at inference).
    - `condition`: float32 (3, T+1, H, W) in [-1, 1]: A1 landmark drawings, [:, 0] = the reference's own.
      `condition="render"` (default) draws them again from the stored landmarks with the front end's renderer,
      pixel-identical to what `animate.inputs.a1_condition` gives the model at inference; `"video"` decodes the stored
      condition.mp4 instead (H.264 yuv420p softens the thin coloured lines a little).
    - `reference`: float32 (3, H, W) in [-1, 1]: the reference frame (the image-latent conditioning), lossless.
    - `face_crop`: uint8 (3, 512, 512): the reference's aligned face crop for SigLIP (its processor normalises).
    - `landmarks`: float32 (T+1, 478, 3) in H x W px; `valid`: bool (T+1,); `pose`: float32 (T+1, 3) degrees
      [yaw, pitch, roll]; `id`: str (`<video>/<start>`).
    """

    def __init__(self, root: str | Path, condition: ConditionSource = "render") -> None:
        self.root = Path(root)
        self.entries = layout.read_manifest(self.root)
        if not self.entries:
            raise InputError("no prepared clips here (no manifest.jsonl lines)", self.root)
        if condition not in ("render", "video"):
            raise ValueError(f"condition must be 'render' or 'video', got {condition!r}")
        self.condition = condition

    def __len__(self) -> int:
        return len(self.entries)

    def valid(self, index: int) -> torch.Tensor:
        """(T+1,) bool: the item's `valid` flags alone (read without decoding the clip)."""
        folder = layout.clip_dir(self.root, self.entries[index]["id"])
        with np.load(folder / layout.META, allow_pickle=False) as data:
            return torch.from_numpy(data["valid"])

    def __getitem__(self, index: int) -> dict[str, torch.Tensor | str]:
        entry = self.entries[index]
        folder = layout.clip_dir(self.root, entry["id"])
        with np.load(folder / layout.META, allow_pickle=False) as data:
            meta = {k: data[k] for k in ("landmarks", "valid", "pose")}
        reference = read_image(folder / layout.REFERENCE)
        video = np.concatenate([reference[None], _read_video(folder / layout.TARGET)])
        if self.condition == "render":
            condition = np.stack(list(a1_condition_frames(meta["landmarks"], tuple(entry["size"]))))
        else:
            condition = _read_video(folder / layout.CONDITION)
        face = read_image(folder / layout.FACE_CROP)
        return {"video": _signed(video), "condition": _signed(condition), "reference": _signed(reference[None])[:, 0],
                "face_crop": torch.from_numpy(face).permute(2, 0, 1).contiguous(),
                "landmarks": torch.from_numpy(meta["landmarks"]), "valid": torch.from_numpy(meta["valid"]),
                "pose": torch.from_numpy(meta["pose"]), "id": entry["id"]}


def _read_video(path: Path) -> np.ndarray:
    """(T, H, W, 3) uint8 RGB: all frames of one clip's video."""
    with open_video(path) as video:
        return np.stack(list(video.frames()))


def _signed(frames: np.ndarray) -> torch.Tensor:
    """(T, H, W, 3) uint8 -> (3, T, H, W) float32 in [-1, 1]."""
    return torch.from_numpy(frames).permute(3, 0, 1, 2).float().div(127.5).sub(1.0).contiguous()
