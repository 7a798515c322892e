"""A photo driver's open mouth lost in the output (issue #12), read on a rendered frame beside the driving photo.

lp_s12 driven by a still photo (lp_d19 frame 212, a lopsided grin showing its upper teeth; `--mode absolute
--duration 1.5`): the retargeted target opened the inner lips as far as the photo's (0.141 canonical units), but
with no driving frame the mesh engine drew its synthetic interior, which under lp_s12's moustache (`overhang_share`
1) is lip-coloured teeth in shade over a tongue of the lower lip's colour: a band the re-tracker reads as lips
barely parted, no teeth (frame 37, x 150-215, y 225-260).

- `opening_share`: the output's re-tracked inner-lip gap (`features.expression_features`' mouth_open, canonical
  units: inter-ocular distances) over the photo's own; issue #9 asks driven mouths to reach `OPENING_SHARE` of the
  driver's. The portrait repeated scores its own gap's share (lp_s12's closed lips: 0.01). Each gap is `steady_gap`:
  the median over `DITHERS` re-tracks of the image under fixed, seeded +-`DITHER` level noise, as one re-track
  swings with specks not seen. lp_s12 x the grin's relative clip's last frame (h47-ghturn, 120 seeded dithers of
  each frame, share of the photo's gap): main's re-tracks read 0.27-0.54 (as rendered 0.354, median 0.385,
  quartiles 0.345-0.434), h47-ghturn's frame (219 px moved at the jaw corners, none in the mouth) 0.28-0.52 (as
  rendered 0.332, median 0.388); a median of 15 re-tracks still swings by 0.02 (standard deviation over seed sets),
  of 31 by 0.013-0.017, of 61 by 0.008-0.013. The photo's own gap swings by 3% (0.135-0.144). The engine before the
  photo's mouth reached it (`--mouth synthetic`): the relative clip 0.03, the absolute still ~0.41 (as rendered
  0.24, a low draw), against the photo's mouth's 0.68 there (main 0.73).
- `teeth_share`: the output's teeth area over the photo's: teeth-like pixels (`eval.mouth_teeth`'s bar: CIELAB L*
  at least `TEETH_LIGHT` x the cheeks' and chroma at most `TEETH_CHROMA` x theirs) inside the re-tracked outer-lip
  contour, in squared mouth widths: 0 where the output shows none of the photo's teeth, ~1 where it shows as many
  for its mouth's size. Read inside the outer lips, not the re-tracked opening: under lp_s12's moustache the
  re-tracker puts the upper inner lip across the teeth's middle, which halved a reading inside it. The photo must
  show teeth to be read.
- `teeth_above_lip`: whether a re-tracked upper inner lip runs through drawn teeth (the tracker's misreading) or
  along their top (a lip drawn over the teeth would read as lip there): the share of the pixels in the `LIP_BAND` px
  above the lip (the middle `MIDDLE` of its width) nearer in CIELAB to the frame's teeth (the opening's lightest
  `LIGHTEST` share) than to the portrait's own lips. lp_s12 x the grin: the relative clip's last frame 0.83 (the
  band's L* 56, the teeth under it 59, lp_s12's lips 34: the re-tracked lip runs through the teeth), read on the
  target's upper lip that frame was drawn to 0 (the moustache above it, L* 21); the absolute still 0.05 (the
  re-tracked lip at the moustache's edge: L* 23 above, 55 below); the portrait repeated 0.
"""

from __future__ import annotations

import numpy as np

from facereel.engines.mesh.composite import box_around, polygon_mask
from facereel.engines.mesh.geometry.mesh_topology import INNER_LIP_CONTOUR
from facereel.engines.mesh.open_mouth.mouth_driver import to_lab
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap, skin_colour
from facereel.eval.mouth_teeth import MIN_CHROMA, TEETH_CHROMA, TEETH_LIGHT
from facereel.face import landmark_ids as ids
from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_image, track_images
from facereel.motion.features import INDEX, expression_features

OPENING_SHARE = 0.7
"""Share of the driver's inner-lip gap (canonical units) a driven mouth's re-tracked gap reaches (issue #9)."""
DITHERS = 61
"""Re-tracks `steady_gap` takes the median of: on lp_s12's grin (module docstring) 15 left a 0.02 standard deviation
over seed sets, 31 0.013-0.017, 61 0.008-0.013, against the 0.035 between main's median and `RELATIVE_SHARE`
(tests/animate/test_photo_mouth.py); ~0.05 s each."""
DITHER = 1
"""Grey levels (each channel, uniform in -DITHER..DITHER) of the seeded noise under each of `steady_gap`'s re-tracks:
far below what the eye sees (changes "alike to the eye" moved 12-19 levels)."""
LIP_BAND = 2
"""px above the upper inner lip that `teeth_above_lip` reads."""
MIDDLE = 0.7
"""Share of the upper inner lip's width, about its middle, whose columns `teeth_above_lip` reads."""
LIGHTEST = 0.2
"""Share of the opening's pixels, lightest first, read as its teeth (`teeth_above_lip`)."""


