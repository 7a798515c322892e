"""The near cheek's painted rim shadow is not opened into a wide dark band by a turn towards it (`rim_shadow.shaded`),
read by `figures.rim_band` on lp_s3 at 512 px, `facereel edit --yaw 25` (docs/status.md, h25-s3crease)."""

from __future__ import annotations

from mesh_faces import still_editor

from facereel.engines.mesh.figures.rim_band import shadow_width
from facereel.motion.sliders import Sliders


def test_the_near_cheeks_reddish_rim_is_not_stretched_over_the_turned_cheek():
    """lp_s3's oval runs along the reddish-brown shadow between the near cheek and the ear, inside the skin's colour
    model; turned 25 deg towards that cheek its triangles opened 2.3x into a hard band (shadow width 3.48 px per row
    of the rim band before, the source repeated 1.38). Marked as shadow by their lightness, they keep their size and
    the lit cheek takes the stretch: 2.80."""
    editor, source, _ = still_editor("lp_s3")
    repeated = shadow_width(source.image, source.landmarks, source.image, source.landmarks)
    target = editor.target(Sliders(yaw=25))
    drawn = editor.animator.map_frame(target).target
    width = shadow_width(source.image, source.landmarks, editor.animator.render(target), drawn)
    assert repeated < 2.0, repeated
    assert width < 3.1, (width, repeated)
