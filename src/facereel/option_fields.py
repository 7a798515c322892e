"""Options dataclasses as the one source of their command-line flags, help texts, defaults and records.

A field declares its flag(s) in its metadata with `flag(...)` (or `flags(...)` when one field is set by
several flags); a field whose metadata has `nested` holds another options dataclass whose flags it adds.

- `add_flags(parser, cls)`: every flag of `cls` (nested ones included) on an argparse parser; defaults
  come from `cls()`, so help texts say them with `%(default)s` and nothing copies a default.
- `flag_values(options)`: {flag dest: value} for an instance (JSON-friendly: str, int, float, bool, None).
- `build(cls, values)`: an instance from such values; missing ones take the defaults, strings (a CSV cell,
  a form field) parse as the flag would parse them, unknown names raise InputError.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from facereel.errors import InputError

T = TypeVar("T")
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


@dataclass(frozen=True)
class Flag:
    """One command-line flag. dest: its name with _ (the flag is --dest with -). help: may use %(default)s.
    parse: text -> value (None for on/off switches). switch: "on" (present = True) or "both" (--x / --no-x,
    default None allowed). choices and metavar as in argparse."""

    dest: str
    help: str
    parse: Callable[[str], Any] | None = None
    choices: tuple[str, ...] | None = None
    switch: str | None = None
    metavar: str | None = None

    @property
    def name(self) -> str:
        return "--" + self.dest.replace("_", "-")

    def coerce(self, value: Any) -> Any:
        """`value` as this flag's type: text parses (true/false words for switches), lists join with commas."""
        if isinstance(value, list | tuple):
            value = ",".join(map(str, value))
        if self.switch is not None:
            if value is None or isinstance(value, bool):
                if value is None and self.switch != "both":
                    raise InputError(f"{self.name} is on or off (true/false), not empty")
                return value
            text = str(value).strip().lower()
            if text not in TRUE + FALSE:
                raise InputError(f"{self.name} is on or off: true/false (got {value!r})")
            return text in TRUE
        if value is None or self.parse is None:
            return value
        try:
            parsed = self.parse(value)
        except argparse.ArgumentTypeError as error:  # the parse's own words, as argparse prints them
            raise InputError(f"argument {self.name}: {error}") from None
        except (TypeError, ValueError):  # argparse's words, so a job file and the command line read alike
            raise InputError(f"argument {self.name}: invalid {getattr(self.parse, '__name__', '')} value: "
                             f"{value!r}") from None
        if self.choices is not None and parsed not in self.choices:
            raise InputError(f"argument {self.name}: invalid choice: {value!r} "
                             f"(choose from {', '.join(map(repr, self.choices))})")
        return parsed


def flag(dest: str, help: str, **kwargs: Any) -> dict[str, Any]:
    """Field metadata: the field is set by one flag, its value as is."""
    return {"flags": (Flag(dest, help, **kwargs),)}


def flags(*items: Flag, to_flags: Callable[[Any], tuple], from_flags: Callable[..., Any]) -> dict[str, Any]:
    """Field metadata: the field is set by several flags (or one with a conversion): `to_flags(value)` gives
    their values, `from_flags(*values)` the field's value."""
    return {"flags": items, "to_flags": to_flags, "from_flags": from_flags}


def nested(cls: type, group: str | None = None) -> dict[str, Any]:
    """Field metadata: the field holds options dataclass `cls`; its flags go in argparse group `group`."""
    return {"nested": cls, "group": group}


def _fields(cls: type) -> Iterator[dataclasses.Field]:
    return (f for f in dataclasses.fields(cls) if "flags" in f.metadata or "nested" in f.metadata)


def all_flags(cls: type) -> list[Flag]:
    """Every flag of `cls`, nested ones included, in field order."""
    out: list[Flag] = []
    for f in _fields(cls):
        out += all_flags(f.metadata["nested"]) if "nested" in f.metadata else list(f.metadata["flags"])
    return out


def flag_values(options: Any) -> dict[str, Any]:
    """{dest: value} of every flag of `options` (a dataclass instance); paths as text."""
    out: dict[str, Any] = {}
    for f in _fields(type(options)):
        value = getattr(options, f.name)
        if "nested" in f.metadata:
            out.update(flag_values(value))
            continue
        items = f.metadata["flags"]
        values = f.metadata["to_flags"](value) if "to_flags" in f.metadata else (value,)
        for item, v in zip(items, values, strict=True):
            out[item.dest] = str(v) if isinstance(v, Path) else v
    return out


def build(cls: type[T], values: Mapping[str, Any]) -> T:
    """A `cls` from {dest: value} (names with - or _; missing ones default; text parsed). InputError when a
    name is unknown or a value bad."""
    known = {item.dest: item for item in all_flags(cls)}
    given = {}
    for key, value in values.items():
        dest = key.strip().replace("-", "_")
        if dest not in known:
            raise InputError(f"unknown option {key!r} (options are the animate flags, e.g. engine, regions, multiplier)")
        given[dest] = known[dest].coerce(value)
    return _construct(cls, {**flag_values(cls()), **given})


def _construct(cls: type[T], values: Mapping[str, Any]) -> T:
    kwargs: dict[str, Any] = {}
    for f in _fields(cls):
        if "nested" in f.metadata:
            kwargs[f.name] = _construct(f.metadata["nested"], values)
            continue
        args = [values[item.dest] for item in f.metadata["flags"]]
        kwargs[f.name] = f.metadata["from_flags"](*args) if "from_flags" in f.metadata else args[0]
    for f in dataclasses.fields(cls):
        if "derive" in f.metadata:
            kwargs[f.name] = f.metadata["derive"](kwargs)
    return cls(**kwargs)


def add_flags(parser: argparse.ArgumentParser | argparse._ArgumentGroup, cls: type,
              only: tuple[str, ...] | None = None) -> None:
    """Add the flags of `cls` (nested groups as argparse groups; all, or the dests in `only`); defaults
    are `cls()`'s."""
    defaults = flag_values(cls())
    for f in _fields(cls):
        if "nested" in f.metadata:
            group = f.metadata["group"]
            target = parser.add_argument_group(group) if group and isinstance(parser, argparse.ArgumentParser) else parser
            add_flags(target, f.metadata["nested"], only)
            continue
        for item in f.metadata["flags"]:
            if only is None or item.dest in only:
                _add(parser, item, defaults[item.dest])


def _add(parser: argparse.ArgumentParser | argparse._ArgumentGroup, item: Flag, default: Any) -> None:
    help_text = item.help.replace("%", "%%").replace("%%(default)s", "%(default)s")
    if item.switch == "on":
        parser.add_argument(item.name, dest=item.dest, action="store_true", default=default, help=help_text)
    elif item.switch == "both":
        parser.add_argument(item.name, dest=item.dest, action=argparse.BooleanOptionalAction, default=default,
                            help=help_text)
    else:
        parser.add_argument(item.name, dest=item.dest, type=item.parse, choices=item.choices, default=default,
                            metavar=item.metavar, help=help_text)


def from_args(cls: type[T], args: argparse.Namespace) -> T:
    """A `cls` from parsed arguments that hold its flags (as added by `add_flags`)."""
    return build(cls, {item.dest: getattr(args, item.dest) for item in all_flags(cls) if hasattr(args, item.dest)})
