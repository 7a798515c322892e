"""A small off-centre face turned (issue #9, fresh sweep h26-fresh (3)): lp_s3 at 1/4 (face ~32 px) on a canvas of
its border colour, preset:turn, drew the near cheek as a pale flat band (frames 10-13) and washed the jaw and neck
below the chin into a pale smear (40-44). Cause: the stretch limit's floors for tiny triangles were px
(`stretch_limit.MIN_TWICE_AREA`, `TINY_WIDTH_PX`), so most of a small face's outline slivers were let open to 3 px,
0.1 face sizes; they now shrink with a face under `SMALL_FACE_PX` (`figures.flat_blocks` reads it)."""

from __future__ import annotations

import numpy as np
import pytest
from group_photo import on_canvas, resized
from mesh_faces import landmarks, portrait
from test_flat_blocks import turn_figures

from facereel.engines.mesh import small_face
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.upscaled_gap import scaled_back, upscaled, upscaled_gap
from facereel.engines.mesh.geometry import stretch_limit
from facereel.engines.mesh.small_face import UpscaledFace
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (11, 12, 41, 42, 43)  # the pale cheek band's and the jaw's smear's frames of preset:turn (2 s)


def _small_face() -> tuple[np.ndarray, np.ndarray]:
    """lp_s3 at 1/4 (141 x 182) at (60, 40) of a 270 x 240 canvas of its border colour (the sweep's 1280 x 720
    picture's pixels round the face, which draw alike), and its (478, 3) landmarks px."""
    image, _ = portrait("lp_s3")
    h, w = image.shape[:2]
    small = np.ascontiguousarray(np.asarray(on_canvas([resized(image, (w // 4, h // 4))], [(60, 40)], (270, 240))))
    lm = landmarks(small)
    if lm is None:
        pytest.skip("no face found in lp_s3 at 1/4")
    return small, lm


def _figures(image: np.ndarray, lm: np.ndarray) -> tuple[float, float]:
    """`flat_blocks` on the source repeated and its mean over `FRAMES` of preset:turn."""
    still, turned = turn_figures(image, lm, FRAMES)
    return still, float(np.mean(turned))


def test_a_small_faces_turn_opens_no_flat_blocks(monkeypatch):
    image, lm = _small_face()
    still, now = _figures(image, lm)
    with monkeypatch.context() as patch:  # the engine before: the floors in px whatever the face's size
        patch.setattr(stretch_limit, "SMALL_FACE_PX", 1e-6)
        _, before = _figures(image, lm)
    # Measured: source repeated 0, before 0.022, now 0.006 (looked at 5-6x: the near cheek's band narrower and less
    # blocky on 10-13, the jaw a little clearer on 40-44; the near cheek still paler than the photo's shade there).
    assert still == 0.0 and now <= 0.4 * before and now <= 0.01, (still, before, now)


def _turn(lm: np.ndarray) -> np.ndarray:
    """(T, 478, 3) px: preset:turn (2 s) retargeted onto `lm`, as `facereel animate` drives the mesh engine."""
    return retarget(lm, preset_motion("turn", 2.0), RetargetOptions(translate=True))


def test_a_small_face_draws_as_its_picture_upscaled():
    """What was left after the floors shrank (h26-smallturn): the near cheek paler than the photo's shade (frames
    10-13) and the jaw below the chin washed into the neck (40-44), where the picture upscaled 4x, animated and scaled
    back was clean (`figures.upscaled_gap`). A face under `SMALL_FACE_PX` is now drawn on its crop upscaled
    (`small_face.UpscaledFace`); at rest it gives the source back bit for bit."""
    image, lm = _small_face()
    big = upscaled(image)
    big_lm = landmarks(big)
    targets, big_targets = _turn(lm), _turn(big_lm)
    reference, still = MeshAnimator(big, big_lm), scaled_back(big)
    before, now = MeshAnimator(image, lm), mesh_animator(image, lm)
    assert isinstance(now, UpscaledFace) and now.scale * face_size(lm) >= small_face.WORKING_FACE_PX
    assert np.array_equal(now.render(lm), image)
    gaps = np.array([[upscaled_gap(engine.render(targets[k]), image, scaled_back(reference.render(big_targets[k])),
                                   still) for engine in (before, now)] for k in FRAMES])
    before_gap, now_gap = gaps.mean(0)
    # Measured: before 5.4 (cheek) / 5.7 (jaw), now 2.4 / 2.8 (the source repeated 51: the turn's own change); looked
    # at 5-8x: the cheek's blocky pale band gone, its shade kept, the jaw's edge from ear to chin drawn.
    assert now_gap <= 0.6 * before_gap, (before_gap, now_gap)


def test_a_face_from_64_px_is_drawn_at_its_own_size():
    """lp_s3 at 1/2 (a 65 px face): the engine as before (`MeshAnimator`, so its frames are bit-identical)."""
    image, _ = portrait("lp_s3")
    h, w = image.shape[:2]
    half = np.ascontiguousarray(np.asarray(resized(image, (w // 2, h // 2))))
    lm = landmarks(half)
    assert lm is not None and face_size(lm) >= stretch_limit.SMALL_FACE_PX
    assert type(mesh_animator(half, lm)) is MeshAnimator


def test_a_small_faces_mouth_reads_the_photos_softness_once(monkeypatch):
    """`UpscaledFace` reads the photo's softness round its mouth once, on the photo, and hands it to the engine on
    the upscaled copy (the copy is softer than its pixels: read there, the opening would be blurred as a magnified
    photo's, `mouth_finish`); it read it twice at set-up (the engine on the copy, then the photo over it)."""
    from facereel.engines.mesh.open_mouth import mouth, mouth_finish

    image, lm = _small_face()
    reads: list[tuple[int, int]] = []

    def counted(picture: np.ndarray, points: np.ndarray) -> float:
        reads.append(picture.shape[:2])
        return mouth_finish.softness(picture, points)

    monkeypatch.setattr(mouth, "softness", counted)
    monkeypatch.setattr(small_face, "softness", counted)
    engine = mesh_animator(image, lm)
    assert isinstance(engine, UpscaledFace)
    assert reads == [image.shape[:2]], reads
    own, copy = mouth_finish.softness(image, lm), mouth_finish.softness(engine.inner.source, engine.inner.source_landmarks)
    assert engine.inner.mouth.soft == own and copy > own, (own, copy)
