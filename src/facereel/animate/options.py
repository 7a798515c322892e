"""`AnimateOptions`: every setting of one animation, the one source of the `animate` / `batch` flags, the web
app's and batch's records, and the output frame-rate rule."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facereel.animate.a1_workers import check_workers
from facereel.engines.a1.constants import FPS as A1_FPS
from facereel.engines.a1.constants import HUB_ID
from facereel.engines.a1.options import A1Options
from facereel.engines.mesh.open_mouth.mouth_interiors import MOUTH_INTERIORS, TEMPLATE_MOUTH
from facereel.errors import InputError, flags_line
from facereel.face.numbering import check_face_number
from facereel.media.video_choices import DEFAULT_CRF, ENCODER_PRESETS, INTERPOLATION_METHODS
from facereel.motion.retarget_options import RetargetOptions
from facereel.option_fields import Flag, add_flags, build, flag, flag_values, flags, from_args, nested

if TYPE_CHECKING:
    from facereel.engines.mesh import MeshOptions

ENGINES = ("auto", "mesh", "a1")
REGIONS = ("face", "release")
A1_GROUP = "a1 engine (SkyReels-A1; defaults are the published ones)"
MIN_DURATION, MAX_DURATION = 0.1, 60.0  # s: a photo driver's clip (--duration)
ALL_FACES = "all"
"""`--face-index all`: every face of the portrait is animated (facereel.animate.faces)."""
SEVERAL_FACES_A1 = ("several faces (--face-index all, --driving N=...) need --engine mesh: the a1 model generates "
                    "one face region per run")
FACE_FLAGS = ("face_index", "source_face_index", "reference")
"""The flags that choose faces and the driver's reference frame (commands that track but do not animate)."""


def face_choice(text: str | int) -> int | str:
    """`--face-index`: a face number, or `all` (every face of the portrait); argparse.ArgumentTypeError (its
    message names both) for other text."""
    if str(text).strip().lower() == ALL_FACES:
        return ALL_FACES
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"takes a face number (0 = the leftmost) or {ALL_FACES}, "
                                         f"got {text!r}") from None


