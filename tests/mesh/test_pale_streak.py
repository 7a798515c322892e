"""No pale streak on a side-lit neck under a moved ear lobe (`figures.pale_streak`, issue #9; docs/status.md "## Next",
h30-fresh4's find (3)): sr_4 under a side light (its jaw in shadow, its neck lit) at 768 px x lp_d19 20-40 drew a
short white crescent under the ear lobe at frames 6-20, the head's soft fringe there, unmixed against the shadowed
fill, past the colour range and not raised to skin (`neck._skin_likeness` read the lit neck as no skin; `SKIN_LIT`)."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
from mesh_faces import driven_targets, landmarks

from facereel.animate.inputs import Source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.pale_streak import pale_streak
from facereel.media.image import read_image

UNDER_LOBE = (540, 185, 565, 207)
"""x0, y0, x1, y1 px of the 768 px frame: the lit neck under sr_4's image-right ear lobe."""
SHOWN = range(10, 21)
"""lp_d19 20-40's frames where the streak showed (from frame 6 on)."""


def side_lit(image: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8: `image` under a warm side light, each column's RGB x 0.18 ramped to x 1.28 from 0.62 to 0.78
    of the width (tinted (1, 0.92, 0.78)), clipped."""
    width = image.shape[1]
    light = np.interp(np.arange(width) / width, (0.62, 0.78), (0.18, 1.28)).astype(np.float32)
    tint = np.float32([1.0, 0.92, 0.78])
    return np.clip(image.astype(np.float32) * light[None, :, None] * tint, 0, 255).astype(np.uint8)


@functools.cache
def _lit_source(data: Path) -> Source:
    """sr_4 side-lit, at 768 px, with its landmarks (tracked at the photo's own size)."""
    image = side_lit(read_image(data / "portraits" / "sr_4.png"))
    return resize_source(Source(image=image, landmarks=landmarks(image)), 768)


def test_the_figure_reads_a_drawn_streak_and_not_the_lit_neck(shared_data):
    """The side-lit source reads 0 under its lobe; a 3 px x 8 px streak 40 levels lighter drawn there reads its 24."""
    source = _lit_source(shared_data).image
    assert pale_streak(source, UNDER_LOBE) == 0
    streaked = source.copy()
    streaked[194:197, 546:554] = np.clip(source[194:197, 546:554].astype(np.int32) + 40, 0, 255)
    assert pale_streak(streaked, UNDER_LOBE) == 24


def test_a_side_lit_neck_under_the_moved_lobe_shows_no_pale_streak(shared_data):
    """`pale_streak` under the lobe over `SHOWN`, max: the source repeated 0, the engine before 9-13 a frame (13), now
    0 (the lit neck read as skin, the fringe's alpha raised to keep its colour in range, `fringe_unmix`)."""
    source = _lit_source(shared_data)
    engine = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    targets = driven_targets(source, shared_data / "driving" / "lp_d19.mp4", 20, SHOWN[-1] + 1)
    reads = [pale_streak(engine.render(target), UNDER_LOBE) for k, target in enumerate(targets)]
    assert max(reads[k] for k in SHOWN) <= 2, reads
