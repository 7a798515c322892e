"""A mouth that does not move beyond the tracker's noise has no range ratio or correlation (h28-fresh find (8)).

`eval self` on lp_d18's first 10 frames (its mouth shut: the inner-lip gap spans 0.005 canonical units) read the
baseline (the source repeated) `mouth_range` 0.97 and `mouth_corr` 0.33 (the engine's 0.57 / 0.23; the fresh sweep
saw 0.98 / 0.98): two curves of tracker noise. Now both read NaN, "n/a" in report.md with the reason among the
notes, null in report.json.
"""

from __future__ import annotations

import itertools
import json
import math
import shutil
from pathlib import Path

import pytest

from facereel.eval import mouth, report, run
from facereel.media.video import open_video


@pytest.mark.slow
def test_a_still_mouth_reads_n_a(shared_clip, video_writer, tmp_path: Path):
    with open_video(shared_clip("lp_d18.mp4")) as video:
        frames, fps = list(itertools.islice(video.frames(), 10)), video.fps
    clip = video_writer(tmp_path / "driving" / "lp_d18.mp4", frames, fps)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    shutil.copy(clip, outputs / clip.name)  # the clip itself as the method's output
    result = run.evaluate_self([clip], tmp_path / "work", outputs=outputs)
    for method in ("method", "baseline"):
        row = result.rows[method][0]
        assert math.isnan(row["mouth_range"]) and math.isnan(row["mouth_corr"]), (method, row["mouth_range"])
        assert not mouth.moves(row["mouth_span_driver"])
    assert any(note.startswith("lp_d18: mouth_range, mouth_corr n/a: the driver's inner-lip gap spans 0.0")
               for note in result.notes)
    path = report.write_report(result, tmp_path / "report")
    assert json.loads(path.read_text())["mean"]["baseline"]["mouth_range"] is None
    assert math.isnan(report.load(path)["mean"]["baseline"]["mouth_corr"])
    text = (tmp_path / "report" / "report.md").read_text()
    assert "| mouth_range | ratio | ~1 | n/a | n/a |" in text and "| mouth_corr | r | higher | n/a | n/a |" in text
