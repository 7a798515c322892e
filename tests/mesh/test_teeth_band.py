"""The synthetic open mouth's teeth read as teeth at small sizes (`figures/teeth_band.py`): as light as real
teeth in the portrait's light and carrying some of its hue, not a grey band; the figure reads 0 on a closed
mouth and catches a grey band painted over the teeth."""

from __future__ import annotations

import cv2
import numpy as np
from mesh_target_edits import open_mouth

from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.composite import polygon_mask
from facereel.engines.mesh.figures.teeth_band import OPEN, TALKING, teeth_band, teeth_band_reads
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap, skin_colour
from facereel.engines.mesh.open_mouth.mouth_synthetic import synthetic_interior, teeth_colour
from facereel.face.tracking import track_image
from facereel.media.image import read_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _laughing(face) -> tuple[np.ndarray, np.ndarray]:
    """preset:laugh's widest-open frame on the portrait, synthetic interior: (frame, target landmarks)."""
    image, lm = face
    targets = retarget(lm, preset_motion("laugh", 4.0), RetargetOptions().for_engine("mesh"))
    target = max(targets, key=lambda t: mouth_gap(t)[0] / mouth_gap(t)[1])
    assert teeth_band_reads(target)
    return MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic")).render(target), target


def test_closed_mouth_reads_zero(face):
    image, lm = face
    if teeth_band(image, lm) != (0.0, 0.0):  # the astronaut shows her own teeth: real teeth read light
        assert teeth_band(image, lm)[0] < 0.05
    assert teeth_band(image, open_mouth(lm, 0.0)) == teeth_band(image, lm)
    assert teeth_band(image, open_mouth(lm, 0.0), TALKING)[0] < 0.05  # read from a talking mouth's opening


def test_synthetic_teeth_are_light_and_in_the_faces_light(face):
    frame, target = _laughing(face)
    dull, grey = teeth_band(frame, target)
    assert dull < 0.05 and grey < 0.1, (dull, grey)


def test_figure_catches_a_grey_band(face):
    """The same frame with every pixel of the opening lighter than 0.6 of the skin's brightness made that
    neutral grey (the flat grey band seen at 512 px) reads far duller and greyer."""
    frame, target = _laughing(face)
    dull, grey = teeth_band(frame, target)
    inside = polygon_mask([target[INNER_LIP_CONTOUR, :2]], frame.shape[:2], (0, 0)) > 0.5
    luma = frame @ np.array([0.299, 0.587, 0.114])
    band = 0.6 * float(skin_colour(frame, target) @ np.array([0.299, 0.587, 0.114]))
    greyed = frame.copy()
    greyed[inside & (luma > band)] = round(band)
    dull_g, grey_g = teeth_band(greyed, target)
    assert dull_g > dull + 0.15 and grey_g > grey + 0.3, (dull, grey, dull_g, grey_g)


def test_small_face_teeth_are_not_a_dull_band(shared_data):
    """lp_s3 at 512 px (the pale face whose teeth read as a grey-blue strip) over preset:laugh's open frames:
    the teeth's lightness shortfall stays under 0.2 of the skin's (0.25 before the teeth were lit; real
    open mouths, lp_d18 / lp_d12, read 0.08)."""
    image = read_image(shared_data / "portraits" / "lp_s3.jpg")
    image = cv2.resize(image, None, fx=512 / max(image.shape[:2]), fy=512 / max(image.shape[:2]),
                       interpolation=cv2.INTER_AREA)  # as `animate --size 512`
    lm = track_image(image).landmarks[0]
    targets = retarget(lm, preset_motion("laugh", 4.0), RetargetOptions().for_engine("mesh"))[::3]
    animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
    dull = [teeth_band(animator.render(t), t)[0] for t in targets if teeth_band_reads(t)]
    assert len(dull) > 10
    assert np.mean(dull) < 0.2


def test_thin_opening_shows_light_teeth():
    """A talking mouth's opening, 2-6 px tall and 40 px wide (a face at 512 px): its lightest fifth is at
    least 0.85 of the teeth colour's L* (0.71-0.79 when the upper row was 0.34 of the gap, blurred into the
    cavity; now 0.89-0.93; the lip colour and light of lp_s3)."""
    skin, lip = np.array([230.0, 188.0, 162.0], np.float32), np.array([202.0, 105.0, 82.0], np.float32)
    teeth = teeth_colour(skin, lip)
    xs = np.linspace(4.0, 44.0, 11)
    for gap in (2.0, 3.0, 4.0, 6.0):
        upper = np.stack([xs, 10 - 0.002 * (xs - 24) ** 2], 1).astype(np.float32)
        lower = np.stack([xs, 10 + gap * (1 - ((xs - 24) / 20) ** 2)], 1).astype(np.float32)
        inside = polygon_mask([np.concatenate([upper, lower[::-1]])], (24, 48), (0, 0))
        paint = synthetic_interior(inside, upper, lower, gap, 40.0, lip, teeth)
        light = to_lab(np.clip(paint, 0, 255).astype(np.uint8))[inside > 0.5][:, 0]
        lightest = light[light >= np.quantile(light, 0.8)].mean()
        assert lightest >= 0.85 * to_lab(teeth)[0], (gap, lightest / to_lab(teeth)[0])


def test_talking_teeth_are_not_a_dull_band(shared_data):
    """lp_s3 at 512 px over preset:talk's talking openings (0.08 to 0.15 mouth widths, the upper teeth a few
    px tall): the teeth's lightness shortfall stays under 0.12 of the skin's (0.23 when a 1 px row was
    blurred into the cavity; real talking mouths showing teeth, lp_d12 / lp_d18, read 0)."""
    image = read_image(shared_data / "portraits" / "lp_s3.jpg")
    image = cv2.resize(image, None, fx=512 / max(image.shape[:2]), fy=512 / max(image.shape[:2]),
                       interpolation=cv2.INTER_AREA)  # as `animate --size 512`
    lm = track_image(image).landmarks[0]
    targets = retarget(lm, preset_motion("talk", 4.0), RetargetOptions().for_engine("mesh"))[::3]
    talking = [t for t in targets if teeth_band_reads(t, TALKING) and not teeth_band_reads(t, OPEN)]
    animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
    dull = [teeth_band(animator.render(t), t, TALKING)[0] for t in talking]
    assert len(dull) >= 8
    assert np.mean(dull) < 0.12
