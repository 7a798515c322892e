"""The body behind a front head's hanging hair, below the face behind it, continued row by row (issue #12).

lp_s1 in front of lp_s5 (`overlap_photo.one_in_front`): the front hair hangs down over her neck and collar, below
her chin, where the face regions give those pixels to neither face's own (the front face's region leaves them, her
face does not own them). The plate's hole there was filled from the body's ring (`plate.ring_fill`): the collar's
white carried in as one smooth colour, up past the collar line, a pale streak where the front head moved right
(lp_d12 36-50, 164-172; `figures.chin_smear`). `mirrored_rows` fills it instead from the pixels right beside the
hole on the same row, reflected about the hole's edge: her neck's tan above the collar line, the ruffles below;
where the photo in the hole is not the hair but that body (the mask took it in: not darker than the reflection round
it), the photo itself. Only from that body (another face's person, off its own pixels; `layers.background_plate`
also keeps to the rows below the front jaw's ends): at cheek level her face owns the pixels beside the hole, and
fills of her hidden cheek read wrong (h28-h43).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA

DARKER = 60.0
"""Grey levels of luma: a hole pixel of the photo darker than the reflection round it (its darkest pixel within
`AROUND`) by more than this is the hair over the body; the rest, beyond `SEEN` of such hair, is the body itself,
which the head's mask took in (the collar's white beside the hair's end), and the plate keeps it as the photo.
Reflected there too, the misaligned ruffles stood over 24 levels off the photo where a turning front head uncovered
them (the back person's own pixels, tests/mesh/test_face_group.py's turning front head: 354 px with the ring fill,
637 at 25 levels, 217 at 60 pixel by pixel, 352 with `SEEN`)."""
SEEN = 5
"""px: the square the hair (`DARKER`) is grown by before the photo is kept beside it (softened over 3 px): kept
pixel by pixel, the hair's thin edge strands stayed in the plate as a still dark 1 px line where the hair moved off
(lp_d12 38, 50, 164, 168)."""
AROUND = 5
"""px: the square whose darkest reflected pixel the photo is read against (`DARKER`): read pixel by pixel, a highlight
of her collar (1-3 px) reflected over its darker folds stood over `DARKER` above the photo, was read as hair over the
body and laid: light specks at the hanging hair's foot (lp_d12 36-50, 164-172, 49-70 levels over the photo,
`figures/light_specks`). Read so, more of her collar stays the photo where a turning front head uncovers it
(test_face_group's turning front head: 341 -> 210 px over 24 levels off)."""
REACH = 8.0
"""Hole margins (`grow_px`): how far into the hole a row's reflection goes (48 px on lp_s1 in front at 400 px, its
6 px margins: past the hanging hair's width there); whole to two thirds of it, fading out over the last third into
the fill."""


def mirrored_rows(crop: np.ndarray, hole: np.ndarray, beside: np.ndarray, grow_px: int
                  ) -> tuple[np.ndarray, np.ndarray] | None:
    """((h, w, 3) float32 colour, (h, w) float32 weight in [0, 1]) for the hole (`hole`, (h, w), nonzero inside) of
    `crop` ((h, w, 3) uint8): each run of the hole along a row whose end pixel's outer neighbour is in `beside`
    ((h, w) bool: the other person's body, off the faces behind), filled from that end inwards by the row's pixels
    past it, reflected about it (weight 1 to two thirds of `REACH` margins, then fading to 0; only where the
    reflected pixel is outside the hole), the colour the photo itself where it is not the hair (`DARKER`, `AROUND`,
    `SEEN`);
    None where no run borders `beside`."""
    inside = hole > 0
    h, w = inside.shape
    colour = np.zeros((h, w, 3), np.float32)
    weight = np.zeros((h, w), np.float32)
    reach = REACH * grow_px
    for y in range(h):
        row = inside[y]
        edges = np.flatnonzero(np.diff(row.astype(np.int8)))  # x before a run starts / the run's last x
        for edge in edges:
            start = not row[edge]  # the hole starts at edge + 1: reflect rightwards
            outer = edge if start else edge + 1
            if outer >= w or not beside[y, outer]:
                continue
            step = 1 if start else -1
            depth = np.arange(1, int(reach) + 1)
            xs = outer + step * depth  # the hole's pixels from its edge
            source = outer - step * (depth - 1)  # their reflections past it
            keep = (xs >= 0) & (xs < w) & (source >= 0) & (source < w)
            xs, source, depth = xs[keep], source[keep], depth[keep]
            run = np.cumprod(row[xs]).astype(bool)  # only this run
            xs, source, depth = xs[run], source[run], depth[run]
            shown = ~row[source]
            share = np.clip(3 * (1 - depth / reach), 0, 1) * shown
            better = share > weight[y, xs]
            colour[y, xs[better]] = crop[y, source[better]]
            weight[y, xs[better]] = share[better]
    if not weight.any():
        return None
    # the body itself where the photo is not darker than its reflection round it (`AROUND`), away from the hair
    # (`SEEN` px): the mask took it in
    reflected = np.where(weight > 0, colour @ LUMA, np.float32(255))
    darkest = cv2.erode(reflected, np.ones((AROUND, AROUND), np.uint8))
    hair = (weight > 0) & (crop.astype(np.float32) @ LUMA < darkest - DARKER)
    hair = cv2.dilate(hair.astype(np.uint8), np.ones((SEEN, SEEN), np.uint8)).astype(np.float32)
    seen = (1 - cv2.blur(hair, (3, 3)))[..., None]
    return seen * crop.astype(np.float32) + (1 - seen) * colour, weight
