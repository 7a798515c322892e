"""Compiled per-pixel loops of the draw stage (numba, issue #9's speed), in the style of `map_kernels`: each replaces
numpy or OpenCV code of `eyes` (the closing lid; its shadow on the eyeball under its edge and the share of the
catchlight it leaves, `edge_shadow` and `lid_lit`; `lid_fit`: a lid's `np.linalg.lstsq`, which it matches once rounded
to float32, the draw's landmark type), `layers` (the head layer's remap, the head over the plate, `fill_hole`'s
levels), `edge_coverage` (the jumps' samples, by the same remap), `neck` (the neck's displacement; its top's shift
limited in slope, `slope_limited`; where the moved head covers it, its hanging hair left out, `uncovered_hair`),
`kept_photo` (the kept pixels' steps read where the moved neck shows them, `moved_reads`), `jaw_line` (the jaw line's
lowest point per column), `neck_sides` (the lean joined with the sides' pull), `mouth_driver` (the colour match's
per-pixel light, between its CIELAB conversions, which stay OpenCV's), `jaw_shadow` (the moved dark line's two samples
and their ratio), `soft_ends` (the cut ends' steps in the drawn alpha), `outline_skin` (the disc closing, OpenCV's on
the read pixels' box alone), `fold_holes` (the fold read at the neck cut, one pass), `unmix` (the moved edge's colour
below 0 taken towards 0, one pass) and `composite` (`blend`) that made several passes or dozens of small array calls a
frame, with the same float operations in the same order (numpy 1.26 casts a Python or float64 scalar to float32 before
it meets a float32 array, so the callers pass their scalars as float32), so the frames are bit-identical to that
code's (tests/mesh/test_draw_kernels.py, test_render_speedups.py and test_exact_speedups.py check each against a numpy
statement of its computation, `remap_linear`, `shadow_ratios`, `moved_reads` and `uncovered_hair` against `cv2.remap`;
`set_pixels` is `warp`'s seam pixels set in the upsampled map, `mark_pixels` the same pixels marked in a mask). No
fast-math, and `nogil`: the draw thread lets go of the GIL inside them; cached on disk as `facereel.compiled.kernel`
says.
"""

from __future__ import annotations

import numpy as np

from facereel.compiled import kernel as _kernel


@_kernel
def _clip01(x: np.float32) -> np.float32:
    """x clipped to [0, 1] (np.clip's maximum, then minimum)."""
    return min(max(x, np.float32(0)), np.float32(1))


