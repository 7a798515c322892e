"""The draw stage's compiled kernels (`draw_kernels`) draw what the numpy code they replace drew, bit for bit: a closing
lid (`EyeRenderer._cover`, one pass, against numpy and `cv2.remap`) on real public-domain eyes, closed by steps and
turned, and sampled past its plate's edges, with its shadow on the eyeball (`edge_shadow`) and the share of the
catchlight it leaves (`lid_lit`) each against its numpy statement; a lid's fit (`lid_fit`) against `np.linalg.lstsq`;
the neck's displacement from its columns' figures (`NeckWarp.displacement`); `composite.blend` on a photo's pixels;
the neck's lean joined with its sides' pull (`pull_into`, in `neck_sides.with_pull`); the jaw line's lowest point per
column (`lowest_segments`, in `jaw_line.lowest_crossings`) on the turned faces' jaws; the head layer's remap
(`remap_linear`) against OpenCV's on a photo cut out as a premultiplied layer; the mouth colour match's per-pixel
light (`mouth_light`) on a photo's face taken to a dimmer, brighter and cyan-lit portrait's light (there its chroma
held, `mouth_driver.coloured_light` 1); the jaw's dark line moved with the jaw (`shadow_ratios`, in
`jaw_shadow.moved_shadow`) against its `cv2.remap` statement on a turned, raised head; the neck's top shift limited in
slope (`slope_limited`, in `neck._slope_limited`) against numpy's (m, m) statement on a turned, raised head and on
made-up columns (ties, -0.0, NaN); the kept pixels' steps moved with the neck (`moved_reads`, in
`kept_photo.moved_steps`) and where the moved head covers the neck, its hanging hair left out (`uncovered_hair`, in
`NeckWarp.covered`), each against its `cv2.remap` statement on lp_s1 512's turned head and on made-up reads past the
edges; the neck's sides' pull added in one pass (`add_outer`, in `neck_sides.SidePull`) against numpy's float32
product on lp_s1 512's turned head and on made-up values. (`over_plate`: test_render_speedups.py.)"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import set_up_copy
from mesh_target_edits import close_eye
from test_layered import turn_targets

from facereel.engines.mesh import draw_kernels, layers
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.composite import blend
from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, empty_taps, neck_displacement, pull_into, remap_linear
from facereel.engines.mesh.eye import eyes
from facereel.engines.mesh.eye.eye_smear import lid_offsets
from facereel.engines.mesh.eye.eyes import EyeRenderer
from facereel.engines.mesh.geometry.head_proxy import smoothstep
from facereel.engines.mesh.geometry.mesh_topology import (
    LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER,
)
from facereel.engines.mesh.neck_layer import neck, neck_sides
from facereel.engines.mesh.neck_layer.jaw_line import JAW, lowest_crossings
from facereel.engines.mesh.neck_layer.jaw_shadow import MOVE_GAP
from facereel.engines.mesh.open_mouth import mouth_driver
from facereel.engines.mesh.open_mouth.mouth import MouthRenderer
from facereel.engines.mesh.open_mouth.mouth_driver import light_match, match_colours
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour
from facereel.face import landmark_ids as ids


def _carry(eye: EyeRenderer, image: np.ndarray, u: np.ndarray, d: np.ndarray) -> np.ndarray:
    """`image` (a float32 layer of the lid source) sampled at source positions u, d (h, w) (numpy statement)."""
    sa, sb = eye.src_corners
    axis = sb - sa
    normal = eye.down * np.array([-axis[1], axis[0]], np.float32)
    mx = sa[0] + u * axis[0] + d * normal[0] - eye.plate_origin[0]
    my = sa[1] + u * axis[1] + d * normal[1] - eye.plate_origin[1]
    return cv2.remap(image, mx.astype(np.float32), my.astype(np.float32), cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE)


def _blend_reference(dst: np.ndarray, src: np.ndarray, alpha: np.ndarray) -> None:
    """`composite.blend` as numpy array operations (the code `draw_kernels.blend_into` replaces)."""
    a = alpha[..., None]
    mixed = dst.astype(np.float32) * (1.0 - a) + np.asarray(src, dtype=np.float32) * a
    dst[:] = np.clip(mixed + 0.5, 0, 255).astype(np.uint8)


def _cover_reference(eye: EyeRenderer, box: np.ndarray, box_origin: tuple[int, int], tgt: np.ndarray,
                     fits: list[np.ndarray], closure: float) -> None:
    """`EyeRenderer._cover` with the lid drawn by numpy array operations and three `cv2.remap` calls (the code
    `draw_kernels.lid_cover` replaces)."""
    h, w = box.shape[:2]
    gy, gx = np.mgrid[box_origin[1]:box_origin[1] + h, box_origin[0]:box_origin[0] + w].astype(np.float32)
    a, b = tgt[eye.corners[0], :2], tgt[eye.corners[1], :2]
    axis = b - a
    span = max(float(axis @ axis), 1e-6)
    normal = eye.down * np.array([-axis[1], axis[0]], np.float32)
    u = ((gx - a[0]) * axis[0] + (gy - a[1]) * axis[1]) / span
    d = ((gx - a[0]) * normal[0] + (gy - a[1]) * normal[1]) / span
    uc = np.clip(u, 0, 1)
    margin = eyes._lid_offset(eye.src_fits[0], uc)
    top = margin - eye.lid_skin
    top = top + np.float32(eyes._shut(closure)) * (np.float32(eye.crest) - top)
    bottom = eye._carried_margin(fits, closure, uc)
    v = np.clip((d - top) / np.maximum(bottom - eyes.LASH_BAND - top, 1e-6), 0, 1)
    bias = 1 + (eyes.SKIN_BIAS - 1) * np.clip((bottom - margin) / eye.lid_skin, 0, 1)
    d_skin = top + (margin - eyes.LASH_BAND - top) * v ** bias
    d_src = np.where(d > bottom - eyes.LASH_BAND, margin - (bottom - d), d_skin)
    px = np.sqrt(span)
    lashes = np.clip((d - bottom + eyes.LASH_BAND) * px + 0.5, 0, 1)[..., None]
    over = np.clip((d - top) / np.maximum(margin - top, 1e-6), 0, 1)
    w = (over * over * (3 - 2 * over) * np.clip((bottom - margin) / eyes.LID_FEATHER, 0, 1)
         * np.float32(eyes._lift(closure)))[..., None]
    lit = eye.skin[0] + (uc - np.float32(0.5))[..., None] * eye.skin[1]
    shade = (1 - w) * _carry(eye, eye.lid_shade, u, d_src) + w * lit
    skin = shade + _carry(eye, eye.lid_grain, u, d_src)
    lid = lashes * _carry(eye, eye.lid_source.astype(np.float32), u, d_src) + (1 - lashes) * skin
    inside = (np.clip((bottom - d) * px + 0.5, 0, 1) * np.clip((d - top) / eyes.LID_FEATHER, 0, 1)
              * np.clip((bottom - margin) / eyes.LID_FEATHER, 0, 1) * ((u > 0) & (u < 1)))
    _blend_reference(box, np.clip(lid, 0, 255), (inside * min(1.0, closure / eyes.FULL_COVER)).astype(np.float32))
    _edge_shadow_reference(eye, box, box_origin, a, axis, normal, fits, closure)
    eye._lash_line(box, box_origin, a, axis, normal, fits, closure)
    eye._crease(box, box_origin, a, axis, normal, fits, closure)


def _closed_by_steps(face: tuple[np.ndarray, np.ndarray], degrees: float) -> None:
    """Both eyes of `face` (image, landmarks) drawn (`EyeRenderer.render`, the head still) as they close by steps,
    the face turned `degrees` in the image plane."""
    image, lm = face
    renderers = [EyeRenderer(image, lm, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS),
                 EyeRenderer(image, lm, LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS)]
    still = np.zeros((*image.shape[:2], 2), np.float32)
    gy, gx = np.mgrid[0:image.shape[0], 0:image.shape[1]].astype(np.float32)
    grid, origin = np.dstack([gx, gy]), np.zeros(2, np.float32)
    for keep in (0.8, 0.5, 0.3, 0.12, 0.0):
        target = _turned(close_eye(close_eye(lm, "right", keep), "left", keep), degrees)
        for eye in renderers:
            eye.render(image.copy(), origin, still, grid, target)


def _edge_shadow_reference(eye: EyeRenderer, box: np.ndarray, box_origin: tuple[int, int], a: np.ndarray,
                           axis: np.ndarray, normal: np.ndarray, fits: list[np.ndarray], closure: float) -> None:
    """`EyeRenderer._edge_shadow` as numpy array operations (the code `draw_kernels.edge_shadow` replaces)."""
    h, w = box.shape[:2]
    gy, gx = np.mgrid[box_origin[1]:box_origin[1] + h, box_origin[0]:box_origin[0] + w].astype(np.float32)
    span = max(float(axis @ axis), 1e-6)
    u = ((gx - a[0]) * axis[0] + (gy - a[1]) * axis[1]) / span
    d = ((gx - a[0]) * normal[0] + (gy - a[1]) * normal[1]) / span
    uc = np.clip(u, 0, 1)
    edge = eye._carried_margin(fits, closure, uc, overlap=False)
    px = np.sqrt(span)
    depth = np.clip(1 - (d - edge) / eyes.EDGE_SHADOW, 0, 1)
    inside = (np.clip((d - edge) * px + 0.5, 0, 1) * np.clip((eyes._lid_offset(fits[1], uc) - d) * px + 0.5, 0, 1)
              * ((u > 0) & (u < 1)))
    strength = eyes.EDGE_DARK * min(1.0, closure / eyes.LASH_RISE) * eye.lidded
    _blend_reference(box, eye.lash, (depth * depth * inside * strength).astype(np.float32))


def _turned(lm: np.ndarray, degrees: float) -> np.ndarray:
    """The landmarks rotated in the image plane about their mean by `degrees`."""
    centre = lm[:, :2].mean(0)
    angle = np.radians(degrees)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], np.float32)
    out = lm.copy()
    out[:, :2] = (lm[:, :2] - centre) @ rotation.T + centre
    return out


@pytest.mark.parametrize("degrees, off_plate", [(0.0, 0.0), (12.0, 0.0), (0.0, -0.6)])
def test_closing_lid_matches_numpy(face, monkeypatch, degrees, off_plate):
    """`_cover` (`draw_kernels.lid_cover`) = the numpy and `cv2.remap` statement of it, bit for bit; with
    `off_plate` the lid's plate is moved by that share of its size (whole px), so that the lid is sampled past the
    plate's edges (`cv2.BORDER_REPLICATE`); the lid's socket on the plate (`lid_socket`, where the drawn lid is kept)
    padded by as much, so that it stays over the photo's lid."""
    image, lm = face
    renderers = [EyeRenderer(image, lm, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS),
                 EyeRenderer(image, lm, LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS)]
    for eye in renderers:
        shift = np.round(off_plate * np.array(eye.lid_shade.shape[1::-1], np.float32))  # (x, y) px, <= 0
        eye.plate_origin = eye.plate_origin + shift
        eye.lid_socket = np.pad(eye.lid_socket, ((int(-shift[1]), 0), (int(-shift[0]), 0)))
    still = np.zeros((*image.shape[:2], 2), np.float32)
    gy, gx = np.mgrid[0:image.shape[0], 0:image.shape[1]].astype(np.float32)
    grid = np.dstack([gx, gy])
    origin = np.zeros(2, np.float32)
    drawn = []
    for keep in (0.8, 0.5, 0.3, 0.12, 0.0):
        target = _turned(close_eye(close_eye(lm, "right", keep), "left", keep), degrees)
        for eye in renderers:
            frames = []
            for reference in (False, True):
                with monkeypatch.context() as patch:
                    if reference:
                        patch.setattr(EyeRenderer, "_cover", _cover_reference)
                    frame = image.copy()
                    eye.render(frame, origin, still, grid, target)
                frames.append(frame)
            drawn.append(not np.array_equal(frames[0], image))
            np.testing.assert_array_equal(frames[0], frames[1])
    assert sum(drawn) >= 8  # the lids were drawn (not both sides left as the photo)


