"""User-facing settings of the A1 engine; defaults are the published ones (constants.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from facereel.engines.a1 import constants as C
from facereel.errors import InputError

OFFLOAD_MODES = ("auto", "none", "model", "sequential", "group")
ATTENTION_BACKENDS = ("auto", "flash", "efficient", "cudnn", "math")
STEP_CACHES = ("none", "first-block")
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
    compile: torch.compile the transformer blocks.
    attention: torch scaled-dot-product backend; auto lets torch choose.
    step_cache: none | first-block (diffusers FirstBlockCache: reuse the previous step's residual when the
      first block's output barely changes; threshold `step_cache_threshold`).
    """

    steps: int = C.STEPS
    guidance: float = C.GUIDANCE
    seed: int = C.SEED
    window_frames: int = C.WINDOW_FRAMES
    window_overlap: int = C.WINDOW_OVERLAP
    blend_steps: tuple[int, int] = C.BLEND_STEPS
    offload: str = "auto"
    vae_tiling: bool = True
    guider_tiling: str = "auto"
    float32_latents: bool = False
    fp8: bool = False
    compile: bool = False
    attention: str = "auto"
    step_cache: str = "none"
    step_cache_threshold: float = 0.05

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
        for name, value, allowed in (("offload", self.offload, OFFLOAD_MODES),
                                     ("attention", self.attention, ATTENTION_BACKENDS),
                                     ("step_cache", self.step_cache, STEP_CACHES),
                                     ("guider_tiling", self.guider_tiling, GUIDER_TILING)):
            if value not in allowed:
                problems.append(f"{name} must be one of {'|'.join(allowed)}, got {value!r}")
        if problems:
            raise InputError("; ".join(problems))

    def sampling_settings(self) -> dict:
        """The settings that change the generated pixels (memory/speed settings aside), for resume checks."""
        keys = ("steps", "guidance", "seed", "window_frames", "window_overlap", "blend_steps", "fp8",
                "step_cache", "step_cache_threshold", "guider_tiling", "float32_latents")
        return {k: v for k, v in asdict(self).items() if k in keys}
