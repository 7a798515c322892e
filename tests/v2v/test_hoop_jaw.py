"""Video-to-video with the eyes only keeps the jaw and the hoop earring below the ear as filmed: lp_d3 as the clip (its
first frames as coded, not re-encoded), lp_d12 the driver, read by `figures/still_jaw.py`'s `departed`."""

from __future__ import annotations

from pathlib import Path

import pytest
from v2v_clips import decoded, first_packets, write_clip

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.still_jaw import departed
from facereel.face.tracking import track_frames

PACKETS = 56  # lp_d3's first 56 coded pictures: frames 0-54 decode as filmed
KEY, LAST = 49, 53  # a key frame and the four reusing its setup: the jaw's outline drawn across the hoop


@pytest.fixture(scope="module")
def eyes_only(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list, list]:
    """(clip frames, output frames, the clip's landmarks): lp_d3's first frames at its own 512 px driven by lp_d12's
    first (re-encoded: only its eyes are read), `--regions eyes`."""
    folder = tmp_path_factory.mktemp("hoop_jaw")
    clip = first_packets(folder / "clip.mp4", shared_data / "driving" / "lp_d3.mp4", PACKETS)
    driver = write_clip(folder / "driver.mp4", shared_data / "driving" / "lp_d12.mp4", 0, PACKETS, size=512)
    video = PortraitAnimator("mesh", regions="eyes")(clip, driver)
    frames = decoded(clip)
    return frames, video.frames, list(track_frames(frames, video.fps).landmarks)


def test_the_eyes_only_leave_the_hoop_below_the_jaw_as_filmed(eyes_only):
    """Below the eyes nothing moves, so no pixel of the lower face's box departs from the clip by more than 20 grey
    levels (`departed`; the source repeated 0). Under the ear the ears' matte lowers the head's alpha over the hoop
    earring, so the head as drawn ends above the photo's head end there (`NeckWarp.head_end`, read from the plate's
    alpha); the neck's top was read against that lower end and the neck raised 1-4 px at rest, laying the photo's
    dark hair under the fringe unmixed against the lighter fill: a black line across the hoop along the jaw's
    outline (before: 13-18 pixels on frames 49-53, `still_jaw` 28-32 levels; now 0, 8 levels)."""
    frames, made, landmarks = eyes_only
    read = [departed(frames[i], made[i], landmarks[i]) for i in range(KEY, LAST + 1)]
    assert max(read) < 5, read
