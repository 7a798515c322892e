"""Memory options of `facereel train`: gradient checkpointing (same gradients, blocks recomputed), LoRA adapters
on the blocks' attention projections (only they train; merged checkpoints load and compute what the adapted
model computes), and checkpoint pruning."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from facereel.engines.a1 import A1Engine, A1Options
from facereel.engines.a1 import constants as C
from facereel.engines.a1.pipeline import A1Pipeline
from facereel.engines.a1.transformer import A1Transformer
from facereel.engines.a1.weights import load_components
from facereel.train.dataset import ClipDataset
from facereel.train.inputs import ClipEncoder
from facereel.train.loop import Trainer, TrainOptions
from facereel.train.lora import ADAPTER_DIR, ADAPTER_FILE, TARGETS
from facereel.train.loss import draw_noise, v_prediction_loss
from facereel.train.model import prepare_model
from facereel.train.stages import get_stage

from .training_helpers import WINDOW, tensors, train


def _gradients(weights: Path, dataset: Path, checkpointing: bool) -> tuple[dict[str, torch.Tensor], int]:
    """Gradients of one motion + blocks loss (fixed noise), and how many times block 0 was called (a forward pre-hook: a recomputation may stop early)."""
    c = load_components(weights, torch.float32)
    stage = get_stage("motion", ("blocks",))
    model = prepare_model(c, stage, ("blocks",), torch.device("cpu"), checkpointing, 0, 0, torch.float32)
    pipe = A1Pipeline(c, torch.device("cpu"), torch.float32, guidance=1.0, steps=1)
    calls = []
    c.transformer.transformer_blocks[0].register_forward_pre_hook(lambda *_: calls.append(1))
    inputs = ClipEncoder(ClipDataset(dataset), pipe, 0, True, None)(0)
    timesteps, noise = draw_noise(inputs.video, c.scheduler, torch.Generator().manual_seed(0))
    face = torch.zeros_like(inputs.face)
    v_prediction_loss(c.transformer, c.scheduler, inputs, face, pipe.rotary_embedding(inputs.video.shape[1]),
                      timesteps, noise).backward()
    named = [(f"t.{n}", p) for n, p in c.transformer.named_parameters()] + \
            [(f"g.{n}", p) for n, p in c.pose_guider.named_parameters()]
    assert sum(p.numel() for p in model.flat) > 0
    return {n: p.grad for n, p in named if p.requires_grad}, len(calls)


def test_gradient_checkpointing_gives_the_same_gradients(dataset: Path, weights: Path) -> None:
    plain, plain_calls = _gradients(weights, dataset, False)
    checkpointed, calls = _gradients(weights, dataset, True)
    assert (plain_calls, calls) == (1, 2)  # checkpointed blocks run again in the backward pass
    assert plain.keys() == checkpointed.keys() and any(k.startswith("g.encoder.") for k in plain)
    for name in plain:
        torch.testing.assert_close(checkpointed[name], plain[name], rtol=1e-5, atol=1e-8, msg=name)


@pytest.mark.slow
def test_lora_trains_adapters_only_and_merges_into_checkpoints(tmp_path: Path, one_clip: Path,
                                                               weights: Path) -> None:
    opts = TrainOptions(data=one_clip, weights=weights, stage="motion", extras=("blocks",), lora_rank=2,
                        output=tmp_path / "run", warmup=0, lr=1e-2, max_steps=3, workers=0)
    trainer = Trainer(opts, lambda _: None)
    trainer.run()
    trained = [n for n, p in trainer.c.transformer.named_parameters() if p.requires_grad]
    in_blocks = [n for n in trained if n.startswith("transformer_blocks.")]
    assert in_blocks and all(".lora_A." in n or ".lora_B." in n for n in in_blocks)
    assert len(in_blocks) == 2 * len(TARGETS) * len(trainer.c.transformer.transformer_blocks)

    before, after = tensors(weights), tensors(tmp_path / "run" / "checkpoint-3")
    assert before.keys() == after.keys()  # the published layout: no adapter tensors
    changed = {n for n in before if not torch.equal(before[n].to(after[n].dtype), after[n])}
    merged = {f"transformer.transformer_blocks.{b}.{t}.weight" for b in range(2) for t in TARGETS}
    stage_set = {n for n in before if n.startswith(("transformer.patch_embed.proj.", "pose_guider.encoder.",
                                                     "pose_guider.quant_conv."))}
    assert merged <= changed <= merged | stage_set
    assert any(n.startswith("transformer.patch_embed.proj.") for n in changed)  # the stage's set trains beside LoRA

    # The merged checkpoint computes what the adapted model computes.
    loaded = A1Engine.from_pretrained(tmp_path / "run" / "checkpoint-3", "cpu", torch.float32,
                                      A1Options(steps=1, window_frames=WINDOW, window_overlap=4, blend_steps=(0, 0)))
    cfg = trainer.c.transformer.config
    x = torch.randn(1, 3, cfg.in_channels, cfg.sample_height, cfg.sample_width)
    face = torch.randn(1, cfg.face_tokens, cfg.face_embed_dim)
    rotary = trainer.pipe.rotary_embedding(3)
    with torch.no_grad():
        expected = trainer.c.transformer(x, face, torch.tensor([300]), rotary)
        actual = loaded.components.transformer(x, face, torch.tensor([300]), rotary)
    torch.testing.assert_close(actual, expected, rtol=1e-4, atol=1e-5)

    # The small adapter (diffusers LoRA format) on a freshly built transformer with diffusers' LoRA loader, plus
    # the stage's other trained tensors (the input projection), computes the adapted model's output too.
    adapter = tmp_path / "run" / "checkpoint-3" / ADAPTER_DIR / ADAPTER_FILE
    assert set(load_file(adapter)) == {f"transformer.transformer_blocks.{b}.{t}.lora_{m}.weight"
                                       for b in range(2) for t in TARGETS for m in "AB"}
    fresh = A1Transformer.from_pretrained(weights / C.TRANSFORMER_DIR)
    fresh.load_state_dict({k.removeprefix("transformer."): v for k, v in after.items()
                           if k.startswith("transformer.patch_embed.proj.")}, strict=False)
    fresh.load_lora_adapter(adapter.parent, prefix="transformer", weight_name=ADAPTER_FILE)
    with torch.no_grad():
        from_adapter = fresh(x, face, torch.tensor([300]), rotary)
    without = A1Transformer.from_pretrained(weights / C.TRANSFORMER_DIR)
    with torch.no_grad():
        base = without(x, face, torch.tensor([300]), rotary)
    torch.testing.assert_close(from_adapter, expected, rtol=1e-4, atol=1e-5)
    assert not torch.allclose(base, expected, rtol=1e-4, atol=1e-5)  # the adapter and projection matter


def test_keep_checkpoints_prunes_the_oldest(capsys: pytest.CaptureFixture[str], tmp_path: Path, one_clip: Path,
                                            weights: Path) -> None:
    run = tmp_path / "run"
    args = ["--checkpoint-every", "1", "--workers", "0"]
    train(capsys, one_clip, weights, "identity", run, *args, "--keep-checkpoints", "2", "--max-steps", "3")
    assert sorted(p.name for p in run.glob("checkpoint-*")) == ["checkpoint-2", "checkpoint-3"]
    train(capsys, one_clip, weights, "identity", run, *args, "--keep-checkpoints", "2", "--max-steps", "4")  # from 3
    assert sorted(p.name for p in run.glob("checkpoint-*")) == ["checkpoint-3", "checkpoint-4"]
    train(capsys, one_clip, weights, "identity", run, *args, "--max-steps", "5")  # 0 = keep all
    assert sorted(p.name for p in run.glob("checkpoint-*")) == ["checkpoint-3", "checkpoint-4", "checkpoint-5"]


@pytest.mark.parametrize("tiled", [False, True])
def test_pose_guider_is_tiled_only_when_asked(weights: Path, tiled: bool) -> None:
    """Training encodes the condition as inference does by default (and the release does): an untiled pose
    guider; `guider_tiling` (the memory fallback) tiles it. The VAE stays tiled either way."""
    c = load_components(weights, torch.float32)
    c.pose_guider.enable_tiling()  # whatever the folder's state, prepare_model decides
    prepare_model(c, get_stage("motion", ()), (), torch.device("cpu"), False, 0, 0, torch.float32, guider_tiling=tiled)
    assert c.pose_guider.use_tiling is tiled
    assert c.vae.use_tiling
