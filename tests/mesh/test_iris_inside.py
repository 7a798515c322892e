"""The retargeted iris kept inside the retargeted lids (`motion.iris_inside`): a driver whose reference frame is
cross-eyed and wide-eyed (lp_d6 500-545) no longer carries the irises up under the lids, scored by
`figures.iris_share` (the iris pixels inside each eye's opening over the source's own)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import cut_window

from facereel.animate import PortraitAnimator
from facereel.animate.inputs import drive, load_motion, load_source
from facereel.animate.options import AnimateOptions
from facereel.engines.mesh.figures.iris_share import IrisShare
from facereel.face.tracking import FaceTracker
from facereel.media.video import open_video
from facereel.motion.iris_inside import (
    EYE_IRISES,
    IRIS_INSIDE,
    iris_depths,
    keep_irises_inside,
    off_centre,
    off_centre_note,
)
from facereel.motion.retarget import RetargetOptions, _source_face
from facereel.motion.streaming_retarget import StreamingRetargeter


@pytest.fixture(scope="module")
def lp_d6_500(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cut_window(shared_data / "driving" / "lp_d6.mp4", 500, 45, tmp_path_factory.mktemp("d6") / "lp_d6_500.mp4")


def test_irises_stay_in_view_after_a_cross_eyed_wide_eyed_reference(shared_data: Path, lp_d6_500: Path) -> None:
    """lp_s0 (own size) x lp_d6 500-545, frames 20-35: the driver looks ahead with ordinary lids after a cross-eyed,
    wide-eyed frame 0; relative gaze carried the irises 0.2-0.3 radii above the upper lid, the eyes drawn rolled up
    with pale whites (`iris_share` min image-left / image-right eye 0.54 / 0.55; `--reference neutral` 0.73 / 0.57;
    the source repeated 1 / 1). Kept inside the lids: 0.96 / 0.79."""
    options = AnimateOptions(engine="mesh")
    source = load_source(shared_data / "portraits" / "lp_s0.jpg")
    video = PortraitAnimator(options=options)(source.path, lp_d6_500)
    motion = load_motion(lp_d6_500)
    assert off_centre(motion.features[motion.reference]) == 1.0  # its irises 0.14 / 0.10 eye widths low
    targets = drive(source, motion, options.retarget.for_engine("mesh"))
    share = IrisShare(source.image, source.landmarks)
    np.testing.assert_allclose(share(source.image, source.landmarks), 1.0)
    shares = np.array([share(frame, target) for frame, target in zip(video.frames[20:36], targets[20:36])])
    assert shares.min() > 0.7, shares


def _first_frame_features(video: Path, source_landmarks: np.ndarray) -> np.ndarray:
    """(F,) the features of `video`'s frame 0 as the streamed pass takes its reference (`reference_features`)."""
    with open_video(video) as frames, FaceTracker(video=True) as track:
        face = track(next(iter(frames.frames(fps=frames.fps))))
    retargeter = StreamingRetargeter(source_landmarks, RetargetOptions(), frames.fps)
    retargeter(face)
    return retargeter.reference_features


def test_an_off_centre_reference_is_said(shared_data: Path, lp_d6_500: Path) -> None:
    """lp_d6 500-545's frame 0 (cross-eyed, wide-eyed) drove every later frame's gaze and lids with nothing said
    (h30-odds kept the irises inside the lids): now one note, said as the faceless and held notes are (on_note:
    `animate`'s stderr, the app job's notes, batch rows) and in the result's summary; the ordinary drivers' frame 0
    (lp_d3, lp_d12, lp_d18, sr_1; off_centre 0.00-0.06 eye widths) get none."""
    source = load_source(shared_data / "portraits" / "lp_s0.jpg")
    for name in ("lp_d3", "lp_d12", "lp_d18", "sr_1"):
        assert off_centre_note(_first_frame_features(shared_data / "driving" / f"{name}.mp4", source.landmarks),
                               0) is None, name
    notes: list[str] = []
    video = PortraitAnimator(options=AnimateOptions(engine="mesh", size=256))(source.path, lp_d6_500,
                                                                             on_note=notes.append)
    (note,) = notes
    assert note.startswith("driver: its reference frame (frame 0) looks off centre") and "--reference neutral" in note
    assert video.summary() == f"45 frames at {video.fps:g} fps; {note}"


def test_ordinary_references_and_sliders_keep_their_irises() -> None:
    """Sliders, presets and keyframes measure from the canonical template: their gaze is left as they put it (a gaze
    slider at its end takes the iris to the lid: tests/animate/test_edit.py)."""
    from facereel.motion.sliders import Sliders, still_motion

    motion = still_motion(Sliders(gaze=(0, 1)))
    assert off_centre(motion.features[motion.reference]) == 0.0


def test_the_source_own_irises_are_left_as_they_are(shared_data: Path) -> None:
    """The source repeated meets the bounds by construction (each at most its own depth): nothing moves; a target
    iris lifted a radius above its upper lid comes back IRIS_INSIDE radii (or the source's depth) below it."""
    source = load_source(shared_data / "portraits" / "lp_s0.jpg")
    c_src = np.array(_source_face(source.landmarks.tobytes(), source.landmarks.dtype.str, source.landmarks.shape)[0])
    c = c_src[None].copy()
    keep_irises_inside(c, c_src)
    np.testing.assert_array_equal(c[0], c_src)
    for upper, lower, iris in EYE_IRISES:
        lifted = c_src[None].copy()
        below, _, radius = iris_depths(lifted, upper, lower, iris)
        lifted[:, list(iris), 1] -= (below + 1.0) * radius
        keep_irises_inside(lifted, c_src)
        assert iris_depths(lifted, upper, lower, iris)[0][0] == pytest.approx(min(IRIS_INSIDE, below[0]), abs=1e-6)
