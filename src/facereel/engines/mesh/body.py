"""Body follows the driver: the portrait's shoulders and torso move with the driver's shoulders.

Two parts, fed by the driver's shoulders (`facereel.face.shoulders`):
- `BodyFollower`: driver shoulders per frame -> a (2, 3) forward similarity of the portrait's torso in
  source px: the driver's shoulder displacement/rotation/scale relative to its reference frame, with the
  displacement measured in driver shoulder widths and applied in portrait shoulder widths, smoothed.
- `BodyWarp`: applies that similarity to a rendered frame through a smooth displacement field that is
  zero on and around the head, full on the torso and fades out sideways, so the background far from the
  body never changes.
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.face import landmark_ids as ids
from facereel.face.shoulders import Shoulders
from facereel.motion.retarget_options import SHIFT_CEILING
from facereel.motion.smoothing import OneEuro, OneEuroStream
from facereel.motion.soft_limit import soft_limit

_MAX_SCALE_CHANGE = 1.25  # clamp of the relative shoulder-width change (depth motion, or a bad frame)
DROP_KNEE, DROP_CEILING = 0.25, 0.5
"""Shares of the torso's vertical ramp (`neck_hold` -> `neck_reach`): the chin's drop below the photo's passes
unchanged up to the first and is compressed smoothly beyond, never past the second (`BodyWarp.lift`)."""
RAMP_PER_SHIFT = 3.0
"""The torso's vertical ramp is at least this many times the torso's displacement (px) at the neck long: its steepest
row (smoothstep's slope 1.5 / length) changes the displacement by at most 0.5 px a row, so the neck between chin and
torso is stretched at most 2x and never folded (`BodyWarp.displacement`); the shoulders may then follow in part
(ended at the shoulders' row instead, lp_s5's ramp still changed it by 1.7 px a row: still folded)."""


def _as_complex(points: np.ndarray) -> np.ndarray:
    return points[..., 0] + 1j * points[..., 1]


def _backward(affine: np.ndarray) -> np.ndarray:
    """(2, 3) float64: the inverse of `affine` ((2, 3) forward, px), the map each output pixel samples by."""
    return cv2.invertAffineTransform(np.asarray(affine, dtype=np.float64))


class BodyFollower:
    """Driver shoulders (and head position) per frame -> forward (2, 3) similarity of the portrait's torso.

    Args:
        source_shoulders: (2, 2) px of the portrait's shoulders.
        fps: the driver's frame rate (smoothing time step).
        smoothing: One-Euro filter for the motion parameters, or None.
        with_head_translation: False (as when the head is retargeted without --translate) measures the
            shoulders' displacement relative to the driver's head, so a driver swaying as a whole leaves
            both the portrait's head and body in place and the neck is never sheared.

    The first frame with visible shoulders is the reference; frames without them keep the last motion,
    and a driver that never shows shoulders leaves the body still (identity).
    """

    def __init__(self, source_shoulders: Shoulders, fps: float, smoothing: OneEuro | None = OneEuro(),
                 with_head_translation: bool = False) -> None:
        self._src = _as_complex(np.asarray(source_shoulders, dtype=np.float64))
        self._filter = OneEuroStream(smoothing, fps) if smoothing is not None else None
        self.with_head_translation = with_head_translation
        self._reference: tuple[np.ndarray, complex] | None = None
        self._params = np.zeros(4)  # (dx, dy) in shoulder widths, rotation rad, log scale

    def __call__(self, shoulders: Shoulders | None, head: np.ndarray | None = None) -> np.ndarray:
        """shoulders: (2, 2) driver px or None; head: (2,) driver px of a point fixed on the head (used
        when not `with_head_translation`). Returns the (2, 3) float64 forward affine in source px."""
        if shoulders is not None:
            cur = _as_complex(np.asarray(shoulders, dtype=np.float64))
            anchor = complex(*head) if head is not None and not self.with_head_translation else 0j
            if self._reference is None:
                self._reference = (cur, anchor)
            ref, ref_anchor = self._reference
            width = abs(ref[1] - ref[0])
            if width > 1e-3 and abs(cur[1] - cur[0]) > 1e-3:
                z = (cur[1] - cur[0]) / (ref[1] - ref[0])  # rotation and scale of the shoulder line
                shift = ((cur.mean() - anchor) - (ref.mean() - ref_anchor)) / width
                self._params = np.array([shift.real, shift.imag, np.angle(z),
                                         np.clip(np.log(abs(z)), -np.log(_MAX_SCALE_CHANGE), np.log(_MAX_SCALE_CHANGE))])
        params = self._filter(self._params) if self._filter is not None else self._params
        return self._affine(params)

    def _affine(self, params: np.ndarray) -> np.ndarray:
        """Rotate/scale about the portrait's shoulder midpoint, then shift (in portrait shoulder widths)."""
        centre = self._src.mean()
        z = np.exp(params[3] + 1j * params[2])
        shift = complex(params[0], params[1]) * abs(self._src[1] - self._src[0])
        t = centre + shift - z * centre
        return np.array([[z.real, -z.imag, t.real], [z.imag, z.real, t.imag]])


def head_on_torso(target: np.ndarray, source_head: np.ndarray, torso: np.ndarray, iod: float, knee: float
                  ) -> np.ndarray:
    """(N, 3) float32: `target` ((N, 3) px, the retargeted landmarks) moved so that the head's shift from where
    the torso's similarity carries its place in the photo (`source_head`, (2,) px, moved by `torso`, (2, 3)
    forward px) passes unchanged up to `knee` inter-ocular distances (`iod` px) and is compressed smoothly
    beyond, never past `retarget_options.SHIFT_CEILING` times it: the head moves with the torso, but leans off it no
    more than the head-shift limit lets a head without --body move off its still neck (a driver leaning its
    head sideways over nearly still shoulders, sr_1 frame 54, slid lp_s3's head off its neck)."""
    centre = np.asarray(target, np.float64)[list(ids.STABLE), :2].mean(0)
    carried = torso[:, :2] @ np.asarray(source_head, np.float64) + torso[:, 2]
    lean = (centre - carried)[0] / iod  # sideways only: up and down, the neck layer takes a nod or a slump
    kept = soft_limit(lean, knee, SHIFT_CEILING * knee)
    out = np.asarray(target, np.float32).copy()
    out[:, 0] += np.float32((kept - lean) * iod)
    return out


class BodyWarp:
    """Moves the torso of rendered frames by a similarity, leaving the head and far background alone.

    The weight of the body motion is a product of a vertical ramp that starts below the chin exactly
    where the head engine's neck motion fades out (`neck_hold` -> `neck_reach`, face-oval radii below
    the oval centre: the two motions hand over smoothly, so the neck stays attached to both) and a
    horizontal ramp: 1 within `side_hold` shoulder widths of the shoulders, 0 beyond `side_reach`. The head
    layer's fade is drawn where the head moved it: a chin lowered by `drop` px draws it from `neck_hold`'s row
    plus `drop` down to `neck_reach`'s, so the ramp starts that much lower (`apply`): started at the photo's
    row, the torso's motion was added to the lowered chin (lp_s5 x sr_1 frame 54: the chin dragged 60 px
    sideways into a skin tongue over the blouse; lp_s5 x lp_d12 frame 28: the lower lip drawn down into a
    pink tongue). A drop near the ramp's length folds the head layer's fade itself (a hard line under the chin,
    the clothes' pieces over it): the chin's drop is soft-limited first (`lift`, `DROP_KNEE`).

    Args:
        image_size: (width, height) px of the frames.
        landmarks: (478, 3) px of the portrait's face.
        shoulders: (2, 2) px of the portrait's shoulders.
    """

    def __init__(self, image_size: tuple[int, int], landmarks: np.ndarray, shoulders: Shoulders,
                 neck_hold: float, neck_reach: float, side_hold: float = 0.3, side_reach: float = 0.8) -> None:
        w, h = image_size
        oval = landmarks[list(ids.FACE_OVAL), :2]
        centre_y = float(oval[:, 1].mean())
        below = float(oval[:, 1].max()) - centre_y  # the oval's radius straight down (to the chin)
        y_start, y_end = centre_y + neck_hold * below, centre_y + neck_reach * below
        width = float(np.linalg.norm(shoulders[1] - shoulders[0]))
        x_lo, x_hi = float(shoulders[:, 0].min()), float(shoulders[:, 0].max())
        self.y0 = int(np.clip(np.floor(y_start), 0, h))
        self.x0 = int(np.clip(np.floor(x_lo - side_reach * width), 0, w))
        x1 = int(np.clip(np.ceil(x_hi + side_reach * width) + 1, 0, w))
        ys = np.arange(self.y0, h, dtype=np.float32)
        xs = np.arange(self.x0, x1, dtype=np.float32)
        side = np.maximum(x_lo - xs, xs - x_hi) / width  # shoulder widths outside the shoulders
        self._horizontal = 1 - smoothstep(side_hold, side_reach, side)
        self._rows, self._ys = (y_start, y_end), ys
        self._chin = float(landmarks[ids.CHIN, 1])
        self._neck = np.array([landmarks[ids.CHIN, 0], (y_start + y_end) / 2])  # (2,) px, the ramp's middle
        self._x, self._y = np.meshgrid(xs, ys)

    def lift(self, target: np.ndarray) -> np.ndarray:
        """(N, 3) float32: `target` ((N, 3) image px, a frame's landmarks) moved up so that the chin's drop below
        the photo's passes unchanged up to `DROP_KNEE` of the torso's ramp and is compressed beyond, never past
        `DROP_CEILING` of it; `target` itself when it drops less."""
        drop, (start, end) = self.drop(target), self._rows
        if drop <= DROP_KNEE * (end - start):
            return target
        out = np.array(target, np.float32)
        out[:, 1] -= np.float32(drop - soft_limit(drop, DROP_KNEE * (end - start), DROP_CEILING * (end - start)))
        return out

    def drop(self, target: np.ndarray) -> float:
        """px the chin of `target` ((N, 3) image px) stands below the photo's."""
        return float(target[ids.CHIN, 1]) - self._chin

    def _weight(self, drop: float, shift: float) -> np.ndarray:
        """(h - y0, x1 - x0) float32: the torso's weight with the vertical ramp's start `drop` px lower (at
        most `DROP_CEILING` of its length) and its end at least `RAMP_PER_SHIFT` times `shift` (px, the torso's
        displacement at the neck) below its start."""
        start, end = self._rows
        start += min(max(drop, 0.0), DROP_CEILING * (end - start))
        end = max(end, start + RAMP_PER_SHIFT * shift)
        vertical = smoothstep(start, end, self._ys)
        return (vertical[:, None] * self._horizontal[None, :]).astype(np.float32)

    def displacement(self, affine: np.ndarray, drop: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The torso's backward map below row `y0` for `affine` ((2, 3) forward, px) and a chin moved `drop` px down:
        (dx, dy, k), each (h - y0, x1 - x0) float32: px each pixel samples from beside itself, and the weight. The
        ramp is lengthened downwards to carry the torso's displacement at the neck without folding it
        (`RAMP_PER_SHIFT`: a 20 px ramp under lp_s3's and lp_s5's lowered chins carried sr_1's 25-38 px, a flat
        band with a hard edge and wavy pieces)."""
        return self._field(_backward(affine), drop)

    def _field(self, inverse: np.ndarray, drop: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`displacement` for `inverse` ((2, 3) float64 backward affine, px, `_backward`)."""
        lin = inverse[:, :2] - np.eye(2)
        x, y = self._x, self._y
        shift = float(np.linalg.norm(inverse[:, :2] @ self._neck + inverse[:, 2] - self._neck))
        k = self._weight(max(drop, 0.0), shift)
        dx = k * (lin[0, 0] * x + lin[0, 1] * y + inverse[0, 2]).astype(np.float32)
        dy = k * (lin[1, 0] * x + lin[1, 1] * y + inverse[1, 2]).astype(np.float32)
        return dx, dy, k

    def apply(self, frame: np.ndarray, affine: np.ndarray, drop: float = 0.0) -> np.ndarray:
        """frame (H, W, 3) uint8 with the torso moved by `affine` ((2, 3) forward, px; `displacement`); a new
        array. drop: px the head's chin was moved down in this frame (the ramp starts that much lower; <= 0: as
        made). The identity leaves the frame bit for bit."""
        inverse = _backward(affine)
        if np.abs(inverse[:, :2] - np.eye(2)).max() < 1e-9 and np.abs(inverse[:, 2]).max() < 1e-6:
            return frame
        dx, dy, k = self._field(inverse, drop)
        moved = cv2.remap(frame, self._x + dx, self._y + dy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        out = frame.copy()
        # Where the weight is zero the map is the pixel itself; keep those bit-exact (remap rounds).
        still = (k == 0)[..., None]
        region = out[self.y0:, self.x0:self.x0 + k.shape[1]]
        region[:] = np.where(still, region, moved)
        return out
