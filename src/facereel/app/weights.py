"""The weights a job submitted through the app may use: only folders the server was started with
(`facereel app --weights-dir DIR`), chosen by name; never a path or a hub id from the form."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from facereel.app.spec import JobSpec
from facereel.errors import InputError


class WeightsFolders:
    """Each `--weights-dir` folder is offered under its own name, and so is each folder directly inside it
    (a folder of several weights folders, e.g. training checkpoints). `names` lists them, sorted."""

    def __init__(self, folders: list[Path] | tuple[Path, ...] = ()) -> None:
        self._by_name: dict[str, Path] = {}
        for folder in folders:
            folder = Path(folder).expanduser().resolve()
            if not folder.is_dir():
                raise InputError("--weights-dir: no such folder", folder)
            self._by_name.setdefault(folder.name, folder)
            for child in sorted(folder.iterdir()):
                if child.is_dir() and not child.name.startswith("."):
                    self._by_name.setdefault(f"{folder.name}/{child.name}", child)

    @property
    def names(self) -> list[str]:
        return sorted(self._by_name)

    def resolve(self, name: str | None) -> str | None:
        """The folder (absolute path) offered as `name`; None for no weights. InputError for anything else."""
        if not name:
            return None
        if name in self._by_name:
            return str(self._by_name[name])
        if not self._by_name:
            raise InputError("this server offers no weights: start it with --weights-dir FOLDER to use the a1 engine")
        raise InputError(f"weights {name!r} are not offered by this server; choose one of {', '.join(self.names)}")

    def apply(self, spec: JobSpec) -> JobSpec:
        """`spec` with its weights name (from the form) replaced by the offered folder; InputError otherwise."""
        if not spec.options.weights:
            return spec
        return replace(spec, options=replace(spec.options, weights=self.resolve(spec.options.weights)))
