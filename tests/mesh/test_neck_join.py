"""The neck a turned head uncovers continues the photo's neck (`neck._mirrored`), read by `neck_join` (issue #9)."""

from __future__ import annotations

import numpy as np
from mesh_faces import landmarks, portrait

from facereel.engines.mesh import MeshAnimator, neck
from facereel.engines.mesh.figures.neck_join import NeckJoin
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget


def test_the_mirrored_neck_joins_the_photos_neck_without_a_step(grace_hopper):
    """grace_hopper: in each column of her neck where the mirror holds in full, the plate's tone just above
    the hole's lower edge is the photo's pixel just below it (the join has no step), and deeper up it is
    the photo's neck further down, not one flat colour. Without the mirror no column holds."""
    image = grace_hopper
    lm = landmarks(image)
    animator = MeshAnimator(image, lm)
    warp = animator.layer.neck
    rows, cols = warp.box
    x0, y0 = animator.origin.astype(int)
    crop = image[y0:, x0:]
    full = np.flatnonzero(warp.mirror_weight.max(0) > 0.99)
    assert len(full) >= 10, len(full)  # her uniform's collar leaves the neck's skin in part of the columns
    held = warp.mirror_weight > 0.99
    first = np.argmax(held[::-1], 0)  # rows from the box's bottom to the lowest mirrored row
    lowest = (rows.stop - rows.start - 1 - first)[full]  # box row just above the edge
    # (the mirror's axis is the edge smoothed along the jaw, rounded to a row: the photo's first or second row below)
    step = [np.abs(warp.mirror[lowest, full] - crop[rows.start + lowest + k, cols.start + full]).max(-1) for k in (1, 2)]
    assert np.minimum(*step).max() == 0
    assert float(warp.mirror[held].std(0).mean()) > 2.0  # texture and shading, not a flat tone


def _turned(image: np.ndarray, lm: np.ndarray, frames: list[int]) -> list[np.ndarray]:
    """Frames of preset:turn (2 s, retargeted as `animate` does)."""
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    animator = MeshAnimator(image, lm)
    return [animator.render(targets[k]) for k in frames], targets[frames]


def test_sr_18s_uncovered_neck_is_not_a_flat_patch(monkeypatch):
    """sr_18 at the far end of preset:turn (frames 36, 42, 48): the neck its turned jaw uncovers shows the
    photo's neck mirrored, not the flat shadowed tone: the flat tone's share of the neck zone falls below
    half what it is with the tone alone (`_mirrored` holding nowhere; measured 0.026 -> 0.007); the source
    repeated reads 0."""
    image, lm = portrait("sr_18")
    frames = [36, 42, 48]
    figures = NeckJoin(image, lm)
    now, targets = _turned(image, lm, frames)
    with monkeypatch.context() as patch:
        patch.setattr(neck, "_mirrored", lambda crop, *args: (np.zeros((1, 1, 3), np.float32),
                                                              np.zeros((1, 1), np.float32)))
        before, _ = _turned(image, lm, frames)
    assert figures.flat_tone(image, lm) == 0
    flat_now, flat_before = (np.mean([figures.flat_tone(f, t) for f, t in zip(run, targets)]) for run in (now, before))
    assert flat_before > 0.01 and flat_now < 0.5 * flat_before, (flat_now, flat_before)


def test_lp_s12s_shadowed_neck_tone_keeps_the_skins_warmth(monkeypatch):
    """lp_s12 (the collar against the chin) as preset:turn raises its chin (frames 15, 18, 21): the shadowed
    neck tone is the skin darkened with its chroma kept (`neck._shaded`), so the flat patch is less grey
    than with the skin's RGB scaled down (the grey-brown blob): `grey_tone` falls by over half a grey level
    (frames 15, 18, 21 measured 5.8 -> 4.9 at `SHADE` 0.85; at 0.7, where scaling the RGB greyed more, 7.4 ->
    5.9 on the 5 frames 15-42 of bench/neck_join.py); the source repeated reads 0."""
    image, lm = portrait("lp_s12")
    frames = [15, 18, 21]
    figures = NeckJoin(image, lm)
    now, targets = _turned(image, lm, frames)
    with monkeypatch.context() as patch:
        patch.setattr(neck, "_shaded", lambda crop, shade: crop.astype(np.float32) * shade[..., None])
        before, _ = _turned(image, lm, frames)
    assert figures.grey_tone(image, lm) == 0
    grey_now, grey_before = (np.mean([figures.grey_tone(f, t) for f, t in zip(run, targets)]) for run in (now, before))
    assert grey_now < grey_before - 0.5, (grey_now, grey_before)


