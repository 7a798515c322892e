"""User-facing settings of the A1 engine; defaults are the published ones (constants.py)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from facereel.engines.a1 import constants as C
from facereel.errors import InputError
from facereel.option_fields import flag

OFFLOAD_MODES = ("auto", "none", "model", "sequential", "group")
ATTENTION_BACKENDS = ("auto", "flash", "efficient", "cudnn", "math", "sage")
STEP_CACHES = ("none", "first-block", "teacache")
COMPILE_SCOPES = ("blocks", "transformer")
GUIDER_TILING = ("auto", "on", "off")


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
    vae_tiling: VAE decode and reference encode in spatial tiles (as the release).
    guider_tiling: the pose guider's encode in spatial tiles: auto (made concrete by memory.resolve_offload:
      off, as the release, unless the memory plan says the untiled encode does not fit) | on | off. Tiling
      changes the landmark latents (0.33 relative on ../shared/a1-ref).
    float32_latents: hold the latents in float32 between denoising steps (a deviation; the release rounds
      them to the model dtype after every step).
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

    steps: int = field(default=C.STEPS, metadata=flag("steps", "denoising steps (default %(default)s)", parse=int))
    guidance: float = field(default=C.GUIDANCE, metadata=flag(
        "guidance", "classifier-free guidance on the face tokens (default %(default)s)", parse=float))
    seed: int = field(default=C.SEED, metadata=flag("seed", "random seed (default %(default)s)", parse=int))
    window_frames: int = C.WINDOW_FRAMES
    window_overlap: int = C.WINDOW_OVERLAP
    blend_steps: tuple[int, int] = field(default=C.BLEND_STEPS,
                                         metadata={"derive": lambda given: blend_steps_for(given["steps"])})
    offload: str = field(default="auto", metadata=flag(
        "offload", "CPU offloading; peak GPU memory measured on an H200 with the pose guider untiled as in the "
        "release (docs/benchmarks.md): none 21.6 GiB (24 GB cards), group 10.0 GiB (12 GB cards, +20% time); "
        "sequential and model were measured with a tiled guider (5.5 / 16 GiB); auto (default) picks the "
        "fastest that fits the free GPU memory, tiling the guider only when nothing fits untiled", parse=str, choices=OFFLOAD_MODES))
    vae_tiling: bool = True
    guider_tiling: str = field(default="auto", metadata=flag(
        "guider_tiling", "tile the pose guider's encode: auto (default: only when the memory plan says the "
        "untiled encode does not fit; the release does not tile it), on, off", parse=str, choices=GUIDER_TILING))
    float32_latents: bool = field(default=False, metadata=flag(
        "float32_latents", "hold latents in float32 between steps (the release rounds them to bf16)", switch="on"))
    fp8: bool = field(default=False, metadata=flag(
        "fp8", "store transformer weights in fp8, compute in bf16", switch="on"))
    fp8_compute: bool = field(default=False, metadata=flag(
        "fp8_compute", "fp8 matmuls in the blocks' linears (torchao; Ada/Hopper GPUs, --offload none)", switch="on"))
    compile: bool = field(default=False, metadata=flag(
        "compile", "torch.compile the transformer blocks (23% faster steps on an H200, ~10 s more warm-up)",
        switch="on"))
    compile_scope: str = field(default="blocks", metadata=flag(
        "compile_scope", "with --compile: blocks (default, each block) or transformer (whole model, static shapes)",
        parse=str, choices=COMPILE_SCOPES))
    attention: str = field(default="auto", metadata=flag(
        "attention", "attention backend (default %(default)s); sage: SageAttention 8-bit where installed on CUDA, "
        "torch SDPA otherwise", parse=str, choices=ATTENTION_BACKENDS))
    guidance_steps: int | None = field(default=None, metadata=flag(
        "guidance_steps", "run the unconditional branch only on the first N steps (default: all)", parse=int))
    step_cache: str = field(default="none", metadata=flag(
        "step_cache", "step caching (default %(default)s): first-block (FirstBlockCache) or teacache",
        parse=str, choices=STEP_CACHES))
    step_cache_threshold: float = field(default=0.05, metadata=flag(
        "step_cache_threshold", "step-cache threshold (default %(default)s; higher = more steps skipped, "
        "docs/a1-engine.md)", parse=float))
    step_cache_rescale: tuple[float, ...] = (1.0, 0.0)

    def __post_init__(self) -> None:
        problems = []
        if self.steps < 1:
            problems.append(f"steps must be >= 1, got {self.steps}")
        if not 1.0 <= self.guidance < math.inf:
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
        if self.step_cache == "teacache" and self.compile and self.compile_scope == "transformer":
            problems.append("step_cache teacache decides each step in Python around the blocks; a whole-model "
                            "torch.compile would recompile for it: use --compile-scope blocks with it")
        if not 0 <= self.step_cache_threshold < math.inf or not self.step_cache_rescale:
            problems.append("step_cache_threshold must be >= 0 and step_cache_rescale must have a coefficient")
        for name, value, allowed in (("offload", self.offload, OFFLOAD_MODES),
                                     ("attention", self.attention, ATTENTION_BACKENDS),
                                     ("step_cache", self.step_cache, STEP_CACHES),
                                     ("compile_scope", self.compile_scope, COMPILE_SCOPES),
                                     ("guider_tiling", self.guider_tiling, GUIDER_TILING)):
            if value not in allowed:
                problems.append(f"{name} must be one of {'|'.join(allowed)}, got {value!r}")
        if problems:
            raise InputError("; ".join(problems))

    def sampling_settings(self) -> dict:
        """The settings that change the generated pixels (memory/speed settings aside), for resume checks."""
        keys = ("steps", "guidance", "seed", "window_frames", "window_overlap", "blend_steps", "fp8",
                "fp8_compute", "attention", "guidance_steps", "step_cache", "step_cache_threshold",
                "step_cache_rescale", "guider_tiling", "float32_latents")
        return {k: v for k, v in asdict(self).items() if k in keys}
