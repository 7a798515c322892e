"""`figures.chin_smear` on the overlap picture (lp_s1 partly in front of lp_s5, `overlap_photo.one_in_front`, real
portraits), both faces driven by lp_d12 through `FaceGroup` as `facereel animate --face-index all` drives them: the
pale smear under the back face's chin where the front head moves right (issue #12: the front plate's fill of its
hanging hair's hole carried the collar's white in as one smooth colour; now her body's rows go on behind the hair,
`plate_fill.row_mirror`)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import portrait
from overlap_photo import one_in_front, scaled_to

from facereel.animate.inputs import Source, drive
from facereel.animate.options import AnimateOptions
from facereel.engines.mesh import layers
from facereel.engines.mesh.face_regions import FaceRegions
from facereel.engines.mesh.figures.chin_smear import chin_smear, smear_zone
from facereel.engines.mesh.group import FaceGroup
from facereel.engines.mesh.open_mouth.hidden_corners import mesh_retarget
from facereel.face.every_face import track_faces
from facereel.motion.extract import extract_motion

SMEARED = (38, 50, 164, 168)
"""lp_d12 frames where the front head has moved right off its hanging hair's place (36-50, 164-172)."""
STILL = (30, 120)
"""lp_d12 frames where it has not."""


@pytest.fixture(scope="module")
def smear_frames(shared_data, shared_track) -> dict[str, object]:
    """The picture, the back portrait in it (what the pasted head hides), the zone, the front head's alpha as the
    photo has it, and per engine ("now"; "before": without `row_mirror`) and lp_d12 frame of `SMEARED` and `STILL`
    the group's render with the largest drawn alpha of its two faces ((H, W) float32)."""
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

    def full(index: int, crop: np.ndarray) -> np.ndarray:
        out = np.zeros(image.shape[:2], np.float32)
        x0, y0, x1, y1 = group.animators[index].box
        out[y0:y1, x0:x1] = crop
        return out

    rendered = {}
    for name, engine in (("now", group), ("before", before)):
        for t in SMEARED + STILL:
            frame = engine.render({index: points[t] for index, points in targets.items()})
            rendered[name, t] = (frame, np.maximum(*(full(index, engine.animators[index].drawn_alpha())
                                                     for index in (0, 1))))
    head = full(1, group.animators[1].layer.alpha)
    zone = smear_zone(FaceRegions(faces, (image.shape[1], image.shape[0])), head, 0, 1)
    return dict(image=image, hidden=scaled_to(back, image.shape[0]), zone=zone, head=head, rendered=rendered)


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
              for key, (frame, drawn) in smear_frames["rendered"].items()}
    assert all(counts["before", t] > 40 for t in SMEARED), counts
    assert not any(counts[name, t] for name in ("now", "before") for t in STILL), counts
    assert sum(counts["now", t] for t in SMEARED) < 0.25 * sum(counts["before", t] for t in SMEARED), counts
