"""The web app's expression editor (page /edit): a portrait is uploaded once, its mesh-engine setup kept
server-side (`EditorSessions`), and each slider change asks for a re-rendered still:

    POST /api/editor/sources            multipart `portrait` (or `portrait_demo=1`) -> {"id", "width", "height"}
    GET  /api/editor/{id}/image?smile=0.6&gaze=0.2,-0.1&...   the edited still (JPEG preview; `format=png`
                                        and `download=1` for "save image")
    GET  /api/editor/{id}/note?...      {"note"}: the still's one line for the same sliders when the portrait
                                        shows less than asked (a yaw ended, `StillEditor.fit`), after the
                                        portrait's own (its face on its side, `turned_photo.turned_note`), else ""

"Add as keyframe" and "make clip" stay in the page: the clip is an ordinary job (POST /api/jobs with
`driving_kind=keyframes` and the keyframes JSON, form.py)."""

from __future__ import annotations

import asyncio
import io
import secrets
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, Response

from facereel.animate.edit import StillEditor
from facereel.app.form import on_portrait
from facereel.errors import InputError

PREVIEW_SIDE = 768  # px: the longer side of preview JPEGs (a saved PNG has the portrait's full size)
KEEP_SOURCES = 4  # portraits kept set up at once (least recently used dropped first); each ~10-60 MB
STATIC = Path(__file__).parent / "static"


class EditorSessions:
    """Set-up portraits by id, at most `keep` of them (least recently used dropped). Thread-safe; one render
    at a time per portrait (the mesh engine keeps per-frame state)."""

    def __init__(self, keep: int = KEEP_SOURCES) -> None:
        self.keep = keep
        self._items: OrderedDict[str, tuple[StillEditor, threading.Lock]] = OrderedDict()
        self._notes: dict[str, str] = {}  # by id: the portrait's own note (`turned_photo.turned_note`), if any
        self._lock = threading.Lock()

    def add(self, image: np.ndarray, name: str) -> str:
        """Track the face in `image` ((H, W, 3) uint8 RGB) and set the portrait up; its new id. InputError
        (naming `name`) when there is no face."""
        from facereel.animate.inputs import source_from_image
        from facereel.face.turned_photo import turned_note

        source = source_from_image(image, path=Path(name))
        editor = StillEditor(source)
        key = secrets.token_hex(8)
        own = turned_note(source.landmarks)
        with self._lock:
            self._items[key] = (editor, threading.Lock())
            if own is not None:
                self._notes[key] = own
            while len(self._items) > self.keep:
                self._notes.pop(self._items.popitem(last=False)[0], None)
        return key

    def render(self, key: str, record: dict[str, str]) -> np.ndarray:
        """The portrait `key` with the sliders of `record` ({name: text}); KeyError for an unknown id,
        InputError for a bad slider."""
        from facereel.motion.slider_options import Sliders

        sliders = Sliders.from_record(record)
        with self._lock:
            editor, lock = self._items[key]
            self._items.move_to_end(key)
        with lock:
            return editor.render(sliders)

    def note(self, key: str, record: dict[str, str]) -> str:
        """The one line the still of `render(key, record)` comes with: the portrait's own note (its face on its side)
        and the sliders' when it shows less than asked (a few warp maps, no drawing: `StillEditor.fit`), joined; ""
        when neither. KeyError, InputError as `render`'s."""
        from facereel.motion.slider_options import Sliders

        sliders = Sliders.from_record(record)
        with self._lock:
            editor, lock = self._items[key]
            own = self._notes.get(key)
        with lock:
            fit = editor.fit(sliders)[1]
        return "; ".join(note for note in (own, fit) if note)


def _sliders_query(request: Request) -> dict[str, str]:
    """The sliders of an image or note request's query ({name: text}; the image's `format` and `download` left out)."""
    return {k: v for k, v in request.query_params.items() if k not in ("format", "download")}


def _encode(image: np.ndarray, fmt: str) -> bytes:
    """PNG at full size, or a JPEG preview whose longer side is at most PREVIEW_SIDE."""
    from PIL import Image

    picture = Image.fromarray(image)
    if fmt == "jpeg":
        picture.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt.upper(), **({"quality": 88} if fmt == "jpeg" else {}))
    return buffer.getvalue()


def add_editor_routes(app: FastAPI, decoding: asyncio.Semaphore) -> None:
    """The editor page and its API on `app`; `decoding` (an asyncio.Semaphore) bounds uploads decoded at once."""
    sessions = EditorSessions()

    @app.get("/edit", include_in_schema=False)
    def editor_page() -> FileResponse:
        return FileResponse(STATIC / "edit.html", media_type="text/html")

    @app.get("/api/editor/sliders")
    def sliders() -> list[dict[str, object]]:
        """The sliders the page shows: name, range and help (gaze as gaze_x and gaze_y, sent as gaze=x,y)."""
        from facereel.motion.slider_options import RANGES, Sliders
        from facereel.option_fields import all_flags

        helps = {item.dest: item.help.split(" (")[0] for item in all_flags(Sliders)}
        return [{"name": name, "min": low, "max": high, "help": helps["gaze" if name.startswith("gaze") else name]}
                for name, (low, high) in RANGES.items()]

    @app.post("/api/editor/sources", status_code=201)
    async def add_source(request: Request) -> dict[str, object]:
        """A portrait for the editor (upload `portrait`, or `portrait_demo=1`): 400 with a one-line detail
        when it cannot be read or shows no face."""
        def add(image: np.ndarray, name: str) -> tuple[str, np.ndarray, str]:
            return sessions.add(image, name), image, name

        key, image, name = await on_portrait(request, decoding, add)
        return {"id": key, "width": int(image.shape[1]), "height": int(image.shape[0]), "name": name}

    @app.get("/api/editor/{key}/note")
    def note(key: str, request: Request) -> dict[str, str]:
        """{"note"}: the one line the still of the same sliders (query as for the image) comes with: a yaw the
        portrait cannot show ended; "" when shown as asked."""
        try:
            return {"note": sessions.note(key, _sliders_query(request))}
        except KeyError:
            raise HTTPException(404, "this portrait is no longer set up here; upload it again") from None
        except InputError as exc:
            raise HTTPException(400, str(exc)) from None

    @app.get("/api/editor/{key}/image")
    def edited(key: str, request: Request) -> Response:
        """The edited still: sliders as query parameters (names as the `edit` flags, - or _; gaze as x,y).
        `format=png` gives the full-size PNG, `download=1` an attachment; default a JPEG preview."""
        record = _sliders_query(request)
        fmt = "png" if request.query_params.get("format") == "png" else "jpeg"
        try:
            image = sessions.render(key, record)
        except KeyError:
            raise HTTPException(404, "this portrait is no longer set up here; upload it again") from None
        except InputError as exc:
            raise HTTPException(400, str(exc)) from None
        headers = {"Cache-Control": "no-store"}
        if request.query_params.get("download") in ("1", "true"):
            headers["Content-Disposition"] = f'attachment; filename="facereel-edit.{"png" if fmt == "png" else "jpg"}"'
        return Response(_encode(image, fmt), media_type=f"image/{fmt}", headers=headers)
