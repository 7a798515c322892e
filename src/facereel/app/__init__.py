"""`facereel app`: a local web page that animates a portrait in a background worker.

Modules: `spec` (what one job does: the portrait, the driving input and AnimateOptions, run through
`animate_file`), `jobs` (the queue and its single worker thread), `form` (the upload form -> a JobSpec),
`limits` (request body size limit), `server` (the FastAPI app: JSON API + the static page in `static/`).
"""