@dataclass(frozen=True)
class AnimateOptions:
    """face_index / source_face_index: the driver's / the source's face when there are several (default:
    the largest); face_index "all": every face of the portrait is animated. reference: driver frame that
    offsets are measured from. retarget: motion transfer switches. engine: auto (a1 when weights and a GPU
    are there, else mesh) | mesh | a1. weights: A1 weights folder or hub id. size: longer side of the
    output in px (default: the source's). side_by_side:
    driver | result. body: mesh engine, driving video only: the portrait's torso follows the driver's
    shoulders. driving_reference: a photo driver's neutral reference photo. duration: a photo driver's clip
    length in s (None: a still image). mouth: mesh engine's inner mouth, "driver" (the driving video's or photo's own mouth interior)
    or "synthetic" (procedural); None = driver for a driving video measured from its first frame or a photo,
    else synthetic. neck_layer: mesh engine's neck layer (`MeshOptions.neck_layer`; off: --no-neck-layer).
    plate_shifts: mesh engine's plate filled with the background beside the head shifted in
    (`MeshOptions.plate_shifts`).
    a1: sampling/memory settings of the a1 engine. paste_back: a1 output composited into the
    full-resolution source (else the 480x720 region; the release writes the region). region: a1 model
    frame, face (a 3:2 box around the face) | release (the release's centre crop/pad of the photo). fps: a1
    output frame rate (default: the driver's; 12 = the model's own frames). interpolation: how a1 output
    reaches it, flow (optical flow) | crossfade. resume_dir: a1 keeps finished windows there. workers: where
    a1's windows run (animate.a1_workers; None: the job's device).
    encoder_preset: x264 preset of the output video (speed against file size; docs/benchmarks.md "Encoder
    presets" for the default). crf: x264 quality of the output video (0 lossless .. 51).
    loop_driver: a video source (video-to-video, animate/video_source.py) longer than the driver repeats the
    driver (else the output stops at the shorter); per-face drivers of a portrait image (animate/faces.py)
    shorter than the longest repeat up to its length (else their faces hold their last pose).

    The help texts and defaults of the flags live in the field metadata (facereel.option_fields)."""

    face_index: int | str | None = field(default=None, metadata=flag(
        "face_index", "driver's face when there are several, counted from 0 left to right (default: the largest; "
        "per-face drivers name one each as --driving N=PATH@K); "
        f"{ALL_FACES}: animate every face of the portrait (mesh engine; each driven by the driver's largest face, or by "
        "its own person from the left where the driving video shows as many people)",
        parse=face_choice))
    source_face_index: int | None = field(default=None, metadata=flag(
        "source_face_index", "source's face when the portrait shows several (default: the largest)", parse=int))
    reference: str = field(default="first", metadata=flag(
        "reference", "driver frame that expression offsets are measured from (default: %(default)s)",
        parse=str, choices=("first", "neutral")))
    driving_reference: Path | None = field(default=None, metadata=flag(
        "driving_reference", "photo driver: a neutral photo of the same person; the driving photo's change from "
        "it is applied (without it, a photo drives in --mode absolute only)", parse=Path))
    duration: float | None = field(default=None, metadata=flag(
        "duration", "photo driver: write a clip of this many seconds easing from the portrait to the photo's "
        "expression (default: a still image, -o NAME.png)", parse=float, metavar="SECONDS"))
    retarget: RetargetOptions = field(default_factory=RetargetOptions, metadata=nested(RetargetOptions))
    engine: str = field(default="auto", metadata=flag(
        "engine", "auto (default): a1 when --weights and a CUDA GPU are available, else mesh", parse=str, choices=ENGINES))
    weights: str | None = field(default=None, metadata=flag(
        "weights", f"SkyReels-A1 weights folder (published layout) or hub id ({HUB_ID}, when online)", parse=str))
    size: int | None = field(default=None, metadata=flag(
        "size", "longer side of the output in px (default: the source's); a video's odd width or height is "
        "padded to even (H.264's yuv420p) by repeating its last column / row", parse=int))
    side_by_side: bool = field(default=False, metadata=flag(
        "side_by_side", "write driver | result for inspection", switch="on"))
    body: bool = field(default=False, metadata=flag(
        "body", "mesh engine: the portrait's shoulders follow the driver's (half/full-body; slower)", switch="on"))
    loop_driver: bool = field(default=False, metadata=flag(
        "loop_driver", "repeat a shorter driver: over the whole source video with a video source (default: stop "
        "at the shorter of the two), up to the longest driver with per-face drivers -d N=PATH (default: a face "
        "whose driver ended holds its last pose)", switch="on"))
    mouth: str | None = field(default=None, metadata=flag(
        "mouth", "mesh engine's open mouth: driver = the driving video's (or photo's) own teeth, tongue and cavity "
        f"(default with a driving video or photo), synthetic = procedural; {TEMPLATE_MOUTH}",
        parse=str, choices=MOUTH_INTERIORS))
    neck_layer: bool = field(default=True, metadata=flags(
        Flag("no_neck_layer", "mesh engine: the neck under the jaw follows the head's own map faded down the "
             "neck (the engine before the neck layer, docs/mesh-engine.md) instead of the neck layer", switch="on"),
        to_flags=lambda on: (not on,), from_flags=lambda off: not off))
    plate_shifts: bool = field(default=False, metadata=flag(
        "plate_shifts", "mesh engine: fill the background a turning head uncovers with the background beside it "
        "copied in (patterned backgrounds: curtains, flags; ~1-2 s more per source, off by default: "
        "docs/mesh-engine.md)", switch="on"))
    a1: A1Options = field(default_factory=A1Options, metadata=nested(A1Options, A1_GROUP))
    paste_back: bool = field(default=True, metadata=flags(
        Flag("no_paste_back", "a1: write the 480x720 region, not the full photo", switch="on"),
        to_flags=lambda paste: (not paste,), from_flags=lambda no_paste: not no_paste))
    region: str = field(default="face", metadata=flag(
        "region", "a1 model frame: face (default: a 3:2 box around the face and its motion) or release (the "
        "release's centre crop / black side bars of the whole photo)", parse=str, choices=REGIONS))
    fps: float | None = field(default=None, metadata=flag(
        "fps", f"a1: output frame rate (default: the driver's; {A1_FPS} writes the model's frames as they are)",
        parse=float))
    interpolation: str = field(default="flow", metadata=flag(
        "interpolation", f"a1: how {A1_FPS} fps model frames reach the output fps: flow (default, optical flow) "
        "or crossfade", parse=str, choices=INTERPOLATION_METHODS))
    resume_dir: Path | None = field(default=None, metadata=flag(
        "resume_dir", "a1: keep finished windows here; a rerun resumes", parse=Path))
    workers: str | None = field(default=None, metadata=flag(
        "workers", "a1: spread a long video's windows over these devices, one thread each (cuda:0,cuda:1), "
        "or over Ray actors (ray, or ray:ADDRESS; pip install 'facereel[ray]'); the same frames as one device",
        parse=str, metavar="DEVICES|ray[:ADDRESS]"))
    encoder_preset: str = field(default="veryfast", metadata=flag(
        "encoder_preset", "x264 preset of the output video, fastest (biggest file at the same quality) "
        f"first: {', '.join(ENCODER_PRESETS)} (default: %(default)s)",
        parse=str, choices=ENCODER_PRESETS))
    crf: int = field(default=DEFAULT_CRF, metadata=flag(
        "crf", "x264 quality of the output video: 0 lossless (the decoded frames are the rendered ones, in "
        "yuv420p), 18 visually lossless (default), 51 the smallest", parse=int))

    def __post_init__(self) -> None:
        for index in (self.face_index, self.source_face_index):
            if isinstance(index, int):  # refused before any work (the app's form: 400, not a failed job)
                check_face_number(index)
        if self.engine not in ENGINES:
            raise InputError(f"--engine takes one of {', '.join(ENGINES)} (got {self.engine})")
        if self.engine == "a1" and not self.weights:
            raise InputError("--engine a1 needs --weights (a folder in the published SkyReels-A1 layout, or its hub id)")
        if self.size is not None and not 64 <= self.size <= 8192:
            raise InputError(f"--size must be between 64 and 8192 px (got {self.size})")
        if self.duration is not None and not MIN_DURATION <= self.duration <= MAX_DURATION:
            raise InputError(f"--duration must be between {MIN_DURATION} and {MAX_DURATION} seconds (got {self.duration})")
        if not 0 <= self.crf <= 51:
            raise InputError(f"--crf must be between 0 (lossless) and 51 (got {self.crf})")
        if self.fps is not None and not 1 <= self.fps <= 240:
            raise InputError(f"--fps must be between 1 and 240 (got {self.fps})")
        a1_only = [flag for flag, used in (("--weights", self.weights), ("--fps", self.fps is not None),
                                           ("--interpolation", self.interpolation != "flow"),
                                           ("--region", self.region != "face"),
                                           ("--no-paste-back", not self.paste_back), ("--resume-dir", self.resume_dir),
                                           ("--workers", self.workers))
                   if used]
        if self.engine == "mesh" and a1_only:
            raise InputError(f"{flags_line(a1_only, 'only applies', 'only apply')} to --engine a1 (or auto), not mesh")
        if self.workers is not None:
            check_workers(self.workers)
        if self.face_index == ALL_FACES and self.source_face_index is not None:
            raise InputError("--source-face-index picks one face; --face-index all animates every face")
        if self.face_index == ALL_FACES and self.engine == "a1":
            raise InputError(SEVERAL_FACES_A1)
        if self.engine == "a1" and self.mouth is not None:
            raise InputError("--mouth applies to the mesh engine (the a1 model generates the mouth itself)")
        if self.engine == "a1" and not self.neck_layer:
            raise InputError("--no-neck-layer applies to the mesh engine (the a1 model generates the neck itself)")
        if self.engine == "a1" and self.plate_shifts:
            raise InputError("--plate-shifts applies to the mesh engine (the a1 model generates the background "
                             "itself)")
        if self.engine == "a1" and self.body:
            raise InputError("--body applies to the mesh engine (the a1 model regenerates the whole region)")

    @property
    def driver_face_index(self) -> int | None:
        """The driver's face to follow (None: the largest, also when `face_index` is "all")."""
        return None if self.face_index == ALL_FACES else self.face_index  # type: ignore[return-value]

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser, only: tuple[str, ...] | None = None) -> None:
        """Every option (or those in `only`) as a flag; help and defaults from the fields."""
        add_flags(parser, AnimateOptions, only)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> AnimateOptions:
        """The options from flags added by `add_arguments`."""
        return from_args(cls, args)

    def to_record(self) -> dict[str, Any]:
        """{flag name with _: value}, JSON data (what a job file row or the web app's job.json holds)."""
        return flag_values(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> AnimateOptions:
        """The options of a record (any subset of `to_record`'s keys, - or _; values may be text as in a CSV
        cell); InputError on an unknown name or a bad value."""
        return build(cls, record)


def mesh_options(options: AnimateOptions) -> "MeshOptions":
    """The mesh engine's options for `options`. The mouth interior "driver" falls back to synthetic where no
    driver frames reach the engine (templates, presets), which is the default when none was chosen; the crop
    box leaves room for the retargeting's head-shift and head-scale limits."""
    from facereel.engines.mesh import MeshOptions

    return MeshOptions(mouth_interior=options.mouth or "driver", neck_layer=options.neck_layer,
                       plate_shifts=options.plate_shifts).with_limits(
        options.retarget.for_engine("mesh", options.body))


def output_fps(engine: str, options: AnimateOptions, driver_fps: float) -> float:
    """The output's frame rate, the one rule: the driver's (or template's) fps, one output frame per driving
    frame; a1 (which renders at the model's 12 fps and converts) may be given another rate by `fps`."""
    if engine == "a1" and options.fps is not None:
        return float(options.fps)
    return float(driver_fps)