@pytest.mark.parametrize("degrees", [0.0, 12.0])
def test_edge_shadow_matches_numpy(face, monkeypatch, degrees):
    """The lowered lid's shadow on the eyeball (`EyeRenderer._edge_shadow`, drawn by `draw_kernels.edge_shadow` in one
    pass) = its numpy statement, bit for bit, on the boxes `_cover` hands it (the lid laid over them) as a real eye
    closes by steps, straight and turned; it darkens pixels of most of them."""
    darkened, passes = [], []
    shadow = EyeRenderer._edge_shadow
    monkeypatch.setattr(eyes, "edge_shadow", lambda *args: passes.append(draw_kernels.edge_shadow(*args)))

    def compared(eye, box, box_origin, a, axis, normal, fits, closure):
        before, expected = box.copy(), box.copy()
        _edge_shadow_reference(eye, expected, box_origin, a, axis, normal, fits, closure)
        shadow(eye, box, box_origin, a, axis, normal, fits, closure)
        np.testing.assert_array_equal(box, expected)
        darkened.append(int((box != before).any(2).sum()))

    monkeypatch.setattr(EyeRenderer, "_edge_shadow", compared)
    _closed_by_steps(face, degrees)
    assert len(passes) == len(darkened) >= 8  # drawn by the kernel
    assert sum(n > 0 for n in darkened) >= len(darkened) // 2, darkened


