"""Faces counted in two-person pictures at different scales, and in sr_18 whose blurred crowd must stay uncounted.

The smaller person's face is 0.25-0.5 of the larger one's width (detector boxes): real portraits of
../shared/data on a canvas (`tests/group_photo.second_face`: beside, higher, on the left), and pasted into
sr_18's crowd (`into_crowd`: top or bottom left). sr_18's own crowd (scored 0.65-0.82 by the detector, 0.4-0.6
of his face's width) is counted in sr_18 at several sizes, alone and centred low on a 1280x720 grey frame, and
beside lp_s1 (`side_by_side`, the group test's frame). Each cell: faces counted (`every_face.track_faces`, the
count `--face-index all` and `--driving N=...` use) / the faces there are. The do-nothing baseline counts one
face (the largest) everywhere. Run with another tree's `src` first on PYTHONPATH for its counts.

Run: .venv/bin/python bench/group_count.py [--ratios 0.25,0.3,0.35,0.4,0.45,0.5]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from group_photo import PLACES, into_crowd, second_face, side_by_side
from markdown_table import print_markdown_table

from facereel.errors import InputError
from facereel.face.every_face import track_faces
from facereel.media.image import read_image

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LARGE = {"lp_s1": 400, "lp_s5": 500}  # px wide: faces ~136 / ~104 px
SMALL = ("lp_s3", "lp_s0", "lp_s12", "lp_s6")
CROWD_HEIGHTS = (300, 360, 480, 768)  # px: sr_18 resized to these heights (and as it is, 1072)
GROUP_HEIGHTS = (240, 300, 360, 420, 480)  # px: lp_s1 | sr_18 side by side on 1280x720


def portrait(name: str, width: int | None = None) -> np.ndarray:
    """(H, W, 3) uint8 RGB: the portrait `name` of ../shared/data, resized to `width` px wide (aspect kept)."""
    image = read_image(next((SHARED / "portraits").glob(f"{name}.*")))
    if width is None:
        return image
    return cv2.resize(image, (width, round(image.shape[0] * width / image.shape[1])), interpolation=cv2.INTER_AREA)


def counted(image: np.ndarray) -> int:
    """Faces `track_faces` counts in an (H, W, 3) uint8 RGB image (0 when it finds none)."""
    try:
        return len(track_faces(image))
    except InputError:
        return 0


def on_grey(image: np.ndarray) -> np.ndarray:
    """(720, 1280, 3) uint8: `image` centred, 60 px above the bottom, on grey 90 (the group test's frame)."""
    frame = np.full((720, 1280, 3), 90, np.uint8)
    x, y = (1280 - image.shape[1]) // 2, 660 - image.shape[0]
    frame[y:y + image.shape[0], x:x + image.shape[1]] = image
    return frame


def scale_rows(ratios: list[float]) -> Iterator[str]:
    """One row per (larger person, smaller person, place): faces counted / 2 at each ratio."""
    for large_name, width in LARGE.items():
        large = portrait(large_name, width)
        for small_name in SMALL + tuple(name for name in LARGE if name != large_name):
            small = portrait(small_name)
            for place in PLACES:
                cells = [f"{counted(second_face(large, small, ratio, place))}/2" for ratio in ratios]
                yield f"| {large_name} + {small_name} | {place} | " + " | ".join(cells) + " |"
    crowd = portrait("sr_18", 760)
    for small_name in SMALL[:3] + ("lp_s1",):
        small = portrait(small_name)
        for place in ("higher", "beside"):
            cells = [f"{counted(into_crowd(crowd, small, ratio, place))}/2" for ratio in ratios]
            yield f"| sr_18 (760 px) + {small_name} | in the crowd, {place} | " + " | ".join(cells) + " |"


def crowd_rows() -> Iterator[str]:
    """sr_18's crowd: faces counted / real faces in sr_18 alone, on grey, and beside lp_s1."""
    sr18, lp_s1 = portrait("sr_18"), portrait("lp_s1")
    yield f"| sr_18 as it is (1600 x 1072) | {counted(sr18)}/1 |"
    for height in CROWD_HEIGHTS:
        image = cv2.resize(sr18, (round(sr18.shape[1] * height / sr18.shape[0]), height), interpolation=cv2.INTER_AREA)
        yield f"| sr_18 at {height} px high | {counted(image)}/1 |"
        if image.shape[0] <= 660:
            yield f"| sr_18 at {height} px high on 1280 x 720 grey | {counted(on_grey(image))}/1 |"
    for height in GROUP_HEIGHTS:
        yield (f"| lp_s1 \\| sr_18 at {height} px high on 1280 x 720 | "
               f"{counted(on_grey(side_by_side([lp_s1, sr18], height)))}/2 |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ratios", default="0.25,0.3,0.35,0.4,0.45,0.5")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    ratios = [float(ratio) for ratio in args.ratios.split(",")]
    print(f"machine: {platform.processor() or platform.machine()}, {platform.system()}; "
          f"date {time.strftime('%Y-%m-%d')}")
    print_markdown_table(["pair", "place"] + [f"{ratio:g}" for ratio in ratios], scale_rows(ratios),
                         "Two people: faces counted / 2, by the smaller face's width over the larger one's")
    print_markdown_table(["picture", "faces counted / real"], crowd_rows(), "sr_18's crowd")


if __name__ == "__main__":
    main()
