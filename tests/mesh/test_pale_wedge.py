"""A wide flat pale wedge under grace_hopper's far ear on preset:turn (issue #9, h47-ghturn, h47-ghwedge).

grace_hopper at 512 x preset:turn (2 s), frames ~33-47: her head turned to her right and raised leaves the plate bare
under her far ear, where a wedge of one flat pale tan-lilac colour shows over the flag's white stripe and gold tassel
(`figures/pale_wedge`: 0.0096-0.0108 squared face sizes on 37-45 against the drawn rest alpha, 0.0120 / 0.0115 on 37
/ 44 against the source's head alpha as here; the source repeated 0). Traced (h47-ghwedge): the frame's head alpha is
under 0.5 on its pixels (0.15 on average over x 130-165, y 195-230 of 37); the frame there is the plate's (frame
~(211, 152, 92), plate ~(211, 150, 86) RGB), the same on `HeadLayer`'s neck plate (the neck's share 0.04: not the
neck tone; the head's matte there 0.93 at rest, so not `ear_matte`'s holes): the plate's fill of the head's hole
(`layers.background_plate`'s `ring_fill`), the ring's pale stripe and gold tassel carried ~30 px in and blurred flat
where the photo's person mask (0.98 there) holds her far ear and hair. The lilac rim right of it, where the moved
head's soft hair (alpha 0.2-0.5) lies over that fill, is not traced. h48-ghwedge tried the flag's stripes carried on
across the hole along their own direction (its bullet in docs/status.md): not kept. h48-ghwedge2 kept that carry to a
band under each ear (its bullet): the wedge about halved, the plate above the head as before, not kept either (sr_4's
dark column drawn up beside the nape). h49-ghwedge landed it (`plate_fill.stripe_carry` in `plate_fill.ear_bared`'s
band): the stripe's grain carried along it, and a carried colour laid only where it keeps the background's side
(sr_4's own-sides test in tests/mesh/test_plate_fill.py passes): 0.0037 / 0.0036 (`NARROWED`); left: the strict
xfail (`WEDGE_LEFT`)."""

from __future__ import annotations

import numpy as np
import pytest

from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh import layers
from facereel.engines.mesh.animator import MeshAnimator
from facereel.engines.mesh.composite import face_size
from facereel.engines.mesh.figures.pale_wedge import light_line, pale_wedge
from facereel.engines.mesh.neck_layer.jaw_line import JAW
from facereel.engines.mesh.plate_fill.ear_bared import ear_bared
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget
from mesh_faces import grace_hopper_512, set_up_copy, turned_frames

WEDGE_FRAMES = (37, 44)  # preset:turn (2 s): the wedge at its widest (0.0120, 0.0115)
WEDGE_MOST = 0.003
"""Squared face sizes: the most `pale_wedge` may read on `WEDGE_FRAMES` (0.0021 at most on frames 0-32 of the clip,
before the wedge)."""
NARROWED = 0.005
"""Squared face sizes: the most `pale_wedge` reads on `WEDGE_FRAMES` with the stripes carried under the ears
(`plate_fill.ear_bared`, `plate_fill.stripe_carry`; h49-ghwedge: 0.0037 / 0.0036; h49-ghline2 0.0045 / 0.0047, the
carried white's flat pixels beside the canton edge no longer broken by the bright streak, the same colour as before;
h48-ghwedge2's carry without the stripe's grain 0.0064 / 0.0067; the ring fill alone 0.0120 / 0.0115; h50-ghwedge,
its directions gated to a stripe's contrast and grain running squarely into the hole: 0.0046 / 0.0037)."""


WEDGE_LEFT = ("grace_hopper 37 / 44 read 0.0120 / 0.0115 (h47-ghwedge): the plate's ring fill of the head's hole, "
              "the flag's pale stripe and gold tassel blurred flat where her far ear and hair stood, bared by the "
              "turned, raised head (the stripe's columns end on her body below, so `plate.column_runs` leaves it to "
              "the ring); tried (h48-ghwedge, not kept): a direction-aware carry of the broad (median-filtered) "
              "stripes along the structure tensor's best-scored of 16 directions took the block off (0.0054 / "
              "0.0073 / 0.0065 on 36 / 40 / 44) but the carried white stripe still reads pale and flat, and over "
              "every plate it failed test_plate_arc, test_plate_left_behind and test_plate_fill (grace_hopper's star "
              "drawn down as a column, a crisp arc over sr_18's head, lp_s1's pelmet carried on); kept to a band under "
              "each ear (h48-ghwedge2: from 0.15 face sizes above the jaw line's end to 0.35 below, 0.1 in to 0.3 "
              "out) it read 0.0064 / 0.0067, the plate above the head as before, but drew sr_4's dark column up as "
              "jagged streaks beside the nape with the column runs off (test_plate_fill 0.0173 against < 0.0107); "
              "what it leaves is a tan mix of the median-filtered stripes (~(201, 160, 133) RGB), not the photo's "
              "white stripe (~(192, 176, 177); 16 % of the flag's pale pixels flat): the flat bound does not hold "
              "a right continuation back; h49-ghwedge landed the band's carry with the stripe's grain (the photo "
              "minus its blur over a hole margin: weave and folds) repeated along it and a carried colour laid only "
              "where it keeps the background's side (sr_4 passes): 0.0037 / 0.0036; h49-ghline2 took the bright "
              "line along the carried canton edge off (the own-side keep's gap closed along carried edges): 0.0045 "
              "/ 0.0047, the carried white beside that edge no longer broken by it; all three taken out at integration (guards "
              "failed); h50-ghwedge gated the carry's directions (contrast, grain, leaving the hole squarely) and mats "
              "the head against the plate without it: 0.0046 / 0.0037, guards kept (with the directions leaving at up to "
              "~40 deg from the hole's normal 0.0014 / 0.0015, under this bound, but sr_4's plate beside the head 9.3 "
              "over its bound 8 at the 90th percentile); left: pale flat patches of "
              "the carried white stripe under the canton's edge, orange notches along the carried cord; route: the carried stripe's colour from the photo's own stripe "
              "(not its median) where the carry runs far")
