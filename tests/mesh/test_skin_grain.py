"""The head layer's solid inside read bicubic (`sharp_inside`): a moved face keeps the photo's grain, scored by
`figures.skin_grain`; its soft edges and whole-pixel reads stay as the bilinear remap draws them."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from mesh_faces import set_up_copy, streamed_targets

from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, empty_taps, remap_linear
from facereel.engines.mesh.eye.sharp_eyes import EYES, SHARP, boxes_on, restore_detail
from facereel.engines.mesh.figures.skin_grain import SkinGrain
from facereel.engines.mesh.sharp_inside import FEATHER, REACH, SharpInside

FRAMES = range(4, 40, 2)
"""The driver's frames read: lp_d3's talking head moving by fractions of a pixel, a wink and a turn."""


def _grain(shared_data: Path, photo: str) -> float:
    """`photo` at 512 x lp_d3 0-40, the default `MeshOptions` (`sharp_inside` on since the thirty-ninth session): the
    mean over `SkinGrain`'s discs of their medians over FRAMES; the source repeated checked to read 1."""
    image, lm, targets = streamed_targets(shared_data, photo, "lp_d3", FRAMES[-1] + 1)
    animator = set_up_copy(image, lm, MeshOptions())
    grain = SkinGrain(image, lm)
    np.testing.assert_allclose(grain(animator.render(lm), lm), 1.0)
    reads = []
    for k, target in enumerate(targets):
        frame = animator.render(target)
        if k in FRAMES:
            reads.append(grain(frame, target))
    return float(np.nanmedian(np.array(reads), 0).mean())


def test_moved_faces_keep_the_photos_grain(shared_data: Path) -> None:
    """lp_s12 (an old grainy photo) and lp_s1 at 512 x lp_d3 0-40: the bilinear remap smoothed the cheeks' and the
    chin's grain to 0.80 / 0.85 of the photo's (means over the discs of the medians over the frames; the source
    repeated 1); read bicubic inside: 0.93 / 0.95."""
    assert _grain(shared_data, "lp_s12.jpg") > 0.88
    assert _grain(shared_data, "lp_s1.jpg") > 0.9


def _layer(shift: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A random grain (60, 80, 3) uint8 (grey levels 50-200, ~1 px) with a head alpha solid on its left half and soft past it, the premultiplied
    head layer (over a black plate) remapped bilinearly by a map reading `shift` (x, y) px off each pixel: photo,
    alpha, maps, the bilinear head (60, 80, 4) float32 and the same with `SharpInside` applied."""
    rng = np.random.default_rng(1)
    photo = cv2.GaussianBlur(rng.uniform(50, 200, (60, 80, 3)).astype(np.float32), (0, 0), 0.7).astype(np.uint8)
    alpha = np.clip((50 - np.arange(80, dtype=np.float32)) / 10, 0, 1)[None].repeat(60, 0)
    layer = np.dstack([photo.astype(np.float32) * alpha[..., None], alpha])
    ys, xs = np.mgrid[0:60, 0:80].astype(np.float32)
    maps = np.dstack([xs + shift[0], ys + shift[1]]).astype(np.float32)
    head = np.empty((60, 80, 4), np.float32)
    remap_linear(layer, maps, BILINEAR_WEIGHTS, empty_taps(layer), head)
    sharp = head.copy()
    SharpInside(photo, alpha).apply(sharp, maps)
    return photo, alpha, maps, head, sharp


def test_only_the_solid_inside_is_read_bicubic() -> None:
    """A map moving by whole pixels changes nothing; by fractions, the pixels `REACH` + `FEATHER` px inside the solid
    head take OpenCV's bicubic sample (1/100 grey level), those within `REACH` px of its soft edge
    (alpha < 1 from column 41; the crop's sides too) and the alpha everywhere stay bilinear, bit for bit."""
    _, _, _, head, sharp = _layer((2.0, -1.0))
    np.testing.assert_array_equal(sharp, head)
    photo, _, maps, head, sharp = _layer((0.4, 0.3))
    cubic = cv2.remap(photo.astype(np.float32), maps, None, cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    edge = int(REACH + FEATHER) + 1  # the crop's sides count as the head's edge too
    deep = (slice(edge, -edge - 1), slice(edge, 41 - edge))  # alpha 1 to column 40
    np.testing.assert_allclose(sharp[deep][..., :3], cubic[deep], atol=0.01)
    assert np.abs(sharp[deep][..., :3] - head[deep][..., :3]).mean() > 2  # the grain: far apart
    near = int(41 - REACH)  # reads from here on lie within REACH px of the soft edge
    np.testing.assert_array_equal(sharp[:, near:], head[:, near:])
    np.testing.assert_array_equal(sharp[..., 3], head[..., 3])


def test_the_eyes_detail_is_given_over_what_was_drawn() -> None:
    """`sharp_eyes.restore_detail` given the inside read bicubic gives back the `SHARP` sample less that (not less
    the bilinear one, twice sharpened): the eye's box comes out as the `SHARP` sample (within rounding)."""
    photo, alpha, maps, _, sharp = _layer((0.4, 0.3))
    crop = np.clip(np.round(sharp[..., :3]), 0, 255).astype(np.uint8)
    target = np.zeros((478, 3), np.float32)
    target[:, :2] = (70, 55)  # the image-right eye a dot in the corner, the image-left one round (20, 30)
    eye = list(EYES[0][0])
    target[eye, :2] = np.random.default_rng(2).uniform((12, 22), (28, 38), (len(eye), 2)).astype(np.float32)
    before = crop.copy()
    box = (slice(0, 60), slice(0, 80))
    restore_detail(crop, photo, maps, alpha, box, None, boxes_on(target, np.zeros(2, np.float32), box, (60, 80)),
                   SharpInside(photo, alpha))
    lanczos = cv2.remap(photo, maps, None, SHARP, borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    inner = (slice(26, 34), slice(16, 24))  # inside both eye boxes' feathers: the detail given back in full
    assert (crop[inner] != before[inner]).any()
    assert np.abs(crop[inner].astype(np.float32) - lanczos[inner]).max() <= 1.5
