"""`Sliders`: the expression editor's named sliders and their ranges, numpy-free so that the CLI's parser
(`facereel edit --help`) loads no numpy (tests/test_cli_imports.py); units in `motion.sliders`' docstring, the
motion they make is `motion.sliders`'."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from facereel.errors import InputError
from facereel.option_fields import Flag, build, flag, flag_values, flags

RANGES = {"smile": (-1.0, 1.5), "mouth_open": (0.0, 1.5), "brow_raise": (-1.0, 1.0), "blink_left": (0.0, 1.0),
          "blink_right": (0.0, 1.0), "gaze_x": (-1.0, 1.0), "gaze_y": (-1.0, 1.0), "yaw": (-45.0, 45.0),
          "pitch": (-30.0, 30.0), "roll": (-30.0, 30.0)}
"""Each slider's allowed range (gaze's two parts separately), the one place that states them."""


def pair(text: str) -> tuple[float, float]:
    """'x,y' -> (x, y); ValueError unless two numbers."""
    parts = [float(part) for part in str(text).split(",")]
    if len(parts) != 2:
        raise ValueError(text)
    return parts[0], parts[1]


def _slider(name: str, help: str) -> Any:
    low, high = RANGES[name]
    return field(default=0.0, metadata=flag(name, f"{help} ({low:g}..{high:g}, default %(default)s)", parse=float))


@dataclass(frozen=True)
class Sliders:
    """One expression and head pose, relative to the portrait as it is (all zero = unchanged). Units in the
    module docstring; InputError when a value is out of its range."""

    smile: float = _slider("smile", "1 = a full smile: mouth corners out 0.13 and up 0.12 inter-ocular distances "
                           "(motion.sliders.SMILE_OUT, SMILE_UP), negative = frown")
    mouth_open: float = _slider("mouth_open", "1 = jaw drop of 0.3 inter-ocular distances")
    brow_raise: float = _slider("brow_raise", "1 = brows up 0.08 inter-ocular distances, negative = lowered")
    blink_left: float = _slider("blink_left", "the subject's left eye: 1 = shut")
    blink_right: float = _slider("blink_right", "the subject's right eye: 1 = shut")
    gaze: tuple[float, float] = field(default=(0.0, 0.0), metadata=flags(
        Flag("gaze", "X,Y pupil shift: x 1 = a quarter of the eye width to the image's right, y 1 = a seventh down "
             f"({RANGES['gaze_x'][0]:g}..{RANGES['gaze_x'][1]:g} each, default 0,0)", parse=pair, metavar="X,Y"),
        to_flags=lambda gaze: (f"{gaze[0]:g},{gaze[1]:g}",),
        from_flags=lambda gaze: pair(gaze) if isinstance(gaze, str) else (float(gaze[0]), float(gaze[1]))))
    yaw: float = _slider("yaw", "degrees, positive = the subject turns to their left")
    pitch: float = _slider("pitch", "degrees, positive = chin down")
    roll: float = _slider("roll", "degrees")

    def __post_init__(self) -> None:
        if len(self.gaze) != 2:
            raise InputError(f"--gaze takes two numbers, x,y (got {self.gaze!r})")
        object.__setattr__(self, "gaze", (float(self.gaze[0]), float(self.gaze[1])))  # a list or numpy pair too
        values = {**{f.name: getattr(self, f.name) for f in fields(self) if f.name != "gaze"},
                  "gaze_x": self.gaze[0], "gaze_y": self.gaze[1]}
        for name, value in values.items():
            low, high = RANGES[name]
            if not (math.isfinite(value) and low <= value <= high):
                shown = f"--gaze {name[-1]}" if name.startswith("gaze") else "--" + name.replace("_", "-")
                raise InputError(f"{shown} must be between {low:g} and {high:g} (got {value:g})")

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Sliders:
        """Sliders from {name: value} (names with - or _, text or numbers; gaze as 'x,y' or [x, y]);
        InputError on an unknown name or a bad value."""
        unknown = sorted(str(key) for key in record if str(key).replace("-", "_") not in SLIDER_NAMES)
        if unknown:
            raise InputError(f"unknown slider(s) {', '.join(unknown)}; the sliders are {', '.join(SLIDER_NAMES)}")
        return build(cls, record)

    def to_record(self) -> dict[str, Any]:
        """{name: value} as `from_record` reads it (gaze as 'x,y')."""
        return flag_values(self)

    def mix(self, other: Sliders, weight: float) -> Sliders:
        """The sliders `weight` (0..1) of the way from self to `other`, each value linearly."""
        a, b = asdict(self), asdict(other)
        return Sliders(**{name: tuple(float(x * (1 - weight) + y * weight) for x, y in zip(a[name], b[name]))
                          if name == "gaze" else float(a[name] * (1 - weight) + b[name] * weight) for name in a})


SLIDER_NAMES = tuple(f.name for f in fields(Sliders))
