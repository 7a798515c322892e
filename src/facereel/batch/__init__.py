"""Batch jobs: many (source, driving) pairs animated into one folder, sharded across machines (`shard`) and
spread over this machine's devices (`pool`), resumable, with a per-job report (`report`).

    jobs (read + validate) -> shard (this machine's part) -> pool (worker per device) -> report
"""
