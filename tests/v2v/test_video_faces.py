"""Several faces inside a video source, on a real two-person video (two ../shared/data driving videos side by
side, the left person gone for three frames): each face keeps its number through the video, follows its
own driver (re-tracked mouth, beside the do-nothing baseline: the source video as filmed), a frame without
a face passes it through, and pixels far from every face are the source's, bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import DRIVER_LENGTH, lp_d19_drivers, mouth_opening, two_person_video
from v2v_clips import app_job, decoded

from facereel import AnimatedVideo, PortraitAnimator
from facereel.cli.main import main
from facereel.errors import InputError
from facereel.face import landmark_ids as ids
from facereel.face.face_track import FaceTrack
from facereel.face.key_frame_faces import refuse_missing_face
from facereel.face.numbering import DRIVER_FACE_FLAG, SOURCE_FACE_FLAG
from facereel.face.tracking import group_faces, late_face_note, track_frames
from facereel.face.video_faces import NEW_FACE_EVERY, track_every_face
from facereel.media.video import probe_frames
from facereel.motion.presets import preset_motion

COUNT = DRIVER_LENGTH  # frames of the source video and of each driver (30 fps)
HIDDEN = (10, 11, 12)  # the left person is gone in these frames
# The drivers: group_photo.lp_d19_drivers (A opens its mouth at once and closes it at the end, B stays
# closed, then opens). The left source (lp_d3 from frame 0) talks in time with A, so it is given B; the
# right one (lp_d6 from frame 0) is given A.
GIVEN = {0: "B", 1: "A"}


@pytest.fixture(scope="module")
def two_people(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lp_d3 | lp_d6, frames 0-29 at 30 fps, 384 x 192, the left person gone in the HIDDEN frames."""
    driving = shared_data / "driving"
    return two_person_video((driving / "lp_d3.mp4", driving / "lp_d6.mp4"), (0, 0), COUNT, 192,
                            tmp_path_factory.mktemp("faces") / "two.mp4", hidden=HIDDEN)


@pytest.fixture(scope="module")
def drivers(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, np.ndarray]]:
    """{"A" | "B": (the lp_d19 window, its mouth opening (COUNT,))}."""
    return lp_d19_drivers(shared_data, tmp_path_factory.mktemp("drivers"))


@pytest.fixture(scope="module")
def source_frames(two_people: Path) -> list[np.ndarray]:
    return decoded(two_people)


@pytest.fixture(scope="module")
def tracks(source_frames: list[np.ndarray]) -> list[FaceTrack]:
    return track_every_face(source_frames, 30.0)


@pytest.fixture(scope="module")
def each_own(two_people: Path, drivers: dict[str, tuple[Path, np.ndarray]]) -> AnimatedVideo:
    return PortraitAnimator("mesh")(two_people, {face: drivers[name][0] for face, name in GIVEN.items()})


def test_faces_keep_their_numbers_through_the_video(tracks: list[FaceTrack], source_frames: list[np.ndarray]
                                                    ) -> None:
    width = source_frames[0].shape[1]
    assert len(tracks) == 2 and all(len(track) == COUNT for track in tracks)
    left, right = (track.landmarks[..., 0].mean(-1) for track in tracks)
    assert (left < width / 2).all() and (right > width / 2).all()
    assert np.flatnonzero(~tracks[0].valid).tolist() == list(HIDDEN)  # gone, then back with its number
    assert tracks[1].valid.all()


