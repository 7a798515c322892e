"""Where each writing subcommand writes: checked once, before any work (`facereel.media.output_path`)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from facereel.animate.driver_texts import parse_drivers, refuse_misplaced_photo, refuse_missing_driver_face
from facereel.cli.edit import OUTPUT as EDIT_OUTPUT
from facereel.media.files import writes_still
from facereel.media.output_path import FILE, FOLDER, STILL, TEMPLATE, VIDEO, OutputKind, prepared_output

# (command, eval protocol or None) -> (argument holding the output path, what is written there)
OUTPUTS: dict[tuple[str, str | None], tuple[str, OutputKind]] = {
    ("animate", None): ("output", VIDEO),
    ("render-condition", None): ("output", VIDEO),
    ("live", None): ("output", VIDEO),
    ("extract-motion", None): ("output", TEMPLATE),
    ("demo", None): ("output", FOLDER),
    ("batch", None): ("output_dir", FOLDER),
    ("prepare-data", None): ("output", FOLDER),
    ("train", None): ("output", FOLDER),
    ("eval", "self"): ("output", FOLDER),
    ("eval", "cross"): ("output", FOLDER),
    ("eval", "compare"): ("output", FILE),
    ("edit", None): ("output", EDIT_OUTPUT),
}


@contextlib.contextmanager
def checked_outputs(args: argparse.Namespace) -> Iterator[None]:
    """Check the command's output path (InputError before anything runs), create its folder, and remove
    the folders it created again if the command fails."""
    entry = OUTPUTS.get((args.command, getattr(args, "protocol", None)))
    path = None if entry is None else getattr(args, entry[0], None)
    if path is None:
        yield
        return
    kind = entry[1]
    if args.command == "animate":  # --driving is given once, or once per face
        driving = parse_drivers(args.driving)
        refuse_misplaced_photo(args.source, driving, args.face_index)
        refuse_missing_driver_face(driving, args.face_index)
        if writes_still(driving, args.duration):
            kind = STILL  # a photo driver without --duration writes an image
    with prepared_output(path, kind, _input_paths(args)):
        yield


INPUT_ARGS = ("source", "driving", "driving_reference", "to_video", "camera", "a", "b")  # the file inputs an output may not replace


def _input_paths(args: argparse.Namespace) -> list[str]:
    """The command's input paths as given (`--driving N=PATH` also as PATH), for `prepared_output`."""
    paths = []
    for name in INPUT_ARGS:
        value = getattr(args, name, None)
        for text in value if isinstance(value, list) else [] if value is None else [value]:
            paths += [str(text), str(text).partition("=")[2]]
    return [path for path in paths if path]
