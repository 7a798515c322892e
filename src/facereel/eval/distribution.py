"""FID and FVD of a whole self-reenactment run, from user-supplied networks (none can be downloaded here).

Both are Fréchet distances between Gaussian fits of network features: of the output frames (or clips)
and of the ground-truth frames (clips) of every video of the run, one number per run (a set metric,
not an average over videos). Frame 0 (the given source frame) is left out, as in the other agreement
metrics. FVD takes non-overlapping 16-frame clips (stride 16) from frame 1 on; a video's last,
incomplete clip is dropped. Frames are streamed in batches; no video is held in memory.

The networks come as TorchScript files made once, on a machine that has the weights.

FID, Inception-v3 pool3 features (2048) with pytorch-fid's FID weights (the ones published FID uses):

    import torch
    from pytorch_fid.inception import InceptionV3

    class Pool3(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.net = InceptionV3([InceptionV3.BLOCK_INDEX_BY_DIM[2048]], resize_input=False,
                                   normalize_input=True)  # takes [0, 1], scales to [-1, 1] itself

        def forward(self, x):                  # (N, 3, 299, 299) RGB in [0, 1]
            return self.net(x)[0].flatten(1)   # (N, 2048)

    torch.jit.trace(Pool3().eval(), torch.rand(2, 3, 299, 299)).save("fid_inception.pt")

(torchvision's ImageNet Inception-v3 also works: `net = inception_v3(weights="IMAGENET1K_V1")`,
`net.fc = Identity()`, `net.transform_input = False`, forward `net(x * 2 - 1)`; its numbers differ
from published FID.)

FVD, I3D (Kinetics-400) logits-layer features (400), from StyleGAN-V's `i3d_torchscript.pt`:

    import torch

    class I3d(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.net = torch.jit.load("i3d_torchscript.pt").eval()

        def forward(self, x):                  # (N, 3, 16, 224, 224) RGB in [-1, 1]
            return self.net(x, rescale=False, resize=False, return_features=True)  # (N, 400)

    torch.jit.trace(I3d(), torch.rand(1, 3, 16, 224, 224) * 2 - 1).save("fvd_i3d.pt")

Contracts: FID module: float32 (N, 3, 299, 299) RGB in [0, 1] -> (N, D); FVD module: float32
(N, 3, 16, 224, 224) RGB in [-1, 1] -> (N, D). Frames are resized (not cropped) to the network's size.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import scipy.linalg

from facereel.errors import InputError
from facereel.eval.perceptual import load_torchscript

FrameSource = Callable[[], Iterable[np.ndarray]]
"""() -> a fresh iterable of uint8 RGB (H, W, 3) frames (called once per network)."""
SETS = ("method", "baseline", "truth")


@dataclass(frozen=True)
class Contract:
    """What a feature network takes.

    Attributes:
        name: the metric ("fid", "fvd").
        what: the network, for messages.
        flag: the CLI flag that supplies it.
        size: frame side in pixels (frames are resized to size x size).
        clip: frames per sample: 1 -> images (N, 3, size, size); T > 1 -> clips (N, 3, T, size, size).
        low: value of black (white is 1): 0 for [0, 1], -1 for [-1, 1].
        batch: samples per forward pass.
    """

    name: str
    what: str
    flag: str
    size: int
    clip: int
    low: float
    batch: int


FID = Contract("fid", "FID Inception", "--fid-weights", 299, 1, 0.0, 32)
FVD = Contract("fvd", "FVD I3D", "--fvd-weights", 224, 16, -1.0, 4)


class FeatureNet:
    """A user-supplied TorchScript feature network under its `Contract`, run on the CPU.

    Loading runs it once on a zero sample, so a file that breaks the contract fails before any video is read.

    Attributes:
        path: the TorchScript file.
        contract: what the network takes (`FID` or `FVD`).
        dim: D, the length of its feature vectors.
    """

    def __init__(self, path: str | Path, contract: Contract) -> None:
        self.path = Path(path)
        self.contract = contract
        self._net = load_torchscript(self.path, contract.what)
        side = (contract.size, contract.size)
        self._shape = (3, *side) if contract.clip == 1 else (3, contract.clip, *side)
        self.dim = self._run(np.zeros((1, *self._shape), np.float32)).shape[1]

    def features(self, frames: Iterable[np.ndarray]) -> Iterator[np.ndarray]:
        """Float64 (B, D) features of consecutive samples of uint8 RGB (H, W, 3) `frames`, batch by batch.

        A sample is one frame (FID) or `contract.clip` consecutive frames (FVD); a last incomplete clip is dropped.
        """
        batch = np.empty((self.contract.batch, *self._shape), np.float32)
        count = 0
        pending: list[np.ndarray] = []
        for frame in frames:
            pending.append(_resize(frame, self.contract.size))
            if len(pending) < self.contract.clip:
                continue
            batch[count] = self._sample(pending)
            pending = []
            count += 1
            if count == len(batch):
                yield self._run(batch)
                count = 0
        if count:
            yield self._run(batch[:count])

    def _sample(self, frames: list[np.ndarray]) -> np.ndarray:
        """uint8 (size, size, 3) frames -> float32 (3, size, size) or (3, T, size, size) in [low, 1]."""
        stacked = np.stack(frames).transpose(3, 0, 1, 2).reshape(self._shape)
        return stacked.astype(np.float32) * ((1.0 - self.contract.low) / 255.0) + self.contract.low

    def _run(self, batch: np.ndarray) -> np.ndarray:
        """Float32 (N, *sample shape) -> float64 (N, D); InputError naming the file on a contract breach."""
        import torch

        try:
            with torch.no_grad():
                result = self._net(torch.from_numpy(batch))
        except RuntimeError as exc:
            raise InputError(f"{self.contract.what} module fails on a float32 {tuple(batch.shape)} batch "
                             f"({exc.__class__.__name__})", self.path) from None
        if not isinstance(result, torch.Tensor) or result.ndim < 2 or result.shape[0] != len(batch):
            got = tuple(result.shape) if isinstance(result, torch.Tensor) else type(result).__name__
            raise InputError(f"{self.contract.what} module must return (N, D) features, got {got}", self.path)
        return result.reshape(len(batch), -1).double().numpy()


class GaussianFit:
    """Running mean and covariance of feature rows, kept without the rows (Chan et al.'s pairwise update)."""

    def __init__(self) -> None:
        self.count = 0
        self.mean = np.zeros(0)
        self._scatter = np.zeros((0, 0))

    def add(self, features: np.ndarray, weight: int = 1) -> None:
        """Add (N, D) rows, each counted `weight` times."""
        added = len(features) * weight
        if added == 0:
            return
        mean = features.mean(axis=0)
        centred = features - mean
        scatter = weight * (centred.T @ centred)
        if self.count == 0:
            self.count, self.mean, self._scatter = added, mean, scatter
            return
        total = self.count + added
        delta = mean - self.mean
        self._scatter = self._scatter + scatter + np.outer(delta, delta) * (self.count * added / total)
        self.mean = self.mean + delta * (added / total)
        self.count = total

    def covariance(self) -> np.ndarray:
        """(D, D) unbiased covariance (divided by count - 1, as numpy.cov and pytorch-fid); needs count >= 2."""
        return self._scatter / (self.count - 1)


def frechet_distance(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray, sigma2: np.ndarray,
                     eps: float = 1e-6) -> float:
    """Fréchet distance between N(mu1, sigma1) and N(mu2, sigma2): |mu1 - mu2|^2 + tr(s1 + s2 - 2 (s1 s2)^1/2).

    Means (D,), covariances (D, D); the result is in squared feature units, >= 0. When the matrix square
    root fails (singular product: fewer samples than dimensions; non-finite or clearly complex result),
    the distance is taken between the covariances plus `eps` * I; tiny imaginary parts are discarded.
    """
    diff = mu1 - mu2
    root = _sqrtm(sigma1 @ sigma2)
    if root is None:
        offset = eps * np.eye(len(sigma1))
        sigma1, sigma2 = sigma1 + offset, sigma2 + offset
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", scipy.linalg.LinAlgWarning)
            root = scipy.linalg.sqrtm(sigma1 @ sigma2)
    return max(0.0, float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2.0 * np.trace(root).real))


