"""Built-in motion templates made from the canonical template alone (no video, no identity):
talk, smile, blink, nod, turn, laugh, and `demo` (talk, smile, blink and nod in turn)."""

from __future__ import annotations

import numpy as np

from facereel.errors import InputError
from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template, rotation_from_euler
from facereel.motion.features import expression_features
from facereel.motion.motion import Motion
from facereel.motion.preset_names import PRESETS

FPS = 25.0
TURN_YAW, TURN_PITCH = 45.0, 25.0  # preset:turn's extremes, deg
TURN_PIVOT = np.array([0.0, 0.2, 1.4], np.float32)
"""preset:turn turns the head about this canonical point (about the middle of the skull, behind the eyes)
rather than the canonical origin between the eyes, so the face swings round as a real head's does (the
translation this needs reaches the portrait when translation is on: the mesh engine's default)."""


SMILE_PEAK = (0.08, 0.07)  # canonical units the mouth corners move out and up at preset:smile's peak


def _smile(c: np.ndarray, amount: np.ndarray, out: float = SMILE_PEAK[0], up: float = SMILE_PEAK[1]) -> np.ndarray:
    """(T, 478, 3) offsets pulling the mouth corners out by `out` and up by `up` canonical units x amount (T,)."""
    off = np.zeros((len(amount), len(c), 3), np.float32)
    for corner, sign in ((61, -1.0), (291, 1.0)):
        weight = np.exp(-np.sum((c[:, :2] - c[corner, :2]) ** 2, axis=1) / (2 * 0.12**2))
        off[:, :, 0] += amount[:, None] * sign * out * weight[None]
        off[:, :, 1] -= amount[:, None] * up * weight[None]
    return off


def _offsets(name: str, phase: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expression offsets (T, 478, 3) and head angles (T, 3) [yaw, pitch, roll] deg for phase in [0, 1]."""
    c = canonical_template()
    t = len(phase)
    off = np.zeros((t, len(c), 3), np.float32)
    angles = np.zeros((t, 3), np.float32)
    below_mouth = np.clip((c[:, 1] - c[13, 1]) / 0.05, 0, 1) * (c[:, 1] < c[ids.CHIN, 1] + 0.1)
    if name == "talk":
        # syllables ~4 Hz with varying depth: lower lip and jaw drop, corners slightly in
        depth = 0.18 * np.abs(np.sin(np.pi * 4 * phase * 2.0)) * (0.6 + 0.4 * np.sin(2 * np.pi * phase * 1.3))
        off[:, :, 1] += depth[:, None] * below_mouth[None]
        angles[:, 0] = 4 * np.sin(2 * np.pi * phase)
    elif name == "smile":
        off += _smile(c, np.sin(np.pi * phase) ** 2)
    elif name == "blink":
        amount = np.clip(1 - np.abs(phase * 2 - 1) * 4, 0, 1)  # one blink in the middle
        for upper, lower in ((ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID), (ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID)):
            gap = c[list(lower), 1] - c[list(upper), 1]
            off[:, list(upper), 1] += amount[:, None] * gap[None] * 0.95
    elif name == "laugh":
        # A wide-open laugh: the jaw drops to 0.45 canonical units in bursts (~4 "ha" a second) under a
        # swell, mouth corners wide and up, cheeks raised (lower lids up), head thrown back a little.
        swell = np.sin(np.pi * phase) ** 2
        ha = 0.7 + 0.3 * np.abs(np.sin(np.pi * 4 * phase * 2.0))
        off[:, :, 1] += (0.45 * swell * ha)[:, None] * below_mouth[None]
        off += _smile(c, swell, out=0.09, up=0.06)
        for upper, lower in ((ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID), (ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID)):
            gap = c[list(lower), 1] - c[list(upper), 1]
            off[:, list(lower), 1] -= swell[:, None] * gap[None] * 0.25
        angles[:, 1] = -8 * swell
    elif name == "nod":
        angles[:, 1] = 10 * np.sin(2 * np.pi * phase)
    elif name == "turn":
        # large pose: yaw swept to +-45 deg and back, pitch to +-25 deg twice as fast (looking down on one
        # side, up on the other), as far as the mesh engine turns a head without soft-limiting it
        angles[:, 0] = TURN_YAW * np.sin(2 * np.pi * phase)
        angles[:, 1] = TURN_PITCH * np.sin(4 * np.pi * phase)
    else:
        raise InputError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    return off, angles


def preset_motion(name: str, seconds: float = 2.0) -> Motion:
    """A Motion at 25 fps for a named preset; `demo` chains talk, smile, blink and nod."""
    parts = ("talk", "smile", "blink", "nod") if name == "demo" else (name,)
    offs, rots, shifts = [], [], []
    for part in parts:
        n = max(2, int(round(seconds * FPS)))
        off, ang = _offsets(part, np.linspace(0, 1, n, dtype=np.float32))
        rot = np.stack([rotation_from_euler(*a) for a in ang]).astype(np.float32)
        pivot = TURN_PIVOT if part == "turn" else np.zeros(3, np.float32)
        offs.append(off)
        rots.append(rot)
        shifts.append(pivot - rot @ pivot)  # turning about `pivot`: X = R (C - p) + p
    expression = np.concatenate(offs)
    t = len(expression)
    return Motion(
        rotation=np.concatenate(rots),
        translation=np.concatenate(shifts).astype(np.float32),
        scale=np.ones(t, np.float32),
        expression=expression,
        features=expression_features(canonical_template()[None] + expression),
        valid=np.ones(t, bool),
        fps=FPS,
        reference=0,
    )
