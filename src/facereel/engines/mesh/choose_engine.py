"""The engine for one face: the `MeshAnimator` on the source itself, or on a working copy of it
(`working_copy.WorkingCopy`) where the source as it is defeats a stage: a small face upscaled
(`small_face.UpscaledFace`), a rolled face turned upright (`rolled_face.Upright`), a neck the frame's bottom or hair a
side cuts off extended past the cut (`cut_neck.Extended`). A video's frames (`frame_setup.VideoFrameAnimators`): each key
frame's engine chosen here, the frames after it that reuse its setup given the same kind on the same copy
(`reused_engine`)."""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.cut_neck import Extended, rows_below
from facereel.engines.mesh.cut_side import columns_beside, side_blocks
from facereel.engines.mesh.rolled_face import Upright
from facereel.engines.mesh.small_face import UpscaledFace, working_box
from facereel.engines.mesh.working_copy import WorkingCopy
from facereel.face.roll import rolled


def mesh_animator(source: np.ndarray, landmarks: np.ndarray, options: MeshOptions | None = None,
                  shoulders: np.ndarray | None = None, region: np.ndarray | None = None,
                  under: np.ndarray | None = None, carried: np.ndarray | None = None) -> MeshAnimator | WorkingCopy:
    """The engine for one face of (H, W, 3) uint8 `source` with (478, 3) px `landmarks`: `rolled_face.Upright` for
    one rolled over `face.roll.ROLL_LIMIT` (the neck layer on, no body following; a small face upscaled on the
    canvas turned upright), `UpscaledFace` for a face under `SMALL_FACE_PX` (`small_face.working_box`),
    `cut_neck.Extended` for one whose neck the frame's bottom cuts off (the neck layer on) or whose hair a side cuts
    off (`cut_side`; neither with body following: the torso's warp is the whole frame's), else `MeshAnimator`. region, under, carried: one face of several (`group.FaceGroup`; `MeshAnimator`'s,
    (H, W) float32 of the source), carried onto a working copy's px (`WorkingCopy.field_on_copy`)."""
    options = options or MeshOptions()
    shares = {"region": region, "under": under, "carried": carried}
    roll = rolled(landmarks) if shoulders is None and options.neck_layer else None
    if roll is not None:  # a small face too: turned upright first, upscaled there (`Upright`)
        return Upright(source, landmarks, options, roll, **shares)
    working = working_box(source, landmarks, options) if shoulders is None else None
    if working is not None:
        return UpscaledFace(source, landmarks, options, *working, **shares)
    rows = rows_below(landmarks, source.shape[0]) if shoulders is None and options.neck_layer else 0
    sides = columns_beside(landmarks, source.shape[1]) if shoulders is None else (0, 0)
    if rows or any(sides):
        return Extended(source, landmarks, options, rows, *side_blocks(source, landmarks, options, sides), **shares)
    return MeshAnimator(source, landmarks, options, shoulders=shoulders, **shares)


def reused_engine(key: MeshAnimator | WorkingCopy, source: np.ndarray, landmarks: np.ndarray
                  ) -> MeshAnimator | WorkingCopy:
    """The engine for (478, 3) px `landmarks` on (H, W, 3) uint8 `source`, a later frame of a video where the face
    stands nearly where it stood in `key`'s (a key frame's `mesh_animator`): `key`'s kind on the same working copy
    (`WorkingCopy.reused`), with `key`'s crop box, head mask and plate fill (`MeshAnimator(like=)`)."""
    if isinstance(key, WorkingCopy):
        return key.reused(source, landmarks)
    return MeshAnimator(source, landmarks, key.options, like=key)
