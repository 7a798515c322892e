"""Streaming retargeting (per frame, carried smoothing state) equals the batch `retarget` (reference first)."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.motion.streaming_retarget import GapFiller, StreamingRetargeter
from facereel.errors import InputError
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import assemble_track, fill_missing, track_image, track_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.smoothing import OneEuro, OneEuroStream

OPTIONS = [
    RetargetOptions(),
    RetargetOptions(mode="absolute", translate=True, regions=frozenset({"eyes", "lips", "pose"}), multiplier=1.5),
    RetargetOptions(smoothing=None),
]


def streamed(source_lm: np.ndarray, points: list[np.ndarray | None], options: RetargetOptions, fps: float) -> np.ndarray:
    """(T, 478, 3): tracking results through GapFiller and StreamingRetargeter, as the live pipeline does."""
    gaps, retargeter, out = GapFiller(), StreamingRetargeter(source_lm, options, fps), []
    for p in points:
        out += [retargeter(lm, rest) for lm, rest, _ in gaps.push(p)]
    out += [retargeter(lm, rest) for lm, rest, _ in gaps.finish()]
    return np.stack(out)


def test_one_euro_stream_matches_the_batch_filter():
    x = np.cumsum(np.random.default_rng(0).normal(size=(50, 4, 3)), axis=0)
    stream = OneEuroStream(OneEuro(min_cutoff=1.0, beta=0.3), fps=25.0)
    assert np.array_equal(np.stack([stream(row) for row in x]), OneEuro(min_cutoff=1.0, beta=0.3)(x, 25.0))


@pytest.mark.parametrize("options", OPTIONS, ids=["default", "absolute-translate", "unsmoothed"])
def test_streaming_equals_batch_on_a_tracked_video(astronaut, astronaut_video, options):
    source = track_image(astronaut).landmarks[0]
    track = track_video(astronaut_video)
    assert track.valid.all()
    batch = retarget(source, extract_motion(track, reference="first"), options)
    assert np.abs(streamed(source, list(track.landmarks), options, track.fps) - batch).max() < 1e-3


def test_lost_faces_are_filled_like_the_batch_track(astronaut, astronaut_video):
    source = track_image(astronaut).landmarks[0]
    real = list(track_video(astronaut_video).landmarks)
    lost = {0, 1, 5, 6, 7, len(real) - 1}  # leading, inner and trailing gaps
    points = [None if i in lost else p for i, p in enumerate(real)]
    track = assemble_track(points, 25.0, (512, 512))
    batch = retarget(source, extract_motion(track, reference="first"), RetargetOptions())
    assert np.abs(streamed(source, points, RetargetOptions(), 25.0) - batch).max() < 1e-3


def test_no_face_at_all_is_an_input_error():
    gaps = GapFiller()
    assert gaps.push(None) == []
    with pytest.raises(InputError, match="no face"):
        gaps.finish("driver.mp4")


def test_streaming_equals_batch_on_a_real_driver(astronaut, shared_data):
    path = shared_data / "driving" / "lp_d11.mp4"
    if not path.exists():
        pytest.skip(f"{path} not present")
    source = track_image(astronaut).landmarks[0]
    track = track_video(path)
    batch = retarget(source, extract_motion(track, reference="first"), RetargetOptions())
    points = [p if v else None for p, v in zip(track.landmarks, track.valid)]
    assert np.abs(streamed(source, points, RetargetOptions(), track.fps) - batch).max() < 1e-3


@pytest.fixture(scope="module")
def lp_s1_by_lp_d3(shared_data) -> tuple[np.ndarray, FaceTrack]:
    """lp_s1's landmarks ((478, 3) px) and lp_d3's track (354 frames), tracked once for the options below."""
    import imageio.v3 as iio

    portrait, path = shared_data / "portraits" / "lp_s1.jpg", shared_data / "driving" / "lp_d3.mp4"
    if not (portrait.exists() and path.exists()):
        pytest.skip("lp_s1 / lp_d3 not present")
    return track_image(np.ascontiguousarray(iio.imread(portrait)[..., :3])).landmarks[0], track_video(path)


@pytest.mark.parametrize("options", [RetargetOptions().for_engine("mesh"), OPTIONS[1], OPTIONS[2]],
                         ids=["mesh", "absolute-translate", "unsmoothed"])
def test_streaming_is_the_batch_bit_for_bit(lp_s1_by_lp_d3, options):
    """Each streamed frame, retargeted alone against the reference measured once (`retarget_frames`), gives
    the batch's targets to the bit on lp_s1 driven by lp_d3 (a wink, wide mouths, head turns)."""
    source, track = lp_s1_by_lp_d3
    assert track.valid.all()
    batch = retarget(source, extract_motion(track, reference="first"), options)
    assert np.array_equal(streamed(source, list(track.landmarks), options, track.fps), batch)



