"""`facereel edit` at the sliders' ends (issue #9 part 2, large pose; docs/status.md "## Next" "`edit` at the sliders'
ends"; h45-yawends: figures found, traced in part, not mended).

lp_s6 at 512 `--yaw -45` (ended at -19 by `slider_room.yaw_room`): the turned far jaw (image left) uncovers a band of
the plate beside it whose fill is a part mix of the wall's white and the statue's clay, streaked down the columns: a
white streaky smear on the far jaw (x 196-226, y 250-290), read by `figures.wall_smear`. Traced: the fill beside the
wall gives way to the wall by the head's sideways shift only (`neck_layer.shifted_wall.shift_share`), 0 on a turn
about the skull shell's centre, so a turn keeps the neck's tone laid under the ear (`under_ear`, test_wall_notch);
the share forced to 1 (tried, not kept) showed the wall there: 0.0116 -> 0.0046.

sr_18 at 512 `--yaw 45 --pitch -30` (ended at 32): beside the neck (image right, x 368-400, y 125-195) a skin-toned
block with a straight vertical right edge over the dark crowd, read by `figures.pale_block`; under the raised chin the
photo's jaw line left on the neck, the jaw drawn twice, read by `figures.chin_ghost`. `--pitch -30` alone: 0.203 and
1.18; `--yaw 20` alone (ended nowhere: the outline 0.038 face sizes past the ring) 0.099 and 0.46. The near ear
covered by the moved cheek has no figure yet. Crops: /tmp/h45-yawends/v_s6.png, v18_neck.png, v18_ear.png (4x).
"""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import still_editor, whole_image

from facereel.engines.mesh.composite import face_size, grey_image
from facereel.engines.mesh.figures.chin_ghost import chin_ghost
from facereel.engines.mesh.figures.pale_block import pale_block
from facereel.engines.mesh.figures.wall_smear import wall_smear
from facereel.motion.slider_options import Sliders

SIZE = 512
"""px: `facereel edit --size`."""
CHIN = 152
"""The mediapipe landmark at the chin's tip."""
STATUE_ASKED = Sliders(yaw=-45.0)
"""lp_s6's asked sliders (the yaw ended at -19)."""
SMEAR_MOST = 0.006
"""Square face sizes of `wall_smear` allowed: half of main's 0.0116 (the source repeated 0; the share forced to 1,
0.0046)."""
TURNED_UP = Sliders(yaw=45.0, pitch=-30.0)
"""sr_18's asked sliders (the yaw ended at 32)."""
NECK_BOX = (368, 125, 400, 195)
"""sr_18 px at 512: beside the neck on the far side, over the dark crowd (the block's place)."""
CROWD = (400, 130, 430, 195)
"""sr_18 px at 512: the dark crowd right of it, whose grey (~16) the plate there should keep."""
BLOCK_MOST = 0.02
"""`pale_block`'s share in `NECK_BOX` allowed (the source repeated 0.0009; main 0.250)."""
GHOST_MOST = 1.0
"""`chin_ghost` lightness per px allowed (the source repeated 0; main 2.57)."""


def _edited(name: str, asked: Sliders) -> tuple[np.ndarray, ...]:
    """The shared portrait `name` at `SIZE` edited to `asked` as `facereel edit` ends and draws it: the source image
    and the frame ((H, W, 3) uint8 RGB), the photo's and the drawn head alpha ((H, W) float32), the person mask on the
    whole image, the source's and the drawn landmarks ((478, 3) px) and the crop box (x0, y0, x1, y1)."""
    editor, source, photo_alpha = still_editor(name, SIZE)
    given, _ = editor.fit(asked)
    target = editor.target(given)
    animator = editor.animator
    frame = animator.render(target)
    return (source.image, frame, photo_alpha, whole_image(editor, animator.drawn_alpha()),
            whole_image(editor, animator.mask.person), source.landmarks, target, animator.box)


@pytest.fixture(scope="module")
def statue() -> tuple[np.ndarray, ...]:
    return _edited("lp_s6", STATUE_ASKED)


@pytest.fixture(scope="module")
def turned_up() -> tuple[np.ndarray, ...]:
    return _edited("sr_18", TURNED_UP)


def _smear(statue: tuple[np.ndarray, ...], repeated: bool) -> float:
    """`wall_smear` of lp_s6's edit (or of the source repeated) on the engine's crop."""
    photo, frame, photo_alpha, drawn, person, lm, _, (x0, y0, x1, y1) = statue
    crop = np.s_[y0:y1, x0:x1]
    shown, alpha = (photo, photo_alpha) if repeated else (frame, drawn)
    return wall_smear(shown[crop], photo[crop], photo_alpha[crop], alpha[crop], person[crop], face_size(lm))


def _block(turned_up: tuple[np.ndarray, ...], repeated: bool) -> float:
    """`pale_block` in `NECK_BOX` of sr_18's edit (or of the source repeated) against the crowd's grey."""
    photo, frame, photo_alpha, drawn, *_ = turned_up
    x0, y0, x1, y1 = CROWD
    crowd = float(np.median(grey_image(photo[y0:y1, x0:x1])))
    return pale_block(photo, photo_alpha, NECK_BOX, crowd) if repeated else pale_block(frame, drawn, NECK_BOX, crowd)


def _ghost(turned_up: tuple[np.ndarray, ...], repeated: bool) -> float:
    """`chin_ghost` of sr_18's edit (or of the source repeated) on the engine's crop."""
    photo, frame, photo_alpha, drawn, _, lm, target, (x0, y0, x1, y1) = turned_up
    crop, origin = np.s_[y0:y1, x0:x1], np.float32([x0, y0])
    chin, photo_chin = target[CHIN, :2] - origin, lm[CHIN, :2] - origin
    shown, alpha, at = (photo, photo_alpha, photo_chin) if repeated else (frame, drawn, chin)
    return chin_ghost(shown[crop], alpha[crop], at, photo[crop], photo_alpha[crop], photo_chin, face_size(lm))


READS = {"wall_smear": (_smear, "statue", SMEAR_MOST), "pale_block": (_block, "turned_up", BLOCK_MOST),
         "chin_ghost": (_ghost, "turned_up", GHOST_MOST)}
"""Each figure's read (on its case's fixture, the source repeated or not), the fixture's name and the bound."""


@pytest.mark.parametrize("figure", sorted(READS))
def test_the_source_repeated_reads_under_a_tenth_of_the_bound(figure: str, request: pytest.FixtureRequest) -> None:
    read, case, most = READS[figure]
    repeated = read(request.getfixturevalue(case), repeated=True)
    assert repeated < 0.1 * most, repeated


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="h45-yawends: traced, not mended (module docstring): "
                   "a turn keeps the neck's tone beside lp_s6's far jaw; sr_18's neck layer draws skin up to the "
                   "photo's far jaw outline under the raised chin")
@pytest.mark.parametrize("figure", sorted(READS))
def test_the_edit_at_its_end_reads_under_the_bound(figure: str, request: pytest.FixtureRequest) -> None:
    read, case, most = READS[figure]
    edited = read(request.getfixturevalue(case), repeated=False)
    assert edited < most, edited
