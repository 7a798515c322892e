"""`FaceGroup`: every face of one source frame animated by the mesh engine, each by its own targets.

One engine per face that moves, chosen as for a face alone (`choose_engine.mesh_animator`: a small face drawn
upscaled, a neck or hair the frame cuts off extended past the cut), each with its head layer and background plate
limited to the pixels it owns (`face_regions`: the front face over its own face where faces overlap, else the nearest;
never past the edge of another person's photo laid over its own, `photo_cut`, where it reads its own photo carried on).
A frame is the source with the moving faces' renderings laid in without a seam (`group_seam`): each by a
soft owner weight feathered across the border, the plate a front face uncovers over a face behind it
filled from that face, and each moving head layer laid back to front with its alpha as drawn, under the
faces in front of it (a face behind another premultiplied: its faded edge without its plate's share). A
face given no targets stays exactly as in the source where no moving face's layer reaches, and pixels far
from every face are the source bit for bit.

Made once per source frame: a still portrait builds one group for the whole video; video-to-video builds
one per source frame (`VideoFaceGroups`: with `setups`, so a face that barely moved reuses its key frame's
setup, and `like`, so the layout of a key frame's group is reused while every face barely moved) and calls
`render` once. Two overlapping faces move apart at most a few px (`away_cap`: what that uncovers, the hidden side
of the face behind, is not in the photo), said by `away_note`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.away_cap import away_note, capped_targets
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.face_regions import FaceRegions, faces_behind, front_measures
from facereel.engines.mesh.frame_setup import REUSE_FRAMES, REUSE_MOVE, KeyFrames, VideoFrameAnimators, barely_moved
from facereel.engines.mesh.group_seam import FILL_REACH, SEAM_FEATHER, Uncovered, plate_weight, soft_owners
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.photo_cut import carried_past


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
        like: the group of an earlier frame of the same video with the same faces where every face stood
            (nearly) where it stands in `faces` (`VideoFaceGroups`): its layout (owners, regions, order, seam
            weights, and each face's uncovered-plate weight while its setup reuses the same head mask) is
            reused instead of being made again; `front` and `meets` are then its.
    """

    def __init__(self, source: np.ndarray, faces: np.ndarray, moving: Sequence[int],
                 options: MeshOptions | None = None, setups: Mapping[int, VideoFrameAnimators] | None = None,
                 front: np.ndarray | None = None, meets: np.ndarray | None = None,
                 like: FaceGroup | None = None) -> None:
        self.source = np.ascontiguousarray(source)
        self.faces = np.asarray(faces, np.float32)
        self.front, self.meets = front, meets  # as given (`VideoFaceGroups` compares them)
        several = len(faces) > 1
        if like is None:
            regions = FaceRegions(self.faces, (source.shape[1], source.shape[0]), front, meets, self.source)
            self.owner = regions.owner  # (H, W) the index of the face each pixel belongs to
            self.ahead = regions.ahead if several else {index: [] for index in moving}
            """{face: the faces in front of it that overlap it} (`FaceRegions.ahead`)."""
            self._regions = {index: regions.region(index) for index in range(len(faces))} if several else {}
            self._under = {index: regions.under(index) for index in moving} if several else {}
            """{face: where the faces behind it lie, or None} (`FaceRegions.under`)."""
            self._carried = {index: regions.carried(index) for index in moving} if several else {}
            """{face: where its head layer goes on beyond its region, or None} (`FaceRegions.carried`)."""
            self._walled = {index: regions.walled(index) for index in moving if self._carried.get(index) is not None}
            """{face behind others: where its plate is its fill, not the source (`FaceRegions.walled`: its region
            and the strip of its hair it carries over the wall), the `region` its animator is given}."""
            self._kept = {index: regions.kept(index) for index in moving} if several else {}
            """{face: 0 past the photo edge that cuts it, where its drawn layer is not laid, or None}
            (`FaceRegions.kept`)."""
            self._sizes = front_measures(self.faces)[0]
            self._weights: dict[tuple[int, ...], dict[int, np.ndarray]] = {}  # `weights`' per set of faces moved
        else:  # the layout of an earlier frame of the video, where the faces stood (nearly) where they stand
            self.owner, self.ahead, self._regions, self._under = like.owner, like.ahead, like._regions, like._under
            self._carried, self._walled, self._kept = like._carried, like._walled, like._kept
            self._sizes, self._weights = like._sizes, like._weights
        self.animators = {}
        for index in sorted(set(moving)):
            region = self._walled.get(index, self._regions.get(index))
            under, carried = self._under.get(index), self._carried.get(index)
            own = self.source if self._kept.get(index) is None else carried_past(self.source, self._kept[index] < 1)
            self.animators[index] = (setups[index](own, self.faces[index], region, under, carried)
                                     if setups is not None else
                                     mesh_animator(own, self.faces[index], options, region=region,
                                                   under=under, carried=carried))
        moving = sorted(self.animators)
        self._uncovered: dict[int, Uncovered] = {}
        for index in moving:  # next to the faces it overlaps: behind it, or in front of it
            behind = faces_behind(self.ahead, index)
            near = behind + self.ahead.get(index, [])
            held = like._uncovered.get(index) if like is not None and index in like.animators else None
            if held is not None and like.animators[index].mask is self.animators[index].mask:
                self._uncovered[index] = held  # the same head mask (a reused setup) on the same layout
            elif near:
                alpha = self._full(index, self.animators[index].drawn_alpha())
                others = np.isin(self.owner, near)
                if index in self._walled:  # behind others: its hole stops at its region (not the strip it
                    region = self._regions[index]  # carries), and the strip over the wall is not the front
                    alpha *= region / np.maximum(np.maximum(region, self._carried[index]), 1e-6)  # face's: its
                    others &= self._walled[index] < 1  # smooth fill from there showed as a grey wedge above it
                self._uncovered[index] = Uncovered(plate_weight(alpha), alpha, others,
                                                   deep=self._under.get(index) is None,
                                                   region=self._regions.get(index),
                                                   reach=FILL_REACH * float(self._sizes[index]))
        self._colours = {index: uncovered.colour(self.source) for index, uncovered in self._uncovered.items()}
        # back to front: the faces with the most faces in front of them first
        self._order = sorted(moving, key=lambda index: -len(self.ahead.get(index, [])))
        self.held_back: dict[int, float] = {}
        """{face behind or in front of others: the most px `render` held its move away from them back (`away_cap`),
        over every frame rendered so far}."""

    def weights(self, moved: tuple[int, ...]) -> dict[int, np.ndarray]:
        """{face in `moved` (sorted face indices given targets): (H, W) float32, its render's soft owner
        weight (`group_seam.soft_owners`: 0 on the pixels of every face not moved)}; made once per set. A face
        behind others also owns the strip of its hair it carries over the wall (`FaceRegions.walled` beyond
        its region), whatever the owner map says: there its render shows its plate's fill (the wall) where its
        head moved off, not the front face's render of the still hair (a second copy of it, issue #12)."""
        if moved not in self._weights:
            feather = SEAM_FEATHER * float(self._sizes[list(moved)].min())  # px
            weights = soft_owners(self.owner, list(moved), feather)
            for face in moved:
                if face in self._walled:
                    strip = np.clip(self._walled[face] - self._regions[face], 0, 1)
                    weights = {other: (weight + strip * (1 - weight) if other == face else weight * (1 - strip))
                               for other, weight in weights.items()}
                if self._kept.get(face) is not None:  # its render (its photo carried on) not past its photo's edge
                    weights[face] = weights[face] * self._kept[face]
            self._weights[moved] = weights
        return self._weights[moved]

    def away_note(self) -> str | None:
        """The one-line note for the faces `render` held back from moving away from the faces in front of them
        (`away_cap.away_note` of `held_back`), or None."""
        return away_note(self.held_back, self.ahead, self._sizes)

    def _full(self, index: int, crop: np.ndarray) -> np.ndarray:
        """(H, W) float32: `crop` (h, w) on face `index`'s animator box, 0 elsewhere."""
        full = np.zeros(self.owner.shape, np.float32)
        x0, y0, x1, y1 = self.animators[index].box
        full[y0:y1, x0:x1] = crop
        return full

    def _plate_share(self, index: int, frame: np.ndarray, where: np.ndarray) -> np.ndarray:
        """(n, 3) float32 at the n >= 1 pixels `where` ((h, w) bool on face `index`'s animator box): what its last
        render `frame` ((H, W, 3) uint8), laid at its drawn alpha a, lays of its plate on the head's faded
        edge: (1 - a) * (a * plate - head), for the frame head + (1 - a) * plate (head premultiplied,
        `MeshAnimator.drawn_layer`); 0 where the eyes or the mouth drew over that sum (the frame off it by
        over a grey level). A face behind another is laid without it over what is not its own render
        (`render`: one minus its seam weight times what its uncovered plate left; over its own render,
        which holds its plate already, laying the frame at its alpha gives the frame back) (issue #12: the
        plate's fill behind the back head's faded edge showed as a grey rim along the cut where the head
        moved off the front one)."""
        animator = self.animators[index]
        x0, y0 = animator.box[:2]
        ys, xs = np.nonzero(where)
        rows, cols = slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1)  # read on where's bounds only
        inside = where[rows, cols]
        head, plate = (part[inside] for part in animator.drawn_layer((rows, cols)))
        alpha = animator.drawn_alpha((rows, cols))[inside][:, None]
        shown = frame[y0 + rows.start:y0 + rows.stop, x0 + cols.start:x0 + cols.stop][inside]
        laid = np.abs(shown - (head + (1 - alpha) * plate)).max(1, keepdims=True) <= 1
        return laid * (1 - alpha) * (alpha * plate - head)

    def _shields(self, index: int, face: int) -> bool:
        """Whether `face`'s layer hides face `index`'s: it is in front of it, or neither is in front."""
        return index not in self.ahead.get(face, [])

    def render(self, targets: dict[int, np.ndarray], drivers: dict[int, DriverFrame | None] | None = None
               ) -> np.ndarray:
        """(H, W, 3) uint8 RGB: each face in `targets` ({face index: (478, 3) target landmarks, image px})
        moved to its targets, a face overlapping others its move away from them capped (`away_cap`, said in
        `held_back`), every other face as in the source, laid in without a seam (`group_seam`).
        drivers: {face index: its driving frame} for the driver's mouth interior (`MeshAnimator.render`);
        faces without one get the synthetic one."""
        targets, held = capped_targets(self.faces, targets, self.ahead, self._sizes)
        for index, px in held.items():
            self.held_back[index] = max(self.held_back.get(index, 0.0), px)
        source = self.source.astype(np.float32)
        out = source.copy()
        frames, alphas = {}, {}
        weights = self.weights(tuple(sorted(targets)))
        for index, target in targets.items():
            frames[index] = self.animators[index].render(target, driver=(drivers or {}).get(index))
            alphas[index] = self._full(index, self.animators[index].drawn_alpha())
            if self._kept.get(index) is not None:  # not past the photo edge that cuts it: the other photo is there
                alphas[index] *= self._kept[index]
            x0, y0, x1, y1 = self.animators[index].box
            box = (slice(y0, y1), slice(x0, x1))
            out[box] += weights[index][box][..., None] * (frames[index][box] - source[box])
        covers = {**self._regions, **alphas}  # a face not moved covers its region
        shown: dict[int, np.ndarray] = {}
        for index, uncovered in self._uncovered.items():
            if index in alphas:  # its plate, uncovered next to a face it overlaps (the layers go over it below)
                shown[index] = ((1 - alphas[index]) * uncovered.weight)[..., None]
                out += shown[index] * (self._colours[index] - out)
        for index in self._order:
            if index in alphas:
                shield = np.prod([1 - covers[face] for face in covers if face != index and self._shields(index, face)],
                                 axis=0) if len(covers) > 1 else 1.0
                over = (alphas[index] * shield)[..., None]
                out += over * (frames[index] - out)
                if self.ahead.get(index):  # behind another face: its head's own colour, not its plate's
                    x0, y0, x1, y1 = self.animators[index].box
                    box = (slice(y0, y1), slice(x0, x1))
                    own = weights[index][box] * (1 - shown[index][box][..., 0] if index in shown else 1)
                    weight = shield[box] * (1 - own)
                    where = (weight > 0) & (alphas[index][box] > 0) & (alphas[index][box] < 1)
                    if where.any():
                        out[box][where] -= weight[where][:, None] * self._plate_share(index, frames[index], where)
        return np.clip(np.round(out), 0, 255).astype(np.uint8)


