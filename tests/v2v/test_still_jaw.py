"""Video-to-video with the eyes only keeps the clip's own jaw: lp_d18 as the clip, lp_d12 the driver (frames 194-206,
one key frame's setup reused by the twelve after it), read by `figures/still_jaw.py`."""

from __future__ import annotations

from pathlib import Path

import pytest
from v2v_clips import eyes_only as eyes_only_run

from facereel.engines.mesh.figures.still_jaw import still_jaw

pytestmark = pytest.mark.slow  # out of the README's suite by its measured time: .ci/run's third step

START, COUNT = 194, 13  # lp_d18's jaw moves ~19 px from its key frame's place over these frames


@pytest.fixture(scope="module")
def eyes_only(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list, list]:
    """(clip frames, output frames, the clip's landmarks): lp_d18's frames 194-206 at 480 px driven by lp_d12's first,
    `--regions eyes`."""
    return eyes_only_run(tmp_path_factory.mktemp("still_jaw"), shared_data, "lp_d18.mp4", START, COUNT, 480)


def test_the_eyes_only_leave_the_clips_jaw_as_filmed(eyes_only):
    """Below the eyes nothing moves, so the lower face's box stays the clip's own pixels (`still_jaw`, grey levels;
    the source repeated 0). The reused key's neck moved from the key's jaw to the frame's (~19 px by frame 206)
    dragged the plate, and the cheek past the key's alpha was bounded to its background fill: a pale grey wedge
    inside the left cheek: before 59-76 on frames 198-205 here (71 at frame 206 of the whole clip), now at most 34
    (along the jaw's outline, where the key's unmixed fringe meets the frame's own; 44 over the whole clip)."""
    frames, made, landmarks = eyes_only
    read = [still_jaw(f, m, lm) for f, m, lm in zip(frames, made, landmarks, strict=True)]
    assert max(read) < 40, read