def _tracked(image: np.ndarray) -> np.ndarray:
    """(478, 3) image-px landmarks of the largest face in (H, W, 3) uint8 RGB `image` (InputError when none)."""
    return track_image(image).landmarks[0]


def _gap(landmarks: np.ndarray) -> float:
    """Inner-lip gap of (478, 3) px landmarks, canonical units (the pose taken out)."""
    _, canonical, _ = estimate_pose(landmarks[None].astype(np.float32))
    return float(expression_features(canonical)[0, INDEX["mouth_open"]])


def steady_gap(image: np.ndarray) -> float:
    """Inner-lip gap of (H, W, 3) uint8 RGB `image`, canonical units: the median over `DITHERS` re-tracks of it under
    seeded (seeds 0 to DITHERS - 1) uniform +-`DITHER` grey-level noise per channel (module docstring)."""
    dithered = (np.clip(image.astype(np.int16) + np.random.default_rng(seed).integers(-DITHER, DITHER + 1, image.shape),
                        0, 255).astype(np.uint8) for seed in range(DITHERS))
    return float(np.median([_gap(track.landmarks[0]) for track in track_images(dithered)]))


def opening_share(output: np.ndarray, photo: np.ndarray) -> float:
    """`steady_gap` of (H, W, 3) uint8 RGB `output` over the driving `photo`'s (any size), canonical units each; the
    photo's mouth must be open (ValueError otherwise)."""
    driver = steady_gap(photo)
    if driver <= 0:
        raise ValueError(f"the driving photo's mouth is closed (gap {driver:.3f})")
    return steady_gap(output) / driver


def teeth_area(image: np.ndarray) -> float:
    """Teeth-like pixels inside the re-tracked outer-lip contour of (H, W, 3) uint8 RGB `image`, in squared mouth
    widths (0 where the cheeks' colour cannot be read)."""
    landmarks = _tracked(image)
    skin = skin_colour(image, landmarks)
    if skin is None:
        return 0.0
    lips = landmarks[list(ids.OUTER_UPPER_LIP) + list(ids.OUTER_LOWER_LIP[-2:0:-1]), :2].astype(np.float32)
    x0, y0, x1, y1 = box_around(lips, 1, (image.shape[1], image.shape[0]))
    inside = polygon_mask([lips], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    lab, skin_lab = to_lab(image[y0:y1, x0:x1])[inside], to_lab(skin)
    teeth = (lab[:, 0] >= TEETH_LIGHT * skin_lab[0]) & (
        np.linalg.norm(lab[:, 1:], axis=1) <= TEETH_CHROMA * max(float(np.linalg.norm(skin_lab[1:])), MIN_CHROMA))
    return float(teeth.sum()) / max(mouth_gap(landmarks)[1], 1.0) ** 2


def teeth_share(output: np.ndarray, photo: np.ndarray) -> float:
    """`teeth_area` of (H, W, 3) uint8 RGB `output` over the driving `photo`'s; ValueError where the photo shows
    no teeth."""
    driver = teeth_area(photo)
    if driver <= 0:
        raise ValueError("the driving photo shows no teeth")
    return teeth_area(output) / driver


def teeth_above_lip(image: np.ndarray, landmarks: np.ndarray, lip: np.ndarray) -> float:
    """0-1: the share of (H, W, 3) uint8 RGB `image`'s pixels in the `LIP_BAND` px above the upper inner lip of its
    (478, 3) px `landmarks` (the middle `MIDDLE` of its columns) nearer in CIELAB to its teeth (the inner-lip
    contour's lightest `LIGHTEST` share) than to `lip` (3,) RGB, the portrait's own lips (module docstring)."""
    upper = landmarks[list(ids.INNER_UPPER_LIP), :2]
    order = np.argsort(upper[:, 0])
    left, right = float(upper[:, 0].min()), float(upper[:, 0].max())
    xs = np.arange(int(np.ceil(left)), int(right) + 1)
    xs = xs[np.abs(xs - (left + right) / 2) <= MIDDLE * (right - left) / 2]
    ys = np.rint(np.interp(xs, upper[order, 0], upper[order, 1])).astype(int)
    rows = ys[:, None] - np.arange(1, LIP_BAND + 1)[None]
    band = to_lab(image[rows, xs[:, None]].reshape(-1, 3))
    contour = landmarks[INNER_LIP_CONTOUR, :2].astype(np.float32)
    x0, y0, x1, y1 = box_around(contour, 1, (image.shape[1], image.shape[0]))
    inside = polygon_mask([contour], (y1 - y0, x1 - x0), (x0, y0)) > 0.5
    opening = to_lab(image[y0:y1, x0:x1])[inside]
    teeth = opening[opening[:, 0] >= np.quantile(opening[:, 0], 1 - LIGHTEST)].mean(0)
    nearer = np.linalg.norm(band - teeth, axis=1) < np.linalg.norm(band - to_lab(lip), axis=1)
    return float(nearer.mean())
