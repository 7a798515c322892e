"""Named expression and pose sliders (`Sliders`) and the `Motion` they make, in the presets' motion space
(canonical-landmark offsets plus a head rotation), so an edit drives either engine like any template.

Units (canonical units: 1 = the inter-ocular distance; docs/api.md "Expression editor" lists them too):
- smile: 1.0 = the mouth corners out 0.08 and up 0.07 canonical units (preset:smile's peak); negative
  pulls them down and in (a frown). Range -1..1.5.
- mouth_open: 1.0 = the jaw and lower lip drop 0.3 canonical units. Range 0..1.5.
- brow_raise: 1.0 = both brows up 0.08 canonical units (about a third of the brow-to-eye distance);
  negative lowers them. Range -1..1.
- blink_left / blink_right: the subject's left / right eye; 1.0 = shut (the upper lid 95% of the way to the
  lower one), 0 = as in the portrait. Range 0..1.
- gaze: x,y; x 1.0 = the pupils move a quarter of the eye width (0.11 canonical units) towards the image's
  right (the subject's left); y 1.0 = a seventh of the eye width (0.064) down, as far as the lids leave the
  iris visible (the eye is about a third as high as wide). Range -1..1 each.
- yaw / pitch / roll: degrees, as docs/conventions.md (yaw positive = the subject turns to their left, pitch
  positive = chin down), about the middle of the head as preset:turn. Ranges +-45, +-30, +-30.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any

import numpy as np

from facereel.errors import InputError
from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template, rotation_from_euler
from facereel.motion.features import expression_features
from facereel.motion.motion import Motion
from facereel.motion.presets import TURN_PIVOT, _smile
from facereel.option_fields import Flag, build, flag, flag_values, flags

MOUTH_DROP = 0.3  # canonical units of jaw drop at mouth_open 1.0
BROW_LIFT = 0.08  # canonical units of brow lift at brow_raise 1.0
BROW_SPREAD = 0.07  # canonical units: how far around the brow points the skin follows them (Gaussian sigma)
BLINK_CLOSURE = 0.95  # share of the lid gap the upper lid travels at blink 1.0 (as preset:blink)
GAZE_SHIFT = (0.25, 1 / 7)  # eye widths the pupils move at gaze x 1.0, y 1.0
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

    smile: float = _slider("smile", "1 = preset:smile's peak, negative = frown")
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
            if not (np.isfinite(value) and low <= value <= high):
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
        mixed = {name: np.add(np.multiply(a[name], 1 - weight), np.multiply(b[name], weight)) for name in a}
        return Sliders(**{name: tuple(map(float, v)) if name == "gaze" else float(v) for name, v in mixed.items()})


SLIDER_NAMES = tuple(f.name for f in fields(Sliders))


@lru_cache(maxsize=1)
def _basis() -> dict[str, np.ndarray]:
    """Each linear slider's (478, 3) canonical offsets at 1.0 (gaze: one for x, one for y)."""
    c = canonical_template()
    basis = {"smile": _smile(c, np.ones(1, np.float32))[0]}
    below_mouth = np.clip((c[:, 1] - c[13, 1]) / 0.05, 0, 1) * (c[:, 1] < c[ids.CHIN, 1] + 0.1)
    basis["mouth_open"] = np.zeros_like(c)
    basis["mouth_open"][:, 1] = MOUTH_DROP * below_mouth
    brows = c[list(ids.RIGHT_BROW + ids.LEFT_BROW), :2]
    near = np.exp(-((c[:, None, :2] - brows[None]) ** 2).sum(-1) / (2 * BROW_SPREAD**2)).max(axis=1)
    near[list(ids.EYES_REGION)] = 0.0  # the lids and irises stay: brows move, eyes do not
    basis["brow_raise"] = np.zeros_like(c)
    basis["brow_raise"][:, 1] = -BROW_LIFT * near
    for name, upper, lower in (("blink_right", ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID),
                               ("blink_left", ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID)):
        basis[name] = np.zeros_like(c)
        basis[name][list(upper), 1] = BLINK_CLOSURE * (c[list(lower), 1] - c[list(upper), 1])
    width = float(np.linalg.norm(c[ids.RIGHT_EYE_CORNERS[0], :2] - c[ids.RIGHT_EYE_CORNERS[1], :2]))
    for axis, name in ((0, "gaze_x"), (1, "gaze_y")):
        basis[name] = np.zeros_like(c)
        basis[name][list(ids.RIGHT_IRIS + ids.LEFT_IRIS), axis] = GAZE_SHIFT[axis] * width
    return {name: offsets.astype(np.float32) for name, offsets in basis.items()}


def jaw_drop_offsets(drop: float) -> np.ndarray:
    """(478, 3) float32 canonical offsets that drop the jaw and lower lip by `drop` canonical units (negative
    raises them): the `mouth_open` slider's offsets at `drop / MOUTH_DROP`."""
    return (np.float32(drop / MOUTH_DROP) * _basis()["mouth_open"]).astype(np.float32)


def slider_offsets(sliders: Sliders) -> np.ndarray:
    """(478, 3) float32 canonical expression offsets of `sliders` (pose not included)."""
    basis = _basis()
    weights = {"smile": sliders.smile, "mouth_open": sliders.mouth_open, "brow_raise": sliders.brow_raise,
               "blink_left": sliders.blink_left, "blink_right": sliders.blink_right,
               "gaze_x": sliders.gaze[0], "gaze_y": sliders.gaze[1]}
    return sum((np.float32(w) * basis[name] for name, w in weights.items()), np.zeros_like(basis["smile"]))


def sliders_motion(frames: Sequence[Sliders], fps: float) -> Motion:
    """A Motion with a neutral reference frame (frame 0, the portrait as it is) followed by one frame per
    entry of `frames`, at `fps`. Relative retargeting measures from frame 0, so it must be neutral."""
    frames = [Sliders(), *frames]
    expression = np.stack([slider_offsets(s) for s in frames])
    rotation = np.stack([rotation_from_euler(s.yaw, s.pitch, s.roll) for s in frames]).astype(np.float32)
    t = len(frames)
    return Motion(
        rotation=rotation,
        translation=(TURN_PIVOT[None] - rotation @ TURN_PIVOT).astype(np.float32),  # about the head's middle
        scale=np.ones(t, np.float32),
        expression=expression,
        features=expression_features(canonical_template()[None] + expression),
        valid=np.ones(t, bool),
        fps=float(fps),
        reference=0,
    )


def still_motion(sliders: Sliders) -> Motion:
    """The two-frame Motion of one edit: frame 0 neutral (the reference), frame 1 the edit."""
    return sliders_motion([sliders], fps=1.0)
