"""`figures.chin_smear` on the overlap picture (lp_s1 partly in front of lp_s5, `overlap_photo.one_in_front`, real
portraits), both faces driven by lp_d12 through `FaceGroup` as `facereel animate --face-index all` drives them: the
pale smear under the back face's chin where the front head moves right (issue #12: the front plate's fill of its
hanging hair's hole carried the collar's white in as one smooth colour; now her body's rows go on behind the hair,
`plate_fill.row_mirror`); on the same frames, `figures.light_specks` at the hair's foot (that row fill's reflected
collar highlights) and `figures.side_hair_copy.left_strip` (no strip of the front side hair left standing)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from overlap_photo import one_in_front, scaled_to

from facereel.animate.inputs import Source, drive
from facereel.animate.options import AnimateOptions
from facereel.engines.mesh import layers
from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.face_regions import FaceRegions, front_measures
from facereel.engines.mesh.figures.chin_smear import chin_smear, smear_zone
from facereel.engines.mesh.figures.light_specks import light_specks
from facereel.engines.mesh.figures.side_hair_copy import hair_zone, left_strip
from facereel.engines.mesh.group import FaceGroup
from facereel.engines.mesh.open_mouth.hidden_corners import mesh_retarget
from facereel.engines.mesh.plate_fill import row_mirror
from facereel.face import landmark_ids as ids
from facereel.face.every_face import track_faces
from facereel.motion.extract import extract_motion

SMEARED = (38, 50, 164, 168)
"""lp_d12 frames where the front head has moved right off its hanging hair's place (36-50, 164-172)."""
STILL = (30, 120)
"""lp_d12 frames where it has not."""
FOOT = 1.0
"""Back-face sizes below her chin and out of her oval: how far the zone below the front hair's foot reaches (the
specks 0.44-0.69 out, the front head's other side 1.3-1.5)."""


@pytest.fixture(scope="module")
def smear_frames(shared_data, shared_track) -> dict[str, object]:
    """The picture, the back portrait in it (what the pasted head hides), the zone, the front head's alpha as the
    photo has it, per engine ("now"; "before": without `row_mirror`; "pixelwise": `row_mirror` reading the photo
    against each reflected pixel alone, `AROUND` 1, on `SMEARED` only) and lp_d12 frame of `SMEARED` and `STILL` the
    group's render with the largest drawn alpha of its two faces and the front face's ((H, W) float32), the back
    face's target landmarks per frame, and `side_hair_copy.hair_zone`'s (zone, hair) ("side")."""
    back = portrait("lp_s5")[0]
    image = one_in_front(back, portrait("lp_s1")[0])
    faces = track_faces(image)
    motion = extract_motion(shared_track("lp_d12"))
    options = AnimateOptions()
    targets = {index: drive(Source(image, faces[index]), motion, mesh_retarget(options.retarget, image, faces[index]))
               for index in range(len(faces))}
    group = FaceGroup(image, faces, [0, 1])
    with pytest.MonkeyPatch.context() as patch:  # the engine before: the body's ring fill alone
        patch.setattr(layers, "mirrored_rows", lambda crop, hole, beside, grow_px: None)
        before = FaceGroup(image, faces, [0, 1])
    with pytest.MonkeyPatch.context() as patch:  # the row fill before h45-behind: each reflected pixel alone
        patch.setattr(row_mirror, "AROUND", 1)
        pixelwise = FaceGroup(image, faces, [0, 1])

    def full(index: int, crop: np.ndarray) -> np.ndarray:
        out = np.zeros(image.shape[:2], np.float32)
        x0, y0, x1, y1 = group.animators[index].box
        out[y0:y1, x0:x1] = crop
        return out

    rendered = {}
    for name, engine, frames in (("now", group, SMEARED + STILL), ("before", before, SMEARED + STILL),
                                 ("pixelwise", pixelwise, SMEARED)):
        for t in frames:
            frame = engine.render({index: points[t] for index, points in targets.items()})
            drawn = [full(index, engine.animators[index].drawn_alpha()) for index in (0, 1)]
            rendered[name, t] = (frame, np.maximum(*drawn), drawn[1])
    head = full(1, group.animators[1].layer.alpha)
    regions = FaceRegions(faces, (image.shape[1], image.shape[0]))
    zone = smear_zone(regions, head, 0, 1)
    side = hair_zone(head, regions.outside(1), regions.below_chin(1), regions.below_chin(0),
                     float(front_measures(faces)[0][0]))
    return dict(image=image, hidden=scaled_to(back, image.shape[0]), zone=zone, head=head, rendered=rendered,
                foot=smear_zone(regions, head, 0, 1, FOOT, FOOT), side=side, back=targets[0])


