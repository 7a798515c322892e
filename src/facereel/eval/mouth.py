"""Mouth metrics: how far the output's mouth opens (vs the driver's) and whether its inside looks real.

- **Mouth range ratio**: the range (95th - 5th percentile over frames) of the output's re-tracked inner-lip
  gap (`motion.features` "mouth_open", canonical units, so faces of any size and pose compare) divided by the
  driver's. 1 = the output opens as far as the driver; ~0 = it stays shut.
- **Mouth correlation**: Pearson correlation of the two inner-lip gap curves over the frames where both faces
  were found (1 = opens and closes in step).
  Both are NaN where the curves they divide by or correlate do not move beyond the tracker's noise
  (`TRACKER_NOISE`): a ratio or correlation of noise says nothing.
- **Mouth realism**: colour/texture statistics of the inner mouth (`interior_stats`) on the output's open-mouth
  frames, as a root-mean-square z-score against the same statistics of real open mouths (`Reference`; the
  packaged one is measured on the ../shared/data driving videos by `tools/build_mouth_reference.py`).
  ~1 = as typical as a real mouth; a flat grey band or a painted cavity scores several times that.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import cv2
import numpy as np

from facereel.engines.mesh.composite import disc_kernel
from facereel.eval.landmarks import inter_ocular
from facereel.face import landmark_ids as ids
from facereel.motion.features import INDEX

OPEN_AREA = 0.03  # inner-mouth area, in squared inter-ocular distances, above which a mouth counts as open
MIN_PIXELS = 40  # fewer interior pixels than this: too small to judge
STAT_NAMES = (
    "lightness",  # mean L* of the interior minus the skin's (CIELAB, 0-100)
    "lightness_spread",  # standard deviation of L* inside, divided by the skin's L*
    "red_green",  # mean a* minus the skin's
    "yellow_blue",  # mean b* minus the skin's
    "chroma_spread",  # standard deviation of a* and b* inside (mean of the two)
    "bright",  # fraction of interior pixels at least as light as 0.9 x the skin (teeth)
    "dark",  # fraction darker than 0.4 x the skin (cavity, throat)
    "texture",  # mean L* gradient magnitude inside, per pixel, divided by the skin's L*
)

_INNER = ids.as_index(ids.INNER_UPPER_LIP + ids.INNER_LOWER_LIP[-2:0:-1])
_OUTER = ids.as_index(ids.OUTER_UPPER_LIP + ids.OUTER_LOWER_LIP[-2:0:-1])
_MOUTH_OPEN = INDEX["mouth_open"]
TRACKER_NOISE = 0.016
"""The tracker's noise floor on the inner-lip gap (`mouth_open`, canonical units): the largest span (95th - 5th
percentile) of the gap re-tracked on a still photo repeated for 60 frames, over the 9 portraits and the 7 driving
videos' first frames of ../shared/data (sr_8 0.0156, lp_s1 0.0117; median 0.0057; `bench/tracker_noise.py`). Real
talking spans 0.1-0.8 over 10-90 frames; lp_d18's shut first 10 frames 0.003-0.005. A gap curve spanning no more does
not move: a range ratio over it and a correlation with it read NaN (`moves`)."""


def gap_span(features: np.ndarray, valid: np.ndarray) -> float:
    """95th - 5th percentile of the inner-lip gap over the `valid` (T,) frames of (T, F) expression features,
    canonical units; NaN under two valid frames."""
    if valid.sum() < 2:
        return float("nan")
    return float(np.subtract(*np.percentile(features[valid, _MOUTH_OPEN], [95, 5])))


def moves(span: float) -> bool:
    """Whether a gap curve spanning `span` (`gap_span`) moves beyond the tracker's noise (`TRACKER_NOISE`)."""
    return bool(span > TRACKER_NOISE)