"""Why the wedge stays (the trace in the module docstring) and the route to mend it."""
LINE_MOST = 0.0003
"""Squared face sizes: the most `light_line` may read on `WEDGE_FRAMES` (h49-ghline: 0.0006 / 0.00056 on 37 / 44, 16-18
px of a bright streak along the carried canton edge, before the carry's own-side gaps along its edges were closed; the
ring fill before the stripe carry 0; h49-ghline2: 0)."""


def _wedge_reads(figure=pale_wedge) -> list[float]:
    """`figure` (`pale_wedge` or `light_line`) on grace_hopper x preset:turn's `WEDGE_FRAMES`, the source repeated
    checked to read 0."""
    source = grace_hopper_512()
    lm, origin = source.landmarks, np.zeros(2)
    size = face_size(lm)
    rest, drawn = turned_frames(source.image, lm, WEDGE_FRAMES)
    assert figure(source.image, rest, rest, lm, origin, size) == 0.0  # the source repeated
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    return [figure(frame, alpha, rest, targets[k], origin, size) for k, (frame, alpha) in zip(WEDGE_FRAMES, drawn)]


@pytest.mark.xfail(strict=True, reason=WEDGE_LEFT)
def test_no_pale_wedge_under_grace_hoppers_far_ear() -> None:
    reads = _wedge_reads()
    assert max(reads) < WEDGE_MOST, reads


def test_the_wedge_narrowed_by_the_stripes_carried_under_the_ears() -> None:
    """The flag's stripes carried on under her far ear (`plate_fill.stripe_carry` in `ear_bared`'s band), with their
    grain, take about two thirds of the wedge off: 0.0046 / 0.0037 (h50-ghwedge's gated directions; the ring fill alone
    0.0120 / 0.0115)."""
    reads = _wedge_reads()
    assert max(reads) < NARROWED, reads


def test_no_light_line_along_the_carried_canton_edge() -> None:
    """No bright streak along the carried canton edge under her far ear (h49-ghline's trace: the head layer at alpha 0
    carries the photo less the plate where the hole's margin past the person lies over the photo's own canton edge;
    there the carry's own-side keep (`stripe_carry._own_side`) left a ~3 px gap of dark ring fill along the carried
    edge's blend, ~100 levels under the photo's white, which the turn moved onto the white stripe). The gap closed
    along carried edges (`stripe_carry._edge_gaps_closed`, h49-ghline2): 0 px (h49-lead 17 / 16 px on 37 / 44)."""
    reads = _wedge_reads(light_line)
    assert max(reads) < LINE_MOST, reads


def test_the_stripes_are_carried_under_the_ears_only(monkeypatch) -> None:
    """The stripe carry moves grace_hopper's plate only in `ear_bared`'s band (by over 30 levels there, where the
    flag's stripes go on); elsewhere (her star, the flag over her head) by under a level: only the fill's edge match
    (`plate.edge_match`) spreads its change at the hole's edge over the hole, 0.19 levels at most."""
    source = grace_hopper_512()
    carried = set_up_copy(source.image, source.landmarks, mesh_options(AnimateOptions()))
    x0, y0 = carried.origin
    band = ear_bared(carried.layer.plate.shape[:2], source.landmarks[list(JAW), :2] - (x0, y0),
                     face_size(source.landmarks))
    monkeypatch.setattr(layers, "ear_bared", lambda shape, *_: np.zeros(shape, np.float32))
    ring = MeshAnimator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    moved = np.abs(carried.layer.plate - ring.layer.plate).max(axis=2)
    assert moved[band == 0].max() < 1.0, moved[band == 0].max()
    assert (moved[band > 0] > 30).sum() > 200, (moved[band > 0] > 30).sum()
