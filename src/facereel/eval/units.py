"""`facereel eval` over work units: one unit per driver (self: a driving video and its output; cross: a driver
with every source portrait), run here one after another, on this machine's share of a `--shard K/N` split, or
on Ray actors (`--ray`). Each unit's scores are written as a record, `REPORT_DIR/records/<driver>.json`, and
the report (means over videos beside the baseline) is built from the records of every driver of the run, in
the run's order (`run.build_report`), once all of them exist: by the last shard to finish, or `eval ... --merge`.
So a run split in any way gives the report one process gives.

A record holds, per output video, the method and baseline rows, the expression-feature curves and the
per-frame curves (arrays as dtype, shape and values: JSON floats read back bit-exactly), the video's notes,
and where the unit ran; a unit that failed (a bad video) holds its one-line error instead, and the report
notes it. `REPORT_DIR/records/settings.json` holds what every shard must share (protocol, inputs, engine);
shards started with others are refused. FID / FVD are one number over all videos (`distribution`): they are
computed in a run in one process only.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from facereel.errors import InputError, error_line, unwrapped_interrupts
from facereel.eval import distribution, new_files, run
from facereel.eval.names import driving_stem
from facereel.eval.report import PairScores, Report
from facereel.media.atomic import atomic_path
from facereel.train.layout import DAMAGED, read_json_object, record_settings

RECORDS = "records"
SETTINGS = "settings.json"
IN_PROCESS = "in-process"


@dataclass(frozen=True)
class EvalSetup:
    """What a unit needs besides its driver, the same for every unit of a run.

    Attributes:
        protocol: "self" or "cross".
        report_dir: REPORT_DIR (records, engine outputs, source frames).
        sources: the cross-reenactment portraits (empty for self).
        outputs: folder of ready-made outputs, or None: `engine` makes them (with `weights` for a1).
        lpips_weights: TorchScript LPIPS module (self), or None.
    """

    protocol: str
    report_dir: Path
    sources: tuple[Path, ...] = ()
    outputs: Path | None = None
    engine: str = "mesh"
    weights: str | None = None
    lpips_weights: Path | None = None

    def settings(self, drivers: Sequence[str | Path]) -> dict[str, Any]:
        """The report's settings for a run over `drivers` (as `run.evaluate_self` / `evaluate_cross` record them)
        and the engine (None when scoring ready-made outputs)."""
        settings = run.report_settings(self.protocol, drivers, self.sources, self.outputs)
        return {**settings, "engine": None if self.outputs is not None else self.engine}


@dataclass(frozen=True)
class UnitRecord:
    """One driver's outcome: its output videos' scores, or a one-line `error`; `where` it ran."""

    unit: str
    pairs: list[PairScores] = field(default_factory=list)
    error: str | None = None
    where: str = IN_PROCESS


def unit_name(driver: str | Path) -> str:
    """A driver's unit name (also its record's file stem and its shard key): `names.driving_stem`."""
    return driving_stem(driver)


def check_unique(drivers: Sequence[str | Path]) -> None:
    """InputError when two drivers share a unit name (their outputs and records would collide)."""
    seen: dict[str, str | Path] = {}
    for driver in drivers:
        if (name := unit_name(driver)) in seen:
            raise InputError(f"two drivers are named {name!r} ({seen[name]}); rename one", driver)
        seen[name] = driver


def score_unit(driver: str | Path, where: str, setup: EvalSetup,
               sets: distribution.SetScores | None = None) -> UnitRecord:
    """Score one driver's output(s) (engine outputs made first when no outputs folder is given); any error
    becomes a failed record. `sets` collects FID / FVD frames (in a run in one process only)."""
    make_output = None if setup.outputs is not None else run.engine_outputs(setup.engine, setup.weights)
    try:
        with unwrapped_interrupts():  # Ctrl-C inside a numba kernel stops the run, not only this driver
            if setup.protocol == "self":
                lpips = None if setup.lpips_weights is None else lpips_net(setup.lpips_weights)
                pairs = run.score_self_video(Path(driver), setup.report_dir, setup.outputs, make_output, lpips,
                                             sets)
            else:
                pairs = run.score_cross_driver(driver, _portraits(setup.sources), setup.report_dir, setup.outputs,
                                               make_output)
    except Exception as exc:  # noqa: BLE001 - one bad video is reported and the run goes on
        return UnitRecord(unit_name(driver), error=error_line(exc), where=where)
    return UnitRecord(unit_name(driver), pairs, where=where)


@functools.lru_cache(maxsize=1)
def lpips_net(path: Path):  # noqa: ANN202 - perceptual.Lpips, loaded once per process (InputError for a bad file)
    from facereel.eval.perceptual import Lpips

    return Lpips(path)


@functools.lru_cache(maxsize=1)
def _portraits(sources: tuple[Path, ...]) -> run.Portraits:
    """The portraits read and tracked once per process (a worker scores many drivers)."""
    return run.load_portraits(sources)


def run_units(drivers: Sequence[str | Path], setup: EvalSetup, on_record: Callable[[UnitRecord], None],
              ray_address: str | None = None, use_ray: bool = False,
              sets: distribution.SetScores | None = None) -> None:
    """Score `drivers` here, one after another, or with `use_ray` on the Ray cluster at `ray_address` (None: a
    local one); each record is written into REPORT_DIR/records and passed to `on_record`, here, as it comes."""

    def record(driver: str | Path, unit: UnitRecord) -> None:
        write_record(setup.report_dir, unit)
        on_record(unit)

    if use_ray:
        from facereel.batch.ray_pool import run_units_ray

        for driver in drivers:  # made in the workers' processes: noted here, so that an interrupt removes them too
            for path in run.unit_files(setup.protocol, driver, setup.sources, setup.report_dir, setup.outputs is None):
                new_files.note(path)
        run_units_ray(drivers, functools.partial(score_unit, setup=setup), ray_address, record,
                      lambda driver, error: UnitRecord(unit_name(driver), error=error, where="ray"),
                      needs_gpu=lambda driver: setup.outputs is None and setup.engine == "a1")
        return
    for driver in drivers:
        record(driver, score_unit(driver, IN_PROCESS, setup, sets))


def check_settings(setup: EvalSetup, drivers: Sequence[str | Path], fresh: bool) -> None:
    """Record the run's settings in REPORT_DIR/records (`fresh`: replace them, a run in one process), or refuse
    a shard whose settings differ from those recorded."""
    path = new_files.note(setup.report_dir / RECORDS / SETTINGS)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fresh:
        path.unlink(missing_ok=True)
    record_settings(path, {"protocol": setup.protocol, **setup.settings(drivers),
                           "lpips_weights": None if setup.lpips_weights is None else str(setup.lpips_weights)},
                    "this evaluation was started", setup.report_dir)


def discard_records(report_dir: Path, failed: Sequence[UnitRecord]) -> None:
    """Remove the records of `failed` units (a run in one process where no driver could be scored leaves
    nothing), and the settings and records folder when no other record is left."""
    for unit in failed:
        record_path(report_dir, unit.unit).unlink(missing_ok=True)
    folder = report_dir / RECORDS
    if folder.is_dir() and [path.name for path in folder.iterdir()] == [SETTINGS]:
        (folder / SETTINGS).unlink()
        folder.rmdir()


def merged_report(setup: EvalSetup, drivers: Sequence[str | Path],
                  sets: distribution.SetScores | None = None) -> Report | list[str]:
    """The report from the records of `drivers` in that order, or the names of the drivers without a record."""
    records = {unit_name(driver): read_record(setup.report_dir, unit_name(driver)) for driver in drivers}
    waiting = [name for name, record in records.items() if record is None]
    if waiting:
        return waiting
    pairs = [pair for record in records.values() for pair in record.pairs]
    report = run.build_report(setup.protocol, setup.settings(drivers), pairs, setup.lpips_weights is not None, sets)
    failed = [f"{record.unit}: not scored ({record.error})" for record in records.values() if record.error]
    report.notes[:0] = failed
    return report


def record_path(report_dir: Path, unit: str) -> Path:
    return report_dir / RECORDS / f"{unit}.json"


def write_record(report_dir: Path, unit: UnitRecord) -> None:
    """REPORT_DIR/records/<unit>.json, atomically."""
    path = new_files.note(record_path(report_dir, unit.unit))
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"unit": unit.unit, "where": unit.where, "error": unit.error,
              "pairs": [{**asdict(pair), "curves": _encode(pair.curves), "frame_curves": _encode(pair.frame_curves)}
                        for pair in unit.pairs]}
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(record))


def read_record(report_dir: Path, unit: str) -> UnitRecord | None:
    """The unit's record, or None when it has none yet."""
    path = record_path(report_dir, unit)
    if not path.exists():
        return None
    record = read_json_object(path)
    try:
        pairs = [PairScores(pair["video"], pair["rows"], _decode(pair["curves"]), _decode(pair["frame_curves"]),
                            pair["notes"]) for pair in record["pairs"]]
        return UnitRecord(record["unit"], pairs, record["error"], record["where"])
    except (KeyError, TypeError, ValueError):
        raise InputError(f"damaged: not a facereel eval record; {DAMAGED}", path) from None


def _encode(tree: dict) -> dict:
    """Nested dicts of arrays -> JSON-able: each array as {"dtype", "shape", "values"}."""
    return {key: _encode(value) if isinstance(value, dict) else
            {"dtype": str(value.dtype), "shape": list(value.shape), "values": value.ravel().tolist()}
            for key, value in tree.items()}


def _decode(tree: dict) -> dict:
    """`_encode`'s inverse (bit-exact: JSON floats are the float64 values, float32 ones convert back exactly)."""
    return {key: np.asarray(value["values"], dtype=value["dtype"]).reshape(value["shape"]) if "dtype" in value
            else _decode(value) for key, value in tree.items()}
