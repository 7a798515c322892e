"""A grimacing clip driven by a calm, open-eyed, open-mouthed driver (issue #9, h50-fresh's sweep): lp_d6 frames
200-208 as the video source (a grimace: its tongue on its lower lip on its frames 0-5, its eyes shut on its frame 8) x
lp_d3 frames 310-318 (eyes open, mouth wide open), `facereel animate --size 512`; ../shared/data, skipped when absent.

- The clip's shut eye opened by the driver was drawn as a flat dark almond with no white nor iris (`figures/dark_eye`;
  /tmp/h50-fresh/v2v_eye_8_20_4x.png); now the eyeball of the clip's frame with that eye open is carried
  (`eye.carried_eyeball`, h50-v2veye).
- A flat dark-brown sliver floats across the philtrum, apart from the mouth under it (`figures/dark_philtrum`;
  /tmp/h50-fresh/v2v_mouth_2_6.png: clip | output | driver)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from v2v_clips import decoded, lossless_clip

from facereel.cli.main import main
from facereel.engines.mesh.eye.carried_eyeball import OpenEyes, carried_share
from facereel.engines.mesh.eye.eyes import EyeRenderer, opening_ratio
from facereel.engines.mesh.figures.dark_eye import dark_share
from facereel.engines.mesh.figures.dark_philtrum import dark_philtrum
from facereel.engines.mesh.figures.iris_share import EYES, IrisShare
from facereel.engines.mesh.geometry.mesh_topology import LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image

COUNT = 9  # frames of the clip and of the driver
SHUT = 8  # the clip's frame with its eyes shut
OPEN = (0, 2, 4)  # frames whose eyes are open in the clip and the driver
OPEN_MOST = 0.8
"""`dark_share` allowed for an open eye (the 41-frame render's open frames 0.42-0.79; the clip's own 0.45-0.77)."""
DRAWN_OPEN = 0.1
"""`eyes.opening_ratio` from which an output eye is read as drawn open (this render's frame 8: 0.22 image-left, 0.03
the image-right one the target keeps shut; its open frames 0.2-0.31)."""
SLIVER = (1, 2, 3)  # frames the sliver floats on
PLAIN_MOST = 0.02
"""`dark_philtrum` allowed (the clip's own 0-0.035 over frames 0-40; the output's away from the sliver 0-0.064)."""


@pytest.fixture(scope="module")
def animated(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[np.ndarray], ...]:
    """(the clip's frames, the output's frames), both at 512 px."""
    folder = tmp_path_factory.mktemp("grimace")
    clip = lossless_clip(folder / "clip.avi", shared_data / "driving" / "lp_d6.mp4", 200, COUNT)
    driver = lossless_clip(folder / "driver.avi", shared_data / "driving" / "lp_d3.mp4", 310, COUNT)
    out = folder / "out.mp4"
    assert main(["--quiet", "animate", "-s", str(clip), "-d", str(driver), "--size", "512", "-o", str(out)]) == 0
    frames = decoded(out)
    size = frames[0].shape[1::-1]
    return [cv2.resize(frame, size, interpolation=cv2.INTER_AREA) for frame in decoded(clip)], frames


def _eye_shares(animated) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(`dark_share` of the output's `OPEN` frames, (len(OPEN), 2); of its `SHUT` frame, (2,); that frame's eyes'
    `opening_ratio`s, (2,)), each at the output frame's own tracked landmarks, against the clip's frame 0 (eyes open)."""
    clip, out = animated
    reference = IrisShare(clip[0], track_image(clip[0]).landmarks[0])
    tracked = [track_image(out[k]).landmarks[0] for k in (*OPEN, SHUT)]
    read = [dark_share(out[k], lm, reference.thresholds) for k, lm in zip((*OPEN, SHUT), tracked)]
    opened = np.array([opening_ratio(tracked[-1], upper, lower) for upper, lower, _ in EYES])
    return np.array(read[:-1]), read[-1], opened


