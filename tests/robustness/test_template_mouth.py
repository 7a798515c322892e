"""The same motion reads two ways (h28-fresh2 find 2): `animate -d driver.mp4` carries the driver's mouth pixels
(`--mouth driver`, the default with a video), while `extract-motion` then `animate -d motion.npz` draws a synthetic
mouth (a template carries no pixels). Said where a user looks, in one wording (`mouth_interiors.TEMPLATE_MOUTH`):
extract-motion's summary line and `--mouth`'s help; the refusal of `--mouth driver` with a template names the
same fact (`NO_MOUTH_PIXELS`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from group_photo import cut_window

from facereel.cli.main import main
from facereel.engines.mesh.open_mouth.mouth_interiors import NO_MOUTH_PIXELS, TEMPLATE_MOUTH


@pytest.fixture(scope="module")
def driver(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lp_d18's frames 60-69 (the mouth opening), as a user cuts a driver."""
    return cut_window(shared_data / "driving" / "lp_d18.mp4", 60, 10, tmp_path_factory.mktemp("d18") / "d18.mp4")


def _one_line(text: str) -> str:
    return " ".join(text.split())  # argparse wraps the help


def test_extract_motion_says_a_template_draws_a_synthetic_mouth(capsys: pytest.CaptureFixture[str], driver: Path,
                                                               tmp_path: Path) -> None:
    template = tmp_path / "motion.npz"
    assert main(["extract-motion", str(driver), "-o", str(template)]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary.startswith(f"wrote {template}: 10 frames") and summary.endswith(f"; {TEMPLATE_MOUTH}"), summary


def test_mouth_help_says_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["animate", "--help"])
    assert TEMPLATE_MOUTH in _one_line(capsys.readouterr().out)


def test_mouth_driver_with_a_template_is_refused_in_the_same_words(capsys: pytest.CaptureFixture[str], driver: Path,
                                                                   shared_data: Path, tmp_path: Path) -> None:
    template = tmp_path / "motion.npz"
    assert main(["--quiet", "extract-motion", str(driver), "-o", str(template)]) == 0
    code = main(["--quiet", "animate", "-s", str(shared_data / "portraits" / "lp_s0.jpg"), "-d", str(template),
                 "--mouth", "driver", "-o", str(tmp_path / "out.mp4")])
    err = capsys.readouterr().err
    assert code == 2 and NO_MOUTH_PIXELS in err and len(err.strip().splitlines()) == 1, err
