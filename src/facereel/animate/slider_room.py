"""The editor's yaw ended where the portrait runs out of head to turn (issue #12 part 4).

A face that fills its head in the photo (little hair beside it, a tight crop) cannot be turned far by the mesh
engine: its far side swings past the head's rigid ring and tears over the hair and the wall
(`engines.mesh.geometry.outline_room`). The editor then turns it only as far as the portrait has room for, and says
so in one line; a portrait with room (lp_s1 at 45 deg) is turned as asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import numpy as np

from facereel.motion.slider_options import Sliders

OUTLINE_ROOM = 0.04
"""Face sizes the face's outline may stand past the head's rigid ring on an edit's yaw (or past where the edit
without yaw puts it, if farther), read with the edit's pitch and without it, the farther (`yaw_room`). lp_d19 frame 0
(glasses, face filling the head): `--yaw 15` (0.027) and 17 (0.038) show no step, 20 (0.056) the ledge, 30 (0.115)
the step and the torn block; lp_s1 stays inside its ring (< 0) up to 45 deg."""

STEPS = 6
"""Bisection steps on the yaw's share (the found yaw within 1/64 of the asked one: under a degree)."""


class Engine(Protocol):
    """What the search needs of a mesh engine (`MeshAnimator` or a `WorkingCopy`)."""

    def map_frame(self, target_landmarks: np.ndarray) -> object: ...

    @property
    def outline_past_head(self) -> float: ...


def yaw_room(engine: Engine, target: Callable[[Sliders], np.ndarray], sliders: Sliders) -> Sliders:
    """`sliders` with the yaw ended where the face's outline would stand more than `OUTLINE_ROOM` past the head's
    rigid ring, with the sliders' pitch or without it (the same sliders when it does not). A raised chin draws the
    jaw's outline up inside the ring while the turn tears the face as much: sr_18 at 512 `--yaw 45 --pitch -30` read
    0.039 at 32 deg with the pitch, 0.093 without, and at 32 its cheek covered its ear (`figures.hidden_ear` 0.92;
    ended at 20 as `--yaw 45` alone is, 0.29). target: the sliders' (478, 3) px target landmarks. Maps frames on
    `engine` (`yaw_room_mapped`)."""
    return yaw_room_mapped(engine, target, sliders)[0]


def yaw_room_mapped(engine: Engine, target: Callable[[Sliders], np.ndarray], sliders: Sliders
                    ) -> tuple[Sliders, object | None]:
    """`yaw_room`'s sliders and, where the last frame it mapped on `engine` is theirs, that map (`map_frame`'s
    return, e.g. `FrameMap`: drawn as it is, the preview maps them no second time); None where it mapped none or
    another (render after). Each pitch's read is the map's alone, so the sliders' own pitch is mapped last (the
    live preview within the room: one map of two, with a pitch, spared)."""
    if sliders.yaw == 0:
        return sliders, None
    pitches = (sliders.pitch,) if sliders.pitch == 0 else (0.0, sliders.pitch)
    last: list[tuple[Sliders, object]] = []

    def past(share: float) -> float:
        reads = []
        for pitch in pitches:
            mapped = replace(sliders, yaw=share * sliders.yaw, pitch=pitch)
            last[:] = [(mapped, engine.map_frame(target(mapped)))]
            reads.append(engine.outline_past_head)
        return max(reads)

    def given(found: Sliders) -> tuple[Sliders, object | None]:
        return found, last[0][1] if last[0][0] == found else None

    asked = past(1.0)
    if asked <= OUTLINE_ROOM:  # within the room: one map, two with a pitch (the live preview's usual case)
        return given(sliders)
    room = max(OUTLINE_ROOM, past(0.0))
    if asked <= room:
        return given(sliders)
    low, high = 0.0, 1.0
    for _ in range(STEPS):
        middle = 0.5 * (low + high)
        low, high = (middle, high) if past(middle) <= room else (low, middle)
    return given(replace(sliders, yaw=low * sliders.yaw))


def yaw_note(asked: Sliders, given: Sliders, at: float | None = None) -> str | None:
    """The one line that tells the user the yaw was ended (None when it was not); `at`: the keyframe's time in
    seconds, when the sliders are a keyframe's (the line then starts with it)."""
    if given.yaw == asked.yaw:
        return None
    where = "" if at is None else f"keyframe at {at:g} s: "
    return (f"{where}--yaw {asked.yaw:g} turned {given.yaw:.0f} deg: this portrait shows too little head beside its "
            "face to turn it further without tearing")
