"""The light background a turned photo's head mask holds beside its far cheek, carried inside the moved face's
outline as a grey strip (`figures.grey_strip`; issue #9 item 2, sr_18 x preset:turn 24; not mended, docs/status.md
h31-health2)."""

from __future__ import annotations

from mesh_faces import portrait

from facereel.engines.mesh.figures.grey_strip import grey_pixels

BOX = (1150, 380, 1215, 490)
"""x0, y0, x1, y1 px: sr_18 (own size) x preset:turn frame 24's far cheek outline below the ear, where the grey strip
shows (x 1172-1195, y 395-470: 438 pixels; the source repeated 0)."""


def test_the_figure_reads_a_grey_strip_in_the_cheek_and_not_the_photo():
    """sr_18's photo over `BOX` (his cheek's skin) reads 0; the photo with a strip 20 px wide and 70 tall of his grey
    streak's colour (RGB 132, 123, 119, as preset:turn 24 draws it) painted into the box reads all its 1400 pixels."""
    image, _ = portrait("sr_18")
    assert grey_pixels(image, BOX) == 0
    painted = image.copy()
    painted[400:470, 1175:1195] = (132, 123, 119)
    assert grey_pixels(painted, BOX) == 1400
