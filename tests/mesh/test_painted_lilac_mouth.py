"""A painted portrait's small opening drawn lilac with no teeth without `--body` too (`figures/mauve_mouth.bluer_share`,
`figures/black_slot.teeth_light`; h49-small's lp_s0 `--body` find, tests/mesh/test_body_lilac_mouth.py): portraits of
../shared/data (skipped when absent) at 512 px driven by lp_d12 cut at 140 (its first frame the reference) with its
own mouth (`--mouth driver`, as `facereel animate` streams it), the clip's frames 24-36 (every 2nd), each read beside
lp_d12's own frame area-averaged to the drawn mouth's width (`teeth_streaks.at_width`). h50-fresh's sweep: lp_s5 (a
painted child, face ~107 px) and lp_s3 alike (/tmp/h50-fresh/s5_d12_mouth_crop.png); sr_18 (a photo) reads as its
driver."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import driven_frames, opening_colour_reads

from facereel.animate.inputs import load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour

CUT = 140  # lp_d12's frame the clip starts at
READ = range(24, 37, 2)  # the clip's frames read: its mouth wide open
BLUER_OVER = 0.08
"""The drawn opening's mean bluer share allowed over lp_d12's own at that width (test_body_lilac_mouth's bar)."""


def _reads(shared_data: Path, name: str) -> np.ndarray:
    """(len(READ), 4): per frame the drawn opening's bluer share and teeth light, then lp_d12's own at its width."""
    source = resize_source(load_source(shared_data / "portraits" / name), 512)
    steps = driven_frames(source, shared_data / "driving" / "lp_d12.mp4", CUT, READ.stop)
    animator = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    return np.array(opening_colour_reads(animator, steps, READ, lip_colour(source.image, source.landmarks)))


def _as_the_drivers(reads: np.ndarray) -> bool:
    """The drawn openings' teeth light at least half the driver's own and their bluer share at most `BLUER_OVER`
    over it (means over the frames read)."""
    drawn_bluer, drawn_teeth, own_bluer, own_teeth = reads.T
    return drawn_teeth.mean() >= 0.5 * own_teeth.mean() and drawn_bluer.mean() <= own_bluer.mean() + BLUER_OVER


def test_a_photos_opening_reads_as_the_drivers(shared_data):
    """sr_18's openings are as blue as lp_d12's own (mean 0.24 against 0.21) and show its teeth (0.088 against 0.125),
    so the bar can be met."""
    assert _as_the_drivers(_reads(shared_data, "sr_18.png"))


@pytest.mark.xfail(strict=True, reason="lp_d12's opening carried onto a painted face at 512 lilac with no teeth (the "
                   "lp_s0 --body find of h49-small, without --body too; h50-fresh, not traced)")
def test_a_painted_faces_opening_reads_as_the_drivers(shared_data):
    """lp_s5: today bluer share 0.43-0.72 (mean 0.59) against lp_d12's own 0.15-0.30 (0.21), teeth light 0-0.12
    (0.05) against 0.06-0.20 (0.13)."""
    assert _as_the_drivers(_reads(shared_data, "lp_s5.jpg"))
