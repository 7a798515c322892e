"""A driving video on its side or upside down (a phone clip filmed sideways and saved without the rotation metadata
that would set it upright): the face tracker finds upright faces (rolled up to ~45 deg), so such a driver's face
was found in few frames (lp_d18 0-30 driving lp_s1: 15 of 30 turned 90 deg; turned 270, 13 or none, the output's
mouth not following; upside down, all, by a mesh fitted upside down). Now its key frames (`is_key_frame`) are looked
at, as they are and turned each way (`turned_photo.TURNS`), and the turn is voted on up to three of them that show a
face, spread over the clip (`upright_turn`): where the face scores best turned (`standing_score`, the mesh
confirming), every frame is turned so before tracking and said (`turned_note`). One frame alone misled (sr_1 cut at
its frames 30-70, the first chin up, read upside down). The turn is read from the frames as `media.video` gives
them, already turned by the metadata's rotation (its display matrix), so a clip whose metadata sets it upright is
not turned twice. A file (a driver, a video source) reads its turn over the whole clip on a pass of its own that holds
no frame (`file_turn`), then is opened again and streamed turned: a face first showing late (after frame 64, the
bounded hold's reach) is turned too (h37-late). Frames that can be read once only keep the bounded hold
(`upright_frames`, the first `KEY_FRAMES`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice

import cv2
import numpy as np

from facereel.face.roll import face_roll
from facereel.face.turned_photo import SIDEWAYS, TURNS, rotated

KEY_FRAMES = 65
"""Frames at a video's start the orientation of frames read once only (`upright_frames`: held while it is read) is
read from (2.2 s at 30 fps): frames 0, 1, 2, 4, 8, 16, 32 and 64 (`is_key_frame`), each looked at four ways (as it is and each of `turned_photo.TURNS`), 1.3-2.7 s a faceless frame on 2
busy cores, so the looks thin out. The first frames ride over a hand passing the face at the start; a clip whose face
first shows after its frame 5 (a title, a covered lens) is turned too where it shows by frame 64 (by frame 32 before
h36-upright: one more look, only where frames 0-32 show no face, and a driver's held frames at most 65, as 64
before); a face first showing later leaves such frames as they are (a file reads on: `file_turn`)."""

VOTES = 3
"""Key frames showing a face a clip's turn is voted on (`upright_turn`), so one frame is outvoted: one alone misled.
sr_1 cut at its frames 30-70 (PyAV, H.264; the first frame chin up, mouth open) read upside down, its frame 0
scoring 0.69 as it is and 0.75 turned 180 deg (its frames 8 and 16: 0.72 and 0.62 as they are, no face turned)."""

WINS = 2
"""Votes that settle a clip's turn (`upright_turn`), a majority of `VOTES`: a clip whose first two voters agree (the
common case) is looked at on two frames."""

VOTE_GAP = 8
"""Frames: a key frame votes at least this many frames after the last voter (0.27 s at 30 fps), so the voters are
spread over different moments (a raised chin, an open mouth) rather than neighbours (sr_1 30-70's frame 2 scored 0.67
turned 180 deg, near its 0.69 as it is): the first key frame with a face, then 8 and 16 after a face at frame 0."""

TURN_WORDS: dict[int, str] = {cv2.ROTATE_90_CLOCKWISE: "90 deg clockwise",
                              cv2.ROTATE_90_COUNTERCLOCKWISE: "90 deg anticlockwise", cv2.ROTATE_180: "180 deg"}
"""The cv2 turns of `turned_photo.TURNS` as a note names them."""


def standing_score(image: np.ndarray, tiles: bool) -> float:
    """The face detector's score (0-1) of the best-scored face of (H, W, 3) uint8 RGB `image` where the mesh finds it
    standing (rolled at most `turned_photo.SIDEWAYS`); 0.0 where there is none. tiles: the detector's tiles too
    (`tracking.detect_faces`), else the whole frame only. A face on its side can be found rolled ~90 deg, and an
    upside-down one is found standing by both (lp_d18's first frame upside down: 0.76 on a tile, the mesh's roll 3
    deg; lp_d12's scored above its upright one with the tiles), but on the whole frame upright scores higher (lp_d3
    0.85 against 0.71 upside down; lp_d12 0.75, upside down no face)."""
    from facereel.face.tracking import FaceTracker, detect_faces, detection_box

    faces = detect_faces(image, tiles=tiles)
    if not faces:
        return 0.0
    best = max(faces, key=lambda face: face[4])
    with FaceTracker(video=False) as tracker:
        points = tracker.start(image, detection_box(best))
    return best[4] if points is not None and abs(face_roll(points)) <= SIDEWAYS else 0.0


def is_key_frame(index: int, voter: int | None) -> bool:
    """Whether frame `index` of a video is looked at for its turn (`upright_turn`): frames 0, 1 and each power of
    two, and, after a voter at frame `voter` (None: none yet), the frames `VOTE_GAP` times a power of two after it
    (8, 16, 32, ... after; for a voter at frame 0 these are the powers of two from 8)."""
    gaps, spare = divmod(index - voter, VOTE_GAP) if voter is not None and index > voter else (0, 1)
    return index & (index - 1) == 0 or (spare == 0 and gaps & (gaps - 1) == 0)


def frame_scores(frame: np.ndarray, tiles: bool) -> dict[int | None, float]:
    """`standing_score` of (H, W, 3) uint8 RGB `frame` as it is (None) and turned each of `turned_photo.TURNS` ways,
    with the detector's tiles or on the whole frame only (`tiles`); all 0.0 where no way shows a face."""
    scores = {None: standing_score(frame, tiles)}
    scores.update({turn: standing_score(rotated(frame, turn), tiles) for turn in TURNS})
    return scores


