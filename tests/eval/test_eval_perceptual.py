import warnings

import numpy as np
import pytest

from facereel.errors import InputError
from facereel.eval.perceptual import Lpips


@pytest.fixture(scope="module")
def fake_lpips(tmp_path_factory):
    """A TorchScript stand-in with the LPIPS contract: mean |x - y| of [-1, 1] images, shape (N, 1, 1, 1)."""
    torch = pytest.importorskip("torch")

    class MeanAbs(torch.nn.Module):
        def forward(self, x, y):
            return (x - y).abs().mean(dim=(1, 2, 3), keepdim=True)

    path = tmp_path_factory.mktemp("weights") / "lpips_fake.pt"
    x = torch.zeros(1, 3, 8, 8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.jit.trace(MeanAbs(), (x, x)).save(str(path))
    return path


def test_lpips_module_contract(fake_lpips):
    lpips = Lpips(fake_lpips)
    black = np.zeros((16, 16, 3), np.uint8)
    white = np.full((16, 16, 3), 255, np.uint8)
    assert lpips(black, black) == 0.0
    assert lpips(black, white) == pytest.approx(2.0)  # [-1, 1] scaling


def test_lpips_in_a_self_run(fake_lpips, astronaut_clip, tmp_path):
    import shutil

    from facereel.eval import run

    outputs = tmp_path / "outputs"
    outputs.mkdir()
    shutil.copy(astronaut_clip, outputs / "astro.mp4")
    means = run.evaluate_self([astronaut_clip], tmp_path / "work", outputs=outputs, lpips=Lpips(fake_lpips)).means()
    assert means["method"]["lpips"] == 0.0 < means["baseline"]["lpips"]


def test_bad_weights_name_the_file(tmp_path):
    with pytest.raises(InputError, match="missing.pt"):
        Lpips(tmp_path / "missing.pt")
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a model")
    with pytest.raises(InputError, match="junk.pt"):
        Lpips(junk)
