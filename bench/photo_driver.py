"""A still photo as the driver (mesh engine) on ../shared/data: the expression reaches the portrait?

Photo pairs from the driving videos (neutral = frame 0, expression = a later frame): `smile` (lp_d19 frame
90: mouth corners up, mouth wider, nearly closed) and `open` (lp_d18 frame 80: mouth wide open).
Cross: every shared portrait (longer side --size px) gets the still for each pair (relative, with the
neutral photo as --driving-reference; and `open` in --mode absolute, the photo alone); the output is
re-tracked and its change from the portrait is reported in canonical units beside the driver's own change
(photo minus neutral) and the baseline (the portrait as it is: change 0). The `control` row drives with the
neutral photo itself, which has nothing to transfer: the output must equal the portrait.
Self: the neutral frame is the portrait and the expression frame the ground truth: PSNR of the head
(face box of the ground truth's landmarks) of the still vs the source repeated (the do-nothing baseline),
and the chin error: the retargeted chin (where the warp draws it) below the ground truth's chin, in the
truth's inter-ocular distances (+ = the jaw dropped too far, the lower face drawn too long). The re-tracked
chin is not used there: the tracker reads rendered chins short (docs/benchmarks.md "Relative mode's jaw").
`chin_px` (cross) and the self rows' pixel chin: the chin's drop read on the pixels (`figures.chin_drop`: the
portrait's or neutral frame's chin patch found again lower down, in its inter-ocular distances), which a real pair
and a drawn one give alike; the tracker puts an open mouth's chin well above the visible edge.
Besides the two pairs, SELF_EXTRA adds the widest openings of the other driving videos (frame 0 neutral).

Run: .venv/bin/python bench/photo_driver.py [--size 512] [--portraits lp_s1,sr_4] -o bench-out/photo_driver
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from facereel.animate import PortraitAnimator
from facereel.animate.inputs import Source, drive
from facereel.animate.photo import photo_pair_motion
from facereel.engines.mesh.figures.chin_drop import pixel_chin_drop
from facereel.errors import InputError
from facereel.eval.faces import FaceSeries
from facereel.eval.pixels import crop, face_box, psnr
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video
from facereel.motion.features import INDEX
from facereel.motion.retarget import RetargetOptions

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PAIRS = {"smile": ("lp_d19", 90), "open": ("lp_d18", 80)}
FEATURES = ("mouth_corner_height", "mouth_width", "mouth_open")
COLUMNS = (*FEATURES, "jaw_drop", "chin_px")  # jaw_drop: the chin below the nose base (FaceSeries.jaw_drop); chin_px:
# the chin patch's drop on the pixels, inter-ocular distances (figures.chin_drop.pixel_chin_drop)
SELF_EXTRA = {"open_d18_138": ("lp_d18", 138), "open_d12": ("lp_d12", 165), "open_d6": ("lp_d6", 494),
              "open_d11": ("lp_d11", 165), "open_d3": ("lp_d3", 310)}
"""More self pairs: each driving video's widest mouth opening (re-tracked mouth_open +0.33..+0.81 from frame 0)."""


def frame(video: Path, index: int) -> np.ndarray:
    """Frame `index` of `video` (RGB)."""
    with open_video(video) as frames:
        for k, image in enumerate(frames.frames()):
            if k == index:
                return image
    raise SystemExit(f"{video} has no frame {index}")


def features(image: np.ndarray) -> np.ndarray:
    """Re-tracked COLUMNS of `image` but the last (canonical units); NaN where the tracker finds no face (a torn
    output)."""
    try:
        face = FaceSeries.from_track(track_image(image))
    except InputError:
        return np.full(len(COLUMNS) - 1, np.nan)
    return np.append(face.features[0][[INDEX[name] for name in FEATURES]], face.jaw_drop()[0])


