"""Which face owns each pixel when one source frame shows several faces: the front face over its own face,
else the nearest face.

A pixel's distance to a face is measured from the face-oval centre in units of that face's size (the
oval's larger extent), so a large face claims proportionally more room than a small one beside it. Each
face's head layer (alpha) and background plate are limited to the pixels it owns, fading to zero over
`FEATHER` before the border, and a composed frame takes every pixel from the face that owns it.

Overlapping faces (one partly in front of the other: their face ovals grown by `FRONT_MARGIN` + `FEATHER`
meet): the front face (`in_front`: the larger one, or of two about as large the lower one, as a nearer
person is in a group photo) owns its face oval grown by `FRONT_MARGIN` (the hairline and the cheeks' edge
the oval landmarks run inside of) and a `FEATHER` band around that, whatever the distances say, and a face
behind it fades in only beyond that band: a moving back face never paints over the front face, and the
front face's own layer covers its whole face. Beyond that band the front face's region also leaves the
pixels nearer (px) to the back face's oval than to its own: the top of the back person's hair beside the
front hairline, which its mask would otherwise take and drag along. Faces whose grown ovals do not meet
are split by distance alone, as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import cv2
import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.photo_cut import beyond
from facereel.face import landmark_ids as ids

FEATHER = 0.05  # face sizes: a face's region fades from 1 to 0 over this much before the border
FRONT_MARGIN = 0.08  # face sizes: how far beyond its oval a front face's own pixels reach (its hairline)
CARRY_FROM = FRONT_MARGIN / 2
"""Face sizes outside a front face's oval: a back face's carried head layer (`FaceRegions.carried`) fades in
from this far out, over `FEATHER`: under the front face's own band (its hairline and side hair, which its
layer covers), so the back head's cut follows it there when it moves off the front head (issue #12: beyond
the band, the strip between the two heads was still; its uncovered plate showed as a flat dark band over
the back cheek). Not nearer: the front face's ear and earring ride along."""
CARRY_BELOW_CHIN = 0.0
"""Face sizes below a back face's chin (along its own down axis, from its oval's centre to its chin): its
carried head layer (`FaceRegions.carried`) fades out from here, over `FEATHER`. Below the jaw the carried strip
is the front person's hair alone (the back person's own hair ends above), and the neck does not follow the
head: on big yaws of the back head that hair was dragged over her neck into a near-black wedge ending in a
sharp point (issue #12)."""
WALL_FROM = FRONT_MARGIN + 2 * FEATHER
"""Face sizes outside a front face's oval: beyond this (fading in over `FEATHER`) the strip of a back face's
hair its carried layer takes there lies over the wall (`FaceRegions.walled`); nearer, beside the front head's
side, the back person's hair goes on behind the front head (where the back head moves off it, the source)."""
WALL_UNDER_FRONT = 0.8
"""A front face's region: up to this much of it the strip of a back face's hair over the wall stays whole
(`FaceRegions.walled`), fading out linearly to where that region is whole (1). 0: one minus the region, as
before, where her plate under the region's fade band was the source and the thin strand tips of her hair
there stood still over the wall as a dark wisp when her head moved down or away (issue #12, lp_d12)."""
FAR = 1e6
"""A face's distance (face sizes) past the photo edge that cuts it (`photo_cut.beyond`): the pixels there are another
photo's, never its own."""
SAME_SIZE = 1.1  # two faces whose sizes differ by less than this factor are ordered by height, not size


def in_front(size_a: float, chin_a: float, size_b: float, chin_b: float) -> bool:
    """Whether face a is in front of face b: the larger by more than SAME_SIZE, else the one whose chin is
    lower in the frame (sizes in px; chins' y in px, down)."""
    if max(size_a, size_b) > SAME_SIZE * min(size_a, size_b):
        return size_a > size_b
    return chin_a > chin_b


