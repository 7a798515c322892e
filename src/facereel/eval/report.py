"""An evaluation's `Report` (everything one run measured), written as JSON + Markdown + plots; two saved
reports compared.

Files written into the report folder: `report.json` (every row, the means, notes, settings),
`report.md` (tables), `plots/metrics.png` (one bar chart per metric, method vs baseline),
`plots/features_<video>.png` (per-frame expression features of driver, method and baseline) and
`plots/frames_<video>.png` (per-frame seam score, identity distance, inner-lip gap and mouth realism).
JSON numbers follow Python's `json` module (an infinite PSNR is written `Infinity`), but for a value that is not
defined (NaN: no face found, a mouth that does not move beyond the tracker's noise, ...), written `null` (read back
as NaN by `load`); the Markdown shows it as "n/a", its reason among the notes.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from facereel.errors import InputError
from facereel.eval import new_files
from facereel.media.atomic import atomic_paths
from facereel.motion.features import FEATURE_NAMES, INDEX

METHODS = ("method", "baseline")


@dataclass
class PairScores:
    """Everything measured on one output video (one source x driver pair), as `Report.add` takes it.

    Attributes:
        video: its name (the output file's stem).
        rows: per method ("method", "baseline"), `frames` and one float per metric (see `Report.rows`).
        curves: (T, F) expression features of "driver", "method" and "baseline".
        frame_curves: per `scoring.FRAME_CURVES` metric, per method, (T,) values per output frame.
        notes: caveats about this video (e.g. no face found in the output).
    """

    video: str
    rows: dict[str, dict[str, float]]
    curves: dict[str, np.ndarray]
    frame_curves: dict[str, dict[str, np.ndarray]]
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Everything one evaluation run measured.

    Attributes:
        protocol: "self" or "cross".
        rows: per method ("method", "baseline"), one dict per output video: `video` (name),
            `frames` (number scored) and one float per metric (names in `report.METRICS`; `aed.<feature>`
            per expression feature).
        notes: caveats printed with the results (proxies used, metrics skipped, ...).
        curves: per video name, (T, F) expression features of "driver", "method" and "baseline".
        settings: how the run was made (inputs, outputs folder, engine), for the JSON record.
        set_scores: per method, metrics of the whole run rather than per video ("fid", "fvd"); merged into `means`.
        frame_curves: per video name, per `scoring.FRAME_CURVES` metric, per method: (T,) values per output frame
            (NaN where not measured: face lost, mouth closed, frame not sampled for identity).
    """

    protocol: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {m: [] for m in METHODS})
    notes: list[str] = field(default_factory=list)
    curves: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    set_scores: dict[str, dict[str, float]] = field(default_factory=dict)
    frame_curves: dict[str, dict[str, dict[str, np.ndarray]]] = field(default_factory=dict)

    def add(self, pair: PairScores) -> None:
        """One output video's rows, curves and notes, after those added before."""
        for method in METHODS:
            self.rows[method].append({"video": pair.video, **pair.rows[method]})
        self.curves[pair.video] = pair.curves
        self.frame_curves[pair.video] = pair.frame_curves
        self.notes += pair.notes

    def means(self) -> dict[str, dict[str, float]]:
        """Per method, the mean over videos of every metric (NaN-skipping; NaN if no video has it), and the
        run's `set_scores`."""
        result = {}
        for method, rows in self.rows.items():
            keys = [k for k in (rows[0] if rows else {}) if k != "video"]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                result[method] = {k: float(np.nanmean([float(r[k]) for r in rows])) for k in keys}
            result[method].update(self.set_scores.get(method, {}))
        return result


@dataclass(frozen=True)
class Metric:
    """How to read one metric: unit and direction (`target`: best value when neither more nor less is better)."""

    unit: str
    higher_is_better: bool
    description: str
    target: float | None = None

    def direction(self) -> str:
        """'higher', 'lower' or '~target' for the tables."""
        if self.target is not None:
            return f"~{self.target:g}"
        return "higher" if self.higher_is_better else "lower"


