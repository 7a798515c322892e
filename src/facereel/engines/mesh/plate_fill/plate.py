"""The background plate's fill behind the head: the background right beside the head, carried inwards.

A turning or moving head uncovers the plate next to where its outline was, so what matters most is that
the fill there looks like the background that touched the head. Push-pull from all the background around
the hole (`layers.fill_hole`) averages in what lies farther away: a bright pillar a few px beyond a dark
strip beside the hair, the lighter middle of a grey wall, and shows it as a smooth, bright, head-shaped
halo (sr_4, lp_s12). Here each hole pixel instead takes the colour of the nearest pixels of a thin ring of
background right outside the hole (averaged along the ring, so no single noisy pixel is drawn out into a
ray), blurred more the deeper it lies in the hole (so the seams between the parts of the ring meet
smoothly), and gets back the background's fine texture (film grain, fabric, blur noise) mirrored from
across the hole's edge, its amplitude limited to what the ring shows away from strong edges. That ring
fill does not continue the background's structure (lp_s1's curtain folds and pelmet become one flat dark
smear); with `MeshOptions.plate_shifts` (off by default) it is the start of, and the fallback for,
`offset_fill.offset_fill` on the background's side of the hole, which copies the background beside the
hole shifted so that folds, edges and stripes go on into it. Where the person's body (clothes,
shoulders) is nearer than the background, its own ring is carried in the same way (`body_side`): behind
hair lying on a shoulder the plate is the clothes, not the curtain beside it.

The hole reaches past the head's alpha by its margin; behind that margin's transparent pixels the plate
would be the photo, and with it whatever the head casts on the background there (a painting's dark shadow
round the hair, a lighter rim): left in place when the head moves, it drew the old outline as an arc
beside the lighter fill (lp_s0, lp_s5). `margin_shadow` is that difference from the fill, smoothed; the
plate there is the photo minus it, and the head layer carries it with the head.

The margin's plate (the photo, minus what the head casts) and the fill under the head then meet at the
head's outline; where the photo there is the background's own structure (sr_4's dark wall strip behind
the nape) or the person's skin (the neck's lit back edge, where the head layer's nape ends on the neck),
the fill under the head took the ring's colour, and the head uncovering it showed a pale, jagged shape
with the outline's hard edges, and a light line where the head layer's edge, made against the fill, lay
over the photo. `edge_match` carries the step at the outline into the fill under the head, fading out.

The person mask is grown past the hair's fringe, so a thin strip of background right beside the head is held
in it and the ring lies beyond: sr_4's 5-6 px dark column (the arch's shadowed edge) between its hair and ear
and a lit pillar, which the ring filled with the pillar's light (a light wedge cutting the moved hair, a grey
blotch under the lobe read as a piece of ear). Where the background above and below a column of the hole
agree and the ring's fill is far from both (`column_runs`), the column is that background carried straight
through, and the ring fill round it starts from it (`layers.background_plate`). Where the hole runs on below to the
crop's bottom (`--body`'s hole holds the shoulders), the dark column beside the carried pillar's edge has no background
below it: it goes on from above as far down as its carried neighbour (`runs_carried_on`).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel, padded_box
from facereel.engines.mesh.plate_fill.offset_fill import offset_fill

RING = 0.4
"""Width of the ring of background outside the hole whose colour is carried in, in units of the hole's
margin around the head (`MeshOptions.plate_grow`, 0.05 face sizes): 0.02 face sizes."""
ALONG = 0.6
"""The ring's colour is averaged along it over about this much (Gaussian sigma, the margin's units)."""
DEPTH_BLUR = 0.5
"""A hole pixel d px deep is blurred over about d * this (Gaussian sigma, px): sharp at the edge, smooth
deep inside."""
WORK_MARGIN = 8.0  # px: the colour is carried at a size where the hole's margin is about this wide
TEXTURE_SIGMA = 1.5  # px: the texture is the image minus its blur at this sigma
TEXTURE_LIMIT = 2.5  # the texture is clipped at this many times its median absolute value on the ring
SHADOW_SIGMA = TEXTURE_SIGMA
"""px: what the head casts on its margin is the photo minus the fill, smoothed over about this (Gaussian
sigma): finer than this (grain) the margin keeps the photo's own texture, which stays in place."""
SHADOW_MOST = 30.0
"""Grey levels: what the head casts darkens or lightens the background beside it by at most about this
(the painted shadows round lp_s0's and lp_s5's hair: 15-30); from here to twice this a difference from the
fill is more and more taken for the background's own structure (sr_4's dark wall strip between its hair
and a bright pillar: 100), which stays in place, within `SHADOW_REACH` px of it."""
SHADOW_REACH = 6  # px
MATCH_REACH = 1.5
"""Hole margins: the step between the plate beside the head and the fill under it (`edge_match`) fades
out over this far inside the head."""
CUT_STRETCH = 3.0
"""Hole margins: the outline's usual step (`edge_match`) is read along it over about this much (Gaussian sigma)."""
CUT_SPREAD = 20.0
"""RGB distance: the outline's usual step is the mean of the steps along it reweighted twice by a Gaussian of
their distance from the mean, over this (a step over a short stretch of the outline, the flag's star, drops out)."""
CUT_STEP = (30.0, 60.0)
"""RGB distances: a step this far from the outline's usual step is none, then all, an object the outline cuts (and
only as far as it is lighter, by up to the first of these in mean grey levels)."""
CUT_REACH = 0.4
"""Hole margins: an object the outline cuts goes on into the fill under the head this far (smoothstep to none)."""
COLUMN_REACH = 3  # px: `column_runs` reads the background this far above and below a run of the hole
COLUMN_AGREE = 30.0
"""RGB distance: the background's means above and below a run of the hole agree within this (a vertical
structure going on behind the head, not a horizontal edge)."""
COLUMN_DIFFER = 60.0
"""Grey levels: a run is carried where the ring's fill differs from the line between above and below by this
(mean over the run): only where the ring took its colour from something else (sr_4's pillar)."""
COLUMN_BACKGROUND = 0.9  # `column_runs`' reads above and below need background at least this (1 - person)
COLUMN_WIDTH = 1.0
"""Hole margins: runs carried together span at least this many columns (a background going on behind the head,
not a thin thread above it that happens to match something below: grace_hopper's flag cord and fringe)."""