def _lit_reference(eye: EyeRenderer, tgt: np.ndarray, fits: list[np.ndarray], closure: float, centre: np.ndarray,
                   k: float) -> np.ndarray | None:
    """`EyeRenderer._lit` as numpy array operations (the code `draw_kernels.lid_lit` replaces) on its texture's place
    along and across the corner line."""
    if closure <= eyes.OPEN:
        return None
    u, d, span = eye._texture_across(tgt, centre, k)  # numpy's products, as `_lit` reads them
    edge = eye._carried_margin(fits, min(closure, 1.0), u, overlap=False)
    shade = min(1.0, closure / eyes.LASH_RISE) * eye.lidded
    under = eyes.LASH_REACH * eye._lash_blur() / float(np.sqrt(span))
    return 1.0 - shade * (1.0 - smoothstep(under, under + eyes.EDGE_SHADOW, d - edge))


@pytest.mark.parametrize("degrees", [0.0, 12.0])
def test_lid_lit_matches_numpy(face, monkeypatch, degrees):
    """The share of the catchlight a closing lid leaves (`EyeRenderer._lit`, its per-pixel part `draw_kernels.lid_lit`)
    = its numpy statement, bit for bit, as a real eye closes by steps, straight and turned; some of its weights fall
    under 1 (the lid's shadow on the catchlight)."""
    shaded, passes = [], []
    lit = EyeRenderer._lit
    monkeypatch.setattr(eyes, "lid_lit", lambda *args: passes.append(draw_kernels.lid_lit(*args)))

    def compared(eye, tgt, fits, closure, centre, k):
        weights = lit(eye, tgt, fits, closure, centre, k)
        expected = _lit_reference(eye, tgt, fits, closure, centre, k)
        assert (weights is None) == (expected is None)
        if weights is not None:
            assert weights.dtype == expected.dtype
            np.testing.assert_array_equal(weights, expected)
            shaded.append(int((weights < 1).sum()))
        return weights

    monkeypatch.setattr(EyeRenderer, "_lit", compared)
    _closed_by_steps(face, degrees)
    assert len(passes) == len(shaded) >= 4  # drawn by the kernel
    assert any(shaded), shaded


def _lid_fit_reference(points: np.ndarray, corners: tuple[int, int], lid: list[int], down: float) -> np.ndarray:
    """`eyes._lid_fit` by `np.linalg.lstsq` (the code `draw_kernels.lid_fit` replaces)."""
    a, b = points[corners[0], :2], points[corners[1], :2]
    u = np.clip((points[lid, :2] - a) @ (b - a) / max(float((b - a) @ (b - a)), 1e-6), 0, 1)
    basis = np.stack([u * (1 - u), u * u * (1 - u)], 1)
    return np.linalg.lstsq(basis, lid_offsets(points, corners, lid, down), rcond=None)[0]


def test_lid_fit_matches_lstsq(face):
    """A lid's fit (`lid_fit`, float32 landmarks as the draw's) is lstsq's bit for bit: both eyes, both lids,
    open to shut by small steps and turned; and lstsq's own where the lid points bunch at one corner (rank 0)."""
    image, lm = face
    lm = lm.astype(np.float32)
    renderers = [EyeRenderer(image, lm, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS),
                 EyeRenderer(image, lm, LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS)]
    fits = 0
    for keep in np.linspace(1.0, 0.0, 21):
        for degrees in (-25.0, -3.0, 0.0, 7.5, 40.0):
            target = _turned(close_eye(close_eye(lm, "right", keep), "left", keep), degrees).astype(np.float32)
            for eye in renderers:
                for lid in eye.lids:
                    got, expected = eyes._lid_fit(target, eye.corners, lid, eye.down), \
                        _lid_fit_reference(target, eye.corners, lid, eye.down)
                    assert got.dtype == expected.dtype == np.float32
                    np.testing.assert_array_equal(got.view(np.uint32), expected.view(np.uint32))
                    fits += 1
    assert fits == 21 * 5 * 4
    eye = renderers[0]
    bunched = lm.copy()
    bunched[eye.lids[0], :2] = lm[eye.corners[0], :2] + (0.0, 3.0)  # every lid point at u = 0: a zero basis
    np.testing.assert_array_equal(eyes._lid_fit(bunched, eye.corners, eye.lids[0], eye.down),
                                  _lid_fit_reference(bunched, eye.corners, eye.lids[0], eye.down))


def _neck_reference(top, collar, collars, tops, shift, lean, span, follow, fade):
    """`neck_displacement` as the numpy array operations it replaces."""
    y = np.arange(top, top + len(fade), dtype=np.float32)[:, None]
    line = collars[None]
    down = shift * np.clip((line - y) / np.maximum(line - tops, 1e-3), 0, 1)
    down[y[:, 0] >= collar] = 0
    down = np.where(y >= line, 0, down)
    grade = np.clip((line - y) / span, 0, 1)
    return (np.dstack([grade * lean, down]) * follow[None, :, None] * fade[:, None, None]).astype(np.float32)


@pytest.mark.parametrize("seed", range(4))
def test_neck_displacement_matches_numpy(seed):
    rng = np.random.default_rng(seed)
    n, m, top = 90, 70, 200
    collar = float(top + rng.uniform(40, 100))  # the box's collar line, a Python float as in `NeckWarp`
    collars = (top + rng.uniform(20, 95, m)).astype(np.float32)
    tops = (top + rng.uniform(-10, 60, m)).astype(np.float32)
    tops[:5] = collars[:5]  # a column whose neck's top is at its collar line: the 1e-3 floor
    shift = rng.uniform(-30, 30, m).astype(np.float32)
    lean = rng.uniform(-8, 8, m).astype(np.float32)
    span = np.maximum(collars - rng.uniform(top, top + 40), 1.0).astype(np.float32)
    follow = np.clip(rng.uniform(-0.5, 1.5, m), 0, 1).astype(np.float32)
    fade = np.clip(np.linspace(-0.2, 3, n), 0, 1).astype(np.float32)
    out = np.empty((n, m, 2), np.float32)
    neck_displacement(top, np.float32(collar), collars, tops, shift, lean, span, follow, fade, out)
    expected = _neck_reference(top, collar, collars, tops, shift, lean, span, follow, fade)
    assert np.abs(expected).max() > 1 and (expected == 0).any()
    np.testing.assert_array_equal(out.view(np.uint32), expected.view(np.uint32))


