"""Dubbing (`--regions lips`) sr_1's clip by lp_d12's part-open lips: where the driver's lips part a slit and the
clip's mouth shows its teeth wide open, the slit is drawn without the clip's teeth squeezed into it, a pale jagged
line under a dark crease (`figures/squeezed_teeth.py`, `shut_lips.SQUEEZED`), nor with the top of its upper teeth the
tracker read as upper lip, a pale patch over the painted band (`figures/teeth_on_lip.py`, `shut_lips.TEETH`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from v2v_clips import decoded, write_clip

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.squeezed_teeth import squeezed_teeth
from facereel.engines.mesh.figures.teeth_on_lip import teeth_on_lip
from facereel.face.tracking import track_frames

pytestmark = pytest.mark.slow  # a 40-frame 512 px render: ~100 s

COUNT, SIZE = 40, 512  # sr_1 0-39 dubbed by lp_d12 140-179, as tests/v2v/test_dub_opening_light.py cuts them
DRIVER_START = 140
SLITS = [10, 11, 12, 13, 14, 15, 20, 21]  # lp_d12's lips part 0.08-0.11 of the mouth's width, sr_1's 0.26-0.50


def _read(frames: list[np.ndarray]) -> np.ndarray:
    """(2, len(SLITS)): `squeezed_teeth` and `teeth_on_lip` of `frames` at `SLITS` (NaN where the face or a slit is
    not read)."""
    track = track_frames(frames, 25.0)
    return np.array([[figure(frames[i], track.landmarks[i]) if track.valid[i] else np.nan for i in SLITS]
                     for figure in (squeezed_teeth, teeth_on_lip)])


@pytest.fixture(scope="module")
def figures(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, np.ndarray]:
    """(driver's, dub's) (2, len(SLITS)) `squeezed_teeth` and `teeth_on_lip` at `SLITS`."""
    folder = tmp_path_factory.mktemp("dub_slit")
    clip = write_clip(folder / "clip.mp4", shared_data / "driving" / "sr_1.mp4", 0, COUNT, size=SIZE)
    driver = write_clip(folder / "driver.mp4", shared_data / "driving" / "lp_d12.mp4", DRIVER_START, COUNT, size=SIZE)
    dub = PortraitAnimator("mesh", regions="lips")(clip, driver).frames
    return _read(decoded(driver)), _read(list(dub))


@pytest.fixture(scope="module")
def squeezed(figures) -> tuple[np.ndarray, np.ndarray]:
    """(driver's, dub's) `squeezed_teeth` at `SLITS`."""
    return figures[0][0], figures[1][0]


def test_dubbed_slit_draws_no_squeezed_teeth(squeezed):
    """No slit frame's pale line under the crease (`squeezed_teeth`, L* over the lip under it) over 4, the driver's
    own reading 0-3 there (its lips' highlight under the slit), the clip's own shut crease 0-0.7 (frames 22-37); the
    squeezed teeth read 5.7-15.5 on 10-15 and 20-21 before `shut_lips.SQUEEZED`, 0 since (14-15 now re-tracked
    open, NaN). At least five of the eight read (the dub re-tracked as a slit)."""
    driver, dub = squeezed
    assert np.isfinite(driver).all() and np.isfinite(dub).sum() >= 5, (driver.round(1), dub.round(1))
    assert np.nanmax(dub) <= 4, (driver.round(1), dub.round(1))


def test_dubbed_slit_draws_no_teeth_over_the_band(figures):
    """No slit frame's upper lip holds a pale patch of the clip's upper teeth (`teeth_on_lip`, L* over the lip) over
    2.5, the driver's own reading 0-0.2 there; before `shut_lips.TEETH` the top of the teeth the tracker read as the
    clip's upper lip read 3.4 / 10.1 / 6.1 on 13 / 14 / 15 (1.0 at most since). At least five of the eight read."""
    driver, dub = figures[0][1], figures[1][1]
    assert np.isfinite(driver).all() and np.isfinite(dub).sum() >= 5, (driver.round(1), dub.round(1))
    assert np.nanmax(driver) <= 2.5 and np.nanmax(dub) <= 2.5, (driver.round(1), dub.round(1))
