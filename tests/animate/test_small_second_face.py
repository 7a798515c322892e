"""Two people at different scales (fresh sweep h26-fresh): lp_s3's face at 0.49 of lp_s1's width is left out of a
group (`tracking.GROUP_MIN_SIZE`: the test group's crowd behind sr_18 reads 0.43-0.47, so not a bound to lower):
`-d 1=...` was refused with "the portrait has 1 face(s)" and no reason, and `--face-index all` animated lp_s1 alone
saying nothing; the refusal now says which faces count, and `all` says how many it found."""

from __future__ import annotations

from pathlib import Path

import pytest
from group_photo import on_canvas, resized

from facereel.cli.main import main
from facereel.face.tracking import GROUP_RULE
from facereel.media.image import read_image


@pytest.fixture(scope="module")
def pair(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lp_s1 at 400 x 400 | lp_s3 at 300 x 388 (faces 138 / 68 px) on a 760 x 460 PNG."""
    portraits = [read_image(shared_data / "portraits" / name) for name in ("lp_s1.jpg", "lp_s3.jpg")]
    picture = tmp_path_factory.mktemp("pair") / "two.png"
    on_canvas([resized(portraits[0], (400, 400)), resized(portraits[1], (300, 388))], [(0, 20), (440, 60)],
              (760, 460)).save(picture)
    return picture


def test_a_face_too_small_to_count_is_explained(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                pair: Path) -> None:
    """A driver for lp_s3: one line, exit code 2, the counting rule in it, no output."""
    code = main(["--quiet", "animate", "-s", str(pair), "-d", "0=preset:blink", "-d", "1=preset:talk",
                 "--engine", "mesh", "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "the portrait has 1 face(s)" in err and GROUP_RULE in err, err
    assert not (tmp_path / "out.mp4").exists()


def test_face_index_all_says_it_found_one_face(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              pair: Path) -> None:
    """`--face-index all` on the pair: written (lp_s1 alone), and stderr says one face was found and the rule."""
    code = main(["animate", "-s", str(pair), "-d", "preset:blink", "--face-index", "all", "--engine", "mesh",
                 "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"--face-index all: 1 face(s) found ({GROUP_RULE})" in err