def upright_turn(frames: Iterable[np.ndarray], last: int | None = KEY_FRAMES) -> int | None:
    """The cv2 turn (one of `turned_photo.TURNS`) that sets the face of a video's (H, W, 3) uint8 RGB `frames` (its
    frames from the start) upright, or None (the frames as they are): voted on up to `VOTES` of its key frames
    (`is_key_frame`, within its first `last` frames; None: all) that show a face, each at least `VOTE_GAP` frames
    after the last voter; each votes for the way it scores best (`frame_scores`; as it is on a tie), looked at on the
    whole frame, then with the detector's tiles (a small face; the later voters take the tiles only where the first
    needed them: a faceless key frame's tiles cost ~0.9 s a way); the first way to win `WINS` votes is taken, else
    the way with the most votes, then the highest summed score, then as it is. Reads `frames` up to the voter that
    settles it, else through the first `last` (holding none of them)."""
    votes: dict[int | None, int] = {}
    sums: dict[int | None, float] = {}
    voter, passes = None, (False, True)
    for i, frame in enumerate(frames if last is None else islice(frames, last)):
        if not is_key_frame(i, voter) or (voter is not None and i - voter < VOTE_GAP):
            continue
        for tiles in passes:
            scores = frame_scores(frame, tiles)
            if max(scores.values()) > 0:
                break
        else:
            continue
        voter, passes, best = i, (False, True) if tiles else (False,), max(scores, key=lambda turn: scores[turn])
        votes[best] = votes.get(best, 0) + 1
        for turn, score in scores.items():
            sums[turn] = sums.get(turn, 0.0) + score
        if votes[best] >= WINS or sum(votes.values()) >= VOTES:
            break
    if not votes:
        return None
    return max(votes, key=lambda turn: (votes[turn], sums[turn], turn is None))


def file_turn(frames: Callable[[], Iterator[np.ndarray]]) -> int | None:
    """`upright_turn` of a video file's whole clip, read on a pass of its own that holds no frame: frames opens the
    clip's (H, W, 3) uint8 RGB frames from its start (the caller opens them again to stream them turned); the pass
    stops at the voter that settles the turn and is closed (its file with it)."""
    stream = frames()
    try:
        return upright_turn(stream, last=None)
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def upright_file(frames: Callable[[], Iterator[np.ndarray]]) -> tuple[int | None, Iterator[np.ndarray]]:
    """(the cv2 turn `file_turn` reads, or None; the file's frames opened again by `frames` and turned by it,
    lazily): `upright_frames` for a file, which holds no frame."""
    turn = file_turn(frames)
    return turn, turned_frames(frames(), turn)


def turned_frames(frames: Iterable[np.ndarray], turn: int | None) -> Iterator[np.ndarray]:
    """The (H, W, 3) uint8 `frames` turned by the cv2 `turn` (contiguous), or as they are for None."""
    if turn is None:
        yield from frames
        return
    for frame in frames:
        yield rotated(frame, turn)


def upright_frames(frames: Iterable[np.ndarray]) -> tuple[int | None, Iterator[np.ndarray]]:
    """(the cv2 turn `upright_turn` reads from the (H, W, 3) uint8 RGB `frames`, or None; every frame turned by it,
    lazily), for frames that can be read once only (a camera, frames handed in; a file reads its turn on a pass of its
    own, `file_turn`): the frames read for the turn are held (up to `KEY_FRAMES` frames of memory; 9 or 17 where frame
    0 shows a face: up to the voter that settles it, `upright_turn`) and given again, so a face first showing after
    frame 64 leaves such frames as they are."""
    stream = iter(frames)
    held: list[np.ndarray] = []

    def holding() -> Iterator[np.ndarray]:
        for frame in stream:
            held.append(frame)
            yield frame

    turn = upright_turn(holding())
    return turn, turned_frames(chain(held, stream), turn)


def turned_note(turn: int, what: str, drawn: bool = False) -> str:
    """Said for a video `what` ("driving video") whose frames are turned by the cv2 `turn` before tracking; drawn:
    a video source, whose frames are drawn turned and written back as filmed."""
    lies = "is upside down" if turn == cv2.ROTATE_180 else "lies on its side"
    done = " and drawn, each output frame turned back as filmed" if drawn else ""
    return (f"the {what} {lies} (its face found turned): every frame is turned "
            f"{TURN_WORDS[turn]} before its face is tracked{done}")
