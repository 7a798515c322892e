"""Two-person pictures for the several-faces tests and `bench/faces.py`: real portraits placed side by side or on a
canvas at their own scales, windows of real driving videos, and the mouth opening that re-tracking reads."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.figures.paired_faces import mouth_opening
from facereel.engines.mesh.group import FaceGroup
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video
from facereel.media.writer import VideoWriter
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def side_by_side(images: list[np.ndarray], height: int) -> np.ndarray:
    """(height, W, 3) uint8 RGB: each (H, W, 3) portrait scaled to `height` px, placed left to right."""
    scaled = [cv2.resize(image, (round(image.shape[1] * height / image.shape[0]), height),
                         interpolation=cv2.INTER_AREA) for image in images]
    return np.ascontiguousarray(np.concatenate(scaled, axis=1))


def two_people(portraits: Path, out: Path) -> Path:
    """`out`: two real portraits of ../shared/data (lp_s1 | lp_s5) side by side, 400 px high, written as a PNG."""
    write_image(out, side_by_side([read_image(portraits / name) for name in ("lp_s1.jpg", "lp_s5.jpg")], 400))
    return out


def resized(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """(height, width, 3) uint8: `image` resized to `size` (width, height) px."""
    return np.asarray(Image.fromarray(image).resize(size))


def on_canvas(images: list[np.ndarray], at: list[tuple[int, int]], size: tuple[int, int]) -> Image.Image:
    """Each (H, W, 3) image placed with its top-left at its `at` (x, y) px on a (width, height) canvas of the first
    one's border colour (the median of its edge pixels), as a PIL image."""
    first = images[0]
    edges = np.concatenate([first[0], first[-1], first[:, 0], first[:, -1]])
    canvas = np.empty((size[1], size[0], 3), np.uint8)
    canvas[:] = np.median(edges, axis=0).astype(np.uint8)
    for image, (x, y) in zip(images, at):
        canvas[y:y + image.shape[0], x:x + image.shape[1]] = image
    return Image.fromarray(canvas)


PLACES = ("beside", "higher", "left")
"""Where `second_face` puts the smaller person: right of the larger one with the bottoms level (beside), right
of it with the tops level (higher: a person standing behind), or left of it with the bottoms level."""


def face_width(image: np.ndarray) -> float:
    """Px: the detector box width of the largest face in an (H, W, 3) uint8 RGB image."""
    from facereel.face.tracking import detect_faces

    return max(x1 - x0 for x0, _, x1, _, _ in detect_faces(image))


def scaled_to_face(image: np.ndarray, width: float) -> np.ndarray:
    """(h, w, 3) uint8: `image` resized (aspect kept) so that its largest face is `width` px wide."""
    scale = width / face_width(image)
    return resized(image, (round(image.shape[1] * scale), round(image.shape[0] * scale)))


def second_face(large: np.ndarray, small: np.ndarray, ratio: float, place: str) -> np.ndarray:
    """(H, W, 3) uint8 RGB: the portrait `large` as it is and `small` scaled so its face is `ratio` of the large
    face's width, 40 px apart at `place` (one of `PLACES`), on a canvas of `large`'s border colour 20 px wider
    each side and 40 px taller."""
    second = scaled_to_face(small, ratio * face_width(large))
    (h0, w0), (h1, w1) = large.shape[:2], second.shape[:2]
    height = max(h0, h1) + 40
    at = {"beside": [(20, height - h0), (w0 + 60, height - h1)], "higher": [(20, height - h0), (w0 + 60, 0)],
          "left": [(w1 + 60, height - h0), (20, height - h1)]}[place]
    return np.asarray(on_canvas([large, second], at, (w0 + w1 + 80, height)))


def into_crowd(photo: np.ndarray, small: np.ndarray, ratio: float, place: str) -> np.ndarray:
    """(H, W, 3) uint8 RGB: `small` scaled so its face is `ratio` of `photo`'s largest face's width, pasted into a
    copy of `photo` 20 px from its left edge, 10 px below its top (`place` "higher") or at its bottom (else; a
    portrait taller than the photo is cut at the photo's bottom): a second person among sr_18's blurred crowd."""
    second = scaled_to_face(small, ratio * face_width(photo))
    out = photo.copy()
    y = 10 if place == "higher" else max(photo.shape[0] - second.shape[0], 0)
    h, w = min(second.shape[0], photo.shape[0] - y), second.shape[1]
    out[y:y + h, 20:20 + w] = second[:h]
    return out


CUT_SIDE = (320, 150, 1145, 1145)
"""lp_s1's box (x0, y0, x1, y1) px that cuts her near ear and the hair round it off the left edge."""


def small_beside(portraits: Path) -> np.ndarray:
    """(440, 614, 3) uint8 RGB: lp_s1 at 400 x 400 with lp_s12 beside her at 0.4 of her face's width (`second_face`;
    faces 133 / 57 px) from the folder `portraits`."""
    return second_face(resized(read_image(portraits / "lp_s1.jpg"), (400, 400)), read_image(portraits / "lp_s12.jpg"),
                       0.4, "beside")


def cut_beside(portraits: Path) -> np.ndarray:
    """(400, 732, 3) uint8 RGB: lp_s1 cut to `CUT_SIDE` beside lp_s5, 400 px high (`side_by_side`), from the folder
    `portraits`."""
    x0, y0, x1, y1 = CUT_SIDE
    return side_by_side([read_image(portraits / "lp_s1.jpg")[y0:y1, x0:x1], read_image(portraits / "lp_s5.jpg")], 400)


