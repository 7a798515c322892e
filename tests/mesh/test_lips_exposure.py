"""A side-lit portrait's exposure read by its lips (`mouth_driver.matched_skin`, h49-sr1dub): sr_1's clip, lit from
one side, has lips dark for the light between its cheeks on frames 28-30 (L* 22-23, 0.58 of it; lp_d12's 0.81), and
lp_d12's tongue filling its opening was matched as light as them, a flat lilac-grey slab
(`tests/v2v/test_dub_opening_light.py`); every evenly lit portrait is matched by its cheeks as before."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import cv2
import numpy as np
import pytest

from facereel.engines.mesh.composite import polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth import MouthRenderer
from facereel.engines.mesh.open_mouth.mouth_driver import light_match, match_colours, to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import cheek_light, lip_colour, skin_colour
from facereel.face.tracking import track_frames
from facereel.media.video import open_video

SIZE = 512
FLAT = (28, 31)  # sr_1's frames, its lips dark for its light; lp_d12's 168-170 (its 140-179 dub the clip's 0-39)
DRIVER_START = 140


def _frames(video: Path, start: int, stop: int) -> tuple[list[np.ndarray], np.ndarray]:
    """Frames [start, stop) of `video` at `SIZE` px (as `v2v_clips.write_clip` scales them) and their tracked
    (n, 478, 3) px landmarks."""
    with open_video(video) as source:
        frames = [cv2.resize(f, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
                  for f in islice(source.frames(), start, stop)]
    track = track_frames(frames, 25.0)
    assert track.valid.all()
    return frames, track.landmarks


@pytest.fixture(scope="module")
def driver(shared_data: Path) -> tuple[list[np.ndarray], np.ndarray]:
    """lp_d12's frames under sr_1's `FLAT` in the dub (its tongue filling its opening) and their landmarks."""
    return _frames(shared_data / "driving" / "lp_d12.mp4", DRIVER_START + FLAT[0], DRIVER_START + FLAT[1])


def _opening(image: np.ndarray, landmarks: np.ndarray) -> tuple[slice, slice, np.ndarray]:
    """The box (rows, cols) round `image`'s inner-lip contour and (h, w) bool: which of its pixels lie inside."""
    contour = landmarks[INNER_LIP_CONTOUR, :2]
    x0, y0 = np.floor(contour.min(0)).astype(int)
    x1, y1 = np.ceil(contour.max(0)).astype(int) + 1
    inside = polygon_mask([contour], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    return slice(y0, y1), slice(x0, x1), inside


def test_side_lit_clips_opening_as_light_for_its_lips_as_the_drivers(shared_data: Path, driver):
    """sr_1's frames 28-30 read side-lit in full; lp_d12's opening matched to them is as light against sr_1's lips
    as it is against lp_d12's own (0.75-0.78), within 0.08 (0.75-0.77; matched by the light between the cheeks,
    before h49-sr1dub, 0.99-1.09); its exposure at most 0.85 of the cheeks' (0.69-0.77 of it)."""
    frames, landmarks = _frames(shared_data / "driving" / "sr_1.mp4", *FLAT)
    for frame, lm, drv, drv_lm in zip(frames, landmarks, *driver):
        portrait = MouthRenderer(frame, lm).colours
        assert portrait.side_lit == 1, portrait.side_lit
        drv_skin, drv_lip = skin_colour(drv, drv_lm), lip_colour(drv, drv_lm)
        match = light_match(drv_skin, portrait, drv_lip)
        by_cheeks = float(portrait.labs[0][0] / match.skin_lab[0])
        exposure = float(match.portrait_lab[0] / match.skin_lab[0])
        assert exposure <= 0.85 * by_cheeks, (exposure, by_cheeks)
        rows, cols, inside = _opening(drv, drv_lm)
        own = float(to_lab(drv[rows, cols][inside])[:, 0].mean()) / float(to_lab(drv_lip)[0])
        matched = match_colours(drv[rows, cols], match, inside)
        dubbed = float(to_lab(matched[inside])[:, 0].mean()) / float(portrait.labs[1][0])
        assert abs(dubbed - own) <= 0.08, (dubbed, own)


@pytest.mark.parametrize("name", ["lp_s1.jpg", "lp_s5.jpg", "sr_8.png"])
def test_evenly_lit_photo_matched_by_its_cheeks(shared_data: Path, driver, name: str):
    """Portraits not side-lit are matched to their cheeks' skin itself (`PortraitMouth.labs`), so their renders do
    not move; their one cheek read (`cheek_light`) is `skin_colour`'s median."""
    image = cv2.cvtColor(cv2.imread(str(shared_data / "portraits" / name)), cv2.COLOR_BGR2RGB)
    track = track_frames([image], 25.0)
    assert track.valid[0]
    lm = track.landmarks[0]
    cheeks, portrait = cheek_light(image, lm), MouthRenderer(image, lm).colours
    assert cheeks.side_lit == 0 and portrait.side_lit == 0
    np.testing.assert_array_equal(cheeks.skin, skin_colour(image, lm))
    for drv, drv_lm in zip(*driver):
        match = light_match(skin_colour(drv, drv_lm), portrait, lip_colour(drv, drv_lm))
        assert match.portrait_lab is portrait.labs[0]
