"""`--shard K/N` and `--ray [ADDRESS]`: the scale-out flags of `batch`, `prepare-data` and `eval` (one meaning
in all three; docs/batch.md)."""

from __future__ import annotations

import argparse

from facereel.batch.shard import Shard

LOCAL_RAY = "local"  # --ray without an address


def add_scale_out_args(p: argparse.ArgumentParser, unit: str) -> None:
    """--shard and --ray; `unit` names what is split (e.g. "jobs", "videos")."""
    p.add_argument("--shard", metavar="K/N", default=None,
                   help=f"run only part K of N, K counted from 0 (0..N-1): N machines, each given one K, "
                        f"split the {unit} exactly")
    p.add_argument("--ray", nargs="?", const=LOCAL_RAY, default=None, metavar="ADDRESS",
                   help=f"run the {unit} on a Ray cluster (ADDRESS, e.g. ray://head:10001 or auto; none given: a "
                        "local one), one actor per CPU (per GPU for a1), a dead actor's work retried; needs "
                        "facereel[ray]")


def shard_of(args: argparse.Namespace) -> Shard | None:
    """The parsed --shard (InputError on bad text), or None."""
    return Shard.parse(args.shard) if args.shard else None


def ray_address(args: argparse.Namespace) -> str | None:
    """The --ray address for `ray.init` (None: a local cluster); only meaningful when `args.ray` is set."""
    return None if args.ray == LOCAL_RAY else args.ray
