"""Talking-head videos -> self-reenactment training clips for SkyReels-A1, through the unchanged front end.

Per video: track the face once at the model's 12 fps (frames streamed, only landmarks kept), plan clips
(`plan.plan_clips`), then decode the video a second time, streaming, and write each clip as its frames pass:
target crops into an open H.264 writer, the reference frame's crops when the reference frame passes. At most
one decoded frame is held at a time, whatever the video's length. Layout, resume and the manifest: `layout`;
videos as work units (`--shard`, `--ray`): `prepare_units`.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from facereel.engines.a1.constants import FACE_CROP, FPS, HEIGHT, WIDTH
from facereel.errors import InputError
from facereel.face.crop import Region, aligned_face_crop
from facereel.face.pose import euler_degrees
from facereel.face.face_track import FaceTrack
from facereel.face.tracking import track_video
from facereel.animate.inputs import Source, a1_condition
from facereel.media.atomic import atomic_path
from facereel.media.files import VIDEO_SUFFIXES
from facereel.media.image import write_image
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter
from facereel.motion.extract import extract_motion
from facereel.motion.features import FEATURE_NAMES
from facereel.train import layout
from facereel.train.plan import ClipOptions, ClipPlan, Skipped, plan_clips


@dataclass(frozen=True)
class PrepareOptions:
    """Clip cutting (`clips`), output frame `size` (width, height) px, x264 `crf` (0 = lossless, in yuv420p),
    and which face to follow when several are visible (`face_index`, counted from the left; None = largest)."""

    clips: ClipOptions = field(default_factory=ClipOptions)
    size: tuple[int, int] = (WIDTH, HEIGHT)
    crf: int = 12
    face_index: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.crf <= 51:
            raise InputError(f"--crf must be in 0..51, got {self.crf}")
        if min(self.size) < 2 or any(s % 2 for s in self.size):
            raise InputError(f"--size must be even and positive, got {self.size[0]}x{self.size[1]}")

    def settings(self) -> dict:
        """JSON-able form, recorded in DATASET_DIR/settings.json."""
        return {**asdict(self), "size": list(self.size), "fps": FPS}


@dataclass(frozen=True)
class VideoReport:
    """What one video gave: clips written now, clips already in the manifest, clips skipped."""

    video: Path
    frames: int  # at 12 fps
    written: int
    existing: int
    skipped: list[Skipped]
    max_lost: float

    def summary(self) -> str:
        """One line for the user."""
        text = f"{self.video.name}: {self.frames} frames at {FPS} fps, {_count(self.written, 'clip')} written"
        if self.existing:
            text += f", {self.existing} already done"
        if self.skipped:
            starts = ", ".join(f"{s.start} ({s.lost}/{s.frames})" for s in self.skipped)
            text += (f", {_count(len(self.skipped), 'clip')} skipped (face lost in more than "
                     f"{self.max_lost:.0%} of the frames; start frame (lost/frames): {starts})")
        if not self.written + self.existing + len(self.skipped):
            text += " (shorter than one clip)"
        return text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def find_videos(inputs: Iterable[str | Path]) -> list[Path]:
    """Video files named, or found directly inside named folders (by suffix), each once; InputError when there
    are none, a path is missing, or two different videos share a name (names identify videos in a dataset)."""
    videos: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            videos += sorted(p for p in item.iterdir() if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES)
        elif item.exists():
            videos.append(item)
        else:
            raise InputError("not found", item)
    if not videos:
        raise InputError(f"no videos ({', '.join(sorted(VIDEO_SUFFIXES))}) in {', '.join(map(str, inputs))}")
    names: dict[str, Path] = {}
    for video in videos:
        if video.stem in names and names[video.stem].resolve() != video.resolve():
            raise InputError(f"two videos are named {video.stem!r} ({names[video.stem]}); rename one", video)
        names.setdefault(video.stem, video)
    return list(names.values())


def prepare_video(video: Path, root: Path, options: PrepareOptions,
                  progress: Callable[[int], None] | None = None) -> VideoReport:
    """Write the clips of one video into the dataset folder `root`, skipping those already in its part
