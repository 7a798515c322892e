"""The FastAPI app: the static page, the jobs API (submit, list, status, cancel, delete), the result video
(Range requests) and the demo portrait."""

from __future__ import annotations

import asyncio
import io
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from facereel.app.cleanup import Cleanup
from facereel.app.editor import add_editor_routes
from facereel.app.face_drivers import MAX_FACES, face_boxes
from facereel.app.form import FormError, demo_portrait, job_spec, on_portrait
from facereel.app.guard import RequestGuard, allowed_hosts, new_csrf_token
from facereel.app.job import DONE
from facereel.app.job_queue import JobConflict, JobQueue, UnknownJob
from facereel.app.limits import BodyLimit, SecurityHeaders
from facereel.animate.driver_texts import named_face
from facereel.animate.faces import assign_drivers
from facereel.animate.options import ENGINES
from facereel.media.files import is_video_source
from facereel.app.spec import JobSpec
from facereel.app.weights import WeightsFolders
from facereel.errors import InputError
from facereel.animate.inputs import driving_video, load_source
from facereel.face.every_face import track_faces
from facereel.media.image import read_image
from facereel.media.limits import TooLarge
from facereel.media.video import open_video
from facereel.motion.preset_names import PRESETS
from facereel.motion.retarget_options import REGIONS

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_UPLOAD = 200 * 2**20


def create_app(workdir: str | Path, max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
               keep_days: float | None = None, host: str = "127.0.0.1", auth: str | None = None,
               weights_dirs: tuple[Path, ...] = ()) -> FastAPI:
    """The web app; jobs' files and state go under `workdir`/jobs (earlier jobs are listed again).
    `keep_days`: remove finished jobs older than that now and hourly (None: keep everything). Its threads
    stop when the app shuts down. `host`: the address it listens on (Host allow-list, guard.py); `auth`:
    access token every request needs (None: none); `weights_dirs`: the only weights jobs may use."""
    offered = WeightsFolders(weights_dirs)
    csrf = new_csrf_token()
    decoding = asyncio.Semaphore(1)  # one upload decoded at a time: bounded memory under many requests
    jobs = JobQueue(Path(workdir))
    cleanup = Cleanup(jobs, keep_days) if keep_days is not None else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if cleanup is not None:
            cleanup.stop()
        await run_in_threadpool(jobs.close)

    app = FastAPI(title="facereel", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.jobs = jobs
    app.add_middleware(BodyLimit, limit=max_upload_bytes)
    app.add_middleware(RequestGuard, csrf=csrf, hosts=allowed_hosts(host), auth=auth)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    add_editor_routes(app, decoding)

    @app.exception_handler(UnknownJob)
    async def unknown(_: Request, exc: UnknownJob) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(JobConflict)
    async def conflict(_: Request, exc: JobConflict) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=409)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/api/choices")
    def choices() -> dict[str, Any]:
        """What the form offers: engines, presets, regions, the upload limit in bytes, weights, per-face drivers."""
        return {"engines": list(ENGINES), "presets": list(PRESETS), "regions": list(REGIONS),
                "default_regions": ["expression", "pose"], "max_upload_bytes": max_upload_bytes,
                "weights": offered.names, "max_faces": MAX_FACES}

    @app.get("/api/session")
    def session() -> dict[str, str]:
        """The CSRF token that POST and DELETE requests send as `X-CSRF-Token` (readable by this server's
        page only: no CORS)."""
        return {"csrf": csrf}

    @app.get("/api/demo-portrait")
    def demo() -> Response:
        """The bundled portrait (scikit-image's astronaut) as PNG, for the page's preview."""
        from PIL import Image

        buffer = io.BytesIO()
        Image.fromarray(demo_portrait()).save(buffer, format="PNG")
        return Response(buffer.getvalue(), media_type="image/png")

    @app.post("/api/jobs", status_code=201)
    async def submit(request: Request) -> dict[str, Any]:
        """Multipart form (see form.py). 400 with a one-line `detail` for bad fields; a portrait the
        engines cannot use gives a job that has already failed, with the one-line message."""
        # portrait, driving, a photo driver's neutral photo; or the portrait and one driver per face
        form = await request.form(max_files=max(3, 1 + MAX_FACES), max_fields=30 + MAX_FACES)
        job_id, folder = jobs.new_folder()
        try:
            spec = offered.apply(await run_in_threadpool(job_spec, form, folder))
        except (FormError, InputError) as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise HTTPException(400, str(exc)) from None
        finally:
            await form.close()
        try:
            async with decoding:
                await run_in_threadpool(_check_inputs, spec)  # quick: one face detection, one video frame
        except TooLarge as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise HTTPException(413, spec.public(str(exc))) from None
        except InputError as exc:
            return jobs.view(jobs.reject(job_id, folder, spec, spec.public(str(exc))))
        return jobs.view(jobs.submit(job_id, folder, spec))

    @app.post("/api/faces")
    async def faces(request: Request) -> dict[str, Any]:
        """The faces of a portrait (multipart `portrait`, or `portrait_demo=1`) as boxes from the left, the
        order per-face drivers count in: `{faces: [[left, top, right, bottom], ...]}` in fractions of the
        image's size. 400 one line for an unreadable image or no face; 413 too many pixels."""
        return {"faces": await on_portrait(request, decoding, face_boxes)}

    @app.get("/api/jobs")
    def listing() -> list[dict[str, Any]]:
        """Every job, newest first."""
        return jobs.views()

    @app.get("/api/jobs/{job_id}")
    def status(job_id: str) -> dict[str, Any]:
        """The job's status, progress (`done` of `total` frames), error and video URL."""
        return jobs.view(jobs.get(job_id))

    @app.post("/api/jobs/{job_id}/cancel")
    def cancel(job_id: str) -> dict[str, Any]:
        """Cancel a queued job now, or stop a running one at its next frame (`cancelling` until then)."""
        return jobs.view(jobs.cancel(job_id))

    @app.delete("/api/jobs/{job_id}", status_code=204)
    def delete(job_id: str) -> Response:
        """Forget a finished, failed or cancelled job and delete its files."""
        jobs.delete(job_id)
        return Response(status_code=204)

    @app.get("/api/jobs/{job_id}/video")
    def video(job_id: str, download: bool = False) -> FileResponse:
        """The result as video/mp4 with Range support; `?download=1` makes it an attachment."""
        job = jobs.get(job_id)
        if job.status != DONE or not job.result.is_file():
            raise HTTPException(404, f"job {job_id} has no video (yet)")
        return FileResponse(job.result, media_type="video/mp4",
                            filename=f"facereel-{job_id}.mp4" if download else None)

    return app


def _check_inputs(spec: JobSpec) -> None:
    """Decode the portrait (and find its face, or each face per-face drivers name) and the driving videos'
    headers and first frames: InputError
    (TooLarge for a decompression bomb) before the job is queued."""
    if is_video_source(spec.source):
        open_video(spec.source).close()  # video-to-video: faces are looked for frame by frame in the job
    elif isinstance(spec.driving, dict):  # per-face drivers: the portrait has each face they name
        assign_drivers(spec.driving, len(track_faces(read_image(spec.source), what=spec.source)))
    else:
        load_source(spec.source)
    for driver in spec.drivers:
        video = driving_video(named_face(driver)[0])
        if video is not None:
            open_video(video).close()
