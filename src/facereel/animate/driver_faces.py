"""Per-face drivers from a driving video with several people: the faces they name (`N=two.mp4@K`,
`driver_texts.named_face`) read from one tracking pass of that video (`video_faces.track_every_face`, faces
numbered from the left in its first frame with faces); one video given to every face (`--face-index all`) that
shows at least as many faces pairs them from the left (`paired_tracks`, `paired_note`: portrait face i <- its
face i); and the one-line note for a several-faces video that drives faces without naming one (its largest face
drives, as with one face)."""

from __future__ import annotations

from pathlib import Path

from facereel.animate.driver_texts import FACE_MARK
from facereel.animate.inputs import driving_video
from facereel.errors import InputError
from facereel.face.face_track import FaceTrack
from facereel.face.key_frame_faces import first_key_faces, refuse_missing_face
from facereel.face.numbering import missing_face_error
from facereel.face.video_faces import track_every_face
from facereel.media.video import open_video

NAMED_FLAG = f"--driving N=PATH{FACE_MARK}K"
"""The option a named driver face comes from, named in the error for a face the video lacks."""


def named_video(driver: str, face: int) -> Path:
    """The video of a driver that names face `face` (`two.mp4` of `two.mp4@1`); InputError (one line) when it
    is not an existing driving video (a preset, template, keyframes or photo has one face's motion)."""
    video = driving_video(driver)
    if video is None:
        raise InputError(f"{driver}{FACE_MARK}{face}: {FACE_MARK}K names a face of a driving video with several "
                         "people; a preset, template, keyframes file or photo has one face")
    if not video.exists():
        raise InputError("file not found", video)
    return video


def track_named_faces(video: Path, faces: set[int]) -> dict[int, FaceTrack]:
    """{face number: its track} for the `faces` (numbered from the left) of the driving `video`, every face
    tracked in one pass at the video's own rate. InputError (one line, `missing_face_error`) for a face the
    video lacks, before the pass when its key frames already show too few faces."""
    with open_video(video) as clip:
        refuse_missing_face(clip.frames(fps=clip.fps), max(faces), NAMED_FLAG, video)
    with open_video(video) as clip:
        tracks = track_every_face(clip.frames(fps=clip.fps), clip.fps, what=video)
    if max(faces) >= len(tracks):
        raise missing_face_error(max(faces), len(tracks), NAMED_FLAG, video)
    return {face: tracks[face] for face in sorted(faces)}


def shown_faces(video: Path) -> int:
    """How many faces the driving `video` shows in its first key frame with faces (`first_key_faces`)."""
    with open_video(video) as clip:
        return len(first_key_faces(clip.frames(fps=clip.fps)))


def paired_tracks(video: Path, count: int) -> list[FaceTrack] | None:
    """The tracks of the driving `video`'s faces (numbered from the left, `track_every_face`: one pass at the
    video's own rate) when it shows at least `count` (>= 2) faces, the first key frame with faces
    (`shown_faces`) asked before the pass; None when it shows fewer (its largest face drives them all)."""
    if shown_faces(video) < count:
        return None
    with open_video(video) as clip:
        tracks = track_every_face(clip.frames(fps=clip.fps), clip.fps, what=video)
    return tracks if len(tracks) >= count else None


def paired_note(video: Path, shown: int, faces: list[int]) -> str:
    """The note for a driving `video` showing `shown` faces that drives the portrait's `faces` (ascending)
    paired from the left, e.g. "two.mp4 shows 2 faces: face 0 <- its face 0, face 1 <- its face 1; name others as
    N=two.mp4@K"."""
    pairs = ", ".join(f"face {index} <- its face {rank}" for rank, index in enumerate(faces))
    return f"{video.name} shows {shown} faces: {pairs}; name others as N={video}{FACE_MARK}K (K = 0..{shown - 1} " \
           "from the left)"


def unnamed_faces_note(video: Path, portrait_faces: list[int]) -> str | None:
    """The note for a driving `video` given to the portrait's `portrait_faces` without a face named when its
    first key frame with faces shows several (`first_key_faces`): which face drives them (its largest, as the
    tracker takes it), that it shows fewer faces than it drives where so (not paired, `paired_tracks`), and how
    to name another; None for a video with one face (or none in its key frames)."""
    with open_video(video) as clip:
        found = first_key_faces(clip.frames(fps=clip.fps))
    if len(found) < 2:
        return None
    areas = [(x1 - x0) * (y1 - y0) for (x0, y0, x1, y1, _), _ in found]
    largest = areas.index(max(areas))
    who = ("face " if len(portrait_faces) == 1 else "faces ") + ", ".join(str(index) for index in portrait_faces)
    fewer = f", fewer than the {len(portrait_faces)} it drives" if len(found) < len(portrait_faces) else ""
    return (f"per-face drivers: {video.name} shows {len(found)} faces{fewer}; its largest, face {largest} from the "
            f"left, drives the portrait's {who}; name another as N={video}{FACE_MARK}K (K = 0..{len(found) - 1} "
            "from the left)")
