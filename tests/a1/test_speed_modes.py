"""Opt-in speed modes at tiny size: each runs, is deterministic, and its deviation from the exact path (same
weights, same seed) is reported (printed with -s), not asserted to be zero. CUDA-only kernels are skipped
with the reason on the CPU. Speed itself is measured by bench/a1_gpu.py, not here."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
import torch

from facereel.engines.a1 import A1Engine, A1Options
from facereel.engines.a1.attention import sage_unavailable_reason
from facereel.engines.a1.quantize import fp8_compute_problem
from facereel.engines.a1.step_cache import step_cache_policy
from facereel.errors import InputError

from .conftest import SMALL, make_engine

FRAMES = 9  # one window
CUDA = torch.device("cuda")


def psnr(video: np.ndarray, exact: np.ndarray) -> float:
    """PSNR (dB) of uint8 frames against the exact path's; inf when identical."""
    mse = np.mean((video.astype(np.float64) - exact.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else float(10 * np.log10(255.0**2 / mse))


def report(name: str, video: np.ndarray, exact: np.ndarray) -> float:
    value = psnr(video, exact)
    print(f"\n{name}: PSNR {value:.2f} dB against the exact path (max |diff| "
          f"{np.abs(video.astype(int) - exact).max()} levels)")
    return value


@pytest.fixture(scope="module")
def exact(engine, inputs) -> np.ndarray:
    reference, condition, face = inputs
    return engine.generate(reference, condition[:FRAMES], face)


def _animate(engine: A1Engine, inputs) -> np.ndarray:
    reference, condition, face = inputs
    return engine.generate(reference, condition[:FRAMES], face)


@pytest.mark.parametrize("bad", [dict(guidance_steps=5), dict(guidance_steps=-1), dict(compile_scope="graph"),
                                 dict(fp8=True, fp8_compute=True), dict(step_cache_threshold=-0.1),
                                 dict(step_cache_rescale=()),
                                 dict(step_cache="teacache", compile=True, compile_scope="transformer")])
def test_bad_speed_options_rejected(bad):
    with pytest.raises(InputError):
        A1Options(**{**SMALL, **bad})


def _batch_sizes(engine: A1Engine, inputs) -> tuple[np.ndarray, list[int]]:
    transformer = engine.components.transformer
    sizes: list[int] = []
    handle = transformer.register_forward_pre_hook(lambda module, args: sizes.append(args[0].shape[0]))
    try:
        return _animate(engine, inputs), sizes
    finally:
        handle.remove()


def test_guidance_truncation(tiny_weights, inputs, exact):
    """guidance_steps=k: batch 2 for the first k steps, then the conditional branch alone."""
    engine = make_engine(tiny_weights, guidance_steps=2)
    video, sizes = _batch_sizes(engine, inputs)
    assert sizes == [2, 2, 1, 1]
    assert np.array_equal(_animate(engine, inputs), video)
    report("guidance truncation (2 of 4 steps guided)", video, exact)
    # The end points are the published sampler and the conditional-only sampler.
    assert np.array_equal(_animate(make_engine(tiny_weights, guidance_steps=4), inputs), exact)
    assert np.array_equal(_animate(make_engine(tiny_weights, guidance_steps=0), inputs),
                          _animate(make_engine(tiny_weights, guidance=1.0), inputs))


def test_teacache_threshold_zero_is_exact(tiny_weights, inputs, exact):
    engine = make_engine(tiny_weights, step_cache="teacache", step_cache_threshold=0.0)
    assert np.array_equal(_animate(engine, inputs), exact)
    policy = step_cache_policy(engine.components.transformer)
    assert (policy.computed, policy.skipped) == (SMALL["steps"], 0)


def test_teacache_skips_steps_deterministically(tiny_weights, inputs, exact):
    """A huge threshold skips every step but the first and last of each window; state resets per window/job."""
    engine = make_engine(tiny_weights, step_cache="teacache", step_cache_threshold=1e6)
    reference, condition, face = inputs
    video = engine.generate(reference, condition, face)  # 13 frames = 2 windows of 9
    policy = step_cache_policy(engine.components.transformer)
    assert (policy.computed, policy.skipped) == (2, SMALL["steps"] - 2)  # counters of the last window
    assert np.array_equal(engine.generate(reference, condition, face), video)
    report("teacache threshold 1e6 (2 of 4 steps computed)", video[:FRAMES], exact)


def test_teacache_with_guidance_truncation_keeps_one_state_per_batch(tiny_weights, inputs):
    """After truncation the batch-1 trajectory starts afresh (computed), never reusing a batch-2 residual."""
    engine = make_engine(tiny_weights, step_cache="teacache", step_cache_threshold=1e6, guidance_steps=2)
    video, sizes = _batch_sizes(engine, inputs)
    policy = step_cache_policy(engine.components.transformer)
    assert sizes == [2, 2, 1, 1]
    # step 0 (batch 2, first), step 1 skipped, step 2 (batch 1, new trajectory), step 3 (last).
    assert (policy.computed, policy.skipped) == (3, 1)
    assert np.array_equal(_animate(engine, inputs), video)


def test_sage_attention_falls_back_to_sdpa_off_cuda(tiny_weights, inputs, exact):
    assert sage_unavailable_reason(torch.device("cpu")) is not None
    engine = make_engine(tiny_weights, attention="sage")
    assert engine.options.attention == "auto"  # resolved when built: torch SDPA here
    assert np.array_equal(_animate(engine, inputs), exact)


def test_fp8_compute_refused_where_it_cannot_run(tiny_weights):
    with pytest.raises(InputError, match="compute capability"):
        A1Engine.from_pretrained(tiny_weights, "cpu", torch.bfloat16, A1Options(**SMALL, fp8_compute=True))
    with pytest.raises(InputError, match="bfloat16"):
        make_engine(tiny_weights, fp8_compute=True)


@pytest.mark.heavy  # ~45 CPU s of inductor lowering and g++ on a cold cache: .ci/run's second step
def test_compile_whole_transformer(tiny_weights, inputs, exact):
    """Whole-model torch.compile (static shapes): runs, same frames twice; deviation reported."""
    engine = make_engine(tiny_weights, compile=True, compile_scope="transformer")
    video = _animate(engine, inputs)
    assert np.array_equal(_animate(engine, inputs), video)
    report("torch.compile whole transformer", video, exact)


@pytest.mark.heavy  # inductor lowering of one block on a cold cache: .ci/run's second step
def test_teacache_with_compiled_blocks(tiny_weights, inputs):
    """TeaCache around compiled blocks: the cache decides in Python and skips as it does eagerly, the blocks it
    runs are compiled once for every block (no recompile per block or per step), and frames repeat."""
    torch._dynamo.reset()
    torch._dynamo.utils.counters.clear()  # reset() keeps the counters: an earlier test's graphs would count here
    engine = make_engine(tiny_weights, step_cache="teacache", step_cache_threshold=1e6, compile=True)
    video = _animate(engine, inputs)
    policy = step_cache_policy(engine.components.transformer)
    assert (policy.computed, policy.skipped) == (2, SMALL["steps"] - 2)
    assert np.array_equal(_animate(engine, inputs), video)
    eager = _animate(make_engine(tiny_weights, step_cache="teacache", step_cache_threshold=1e6), inputs)
    report("teacache threshold 1e6 around compiled blocks vs eager", video, eager)
    assert psnr(video, eager) > 60  # float32 kernel fusion alone (compile-full: 97 dB on the bench)
    graphs = torch._dynamo.utils.counters["stats"]["unique_graphs"]
    assert 0 < graphs <= 2, f"{graphs} graphs compiled for one block shape and two batch sizes at most"


def _cuda_bf16_pair(tiny_weights, inputs, **mode) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(exact bf16 video, mode video, mode video again) on the GPU with the same weights and seed."""
    options = dict(SMALL, offload="none")
    exact_engine = A1Engine.from_pretrained(tiny_weights, CUDA, torch.bfloat16, A1Options(**options))
    exact = _animate(exact_engine, inputs)
    del exact_engine
    engine = A1Engine.from_pretrained(tiny_weights, CUDA, torch.bfloat16, A1Options(**options, **mode))
    return exact, _animate(engine, inputs), _animate(engine, inputs)


@pytest.mark.skipif(importlib.util.find_spec("torchao") is None or not torch.cuda.is_available()
                    or fp8_compute_problem(CUDA, torch.bfloat16, "none") is not None,
                    reason="fp8 compute needs an NVIDIA GPU of compute capability >= 8.9 and torchao")
def test_fp8_compute_on_gpu(tiny_weights, inputs):
    exact, video, again = _cuda_bf16_pair(tiny_weights, inputs, fp8_compute=True)
    assert np.array_equal(video, again)
    report("fp8 compute (bf16 exact path on the same GPU)", video, exact)


@pytest.mark.skipif(not torch.cuda.is_available() or sage_unavailable_reason(CUDA) is not None,
                    reason="SageAttention needs a CUDA GPU and the sageattention package")
def test_sage_attention_on_gpu(tiny_weights, inputs):
    exact, video, again = _cuda_bf16_pair(tiny_weights, inputs, attention="sage")
    assert np.array_equal(video, again)
    report("SageAttention (bf16 exact path on the same GPU)", video, exact)


def test_cli_flags_reach_the_options():
    import argparse

    from facereel.animate.options import AnimateOptions

    parser = argparse.ArgumentParser()
    AnimateOptions.add_arguments(parser)

    def a1_options(args: argparse.Namespace) -> A1Options:
        return AnimateOptions.from_args(args).a1

    args = parser.parse_args(["--weights", "w", "--fp8-compute", "--attention", "sage", "--guidance-steps", "4",
                              "--step-cache", "teacache", "--step-cache-threshold", "0.2"])
    options = a1_options(args)
    assert (options.fp8_compute, options.attention, options.guidance_steps, options.step_cache,
            options.step_cache_threshold) == (True, "sage", 4, "teacache", 0.2)
    options = a1_options(parser.parse_args(["--weights", "w", "--compile", "--compile-scope", "transformer"]))
    assert (options.compile, options.compile_scope) == (True, "transformer")
    defaults = a1_options(parser.parse_args(["--weights", "w"]))
    assert defaults == A1Options()  # no flag = the exact published path


def test_teacache_under_group_offload_and_removal(tiny_weights, inputs):
    """The policy wraps offload-hooked blocks, gives the resident engine's frames, and removal restores the hooks."""
    from facereel.engines.a1.step_cache import disable_step_cache

    resident = _animate(make_engine(tiny_weights, step_cache="teacache", step_cache_threshold=0.3), inputs)
    engine = make_engine(tiny_weights, offload="group", step_cache="teacache", step_cache_threshold=0.3)
    blocks = engine.components.transformer.transformer_blocks
    assert np.array_equal(_animate(engine, inputs), resident)
    hooked = [block.forward for block in blocks]
    disable_step_cache(engine.components.transformer)
    assert step_cache_policy(engine.components.transformer) is None
    assert all("forward" in vars(block) for block in blocks)  # the offload hooks' forwards are back
    assert all(block.forward is not wrapped for block, wrapped in zip(blocks, hooked))
