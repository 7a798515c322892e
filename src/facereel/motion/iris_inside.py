"""The retargeted iris kept inside the retargeted lids (issue #12, the pale irises of h29's sweep (6)).

Relative gaze adds the driver's iris movement since its reference frame to the source's iris, and relative lids
scale the source's opening by the driver's opening over the reference's. A reference frame far from the driver's
usual eye (lp_d6 500-545's frame 0: cross-eyed and wide-eyed, its irises 0.14 / 0.10 eye widths below the canonical
template's) moves every later ordinary frame's irises up and narrows the lids: on lp_s0 frames 19-23 the iris centres
0.2-0.3 iris radii above the upper lid (the source's own: 0.6 below it), the eyes drawn rolled up, the irises gone
under the lids.

Only a reference frame whose irises sit off their usual height does this (`off_centre`: its vertical gaze
`OFF_CENTRE` eye widths or more from the canonical template's, lp_d6 500's 0.14 / 0.10; the drivers' first frames and
lp_d3's look down 0.00-0.06, lp_d6 800's 0.08 in part); sliders, presets and keyframes measure from the template and
keep the irises where they put them (a gaze slider at its end takes the iris to the lid). `keep_irises_inside` then
moves each target iris (its five points together) across the eye, in canonical y, so that its centre lies at least
`IRIS_INSIDE` iris radii inside the upper and the lower lid (or as deep as the source's own, when less), half-way
between them where the opening is narrower than that allows: a frame the source's own shape meets is left as it is.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from facereel.face import landmark_ids as ids
from facereel.face.pose import canonical_template
from facereel.motion.features import INDEX, expression_features

IRIS_INSIDE = 0.5
"""Iris radii the target iris centre stays inside each lid at least (at most the source's own depth there)."""

OFF_CENTRE = (0.06, 0.09)
"""Eye widths a reference frame's vertical gaze lies from the template's over which the irises go from left where
relative gaze puts them to kept inside the lids (`off_centre`)."""

_GAZE_Y = [INDEX["gaze_y_right"], INDEX["gaze_y_left"]]

EYE_IRISES = ((ids.RIGHT_UPPER_LID, ids.RIGHT_LOWER_LID, ids.RIGHT_IRIS),
              (ids.LEFT_UPPER_LID, ids.LEFT_LOWER_LID, ids.LEFT_IRIS))
"""Per eye: upper and lower lid ids (corner to corner), iris ids (centre first)."""


def _lid_y(points: np.ndarray, lid: tuple[int, ...], x: np.ndarray) -> np.ndarray:
    """(T,) canonical y of the lid polyline `lid` of `points` (T, 478, 3) at canonical x (T,) (held past its ends)."""
    xs, ys = points[:, list(lid), 0], points[:, list(lid), 1]
    order = np.argsort(xs, axis=1)
    xs, ys = np.take_along_axis(xs, order, 1), np.take_along_axis(ys, order, 1)
    return np.array([np.interp(x[t], xs[t], ys[t]) for t in range(len(points))])


def iris_depths(points: np.ndarray, upper: tuple[int, ...], lower: tuple[int, ...], iris: tuple[int, ...]
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """How deep the iris centre of canonical `points` (T, 478, 3) (y down) lies inside the lids: (T,) below the
    upper lid and above the lower lid, in iris radii (negative: past the lid), and the iris radius (T,)."""
    centre = points[:, iris[0]]
    radius = np.maximum(np.linalg.norm(points[:, list(iris[1:]), :2] - centre[:, None, :2], axis=2).mean(1), 1e-9)
    below = (centre[:, 1] - _lid_y(points, upper, centre[:, 0])) / radius
    above = (_lid_y(points, lower, centre[:, 0]) - centre[:, 1]) / radius
    return below, above, radius


@lru_cache(maxsize=1)
def _template_gaze_y() -> np.ndarray:
    """(2,) the canonical template's vertical gaze (right, left eye), eye widths."""
    return expression_features(canonical_template()[None])[0, _GAZE_Y]


def off_centre(reference_features: np.ndarray) -> float:
    """0 (an ordinary reference frame) to 1 (its irises far off their usual height): the largest distance of the
    reference's vertical gaze (features (F,), `expression_features`) from the canonical template's, eye widths,
    smoothstepped over OFF_CENTRE."""
    distance = float(np.abs(reference_features[_GAZE_Y] - _template_gaze_y()).max())
    t = min(max((distance - OFF_CENTRE[0]) / (OFF_CENTRE[1] - OFF_CENTRE[0]), 0.0), 1.0)
    return t * t * (3 - 2 * t)


OFF_CENTRE_SAID = 0.5
"""`off_centre` over which the driver is told its reference frame looks off centre (`off_centre_note`)."""


def off_centre_note(reference_features: np.ndarray, frame: int) -> str | None:
    """The note for a driver whose reference frame (index `frame`, features (F,)) has its irises far off their usual
    height (`off_centre` over OFF_CENTRE_SAID; lp_d6 500's frame 0, cross-eyed and wide-eyed), e.g. "driver: its
    reference frame (frame 0) looks off centre (the irises 0.14 eye widths below their usual height), the irises
    kept inside the lids; --reference neutral measures from a neutral face instead"; None for an ordinary one."""
    if off_centre(reference_features) <= OFF_CENTRE_SAID:
        return None
    offsets = np.asarray(reference_features)[_GAZE_Y] - _template_gaze_y()
    far = float(offsets[np.argmax(np.abs(offsets))])
    return (f"driver: its reference frame (frame {frame}) looks off centre (the irises {abs(far):.2f} eye widths "
            f"{'below' if far > 0 else 'above'} their usual height), the irises kept inside the lids; "
            "--reference neutral measures from a neutral face instead")


def keep_irises_inside(c: np.ndarray, c_src: np.ndarray, share: float = 1.0) -> None:
    """Move the irises of canonical targets c (T, 478, 3) in place across the eye (y) so that each centre lies
    at least IRIS_INSIDE iris radii (or the source's c_src (478, 3) own depth, when less) inside both lids;
    half-way between the two bounds where they cross (a narrow or shut eye). share: how much of that move is made
    (`off_centre`)."""
    if share <= 0:
        return
    for upper, lower, iris in EYE_IRISES:
        src_below, src_above, _ = iris_depths(c_src[None], upper, lower, iris)
        below, above, radius = iris_depths(c, upper, lower, iris)
        need_below = min(IRIS_INSIDE, max(float(src_below[0]), 0.0)) * radius
        need_above = min(IRIS_INSIDE, max(float(src_above[0]), 0.0)) * radius
        least = need_below - below * radius  # (T,) the least move down (up when negative) ...
        most = above * radius - need_above  # ... and the most
        move = np.where(least <= most, np.clip(0.0, least, most), (least + most) / 2)
        c[:, list(iris), 1] += share * move[:, None]
