"""`train`: one stage of the SkyReels-A1 recipe on a prepared dataset, resumable from its run folder; runs as
one process or as several under `torchrun` / `accelerate launch` (DDP through `accelerate`, or FSDP2: sharding.py).

AdamW on the stage's parameters (stages.py, optionally LoRA adapters: lora.py), linear warmup then a constant
learning rate, gradient accumulation, gradient-norm clipping, float32 trained weights and optimizer state, frozen
weights in `frozen_dtype` (bf16 by default on CUDA), bf16 autocast on CUDA (precision.py, step.py). Each process
reads `batch_size` clips per micro-batch from a DataLoader (stream.py: decoded by worker processes) and trains
them one at a time (a 49-frame 480x720 clip is 18,279 tokens at full size); one optimizer step takes
world x batch_size x accumulate clips. Latent frames of lost faces get no loss, and clips with no valid latent
frame are skipped (inputs.latent_frame_mask). Held-out clips are validated every `validate_every` steps
(validate.py, on the main process). All training randomness (clip order, timesteps, noise, face-token dropout) is
a function of the seed and the clip's position in the stream (stream.py), so a resumed run repeats an
uninterrupted one exactly, and the world size does not change what a step computes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import torch
from accelerate import Accelerator
from accelerate.utils import DistributedType, gather_object

from facereel.engines.a1 import constants as C
from facereel.engines.a1.pipeline import A1Pipeline
from facereel.engines.a1.weights import (
    library_progress_bars_off,
    load_components,
    resolve_weights,
)
from facereel.errors import InputError
from facereel.train import checkpoint as ckpt
from facereel.train import lora, sharding, tracking
from facereel.train.dataset import ClipDataset
from facereel.train.inputs import ClipEncoder, latent_frame_mask
from facereel.train.model import prepare_model
from facereel.train.options import TrainOptions
from facereel.train.precision import FROZEN_DTYPES
from facereel.train.stages import describe
from facereel.train.step import StepRunner, StepSettings
from facereel.train.stream import ClipStream, Layout, clip_generator, stream_loader
from facereel.train.validate import held_out, sample_frames, sample_path, validation_loss, write_sample

Say = Callable[[str], None]
SUPPORTED = (DistributedType.NO, DistributedType.MULTI_CPU, DistributedType.MULTI_GPU)  # 1 process, DDP, our FSDP2


def _device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise InputError("device cuda requested but no CUDA GPU is available")
    return torch.device(name)


def _check_dataset(dataset: ClipDataset, pipe: A1Pipeline) -> None:
    """Every clip must be exactly one window of the model (frames and pixel size)."""
    window = pipe.c.transformer.config.sample_frames
    height, width = pipe.pixel_size
    for entry in dataset.entries:
        if entry["frames"] + 1 != window or tuple(entry["size"]) != (width, height):
            raise InputError(f"clip {entry['id']} has {entry['frames']}+1 frames of {entry['size'][0]}x"
                             f"{entry['size'][1]} px; the model needs {window} frames of {width}x{height} "
                             f"(prepare with --clip-frames {window - 1} --size {width}x{height})", dataset.root)


def split_clips(dataset: ClipDataset, val_clips: int) -> tuple[list[int], list[int], list[str]]:
    """(training indices, validation indices, skipped ids): clips with no valid latent frame are skipped, then
    `val_clips` of the others are held out (validate.held_out); InputError when no training clip is left."""
    usable, skipped = [], []
    for index, entry in enumerate(dataset.entries):
        (usable if latent_frame_mask(dataset.valid(index)).any() else skipped).append(index)
    skipped_ids = [dataset.entries[i]["id"] for i in skipped]
    if val_clips >= len(usable):
        raise InputError(f"{len(usable)} usable clips ({len(skipped)} without a valid latent frame); "
                         f"--val-clips {val_clips} would leave none for training", dataset.root)
    ids = {dataset.entries[i]["id"]: i for i in usable}
    val = [ids[i] for i in held_out(list(ids), val_clips)] if val_clips else []
    return [i for i in usable if i not in val], val, skipped_ids


class Trainer:
    """Holds the models, optimizer and encoders of one run (of this process); `run` trains up to `max_steps`.
    The main process writes run.json, logs, validations and checkpoints; every process trains its share. MLflow logs
    where the process's tracking URI says (`train` sets the run's own store: tracking.mlflow_store)."""

    def __init__(self, opts: TrainOptions, say: Say) -> None:
        self.opts = opts
        self.stage = opts.validate()
        trackers = tracking.parse(opts.log_with)
        strategy, launch_checkpointing = sharding.resolve_strategy(opts.strategy)  # before accelerate reads them
        self.sharded = strategy == "fsdp2"
        if self.sharded and opts.lora_rank:
            raise InputError("--strategy fsdp2 shards full fine-tuning; LoRA adapters (--lora-rank) fit one card: "
                             "train them with ddp (the default)")
        self.acc = Accelerator(cpu=_device(opts.device).type == "cpu", log_with=list(trackers) or None,
                               project_dir=opts.output / tracking.DIR)
        if self.acc.distributed_type not in SUPPORTED:
            raise InputError(f"{self.acc.distributed_type.value}: facereel train runs on 1 process, with DDP or "
                             "with its own FSDP2 (configs/accelerate/{ddp,fsdp2}.yaml, torchrun)")
        self.say = say if self.acc.is_main_process else lambda message: None
        self.dataset = ClipDataset(opts.data)
        self.init = resolve_weights(opts.weights)
        # accelerate names the CPU "cpu:<rank>" in a multi-process run; torch.load and friends want "cpu".
        self.device = torch.device("cpu") if self.acc.device.type == "cpu" else self.acc.device
        settings = opts.settings(self.stage, self.device, strategy)
        with self.acc.main_process_first():
            opts.output.mkdir(parents=True, exist_ok=True)
            ckpt.check_run(opts.output, settings)
        self.acc.init_trackers(tracking.RUN_NAME, config=tracking.hyperparameters(settings),
                               init_kwargs=tracking.init_kwargs(opts.output, trackers) if self.acc.is_main_process else {})
        self.frozen_dtype = FROZEN_DTYPES[settings["frozen_dtype"]]
        latest = ckpt.latest_checkpoint(opts.output)
        with library_progress_bars_off():
            self.c = load_components(latest[1] if latest else self.init, torch.float32)
        if latest and opts.lora_rank:  # the checkpoint holds merged weights; the adapters sit on the initial ones
            lora.restore_base(self.c.transformer, self.init / C.TRANSFORMER_DIR)
        # guidance 1: encode_face returns the conditional tokens only; steps are unused in training.
        self.pipe = A1Pipeline(self.c, self.device, torch.float32, guidance=1.0, steps=1)
        _check_dataset(self.dataset, self.pipe)
        self.train_clips, self.val_clips, skipped = split_clips(self.dataset, opts.val_clips)
        if skipped:
            self.say(f"skipping {len(skipped)} clips with no valid latent frame: {', '.join(skipped)}")
        self.model = prepare_model(self.c, self.stage, opts.extras, self.device,
                                   opts.gradient_checkpointing or launch_checkpointing, opts.lora_rank, opts.seed,
                                   self.frozen_dtype, opts.guider_tiling)
        total = sum(p.numel() for m in (self.c.transformer, self.c.pose_guider) for p in m.parameters())
        self.say(describe(self.stage, opts.extras, self.model.params, total, opts.lora_rank))
        step_settings = StepSettings(lr=opts.lr or self.stage.lr, warmup=opts.warmup, clip_grad=opts.clip_grad,
                                     weight_decay=opts.weight_decay, face_dropout=opts.face_dropout,
                                     frozen_dtype=self.frozen_dtype, sharded=self.sharded)
        self.runner = StepRunner(self.pipe, self.stage, step_settings, self.acc)
        self.layout = Layout(self.acc.num_processes, opts.batch_size, opts.accumulate)
        self.say(f"{self.layout.clips_per_step} clips per optimizer step ({self.layout.describe()}; "
                 f"{'FSDP2' if self.sharded else self.acc.distributed_type.value})")
        self.step = 0
        if latest:
            self._resume(latest[1])
        cache = opts.output / ckpt.CACHE if opts.cache else None
        self.encoder = ClipEncoder(self.dataset, self.pipe, opts.seed, self.stage.pose_guider, cache)
        self.stream = ClipStream(self.dataset, self.train_clips, opts.seed)

    def _resume(self, folder: Path) -> None:
        state = ckpt.load_state(folder)
        trained_with = state["clips_per_step"]
        if trained_with != self.layout.clips_per_step:
            raise InputError(f"{folder.name} was trained with {trained_with} clips per optimizer step "
                             f"({state['layout']}); this run takes {self.layout.clips_per_step} "
                             f"({self.layout.describe()}): choose --batch-size/--accumulate so that processes x "
                             f"batch x accumulate = {trained_with} to resume", self.opts.output)
        self.runner.load_state_dict(state)
        if self.model.adapters:
            lora.load_adapter_state(self.c.transformer, state["lora"])
        self.step = state["step"]
        for log in (ckpt.LOG, ckpt.VALIDATION) if self.acc.is_main_process else ():
            ckpt.truncate_log(self.opts.output, self.step, log)
        self.say(f"resuming from {folder} (step {self.step})")

    def _optimizer_step(self, batches: Iterator[list[dict]]) -> dict:
        """One optimizer step over this process's next `accumulate` batches; returns its log record, with every
        process's clips (loss: the mean over them, as the gradient; clips: ids in stream order)."""
        started = time.perf_counter()
        items = [item for _ in range(self.opts.accumulate) for item in next(batches)]
        expected = self.layout.positions(self.step, self.acc.process_index)
        if [item["position"] for item in items] != expected:  # the loader must follow the layout
            raise RuntimeError(f"clip stream out of step: {[item['position'] for item in items]} != {expected}")
        record = self.runner.step([(lambda item=item: self.encoder(item["index"], item),
                                    clip_generator(self.opts.seed, item["position"])) for item in items])
        mine = [(item["position"], item["id"], loss, dropped)
                for item, loss, dropped in zip(items, record["losses"], record["dropped"])]
        clips = sorted(gather_object(mine) if self.acc.num_processes > 1 else mine)
        self.step += 1
        return {"step": self.step, "loss": sum(c[2] for c in clips) / len(clips), "lr": record["lr"],
                "grad_norm": record["grad_norm"], "face_dropped": sum(c[3] for c in clips),
                "clips": [c[1] for c in clips], "seconds": time.perf_counter() - started}

    def _validate(self) -> None:
        """Validation loss over the held-out clips and a sample video of the first, logged by the main process.
        Under FSDP2 every process computes (the sharded model's forward is a collective); else the main alone."""
        if not (self.sharded or self.acc.is_main_process):
            return
        started = time.perf_counter()
        ids = [self.dataset.entries[i]["id"] for i in self.val_clips]
        losses = validation_loss(self.pipe, self.stage, self.encoder, self.val_clips, ids, self.opts.seed,
                                 self.frozen_dtype)
        frames = sample_frames(self.pipe, self.dataset, self.val_clips[0], self.opts.val_steps, self.frozen_dtype)
        if not self.acc.is_main_process:
            return
        path = write_sample(frames, sample_path(self.opts.output, self.step, ids[0]))
        record = {"step": self.step, "val_loss": sum(losses.values()) / len(losses), "clips": losses,
                  "sample": str(path.relative_to(self.opts.output)), "seconds": time.perf_counter() - started}
        ckpt.append_log(self.opts.output, record, ckpt.VALIDATION)
        self.acc.log({"val_loss": record["val_loss"]}, step=self.step)
        tracking.log_video(self.acc.trackers, frames, C.FPS, self.step, path)
        self.say(f"step {self.step}: validation loss {record['val_loss']:.4f}; {record['sample']}")

    def _save(self) -> Path | None:
        """Called by every process (under FSDP2 the weights and optimizer state are gathered from all); the main
        process writes the checkpoint and returns it, the others return None."""
        main = self.acc.is_main_process
        components = {"transformer": self.c.transformer, "pose_guider": self.c.pose_guider}
        trained = {name: sharding.gathered_trained(module, main) for name, module in components.items()
                   if name == "transformer" or self.stage.pose_guider}
        state = {"step": self.step, **self.runner.state_dict(), "clips_per_step": self.layout.clips_per_step,
                 "layout": self.layout.describe()}
        if not main:
            return None
        adapters = self.model.adapters
        if adapters:
            state["lora"] = lora.adapter_state(self.c.transformer)
        folder = ckpt.save_checkpoint(self.opts.output, self.step, self.c, trained, self.init, adapters, state)
        for old in ckpt.prune_checkpoints(self.opts.output, self.opts.keep_checkpoints):
            self.say(f"removed {old} (--keep-checkpoints {self.opts.keep_checkpoints})")
        return folder

    def run(self) -> int:
        """Train until `max_steps` (validating every `validate_every` steps, checkpointing every
        `checkpoint_every` and at the end); returns the step."""
        opts = self.opts
        if self.step >= opts.max_steps:
            self.say(f"{opts.output}: already at step {self.step} (--max-steps {opts.max_steps}); nothing to do")
            return self.step
        main = self.acc.is_main_process
        loader = stream_loader(self.stream, self.layout, self.acc.process_index, self.step, opts.workers,
                               pin_memory=self.device.type == "cuda")
        batches = iter(loader)
        while self.step < opts.max_steps:
            record = self._optimizer_step(batches)
            if main:
                ckpt.append_log(opts.output, record)
            self.acc.log(tracking.step_metrics(record, self.device), step=self.step)
            if opts.validate_every and self.step % opts.validate_every == 0:
                self._validate()
                self.acc.wait_for_everyone()
            if self.step % opts.checkpoint_every == 0 or self.step == opts.max_steps:
                folder = self._save()
                self.say(f"step {self.step}: loss {record['loss']:.4f}; saved {folder}")
                self.acc.wait_for_everyone()
        del batches  # stops the loader's workers
        return self.step


def train(opts: TrainOptions, say: Say = print) -> int:
    """Run (or continue) one stage; returns the last step. Bad input -> InputError."""
    with tracking.mlflow_store(opts.output, tracking.parse(opts.log_with)):
        trainer = Trainer(opts, say)
        step = trainer.run()
        trainer.acc.end_training()  # closes the trackers and the process group (a multi-process run's, FSDP2's of one)
    trainer.say(f"{opts.output}: stage {opts.stage} at step {step}")
    return step