METRICS: dict[str, Metric] = {
    "psnr": Metric("dB", True, "PSNR vs ground truth, full frame"),
    "ssim": Metric("", True, "SSIM vs ground truth, full frame"),
    "l1": Metric("[0,1]", False, "mean |difference| vs ground truth, full frame"),
    "psnr_head": Metric("dB", True, "PSNR inside the ground-truth head box"),
    "ssim_head": Metric("", True, "SSIM inside the ground-truth head box"),
    "l1_head": Metric("[0,1]", False, "L1 inside the ground-truth head box"),
    "lpips": Metric("", False, "LPIPS vs ground truth (user-supplied weights)"),
    "akd": Metric("IOD", False, "mean landmark distance / inter-ocular distance"),
    "aed": Metric("IOD", False, "canonical landmark distance (cross: change since frame 0)"),
    "aed_feat": Metric("", False, "mean |expression feature difference|"),
    "apd": Metric("deg", False, "mean of |yaw|, |pitch|, |roll| errors"),
    "apd_yaw": Metric("deg", False, "|yaw error|"),
    "apd_pitch": Metric("deg", False, "|pitch error|"),
    "apd_roll": Metric("deg", False, "|roll error|"),
    "dlib_sim": Metric("cos", True, "dlib descriptor similarity to the source (not ArcFace)"),
    "jitter": Metric("IOD/frame", False, "output landmark speed where the driver is still"),
    "flicker": Metric("[0,1]", False, "mean |frame difference| outside the face"),
    "size_drift": Metric("fraction", False, "head-size change not explained by the driver"),
    "face_found": Metric("fraction", True, "output frames with a face"),
    "seam": Metric("level/px", False, "new edges in the head region vs the source moved with the head (eval.seam)"),
    "seam_p95": Metric("level/px", False, "seam score, 95th percentile over frames"),
    "seam_truth": Metric("level/px", False, "seam score of the ground-truth video itself (self): real motion's level"),
    "id_dist_mean": Metric("dlib", False, "dlib descriptor distance to the source, mean over sampled frames"),
    "id_dist_p95": Metric("dlib", False, "dlib distance to the source, 95th percentile over sampled frames"),
    "id_dist_max": Metric("dlib", False, "dlib distance to the source, worst sampled frame"),
    "mouth_range": Metric("ratio", True, "inner-lip gap range, output / driver (eval.mouth)", target=1.0),
    "mouth_corr": Metric("r", True, "correlation of output and driver inner-lip gaps"),
    "mouth_realism": Metric("z", False, "inner-mouth colour/texture vs real open mouths, open frames (eval.mouth)"),
    "fid": Metric("", False, "FID of all output frames vs ground-truth frames, per run (user-supplied weights)"),
    "fvd": Metric("", False, "FVD of all output 16-frame clips vs ground truth, per run (user-supplied weights)"),
}
TITLES = {"self": "self-reenactment", "cross": "cross-reenactment"}
CURVE_STYLES = {"driver": ("black", "-"), "method": ("tab:blue", "-"), "baseline": ("tab:gray", "--")}  # colour, line


def write_report(report: Report, folder: str | Path) -> Path:
    """Write report.json, report.md and plots/ into `folder`, all of them or, when interrupted or failing before
    the end, none (the files there stay as they were); new paths are noted for `new_files`. Returns the JSON's
    path."""
    folder = Path(folder)
    record = to_json(report)
    plots: list[tuple[str, Callable[[Path], Path]]] = [("metrics.png", partial(plot_metrics, record))]
    for name, curves in report.curves.items():
        plots.append((f"features_{name}.png", partial(plot_features, curves, name)))
        if name in report.frame_curves:
            plots.append((f"frames_{name}.png", partial(plot_frames, report.frame_curves[name], curves, name)))
    json_path, md_path = new_files.note(folder / "report.json"), new_files.note(folder / "report.md")
    plot_paths = [new_files.note(folder / "plots" / name) for name, _ in plots]
    with atomic_paths([json_path, md_path, *plot_paths]) as (json_tmp, md_tmp, *plot_tmps):
        json_tmp.write_text(json.dumps(_nulls(record), indent=2))
        for (_, draw), tmp in zip(plots, plot_tmps):
            draw(tmp)
        md_tmp.write_text(markdown(record, [path.relative_to(folder) for path in plot_paths]))
    return json_path


