"""A photo's dark lip corners stay dark when its shown teeth are shut (issue #12 part 1, `figures.corner_crease`):
lp_s1 (her mouth shows her teeth, so `ShutLips` runs) at 512 px driven by lp_d12's frames 140-179, frames 1-8."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np

from facereel import PortraitAnimator
from facereel.engines.mesh.figures.corner_crease import corner_crease
from facereel.face.tracking import track_image
from facereel.media.video import open_video

START, COUNT = 140, 40  # lp_d12's frames 140-179, the driver
READ = range(1, 9)  # the frames whose corner crease was wiped


def test_the_photos_corner_crease_is_not_filled(shared_data: Path) -> None:
    """Her corner slits' tracked upper-lip band is 1-2 px tall, so one shaded pixel read as a missed upper lip and
    `shut_lips._OverLip` filled the frame's corner crease from the lips round it (a pale smudge, a lone dark dot):
    `corner_crease` 0.09-0.17 on frames 1-8; before `_OverLip` and now (`CORE_RUN`) 0.27-0.33, bit for bit (the
    photo repeated at 512, its teeth showing: 0.39)."""
    with open_video(shared_data / "driving" / "lp_d12.mp4") as video:
        fps = video.fps
        driver = list(islice(video.frames(), START, START + COUNT))
    stream = PortraitAnimator("mesh", size=512).stream(shared_data / "portraits" / "lp_s1.jpg", driver, fps=fps)
    frames = list(islice(stream, max(READ) + 1))
    depths = [corner_crease(frames[i], track_image(frames[i]).landmarks[0]) for i in READ]
    assert min(depths) > 0.24, np.round(depths, 3)
