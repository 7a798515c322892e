"""Joining a Ray cluster, for every `--ray` / `--workers ray` path (batch/ray_pool.py, engines/a1/window_ray.py).
Ray is optional (`pip install 'facereel[ray]'`); without it these raise a one-line InputError."""

from __future__ import annotations

from facereel.errors import InputError

INSTALL = "pip install 'facereel[ray]' (ray==2.60.0)"


def import_ray(flag: str = "--ray"):  # noqa: ANN201 - the ray module
    """The ray module, or a one-line InputError saying that `flag` needs it and how to install it."""
    try:
        import ray
    except ImportError:
        raise InputError(f"{flag} needs Ray: {INSTALL}") from None
    return ray


def join_cluster(address: str | None, flag: str = "--ray"):  # noqa: ANN201 - the ray module
    """The ray module with this process joined to the Ray cluster at `address` (None: start or join a local
    one) unless it already is (a running session is kept); `import_ray(flag)`'s error without Ray."""
    ray = import_ray(flag)
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    return ray


def cluster_size(ray) -> tuple[int, int]:  # noqa: ANN001 - the ray module
    """(GPUs, CPUs (at least 1)) of the joined cluster."""
    resources = ray.cluster_resources()
    return int(resources.get("GPU", 0)), max(1, int(resources.get("CPU", 1)))
