"""File names of evaluation outputs: `<driving_stem>.mp4` (self), `<source_stem>__<driving_stem>.mp4` (cross)."""

from __future__ import annotations

from pathlib import Path

from facereel.animate.inputs import preset_name


def self_output_name(driving: Path) -> str:
    """File name of the self-reenactment output for a driving video: `<driving_stem>.mp4`."""
    return f"{driving.stem}.mp4"


def driving_stem(driving: str | Path) -> str:
    """A driver's name in output file names: the file's stem, or `preset-NAME` for the preset `preset:NAME`."""
    name = preset_name(driving)
    return f"preset-{name}" if name is not None else Path(driving).stem


def cross_output_name(source: Path, driving: str | Path) -> str:
    """File name of the cross-reenactment output: `<source_stem>__<driving_stem>.mp4` (see `driving_stem`)."""
    return f"{source.stem}__{driving_stem(driving)}.mp4"
