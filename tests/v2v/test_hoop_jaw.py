"""Video-to-video with the eyes only keeps the jaw and the hoop earring below the ear as filmed: lp_d3 as the clip (its
frames 37-53 as coded, not re-encoded), lp_d12 the driver, read by `figures/still_jaw.py`'s `departed`."""

from __future__ import annotations

from pathlib import Path

import pytest
from v2v_clips import decoded, first_packets, lossless_clip, write_clip

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.still_jaw import departed
from facereel.face.tracking import track_frames

pytestmark = pytest.mark.slow  # out of the README's suite by its measured time: .ci/run's third step

PACKETS = 56  # lp_d3's first 56 coded pictures: frames 0-54 decode as filmed
FIRST, LAST = 37, 52  # the clip's frames drawn; on the engine before, the jaw's outline across the hoop at frames 49-53
# drawn from frame 0, at 48-52 drawn from 37 (a key frame and the four reusing its setup), not at all drawn from 49 or
# 48 (the clip's tracked landmarks hang on the frames before; from 45 only frame 46, 17 px); frame 53, a key frame of its
# own, read 0 there and is not drawn (the reads of 37-52 the same without it: 12-15 px on 48-52)


@pytest.fixture(scope="module")
def eyes_only(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list, list]:
    """(clip frames, output frames, the clip's landmarks): lp_d3's frames `FIRST`-`LAST` at its own 512 px, decoded
    from its first coded pictures and written losslessly (`lossless_clip`: the frames before `FIRST`, 50 s of the
    83 s this fixture took, are read by no assert), driven by lp_d12's frames `FIRST`-`LAST` (re-encoded: only its
    eyes are read), `--regions eyes`."""
    folder = tmp_path_factory.mktemp("hoop_jaw")
    filmed = first_packets(folder / "filmed.mp4", shared_data / "driving" / "lp_d3.mp4", PACKETS)
    clip = lossless_clip(folder / "clip.avi", filmed, FIRST, LAST + 1 - FIRST)
    driver = write_clip(folder / "driver.mp4", shared_data / "driving" / "lp_d12.mp4", FIRST, LAST + 1 - FIRST,
                        size=512)
    video = PortraitAnimator("mesh", regions="eyes")(clip, driver)
    frames = decoded(clip)
    return frames, video.frames, list(track_frames(frames, video.fps).landmarks)


def test_the_eyes_only_leave_the_hoop_below_the_jaw_as_filmed(eyes_only):
    """Below the eyes nothing moves, so no pixel of the lower face's box departs from the clip by more than 20 grey
    levels (`departed`; the source repeated 0). Under the ear the ears' matte lowers the head's alpha over the hoop
    earring, so the head as drawn ends above the photo's head end there (`NeckWarp.head_end`, read from the plate's
    alpha); the neck's top was read against that lower end and the neck raised 1-4 px at rest, laying the photo's
    dark hair under the fringe unmixed against the lighter fill: a black line across the hoop along the jaw's
    outline (before: drawn from frame 0, 13-18 pixels on frames 49-53, `still_jaw` 28-32 levels; drawn from frame 37:
    12-15 pixels on frames 48-52; now 0, 8 levels)."""
    frames, made, landmarks = eyes_only
    read = [departed(f, m, lm) for f, m, lm in zip(frames, made, landmarks, strict=True)]
    assert max(read) < 5, read
