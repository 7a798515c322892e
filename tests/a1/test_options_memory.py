"""Options validation and the memory/speed modes (smoke tests on the CPU: same numbers, different placement)."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest
import torch

from facereel.engines.a1 import A1Engine, A1Options
from facereel.engines.a1.memory import EXPANDABLE_SEGMENTS, prefer_expandable_segments, resolve_offload
from facereel.engines.a1.weights import load_components
from facereel.errors import InputError

from .conftest import HEIGHT, SMALL, make_engine


@pytest.mark.parametrize("bad", [dict(window_frames=10), dict(window_overlap=6), dict(window_overlap=48),
                                 dict(blend_steps=(4, 10)), dict(offload="disk"), dict(guidance=0.5),
                                 dict(attention="xformers"), dict(step_cache="magic")])
def test_bad_options_rejected(bad):
    with pytest.raises(InputError):
        A1Options(**bad)


def test_wrong_input_size_rejected(engine, inputs):
    reference, condition, face = inputs
    with pytest.raises(InputError, match="reference"):
        engine.generate(reference[: HEIGHT // 2], condition, face)


@pytest.mark.parametrize("offload", ["model", "sequential", "group"])
def test_offload_modes_match_resident_model(engine, tiny_weights, inputs, offload):
    reference, condition, face = inputs
    expected = engine.generate(reference, condition[:5], face)
    video = make_engine(tiny_weights, offload=offload).generate(reference, condition[:5], face)
    assert np.array_equal(video, expected)


def test_fp8_storage_bf16_compute(tiny_weights, inputs):
    engine = A1Engine.from_pretrained(tiny_weights, "cpu", torch.bfloat16, A1Options(**SMALL, fp8=True))
    block = engine.components.transformer.transformer_blocks[0]
    assert block.ff.net[2].weight.dtype == torch.float8_e4m3fn
    reference, condition, face = inputs
    assert engine.generate(reference, condition[:5], face).shape == (5, *condition.shape[1:])


def test_fp8_needs_bf16(tiny_weights):
    with pytest.raises(InputError, match="bfloat16"):
        make_engine(tiny_weights, fp8=True)


def test_first_block_cache_runs(tiny_weights, inputs):
    reference, condition, face = inputs
    engine = make_engine(tiny_weights, step_cache="first-block", step_cache_threshold=0.5)
    first = engine.generate(reference, condition, face)
    assert first.shape == condition.shape
    assert np.array_equal(engine.generate(reference, condition, face), first)  # state resets per window/job


def test_auto_offload_is_none_off_cuda(tiny_weights):
    assert A1Options().offload == "auto"
    assert make_engine(tiny_weights).options.offload == "none"


# fp8 at 16 GiB: resident fp8 fits only with a tiled pose guider, so the untiled guider (release-exact)
# with group offloading wins (tiling is the last resort, tests/a1/test_release_causes.py).
@pytest.mark.parametrize(("free_gib", "fp8", "expected"), [(80, False, "none"), (24, False, "none"),
                                                            (16, False, "group"), (16, True, "group"),
                                                            (21, True, "none"),
                                                            (12, False, "group"), (7.5, False, "sequential")])
def test_auto_offload_fits_free_gpu_memory(monkeypatch, free_gib, fp8, expected):
    # Only the free-memory query touches CUDA, so the choice is checked without a GPU.
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda device=None: (int(free_gib * 2**30), 80 * 2**30))
    chosen = resolve_offload(A1Options(fp8=fp8), torch.device("cuda"))
    assert chosen.offload == expected
    assert resolve_offload(A1Options(offload="model"), torch.device("cuda")).offload == "model"


def test_auto_offload_refuses_a_full_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda device=None: (4 * 2**30, 80 * 2**30))
    with pytest.raises(InputError, match="free GPU memory"):
        resolve_offload(A1Options(), torch.device("cuda"))


def test_cuda_engine_prefers_expandable_segments(monkeypatch, tiny_weights):
    # Asked for a CUDA engine, facereel sets the allocator to growable segments before CUDA starts (this machine
    # has no GPU, so the engine then refuses: the setting is made first); a user's own setting is kept.
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("PYTORCH_CUDA_ALLOC_CONF", raising=False)
    with pytest.raises(InputError, match="no CUDA GPU"):
        A1Engine.from_components(load_components(tiny_weights, torch.float32), "cuda", torch.float32)
    assert os.environ["PYTORCH_CUDA_ALLOC_CONF"] == EXPANDABLE_SEGMENTS
    monkeypatch.setenv("PYTORCH_CUDA_ALLOC_CONF", "max_split_size_mb:128")
    assert not prefer_expandable_segments()
    assert os.environ["PYTORCH_CUDA_ALLOC_CONF"] == "max_split_size_mb:128"
