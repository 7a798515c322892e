"""LPIPS from user-supplied weights (the networks cannot be downloaded here).

The weights come as a TorchScript file made once, where the `lpips` package is installed:

    import lpips, torch
    net = lpips.LPIPS(net="alex").eval()
    x = torch.zeros(1, 3, 256, 256)
    torch.jit.trace(net, (x, x)).save("lpips_alex.pt")

Contract of the file: a module taking two float32 (N, 3, H, W) RGB batches scaled to [-1, 1] and
returning (N, 1, 1, 1) (or any shape with N values) distances, lower = more alike.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from facereel.errors import InputError

if TYPE_CHECKING:
    import torch


class Lpips:
    """LPIPS distance between two frames, computed on the CPU by a TorchScript module."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._net = load_torchscript(self.path, "LPIPS")

    def __call__(self, output: np.ndarray, reference: np.ndarray) -> float:
        """LPIPS of two uint8 RGB (H, W, 3) frames of one size."""
        import torch

        with torch.no_grad():
            distance = self._net(_to_tensor(output), _to_tensor(reference))
        return float(distance.reshape(-1)[0])


def load_torchscript(path: Path, what: str) -> torch.jit.ScriptModule:
    """A TorchScript module from `path`, on the CPU in eval mode; InputError naming the file if it is not one.

    `what` names the network in the message ("LPIPS", "FID Inception", ...).
    """
    import torch

    if not path.is_file():
        raise InputError(f"{what} weights file not found", path)
    try:
        with warnings.catch_warnings():  # torch 2.13 deprecates TorchScript; loading still works
            warnings.simplefilter("ignore", DeprecationWarning)
            return torch.jit.load(str(path), map_location="cpu").eval()
    except (RuntimeError, ValueError) as exc:
        raise InputError(f"not a TorchScript {what} module ({exc.__class__.__name__})", path) from None


def _to_tensor(image: np.ndarray):
    """uint8 (H, W, 3) -> float32 torch (1, 3, H, W) in [-1, 1]."""
    import torch

    return torch.from_numpy(np.ascontiguousarray(image.transpose(2, 0, 1))).float().div(127.5).sub(1.0)[None]
