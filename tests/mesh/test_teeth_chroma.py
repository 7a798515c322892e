"""Peach teeth (issue #9 item 3): the synthetic enamel no more coloured than real teeth (`figures/teeth_chroma`). Its
0.6 share of the skin's chroma gave a pink skin (lp_s1, chroma 40) peach central upper teeth at 4x: preset:laugh
frames 20-29 at 512 px, `--mouth synthetic`, teeth chroma lp_s1 31.4, grace_hopper 30.9 (the source repeated 22.1 /
36.1: its lips); the most coloured real teeth in the drivers' open mouths read 22.6 (lp_d12). Now 21.9 / 21.5."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.teeth_chroma import teeth_chroma
from facereel.engines.mesh.open_mouth.mouth_synthetic import _ENAMEL, TEETH_CHROMA, teeth_colour
from facereel.face.tracking import track_image
from facereel.media.image import read_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

LAUGH = range(20, 30)  # preset:laugh's frames with the mouth wide open


def _laugh_chroma(image: np.ndarray) -> float:
    """Mean `teeth_chroma` of (H, W, 3) uint8 `image` at 512 px x preset:laugh's `LAUGH` frames, synthetic mouth."""
    source = resize_source(Source(image, track_image(image).landmarks[0]), 512)
    targets = retarget(source.landmarks, preset_motion("laugh"), RetargetOptions().for_engine("mesh"))
    animator = MeshAnimator(source.image, source.landmarks, MeshOptions(mouth_interior="synthetic"))
    frames = [animator.render(targets[k]) for k in range(LAUGH.stop)]
    reads = [teeth_chroma(frames[k], targets[k]) for k in LAUGH]
    assert None not in reads
    return float(np.mean(reads))


def test_pink_skin_teeth_no_more_coloured_than_real_ones(shared_data):
    """lp_s1 (skin chroma 40): 31.4 before, the bar the most coloured real teeth's 22.6."""
    chroma = _laugh_chroma(read_image(shared_data / "portraits" / "lp_s1.jpg"))
    assert chroma <= TEETH_CHROMA, chroma


def test_warm_skin_teeth_no_more_coloured_than_real_ones(grace_hopper):
    """grace_hopper (skin chroma 42, always present): 30.9 before."""
    chroma = _laugh_chroma(grace_hopper)
    assert chroma <= TEETH_CHROMA, chroma


def test_teeth_colour_holds_a_pink_skins_enamel_at_the_cap():
    """A pink skin's teeth (lp_s1's cheeks, RGB 235, 140, 130): their enamel's chroma held at `TEETH_CHROMA`, their
    luma kept (lighter than the skin's), their hue the skin's side (a*, b* > 0)."""
    skin = np.array([235, 140, 130], np.float32)
    teeth = teeth_colour(skin, np.array([200, 80, 75], np.float32))
    lab = cv2.cvtColor((np.minimum(teeth * _ENAMEL, 255) / 255).astype(np.float32).reshape(1, 1, 3), cv2.COLOR_RGB2LAB)
    a, b = lab[0, 0, 1:]
    assert TEETH_CHROMA - 0.5 < float(np.hypot(a, b)) <= TEETH_CHROMA + 0.01, (a, b)
    assert a > 0 and b > 0, (a, b)
    luma = np.array([0.299, 0.587, 0.114], np.float32)
    assert float(teeth @ luma) > float(skin @ luma)