def test_foreign_colour_sees_the_backgrounds_colour_on_the_neck_not_its_shadow(grace_hopper):
    """grace_hopper: `foreign_colour` reads 0 on the source repeated; a patch of the sky's blue (taken from
    the photo's top right corner) laid on her neck below the chin reads as foreign over its area, while the
    same patch of her own neck darkened to 0.7 (a shadowed neck keeps the skin's chroma) does not."""
    image = grace_hopper
    lm = landmarks(image)
    figures = NeckJoin(image, lm)
    assert figures.foreign_colour(image, lm) == 0
    chin = lm[152, :2].astype(int)
    face = int(np.ptp(lm[:, 1]))
    patch = (slice(chin[1] + face // 20, chin[1] + face // 5), slice(chin[0] - face // 8, chin[0] + face // 8))
    sky = image.copy()
    sky[patch] = image[5, -5]
    shadow = image.copy()
    shadow[patch] = (image[patch] * 0.7).astype(np.uint8)
    area = figures._zone(lm).sum()
    assert figures.foreign_colour(sky, lm) > 0.5 * (face // 5 - face // 20) * (face // 4) * figures.scale ** 2 / area
    assert figures.foreign_colour(shadow, lm) < 0.1 * figures.foreign_colour(sky, lm)


def test_the_shadowed_neck_reaches_under_the_ears_where_the_person_lies_below():
    """`neck._person_below` on a drawn plate: a column counts where most of the band just below the hole's
    end is the person (neck, hair or collar), not where it is the background or the hair hanging with the
    head."""
    face_px = 100.0
    hole = np.zeros((40, 8), bool)
    hole[:10] = True
    person = np.zeros((40, 8), np.float32)
    person[10:, :4] = 1  # columns 0-3: the person right below the hole; 4-5: the background
    person[10:, 6:] = 1  # columns 6-7: hair hanging with the head
    hanging = np.zeros((40, 8), np.float32)
    hanging[10:, 6:] = 1
    person[10:12, 3] = 0  # column 3: the background for a third of the band (6 px), then the person
    person[10:14, 2] = 0  # column 2: the background for two thirds of it
    end = np.full(8, 10.0, np.float32)
    below = neck._person_below(hole, person, hanging, end, (slice(0, 40), slice(0, 8)), face_px)
    assert below.tolist() == [True, True, False, True, False, False, False, False]
    assert not neck._person_below(hole, None, None, end, (slice(0, 40), slice(0, 8)), face_px).any()


def test_grace_hoppers_ears_uncover_more_of_her_neck(monkeypatch):
    """grace_hopper at 512 px, as preset:turn moves her head to either side (frames 12, 18, 42, 48): the hole
    under her ears shows more of the shadowed neck (`NeckWarp.below_jaw` over the columns where the photo's
    skin-coloured person lies below the hole, `neck._person_below`) and less of the sky's blue and the flag's
    colours: `foreign_beside` falls against the same engine with no such column (measured 0.055 -> 0.051 on
    the mean); the source repeated reads 0."""
    from facereel.animate.inputs import Source
    from facereel.animate.run import resize_source

    from conftest import _grace_hopper

    full = _grace_hopper()
    source = resize_source(Source(image=full, landmarks=landmarks(full)), 512)
    image, lm = source.image, source.landmarks
    frames = [12, 18, 42, 48]
    figures = NeckJoin(image, lm)
    now, targets = _turned(image, lm, frames)
    with monkeypatch.context() as patch:
        patch.setattr(neck, "_person_below", lambda hole, *args: np.zeros(args[-2][1].stop - args[-2][1].start, bool))
        before, _ = _turned(image, lm, frames)
    assert figures.foreign_beside(image, lm) == 0
    beside_now, beside_before = (np.mean([figures.foreign_beside(f, t) for f, t in zip(run, targets)])
                                 for run in (now, before))
    assert beside_now < beside_before - 0.002, (beside_now, beside_before)
