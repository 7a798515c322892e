"""The open mouth on a black-and-white photo and on a low-resolution one, beside the source repeated and the driver's
own: `chroma` (`figures/mouth_chroma.interior_chroma`'s mean of the opening's CIELAB chroma over the photo's skin's,
that floored at 1: a grey photo's reads the chroma itself) and `focus` (`figures/mouth_focus.opening_focus`: the
opening's share of fine detail over the face's round it).

Usage: python bench/grey_mouth.py [--portraits sr_4,lp_s5] [--driver lp_d18] [--frames 70:80]
Each portrait as it is, in black and white (its luma in every channel, as PIL's mode L) and shrunk to `SMALL` px and
given at `SHOWN` (cubic; a low-resolution photo), driven by the driver from its first frame (default retargeting,
`--mouth driver`) and by preset:laugh (`--mouth synthetic`, its frames `LAUGH`); the figures averaged over the frames
they read. To measure an older checkout, run with PYTHONPATH=that/src:bench (figures/mouth_focus.py and
open_mouth/mouth_finish.py copied in).
"""

from __future__ import annotations

import cv2
import numpy as np
from driven_mouth import arguments, finite_means, frame_span, named_portraits, print_head, read_driver, render_driven

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.mouth_chroma import interior_chroma
from facereel.engines.mesh.figures.mouth_focus import opening_focus
from facereel.engines.mesh.open_mouth.mouth_shape import lip_colour, skin_colour
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SMALL, SHOWN = 256, 1024  # px: the low-resolution photo's longer side, and the size it is given at
LAUGH = range(20, 30)  # preset:laugh's frames read: its mouth wide open


def variants(photo: np.ndarray) -> dict[str, np.ndarray]:
    """The (H, W, 3) uint8 RGB `photo` as it is, in black and white and at low resolution (module docstring)."""
    k = SMALL / max(photo.shape[:2])
    small = cv2.resize(photo, (round(photo.shape[1] * k), round(photo.shape[0] * k)), interpolation=cv2.INTER_AREA)
    return {"own": photo, "grey": np.repeat(cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)[..., None], 3, axis=2),
            "low": cv2.resize(small, None, fx=SHOWN / SMALL, fy=SHOWN / SMALL, interpolation=cv2.INTER_CUBIC)}


def _reads(frames: list[np.ndarray], landmarks: list[np.ndarray], photo: np.ndarray | None = None,
           lm: np.ndarray | None = None) -> str:
    """'chroma, focus' averaged over frames (H, W, 3) read at their (478, 3) px landmarks (NaN reads left out); the
    chroma against the lips and skin of `photo` at `lm` where given, else each frame's own."""
    lip, skin = (lip_colour(photo, lm), skin_colour(photo, lm)) if photo is not None else (None, None)
    reads = np.array([(interior_chroma(f, p, lip, skin)[1], opening_focus(f, p)) for f, p in zip(frames, landmarks)])
    return finite_means(reads, 2)


def main() -> None:
    args = arguments(__doc__, "sr_4,lp_s5", "lp_d18", "70:80")
    span = frame_span(args.frames)
    driver = read_driver(args.driver, span.stop)
    own = _reads([driver.frames[k] for k in span], [driver.landmarks[k] for k in span])
    print_head("grey_mouth.py", args, ["portrait", "as", "mouth", "source repeated chroma, focus",
                                       "engine chroma, focus", "driver's own chroma, focus"])
    for name, photo in named_portraits(args.portraits):
        for kind, image in variants(photo).items():
            lm = track_image(image).landmarks[0]
            targets, out = render_driven(image, lm, driver, span)
            cases = [("driver", [targets[k] for k in span], out, own)]
            laugh = retarget(lm, preset_motion("laugh"), RetargetOptions().for_engine("mesh"))
            animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
            rendered = [animator.render(laugh[k]) for k in range(LAUGH.stop)]
            cases.append(("synthetic", [laugh[k] for k in LAUGH], [rendered[k] for k in LAUGH], "-"))
            for mouth, at, frames, driven in cases:
                still = _reads([image] * len(at), at, image, lm)
                print(f"| {name} | {kind} | {mouth} | {still} | {_reads(frames, at, image, lm)} | {driven} |")


if __name__ == "__main__":
    main()
