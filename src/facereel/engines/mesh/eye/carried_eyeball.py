"""A video source's shut or squinted eye opened by the driver: the eyeball (plate, iris, catchlight) carried from the
clip's nearest frame with that eye open.

Each frame of a video source draws its eyes from its own pixels (`frame_setup.VideoFrameAnimators`); where the clip's
eye is shut (a wink, a squeeze: lp_d6 200-240's frames 8, 20-24) and the driver's is open, the opening was the shut
lid's lash line and shadow stretched open, a flat dark almond with no white nor iris (`figures/dark_eye`). `OpenEyes`
keeps, per eye, the `EyeRenderer` of the clip's latest frame with that eye (nearly) as open as it has been so far
(`DONOR_SHARE`), and gives it to each later frame's renderer as its `donor`; the renderer draws the donor's eyeball
into the opening (`carried_share` of it, placed by the eye's lid contour: `placing`) where its own eye is much
narrower than the target's opening. Streamed: no frame looks ahead, so a clip whose first frames are shut has no donor
there. A still photo's renderer has no donor: it draws as before, bit for bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from facereel.engines.mesh.geometry.head_proxy import smoothstep

if TYPE_CHECKING:
    from facereel.engines.mesh.eye.eyes import EyeRenderer

DONOR_SHARE = 0.85
"""A frame whose eye's lid gap (`EyeRenderer.src_gap`) is at least this share of the widest so far becomes that eye's
donor (the nearest open frame: its pose and light the closest to the frames after it)."""
CARRIED = (0.7, 0.85)
"""The frame's own lid gap over the narrower of the target's and the donor's: at or below CARRIED[0] the donor's eyeball
is drawn whole, at or above CARRIED[1] the frame's own (bit for bit), a smoothstep between: lp_d6 200-240's squinted
image-right eye (`src_gap` 0.15-0.20 on its frames 19-24, its open frames' 0.29-0.35) drawn half its own, half the
donor's (0.5, 0.8), was a muddy grey almond with its own iris's rim as a pale arc."""


def carried_share(own: float, target: float, donor: float) -> float:
    """How much of the donor's eyeball is drawn (0-1): `CARRIED` of the lid gaps (eye widths squared, `eyes._gap`) of
    the frame's own eye `own`, the target's opening `target` and the donor's eye `donor`."""
    return 1.0 - float(smoothstep(*CARRIED, own / max(min(target, donor), 1e-6)))


def placing(target: np.ndarray, donor: np.ndarray) -> np.ndarray:
    """(2, 3) float64: the affine map (least squares) taking the target's lid contour `target` (N, 2) image px onto the
    donor's `donor` (N, 2) px (its own frame's): where each pixel of the drawn opening reads the donor's eye."""
    ones = np.ones((len(target), 1))
    return np.linalg.lstsq(np.hstack([target, ones]), donor, rcond=None)[0].T


class OpenEyes:
    """Per eye (the renderers' order), the clip's latest renderer with that eye open (`DONOR_SHARE` of the widest)."""

    def __init__(self) -> None:
        self._donors: list[EyeRenderer | None] = []
        self._widest: list[float] = []

    def carry(self, eyes: list[EyeRenderer]) -> None:
        """Take this frame's `eyes` as donors where open enough, and give the others their eye's donor."""
        if len(self._donors) != len(eyes):
            self._donors, self._widest = [None] * len(eyes), [0.0] * len(eyes)
        for i, eye in enumerate(eyes):
            if eye.src_gap >= DONOR_SHARE * self._widest[i]:
                self._donors[i], self._widest[i] = eye, max(self._widest[i], eye.src_gap)
            eye.donor = self._donors[i] if self._donors[i] is not eye else None

    def reset(self) -> None:
        """Forget the donors (the face was lost: the next one may be another face)."""
        self._donors, self._widest = [], []
