"""Teeth and lips of the driven mouth: cross-reenactment of every portrait in ../shared/data by lp_d12
and lp_d18 (mesh engine, `--mouth driver`), beside the do-nothing baseline (the source repeated).

Usage: python bench/mouth_teeth.py [--seconds 4] [--drivers lp_d12,lp_d18] [--portraits lp_s12,...]
                                   [--size 512] [--driver-scale 1] [--compare DIR] [-o bench-out/mouth_teeth]
Portraits are shrunk to at most `--size` px (as `--size 512`; 0: full size); `--driver-scale` shrinks the
driver's frames (a driver filmed from afar: a small mouth carried into a larger opening). Driver teeth
frames: the first `--seconds` of the driver where it shows teeth (`eval.mouth_teeth` teeth area >= 0.02
squared mouth widths); only those are rendered (default retargeting of the whole cut, the driver's frame
for the mouth). Per portrait and driver, over those frames (`eval/mouth_teeth.py`, the output measured at
the target landmarks, the driver at its own): teeth = mean teeth area of the output / the driver's;
contrast = mean interior contrast of the output / the driver's; detail = mean interior detail (L*
gradient per px in the opening's core) of the output / the driver's (below 1: blurrier than the driver,
e.g. its mouth magnified); lip dE = mean CIELAB distance of the output's lower lip band to the source's.
Wide-open driver frames (inner-lip gap >= 0.3 mouth widths) are rendered too: cavity = mean cavity
figure (darkest quarter of the opening / skin L*) of the output / the driver's (above 1: the portrait's
opening is lighter than the driver's, relative to each skin); rim = mean rim figure (edge band minus core
L* / skin L*) of the output, beside the driver's; hue = mean angle (degrees) between the opening's mean
a*, b* and the skin's of the output, beside the driver's (a carried interior in the portrait's light turns
from its skin as the driver's from its own). Baseline: the source at its own landmarks for teeth,
contrast and detail (its lip dE is 0 by definition), the source unchanged measured inside the target
opening for cavity and rim. To measure an older checkout, run with PYTHONPATH=that/src (with
eval/mouth_teeth.py copied in). Contact sheets: <out>/<portrait>_<driver>.png, the driver over the output
at the driver's three frames with the most teeth and its widest-open frame; with `--compare DIR` (an
earlier run's output) that run's output row is put between them (driver | before | now).
Prints a Markdown table (means over portraits per driver, then per portrait).
"""

from __future__ import annotations

import argparse
import json
import platform
from datetime import date
from pathlib import Path

import cv2
import numpy as np
from expression_range import crop_at

from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.open_mouth.mouth import DriverFrame
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.eval.mouth_teeth import mouth_look
from facereel.face.tracking import track_frames, track_image
from facereel.media.video import open_video
from facereel.motion.extract import extract_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SHOWS_TEETH = 0.02  # driver teeth area (squared mouth widths) from which a frame counts
WIDE_OPEN = 0.3  # driver inner-lip gap / mouth width from which a frame counts as wide open