@_kernel
def set_pixels(image: np.ndarray, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> None:
    """`image[rows, cols] = values` in place, in the same order (a repeated pixel keeps its last value): image
    (H, W, C), rows and cols (N,) int inside it, values (N, C) of image's dtype. numpy's fancy assignment cost
    ~0.33-0.37 ms for a seam's ~15 000-24 000 pixels at 512 (`warp.MeshWarp.full_size`), this ~0.12
    (thread CPU; at full size 3.0-3.6 -> 0.8-0.9, docs/benchmarks.md)."""
    for i in range(rows.shape[0]):
        for k in range(values.shape[1]):
            image[rows[i], cols[i], k] = values[i, k]


@_kernel
def mark_pixels(mask: np.ndarray, rows: np.ndarray, cols: np.ndarray, row: int, col: int) -> None:
    """`mask[rows - row, cols - col] = True` in place for the pixels that fall inside mask (h, w) bool, rows and cols
    (N,) int: one pass, where numpy's shifted copies, bounds mask and fancy assignment of a seam's ~15 000-24 000
    pixels at 512 cost ~0.2 CPU ms (`sharp_eyes.left_as_drawn`)."""
    h, w = mask.shape
    for i in range(rows.shape[0]):
        r, c = rows[i] - row, cols[i] - col
        if 0 <= r < h and 0 <= c < w:
            mask[r, c] = True


@_kernel
def cut_steps(alpha: np.ndarray, high: np.float32, low: np.float32) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns (K,) int64 of the pixels of `alpha` ((b, a) float32, any strides) at least `high` above
    one under `low`, row by row (`soft_ends.SoftEnds.cuts`, `carried_ends.squeezed_ends`): `cv2.findNonZero` of the
    `cv2.bitwise_and` of the two `cv2.compare`s, and `np.nonzero` of the two comparisons, it replaces (~0.4-0.7 ms
    a frame each at 512, on the strided alpha), which compare in float32 as this does. Counted row by row first (a branch-free sum), then the few rows with
    steps read again."""
    counts = np.zeros(max(alpha.shape[0] - 1, 0), np.int64)
    for r in range(alpha.shape[0] - 1):
        n = 0
        for c in range(alpha.shape[1]):
            n += (alpha[r, c] >= high) & (alpha[r + 1, c] < low)
        counts[r] = n
    rows, cols = np.empty(counts.sum(), np.int64), np.empty(counts.sum(), np.int64)
    count = 0
    for r in range(alpha.shape[0] - 1):
        if counts[r]:
            for c in range(alpha.shape[1]):
                if alpha[r, c] >= high and alpha[r + 1, c] < low:
                    rows[count], cols[count] = r, c
                    count += 1
    return rows, cols


@_kernel
def _lid(coef: np.ndarray, u: np.float32) -> np.float32:
    """`eyes._lid_offset` at one u: u (1 - u) (c0 + c1 u), float32."""
    return u * (np.float32(1) - u) * (coef[0] + coef[1] * u)


@_kernel
def _across(x: int, y: int, a: np.ndarray, axis: np.ndarray, normal: np.ndarray, span: np.float32
            ) -> tuple[np.float32, np.float32]:
    """(u, d): the crop pixel (x, y)'s place along a corner line (start a, direction axis, normal (2,) float32)
    and across it, each over the line's squared length `span` (u 0-1 between the corners, d eye widths), float32 in
    numpy's order."""
    gx, gy = np.float32(x), np.float32(y)
    return (((gx - a[0]) * axis[0] + (gy - a[1]) * axis[1]) / span,
            ((gx - a[0]) * normal[0] + (gy - a[1]) * normal[1]) / span)


@_kernel
def lid_cover(x0: int, y0: int, a: np.ndarray, axis: np.ndarray, normal: np.ndarray, span: np.float32,
              src_upper: np.ndarray, src_lower: np.ndarray, upper: np.ndarray, lower: np.ndarray,
              lid_skin: np.float32, shut: np.float32, overlap: np.float32, lash_band: np.float32,
              lid_drop: np.float32, bias_gain: np.float32, crest: np.float32, feather: np.float32,
              px: np.float32, cover: np.float32, lift: np.float32, source: np.ndarray, plate_origin: np.ndarray,
              shade: np.ndarray, grain: np.ndarray, lid: np.ndarray, skin: np.ndarray, taps: np.ndarray,
              box: np.ndarray) -> None:
    """`eyes.EyeRenderer._cover`'s carried lid laid over `box` (h, w, 3) uint8 in place, in one pass: per pixel
    where the source's lid is sampled, its three images sampled there and mixed, and the result blended.

    The box's top-left is (x0, y0) crop px; a (2,), axis (2,), normal (2,) the target corner line's start,
    direction and normal (float32, crop px); span its squared length; src_upper, src_lower, upper, lower (2,)
    float32: the source's and the target's lid fits (`eyes._lid_fit`); shut: the smoothstep of the closure over
    `SLIT_CLOSURE`; overlap: `SLIT_OVERLAP` * 4 (0 without); bias_gain: SKIN_BIAS - 1; crest: the shut lid's top
    (`EyeRenderer.crest`; lid_skin above the margin while open, towards crest by `shut`); feather: LID_FEATHER;
    px: sqrt(span); cover: the lid's opacity from the closure; lift: how far the shade eases to the skin
    (`eyes._lift`); source (6,) float32: the source corner line's start, direction and normal (2 each, image px)
    at whose `plate_origin` (2,) the lid's images shade, grain,
    lid (H, W, 3) float32 lie; skin (2, 3) float32 the lid skin's colour at u = 0.5 along the corner line and its
    change from u = 0 to 1 (`eyes._skin_light`); taps `BILINEAR_WEIGHTS`.
    Per pixel: the plate px (x, y) where the carried lid is sampled, each image sampled there as
    `cv2.remap(INTER_LINEAR, BORDER_REPLICATE)` samples it (`_bilinear_taps`); the colour lashes * lid + (1 -
    lashes) * (the shade mixed towards the skin by a weight (a smoothstep from the lid's top to the source's
    margin, times how far the lid moved, times `lift`: a half-closed lid keeps half the source's shade), plus
    the grain), clipped to [0, 255], laid over the box with alpha (inside the lid times cover) as `composite.blend`
    (pixels of alpha 0 are left as they are, which is what the blend gives there)."""
    one = np.float32(1)
    half = np.float32(0.5)
    floor_eps = np.float32(1e-6)
    h, w = shade.shape[:2]
    for r in range(box.shape[0]):
        for c in range(box.shape[1]):
            u, d = _across(x0 + c, y0 + r, a, axis, normal, span)
            uc = _clip01(u)
            margin = _lid(src_upper, uc)
            top = margin - lid_skin
            top = top + shut * (crest - top)  # flat at `crest` once shut
            bottom = _carried(upper, lower, src_upper, src_lower, shut, overlap, lid_drop, uc)
            moved = _clip01((bottom - margin) / feather)
            inside = (_clip01((bottom - d) * px + half) * _clip01((d - top) / feather) * moved
                      * np.float32(u > 0 and u < 1))
            alpha = inside * cover
            if alpha == 0:
                continue
            v = _clip01((d - top) / max(bottom - lash_band - top, floor_eps))
            bias = one + bias_gain * _clip01((bottom - margin) / lid_skin)
            d_skin = top + (margin - lash_band - top) * v ** bias
            d_src = margin - (bottom - d) if d > bottom - lash_band else d_skin
            lashes = _clip01((d - bottom + lash_band) * px + half)
            over = _clip01((d - top) / max(margin - top, floor_eps))
            mix = over * over * (np.float32(3) - np.float32(2) * over) * moved * lift
            sx = source[0] + u * source[2] + d_src * source[4] - plate_origin[0]
            sy = source[1] + u * source[3] + d_src * source[5] - plate_origin[1]
            xa, xb, ya, yb, t = _bilinear_taps(lattice(sx), lattice(sy), h, w)
            w0, w1, w2, w3 = taps[t, 0], taps[t, 1], taps[t, 2], taps[t, 3]
            for k in range(3):
                shaded = shade[ya, xa, k] * w0 + shade[ya, xb, k] * w1 + shade[yb, xa, k] * w2 + shade[yb, xb, k] * w3
                grained = grain[ya, xa, k] * w0 + grain[ya, xb, k] * w1 + grain[yb, xa, k] * w2 + grain[yb, xb, k] * w3
                lidded = lid[ya, xa, k] * w0 + lid[ya, xb, k] * w1 + lid[yb, xa, k] * w2 + lid[yb, xb, k] * w3
                colour = ((one - mix) * shaded + mix * (skin[0, k] + (uc - half) * skin[1, k])) + grained
                colour = lashes * lidded + (one - lashes) * colour
                colour = min(max(colour, np.float32(0)), np.float32(255))
                mixed = np.float32(box[r, c, k]) * (one - alpha) + colour * alpha
                box[r, c, k] = np.uint8(min(max(mixed + half, np.float32(0)), np.float32(255)))


@_kernel
def _carried(upper: np.ndarray, lower: np.ndarray, src_upper: np.ndarray, src_lower: np.ndarray, shut: np.float32,
             overlap: np.float32, lid_drop: np.float32, u: np.float32) -> np.float32:
    """`eyes.EyeRenderer._carried_margin` at one u (0-1): the closing lid's margin, eye widths (fits as
    `lid_cover`'s; overlap `SLIT_OVERLAP` * 4, 0 without), float32 in numpy's order."""
    up = _lid(upper, u)
    reach = max(_lid(lower, u) - up, np.float32(0)) + overlap * u * (np.float32(1) - u)
    floor = _lid(src_lower, u) + lid_drop
    return max(max(min(up + shut * reach, floor), up), _lid(src_upper, u))


@_kernel
def edge_shadow(x0: int, y0: int, a: np.ndarray, axis: np.ndarray, normal: np.ndarray, span: np.float32,
                src_upper: np.ndarray, src_lower: np.ndarray, upper: np.ndarray, lower: np.ndarray,
                shut: np.float32, lid_drop: np.float32, px: np.float32, depth: np.float32, strength: np.float32,
                lash: np.ndarray, box: np.ndarray) -> None:
    """`eyes.EyeRenderer._edge_shadow`'s darkening of the eyeball under the lowered lid's edge, laid over `box`
    (h, w, 3) uint8 in place in one pass, where its numpy statement made some twenty arrays of the box (~0.15-0.2
    ms an eye a frame at 512). Arguments as `lid_cover`'s (the corner line and the fits; shut `eyes._shut` of
    the closure); depth: `EDGE_SHADOW` (eye widths the shadow reaches below the carried margin, the margin taken
    without the slit's overlap); strength: `EDGE_DARK` times the lash line's fade-in and `lidded`; lash (3,)
    float32: the colour it darkens towards. Per pixel: alpha = depth share squared (1 at the margin, 0 `depth`
    below it) times the pixel's share below the margin and above the lower lid (each anti-aliased over a px:
    `px` = sqrt(span)) times strength, inside the corner line's span (0 < u < 1); blended as `composite.blend`
    (alpha 0 leaves the pixel as it is, which is what the blend gives there)."""
    one = np.float32(1)
    half = np.float32(0.5)
    zero = np.float32(0)
    for r in range(box.shape[0]):
        for c in range(box.shape[1]):
            u, d = _across(x0 + c, y0 + r, a, axis, normal, span)
            uc = _clip01(u)
            below = d - _carried(upper, lower, src_upper, src_lower, shut, zero, lid_drop, uc)
            share = _clip01(one - below / depth)
            inside = (_clip01(below * px + half) * _clip01((_lid(lower, uc) - d) * px + half)
                      * np.float32(u > 0 and u < 1))
            alpha = share * share * inside * strength
            if alpha == 0:
                continue
            for k in range(3):
                mixed = np.float32(box[r, c, k]) * (one - alpha) + lash[k] * alpha
                box[r, c, k] = np.uint8(min(max(mixed + half, zero), np.float32(255)))


@_kernel
def lid_lit(u: np.ndarray, d: np.ndarray, src_upper: np.ndarray, src_lower: np.ndarray, upper: np.ndarray,
            lower: np.ndarray, shut: np.float32, lid_drop: np.float32, under: np.float32, fade: np.float32,
            shade: np.float32, out: np.ndarray) -> None:
    """`eyes.EyeRenderer._lit`'s weights into `out` (t, t) float32, one pass where numpy made some twenty arrays
    of the catchlight's box: u (t, t) float32 (clipped to 0-1) along and d across the target corner line (eye
    widths) of each texture pixel, fits and shut as `edge_shadow`'s; under: eye widths below the carried margin
    (no overlap) where the fade starts, fade: its length (`smoothstep`'s span, at least 1e-6); shade: the lid's
    shade. Per pixel 1 - shade (1 - smoothstep of d less the margin), float32 in numpy's order."""
    one = np.float32(1)
    for r in range(u.shape[0]):
        for c in range(u.shape[1]):
            below = d[r, c] - _carried(upper, lower, src_upper, src_lower, shut, np.float32(0), lid_drop, u[r, c])
            t = _clip01((below - under) / fade)
            out[r, c] = one - shade * (one - t * t * (np.float32(3) - np.float32(2) * t))


@_kernel
def lid_fit(u: np.ndarray, offsets: np.ndarray, out: np.ndarray) -> bool:
    """The least-squares coefficients of `eyes._lid_fit` into `out` (2,) float64: its basis made from u (n,)
    (the lid points along the corner line, before clipping to [0, 1]) in u's type as numpy makes it, then the
    2 x 2 normal equations of that basis and offsets (n,) summed and solved in float64. Rounded to float32,
    as `np.linalg.lstsq` rounds its float64 SVD solution for float32 input, they are its coefficients (both
    within a few float64 units of the exact ones). False, `out` untouched, where the basis is near rank 1
    (the lid points bunched along the corner line) or not finite: there `np.linalg.lstsq`'s minimum-norm
    solution is wanted."""
    zero, one = u.dtype.type(0), u.dtype.type(1)
    s00, s01, s11, t0, t1 = 0.0, 0.0, 0.0, 0.0, 0.0
    for i in range(u.shape[0]):
        x = min(max(u[i], zero), one)
        p = x * (one - x)
        q = x * x * (one - x)
        p64, q64, y = np.float64(p), np.float64(q), np.float64(offsets[i])
        s00 += p64 * p64
        s01 += p64 * q64
        s11 += q64 * q64
        t0 += p64 * y
        t1 += q64 * y
    det = s00 * s11 - s01 * s01
    if not det > 1e-6 * s00 * s11:
        return False
    out[0] = (s11 * t0 - s01 * t1) / det
    out[1] = (s00 * t1 - s01 * t0) / det
    return True


@_kernel
def _ramp(x: np.float32, ramp: np.ndarray) -> np.float32:
    """`mouth_driver._ramp` at one x: (x - lo) / span clipped to [0, 1], ramp (2,) float32 = (lo, hi - lo)."""
    return min(max((x - ramp[0]) / ramp[1], np.float32(0)), np.float32(1))


@_kernel
def mouth_light(lab: np.ndarray, tinted: np.ndarray, skin_l: np.float32, chroma_unit: np.float32,
                skin_ab: np.ndarray, skin_chroma: np.float32, held: np.float32, gain_base: np.float32,
                gain_lit: np.float32, lift: np.float32, lift_fade: np.float32, teeth_light: np.ndarray,
                teeth_chroma: np.ndarray, shadow: np.ndarray, lip_chroma: np.float32, grey_light: np.ndarray,
                grey_chroma: np.ndarray, lip_hue: np.float32, grey_hue: np.ndarray, grey_widen: np.float32,
                out: np.ndarray, teeth_out: np.ndarray) -> None:
    """`mouth_driver.match_colours` between its CIELAB conversions, per pixel, into `out` (h, w, 3) float32
    CIELAB: lab, tinted (h, w, 3) float32 the driver's pixels and their light-tinted copy in CIELAB; L* /
    skin_l (the driver skin's L*, at least 1) ramped over teeth_light gives (with the chroma, |a* b*| /
    chroma_unit, ramped over teeth_chroma) the teeth weight and over shadow the lit weight (ramps (2,)
    float32: lo, hi - lo); where lip_chroma (the driver's lips' |a* b*|) is over 0, dim teeth count too
    (`mouth_driver.grey_teeth`): L* / skin_l ramped over grey_light times |a* b*| / lip_chroma ramped over
    grey_chroma, that ramp's bounds raised by grey_widen times the pixel's hue angle (degrees) over lip_hue (the
    lips', degrees) ramped over grey_hue (yellower than the lips), the teeth weight the larger of the two; L* times gain_base + lit * gain_lit plus (1 - lit) times
    the shadows' additive lift: `lift` (L*) less lift_fade times L* * gain_base, at least 0; at most 100; a* b* the tinted ones mixed
    by the teeth weight towards skin_ab (2,) float32 (the portrait's skin) times the pixel's chroma share of
    the driver's skin (teeth keep their share of the face's colour, in the portrait's hue); where their chroma
    exceeds that share of skin_chroma (|skin_ab|), a* b* scaled down `held` (0-1) of the way to it. The teeth weight
    (0-1) into teeth_out (h, w) float32."""
    one = np.float32(1)
    for r in range(lab.shape[0]):
        for c in range(lab.shape[1]):
            light, a, b = lab[r, c, 0], lab[r, c, 1], lab[r, c, 2]
            norm = np.sqrt(a * a + b * b)
            chroma = norm / chroma_unit
            level = light / skin_l
            teeth = _ramp(level, teeth_light) * _ramp(chroma, teeth_chroma)
            if lip_chroma > 0:
                turn = np.float32(np.degrees(np.arctan2(np.float64(b), np.float64(a)))) - lip_hue
                turn = (turn + np.float32(180)) % np.float32(360) - np.float32(180)
                widen = grey_widen * _ramp(turn, grey_hue)
                teeth = max(teeth, _ramp(level, grey_light) * _ramp(norm / lip_chroma - widen, grey_chroma))
            teeth_out[r, c] = teeth
            lit = max(_ramp(level, shadow), teeth)
            added = max(lift - lift_fade * light * gain_base, np.float32(0))
            out[r, c, 0] = min(light * (gain_base + lit * gain_lit) + (one - lit) * added, np.float32(100))
            new_a = tinted[r, c, 1] * (one - teeth) + skin_ab[0] * chroma * teeth
            new_b = tinted[r, c, 2] * (one - teeth) + skin_ab[1] * chroma * teeth
            has, share = np.sqrt(new_a * new_a + new_b * new_b), chroma * skin_chroma
            keep = one - held * (one - share / has) if has > share else one
            out[r, c, 1] = new_a * keep
            out[r, c, 2] = new_b * keep


@_kernel
def _over_span(head: np.ndarray, plate: np.ndarray, out: np.ndarray) -> None:
    """`over_plate` on one run of pixels: head (n, 4), plate (n, 3) float32 into out (n, 3) uint8."""
    one = np.float32(1)
    for c in range(out.shape[0]):
        inverse = one - head[c, 3]
        for k in range(3):
            total = np.rint(head[c, k] + plate[c, k] * inverse)
            out[c, k] = np.uint8(min(max(total, np.float32(0)), np.float32(255)))


@_kernel
def over_plate(head: np.ndarray, plate: np.ndarray, neck: np.ndarray, neck_row: int, neck_col: int,
               out: np.ndarray) -> None:
    """The head layer laid over the plate (`layers.HeadLayer.composite`), into `out` (b, a, 3) uint8: head's
    colour + (1 - its alpha) * the plate, summed in float32, rounded to nearest (ties to even) and saturated
    to [0, 255], as OpenCV's subtract, multiply and add to uint8 did. head: (b, a, 4) float32, premultiplied
    colour and alpha; plate: (b, a, 3) float32; neck: (n, m, 3) float32, the plate's moved neck, which
    replaces `plate` on rows neck_row.. and columns neck_col.. of the box (empty: none)."""
    c0, c1 = neck_col, neck_col + neck.shape[1]
    for r in range(out.shape[0]):
        if neck_row <= r < neck_row + neck.shape[0]:
            _over_span(head[r, :c0], plate[r, :c0], out[r, :c0])
            _over_span(head[r, c0:c1], neck[r - neck_row], out[r, c0:c1])
            _over_span(head[r, c1:], plate[r, c1:], out[r, c1:])
        else:
            _over_span(head[r], plate[r], out[r])


@_kernel
def slope_limited(values: np.ndarray, slope: np.float32, out: np.ndarray) -> bool:
    """`neck._slope_limited`'s statement, bit for bit, into `out` ((m,) float32): the min over columns x' of
    values[x'] + slope |x - x'| in float32, for values (m,) float32 >= 0 and slope > 0; False (out not set) where a
    value is not (NaN or below 0). From x outward, columns stop where slope |x - x'| alone reaches the least sum
    found (values >= 0 add nothing below it): most columns of a neck read their own value and a neighbour or two,
    not numpy's (m, m) sums."""
    m = values.shape[0]
    for k in range(m):
        if not values[k] >= np.float32(0):
            return False
    for x in range(m):
        best = values[x] + np.float32(0)  # its own column: -0.0 read +0.0, as numpy's sum
        for d in range(1, m):
            step = slope * np.float32(d)
            if step >= best or (x - d < 0 and x + d >= m):
                break
            if x - d >= 0:
                best = min(best, values[x - d] + step)
            if x + d < m:
                best = min(best, values[x + d] + step)
        out[x] = best
    return True


@_kernel
def neck_displacement(top: int, collar: np.float32, collars: np.ndarray, tops: np.ndarray, shift: np.ndarray,
                      lean: np.ndarray, span: np.ndarray, follow: np.ndarray, fade: np.ndarray,
                      out: np.ndarray) -> None:
    """Fill `out` (n, m, 2) float32 with the plate's neck's backward displacement px on `neck.NeckWarp.box`
    (its first row `top`, crop px) from its columns' figures (`NeckWarp.displacement`): across, the column's
    `lean` graded from 1 at the moved chin to 0 at the column's collar line (`collars`, over `span` rows);
    down, the column's `shift` graded from 1 where its neck's top shows (`tops`) to 0 at its collar line, none
    at or below either collar line (`collar`: the box's); both times the column's `follow` and the row's
    `fade`. collars, tops, shift, lean, span, follow (m,) and fade (n,) float32."""
    least = np.float32(1e-3)
    zero = np.float32(0)
    one = np.float32(1)
    for r in range(out.shape[0]):
        y = np.float32(top + r)
        for c in range(out.shape[1]):
            line = collars[c]
            down = shift[c] * min(max((line - y) / max(line - tops[c], least), zero), one)
            if y >= collar or y >= line:
                down = zero
            grade = min(max((line - y) / span[c], zero), one)
            out[r, c, 0] = grade * lean[c] * follow[c] * fade[r]
            out[r, c, 1] = down * follow[c] * fade[r]


@_kernel
def lowest_segments(jaw: np.ndarray, columns: np.ndarray, half: np.floating, rows: np.ndarray, segment: np.ndarray,
                    t: np.ndarray) -> None:
    """`jaw_line.lowest_crossings` into rows, segment, t (m,): per column of `columns` (m,) px (half: in their
    type, as numpy casts a Python float meeting them), the polyline `jaw` (J, 2) px's lowest row over it in
    the type numpy gives the two together, the segment it lies on (the first of equal rows, 0 where none) and
    its fraction along it; NaN and 0 where the line does not reach the column. numpy's float operations, in
    its order."""
    for i in range(columns.shape[0]):
        low, high = columns[i] - half, columns[i] + half
        best, k, at = -np.inf, 0, 0.0
        for j in range(jaw.shape[0] - 1):
            ax, ay, bx, by = jaw[j, 0], jaw[j, 1], jaw[j + 1, 0], jaw[j + 1, 1]
            dx, rise = bx - ax, by - ay
            start, stop = max(min(ax, bx), low), min(max(ax, bx), high)
            if not (start <= stop and dx != 0):
                continue
            tj = (start - ax) / dx
            row = ay + tj * rise
            if half:
                t_stop = (stop - ax) / dx
                row_stop = ay + t_stop * rise
                if row_stop > row:
                    tj, row = t_stop, row_stop
            if row > best:
                best, k, at = row, j, tj
        found = np.isfinite(best)
        rows[i] = best if found else np.nan
        segment[i] = k
        t[i] = at if found else 0.0


@_kernel
def pull_into(lean: np.ndarray, fade: np.ndarray, pull: np.ndarray) -> None:
    """`neck_sides.with_pull` in place: lean (n, m) float32 px joined with fade (n,) float32 times pull (n, m)
    float32 px, as numpy's float32 `np.where(pull > 0, lean + np.maximum(pull - np.maximum(lean, 0), 0),
    lean + np.minimum(pull - np.minimum(lean, 0), 0))` (its maximum's ties give the second zero, its
    minimum's the first: the sign of a zero as numpy's)."""
    zero = np.float32(0)
    for r in range(lean.shape[0]):
        f = fade[r]
        for c in range(lean.shape[1]):
            p, x = f * pull[r, c], lean[r, c]
            if p > zero:
                up = p - (x if x > zero else zero)
                lean[r, c] = x + (up if up > zero else zero)
            else:
                down = p - (zero if zero < x else x)
                lean[r, c] = x + (zero if zero < down else down)


@_kernel
def add_outer(out: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> None:
    """out[i, j] += rows[i] * cols[j] in place, one pass: numpy's float32 `out += rows[:, None] * cols[None]`
    (`neck_sides.SidePull`: a side's pull, its rows' fade times its columns' share) without the (n, m) product's
    temporaries. out (n, m) float32; rows (n,), cols (m,) float32."""
    for i in range(out.shape[0]):
        r = rows[i]
        for j in range(out.shape[1]):
            out[i, j] += r * cols[j]


@_kernel
def blend_into(dst: np.ndarray, src: np.ndarray, alpha: np.ndarray) -> None:
    """dst (h, w, 3) uint8 <- alpha * src + (1 - alpha) * dst, + 0.5, saturated and truncated, in place
    (`composite.blend`): src (h, w, 3) of any number type (a colour broadcast to it), taken as float32, and
    the sum in alpha's float type ((h, w), float32 or float64), as numpy does."""
    one, half = alpha.dtype.type(1), alpha.dtype.type(0.5)
    low, high = alpha.dtype.type(0), alpha.dtype.type(255)
    for r in range(dst.shape[0]):
        for c in range(dst.shape[1]):
            a = alpha[r, c]
            for k in range(3):
                mixed = np.float32(dst[r, c, k]) * (one - a) + np.float32(src[r, c, k]) * a
                dst[r, c, k] = np.uint8(min(max(mixed + half, low), high))


@_kernel
def pull_level(colour: np.ndarray, weight: np.ndarray, up: np.ndarray, out: np.ndarray) -> None:
    """One level of `layers.fill_hole`'s way back up the pyramid, into out (h, w, C): the level's mean colour
    (colour (h, w, C), weighted, over its weight (h, w) float32, at least 1e-6) where a quarter of it is
    known, blending into the level below's fill `up` (h, w, C) where less is: trust * mean + (1 - trust) * up,
    trust = clip(4 weight, 0, 1) in float32; colour, up and out float32 (float64 where `fill_hole`'s `known`
    is), each operation in the type numpy gives it."""
    least, four = np.float32(1e-6), np.float32(4)
    zero, one = np.float32(0), np.float32(1)
    for r in range(weight.shape[0]):
        for c in range(weight.shape[1]):
            w = weight[r, c]
            floor = max(w, least)
            trust = min(max(w * four, zero), one)
            rest = one - trust
            for k in range(out.shape[2]):
                out[r, c, k] = trust * (colour[r, c, k] / floor) + rest * up[r, c, k]


def _bilinear_weights() -> np.ndarray:
    """(1024, 4) float32: OpenCV's bilinear weights on its 1/32 px lattice, row (fy * 32 + fx) for the
    fractions fy/32, fx/32: (1 - fy)(1 - fx), (1 - fy) fx, fy (1 - fx), fy fx, each a float32 product."""
    f = np.arange(32, dtype=np.float32) * np.float32(1 / 32)
    tab = np.stack([np.float32(1) - f, f], axis=1)  # (32, 2): 1 - f, f
    return (tab[:, None, :, None] * tab[None, :, None, :]).reshape(1024, 4)


BILINEAR_WEIGHTS = _bilinear_weights()
_INT_MIN = -(2 ** 31)


@_kernel
def lattice(v: np.float32) -> np.int32:
    """A map coordinate on OpenCV's 1/32 px lattice: cvRound(v * 32), INT_MIN where it overflows or is NaN (as
    the SSE conversion)."""
    s = v * np.float32(32)
    if not abs(s) < np.float32(2147483520.0):  # the largest float32 below 2 ** 31
        return np.int32(_INT_MIN)
    return np.int32(np.rint(s))


def empty_taps(src: np.ndarray) -> np.ndarray:
    """(h, w) bool: where the 2x2 block of src (h, w, C) float32 whose top-left is that pixel is all +0.0
    (bit for bit; False on the last row and column), so a bilinear sample there is +0.0 (`remap_linear`)."""
    zero = (src.view(np.uint32) == 0).all(axis=2)
    empty = np.zeros(zero.shape, bool)
    empty[:-1, :-1] = zero[:-1, :-1] & zero[:-1, 1:] & zero[1:, :-1] & zero[1:, 1:]
    return empty


@_kernel
def _bilinear_taps(ix: np.int32, iy: np.int32, h: int, w: int) -> tuple[int, int, int, int, int]:
    """Where `cv2.remap(INTER_LINEAR, BORDER_REPLICATE)` samples an (h, w) image at a position whose x and y
    are ix and iy on the 1/32 px lattice (`lattice`, OpenCV 4.11's float path): the taps' columns xa, xb and
    rows ya, yb clamped into the image (inside it the 2 x 2 block at the rounded position's integer part; OpenCV keeps
    them as shorts, which changes nothing here, its images being < 32767 px) and the row of
    `BILINEAR_WEIGHTS` for its fractions; the sample is tap (ya, xa) * w0 + (ya, xb) * w1 + (yb, xa) * w2 +
    (yb, xb) * w3 summed in that order in float32."""
    sx, sy = ix >> 5, iy >> 5
    return (min(max(sx, 0), w - 1), min(max(sx + 1, 0), w - 1), min(max(sy, 0), h - 1),
            min(max(sy + 1, 0), h - 1), (iy & 31) * 32 + (ix & 31))


@_kernel
def remap_linear(src: np.ndarray, maps: np.ndarray, weights: np.ndarray, empty: np.ndarray, out: np.ndarray) -> None:
    """`cv2.remap(src, maps, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)` into `out`, bit for bit
    (OpenCV 4.11's float path: each position rounded to 1/32 px, `weights` = `BILINEAR_WEIGHTS`, the four taps
    summed in OpenCV's order in float32), skipping the samples whose taps are all zero (`empty` =
    `empty_taps(src)`: +0.0 there, as OpenCV's sum). src (h, w, 4) float32 (the head layer's premultiplied
    colour and alpha), maps (b, a, 2) float32 (x, y source px), out (b, a, 4) float32, all C-contiguous. About
    half of the head layer's box samples empty source: there this is faster than OpenCV."""
    h, w = src.shape[:2]
    flat, taps, to = src.reshape(-1), weights.reshape(-1), out.reshape(-1)
    at = maps.reshape(-1)
    step = w * 4
    zero = np.float32(0)
    for p in range(maps.shape[0] * maps.shape[1]):
        q = p * 4
        ix = lattice(at[2 * p])
        iy = lattice(at[2 * p + 1])
        # The taps' 2 x 2 block clamped into the image holds all four taps (`_bilinear_taps`).
        if empty[min(max(iy >> 5, 0), h - 2), min(max(ix >> 5, 0), w - 2)]:
            to[q] = zero
            to[q + 1] = zero
            to[q + 2] = zero
            to[q + 3] = zero
            continue
        xa, xb, ya, yb, t = _bilinear_taps(ix, iy, h, w)
        a0, a1, b0, b1 = ya * step + xa * 4, ya * step + xb * 4, yb * step + xa * 4, yb * step + xb * 4
        t *= 4
        w0, w1, w2, w3 = taps[t], taps[t + 1], taps[t + 2], taps[t + 3]
        for k in range(4):
            to[q + k] = flat[a0 + k] * w0 + flat[a1 + k] * w1 + flat[b0 + k] * w2 + flat[b1 + k] * w3


@_kernel
def _constant_sample(src: np.ndarray, ix: np.int32, iy: np.int32, weights: np.ndarray, k: int,
                     border: np.float32) -> np.float32:
    """`cv2.remap(src, ..., cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border)`'s channel k of
    src (h, w, C) float32 at a position whose x and y are ix and iy on the 1/32 px lattice (`lattice`): `border`
    where the 2 x 2 block lies wholly off the image, else its four taps (`border` off the image) times `weights`
    (`BILINEAR_WEIGHTS`) summed in OpenCV's order in float32."""
    h, w = src.shape[:2]
    sx, sy = ix >> 5, iy >> 5
    if sx >= w or sx + 1 < 0 or sy >= h or sy + 1 < 0:
        return border
    t = (iy & 31) * 32 + (ix & 31)
    in_x0, in_x1, in_y0, in_y1 = 0 <= sx < w, 0 <= sx + 1 < w, 0 <= sy < h, 0 <= sy + 1 < h
    v0 = src[sy, sx, k] if in_x0 and in_y0 else border
    v1 = src[sy, sx + 1, k] if in_x1 and in_y0 else border
    v2 = src[sy + 1, sx, k] if in_x0 and in_y1 else border
    v3 = src[sy + 1, sx + 1, k] if in_x1 and in_y1 else border
    return v0 * weights[t, 0] + v1 * weights[t, 1] + v2 * weights[t, 2] + v3 * weights[t, 3]


@_kernel
def carry_pixels(head: np.ndarray, y0: int, x0: int, rows: int, top: np.ndarray, dx: np.ndarray, start: np.ndarray,
                 steps: np.ndarray, reach: np.float32, fade: np.ndarray, hair: np.ndarray, layer: np.ndarray,
                 weights: np.ndarray) -> None:
    """`carried_ends.carry_run`'s drawing, in place, pixel by pixel in float32 (bit for bit the numpy and
    `cv2.remap` statement it replaces, tests/mesh/test_draw_kernels.py): on the window of `head` ((b, a, 4)
    float32, premultiplied) `rows` px down from (y0, x0) and len(top) columns across, each pixel dy = y - top
    (px below the cut line, (m,) float32) and dx ((m,) float32, px beside the run's end) from its column's anchor,
    within `reach` px of it and not above it, is drawn behind the head from `layer` ((h, w, 4) float32) at
    start + dx steps[0] + dy steps[1] (start (m, 2), steps (2, 2) float32, crop px), weighted by `hair` ((h, w, 1)
    float32, the photo's soft hair, sampled there) and the fade out (`head_proxy.smoothstep` from fade[0] px
    over fade[1] px; fade (2,) float32); `weights` = `BILINEAR_WEIGHTS`."""
    one, two, three, zero = np.float32(1), np.float32(2), np.float32(3), np.float32(0)
    for i in range(rows):
        y = np.float32(y0 + i)
        for j in range(top.shape[0]):
            dy = y - top[j]
            distance = np.hypot(dx[j], dy)
            if not (dy >= zero and distance <= reach):
                continue
            sx = start[j, 0] + dx[j] * steps[0, 0] + dy * steps[1, 0]
            sy = start[j, 1] + dx[j] * steps[0, 1] + dy * steps[1, 1]
            ix, iy = lattice(sx), lattice(sy)
            soft = _constant_sample(hair, ix, iy, weights, 0, zero)
            if soft == zero:
                continue
            t = min(max((distance - fade[0]) / fade[1], zero), one)
            weight = soft * (one - t * t * (three - two * t))
            cover = one - head[y0 + i, x0 + j, 3]
            for k in range(4):
                head[y0 + i, x0 + j, k] += cover * (weight * _constant_sample(layer, ix, iy, weights, k, zero))


@_kernel
def shadow_ratios(factor: np.ndarray, stripped: np.ndarray, slip: np.ndarray, at: np.ndarray, disp: np.ndarray,
                  laid: np.ndarray, weight: np.ndarray, weights: np.ndarray, index: np.ndarray, base: np.ndarray,
                  power: np.ndarray) -> int:
    """`jaw_shadow.moved_shadow`'s sample and ratio in one pass (bit for bit its numpy and `cv2.remap`
    statement, tests/mesh/test_draw_kernels.py): at each pixel (i, j) of `at` ((n, m, 2) float32, the neck box's
    px) and channel k, the shadow `factor` and the `stripped` one ((h, w, 3) float32 each, `BORDER_CONSTANT` 1)
    sampled at at + disp[i, j] (the neck's map, (n, m, 2) float32) and mixed by slip[i, j] ((n, m) float32: 0 the
    first, 1 the second), and the ratio of the line laid there (`laid`, (n, m, 3) float32) to that.
    The factor there is ratio ** weight[j] ((m,) float32); where that is 1 for any ratio or weight (weight 0,
    ratio 1) it is left out: the others' flat index (i m + j) 3 + k, ratio and weight go to `index` (int64),
    `base` and `power` (float32, each n m 3 long) and their count is returned (the power stays numpy's, whose
    float32 `**` this does not reproduce). `weights` = `BILINEAR_WEIGHTS`."""
    one = np.float32(1)
    n, m = at.shape[:2]
    count = 0
    for i in range(n):
        for j in range(m):
            if weight[j] == 0:
                continue
            hx, hy = lattice(at[i, j, 0] + disp[i, j, 0]), lattice(at[i, j, 1] + disp[i, j, 1])
            for k in range(3):
                line = _constant_sample(factor, hx, hy, weights, k, one)
                line += slip[i, j] * (_constant_sample(stripped, hx, hy, weights, k, one) - line)
                ratio = laid[i, j, k] / line
                if ratio != one:
                    index[count] = (i * m + j) * 3 + k
                    base[count] = ratio
                    power[count] = weight[j]
                    count += 1
    return count


@_kernel
def uncovered_hair(alpha: np.ndarray, hanging: np.ndarray, maps: np.ndarray, weights: np.ndarray, out: np.ndarray
                   ) -> None:
    """`neck.NeckWarp.covered` with hanging hair, one pass: out[i, j] = alpha[i, j] * (1 - hair) >= 0.5 for the hair
    `hanging` ((h, w, 1) float32 in [0, 1]) read at maps[i, j] as `cv2.remap(hanging, maps, None, cv2.INTER_LINEAR,
    borderMode=cv2.BORDER_CONSTANT)` reads it, bit for bit; read only where alpha[i, j] >= 0.5 (elsewhere the product,
    at most alpha, is under 0.5). alpha (n, m) float32, the warped head alpha; maps (n, m, 2) float32 crop px;
    weights = `BILINEAR_WEIGHTS`; out (n, m) bool."""
    zero, one, half = np.float32(0), np.float32(1), np.float32(0.5)
    for i in range(alpha.shape[0]):
        for j in range(alpha.shape[1]):
            if not alpha[i, j] >= half:
                out[i, j] = False
                continue
            hair = _constant_sample(hanging, lattice(maps[i, j, 0]), lattice(maps[i, j, 1]), weights, 0, zero)
            out[i, j] = alpha[i, j] * (one - hair) >= half


@_kernel
def moved_reads(field: np.ndarray, disp: np.ndarray, x0: int, y0: int, weights: np.ndarray, rows: np.ndarray,
                cols: np.ndarray, values: np.ndarray) -> int:
    """`kept_photo.moved_steps`' read in one pass: `cv2.remap(field, disp[..., 0] + x0 + j, disp[..., 1] + y0 + i,
    cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)` (the positions float32 sums) and the pixels of
    it with any channel not 0, in `np.nonzero`'s (row-major) order. field: (h, w, 3) float32, the kept steps on
    their box; disp: (n, m, 2) float32 px, the neck's backward displacement on the part whose reads can land there;
    x0, y0: px from the field's corner to disp's (0, 0); weights = `BILINEAR_WEIGHTS`. Those pixels' row i and
    column j go to `rows`, `cols` (int64, n m long each) and their three channels to `values` ((n m, 3) float32);
    returns their count."""
    zero = np.float32(0)
    h, w = field.shape[:2]
    count = 0
    for i in range(disp.shape[0]):
        for j in range(disp.shape[1]):
            hx = lattice(disp[i, j, 0] + np.float32(x0 + j))
            hy = lattice(disp[i, j, 1] + np.float32(y0 + i))
            # Most reads land on no step (the field is a thin rim): all four taps 0 sum to 0, not kept.
            bare = True
            for ty in range((hy >> 5), (hy >> 5) + 2):
                for tx in range((hx >> 5), (hx >> 5) + 2):
                    if 0 <= ty < h and 0 <= tx < w and (field[ty, tx, 0] != zero or field[ty, tx, 1] != zero
                                                         or field[ty, tx, 2] != zero):
                        bare = False
            if bare:
                continue
            v0 = _constant_sample(field, hx, hy, weights, 0, zero)
            v1 = _constant_sample(field, hx, hy, weights, 1, zero)
            v2 = _constant_sample(field, hx, hy, weights, 2, zero)
            if v0 != zero or v1 != zero or v2 != zero:
                rows[count], cols[count] = i, j
                values[count, 0], values[count, 1], values[count, 2] = v0, v1, v2
                count += 1
    return count


@_kernel
def _clamped(support: np.ndarray, y: int, x: int, bounds: np.ndarray) -> np.float32:
    """support[y, x] with y and x clamped into bounds = (row0, row1, col0, col1), the ends exclusive."""
    return support[min(max(y, bounds[0]), bounds[1] - 1), min(max(x, bounds[2]), bounds[3] - 1)]


@_kernel
def disc_close(support: np.ndarray, rows: np.ndarray, cols: np.ndarray, spans: np.ndarray,
               bounds: np.ndarray) -> np.ndarray:
    """(n,) float32: `support` ((h, w) float32) closed (dilated, then eroded) over a disc at the n pixels
    `rows`, `cols` (int, (n,)), the disc's row dy in [-k, k] spanning columns within spans[dy + k] of its
    centre (spans: (2k + 1,) int, half-widths of `cv2.getStructuringElement(MORPH_ELLIPSE)`), the support read
    on the window `bounds` (row0, row1, col0, col1) and repeated beyond its edge: `cv2.morphologyEx(MORPH_CLOSE)`
    on that window edge-padded by k, bit for bit (max and min are exact). The dilation is made on the points'
    box grown by k only, from running horizontal maxima widened one column at a time (O(k) per pixel)."""
    k = len(spans) // 2
    r0, r1, c0, c1 = rows.min() - k, rows.max() + 1 + k, cols.min() - k, cols.max() + 1 + k
    width = c1 - c0
    padded = np.empty((r1 - r0 + 2 * k, width + 2 * k), np.float32)  # rows r0 - k .., columns c0 - k ..
    for i in range(padded.shape[0]):
        for j in range(padded.shape[1]):
            padded[i, j] = _clamped(support, r0 - k + i, c0 - k + j, bounds)
    widest = padded[:, k:k + width].copy()  # the max over |dx| <= w, w = 0 first
    dilated = np.full((r1 - r0, width), -np.inf, np.float32)
    for w in range(k + 1):
        if w > 0:
            for i in range(padded.shape[0]):
                for j in range(width):
                    widest[i, j] = max(widest[i, j], padded[i, k + j - w], padded[i, k + j + w])
        for dy in range(-k, k + 1):
            if spans[dy + k] == w:
                for i in range(r1 - r0):
                    for j in range(width):
                        dilated[i, j] = max(dilated[i, j], widest[i + k + dy, j])
    out = np.empty(len(rows), np.float32)
    for p in range(len(rows)):
        low = np.float32(np.inf)
        for dy in range(-k, k + 1):
            i = rows[p] - r0 + dy
            for dx in range(-spans[dy + k], spans[dy + k] + 1):
                low = min(low, dilated[i, cols[p] - c0 + dx])
        out[p] = low
    return out


@_kernel
def _fade_run(head: np.ndarray, maps: np.ndarray, r: int, start: int, stop: int, end: int, step: int,
              inside: np.ndarray, kept: float, fade: float) -> None:
    """Fades row r of `head` on columns start, start + step, ... up to (not) stop, a run of samples of `maps` within
    the band of a source side whose band ends at column `end` (the run's first sample past it, or -1: none; `inside`
    (a,) px: each sample's read inside the band's inner edge): each sample lies p px further from `end` in the frame
    than from the band's inner edge in the source (the band spread along the row); past `kept` px it is scaled to
    max(0, 1 - (p - kept) / `fade`)."""
    if end < 0:
        return
    for c in range(start, stop, step):
        past = abs(end - c) - inside[c] - kept
        if past > 0:
            weight = np.float32(max(1 - past / fade, 0.0))
            for k in range(head.shape[2]):
                head[r, c, k] *= weight


@_kernel
def fade_past_sides(head: np.ndarray, maps: np.ndarray, width: int, left: bool, right: bool, band: float,
                    kept: float, fade: float) -> None:
    """Scales in place the samples of `head` ((b, a, C) float32, remapped by `maps` (b, a, 2) float32 x, y px of a
    source `width` px wide) that the map spreads past the source's `left` / `right` side: in each row, the run of
    samples from the box's left (right) end that read within `band` px of that side, each by how much further it
    lies from the run's inner end (the first sample past the band) in the frame than from the band's inner edge in
    the source, p px; past `kept`
    px to max(0, 1 - (p - kept) / `fade`). At rest p = 0: nothing changes (bit for bit), nor farther inside."""
    b, a = maps.shape[:2]
    inside = np.empty(a, np.float32)
    for r in range(b):
        if left:
            c = 0
            while c < a and maps[r, c, 0] < band:
                inside[c] = band - maps[r, c, 0]
                c += 1
            _fade_run(head, maps, r, 0, c, c if 0 < c < a else -1, 1, inside, kept, fade)
        if right:
            c = a - 1
            while c >= 0 and maps[r, c, 0] > width - 1 - band:
                inside[c] = maps[r, c, 0] - (width - 1 - band)
                c -= 1
            _fade_run(head, maps, r, a - 1, c, c if -1 < c < a - 1 else -1, -1, inside, kept, fade)


@_kernel
def _difference(values: np.ndarray, r: int, c: int, axis: int) -> np.float32:
    """`fold_holes._differences(values, axis)[r, c]`: the unhalved central difference along `axis` of (b, a)
    float32 `values` at (r, c), one-sided on the box's edges."""
    n = values.shape[axis]
    i = r if axis == 0 else c
    lo, hi = max(i - 1, 0), min(i + 1, n - 1)
    if axis == 0:
        return values[hi, c] - values[lo, c]
    return values[r, hi] - values[r, lo]


@_kernel
def folds_on_cut(maps: np.ndarray, cut: np.ndarray, along: np.ndarray) -> int:
    """Sets `along` ((b, a) bool, b, a >= 2) to `fold_holes.folded(maps)` where `maps` ((b, a, 2) float32 crop px,
    x y) reads, rounded half to even and clamped into `cut` ((H, W) bool), a pixel of the cut, and returns its count:
    `FoldHoles`' gate in one pass, without the four (b, a) difference arrays (the same float32 products and
    difference, so the same signs)."""
    h, w = cut.shape
    x, y = maps[..., 0], maps[..., 1]
    count = 0
    for r in range(maps.shape[0]):
        for c in range(maps.shape[1]):
            det = _difference(x, r, c, 1) * _difference(y, r, c, 0) - _difference(x, r, c, 0) * _difference(y, r, c, 1)
            hit = False
            if det <= 0:
                row = min(max(int(np.rint(maps[r, c, 1])), 0), h - 1)
                col = min(max(int(np.rint(maps[r, c, 0])), 0), w - 1)
                hit = cut[row, col]
            along[r, c] = hit
            count += hit
    return count


@_kernel
def bound_rim(part: np.ndarray, shown: np.ndarray, moved: np.ndarray, full: np.float32) -> None:
    """`layers.outline_rim`'s statement in place, one pass and no gather: on the pixels of `part` ((n, m, 4) float32,
    premultiplied colour and alpha) where `shown` ((n, m) bool), colour += share * (colour clipped to [0, 255 alpha]
    - colour), share = `moved` ((n, m) float32 px) / `full` (px) clipped to [0, 1], each operation in float32 as
    numpy's."""
    zero, one, top = np.float32(0), np.float32(1), np.float32(255)
    for r in range(shown.shape[0]):
        for c in range(shown.shape[1]):
            if not shown[r, c]:
                continue
            share = min(max(moved[r, c] / full, zero), one)
            high = top * part[r, c, 3]
            for k in range(3):
                value = part[r, c, k]
                part[r, c, k] = value + share * (min(max(value, zero), high) - value)


@_kernel
def untone(plate: np.ndarray, edge: np.ndarray, motion: np.ndarray, photo: np.ndarray, full: np.float32) -> None:
    """`layers.HeadLayer._untoned`'s statement in place, one pass: plate += still * (photo - plate), still = `edge` *
    (1 - `motion` / `full` clipped to [0, 1]) on every pixel (0 off the edge, as numpy's). plate, photo (n, m, 3)
    float32; edge (n, m) bool; motion (n, m) float32 px; full px."""
    zero, one = np.float32(0), np.float32(1)
    for r in range(plate.shape[0]):
        for c in range(plate.shape[1]):
            still = (one if edge[r, c] else zero) * (one - min(max(motion[r, c] / full, zero), one))
            for k in range(3):
                value = plate[r, c, k]
                plate[r, c, k] = value + still * (photo[r, c, k] - value)


@_kernel
def below_zero_taken(head: np.ndarray, maps: np.ndarray, against: np.ndarray, plate: np.ndarray, neck: np.ndarray,
                     neck_row: int, neck_col: int, weights: np.ndarray, share: np.float32, least: np.float32) -> None:
    """`unmix.laid_below_zero`'s statement in place, one pass and no gather (its numpy statement cost ~4.8 ms a frame
    at 512: a mask of the whole box, then a dozen arrays of the pixels found): on each pixel of `head` ((b, a, 4)
    float32, premultiplied) with alpha a > 0 and a colour channel < 0, the plate it was unmixed against, `against`
    ((h, w, 3) float32) read at `maps` ((b, a, 2) float32 crop px) as `cv2.remap(INTER_LINEAR, BORDER_REPLICATE)`
    reads it (`weights` = `BILINEAR_WEIGHTS`), and the plate it is laid over (`plate` (b, a, 3) float32, `neck`
    (n, m, 3) float32 in its place from row `neck_row`, column `neck_col`) give per channel own = colour + (1 - a)
    under, darker = (1 - a) (under - laid), departs = max over channels of darker / max(`share` own, `least`) clipped
    to [0, 1]; each channel below 0 is multiplied by 1 - departs. Every operation in float32 as numpy's."""
    h, w = against.shape[:2]
    n, m = neck.shape[:2]
    zero, one = np.float32(0), np.float32(1)
    for y in range(head.shape[0]):
        for x in range(head.shape[1]):
            alpha = head[y, x, 3]
            if not alpha > zero or not (head[y, x, 0] < zero or head[y, x, 1] < zero or head[y, x, 2] < zero):
                continue
            xa, xb, ya, yb, t = _bilinear_taps(lattice(maps[y, x, 0]), lattice(maps[y, x, 1]), h, w)
            w0, w1, w2, w3 = weights[t, 0], weights[t, 1], weights[t, 2], weights[t, 3]
            behind = one - alpha
            on_neck = neck_row <= y < neck_row + n and neck_col <= x < neck_col + m
            departs = zero
            for k in range(3):
                under = against[ya, xa, k] * w0 + against[ya, xb, k] * w1 + against[yb, xa, k] * w2 \
                    + against[yb, xb, k] * w3
                laid = neck[y - neck_row, x - neck_col, k] if on_neck else plate[y, x, k]
                own = head[y, x, k] + behind * under
                darker = behind * (under - laid)
                departs = max(departs, _clip01(darker / max(share * own, least)))
            kept = one - departs
            for k in range(3):
                if head[y, x, k] < zero:
                    head[y, x, k] = head[y, x, k] * kept


@_kernel
def _patched(plate: np.ndarray, patch: np.ndarray, patch_row: int, patch_col: int, y: int, x: int,
             k: int) -> np.float32:
    """Channel k of `plate` ((h, w, C) float32) at row y, column x, or of `patch` ((p, q, C) float32) where it lies
    in the plate's stead (its (0, 0) at the plate's row `patch_row`, column `patch_col`)."""
    py, px = y - patch_row, x - patch_col
    if 0 <= py < patch.shape[0] and 0 <= px < patch.shape[1]:
        return patch[py, px, k]
    return plate[y, x, k]


@_kernel
def neck_read(plate: np.ndarray, patch: np.ndarray | None, patch_row: int, patch_col: int, grid: np.ndarray,
              disp: np.ndarray, maps: np.ndarray, step: np.ndarray, step_empty: np.ndarray, step_x: np.float32,
              step_y: np.float32, slip_unit: np.float32, weights: np.ndarray, out: np.ndarray,
              slip: np.ndarray) -> None:
    """`HeadLayer._move_neck`'s read of the plate under the moved neck in one pass, bit for bit its numpy and
    `cv2.remap` statement (tests/mesh/test_exact_speedups.py; a dozen passes over the neck's box, ~1.0 ms a call at
    512, this ~0.5): at each pixel (i, j) the read r = grid + disp ((n, m, 2) float32 crop px each: the pixel's own
    position and the neck's backward displacement), `out` ((n, m, 3) float32) = `plate` ((h, w, 3) float32) there as
    `cv2.remap(INTER_LINEAR, BORDER_REPLICATE)` reads it (`weights` = `BILINEAR_WEIGHTS`), with `patch` ((p, q, 3)
    float32, or None) in the plate's stead on its rows `patch_row` .. + p and columns `patch_col` .. + q (a
    frame's change to a part of the plate, without a copy of the whole: `HeadLayer._move_neck`). With a chin strip's
    `step` ((s, t, 3) float32, its (0, 0) at crop px (`step_x`, `step_y`); (0, 0, 3): none, `slip` left alone):
    `slip` ((n, m, 1) float32) = how far the head's map `maps` ((n, m, 2)) and r lie apart (the length of maps - r
    over `slip_unit` = SLIP face_px, `chin_strip.slip_unit`, clipped to [0, 1]) and `out` += slip times `step` read
    at r - (step_x, step_y) as `cv2.remap(INTER_LINEAR, BORDER_CONSTANT)` reads it (0 off it); not where its taps
    are all +0.0 (`step_empty` = `empty_taps(step)`: the sample is +0.0 there and adds nothing to the plate's colour,
    >= 0)."""
    h, w = plate.shape[:2]
    sh, sw = step.shape[:2]
    with_step, skips = sh > 0, sh > 1 and sw > 1
    zero = np.float32(0)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            rx, ry = grid[i, j, 0] + disp[i, j, 0], grid[i, j, 1] + disp[i, j, 1]
            xa, xb, ya, yb, t = _bilinear_taps(lattice(rx), lattice(ry), h, w)
            w0, w1, w2, w3 = weights[t, 0], weights[t, 1], weights[t, 2], weights[t, 3]
            # Without a patch (None: compiled apart, this branch left out) the plate's own taps, as before it.
            if patch is not None and yb >= patch_row and ya < patch_row + patch.shape[0] and xb >= patch_col \
                    and xa < patch_col + patch.shape[1]:
                for k in range(3):  # a tap on the patch: each tap from the patch or the plate
                    out[i, j, k] = _patched(plate, patch, patch_row, patch_col, ya, xa, k) * w0 \
                        + _patched(plate, patch, patch_row, patch_col, ya, xb, k) * w1 \
                        + _patched(plate, patch, patch_row, patch_col, yb, xa, k) * w2 \
                        + _patched(plate, patch, patch_row, patch_col, yb, xb, k) * w3
            else:
                for k in range(3):
                    out[i, j, k] = plate[ya, xa, k] * w0 + plate[ya, xb, k] * w1 + plate[yb, xa, k] * w2 \
                        + plate[yb, xb, k] * w3
            if not with_step:
                continue
            dx, dy = maps[i, j, 0] - rx, maps[i, j, 1] - ry
            share = _clip01(np.sqrt(dx * dx + dy * dy) / slip_unit)
            slip[i, j, 0] = share
            sx, sy = lattice(rx - step_x), lattice(ry - step_y)
            if skips and step_empty[min(max(sy >> 5, 0), sh - 2), min(max(sx >> 5, 0), sw - 2)]:
                continue
            for k in range(3):
                out[i, j, k] += share * _constant_sample(step, sx, sy, weights, k, zero)
