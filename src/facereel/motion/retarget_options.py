"""The retargeting options (`RetargetOptions`, the flags they read) and their limits' constants: numpy-free, so
building the CLI's parser (`--help`) does not load numpy (tests/test_cli_imports.py); the maths is
`motion.retarget`'s."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Literal

from facereel.errors import InputError
from facereel.motion.one_euro import OneEuro
from facereel.option_fields import Flag, flag, flags

REGIONS = ("expression", "pose", "eyes", "lips", "brows")

TRANSLATION_SMOOTHING = OneEuro(min_cutoff=1.0, beta=20.0, d_cutoff=5.0)
"""One-Euro filter of head translation (with `translate`). Translation is in inter-ocular distances
(canonical units), so the speed term is per IOD/s: a fast head move runs at 2-10 IOD/s, where beta 20
opens the filter almost fully (no lag that drifts on after the move), while tracker noise on a still head
(~0.1 IOD/s) leaves it near min_cutoff. The motion filter (beta 0.5, made for radians and expression
offsets) kept the head drifting for a few frames after every fast move (docs/mesh-engine.md). Scale stays
on the motion filter: its lag costs nothing measurable and its noise (a few % between the first tracked
frames) would pass through this one."""


SHIFT_KNEE, SHIFT_CEILING = 0.5, 1.6
"""The mesh engine's head-shift limit (`RetargetOptions.shift_limit`): knee in inter-ocular distances (IOD)
and ceiling as a multiple of it. The torso stays where it is in the photo unless --body, so a driver whose
whole body sways or whose camera pans (sr_1: 1.9 IOD, lp_d12: 1.3) slid the head off its neck and showed
the plate under the chin; talking heads move less (lp_d3 0.6, lp_d11 0.7, lp_d6 0.3, lp_d18 0.1 at most)."""

SCALE_KNEE, SCALE_CEILING = 0.15, 1.6
"""The mesh engine's head-scale limit (`RetargetOptions.scale_limit`): the log of the head's scale relative to
the photo passes unchanged up to log(1 + knee) and is compressed beyond, never past SCALE_CEILING times it
(knee 0.15: at most 1.25x larger or 0.80x smaller). The torso keeps its size unless --body, so a driver
walking towards the camera grew the head off its neck; the ../shared talking heads change scale by
1.18x at most (sr_1; lp_d12 1.10, lp_d6 1.09) and are hardly touched (docs/mesh-engine.md)."""


CHIN_FLOOR, CHIN_SOFTNESS = 0.5, 0.15
"""Lip-to-chin floor (`RetargetOptions.chin_floor`): the canonical height from the lower lip's bottom to the
chin never falls below CHIN_FLOOR of the source's own; it passes unchanged down to CHIN_FLOOR + CHIN_SOFTNESS
of it and is compressed smoothly below, the jaw moving down with the lip instead. Relative mode adds the
driver's closing as a length, so a wide-open driver mouth (lp_d18: 0.59 -> 0.25 IOD) left a source with a short
chin almost none (sr_8: 0.38 -> 0.05, the chin vanished); the drivers' own height falls to 0.41-0.43 of
theirs on their widest openings (lp_d18, lp_d12; docs/mesh-engine.md)."""


def _smoothing(hz: float, beta: float) -> OneEuro | None:
    """The One-Euro filter of --smooth HZ (0: none) and --smooth-beta; InputError for a negative or non-finite value."""
    if not 0 <= hz < math.inf:
        raise InputError(f"--smooth must be >= 0 Hz, 0 for no smoothing (got {hz})")
    if not 0 <= beta < math.inf:
        raise InputError(f"--smooth-beta must be >= 0 (got {beta})")
    return OneEuro(min_cutoff=hz, beta=beta) if hz > 0 else None

@dataclass(frozen=True)
class RetargetOptions:
    """mode: relative | absolute. regions: any of REGIONS ("expression" = the whole face's expression).
    multiplier: expression intensity (1 = as driven). smoothing: One-Euro filter on the motion, or None
    (None: nothing is smoothed). translate: also move/scale the head with the driver; None = the engine's
    default (`for_engine`: on for the mesh engine in relative mode, off for a1 as in SkyReels-A1; `retarget`
    itself treats None as off). translation_smoothing: the One-Euro filter of head translation, used when
    smoothing is on. shift_limit: with `translate`, the head's shift from its place in the photo (inter-ocular
    distances) passes unchanged up to this knee and is compressed smoothly beyond it, never past
    SHIFT_CEILING times it; 0 = no limit; None = the engine's default (`for_engine`). scale_limit: the same
    for the head's scale relative to the photo (log scale, knee log(1 + scale_limit), SCALE_CEILING times
    that at most). chin_floor: the lower lip stays above the chin by at least this fraction of the source's
    lip-to-chin height (soft, CHIN_FLOOR); 0 = off. corners_hidden: 0-1, how far the source photo's mouth corners
    are hidden (under a moustache: the mesh engine reads it, `engines.mesh.hidden_corners`); relative mode's mouth-width
    scale is taken that far towards 1 (`retarget._mouth_scale`); no flag, a fact of the photo."""

    mode: Literal["relative", "absolute"] = field(default="relative", metadata=flag(
        "mode", "relative: driver's changes added to the source (default); absolute: driver's pose/openness as is",
        parse=str, choices=("relative", "absolute")))
    regions: frozenset[str] = field(default=frozenset({"expression", "pose"}), metadata=flags(
        Flag("regions", f"comma-separated subset of {','.join(REGIONS)} to transfer (default: %(default)s)", parse=str),
        to_flags=lambda regions: (",".join(r for r in REGIONS if r in regions),),
        from_flags=lambda text: frozenset(r.strip() for r in text.split(",") if r.strip())))
    multiplier: float = field(default=1.0, metadata=flag(
        "multiplier", "expression intensity (default %(default)s)", parse=float))
    smoothing: OneEuro | None = field(default_factory=OneEuro, metadata=flags(
        Flag("smooth", "One-Euro min cutoff in Hz: lower = steadier; 0 disables smoothing (default %(default)s)",
             parse=float, metavar="HZ"),
        Flag("smooth_beta", "One-Euro speed coefficient: higher = less lag (default %(default)s)", parse=float),
        to_flags=lambda f: (f.min_cutoff, f.beta) if f is not None else (0.0, OneEuro().beta),
        from_flags=lambda hz, beta: _smoothing(hz, beta)))
    translate: bool | None = field(default=None, metadata=flag(
        "translate", "move and scale the head with the driver (default: on for the mesh engine in relative mode, "
        "off for a1, as in SkyReels-A1)", switch="both"))
    translation_smoothing: OneEuro = TRANSLATION_SMOOTHING
    shift_limit: float | None = field(default=None, metadata=flag(
        "shift_limit", "mesh engine: the head's shift from its place in the photo passes unchanged up to this many "
        f"inter-ocular distances and is compressed smoothly beyond (at most {SHIFT_CEILING}x it), so the head stays on its neck "
        f"when the driver's whole body moves (default {SHIFT_KNEE}; with --body, when not given, the head's sideways "
        f"lean off the torso is limited so instead; 0 = no limit)",
        parse=float))
    scale_limit: float | None = field(default=None, metadata=flag(
        "scale_limit", "mesh engine: the head's scale relative to the photo passes unchanged within 1 +- this "
        f"fraction and is compressed smoothly beyond (log scale, at most {SCALE_CEILING}x it), so a driver walking "
        f"towards the camera does not grow the head off its neck (default {SCALE_KNEE} without --body, none with "
        "it; 0 = no limit)", parse=float))
    chin_floor: float = field(default=CHIN_FLOOR, metadata=flag(
        "chin_floor", "the lower lip stays above the chin by at least this fraction of the portrait's own "
        f"lip-to-chin height (compressed smoothly from {CHIN_SOFTNESS} above it), the jaw moving down with a "
        "wide-open driver mouth instead (default %(default)s; 0 = off)", parse=float))
    corners_hidden: float = 0.0

    def __post_init__(self) -> None:
        unknown = set(self.regions) - set(REGIONS)
        if unknown or not self.regions:
            raise InputError(f"--regions takes any of {', '.join(REGIONS)} (got {', '.join(sorted(self.regions)) or 'nothing'})")
        if self.mode not in ("relative", "absolute"):
            raise InputError(f"--mode takes relative or absolute (got {self.mode})")
        if self.shift_limit is not None and not 0 <= self.shift_limit < math.inf:
            raise InputError(f"--shift-limit must be >= 0 inter-ocular distances, 0 for none (got {self.shift_limit})")
        if self.scale_limit is not None and not 0 <= self.scale_limit < math.inf:
            raise InputError(f"--scale-limit must be >= 0 (a fraction of the head's size), 0 for none (got {self.scale_limit})")
        if not 0.0 <= self.chin_floor <= 1.0 - CHIN_SOFTNESS:
            raise InputError(f"--chin-floor must be between 0 and {1.0 - CHIN_SOFTNESS:g}, 0 for none (got {self.chin_floor})")
        if not 0.0 <= self.corners_hidden <= 1.0:
            raise ValueError(f"corners_hidden is a share, 0-1 (got {self.corners_hidden})")
        if not 0.0 <= self.multiplier <= 3.0:
            raise InputError(f"--multiplier must be between 0 and 3 (got {self.multiplier})")

    def for_engine(self, engine: str, body: bool = False) -> RetargetOptions:
        """These options with `translate`, `shift_limit` and `scale_limit` None resolved for `engine` ("mesh",
        "a1"): the mesh engine moves and scales the head with the driver in relative mode when the head's pose is
        a transferred region (as LivePortrait; self-reenactment PSNR +1.2 dB, docs/mesh-engine.md; without "pose",
        e.g. `--regions lips` for dubbing, the head stays where the photo has it), its shift and scale
        soft-limited at SHIFT_KNEE and SCALE_KNEE unless the torso follows (`body`); a1 keeps the source's
        position and size, as SkyReels-A1 was trained."""
        translate = (self.translate if self.translate is not None else
                     engine == "mesh" and self.mode == "relative" and "pose" in self.regions)
        limited = engine == "mesh" and not body
        shift = self.shift_limit if self.shift_limit is not None else (SHIFT_KNEE if limited else 0.0)
        scale = self.scale_limit if self.scale_limit is not None else (SCALE_KNEE if limited else 0.0)
        return replace(self, translate=translate, shift_limit=shift, scale_limit=scale)
