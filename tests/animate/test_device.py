"""Device choice with torch's backends mocked: the mps (Apple Silicon) and cuda paths run here without the hardware."""

from __future__ import annotations

import pytest
import torch

from facereel.animate.device import resolve_device
from facereel.animate.options import AnimateOptions
from facereel.animate.run import choose_engine
from facereel.engines.a1.attention import resolve_attention
from facereel.engines.a1.memory import resolve_offload
from facereel.engines.a1.options import A1Options
from facereel.engines.a1.quantize import fp8_compute_problem
from facereel.errors import InputError


@pytest.fixture
def backends(monkeypatch: pytest.MonkeyPatch):
    """backends(cuda=..., mps=...): what torch reports as available from then on in the test."""

    def set_available(cuda: bool, mps: bool) -> None:
        monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
        monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)

    return set_available


@pytest.mark.parametrize(("cuda", "mps", "auto"), [(True, True, "cuda"), (True, False, "cuda"),
                                                   (False, True, "mps"), (False, False, "cpu")])
def test_auto_prefers_cuda_then_mps_then_cpu(backends, cuda: bool, mps: bool, auto: str) -> None:
    backends(cuda=cuda, mps=mps)
    assert resolve_device("auto") == auto
    assert resolve_device("cpu") == "cpu"


def test_mps_on_a_mac_without_cuda(backends) -> None:
    backends(cuda=False, mps=True)
    assert resolve_device("mps") == "mps"
    with pytest.raises(InputError, match="no CUDA GPU"):
        resolve_device("cuda:0")


def test_mps_requested_where_there_is_none(backends) -> None:
    backends(cuda=True, mps=False)
    with pytest.raises(InputError, match="Metal backend is not available"):
        resolve_device("mps")


def test_engine_choice_on_mps(backends) -> None:
    backends(cuda=False, mps=True)
    assert choose_engine(AnimateOptions(engine="a1", weights="w"), "auto") == ("a1", "mps", None)
    assert choose_engine(AnimateOptions(engine="mesh"), "mps") == ("mesh", "cpu", None)  # numpy + OpenCV
    engine, device, note = choose_engine(AnimateOptions(engine="auto", weights="w"), "auto")
    assert (engine, device) == ("mesh", "cpu") and "no CUDA GPU" in note  # auto picks a1 on CUDA only


def test_a1_settings_resolve_for_mps_without_cuda_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """On mps nothing asks CUDA: offload auto -> none with the guider untiled, sage -> torch SDPA, fp8 compute
    refused in words."""

    def no_cuda(*args: object, **kwargs: object) -> None:
        raise AssertionError("a CUDA query on the mps path")

    monkeypatch.setattr(torch.cuda, "mem_get_info", no_cuda)
    monkeypatch.setattr(torch.cuda, "get_device_capability", no_cuda)
    mps = torch.device("mps")
    options = resolve_offload(A1Options(), mps)
    assert (options.offload, options.guider_tiling) == ("none", "off")
    assert resolve_offload(A1Options(offload="group"), mps).offload == "group"
    assert resolve_attention(A1Options(attention="sage"), mps).attention == "auto"
    assert "device is mps" in fp8_compute_problem(mps, torch.bfloat16, "none")