@pytest.mark.slow
def test_each_face_follows_its_own_driver(each_own: AnimatedVideo, tracks: list[FaceTrack],
                                          drivers: dict[str, tuple[Path, np.ndarray]]) -> None:
    assert len(each_own) == COUNT
    seen = track_every_face(each_own.frames, 30.0)
    assert len(seen) == 2
    for face, name in GIVEN.items():
        own, other = drivers[name][1], drivers["B" if name == "A" else "A"][1]
        keep = seen[face].valid & tracks[face].valid
        result, baseline = mouth_opening(seen[face].landmarks)[keep], mouth_opening(tracks[face].landmarks)[keep]
        corr = {label: float(np.corrcoef(mouth, driven[keep])[0, 1])
                for label, mouth, driven in (("own", result, own), ("other", result, other),
                                             ("baseline", baseline, own))}
        # measured: face 0 own 0.26 / other -0.03 / baseline -0.59; face 1 0.70 / -0.44 / 0.29. Face 0 (a small
        # face) is read by the tracker at the edge of its noise: the plate's margin shadow (2026-12-01) changed
        # its frames by 0.001 grey levels on average and moved own / other to 0.20 / 0.00.
        assert corr["own"] > corr["other"] + 0.15 and corr["own"] > corr["baseline"] + 0.35, (face, corr)


