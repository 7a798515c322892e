"""A driving video with two people paired with a two-person portrait: each per-face driver names the driver's
face it follows (`--driving N=PATH@K`, `animate.driver_faces`), both read from one tracking pass; with `--face-index
all` and no face named, face i follows the driver's face i (`faces.paired`); on real inputs (lp_s1 | lp_s5 as the
portrait, two windows of lp_d19, or lp_d19 and lp_d3, side by side as the driver), re-tracking every output face."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from group_photo import DRIVER_LENGTH, DRIVER_WINDOWS, OTHER_SPEAKER, mouth_opening, two_person_video
from group_photo import two_people as two_people_png

from facereel import PortraitAnimator
from facereel.animate import driver_faces
from facereel.animate.driver_texts import named_face, parse_drivers
from facereel.animate.faces import load_drivers
from facereel.animate.options import AnimateOptions
from facereel.batch.jobs import read_jobs
from facereel.cli.main import main
from facereel.engines.mesh.figures.paired_faces import following
from facereel.errors import InputError
from facereel.face.every_face import track_faces
from facereel.face.face_track import FaceTrack
from facereel.face.video_faces import track_every_face
from facereel.media.video import open_video

STEP = 3  # output frames re-tracked: every third


@pytest.fixture(scope="module")
def two_people(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two real portraits of ../shared/data side by side (400 px high), as a PNG."""
    return two_people_png(shared_data / "portraits", tmp_path_factory.mktemp("pair") / "pair.png")


@pytest.fixture(scope="module")
def two_drivers(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[np.ndarray]]:
    """(lp_d19's windows A | B side by side, 360 px high, 30 frames: a driver with two people; each person's
    tracked mouth opening (30,), left first). A opens at once and closes at the end, B opens late."""
    lp_d19 = shared_data / "driving" / "lp_d19.mp4"
    path = two_person_video((lp_d19, lp_d19), (DRIVER_WINDOWS["A"], DRIVER_WINDOWS["B"]), DRIVER_LENGTH, 360,
                            tmp_path_factory.mktemp("two") / "two.mp4")
    with open_video(path) as clip:
        tracks = track_every_face(clip.frames(fps=clip.fps), clip.fps, what=path)
    return path, [mouth_opening(track.landmarks) for track in tracks]


@pytest.fixture(scope="module")
def two_speakers(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[FaceTrack]]:
    """(lp_d19's window A | lp_d3's `OTHER_SPEAKER` window side by side, 360 px high, 30 frames: two people who
    open their mouths at different times; their tracks, left first)."""
    (other, start), driving = OTHER_SPEAKER, shared_data / "driving"
    path = two_person_video((driving / "lp_d19.mp4", driving / other), (DRIVER_WINDOWS["A"], start), DRIVER_LENGTH,
                            360, tmp_path_factory.mktemp("speakers") / "two.mp4")
    with open_video(path) as clip:
        return path, track_every_face(clip.frames(fps=clip.fps), clip.fps, what=path)


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def _count_passes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The videos `driver_faces` tracks every face of, one entry a tracking pass (filled as the test runs)."""
    passes: list[Path] = []

    def counted(*args: object, **kwargs: object) -> object:
        passes.append(Path(str(kwargs["what"])))
        return track_every_face(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(driver_faces, "track_every_face", counted)
    return passes


@pytest.mark.slow
def test_each_face_follows_the_driver_face_it_names(two_people: Path, two_drivers: tuple[Path, list[np.ndarray]],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Portrait face 0 follows the driver's face 1 and face 1 its face 0 (crossed, so that neither follows the
    driver's face at its own place); one tracking pass of the shared video; nothing said. Before: `two.mp4@1`
    was read as a file name ("file not found"); the only way with one video, `--face-index`, drove both faces
    from one driver face."""
    video, (left, right) = two_drivers
    assert _corr(left, right) < -0.5  # the two people move their mouths at different times
    passes = _count_passes(monkeypatch)
    notes: list[str] = []
    out = PortraitAnimator("mesh")(two_people, {0: f"{video}@1", 1: f"{video}@0"}, on_note=notes.append)
    assert passes == [video] and notes == [] and len(out) == DRIVER_LENGTH, (passes, notes)
    seen = np.stack([mouth_opening(track_faces(frame)) for frame in out.frames[::STEP]], axis=1)
    for face, own, other in ((0, right, left), (1, left, right)):
        assert _corr(seen[face], own[::STEP]) > 0.6, (face, seen[face], own[::STEP])
        assert _corr(seen[face], other[::STEP]) < 0.0, (face, seen[face], other[::STEP])
        assert np.ptp(seen[face]) > 0.05  # the source repeated (the do-nothing baseline) has a range of 0


