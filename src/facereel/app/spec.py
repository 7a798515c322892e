"""One animation job: what to animate and how, run through `PortraitAnimator`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from facereel.animate.driver_texts import FACE_MARK, named_face
from facereel.animate.options import AnimateOptions
from facereel.animate import PortraitAnimator
from facereel.errors import InputError
from facereel.animate.inputs import preset_name

RESULT_NAME = "result.mp4"


@dataclass(frozen=True)
class JobSpec:
    """source: the saved portrait. driving: a saved video, template, photo or keyframes path, or
    `preset:NAME`; or one of them per face {face index (0 = leftmost): driver} (`animate.faces`). options: passed to `PortraitAnimator` unchanged. names: saved path -> the name the user uploaded it as
    (error messages show the user's names, not the workdir's)."""

    source: Path
    driving: str | dict[int, str]
    options: AnimateOptions = field(default_factory=AnimateOptions)
    names: dict[str, str] = field(default_factory=dict)

    def public(self, message: str) -> str:
        """`message` with saved paths replaced by the uploaded file names."""
        for saved, name in self.names.items():
            message = message.replace(saved, name)
        return message

    @property
    def drivers(self) -> list[str]:
        """Every driver: the one, or each face's in face order."""
        return [self.driving] if isinstance(self.driving, str) else [d for _, d in sorted(self.driving.items())]

    def _shown(self, driver: str) -> str:
        preset = preset_name(driver)
        path, face = named_face(driver)
        name = self.names.get(path, Path(path).name)
        return f"preset {preset}" if preset is not None else name if face is None else f"{name}{FACE_MARK}{face}"

    @property
    def title(self) -> str:
        """What the page calls the job: `portrait × driving` (uploaded names, or `preset NAME`; per face
        `face 0: NAME, face 1: NAME`)."""
        driving = self._shown(self.driving) if isinstance(self.driving, str) else \
            ", ".join(f"face {face}: {self._shown(driver)}" for face, driver in sorted(self.driving.items()))
        return f"{self.names.get(str(self.source), self.source.name)} × {driving}"

    def to_record(self) -> dict[str, Any]:
        """The spec as JSON data, with file names relative to the job's folder (the workdir may move);
        per-face drivers as {"0": driver, ...}."""
        def relative(driver: str) -> str:
            return driver if preset_name(driver) is not None else Path(driver).name

        return {
            "source": self.source.name,
            "driving": relative(self.driving) if isinstance(self.driving, str) else
            {str(face): relative(driver) for face, driver in sorted(self.driving.items())},
            "options": self.options.to_record(),
            "names": {Path(saved).name: name for saved, name in self.names.items()},
        }

    @classmethod
    def from_record(cls, record: dict[str, Any], folder: Path) -> JobSpec:
        """The spec `to_record` saved for the job in `folder` (KeyError / TypeError / InputError when bad)."""
        options = AnimateOptions.from_record(record["options"])

        def inside(name: str) -> Path:  # a file of this job's folder, whatever the record says
            return folder / Path(name).name

        def driver(name: str) -> str:
            return name if preset_name(name) is not None else str(inside(name))

        given = record["driving"]
        driving = driver(given) if isinstance(given, str) else {int(face): driver(d) for face, d in given.items()}
        if options.driving_reference is not None:  # a photo driver's uploaded neutral photo
            options = replace(options, driving_reference=inside(str(options.driving_reference)))
        return cls(source=inside(record["source"]), driving=driving,
                   options=options, names={str(inside(saved)): name for saved, name in record["names"].items()})


def run_spec(spec: JobSpec, output: Path, progress: Callable[[int], None], say: Callable[[str], None],
             cancel: Callable[[], bool], on_total: Callable[[int], None] | None = None) -> int:
    """Animate `spec` into `output`; InputError messages carry the uploaded names. Returns frames written;
    raises `Cancelled` when `cancel()` answers True (between frames, or a1 denoising steps). `on_total(n)`:
    the frames the run will write, once it knows (`PortraitAnimator`'s, either engine)."""
    try:
        return PortraitAnimator(options=spec.options).to_file(spec.source, spec.driving, output, progress=progress,
                                                              cancel=cancel, on_note=say, on_total=on_total)
    except InputError as exc:
        raise InputError(spec.public(str(exc))) from None