def nearest_pixels(source: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distance (h, w) float32 px to the nearest True pixel of `source` (h, w) bool, and that pixel's flat
    index (h, w) int64."""
    distance, labels = cv2.distanceTransformWithLabels((~source).astype(np.uint8), cv2.DIST_L2, 5,
                                                       labelType=cv2.DIST_LABEL_PIXEL)
    index = np.zeros(int(labels.max()) + 1, np.int64)
    index[labels[source]] = np.flatnonzero(source)
    return distance, index[labels]


def _depth_blur(image: np.ndarray, depth: np.ndarray, sigma_per_px: float) -> np.ndarray:
    """(h, w, 3) float32: `image` blurred per pixel over ~`depth` (h, w) px * `sigma_per_px`: the levels
    of a Gaussian pyramid (blur doubling per level), brought back to full size and blended with hat
    weights in log2 of the wanted blur."""
    h, w = depth.shape
    position = np.log2(np.maximum(depth * sigma_per_px, 1.0))
    levels = min(int(np.ceil(position.max())), max(0, int(np.log2(min(h, w) / 4))))  # down to ~4 px
    position = np.minimum(position, levels)  # deeper pixels take the coarsest level
    out = image * np.clip(1 - position, 0, 1)[..., None]
    level = image
    for k in range(1, levels + 1):
        level = cv2.pyrDown(level)
        weight = np.clip(1 - np.abs(position - k), 0, 1)[..., None]
        out += cv2.resize(level, (w, h), interpolation=cv2.INTER_LINEAR) * weight
    return out


def _texture(image: np.ndarray, hole: np.ndarray, known: np.ndarray, ring: np.ndarray, near: np.ndarray
             ) -> np.ndarray:
    """(h, w, 3) float32 fine texture for the hole (0 outside it): the image's high-pass at the hole
    pixel's mirror image across its nearest ring pixel (`near`, flat indices), where that is known
    background; clipped to `TEXTURE_LIMIT` times the ring's median absolute high-pass, so strong edges
    beside the hole are not mirrored in as lines."""
    h, w = hole.shape
    detail = (image - cv2.GaussianBlur(image, (0, 0), TEXTURE_SIGMA)).reshape(-1, 3)
    limit = TEXTURE_LIMIT * max(float(np.median(np.abs(detail[np.flatnonzero(ring)[::7]]))), 1e-3)
    index = np.flatnonzero(hole)
    ys, xs = np.divmod(index, w)
    ny, nx = np.divmod(near.ravel()[index], w)
    mirror = np.clip(2 * ny - ys, 0, h - 1) * w + np.clip(2 * nx - xs, 0, w - 1)
    use = known.ravel()[mirror]
    out = np.zeros((h * w, 3), np.float32)
    out[index[use]] = np.clip(detail[mirror[use]], -limit, limit)
    return out.reshape(h, w, 3)


def distance_outside(hole: np.ndarray, known: np.ndarray) -> np.ndarray:
    """(h, w) float32 px: each pixel's distance to the nearest pixel of `known` ((h, w) in [0, 1], over 0.5)
    outside the `hole` ((h, w), nonzero inside): what `body_side` compares."""
    return cv2.distanceTransform(((hole > 0) | (known <= 0.5)).astype(np.uint8), cv2.DIST_L2, 5)


def body_side(to_background: np.ndarray, to_body: np.ndarray, margin_px: float) -> np.ndarray:
    """(h, w) float32 in [0, 1]: how much a pixel of the hole stands over the person's body rather than
    beside it, over the background, from its distances (px, `distance_outside`) to the known background
    `to_background` and to the known body `to_body` (both (h, w)): 1 where the body is nearer by a
    `margin_px` or more, 0 where the background is that much nearer, graded between. Behind hair lying on a
    shoulder the fill is the clothes under it; behind the nape, beside the neck, it is the background."""
    return np.clip(0.5 + (to_background - to_body) / (2 * max(margin_px, 1.0)), 0, 1).astype(np.float32)


def neck_body_side(side: np.ndarray, to_background: np.ndarray, to_person: np.ndarray, neck: np.ndarray,
                   margin_px: float, hair: np.ndarray | None = None, person: np.ndarray | None = None) -> np.ndarray:
    """(h, w) float32 in [0, 1]: `body_side`'s `side` ((h, w)) raised, in the rows of the `neck` band ((h, w) in
    [0, 1]; by its strongest pixel in the row), to the side measured from `to_person` ((h, w) px, the distance
    to the person beside the band, its thin strips kept) instead of the eroded body. Beside a neck no wider
    than the hole's margin the eroded body has nothing left, so behind the jaw angle the hole was filled
    from the wall and the neck layer stretched it into a white notch inside the person (lp_s6, issue #9).
    hair: (h, w) in [0, 1], the hanging hair's hole (`hair_hole`): not raised there, behind a lock hanging
    over the background the side stays the ring's (lp_s5's lock tip, whose hole lies nearer the person's
    fringe than the wall: the dress strap's grey was carried in as a teardrop). person: (h, w) in [0, 1], the
    person's mask (`HeadMask.person`): raised on it only; off it the row is the wall the segmentation sees, and the
    raise carried the collar's knit and the neck's edge onto it beside a wide neck, pale flecks a turned head
    uncovered under the ears (lp_d19 as a video source, `figures/body_on_wall`)."""
    rows = neck.max(axis=1)[:, None]
    if hair is not None:
        rows = rows * (1 - hair)
    if person is not None:
        rows = rows * person
    return (side + rows * np.maximum(body_side(to_background, to_person, margin_px) - side, 0)).astype(np.float32)


def hair_hole(hanging: np.ndarray, margin_px: int) -> np.ndarray:
    """(h, w) float32 in [0, 1]: the hanging hair (`HeadMask.hanging`, (h, w) over 0.5) grown by the hole's margin
    (`margin_px` px), as the plate's hole is grown round the head."""
    return cv2.dilate((hanging > 0.5).astype(np.uint8), disc_kernel(margin_px)).astype(np.float32)


def hair_near(hanging: np.ndarray, margin_px: int) -> np.ndarray:
    """(h, w) float32 in [0, 1]: 1 on the hanging hair (`HeadMask.hanging`, (h, w) over 0.5), falling linearly to 0
    `margin_px` px away from it: `hair_hole`'s reach, soft, so a fill cut by it has no hard arc at the hole's end."""
    away = cv2.distanceTransform((hanging <= 0.5).astype(np.uint8), cv2.DIST_L2, 5)
    return np.clip(1 - away / max(margin_px, 1), 0, 1).astype(np.float32)


def ring_fill(image: np.ndarray, hole: np.ndarray, background: np.ndarray, margin_px: float,
              body: np.ndarray | None = None, side: np.ndarray | None = None, shifted: bool = False,
              stripes: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray | None:
    """(h, w, 3) float32: `image` ((h, w, 3) uint8 or float) with the pixels of `hole` ((h, w), nonzero
    inside) filled from the background ring right outside it; elsewhere the image. background: (h, w) in
    [0, 1], where the image shows background (not the person); margin_px: how far the hole reaches past the
    head (px), the unit of `RING` and `ALONG`. body: (h, w) in [0, 1], the person's body that may stand
    behind the hole (the clothes and shoulders under hanging hair), carried in from its own ring where it
    is nearer than the background, so neither takes the other's colour: by `side` ((h, w) float32, its
    `body_side`; needed with `body`). shifted: on the background's side the fill is then the background
    shifted in (`offset_fill`) where a shift reaches it (`MeshOptions.plate_shifts`). stripes: the background's
    stripes carried on across the hole (`stripe_carry`, with their own grain for the ring's mirrored texture): their
    (h, w, 3) float32 colour and (h, w) float32 share in [0, 1] over the ring's colour (`ear_bared`'s band times
    the carry's weight, `layers.background_plate`); None: nowhere. None when
    no background touches the hole (nothing to carry in)."""
    image = image.astype(np.float32)
    inside = hole > 0
    known = background_known = ~inside & (background > 0.5)
    carried = _carried_from(image, inside, known, margin_px)
    if carried is None:
        return None
    colour, ring = carried
    striped_share = None  # where the stripes carried bring their own grain: the ring's is laid over the rest only
    if stripes is not None:
        striped_share = stripes[1][..., None]
        colour = colour + striped_share * (stripes[0] - colour)
    if body is not None:
        known_body = ~inside & ~known & (body > 0.5)
        from_body = _carried_from(image, inside, known_body, margin_px)
        if from_body is not None:
            colour = colour + side[..., None] * (from_body[0] - colour)
            ring, known = ring | from_body[1], known | known_body
    _, near = nearest_pixels(ring)
    texture = _texture(image, inside, known, ring, near)
    filled = colour + (texture if striped_share is None else (1 - striped_share) * texture)
    moved = offset_fill(image, filled, inside, background_known, margin_px) if shifted else None
    if moved is not None:  # the background's structure goes on into the hole; the body's side is carried
        filled = moved if side is None else moved + side[..., None] * (filled - moved)
    return np.where(inside[..., None], filled, image)


def _carried_from(image: np.ndarray, inside: np.ndarray, known: np.ndarray, margin_px: float
                  ) -> tuple[np.ndarray, np.ndarray] | None:
    """The colour (h, w, 3) float32 of the ring of `known` ((h, w) bool) right outside the hole (`inside`,
    (h, w) bool) carried in (`_carried`, at a size where the hole's margin is about `WORK_MARGIN` px), and
    that ring (h, w) bool; None when the ring is empty."""
    ring = _ring(inside, known, margin_px)
    if not ring.any():
        return None
    h, w = inside.shape
    step = max(1, round(margin_px / WORK_MARGIN))  # the colour is carried at 1/step of the size
    small = (max(1, w // step), max(1, h // step))
    small_inside = cv2.resize(inside.astype(np.uint8), small, interpolation=cv2.INTER_NEAREST) > 0
    small_known = cv2.resize(known.astype(np.uint8), small, interpolation=cv2.INTER_NEAREST) > 0
    small_ring = _ring(small_inside, small_known, margin_px / step)
    if step > 1 and small_ring.any():
        shrunk = cv2.resize(image, small, interpolation=cv2.INTER_AREA)
        colour = _carried(shrunk, small_ring, margin_px / step)
        return cv2.resize(colour, (w, h), interpolation=cv2.INTER_LINEAR), ring
    return _carried(image, ring, margin_px), ring


def _ring(inside: np.ndarray, known: np.ndarray, margin_px: float) -> np.ndarray:
    """(h, w) bool: the known background (`known`, (h, w) bool) within `RING` margins outside the hole
    (`inside`, (h, w) bool)."""
    outside_distance = cv2.distanceTransform((~inside).astype(np.uint8), cv2.DIST_L2, 5)
    return known & (outside_distance <= max(2.0, RING * margin_px))


def _carried(image: np.ndarray, ring: np.ndarray, margin_px: float) -> np.ndarray:
    """(h, w, 3) float32: at every pixel the colour of the `ring` ((h, w) bool, not empty) nearest to it,
    averaged along the ring over `ALONG` margins and blurred over `DEPTH_BLUR` times its distance from it."""
    sigma = max(1.0, ALONG * margin_px)
    weight = cv2.GaussianBlur(ring.astype(np.float32), (0, 0), sigma)
    along = cv2.GaussianBlur(image * ring[..., None], (0, 0), sigma) / np.maximum(weight, 1e-6)[..., None]
    depth, near = nearest_pixels(ring)
    return _depth_blur(along.reshape(-1, 3)[near], depth, DEPTH_BLUR)


def column_runs(image: np.ndarray, hole: np.ndarray, background: np.ndarray, filled: np.ndarray, margin_px: float
                ) -> tuple[np.ndarray, np.ndarray] | None:
    """The background carried straight down the columns of the hole where it goes on behind the head: (h, w, 3)
    float32 colour and (h, w) bool where it is carried, or None where no column is. A run of the `hole` ((h, w),
    nonzero inside) down a column goes on where `COLUMN_REACH` px right above and right below it are background
    (`background`, (h, w) in [0, 1], at least `COLUMN_BACKGROUND`) whose mean colours in `image` ((h, w, 3))
    agree within `COLUMN_AGREE`: its colour is the line between them. Such runs side by side are carried
    together where the ring's fill `filled` ((h, w, 3) float32) differs from the line by `COLUMN_DIFFER` (mean
    grey over the run) on any of them and they span `COLUMN_WIDTH` hole margins (`margin_px`, px): the whole edge
    (sr_4's dark column and the pillar's soft edge beside it), not its dark half alone beside a ring fill that
    mixes it with the pillar into a dark stripe."""
    h, w = hole.shape
    image = image.astype(np.float32)
    seen = background >= COLUMN_BACKGROUND
    out = np.zeros((h, w, 3), np.float32)
    goes_on = np.zeros((h, w), np.uint8)
    differs = np.zeros((h, w), bool)
    for x in np.flatnonzero((hole > 0).any(axis=0)):
        edges = np.flatnonzero(np.diff(np.r_[0, (hole[:, x] > 0).astype(np.int8), 0]))
        for top, end in zip(edges[::2], edges[1::2]):  # the run's rows top..end - 1
            above, below = slice(top - COLUMN_REACH, top), slice(end, end + COLUMN_REACH)
            if top < COLUMN_REACH or end + COLUMN_REACH > h or not (seen[above, x].all() and seen[below, x].all()):
                continue
            first, last = image[above, x].mean(axis=0), image[below, x].mean(axis=0)
            if np.linalg.norm(first - last) > COLUMN_AGREE:
                continue
            k = np.linspace(0, 1, end - top + 2, dtype=np.float32)[1:-1, None]
            out[top:end, x] = line = first + k * (last - first)
            goes_on[top:end, x] = 1
            differs[top, x] = np.abs(filled[top:end, x].mean(axis=1) - line.mean(axis=1)).mean() >= COLUMN_DIFFER
    if not differs.any():
        return None
    _, labels, stats, _ = cv2.connectedComponentsWithStats(goes_on, connectivity=8)
    groups = np.unique(labels[differs])
    groups = groups[stats[groups, cv2.CC_STAT_WIDTH] >= COLUMN_WIDTH * margin_px]
    where = np.isin(labels, groups)
    return (out, where) if where.any() else None


def runs_carried_on(image: np.ndarray, hole: np.ndarray, background: np.ndarray, carried: tuple[np.ndarray, np.ndarray]
                    ) -> tuple[np.ndarray, np.ndarray]:
    """`column_runs`' (colour (h, w, 3) float32, where (h, w) bool) widened sideways, column by column outwards from
    each carried group: a run of the `hole` ((h, w), nonzero inside) beside a carried column, with background
    (`background` (h, w) in [0, 1] at least `COLUMN_BACKGROUND`) right above it, that goes on to the crop's bottom
    edge (`--body`'s hole holds the shoulders under sr_4's ear, and its crop ends there) goes on with the colour right
    above it (`image` (h, w, 3), the mean of `COLUMN_REACH` px) over the rows its neighbour is carried. Such a run has
    nothing below to carry towards, so `column_runs` leaves it to the ring fill, which there mixed the dark column with
    the carried pillar's edge into a pale strip beside the moved ear. A run ending on the person inside the crop is
    left to the ring as before (carried on there, sr_4's plate behind its lobe took more of the neck's tone)."""
    colour, where = carried[0].copy(), carried[1].copy()
    h, w = hole.shape
    seen = background >= COLUMN_BACKGROUND
    inside = hole > 0
    for columns, step in ((range(w - 2, -1, -1), 1), (range(1, w), -1)):  # leftwards, then rightwards
        for x in columns:
            beside = where[:, x + step]
            if not beside.any() or not inside[:, x].any():
                continue
            edges = np.flatnonzero(np.diff(np.r_[0, inside[:, x].astype(np.int8), 0]))
            for top, end in zip(edges[::2], edges[1::2]):
                rows = beside[top:end] & ~where[top:end, x]
                if top < COLUMN_REACH or end < h or not seen[top - COLUMN_REACH:top, x].all() or not rows.any():
                    continue
                colour[top:end, x][rows] = image[top - COLUMN_REACH:top, x].astype(np.float32).mean(axis=0)
                where[top:end, x] |= rows
    return colour, where


def margin_shadow(image: np.ndarray, filled: np.ndarray, margin: np.ndarray, hole: np.ndarray) -> np.ndarray:
    """(h, w, 3) float32: what the head casts on the background in the hole's `margin` ((h, w) float32 in
    [0, 1]: 1 inside the hole where the plate would be the photo, off the person), 0 elsewhere: the photo
    `image` ((h, w, 3) uint8) minus the plate's fill `filled` ((h, w, 3) float32) there, smoothed over
    `SHADOW_SIGMA` px together with the photo outside the `hole` ((h, w), nonzero inside; difference 0), so
    it fades out at the hole's edge, where the fill meets the photo; none near a difference of more than
    `SHADOW_MOST` (the background's own structure, not cast by the head)."""
    ys, xs = np.nonzero(margin > 0)
    out = np.zeros(filled.shape, np.float32)
    if not len(ys):
        return out
    pad = int(np.ceil(4 * SHADOW_SIGMA))
    box = padded_box(ys, xs, pad, margin.shape)
    weight = margin[box] + (hole[box] == 0).astype(np.float32)  # the margin, and the photo outside the hole
    difference = (image[box].astype(np.float32) - filled[box]) * margin[box][..., None]
    blur = cv2.GaussianBlur(weight, (0, 0), SHADOW_SIGMA)
    smooth = cv2.GaussianBlur(difference, (0, 0), SHADOW_SIGMA) / np.maximum(blur, 1e-6)[..., None]
    largest = cv2.dilate(np.abs(smooth.mean(2)) * (margin[box] > 0), disc_kernel(SHADOW_REACH))
    cast = np.clip(2 - largest / SHADOW_MOST, 0, 1)  # 1 up to SHADOW_MOST, 0 from twice that
    cast = cv2.GaussianBlur(cast * cast * (3 - 2 * cast), (0, 0), SHADOW_SIGMA)  # smoothstep, softened
    out[box] = smooth * (margin[box] * cast)[..., None]
    return out


def _weighted_mean(values: np.ndarray, weight: np.ndarray, sigma: float) -> np.ndarray:
    """(h, w, 3) float32: `values` ((h, w, 3) float32) averaged with `weight` ((h, w) float32) over a Gaussian of
    `sigma` px."""
    return cv2.GaussianBlur(values * weight[..., None], (0, 0), sigma) / np.maximum(
        cv2.GaussianBlur(weight, (0, 0), sigma), 1e-6)[..., None]


def usual_step(step: np.ndarray, ring: np.ndarray, margin_px: float) -> np.ndarray:
    """(h, w, 3) float32: at every pixel the usual `step` ((h, w, 3) float32) along the `ring` ((h, w) bool, not empty)
    near it: the steps' mean over `CUT_STRETCH` hole margins (`margin_px` px) along it, reweighted twice by how near
    each is to that mean (`CUT_SPREAD`), so that a step over a short stretch of the ring drops out; carried in from
    the nearest ring pixel as `_carried` carries a colour."""
    sigma = max(1.0, CUT_STRETCH * margin_px)
    mean = _weighted_mean(step, ring.astype(np.float32), sigma)
    for _ in range(2):
        weight = ring * np.exp(-0.5 * (np.linalg.norm(step - mean, axis=2) / CUT_SPREAD) ** 2)
        mean = _weighted_mean(step, weight.astype(np.float32), sigma)
    depth, near = nearest_pixels(ring)
    return _depth_blur(mean.reshape(-1, 3)[near], depth, DEPTH_BLUR)


def _eased(depth: np.ndarray, reach: float) -> np.ndarray:
    """(h, w) float32: 1 at `depth` ((h, w) float32 px) 0, smoothstep down to 0 at `reach` px (at least 1)."""
    fade = np.clip(1 - depth / max(reach, 1.0), 0, 1)
    return fade * fade * (3 - 2 * fade)


def edge_match(plate: np.ndarray, under: np.ndarray, margin_px: float, background: np.ndarray | None = None
               ) -> np.ndarray:
    """(h, w, 3) float32: what to add to the `plate` ((h, w, 3) float32) under the head (`under`, (h, w)
    bool: where the plate is the fill) so that it continues the plate right beside the head: the step
    between the colour of the plate's ring just outside `under` and that of the fill's ring just inside
    (each `RING` hole margins wide, carried in as the fill's colour is: `_carried_from`), fading to
    nothing at `MATCH_REACH` hole margins (`margin_px`, px) inside; 0 outside `under`. The fill keeps its
    texture; the head's outline is no edge in the plate: what a moving head uncovers next to it (the
    photo kept in the hole's margin, the neck beside the nape) goes on into the fill. background: (h, w) in
    [0, 1], where the fill is the background's (not the body's, not the neck band's); there a step `CUT_STEP` from
    the outline's usual one (`usual_step`: a light object the outline cuts over a short stretch, grace_hopper's flag
    star held in the hole's margin) and lighter than it goes on only `CUT_REACH` hole margins, the usual step as far
    as any: carried as far, the star's white drew a blob down to the moved hat. A darker step goes on as far: the
    background's own shade behind the head (sr_4's dark wall strip behind the nape, `tests/mesh/test_nape_fill.py`).
    None: every step goes on as far."""
    outside = _carried_from(plate, under, ~under, margin_px)
    inside = _carried_from(plate, ~under, under, margin_px)
    if outside is None or inside is None:
        return np.zeros(plate.shape, np.float32)
    step = outside[0] - inside[0]
    depth = cv2.distanceTransform(under.astype(np.uint8), cv2.DIST_L2, 5)
    fade = _eased(depth, MATCH_REACH * margin_px)
    out = step * fade[..., None]
    if background is not None and (background * under).any():
        usual = usual_step(step, inside[1], margin_px)
        cut = np.clip((np.linalg.norm(step - usual, axis=2) - CUT_STEP[0]) / (CUT_STEP[1] - CUT_STEP[0]), 0, 1)
        cut *= np.clip((step - usual).mean(axis=2) / CUT_STEP[0], 0, 1)  # lighter: a darker step goes on as far
        out += ((cut * background * (_eased(depth, CUT_REACH * margin_px) - fade))[..., None] * (step - usual))
    return (out * under[..., None]).astype(np.float32)
