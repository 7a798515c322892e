"""The dataset folder on disk: clip file names, the manifest, the settings it was prepared with, cached tracks.

    DATASET_DIR/
      manifest.jsonl            one JSON line per clip: what the trainer reads (merged from parts/)
      settings.json             the PrepareOptions every clip of the folder was made with
      parts/<video>.jsonl       one JSON line per finished clip of the video (the commit marker of a clip)
      parts/<video>.json        the video's outcome ({"status": "done"} or "failed" + "error"), once attempted
      tracks/<video>.npz        the 12 fps face track of each video (a rerun does not track again)
      clips/<video>/<start>/    one folder per clip, files named below

A clip's files are each written atomically; its line in its video's part is appended only once all of them
exist, so a clip without a line is unfinished and is rewritten by the next run. Each video is one work unit
(`--shard`, `--ray`): only its own worker writes its part, so shards on several machines share the folder
without locks. The manifest is built from the parts (`merge_manifest`) once every video of the run has an
outcome, in the order the videos were given and, within a video, in the order its clips finished: the same
file whether the videos ran in one process, in shards or on Ray actors, in any order.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from facereel.errors import InputError
from facereel.face.face_track import FaceTrack
from facereel.media.atomic import atomic_path

MANIFEST = "manifest.jsonl"
SETTINGS = "settings.json"
PARTS = "parts"
DAMAGED = "remove it, or use a new folder"  # what to do with a damaged state file
TARGET = "target.mp4"  # the clip's driving frames cropped to the model region (T frames)
CONDITION = "condition.mp4"  # A1 landmark drawings: [0] = the reference's own landmarks, then T frames
REFERENCE = "reference.png"  # the reference frame cropped to the same region (lossless)
FACE_CROP = "face_crop.png"  # the reference's aligned square face crop (lossless)
META = "meta.npz"  # per-frame metadata, index 0 = the reference (see prepare.clip_metadata)


def clip_id(video: str, start: int) -> str:
    """`<video name>/<first driving frame, 12 fps index, 6 digits>`; also the clip's folder under clips/."""
    return f"{video}/{start:06d}"


def clip_dir(root: Path, cid: str) -> Path:
    """A clip's folder; given a video name instead of a clip id, the folder of that video's clips."""
    return root / "clips" / cid


def track_path(root: Path, video: str) -> Path:
    """The cached 12 fps face track of the video named `video` (its file stem)."""
    return root / "tracks" / f"{video}.npz"


def part_path(root: Path, video: str) -> Path:
    """The finished clips' lines of the video named `video` (its file stem)."""
    return root / PARTS / f"{video}.jsonl"


def outcome_path(root: Path, video: str) -> Path:
    """The video's outcome record (written when the video was attempted)."""
    return root / PARTS / f"{video}.json"


def read_manifest(root: Path) -> list[dict]:
    """Entries of DATASET_DIR/manifest.jsonl in file order (see `read_lines`)."""
    return read_lines(root / MANIFEST)


def read_lines(path: Path) -> list[dict]:
    """Entries of a JSON-lines file in file order ([] when it is missing); a torn last line (interrupted append)
    is ignored."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"damaged: not UTF-8 text; {DAMAGED}", path) from None
    entries = []
    for line in text.splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return entries


def append_line(path: Path, entry: dict) -> None:
    """Append one clip's line to a JSON-lines file with a single write, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    torn = False
    if path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as f:
            f.seek(-1, os.SEEK_END)
            torn = f.read(1) != b"\n"
    with open(path, "a", encoding="utf-8") as f:
        f.write(("\n" if torn else "") + json.dumps(entry, sort_keys=True) + "\n")
        f.flush()
        os.fsync(f.fileno())


def write_outcome(root: Path, video: str, error: str | None) -> None:
    """Record that `video` was attempted: done (`error` None) or failed with a one-line `error`."""
    record = {"status": "done"} if error is None else {"status": "failed", "error": error}
    path = outcome_path(root, video)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(record) + "\n")


