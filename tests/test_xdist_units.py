"""The suite's xdist units (tests/xdist_units.py): tests/train, tests/eval and tests/a1 each go to one worker
whole, every other file alone."""

from __future__ import annotations

from xdist_units import unit_of


def test_a_whole_folder_is_one_unit_and_other_files_their_own() -> None:
    assert unit_of("tests/train/test_training.py::test_each_stage_trains_only_its_set[motion-extras0]") == \
        unit_of("tests/train/test_validation.py::test_x") == "tests/train/"
    assert unit_of("tests/eval/test_eval_run.py::test_x") == "tests/eval/"
    assert unit_of("tests/a1/test_windows.py::TestX::test_y") == "tests/a1/"
    assert unit_of("tests/mesh/test_layered.py::test_x[astronaut]") == "tests/mesh/test_layered.py"
    assert unit_of("tests/test_public_api.py::test_x") == "tests/test_public_api.py"
    assert unit_of("tests/training/test_x.py::test_y") == "tests/training/test_x.py"  # a prefix, not a folder