def change(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """COLUMNS of `after` minus `before`'s (the re-tracked features', canonical units) and the pixel chin drop
    from `before` to `after` (inter-ocular distances of `before`)."""
    chin = pixel_chin_drop(before, after, track_image(before).landmarks[0])[0]
    return np.append(features(after) - features(before), chin)


def fit(image: np.ndarray, side: int) -> np.ndarray:
    """`image` scaled so its longer side is `side` px."""
    k = side / max(image.shape[:2])
    return cv2.resize(image, (round(image.shape[1] * k), round(image.shape[0] * k)), interpolation=cv2.INTER_AREA)


def chin_errors(neutral: Path, photo: Path) -> tuple[float, float]:
    """(still, baseline): the still's retargeted chin (relative, neutral -> photo, the photo driver's
    retargeting) and the neutral photo's own chin (the do-nothing output) below the photo's chin, in the
    photo's inter-ocular distances; the neutral photo is the portrait."""
    own = track_image(read_image(neutral)).landmarks[0]
    source = Source(image=read_image(neutral), landmarks=own, path=neutral)
    target = drive(source, photo_pair_motion(photo, neutral), RetargetOptions(smoothing=None).for_engine("mesh"))[-1]
    truth = track_image(read_image(photo)).landmarks[0]
    iod = float(np.linalg.norm(truth[ids.RIGHT_EYE_CORNERS[0], :2] - truth[ids.LEFT_EYE_CORNERS[0], :2]))
    return float(target[ids.CHIN, 1] - truth[ids.CHIN, 1]) / iod, float(own[ids.CHIN, 1] - truth[ids.CHIN, 1]) / iod


def row(label: str, values: np.ndarray) -> str:
    return f"| {label} | " + " | ".join(f"{v:+.3f}" for v in values) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--portraits", default="", help="comma-separated stems (default: all shared portraits)")
    parser.add_argument("--pairs", default=",".join(PAIRS), help="comma-separated photo pairs (default: %(default)s)")
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/photo_driver"))
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    args.output.mkdir(parents=True, exist_ok=True)
    photos: dict[str, tuple[Path, Path]] = {}
    details: list[str] = []
    for name, (video, index) in ((n, PAIRS[n]) for n in args.pairs.split(",")):
        paths = args.output / f"{name}_neutral.png", args.output / f"{name}.png"
        write_image(paths[0], frame(SHARED / "driving" / f"{video}.mp4", 0))
        write_image(paths[1], frame(SHARED / "driving" / f"{video}.mp4", index))
        photos[name] = paths
    wanted = [s for s in args.portraits.split(",") if s]
    portraits = sorted(p for p in (SHARED / "portraits").iterdir() if not wanted or p.stem in wanted)

    print(f"Cross, {len(portraits)} portraits at {args.size} px: mean (min) change of the re-tracked output, "
          f"canonical units\n")
    print("| driver | " + " | ".join(COLUMNS) + " |\n|---|" + "---|" * len(COLUMNS))
    for name, (neutral, photo) in photos.items():
        target = change(read_image(neutral), read_image(photo))
        runs = {f"{name} relative": PortraitAnimator("mesh", driving_reference=str(neutral)),
                f"{name} control (neutral photo drives)": PortraitAnimator("mesh", driving_reference=str(neutral))}
        if name == "open":
            runs[f"{name} absolute (photo alone)"] = PortraitAnimator("mesh", mode="absolute")
        print(row(f"{name}: the driver's own change", target))
        for label, anim in runs.items():
            changes = []
            for path in portraits:
                source = fit(read_image(path), args.size)
                still = anim(source, neutral if "control" in label else photo).frames[0]
                write_image(args.output / f"{path.stem}__{label.split()[0]}_{label.split()[1]}.png", still)
                changes.append(change(source, still))
            changes = np.array(changes)
            lost = [p.stem for p, c in zip(portraits, changes, strict=True) if np.isnan(c).all()]
            print(row(label, np.nanmean(changes, 0)) + "  min " + " ".join(f"{v:+.3f}" for v in np.nanmin(changes, 0))
                  + (f"  (no face re-tracked, left out: {', '.join(lost)})" if lost else ""))
            details.append(f"- {label}: " + ", ".join(f"{p.stem} {' '.join(f'{v:+.3f}' for v in c)}"
                                                      for p, c in zip(portraits, changes, strict=True)))
        print(row(f"{name}: baseline (portrait as it is)", np.zeros(len(COLUMNS))))

    print("\nPer portrait (" + ", ".join(COLUMNS) + "):\n\n" + "\n".join(details))
    for name, (video, index) in SELF_EXTRA.items():
        paths = args.output / f"{name}_neutral.png", args.output / f"{name}.png"
        write_image(paths[0], frame(SHARED / "driving" / f"{video}.mp4", 0))
        write_image(paths[1], frame(SHARED / "driving" / f"{video}.mp4", index))
        photos[name] = paths
    print("\nSelf (neutral frame -> expression frame): head PSNR dB still / baseline (source repeated); chin error, "
          "IOD (baseline: the neutral chin's); pixel chin drop, IOD, still / truth (baseline 0)\n")
    scores = []
    for name, (neutral, photo) in photos.items():
        source, truth = read_image(neutral), read_image(photo)
        box = face_box(track_image(truth).landmarks[0], (truth.shape[1], truth.shape[0]))
        still = PortraitAnimator("mesh", driving_reference=str(neutral))(source, photo).frames[0]
        write_image(args.output / f"self_{name}.png", still)
        own = track_image(source).landmarks[0]
        scores.append((psnr(crop(still, box), crop(truth, box)), psnr(crop(source, box), crop(truth, box)),
                       *chin_errors(neutral, photo), pixel_chin_drop(source, still, own)[0],
                       pixel_chin_drop(source, truth, own)[0]))
        print(f"- {name}: {scores[-1][0]:.2f} / {scores[-1][1]:.2f} dB; chin {scores[-1][2]:+.3f} / {scores[-1][3]:+.3f}; "
              f"pixel chin drop {scores[-1][4]:+.3f} / truth {scores[-1][5]:+.3f}")
    mean, size = np.mean(scores, 0), np.mean(np.abs(scores), 0)
    print(f"- mean: {mean[0]:.2f} / {mean[1]:.2f} dB; chin {mean[2]:+.3f} / {mean[3]:+.3f}, |chin| {size[2]:.3f} / {size[3]:.3f}; "
          f"pixel chin drop {mean[4]:+.3f} / truth {mean[5]:+.3f}")


if __name__ == "__main__":
    main()