@pytest.mark.slow
def test_every_face_follows_the_driver_person_at_its_place(two_people: Path,
                                                          two_speakers: tuple[Path, list[FaceTrack]],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`--face-index all` with one driver showing two people: portrait face i follows the driver's face i, both
    numbered from the left (`figures.paired_faces.following`: each face's opening with its own person > 0.6, with
    the other < 0.2), from one tracking pass, said in one line. Before: both faces followed the driver's largest
    person (lp_d3, on the right): face 0 -0.63 with its own person, +0.99 with the other."""
    video, people = two_speakers
    passes = _count_passes(monkeypatch)
    notes: list[str] = []
    out = PortraitAnimator("mesh", face_index="all")(two_people, video, on_note=notes.append)
    shown = range(0, DRIVER_LENGTH, STEP)
    corr = following(out.frames[::STEP], people, shown)
    for face, other in ((0, 1), (1, 0)):
        assert corr[face, face] > 0.6 and corr[face, other] < 0.2, corr
    assert passes == [video] and len(out) == DRIVER_LENGTH, passes
    said = f"two.mp4 shows 2 faces: face 0 <- its face 0, face 1 <- its face 1; name others as N={video}@K (K = 0..1 " \
           "from the left)"
    assert notes == ["--face-index all: 2 face(s) found", said], notes
    assert np.isnan(following([out.frames[0]] * len(shown), people, shown)).all()  # the source repeated: no range


def test_a_driver_with_fewer_people_or_a_named_face_is_not_paired(two_drivers: tuple[Path, list[np.ndarray]]) -> None:
    """One video given to every face (`pair`) that shows fewer people than the faces it drives: its largest drives
    them all, as before, now said with "fewer"; a face named (`two.mp4@1`) drives every face, nothing said."""
    video = two_drivers[0]
    options = AnimateOptions(mouth="synthetic", face_index="all")
    notes: list[str] = []
    loaded = load_drivers(dict.fromkeys(range(3), str(video)), options, notes.append, pair=True)
    assert loaded[0] is loaded[1] is loaded[2]
    assert len(notes) == 1 and notes[0].startswith("per-face drivers: two.mp4 shows 2 faces, fewer than the 3 it "
                                                   "drives; its largest, face "), notes
    named = load_drivers(dict.fromkeys(range(2), f"{video}@1"), options, notes.append, pair=True)
    assert named[0] is named[1] and len(notes) == 1, notes


def test_a_two_person_driver_naming_no_face_is_said(two_drivers: tuple[Path, list[np.ndarray]]) -> None:
    """Given to faces without a face named, a driver with two people drives them from its largest face, as
    before, now said in one line with how to name another; not said once `--face-index` names one."""
    video = two_drivers[0]
    notes: list[str] = []
    load_drivers({0: str(video), 1: "preset:blink"}, AnimateOptions(mouth="synthetic"), notes.append)
    assert len(notes) == 1 and notes[0].startswith("per-face drivers: two.mp4 shows 2 faces; its largest, face ")
    assert notes[0].endswith(f"from the left, drives the portrait's face 0; name another as N={video}@K (K = 0..1 "
                             "from the left)"), notes
    quiet: list[str] = []
    load_drivers({0: str(video)}, AnimateOptions(mouth="synthetic", face_index=1), quiet.append)
    assert quiet == []


def test_a_named_face_the_driver_lacks_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, two_people: Path,
                                                   two_drivers: tuple[Path, list[np.ndarray]]) -> None:
    video = two_drivers[0]
    code = main(["animate", "-s", str(two_people), "-d", f"0={video}@2", "-d", f"1={video}@0",
                 "--engine", "mesh", "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err, err
    assert err.endswith(f"{video}: no face number 2 in any frame: at most 2 face(s) in a frame, numbered 0..1 from "
                        "the left (--driving N=PATH@K)"), err
    assert not (tmp_path / "out.mp4").exists()
    code = main(["animate", "-s", str(two_people), "-d", "0=preset:talk@1", "--engine", "mesh",
                 "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err and "preset:talk@1: @K names a face of a driving video" in err, err


def test_named_face_spelling(tmp_path: Path) -> None:
    """`PATH@K` names face K; a file whose own name ends in `@K`, or a name with `@` elsewhere, is that file."""
    assert named_face("two.mp4@1") == ("two.mp4", 1) and named_face(Path("a@b/two.mp4@12")) == ("a@b/two.mp4", 12)
    assert named_face("me@home.mp4") == ("me@home.mp4", None) and named_face("preset:talk") == ("preset:talk", None)
    odd = tmp_path / "take@2"
    odd.write_bytes(b"")
    assert named_face(odd) == (str(odd), None)
    assert parse_drivers(["0=two.mp4@1", "1=two.mp4@0"]) == {0: "two.mp4@1", 1: "two.mp4@0"}


def test_job_file_keeps_the_named_faces(tmp_path: Path, two_people: Path,
                                        two_drivers: tuple[Path, list[np.ndarray]]) -> None:
    """A job file's `driving` cell `0=two.mp4@1;1=two.mp4@0` (paths relative to the job file): the file is
    checked without the `@K`, each face keeps its face, the default output name says them; a missing file is
    named without the `@K`."""
    (tmp_path / "two.mp4").write_bytes(two_drivers[0].read_bytes())
    (tmp_path / "pair.png").write_bytes(two_people.read_bytes())
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(json.dumps({"source": "pair.png", "driving": "0=two.mp4@1;1=two.mp4@0"}) + "\n")
    job, = read_jobs(jobs, AnimateOptions.from_record)
    assert job.driving == f"0={tmp_path / 'two.mp4'}@1;1={tmp_path / 'two.mp4'}@0", job.driving
    assert job.output == "pair__0-two@1_1-two@0.mp4"
    jobs.write_text(json.dumps({"source": "pair.png", "driving": "0=gone.mp4@1"}) + "\n")
    with pytest.raises(InputError, match=f"driving file not found: {tmp_path / 'gone.mp4'}$"):
        read_jobs(jobs, AnimateOptions.from_record)


@pytest.mark.slow
def test_one_driver_naming_a_face_drives_every_face_or_says_how(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, two_people: Path,
        two_speakers: tuple[Path, list[FaceTrack]]) -> None:
    """`-d two.mp4@1 --face-index all` (docs/api.md "Several faces"): every portrait face follows the driver's face 1
    (the right person: opening with it > 0.6, with the left one < 0.2, `figures.paired_faces.following`); without
    `--face-index all` one line naming `--face-index 1`. Before: "two.mp4@1: video file not found" for both (the
    file is there)."""
    video, people = two_speakers
    out = tmp_path / "out.mp4"
    code = main(["animate", "-s", str(two_people), "-d", f"{video}@1", "--face-index", "all", "--engine", "mesh",
                 "--mouth", "synthetic", "-o", str(out)])
    assert code == 0 and out.exists(), capsys.readouterr().err
    with open_video(out) as clip:
        frames = [frame for t, frame in enumerate(clip.frames()) if t % STEP == 0]
    corr = following(frames, people, range(0, DRIVER_LENGTH, STEP))
    assert (corr[:, 1] > 0.6).all() and (corr[:, 0] < 0.2).all(), corr
    capsys.readouterr()
    code = main(["animate", "-s", str(two_people), "-d", f"{video}@1", "--source-face-index", "0", "--engine", "mesh",
                 "-o", str(tmp_path / "one.mp4")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err and not (tmp_path / "one.mp4").exists(), err
    assert err.endswith(f"give -d {video} --face-index 1"), err


@pytest.mark.slow
def test_a_job_row_naming_a_face_drives_every_face_or_says_how(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, two_people: Path,
        two_speakers: tuple[Path, list[FaceTrack]]) -> None:
    """A batch row's single `driving` `two.mp4@1` reads as `-d two.mp4@1` does: with `face_index` all every portrait
    face follows the driver's face 1 (`figures.paired_faces.following` > 0.6 with it, < 0.2 with the left one),
    named `pair__two@1.mp4`; without it the CLI's one line, exit 2, before any work. Before: "driving file not
    found" for both (the file is there)."""
    video, people = two_speakers
    (tmp_path / "two.mp4").write_bytes(video.read_bytes())
    (tmp_path / "pair.png").write_bytes(two_people.read_bytes())
    jobs, out = tmp_path / "jobs.jsonl", tmp_path / "out"
    jobs.write_text(json.dumps({"source": "pair.png", "driving": "two.mp4@1", "face_index": "all", "engine": "mesh",
                                "mouth": "synthetic"}) + "\n")
    assert main(["batch", str(jobs), "-o", str(out)]) == 0, capsys.readouterr().err
    with open_video(out / "pair__two@1.mp4") as clip:
        frames = [frame for t, frame in enumerate(clip.frames()) if t % STEP == 0]
    corr = following(frames, people, range(0, DRIVER_LENGTH, STEP))
    assert (corr[:, 1] > 0.6).all() and (corr[:, 0] < 0.2).all(), corr
    capsys.readouterr()
    jobs.write_text(json.dumps({"source": "pair.png", "driving": "two.mp4@1", "source_face_index": 0}) + "\n")
    assert main(["batch", str(jobs), "-o", str(tmp_path / "one")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and not (tmp_path / "one").exists(), err
    assert err.endswith(f"{jobs}:1: {tmp_path / 'two.mp4'}@1: @K names a face of a driving video for --face-index all "
                        f"or per face (N={tmp_path / 'two.mp4'}@1); for the portrait's one face give -d "
                        f"{tmp_path / 'two.mp4'} --face-index 1"), err
