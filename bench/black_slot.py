"""The driver's cavity carried as a flat black slot (`engines/mesh/figures/black_slot.py`), beside the source
repeated and the driver's own mouth.

Usage: PYTHONPATH=src:bench python bench/black_slot.py [--portraits lp_s0,lp_s1,sr_4,sr_8] [--driver sr_1]
       [--frames 30:71] [--multiplier 1.5] [--before] [--crop X0,Y0,X1,Y1] [--size 512] [--unhung]
Portraits at 512 px (as `animate --size 512`; `far_tear.at_size`; `--crop`: the photo's box first, `--size`: its
longer side, px: `--portraits lp_s1 --crop 150,60,850,760 --size 1400` is h27-fresh's face of ~650 px) driven by the
driver cut at `--frames`' first frame (the reference, as `facereel animate` on the cut clip), `--multiplier`,
unsmoothed, `--mouth driver`; per portrait the opening's near-black share (mean, max and its frame), its teeth-light
share, that share in the upper `UPPER_BAND` of each column's opening (the upper teeth's place) and `lightness_steps`
(L* of the opening's darkest tenth / median / lightest tenth, means over the frames), for the source repeated, the
engine and the driver's own frames. `--before`: the engine with `mouth_driver.throat_floor` left out (h23-cavity's);
`--unhung`: without `mouth_driver.hung_from_lip` (h27-bigmouth's).
"""

from __future__ import annotations

import numpy as np
from driven_mouth import Driver, frame_span, named_portraits, print_head
from far_tear import at_size
from warp_health import SHARED

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.black_slot import UPPER_BAND, black_slot, lightness_steps, teeth_light
from facereel.engines.mesh.open_mouth import mouth_driver
from facereel.face.tracking import track_frames
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget


def _arguments():
    """The bench's flags (module docstring)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s0,lp_s1,sr_4,sr_8")
    parser.add_argument("--driver", default="sr_1")
    parser.add_argument("--frames", default="30:71")
    parser.add_argument("--multiplier", type=float, default=1.5)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--crop", default=None)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--unhung", action="store_true")
    return parser.parse_args()


def _cut_driver(name: str, span: range) -> Driver:
    """The driver's frames `span` (tracked from its frame 0, so the tracker follows as in the video), their
    landmarks and the motion extracted from them (the span's first frame the reference)."""
    with open_video(SHARED / "driving" / f"{name}.mp4") as video:
        fps = video.fps
        frames = [f for _, f in zip(range(span.stop), video.frames())]
    track = track_frames(iter(frames), fps)
    cut = track.landmarks[span.start:]
    track = type(track)(landmarks=cut, valid=track.valid[span.start:], confidence=track.confidence[span.start:],
                        fps=fps, frame_size=track.frame_size)
    return Driver(frames[span.start:], cut, extract_motion(track))


def _sized(photo: np.ndarray, crop: str | None, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(h, w, 3) uint8 RGB: `photo` cut to the box `crop` ("x0,y0,x1,y1" px, all of it when None) and resized so its
    longer side is `size` px (`far_tear.at_size`), and its landmarks (478, 3) px."""
    if crop is not None:
        x0, y0, x1, y1 = (int(v) for v in crop.split(","))
        photo = np.ascontiguousarray(photo[y0:y1, x0:x1])
    return at_size(photo, size)


def _reads(frames: list[np.ndarray], landmarks: np.ndarray) -> str:
    """The table's cells for `frames` read at `landmarks` (F, 478, 3) px: near black mean / max (frame index),
    teeth light mean, the mean `lightness_steps`."""
    black = np.array([black_slot(f, lm) for f, lm in zip(frames, landmarks)])
    teeth = np.mean([teeth_light(f, lm) for f, lm in zip(frames, landmarks)])
    upper = np.mean([teeth_light(f, lm, UPPER_BAND) for f, lm in zip(frames, landmarks)])
    steps = np.nanmean([lightness_steps(f, lm) for f, lm in zip(frames, landmarks)], axis=0)
    return (f"{black.mean():.2f} / {black.max():.2f} ({int(black.argmax())}) | {teeth:.2f} | {upper:.2f} | "
            + " / ".join(f"{s:.1f}" for s in steps))


def main() -> None:
    args = _arguments()
    if args.before:
        mouth_driver.throat_floor = lambda lab, matched, match, inside=None: matched
    span = frame_span(args.frames)
    driver = _cut_driver(args.driver, span)
    if args.unhung:
        mouth_driver.lip_hung_share = lambda target_gap: 0.0
    reads = ["near black mean / max (frame)", "teeth", "upper teeth", "L* darkest / median / lightest tenth"]
    print_head("black_slot.py", args, ["portrait"] + [f"{who}: {read}" for who in ("source repeated", "engine",
                                                                                 "driver's own") for read in reads])
    own = _reads(driver.frames, driver.landmarks)
    options = RetargetOptions(smoothing=None, multiplier=args.multiplier).for_engine("mesh")
    for name, photo in named_portraits(args.portraits):
        image, lm = _sized(photo, args.crop, args.size)
        targets = retarget(lm, driver.motion, options)
        animator = MeshAnimator(image, lm, MeshOptions().with_limits(options))
        out = [animator.render(t, driver=driver.shown(k)) for k, t in enumerate(targets)]
        print(f"| {name} | {_reads([image] * len(targets), targets)} | {_reads(out, targets)} | {own} |")


if __name__ == "__main__":
    main()