class SetScores:
    """FID / FVD of a run: the method's and the baseline's frames against the ground truth, video by video."""

    def __init__(self, fid: FeatureNet | None = None, fvd: FeatureNet | None = None) -> None:
        self.nets = {contract.name: net for contract, net in ((FID, fid), (FVD, fvd)) if net is not None}
        self._fits = {name: {s: GaussianFit() for s in SETS} for name in self.nets}

    def add_video(self, output: FrameSource, truth: FrameSource, source: np.ndarray, frames: int) -> None:
        """Add one video's `frames` aligned output and ground-truth frames, and the baseline (`source`, uint8 RGB
        (H, W, 3), repeated `frames` times; its features are computed once and weighted)."""
        for name, net in self.nets.items():
            fits = self._fits[name]
            for frame_batch in net.features(output()):
                fits["method"].add(frame_batch)
            for frame_batch in net.features(truth()):
                fits["truth"].add(frame_batch)
            samples = frames // net.contract.clip
            if samples:
                fits["baseline"].add(next(net.features(itertools.repeat(source, net.contract.clip))), samples)

    def scores(self) -> dict[str, dict[str, float]]:
        """Per method ("method", "baseline"), the distance per metric ("fid", "fvd"); NaN with fewer than 2 samples."""
        result: dict[str, dict[str, float]] = {"method": {}, "baseline": {}}
        for name, fits in self._fits.items():
            truth = fits["truth"]
            for method in result:
                fit = fits[method]
                enough = min(fit.count, truth.count) >= 2
                result[method][name] = (frechet_distance(fit.mean, fit.covariance(), truth.mean, truth.covariance())
                                        if enough else float("nan"))
        return result

    def notes(self) -> list[str]:
        """Per metric, how it was computed (network file, sample count), or that it was skipped (and the flag)."""
        notes = []
        for contract in (FID, FVD):
            net = self.nets.get(contract.name)
            unit = "frames" if contract.clip == 1 else f"{contract.clip}-frame clips"
            if net is None:
                notes.append(f"{contract.name}: skipped (no {contract.what} weights; pass {contract.flag} FILE, "
                             "see facereel.eval.distribution).")
                continue
            count = self._fits[contract.name]["truth"].count
            if count < 2:
                notes.append(f"{contract.name}: not computed (fewer than 2 {unit} in the run).")
                continue
            notes.append(f"{contract.name}: Fréchet distance of {net.dim}-D features of {net.path.name} over {count} "
                         f"{unit} per set (output, baseline, ground truth; all videos, frame 0 left out), one number "
                         "per run; small sets bias it upward: compare runs on the same videos only.")
        return notes


def _sqrtm(matrix: np.ndarray) -> np.ndarray | None:
    """scipy's square root of `matrix`, or None where it fails (singular, non-finite, imaginary part not tiny)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", scipy.linalg.LinAlgWarning)
        try:
            root = scipy.linalg.sqrtm(matrix)
        except (scipy.linalg.LinAlgWarning, np.linalg.LinAlgError):
            return None
    if not np.isfinite(root).all() or np.abs(np.imag(root)).max(initial=0.0) > 1e-3 * max(1.0, np.abs(root).max()):
        return None
    return root


def _resize(frame: np.ndarray, size: int) -> np.ndarray:
    """uint8 (H, W, 3) -> (size, size, 3): area averaging when shrinking, bicubic when enlarging."""
    if frame.shape[:2] == (size, size):
        return frame
    shrinking = frame.shape[0] * frame.shape[1] > size * size
    return cv2.resize(frame, (size, size), interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_CUBIC)