def test_smoothstep_of_scalars_as_of_arrays():
    rng = np.random.default_rng(3)
    cases = [(0.1, 0.4, float(x)) for x in rng.uniform(-0.2, 0.7, 200)]
    cases += [(2, 6, float(x)) for x in rng.uniform(0, 8, 50)]  # int edges (as some constants are)
    cases += [(np.float64(0.0), np.float64(x), np.float64(y)) for x, y in rng.uniform(0, 3, (50, 2))]
    cases += [(0.5, 0.5, 0.5), (0.5, 0.5, 0.6), (0.3, 0.1, 0.2), (0.0, 1.0, -0.0)]  # an empty and a reversed ramp
    for edges_and_x in cases:
        got = smoothstep(*edges_and_x)
        expected = smoothstep(*(np.asarray(v) for v in edges_and_x))  # 0-d arrays: numpy's path
        assert type(got) is np.float64 and 0 <= got <= 1
        assert got.tobytes() == np.float64(expected).tobytes(), edges_and_x


@pytest.mark.parametrize("alpha_type", [np.float32, np.float64])
@pytest.mark.parametrize("source", ["image", "uint8 image", "float64 image", "colour"])
def test_blend_matches_numpy(face, alpha_type, source):
    image, _ = face
    rng = np.random.default_rng(3)
    dst = np.ascontiguousarray(image[100:180, 150:260])
    src = {"image": lambda: rng.uniform(-20, 280, dst.shape).astype(np.float32),
           "uint8 image": lambda: np.ascontiguousarray(image[200:280, 40:150]),
           "float64 image": lambda: rng.uniform(0, 255, dst.shape),
           "colour": lambda: (12.3, 200.5, 99.5)}[source]()
    alpha = np.clip(rng.uniform(-0.3, 1.3, dst.shape[:2]), 0, 1).astype(alpha_type)
    drawn, expected = dst.copy(), dst.copy()
    blend(drawn[:, 5:], src[:, 5:] if source != "colour" else src, alpha[:, 5:])  # a view, as the eyes' boxes
    _blend_reference(expected[:, 5:], src[:, 5:] if source != "colour" else src, alpha[:, 5:])
    assert not np.array_equal(expected, dst)
    np.testing.assert_array_equal(drawn, expected)


