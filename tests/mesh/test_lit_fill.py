"""sr_8's hood beside the jaw on a big sideways shift: its folds kept in the plate, not a flat teal fill
(`figures.lit_fill`, `plate_fill.kept_cloth`; issue #9, turned portraits)."""

from __future__ import annotations

from mesh_faces import portrait, set_up_copy

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh.figures.lit_fill import lit_flat_share
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

FRAMES = (30, 78, 82)
"""sr_8 x preset:turn (4 s, at 512) frames where the head's ~120 px shift uncovers the plate beside the jaw (the
figure's peaks on either side of the turn)."""
BOX = (380, 190, 510, 256)
"""(x0, y0, x1, y1) px at 512: between the shifted jaw and the hood's folds (h30-look's regression (3))."""


def test_sr_8s_hood_beside_the_jaw_is_not_a_flat_teal_fill():
    """The source repeated reads 0.024 over `BOX`. Before: 0.097 / 0.132 / 0.092 on `FRAMES` (looked at 3x,
    brightened 2.5x: a smooth teal wedge, on 78-82 with a hard diagonal edge, over the hood's dark folds), the neck
    band's push-pull fill carrying the lit neck's skin over the hole the hood's folds leave. With the clothes there
    kept in the plate as the photo, clear of the jaw (`kept_cloth.CLEAR`: sr_18's jaw shadow not kept,
    test_jaw_shadow / test_neck_wedge): 0.051 / 0.006 / 0.012, the hood's folds shown where the head moved off."""
    image, landmarks = portrait("sr_8")
    source = resize_source(Source(image, landmarks), 512)
    animator = set_up_copy(source.image, source.landmarks)
    targets = retarget(animator.source_landmarks, preset_motion("turn", 4.0),
                       RetargetOptions(smoothing=None, translate=True))
    shares = [lit_flat_share(animator.render(targets[k]), source.image, BOX) for k in FRAMES]
    assert max(shares) < 0.06, shares
