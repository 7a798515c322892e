"""Every face of a portrait, each with its own driver (`--face-index all`, `--driving N=PATH`), end to end
through the Python API and the CLI, re-tracking every output face."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import DRIVER_LENGTH, cut_window, lp_d19_drivers, mouth_opening, side_by_side
from group_photo import two_people as two_people_png

from facereel import PortraitAnimator
from facereel.animate.driver_frames import DriverFrames
from facereel.animate.driver_texts import drivers_from_text, drivers_text, parse_drivers
from facereel.cli.main import main
from facereel.engines.mesh.face_regions import FaceRegions
from facereel.face import landmark_ids as ids
from facereel.face.every_face import track_faces
from facereel.face.tracking import track_video
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video, probe_frames

LENGTH = DRIVER_LENGTH  # the drivers' frames (group_photo.lp_d19_drivers)
STEP = 3  # output frames re-tracked: every third


@pytest.fixture(scope="module")
def two_people(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two real portraits of ../shared/data side by side (400 px high), as a PNG."""
    return two_people_png(shared_data / "portraits", tmp_path_factory.mktemp("faces") / "two.png")


@pytest.fixture(scope="module")
def drivers(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, np.ndarray]]:
    """{"A" | "B": (a 30-frame clip of the real lp_d19 video, its tracked mouth opening (30,))}."""
    return lp_d19_drivers(shared_data, tmp_path_factory.mktemp("drivers"))


def _mouths(frames: list[np.ndarray], step: int = STEP) -> np.ndarray:
    """(2, T / step) re-tracked mouth opening of both faces in every `step`th frame."""
    return np.stack([mouth_opening(track_faces(frame)) for frame in frames[::step]], axis=1)


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


@pytest.mark.slow
def test_each_face_follows_its_own_driver(two_people: Path, drivers: dict[str, tuple[Path, np.ndarray]]) -> None:
    (a, mouth_a), (b, mouth_b) = drivers["A"], drivers["B"]
    assert _corr(mouth_a, mouth_b) < -0.5  # the two drivers move their mouths at different times
    video = PortraitAnimator("mesh")(two_people, {0: a, 1: b})
    assert len(video) == LENGTH
    seen = _mouths(video.frames)
    for face, own, other in ((0, mouth_a, mouth_b), (1, mouth_b, mouth_a)):
        # 0.6: the retargeted mouth lags the driver's closing by a few frames (One-Euro smoothing), as with one face
        assert _corr(seen[face], own[::STEP]) > 0.6, (face, seen[face], own[::STEP])
        assert _corr(seen[face], other[::STEP]) < 0.0
        assert np.ptp(seen[face]) > 0.05  # the source repeated (the do-nothing baseline) has a range of 0


@pytest.fixture(scope="module")
def face_1_driven(two_people: Path, drivers: dict[str, tuple[Path, np.ndarray]]) -> list[np.ndarray]:
    """The frames of the two-person picture with only face 1 driven (by B), defaults otherwise."""
    return PortraitAnimator("mesh")(two_people, {1: drivers["B"][0]}).frames


def test_a_face_without_a_driver_stays_still(two_people: Path, face_1_driven: list[np.ndarray]) -> None:
    source = read_image(two_people)
    faces = track_faces(source)
    owner = FaceRegions(faces, (source.shape[1], source.shape[0])).owner
    moved = np.zeros(owner.shape, bool)
    for frame in face_1_driven:
        changed = np.abs(frame.astype(np.int16) - source).max(2) > 0
        assert not changed[owner == 0].any()  # face 0 had no driver: its pixels are the source's
        moved |= changed
    assert moved[owner == 1].sum() > 1000
    rows, cols = np.nonzero(moved)
    assert cols.min() > faces[1, :, 0].min() - 1.5 * np.ptp(faces[1, :, 0])  # nothing far from the moving face


SHORT = 12  # frames of the short per-face driver (h28-fresh2 find 6: a 12-frame clip beside a longer driver)
HELD_NOTE = (f"per-face drivers: face 1 holds its last pose for frames {SHORT}-{LENGTH - 1} (its driver is shorter; "
             "--loop-driver repeats the shorter drivers)")