@pytest.mark.parametrize("scale", [1.0, 1.37])
def test_remap_linear_matches_opencv(face, scale):
    """`remap_linear` = `cv2.remap(..., INTER_LINEAR, BORDER_REPLICATE)` bit for bit on a premultiplied
    (h, w, 4) layer that is zero outside an ellipse (the skipped samples), under a rotated, scaled map that runs
    past every side of the image, with non-finite and huge positions."""
    image, _ = face
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    alpha = np.clip(1.5 - np.hypot((xx - w / 2) / (0.3 * w), (yy - h / 2) / (0.4 * h)) * 1.5, 0, 1)
    layer = np.ascontiguousarray(np.dstack([image.astype(np.float32) * alpha[..., None], alpha]))
    angle = np.radians(17.0)
    cx, cy = (xx - w / 2) * scale, (yy - h / 2) * scale
    maps = np.dstack([np.cos(angle) * cx - np.sin(angle) * cy + w / 2 + 0.3,
                      np.sin(angle) * cx + np.cos(angle) * cy + h / 2 - 0.7]).astype(np.float32)[::2, ::2].copy()
    maps[0, :4] = [[np.nan, 3], [np.inf, 5], [-1e12, 7], [2.0 ** 27, -2.0 ** 27]]
    maps[1, :64, 0] = np.arange(64, dtype=np.float32) / 64 - 0.5  # every 1/32 px fraction, and its halves
    empty = empty_taps(layer)
    out = np.empty((*maps.shape[:2], 4), np.float32)
    remap_linear(layer, maps, BILINEAR_WEIGHTS, empty, out)
    expected = cv2.remap(layer, maps, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    assert 0.2 < empty.mean() < 0.9 and (expected[..., 3] > 0).mean() > 0.1
    assert ((maps[..., 0] < 0) | (maps[..., 0] > w - 1)).any() and ((maps[..., 1] < 0) | (maps[..., 1] > h - 1)).any()
    np.testing.assert_array_equal(out.view(np.uint32), expected.view(np.uint32))


def _fill_hole_reference(image: np.ndarray, known: np.ndarray) -> np.ndarray:
    """`layers.fill_hole` with its levels as numpy array operations (the code `draw_kernels.pull_level` replaces)."""
    colour = image.astype(np.float32) * known[..., None]
    weight = known.astype(np.float32)
    pyramid = [(colour, weight)]
    while min(weight.shape) > 4:
        colour, weight = cv2.pyrDown(colour), cv2.pyrDown(weight)
        pyramid.append((colour, weight))
    filled = colour / np.maximum(weight, 1e-6)[..., None]
    for colour, weight in reversed(pyramid[:-1]):
        up = cv2.pyrUp(filled, dstsize=(weight.shape[1], weight.shape[0]))
        mean = colour / np.maximum(weight, 1e-6)[..., None]
        trust = np.clip(weight * 4, 0, 1)[..., None]
        filled = trust * mean + (1 - trust) * up
    return filled


@pytest.mark.parametrize("kind", ["photo", "float64 known", "coarse map"])
def test_fill_hole_matches_numpy(face, kind):
    """`layers.fill_hole` (its levels by `pull_level`) fills a face-shaped hole in a photo (uint8, soft-edged
    float32 or float64 known) and in a 2-channel float32 map bit for bit as the numpy levels did."""
    from facereel.engines.mesh.layers import fill_hole

    image, landmarks = face
    hole = np.zeros(image.shape[:2], np.uint8)
    cv2.fillConvexPoly(hole, cv2.convexHull(np.round(landmarks[list(ids.FACE_OVAL), :2]).astype(np.int32)), 1)
    known = cv2.GaussianBlur(1.0 - hole.astype(np.float32), (0, 0), 3.0)
    if kind == "float64 known":
        known = known.astype(np.float64)
    if kind == "coarse map":
        yy, xx = np.mgrid[0:image.shape[0]:4, 0:image.shape[1]:4].astype(np.float32)
        image = np.dstack([np.sin(xx / 40) * 9, np.cos(yy / 30) * 7]).astype(np.float32)
        known = (known[::4, ::4] > 0.5).astype(np.float32)
    got, expected = fill_hole(image, known), _fill_hole_reference(image, known)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    inside = known < 0.5
    assert np.abs(got[inside] - image[inside]).max() > 1  # the hole is filled, not the photo kept
    np.testing.assert_array_equal(got, expected)


def _match_colours_reference(patch: np.ndarray, match: mouth_driver.LightMatch) -> np.ndarray:
    """`mouth_driver.match_colours` by numpy array operations (the code `draw_kernels.mouth_light` replaces), then,
    as there, its colours dimmed with a dimmer light (`mouth_driver.dimmed_chroma`), its tongue turned with the lips
    (`mouth_driver.lip_turned`) and its shadows raised to the throat's floor (`mouth_driver.throat_floor`), numpy
    on both sides: the reference states the kernel, not those steps, so it calls the same functions."""
    md = mouth_driver
    lab = md.to_lab(patch)
    tinted = md.to_lab(md._srgb(md._linear(patch) * match.tint))
    skin_d, (skin_p, _) = match.skin_lab, match.portrait.labs
    light = np.clip(skin_p[0] / max(skin_d[0], 1.0), *md._EXPOSURE_RANGE)
    chroma = np.linalg.norm(lab[..., 1:], axis=-1) / max(float(np.linalg.norm(skin_d[1:])), 1.0)
    teeth = (md._ramp(lab[..., 0] / max(skin_d[0], 1.0), *md._TEETH_LIGHT) * md._ramp(chroma, *md._TEETH_CHROMA))[..., None]
    if match.lip_chroma > 0:
        grey = (md._ramp(lab[..., 0] / max(skin_d[0], 1.0), *md._GREY_LIGHT)
                * md._ramp(np.linalg.norm(lab[..., 1:], axis=-1) / match.lip_chroma - md._GREY_WIDEN
                           * md._ramp(_turn(lab, match.lip_hue), *md._GREY_HUE), *md._GREY_CHROMA))
        teeth = np.maximum(teeth, grey[..., None])
    lit = np.maximum(md._ramp(lab[..., 0] / max(skin_d[0], 1.0), *md._SHADOW), teeth[..., 0])
    gain = min(light, 1.0) + lit * (light - min(light, 1.0))
    out = np.empty_like(lab)
    lift = md._SHADOW_LIFT * max(float(skin_p[0] - skin_d[0]), 0.0)
    fade = np.float32(min(lift / max(md._LIFT_SPENT * float(skin_p[0]), 1.0), 1.0))
    added = np.maximum(np.float32(lift) - fade * (lab[..., 0] * np.float32(min(light, 1.0))), np.float32(0))
    out[..., 0] = np.minimum(lab[..., 0] * gain + (1 - lit) * added, 100.0)
    ab = tinted[..., 1:] * (1 - teeth) + skin_p[1:] * chroma[..., None] * teeth
    has = np.sqrt(ab[..., 0] * ab[..., 0] + ab[..., 1] * ab[..., 1])
    share = chroma * np.float32(np.linalg.norm(skin_p[1:]))
    held = np.float32(md.chroma_hold(match, skin_p[0] / max(skin_d[0], 1.0)))  # outside the kernel
    keep = np.where(has > share, 1 - held * (1 - share / np.where(has > share, has, 1)), np.float32(1))
    out[..., 1:] = ab * keep[..., None]
    dimmed = md.dimmed_chroma(lab, out, match.dimmer * (1 - held))
    return md.from_lab(md.throat_floor(lab, md.lip_turned(dimmed, teeth[..., 0], match), match))


def _turn(lab: np.ndarray, lip_hue: float) -> np.ndarray:
    """(h, w) float32 degrees: each CIELAB pixel's hue angle (of (h, w, 3) float32 `lab`, in float64 as the kernel
    takes it) less `lip_hue`, wrapped to [-180, 180)."""
    hue = np.degrees(np.arctan2(lab[..., 2].astype(np.float64), lab[..., 1].astype(np.float64))).astype(np.float32)
    return (hue - np.float32(lip_hue) + np.float32(180)) % np.float32(360) - np.float32(180)


@pytest.mark.parametrize("light", [(1.0, 1.0, 1.0), (0.5, 0.5, 0.5), (1.6, 1.6, 1.6), (0.4, 1.0, 1.1)])
def test_mouth_light_matches_numpy(face, light):
    """`match_colours` (`draw_kernels.mouth_light`) = its numpy statement, bit for bit, on the face and its
    surroundings (skin, lips, teeth, hair, background) as the driver's pixels and on one pixel (the lip band's
    test), taken to the light of the same photo lit as `light` (per-channel gains: the same, dimmer, brighter
    (the lit pixels' own gain), cyan), without and with the driver's lips' chroma (its dim teeth)."""
    image, lm = face
    lit = np.clip(image * np.array(light, np.float32), 0, 255).astype(np.uint8)
    x0, y0 = np.maximum(lm[:, :2].min(0).astype(int) - 20, 0)
    x1, y1 = lm[:, :2].max(0).astype(int) + 20
    for lip in (None, lip_colour(image, lm)):  # the driver's dim teeth read against its lips' chroma or not
        match = light_match(skin_colour(image, lm), MouthRenderer(lit, lm).colours, lip)
        for patch in (image[y0:y1, x0:x1], image[y1 - 1:y1, x1 - 1:x1]):
            np.testing.assert_array_equal(match_colours(patch, match), _match_colours_reference(patch, match))


@pytest.mark.parametrize("tint", [(1.0, 1.0, 1.0), (0.25, 4.0, 1.3), (4.0, 0.25, 0.7731)])
def test_tinted_levels_match_numpy(tint):
    """`mouth_driver.tinted` of a uint8 patch (each level looked up in a table made per tint) = its numpy
    statement `_srgb(_linear(patch) * tint)`, bit for bit, for every level 0-255 in each channel (in shuffled
    order, a 16 x 48 patch) at the tint range's ends; a float patch takes the numpy statement itself."""
    md = mouth_driver
    tint = np.array(tint, np.float32)
    levels = np.random.default_rng(3).permutation(np.arange(256, dtype=np.uint8).repeat(3)).reshape(16, 48, 1)
    patch = np.concatenate([levels, levels[::-1], np.roll(levels, 7, 1)], 2)
    expected = md._srgb(md._linear(patch) * tint)
    got = md.tinted(patch, tint)
    assert got.dtype == expected.dtype == np.float32 and got.shape == patch.shape
    np.testing.assert_array_equal(got.view(np.uint32), expected.view(np.uint32))
    assert len(np.unique(got)) > 200  # levels apart stay apart (a saturated channel aside)
    np.testing.assert_array_equal(md.tinted(patch.astype(np.float32), tint), expected)


def _lowest_reference(jaw: np.ndarray, columns: np.ndarray, half: float = 0.0
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`jaw_line.lowest_crossings` as numpy array operations over (m, J - 1) (the code it replaced)."""
    a, b = jaw[:-1], jaw[1:]
    dx, rise = b[:, 0] - a[:, 0], b[:, 1] - a[:, 1]
    columns = np.asarray(columns)[:, None]
    start = np.maximum(np.minimum(a[:, 0], b[:, 0]), columns - half)
    stop = np.minimum(np.maximum(a[:, 0], b[:, 0]), columns + half)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (start - a[:, 0]) / dx
        rows = a[:, 1] + t * rise
        if half:
            t_stop = (stop - a[:, 0]) / dx
            rows_stop = a[:, 1] + t_stop * rise
            lower = rows_stop > rows
            t, rows = np.where(lower, t_stop, t), np.where(lower, rows_stop, rows)
    rows = np.where((start <= stop) & (dx != 0), rows, -np.inf)
    segment = np.argmax(rows, axis=1)
    at = np.arange(len(segment))
    lowest = rows[at, segment]
    found = np.isfinite(lowest)
    return np.where(found, lowest, np.nan), segment, np.where(found, t[at, segment], 0.0)


@pytest.mark.parametrize("jaw_type, column_type", [(np.float32, np.float32), (np.float64, np.float32),
                                                   (np.float32, np.float64), (np.float64, np.int64)])
def test_lowest_crossings_match_numpy(face, jaw_type, column_type):
    """The compiled lowest point per column equals the numpy statement's bit for bit, dtypes included, on the
    face turned both ways (the far jaw folded back: columns crossing it twice), at half 0 and 0.5, on
    columns off the jaw's ends and at fractional positions, and on a jaw with a vertical segment and two
    segments at the same lowest row (the first kept)."""
    _, lm = face
    targets, _ = turn_targets(lm)
    jaws = [targets[k][list(JAW), :2] for k in range(0, len(targets), 4)]
    jaws.append(np.array([[0, 0], [4, 6], [4, 9], [8, 9], [10, 9], [12, 3]], np.float64))  # vertical, tie
    step = 1 if np.issubdtype(column_type, np.integer) else 0.37
    compared = 0
    for jaw in jaws:
        jaw = jaw.astype(jaw_type)
        columns = np.arange(np.floor(jaw[:, 0].min()) - 3, jaw[:, 0].max() + 4, step).astype(column_type)
        for half in (0.0, 0.5):
            got, want = lowest_crossings(jaw, columns, half), _lowest_reference(jaw, columns, half)
            for g, w in zip(got, want):
                assert g.dtype == w.dtype
                np.testing.assert_array_equal(g, w)
            compared += int(np.isfinite(got[0]).sum())
    assert compared > 1000


@pytest.mark.parametrize("seed", range(3))
def test_pull_into_matches_numpy(seed):
    """The lean joined with the faded pull equals `neck_sides.with_pull`'s numpy statement bit for bit (the
    sign of zeros included) on leans and pulls of both signs, zeros and negative zeros among them."""
    rng = np.random.default_rng(seed)
    n, m = 60, 80
    values = np.array([0.0, -0.0, 3.0, -3.0], np.float32)
    lean = np.where(rng.random((n, m)) < 0.3, rng.choice(values, (n, m)),
                    rng.uniform(-12, 12, (n, m))).astype(np.float32)
    pull = np.where(rng.random((n, m)) < 0.3, rng.choice(values, (n, m)),
                    rng.uniform(-20, 20, (n, m))).astype(np.float32)
    fade = np.clip(np.linspace(-0.3, 1.4, n), 0, 1).astype(np.float32)
    faded = fade[:, None] * pull
    expected = np.where(faded > 0, lean + np.maximum(faded - np.maximum(lean, 0), 0),
                        lean + np.minimum(faded - np.minimum(lean, 0), 0)).astype(np.float32)
    out = np.zeros((n, m, 2), np.float32)
    out[..., 0] = lean
    pull_into(out[..., 0], fade, pull)  # a strided view, as `NeckWarp.displacement` passes it
    assert (expected != lean).mean() > 0.3 and np.signbit(lean[lean == 0]).any() and (expected == 0).any()
    np.testing.assert_array_equal(out[..., 0].view(np.uint32), expected.view(np.uint32))
    assert not out[..., 1].any()


def _outer_added(out: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> None:
    """`draw_kernels.add_outer` as `neck_sides.SidePull` had it, numpy's float32 product cast and added (the
    sides' `pull += (shift * down * across).astype(np.float32)`, `shift * down` (n, 1), `across` (1, m))."""
    with np.errstate(invalid="ignore"):  # inf - inf and inf * 0 among the made-up values
        out += (rows[:, None] * cols[None]).astype(np.float32)


def test_add_outer_matches_numpy():
    """`add_outer` equals numpy's float32 `out += rows[:, None] * cols[None]` bit for bit, zeros, -0.0, NaN and
    infinities among the sums and factors (0 + -0.0 is 0.0)."""
    rng = np.random.default_rng(4)
    special = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, 1e-30], np.float32)
    for n, m in ((1, 1), (7, 13), (60, 90)):
        out = np.where(rng.random((n, m)) < 0.3, rng.choice(special, (n, m)), rng.normal(0, 9, (n, m)))
        rows = np.where(rng.random(n) < 0.3, rng.choice(special, n), rng.normal(0, 3, n)).astype(np.float32)
        cols = np.where(rng.random(m) < 0.3, rng.choice(special, m), rng.uniform(-1, 1, m)).astype(np.float32)
        out = out.astype(np.float32)
        expected = out.copy()
        _outer_added(expected, rows, cols)
        draw_kernels.add_outer(out, rows, cols)
        np.testing.assert_array_equal(out.view(np.uint32), expected.view(np.uint32))


