"""FID / FVD: the Fréchet distance, streamed Gaussian fits, the network contracts and whole `eval self` runs."""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

import cv2
import numpy as np
import pytest

from facereel.errors import InputError
from facereel.eval.distribution import (
    FID,
    FVD,
    FeatureNet,
    GaussianFit,
    SetScores,
    frechet_distance,
)

torch = pytest.importorskip("torch")


def _save(module: torch.nn.Module, path: Path) -> Path:
    with warnings.catch_warnings():  # torch 2.13 deprecates TorchScript
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.jit.script(module).save(str(path))
    return path


class ImageFeatures(torch.nn.Module):
    """FID stand-in: a fixed random conv, ReLU, global average pooling (x 100): (N, 3, 299, 299) -> (N, 8)."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.conv = torch.nn.Conv2d(3, 8, kernel_size=8, stride=4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return 100.0 * torch.relu(self.conv(x)).mean(dim=(2, 3))


class ClipFeatures(torch.nn.Module):
    """FVD stand-in: a fixed random 3-D conv, ReLU, global pooling (x 100): (N, 3, 16, 224, 224) -> (N, 8)."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(1)
        self.conv = torch.nn.Conv3d(3, 8, kernel_size=(4, 8, 8), stride=(4, 4, 4))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return 100.0 * torch.relu(self.conv(x)).mean(dim=(2, 3, 4))


class Range(torch.nn.Module):
    """Contract probe: per sample (min, max, number of values)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.flatten(1)
        count = torch.full_like(flat[:, 0], float(flat.shape[1]))
        return torch.stack([flat.amin(dim=1), flat.amax(dim=1), count], dim=1)


class Scalar(torch.nn.Module):
    """Breaks the contract: one number for the whole batch."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.mean()


@pytest.fixture(scope="module")
def weights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("weights")
    return {"fid": _save(ImageFeatures(), folder / "fid.pt"), "fvd": _save(ClipFeatures(), folder / "fvd.pt"),
            "range": _save(Range(), folder / "range.pt"), "scalar": _save(Scalar(), folder / "scalar.pt")}


def test_frechet_distance_of_hand_computed_gaussians():
    one = np.ones((1, 1))
    assert frechet_distance(np.zeros(1), one, np.zeros(1), one) == pytest.approx(0.0, abs=1e-12)
    # N(0, 1) vs N(3, 2^2): 3^2 + 1 + 4 - 2 * 1 * 2 = 10
    assert frechet_distance(np.zeros(1), one, np.array([3.0]), 4 * one) == pytest.approx(10.0)
    # diagonal: the 1-D formula summed over dimensions
    s1, s2 = np.array([1.0, 4.0, 9.0]), np.array([4.0, 1.0, 0.25])
    expected = 1.0 + np.sum(s1 + s2 - 2 * np.sqrt(s1 * s2))
    assert frechet_distance(np.zeros(3), np.diag(s1), np.array([1.0, 0, 0]), np.diag(s2)) == pytest.approx(expected)


def test_frechet_distance_of_full_and_singular_covariances():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(5, 5)), rng.normal(size=(5, 5))
    s1, s2 = a @ a.T, b @ b.T
    w, v = np.linalg.eigh(s1)
    root1 = v @ np.diag(np.sqrt(w)) @ v.T
    trace_root = np.sqrt(np.linalg.eigvalsh(root1 @ s2 @ root1)).sum()  # tr (s1 s2)^1/2, computed another way
    mu = rng.normal(size=5)
    assert frechet_distance(mu, s1, np.zeros(5), s2) == pytest.approx(mu @ mu + np.trace(s1 + s2) - 2 * trace_root)
    rank1 = np.outer(mu, mu)  # 2 samples in 5-D: singular; the eps * I fallback keeps it finite
    assert frechet_distance(mu, rank1, mu, rank1) == pytest.approx(0.0, abs=1e-9)


def test_streamed_gaussian_fit_matches_numpy():
    rng = np.random.default_rng(1)
    rows = rng.normal(loc=100.0, size=(50, 4))  # a large mean: the pairwise update must not cancel
    fit = GaussianFit()
    for batch in np.array_split(rows, [7, 8, 30]):
        fit.add(batch)
    fit.add(rows[:1], weight=3)
    everything = np.concatenate([rows, np.repeat(rows[:1], 3, axis=0)])
    assert fit.count == 53
    np.testing.assert_allclose(fit.mean, everything.mean(axis=0))
    np.testing.assert_allclose(fit.covariance(), np.cov(everything, rowvar=False))


def test_networks_get_their_contract(weights):
    black, white = np.zeros((40, 60, 3), np.uint8), np.full((400, 300, 3), 255, np.uint8)
    fid = FeatureNet(weights["range"], FID)
    rows = np.concatenate(list(fid.features([black, white] * 20)))
    assert rows.shape == (40, 3) and fid.dim == 3  # two batches of 32 + 8, one row per frame
    np.testing.assert_array_equal(rows[:2], [[0, 0, 3 * 299 * 299], [1, 1, 3 * 299 * 299]])  # [0, 1]
    fvd = FeatureNet(weights["range"], FVD)
    rows = np.concatenate(list(fvd.features([black] * 16 + [white] * 16 + [black] * 15)))
    assert rows.shape == (2, 3)  # non-overlapping 16-frame clips; the last 15 frames are dropped
    np.testing.assert_array_equal(rows, [[-1, -1, 3 * 16 * 224 * 224], [1, 1, 3 * 16 * 224 * 224]])  # [-1, 1]


