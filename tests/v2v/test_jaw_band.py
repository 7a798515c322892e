"""Video-to-video dubbing keeps the neck under the moved jaw: a frame of lp_d19 (`--regions lips`' clip, frames 20-70,
in docs/status.md's fresh sweep find (10)) with its jaw drawn up as a closing driver's mouth draws it, read by
`figures/still_jaw.py`'s `shown_tone` under the jaw's right side."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest
from v2v_clips import raised_jaw

from facereel.engines.mesh.figures.lifted_neck import placed
from facereel.engines.mesh.figures.still_jaw import shown_tone

FRAME = 28  # lp_d19's frame 28: the dubbed clip's frame 8, its mouth open, the driver's shut
BAND = (265, 365, 310, 410)  # (x0, y0, x1, y1) px: under the jaw's right side, where the band showed


@pytest.fixture(scope="module")
def clip_frame(shared_data: Path):
    """(lp_d19's frame `FRAME`, (478, 3) px its landmarks, its `MeshAnimator`)."""
    from facereel.engines.mesh import MeshAnimator
    from facereel.face.tracking import track_image
    from facereel.media.video import open_video

    with open_video(shared_data / "driving" / "lp_d19.mp4") as video:
        frame = next(islice(video.frames(), FRAME, None))
    landmarks = track_image(frame).landmarks[0].astype(np.float32)
    return frame, landmarks, MeshAnimator(frame, landmarks)


@pytest.mark.parametrize("raise_px", [0.0, 11.0, 16.0])
def test_the_neck_follows_the_jaw_drawn_up_under_its_right_side(clip_frame, raise_px):
    """With the jaw drawn up (~11 px on the dubbed clip's frames 6-11), the neck under it moves up after it: the neck's
    shadowed tone shows nowhere under the jaw's right side (`shown_tone`; the source repeated 0). The photo's hoodie
    rises beside the jaw 50 px over, and the collar line, eroded along the jaw over the rows, took its rows to the
    columns under the jaw's right side, whose neck hangs 50 px lower: up to the plate's hole's end, so the neck there
    held still and the tone showed between the moved jaw and the photo's jaw line left in place, a pale band with a
    stepped edge (before: 42 px at 11 px drawn up, 132 at 16). Now a jaw raised this little lowers the collar line by
    up to the neck's length below the hole's end (`NeckWarp.frame_collars`)."""
    frame, landmarks, animator = clip_frame
    animator.render(raised_jaw(landmarks, raise_px))
    tone, alpha = animator.drawn_tone(), animator.drawn_alpha()
    assert tone is not None
    shape = frame.shape[:2]
    assert shown_tone(placed(tone, animator.origin, shape), placed(alpha, animator.origin, shape), BAND) == 0
