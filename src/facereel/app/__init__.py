"""`facereel app`: a local web page that animates a portrait in a background worker.

Modules: `spec` (what one job does: the portrait, the driving input and AnimateOptions, run through
`animate_file`), `job` (one job's state, its job.json record and API view), `store` (the job folders on
disk), `jobs` (the persistent queue, its single worker thread, cancel and delete), `cleanup` (`--keep-days`),
`form` (the upload form -> a JobSpec), `limits` (request body size limit), `server` (the FastAPI app: JSON
API + the static page in `static/`).
"""