def test_side_pull_matches_numpy(lp_s1_512, monkeypatch):
    """The neck's sides' pull (`neck_sides.SidePull`, each side's fade times share added in one pass, `add_outer`)
    as numpy's statement, bit for bit, on lp_s1 512 x preset:turn 30-44 (her turned jaw pulls the neck's sides on
    most of them); its factors float32, as numpy's product of `shift * down` and `across` was."""
    image, lm = lp_s1_512
    animator = set_up_copy(image, lm)
    pull, pulled = neck_sides.SidePull.__call__, []

    def checked(sides, target):
        out = pull(sides, target)
        monkeypatch.setattr(neck_sides, "add_outer", typed)
        expected = pull(sides, target)
        monkeypatch.setattr(neck_sides, "add_outer", draw_kernels.add_outer)
        assert (out is None) == (expected is None)
        if out is not None:
            np.testing.assert_array_equal(out.view(np.uint32), expected.view(np.uint32))
            pulled.append(int((out != 0).sum()))
        return out

    def typed(out, rows, cols):
        assert out.dtype == rows.dtype == cols.dtype == np.float32 and rows.ndim == cols.ndim == 1
        _outer_added(out, rows, cols)

    monkeypatch.setattr(neck_sides.SidePull, "__call__", checked)
    for target in turn_targets(lm)[0][30:45]:
        animator.draw(animator.map_frame(target))
    assert len(pulled) >= 10 and sum(pulled) > 1000, pulled