CUT_CHIN = (150, 0, 850, 735)
"""lp_s1's box (x0, y0, x1, y1) px that cuts her at the chin (her neck off the bottom; tests/mesh/test_cut_neck)."""


def chin_beside(portraits: Path) -> np.ndarray:
    """(400, 781, 3) uint8 RGB: lp_s1 cut to `CUT_CHIN` beside lp_s5, 400 px high, from the folder `portraits`."""
    x0, y0, x1, y1 = CUT_CHIN
    return side_by_side([read_image(portraits / "lp_s1.jpg")[y0:y1, x0:x1], read_image(portraits / "lp_s5.jpg")], 400)


def turned(faces: np.ndarray) -> list[np.ndarray]:
    """Each face's (T, 478, 3) px targets: preset:turn (2 s) retargeted onto its (478, 3) px landmarks in `faces`."""
    return [retarget(points, preset_motion("turn", 2.0), RetargetOptions(translate=True)) for points in faces]


def turned_group(image: np.ndarray, faces: np.ndarray, face: int, frames: tuple[int, ...]
                 ) -> tuple[FaceGroup, list[np.ndarray], list[np.ndarray]]:
    """The `FaceGroup` of every face ((F, 478, 3) px) of `image`, its frames `frames` of preset:turn (2 s, every face,
    as `--face-index all` drives them) and the same frames of face `face` animated alone (`choose_engine.mesh_animator`;
    `figures.group_alone` reads the one against the other)."""
    targets = turned(faces)
    group, alone = FaceGroup(image, faces, list(range(len(faces)))), mesh_animator(image, faces[face])
    drawn = [group.render({index: points[k] for index, points in enumerate(targets)}) for k in frames]
    return group, drawn, [alone.render(targets[face][k]) for k in frames]


def cut_window(video: Path, start: int, length: int, out: Path) -> Path:
    """Frames `start` .. `start + length - 1` of `video` written to `out` at its frame rate (no audio)."""
    with open_video(video) as source, VideoWriter(out, fps=source.fps, repeatable=True) as writer:
        for k, frame in enumerate(source.frames(fps=source.fps)):
            if k >= start + length:
                break
            if k >= start:
                writer.write(frame)
    return out


def two_person_video(videos: tuple[Path, Path], starts: tuple[int, int], count: int, height: int, out: Path,
                     hidden: tuple[int, ...] = ()) -> Path:
    """Two real videos side by side (`side_by_side` of their frames `starts[k]` .. + `count`, at the first
    video's frame rate), written to `out`; in the frames at the indices in `hidden` the left person is gone
    (their panel shows its own top-left background corner, enlarged)."""
    with (open_video(videos[0]) as left, open_video(videos[1]) as right,
          VideoWriter(out, fps=left.fps, repeatable=True) as writer):
        streams = [video.frames(fps=video.fps) for video in (left, right)]
        for stream, start in zip(streams, starts):
            for _ in range(start):
                next(stream)
        for i in range(count):
            panels = [next(stream) for stream in streams]
            if i in hidden:
                h, w = panels[0].shape[:2]
                panels[0] = cv2.resize(panels[0][:h // 6, :w // 6], (w, h), interpolation=cv2.INTER_CUBIC)
            writer.write(side_by_side(panels, height))
    return out


# lp_d19 (one speaker): two 30-frame windows that start with the mouth closed and whose mouth openings are
# anti-correlated (-0.86): A opens at once and closes at the end, B stays closed, then opens.
DRIVER_WINDOWS = {"A": 194, "B": 134}
DRIVER_LENGTH = 30
OTHER_SPEAKER = ("lp_d3.mp4", 274)
"""A second person's window (video in ../shared/data/driving, first frame) to put beside lp_d19's window A: she starts
with her mouth closed and opens it as A closes (tracked openings over DRIVER_LENGTH frames: correlation -0.82 side by
side at 360 px), at A's 30 fps."""


def lp_d19_drivers(shared_data: Path, folder: Path) -> dict[str, tuple[Path, np.ndarray]]:
    """{"A" | "B": (the DRIVER_WINDOWS clip of the real lp_d19 video written into `folder`, its tracked mouth
    opening (DRIVER_LENGTH,))}."""
    from facereel.face.tracking import track_video

    out = {}
    for name, start in DRIVER_WINDOWS.items():
        path = cut_window(shared_data / "driving" / "lp_d19.mp4", start, DRIVER_LENGTH, folder / f"{name}.mp4")
        out[name] = (path, mouth_opening(track_video(path).landmarks))
    return out



def behind_photo(portraits: Path, back: str = "lp_s12.jpg", front: str = "lp_s1.jpg", at: int = 300) -> np.ndarray:
    """(600, at + 490, 3) uint8 RGB: the portrait `back` at 450 x 600 with `front` at 600 x 600, cut from x 110, laid
    over it from x `at` (by default his right cheek and ear behind her photo's edge; `on_canvas`), from the folder
    `portraits`."""
    behind = resized(read_image(portraits / back), (450, 600))
    over = resized(read_image(portraits / front), (600, 600))[:, 110:]
    return np.asarray(on_canvas([behind, over], [(0, 0), (at, 0)], (at + 490, 600)))
