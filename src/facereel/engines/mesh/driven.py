"""`DrivenPortrait`: the mesh engine driven frame by frame by a tracked driver (streamed animate and live)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from facereel.engines.mesh.animator import MeshOptions
from facereel.engines.mesh.body import BodyFollower, head_on_torso
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.open_mouth.hidden_corners import corners_hidden
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.motion.streaming_retarget import StreamingRetargeter
from facereel.face import landmark_ids as ids
from facereel.face.shoulders import Shoulders, detect_shoulders
from facereel.face.turned_photo import TURN_BACK, quarter_turn, rotated, turned_portrait
from facereel.motion.retarget_options import SHIFT_KNEE, RetargetOptions


@dataclass(frozen=True)
class DrivenFrame:
    """One frame's input to the renderer: target (478, 3) float32 px of the portrait, torso (2, 3) forward
    similarity in portrait px or None (body still), the driver's frame for its mouth interior or None."""

    target: np.ndarray
    torso: np.ndarray | None
    driver: DriverFrame | None


def head_point(landmarks: np.ndarray) -> np.ndarray:
    """(2,) px: centroid of the stable landmarks, a point that moves rigidly with the head."""
    return landmarks[list(ids.STABLE), :2].mean(0)


class DrivenPortrait:
    """Retarget each driver frame onto the portrait and render it.

    source_image: (H, W, 3) uint8 RGB; source_landmarks: (478, 3) px; fps: the driver's frame rate (for
    smoothing). body: the torso follows the driver's shoulders (when the portrait shows both shoulders); the
    head's shift is then not limited from its place in the photo but from where the torso carries it
    (`body.head_on_torso`, at `SHIFT_KNEE` unless a --shift-limit is given). A portrait on its side or upside down
    with body following is drawn turned upright by a quarter turn (`turned_photo.quarter_turn`: the shoulders found
    and the torso warped as they stand) and each frame turned back (`as_photo`): `rolled_face.Upright` turns the head
    only, and on the photo as it lay the shoulders were found one above the other, the driver's shoulder moves laid
    across the torso and the face, given shoulders, drawn as it lay (lp_s3 turned 90 deg).
    """

    def __init__(self, source_image: np.ndarray, source_landmarks: np.ndarray, retarget: RetargetOptions,
                 fps: float, mesh: MeshOptions | None = None, body: bool = False) -> None:
        asked_shift = retarget.shift_limit
        retarget = retarget.for_engine("mesh", body)
        turn = quarter_turn(source_landmarks) if body else None
        if turn is not None:  # the torso's warp is the whole frame's: the whole portrait turned upright
            source_image, source_landmarks = turned_portrait(source_image, source_landmarks, turn)
        self._turn_back = TURN_BACK[turn] if turn is not None else None
        shoulders = detect_shoulders(source_image) if body else None
        self.animator = mesh_animator(source_image, source_landmarks, (mesh or MeshOptions()).with_limits(retarget),
                                     shoulders=shoulders)
        retarget = replace(retarget, corners_hidden=corners_hidden(source_image, source_landmarks))
        self.retargeter = StreamingRetargeter(source_landmarks, retarget, fps)
        self.follower = (BodyFollower(shoulders, fps, retarget.smoothing, with_head_translation=retarget.translate)
                         if shoulders is not None else None)
        self._target = np.asarray(source_landmarks, np.float32)
        self._torso: np.ndarray | None = None
        # The head's lean off the torso: limited by default when the head moves (translate) with the body.
        self._lean_knee = SHIFT_KNEE if asked_shift is None and retarget.translate else 0.0
        self._source_head = head_point(self._target)
        self._iod = float(np.linalg.norm(self._target[ids.RIGHT_PUPIL, :2] - self._target[ids.LEFT_PUPIL, :2]))

    @property
    def follows_body(self) -> bool:
        """True when the driver's shoulders are needed (body on and the portrait has shoulders)."""
        return self.follower is not None

    @property
    def wants_driver_image(self) -> bool:
        """True when `render` uses the driver's frames (the driver's mouth interior is on)."""
        opt = self.animator.options
        return opt.mouth and opt.mouth_interior == "driver"

    def drive(self, face: np.ndarray | None, driver_shoulders: Shoulders | None = None,
              driver_image: np.ndarray | None = None, rest_weight: float = 0.0) -> DrivenFrame:
        """Retarget the driver's face (478, 3) px onto the portrait (None keeps the last pose: a lost face);
        what `render_driven` needs for the frame. driver_image: (H, W, 3) uint8 RGB frame the face was tracked
        in (its mouth interior is carried over with MeshOptions.mouth_interior "driver"); None = synthetic
        mouth for this frame. rest_weight: how far a driver's gap filled this face in toward its rest (`GapFiller`;
        the shift limit is taken before that ease). Every call returns new arrays, so a frame can be rendered on another thread
        while the next one is driven."""
        if face is not None:
            self._target = self.retargeter(face, rest_weight)
            if self.follower is not None:
                self._torso = self.follower(driver_shoulders, head_point(face))
                if self._lean_knee:
                    self._target = head_on_torso(self._target, self._source_head, self._torso, self._iod,
                                                 self._lean_knee)
        driver = DriverFrame(driver_image, face) if driver_image is not None and face is not None else None
        return DrivenFrame(self._target, self._torso, driver)

    def as_photo(self, drawn: np.ndarray) -> np.ndarray:
        """(H, W, 3) uint8 RGB: a frame `animator` drew ((H', W', 3) uint8) in the portrait's orientation (turned back
        where body following drew a portrait on its side turned upright)."""
        return drawn if self._turn_back is None else rotated(drawn, self._turn_back)

    def render_driven(self, frame: DrivenFrame) -> np.ndarray:
        """(H, W, 3) uint8 RGB: the portrait rendered for a `drive` result."""
        return self.as_photo(self.animator.render(frame.target, frame.torso, frame.driver))

    def render(self, face: np.ndarray | None, driver_shoulders: Shoulders | None = None,
               driver_image: np.ndarray | None = None) -> np.ndarray:
        """The next frame for the driver's face: `drive` then `render_driven`, on the calling thread."""
        return self.render_driven(self.drive(face, driver_shoulders, driver_image))
