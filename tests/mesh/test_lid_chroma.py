"""A shut lid's colour drawn and through H.264, scored by `figures.lid_chroma` (issue #9)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mesh_faces import set_up_copy, streamed_targets
from video_checks import read_frames

from facereel.engines.mesh.figures.lid_chroma import lid_tone
from facereel.engines.mesh.figures.lid_hue import lid_hues
from facereel.media.writer import VideoWriter

WINK = range(8, 13)
"""The clip's frames (its cut's frame 0 first) on which lp_s5's image-right eye is winked shut."""
KEPT = 0.9  # the least share of the lid skin's chroma a shut lid keeps, drawn and through the video


@pytest.fixture(scope="module")
def winked(shared_data: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """lp_s5 at 384 x lp_d3 5-17: source, landmarks, targets, the drawn frames and the same frames decoded from
    the H.264 video `VideoWriter` makes of them (repeatable, its default crf)."""
    image, lm, targets = streamed_targets(shared_data, "lp_s5.jpg", "lp_d3", max(WINK) + 6, 384, 5)
    animator = set_up_copy(image, lm)
    frames = [animator.render(target) for target in targets]
    path = tmp_path_factory.mktemp("lid_chroma") / "wink.mp4"
    with VideoWriter(path, 25, repeatable=True) as writer:
        for frame in frames:
            writer.write(frame)
    decoded = [frame[:image.shape[0], :image.shape[1]] for frame in read_frames(path)[0]]
    return image, lm, targets, frames, decoded


def _chroma(image: np.ndarray, lm: np.ndarray, targets: list[np.ndarray], frames: list[np.ndarray]) -> float:
    """The median over WINK of the image-right shut lid's chroma share (`lid_tone`)."""
    fig = lid_hues(image, lm)[1]
    return float(np.median([lid_tone(fig, frames[k], targets[k])[1] for k in WINK]))


def test_a_drawn_shut_lid_is_lid_skin(winked: tuple) -> None:
    """The drawn (uncoded) winked lid keeps the source's lid skin's colour: chroma share 1.06 (L* 1.33: paler than
    the painted lid shadow above the eye). The source repeated has no shut lid (NaN)."""
    image, lm, targets, frames, _ = winked
    assert np.isnan(lid_tone(lid_hues(image, lm)[1], image, lm)).all()
    assert _chroma(image, lm, targets, frames) > KEPT


@pytest.mark.xfail(strict=True, reason="H.264's inter frames lag the lid's chroma as it warms in over the closing "
                   "frames (0.80; from an intra frame on the shut lid 0.94) and 4:2:0 averages its pale skin's with "
                   "the dark lines' (0.94): docs/mesh-engine.md 'A shut lid greyed by the video'")
def test_a_coded_shut_lid_keeps_its_colour(winked: tuple) -> None:
    """lp_s5's winked lid through the video: brown drawn, grey-green decoded (chroma share 1.06 -> 0.80)."""
    image, lm, targets, _, decoded = winked
    assert _chroma(image, lm, targets, decoded) > KEPT
