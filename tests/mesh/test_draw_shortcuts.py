"""The draw stage's shortcuts give the pixels of the plain computation, on real faces (issue #9, speed): the mouth
paints its synthetic interior only where it shows (not under a wide-open driver's interior that covers its whole
box)."""

from __future__ import annotations

import numpy as np
from mesh_faces import portrait
from test_mouth_options import _driver, _targets
from test_mouth_teeth import WIDE, _shrunk

from facereel.engines.mesh.composite import blend, box_around, padded_box, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth import mouth
from facereel.engines.mesh.open_mouth.mouth import DriverFrame, MouthRenderer, mouth_gap
from facereel.engines.mesh.open_mouth.mouth_driver import driver_interior
from facereel.face import landmark_ids as ids


def test_mouth_under_a_wide_open_driver_skips_the_synthetic_interior(monkeypatch):
    """lp_s1 (512 px) opened by lp_d18's wide-open frame: the driver's interior covers the whole box (alpha 1), so
    the synthetic interior is not painted, and the mouth drawn is the premultiplied mix with it painted, bit for
    bit (its share there is 0)."""
    image, lm = _shrunk(*portrait("lp_s1"))
    frames, driver_lm = _driver("lp_d18", (0, WIDE))
    target = _targets(lm, driver_lm)[1]
    driver = DriverFrame(frames[1], driver_lm[1])
    renderer = MouthRenderer(image, lm)
    origin = np.zeros(2, np.float32)
    # The plain computation: both interiors painted and mixed by their opacities.
    gap, width = mouth_gap(target)
    tgt = target[:, :2].astype(np.float32)
    poly = tgt[INNER_LIP_CONTOUR]
    x0, y0, x1, y1 = box_around(poly, 2, (image.shape[1], image.shape[0]))
    o = np.array([x0, y0], np.float32)
    shape = (y1 - y0, x1 - x0)
    inside = polygon_mask([poly], shape, (x0, y0))
    upper, lower = tgt[list(ids.INNER_UPPER_LIP)] - o, tgt[list(ids.INNER_LOWER_LIP)] - o
    layer, a = driver_interior(driver, poly - o, shape, renderer.colours, gap)
    assert (a == 1).all()  # the driver's interior covers the box
    synth_op = float(np.clip((gap / width - renderer.src_open) / mouth._FULL_AT, 0, 1))
    shown = float(np.clip((gap / width - mouth._DRIVER_FROM) / mouth._FULL_AT, 0, 1))
    assert synth_op > 0  # the synthetic interior would be mixed in where the driver's left room
    ws, wd = synth_op * (1 - a), shown * a
    paint = renderer._synthetic(inside, upper, lower, gap, width)
    expected = image.copy()
    renderer.corners.render(expected, origin, target)
    if renderer.edge is not None:  # (lp_s1's photo shows its own slit: no lip edge)
        renderer.edge.render(expected, origin, target, min(synth_op, shown))
    blend(expected[y0:y1, x0:x1], (paint * ws[..., None] + layer * wd[..., None]) / np.maximum(ws + wd, 1e-6)[..., None],
          inside * (ws + wd))
    painted = []
    synthetic = mouth.synthetic_interior
    monkeypatch.setattr(mouth, "synthetic_interior", lambda *args: painted.append(1) or synthetic(*args))
    drawn = image.copy()
    renderer.render(drawn, origin, target, driver)
    assert not painted
    assert np.array_equal(drawn, expected)


def test_padded_box_is_box_around_on_pixels():
    """`composite.padded_box` (rows and columns of a pixel set, grown and clipped: the plate's margin shadow, the
    halo's, offset fill's, hair ends' and back tear's windows; each wrote it out before h25-folds) is `box_around`'s
    box on integer pixels, as slices: lp_s1's face oval, in the middle and clipped at the image's corner."""
    image, lm = portrait("lp_s1")
    h, w = image.shape[:2]
    oval = np.round(lm[list(ids.FACE_OVAL), :2]).astype(int)
    for points in (oval, oval - oval.min(0)):
        x0, y0, x1, y1 = box_around(points.astype(np.float32), 7, (w, h))
        assert padded_box(points[:, 1], points[:, 0], 7, (h, w)) == (slice(y0, y1), slice(x0, x1))
