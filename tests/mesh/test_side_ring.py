"""The open mouth's side ring figure (`figures/side_ring.py`): 0 on a closed mouth; real open mouths read the band
along their opening's sides no darker than the interior just inside; the synthetic interior's wide openings no
longer draw a sticker's outline round their sides (docs/mesh-engine.md "The open mouth"), and the figure catches
such an outline drawn in."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.figures.side_ring import SIDE, side_ring
from facereel.engines.mesh.figures.teeth_band import TALKING, teeth_band_reads
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.media.video import open_video

_REAL = {"lp_d18": (95, 115, 125, 135, 145, 155), "lp_d12": (20, 40, 60, 80, 120, 140, 160, 180)}  # open mouths


def test_closed_mouth_reads_zero(face):
    """A closed mouth (grace_hopper; the source repeated) reads 0."""
    image, lm = face
    if not teeth_band_reads(lm, TALKING):
        assert side_ring(image, lm) == 0.0


def test_real_open_mouths_show_no_ring(shared_data):
    """lp_d18's laugh and lp_d12's speech: the band along the opening's sides is lighter than the interior inside
    it (the lips' inner surface, then the corners' shadow) on average: under 0 grey levels (-8.9; frames
    -25 to +12)."""
    values = []
    for name, picks in _REAL.items():
        with open_video(shared_data / "driving" / f"{name}.mp4") as video:
            frames = [f for k, f in zip(range(max(picks) + 1), video.frames()) if k in picks]
        for frame in frames:
            lm = track_image(frame).landmarks[0]
            assert teeth_band_reads(lm, TALKING), name
            values.append(side_ring(frame, lm))
    assert np.mean(values) < 0, values


def test_synthetic_interior_has_no_sticker_outline(laughing):
    """lp_s5 and lp_s1 at 512 px, preset:laugh, synthetic interior: under 6 grey levels on average (-0.1 / -6.3; the
    cavity's wall darker than the lit tongue inside it all along the sides read 14.5 / 7.9 before; the source
    repeated 0)."""
    for name in ("lp_s5", "lp_s1"):
        frames = laughing(name)
        assert len(frames) > 8
        assert np.mean([side_ring(f, t) for f, t in frames]) < 6, name


def test_figure_catches_a_drawn_outline(laughing):
    """The same lp_s5 frames with a 2 px line at half their brightness drawn along the opening's sides read over
    8 grey levels higher (17.8)."""
    plain, lined = [], []
    for frame, t in laughing("lp_s5"):
        plain.append(side_ring(frame, t))
        contour = t[INNER_LIP_CONTOUR, :2]
        corners = t[[ids.INNER_UPPER_LIP[0], ids.INNER_UPPER_LIP[-1]], 0]
        middle, half = 0.5 * corners.sum(), 0.5 * abs(corners[1] - corners[0])
        mask = np.zeros(frame.shape[:2], np.uint8)
        cv2.polylines(mask, [np.round(contour).astype(np.int32)], True, 1, 2)
        mask[:, np.abs(np.arange(mask.shape[1]) - middle) < SIDE * half] = 0
        drawn = frame.copy()
        drawn[mask > 0] //= 2
        lined.append(side_ring(drawn, t))
    assert np.mean(lined) > np.mean(plain) + 8, (np.mean(plain), np.mean(lined))
