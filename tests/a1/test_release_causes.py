"""The five ways facereel used to differ from the released pipeline, one small test each (issue #10).

1. SigLIP runs in float32 and only its tokens are cast; 2. pixels are scaled in float32 and cast once;
3. the SigLIP face crop is the FFHQ 5-point LMEDS similarity crop, bilinear, grey border, from the model frame;
4. the pose guider is not tiled unless the memory plan needs it; 5. condition frame 0 is drawn as the
release's draw_landmarks_v3 in its face box.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from facereel.condition.a1_style import REFERENCE_POINTS
from facereel.engines.a1 import A1Engine, A1Options
from facereel.engines.a1.constants import HEIGHT, WIDTH
from facereel.engines.a1.memory import resolve_offload
from facereel.engines.a1.pipeline import to_pixels
from facereel.animate.run_a1 import a1_inputs
from facereel.face import landmark_ids as ids
from facereel.face.crop import FACE_CROP_BORDER_RGB, FFHQ_TEMPLATE_512, aligned_face_crop, five_points, release_face_box
from facereel.animate.inputs import drive, source_from_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions

from .conftest import SMALL


def test_1_siglip_runs_in_float32_and_only_tokens_are_cast(tiny_weights, inputs):
    face = inputs[2]
    bf16 = A1Engine.from_pretrained(tiny_weights, "cpu", torch.bfloat16, A1Options(**SMALL))
    fp32 = A1Engine.from_pretrained(tiny_weights, "cpu", torch.float32, A1Options(**SMALL))
    assert bf16.components.face_encoder.model.dtype == torch.float32
    tokens = bf16.pipeline.encode_face(face)
    assert tokens.dtype == torch.bfloat16
    assert torch.equal(tokens, fp32.pipeline.encode_face(face).to(torch.bfloat16))


def test_2_pixels_are_scaled_in_float32_and_cast_once():
    levels = np.arange(256, dtype=np.uint8).reshape(1, 1, 256, 1).repeat(3, axis=3)
    exact = to_pixels(levels, torch.device("cpu"), torch.float32)
    assert exact[0, :, 0, 0, 0].tolist() == [-1.0] * 3 and exact[0, :, 0, 0, -1].tolist() == [1.0] * 3
    once = to_pixels(levels, torch.device("cpu"), torch.bfloat16)
    assert torch.equal(once, exact.to(torch.bfloat16)) and once.is_contiguous()
    scaled_in_bf16 = torch.from_numpy(levels).to(torch.bfloat16) / 127.5 - 1  # the old way, for scale
    assert (scaled_in_bf16.flatten() != once.permute(0, 2, 3, 4, 1).flatten()).sum() >= 3 * 100


def test_3_face_crop_is_the_ffhq_five_point_crop_from_the_model_frame(astronaut):
    source = source_from_image(astronaut)
    crop = aligned_face_crop(astronaut, source.landmarks)
    assert crop.shape == (512, 512, 3)
    # Tracked again inside the crop, the face sits on the FFHQ template: eyes within a few px, nose and mouth
    # within the robust fit's residual (mediapipe's points are not the detector's).
    import cv2

    found = five_points(source_from_image(crop).landmarks)
    assert np.abs(found[:2] - FFHQ_TEMPLATE_512[:2]).max() < 8
    assert np.abs(found - FFHQ_TEMPLATE_512).max() < 20
    # Outside the photo: facexlib's grey; a face at the photo's corner shows it.
    cornered = np.zeros((700, 700, 3), np.uint8)
    cornered[:300, :300] = cv2.resize(astronaut, (300, 300), interpolation=cv2.INTER_AREA)
    corner_crop = aligned_face_crop(cornered, source.landmarks * np.float32([300 / 512, 300 / 512, 1]) - (150, 150, 0))
    assert np.all(corner_crop[5, 5] == FACE_CROP_BORDER_RGB)
    # Bilinear: no overshoot at a sharp edge (cubic would ring beyond the two levels).
    edges = np.where(np.indices((512, 512)).sum(0)[..., None] % 64 < 32, 100, 200).astype(np.uint8).repeat(3, -1)
    warped = aligned_face_crop(edges, source.landmarks)
    assert warped.min() >= 100 and warped.max() <= 200
    # The engine's crop is taken from the 480x720 model frame, not the full-resolution photo.
    targets = drive(source, preset_motion("blink"), RetargetOptions(), fps=12.0)
    region, reference, _, face = a1_inputs(source, targets, (WIDTH, HEIGHT))
    assert reference.shape == (HEIGHT, WIDTH, 3)
    assert np.array_equal(face, aligned_face_crop(reference, region.to_region(source.landmarks)))


def test_4_pose_guider_is_tiled_only_when_memory_needs_it(tiny_weights, monkeypatch):
    engine = A1Engine.from_pretrained(tiny_weights, "cpu", torch.float32, A1Options(**SMALL))
    assert engine.options.guider_tiling == "off"
    assert engine.components.vae.use_tiling and not engine.components.pose_guider.use_tiling
    for free_gib, offload, tiling in [(80, "none", "off"), (16, "group", "off"), (10.5, "sequential", "off"),
                                     (9, "group", "on"), (7.5, "sequential", "on")]:
        monkeypatch.setattr(torch.cuda, "mem_get_info", lambda device=None, f=free_gib: (int(f * 2**30), 80 * 2**30))
        chosen = resolve_offload(A1Options(), torch.device("cuda"))
        assert (chosen.offload, chosen.guider_tiling) == (offload, tiling), free_gib
        assert resolve_offload(A1Options(guider_tiling="off", offload="none"), torch.device("cuda")).guider_tiling == "off"
    on = A1Engine.from_pretrained(tiny_weights, "cpu", torch.float32, A1Options(**SMALL, guider_tiling="on"))
    assert on.components.pose_guider.use_tiling


def test_5_frame_zero_is_drawn_in_the_face_box_as_the_release_draws_it(astronaut):
    source = source_from_image(astronaut)
    targets = drive(source, preset_motion("talk"), RetargetOptions(), fps=12.0)
    region, _, drawings, _ = a1_inputs(source, targets, (WIDTH, HEIGHT))
    frames = list(drawings)
    first, points = frames[0], region.to_region(source.landmarks)
    x, y, w, h = release_face_box((WIDTH, HEIGHT), points)
    assert 0 <= x and x + w <= WIDTH and 0 <= y and y + h <= HEIGHT and abs(w - h) <= 1  # square-ish, inside
    outside = first.copy()
    outside[y:y + h, x:x + w] = 0
    assert outside.max() == 0 and first.max() > 0  # drawn only inside the face box
    for index, colour, half in REFERENCE_POINTS:  # 2x2 pupils, 4x4 grey(200) nose tip at floor(u * box side)
        u = ((points[index, :2] - (x, y)) / (w, h)).astype(np.float32).astype(np.float64)
        px, py = int(w * u[0]) + x, int(h * u[1]) + y
        assert np.all(first[py - half:py + half, px - half:px + half] == colour), index
        assert not np.all(first[py - half - 1:py + half + 1, px - half - 1:px + half + 1] == colour), index
    # Driving frames keep the driving style: a 5x5 white nose tip, no grey square.
    nose = np.floor(region.to_region(targets)[0, ids.NOSE_TIP, :2]).astype(int)
    assert np.all(frames[1][nose[1] - 2:nose[1] + 3, nose[0] - 2:nose[0] + 3] == 255)
    assert not np.any(np.all(frames[1] == (200, 200, 200), axis=-1))


@pytest.mark.parametrize(("box", "expected"), [
    # detector box 100 wide, 120 high in a 720x480 frame: widened to 200, a 200 square centred on it
    ((300, 150, 400, 270), (250, 110, 200, 200)),
    # near the top edge: the square (y -30..170) is clipped to 0..170, then narrowed to 170 wide
    ((300, 10, 400, 130), (265, 0, 170, 170)),
])
def test_release_face_box_rules(box, expected):
    x0, y0, x1, y1 = box
    points = np.array([[x0, y0], [x1, y1]], np.float32)
    assert release_face_box((WIDTH, HEIGHT), points) == expected
