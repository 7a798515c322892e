"""`FaceGroup`: every face of one source frame animated by the mesh engine, each by its own targets.

One `MeshAnimator` per face that moves, each with its head layer and background plate limited to the
pixels it owns (`face_regions`: the front face over its own face where faces overlap, else the nearest).
A frame is the source with each moving face's rendering copied in over the pixels that face owns, so faces
never draw over each other, a face given no targets stays exactly as in the source, and pixels far from
every face are the source bit for bit.

Made once per source frame: a still portrait builds one group for the whole video; video-to-video builds
one per source frame (with `setups`, so a face that barely moved reuses its key frame's setup) and calls
`render` once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.face_regions import FaceRegions
from facereel.engines.mesh.frame_setup import VideoFrameAnimators
from facereel.engines.mesh.mouth import DriverFrame


class FaceGroup:
    """Several faces of one photo.

    Args:
        source: (H, W, 3) uint8 RGB.
        faces: (F, 478, 3) float32 landmarks of every face in `source`, image px.
        moving: the indices of the faces that will be given targets (the others are never rendered).
        options: mesh-engine tuning shared by all faces.
        setups: {face index: its animators through a video} (video-to-video, `frame_setup`): each moving
            face's animator comes from them (a key frame's setup reused); their options are used.
        front: (F, F) bool, [a, b] = face a is in front of face b (video-to-video: `front_order.FrontOrder`'s,
            held through near-ties); None: decided on this frame alone (`FaceRegions`).
    """

    def __init__(self, source: np.ndarray, faces: np.ndarray, moving: Sequence[int],
                 options: MeshOptions | None = None, setups: Mapping[int, VideoFrameAnimators] | None = None,
                 front: np.ndarray | None = None) -> None:
        self.source = np.ascontiguousarray(source)
        self.faces = np.asarray(faces, np.float32)
        regions = FaceRegions(self.faces, (source.shape[1], source.shape[0]), front)
        self.owner = regions.owner  # (H, W) the index of the face each pixel belongs to
        self.animators = {}
        for index in sorted(set(moving)):
            region = regions.region(index) if len(faces) > 1 else None
            self.animators[index] = (setups[index](self.source, self.faces[index], region) if setups is not None
                                     else MeshAnimator(self.source, self.faces[index], options, region=region))

    def render(self, targets: dict[int, np.ndarray], drivers: dict[int, DriverFrame | None] | None = None
               ) -> np.ndarray:
        """(H, W, 3) uint8 RGB: each face in `targets` ({face index: (478, 3) target landmarks, image px})
        moved to its targets, every other face as in the source. drivers: {face index: its driving frame}
        for the driver's mouth interior (`MeshAnimator.render`); faces without one get the synthetic one."""
        out = self.source.copy()
        for index, target in targets.items():
            frame = self.animators[index].render(target, driver=(drivers or {}).get(index))
            x0, y0, x1, y1 = self.animators[index].box
            mine = self.owner[y0:y1, x0:x1] == index
            out[y0:y1, x0:x1][mine] = frame[y0:y1, x0:x1][mine]
        return out
