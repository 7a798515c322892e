"""The neck's sides following the turned jaw (issue #9: the wall's wedge under a turned, raised chin).

`neck.NeckWarp` leans the neck's front with the chin and its sides with the neck's axis, which hardly moves
on a turn. A turned head carries the jaw where the neck's side meets it outward, past the side: the photo's
wall between them showed as a white wedge under lp_s1's far jaw. Here each side whose meeting point moves
outward is pulled along: the side's columns at the top of the neck take the meeting point's sideways motion,
fading to none at the side's collar line (at most `PULL_SLOPE` px per row: the pull is at most what the room
down to it allows) and back into the neck's own lean across it (at most `neck.MAX_STRETCH` times stretched),
joined to the lean without a step (`with_pull`); outside the side the background is stretched to the box's
edge. A creased neck is pulled less (`side_plainness`): sr_18's creases, pulled 1 px a row down and 2.5 times
across, showed as streaks fanning out under its turned jaw, with a pale smear by the ear.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.draw_kernels import add_outer, pull_into
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.neck_layer.jaw_line import lowest_crossings

MAX_PULL = 0.35
"""Face sizes: the neck's side is pulled at most this far sideways (a jaw tracked badly never drags the
neck across the frame)."""

PULL_SLOPE = 1.0
"""Px of pull per row at most as it fades down to the collar line (45 deg: lp_s1's raised chin needs about
that to close its wedge; 3.4 sheared sr_18's neck into horizontal streaks)."""
PLAIN_SPAN = (0.05, 0.3)
"""Face sizes inward of a side: the neck's columns whose plainness `side_plainness` reads (past its outline,
whose own edge is not skin's texture)."""
PLAIN_DEPTH = 0.1
"""Face sizes above the side's collar line that `side_plainness` reads at least (a side whose hole ends just
above its collar line has only a few rows of neck)."""
PLAIN_FACE_PX = 160.0
"""Px of the face at which the neck's plainness is read for `side_plainness` (`neck._plainness` reads edges in
grey levels per px: sr_18's creased right side read 0.14 at 512 px and 0.42 at its own 1600 px)."""
PLAIN_PULL = (0.5, 0.75)
"""A side is pulled in full where its neck's plainness (`side_plainness`) is over the second, not at all
under the first (read at `PLAIN_FACE_PX`, the portrait at 512 px / at its own size: lp_s1's sides 0.82, 0.81 /
0.82, 0.95; lp_s0's 0.97, 0.97 / 0.87, 0.93; sr_4's 0.92, 0.76 / 0.83, 0.66; sr_18's creased neck 0.47, 0.16 /
0.64, 0.05; lp_s3's 0.35, 0.77 / 0.53, 0.65; lp_s5's 0.24, 0.42 / 0.24, 0.38). From 0.3, sr_18's left side
was pulled 60 % at 512 px and carried its creases up to the turned jaw (frames 16-22), with no wedge to close
there (the jacket's dark collar beside it)."""
RISE_PULL = (0.1, 0.15)
"""Face sizes a side's meeting point rises above its place in the photo from which the side is pulled, however
creased, in full from the second, as far as it rises steeply (`STEEP`; the larger of this share and `PLAIN_PULL`'s):
a rolled head lifts the ear lobe's foot off the still neck's side (sr_18's left side rolled 15 / 20 / 30 deg at 512
px: 0.12 / 0.16 / 0.25 face sizes up, 9-11 px out), and beside its creased neck the background's fill showed as a
black notch under the lobe."""
STEEP = (0.6, 0.8)
"""Px a meeting point goes out per px it rises: a rise is pulled for in full under the first, not at all over the
second. sr_18's rolled lobe foot goes 0.37-0.62 px out per px up; turned and raised (preset:turn 16-20, 40-44) its
sides go 0.8-2 (pulled, the right side's creases showed a flat patch with a straight edge under the jaw), rolled -30
deg its right side 3.2."""


def side_plainness(plain: np.ndarray, skin: np.ndarray, sides: tuple[int, int], tops: tuple[float, float],
                   collars: tuple[float, float], face_px: float) -> tuple[float, float]:
    """How plain the neck is inward of each side, left and right, in [0, 1]: the mean plainness `plain`
    ((n, m) float32 on the neck box, `neck._plainness` read at `PLAIN_FACE_PX`: 0 near strong edges, a crease
    as much as a collar) over the mean skin likeness `skin` ((n, m) float32, `neck._skin_likeness`) in the
    columns `PLAIN_SPAN` face sizes inward of the side (`sides`: box columns) and the rows from the hole's
    end there (`tops`, box rows, at most `PLAIN_DEPTH` face sizes above the collar) down to its collar line
    (`collars`, box rows). 0 where there is no skin."""
    inset, span = (int(round(v * face_px)) for v in PLAIN_SPAN)
    m = plain.shape[1]
    out = []
    for side, top, collar, inward in zip(sides, tops, collars, (1, -1)):
        near, far = side + inward * inset, side + inward * span
        cols = slice(max(0, min(near, far)), min(m, max(near, far) + 1))
        rows = slice(max(0, int(min(top, collar - PLAIN_DEPTH * face_px))), max(0, int(collar)))
        area = float(skin[rows, cols].sum())
        out.append(float(plain[rows, cols].sum()) / area if area >= 1 else 0.0)
    return out[0], out[1]


class SidePull:
    """The backward pull along x that carries each of the neck's sides (`sides`: its outermost columns, left
    and right, crop px) to where the jaw carried the point meeting it, on the neck box (`rows`, `cols`: n rows,
    m columns) of one source: what depends on the source only (where each side meets the source jaw `source`
    ((J, 2) crop px, `jaw_line.lowest_crossings`), each side's share of the pull from its neck's `plainness`
    (left, right; `side_plainness`) through `PLAIN_PULL`, the rows' distance above each side's collar line
    (`collars`, crop rows) and the columns' from each box edge) is built once; `__call__` builds a frame's."""

    def __init__(self, source: np.ndarray, sides: tuple[float, float], collars: tuple[float, float], rows: slice,
                 cols: slice, face_px: float, stretch: float, plainness: tuple[float, float] = (1.0, 1.0)) -> None:
        self.sides, self.collars, self.rows, self.cols = sides, collars, rows, cols
        self.face_px, self.stretch, self.plainness = face_px, stretch, plainness
        self._crossings = lowest_crossings(source, np.array(sides, source.dtype))  # row, segment, fraction: (2,)
        self._edges = (cols.start, cols.stop - 1)  # the box's edge outward of each side
        self._shares = tuple(float(smoothstep(*PLAIN_PULL, plain)) for plain in plainness)
        ys = np.arange(rows.start, rows.stop, dtype=np.float32)[:, None]
        self._xs = np.arange(cols.start, cols.stop, dtype=np.float32)[None]  # (1, m) crop px
        self._above_collar = tuple(collar - ys for collar in collars)  # (n, 1) px per side
        self._from_edge = tuple(self._xs - edge for edge in self._edges)  # (1, m) px per side

    def _lifted(self, up: float, out: float) -> float:
        """In [0, 1]: the share of the pull a side's meeting point earns by rising `up` px while going `out` px
        sideways (`RISE_PULL`, `STEEP`), whatever its plainness."""
        if up <= 0:
            return 0.0
        rise = float(smoothstep(*RISE_PULL, up / self.face_px))
        return rise * (1 - float(smoothstep(*STEEP, out / up)))

    def meeting_points(self, target: np.ndarray) -> np.ndarray:
        """(2, 2) crop px: where the point of the source jaw line lowest at each side's column lies on the jaw
        line `target` ((J, 2) crop px, the same points moved): the same fraction along the same segment. NaN
        where the jaw does not reach the column."""
        row, k, t = self._crossings
        moved = (target[k] + t[:, None] * (target[k + 1] - target[k])).astype(np.float32)
        return np.where(np.isnan(row)[:, None], np.nan, moved).astype(np.float32)

    def __call__(self, target: np.ndarray) -> np.ndarray | None:
        """(n, m) float32 backward displacement px along x on the neck box for the jaw moved to `target`
        ((J, 2) crop px): each side pulled to its meeting point's place (`meeting_points`) where that is
        outward of the side, at most `MAX_PULL` face sizes and `PULL_SLOPE` px per row between that point and
        the side's collar line: in full down to that point's row, fading linearly to none at the collar line;
        across, in full outside the moved side, fading to none at the box's edge, and inward over as many
        columns as keep the neck stretched at most `stretch` times. A side whose meeting point moves inward is
        not pulled (the neck shows under the jaw there, as it should); None when neither side is (most frames:
        nothing is built). Each side's pull is scaled by its share (a creased neck's creases streak when
        pulled)."""
        pulled = []  # (side, collar, outward, edge, shift, meeting row, rows above the collar, columns from the edge)
        meeting = self.meeting_points(target)
        for i, outward in ((0, -1.0), (1, 1.0)):
            side, collar, moved = self.sides[i], self.collars[i], meeting[i]
            if np.isnan(moved[0]):
                continue
            share = max(self._shares[i], self._lifted(float(self._crossings[0][i]) - float(moved[1]),
                                                      abs(side - float(moved[0]))))
            if share == 0:
                continue
            shift = share * float(np.clip(side - moved[0], -MAX_PULL * self.face_px, MAX_PULL * self.face_px))
            if shift * outward >= 0 or moved[1] >= collar:  # (shift: source minus target)
                continue
            # At most `PULL_SLOPE` px per row of fade down to the collar line (a raised chin's meeting point
            # just above the collar sheared sr_18's neck into streaks).
            shift = float(np.sign(shift)) * min(abs(shift), (collar - float(moved[1])) * PULL_SLOPE)
            pulled.append((side, collar, outward, self._edges[i], shift, moved[1], self._above_collar[i],
                           self._from_edge[i]))
        if not pulled:
            return None
        xs = self._xs
        pull = np.zeros((self.rows.stop - self.rows.start, self.cols.stop - self.cols.start), np.float32)
        for side, collar, outward, edge, shift, meets, above_collar, from_edge in pulled:
            to = side - shift  # the side's column in the frame
            down = np.clip(above_collar / (collar - meets), 0.0, 1.0)
            width = abs(shift) / (1 - 1 / self.stretch)  # the fade's slope keeps the stretch under `stretch`
            inward = (xs - to) * -outward  # px from the moved side into the neck
            across = np.where(inward >= 0, np.clip(1 - inward / width, 0.0, 1.0),
                              smoothstep(0.0, 1.0, from_edge / (to - edge) if to != edge else np.ones_like(xs)))
            add_outer(pull, (shift * down)[:, 0], across[0])  # numpy's float32 product, one pass
        return pull


def with_pull(lean: np.ndarray, fade: np.ndarray, pull: np.ndarray) -> None:
    """The neck's own `lean` ((n, m) float32 backward displacement px along x, changed in place) joined with
    the sides' `pull` (`SidePull`, (n, m) px) times `fade` ((n,) float32 per row): where they agree in sign
    the larger one; where the lean goes the other way their sum: continuous where the pull fades to none
    (taking the larger there stepped from the lean to nothing, a streak across sr_18's turned neck). One
    compiled pass (`draw_kernels.pull_into`)."""
    pull_into(lean, fade, pull)