def _moved_shadow_reference(factor: np.ndarray, at: np.ndarray, disp: np.ndarray, laid: np.ndarray,
                            gap: np.ndarray, face_px: float,
                            stripped: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """`jaw_shadow.moved_shadow` as numpy and `cv2.remap` (the code `draw_kernels.shadow_ratios` replaces)."""
    kw = dict(interpolation=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(1.0, 1.0, 1.0))
    here = cv2.remap(factor, at + disp, None, **kw)
    if stripped is not None:  # the factor of the plate with the strip's lines out, mixed in by how far they are
        here += stripped[1][..., None] * (cv2.remap(stripped[0], at + disp, None, **kw) - here)
    weight = smoothstep(*MOVE_GAP, gap / face_px).astype(np.float32)[None, :, None]
    return (laid / here) ** weight


def test_moved_shadow_matches_remap(face, monkeypatch):
    """The jaw's dark line moved with the jaw (`moved_shadow`: its sample and ratio in `shadow_ratios`, the power
    on the pixels whose factor is not 1 and only they multiplied in; mixed with the factor of the plate with
    `chin_strip`'s lines out) as its numpy and `cv2.remap` statement times the plate, bit for bit, on every frame of
    preset:turn's raised, turned head (frames 31-43) where the neck's top shows below the moved head, the strip's
    lines out on them."""
    image, lm = face
    animator = MeshAnimator(image, lm)
    checked, stripped = [], []

    def checked_shadow(plate, *args):
        expected = plate * _moved_shadow_reference(*args)  # main's statement: the plate times the whole factor
        before = plate.copy()
        moved_shadow(plate, *args)
        np.testing.assert_array_equal(plate.view(np.uint32), expected.view(np.uint32))
        checked.append((plate != before).sum())
        stripped.append(len(args) > 6 and args[6] is not None and bool(args[6][1].any()))

    moved_shadow = layers.moved_shadow
    monkeypatch.setattr(layers, "moved_shadow", checked_shadow)
    for target in turn_targets(lm)[0][31:44]:
        animator.draw(animator.map_frame(target))
    assert len(checked) >= 10 and sum(checked) > 1000 and sum(stripped) >= 10


def test_seam_pixels_set_as_numpy(face):
    """The upsampled map with the seam's exact pixels set (`MeshWarp.full_size` by `set_pixels`) as numpy's
    fancy assignment, bit for bit, on preset:turn's frames 25-40 (a turned head: folds at the far cheek)."""
    image, lm = face
    animator = set_up_copy(image, lm)
    assert animator.warp.coarse != animator.warp.size  # the upsampled path
    pixels = 0
    for target in turn_targets(lm)[0][25:41]:
        frame = animator.map_frame(target)
        if frame.seam is None:
            continue
        seam = frame.seam
        expected = (seam.upsampled if seam.upsampled is not None else
                    cv2.resize(frame.coarse, animator.warp.size, interpolation=cv2.INTER_LINEAR)).copy()
        expected[seam.rows, seam.cols] = seam.values
        np.testing.assert_array_equal(animator.warp.full_size(frame.coarse, seam).view(np.uint32),
                                      expected.view(np.uint32))
        pixels += len(seam.rows)
    assert pixels > 10_000, pixels


def test_cut_steps_match_opencv_and_numpy(face):
    """`cut_steps` (a drawn head alpha's steps from at least `_HIGH` to under `_LOW` one row down, row by row) as
    `soft_ends.SoftEnds.cuts`' `cv2.findNonZero` statement and `carried_ends.squeezed_ends`' `np.nonzero` one,
    on the strided alpha of the head layer drawn on every 3rd frame of preset:turn (its lower edge over the
    plate), from row 0 and from row 9 down, and on values a float32 step either side of the bounds."""
    from facereel.engines.mesh.draw_kernels import cut_steps
    from facereel.engines.mesh.head_edge.soft_ends import _HIGH, _LOW

    image, lm = face
    animator = set_up_copy(image, lm)
    high, low = np.float32(_HIGH), np.float32(_LOW)
    bounds = np.zeros((4, 3, 4), np.float32)
    bounds[0, :, 3] = [high, np.nextafter(high, np.float32(0)), high]
    bounds[1, :, 3] = [np.nextafter(low, np.float32(0)), np.nextafter(low, np.float32(0)), low]
    alphas = [bounds[..., 3]]
    for target in turn_targets(lm)[0][::3]:
        if animator.map_frame(target).box is not None:  # a frame that moves the head
            animator.draw(animator.map_frame(target))
            alphas.append(animator.layer.warped_alpha)
    steps = 0
    for alpha in alphas:
        assert not alpha.flags.c_contiguous  # the head layer's fourth channel, as drawn
        found = cv2.findNonZero(cv2.bitwise_and(cv2.compare(alpha[:-1], _HIGH, cv2.CMP_GE),
                                                cv2.compare(alpha[1:], _LOW, cv2.CMP_LT)))
        want = (np.zeros(0, int), np.zeros(0, int)) if found is None else (found[:, 0, 1], found[:, 0, 0])
        got = cut_steps(alpha, high, low)
        assert got[0].dtype == np.int64 and np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
        rows, cols = cut_steps(alpha[9:], high, low)
        want = np.nonzero((alpha[9:-1] >= _HIGH) & (alpha[10:] < _LOW))
        assert np.array_equal(rows, want[0]) and np.array_equal(cols, want[1])
        steps += len(got[0])
    assert cut_steps(bounds[..., 3], high, low)[1].tolist() == [0]  # high over under low; not under high, not low
    assert steps > 100, steps


def _slope_reference(values: np.ndarray, slope: float) -> np.ndarray:
    """`neck._slope_limited` as numpy's (m, m) statement (the code `draw_kernels.slope_limited` replaces)."""
    x = np.arange(len(values), dtype=np.float32)
    return (values[None, :] + slope * np.abs(x[:, None] - x[None, :])).min(1).astype(np.float32)


def test_slope_limited_matches_numpy(face, monkeypatch):
    """The neck's top shift limited in slope (`NeckWarp.neck_top`'s two `_slope_limited`, compiled) as numpy's (m, m)
    statement, bit for bit, on every frame of preset:turn's raised, turned head (frames 25-45), where the limit lowers
    some columns; and on made-up columns: ties, zeros of both signs, a steep step, and a NaN or a value below 0 (read
    by numpy's statement as before)."""
    image, lm = face
    animator = MeshAnimator(image, lm)
    lowered = []

    def checked(values: np.ndarray, slope: float) -> np.ndarray:
        out, compiled = limited(values, slope), np.empty(len(values), np.float32)
        assert draw_kernels.slope_limited(values, np.float32(slope), compiled)  # the kernel took these columns
        for found in (out, compiled):
            np.testing.assert_array_equal(found.view(np.uint32), _slope_reference(values, slope).view(np.uint32))
        lowered.append(int((out < values).sum()))
        return out

    limited = neck._slope_limited
    monkeypatch.setattr(neck, "_slope_limited", checked)
    for target in turn_targets(lm)[0][25:46]:
        animator.draw(animator.map_frame(target))
    assert len(lowered) >= 20 and sum(lowered) > 50
    rng = np.random.default_rng(3)
    made = [np.zeros(40, np.float32), -np.zeros(40, np.float32), np.repeat(np.float32([0, 30, 0]), 20),
            np.round(rng.uniform(0, 8, 200)).astype(np.float32), rng.uniform(0, 300, 200).astype(np.float32)]
    made += [np.where(np.arange(50) == 7, np.nan, np.arange(50)).astype(np.float32), np.float32([3, -1, 5, 0])]
    for values in made:
        for slope in (0.5, 0.1, 3.0):
            np.testing.assert_array_equal(limited(values, slope).view(np.uint32),
                                          _slope_reference(values, slope).view(np.uint32))


def _moved_steps_reference(y: np.ndarray, x: np.ndarray, step: np.ndarray, disp: np.ndarray, row: int, col: int
                           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`kept_photo.moved_steps` as numpy and `cv2.remap` (the code `draw_kernels.moved_reads` replaces)."""
    n, m = disp.shape[:2]
    under = (y >= row) & (y < row + n) & (x >= col) & (x < col + m)
    reach = int(np.ceil(np.abs(disp).max())) + 1
    read = (y >= row - reach) & (y < row + n + reach) & (x >= col - reach) & (x < col + m + reach)
    if not read.any():
        return y, x, step
    top, left = y[read].min(), x[read].min()
    field = np.zeros((y[read].max() + 1 - top, x[read].max() + 1 - left, 3), np.float32)
    field[y[read] - top, x[read] - left] = step[read]
    r0, r1 = max(0, top - reach - row), min(n, top + field.shape[0] + reach - row)
    c0, c1 = max(0, left - reach - col), min(m, left + field.shape[1] + reach - col)
    if r0 >= r1 or c0 >= c1:
        return y[~under], x[~under], step[~under]
    read_x = disp[r0:r1, c0:c1, 0] + np.arange(col + c0 - left, col + c1 - left, dtype=np.float32)[None, :]
    read_y = disp[r0:r1, c0:c1, 1] + np.arange(row + r0 - top, row + r1 - top, dtype=np.float32)[:, None]
    moved = cv2.remap(field, read_x, read_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    ys, xs = np.nonzero((moved[..., 0] != 0) | (moved[..., 1] != 0) | (moved[..., 2] != 0))
    return (np.concatenate([y[~under], ys + row + r0]), np.concatenate([x[~under], xs + col + c0]),
            np.concatenate([step[~under], moved[ys, xs]]))


def _same_arrays(got: tuple[np.ndarray, ...], expected: tuple[np.ndarray, ...]) -> None:
    """Each array of `got` that of `expected`: dtype, shape and bytes."""
    for a, b in zip(got, expected, strict=True):
        assert a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def test_moved_steps_match_remap(lp_s1_512, monkeypatch):
    """The kept pixels' steps moved with the neck (`kept_photo.moved_steps`: the moved plate's reads of them in one
    pass, `moved_reads`) as their numpy and `cv2.remap` statement, bit for bit, on lp_s1 512 x preset:turn 36-48
    (her far jaw's kept rim under the turned head; some steps read off the field's edge), and on made-up sparse steps
    read from past every side of their box (reads 0 off it) with -0.0 and NaN among them."""
    from facereel.engines.mesh.plate_fill import kept_photo

    image, lm = lp_s1_512
    animator = set_up_copy(image, lm)
    moved_steps, moved = kept_photo.moved_steps, []

    def checked(*args):
        out = moved_steps(*args)
        _same_arrays(out, _moved_steps_reference(*args))
        moved.append(len(out[0]) - int(((args[0] < args[4]) | (args[0] >= args[4] + args[3].shape[0])
                                        | (args[1] < args[5]) | (args[1] >= args[5] + args[3].shape[1])).sum()))
        return out

    monkeypatch.setattr(kept_photo, "moved_steps", checked)
    for target in turn_targets(lm)[0][36:49]:
        animator.draw(animator.map_frame(target))
    assert len(moved) >= 10 and sum(moved) > 100
    rng = np.random.default_rng(3)
    for _ in range(30):
        k = 200
        y, x = rng.integers(0, 60, k), rng.integers(0, 80, k)
        step = rng.normal(0, 20, (k, 3)).astype(np.float32)
        step[:5] = -0.0
        step[5, 1] = np.nan
        disp = rng.uniform(-12, 12, (40, 50, 2)).astype(np.float32)
        args = (y, x, step, disp, int(rng.integers(0, 30)), int(rng.integers(0, 40)))
        _same_arrays(kept_photo.moved_steps(*args), _moved_steps_reference(*args))


def test_covered_with_hanging_hair_matches_remap(lp_s1_512, monkeypatch):
    """Where the moved head covers the neck with the hanging hair left out (`NeckWarp.covered`: the hair read and the
    product in one pass, `uncovered_hair`) as its `cv2.remap` and numpy statement, on every frame of lp_s1 512 x
    preset:turn 30-48 (her hair hangs past the jaw) and on made-up alphas and maps reaching off the crop."""
    image, lm = lp_s1_512
    animator = set_up_copy(image, lm)
    assert animator.layer.neck is not None and animator.layer.neck._hanging is not None
    covered, checked = neck.NeckWarp.covered, []

    def reference(warp: neck.NeckWarp, alpha: np.ndarray, maps: np.ndarray) -> np.ndarray:
        hair = cv2.remap(warp._hanging, maps, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
        return alpha * (1 - hair) >= 0.5

    def checking(warp, alpha, maps):
        out = covered(warp, alpha, maps)
        np.testing.assert_array_equal(out, reference(warp, alpha, maps))
        checked.append(int((out != (alpha >= 0.5)).sum()))  # the pixels the hair leaves uncovered
        return out

    monkeypatch.setattr(neck.NeckWarp, "covered", checking)
    for target in turn_targets(lm)[0][30:49]:
        animator.draw(animator.map_frame(target))
    assert len(checked) >= 15 and sum(checked) > 100
    warp, rng = animator.layer.neck, np.random.default_rng(5)
    h, w = warp._hanging.shape
    for _ in range(20):
        alpha = rng.uniform(0, 1, (90, 120)).astype(np.float32)
        maps = np.stack([rng.uniform(-20, w + 20, (90, 120)), rng.uniform(-20, h + 20, (90, 120))], -1)
        maps = maps.astype(np.float32)
        np.testing.assert_array_equal(covered(warp, alpha, maps), reference(warp, alpha, maps))
