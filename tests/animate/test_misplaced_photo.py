"""A photo driver where a photo does not drive: a video source (video-to-video), one face of several
(`--driving N=face.jpg`) or `--face-index all`. Each is refused in one line naming the case, exit code 2,
before any work, whatever the output's extension (h27-fresh's sweep). Before: `-s clip.mp4 -d face.jpg` said "a
still image output needs .jpg ..." to `-o out.mp4` and, to `-o out.png`, "a still photo drives `animate` ... not
this command" after the clip's tracking had started; `-d 0=face.jpg` said a video output needs .mp4 to the .png
and a still image output needs .png to the .mp4; `--face-index all` said "this follows one face; give its
number". The refusal is `animate.driver_texts.refuse_misplaced_photo`, read by the CLI's output check, the API
(`PortraitAnimator`) and batch job files alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from facereel.animate import PortraitAnimator
from facereel.batch.jobs import read_jobs
from facereel.cli.main import main
from facereel.errors import InputError

VIDEO_SOURCE = "not a video source"
ONE_FACE = "not one face of several"
ALL = "--face-index all takes a driving video"


def _inputs(shared_data: Path) -> dict[str, str]:
    """A clip (video source), a portrait image and a face photo from ../shared/data."""
    return {"clip": str(shared_data / "driving" / "lp_d19.mp4"),
            "portrait": str(shared_data / "portraits" / "lp_s1.jpg"),
            "photo": str(shared_data / "portraits" / "lp_s3.jpg")}


CASES = {  # case -> (source, --driving value, extra flags, what the line says)
    "video source": ("clip", "{photo}", ["--mode", "absolute"], VIDEO_SOURCE),
    "video source, reference and duration": ("clip", "{photo}", ["--driving-reference", "{photo}", "--duration", "1"],
                                             VIDEO_SOURCE),
    "one face of several": ("portrait", "0={photo}", ["--mode", "absolute"], ONE_FACE),
    "every face": ("portrait", "{photo}", ["--mode", "absolute", "--face-index", "all"], ALL),
}


@pytest.mark.parametrize("suffix", [".mp4", ".png"])
@pytest.mark.parametrize("case", list(CASES))
def test_the_cli_refuses_in_one_line_before_any_work(case, suffix, shared_data, tmp_path, capsys) -> None:
    paths = _inputs(shared_data)
    source, driving, extra, says = CASES[case]
    output = tmp_path / f"out{suffix}"
    code = main(["animate", "-s", paths[source], "-d", driving.format(**paths),
                 *[flag.format(**paths) for flag in extra], "-o", str(output)])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1 and says in lines[0], lines  # the case named, not the output's extension
    assert not output.exists() and list(tmp_path.iterdir()) == []


def test_the_api_refuses_before_any_work(shared_data, tmp_path) -> None:
    paths = _inputs(shared_data)
    with pytest.raises(InputError, match=VIDEO_SOURCE):
        PortraitAnimator("mesh", mode="absolute").to_file(paths["clip"], paths["photo"], tmp_path / "out.mp4")
    with pytest.raises(InputError, match=ONE_FACE):
        PortraitAnimator("mesh", mode="absolute")(paths["portrait"], {0: paths["photo"]})
    with pytest.raises(InputError, match=ALL):
        next(PortraitAnimator("mesh", mode="absolute", face_index="all").stream(paths["portrait"], paths["photo"]))
    assert list(tmp_path.iterdir()) == []


def test_a_job_file_row_is_refused_with_its_line(shared_data, tmp_path) -> None:
    paths = _inputs(shared_data)
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"source,driving,output,mode\n{paths['clip']},{paths['photo']},a.mp4,absolute\n")
    with pytest.raises(InputError, match=f"jobs.csv:2: .*{VIDEO_SOURCE}"):
        read_jobs(jobs, lambda overrides: PortraitAnimator("mesh", **overrides).options)
