"""The neck-smear figure (issue #9): `neck_health.neck_stretch` reads how far the visible neck's texture is
stretched; it sees the smeared band under lp_s1's raised chin and nothing when the head stands still."""

from __future__ import annotations

import cv2
import numpy as np
from mesh_faces import landmarks, portrait
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.neck_health import neck_stretch

RAISED_CHIN = 20  # preset:turn (2 s): chin up, turned ~35 deg
SCALE = 0.25  # lp_s1 at 286 px


def test_a_known_stretch_is_read():
    """A backward field squeezing the source rows 2x (the texture drawn twice as tall) reads 2; the
    same field where the neck is not shown reads 1."""
    gy = np.mgrid[0:60, 0:40][0].astype(np.float32)
    disp = np.dstack([np.zeros_like(gy), -0.5 * gy])  # source row = 0.5 * row
    shown = np.ones(gy.shape, bool)
    assert abs(neck_stretch((disp, shown)) - 2.0) < 1e-3
    assert neck_stretch((disp, ~shown)) == 1.0
    assert neck_stretch(None) == 1.0


def test_the_raised_chin_stretches_the_neck_and_the_still_head_does_not():
    image, _ = portrait("lp_s1")
    image = cv2.resize(image, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
    lm = landmarks(image)
    assert lm is not None
    animator = MeshAnimator(image, lm)
    animator.render(lm)
    still = animator.neck_stretch
    animator.render(turn_targets(lm)[0][RAISED_CHIN])
    assert still < 1.5, still
    assert animator.neck_stretch > 2.5, animator.neck_stretch
