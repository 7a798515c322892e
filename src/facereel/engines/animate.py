"""`animate_file`: portrait + driving (video, template or preset) -> animated video on disk, any engine.

Reads top to bottom: load the source and the motion, pick the engine, retarget, render frame by frame,
write (atomically, with the driver's audio).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from facereel.condition.render import draw_a1
from facereel.errors import InputError
from facereel.frontend import Source, drive, driving_video, load_motion, load_source
from facereel.media.interpolate import METHODS
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter
from facereel.motion.motion import Motion
from facereel.motion.retarget import RetargetOptions

if TYPE_CHECKING:
    from facereel.engines.a1.options import A1Options
    from facereel.engines.mesh import MeshOptions

ENGINES = ("auto", "mesh", "a1")
REGIONS = ("face", "release")


@dataclass(frozen=True)
class AnimateOptions:
    """engine: auto (a1 when weights and a CUDA GPU are there, else mesh) | mesh | a1.
    weights: A1 weights folder or hub id. size: longer side of the output in px (default: the source's).
    side_by_side: driver | result. retarget: motion transfer switches. face_index / source_face_index:
    the driver's / the source's face when there are several (default: the largest). reference: driver frame that offsets are measured from.
    a1: sampling/memory settings of the a1 engine (its defaults when None). paste_back: a1 output composited
    into the full-resolution source (else the 480x720 region; the release writes the region). region: a1
    model frame, face (a 3:2 box around the face) | release (the release's centre crop/pad of the photo).
    fps: a1 output frame rate (default: the driver's; 12 = the model's own frames). interpolation: how a1
    output reaches it, flow (optical flow) | crossfade. resume_dir: a1 keeps finished windows there.
    body: mesh engine, driving video only: the portrait's torso follows the driver's shoulders."""

    engine: str = "auto"
    weights: str | None = None
    size: int | None = None
    side_by_side: bool = False
    retarget: RetargetOptions = field(default_factory=RetargetOptions)
    face_index: int | None = None
    source_face_index: int | None = None
    reference: str = "first"
    a1: A1Options | None = None
    paste_back: bool = True
    region: str = "face"
    fps: float | None = None
    interpolation: str = "flow"
    resume_dir: Path | None = None
    body: bool = False

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise InputError(f"--engine takes one of {', '.join(ENGINES)} (got {self.engine})")
        if self.engine == "a1" and not self.weights:
            raise InputError("--engine a1 needs --weights (a folder in the published SkyReels-A1 layout, or its hub id)")
        if self.size is not None and not 64 <= self.size <= 8192:
            raise InputError(f"--size must be between 64 and 8192 px (got {self.size})")
        if self.region not in REGIONS:
            raise InputError(f"--region takes one of {', '.join(REGIONS)} (got {self.region})")
        if self.interpolation not in METHODS:
            raise InputError(f"--interpolation takes one of {', '.join(METHODS)} (got {self.interpolation})")
        if self.fps is not None and not 1 <= self.fps <= 240:
            raise InputError(f"--fps must be between 1 and 240 (got {self.fps})")
        a1_only = [flag for flag, used in (("--weights", self.weights), ("--fps", self.fps is not None),
                                           ("--interpolation", self.interpolation != "flow"),
                                           ("--region", self.region != "face"),
                                           ("--no-paste-back", not self.paste_back), ("--resume-dir", self.resume_dir))
                   if used]
        if self.engine == "mesh" and a1_only:
            raise InputError(f"{', '.join(a1_only)} only apply to --engine a1 (or auto), not mesh")
        if self.engine == "a1" and self.body:
            raise InputError("--body applies to the mesh engine (the a1 model regenerates the whole region)")


def choose_engine(options: AnimateOptions) -> tuple[str, str | None]:
    """(engine name, a one-line note when `auto` had to fall back)."""
    if options.engine == "mesh":
        return "mesh", None
    if options.engine == "a1":
        import torch

        note = None if torch.cuda.is_available() else (
            "engine a1 without a CUDA GPU runs on the CPU: practical for tiny test models only "
            "(the published model needs minutes per denoising step there)")
        return "a1", note
    if not options.weights:
        return "mesh", "engine auto: no --weights given, using the CPU mesh engine"
    import torch

    if not torch.cuda.is_available():
        return "mesh", "engine auto: no CUDA GPU, using the CPU mesh engine"
    return "a1", None


def resize_source(source: Source, longer_side: int | None) -> Source:
    """The source scaled so its longer side is `longer_side` px (landmarks scaled alike)."""
    if longer_side is None:
        return source
    h, w = source.image.shape[:2]
    k = longer_side / max(h, w)
    size = (max(2, round(w * k)), max(2, round(h * k)))
    image = cv2.resize(source.image, size, interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_CUBIC)
    return Source(image=image, landmarks=source.landmarks * np.float32(k), path=source.path)


def _driver_panels(driving: str | Path, targets: np.ndarray, size: tuple[int, int]) -> Iterator[np.ndarray]:
    """Left panels for side-by-side output: the driver's frames, or (for templates and presets) the target
    landmarks drawn in the A1 style."""
    path = driving_video(driving)
    if path is not None:
        with open_video(path) as video:
            for frame in video.frames():
                h = size[1]
                yield cv2.resize(frame, (max(2, round(frame.shape[1] * h / frame.shape[0])), h), interpolation=cv2.INTER_AREA)
        return
    for points in targets:
        yield draw_a1(np.zeros((size[1], size[0], 3), np.uint8), points)


def animate_file(source_path: str | Path, driving: str | Path, output: str | Path,
                 options: AnimateOptions = AnimateOptions(),
                 progress: Callable[[int], None] | None = None,
                 say: Callable[[str], None] = lambda message: None) -> int:
    """Animate `source_path` with `driving` into `output` (.mp4). Returns the number of frames written."""
    engine, note = choose_engine(options)
    source = resize_source(load_source(source_path, face_index=options.source_face_index), options.size)
    if driving_video(driving) is not None:
        open_video(driving).close()  # a bad driving file fails here, before anything is said or written
    if note:
        say(note)
    if engine == "mesh" and options.reference == "first" and driving_video(driving) is not None:
        # a driving video measured from its first frame: one streamed pass, bounded memory
        return _animate_mesh(source, None, driving, output, options, progress, body=options.body)
    motion = load_motion(driving, face_index=options.face_index, reference=options.reference)  # type: ignore[arg-type]
    if engine == "a1":
        from facereel.engines.a1_run import animate_a1

        return animate_a1(source, motion, driving, output, options, progress, say)
    return _animate_mesh(source, motion, driving, output, options, progress, body=options.body)


def _animate_mesh(source: Source, motion: Motion | None, driving: str | Path, output: str | Path,
                  options: AnimateOptions, progress: Callable[[int], None] | None,
                  mesh: MeshOptions | None = None, body: bool = False) -> int:
    """Mesh engine. With `motion` None (a driving video and reference "first"), one streamed pass:
    decode + track, retarget + render and encode overlap on threads (engines/mesh/stream_animate.py).
    Otherwise (a template, a preset, reference "neutral", which needs the whole driver) the motion is
    retargeted as a whole and rendered. `body`: the torso follows the driver's shoulders (streamed only)."""
    from facereel.engines.mesh import MeshAnimator
    from facereel.engines.mesh.stream_animate import animate_video, beside_panel

    h, w = source.image.shape[:2]
    if motion is None:
        panels = _driver_panels(driving, np.empty((0, 478, 3), np.float32), (w, h)) if options.side_by_side else None
        return animate_video(source.image, source.landmarks, driving, output, options.retarget,
                             face_index=options.face_index, mesh=mesh, body=body, panels=panels, progress=progress)
    targets = drive(source, motion, options.retarget.for_engine("mesh"))
    animator = MeshAnimator(source.image, source.landmarks, mesh)
    panels = _driver_panels(driving, targets, (w, h)) if options.side_by_side else None
    with VideoWriter(output, fps=motion.fps, audio_from=driving_video(driving)) as writer:
        for points in targets:
            writer.write(beside_panel(animator.render(points), panels))
            if progress is not None:
                progress(1)
        return writer.frames_written
