"""Hard cases for an engine on ../shared/data: big head turns, wide-open mouths; artefact metrics beside the baseline.

Cross-reenactment: every portrait driven by each preset of --presets (those the engine does not have are
skipped, so one command serves before and after new presets land) and by the real drivers of --drivers
(default lp_d12, the biggest real turn: yaw -26..+24 deg in its first 4 s; lp_d18, strong expressions).
Self-reenactment: the fastest movers of --self (default lp_d12, sr_1), reported apart.
Real drivers are cut to --seconds. Reports seam score, identity distance (p95, max), mouth range ratio,
correlation and realism (docs/eval.md) beside the do-nothing baseline, per driver, and writes for every
output a contact sheet (`sheets/<video>.png`): the source, frames evenly spaced, then the frames with the
highest and lowest seam scores, each labelled with its frame number and seam score.

Run: .venv/bin/python bench/hard_cases.py [--presets turn,laugh,talk,nod] [--drivers lp_d12,lp_d18]
     [--self lp_d12,sr_1] [--portraits lp_s1,sr_4] [--seconds 4] [--engine mesh] [-o bench-out/hard_cases] [--reuse]
(--reuse scores the videos an earlier run left under -o instead of animating again.)
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import cv2
import numpy as np
from reenact import SHARED, cut

from facereel.errors import InputError
from facereel.eval import pixels, seam
from facereel.eval import report as reports
from facereel.eval import run as runner
from facereel.face.tracking import track_image
from facereel.media.files import IMAGE_SUFFIXES
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video
from facereel.motion.presets import PRESETS

COLUMNS = ("seam", "seam_p95", "id_dist_mean", "id_dist_p95", "id_dist_max", "mouth_range", "mouth_corr",
           "mouth_realism", "apd")
TILE = 200  # contact-sheet tile height, pixels
EVEN, WORST, BEST = 6, 4, 2  # tiles per sheet: evenly spaced, highest seam, lowest seam


def _nanmean(values: list[float]) -> float:
    finite = [v for v in values if math.isfinite(v)]
    return float(np.mean(finite)) if finite else math.nan


def driver_table(result: reports.Report, label: str, columns: tuple[str, ...] = COLUMNS) -> list[str]:
    """Markdown rows: per driver, mean over its videos of each of `columns`, "method / baseline"."""
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(result.rows["method"]):
        groups.setdefault(row["video"].split("__")[-1], []).append(index)
    lines = [f"| {label} | videos | " + " | ".join(columns) + " |", "|---" * (len(columns) + 2) + "|"]
    for driver, indices in groups.items():
        cells = []
        for name in columns:
            pair = [_nanmean([result.rows[m][i].get(name, math.nan) for i in indices]) for m in reports.METHODS]
            cells.append(" / ".join(reports.fmt(v) for v in pair))
        lines.append(f"| {driver} | {len(indices)} | " + " | ".join(cells) + " |")
    return lines


def _tile(frame: np.ndarray, box: pixels.Box, text: str) -> np.ndarray:
    """The box of a frame scaled to TILE pixels high, with `text` written on it."""
    crop = pixels.crop(frame, box)
    width = max(1, round(crop.shape[1] * TILE / crop.shape[0]))
    tile = np.ascontiguousarray(cv2.resize(crop, (width, TILE), interpolation=cv2.INTER_AREA))
    for colour, thickness in (((0, 0, 0), 3), ((255, 255, 0), 1)):
        cv2.putText(tile, text, (4, TILE - 8), cv2.FONT_HERSHEY_SIMPLEX, 0.45, colour, thickness, cv2.LINE_AA)
    return tile


def _edges_shown(frame: np.ndarray, source: seam.SeamSource) -> np.ndarray:
    """The frame with its new edges (`seam.new_edges`) painted red; unchanged if no face is found in it."""
    try:
        landmarks = track_image(frame).landmarks[0]
    except InputError:
        return frame
    energy, _ = seam.new_edges(frame, landmarks, source)
    red = np.clip(energy * 0.125, 0.0, 1.0)[..., None]  # full red at 8 grey levels/px of new edge
    return (frame * (1.0 - red) + np.array([255.0, 0.0, 0.0]) * red).astype(np.uint8)


def contact_sheet(output: Path, source: np.ndarray, seam_curve: np.ndarray, path: Path) -> None:
    """PNG: row 1 the source and EVEN evenly spaced frames, row 2 the WORST highest- and BEST lowest-seam frames
    with their new edges painted red.

    Tiles show the source face's box widened to take in hair and shoulders (the same box in every frame).
    `seam_curve` is the (T,) per-frame seam score of the output (NaN where not measured).
    """
    with open_video(output) as video:
        frames = [frame for _, frame in zip(range(len(seam_curve)), video.frames())]
    landmarks = track_image(source).landmarks[0]
    box = pixels.face_box(landmarks, (source.shape[1], source.shape[0]), 0.9)
    scored = [t for t in np.argsort(-np.nan_to_num(seam_curve, nan=-1.0)) if t < len(frames) and np.isfinite(seam_curve[t])]
    even = np.linspace(0, len(frames) - 1, EVEN).round().astype(int)
    picks = scored[:WORST] + scored[::-1][:BEST]
    prepared = seam.prepare(source, landmarks)
    rows = [[_tile(source, box, "source")] + [_tile(frames[t], box, f"#{t} seam {seam_curve[t]:.2f}") for t in even],
            [_tile(_edges_shown(frames[t], prepared), box,
                   f"{'worst' if k < WORST else 'best'} #{t} seam {seam_curve[t]:.2f}") for k, t in enumerate(picks)]]
    width = max(sum(tile.shape[1] for tile in row) for row in rows)
    sheet = np.vstack([np.pad(np.hstack(row), ((0, 0), (0, width - sum(t.shape[1] for t in row)), (0, 0)))
                       for row in rows])
    path.parent.mkdir(parents=True, exist_ok=True)
    write_image(path, sheet)


def write_sheets(result: reports.Report, folder: Path, sources: dict[str, np.ndarray]) -> None:
    """A contact sheet per output video of `result` (outputs in folder/outputs, sheets in folder/sheets)."""
    for name, curves in result.frame_curves.items():
        source = sources[name.split("__")[0]]
        contact_sheet(folder / "outputs" / f"{name}.mp4", source, curves["seam"]["method"],
                      folder / "sheets" / f"{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presets", default="turn,laugh,talk,nod")
    parser.add_argument("--drivers", default="lp_d12,lp_d18", help="real drivers (names in ../shared/data/driving)")
    parser.add_argument("--self", dest="self_drivers", default="lp_d12,sr_1")
    parser.add_argument("--portraits", default="", help="portrait stems to use (default: all)")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--engine", default="mesh")
    parser.add_argument("--weights", default=None)
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/hard_cases"))
    parser.add_argument("--reuse", action="store_true", help="score the outputs of an earlier run under -o")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    wanted = [p for p in args.presets.split(",") if p]
    presets = [f"preset:{p}" for p in wanted if p in PRESETS]
    for missing in sorted(set(wanted) - set(PRESETS)):
        print(f"preset:{missing} skipped: not among this engine's presets ({', '.join(PRESETS)})")
    clips = args.output / "drivers"
    clips.mkdir(parents=True, exist_ok=True)

    def real(names: str) -> list[Path]:
        return [cut(SHARED / "driving" / f"{n}.mp4", args.seconds, clips) for n in names.split(",") if n]

    portraits = sorted(p for p in (SHARED / "portraits").iterdir() if p.suffix.lower() in IMAGE_SUFFIXES
                       and (not args.portraits or p.stem in args.portraits.split(",")))
    make_output = runner.engine_outputs(args.engine, args.weights)
    cross_drivers, self_clips = [*presets, *real(args.drivers)], real(args.self_drivers)
    if cross_drivers:
        folder = args.output / "cross"
        cross = runner.evaluate_cross(portraits, cross_drivers, folder, make_output=make_output,
                                      outputs=folder / "outputs" if args.reuse else None)
        _write(cross, folder, {p.stem: read_image(p) for p in portraits}, args)
        print(f"Cross-reenactment of {len(portraits)} portraits, mean per driver (method / baseline):\n")
        print("\n".join(driver_table(cross, "driver")) + "\n")
    if self_clips:
        folder = args.output / "self"
        own = runner.evaluate_self(self_clips, folder, make_output=make_output,
                                   outputs=folder / "outputs" if args.reuse else None)
        _write(own, folder, {c.stem: read_image(folder / "sources" / f"{c.stem}.png") for c in self_clips}, args)
        print("Self-reenactment, the fastest movers (method / baseline):\n")
        print("\n".join(driver_table(own, "video", ("seam_truth", *COLUMNS))))
        psnr = [f"{r['video']} {r['psnr']:.2f} / {b['psnr']:.2f} dB (head {r['psnr_head']:.2f} / {b['psnr_head']:.2f})"
                for r, b in zip(own.rows["method"], own.rows["baseline"])]
        print("\nSelf-reenactment PSNR method / baseline: " + "; ".join(psnr) + "\n")
    print(f"Reports, plots and contact sheets under {args.output}/cross and {args.output}/self")


def _write(result: reports.Report, folder: Path, sources: dict[str, np.ndarray], args: argparse.Namespace) -> None:
    """The report files and the contact sheets of one protocol's run."""
    result.settings.update(engine=args.engine, seconds=args.seconds)
    reports.write_report(result, folder)
    write_sheets(result, folder, sources)


if __name__ == "__main__":
    main()
