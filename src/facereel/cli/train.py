"""`facereel train`: one stage (motion, identity, joint) of the SkyReels-A1 training recipe."""

from __future__ import annotations

import argparse
from dataclasses import fields
from pathlib import Path

from facereel.cli.common import say
from facereel.train.options import FROZEN_DTYPE_CHOICES, STRATEGIES, TrainOptions
from facereel.train.stages import EXTRAS, STAGES
from facereel.train.wandb_first import import_wandb

EXAMPLES = """examples:
  facereel train --data dataset/ --weights SkyReels-A1/ --stage motion -o runs/motion
  facereel train --data dataset/ --weights runs/motion/checkpoint-2000 --stage identity -o runs/identity
  facereel train --data dataset/ --weights runs/identity/checkpoint-1000 --stage joint -o runs/joint
  facereel train ... -o runs/motion --max-steps 4000          # again: resumes from the latest checkpoint
  facereel train ... --stage joint --train blocks --lora-rank 64 --gradient-checkpointing --keep-checkpoints 2
  facereel train ... --val-clips 2 --validate-every 250       # validation loss + RUN_DIR/samples/*.mp4
  facereel train ... --frozen-dtype float32                   # untrained weights in float32 too (CUDA default: bf16)
  torchrun --nproc_per_node 4 -m facereel.cli.main train ...  # DDP over 4 GPUs (see docs/training.md)
  accelerate launch --config_file configs/accelerate/fsdp2.yaml -m facereel.cli.main train ... --train blocks
                                                              # full fine-tuning, sharded over the GPUs (FSDP2)

Every checkpoint RUN_DIR/checkpoint-N is a weights folder: facereel animate --engine a1 --weights RUN_DIR/checkpoint-N
The loss of every step is in RUN_DIR/log.jsonl, validations in RUN_DIR/validation.jsonl. Exit code 2 on bad input (one line).
"""


def _extras(text: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    bad = [n for n in names if n not in EXTRAS]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown parameter group {', '.join(bad)} (choose from {', '.join(EXTRAS)})")
    return names


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train one stage of the SkyReels-A1 recipe on a prepared dataset",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    d = TrainOptions.__dataclass_fields__
    p.add_argument("--data", required=True, type=Path, metavar="DATASET_DIR", help="folder made by prepare-data")
    p.add_argument("--weights", required=True, type=Path, metavar="INIT_DIR",
                   help="initial weights folder in the published layout (or an earlier stage's checkpoint)")
    p.add_argument("--stage", required=True, choices=tuple(STAGES), help="which parameters train (see docs/training.md)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="RUN_DIR", help="run folder (created; resumed)")
    p.add_argument("--train", type=_extras, default=(), metavar="GROUPS", dest="extras",
                   help=f"also train: comma-separated {', '.join(EXTRAS)} (blocks: motion/joint; text-proj: identity/joint)")
    p.add_argument("--lr", type=float, default=None,
                   help="peak learning rate (default per stage: " + ", ".join(f"{s.name} {s.lr:g}" for s in STAGES.values()) + ")")
    p.add_argument("--warmup", type=int, default=d["warmup"].default, help="linear warmup steps (default %(default)s)")
    p.add_argument("--accumulate", type=int, default=d["accumulate"].default,
                   help="micro-batches per optimizer step and process, gradient accumulation (default %(default)s)")
    p.add_argument("--batch-size", type=int, default=d["batch_size"].default,
                   help="clips per micro-batch and process (trained one at a time); a step takes processes x "
                        "batch x accumulate clips (default %(default)s)")
    p.add_argument("--workers", type=int, default=d["workers"].default,
                   help="DataLoader worker processes decoding clips, per process; 0 = none (default %(default)s)")
    p.add_argument("--clip-grad", type=float, default=d["clip_grad"].default, help="max gradient norm, 0 = off (default %(default)s)")
    p.add_argument("--weight-decay", type=float, default=d["weight_decay"].default, help="AdamW weight decay (default %(default)s)")
    p.add_argument("--face-dropout", type=float, default=d["face_dropout"].default,
                   help="probability of zero face tokens, for classifier-free guidance (default %(default)s)")
    p.add_argument("--lora-rank", type=int, default=d["lora_rank"].default, metavar="R",
                   help="with --train blocks: train rank-R adapters on the blocks' attention projections instead "
                        "of the blocks (merged into every checkpoint); 0 = off (default %(default)s)")
    p.add_argument("--frozen-dtype", choices=FROZEN_DTYPE_CHOICES, default=d["frozen_dtype"].default,
                   help="storage of the weights no optimizer sees (trained weights and AdamW state are float32); "
                        "auto = bfloat16 on CUDA (halves them), float32 on the CPU; checkpoints hold trained weights "
                        "in float32 and every other tensor exactly as in the initial folder (default %(default)s)")
    p.add_argument("--val-clips", type=int, default=d["val_clips"].default, metavar="K",
                   help="hold K clips out of training for validation (default %(default)s)")
    p.add_argument("--validate-every", type=int, default=d["validate_every"].default, metavar="N",
                   help="every N steps: validation loss (fixed noise and timesteps) and a sample video; 0 = never "
                        "(default %(default)s)")
    p.add_argument("--val-steps", type=int, default=d["val_steps"].default,
                   help="denoising steps of the sample video (default %(default)s)")
    p.add_argument("--seed", type=int, default=d["seed"].default, help="seed of all training randomness (default %(default)s)")
    p.add_argument("--max-steps", type=int, default=d["max_steps"].default, help="optimizer steps in all (default %(default)s)")
    p.add_argument("--checkpoint-every", type=int, default=d["checkpoint_every"].default,
                   help="save a checkpoint every N steps, and at the end (default %(default)s)")
    p.add_argument("--keep-checkpoints", type=int, default=d["keep_checkpoints"].default, metavar="N",
                   help="keep only the newest N checkpoints; 0 = all (default %(default)s)")
    p.add_argument("--gradient-checkpointing", action="store_true", help="recompute activations in backward (less memory)")
    p.add_argument("--guider-tiling", action="store_true",
                   help="tile the pose guider's encode (less memory); off by default, as at inference and in the release: "
                        "tiled landmark latents differ from the untiled ones the model sees when animating")
    p.add_argument("--no-cache", dest="cache", action="store_false",
                   help="encode every clip at every visit instead of caching the frozen encodings in RUN_DIR/cache")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto", help="default: cuda when available")
    p.add_argument("--log-with", default=d["log_with"].default, metavar="TRACKERS",
                   help="accelerate trackers, comma-separated (tensorboard, wandb, mlflow, ...), or none; events in "
                        "RUN_DIR/trackers (default %(default)s)")
    p.add_argument("--strategy", choices=STRATEGIES, default=d["strategy"].default,
                   help="several processes: ddp (whole model per process) or fsdp2 (parameters, gradients and AdamW "
                        "state sharded: full fine-tuning of the blocks); auto follows the accelerate launch config "
                        "(configs/accelerate/*.yaml), else ddp; zero3 is refused (default %(default)s)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if "wandb" in (name.strip() for name in args.log_with.split(",")):
        import_wandb()  # before torch: see train/wandb_first.py
    from facereel.train.loop import train

    opts = TrainOptions(**{field.name: getattr(args, field.name) for field in fields(TrainOptions)})  # flags = fields
    train(opts, lambda message: say(args, message))
    return 0