def test_the_pale_smear_under_the_back_chin_is_counted_and_gone(smear_frames) -> None:
    """Where the front head moved right (lp_d12 38, 50, 164, 168) the engine before's bare plate under her chin is
    smooth where the photo and the back portrait have grain on over 40 px a frame (measured 49 / 46 / 106 / 46 px
    with the front head's move away from her capped, `away_cap`, h44-front; 88 / 88 / 103 / 92 uncapped); now on
    under a quarter as many over those frames (0 / 0 / 4 / 0; uncapped 9 / 9 / 8 / 0: her collar's ruffles and her
    neck's shade go on behind the hair); where it did not move so (30, 120) neither counts any; the source repeated and the back
    portrait itself (what the head hides): 0."""
    image, hidden, zone = smear_frames["image"], smear_frames["hidden"], smear_frames["zone"]
    assert zone.sum() > 500
    assert not chin_smear(image, image, hidden, zone, smear_frames["head"]).any()
    assert not chin_smear(hidden, image, hidden, zone, np.zeros(zone.shape, np.float32)).any()
    counts = {key: int(chin_smear(frame, image, hidden, zone, drawn).sum())
              for key, (frame, drawn, _) in smear_frames["rendered"].items()}
    assert all(counts["before", t] > 40 for t in SMEARED), counts
    assert not any(counts[name, t] for name in ("now", "before") for t in STILL), counts
    assert sum(counts["now", t] for t in SMEARED) < 0.25 * sum(counts["before", t] for t in SMEARED), counts


def test_no_light_specks_at_the_front_hairs_foot(smear_frames) -> None:
    """Below the front hair's foot (the front head as the photo has it below her chin, outside the front oval, near
    her face: `smear_zone` to `FOOT`) the row fill read each photo pixel against its reflection alone: a highlight
    of her collar reflected over its darker folds passed for hair over her body and was laid, two or three white dots
    (`light_specks`; measured 5 / 6 / 7 / 5 px on lp_d12 38 / 50 / 164 / 168). Read against the darkest reflected
    pixel round it (`row_mirror.AROUND`) it keeps her collar as the photo: none on those frames (nor on the other
    frames of 36-50 and 164-172: the pixelwise fill 0-7 px a frame); the source repeated and the back portrait (what
    the front head hides) 0. Left (not the row fill): on 30, where the front head moved down, 2 px of her collar's
    white in the front hair's soft lower edge."""
    image, hidden, foot = smear_frames["image"], smear_frames["hidden"], smear_frames["foot"]
    none = np.zeros(foot.shape, np.float32)
    assert foot.sum() > smear_frames["zone"].sum()
    assert not light_specks(image, image, hidden, foot, none).any()
    assert not light_specks(hidden, image, hidden, foot, none).any()
    counts = {key: int(light_specks(frame, image, hidden, foot, drawn).sum())
              for key, (frame, drawn, _) in smear_frames["rendered"].items()}
    assert all(counts["pixelwise", t] >= 3 for t in SMEARED), counts
    assert not any(counts["now", t] for t in SMEARED), {key: count for key, count in counts.items() if count}


def test_no_strip_of_the_front_side_hair_is_left_standing_on_lp_d12(smear_frames) -> None:
    """`left_strip` on the frames where the front head moved right (the move away from her capped, `away_cap`) and
    where it did not: 0. Read in the frame alone (the photo not asked to be as dark there) it counted her own eye
    moved down into the zone by lp_d12's nod, past her light cheek (10 / 5 / 8 / 38 px on 38 / 50 / 164 / 168, 34 /
    33 on 166 / 170; h45-behind): on 168 her eye as driven lies in the zone, off the front head, as dark as the
    front side hair in the frame where the photo shows her lighter cheek."""
    image, (zone, hair) = smear_frames["image"], smear_frames["side"]
    for t in SMEARED + STILL:
        frame, _, front = smear_frames["rendered"]["now", t]
        assert not left_strip(frame, image, zone, hair, front).any(), t
    frame, _, front = smear_frames["rendered"]["now", 168]
    irises = [np.round(smear_frames["back"][168][list(iris), :2].mean(0)).astype(int)
              for iris in (ids.RIGHT_IRIS, ids.LEFT_IRIS)]
    inside = [(x, y) for x, y in irises if zone[y, x]]
    assert len(inside) == 1, irises
    x, y = inside[0]
    luma = np.array([frame[y, x], image[y, x]], np.float32) @ LUMA
    level = np.percentile(image.astype(np.float32)[hair] @ LUMA, 75)
    assert front[y, x] < 0.5 and luma[0] <= level < luma[1], (x, y, luma, level)
