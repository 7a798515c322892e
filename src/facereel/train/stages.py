"""The staged SkyReels-A1 recipe: which parameters each stage trains. This table is the one place that says so.

Parameter sets are name prefixes inside the components of `engines.a1.weights.A1Components`; everything not
listed for a stage is frozen (requires_grad False, never handed to the optimizer). The VAE and SigLIP are
frozen in every stage; the pose guider's decoder is never used, so it is never trained.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from facereel.errors import InputError

if TYPE_CHECKING:  # the table is read without torch (`facereel train --help`)
    from torch import nn

    from facereel.engines.a1.weights import A1Components

FaceTokens = Literal["zeros", "dropout"]  # zeros: always dropped; dropout: dropped with probability p

# Optional parameter groups a stage may add (`--train blocks,text-proj`): transformer name prefixes.
EXTRAS: dict[str, tuple[str, ...]] = {
    "blocks": ("transformer_blocks.",),  # the 42 DiT blocks (5.3 B parameters at full size)
    "text-proj": ("patch_embed.text_proj.",),  # CogVideoX's Linear(4096, 3072) after the face projector
}
POSE_GUIDER_ENCODER = ("encoder.", "quant_conv.")  # only the encoder makes the landmark latent


@dataclass(frozen=True)
class Stage:
    """One row of the recipe.

    transformer: A1Transformer parameter-name prefixes always trained. pose_guider: its encoder is trained.
    face_tokens: "zeros" (motion: the face branch is off) or "dropout" (zeros with probability p, which trains
    the unconditional branch of classifier-free guidance). lr: default peak learning rate. extras: the keys of
    EXTRAS this stage accepts.
    """

    name: str
    transformer: tuple[str, ...]
    pose_guider: bool
    face_tokens: FaceTokens
    lr: float
    extras: tuple[str, ...]


STAGES: dict[str, Stage] = {s.name: s for s in (
    # Landmark guidance: the pose guider's encoder and the 48-channel input projection learn to read the
    # landmark latent; face tokens are zeros (the face branch is trained in the next stage).
    Stage("motion", ("patch_embed.proj.",), True, "zeros", 1e-4, ("blocks",)),
    # Facial image-text alignment: the zero-initialised face projector (`pose_proj`) only.
    Stage("identity", ("patch_embed.pose_proj.",), False, "dropout", 1e-4, ("text-proj",)),
    # Everything the earlier stages trained, together, at a lower learning rate.
    Stage("joint", ("patch_embed.proj.", "patch_embed.pose_proj."), True, "dropout", 2e-5, ("blocks", "text-proj")),
)}


def get_stage(name: str, extras: tuple[str, ...] = ()) -> Stage:
    """The stage `name`; InputError for an unknown stage or an extra that the stage does not accept."""
    if name not in STAGES:
        raise InputError(f"unknown stage {name!r}; choose one of {', '.join(STAGES)}")
    stage = STAGES[name]
    bad = [e for e in extras if e not in stage.extras]
    if bad:
        accepted = ", ".join(stage.extras) or "none"
        raise InputError(f"stage {name} cannot also train {', '.join(bad)} (accepted: {accepted})")
    return stage


def _select(module: nn.Module, prefixes: tuple[str, ...]) -> list[tuple[str, nn.Parameter]]:
    """Set requires_grad on the parameters whose names start with one of `prefixes` (and clear it elsewhere)."""
    chosen = []
    for name, param in module.named_parameters():
        param.requires_grad_(name.startswith(prefixes))
        if param.requires_grad:
            chosen.append((name, param))
    return chosen


def select_trainable(c: A1Components, stage: Stage, extras: tuple[str, ...]) -> dict[str, list[nn.Parameter]]:
    """Freeze everything but the stage's set; returns the trained parameters per component (name -> params)."""
    prefixes = stage.transformer + tuple(p for e in extras for p in EXTRAS[e])
    trained = {"transformer": _select(c.transformer, prefixes),
               "pose_guider": _select(c.pose_guider, POSE_GUIDER_ENCODER if stage.pose_guider else ())}
    for frozen in (c.vae, c.face_encoder.model):
        frozen.requires_grad_(False)
    return {k: [p for _, p in v] for k, v in trained.items() if v}


def fully_trained(extras: tuple[str, ...], lora_rank: int) -> tuple[str, ...]:
    """The extras whose parameters train in full: with LoRA (`lora_rank` > 0) the blocks train through adapters."""
    return tuple(e for e in extras if not (lora_rank and e == "blocks"))


def describe(stage: Stage, extras: tuple[str, ...], trained: dict[str, list[nn.Parameter]], total: int,
             lora_rank: int = 0) -> str:
    """Lines printed at the start of a run: the stage's row of the table with parameter counts."""
    prefixes = stage.transformer + tuple(p for e in fully_trained(extras, lora_rank) for p in EXTRAS[e])
    count = sum(p.numel() for ps in trained.values() for p in ps)
    lines = [f"stage {stage.name}: training {count:,} of {total:,} parameters",
             f"  transformer: {', '.join(p + '*' for p in prefixes)}"]
    if lora_rank:
        lines.append(f"  LoRA rank {lora_rank} on the blocks' attention projections (merged into checkpoints)")
    if stage.pose_guider:
        lines.append(f"  pose_guider: {', '.join(p + '*' for p in POSE_GUIDER_ENCODER)}")
    lines.append("  frozen: everything else (VAE, SigLIP" + ("" if stage.pose_guider else ", pose guider") + ")")
    lines.append("  face tokens: " + ("zeros" if stage.face_tokens == "zeros" else "dropped with probability p"))
    return "\n".join(lines)