def to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict: protocol, settings, notes, metric units, means and rows."""
    means = report.means()
    present = [name for name in means.get("method", {}) if name != "frames"]
    return {
        "protocol": report.protocol,
        "settings": report.settings,
        "notes": report.notes,
        "metrics": {name: vars(METRICS[name]) for name in present if name in METRICS},
        "mean": means,
        "rows": report.rows,
    }


def load(path: str | Path) -> dict[str, Any]:
    """Read a report.json; InputError naming the file if it is not one."""
    path = Path(path)
    try:
        record = json.loads(path.read_text())
    except FileNotFoundError:
        raise InputError("report file not found", path) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"not a JSON report ({exc.__class__.__name__})", path) from None
    if not isinstance(record, dict) or "mean" not in record or "protocol" not in record:
        raise InputError("not a facereel eval report (no 'protocol' / 'mean')", path)
    return {**record, "mean": _nans(record["mean"]), "rows": _nans(record.get("rows", {}))}


def _nulls(value: Any) -> Any:
    """`value` (nested dicts and lists) with every NaN float as None: JSON's `null`, not Python's non-standard `NaN`."""
    if isinstance(value, dict):
        return {key: _nulls(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nulls(item) for item in value]
    return None if isinstance(value, float) and math.isnan(value) else value


def _nans(value: Any) -> Any:
    """`_nulls` undone on a report's means or rows (nested dicts and lists of numbers and names): None as NaN."""
    if isinstance(value, dict):
        return {key: _nans(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nans(item) for item in value]
    return math.nan if value is None else value


def markdown(record: dict[str, Any], plots: list[Path] | None = None) -> str:
    """Markdown: mean table (method vs baseline), per-video table, per-feature AED, notes, plots."""
    means = record["mean"]
    headline = [name for name in METRICS if name in means.get("method", {})]
    count = len(record["rows"].get("method", []))
    lines = [f"# facereel eval: {TITLES.get(record['protocol'], record['protocol'])}", "",
             f"Mean over {count} video(s); baseline = the source image repeated.", "",
             "| metric | unit | better | method | baseline |", "|---|---|---|---|---|"]
    for name in headline:
        metric = METRICS[name]
        lines.append(f"| {name} | {metric.unit} | {metric.direction()} | "
                     f"{fmt(means['method'][name])} | {fmt(means['baseline'][name])} |")
    rows = record["rows"].get("method", [])
    per_video = [name for name in headline if all(name in row for row in rows)]  # not the run-level fid / fvd
    lines += ["", "## Per video (method)", "", "| video | " + " | ".join(per_video) + " |",
              "|---" * (len(per_video) + 1) + "|"]
    for row in rows:
        lines.append(f"| {row['video']} | " + " | ".join(fmt(row[name]) for name in per_video) + " |")
    features = [name for name in FEATURE_NAMES if f"aed.{name}" in means.get("method", {})]
    if features:
        lines += ["", "## Expression feature error |output - driver| (mean)", "",
                  "| feature | method | baseline |", "|---|---|---|"]
        lines += [f"| {name} | {fmt(means['method'][f'aed.{name}'])} | {fmt(means['baseline'][f'aed.{name}'])} |"
                  for name in features]
    lines += ["", "## Notes", ""] + [f"- {note}" for note in record.get("notes", [])]
    if plots:
        lines += ["", "## Plots", ""] + [f"![{p.stem}]({p.as_posix()})" for p in plots]
    return "\n".join(lines) + "\n"


def compare(a_path: str | Path, b_path: str | Path) -> str:
    """Markdown table of two reports' method means side by side (A, B, B - A, which is better)."""
    a, b = load(a_path), load(b_path)
    lines = [f"# facereel eval compare: A = {a_path}, B = {b_path}", ""]
    if a["protocol"] != b["protocol"]:
        lines += [f"**Different protocols** (A: {a['protocol']}, B: {b['protocol']}): numbers are not comparable.", ""]
    elif a.get("settings", {}).get("driving") != b.get("settings", {}).get("driving"):
        lines += ["**Different driving videos**: numbers are not directly comparable.", ""]
    lines += ["| metric | A | B | B - A | better |", "|---|---|---|---|---|"]
    a_mean, b_mean = a["mean"].get("method", {}), b["mean"].get("method", {})
    for name in METRICS:
        if name not in a_mean and name not in b_mean:
            continue
        va, vb = float(a_mean.get(name, math.nan)), float(b_mean.get(name, math.nan))
        lines.append(f"| {name} | {fmt(va)} | {fmt(vb)} | {fmt(vb - va)} | {_better(METRICS[name], va, vb)} |")
    return "\n".join(lines) + "\n"


def plot_metrics(record: dict[str, Any], path: Path) -> Path:
    """One bar chart per metric (method vs baseline means) in a grid; PNG at `path`."""
    means = record["mean"]
    names = [n for n in METRICS if n in means.get("method", {})]
    cols = 4
    rows = max(1, math.ceil(len(names) / cols))
    fig, axes = _figure(rows, cols, (3.2 * cols, 2.6 * rows), _Margins(0.45, 0.1, 0.3, 0.3, 0.45, 0.55))
    for ax, name in zip(axes.flat, names):
        values = [means[m][name] for m in ("method", "baseline")]
        shown = [v if math.isfinite(v) else 0.0 for v in values]
        ax.bar(["method", "baseline"], shown, color=["tab:blue", "tab:gray"])
        for x, v in enumerate(values):
            ax.annotate(fmt(v), (x, shown[x]), ha="center", va="bottom", fontsize=8)
        metric = METRICS[name]
        ax.set_title(f"{name} ({metric.direction()} better)", fontsize=9, y=1.0)
        ax.tick_params(labelsize=8)
        ax.locator_params(axis="y", nbins=4)
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    return _save(fig, path, dpi=90)


def plot_features(curves: dict[str, np.ndarray], title: str, path: Path) -> Path:
    """Per-frame expression features (one panel each) of driver, method and baseline; PNG at `path`."""
    from matplotlib.ticker import MaxNLocator

    cols = 3
    rows = math.ceil(len(FEATURE_NAMES) / cols)
    fig, axes = _figure(rows, cols, (4.0 * cols, 2.2 * rows), _Margins(0.4, 0.1, 0.6, 0.3, 0.35, 0.45),
                        sharex=True)
    for index, (ax, feature) in enumerate(zip(axes.flat, FEATURE_NAMES)):
        for label, values in curves.items():
            color, line = CURVE_STYLES.get(label, (None, "-"))
            ax.plot(values[:, index], color=color, linestyle=line, linewidth=1.0, label=label)
        ax.set_title(feature, fontsize=9, y=1.0)
        ax.tick_params(labelsize=7)
        ax.locator_params(axis="y", nbins=4)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    for ax in list(axes.flat)[len(FEATURE_NAMES):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    fig.suptitle(f"{title}: expression features per frame", fontsize=10)
    return _save(fig, path, dpi=80)


def plot_frames(frame_curves: dict[str, dict[str, np.ndarray]], features: dict[str, np.ndarray], title: str,
                path: Path) -> Path:
    """Per-frame artefact metrics (method vs baseline) and the inner-lip gap (driver too); PNG at `path`.

    `frame_curves`: metric -> method -> (T,) values (`Report.frame_curves[video]`); `features`: who ->
    (T, F) expression features (`Report.curves[video]`).
    """
    panels = [(name, frame_curves[name]) for name in ("seam", "id_dist", "mouth_realism") if name in frame_curves]
    panels.append(("mouth_open", {who: values[:, INDEX["mouth_open"]] for who, values in features.items()}))
    fig, axes = _figure(len(panels), 1, (8.0, 1.9 * len(panels)), _Margins(0.75, 0.15, 0.45, 0.45, 0.0, 0.2),
                        sharex=True)
    for ax, (name, curves) in zip(axes[:, 0], panels):
        for who, values in curves.items():
            color, line = CURVE_STYLES.get(who, (None, "-"))
            ax.plot(values, color=color, linestyle=line, marker="." if name == "id_dist" else None,
                    linewidth=1.0, label=who)
        ax.set_ylabel(name, fontsize=8)
        ax.yaxis.set_label_coords(-0.07, 0.5)  # fixed: no alignment pass over the panels' tick labels
        ax.tick_params(labelsize=7)
        ax.locator_params(axis="y", nbins=4)
    axes[0, 0].legend(fontsize=7)
    axes[-1, 0].set_xlabel("output frame", fontsize=8)
    axes[-1, 0].xaxis.set_label_coords(0.5, -0.2)
    fig.suptitle(f"{title}: artefact metrics per frame", fontsize=10)
    return _save(fig, path, dpi=80)


@dataclass(frozen=True)
class _Margins:
    """A plot grid's fixed margins and gaps, in inches (a fixed layout instead of a costly `tight_layout` pass)."""

    left: float
    right: float
    top: float
    bottom: float
    across: float  # between columns
    down: float  # between rows

    def gridspec(self, rows: int, cols: int, size: tuple[float, float]) -> dict[str, float]:
        """matplotlib's subplot parameters (fractions of the figure; gaps as fractions of a panel) for `size`."""
        width, height = size
        panel_w = (width - self.left - self.right - (cols - 1) * self.across) / cols
        panel_h = (height - self.top - self.bottom - (rows - 1) * self.down) / rows
        return {"left": self.left / width, "right": 1 - self.right / width, "top": 1 - self.top / height,
                "bottom": self.bottom / height, "wspace": self.across / panel_w, "hspace": self.down / panel_h}


def _figure(rows: int, cols: int, size: tuple[float, float], margins: _Margins, **kwargs: Any) -> tuple[Any, Any]:
    """A matplotlib figure of `size` inches with a (rows, cols) array of axes (no pyplot, no global backend)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=size)
    axes = fig.subplots(rows, cols, squeeze=False, gridspec_kw=margins.gridspec(rows, cols, size), **kwargs)
    return fig, axes


def _save(fig: Any, path: Path, dpi: int) -> Path:
    """Write a matplotlib figure as a PNG at `path` (as it is: `write_report` gives a temporary)."""
    fig.savefig(path, dpi=dpi, format="png")
    return path


def _better(metric: Metric, a: float, b: float) -> str:
    """'A', 'B' or '=' by the metric's direction (closeness to its target, if any); '' when either is missing."""
    if math.isnan(a) or math.isnan(b):
        return ""
    if metric.target is not None:
        a, b = -abs(a - metric.target), -abs(b - metric.target)
    elif not metric.higher_is_better:
        a, b = -a, -b
    if a == b:
        return "="
    return "B" if b > a else "A"


def fmt(value: float) -> str:
    """Compact number: 4 significant digits, 'inf', or 'n/a' for NaN (missing or not defined; the notes say why)."""
    value = float(value)
    if math.isnan(value):
        return "n/a"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.4g}"
