"""`facereel edit` at the sliders' ends (issue #9 part 2, large pose; docs/status.md "## Next" "`edit` at the sliders'
ends"; h45-yawends: figures found, traced in part; sr_18's yaw end mended in part).

lp_s6 at 512 `--yaw -45` (ended at -19 by `slider_room.yaw_room`): the turned far jaw (image left) uncovers a band of
the plate beside it whose fill is a part mix of the wall's white and the statue's clay, streaked down the columns: a
white streaky smear on the far jaw (x 196-226, y 250-290), read by `figures.wall_smear`. Traced: the fill beside the
wall gives way to the wall by the head's sideways shift only (`neck_layer.shifted_wall.shift_share`), 0 on a turn
about the skull shell's centre, so a turn keeps the neck's tone laid under the ear (`under_ear`, test_wall_notch);
mended by h46-s6wall: a turn under `shifted_wall.TURNED` (this one 19 deg) lays the wall there too
(`shifted_wall.wall_share`; preset:turn's wide wedge under the ear, turned 33-45 deg, keeps the tone): 0.0116 -> 0.0046.

sr_18 at 512 `--yaw 45 --pitch -30` (ended at 32 on main, at 20 since h45-yawends: `slider_room.yaw_room` reads the
room without the pitch too): beside the neck (image right, x 368-400, y 125-195) a skin-toned
block with a straight vertical right edge over the dark crowd, read by `figures.pale_block`; under the raised chin the
photo's jaw line left on the neck, the jaw drawn twice, read by `figures.chin_ghost` (at the chin as drawn,
`FrameMap.target`); the near ear (image left) covered by the cheek moved out over it, read by the new
`figures.hidden_ear`. `--pitch -30` alone: 0.203, 0.81 and 0.10; `--yaw 20` alone (not ended: the outline 0.038 face
sizes past the ring) 0.099, 0.46 and 0.41; main (ended at 32) 0.250, 3.18 and 0.92, now (at 20) 0.223, 2.87 and
0.29. Traced: at 32 `--no-neck-layer` 0.003 and -0.33 (the ear 0.92): the block and the second jaw are the neck
layer's. Crops: /tmp/h45-yawends/v_s6.png, v18_neck.png, v18_ear.png, v18_ears.png,
v18_trace.png (3-4x).

h46-neckpitch: the block is the neck's tone laid past the neck's far side, out to the photo's far jaw outline: its
width about the jaw angles' middle (`neck.SHADE_HALF_WIDTH`) and, in the plate's fill under the photo's jaw, the tone
under the ear (`under_ear.tone_under_ear`). Mended: past the neck's far side seen just below the hole over dark
background (`neck.NeckWarp.beyond`), the plate without the tone is laid where the far jaw moves in (`NeckWarp.far_in`,
`layers.HeadLayer._move_neck`): 0.223 -> 0.018 (the source repeated 0.0009). The second jaw traced: under the raised
chin the neck (its collar line ~9 px below the hole's end) stretches up only 9-13 px, and its top carries the photo's
jaw line and its reflection in the neck's mirror (6-8 px above the hole's end; `jaw_shadow` took out the reflection's
first 0.02-0.03 face sizes only): a dark band ~14 px under the moved chin.

h47-sr18chin: mended, `jaw_shadow.REFLECTION_REACH` 0.05-0.07 face sizes (the reflection taken out whole) and the line
taken out read over `jaw_shadow.LINE_SIGMA` 0.005 (over 0.01 its thin core stayed, a dotted line): `chin_ghost` 2.87
-> 0.95 (the source repeated 0; the reach alone 1.09). Left: a small pale patch with a vertical left edge under the
chin's left half (x 326-336, y 168-177 at 512: the photo's chin below the head mask's outline beside the mirrored
lit neck, both carried up with the neck's top; its lower edge is most of what `chin_ghost` still reads).

h47-sr18patch: that patch read by the new `figures.chin_patch` (its vertical edge's height, face sizes): 0.042 (the
source repeated 0). Traced to the plate: `HeadMask.photo` (the photo kept under the chin's soft edge) ended in a
straight vertical side at x 327 (rows 173-180; the under-jaw coverage, there the neck side's sideways ramp, cut at 0.5),
the hole's fill with the mirrored lit neck right of it; mended: that photo ramped in over the coverage's 0.25-0.75
(`chin_outline.PHOTO_RAMP`): 0.008 (`chin_ghost` 0.95 -> 0.84).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pytest
from mesh_faces import portrait, still_editor, whole_image

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh.composite import face_size, grey_image
from facereel.engines.mesh.figures.chin_ghost import chin_ghost
from facereel.engines.mesh.figures.chin_patch import chin_patch
from facereel.engines.mesh.figures.covered_eye import head_reads
from facereel.engines.mesh.figures.hidden_ear import hidden_ear, near_ear
from facereel.engines.mesh.figures.pale_block import pale_block
from facereel.engines.mesh.figures.wall_smear import wall_smear
from facereel.engines.mesh.neck_layer.neck import _past_side
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.slider_options import Sliders

SIZE = 512
"""px: `facereel edit --size`."""
CHIN = 152
"""The mediapipe landmark at the chin's tip."""
STATUE_ASKED = Sliders(yaw=-45.0)
"""lp_s6's asked sliders (the yaw ended at -19)."""
SMEAR_MOST = 0.006
"""Square face sizes of `wall_smear` allowed: half of main's 0.0116 (the source repeated 0; since h46-s6wall
0.0046)."""
TURNED_UP = Sliders(yaw=45.0, pitch=-30.0)
"""sr_18's asked sliders (the yaw ended at 20; on main at 32)."""
NECK_BOX = (368, 125, 400, 195)
"""sr_18 px at 512: beside the neck on the far side, over the dark crowd (the block's place)."""
CROWD = (400, 130, 430, 195)
"""sr_18 px at 512: the dark crowd right of it, whose grey (~16) the plate there should keep."""
BLOCK_MOST = 0.02
"""`pale_block`'s share in `NECK_BOX` allowed (the source repeated 0.0009; main 0.250, now 0.223)."""
GHOST_MOST = 1.0
"""`chin_ghost` lightness per px allowed (the source repeated 0; at the yaw's end of 32 3.18, at 20 2.87, since
h47-sr18chin 0.95; `--pitch -30` alone 0.81)."""
PATCH_MOST = 0.02
"""`chin_patch` face sizes allowed: a vertical edge under 3 rows at 512 (the source repeated 0; since h47-sr18chin
0.042, 5 rows; since h47-sr18patch 0.008)."""
HIDDEN_MOST = 0.2
"""`hidden_ear`'s share of the near ear allowed (the source repeated 0; main 0.92, now 0.29; `--pitch -30` alone
0.10, drawn with the no-move sliders 0.03)."""