def test_only_a_gap_is_filled(lp_s1_by_lp_d3, monkeypatch):
    """The gap filler interpolates (`fill_missing`) once per gap in lp_d3's faces and never for a face that follows
    a face (the streamed pass's track stage paid 1 434 `np.interp` calls a frame for an empty fill), and the
    faces it gives are the tracked ones, the gap's frames those `assemble_track` fills."""
    from facereel.motion import streaming_retarget

    _, track = lp_s1_by_lp_d3
    fills = []

    def counted(*args, **kwargs):
        fills.append(len(args[1]))
        return fill_missing(*args, **kwargs)

    monkeypatch.setattr(streaming_retarget, "fill_missing", counted)
    lost = set(range(100, 104))  # one 4-frame gap among 354 faces
    points = [None if i in lost else p for i, p in enumerate(track.landmarks)]
    gaps, out = GapFiller(track.fps), []
    for p in points:
        out += [face for face, _, _ in gaps.push(p)]
    out += [face for face, _, _ in gaps.finish()]
    assert fills == [len(lost) + 2]  # the gap's window: the faces either side and the gap
    assert np.array_equal(np.stack(out), assemble_track(points, track.fps, (512, 512)).landmarks)

def test_mesh_engine_moves_the_head_with_the_driver_by_default(astronaut: np.ndarray, grace_hopper: np.ndarray) -> None:
    """Relative mode on the mesh engine transfers head translation unless switched off or the head's pose is not a
    transferred region (`--regions lips`: dubbing keeps the head where the photo has it); a1 and absolute mode keep
    the source's position; the CLI's --translate / --no-translate override either way."""
    from facereel.cli.main import build_parser
    from facereel.engines.mesh.driven import DrivenPortrait

    assert RetargetOptions().for_engine("mesh").translate is True
    assert RetargetOptions().for_engine("a1").translate is False
    assert RetargetOptions(mode="absolute").for_engine("mesh").translate is False
    assert RetargetOptions(translate=False).for_engine("mesh").translate is False
    assert RetargetOptions(translate=True).for_engine("a1").translate is True
    lips = frozenset({"lips"})
    assert RetargetOptions(regions=lips).for_engine("mesh").translate is False
    assert RetargetOptions(regions=lips, translate=True).for_engine("mesh").translate is True
    parse = build_parser().parse_args
    base = ["animate", "-s", "a.png", "-d", "b.mp4", "-o", "c.mp4"]
    assert [parse(base + flag).translate for flag in ([], ["--translate"], ["--no-translate"])] == [None, True, False]

    source = track_image(astronaut).landmarks[0]
    face = track_image(grace_hopper).landmarks[0]
    iod = float(np.linalg.norm(face[468, :2] - face[473, :2]))
    shifted = face + np.array([0.5 * iod, 0.0, 0.0], np.float32)  # the driver moves half an eye distance right

    def head_shift(options: RetargetOptions) -> float:  # px the target head moved after a still stretch
        portrait = DrivenPortrait(astronaut, source, options, fps=25.0)
        for points in [face] * 5 + [shifted] * 20:
            portrait.render(points)
        return float((portrait._target[:, 0] - source[:, 0]).mean())

    src_iod = float(np.linalg.norm(source[468, :2] - source[473, :2]))
    assert abs(head_shift(RetargetOptions()) - 0.5 * src_iod) < 0.05 * src_iod
    assert abs(head_shift(RetargetOptions(translate=False))) < 0.05 * src_iod
    assert abs(head_shift(RetargetOptions(regions=lips))) < 0.05 * src_iod
    assert abs(head_shift(RetargetOptions(regions=lips, translate=True)) - 0.5 * src_iod) < 0.05 * src_iod
