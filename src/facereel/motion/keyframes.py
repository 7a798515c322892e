"""Slider keyframes (a JSON file or the same data in memory) -> an eased `Motion` for a clip.

Schema (docs/api.md "Expression editor"):

    {"fps": 25, "keyframes": [{"time": 0.8, "smile": 0.6, "gaze": [0.2, 0]},
                              {"time": 1.6, "blink_left": 1, "yaw": 10}]}

The clip starts from the portrait as it is (a neutral keyframe at time 0) and ends at the last keyframe;
between keyframes each slider eases (smoothstep) from one value to the next. A slider a keyframe leaves
out is 0 there. Times are seconds, > 0 and increasing; fps defaults to 25.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from facereel.errors import InputError
from facereel.motion.motion import Motion
from facereel.motion.sliders import Sliders, sliders_motion

DEFAULT_FPS = 25.0
MAX_SECONDS = 600.0
MAX_KEYFRAMES = 1000
MAX_FILE_BYTES = 1 << 20

Keyframe = tuple[float, Sliders]
"""(time in seconds, the sliders at that time)."""


def parse_keyframes(data: Any, where: str | Path | None = None) -> tuple[list[Keyframe], float]:
    """(keyframes, fps) from the schema's data; InputError (one line, starting with `where`) on any problem."""
    def bad(message: str) -> InputError:
        return InputError(f"bad keyframes: {message}", where)

    if not isinstance(data, Mapping) or not isinstance(data.get("keyframes"), list):
        raise bad('expected an object {"fps": 25, "keyframes": [{"time": 1.0, "smile": 0.5}, ...]}')
    unknown = set(data) - {"fps", "keyframes"}
    if unknown:
        raise bad(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}; the keys are fps and keyframes")
    fps = data.get("fps", DEFAULT_FPS)
    if isinstance(fps, bool) or not isinstance(fps, int | float) or not 1 <= fps <= 60:
        raise bad(f"fps must be a number from 1 to 60 (got {fps!r})")
    items = data["keyframes"]
    if not 1 <= len(items) <= MAX_KEYFRAMES:
        raise bad(f"give 1 to {MAX_KEYFRAMES} keyframes (got {len(items)})")
    keyframes: list[Keyframe] = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping) or "time" not in item:
            raise bad(f"keyframe {i} must be an object with a time in seconds and slider values")
        time = item["time"]
        earlier = keyframes[-1][0] if keyframes else 0.0
        if isinstance(time, bool) or not isinstance(time, int | float) or not earlier < time <= MAX_SECONDS:
            raise bad(f"keyframe {i}: time must be a number of seconds after {earlier:g} and at most "
                      f"{MAX_SECONDS:g} (got {time!r}); the clip starts from the portrait as it is at 0")
        try:
            sliders = Sliders.from_record({key: value for key, value in item.items() if key != "time"})
        except InputError as exc:
            raise bad(f"keyframe {i}: {exc}") from None
        keyframes.append((float(time), sliders))
    return keyframes, float(fps)


def load_keyframes(path: str | Path) -> tuple[list[Keyframe], float]:
    """(keyframes, fps) of a keyframes JSON file; InputError naming the file on any problem."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"a keyframes file is at most {MAX_FILE_BYTES >> 10} KiB", path)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read keyframes ({exc.__class__.__name__})", path) from None
    return keyframes_json(text, path)


def keyframes_json(text: str, where: str | Path | None = None) -> tuple[list[Keyframe], float]:
    """(keyframes, fps) of the schema's JSON `text`; InputError (one line, starting with `where`) on any
    problem, also nesting too deep for the parser or an integer too long to convert."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", where) from None
    except (RecursionError, ValueError) as exc:
        raise InputError(f"not usable JSON ({exc.__class__.__name__}: nested too deep or a number too long)",
                         where) from None
    return parse_keyframes(data, where)


def keyframes_motion(keyframes: Sequence[Keyframe], fps: float = DEFAULT_FPS) -> Motion:
    """The clip's Motion: frame 0 the portrait as it is, then one frame every 1/fps s up to the last
    keyframe, each slider eased (smoothstep) between the keyframes around it."""
    times = np.array([0.0] + [t for t, _ in keyframes])
    poses = [Sliders()] + [s for _, s in keyframes]
    count = max(1, int(round(times[-1] * fps)))
    frames = []
    for t in np.arange(1, count + 1) / fps:
        i = min(int(np.searchsorted(times, t, side="right")) - 1, len(times) - 2)
        u = float(np.clip((t - times[i]) / (times[i + 1] - times[i]), 0.0, 1.0))
        frames.append(poses[i].mix(poses[i + 1], u * u * (3 - 2 * u)))
    return sliders_motion(frames, fps)