class Edit(NamedTuple):
    """A shared portrait at `SIZE` edited as `facereel edit` ends and draws it (images (H, W, 3) uint8 RGB, masks (H,
    W) float32 on the whole image, landmarks (478, 3) px)."""

    photo: np.ndarray
    frame: np.ndarray
    photo_alpha: np.ndarray
    drawn: np.ndarray
    person: np.ndarray
    landmarks: np.ndarray
    target: np.ndarray
    box: tuple[int, int, int, int]
    reads: np.ndarray
    """(H, W, 2) float32: the source position (x, y) px each pixel reads through the head map."""

    @property
    def crop(self) -> tuple[slice, slice]:
        """The engine's crop box as (rows, columns)."""
        x0, y0, x1, y1 = self.box
        return np.s_[y0:y1, x0:x1]


def _edited(name: str, asked: Sliders) -> Edit:
    """The shared portrait `name` at `SIZE` edited to `asked` (its yaw ended as `facereel edit` ends it)."""
    editor, source, photo_alpha = still_editor(name, SIZE)
    animator = editor.animator
    mapped = animator.map_frame(editor.target(editor.fit(asked)[0]))
    frame = animator.draw(mapped)
    return Edit(source.image, frame, photo_alpha, whole_image(editor, animator.drawn_alpha()),
                whole_image(editor, animator.mask.person), source.landmarks, mapped.target, animator.box,
                head_reads(animator, mapped, frame.shape[:2]))


@pytest.fixture(scope="module")
def statue() -> Edit:
    return _edited("lp_s6", STATUE_ASKED)


@pytest.fixture(scope="module")
def turned_up() -> Edit:
    return _edited("sr_18", TURNED_UP)


