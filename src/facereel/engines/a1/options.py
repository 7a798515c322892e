"""User-facing settings of the A1 engine; defaults are the published ones (constants.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from facereel.engines.a1 import constants as C
from facereel.errors import InputError

OFFLOAD_MODES = ("auto", "none", "model", "sequential", "group")
ATTENTION_BACKENDS = ("auto", "flash", "efficient", "cudnn", "math", "sage")
STEP_CACHES = ("none", "first-block", "teacache")
COMPILE_SCOPES = ("blocks", "transformer")


def blend_steps_for(steps: int) -> tuple[int, int]:
    """The published blend span (steps 4..7 of 10) scaled to another step count."""
    first = C.BLEND_STEPS[0] * steps // C.STEPS
    return first, max(first, C.BLEND_STEPS[1] * steps // C.STEPS)


@dataclass(frozen=True)
class A1Options:
    """Sampling, long-video and memory/speed settings.

    steps/guidance/seed: denoising steps, classifier-free guidance scale (1.0 = no unconditional branch), RNG seed.
    window_frames/window_overlap: frames per window (1 reference-landmark frame + driving frames) and driving
      frames shared by consecutive windows; both minus their first frame must be multiples of 4.
    blend_steps: first and last 0-based denoising step (inclusive) at which overlapping latents are blended.
    offload: auto (on CUDA the fastest mode that fits the free GPU memory, see memory.resolve_offload;
      none elsewhere) | none | model (whole components to the CPU between uses) | sequential (per layer) |
      group (per transformer block, streamed on CUDA).
    vae_tiling: decode/encode in spatial tiles (lower peak memory, same result up to tile seams).
    fp8: store transformer weights as float8_e4m3fn and compute in bfloat16 (needs dtype bfloat16).
    fp8_compute: torchao float8 dynamic activation + weight quantisation of the blocks' linears (matmuls in
      fp8 on GPUs of compute capability >= 8.9; needs dtype bfloat16 and offload none; excludes `fp8`).
    compile: torch.compile the transformer; compile_scope: blocks (each block) | transformer (the whole
      model, static shapes).
    attention: torch scaled-dot-product backend (auto lets torch choose), or sage: SageAttention's 8-bit
      kernel where it is installed and the device is CUDA, torch SDPA otherwise (see attention.py).
    guidance_steps: denoising steps (the first ones) that run both guidance branches; later steps run the
      conditional branch alone (batch 1). None = every step (the published sampler).
    step_cache: none | first-block (diffusers FirstBlockCache: reuse the previous step's residual when the
      first block's output barely changes) | teacache (skip the whole block stack while the accumulated,
      rescaled relative change of the first block's modulated input stays below the threshold; see
      step_cache.py); threshold `step_cache_threshold`, TeaCache's rescale polynomial `step_cache_rescale`
      (coefficients, highest power first).
    """

    steps: int = C.STEPS
    guidance: float = C.GUIDANCE
    seed: int = C.SEED
    window_frames: int = C.WINDOW_FRAMES
    window_overlap: int = C.WINDOW_OVERLAP
    blend_steps: tuple[int, int] = C.BLEND_STEPS
    offload: str = "auto"
    vae_tiling: bool = True
    fp8: bool = False
    fp8_compute: bool = False
    compile: bool = False
    compile_scope: str = "blocks"
    attention: str = "auto"
    guidance_steps: int | None = None
    step_cache: str = "none"
    step_cache_threshold: float = 0.05
    step_cache_rescale: tuple[float, ...] = (1.0, 0.0)

    def __post_init__(self) -> None:
        problems = []
        if self.steps < 1:
            problems.append(f"steps must be >= 1, got {self.steps}")
        if self.guidance < 1.0:
            problems.append(f"guidance must be >= 1.0, got {self.guidance}")
        if (self.window_frames - 1) % C.TEMPORAL_COMPRESSION or self.window_frames < 1 + C.TEMPORAL_COMPRESSION:
            problems.append(f"window_frames must be 4k+1 with k >= 1, got {self.window_frames}")
        if self.window_overlap % C.TEMPORAL_COMPRESSION or not 0 <= self.window_overlap < self.window_frames - 1:
            problems.append(f"window_overlap must be a multiple of 4 below window_frames-1, got {self.window_overlap}")
        first, last = self.blend_steps
        if not 0 <= first <= last < self.steps:
            problems.append(f"blend_steps {self.blend_steps} must lie within 0..steps-1 ({self.steps - 1})")
        if self.guidance_steps is not None and not 0 <= self.guidance_steps <= self.steps:
            problems.append(f"guidance_steps must lie within 0..steps ({self.steps}), got {self.guidance_steps}")
        if self.fp8 and self.fp8_compute:
            problems.append("fp8 (storage) and fp8_compute exclude each other: fp8_compute stores fp8 weights too")
        if self.step_cache == "teacache" and self.compile:
            problems.append("step_cache teacache decides each step in Python around the blocks; torch.compile "
                            "would recompile for it: use one or the other")
        if self.step_cache_threshold < 0 or not self.step_cache_rescale:
            problems.append("step_cache_threshold must be >= 0 and step_cache_rescale must have a coefficient")
        for name, value, allowed in (("offload", self.offload, OFFLOAD_MODES),
                                     ("attention", self.attention, ATTENTION_BACKENDS),
                                     ("step_cache", self.step_cache, STEP_CACHES),
                                     ("compile_scope", self.compile_scope, COMPILE_SCOPES)):
            if value not in allowed:
                problems.append(f"{name} must be one of {'|'.join(allowed)}, got {value!r}")
        if problems:
            raise InputError("; ".join(problems))

    def sampling_settings(self) -> dict:
        """The settings that change the generated pixels (memory/speed settings aside), for resume checks."""
        keys = ("steps", "guidance", "seed", "window_frames", "window_overlap", "blend_steps", "fp8",
                "fp8_compute", "attention", "guidance_steps", "step_cache", "step_cache_threshold",
                "step_cache_rescale")
        return {k: v for k, v in asdict(self).items() if k in keys}