def range_ratio(output_features: np.ndarray, driver_features: np.ndarray, valid: np.ndarray) -> float:
    """Output inner-lip gap range / driver's, over the `valid` (T,) frames of (T, F) expression features.

    NaN when fewer than two frames are valid or the driver's mouth does not move beyond the tracker's noise.
    """
    output, driver = gap_span(output_features, valid), gap_span(driver_features, valid)
    return output / driver if moves(driver) else float("nan")


def correlation(output_features: np.ndarray, driver_features: np.ndarray, valid: np.ndarray) -> float:
    """Pearson correlation of output and driver inner-lip gaps over the `valid` frames; NaN under three frames or
    when either does not move beyond the tracker's noise (two curves of noise alone may correlate: the tracker
    settles alike on a still clip's frames and on the source repeated)."""
    if valid.sum() < 3 or not (moves(gap_span(output_features, valid)) and moves(gap_span(driver_features, valid))):
        return float("nan")
    return float(np.corrcoef(output_features[valid, _MOUTH_OPEN], driver_features[valid, _MOUTH_OPEN])[0, 1])


def noise_note(video: str, output_span: dict[str, float], driver_span: float) -> str | None:
    """The report's one line on the mouth figures that read n/a on `video` because a gap curve does not move
    beyond the tracker's noise, or None. `output_span`: per method ("method", "baseline") its output's
    `gap_span`; `driver_span`: the driver's (NaN spans, too few frames with a face, are not this rule's)."""
    noise = f"within the tracker's noise ({TRACKER_NOISE} canonical units, eval.mouth.TRACKER_NOISE)"
    if np.isfinite(driver_span) and not moves(driver_span):
        return f"{video}: mouth_range, mouth_corr n/a: the driver's inner-lip gap spans {driver_span:.4f}, {noise}."
    still = {who: span for who, span in output_span.items() if np.isfinite(span) and not moves(span)}
    if not np.isfinite(driver_span) or not still:
        return None
    spans = " and ".join(f"{span:.4f}" for span in still.values())
    return f"{video}: mouth_corr n/a for the {' and the '.join(still)}: inner-lip gap spans {spans}, {noise}."


def closed_note(video: str, rows: dict[str, dict[str, float]]) -> str | None:
    """The report's one line on `mouth_realism` reading n/a on `video`, naming which of `rows` ({"method": scores,
    "baseline": scores}) read so, when the method's does (the baseline's alone, a source with shut lips, is not
    worth a line per video); else None. Its cause: no output frame's mouth open enough to read its inside
    (`interior_stats`; lp_d3 100-140, a frowning driver that keeps its lips shut, read n/a with no reason given,
    h32-fresh6)."""
    blank = [who for who, row in rows.items() if np.isnan(row.get("mouth_realism", 0.0))]
    if "method" not in blank:
        return None
    return (f"{video}: mouth_realism n/a for the {' and the '.join(blank)}: no frame's mouth is open enough to judge "
            f"its inside (an inner-lip area of {OPEN_AREA} squared inter-ocular distances and {MIN_PIXELS} px, "
            "eval.mouth.OPEN_AREA / MIN_PIXELS).")


def _polygon_mask(shape: tuple[int, int], points: np.ndarray) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    cv2.fillPoly(mask, [np.round(points[:, :2]).astype(np.int32)], 1)
    return mask


