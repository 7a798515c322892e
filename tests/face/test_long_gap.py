"""A driver whose face leaves the frame for long (lp_d19 shifted out for ~1.5 s, `leaving_driver`): the faceless
frames further than GAP_HOLD + GAP_EASE from a face take the driver's rest (its first face), so the head comes back
onto its neck instead of being held ~45 px off it in the last half-out pose seen (h30-fresh4's find (2)); the
streaming fill (`GapFiller`) fills the same. The shift limit is taken before the ease (`motion.gap_shift`): the head
leaves the limit's ceiling as the ease starts, not once the driver's eased shift is back near the knee. The clip is
written repeatable (x264's mbtree off): with mbtree its bytes hung on the heap, and the half-out faces read off them
moved the gap's shifts by up to ~2 px from run to run (a clean-clone suite failed here, the file alone passed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from faceless_driver import leaving_driver
from perturbed_heaps import written_under_heaps

from facereel.face.face_track import FaceTrack
from facereel.face.landmark_ids import NOSE_TIP
from facereel.face.tracking import GAP_EASE, GAP_HOLD, rest_weights, track_image, track_video
from facereel.media.image import read_image
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import retarget
from facereel.motion.retarget_options import RetargetOptions
from facereel.motion.streaming_retarget import GapFiller, StreamingRetargeter

EASED_SLACK = 2.5
"""px: how far a gap frame's nose may shift beyond (1 - w) of the nearer face's shift. The gap is filled between its
two bordering faces (both half out of the frame), not held from the nearer one, and the nose's shift carries the eased
pose and scale beside the limited translation. The most beyond, measured on six encodings of this clip: 0.48-0.92 px
(x264 with mbtree under four heaps), 1.75 (a clean-clone suite's, with mbtree), 2.37 (the repeatable bytes tested:
frame 47, w 0.44; its end face found at frame 55, one frame sooner). Before the ease was taken on the limited
shift, 20 px and more past."""


@pytest.fixture(scope="module")
def track(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> FaceTrack:
    return track_video(leaving_driver(shared_data, tmp_path_factory.mktemp("leave") / "lp_d19_leaves.mp4"))


@pytest.fixture(scope="module")
def source(shared_data: Path) -> np.ndarray:
    return track_image(read_image(shared_data / "portraits" / "lp_s12.jpg")).landmarks[0]


@pytest.mark.slow
def test_the_head_comes_back_to_its_neck_in_a_long_gap(source: np.ndarray, track: FaceTrack) -> None:
    targets = retarget(source, extract_motion(track), RetargetOptions().for_engine("mesh"))
    shift = np.linalg.norm(targets[:, NOSE_TIP, :2] - source[NOSE_TIP, :2], axis=1)  # px off its place
    faces = np.flatnonzero(track.valid)
    gap = np.flatnonzero(~track.valid[faces[0]:faces[-1]]) + faces[0]
    assert len(gap) / track.fps > 1.2, gap  # the face is out of the frame for long
    ease = round((GAP_HOLD + GAP_EASE) * track.fps)
    at_rest = gap[ease:-ease]
    assert shift[gap[0] - 1] > 20, shift  # the last face seen: half out, the head far off its place
    assert shift[at_rest].max() < 2.0, shift[at_rest]  # main: 40 px and more, the last face's half-out pose
    # The ease is taken on the limited shift: a gap frame eased by w is at most (1 - w) of the nearer face's limited
    # shift off its place (main: held at the limit's ceiling, ~46 px, until w ~0.8, then 10 px a frame back), give or
    # take `EASED_SLACK`.
    weight = rest_weights(track.valid, track.fps)[gap]
    held = np.where(gap - gap[0] < gap[-1] - gap, shift[gap[0] - 1], shift[gap[-1] + 1])
    assert (shift[gap] <= (1 - weight) * held + EASED_SLACK).all(), np.round(shift[gap])  # main: 46-47 px to w ~0.6
    # No jump: the ease moves the head less than a third of the driver's own move into the frame (18-22 px a frame).
    own = np.abs(np.diff(shift[:gap[0]])).max()
    assert np.abs(np.diff(shift[gap[0] - 1:gap[-1] + 2])).max() < 0.3 * own, shift  # main 10.0 px (own 19.3)


@pytest.mark.slow
def test_the_stream_limits_a_long_gaps_shift_as_a_whole_video(source: np.ndarray, track: FaceTrack) -> None:
    options = RetargetOptions().for_engine("mesh")
    gaps, retargeter, out = GapFiller(track.fps), StreamingRetargeter(source, options, track.fps), []
    for landmarks, valid in zip(track.landmarks, track.valid):
        out += [retargeter(face, rest) for face, rest, _ in gaps.push(landmarks if valid else None)]
    out += [retargeter(face, rest) for face, rest, _ in gaps.finish()]
    whole = retarget(source, extract_motion(track), options)
    np.testing.assert_allclose(np.stack(out)[:, NOSE_TIP, :2], whole[:, NOSE_TIP, :2], atol=0.05)


@pytest.mark.slow
def test_the_stream_fills_a_long_gap_as_a_whole_video(track: FaceTrack) -> None:
    gaps, out = GapFiller(track.fps), []
    for landmarks, valid in zip(track.landmarks, track.valid):
        out += [face for face, _, _ in gaps.push(landmarks if valid else None)]
    out += [face for face, _, _ in gaps.finish()]
    np.testing.assert_allclose(np.stack(out), track.landmarks, atol=1e-3)


_WRITE = """
import sys
from pathlib import Path
from faceless_driver import leaving_driver
leaving_driver(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_the_leaving_driver_is_the_same_bytes_whatever_the_heap(shared_data: Path, tmp_path: Path) -> None:
    """The clip the readings above are taken on is written as the same bytes under two heaps (`perturbed_heaps`); with
    x264's mbtree it was not (two files; tracked, their gap frames' shifts 0.76-0.92 px beyond (1 - w) of the nearer
    face's, the default heap's 0.48)."""
    written = written_under_heaps(_WRITE, [str(shared_data)], tmp_path)
    assert written[0] == written[1]
