"""Named expression and pose sliders (`Sliders`) and the `Motion` they make, in the presets' motion space
(canonical-landmark offsets plus a head rotation), so an edit drives either engine like any template.

Units (canonical units: 1 = the inter-ocular distance; docs/api.md "Expression editor" lists them too):
- smile: 1.0 = a full smile as real drivers show it: each mouth corner out `SMILE_OUT` (0.13) and up `SMILE_UP`
  (0.12) canonical units, the mean of the three widest smiles in ../shared/data's drivers (lp_d19 0.16 / 0.12,
  lp_d11 0.13 / 0.14, lp_d6 0.10 / 0.10 from their most neutral frames, `bench/smile_range.py`; preset:smile's
  peak, 0.08 / 0.07, the unit before, barely showed on lp_s0 and lp_s1); negative pulls them in `FROWN_IN` (0.08)
  and down `FROWN_DOWN` (0.07) at -1 (a frown, at the unit before: the drivers show none to calibrate it, and the
  smile's 0.13 / 0.12 inwards bunched lp_s1's lips into a pout). Range -1..1.5.
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

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template, rotation_from_euler
from facereel.motion.features import expression_features
from facereel.motion.motion import Motion
from facereel.motion.presets import SMILE_PEAK, TURN_PIVOT, _smile
from facereel.motion.slider_options import Sliders

SMILE_OUT, SMILE_UP = 0.13, 0.12  # canonical units each mouth corner moves out and up at smile 1.0
FROWN_IN, FROWN_DOWN = SMILE_PEAK  # canonical units each mouth corner moves in and down at smile -1.0
MOUTH_DROP = 0.3  # canonical units of jaw drop at mouth_open 1.0
BROW_LIFT = 0.08  # canonical units of brow lift at brow_raise 1.0
BROW_SPREAD = 0.07  # canonical units: how far around the brow points the skin follows them (Gaussian sigma)
BLINK_CLOSURE = 0.95  # share of the lid gap the upper lid travels at blink 1.0 (as preset:blink)
GAZE_SHIFT = (0.25, 1 / 7)  # eye widths the pupils move at gaze x 1.0, y 1.0


@lru_cache(maxsize=1)
def _basis() -> dict[str, np.ndarray]:
    """Each linear slider's (478, 3) canonical offsets at 1.0 (gaze: one for x, one for y; smile: a frown's at -1
    too)."""
    c = canonical_template()
    one = np.ones(1, np.float32)
    basis = {"smile": _smile(c, one, SMILE_OUT, SMILE_UP)[0], "frown": -_smile(c, one, FROWN_IN, FROWN_DOWN)[0]}
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
    weights = {"smile": max(sliders.smile, 0.0), "frown": max(-sliders.smile, 0.0), "mouth_open": sliders.mouth_open, "brow_raise": sliders.brow_raise,
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
