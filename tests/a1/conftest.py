"""Tiny random-weight SkyReels-A1 folder and inputs shared by the A1 engine tests (CPU, float32)."""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"  # no hub here: every test works from local folders

import numpy as np
import pytest
import torch

from facereel.engines.a1 import A1Engine, A1Options
from facereel.engines.a1.tiny import make_tiny_weights

HEIGHT, WIDTH = 64, 96
# Shrunk long-video settings: 9-frame windows (3 latent frames), 4 shared frames (1 latent frame).
SMALL = dict(steps=4, window_frames=9, window_overlap=4, blend_steps=(1, 2))


@pytest.fixture(scope="session")
def tiny_weights(tmp_path_factory: pytest.TempPathFactory):
    return make_tiny_weights(tmp_path_factory.mktemp("a1") / "weights", HEIGHT, WIDTH, window_frames=9)


@pytest.fixture(scope="session")
def inputs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(reference (64,96,3), condition (13,64,96,3), face crop (512,512,3)), uint8 RGB."""
    rng = np.random.default_rng(7)
    reference = rng.integers(0, 256, (HEIGHT, WIDTH, 3), dtype=np.uint8)
    condition = rng.integers(0, 256, (13, HEIGHT, WIDTH, 3), dtype=np.uint8)
    face = rng.integers(0, 256, (512, 512, 3), dtype=np.uint8)
    return reference, condition, face


def make_engine(weights, **overrides) -> A1Engine:
    return A1Engine.from_pretrained(weights, "cpu", torch.float32, A1Options(**{**SMALL, **overrides}))


@pytest.fixture(scope="session")
def engine(tiny_weights) -> A1Engine:
    return make_engine(tiny_weights)
