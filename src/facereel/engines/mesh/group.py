"""`FaceGroup`: every face of one source frame animated by the mesh engine, each by its own targets.

One `MeshAnimator` per face that moves, each with its head layer and background plate limited to the
pixels it owns (`face_regions`: the front face over its own face where faces overlap, else the nearest).
A frame is the source with the moving faces' renderings laid in without a seam (`group_seam`): each by a
soft owner weight feathered across the border, the plate a front face uncovers over a face behind it
filled from that face, and each moving head layer laid back to front with its alpha as drawn, under the
faces in front of it. A face given no targets stays exactly as in the source where no moving face's layer
reaches, and pixels far from every face are the source bit for bit.

Made once per source frame: a still portrait builds one group for the whole video; video-to-video builds
one per source frame (with `setups`, so a face that barely moved reuses its key frame's setup) and calls
`render` once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.face_regions import FaceRegions, front_measures
from facereel.engines.mesh.group_seam import SEAM_FEATHER, Uncovered, plate_weight, soft_owners
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
        meets: (F, F) bool, [a, b] = faces a and b overlap (video-to-video: `face_regions.meeting_pairs` of the
            clip); None: decided on this frame alone (`FaceRegions`).
    """

    def __init__(self, source: np.ndarray, faces: np.ndarray, moving: Sequence[int],
                 options: MeshOptions | None = None, setups: Mapping[int, VideoFrameAnimators] | None = None,
                 front: np.ndarray | None = None, meets: np.ndarray | None = None) -> None:
        self.source = np.ascontiguousarray(source)
        self.faces = np.asarray(faces, np.float32)
        regions = FaceRegions(self.faces, (source.shape[1], source.shape[0]), front, meets)
        self.owner = regions.owner  # (H, W) the index of the face each pixel belongs to
        several = len(faces) > 1
        self.animators = {}
        for index in sorted(set(moving)):
            region = regions.region(index) if several else None
            self.animators[index] = (setups[index](self.source, self.faces[index], region) if setups is not None
                                     else MeshAnimator(self.source, self.faces[index], options, region=region))
        moving = sorted(self.animators)
        self.ahead = regions.ahead if several else {index: [] for index in moving}
        """{face: the faces in front of it whose faces meet its own} (`FaceRegions.ahead`)."""
        self._sizes = front_measures(self.faces)[0]
        self._weights: dict[tuple[int, ...], dict[int, np.ndarray]] = {}  # `weights`' per set of faces moved
        self._regions = {index: regions.region(index) for index in range(len(faces))} if several else {}
        self._uncovered = {}
        for index in moving:  # next to the faces it overlaps: behind it, or in front of it
            behind = [face for face in range(len(faces)) if index in self.ahead.get(face, [])]
            near = behind + self.ahead.get(index, [])
            if near:
                self._uncovered[index] = Uncovered(
                    self.source, self._full(index, plate_weight(self.animators[index].layer.alpha)),
                    self._full(index, self.animators[index].layer.alpha), np.isin(self.owner, near))
        # back to front: the faces with the most faces in front of them first
        self._order = sorted(moving, key=lambda index: -len(self.ahead.get(index, [])))

    def weights(self, moved: tuple[int, ...]) -> dict[int, np.ndarray]:
        """{face in `moved` (sorted face indices given targets): (H, W) float32, its render's soft owner
        weight (`group_seam.soft_owners`: 0 on the pixels of every face not moved)}; made once per set."""
        if moved not in self._weights:
            feather = SEAM_FEATHER * float(self._sizes[list(moved)].min())  # px
            self._weights[moved] = soft_owners(self.owner, list(moved), feather)
        return self._weights[moved]

    def _full(self, index: int, crop: np.ndarray) -> np.ndarray:
        """(H, W) float32: `crop` (h, w) on face `index`'s animator box, 0 elsewhere."""
        full = np.zeros(self.owner.shape, np.float32)
        x0, y0, x1, y1 = self.animators[index].box
        full[y0:y1, x0:x1] = crop
        return full

    def _shields(self, index: int, face: int) -> bool:
        """Whether `face`'s layer hides face `index`'s: it is in front of it, or neither is in front."""
        return index not in self.ahead.get(face, [])

    def render(self, targets: dict[int, np.ndarray], drivers: dict[int, DriverFrame | None] | None = None
               ) -> np.ndarray:
        """(H, W, 3) uint8 RGB: each face in `targets` ({face index: (478, 3) target landmarks, image px})
        moved to its targets, every other face as in the source, laid in without a seam (`group_seam`).
        drivers: {face index: its driving frame} for the driver's mouth interior (`MeshAnimator.render`);
        faces without one get the synthetic one."""
        source = self.source.astype(np.float32)
        out = source.copy()
        frames, alphas = {}, {}
        weights = self.weights(tuple(sorted(targets)))
        for index, target in targets.items():
            frames[index] = self.animators[index].render(target, driver=(drivers or {}).get(index))
            alphas[index] = self._full(index, self.animators[index].drawn_alpha())
            x0, y0, x1, y1 = self.animators[index].box
            box = (slice(y0, y1), slice(x0, x1))
            out[box] += weights[index][box][..., None] * (frames[index][box] - source[box])
        covers = {**self._regions, **alphas}  # a face not moved covers its region
        for index, uncovered in self._uncovered.items():
            if index in alphas:  # its plate, uncovered next to a face it overlaps (the layers go over it below)
                shown = ((1 - alphas[index]) * uncovered.weight)[..., None]
                out += shown * (uncovered.colour - out)
        for index in self._order:
            if index in alphas:
                shield = np.prod([1 - covers[face] for face in covers if face != index and self._shields(index, face)],
                                 axis=0) if len(covers) > 1 else 1.0
                over = (alphas[index] * shield)[..., None]
                out += over * (frames[index] - out)
        return np.clip(np.round(out), 0, 255).astype(np.uint8)
