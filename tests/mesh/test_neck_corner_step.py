"""No step in lp_s1's neck outline under her hair's end where the wall is laid beside it (issue #9; docs/status.md,
h49-s5tint's regression, mended by h49-s1step): lp_s1 at 512 px driven by lp_d12 from frame 140 as `facereel animate
--size 512` drives it, frame 24; read by `figures.outline_step` on the wall's side of the outline
(/tmp/h49-s1step/lp_s1_src_main_lead_b_150_255_22_24_25.png, 6x: source | main | h49-lead | branch)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import driven_targets, drawn_on_image

from facereel.animate.inputs import load_source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.outline_step import outline_step

FIRST, FRAME = 140, 24  # lp_d12's frame 140 the reference; at 24 the head has moved right off her jaw's place
BOX = (170, 276, 200, 306)  # lp_s1 px at 512: the neck's image-left outline from under the hair's end down her neck
LEVEL = 70.0  # grey levels on the inverted frame (185 on the frame): the outline between the white wall and the neck


def _step(frame: np.ndarray) -> float:
    """`outline_step` of `frame` ((H, W, 3) uint8 RGB) in `BOX`, inverted so the white wall reads as the dark
    background it is read from (the wall on the left)."""
    return outline_step(255 - frame, BOX, LEVEL, -1)


def _drawn(edge: np.ndarray) -> np.ndarray:
    """(320, 220, 3) uint8: a white wall (240) left of a grey person (115) whose edge lies at `edge` ((320,) float
    px, one a row), drawn anti-aliased."""
    covered = np.clip(np.arange(220, dtype=np.float32)[None] + 1 - edge[:, None], 0, 1)
    return np.round(240 + covered * (115 - 240)).astype(np.uint8)[..., None].repeat(3, axis=2)


def test_a_slanted_outline_reads_no_step_and_a_stair_reads_its_height() -> None:
    """An edge slanting 1 px every 3 rows: under 0.25 (the 8-bit grey's sub-pixel read); the same moved 3 px left on
    6 rows in the box's middle: its height, 3 px."""
    edge = 175 + (np.arange(320, dtype=np.float32) - BOX[1]) / 3
    assert _step(_drawn(edge)) < 0.25
    edge[288:294] -= 3
    assert _step(_drawn(edge)) == pytest.approx(3.0, abs=0.25)


def test_no_step_in_the_neck_outline_under_the_hair_end(shared_data: Path) -> None:
    """`outline_step` in BOX at frame 24: the source repeated 0 (her jaw's skin and hair fill the box: no crossing);
    main 0.36 (the neck side slants out to the hair's end); h49-lead 1.40 (h49-s5tint's `past_neck` laid the wall
    over that slant from `RISE` up: a step back under a flat top); now 0.36 (`shifted_wall.LIFT`). Bar 0.8."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s1.jpg"), 512)
    targets = driven_targets(source, shared_data / "driving" / "lp_d12.mp4", FIRST, FRAME + 1)
    _, drawn = drawn_on_image(source, targets, (FRAME,))
    repeated, step = _step(source.image), _step(drawn[0][0])
    assert repeated == 0.0 and step < 0.8, (repeated, step)