def read_outcome(root: Path, video: str) -> dict | None:
    """The video's outcome record, or None when it was not attempted (or is being prepared)."""
    path = outcome_path(root, video)
    return json.loads(path.read_text()) if path.exists() else None


def discard_failed(root: Path, videos: list[str]) -> None:
    """Remove the failed outcome records of `videos` (file stems): a run in one process where every video
    failed leaves no dataset. When no video's record is left, the folder holds no clip: its parts folder,
    empty manifest and settings go too."""
    for video in videos:
        outcome_path(root, video).unlink(missing_ok=True)
    parts = root / PARTS
    if parts.is_dir() and not any(parts.iterdir()) and not read_manifest(root):
        parts.rmdir()
        (root / MANIFEST).unlink(missing_ok=True)
        (root / SETTINGS).unlink(missing_ok=True)


def merge_manifest(root: Path, videos: list[str]) -> list[str]:
    """Write DATASET_DIR/manifest.jsonl (atomically) from the parts: first those of `videos` (file stems) in
    that order, then those of other videos in the folder by name. Returns the videos of `videos` without an
    outcome; then nothing is written (their shards are still running, or were never started)."""
    waiting = [video for video in videos if read_outcome(root, video) is None]
    if waiting:
        return waiting
    others = sorted({p.stem for p in (root / PARTS).glob("*.jsonl")} - set(videos))
    lines = [json.dumps(entry, sort_keys=True) + "\n" for video in [*videos, *others]
             for entry in read_lines(part_path(root, video))]
    with atomic_path(root / MANIFEST) as tmp:
        tmp.write_text("".join(lines))
    return []


def adopt_manifest(root: Path) -> None:
    """A folder prepared before parts/ existed: its manifest's lines become the parts of their videos (each
    marked done), so that resuming keeps its clips and the merged manifest still lists them."""
    if (root / PARTS).exists():
        return
    for entry in read_manifest(root):
        video = entry["id"].rsplit("/", 1)[0]
        append_line(part_path(root, video), entry)
        write_outcome(root, video, None)


def check_settings(root: Path, settings: dict) -> None:
    """Record the preparation settings, or refuse to mix clips made with different ones in one folder."""
    record_settings(root / SETTINGS, settings, "the dataset was prepared", root)


def record_settings(path: Path, settings: dict, started: str, folder: Path) -> None:
    """Write `settings` to `path` (JSON) the first time; later, InputError naming `folder` if they changed.

    started: how the message begins, e.g. "this run was started".
    """
    if path.exists():
        old = read_json_object(path)
        if old != settings:
            changed = ", ".join(sorted(k for k in settings.keys() | old.keys() if old.get(k) != settings.get(k)))
            raise InputError(f"{started} with other settings ({changed}); use a new folder", folder)
        return
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n")


def read_json_object(path: Path) -> dict:
    """The JSON object in a state file facereel wrote (settings, records); InputError naming it when the file
    is not one (damaged, or edited by hand)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: JSONDecodeError and number limits
        data = None
    if not isinstance(data, dict):
        raise InputError(f"damaged: not a JSON object; {DAMAGED}", path)
    return data


def save_track(path: Path, track: FaceTrack, source_bytes: int) -> None:
    """Cache a video's FaceTrack (with the video's size in bytes, to notice a different file of the same name)."""
    with atomic_path(path, suffix=".npz") as tmp:
        np.savez_compressed(tmp, landmarks=track.landmarks, valid=track.valid, confidence=track.confidence,
                            fps=np.float64(track.fps), frame_size=np.array(track.frame_size, np.int64),
                            source_bytes=np.int64(source_bytes))


def load_track(path: Path, source_bytes: int) -> FaceTrack | None:
    """The cached track, or None when there is none; InputError when it belongs to another file."""
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        if int(data["source_bytes"]) != source_bytes:
            raise InputError(f"the dataset already holds another video named {path.stem!r}", path.parent.parent)
        w, h = (int(v) for v in data["frame_size"])
        return FaceTrack(landmarks=data["landmarks"], valid=data["valid"], confidence=data["confidence"],
                         fps=float(data["fps"]), frame_size=(w, h))
