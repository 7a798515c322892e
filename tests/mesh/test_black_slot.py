"""The driver's mouth not carried as a flat black slot (`figures/black_slot.py`): lp_s0 (../shared/data; skipped when
absent) at 512 px driven by sr_1 from its frame 30 (the reference, its mouth open) at `--multiplier 1.5`, so the
portrait opens flatter than sr_1 and its interior keeps its height for its width (`mouth_driver.unsqueezed_map`).
Centred, only sr_1's black cavity showed between the lips, its upper teeth under the target's upper lip; hung
half-way from the upper lip the teeth show under it."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from test_mouth_options import _driver
from test_mouth_teeth import _shrunk

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.figures.black_slot import black_slot, lightness_steps, teeth_light
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_driver import (
    PortraitMouth,
    light_match,
    match_colours,
    throat_lightness,
    to_lab,
)
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour
from facereel.engines.mesh.open_mouth.mouth_synthetic import teeth_colour
from facereel.face.face_track import FaceTrack
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

REFERENCE = 30  # sr_1's first frame of the cut driver (h23-fresh's sweep)
TALKING = (47, 48, 49)  # sr_1 frames showing its upper teeth whose target opening is under 0.4 of its own
CAVITY = (40, 52)  # sr_1 frames (output 10 and 22 of the cut driver) whose opening shows mostly its cavity, L* 1-5
LIGHTER_SKIN = (46, 48)  # sr_1 frames whose cheeks read L* 49 (33 at 40): less of `_SHADOW_LIFT`'s lift


@pytest.fixture(scope="module")
def lp_s0_on_sr_1():
    """(lp_s0 at 512 px, the sr_1 frames `TALKING`, `CAVITY` then `LIGHTER_SKIN`, their landmarks, their targets
    at multiplier 1.5)."""
    image, lm = _shrunk(*portrait("lp_s0"))
    frames, driver_lm = _driver("sr_1", (REFERENCE,) + TALKING + CAVITY + LIGHTER_SKIN)
    track = FaceTrack(landmarks=driver_lm, valid=np.ones(len(driver_lm), bool),
                      confidence=np.ones(len(driver_lm), np.float32), fps=25.0, frame_size=(0, 0))
    targets = retarget(lm, extract_motion(track), RetargetOptions(smoothing=None, multiplier=1.5).for_engine("mesh"))
    return image, lm, frames[1:], driver_lm[1:], targets[1:]


def test_the_carried_mouth_shows_the_drivers_upper_teeth(lp_s0_on_sr_1):
    """sr_1's own openings hold teeth (teeth-light share > 0.1) and are less than half near black; carried into
    lp_s0's flatter openings, teeth-light pixels on every frame (> 0.03; the interior centred, the engine before:
    0.08 / 0 / 0, now 0.17 / 0.07 / 0.11) and near black under 0.68 of the opening on average (before 0.70, now
    0.65)."""
    image, lm, frames, driver_lm, targets = lp_s0_on_sr_1
    assert np.mean([teeth_light(f, d) for f, d in zip(frames, driver_lm)]) > 0.1
    assert np.mean([black_slot(f, d) for f, d in zip(frames, driver_lm)]) < 0.5
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    talking = slice(len(TALKING))
    outs = [animator.render(t, driver=DriverFrame(f, d))
            for t, f, d in zip(targets[talking], frames[talking], driver_lm[talking])]
    black = [black_slot(o, t) for o, t in zip(outs, targets)]
    teeth = [teeth_light(o, t) for o, t in zip(outs, targets)]
    assert min(teeth) > 0.03, teeth
    assert np.mean(black) < 0.68, black


def test_the_drivers_black_cavity_reads_dark_not_black_on_a_pale_face(lp_s0_on_sr_1):
    """sr_1's cavity (L* 1-5, skin L* 33) carried onto lp_s0's pale face (skin L* 68): its shadows lifted by
    `_SHADOW_LIFT` of the skins' L* difference, so the opening reads as a dark cavity, not a flat black slot
    (near black: before 0.50 / 0.68 of the opening, now 0 / 0; sr_1's own 0.35 / 0.49)."""
    image, lm, frames, driver_lm, targets = lp_s0_on_sr_1
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    cavity = slice(len(TALKING), len(TALKING) + len(CAVITY))
    black = [black_slot(animator.render(t, driver=DriverFrame(f, d)), t)
             for t, f, d in zip(targets[cavity], frames[cavity], driver_lm[cavity])]
    assert max(black) < 0.3, black


def test_the_cavity_keeps_the_throats_floor_where_the_drivers_skin_reads_lighter(lp_s0_on_sr_1):
    """sr_1 frames 46 / 48: its skin reads lighter (L* 49), so `_SHADOW_LIFT` lifts its cavity less and it kept
    0.44 / 0.40 of the opening near black on lp_s0 (sr_1's own 0.30 / 0.38); the throat's floor
    (`mouth_driver.throat_floor`) now raises its darks to the synthetic throat's hue at 0.1 of lp_s0's skin
    luminance: none near black, the cavity's darkest tenth over L* 20 (before 8.8 / 13.0, now 23.2 / 22.9), the
    teeth's lightest tenth as light as before (48.5 / 35.2 -> 49.1 / 39.7: over L* 33)."""
    image, lm, frames, driver_lm, targets = lp_s0_on_sr_1
    animator = MeshAnimator(image, lm, MeshOptions(eyes=False))
    shown = slice(len(frames) - len(LIGHTER_SKIN), None)
    outs = [(animator.render(t, driver=DriverFrame(f, d)), t)
            for t, f, d in zip(targets[shown], frames[shown], driver_lm[shown])]
    assert max(black_slot(o, t) for o, t in outs) < 0.1
    steps = [lightness_steps(o, t) for o, t in outs]
    assert min(s[0] for s in steps) > 20, steps
    assert min(s[-1] for s in steps) > 33, steps


def _cavity_lightness(photo: str, frame: np.ndarray, landmarks: np.ndarray) -> float:
    """L* of the darkest tenth of the driver's (`frame`, its (478, 3) px `landmarks`) opening in the light of
    `photo` (at 512 px) by `match_colours`."""
    image, lm = _shrunk(*portrait(photo))
    skin, lip = skin_colour(image, lm), lip_colour(image, lm)
    pts = landmarks[INNER_LIP_CONTOUR, :2]
    x0, y0, x1, y1 = box_around(pts, 1, (frame.shape[1], frame.shape[0]))
    inside = polygon_mask([pts], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    match = light_match(skin_colour(frame, landmarks), PortraitMouth(skin, teeth_colour(skin, lip), lip))
    lightness = to_lab(match_colours(frame[y0:y1, x0:x1], match, inside))[inside, 0]
    return float(np.quantile(lightness, 0.1))


def test_a_dark_skinned_portrait_keeps_the_drivers_dark_cavity(lp_s0_on_sr_1):
    """The lift follows how much paler the portrait's skin is than the driver's: sr_8 (dark skin under a cyan
    light, L* 37) keeps sr_1's cavity dark (darkest tenth under L* 10) where lp_s0 lifts it (over L* 20; before
    h23-cavity both L* 0.6, then 2.2 / 14.2). The bound was L* 8: the throat's floor (`mouth_driver.throat_floor`)
    follows each portrait's own skin luminance, sr_8's at L* 8.6 (its darkest tenth 2.2 -> 8.5; crops of sr_8 x
    sr_1 40 / 48 / 52 at 6x looked at: still a dark cavity under the cyan light, no longer a black hole), lp_s0's
    at L* 23."""
    _, _, frames, driver_lm, _ = lp_s0_on_sr_1
    frame, landmarks = frames[len(TALKING)], driver_lm[len(TALKING)]
    assert _cavity_lightness("sr_8", frame, landmarks) < 10
    assert _cavity_lightness("lp_s0", frame, landmarks) > 20


@pytest.mark.parametrize("name", ["lp_s0", "lp_s1", "sr_4", "sr_8"])
def test_the_throat_is_one_share_of_the_skins_luminance_both_ways(name):
    """The throat's 0.1 of the skin's luminance is written once (`mouth_driver.throat_luminance`, h26-review) and
    read two ways: the portrait's throat colour (`PortraitMouth.throat_lab`, its skin's RGB in linear light) and
    the driver's black test (`throat_lightness`, from the skin's L*). For one skin both give the same L*, within
    0.25 (measured 0.01-0.10: Rec. 709 luminance on linear RGB against OpenCV's Y; lp_s0 18.5, sr_8 8.9)."""
    image, lm = portrait(name)
    skin, lip = skin_colour(image, lm), lip_colour(image, lm)
    throat = PortraitMouth(skin, teeth_colour(skin, lip), lip).throat_lab
    assert abs(float(throat[0]) - throat_lightness(float(to_lab(skin)[0]))) < 0.25
