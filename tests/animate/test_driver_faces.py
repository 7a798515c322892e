"""A driving video with two people paired with a two-person portrait: each per-face driver names the driver's
face it follows (`--driving N=PATH@K`, `animate.driver_faces`), both read from one tracking pass; on real inputs
(lp_s1 | lp_s5 as the portrait, two windows of lp_d19 side by side as the driver), re-tracking every output face."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from group_photo import DRIVER_LENGTH, DRIVER_WINDOWS, mouth_opening, two_person_video
from group_photo import two_people as two_people_png

from facereel import PortraitAnimator
from facereel.animate import driver_faces
from facereel.animate.driver_texts import named_face, parse_drivers
from facereel.animate.faces import load_drivers
from facereel.animate.options import AnimateOptions
from facereel.batch.jobs import read_jobs
from facereel.cli.main import main
from facereel.errors import InputError
from facereel.face.every_face import track_faces
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


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def test_each_face_follows_the_driver_face_it_names(two_people: Path, two_drivers: tuple[Path, list[np.ndarray]],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Portrait face 0 follows the driver's face 1 and face 1 its face 0 (crossed, so that neither follows the
    driver's face at its own place); one tracking pass of the shared video; nothing said. Before: `two.mp4@1`
    was read as a file name ("file not found"); the only way with one video, `--face-index`, drove both faces
    from one driver face."""
    video, (left, right) = two_drivers
    assert _corr(left, right) < -0.5  # the two people move their mouths at different times
    passes: list[Path] = []

    def counted(*args: object, **kwargs: object) -> object:
        passes.append(Path(str(kwargs["what"])))
        return track_every_face(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(driver_faces, "track_every_face", counted)
    notes: list[str] = []
    out = PortraitAnimator("mesh")(two_people, {0: f"{video}@1", 1: f"{video}@0"}, on_note=notes.append)
    assert passes == [video] and notes == [] and len(out) == DRIVER_LENGTH, (passes, notes)
    seen = np.stack([mouth_opening(track_faces(frame)) for frame in out.frames[::STEP]], axis=1)
    for face, own, other in ((0, right, left), (1, left, right)):
        assert _corr(seen[face], own[::STEP]) > 0.6, (face, seen[face], own[::STEP])
        assert _corr(seen[face], other[::STEP]) < 0.0, (face, seen[face], other[::STEP])
        assert np.ptp(seen[face]) > 0.05  # the source repeated (the do-nothing baseline) has a range of 0


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