def _far_from(faces: list[np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    """(H, W) bool: farther than 0.6 face sizes outside the outline box of every face given."""
    yy, xx = np.mgrid[:shape[0], :shape[1]]
    far = np.ones(shape[:2], bool)
    for landmarks in faces:
        oval = landmarks[list(ids.FACE_OVAL), :2]
        low, high = oval.min(0), oval.max(0)
        grow = 0.6 * float((high - low).max())
        far &= (xx < low[0] - grow) | (xx > high[0] + grow) | (yy < low[1] - grow) | (yy > high[1] + grow)
    return far


@pytest.mark.slow
def test_far_pixels_and_missing_faces_are_the_source(each_own: AnimatedVideo, tracks: list[FaceTrack],
                                                     source_frames: list[np.ndarray]) -> None:
    width = source_frames[0].shape[1]
    moved = []  # per frame with both faces: (left face changed, right face changed)
    for i, (source, result) in enumerate(zip(source_frames, each_own.frames)):
        present = [track.landmarks[i] for track in tracks if track.valid[i]]
        far = _far_from(present, source.shape)
        assert np.array_equal(result[far], source[far])
        if i in HIDDEN:  # only the right face is there: the left person's empty panel is mostly "far"
            assert far[:, :width // 3].mean() > 0.9
        else:
            change = np.abs(result.astype(int) - source).max(-1)
            moved.append((change[:, :width // 2].max() > 40, change[:, width // 2:].max() > 40,
                          (change[:, :width // 2] > 20).any()))
    # Both faces moved by over 40 levels in every frame but two: the left face follows driver B, which holds
    # still and closed at first, so its frames 0 and 5 change by <= 40 levels (measured max 35 and 37; their
    # 2 px above 40 before 2026-12-02 were the plate beside its hanging hair, which `close_to_head` keeps in the
    # head) and 80-90 px by over 20; from frame 1 on it changes 6-700 px by over 40.
    left, right, left_at_all = np.sum(moved, axis=0)
    assert left >= len(moved) - 2 and right == len(moved) and left_at_all == len(moved), moved


SHORT = 4
"""Frames of `short_two` (6 until the thirty-fifth session): a video source sets the engine up again on each frame,
per face, so each frame costs a set-up. Measured on the 6 frames, preset:talk `--face-index all`: the left / right
half's largest change 0 / 0 on frame 0, 80 / 27 on frame 1, 106-146 / 91-104 on frames 2-5 (so frames 2-3 show
both faces moved); a 2-frame driver leaves frames 2-3 held."""


@pytest.fixture(scope="module")
def short_two(source_frames: list[np.ndarray], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first `SHORT` frames of the two-person video (both faces in each)."""
    from facereel.media.writer import VideoWriter

    path = tmp_path_factory.mktemp("short") / "short_two.mp4"
    with VideoWriter(path, fps=30, repeatable=True) as writer:
        for frame in source_frames[:SHORT]:
            writer.write(frame)
    return path


@pytest.mark.slow
def test_cli_face_index_all_with_a_video_source(short_two: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "all.mp4"
    code = main(["--quiet", "animate", "-s", str(short_two), "-d", "preset:talk", "--face-index", "all",
                 "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    source, result = decoded(short_two), decoded(out)
    assert len(result) == SHORT
    width = source[0].shape[1]
    changed = [np.abs(r.astype(int) - s).max(-1) > 30 for r, s in zip(result, source)]
    assert any(c[:, :width // 2].any() for c in changed) and any(c[:, width // 2:].any() for c in changed)


def test_a_face_given_no_driver_stays_as_filmed(short_two: Path) -> None:
    video = PortraitAnimator("mesh")(short_two, {1: "preset:talk"})
    source = decoded(short_two)
    width = source[0].shape[1]
    assert len(video) == len(source)
    for s, r in zip(source, video.frames):  # the left face owns its half (nearest face): nothing drawn there
        assert np.array_equal(r[:, :width // 2 - 8], s[:, :width // 2 - 8])
    right = [np.abs(r[:, width // 2:].astype(int) - s[:, width // 2:]).max() for s, r in zip(source, video.frames)]
    assert max(right) > 30  # the driven face moved


def test_refusals_are_one_line(short_two: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv, expected in ((["-d", "2=preset:talk"], "the source video has 2 face(s)"),
                           (["-d", "preset:talk", "--face-index", "all", "--source-face-index", "1"],
                            "--source-face-index"),
                           (["-d", "0=preset:talk", "--engine", "a1", "--weights", str(tmp_path)], "need --engine mesh"),
                           # before h31-fresh5 it named --face-index, the driver's option
                           (["-d", "preset:talk", "--source-face-index", "2"], "0..1 from the left (--source-face-index)")):
        out = tmp_path / "x.mp4"
        code = main(["--quiet", "animate", "-s", str(short_two), *argv, "-o", str(out)])
        err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
        assert code == 2 and len(err) == 1 and expected in err[0], (argv, err)
        assert not out.exists()


def test_too_few_faces_in_the_first_frame_are_said_at_once(short_two: Path, late_comer: Path) -> None:
    """`--source-face-index 2` on two people was refused only once every frame was tracked, without a word before
    (22 s on a 44-frame clip, h31-fresh5); a face may come in later (`late_comer`), so the refusal still waits, but
    the first frame's count is said at once."""
    done: list[int] = []
    said: list[tuple[int, str]] = []
    with pytest.raises(InputError, match="0..1 from the left"):
        track_frames(decoded(short_two)[:3], 30.0, face_index=2, progress=done.append, flag=SOURCE_FACE_FLAG,
                     say=lambda line: said.append((len(done), line)))
    assert said == [(0, late_face_note(2, 2, SOURCE_FACE_FLAG))]  # said while the first frame was tracked
    said.clear()
    track = track_frames(decoded(late_comer), 30.0, face_index=1, say=lambda line: said.append((0, line)))
    assert [line for _, line in said] == [late_face_note(1, 1, DRIVER_FACE_FLAG)]
    assert not track.valid[:LATE].any() and track.valid[LATE + 2:].all()  # the newcomer found: no early refusal


def test_a_face_the_key_frames_lack_is_refused_before_tracking(two_people: Path, late_comer: Path) -> None:
    """`--source-face-index 2` on the 30-frame two-person clip was refused once all 30 frames were tracked (each
    running the group detection); now its key frames' count refuses it before any frame is tracked (no progress
    call), with the same line, while the late comer's face 1 (in from frame LATE, key frame 8) is not refused."""
    tracked: list[int] = []
    with pytest.raises(InputError, match=r"no face number 2 in any frame: at most 2 face\(s\) in a frame, numbered "
                                         r"0..1 from the left \(--source-face-index\)"):
        PortraitAnimator("mesh", source_face_index=2)(two_people, "preset:talk", progress=tracked.append)
    assert tracked == []
    refuse_missing_face(decoded(late_comer), 1, SOURCE_FACE_FLAG, late_comer)


def test_two_detections_of_one_face_count_it_once(source_frames: list[np.ndarray]) -> None:
    """Frame 25 of the two-person clip: two detector boxes over the left person both gave its mesh, so the group
    read three faces; `--source-face-index 2` then followed the right person as "face 2" for frames 25-29 (before
    h32-sfi, not refused). Now one face is counted once (`tracking.SAME_FACE`)."""
    found = group_faces(source_frames[25])
    assert len(found) == 2 and found[0][1][:, 0].mean() < source_frames[25].shape[1] / 2 < found[1][1][:, 0].mean()


@pytest.mark.slow
def test_a_job_list_row_and_the_web_app(short_two: Path, tmp_path: Path) -> None:
    template = tmp_path / "blink.npz"
    preset_motion("blink", seconds=0.2).save(template)
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving,output,loop_driver\n{short_two},0={template};1=preset:talk,faces.mp4,true\n")
    assert main(["--quiet", "batch", str(jobs), "-o", str(tmp_path / "out")]) == 0
    assert probe_frames(tmp_path / "out" / "faces.mp4") == SHORT
    job = app_job(tmp_path / "work", short_two, template, {"face_index": "all", "loop_driver": "on"})
    assert job["status"] == "done" and job["frames"] == SHORT, job


LATE = 6  # the left person comes in at this frame of `late_comer`
LATE_COUNT = 10
"""Frames of `late_comer` (16 until the thirty-fifth session): the newcomer is found at the key frame 8
(`NEW_FACE_EVERY` after frame 0) and animated on frames 8-9 (its half's largest change 94 / 104 levels; 0 on frames
0-7); the clip ends before the next key frame, so a miss at 8 leaves one track and fails the test."""


@pytest.fixture(scope="module")
def late_comer(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lp_d3 | lp_d6, `LATE_COUNT` frames, 384 x 192: only the right person until frame LATE, then both."""
    driving = shared_data / "driving"
    return two_person_video((driving / "lp_d3.mp4", driving / "lp_d6.mp4"), (0, 0), LATE_COUNT, 192,
                            tmp_path_factory.mktemp("late") / "late.mp4", hidden=tuple(range(LATE)))


@pytest.mark.slow
def test_a_face_that_comes_in_later_is_numbered_and_animated(late_comer: Path) -> None:
    frames = decoded(late_comer)
    width = frames[0].shape[1]
    tracks = track_every_face(frames, 30.0)
    assert len(tracks) == 2  # the right person (0, there from the start), the newcomer (1)
    assert tracks[0].valid.all() and (tracks[0].landmarks[..., 0].mean(-1) > width / 2).all()
    found = int(np.flatnonzero(tracks[1].valid)[0])
    assert LATE <= found < LATE + NEW_FACE_EVERY and tracks[1].valid[found:].all()
    assert (tracks[1].landmarks[found:, :, 0].mean(-1) < width / 2).all()
    video = PortraitAnimator("mesh", face_index="all")(late_comer, "preset:talk")
    left = [np.abs(r[:, :width // 2].astype(int) - s[:, :width // 2]).max() for s, r in zip(frames, video.frames)]
    assert max(left[:found]) == 0 and max(left[found:]) > 30  # as filmed until found, then animated


@pytest.mark.slow
def test_a_shorter_face_driver_is_said(short_two: Path, tmp_path: Path) -> None:
    """Face 0's 0.1 s template (2 frames, resampled to the clip's 30 fps) beside face 1's talk preset on the
    `SHORT`-frame clip: face 0 holds its driver's last frame for the rest, now said in one line (as for a portrait
    image, `faces.held_note`); with `loop_driver` it repeats and nothing is held."""
    template = tmp_path / "blink.npz"
    preset_motion("blink", seconds=0.1).save(template)
    notes: list[str] = []
    PortraitAnimator("mesh")(short_two, {0: template, 1: "preset:talk"}, on_note=notes.append)
    assert notes[1:] == [("per-face drivers: face 0 holds its last pose for frames 2-3 (its driver is shorter; "
                          "--loop-driver repeats the shorter drivers)")], notes  # after the lengths' note
    notes.clear()
    PortraitAnimator("mesh", loop_driver=True)(short_two, {0: template, 1: "preset:talk"}, on_note=notes.append)
    assert not any("holds" in note for note in notes), notes
