"""A dubbed shut mouth is drawn without a thin dark line and a pale one under it where the lips meet (issue #12 part
1, `figures.shut_line`): sr_1's frames 0-39 as the clip, lp_d19 from frame 20 (at the clip's frame rate) as the
driver, `--regions lips`; frames 23-24 (the clip's own mouth just closed) and 19 / 21 / 26 (the clip's own mouth open,
its teeth showing, the dubbed one shut)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest

from facereel.animate.video_source import driver_frame_index, frames_at
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.pressed_lips import lips_crossed
from facereel.engines.mesh.figures.shut_line import shut_line
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_frames
from facereel.motion.extract import extract_motion
from facereel.motion.retarget_options import RetargetOptions
from facereel.motion.steady_source import steady_source
from facereel.motion.video_retarget import retarget_video

FPS = 2997 / 125  # sr_1's frame rate
COUNT = 32  # lp_d19's frames 20-59 at it
SHUT = (23, 24)  # the clip's own mouth shut (23: its neutral reference frame), the dubbed one too
OPEN = (19, 21, 26)  # the clip's own mouth open (0.35 / 0.52 / 0.18 of its width), the dubbed one shut (0.01-0.03)


@pytest.fixture(scope="module")
def dubbed(shared_data: Path) -> tuple[list[np.ndarray], FaceTrack, np.ndarray]:
    """(the clip's frames, its track, the (COUNT, 478, 3) px targets of the dub) with `--regions lips`."""
    driving = shared_data / "driving"
    frames = list(islice(frames_at(driving / "sr_1.mp4", FPS, None), 0, 40))
    clip = track_frames(frames, FPS)
    driver = track_frames(list(islice(frames_at(driving / "lp_d19.mp4", FPS, None), 16, 16 + COUNT)), FPS)
    targets = retarget_video(clip, extract_motion(driver), RetargetOptions(regions=frozenset({"lips"})),
                             driver_frame_index(COUNT, COUNT, False))
    return frames, clip, targets


def _lines(frames: list[np.ndarray], clip: FaceTrack, targets: np.ndarray, indices: tuple[int, ...]) -> list[float]:
    """`shut_line` of the dubbed frames `indices`, each rendered by a plain engine on the steadied clip's frame."""
    meshes, targets = steady_source(clip, targets)
    return [shut_line(MeshAnimator(frames[i], meshes[i], MeshOptions(mouth_interior="synthetic")).render(targets[i]),
                      targets[i]) for i in indices]


def test_the_dubbed_lips_meet_without_a_dark_line(dubbed: tuple[list[np.ndarray], FaceTrack, np.ndarray]) -> None:
    """The steadied track's jitter term moved each inner-lip point by up to 1.5 px with the clip's closing mouth, so
    the dubbed inner lips crossed by ~3 px (`lips_crossed` 0.10 / 0.11), drawn as a dark line with a pale one under
    it: `shut_line` 66.1 / 59.1 grey levels on frames 23 / 24 (synthetic interior); now the term moves both lips of a
    column alike: 0 crossed, 33.3 / 32.8 (the clip's frame 23 with its own landmarks, the source repeated, 29.2: its
    own soft crease)."""
    frames, clip, targets = dubbed
    assert lips_crossed(clip.landmarks[:COUNT], targets)[list(SHUT)].max() < 0.03
    lines = _lines(frames, clip, targets, SHUT)
    own = shut_line(frames[SHUT[0]], clip.landmarks[SHUT[0]])
    assert max(lines) < own + 10, (np.round(lines, 1), round(own, 1))


@pytest.mark.slow
def test_the_clips_open_mouth_shut_meets_at_a_soft_crease(
        dubbed: tuple[list[np.ndarray], FaceTrack, np.ndarray]) -> None:
    """Where the clip shows its teeth and the dub shuts the mouth, the warp squeezed the clip's teeth and cavity into a
    jagged dark-and-white 1 px line: `shut_line` 58.3 / 63.8 / 54.9 on frames 19 / 21 / 26; now the clip's lips are
    drawn meeting at a soft crease (`open_mouth.shut_lips`): 29.6 / 24.4 / 29.8, against the clip's own shut crease
    (its frame 23) 29.2."""
    frames, clip, targets = dubbed
    lines = _lines(frames, clip, targets, OPEN)
    own = shut_line(frames[SHUT[0]], clip.landmarks[SHUT[0]])
    assert max(lines) < own + 8, (np.round(lines, 1), round(own, 1))
