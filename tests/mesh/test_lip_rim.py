"""The lower lip's rim line figure (`figures/lip_rim.py`): 0 on a closed mouth, real open mouths' range on a
real smile, and on the synthetic interior it reads the rim shade's line (still drawn: softening it lightened
the opening below the tracker tests' bounds, docs/benchmarks.md), not the rest of the opening."""

from __future__ import annotations

import cv2
import numpy as np

import facereel.engines.mesh.mouth_synthetic as mouth_synthetic
from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.lip_rim import rim_line
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.face.tracking import track_image
from facereel.media.image import read_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def test_source_reads_zero_or_real(face):
    """grace_hopper's closed mouth reads 0; the astronaut's own smile (real teeth) reads in real mouths' range."""
    image, lm = face
    if teeth_band_reads(lm, TALKING):
        assert rim_line(image, lm) < 15
    else:
        assert rim_line(image, lm) == 0.0


def _rim_lines(image: np.ndarray) -> list[float]:
    """rim_line over preset:laugh's open frames (every 6th) on `image`, synthetic interior."""
    lm = track_image(image).landmarks[0]
    targets = retarget(lm, preset_motion("laugh", 4.0), RetargetOptions().for_engine("mesh"))[::6]
    animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
    return [rim_line(animator.render(t), t) for t in targets if teeth_band_reads(t, TALKING)]


def test_figure_reads_the_rim_shades_line(shared_data, monkeypatch):
    """lp_s5 at 512 px, preset:laugh: the interior with its rim shade (a thin dark line along the lower lip)
    reads over 18 grey levels (22, above real open mouths' 6.5-12.1); without the shade, under 13 (9)."""
    image = read_image(shared_data / "portraits" / "lp_s5.jpg")
    image = cv2.resize(image, None, fx=512 / max(image.shape[:2]), fy=512 / max(image.shape[:2]),
                       interpolation=cv2.INTER_AREA)  # as `animate --size 512`
    lined = _rim_lines(image)
    assert len(lined) > 8
    assert np.mean(lined) > 18, np.mean(lined)
    monkeypatch.setattr(mouth_synthetic, "_RIM_SHADE", 0.0)
    assert np.mean(_rim_lines(image)) < 13
