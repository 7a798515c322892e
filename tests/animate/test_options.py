"""AnimateOptions is the one source of the animate/batch flags, their defaults and the records."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from facereel.animate.options import AnimateOptions, output_fps
from facereel.cli.main import build_parser
from facereel.engines.a1 import constants as C
from facereel.engines.a1.options import A1Options, blend_steps_for
from facereel.errors import InputError
from facereel.motion.retarget import RetargetOptions
from facereel.motion.smoothing import OneEuro


def _animate_args(*tokens: str) -> argparse.Namespace:
    return build_parser().parse_args(["animate", "-s", "me.png", "-d", "preset:talk", "-o", "o.mp4", *tokens])


def test_no_flags_give_the_dataclass_defaults() -> None:
    assert AnimateOptions.from_args(_animate_args()) == AnimateOptions()
    batch = build_parser().parse_args(["batch", "jobs.csv", "-o", "out"])
    assert AnimateOptions.from_args(batch) == AnimateOptions()


def test_flags_set_the_nested_fields() -> None:
    options = AnimateOptions.from_args(_animate_args(
        "--regions", "lips,eyes", "--multiplier", "1.5", "--smooth", "0", "--no-translate", "--engine", "a1",
        "--weights", "w", "--steps", "20", "--seed", "7", "--fp8", "--no-paste-back", "--resume-dir", "r",
        "--face-index", "1"))
    assert options.retarget == RetargetOptions(regions=frozenset({"lips", "eyes"}), multiplier=1.5, smoothing=None,
                                               translate=False)
    assert options.a1 == A1Options(steps=20, seed=7, fp8=True, blend_steps=blend_steps_for(20))
    assert options.a1.blend_steps != C.BLEND_STEPS  # the blend span follows the step count
    assert (options.engine, options.weights, options.paste_back, options.resume_dir, options.face_index) == \
        ("a1", "w", False, Path("r"), 1)


def test_help_says_the_defaults_of_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["animate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for phrase in (f"denoising steps (default {C.STEPS})", f"(default {C.GUIDANCE})", f"random seed (default {C.SEED})",
                   f"(default {OneEuro().min_cutoff})", "to transfer (default: expression,pose)"):
        assert phrase in text


def test_record_round_trips_through_json() -> None:
    options = AnimateOptions(engine="a1", weights="w", size=512, side_by_side=True, face_index=2,
                             reference="neutral", fps=30.0, interpolation="crossfade", region="release",
                             resume_dir=Path("keep"),
                             retarget=RetargetOptions(mode="absolute", regions=frozenset({"brows"}), multiplier=0.5,
                                                      smoothing=OneEuro(min_cutoff=0.7, beta=2.0), translate=True),
                             a1=A1Options(steps=8, guidance=2.0, offload="group", blend_steps=blend_steps_for(8)))
    record = json.loads(json.dumps(options.to_record()))
    assert AnimateOptions.from_record(record) == options
    assert record["regions"] == "brows" and record["smooth"] == 0.7 and record["no_paste_back"] is False


def test_record_values_may_be_text_as_in_a_csv_cell() -> None:
    options = AnimateOptions.from_record({"side-by-side": "yes", "multiplier": "1.5", "regions": "lips,eyes",
                                          "translate": "off", "steps": "4", "engine": "mesh"})
    assert options == AnimateOptions(side_by_side=True, engine="mesh", retarget=RetargetOptions(
        multiplier=1.5, regions=frozenset({"lips", "eyes"}), translate=False),
        a1=A1Options(steps=4, blend_steps=blend_steps_for(4)))
    # the web app's job.json before options had a record of their own: regions as a list
    old = {"engine": "auto", "weights": None, "side_by_side": False, "body": True, "mode": "relative",
           "regions": ["expression", "lips"], "multiplier": 1.0}
    assert AnimateOptions.from_record(old).retarget.regions == {"expression", "lips"}


@pytest.mark.parametrize("record, message", [
    ({"colour": "red"}, "unknown option 'colour'"),
    ({"multiplier": "lots"}, "argument --multiplier: invalid float value: 'lots'"),
    ({"engine": "gpu"}, "argument --engine: invalid choice: 'gpu'"),
    ({"body": "maybe"}, "--body is on or off"),
    ({"multiplier": 9}, "--multiplier must be between 0 and 3"),
    ({"engine": "mesh", "fps": "30"}, "--fps only applies to --engine a1"),
    ({"face_index": "al"}, "argument --face-index: takes a face number"),
])
def test_bad_records_are_one_line_input_errors(record: dict, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        AnimateOptions.from_record(record)


def test_one_output_fps_rule() -> None:
    assert output_fps("mesh", AnimateOptions(), 29.97) == 29.97
    assert output_fps("a1", AnimateOptions(), 29.97) == 29.97  # the driver's rate by default
    assert output_fps("a1", AnimateOptions(fps=C.FPS), 29.97) == C.FPS


def test_no_neck_layer_turns_the_mesh_engines_neck_layer_off() -> None:
    """The neck layer is on by default; --no-neck-layer (or the record's no_neck_layer) switches it off in the
    mesh engine's options; the a1 engine refuses it."""
    from facereel.animate.options import mesh_options

    assert mesh_options(AnimateOptions()).neck_layer
    options = AnimateOptions.from_args(_animate_args("--no-neck-layer"))
    assert not options.neck_layer and not mesh_options(options).neck_layer
    assert AnimateOptions.from_record({"no_neck_layer": "yes"}) == options
    with pytest.raises(InputError, match="--no-neck-layer applies to the mesh engine"):
        AnimateOptions(engine="a1", weights="w", neck_layer=False)


def test_plate_shifts_reach_the_mesh_engine() -> None:
    """The shifted plate fill is off by default; --plate-shifts (or the record's plate_shifts) turns it on in the
    mesh engine's options; the a1 engine refuses it."""
    from facereel.animate.options import mesh_options

    assert not mesh_options(AnimateOptions()).plate_shifts
    options = AnimateOptions.from_args(_animate_args("--plate-shifts"))
    assert options.plate_shifts and mesh_options(options).plate_shifts
    assert AnimateOptions.from_record({"plate_shifts": "yes"}) == options
    with pytest.raises(InputError, match="--plate-shifts applies to the mesh engine"):
        AnimateOptions(engine="a1", weights="w", plate_shifts=True)


@pytest.mark.parametrize("value", ["al", "1.5"])
def test_a_bad_face_index_names_what_it_takes(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Not the parse function's Python name ("invalid face_choice value")."""
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["animate", "-s", "a.jpg", "-d", "preset:talk", "-o", "o.mp4",
                                   "--face-index", value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --face-index: takes a face number (0 = the leftmost) or all, got '{value}'" in err
    assert "face_choice" not in err
