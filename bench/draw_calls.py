"""CPU ms a call of two of the draw's steps, replayed on calls recorded from a real render, in several source trees
back to back, with a check that their outputs are bit-identical: the head layer's remap
(`draw_kernels.remap_linear`, `HeadLayer.composite`'s call) and the open mouth's colour match
(`mouth_driver.match_colours`: the driver's mouth pixels in the portrait's light, its quantiles and medians among it;
`driver_interior`'s calls, with the driver's skin and lips read again in each tree: `skin_colour`, `lip_colour`,
`light_match`).

Case (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 (bench/draw_speed.py's first case, prepared as it
prepares it). This tree renders it once and records the calls; each tree then replays them in a process of its own
(PYTHONPATH at its src, bench/tree_turns.py), `--calls` passes over them, timing each step's own thread CPU
(time.thread_time); the trees take turns, `--repeat` rounds, medians reported. "frames": every call's output against
the first tree's, "identical" when all are bit for bit.

Run: PYTHONPATH=src .venv/bin/python bench/draw_calls.py [--seconds 4] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import numpy as np
from draw_speed import prepare as prepare_draw
from draw_speed import render_patched
from tree_turns import recorded_calls, run_bench, timed_passes

CASES = (("lp_s1", 512, "lp_d3"),)
PARTS = ("remap", "colour match")
PASSES = 5
"""Passes over the recorded calls in each process; the median pass is reported."""


def prepare(seconds: float, folder: Path) -> list[str]:
    """The case as `draw_speed.prepare` makes it (folder/0.npz), then its render in this tree with the head layer's
    remaps (source, empty taps once; each map) and the open mouth's frames (the driving frame's pixels and landmarks,
    the portrait's mouth colours: the colour match read again from them) recorded into folder/calls.pkl; returns the
    case names."""
    from facereel.engines.mesh import layers
    from facereel.engines.mesh.open_mouth import mouth

    names = prepare_draw(seconds, folder, CASES)
    remaps: list[np.ndarray] = []
    source: dict[str, np.ndarray] = {}
    mouths: list[tuple] = []
    remap, interior = layers.remap_linear, mouth.driver_interior

    def recorded_remap(src, maps, weights, empty, out):
        source.update(src=src, empty=empty)
        remaps.append(maps.copy())
        return remap(src, maps, weights, empty, out)

    def recorded_interior(driver, target_contour, shape, portrait, target_gap, stretched=0.0):
        drawn = interior(driver, target_contour, shape, portrait, target_gap, stretched)
        if drawn is not None:  # the driver's mouth open: its colours matched
            mouths.append((driver.image, driver.landmarks, portrait))
        return drawn

    render_patched(folder, [(layers, "remap_linear", recorded_remap), (mouth, "driver_interior", recorded_interior)])
    with open(folder / "calls.pkl", "wb") as f:
        pickle.dump({"source": source, "remaps": remaps, "mouths": mouths}, f)
    return names


def _colour_calls(mouths: list[tuple]) -> list[tuple]:
    """Per recorded `driver_interior` call (its mouth open): `match_colours`' patch (the box round the driver's inner-lip
    contour) and opening (the pixels inside that contour), with the driver's frame and the portrait's colours."""
    from facereel.engines.mesh.composite import box_around, polygon_mask
    from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
    from facereel.engines.mesh.open_mouth.mouth_driver import DriverFrame
    from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour

    calls = []
    for image, landmarks, portrait in mouths:
        driver = DriverFrame(image, landmarks)
        skin = skin_colour(image, landmarks)
        if skin is None:
            continue
        contour = landmarks[INNER_LIP_CONTOUR, :2].astype(np.float32)
        x0, y0, x1, y1 = box_around(contour, 2, (image.shape[1], image.shape[0]))
        inside = polygon_mask([contour - np.array([x0, y0], np.float32)], (y1 - y0, x1 - x0), (0, 0)) > 0.5
        calls.append((driver, portrait, image[y0:y1, x0:x1], inside))
    return calls


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): CPU ms a call of each of `PARTS` (the median of `PASSES` passes)
    and one digest per call of its output."""
    from facereel.engines.mesh.draw_kernels import BILINEAR_WEIGHTS, remap_linear
    from facereel.engines.mesh.open_mouth.mouth_driver import light_match, match_colours
    from facereel.engines.mesh.open_mouth.mouth_shape import skin_colour

    recorded = recorded_calls(folder)
    src, empty = recorded["source"]["src"], recorded["source"]["empty"]
    remaps = recorded["remaps"]
    outs = [np.empty((*m.shape[:2], 4), np.float32) for m in remaps]
    colours = _colour_calls(recorded["mouths"])

    def remap_pass() -> list[np.ndarray]:
        for maps, out in zip(remaps, outs):
            remap_linear(src, maps, BILINEAR_WEIGHTS, empty, out)
        return outs

    def colour_pass() -> list[np.ndarray]:
        return [match_colours(patch, light_match(skin_colour(driver.image, driver.landmarks), portrait, driver.lip),
                              inside)
                for driver, portrait, patch, inside in colours]

    def fresh_lips() -> None:  # each pass reads the lips afresh, as each frame's driver does
        for driver, *_ in colours:
            driver.__dict__.pop("lip", None)

    return timed_passes((("remap", remap_pass, len(remaps)), ("colour match", colour_pass, len(colours))), PASSES,
                        lambda out: hashlib.sha1(out.tobytes()).hexdigest(), fresh_lips)

def main() -> None:
    run_bench(__doc__, __file__, prepare, measure, len(CASES), PARTS, ("remap ms/call", "colour match ms/call"), 3)


if __name__ == "__main__":
    main()
