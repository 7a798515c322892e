"""Dubbing (`--regions lips`) sr_1's clip by lp_d12's wide opening: the drawn opening as light against the clip's
lips as the driver's against its own (`figures/opening_light.py`). It was drawn dark: the interior was matched by
the cheeks' median, and sr_1 has one cheek in shade (h47-sr1dub); then by the light between the cheeks
(`mouth_shape.cheek_light`'s `mouth`, h48-sr1dub); now, as sr_1 is lit from one side, its exposure by its lips
(`mouth_driver.matched_skin`, h49-sr1dub: its lips are dark for the light between its cheeks on 28-30)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from v2v_clips import write_clip

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.opening_light import opening_light
from facereel.face.tracking import track_frames
from facereel.media.video import open_video

pytestmark = pytest.mark.slow  # a 40-frame 512 px render: ~100 s

COUNT, SIZE = 40, 512  # sr_1 0-39 (a part-shaded face) dubbed by lp_d12 140-179
DRIVER_START = 140
WIDE = slice(34, 38)  # lp_d12's mouth wide open showing its tongue, sr_1's own near shut (38: open, kept)
FLAT = slice(28, 31)  # lp_d12's tongue filling its opening, sr_1's own mouth open on its teeth, its lips dark


def _light(frames: list[np.ndarray]) -> np.ndarray:
    """(n,) `opening_light` of `frames` (NaN where the face or the opening is not read)."""
    track = track_frames(frames, 25.0)
    return np.array([opening_light(f, lm) if ok else np.nan
                     for f, lm, ok in zip(frames, track.landmarks, track.valid)])


@pytest.fixture(scope="module")
def lights(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, np.ndarray]:
    """(driver's, dub's) `opening_light`, (COUNT,) each."""
    folder = tmp_path_factory.mktemp("dub_opening_light")
    clip = write_clip(folder / "clip.mp4", shared_data / "driving" / "sr_1.mp4", 0, COUNT, size=SIZE)
    driver = write_clip(folder / "driver.mp4", shared_data / "driving" / "lp_d12.mp4", DRIVER_START, COUNT, size=SIZE)
    with open_video(driver) as video:
        driving = list(video.frames())
    dub = PortraitAnimator("mesh", regions="lips")(clip, driver).frames
    return _light(driving), _light(list(dub))


def test_dubbed_wide_opening_as_light_as_the_drivers(lights):
    """The dub's opening's L* over its lips' (median over `WIDE`) within 0.1 of the driver's own (0.77 there; the
    dub 0.76, before h48-sr1dub 0.57; the clip's own near-shut mouth 0.46-0.52 where it reads)."""
    driver, dub = (light[WIDE] for light in lights)
    assert np.isfinite(driver).all() and np.isfinite(dub).sum() >= 3, (driver.round(2), dub.round(2))
    assert np.nanmedian(dub) >= np.median(driver) - 0.1, (driver.round(2), dub.round(2))


def test_dubbed_tongue_fill_darker_than_the_clips_lips(lights):
    """Frames `FLAT`: the dub's opening's L* over its lips' (median) within 0.15 of the driver's own (0.74-0.75; the
    dub 1.08 / 1.00 / 1.07 matched by the light between the cheeks, h48-sr1dub: the tongue fill as light as sr_1's
    lips, L* 22-23 there against 28 on `WIDE`; by its lips, h49-sr1dub, 1.11 / 0.80 / 0.77: 28 shows the clip's own
    teeth, the target opening no further than the clip's own)."""
    driver, dub = (light[FLAT] for light in lights)
    assert np.isfinite(driver).all() and np.isfinite(dub).sum() >= 2, (driver.round(2), dub.round(2))
    assert np.nanmedian(dub) <= np.median(driver) + 0.15, (driver.round(2), dub.round(2))
