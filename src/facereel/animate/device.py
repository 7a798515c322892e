"""The one place that turns a device request (auto, cuda, cuda:N, mps, cpu) into the device used.

The mesh engine runs on the CPU whatever the device (numpy + OpenCV); the a1 engine runs on the device:
cuda (the published model needs a GPU), mps (Apple Silicon, where torch supports the model's operations)
or cpu (tiny test models only).
"""

from __future__ import annotations

import re

from facereel.errors import InputError

DEVICES = ("auto", "cuda", "mps", "cpu")


def check_device(name: str) -> str:
    """`name` when it is a device request facereel knows (auto, cuda, cuda:N, mps, cpu), else InputError."""
    if name not in DEVICES and not re.fullmatch(r"cuda:\d+", name):
        raise InputError(f"device takes one of auto, cuda, cuda:N, mps, cpu (got {name!r})")
    return name


def resolve_device(name: str = "auto") -> str:
    """The device for a request: auto = cuda when a CUDA GPU is there, else mps when Apple's Metal backend
    is, else cpu. InputError when the requested kind is not available here."""
    import torch

    check_device(name)
    cuda, mps = torch.cuda.is_available(), torch.backends.mps.is_available()
    if name == "auto":
        return "cuda" if cuda else "mps" if mps else "cpu"
    if name.startswith("cuda") and not cuda:
        raise InputError(f"device {name} requested but no CUDA GPU is available")
    if name == "mps" and not mps:
        raise InputError("device mps requested but torch's Metal backend is not available (Apple Silicon only)")
    return name
