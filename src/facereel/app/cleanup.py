"""`facereel app --keep-days N`: remove finished jobs older than N days at start-up, then once an hour."""

from __future__ import annotations

import logging
import threading

from facereel.app.job_queue import JobQueue

log = logging.getLogger("facereel.app")

DAY_S = 86400.0
INTERVAL_S = 3600.0


class Cleanup:
    """Removes `jobs`' finished jobs older than `keep_days` now (in the constructor), then every
    `interval_s` seconds on a daemon thread until `stop()`."""

    def __init__(self, jobs: JobQueue, keep_days: float, interval_s: float = INTERVAL_S) -> None:
        self.jobs, self.max_age_s, self.interval_s = jobs, keep_days * DAY_S, interval_s
        self._stopped = threading.Event()
        self.sweep()
        self._thread = threading.Thread(target=self._repeat, name="facereel-app-cleanup", daemon=True)
        self._thread.start()

    def sweep(self) -> None:
        """Remove what is too old now (logged)."""
        removed = self.jobs.remove_older_than(self.max_age_s)
        if removed:
            log.info("removed %d old job(s): %s", len(removed), ", ".join(removed))

    def _repeat(self) -> None:
        while not self._stopped.wait(self.interval_s):
            self.sweep()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()
