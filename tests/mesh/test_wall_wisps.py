"""No light-and-dark wisps on the side-lit wall beside the moved hair (`figures.wall_wisps`, issue #9; docs/status.md
"## Next", h30-fresh4's find (3)): sr_4 under a warm side light at 768 px x lp_d19 20-40 drew a short squiggle on the
wall's light ramp right of the hair band behind the neck (frames 15-20): `head_halo.skin_rim` took the warm-tinted
hair band for skin and the ramp beside it for its edge, carried with the head. Now a dark rim beside a head far
darker than the fill (`head_halo.HAIR_DARK`) is a hair band's and stays in the plate (h32-wisps2)."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
from mesh_faces import driven_targets, landmarks
from test_pale_streak import side_lit

from facereel.animate.inputs import Source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.wall_wisps import wall_wisps
from facereel.media.image import read_image

BESIDE_BAND = (568, 172, 590, 204)
"""x0, y0, x1, y1 px of the 768 px frame: the lit wall's ramp right of sr_4's hair band behind the neck."""
SHOWN = range(10, 21)
"""lp_d19 20-40's frames read (the squiggle showed from frame 15 on)."""


@functools.cache
def _lit_source(data: Path) -> Source:
    """sr_4 side-lit, at 768 px, with its landmarks (tracked at the photo's own size)."""
    image = side_lit(read_image(data / "portraits" / "sr_4.png"))
    return resize_source(Source(image=image, landmarks=landmarks(image)), 768)


def test_the_figure_reads_a_drawn_squiggle_and_not_the_lit_ramp(shared_data):
    """The side-lit source reads 0 beside the band (its ramp runs across the columns); a 1 px x 2 px strand 40 levels
    darker drawn on the ramp reads its 2 pixels and the 2 above and 2 below it (20 lighter than their mean)."""
    source = _lit_source(shared_data).image
    assert wall_wisps(source, BESIDE_BAND) == 0
    marked = source.copy()
    marked[187:189, 578] = np.clip(source[187:189, 578].astype(np.int32) - 40, 0, 255)
    assert wall_wisps(marked, BESIDE_BAND) == 6


def test_the_side_lit_wall_beside_the_moved_hair_shows_no_wisps(shared_data):
    """`wall_wisps` beside the band over `SHOWN`, max: the source repeated 0, the engine before 9 (frame 20; 1-6 at
    15-19), now 5 (frame 20; 2 at 19: a faint dark line left down the ramp, the head's margin shadow over the plate's
    fill)."""
    source = _lit_source(shared_data)
    engine = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    targets = driven_targets(source, shared_data / "driving" / "lp_d19.mp4", 20, SHOWN[-1] + 1)
    reads = [wall_wisps(engine.render(target), BESIDE_BAND) for target in targets]
    assert max(reads[k] for k in SHOWN) <= 5, reads