def interior_stats(frame: np.ndarray, landmarks: np.ndarray) -> np.ndarray | None:
    """(len(STAT_NAMES),) statistics of the inner mouth, or None when the mouth is closed or too small.

    Args:
        frame: (H, W, 3) uint8 RGB.
        landmarks: (478, 3) the face's landmarks in the frame, pixels.

    The interior is the inner-lip polygon shrunk by 1 px (the lip edge itself is left out); the skin
    is a ring around the lips (outer-lip polygon grown by 0.35 inter-ocular distances, minus it grown
    by 0.1), whose median colour makes the statistics independent of skin tone and lighting.
    """
    iod = float(inter_ocular(landmarks))
    reach = 0.35 * iod + 4  # the work is done on the box of the outer lips grown by the skin ring
    lips = landmarks[_OUTER, :2]
    x0, y0 = np.maximum(np.floor(lips.min(axis=0) - reach), 0).astype(int)
    x1, y1 = np.ceil(lips.max(axis=0) + reach).astype(int)
    frame = frame[y0:y1, x0:x1]
    landmarks = landmarks[:, :2] - (x0, y0)
    shape = frame.shape[:2]
    if min(shape) < 3:
        return None
    inner = _polygon_mask(shape, landmarks[_INNER])
    if inner.sum() < max(MIN_PIXELS, OPEN_AREA * iod**2):
        return None
    inner = cv2.erode(inner, np.ones((3, 3), np.uint8)).astype(bool)
    outer = _polygon_mask(shape, landmarks[_OUTER])

    def grown(fraction: float) -> np.ndarray:
        return cv2.dilate(outer, disc_kernel(max(1, int(round(fraction * iod))))).astype(bool)

    skin = grown(0.35) & ~grown(0.1)
    if inner.sum() < MIN_PIXELS or not skin.any():
        return None
    lab = cv2.cvtColor(frame.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    skin_l, skin_a, skin_b = np.median(lab[skin], axis=0)
    skin_l = max(float(skin_l), 1.0)
    inside = lab[inner]
    gx = cv2.Sobel(lab[..., 0], cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(lab[..., 0], cv2.CV_32F, 0, 1, ksize=3) / 8.0
    texture = cv2.magnitude(gx, gy)[inner].mean()
    return np.array([
        inside[:, 0].mean() - skin_l,
        inside[:, 0].std() / skin_l,
        inside[:, 1].mean() - skin_a,
        inside[:, 2].mean() - skin_b,
        (inside[:, 1].std() + inside[:, 2].std()) / 2,
        (inside[:, 0] >= 0.9 * skin_l).mean(),
        (inside[:, 0] < 0.4 * skin_l).mean(),
        texture / skin_l,
    ])


@dataclass(frozen=True)
class Reference:
    """Statistics of real open mouths: per `STAT_NAMES`, mean and standard deviation over `count` frames."""

    mean: np.ndarray
    std: np.ndarray
    count: int
    sources: tuple[str, ...] = ()

    @classmethod
    def from_stats(cls, stats: np.ndarray, sources: tuple[str, ...] = ()) -> "Reference":
        """From (N, len(STAT_NAMES)) interior statistics of N real open-mouth frames (N >= 2)."""
        stats = np.asarray(stats, dtype=np.float64)
        if stats.ndim != 2 or len(stats) < 2:
            raise ValueError(f"need at least two open-mouth frames, got {len(stats)}")
        return cls(stats.mean(axis=0), np.maximum(stats.std(axis=0), 1e-6), len(stats), sources)

    def to_json(self) -> dict:
        return {"stats": list(STAT_NAMES), "mean": self.mean.tolist(), "std": self.std.tolist(),
                "count": self.count, "sources": list(self.sources)}

    @classmethod
    def from_json(cls, record: dict) -> "Reference":
        if tuple(record["stats"]) != STAT_NAMES:
            raise ValueError("mouth reference made for other statistics; rebuild it")
        return cls(np.asarray(record["mean"]), np.asarray(record["std"]), int(record["count"]),
                   tuple(record.get("sources", ())))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=1) + "\n")


@functools.lru_cache(maxsize=1)
def packaged_reference() -> Reference:
    """Real open mouths of the ../shared/data driving videos (`facereel/eval/data/open_mouths.json`)."""
    text = resources.files("facereel.eval").joinpath("data/open_mouths.json").read_text()
    return Reference.from_json(json.loads(text))


def realism(stats: np.ndarray, reference: Reference) -> float:
    """Root-mean-square z-score of interior statistics against real open mouths (lower = more real)."""
    z = (np.asarray(stats, dtype=np.float64) - reference.mean) / reference.std
    return float(np.sqrt(np.mean(z**2)))
