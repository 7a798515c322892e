"""Loading the published folder layout: only inference components, strict keys, clear errors."""

from __future__ import annotations

import json
import shutil

import pytest
import torch
from safetensors.torch import load_file, save_file

from facereel.engines.a1 import constants as C
from facereel.engines.a1.transformer import A1Transformer
from facereel.engines.a1.weights import load_components
from facereel.errors import InputError

from .conftest import HEIGHT, WIDTH

_TRANSFORMER_FILE = "transformer/diffusion_pytorch_model.safetensors"


@pytest.fixture
def weights_copy(tiny_weights, tmp_path):
    return shutil.copytree(tiny_weights, tmp_path / "w")


def test_loads_without_touching_text_encoder(tiny_weights, monkeypatch):
    import transformers

    def refuse(*args, **kwargs):
        raise AssertionError("the T5 text encoder must never be loaded")

    monkeypatch.setattr(transformers.T5EncoderModel, "from_pretrained", refuse)
    # tiny_weights/text_encoder holds corrupt files: any attempt to read them would fail loudly.
    c = load_components(tiny_weights, torch.float32)
    assert isinstance(c.transformer, A1Transformer)
    assert c.transformer.config.in_channels == 48
    assert c.vae.config.scaling_factor == pytest.approx(C.LATENT_SCALING)
    assert c.scheduler.config.prediction_type == "v_prediction"


def test_missing_transformer_weights_named(weights_copy):
    (weights_copy / _TRANSFORMER_FILE).unlink()
    with pytest.raises(InputError, match="diffusion_pytorch_model.safetensors") as err:
        load_components(weights_copy, torch.float32)
    assert err.value.path == weights_copy / _TRANSFORMER_FILE


def test_every_missing_file_named_once(weights_copy):
    shutil.rmtree(weights_copy / "pose_guider")
    (weights_copy / "siglip-so400m-patch14-384" / "model.safetensors").unlink()
    with pytest.raises(InputError) as err:
        load_components(weights_copy, torch.float32)
    message = str(err.value)
    for name in ("pose_guider/config.json", "pose_guider/diffusion_pytorch_model.safetensors",
                 "siglip-so400m-patch14-384/model.safetensors"):
        assert name in message


def test_mismatched_shape_names_file_and_tensor(weights_copy):
    path = weights_copy / _TRANSFORMER_FILE
    tensors = load_file(path)
    weight = tensors["patch_embed.proj.weight"]
    tensors["patch_embed.proj.weight"] = weight[:, :32].contiguous()  # a 32-channel (non-A1) patch embedding
    save_file(tensors, path)
    with pytest.raises(InputError, match="patch_embed.proj.weight") as err:
        load_components(weights_copy, torch.float32)
    assert err.value.path == path


def test_missing_tensor_rejected(weights_copy):
    path = weights_copy / _TRANSFORMER_FILE
    tensors = load_file(path)
    del tensors["patch_embed.pose_proj.0.weight"]
    save_file(tensors, path)
    with pytest.raises(InputError, match="pose_proj"):
        load_components(weights_copy, torch.float32)


def test_not_a_folder_offline(tmp_path):
    with pytest.raises(InputError, match="no such folder"):  # a path is never taken for a hub id
        load_components(tmp_path / "nowhere", torch.float32)


def test_released_key_layout_at_full_size():
    with torch.device("meta"):
        model = A1Transformer(**C.FULL_TRANSFORMER_CONFIG)
    shapes = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    assert shapes["patch_embed.pose_proj.0.weight"] == (3456, 1152)
    assert shapes["patch_embed.pose_proj.2.weight"] == (4096, 3456)
    assert shapes["patch_embed.text_proj.weight"] == (3072, 4096)
    assert shapes["patch_embed.proj.weight"] == (3072, 48, 2, 2)
    assert shapes["patch_embed.pos_embedding"] == (1, 729 + 13 * 30 * 45, 3072)
    assert sum(k.startswith("transformer_blocks.") and k.endswith("attn1.to_q.weight") for k in shapes) == 42
    assert not any("text_encoder" in k for k in shapes)


def test_cogvideox_config_text_length_is_ignored(tiny_weights, tmp_path):
    # The released config may keep CogVideoX's 226 text tokens; the face tokens size the position table.
    config = json.loads((tiny_weights / "transformer" / "config.json").read_text())
    config["max_text_seq_length"] = 226
    model = A1Transformer.from_config(config)
    # 9 frames = 3 latent frames of 2x2 patches of the 8x-compressed frame
    assert model.patch_embed.pos_embedding.shape[1] == C.FACE_TOKENS + 3 * (HEIGHT // 16) * (WIDTH // 16)


def test_siglip_weights_must_match(weights_copy):
    path = weights_copy / "siglip-so400m-patch14-384" / "model.safetensors"
    tensors = load_file(path)
    key = next(k for k in tensors if k.endswith("post_layernorm.weight"))
    del tensors[key]
    save_file(tensors, path, metadata={"format": "pt"})
    with pytest.raises(InputError, match="SigLIP"):
        load_components(weights_copy, torch.float32)
