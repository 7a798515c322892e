"""`--frozen-dtype bfloat16`: frozen parameters stored in bf16, trained ones and AdamW state in float32, gradients
through the frozen bf16 layers, a loss close to the float32 run's, checkpoints whose frozen tensors are the
initial folder's bit for bit (trained and LoRA-merged ones float32), exact resume, and the setting recorded in
run.json (a change is refused)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from accelerate import Accelerator

from facereel.engines.a1 import A1Engine, A1Options
from facereel.engines.a1.pipeline import A1Pipeline
from facereel.engines.a1.weights import A1Components, load_components
from facereel.train import checkpoint as ckpt
from facereel.train.dataset import ClipDataset
from facereel.train.inputs import ClipEncoder
from facereel.train.lora import TARGETS
from facereel.train.model import prepare_model
from facereel.train.stages import get_stage
from facereel.train.step import StepRunner, StepSettings

from .training_helpers import WINDOW, run_cli, tensors, train

CPU = torch.device("cpu")
CASES = [("motion", (), 0), ("identity", (), 0), ("joint", ("blocks",), 2)]  # (stage, --train, --lora-rank)


def _one_step(weights: Path, dataset: Path, case: tuple, frozen_dtype: torch.dtype
              ) -> tuple[A1Components, StepRunner, float, dict[str, torch.Tensor]]:
    """One optimizer step on clip 0 (face tokens never dropped): components, runner, loss, gradients by name."""
    name, extras, rank = case
    c = load_components(weights, torch.float32)
    stage = get_stage(name, extras)
    prepare_model(c, stage, extras, CPU, False, rank, 0, frozen_dtype)  # in place: trainable parts, frozen dtype
    pipe = A1Pipeline(c, CPU, torch.float32, guidance=1.0, steps=1)
    settings = StepSettings(lr=1e-4, warmup=0, clip_grad=1.0, weight_decay=0.0, face_dropout=0.0,
                            frozen_dtype=frozen_dtype)
    runner = StepRunner(pipe, stage, settings, Accelerator(cpu=True))
    encoder = ClipEncoder(ClipDataset(dataset), pipe, 0, stage.pose_guider, None)
    loss = runner.step([(lambda: encoder(0), torch.Generator().manual_seed(0))])["losses"][0]
    grads = {f"{component}.{n}": p.grad for component, module in (("t", c.transformer), ("g", c.pose_guider))
             for n, p in module.named_parameters() if p.requires_grad}
    return c, runner, loss, grads


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bf16_frozen_storage_keeps_training_in_float32(dataset: Path, weights: Path, case: tuple) -> None:
    c, runner, loss, grads = _one_step(weights, dataset, case, torch.bfloat16)
    _, _, loss32, grads32 = _one_step(weights, dataset, case, torch.float32)

    modules = (c.transformer, c.vae, c.pose_guider, c.face_encoder.model)
    params = [p for m in modules for p in m.parameters()]
    assert all(p.dtype == (torch.float32 if p.requires_grad else torch.bfloat16) for p in params)
    assert {id(p) for p in params if p.requires_grad} == {id(p) for p in runner.params}
    # A module holding both: the patch embedding (trained projections beside frozen ones).
    assert {p.dtype for p in c.transformer.patch_embed.parameters()} == {torch.float32, torch.bfloat16}
    states = [t for s in runner.optimizer.state.values() for t in s.values()]
    assert len(runner.optimizer.state) == len(runner.params) and all(t.dtype == torch.float32 for t in states)

    # Gradients reach every trained parameter the float32 run's reach (upstream of frozen bf16 layers too: the
    # pose guider's encoder feeds the frozen blocks), finite; parameters with an exactly zero gradient (behind a
    # zero-initialised layer, e.g. LoRA's A) have it in both runs.
    assert grads.keys() == grads32.keys()
    assert all(g.isfinite().all() for g in grads.values())
    reached = {n for n, g in grads.items() if g.abs().sum() > 0}
    assert reached == {n for n, g in grads32.items() if g.abs().sum() > 0}
    upstream = {"motion": "g.encoder.", "identity": "t.patch_embed.pose_proj.", "joint": "g.encoder."}[case[0]]
    assert any(n.startswith(upstream) for n in reached)
    if case[2]:
        assert any(".lora_B." in n for n in reached)
    # Per component the gradient points where the float32 one does (measured cosine >= 0.9997; single small
    # tensors such as a conv bias vary more, down to 0.97, under bf16 compute, so they are not compared alone).
    for component in ("t.", "g."):
        names = sorted(n for n in reached if n.startswith(component))
        if names:
            ours, theirs = (torch.cat([g[n].flatten() for n in names]) for g in (grads, grads32))
            assert torch.nn.functional.cosine_similarity(ours, theirs, dim=0) > 0.995, component
    # Loss on the same clip, timestep and noise: bf16 rounds each matmul operand by up to 2^-9 (0.2 %) but the loss
    # averages ~10^4 squared errors, so the roundings largely cancel (measured: 1.3e-4 to 1.9e-4 relative).
    # 2e-3 leaves a 10x margin for other CPUs' bf16 kernels and still catches a broken forward (zero weights
    # move it by ~15 %).
    assert loss == pytest.approx(loss32, rel=2e-3)


@pytest.mark.slow
def test_bf16_checkpoints_keep_the_initial_tensors_and_resume_exactly(capsys: pytest.CaptureFixture[str],
                                                                      tmp_path: Path, one_clip: Path,
                                                                      weights: Path) -> None:
    common = ("--train", "blocks", "--lora-rank", "2", "--lr", "1e-2", "--checkpoint-every", "1", "--workers", "0")
    args = (*common, "--frozen-dtype", "bfloat16")
    run = tmp_path / "run"
    train(capsys, one_clip, weights, "joint", run, *args, "--max-steps", "2")
    assert json.loads((run / ckpt.RUN).read_text())["frozen_dtype"] == "bfloat16"
    folder = tmp_path / "checkpoint-2"
    (run / "checkpoint-2").rename(folder)
    losses = [r["loss"] for r in ckpt.read_log(run)]

    before, after = tensors(weights), tensors(folder)
    assert before.keys() == after.keys()
    # LoRA-adapted weights: exactly W + B A in float32 with W the initial folder's (not W rounded to bf16).
    lora = ckpt.load_state(folder)["lora"]
    merged = {f"transformer.transformer_blocks.{b}.{t}.weight": f"transformer_blocks.{b}.{t}"
              for b in range(2) for t in TARGETS}
    for key, module in merged.items():
        update = lora[f"{module}.lora_B.weight"] @ lora[f"{module}.lora_A.weight"]
        assert torch.equal(after[key], before[key].float() + update), key
    trained = ("transformer.patch_embed.proj.", "transformer.patch_embed.pose_proj.", "pose_guider.encoder.",
               "pose_guider.quant_conv.")
    frozen = [k for k in before if k not in merged and not k.startswith(trained)]
    assert frozen and all(before[k].dtype == after[k].dtype and torch.equal(before[k], after[k]) for k in frozen)
    moved = [k for k in before if k.startswith(trained) or k in merged]
    assert all(after[k].dtype == torch.float32 for k in moved)
    assert any(not torch.equal(before[k], after[k]) for k in moved if k not in merged)

    train(capsys, one_clip, weights, "joint", run, *args, "--max-steps", "2")  # resumes from checkpoint-1
    resumed = tensors(run / "checkpoint-2")
    assert all(torch.equal(after[k], resumed[k]) for k in after)
    resumed_lora = ckpt.load_state(run / "checkpoint-2")["lora"]
    assert all(torch.equal(resumed_lora[k], lora[k]) for k in lora)
    assert [r["loss"] for r in ckpt.read_log(run)] == losses

    engine = A1Engine.from_pretrained(folder, "cpu", torch.float32,
                                      A1Options(steps=1, window_frames=WINDOW, window_overlap=4, blend_steps=(0, 0)))
    assert engine.components.transformer.patch_embed.proj.weight.dtype == torch.float32

    code, err = run_cli(capsys, "train", "--data", str(one_clip), "--weights", str(weights), "--stage", "joint",
                        "-o", str(run), "--warmup", "0", *common, "--frozen-dtype", "float32",
                        "--max-steps", "3")
    assert code == 2 and "frozen_dtype" in err and len(err.strip().splitlines()) == 1, err