@pytest.fixture(scope="module")
def short_driver(drivers: dict[str, tuple[Path, np.ndarray]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first `SHORT` frames of driver A (lp_d19 194-205: its mouth opens at once)."""
    return cut_window(drivers["A"][0], 0, SHORT, tmp_path_factory.mktemp("short") / "b12.mp4")


def _face_1_change(frames: list[np.ndarray], two_people: Path) -> np.ndarray:
    """(T, T) mean abs difference between every two `frames` over face 1's landmark box (the pixels it owns)."""
    source = read_image(two_people)
    faces = track_faces(source)
    owner = FaceRegions(faces, (source.shape[1], source.shape[0])).owner == 1
    (x0, y0), (x1, y1) = faces[1, :, :2].min(0).astype(int), faces[1, :, :2].max(0).astype(int)
    owner[:y0], owner[y1:], owner[:, :x0], owner[:, x1:] = False, False, False, False
    pixels = np.stack([frame[owner].astype(np.float32) for frame in frames])
    return np.stack([np.abs(pixels - one).mean(axis=(1, 2)) for one in pixels])


@pytest.mark.slow
def test_a_short_face_driver_holds_its_last_pose_and_says_so(two_people: Path, short_driver: Path,
                                                             drivers: dict[str, tuple[Path, np.ndarray]]) -> None:
    """Face 1's 12-frame driver beside face 0's 30: face 1 holds its last pose for frames 12-29, which was silent;
    now said in one line (to `on_note`: `facereel animate`'s stderr, an app job's notes) and handed back
    (`AnimatedVideo.held`, `.summary()`)."""
    notes: list[str] = []
    video = PortraitAnimator("mesh")(two_people, {0: drivers["B"][0], 1: short_driver}, on_note=notes.append)
    assert len(video) == LENGTH and video.held == {1: SHORT}
    assert notes == [HELD_NOTE] and video.summary() == f"{LENGTH} frames at {video.fps:g} fps; {HELD_NOTE}", notes
    change = _face_1_change(video.frames, two_people)
    assert change[SHORT - 1, SHORT:].max() < 0.05 and change[0, SHORT - 1] > 1.0, change[SHORT - 1]


def test_loop_driver_repeats_a_short_face_driver(two_people: Path, short_driver: Path,
                                                 drivers: dict[str, tuple[Path, np.ndarray]]) -> None:
    """`loop_driver` with per-face drivers of a portrait image (it was refused, "applies to a video source"):
    face 1's 12-frame driver repeats over face 0's 30 frames (frames 12 and 24 as frame 0, 13 as 1), said in
    one line; nothing is held."""
    notes: list[str] = []
    video = PortraitAnimator("mesh", loop_driver=True)(two_people, {0: drivers["B"][0], 1: short_driver},
                                                       on_note=notes.append)
    assert len(video) == LENGTH and video.held == {} and video.summary() == f"{LENGTH} frames at {video.fps:g} fps"
    assert notes == [(f"per-face drivers: face 1's driver ({SHORT} frames) repeats over the longest's {LENGTH} "
                      "frames (--loop-driver)")], notes
    change = _face_1_change(video.frames, two_people)
    assert max(change[0, SHORT], change[0, 2 * SHORT], change[1, SHORT + 1]) < 0.05, change[0]
    assert change[SHORT - 1, SHORT] > 1.0, change[SHORT - 1]  # the loop's step: its last pose, then its first


@pytest.mark.slow
def test_cli_says_a_short_face_driver_holds(capsys: pytest.CaptureFixture[str], tmp_path: Path, two_people: Path,
                                            short_driver: Path) -> None:
    out = tmp_path / "out.mp4"
    code = main(["animate", "-s", str(two_people), "-d", "0=preset:blink", "-d", f"1={short_driver}", "--size", "384",
                 "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    blink, held = probe_frames(out), round(SHORT * 25 / 30)  # the 30 fps clip resampled to face 0's preset's 25 fps
    assert ("per-face drivers: face 1 holds its last pose for frames "
            f"{held}-{blink - 1} (its driver is shorter; --loop-driver repeats the shorter drivers)\n") in err


@pytest.mark.slow
def test_face_index_all_drives_every_face(two_people: Path, drivers: dict[str, tuple[Path, np.ndarray]]) -> None:
    path, mouth = drivers["A"]
    seen = _mouths(PortraitAnimator("mesh", face_index="all")(two_people, path).frames)
    for face in (0, 1):
        assert _corr(seen[face], mouth[::STEP]) > 0.6, (face, seen[face])


def test_video_drivers_lend_their_mouth_interior(two_people: Path, drivers: dict[str, tuple[Path, np.ndarray]],
                                                 face_1_driven: list[np.ndarray]) -> None:
    """The default `--mouth driver` reaches every face driven by a video: the mouth differs from the
    synthetic interior exactly in the frames where the driver's mouth is open."""
    clip, mouth = drivers["B"]
    source = read_image(two_people)
    own = face_1_driven
    synthetic = PortraitAnimator("mesh", mouth="synthetic")(source, {1: clip}).frames
    lips = track_faces(source)[1, list(ids.INNER_UPPER_LIP + ids.INNER_LOWER_LIP), :2]
    x0, y0 = np.floor(lips.min(0) - 6).astype(int)
    x1, y1 = np.ceil(lips.max(0) + 6).astype(int)
    differ = np.array([np.abs(a[y0:y1, x0:x1].astype(np.int16) - b[y0:y1, x0:x1]).mean()
                       for a, b in zip(own, synthetic)])
    assert differ[mouth > 0.1].min() > 1.0 and differ[mouth < 0.005].max() < 0.5, (differ, mouth)


def test_driver_frames_follow_the_output_rate(astronaut_video: Path) -> None:
    track = track_video(astronaut_video)
    with open_video(astronaut_video) as video:
        decoded = list(video.frames(fps=video.fps))
    frames = DriverFrames(astronaut_video, track, rate=track.fps / 2)  # every second driver frame
    for t in (0, 3, 5, 1, 4):  # going back (a looped driver, video-to-video) decodes from the start again
        frame = frames.at(t)
        assert frame is not None and np.array_equal(frame.landmarks, track.landmarks[2 * t])
        assert np.array_equal(frame.image, decoded[2 * t])
    frames.close()


@pytest.fixture(scope="module")
def pair_path(astronaut: np.ndarray, grace_hopper: np.ndarray, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The astronaut and Grace Hopper side by side (always available: public-domain faces in packages)."""
    path = tmp_path_factory.mktemp("pair") / "pair.png"
    write_image(path, side_by_side([astronaut, grace_hopper], 320))
    return path


def test_driving_texts(tmp_path: Path) -> None:
    assert parse_drivers(["a.mp4"]) == "a.mp4"
    assert parse_drivers(["1=preset:talk"]) == {1: "preset:talk"}
    assert parse_drivers(["0=a.mp4", "1=preset:talk"]) == {0: "a.mp4", 1: "preset:talk"}
    named = tmp_path / "0=odd.mp4"
    named.write_bytes(b"")
    assert parse_drivers([str(named)]) == str(named)  # a file whose name looks like N=PATH is a file
    assert drivers_from_text(drivers_text({1: "b.mp4", 0: "a.mp4"})) == {0: "a.mp4", 1: "b.mp4"}
    assert drivers_from_text("preset:talk") == "preset:talk"


def test_each_distinct_driver_is_loaded_once(pair_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import facereel.animate.faces as faces_module

    loads: list[str] = []
    load = faces_module.load_motion
    monkeypatch.setattr(faces_module, "load_motion", lambda driver, **kw: (loads.append(driver), load(driver, **kw))[1])
    video = PortraitAnimator("mesh", face_index="all", size=256)(pair_path, "preset:blink")
    assert loads == ["preset:blink"] and len(video) == 50


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(["--quiet", *argv])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def test_cli_per_face_drivers(capsys: pytest.CaptureFixture[str], tmp_path: Path, pair_path: Path) -> None:
    out = tmp_path / "out.mp4"
    code, err = _cli(capsys, "animate", "-s", str(pair_path), "-d", "0=preset:blink", "-d", "1=preset:smile",
                     "--engine", "mesh", "--size", "320", "-o", str(out))
    assert code == 0, err
    assert probe_frames(out) > 10


@pytest.mark.parametrize(("argv", "expected"), [
    (["-d", "2=preset:talk"], "the portrait has 2 face(s)"),
    (["-d", "preset:talk", "-d", "preset:smile"], "N=PATH"),
    (["-d", "0=preset:talk", "-d", "0=preset:smile"], "given twice"),
    (["-d", "0=preset:talk", "--side-by-side"], "--side-by-side work with one face"),
    (["-d", "preset:talk", "--face-index", "all", "--source-face-index", "1"], "--source-face-index picks one"),
    (["-d", "preset:talk", "--face-index", "all", "--engine", "a1", "--weights", "w"], "need --engine mesh"),
    (["-d", "preset:talk", "--face-index", "every"], "--face-index"),
])
def test_cli_refusals_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, pair_path: Path,
                                   argv: list[str], expected: str) -> None:
    out = tmp_path / "out.mp4"
    code, err = _cli(capsys, "animate", "-s", str(pair_path), *argv, "-o", str(out))
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and expected in lines[0], (code, err)
    assert not out.exists()


def test_face_index_all_outside_animate_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    pair_path: Path, astronaut_video: Path) -> None:
    code, err = _cli(capsys, "render-condition", "-s", str(pair_path), "-d", str(astronaut_video),
                     "--face-index", "all", "-o", str(tmp_path / "cond.mp4"))
    assert code == 2 and "follows one face" in err and "Traceback" not in err, err
