import numpy as np
import pytest

from facereel.errors import InputError
from facereel.eval.perceptual import Lpips


def test_lpips_module_contract(fake_lpips):
    lpips = Lpips(fake_lpips)
    black = np.zeros((16, 16, 3), np.uint8)
    white = np.full((16, 16, 3), 255, np.uint8)
    assert lpips(black, black) == 0.0
    assert lpips(black, white) == pytest.approx(2.0)  # [-1, 1] scaling


def test_lpips_in_a_self_run(identical_self_run):
    means = identical_self_run.means()
    assert means["method"]["lpips"] == 0.0 < means["baseline"]["lpips"]


def test_bad_weights_name_the_file(tmp_path):
    with pytest.raises(InputError, match="missing.pt"):
        Lpips(tmp_path / "missing.pt")
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a model")
    with pytest.raises(InputError, match="junk.pt"):
        Lpips(junk)
