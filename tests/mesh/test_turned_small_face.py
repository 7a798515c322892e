"""A small face on its side (issue #12; `rolled_face.Upright` over `small_face.UpscaledFace`): lp_s1 at 1/8 (a 48 px
face) on a 640 x 360 canvas, turned 90 deg, was upscaled as it lay (`UpscaledFace` came before `Upright`), so the mesh
engine drew a face lying on its side: preset:talk opened its mouth on a dark gap-toothed hole and laid a pale arc
along the jaw and over the necklace (frames 10 / 25 / 40, 4x). Now it is turned upright first and upscaled there:
turned back upright, its frames are the upright canvas's own but for the turn's round trip
(`figures/turned_back.upright_gap`)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from facereel.animate.api import PortraitAnimator
from facereel.animate.options import AnimateOptions
from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.turned_back import far_changed, upright_gap
from facereel.engines.mesh.rolled_face import Upright
from facereel.engines.mesh.small_face import UpscaledFace
from facereel.face.tracking import track_image
from facereel.media.image import read_image


def _small_canvas(shared_data: Path) -> np.ndarray:
    """lp_s1 at 1/8 (143 px square, the face ~48 px) at (300, 40) of a 640 x 360 canvas of its corner's colour."""
    image = read_image(shared_data / "portraits" / "lp_s1.jpg")
    small = cv2.resize(image, (image.shape[1] // 8, image.shape[0] // 8), interpolation=cv2.INTER_AREA)
    canvas = np.full((360, 640, 3), small[0, 0], np.uint8)
    canvas[40:40 + small.shape[0], 300:300 + small.shape[1]] = small
    return canvas


@pytest.mark.parametrize("quarters", (1, 3))
def test_a_small_face_on_its_side_is_upscaled_upright(shared_data: Path, quarters: int):
    """The engine for the canvas on its side turns it upright and upscales the face there."""
    photo = np.ascontiguousarray(np.rot90(_small_canvas(shared_data), quarters))
    engine = mesh_animator(photo, track_image(photo).landmarks[0], MeshOptions())
    assert isinstance(engine, Upright) and isinstance(engine.inner, UpscaledFace)


@pytest.mark.slow
def test_a_small_face_on_its_side_is_drawn_as_the_upright_one(shared_data: Path):
    """preset:talk (50 frames) on the canvas turned 90 deg, its frames turned back upright against the upright
    canvas's: `upright_gap` 0.024 (before 0.120; the source repeated 0.120), nothing far from the head changed."""
    upright = _small_canvas(shared_data)
    photo = np.ascontiguousarray(np.rot90(upright, 1))
    animate = PortraitAnimator(options=AnimateOptions(engine="mesh"))
    own, frames = animate(upright, "preset:talk").frames, animate(photo, "preset:talk").frames
    landmarks = track_image(upright).landmarks[0]
    assert far_changed(frames, photo, track_image(photo).landmarks[0]) == 0.0
    assert upright_gap([photo] * len(own), 3, own, landmarks) > 0.08  # the figure sees a still face
    assert upright_gap(frames, 3, own, landmarks) < 0.05
