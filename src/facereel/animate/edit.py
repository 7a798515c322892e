"""The expression editor: a still portrait re-rendered with `Sliders` (no driver), and slider keyframes as a
Motion for a clip. `StillEditor` keeps the per-portrait mesh-engine setup so each further edit only
retargets and renders (the web app's live preview, docs/app.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.inputs import Source
from facereel.animate.slider_room import yaw_note, yaw_room, yaw_room_mapped
from facereel.motion.keyframes import Keyframe
from facereel.motion.retarget import RetargetOptions, retarget
from facereel.motion.motion import Motion
from facereel.motion.sliders import Sliders, sliders_motion, still_motion

if TYPE_CHECKING:
    from facereel.animate.api import PortraitAnimator

EASE_IN_S = 1.0
"""Seconds over which a diffusion engine's still edit eases in from the portrait (the model is trained on
continuous motion, so the edit's frame is the last of a short clip rather than a jump)."""


def edit_options(options: AnimateOptions) -> AnimateOptions:
    """`options` as an edit or a keyframe clip runs them: without One-Euro smoothing (an edit is one step from
    the neutral frame; keyframes are eased already); regions, multiplier, mode and the rest as given."""
    return replace(options, retarget=replace(options.retarget, smoothing=None))


def edit_retarget(options: AnimateOptions, engine: str) -> RetargetOptions:
    """The retargeting of an edit on `engine` (`edit_options`, translation resolved for the engine)."""
    return edit_options(options).retarget.for_engine(engine)


def ease_in(sliders: Sliders, fps: float, seconds: float = EASE_IN_S) -> Motion:
    """A Motion from the portrait as it is to `sliders` over `seconds` at `fps` (linear in the sliders)."""
    steps = max(1, round(seconds * fps))
    return sliders_motion([Sliders().mix(sliders, (i + 1) / steps) for i in range(steps)], fps)


def write_still_edit(animator: PortraitAnimator, source: str | Path, keyframes: str | Path, output: str | Path,
                     on_note: Callable[[str], None] | None = None) -> int:
    """Write the still of a keyframes file's last keyframe (a batch job's image output; one keyframe = one
    edit) atomically to `output`, its yaw ended as `PortraitAnimator.edit` ends it (`on_note` told). Returns 1,
    the frames written."""
    from facereel.media.image import write_image
    from facereel.motion.keyframes import load_keyframes

    write_image(output, animator.edit(source, load_keyframes(keyframes)[0][-1][1], on_note=on_note))
    return 1


def fit_keyframes(source: Source, keyframes: Sequence[Keyframe], options: AnimateOptions,
                  on_note: Callable[[str], None]) -> list[Keyframe]:
    """`keyframes` as the mesh engine can show them on `source`: each keyframe's yaw ended as a still edit's is
    (`StillEditor.fit`), one line to `on_note` for each keyframe ended (`slider_room.yaw_note` with its time).
    The clip eases between the ended keyframes, so its yaw stays within them."""
    if not any(sliders.yaw for _, sliders in keyframes):
        return list(keyframes)
    editor = StillEditor(source, options)
    fitted: list[Keyframe] = []
    for time, sliders in keyframes:
        given = yaw_room(editor.animator, editor.target, sliders)
        note = yaw_note(sliders, given, at=time)
        if note is not None:
            on_note(note)
        fitted.append((time, given))
    return fitted


def fitted_keyframes_motion(source: Source, path: str | Path, options: AnimateOptions,
                            on_note: Callable[[str], None]) -> Motion:
    """The Motion of a keyframes file on the mesh engine, its keyframes' yaw ended on `source` (`fit_keyframes`):
    a keyframes driver of `facereel animate`, a batch job and the web app's keyframes."""
    from facereel.motion.keyframes import keyframes_motion, load_keyframes

    keyframes, fps = load_keyframes(path)
    return keyframes_motion(fit_keyframes(source, keyframes, options, on_note), fps)


class StillEditor:
    """One portrait on the mesh engine, edited again and again.

    source: the tracked portrait (image (H, W, 3) uint8 RGB, landmarks (478, 3) px). The warp setup (about a
    second for a 1 MP photo) is done once here; `render` then takes tens of milliseconds (docs/benchmarks.md)."""

    def __init__(self, source: Source, options: AnimateOptions | None = None) -> None:
        from facereel.engines.mesh.choose_engine import mesh_animator
        from facereel.engines.mesh.open_mouth.hidden_corners import mesh_retarget

        options = options or AnimateOptions(engine="mesh")
        self.source = source
        self.retarget = mesh_retarget(edit_options(options).retarget, source.image, source.landmarks)
        self.animator = mesh_animator(source.image, source.landmarks, mesh_options(options))
        # the last sliders asked and their `fit` (the web app asks the note after the image of the same sliders)
        self._fitted: tuple[Sliders, Sliders] | None = None

    def _fit_mapped(self, sliders: Sliders) -> tuple[Sliders, object | None]:
        """`slider_room.yaw_room_mapped` of `sliders`: their fit and the map of it where the room's search mapped it
        last (None: render it). The last sliders' fit is kept: asked again (the note after the image), no frame is
        mapped (a map depends on its target alone) and no map is returned."""
        if self._fitted is not None and self._fitted[0] == sliders:
            return self._fitted[1], None
        given, frame = yaw_room_mapped(self.animator, self.target, sliders)
        self._fitted = sliders, given
        return given, frame

    def target(self, sliders: Sliders) -> np.ndarray:
        """(478, 3) float32 target landmarks (image px) of the edited face."""
        return retarget(self.source.landmarks, still_motion(sliders), self.retarget)[-1]

    def fit(self, sliders: Sliders) -> tuple[Sliders, str | None]:
        """`sliders` as this portrait can show them (the yaw ended where the face would tear past its head,
        `slider_room.yaw_room`) and the one line that says so (None when shown as asked)."""
        given, _ = self._fit_mapped(sliders)
        return given, yaw_note(sliders, given)

    def render(self, sliders: Sliders, on_note: Callable[[str], None] | None = None) -> np.ndarray:
        """The edited portrait, (H, W, 3) uint8 RGB at the source's size, of the `fit` sliders; `on_note` is
        told their line when they are not the asked ones. The frame `yaw_room_mapped` mapped last is drawn where it
        is the fitted sliders'."""
        given, frame = self._fit_mapped(sliders)
        note = yaw_note(sliders, given)
        if note is not None and on_note is not None:
            on_note(note)
        return self.animator.draw(frame if frame is not None else self.animator.map_frame(self.target(given)))
