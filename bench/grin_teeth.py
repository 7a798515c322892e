"""The synthetic upper teeth in a grin's thin opening (`figures/dub_teeth`'s ratio: the opening's lightest fifth's L*
over the cheeks' L*; real open mouths' teeth from `eval.mouth_teeth.TEETH_LIGHT` 0.9).

Usage: python bench/grin_teeth.py [--portraits lp_s3] [--driver lp_d19] [--frames 16:25]
Each portrait at 512 px driven by the driver cut at its frame `CUT` (the reference), frames `--frames` of the cut
(lp_d19 150-190's frames 16-24: a grin showing the upper teeth through a ~3.4 px gap): the mean ratio on the
source repeated (the photo read at the targets), the engine with `--mouth synthetic`, with `--mouth driver`, and the
synthetic interior in a wide opening (preset:laugh frames `LAUGH`). To measure an older checkout, run with
PYTHONPATH=that/src:bench.
"""

from __future__ import annotations

import numpy as np
from driven_mouth import arguments, frame_span, print_head, read_driver
from warp_health import portraits, tracked

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.dub_teeth import dub_teeth
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SIZE = 512  # px: the portraits' longer side, as `facereel animate --size 512`
LAUGH = range(20, 30)  # preset:laugh's frames read: its mouth wide open
CUT = 150  # the driver's frame the cut starts at


def _ratio(frames: list[np.ndarray], targets: list[np.ndarray]) -> str:
    """'mean (min)' of `dub_teeth`'s ratio over (H, W, 3) frames read at their (478, 3) px targets ('-' if none)."""
    reads = [r[0] for r in (dub_teeth(f, t) for f, t in zip(frames, targets)) if r is not None]
    return f"{np.mean(reads):.3f} ({np.min(reads):.3f})" if reads else "-"


def main() -> None:
    args = arguments(__doc__, "lp_s3", "lp_d19", "16:25")
    at = frame_span(args.frames)
    driver = read_driver(args.driver, CUT + at.stop, CUT)
    retargeting = RetargetOptions().for_engine("mesh")
    print_head("grin_teeth.py", args, ["portrait", "source repeated", "synthetic", "driver mouth", "synthetic laugh"])
    found = dict(portraits())
    for name in args.portraits.split(","):
        image, lm = tracked(found[name], SIZE)
        targets = retarget(lm, driver.motion, retargeting)
        shown = [targets[k] for k in at]
        cells = [_ratio([image] * len(at), shown)]
        for mouth in ("synthetic", "driver"):
            animator = MeshAnimator(image, lm, MeshOptions(mouth_interior=mouth).with_limits(retargeting))
            frames = [animator.render(targets[k], driver=driver.shown(k)) for k in range(at.stop)]
            cells.append(_ratio([frames[k] for k in at], shown))
        laugh = retarget(lm, preset_motion("laugh"), retargeting)
        animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="synthetic"))
        frames = [animator.render(laugh[k]) for k in range(LAUGH.stop)]
        cells.append(_ratio([frames[k] for k in LAUGH], [laugh[k] for k in LAUGH]))
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
