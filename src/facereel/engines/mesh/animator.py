"""`MeshAnimator`: the CPU mesh engine. Source photo + per-frame target landmarks -> animated frames.

Per frame: move the face mesh to the target landmarks and the ring control points around it with the
head; build the backward map of the crop around the head (`warp.MeshWarp`); remap the source; redraw the
eyes and the inner mouth; paste the crop into a copy of the source. The motion of the rings fades to
zero before the crop border, so the paste is seamless and everything outside the crop is the source,
bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from facereel.engines.mesh.body import BodyWarp
from facereel.engines.mesh.composite import head_crop
from facereel.engines.mesh.eyes import EyeRenderer
from facereel.engines.mesh.mesh_topology import (
    LEFT_EYE_LOWER,
    LEFT_EYE_UPPER,
    RIGHT_EYE_LOWER,
    RIGHT_EYE_UPPER,
    face_triangles,
    outer_rings,
)
from facereel.engines.mesh.mouth import DriverFrame, MouthRenderer
from facereel.engines.mesh.warp import MeshWarp, fit_linear
from facereel.face import landmark_ids as ids


@dataclass(frozen=True)
class MeshOptions:
    """Tuning of the mesh engine. Radii are in face-oval units: 1 = on the face outline, measured from
    the oval's centre along each direction.

    Attributes:
        hair_hold, hair_reach: above and beside the face, the surroundings move fully with the head up to
            `hair_hold` and the motion fades (smoothstep) to zero at `hair_reach` (hair, ears).
        neck_hold, neck_reach: the same below the chin, much shorter (less than 1: the fade has begun at
            the chin line) so the neck and collar stay put, as they do when a real head turns or nods.
        crop_margin, crop_below: the working crop reaches this many face sizes (oval extent) from the
            face centre sideways/up and down; nothing outside it ever changes.
        map_cells_per_face: resolution of the coarse grid the backward map is rasterised on, in cells
            across the face; the cost of rasterising is independent of the image size.
        eyes: re-render eyes (moving irises, synthetic closed lids); off = plain warp.
        mouth: paint the inner mouth when the lips part (else the warp stretches what the source shows).
        mouth_interior: "driver" (the driving frame's own teeth, tongue and cavity when `render` gets the
            frame, else synthetic) or "synthetic" (procedural); see mouth.py.
        cv_threads: passed to cv2.setNumThreads when not None (OpenCV's setting is process-wide).
        body_side_hold, body_side_reach: body following (`render(..., body=)`): the torso motion is full
            within `body_side_hold` shoulder widths beside the shoulders and fades to zero at
            `body_side_reach`; vertically it ramps in from `body_hold` to `body_reach` oval radii below
            the face centre (below the chin, so the head is never moved by the torso); an animator made
            with `shoulders` also fades the head's own neck motion over that range (instead of
            `neck_hold`..`neck_reach`), so head and torso share the neck.
        contour_reach: a ring point near the face outline rides with its outline point (expression
            included: the jaw, the temples); this many oval radii out it rides with the head's rigid
            image-plane motion only (fitted to the stable landmarks), so opening the jaw does not drag
            the neck and collar.
    """

    hair_hold: float = 1.0
    hair_reach: float = 1.4
    neck_hold: float = 0.5
    neck_reach: float = 0.9
    crop_margin: float = 1.2
    crop_below: float = 1.3
    map_cells_per_face: int = 96
    eyes: bool = True
    mouth: bool = True
    mouth_interior: Literal["driver", "synthetic"] = "driver"
    cv_threads: int | None = None
    body_side_hold: float = 0.3
    body_side_reach: float = 0.8
    body_hold: float = 1.05
    body_reach: float = 1.6
    contour_reach: float = 1.15


_RING_FRACTIONS = (0.08, 0.2, 0.35, 0.55, 0.78, 1.0)


def _smoothstep(edge0: np.ndarray, edge1: np.ndarray, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - edge0) / np.maximum(edge1 - edge0, 1e-6), 0, 1)
    return t * t * (3 - 2 * t)


class MeshAnimator:
    """Animate one source portrait by warping it onto target landmarks.

    Args:
        source: (H, W, 3) uint8 RGB full-resolution source photo.
        source_landmarks: (478, 3) float32 landmarks of `source`, image px (docs/conventions.md).
        options: tuning; defaults when None.
        shoulders: (2, 2) px of the portrait's shoulders (`body.detect_shoulders`), needed for body
            following; None = the body never moves.
    """

    def __init__(self, source: np.ndarray, source_landmarks: np.ndarray, options: MeshOptions | None = None,
                 shoulders: np.ndarray | None = None) -> None:
        if source.dtype != np.uint8 or source.ndim != 3 or source.shape[2] != 3:
            raise ValueError(f"source must be (H, W, 3) uint8, got {source.shape} {source.dtype}")
        self.options = opt = options or MeshOptions()
        if opt.cv_threads is not None:
            cv2.setNumThreads(opt.cv_threads)
        self.source = np.ascontiguousarray(source)
        h, w = source.shape[:2]
        lm = np.asarray(source_landmarks, dtype=np.float32)
        self.source_landmarks = lm

        x0, y0, x1, y1 = head_crop(lm, (w, h), opt.crop_margin, opt.crop_below)
        self.box = (x0, y0, x1, y1)
        self.origin = np.array([x0, y0], dtype=np.float32)
        size = (x1 - x0, y1 - y0)

        src_xy = lm[:, :2] - self.origin
        oval = src_xy[list(ids.FACE_OVAL)]
        centre = oval.mean(0)
        ring_pts, radius, ring_tris = outer_rings(oval, centre, size, _RING_FRACTIONS)
        k = len(ids.FACE_OVAL)
        self._oval = np.tile(np.asarray(ids.FACE_OVAL), len(_RING_FRACTIONS))  # each ring point's oval point
        self._ring_src = ring_pts
        # How much of the head's motion each ring point follows: 1 near the head, 0 at the crop border.
        down = np.clip((oval - centre)[:, 1] / np.linalg.norm(oval - centre, axis=1), 0, 1)
        down = np.tile(down, len(_RING_FRACTIONS))
        # With body following the torso carries the collar and shares the neck with the head (the head's
        # fade below the chin is the torso's ramp); without it the neck and collar stay put.
        neck_hold, neck_reach = (opt.body_hold, opt.body_reach) if shoulders is not None else (opt.neck_hold, opt.neck_reach)
        hold = opt.hair_hold + (neck_hold - opt.hair_hold) * down
        reach = opt.hair_reach + (neck_reach - opt.hair_reach) * down
        follow = 1 - _smoothstep(hold, reach, radius)
        follow[-k:] = 0.0
        self._follow = follow[:, None].astype(np.float32)
        self._contour = (1 - _smoothstep(np.ones_like(radius), np.full_like(radius, opt.contour_reach), radius)
                         )[:, None].astype(np.float32)
        self._src_vertices = np.vstack([src_xy, ring_pts]).astype(np.float32)

        face_tris = face_triangles()
        self._num_ring_tris = len(ring_tris)
        self._face_tris = face_tris
        face_size = float((oval.max(0) - oval.min(0)).max())
        step = max(1.0, face_size / opt.map_cells_per_face)
        self.warp = MeshWarp(np.vstack([ring_tris, face_tris]), size, step)
        gy, gx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        self._grid = np.dstack([gx, gy])

        self.eyes = [EyeRenderer(source, lm, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS),
                     EyeRenderer(source, lm, LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS)] if opt.eyes else []
        self.mouth = MouthRenderer(source, lm, opt.mouth_interior) if opt.mouth else None
        self._stable = list(ids.STABLE)
        self.body = (BodyWarp((w, h), lm, np.asarray(shoulders, np.float32), opt.body_hold, opt.body_reach,
                              opt.body_side_hold, opt.body_side_reach) if shoulders is not None else None)

    def _target_vertices(self, target: np.ndarray) -> np.ndarray:
        """(V, 2) crop-px target positions of all mesh vertices (landmarks, then ring points).

        A ring point rides rigidly with its oval point (keeping its offset, turned/scaled by the head's
        image-plane motion), blended with staying put by its `follow` weight.
        """
        src = self.source_landmarks[:, :2]
        tgt_xy = target[:, :2] - self.origin
        linear = fit_linear(src[self._stable], target[self._stable, :2])
        oval_src = self._src_vertices[self._oval]
        carried = tgt_xy[self._oval] + (self._ring_src - oval_src) @ linear.T
        s_st = src[self._stable] - self.origin
        shift = tgt_xy[self._stable].mean(0) - s_st.mean(0) @ linear.T
        rigid = self._ring_src @ linear.T + shift
        carried = rigid + self._contour * (carried - rigid)
        rings = self._ring_src + self._follow * (carried - self._ring_src)
        return np.vstack([tgt_xy, rings]).astype(np.float32)

    def render(self, target_landmarks: np.ndarray, body: np.ndarray | None = None,
               driver: DriverFrame | None = None) -> np.ndarray:
        """One output frame: (H, W, 3) uint8 RGB at source resolution.

        target_landmarks: (478, 3) float32, image px of the source frame (already retargeted).
        body: (2, 3) forward similarity of the torso in source px (`body.BodyFollower`), or None to keep
            the body still; ignored when the animator was made without `shoulders`.
        driver: this frame of the driving video and its landmarks, for the driver's mouth interior.
        """
        target = np.asarray(target_landmarks, dtype=np.float32)
        vertices = self._target_vertices(target)
        # Painter's order: the rings (background, hair) first, then face triangles far to near, so
        # triangles folded behind a turned head are overdrawn by the visible side.
        depth = target[self._face_tris, 2].mean(1)
        order = np.concatenate([np.arange(self._num_ring_tris),
                                self._num_ring_tris + np.argsort(-depth, kind="stable")])
        maps = self.warp.displacement(vertices, self._src_vertices, order)
        maps += self._grid
        crop = cv2.remap(self.source, maps, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        for eye in self.eyes:
            eye.render(crop, self.origin, maps, target)
        if self.mouth is not None:
            self.mouth.render(crop, self.origin, target, driver)
        out = self.source.copy()
        x0, y0, x1, y1 = self.box
        out[y0:y1, x0:x1] = crop
        if body is not None and self.body is not None:
            out = self.body.apply(out, body)
        return out
