"""The lower lip's rim line figure (`figures/lip_rim.py`): 0 on a closed mouth, real open mouths' range on a
real smile; on the synthetic interior's wide openings it reads no pen line along the lower lip (the tongue's
front falls into the lip's shadow instead, docs/mesh-engine.md "The open mouth"), and it catches such a line
drawn in."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.lip_rim import rim_line
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.face import landmark_ids as ids


def test_source_reads_zero_or_real(face):
    """grace_hopper's closed mouth reads 0; the astronaut's own smile (real teeth) reads in real mouths' range."""
    image, lm = face
    if teeth_band_reads(lm, TALKING):
        assert rim_line(image, lm) < 15
    else:
        assert rim_line(image, lm) == 0.0


def test_synthetic_interior_draws_no_pen_line(laughing):
    """lp_s1 and lp_s5 at 512 px, preset:laugh: under 16 / 11 grey levels (13.6 / 7.9 with the rounded tongue in
    a lighter cavity; bounds were 23 / 20.8, lowered with it: the flat tongue's dark front under a near-black band
    read 20.0 / 16.9; 19.5 / 19.3 before the sides' shadow; the rim shade, the last 0.12 of the gap darkened by
    0.55, drew a near-black line along wide openings too: 27.2 / 22.1; real open mouths 6.5-12.1)."""
    for name, bound in (("lp_s1", 16), ("lp_s5", 11)):
        frames = laughing(name)
        assert len(frames) > 8
        assert np.mean([rim_line(f, t) for f, t in frames]) < bound, name


def test_figure_catches_a_drawn_line(laughing):
    """The same lp_s5 frames with a 2 px line at a third of their brightness drawn along the lower inner lip
    read over 6 grey levels higher (9.1)."""
    plain, lined = [], []
    for frame, t in laughing("lp_s5"):
        plain.append(rim_line(frame, t))
        mask = np.zeros(frame.shape[:2], np.uint8)
        cv2.polylines(mask, [np.round(t[list(ids.INNER_LOWER_LIP), :2]).astype(np.int32)], False, 1, 2)
        drawn = frame.copy()
        drawn[mask > 0] //= 3
        lined.append(rim_line(drawn, t))
    assert np.mean(lined) > np.mean(plain) + 6, (np.mean(plain), np.mean(lined))
