"""Two people at different scales (fresh sweep h26-fresh): lp_s3's face at 0.49 of lp_s1's width was left out of a
group (a tile face under half the largest one's width was dropped): `-d 1=...` was refused and `--face-index all`
animated lp_s1 alone. Now a face down to `tracking.GROUP_MIN_SIZE` (0.2) of the largest counts where the face mesh
finds it (`tracking.group_faces`, tests/face/test_second_face.py), so lp_s3 takes her own driver; a face under
that (lp_s3 at 0.15, ~19 px, found by the tiles at score 0.90) is still left out, and the refusal says the rule and
`all` says how many faces it found."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from group_photo import mouth_opening, on_canvas, resized, second_face
from PIL import Image

from facereel.cli.main import main
from facereel.face.every_face import track_faces
from facereel.face.tracking import GROUP_RULE
from facereel.media.image import read_image
from facereel.media.video import open_video


@pytest.fixture(scope="module")
def portraits(shared_data: Path) -> list[np.ndarray]:
    """lp_s1 at 400 x 400 and lp_s3 as it is (564 x 729)."""
    return [resized(read_image(shared_data / "portraits" / "lp_s1.jpg"), (400, 400)),
            read_image(shared_data / "portraits" / "lp_s3.jpg")]


@pytest.fixture(scope="module")
def pair(portraits: list[np.ndarray], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lp_s1 at 400 x 400 | lp_s3 at 300 x 388 (faces 138 / 68 px, 0.49) on a 760 x 460 PNG."""
    picture = tmp_path_factory.mktemp("pair") / "two.png"
    on_canvas([portraits[0], resized(portraits[1], (300, 388))], [(0, 20), (440, 60)], (760, 460)).save(picture)
    return picture


@pytest.fixture(scope="module")
def tiny(portraits: list[np.ndarray], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lp_s1 at 400 x 400 with lp_s3 beside it, her face 0.15 of his width (~19 px), as a PNG."""
    picture = tmp_path_factory.mktemp("tiny") / "tiny.png"
    Image.fromarray(second_face(*portraits, 0.15, "beside")).save(picture)
    return picture


@pytest.mark.slow
def test_the_smaller_face_takes_its_own_driver(tmp_path: Path, pair: Path) -> None:
    """`-d 0=preset:blink -d 1=preset:talk` on the pair: written, exit 0; re-tracked, lp_s3's mouth opens and
    closes (talk) while lp_s1's stays as it was (blink)."""
    out = tmp_path / "out.mp4"
    code = main(["--quiet", "animate", "-s", str(pair), "-d", "0=preset:blink", "-d", "1=preset:talk",
                 "--engine", "mesh", "-o", str(out)])
    assert code == 0
    with open_video(out) as video:
        frames = list(video.frames(fps=video.fps))[::5]
    opening = np.stack([mouth_opening(track_faces(frame)) for frame in frames])  # (T, 2)
    talk, blink = np.ptp(opening[:, 1]), np.ptp(opening[:, 0])
    assert talk > 0.1 and blink < 0.05, opening  # seen: 0.18 and 0.015


def test_a_face_too_small_to_count_is_explained(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                tiny: Path) -> None:
    """A driver for the ~19 px face: one line, exit code 2, the counting rule in it, no output."""
    code = main(["--quiet", "animate", "-s", str(tiny), "-d", "0=preset:blink", "-d", "1=preset:talk",
                 "--engine", "mesh", "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "the portrait has 1 face(s)" in err and GROUP_RULE in err, err
    assert not (tmp_path / "out.mp4").exists()


@pytest.mark.slow
def test_face_index_all_says_how_many_faces_it_found(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     pair: Path, tiny: Path) -> None:
    """`--face-index all`: stderr says two faces for the pair, one and the rule for the ~19 px face."""
    for picture, note in ((pair, "--face-index all: 2 face(s) found\n"),
                          (tiny, f"--face-index all: 1 face(s) found ({GROUP_RULE})")):
        code = main(["animate", "-s", str(picture), "-d", "preset:blink", "--face-index", "all", "--engine", "mesh",
                     "-o", str(tmp_path / f"{picture.stem}.mp4")])
        err = capsys.readouterr().err
        assert code == 0, err
        assert note in err, err