def test_bad_weights_name_the_file(weights, tmp_path):
    with pytest.raises(InputError, match="missing.pt: FID Inception weights file not found"):
        FeatureNet(tmp_path / "missing.pt", FID)
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a model")
    with pytest.raises(InputError, match="junk.pt: not a TorchScript FVD I3D module"):
        FeatureNet(junk, FVD)
    with pytest.raises(InputError, match=r"scalar.pt: FID Inception module must return \(N, D\) features"):
        FeatureNet(weights["scalar"], FID)
    with pytest.raises(InputError, match=r"fid.pt: FVD I3D module fails on a float32 \(1, 3, 16, 224, 224\) batch"):
        FeatureNet(weights["fid"], FVD)  # a 2-D network given 5-D clips


def test_skipped_metrics_name_their_flags():
    notes = SetScores().notes()
    assert SetScores().scores() == {"method": {}, "baseline": {}}
    assert any(note.startswith("fid: skipped") and "--fid-weights" in note for note in notes)
    assert any(note.startswith("fvd: skipped") and "--fvd-weights" in note for note in notes)


def _cli(*argv: str) -> int:
    from facereel.cli import eval_cmd

    parser = argparse.ArgumentParser(prog="facereel")
    eval_cmd.add_parser(parser.add_subparsers(dest="command"))
    return eval_cmd.run(parser.parse_args(list(argv)))


@pytest.fixture(scope="module")
def long_clip(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray, shift_scale, video_writer):
    """33 astronaut frames at 256 x 256 drifting right (32 scored: two 16-frame clips), and the frames themselves."""
    small = cv2.resize(astronaut, (256, 256), interpolation=cv2.INTER_AREA)
    frames = [shift_scale(small, 0.5 * t, 0.2 * t, 1.0 + 0.003 * t) for t in range(33)]
    return video_writer(tmp_path_factory.mktemp("long") / "astro.mp4", frames), frames


@pytest.mark.heavy  # 12-18 s on 2 cores: .ci/run's second step keeps the README's suite short
def test_self_run_with_fid_and_fvd(long_clip, weights, video_writer, tmp_path):
    clip, frames = long_clip
    outputs = {"same": tmp_path / "same", "blurred": tmp_path / "blurred"}
    video_writer(outputs["same"] / "astro.mp4", frames)
    video_writer(outputs["blurred"] / "astro.mp4", [cv2.GaussianBlur(f, (0, 0), 1.5) for f in frames])
    means = {}
    for name, folder in outputs.items():
        report_dir = tmp_path / f"report_{name}"
        assert _cli("eval", "self", "--driving", str(clip), "--outputs", str(folder), "-o", str(report_dir),
                    "--fid-weights", str(weights["fid"]), "--fvd-weights", str(weights["fvd"])) == 0
        record = json.loads((report_dir / "report.json").read_text())
        means[name] = record["mean"]
        assert "fid" not in record["rows"]["method"][0] and "fvd" not in record["rows"]["baseline"][0]
        assert record["metrics"]["fid"]["higher_is_better"] is False
        notes = record["notes"]
        assert any(n.startswith("fid: Fréchet distance of 8-D features of fid.pt over 32 frames") for n in notes)
        assert any(n.startswith("fvd: Fréchet distance of 8-D features of fvd.pt over 2 16-frame clips") for n in notes)
        assert "| fid |  | lower |" in (report_dir / "report.md").read_text()
    same, blurred = means["same"], means["blurred"]
    for metric in ("fid", "fvd"):
        assert same["method"][metric] == pytest.approx(0.0, abs=1e-6)
        assert blurred["method"][metric] > 0.01 and same["baseline"][metric] > 0.01
        assert blurred["baseline"][metric] == pytest.approx(same["baseline"][metric])  # same source, same truth


def test_self_run_without_weights_keeps_the_skip_notes(identical_self_run):
    assert "fid" not in identical_self_run.means()["method"]
    notes = identical_self_run.notes
    assert any("--fid-weights" in n for n in notes) and any("--fvd-weights" in n for n in notes)


def test_cli_rejects_bad_weights_before_scoring(astronaut_clip, tmp_path):
    junk = tmp_path / "inception.pt"
    junk.write_bytes(b"\x00" * 10)
    with pytest.raises(InputError, match="inception.pt") as error:
        _cli("eval", "self", "--driving", str(astronaut_clip), "--outputs", str(tmp_path), "--fid-weights", str(junk),
             "-o", str(tmp_path / "rep"))
    assert "\n" not in str(error.value) and not (tmp_path / "rep").exists()
