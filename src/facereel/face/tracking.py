"""Find and follow one face: detect (full-range), run the 478-point mesh on an enlarged crop, map back.

Working on a crop around the face (instead of the whole frame) is what finds small faces in half-body,
full-body and 1080p frames: mediapipe's mesh expects the face to fill much of its input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from facereel.errors import InputError
from facereel.face.exposure import Faceless, no_face_error, no_face_in
from facereel.face.face_track import FaceTrack
from facereel.face.landmark_ids import NUM_LANDMARKS
from facereel.face.mp_runtime import mediapipe, solution_output
from facereel.face.numbering import DRIVER_FACE_FLAG, check_face_number, missing_face_error
from facereel.face.pose import estimate_pose
from facereel.face.roll import rolled
from facereel.face.turned_photo import found_turned
from facereel.face.turned_video import turned_note, upright_file, upright_frames

CROP_INPUT = 320  # px: side of the square crop given to the mesh model
CROP_MARGIN = 1.9  # crop side / face size (landmark extent)
DETECT_MAX_SIDE = 1280  # px: frames are downscaled to this for the full-frame detector
GROUP_MIN_SIZE = 0.2  # a face the tiles add to a group: at least this fraction of the largest face's width
GROUP_TILE_SCORE = 0.7  # ... and at least this detector score
GROUP_RULE = (f"a face the whole-frame detector misses counts from {GROUP_MIN_SIZE:g} of the largest one's width "
              f"at detector score {GROUP_TILE_SCORE:g}, and a face counts only where the face mesh finds it (a "
              "blurred crowd does not)")  # `group_faces`' rule, for the messages that count faces
RESIDUAL_SCALE = 0.1  # canonical units: alignment residual at which confidence falls to 1/e

Box = tuple[float, float, float]  # (centre x, centre y, side) in px


def _detect_once(det, image: np.ndarray) -> list[tuple[float, float, float, float, float]]:
    """(x0, y0, x1, y1, score) px of the faces mediapipe's detector `det` finds in an (H, W, 3) uint8 RGB image.

    Given contiguous: mediapipe takes a read-only array by reference and refuses one that is not contiguous (a
    tile cut from a PIL image's `np.asarray`, which is read-only)."""
    h, w = image.shape[:2]
    result = det.process(np.ascontiguousarray(image))
    faces = []
    for d in result.detections or []:
        b = d.location_data.relative_bounding_box
        faces.append((b.xmin * w, b.ymin * h, (b.xmin + b.width) * w, (b.ymin + b.height) * h, float(d.score[0])))
    return faces


def _tiles(width: int, height: int, side: int) -> list[tuple[int, int]]:
    """Top-left corners of square tiles of `side` px covering the frame with 50 % overlap."""
    xs = list(range(0, max(width - side, 0) + 1, side // 2)) or [0]
    ys = list(range(0, max(height - side, 0) + 1, side // 2)) or [0]
    if xs[-1] + side < width:
        xs.append(width - side)
    if ys[-1] + side < height:
        ys.append(height - side)
    return [(x, y) for y in ys for x in xs]


def _dedupe(faces: list[tuple[float, float, float, float, float]]) -> list[tuple[float, float, float, float, float]]:
    """Drop boxes whose centre lies inside a higher-scoring box (the same face seen by two tiles)."""
    kept: list[tuple[float, float, float, float, float]] = []
    for f in sorted(faces, key=lambda f: -f[4]):
        cx, cy = (f[0] + f[2]) / 2, (f[1] + f[3]) / 2
        if not any(k[0] <= cx <= k[2] and k[1] <= cy <= k[3] for k in kept):
            kept.append(f)
    return kept


def detect_faces(image: np.ndarray, every_face: bool = False, tiles: bool = True
                 ) -> list[tuple[float, float, float, float, float]]:
    """All faces in an RGB frame: list of (x0, y0, x1, y1, score) in px, ordered left to right.

    The whole frame is tried first; when nothing is found, overlapping tiles of half and then a quarter
    of the short side, so a face a few percent of a 1080p frame is still found. `every_face` (a group:
    counting faces, `--face-index all`): the half-side tiles are tried even when the whole frame found a
    face, as a frame's smaller faces (below ~1/60 of its side) escape the whole-frame pass; of what they add,
    faces under `GROUP_MIN_SIZE` of the largest one or scoring under `GROUP_TILE_SCORE` are dropped
    (face-like texture); a blurred crowd is left to the mesh (`group_faces`). tiles: False, the whole frame only
    (its scores read alike on a frame turned each way, `turned_video.standing_score`).
    """
    h, w = image.shape[:2]
    factor = min(1.0, DETECT_MAX_SIDE / max(h, w))
    small = cv2.resize(image, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_AREA) if factor < 1 else image
    mp = mediapipe()
    with mp.solutions.face_detection.FaceDetection(model_selection=1, min_detection_confidence=0.5) as det:
        whole = [(x0 / factor, y0 / factor, x1 / factor, y1 / factor, s) for x0, y0, x1, y1, s in _detect_once(det, small)]
        faces = whole
        for divisor in (2, 4) if tiles else ():
            side = min(h, w) // divisor
            if side < 96 or (faces and not (every_face and divisor == 2)):
                break
            tiled = []
            for x, y in _tiles(w, h, side):
                tile = image[y:y + side, x:x + side]
                if side > 512:
                    tile = cv2.resize(tile, (512, 512), interpolation=cv2.INTER_AREA)
                k = side / tile.shape[0]
                tiled += [(x + x0 * k, y + y0 * k, x + x1 * k, y + y1 * k, s) for x0, y0, x1, y1, s in _detect_once(det, tile)]
            faces = _dedupe(faces + tiled)
    if every_face and faces:
        largest = max(faces, key=lambda f: f[2] - f[0])
        faces = [f for f in faces if f is largest or f in whole
                 or (f[2] - f[0] >= GROUP_MIN_SIZE * (largest[2] - largest[0]) and f[4] >= GROUP_TILE_SCORE)]
    return sorted(faces, key=lambda f: f[0] + f[2])


def choose_face(faces: list[tuple[float, float, float, float, float]], face_index: int | None) -> Box | None:
    """The largest face (face_index None) or the face_index-th from the left, as a crop box."""
    if not faces:
        return None
    if face_index is None:
        face = max(faces, key=lambda f: (f[2] - f[0]) * (f[3] - f[1]))
    elif face_index < len(faces):
        face = faces[face_index]
    else:
        return None
    return detection_box(face)


def detection_box(face: tuple[float, float, float, float, float]) -> Box:
    """The mesh's crop box for a detector box (x0, y0, x1, y1, score) px."""
    x0, y0, x1, y1, _ = face
    # Detector boxes cover brows to mouth; the mesh landmarks span more, so enlarge a bit more.
    return ((x0 + x1) / 2, (y0 + y1) / 2 + 0.1 * (y1 - y0), CROP_MARGIN * 1.25 * max(x1 - x0, y1 - y0))


def _box_from_landmarks(points: np.ndarray) -> Box:
    lo, hi = points[:, :2].min(0), points[:, :2].max(0)
    centre = (lo + hi) / 2
    return float(centre[0]), float(centre[1]), float(CROP_MARGIN * (hi - lo).max())


def _crop(image: np.ndarray, box: Box) -> tuple[np.ndarray, float, float, float]:
    """Square crop resized to CROP_INPUT (zero padding outside the image). Returns crop, x0, y0, px per crop px."""
    cx, cy, side = box
    step = side / CROP_INPUT
    x0, y0 = cx - side / 2, cy - side / 2
    affine = np.array([[step, 0, x0], [0, step, y0]], dtype=np.float64)
    crop = cv2.warpAffine(image, affine, (CROP_INPUT, CROP_INPUT), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_CONSTANT)
    return crop, x0, y0, step


def _level_crop(image: np.ndarray, points: np.ndarray, roll: float) -> tuple[np.ndarray, np.ndarray]:
    """`_crop`'s square crop of the face of (478, 3) px `points` turned by `roll` deg so the face lies level (its
    side from the level face's extent). Returns crop, the (2, 3) float64 affine from crop px to image px."""
    turn = np.radians(roll)
    axes = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])  # level px -> image px
    level = points[:, :2].astype(np.float64) @ axes  # the face turned level (image px rotated by -roll)
    lo, hi = level.min(0), level.max(0)
    step = CROP_MARGIN * float((hi - lo).max()) / CROP_INPUT
    centre = axes @ ((lo + hi) / 2)
    affine = np.hstack([axes * step, (centre - axes @ np.full(2, CROP_INPUT / 2 * step))[:, None]])
    crop = cv2.warpAffine(image, affine, (CROP_INPUT, CROP_INPUT), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_CONSTANT)
    return crop, affine


# One `NormalizedLandmark` as mediapipe serialises it when only x, y and z are set: the message's tag (field 1,
# length-delimited) and length (15), then each float's tag (fields 1-3, 32-bit) and its little-endian value.
_WIRE = np.dtype([("tag", "u1"), ("size", "u1"), ("tx", "u1"), ("x", "<f4"), ("ty", "u1"), ("y", "<f4"),
                  ("tz", "u1"), ("z", "<f4")])
_WIRE_TAGS = (0x0A, 15, 0x0D, 0x15, 0x1D)


def landmark_array(landmarks: Any) -> np.ndarray:
    """(N, 3) float32 x, y, z of a mediapipe `NormalizedLandmarkList` (0-1 of the crop; z in its width).

    Read from the message's serialised bytes in one numpy view (~0.01 ms for 478 points against ~0.3 ms for
    reading each point's fields from Python); a list with any other layout (a field unset, visibility or
    presence set) is read field by field. The values are the same float32 either way."""
    raw = landmarks.SerializeToString()
    if len(raw) % _WIRE.itemsize == 0:
        wire = np.frombuffer(raw, _WIRE)
        if all((wire[name] == tag).all() for name, tag in zip(("tag", "size", "tx", "ty", "tz"), _WIRE_TAGS)):
            return np.stack([wire["x"], wire["y"], wire["z"]], 1).astype(np.float32, copy=False)
    return np.array([(p.x, p.y, p.z) for p in landmarks.landmark], dtype=np.float32)


class FaceTracker:
    """Stateful tracker for one face; call it on consecutive RGB frames.

    video=True uses mediapipe's tracking mode (landmarks of frame t seed frame t+1); video=False treats
    every call as an independent still image.
    """

    def __init__(self, face_index: int | None = None, video: bool = True) -> None:
        if face_index is not None and not isinstance(face_index, int):  # `--face-index all` outside `animate`
            raise InputError(f"--face-index {face_index}: this follows one face; give its number (0 = the leftmost)")
        self.face_index = face_index if face_index is None else check_face_number(face_index)
        self.video = video
        self.most_faces = 0  # the most faces detected in one frame so far (for error messages)
        self.faceless = Faceless()  # the frames this tracker found no face in
        self._box: Box | None = None
        self._mesh: Any = None  # mediapipe's FaceMesh

    def _new_mesh(self):
        mp = mediapipe()
        self.close()  # first: a new graph interrupted while it starts (Ctrl-C) leaves no closed one to close again
        self._mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=not self.video, max_num_faces=1, refine_landmarks=True,
            min_detection_confidence=0.5, min_tracking_confidence=0.5)

    def _mesh_on(self, image: np.ndarray, box: Box) -> np.ndarray | None:
        crop, x0, y0, step = _crop(image, box)
        faces = solution_output(self._mesh, crop, "multi_face_landmarks")
        if not faces:
            return None
        pts = landmark_array(faces[0]) * (CROP_INPUT * step)
        pts[:, 0] += x0
        pts[:, 1] += y0
        return pts

    def __call__(self, image: np.ndarray) -> np.ndarray | None:
        """(478, 3) landmarks in image px for this frame, or None when no face is found."""
        points = self.follow(image)
        if points is None:
            detected = detect_faces(image) if self.face_index is None else [face for face, _ in group_faces(image)]
            self.most_faces = max(self.most_faces, len(detected))
            box = choose_face(detected, self.face_index)
            self._box = None
            points = self.start(image, box) if box is not None else None
            if points is None:
                self.faceless.add(image)
        return points

    def level(self, image: np.ndarray, points: np.ndarray) -> np.ndarray:
        """(478, 3) px: the face of `points` ((478, 3) px in `image`) found again on a crop turned so it lies level,
        where it is rolled over `roll.ROLL_LIMIT` (mediapipe's mesh reads a level face's jaw and oval on their
        edges, a rolled one's 2-4 px off), else (or with no face found so) `points`."""
        roll = rolled(points)
        if roll is None:
            return points
        crop, affine = _level_crop(image, points, roll)
        faces = solution_output(self._mesh, crop, "multi_face_landmarks")
        if not faces:
            return points
        found = landmark_array(faces[0]) * CROP_INPUT
        out = found.copy()
        out[:, :2] = found[:, :2] @ affine[:, :2].T.astype(np.float32) + affine[:, 2].astype(np.float32)
        out[:, 2] *= float(np.hypot(*affine[:, 0]))
        return out

    def follow(self, image: np.ndarray) -> np.ndarray | None:
        """(478, 3) landmarks of the face followed so far, found in this frame around its last place (no
        detection), or None (then nothing is followed until `start`)."""
        if self._mesh is None:
            self._new_mesh()
        points = self._mesh_on(image, self._box) if self._box is not None else None
        self._box = _box_from_landmarks(points) if points is not None else None
        return points

    def start(self, image: np.ndarray, box: Box) -> np.ndarray | None:
        """(478, 3) landmarks of the face in the crop `box` (`detection_box`), or None; later frames
        `follow` it."""
        self._new_mesh()  # a fresh graph: its tracking state belonged to the old crop
        points = self._mesh_on(image, box)
        self._box = _box_from_landmarks(points) if points is not None else None
        return points

    def no_face_error(self, what: str | Path, flag: str = DRIVER_FACE_FLAG) -> InputError:
        """The error for an input in which this tracker never found its face, naming `what`; with a face index,
        it says how many faces the frames had and names `flag`, the option that gave the index."""
        if self.face_index is None or self.most_faces == 0:
            return no_face_error(what, self.faceless, video=True)
        return missing_face_error(self.face_index, self.most_faces, flag, what)

    def close(self) -> None:
        mesh, self._mesh = self._mesh, None
        if mesh is not None:
            mesh.close()

    def __enter__(self) -> "FaceTracker":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


SAME_FACE = 0.3
"""Two faces' landmarks whose centres lie closer than this many face sizes are one face: two followed faces
(`video_faces`; the one that was farther from it is counted lost), or two detections of one face in a group
(`group_faces` keeps the first: two boxes over lp_d3's face in a two-person clip's frame 25 counted three people)."""


def centre_size(points: np.ndarray) -> tuple[np.ndarray, float]:
    """(centre (2,), size) px of (478, 3) landmarks: the middle and the longer side of their box."""
    low, high = points[:, :2].min(0), points[:, :2].max(0)
    return (low + high) / 2, float((high - low).max())


def group_faces(image: np.ndarray) -> list[tuple[tuple[float, float, float, float, float], np.ndarray]]:
    """Every face of a group in an (H, W, 3) uint8 RGB image, left to right, as the faces are counted and numbered
    (`--face-index N`, `--driving N=...`): each detection of `detect_faces(every_face=True)` ((x0, y0, x1, y1)
    px, score 0-1) in which the face mesh, started from its box, finds a face, with those (478, 3) landmarks (image
    px). A blurred crowd behind the sitter is found by the detector (scores 0.61-0.82, sr_18) but not by the
    mesh, whose own detector or face-presence score rejects it; a small sharp face is found by both (`GROUP_RULE`,
    `bench/group_count.py`). Two detections whose meshes land on one face (`SAME_FACE`) count it once."""
    boxes = detect_faces(image, every_face=True)
    with FaceTracker(video=False) as tracker:
        found = [(box, tracker.start(image, detection_box(box))) for box in boxes]
    kept: list[tuple[tuple[float, float, float, float, float], np.ndarray]] = []
    for box, points in found:
        if points is not None and not any(one_face(points, other) for _, other in kept):
            kept.append((box, points))
    return kept


def one_face(points: np.ndarray, other: np.ndarray) -> bool:
    """Whether two (478, 3) px landmark sets lie on one face (`SAME_FACE`)."""
    centre, size = centre_size(points)
    return bool(np.linalg.norm(centre - centre_size(other)[0]) < SAME_FACE * size)


GAP_HOLD, GAP_EASE = 0.1, 0.5
"""s: a faceless frame further than GAP_HOLD from the nearest face eases linearly back toward the driver's rest (its
first face) over GAP_EASE, so a gap of up to 2 * GAP_HOLD is filled from its neighbours alone. A driver whose face
left the frame for 1.8 s (lp_d19 20-80 shifted right up to 420 px) held the head ~45 px off its neck, as the last
face seen was already half out."""


def rest_weights(valid: np.ndarray, fps: float) -> np.ndarray:
    """(T,) weight 0-1 of the rest pose in each frame of a (T,) bool face mask: 0 on a face and within GAP_HOLD s
    of one, rising to 1 over the next GAP_EASE s (all 0 when `fps` is 0, a photo)."""
    if fps <= 0 or valid.all():
        return np.zeros(len(valid))
    t, good = np.arange(len(valid)), np.flatnonzero(valid)
    after = np.searchsorted(good, t).clip(0, len(good) - 1)
    before = (after - 1).clip(0)
    distance = np.minimum(np.abs(t - good[after]), np.abs(t - good[before]))  # frames to the nearest face
    return np.clip((distance / fps - GAP_HOLD) / GAP_EASE, 0.0, 1.0)


def fill_missing(landmarks: np.ndarray, valid: np.ndarray, fps: float = 0.0,
                 rest: np.ndarray | None = None) -> np.ndarray:
    """Fill invalid frames of (T, 478, 3) by linear interpolation between valid neighbours, held at the ends, then
    eased toward `rest` (478, 3) (default: the first face) by `rest_weights` at `fps` frames/s."""
    t = np.arange(len(valid))
    good = np.flatnonzero(valid)
    flat = landmarks.reshape(len(valid), -1)
    filled = np.empty_like(flat)
    for k in range(flat.shape[1]):
        filled[:, k] = np.interp(t, good, flat[good, k])
    filled = filled.reshape(landmarks.shape)
    weight = rest_weights(valid, fps)[:, None, None]
    rest = landmarks[good[0]] if rest is None else rest
    return (filled + weight * (rest[None] - filled)).astype(landmarks.dtype)


def assemble_track(points: list[np.ndarray | None], fps: float, frame_size: tuple[int, int],
                   what: str | Path = "input", turn: int | None = None) -> FaceTrack:
    """Per-frame results (None = no face) -> FaceTrack with filled, flagged frames and confidence; `turn`: the cv2
    turn the frames were tracked under (`FaceTrack.turn`)."""
    valid = np.array([p is not None for p in points], dtype=bool)
    if not valid.any():
        raise no_face_error(what, video=True)
    landmarks = np.zeros((len(points), NUM_LANDMARKS, 3), dtype=np.float32)
    for i, p in enumerate(points):
        if p is not None:
            landmarks[i] = p
    if not valid.all():
        landmarks = fill_missing(landmarks, valid, fps)
    _, _, residual = estimate_pose(landmarks)
    confidence = np.where(valid, np.exp(-residual / RESIDUAL_SCALE), 0.0).astype(np.float32)
    return FaceTrack(landmarks=landmarks, valid=valid, confidence=confidence, fps=float(fps), frame_size=frame_size,
                     turn=turn)


def late_face_note(face_index: int, faces: int, flag: str) -> str:
    """Said when a video's first frame shows `faces` faces, too few for `face_index` (given by the option `flag`):
    the refusal can only come once every frame is tracked, since a face may come in later (a video source's frames
    without its face pass through as filmed), so the wait is said at once."""
    return (f"no face number {face_index} in the first frame ({faces} face(s), numbered from the left; {flag}): "
            "looking for it in every frame, as a face may come in later")


def track_frames(frames: Iterable[np.ndarray], fps: float, face_index: int | None = None,
                 progress: Callable[[int], None] | None = None, what: str | Path = "video",
                 flag: str = DRIVER_FACE_FLAG, say: Callable[[str], None] | None = None,
                 upright: bool = False, turn: int | None = None) -> FaceTrack:
    """Track one face through RGB frames; one FaceTrack entry per frame (lost faces filled and flagged). flag: the
    option that gave `face_index`, named when no frame has that face (`FaceTracker.no_face_error`). say: told
    `late_face_note` after the first frame when it shows too few faces for `face_index`, and `turned_video.
    turned_note` when a driver's video (its frames are not drawn) on its side is turned before tracking: by the cv2
    `turn` the `frames` are already turned by (a file's, `track_upright_file`), or, with `upright`, by the turn read
    from the frames themselves, held while it is read (`turned_video.upright_frames`); kept in `FaceTrack.turn`."""
    points: list[np.ndarray | None] = []
    size = (0, 0)
    if upright:
        turn, frames = upright_frames(frames)
    if turn is not None and say is not None:
        say(turned_note(turn, "driving video"))
    with FaceTracker(face_index=face_index, video=True) as tracker:
        for frame in frames:
            size = (frame.shape[1], frame.shape[0])
            points.append(tracker(frame))
            if say is not None and face_index is not None and len(points) == 1 and tracker.most_faces <= face_index:
                say(late_face_note(face_index, tracker.most_faces, flag))
            if progress is not None:
                progress(1)
    if not points:
        raise InputError("video has no frames", what)
    if all(p is None for p in points):
        raise tracker.no_face_error(what, flag)
    return assemble_track(points, fps, size, what, turn)


def track_video(path: str | Path, face_index: int | None = None, fps: float | None = None,
                progress: Callable[[int], None] | None = None, upright: bool = False,
                say: Callable[[str], None] | None = None) -> FaceTrack:
    """Track one face through a video file, streamed and resampled by timestamp to `fps` (default: the
    video's average rate, so a variable-frame-rate video gives the frame on screen at each k / fps). upright, say:
    a driver on its side turned before tracking, its turn read on a pass of its own (`track_upright_file`), said."""
    from facereel.media.video import open_video

    with open_video(path) as video:
        rate = fps or video.fps
        if upright:
            return track_upright_file(lambda: video.frames(fps=rate), rate, face_index=face_index,
                                      progress=progress, what=path, say=say)
        return track_frames(video.frames(fps=rate), rate, face_index=face_index, progress=progress, what=path,
                            say=say)


def track_upright_file(frames: Callable[[], Iterator[np.ndarray]], fps: float, **options: Any) -> FaceTrack:
    """`track_frames` (its keyword `options`) of a driving file's (H, W, 3) uint8 RGB frames (`frames` opens them
    from the start) turned upright: the turn read over the whole clip on a pass of its own that holds no frame
    (`turned_video.upright_file`), then the file opened again and streamed turned."""
    turn, upright = upright_file(frames)
    return track_frames(upright, fps, turn=turn, **options)


def track_image(image: np.ndarray, face_index: int | None = None, what: str | Path = "image") -> FaceTrack:
    """Landmarks of one face in a still image (T = 1), found on it turned (`turned_photo.found_turned`) where no face
    shows upright; InputError naming `what` when there is none."""
    return track_images([image], face_index, what)[0]


def track_images(images: Iterable[np.ndarray], face_index: int | None = None,
                 what: str | Path = "image") -> list[FaceTrack]:
    """`track_image` of each (H, W, 3) uint8 RGB image in turn, each a still on its own (found afresh, nothing followed
    from the one before), with one mediapipe graph for all (its start is most of a still's ~0.07 s)."""
    tracks = []
    with FaceTracker(face_index=face_index, video=False) as tracker:
        for image in images:
            tracker._box = None  # a still on its own: detected afresh, as by a new tracker
            points = tracker(image)
            if points is None:  # a photo on its side or upside down (`turned_photo`)
                turned = found_turned(image, lambda photo: [face] if (face := tracker(photo)) is not None else [])
                points = turned[0] if turned else None
            points = None if points is None else tracker.level(image, points)
            if points is None and face_index is None:
                raise no_face_in(image, what)
            if points is None:
                raise InputError(f"no face number {face_index} (counted from 0, left to right; the image has "
                                 f"{tracker.most_faces})", what)
            tracks.append(assemble_track([points], 0.0, (image.shape[1], image.shape[0]), what))
    return tracks