def front_measures(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sizes (F,), chins (F,)) of faces (F, 478, 3) image px: what `in_front` compares, in px (a face's size
    is its oval's larger extent; its chin's y points down)."""
    ovals = np.asarray(faces, np.float32)[:, list(ids.FACE_OVAL), :2]
    return (ovals.max(1) - ovals.min(1)).max(1), np.asarray(faces, np.float32)[:, ids.CHIN, 1]


def front_matrix(sizes: np.ndarray, chins: np.ndarray) -> np.ndarray:
    """(F, F) bool: [a, b] = face a is `in_front` of face b (a still frame: no history)."""
    count = len(sizes)
    return np.array([[a != b and in_front(sizes[a], chins[a], sizes[b], chins[b]) for b in range(count)]
                     for a in range(count)], bool).reshape(count, count)


def oval_gap(oval_a: np.ndarray, oval_b: np.ndarray) -> float:
    """The shortest distance in px between two face ovals ((K, 2) float32 image px each; 0 where they touch
    or cross): it runs from a corner of one of them."""
    a, b = np.ascontiguousarray(oval_a, np.float32), np.ascontiguousarray(oval_b, np.float32)
    inside = [cv2.pointPolygonTest(polygon, (float(x), float(y)), True)
              for points, polygon in ((a, b), (b, a)) for x, y in points]
    return max(0.0, -max(inside))


def ovals_meet(faces: np.ndarray) -> np.ndarray:
    """(F, F) bool: [a, b] = the ovals of faces a and b (faces (F, 478, 3) image px), each grown by
    `FRONT_MARGIN` + `FEATHER` of its size, meet: their gap is at most that much of the sum of their sizes."""
    ovals = np.asarray(faces, np.float32)[:, list(ids.FACE_OVAL), :2]
    sizes = front_measures(faces)[0]
    count = len(ovals)
    meets = np.zeros((count, count), bool)
    for a in range(count):
        for b in range(a + 1, count):
            meets[a, b] = meets[b, a] = oval_gap(ovals[a], ovals[b]) <= (FRONT_MARGIN + FEATHER) * (sizes[a] + sizes[b])
    return meets


def meeting_pairs(frames: Sequence[np.ndarray]) -> np.ndarray:
    """(F, F) bool: [a, b] = the ovals of faces a and b, each grown by `FRONT_MARGIN` + `FEATHER` of its size,
    meet in at least one of `frames` (each (F, 478, 3) image px, NaN where a face is not in that frame): a
    video's pairs of overlapping faces, decided once for the clip (`FaceRegions(meets=)`), so a pair that
    touches in some frames only does not switch between the overlap rule and the nearest-face rule."""
    count = len(frames[0]) if len(frames) else 0
    meets = np.zeros((count, count), bool)
    for faces in frames:
        present = [index for index in range(count) if np.isfinite(faces[index]).all()]
        if len(present) > 1:
            meets[np.ix_(present, present)] |= ovals_meet(faces[present])
    return meets


def faces_behind(ahead: Mapping[int, Sequence[int]], front: int) -> list[int]:
    """The faces `front` is ahead of, in index order (`ahead`: {face: the faces in front of it that overlap it},
    `FaceRegions.ahead`)."""
    return sorted(face for face, fronts in ahead.items() if front in fronts)


class FaceRegions:
    """The partition of an image among its faces. faces: (F, 478, 3) image px; size: (width, height).
    front: (F, F) bool, [a, b] = face a is in front of face b; None: `in_front` on this frame alone
    (`front_matrix`; a video passes `front_order.FrontOrder`'s, which holds the order through near-ties).
    meets: (F, F) bool, [a, b] = faces a and b overlap (a video: `meeting_pairs` of its whole clip); None:
    whether their grown ovals meet in this frame.
    image: (H, W, 3) uint8 RGB, the frame: a face cut by the edge of another person's photo laid over its own owns
    nothing past that edge (`photo_cut.beyond`: its distance there `FAR`); None: no face is cut.

    Memory: a few (H, W) arrays, plus one per face that overlaps another (its distance outside its oval);
    the nearest and second-nearest distances are kept, not one map per face."""

    def __init__(self, faces: np.ndarray, size: tuple[int, int], front: np.ndarray | None = None,
                 meets: np.ndarray | None = None, image: np.ndarray | None = None) -> None:
        landmarks = np.asarray(faces, np.float32)
        self._ovals = landmarks[:, list(ids.FACE_OVAL), :2]
        self._centres = (self._ovals.min(1) + self._ovals.max(1)) / 2
        self._sizes = front_measures(landmarks)[0]
        several = image is not None and len(self._ovals) > 1
        self._beyond = {index: beyond(image, self._ovals, self._sizes, index) for index in range(len(self._ovals))
                        } if several else {}
        """{face: (H, W) bool, the pixels past the photo edge that cuts it, or None}."""
        self._chins = landmarks[:, ids.CHIN, :2]  # (F, 2) image px
        if front is None:
            front = front_matrix(self._sizes, self._chins[:, 1])
        self._y, self._x = np.mgrid[0:size[1], 0:size[0]].astype(np.float32)
        self.owner = np.zeros((size[1], size[0]), np.intp)  # (H, W) the index of the face owning each pixel
        self._nearest = np.full(self.owner.shape, np.inf, np.float32)
        self._second = np.full(self.owner.shape, np.inf, np.float32)
        for index in range(len(self._ovals)):
            distance = self.distance(index)
            closer = distance < self._nearest
            self._second = np.where(closer, self._nearest, np.minimum(self._second, distance))
            self._nearest = np.where(closer, distance, self._nearest)
            self.owner[closer] = index
        self._nearest_owner = self.owner.copy()
        self._outside: dict[int, np.ndarray] = {}
        self._meets = meets
        self.ahead = self._faces_ahead(front)
        """{face: the faces in front of it that overlap it (their grown ovals meet, or `meets`)}."""
        for face in sorted(self.ahead, key=lambda index: len(self._behind(index))):  # the frontmost last: it wins
            behind = self._behind(face)
            if behind:
                band = (self.outside(face) <= FRONT_MARGIN + FEATHER) & np.isin(self.owner, behind)
                self.owner[band] = face

    def _faces_ahead(self, front: np.ndarray) -> dict[int, list[int]]:
        """{face: the faces in front of it (`front` (F, F) bool, [a, b] = a in front of b) that overlap it
        (`meets`, else their grown ovals meet in this frame)}."""
        count = len(self._ovals)
        meet = self._meet if self._meets is None else lambda a, b: bool(self._meets[a, b])
        return {b: [a for a in range(count) if front[a, b] and meet(a, b)] for b in range(count)}

    def _behind(self, front: int) -> list[int]:
        """The faces `front` is ahead of (`faces_behind`)."""
        return faces_behind(self.ahead, front)

    def under(self, index: int) -> np.ndarray | None:
        """(H, W) float32, 1 where a face behind face `index` (one it is ahead of) owns the pixel, else 0: the
        person its head hides there (`MeshAnimator(under=)`); None when no face is behind it."""
        behind = self._behind(index)
        return np.isin(self.owner, behind).astype(np.float32) if behind else None

    def distance(self, index: int) -> np.ndarray:
        """(H, W) float32: each pixel's distance to face `index`'s oval centre over that face's size (`FAR` past the
        photo edge that cuts it)."""
        cx, cy = self._centres[index]
        distance = (np.hypot(self._x - cx, self._y - cy) / self._sizes[index]).astype(np.float32)
        past = self._beyond.get(index)
        return distance if past is None else np.where(past, np.float32(FAR), distance)

    def kept(self, index: int) -> np.ndarray | None:
        """(H, W) float32: 0 past the photo edge that cuts face `index`, 1 on its side (where its drawn head layer
        may show); None when no edge cuts it."""
        past = self._beyond.get(index)
        return None if past is None else (~past).astype(np.float32)

    def outside(self, index: int) -> np.ndarray:
        """(H, W) float32: each pixel's distance outside face `index`'s oval (0 inside), over its size."""
        if index not in self._outside:
            inside = np.zeros(self.owner.shape, np.uint8)
            cv2.fillPoly(inside, [np.round(self._ovals[index]).astype(np.int32)], 1)
            px = cv2.distanceTransform(1 - inside, cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
            self._outside[index] = (px / self._sizes[index]).astype(np.float32)
        return self._outside[index]

    def below_chin(self, index: int) -> np.ndarray:
        """(H, W) float32: each pixel's distance below face `index`'s chin along the face's down axis (from its
        oval's centre to its chin), over its size; negative above the chin."""
        down = self._chins[index] - self._centres[index]
        down = down / max(float(np.hypot(*down)), 1e-6)
        along = (self._x - self._chins[index][0]) * down[0] + (self._y - self._chins[index][1]) * down[1]
        return (along / self._sizes[index]).astype(np.float32)

    def _meet(self, a: int, b: int) -> bool:
        """Whether the ovals of faces a and b, each grown by FRONT_MARGIN + FEATHER of its size, meet."""
        reach = (FRONT_MARGIN + FEATHER) * (self._sizes[a] + self._sizes[b])
        return oval_gap(self._ovals[a], self._ovals[b]) <= reach

    def region(self, index: int) -> np.ndarray:
        """(H, W) float32 in [0, 1]: where face `index` may draw its head layer: 1 where it is nearer than
        every other face by `FEATHER` or more, 0 where another face is nearer (and on the border itself);
        over a face behind it, not where that face's oval edge is the nearer (px; fading over `FEATHER`: the
        top of the back person's hair beside the front head, which the nearest-centre rule gave the larger
        front face and its mask took, dragged along when it turned), but its own oval grown by
        `FRONT_MARGIN`, fading out over `FEATHER`; and 0
        over a face in front of it (its oval grown by `FRONT_MARGIN` + `FEATHER`), fading in over the next
        `FEATHER`."""
        if len(self._sizes) == 1:
            return np.ones(self.owner.shape, np.float32)
        others = np.where(self._nearest_owner == index, self._second, self._nearest)  # the nearest other face
        region = smoothstep(0.0, FEATHER, others - self.distance(index)).astype(np.float32)
        if self._behind(index):  # its own face, over the faces behind it
            for back in self._behind(index):  # not where a face behind it is the nearer by their ovals' edges
                gap = self.outside(back) * self._sizes[back] - self.outside(index) * self._sizes[index]  # px
                region = region * smoothstep(0.0, FEATHER, gap / self._sizes[index]).astype(np.float32)
            own = (1.0 - smoothstep(FRONT_MARGIN, FRONT_MARGIN + FEATHER, self.outside(index))) * (self.owner == index)
            region = np.maximum(region, own.astype(np.float32))
        return region * self._off_fronts(index)

    def _off_fronts(self, index: int, margin: float = FRONT_MARGIN + FEATHER) -> np.ndarray | float:
        """(H, W) float32 in [0, 1] (1.0 when no face is in front of face `index`): 0 over the faces in front
        of it (each one's oval grown by `margin` face sizes), fading in over the next `FEATHER`."""
        off: np.ndarray | float = 1.0
        for front in self.ahead[index]:
            off = off * smoothstep(margin, margin + FEATHER, self.outside(front)).astype(np.float32)
        return off

    def carried(self, index: int) -> np.ndarray | None:
        """(H, W) float32 in [0, 1]: where the head layer of face `index`, behind other faces, goes on beyond
        its `region` (None when no face is in front of it): `region` without the nearest-face rule against
        the faces in front of it, so the strip of its own hair that rule gave to none of the two (beside the
        front head, outside the front face's region), and at cheek level the front person's side hair
        beside the back cheek, move with its head instead of standing still while the head moves off them
        (the hole between them showed the plate's flat fill, issue #12). Only the front faces' ovals grown
        by `CARRY_FROM` (`_off_fronts`: under the front face's own band, which its layer covers) and the
        nearest-face rule against the other faces cut it; and below its chin it stops (`CARRY_BELOW_CHIN`)."""
        if not self.ahead[index]:
            return None
        others = [face for face in range(len(self._sizes)) if face != index and face not in self.ahead[index]]
        carried = np.asarray(self._off_fronts(index, CARRY_FROM), np.float32)
        carried = carried * (1.0 - smoothstep(CARRY_BELOW_CHIN, CARRY_BELOW_CHIN + FEATHER, self.below_chin(index)))
        if others:
            nearest = np.min([self.distance(face) for face in others], axis=0)
            carried = carried * smoothstep(0.0, FEATHER, nearest - self.distance(index)).astype(np.float32)
        return carried

    def walled(self, index: int) -> np.ndarray:
        """(H, W) float32 in [0, 1]: where the plate of face `index` is its fill, not the source (`MeshAnimator`'s
        `region`: its plate is the source wherever that is under 1, `layers.cut_source`): its `region`, and for
        a face behind others also the strip its `carried` layer takes beyond `WALL_FROM` of the front faces'
        ovals (fading in over `FEATHER`), off their regions (whole up to `WALL_UNDER_FRONT` of the largest of
        them, fading out to where it is whole): the top of the back person's own hair beside the front head,
        over the wall, which the nearest-face rule gave to neither face. Her head takes that hair along, so
        what it leaves there is the wall: with the source there, a still second copy of her hair showed above
        her moved-down head (issue #12, lp_s5 behind lp_s1 on lp_d12; `figures.still_copy`). Nearer the front
        oval (beside the front head's side, the cheek level) the plate stays the source: her hair goes on
        behind the front head there, and the wall showed as a light gap between the two heads where hers
        rolled or turned away."""
        region = self.region(index)
        if not self.ahead[index]:
            return region
        fronts = np.max([self.region(front) for front in self.ahead[index]], axis=0)
        outside = np.min([self.outside(front) for front in self.ahead[index]], axis=0)
        beyond = smoothstep(WALL_FROM, WALL_FROM + FEATHER, outside)
        off = np.clip((1.0 - fronts) / (1.0 - WALL_UNDER_FRONT), 0.0, 1.0)
        return np.maximum(region, self.carried(index) * off * beyond).astype(np.float32)
