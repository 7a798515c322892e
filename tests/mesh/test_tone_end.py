"""The neck tone's hard end over dark clothes (issue #9, h25-sr8step): sr_8 at 512, `facereel edit --pitch -15`,
showed a hard straight dark step across the neck (x 225-290, y 232-243) where the shadowed neck tone, uncovered
under the raised chin, met her hoodie at the plate's hole's end. `hole_end.into_clothes` fades the tone into the
clothes' colour over its last rows; `figures/tone_end` reads the hard drop below the photo's chin."""

from __future__ import annotations

from mesh_faces import portrait

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import layers
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.tone_end import tone_end_step
from facereel.motion.sliders import Sliders


def _steps(name: str) -> tuple[float, float]:
    """`tone_end_step` of a portrait at 512 (as `edit --size 512`): on the source repeated and at pitch -15."""
    image, lm = portrait(name)
    editor = StillEditor(resize_source(Source(image=image, landmarks=lm), 512))
    animator, lm = editor.animator, editor.source.landmarks
    (x0, y0), (h, w) = animator.origin.astype(int), animator.layer.alpha.shape[:2]
    photo, chin = editor.source.image[y0:y0 + h, x0:x0 + w], lm[152, :2] - animator.origin
    frame = animator.render(editor.target(Sliders(pitch=-15.0)))[y0:y0 + h, x0:x0 + w]
    return tone_end_step(photo, photo, chin, face_size(lm)), tone_end_step(frame, photo, chin, face_size(lm))


def test_the_neck_tone_fades_into_dark_clothes_under_a_raised_chin(monkeypatch):
    still, now = _steps("sr_8")
    with monkeypatch.context() as patch:  # the engine before: the tone ended hard at the hole's end
        patch.setattr(layers, "into_clothes", lambda plate, *_: plate)
        _, before = _steps("sr_8")
    # Measured: 2 grey levels on the source repeated (the hoodie), 7 before, 2 now (x 236-284, y 207-238 at 3x:
    # the tone fades into the hoodie, no straight step; the stretched neck's faint band below it stays).
    assert now <= still + 1.0 and before >= still + 4.0, (still, before, now)