def _portrait(name: str, size: int) -> np.ndarray:
    """A shared portrait, RGB, shrunk to at most `size` px (0: as it is)."""
    import imageio.v3 as iio

    image = iio.imread(next(iter(sorted((SHARED / "portraits").glob(f"{name}.*")))))[..., :3]
    scale = size / max(image.shape[:2]) if size else 1.0
    if scale < 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(image)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--drivers", default="lp_d12,lp_d18")
    parser.add_argument("--portraits", default=None)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--driver-scale", type=float, default=1.0)
    parser.add_argument("--compare", type=Path, default=None)
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/mouth_teeth"))
    args = parser.parse_args()
    import imageio.v3 as iio

    args.output.mkdir(parents=True, exist_ok=True)
    portraits = (args.portraits.split(",") if args.portraits
                 else sorted(p.stem for p in (SHARED / "portraits").iterdir() if p.suffix in (".jpg", ".png")))
    results: dict[str, dict[str, dict[str, float]]] = {}
    for dname in args.drivers.split(","):
        with open_video(SHARED / "driving" / f"{dname}.mp4") as video:
            fps = video.fps
            frames = [f for _, f in zip(range(int(args.seconds * fps)), video.frames())]
        if args.driver_scale != 1:
            frames = [cv2.resize(f, None, fx=args.driver_scale, fy=args.driver_scale,
                                 interpolation=cv2.INTER_AREA) for f in frames]
        track = track_frames(iter(frames), fps)
        motion = extract_motion(track)
        drv = [mouth_look(f, lm) for f, lm in zip(frames, track.landmarks)]
        teeth_frames = [k for k, m in enumerate(drv) if m.teeth_area >= SHOWS_TEETH]
        wide = [k for k, lm in enumerate(track.landmarks) if np.divide(*mouth_gap(lm)) >= WIDE_OPEN]
        if not teeth_frames or not wide:
            continue
        drv_cavity = np.nanmean([drv[k].cavity for k in wide])
        drv_teeth = np.mean([drv[k].teeth_area for k in teeth_frames])
        drv_contrast = np.nanmean([drv[k].contrast for k in teeth_frames])
        drv_detail = np.nanmean([drv[k].detail for k in teeth_frames])
        widest = max(wide, key=lambda k: np.divide(*mouth_gap(track.landmarks[k])))
        shown = sorted(sorted(teeth_frames, key=lambda k: -drv[k].teeth_area)[:3]) + [widest]
        results[dname] = {}
        for name in portraits:
            image = _portrait(name, args.size)
            lm = track_image(image).landmarks[0]
            targets = retarget(lm, motion, RetargetOptions().for_engine("mesh"))
            animator = MeshAnimator(image, lm, MeshOptions(mouth_interior="driver"))
            outs = {k: animator.render(targets[k], driver=DriverFrame(frames[k], track.landmarks[k]))
                    for k in sorted(set(teeth_frames) | set(wide))}
            opened = [mouth_look(outs[k], targets[k]) for k in wide]
            still = [mouth_look(image, targets[k]) for k in wide]
            src = mouth_look(image, lm)
            looks = [mouth_look(outs[k], targets[k]) for k in teeth_frames]
            results[dname][name] = {
                "frames": len(teeth_frames),
                "teeth": float(np.mean([m.teeth_area for m in looks]) / drv_teeth),
                "contrast": float(np.nanmean([m.contrast for m in looks]) / drv_contrast),
                "detail": float(np.nanmean([m.detail for m in looks]) / drv_detail),
                "baseline_detail": float(np.nan_to_num(src.detail) / drv_detail),
                "lip_de": float(np.nanmean([np.linalg.norm(m.lower_lip - src.lower_lip) for m in looks])),
                "baseline_teeth": float(src.teeth_area / drv_teeth),
                "baseline_contrast": float(np.nan_to_num(src.contrast) / drv_contrast),
                "wide_frames": len(wide),
                "cavity": float(np.nanmean([m.cavity for m in opened]) / drv_cavity),
                "baseline_cavity": float(np.nanmean([m.cavity for m in still]) / drv_cavity),
                "rim": float(np.nanmean([m.rim for m in opened])),
                "baseline_rim": float(np.nanmean([m.rim for m in still])),
                "driver_rim": float(np.nanmean([drv[k].rim for k in wide])),
                "hue": float(np.nanmean([m.hue for m in opened])),
                "baseline_hue": float(np.nanmean([m.hue for m in still])),
                "driver_hue": float(np.nanmean([drv[k].hue for k in wide]))}
            rows = [np.hstack([crop_at(frames[k], track.landmarks[k]) for k in shown]),
                    np.hstack([crop_at(outs[k], targets[k]) for k in shown])]
            earlier = args.compare / f"{name}_{dname}.png" if args.compare else None
            if earlier is not None and earlier.exists():
                rows.insert(1, iio.imread(earlier)[-rows[1].shape[0]:])
            iio.imwrite(args.output / f"{name}_{dname}.png", np.vstack(rows))
    (args.output / "results.json").write_text(json.dumps(results, indent=1))
    print(f"{platform.machine()}, {date.today()}, first {args.seconds:g} s, driver teeth / wide-open frames: "
          + ", ".join(f"{d} {next(iter(r.values()))['frames']} / {next(iter(r.values()))['wide_frames']}"
                      for d, r in results.items()))
    print("| driver | portrait | teeth (baseline) | contrast (baseline) | detail (baseline) | lower lip dE "
          "| cavity (baseline) | rim (baseline; driver) | hue (baseline; driver) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for dname, rows in results.items():
        for name in ["mean"] + list(rows):
            vals = list(rows.values()) if name == "mean" else [rows[name]]
            m = {k: np.mean([v[k] for v in vals]) for k in vals[0]}
            print(f"| {dname} | {name} | {m['teeth']:.2f} ({m['baseline_teeth']:.2f}) | "
                  f"{m['contrast']:.2f} ({m['baseline_contrast']:.2f}) | "
                  f"{m['detail']:.2f} ({m['baseline_detail']:.2f}) | {m['lip_de']:.1f} | "
                  f"{m['cavity']:.2f} ({m['baseline_cavity']:.2f}) | "
                  f"{m['rim']:+.2f} ({m['baseline_rim']:+.2f}; {m['driver_rim']:+.2f}) | "
                  f"{m['hue']:.0f} ({m['baseline_hue']:.0f}; {m['driver_hue']:.0f}) |")


if __name__ == "__main__":
    main()
