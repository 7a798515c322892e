"""A pale skin block behind the near ear of a turned, raised head (issue #9; docs/status.md "## Next" "sr_18 512 x
preset:turn (2 s) 36-44", seen at the forty-sixth's end review).

sr_18 at 512 x preset:turn (2 s, retargeted unsmoothed with the head moved), frames 36-44: the head turns its face
towards image right and rises; the near ear (image left) and the jaw beside it move in and up, and the plate they
uncover behind the ear shows a pale skin block with the old jaw's creases in it over the dark crowd, its top level
and its left side straight. Read by `figures.pale_block.past_neck` in the box behind the photo's near ear
(`behind_ear`), outward of the neck's near outline continued from under the photo's ear up to the frame's lobe (a neck
drawn up to the lobe is no fault; the block's protrusion and square corner over the crowd are): the source repeated
0 (the photo's jaw corner under the lobe kept).

Traced (h47-sr18ear): the drawn head's alpha there is 0, so the block is the plate's: its fill under the photo's near
ear is the body's (`plate.neck_body_side` 0.6-1: the neck nearer than the crowd; the neck band's fill from the person
below), with the neck's shadowed tone and the mirrored neck's creases laid over it (`follow` 0-0.3 on the near side:
those columns hardly move). Behind and under a near ear the neck runs up to the skull (the crowd laid level above the
neck's end, cfa6e917, cut it under the lobe: the head looked severed). Mended (h48-sr18ear, `neck_layer.near_bare`):
where the near jaw moves in, the plate and the moved neck plate are laid with the crowd past the neck's near outline
continued from the photo's outline under the lobe (`NeckWarp.near_end`) to the moved jaw line's end at the lobe:
main 0.67 / 0.67 / 0.40, now 0.04 / 0.06 / 0.06 (crops /tmp/h48-sr18ear/final.png).
"""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.pale_block import behind_ear, past_neck
from facereel.engines.mesh.neck_layer import near_bare
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SIZE = 512
"""px: the portrait's longer side."""
FRAMES = (36, 40, 44)
"""preset:turn (2 s) frames where the block showed."""
BLOCK_MOST = 0.1
"""`past_neck`'s share behind the near ear allowed on each of `FRAMES` (the source repeated 0; main before
h48-sr18ear 0.67 / 0.67 / 0.40)."""


@pytest.fixture(scope="module")
def turned() -> tuple[float, list[float]]:
    """`past_neck` behind sr_18's near ear on the source repeated (its own head alpha) and on `FRAMES`."""
    image, lm = portrait("sr_18")
    source = resize_source(Source(image=image, landmarks=lm), SIZE)
    animator = MeshAnimator(source.image, source.landmarks)
    (ox, oy), shape = animator.origin.astype(int), source.image.shape[:2]

    def on_image(alpha: np.ndarray) -> np.ndarray:
        whole = np.zeros(shape, np.float32)
        whole[oy:oy + alpha.shape[0], ox:ox + alpha.shape[1]] = alpha
        return whole

    photo_alpha = on_image(animator.mask.alpha)
    near = behind_ear(source.image, photo_alpha, source.landmarks, face_size(source.landmarks))
    assert near is not None
    targets = retarget(source.landmarks, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    reads = []
    for k in FRAMES:
        frame = animator.render(targets[k])
        reads.append(past_neck(frame, on_image(animator.drawn_alpha()), near, targets[k]))
    return past_neck(source.image, photo_alpha, near, source.landmarks), reads


def test_the_source_repeated_shows_no_block_behind_its_near_ear(turned: tuple[float, list[float]]) -> None:
    assert turned[0] < 0.1 * BLOCK_MOST, turned[0]


def test_no_pale_block_behind_the_near_ear_of_a_turned_raised_head(turned: tuple[float, list[float]]) -> None:
    assert max(turned[1]) < BLOCK_MOST, turned[1]



def test_the_lay_on_the_regions_box_is_the_whole_crops_there(monkeypatch: pytest.MonkeyPatch) -> None:
    """`near_bare.laid` read on `region`'s box only (the forty-ninth session: no full-crop grids on each moved-in
    frame) is the whole crop's lay there bit for bit, on every frame of `FRAMES` that lays it; that box holds every
    pixel of the region above 0 (its outer rows and columns have some) and is smaller than the crop."""
    image, lm = portrait("sr_18")
    source = resize_source(Source(image=image, landmarks=lm), SIZE)
    animator = MeshAnimator(source.image, source.landmarks)
    where, _, box, _ = animator.layer._near_bare
    crop = animator.layer.alpha.shape
    assert where[0].any() and where[-1].any() and where[:, 0].any() and where[:, -1].any()
    assert where.shape[:2] == (box[0].stop - box[0].start, box[1].stop - box[1].start)
    assert where.shape[0] * where.shape[1] < 0.25 * crop[0] * crop[1]
    laid, calls = near_bare.laid, []

    def recording(neck, target_jaw, on, px):
        calls.append((neck, np.copy(target_jaw), on, px))
        return laid(neck, target_jaw, on, px)

    monkeypatch.setattr(near_bare, "laid", recording)
    targets = retarget(source.landmarks, preset_motion("turn", 2.0), RetargetOptions(smoothing=None, translate=True))
    for k in FRAMES:
        animator.render(targets[k])
    whole = (slice(0, crop[0]), slice(0, crop[1]))
    bounded = [(laid(*call), laid(call[0], call[1], whole, call[3])) for call in calls]
    assert sum(part is not None for part, _ in bounded) >= 2
    for part, full in bounded:
        assert (part is None) == (full is None)
        if part is not None:
            assert np.array_equal(part, full[box])