def _smear(edit: Edit, repeated: bool) -> float:
    """`wall_smear` of lp_s6's edit (or of the source repeated) on the engine's crop."""
    crop, photo, alpha = edit.crop, edit.photo, edit.photo_alpha
    shown, drawn = (photo, alpha) if repeated else (edit.frame, edit.drawn)
    return wall_smear(shown[crop], photo[crop], alpha[crop], drawn[crop], edit.person[crop], face_size(edit.landmarks))


def _block(edit: Edit, repeated: bool) -> float:
    """`pale_block` in `NECK_BOX` of sr_18's edit (or of the source repeated) against the crowd's grey."""
    x0, y0, x1, y1 = CROWD
    crowd = float(np.median(grey_image(edit.photo[y0:y1, x0:x1])))
    shown, drawn = (edit.photo, edit.photo_alpha) if repeated else (edit.frame, edit.drawn)
    return pale_block(shown, drawn, NECK_BOX, crowd)


def _ghost(edit: Edit, repeated: bool) -> float:
    """`chin_ghost` of sr_18's edit (or of the source repeated) on the engine's crop."""
    crop, photo, alpha = edit.crop, edit.photo, edit.photo_alpha
    origin = np.float32([edit.box[0], edit.box[1]])
    photo_chin = edit.landmarks[CHIN, :2] - origin
    shown, drawn, chin = ((photo, alpha, photo_chin) if repeated else
                          (edit.frame, edit.drawn, edit.target[CHIN, :2] - origin))
    return chin_ghost(shown[crop], drawn[crop], chin, photo[crop], alpha[crop], photo_chin, face_size(edit.landmarks))


def _patch(edit: Edit, repeated: bool) -> float:
    """`chin_patch` of sr_18's edit (or of the source repeated) under its chin."""
    shown, drawn, chin = ((edit.photo, edit.photo_alpha, edit.landmarks[CHIN, :2]) if repeated else
                          (edit.frame, edit.drawn, edit.target[CHIN, :2]))
    return chin_patch(shown, drawn, chin, face_size(edit.landmarks))


def _ear(edit: Edit, repeated: bool) -> float:
    """`hidden_ear` of sr_18's edit (or of the source repeated: each pixel reads itself, the photo's alpha drawn)."""
    ear = near_ear(edit.photo_alpha, edit.landmarks, face_size(edit.landmarks))
    if repeated:
        own = np.mgrid[0:ear.shape[0], 0:ear.shape[1]][::-1].transpose(1, 2, 0).astype(np.float32)
        return hidden_ear(own, edit.photo_alpha, ear)
    return hidden_ear(edit.reads, edit.drawn, ear)


def test_hidden_ear_reads_what_no_drawn_pixel_reads() -> None:
    """An ear read by each pixel itself reads 0; read by none (all reads 25 px off, or nothing drawn) 1; half its
    columns read: their share."""
    ear = np.zeros((40, 40), bool)
    ear[10:20, 10:20] = True
    own = np.mgrid[0:40, 0:40][::-1].transpose(1, 2, 0).astype(np.float32)
    drawn = np.ones((40, 40), np.float32)
    assert hidden_ear(own, drawn, ear) == 0.0
    assert hidden_ear(own + np.float32([25, 0]), drawn, ear) == 1.0
    assert hidden_ear(own, 0 * drawn, ear) == 1.0
    drawn[:, :14] = 0  # columns 10-12 unread (13 within `NEAR` of 14)
    assert hidden_ear(own, drawn, ear) == 0.3


def test_chin_patch_reads_a_pale_vertical_edge_under_the_chin() -> None:
    """A plain neck under a head alpha reads 0, and so do a smooth sideways shading and a dark collar's edge; a pale
    patch with a vertical edge 8 rows tall under the outline reads 8 px (in face sizes)."""
    alpha = np.zeros((100, 100), np.float32)
    alpha[:40] = 1.0
    chin, face_px = np.float32([50, 40]), 100.0
    neck = np.full((100, 100, 3), 150, np.uint8)
    assert chin_patch(neck, alpha, chin, face_px) == 0.0
    shaded = neck.copy()
    shaded[:] = np.linspace(110, 190, 100).astype(np.uint8)[None, :, None]
    assert chin_patch(shaded, alpha, chin, face_px) == 0.0
    collar = neck.copy()
    collar[:, 55:] = 20
    assert chin_patch(collar, alpha, chin, face_px) == 0.0
    patch = neck.copy()
    patch[42:50, 45:55] = 185
    assert chin_patch(patch, alpha, chin, face_px) == 8 / face_px