(`layout.part_path`).

    `progress(n)` is called per frame, for the tracking pass and for the writing pass.
    """
    root.mkdir(parents=True, exist_ok=True)
    layout.check_settings(root, options.settings())
    track = _track(video, root, options.face_index, progress)
    plans, skipped = plan_clips(track.valid, video.stem, options.clips)
    done = {entry["id"] for entry in layout.read_lines(layout.part_path(root, video.stem))}
    todo = [p for p in plans if layout.clip_id(video.stem, p.start) not in done]
    if todo:
        _write_clips(video, root, track, todo, options, progress)
    return VideoReport(video, len(track), len(todo), len(plans) - len(todo), skipped, options.clips.max_lost)


def _track(video: Path, root: Path, face_index: int | None, progress: Callable[[int], None] | None) -> FaceTrack:
    """The video's face track at 12 fps: from the dataset's cache, else tracked (streamed) and cached."""
    cache = layout.track_path(root, video.stem)
    size = video.stat().st_size
    track = layout.load_track(cache, size)
    if track is None:
        track = track_video(video, face_index=face_index, fps=float(FPS), progress=progress)
        layout.save_track(cache, track, size)
    return track


@dataclass
class PendingClip:
    """A clip being written: its plan, folder, model region, its line for `part` (the video's finished clips)
    and (while its frames pass) its target writer."""

    plan: ClipPlan
    folder: Path
    region: Region
    entry: dict
    part: Path
    writer: VideoWriter | None = None
    parts_left: int = 2  # the target video and the reference images


def _write_clips(video: Path, root: Path, track: FaceTrack, plans: list[ClipPlan], options: PrepareOptions,
                 progress: Callable[[int], None] | None) -> None:
    motion = extract_motion(track)
    angles = euler_degrees(motion.rotation).astype(np.float32)
    jobs = [_start_job(video, root, track, plan, angles, motion.features, options) for plan in plans]
    starts, refs = defaultdict(list), defaultdict(list)
    for job in jobs:
        starts[job.plan.start].append(job)
        refs[job.plan.reference].append(job)
    last = max(max(job.plan.stop - 1, job.plan.reference) for job in jobs)
    active: list[PendingClip] = []
    try:
        with open_video(video) as source:
            for k, frame in enumerate(source.frames(fps=float(FPS))):
                for job in refs.get(k, ()):
                    write_image(job.folder / layout.REFERENCE, job.region.crop(frame))
                    write_image(job.folder / layout.FACE_CROP, aligned_face_crop(frame, track.landmarks[k], FACE_CROP))
                    _part_done(job)
                for job in starts.get(k, ()):
                    job.writer = VideoWriter(job.folder / layout.TARGET, FPS, options.size, crf=options.crf,
                                             repeatable=True).__enter__()
                    active.append(job)
                for job in list(active):
                    job.writer.write(job.region.crop(frame))
                    if k == job.plan.stop - 1:
                        writer, job.writer = job.writer, None
                        active.remove(job)
                        writer.__exit__(None, None, None)  # the target video appears
                        _part_done(job)
                if progress is not None:
                    progress(1)
                if k == last:
                    break
            if any(job.parts_left for job in jobs):
                raise InputError("the video gave fewer frames when read again than when tracked", video)
    except BaseException:
        for job in active:
            job.writer.__exit__(*sys.exc_info())  # discards the unfinished target video
        raise


def _start_job(video: Path, root: Path, track: FaceTrack, plan: ClipPlan, angles: np.ndarray, features: np.ndarray,
               options: PrepareOptions) -> PendingClip:
    """Write a clip's parts that need no pixels (condition video, metadata); return its job."""
    cid = layout.clip_id(video.stem, plan.start)
    folder = layout.clip_dir(root, cid)
    # Only the frame size of the reference image is read when the condition is not an overlay.
    width, height = track.frame_size
    placeholder = np.broadcast_to(np.zeros(3, np.uint8), (height, width, 3))
    reference = Source(image=placeholder, landmarks=track.landmarks[plan.reference])
    region, condition = a1_condition(reference, track.landmarks[plan.start:plan.stop], options.size)
    with VideoWriter(folder / layout.CONDITION, FPS, options.size, crf=options.crf, repeatable=True) as writer:
        for frame in condition:
            writer.write(frame)
    index = np.concatenate([[plan.reference], np.arange(plan.start, plan.stop)])
    with atomic_path(folder / layout.META, suffix=".npz") as tmp:
        np.savez_compressed(tmp, **clip_metadata(track, region, index, angles, features))
    entry = {"id": cid, "video": str(video), "start": plan.start, "frames": plan.frames, "fps": FPS,
             "reference": plan.reference, "reference_in_clip": plan.reference_in_clip, "lost": plan.lost,
             "size": list(options.size), "region": [region.x0, region.y0, region.width, region.height],
             "region_inside": round(_inside_fraction(region, track.frame_size), 4)}
    return PendingClip(plan, folder, region, entry, layout.part_path(root, video.stem))


def clip_metadata(track: FaceTrack, region: Region, index: np.ndarray, angles: np.ndarray,
                  features: np.ndarray) -> dict[str, np.ndarray]:
    """Per-frame metadata of a clip; `index` (T+1,) = the 12 fps frame numbers, [0] = the reference frame.

    landmarks (T+1, 478, 3) float32 in region px (what the condition frames draw); valid (T+1,) bool (face
    actually found, else interpolated); confidence (T+1,) float32 in [0, 1]; pose (T+1, 3) float32 degrees
    [yaw, pitch, roll] (docs/conventions.md); features (T+1, F) float32 named by `feature_names`;
    frames (T+1,) int64; region (4,) float64 [x0, y0, width, height] in source px; fps.
    """
    return {"landmarks": region.to_region(track.landmarks[index]), "valid": track.valid[index],
            "confidence": track.confidence[index], "pose": angles[index], "features": features[index],
            "feature_names": np.array(FEATURE_NAMES), "frames": index.astype(np.int64),
            "region": np.array([region.x0, region.y0, region.width, region.height]), "fps": np.float64(FPS)}


def _inside_fraction(region: Region, frame_size: tuple[int, int]) -> float:
    """Fraction of the region's area inside the source frame (the rest is black fill, as at inference)."""
    w = min(region.x0 + region.width, frame_size[0]) - max(region.x0, 0.0)
    h = min(region.y0 + region.height, frame_size[1]) - max(region.y0, 0.0)
    return max(w, 0.0) * max(h, 0.0) / (region.width * region.height)


def _part_done(job: PendingClip) -> None:
    job.parts_left -= 1
    if not job.parts_left:
        layout.append_line(job.part, job.entry)
