"""Step caching: reuse the block stack's residual from an earlier denoising step instead of running it.

Two policies (`A1Options.step_cache`):
- first-block: diffusers' FirstBlockCache (runs block 0, skips the rest while block 0's output residual
  changes by less than the threshold, relative L1).
- teacache: a TeaCache-style policy (our own implementation, `RescaledDifferenceCache`): before block 0, the
  relative L1 change of block 0's modulated input (norm1(hidden, face tokens, timestep embedding)) since the
  last computed step is mapped through a rescale polynomial (an estimate of the output's relative change) and
  accumulated; while the sum stays below the threshold the whole stack is skipped and the last computed
  residual is added instead. The first and the last step of a window are always computed.

State is kept per batch size (batch 2 = both guidance branches, batch 1 = the conditional branch alone) and
reset at the start of every window (`reset_step_cache`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from diffusers.hooks import FirstBlockCacheConfig

from facereel.engines.a1.options import A1Options

_ATTRIBUTE = "facereel_step_cache"  # where the TeaCache-style policy hangs on the transformer


@dataclass
class _Trajectory:
    """What the policy remembers about one batch size's sequence of steps."""

    modulated: torch.Tensor | None = None  # block 0's modulated video tokens at the last computed step
    accumulated: float = 0.0  # rescaled relative change since then
    residual: tuple[torch.Tensor, torch.Tensor] | None = None  # (video, face) tokens out - in of the stack
    inputs: tuple[torch.Tensor, torch.Tensor] | None = None  # stack inputs of the step being computed


class RescaledDifferenceCache:
    """TeaCache-style step cache over a CogVideoX block stack (wraps each block's forward; see module doc).

    threshold: accumulated rescaled relative L1 change below which a step reuses the cached residual.
    rescale: polynomial coefficients (highest power first) mapping the input change to the expected output
      change; (1, 0) = identity. Counters `computed` / `skipped` count block-stack runs since `reset`.
    """

    def __init__(self, blocks: torch.nn.ModuleList, threshold: float, rescale: Sequence[float]) -> None:
        self.blocks = blocks
        self.threshold = threshold
        self.rescale = np.asarray(rescale, dtype=np.float64)
        self._forwards = [block.forward for block in blocks]
        # Offload hooks (accelerate, diffusers) may already have replaced a block's forward; `remove` restores it.
        self._hooked = ["forward" in vars(block) for block in blocks]
        for index, block in enumerate(blocks):
            block.forward = functools.partial(self._block_forward, index)
        self.reset(steps=0)

    def reset(self, steps: int) -> None:
        """Forget every trajectory; `steps` transformer calls follow (the last one is always computed)."""
        self.steps = steps
        self.calls = self.computed = self.skipped = 0
        self._trajectories: dict[int, _Trajectory] = {}
        self._skip = False

    def remove(self) -> None:
        """Restore the blocks' own forwards."""
        for block, forward, hooked in zip(self.blocks, self._forwards, self._hooked):
            if hooked:
                block.forward = forward
            else:
                del block.forward

    def _should_compute(self, state: _Trajectory, modulated: torch.Tensor) -> bool:
        forced = state.modulated is None or state.residual is None or self.calls in (0, self.steps - 1)
        if not forced:
            previous = state.modulated
            change = ((modulated - previous).abs().mean() / previous.abs().mean().clamp_min(1e-12)).item()
            state.accumulated += float(np.polyval(self.rescale, change))
        if forced or state.accumulated >= self.threshold:
            state.modulated, state.accumulated = modulated, 0.0
            return True
        return False

    def _block_forward(self, index: int, hidden_states: torch.Tensor, encoder_hidden_states: torch.Tensor,
                       temb: torch.Tensor, *args, **kwargs) -> tuple[torch.Tensor, torch.Tensor]:
        state = self._trajectories.setdefault(hidden_states.shape[0], _Trajectory())
        if index == 0:
            modulated = self.blocks[0].norm1(hidden_states, encoder_hidden_states, temb)[0]
            self._skip = not self._should_compute(state, modulated)
            self.calls += 1
            if self._skip:
                self.skipped += 1
                residual_video, residual_face = state.residual
                return hidden_states + residual_video, encoder_hidden_states + residual_face
            self.computed += 1
            state.inputs = (hidden_states, encoder_hidden_states)
        if self._skip:
            return hidden_states, encoder_hidden_states  # the whole stack is replaced by block 0's return
        out = self._forwards[index](hidden_states, encoder_hidden_states, temb, *args, **kwargs)
        if index == len(self.blocks) - 1:
            state.residual = (out[0] - state.inputs[0], out[1] - state.inputs[1])
            state.inputs = None
        return out


def enable_step_cache(transformer: torch.nn.Module, options: A1Options) -> None:
    """Install the policy `options.step_cache` names on the transformer (none: nothing)."""
    if options.step_cache == "first-block":
        transformer.enable_cache(FirstBlockCacheConfig(threshold=options.step_cache_threshold))
    elif options.step_cache == "teacache":
        policy = RescaledDifferenceCache(transformer.transformer_blocks, options.step_cache_threshold,
                                         options.step_cache_rescale)
        setattr(transformer, _ATTRIBUTE, policy)


def step_cache_policy(transformer: torch.nn.Module) -> RescaledDifferenceCache | None:
    """The TeaCache-style policy installed on `transformer`, if any."""
    return getattr(transformer, _ATTRIBUTE, None)


def reset_step_cache(transformer: torch.nn.Module, steps: int) -> None:
    """Start a new window: no residual of the previous window may be reused."""
    if transformer.is_cache_enabled:
        transformer._reset_stateful_cache()
    policy = step_cache_policy(transformer)
    if policy is not None:
        policy.reset(steps)


def disable_step_cache(transformer: torch.nn.Module) -> None:
    """Remove whichever step cache is installed (e.g. to install another threshold in a sweep)."""
    if transformer.is_cache_enabled:
        transformer.disable_cache()
    policy = step_cache_policy(transformer)
    if policy is not None:
        policy.remove()
        delattr(transformer, _ATTRIBUTE)
