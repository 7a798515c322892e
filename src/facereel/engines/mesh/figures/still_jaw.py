"""The pale wedge in a video-to-video clip's still jaw (issue #12 item 1), read on a clip frame and its output.

lp_d18 as the clip, `-d lp_d12 --regions eyes`: on frames 197-206 a pale grey wedge opened inside the left cheek
by the jaw, the background's fill showing through. A frame reusing a key frame's setup (`frame_setup`) moved the
key's neck from the key's jaw to its own (up to 19 px apart 12 frames on), dragging the plate's neck with a jaw
held still, and its cheek reaching past the key's head alpha was bounded to that alpha's reach over the key's
background fill (`layers.outline_rim`). With `--regions eyes` nothing below the eyes moves, so the output there
should be the clip's own pixels:

- `still_jaw`: the largest departure (grey levels, any channel) of the output from the clip's frame over the
  lower face's box (`lower_face`); the source repeated (the clip itself) reads 0.
- `departed`: how many pixels of that box depart from the clip's frame by more than `DEPARTED` grey levels: a patch,
  not a single pixel. lp_d11 as the clip (frames 113-118): a pink box of the neck's tone over the dark hair beside
  the jaw, where the ears' matte had lowered the head's alpha to 0 over a plate of fill and the neck plate's tone
  showed at rest (`head_edge.fringe_unmix`); lp_d3 as the clip (frames 49-53, 188-189): a black line across the
  hoop earring below the ear along the jaw's outline, the neck raised 1-4 px at rest beside the ears' matte
  (`neck.NeckWarp.drawn_end`); the source repeated reads 0.

With `--regions lips` the jaw moves with the driver's mouth, so the box departs from the clip by design; there the
figure is `shown_tone`: the pixels of a box under the jaw where the frame shows the neck's shadowed tone
(`tone_sides.tone_shown`), not a neck moved up under the moved jaw; the source repeated reads 0. lp_d19 (frames 20-70)
as the clip, sr_1 (frames 30-80) the driver: on frames 6-11 the jaw drawn ~11 px up uncovered the hole's tone, paler
than the chin, above the photo's jaw line left where it was (x 265-310, y 365-410: the neck under the jaw's right side
held still, `neck.NeckWarp.frame_collars`).
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.tone_sides import tone_shown
from facereel.face import landmark_ids as ids

GROW = 0.1
"""Face sizes the lower face's box reaches past the face outline (the jaw's margin, the neck's top)."""
DEPARTED = 20
"""Grey levels (any channel) from which `departed` counts a pixel: past the clip's own coding noise (~10)."""


def lower_face(landmarks: np.ndarray, shape: tuple[int, ...]) -> tuple[slice, slice]:
    """(rows, columns) of a frame of `shape` ((H, W, ...)): the box of the face outline's points below the nose's tip
    (`PRONASALE`) of (478, 3) px `landmarks`, grown by `GROW` face sizes and kept in the frame."""
    oval = landmarks[list(ids.FACE_OVAL), :2]
    low = oval[oval[:, 1] > landmarks[ids.PRONASALE, 1]]
    grow = GROW * face_size(landmarks)
    (x0, y0), (x1, y1) = np.floor(low.min(0) - grow).astype(int), np.ceil(low.max(0) + grow).astype(int)
    return slice(max(int(y0), 0), min(int(y1), shape[0])), slice(max(int(x0), 0), min(int(x1), shape[1]))


def departure(frame: np.ndarray, made: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """(h, w) int16 grey levels: the departure of `made` from `frame` (each (H, W, 3) uint8 RGB, its largest
    channel) over the lower face's box of `frame`'s (478, 3) px `landmarks` (`lower_face`)."""
    box = lower_face(landmarks, frame.shape)
    return np.abs(made[box].astype(np.int16) - frame[box].astype(np.int16)).max(-1)


def still_jaw(frame: np.ndarray, made: np.ndarray, landmarks: np.ndarray) -> int:
    """Grey levels: the largest `departure` of `made` from `frame` over the lower face's box."""
    return int(departure(frame, made, landmarks).max())


def departed(frame: np.ndarray, made: np.ndarray, landmarks: np.ndarray) -> int:
    """Pixels of the lower face's box where `made` departs from `frame` by more than `DEPARTED` (`departure`)."""
    return int((departure(frame, made, landmarks) > DEPARTED).sum())



def shown_tone(tone: np.ndarray, alpha: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """Pixels inside `box` ((x0, y0, x1, y1) px) where the frame shows the neck's tone (`tone_sides.tone_shown` of the
    drawn tone's share `tone` and the drawn head alpha `alpha`, (H, W) float32 each)."""
    x0, y0, x1, y1 = box
    return int(tone_shown(tone, alpha)[y0:y1, x0:x1].sum())