class VideoFaceGroups(KeyFrames[FaceGroup]):
    """The `FaceGroup` of each frame of a video (video-to-video), reusing the layout of the latest key frame's
    group (`FaceGroup(like=)`: owners, regions, seam weights, uncovered-plate weights) while the frame shows
    the same faces, moved as `moving`, in the same order (`front`, `meets`), each within `reuse_move` face
    sizes of where it stood in the key (`frame_setup.barely_moved`), at most `reuse_frames` frames after it:
    the rule `frame_setup.VideoFrameAnimators` reuses a face's setup by (both: `frame_setup.KeyFrames`). Each
    frame still gets its own animators (`setups`) and the plates' uncovered colour from its own pixels. Call
    `lost()` when the set of faces in the frame changes. `keys`: how many groups were laid out afresh so far;
    `frames`: how many groups were made."""

    def __init__(self, reuse_move: float | None = REUSE_MOVE, reuse_frames: int = REUSE_FRAMES) -> None:
        super().__init__(reuse_move, reuse_frames)

    def __call__(self, frame: np.ndarray, faces: np.ndarray, moving: Sequence[int],
                 setups: Mapping[int, VideoFrameAnimators], front: np.ndarray, meets: np.ndarray) -> FaceGroup:
        """frame: (H, W, 3) uint8 RGB; faces: (F, 478, 3) image px; the rest as `FaceGroup`'s."""

        def like_key(key: FaceGroup) -> bool:
            return (sorted(moving) == sorted(key.animators) and key.faces.shape == np.shape(faces)
                    and np.array_equal(front, key.front) and np.array_equal(meets, key.meets)
                    and all(barely_moved(now, then, self.reuse_move) for now, then in zip(faces, key.faces)))

        return self._next(like_key, lambda key: FaceGroup(frame, faces, moving, setups=setups, front=front,
                                                          meets=meets, like=key),
                          lambda: FaceGroup(frame, faces, moving, setups=setups, front=front, meets=meets))
