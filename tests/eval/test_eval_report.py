import json
import math

import numpy as np
import pytest

from facereel.errors import InputError
from facereel.eval import report
from facereel.eval.report import Report
from facereel.motion.features import FEATURE_NAMES


def _report(psnr: float, akd: float) -> Report:
    result = Report("self", settings={"driving": ["a.mp4"]}, notes=["a note"])
    for method, (p, k) in {"method": (psnr, akd), "baseline": (20.0, 0.3)}.items():
        result.rows[method] = [{"video": "a", "frames": 4.0, "psnr": p, "akd": k},
                               {"video": "b", "frames": 4.0, "psnr": p + 2.0, "akd": math.nan}]
    result.curves["a"] = {name: np.zeros((4, len(FEATURE_NAMES))) for name in ("driver", "method", "baseline")}
    return result


def test_means_skip_missing_values():
    means = _report(30.0, 0.1).means()
    assert means["method"] == {"frames": 4.0, "psnr": 31.0, "akd": 0.1}


def test_write_report_files_and_markdown(tmp_path):
    path = report.write_report(_report(math.inf, 0.1), tmp_path)
    record = json.loads(path.read_text())
    assert record["protocol"] == "self" and record["mean"]["method"]["psnr"] == math.inf
    assert record["metrics"]["psnr"] == {"unit": "dB", "higher_is_better": True, "description": "PSNR vs ground truth, full frame",
                                         "target": None}
    text = (tmp_path / "report.md").read_text()
    assert "| psnr | dB | higher | inf | 21 |" in text and "| akd | IOD | lower | 0.1 | 0.3 |" in text
    assert "| b | inf | n/a |" in text and "- a note" in text
    assert (tmp_path / "plots" / "metrics.png").is_file() and (tmp_path / "plots" / "features_a.png").is_file()


@pytest.fixture(scope="module")
def written_a(tmp_path_factory):
    """report.json of `_report(30.0, 0.2)` written once (with its plots) for the comparisons below."""
    return report.write_report(_report(30.0, 0.2), tmp_path_factory.mktemp("a"))


def test_compare_marks_the_better_report(written_a, tmp_path):
    b = report.write_report(_report(28.0, 0.1), tmp_path / "b")
    table = report.compare(written_a, b)
    assert "| psnr | 31 | 29 | -2 | A |" in table and "| akd | 0.2 | 0.1 | -0.1 | B |" in table


def test_artefact_metrics_plot_per_frame_and_compare_by_closeness_to_the_target(tmp_path):
    reports = []
    for folder, ratio, seam in (("a", 0.3, 2.0), ("b", 1.2, 0.5)):
        result = _report(30.0, 0.2)
        for method, (r, s) in {"method": (ratio, seam), "baseline": (0.0, 0.0)}.items():
            for row in result.rows[method]:
                row.update(mouth_range=r, seam=s)
        result.frame_curves["a"] = {name: {who: np.linspace(0, 1, 4) for who in ("method", "baseline")}
                                    for name in ("seam", "id_dist", "mouth_realism")}
        reports.append(report.write_report(result, tmp_path / folder))
    assert (tmp_path / "a" / "plots" / "frames_a.png").stat().st_size > 0
    assert "| mouth_range | ratio | ~1 | 0.3 | 0 |" in (tmp_path / "a" / "report.md").read_text()
    table = report.compare(*reports)
    assert "| mouth_range | 0.3 | 1.2 | 0.9 | B |" in table and "| seam | 2 | 0.5 | -1.5 | B |" in table


def test_compare_warns_about_different_protocols(written_a, tmp_path):
    cross = _report(30.0, 0.2)
    cross.protocol = "cross"
    b = report.write_report(cross, tmp_path / "b")
    assert "Different protocols" in report.compare(written_a, b)


def test_load_rejects_other_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="bad.json"):
        report.load(bad)
    other = tmp_path / "other.json"
    other.write_text("[1, 2]")
    with pytest.raises(InputError, match="other.json"):
        report.load(other)
    with pytest.raises(InputError, match="missing.json"):
        report.load(tmp_path / "missing.json")