READS = {"wall_smear": (_smear, "statue", SMEAR_MOST), "pale_block": (_block, "turned_up", BLOCK_MOST),
         "chin_ghost": (_ghost, "turned_up", GHOST_MOST), "chin_patch": (_patch, "turned_up", PATCH_MOST),
         "hidden_ear": (_ear, "turned_up", HIDDEN_MOST)}
"""Each figure's read (on its case's fixture, the source repeated or not), the fixture's name and the bound."""


@pytest.mark.parametrize("figure", sorted(READS))
def test_the_source_repeated_reads_under_a_tenth_of_the_bound(figure: str, request: pytest.FixtureRequest) -> None:
    read, case, most = READS[figure]
    repeated = read(request.getfixturevalue(case), repeated=True)
    assert repeated < 0.1 * most, repeated


LEFT = {"hidden_ear": "h45-yawends: traced, not mended: sr_18's near cheek moves out over the ear"}
"""The figures whose bound the edit does not keep yet: why (strict xfails)."""


@pytest.mark.parametrize("figure", [pytest.param(name, marks=pytest.mark.xfail(strict=True, raises=AssertionError,
                                                                              reason=LEFT[name]))
                                    if name in LEFT else name for name in sorted(READS)])
def test_the_edit_at_its_end_reads_under_the_bound(figure: str, request: pytest.FixtureRequest) -> None:
    read, case, most = READS[figure]
    edited = read(request.getfixturevalue(case), repeated=False)
    assert edited < most, edited


def test_past_side_runs_from_inside_the_seen_side_over_the_dark_columns_beyond() -> None:
    """Skin seen below the hole over columns 3-9, dark from 11 (a soft edge at 10) to 15: the columns past the right
    side are 8-15 (in by the gap of 2); the left side's, out to dark column 1, 1-4; none where no dark column lies
    within the gap, or no skin is seen."""
    skin = np.zeros(20, bool)
    skin[3:10] = True
    dark = np.zeros(20, bool)
    dark[11:16] = True
    dark[1] = True
    assert np.flatnonzero(_past_side(skin, dark, 2, 1)).tolist() == list(range(8, 16))
    assert np.flatnonzero(_past_side(skin, dark, 2, -1)).tolist() == list(range(1, 5))
    assert not _past_side(skin, dark, 0, 1).any()  # the soft edge's column is not dark
    assert not _past_side(np.zeros(20, bool), dark, 2, 1).any()


TURN_FRAMES = [12, 18]
"""sr_18 x preset:turn frames where its far jaw swings in (towards image-left) before the turn's far end."""
TURN_BLOCK_MOST = 0.03
"""`pale_block` in `NECK_BOX` allowed on `TURN_FRAMES` (mean): h46-neckpitch 0.0174 / 0.0219, main 0.152 / 0.233 (the
same block with a vertical edge beside the neck), the source repeated 0.0009."""


@pytest.mark.slow
def test_sr_18s_far_jaw_swinging_in_on_a_turn_uncovers_the_crowd_not_a_skin_block() -> None:
    """sr_18 at `SIZE` x preset:turn (`TURN_FRAMES`): the far jaw moving in leaves the dark crowd beside the neck, as
    the edit's end does (`NeckWarp.far_in`)."""
    image, lm = portrait("sr_18")
    source = resize_source(Source(image=image, landmarks=lm), SIZE)
    targets = retarget(source.landmarks, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    animator = MeshAnimator(source.image, source.landmarks)
    x0, y0, x1, y1 = CROWD
    crowd = float(np.median(grey_image(source.image[y0:y1, x0:x1])))
    (ox, oy), reads = animator.origin.astype(int), []
    for frame in TURN_FRAMES:
        shown = animator.render(targets[frame])
        drawn = animator.drawn_alpha()
        whole = np.zeros(shown.shape[:2], np.float32)
        whole[oy:oy + drawn.shape[0], ox:ox + drawn.shape[1]] = drawn
        reads.append(pale_block(shown, whole, NECK_BOX, crowd))
    assert np.mean(reads) < TURN_BLOCK_MOST, reads