def _philtrums(animated) -> np.ndarray:
    """(len(SLIVER), 2): `dark_philtrum` of the clip's frame (the source repeated) and of the output's, both at the
    clip frame's tracked landmarks (the tracker reads the sliver on the output as a lip)."""
    clip, out = animated
    reads = []
    for k in SLIVER:
        landmarks = track_image(clip[k]).landmarks[0]
        reads.append((dark_philtrum(clip[k], landmarks), dark_philtrum(out[k], landmarks)))
    return np.array(reads)


@pytest.mark.slow
def test_open_eyes_and_the_clips_philtrum_read_under_the_bars(animated):
    """The output's open eyes (clip and driver open) show their whites, `dark_share` at most `OPEN_MOST`; the clip's
    own philtrum reads plain, `dark_philtrum` at most `PLAIN_MOST`."""
    open_reads, _, _ = _eye_shares(animated)
    assert open_reads.max() <= OPEN_MOST
    assert _philtrums(animated)[:, 0].max() <= PLAIN_MOST


@pytest.mark.slow
def test_a_shut_eye_opened_shows_an_eye(animated):
    """On the clip's shut frame the drawn open eyes (`opening_ratio` at least `DRAWN_OPEN`; the image-left one, the
    target keeps the image-right one shut) read as open eyes: `dark_share` at most `OPEN_MOST` (before h50-v2veye's
    `carried_eyeball` 0.95-0.99 on this 9-frame render, 0.99-1.0 on the 41-frame one's frame 8; a drawn shut eye's lash
    line reads ~0.9-1 whatever is under it: `figures/dark_eye`)."""
    _, shut_read, opened = _eye_shares(animated)
    drawn_open = opened >= DRAWN_OPEN
    assert drawn_open.any()
    assert shut_read[drawn_open].max() <= OPEN_MOST


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="a grimacing clip under a wide-open driver: a flat dark sliver across the "
                   "philtrum (h50-fresh, not traced)")
def test_the_philtrum_stays_plain(animated):
    """`SLIVER` frames: the output's philtrum as plain as the clip's, `dark_philtrum` at most `PLAIN_MOST` (today
    0.262 / 0.022 / 0.013 on this 9-frame render, 0.280 / 0.152 / 0.115 on the 41-frame one; the clip 0.000-0.002)."""
    assert _philtrums(animated)[:, 1].max() <= PLAIN_MOST


def test_a_shut_frame_takes_the_open_frames_eyes(shared_data: Path, tmp_path: Path):
    """`OpenEyes` on the clip's frames 0 (eyes open) then `SHUT`: frame 0's renderers draw their own eyeball (no
    donor), the shut frame's get frame 0's as their donors, drawn whole (`carried_share` 1) into frame 0's opening,
    none (0) into an opening as narrow as their own."""
    clip = decoded(lossless_clip(tmp_path / "clip.avi", shared_data / "driving" / "lp_d6.mp4", 200, SHUT + 1))
    eyes = []
    for k in (0, SHUT):
        frame = cv2.resize(clip[k], (512, 512), interpolation=cv2.INTER_AREA)
        landmarks = track_image(frame).landmarks[0]
        eyes.append([EyeRenderer(frame, landmarks, RIGHT_EYE_UPPER, RIGHT_EYE_LOWER, ids.RIGHT_IRIS),
                     EyeRenderer(frame, landmarks, LEFT_EYE_UPPER, LEFT_EYE_LOWER, ids.LEFT_IRIS)])
    open_eyes = OpenEyes()
    for frame_eyes in eyes:
        open_eyes.carry(frame_eyes)
    assert all(eye.donor is None for eye in eyes[0])
    assert [eye.donor for eye in eyes[1]] == eyes[0]
    for shut, donor in zip(eyes[1], eyes[0]):
        assert carried_share(shut.src_gap, donor.src_gap, donor.src_gap) == 1.0
        assert carried_share(shut.src_gap, shut.src_gap, donor.src_gap) == 0.0
