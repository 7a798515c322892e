"""The front person's side hair shown twice, read from a rendered frame (issue #12): a face behind another
carries the strip of the front person's side hair beside its cheek (`face_regions.CARRY_FROM`), so where the
back head moves off the front one a second strip of that dark hair moves with the back cheek, over what the
photo shows lighter there (her cheek, her shoulder, the wall), while the front head's own hair stays or
moves the other way (lp_s5 behind lp_s1 on lp_d12, the big moves).

`hair_zone` is where that copy lands: within `back_tear.REACH` back-face sizes of the front person's side
hair (the front head as the photo has it, outside the front face's oval, at cheek level: under the top
`1 - SIDE` of the front face, above the back face's chin), outside that oval, at the same level (beside the
front head's top the back person's own hair and eye moved over the wall are no copy). `side_hair_copy` counts the zone's pixels the front head does not cover this frame (its drawn
alpha under 0.5) that the frame shows as that hair (its luma at most the hair's upper quartile in the photo)
darker by over `DARKER` grey levels of luma than the photo there. The source repeated reads 0.

`apart` keeps those of them that stand apart from the front hair as a second strip: something lighter by over `GAP`
grey levels lies between them and the front hair along the row. A back head moved a few px off the front head
(`away_cap`) widens the hair's edge by that much, one dark run (counted by `side_hair_copy`, h43-cap: 118 px, none
apart); moved 12 px, its copy of the hair's outer band shows beside the front one with her lighter cheek or the
band's paler rim between (main: 213 px, 121 apart).

`left_strip` reads the other direction: the front head moved away from a still face behind it leaves the outer band
of its side hair (the back layer's, `figures.unmasked_hair`) standing where it was, the frame still as dark as that
hair there (so not darker than the photo: `side_hair_copy` reads none of it), with a pale gap between it and the
moved hair: the zone's pixels off the front head as drawn, as dark as its side hair in the frame and in the photo
(the strip stands where the photo has that hair), standing `apart` from the front head as drawn by over `LEFT_GAP`
(lp_s1 in front of lp_s5 driven 12 px right: the engine before `away_cap` capped the front face 380 px, capped (3 px
moved) 0; the source repeated and the still group 0). Read in the frame alone, the back person's own eye counted
where lp_d12 moves her head down into the zone past her light cheek (both faces on lp_d12 166 / 170: 34 / 33 px, all
but 2-4 on her eye as driven, none of them hair; h45-behind).
"""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.figures.back_tear import REACH

DARKER = 20
"""Grey levels of luma: the frame this much darker than the photo, as dark as the front hair, shows it."""
SIDE = 0.75
"""Front-face sizes above the front chin (along its down axis): the cheek level, where its side hair is, begins."""
GAP = 15
"""Grey levels of luma: a pixel between a counted one and the front hair this much lighter sets it apart (a second
strip). A copy of that hair laid 3 px left has none apart at 10 (the overlap photo); laid 12 px, 211 of 362 at 15."""
LEFT_GAP = 30
"""Grey levels of luma: `left_strip`'s `GAP`. The photo's own side hair has strands this much lighter between its
dark pixels (the overlap photo: up to 16 levels, row 183); the pale gap the moved front head leaves, 50-90."""


def hair_zone(front_head: np.ndarray, front_outside: np.ndarray, front_below_chin: np.ndarray,
              below_chin: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
    """((H, W) bool zone, (H, W) bool hair): the front person's side hair (`front_head` (H, W) float32, the
    front head alpha as the photo has it, >= 0.5, outside its oval: `front_outside` (H, W) float32 > 0,
    `FaceRegions.outside`) at cheek level (`front_below_chin` (H, W) float32 > -`SIDE`, the front face's
    `FaceRegions.below_chin`; `below_chin` < 0, the back face's) and the pixels at that level within `REACH`
    * `size` px (the back face's size) of it outside the front oval."""
    level = (front_below_chin > -SIDE) & (below_chin < 0)
    hair = (front_head >= 0.5) & (front_outside > 0) & level
    reach = REACH * size
    near = cv2.distanceTransform((~hair).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= reach
    return near & (front_outside > 0) & level, hair


def side_hair_copy(frame: np.ndarray, photo: np.ndarray, zone: np.ndarray, hair: np.ndarray,
                   front_drawn: np.ndarray) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool, `hair_zone`) off the front head this frame
    (`front_drawn` (H, W) float32, its drawn alpha, under 0.5) where `frame` ((H, W, 3) uint8 RGB) shows the
    front side hair (`hair` (H, W) bool, `hair_zone`'s: its luma at most their upper quartile's in the
    `photo` (H, W, 3) uint8 RGB) darker than the photo by over `DARKER` grey levels of luma."""
    if not hair.any():
        return np.zeros_like(zone)
    here, there = (image.astype(np.float32) @ LUMA for image in (frame, photo))
    dark = float(np.percentile(there[hair], 75))
    return zone & (front_drawn < 0.5) & (here <= dark) & (there - here > DARKER)


def apart(copy: np.ndarray, frame: np.ndarray, hair: np.ndarray, gap: float = GAP) -> np.ndarray:
    """(H, W) bool: the pixels of `copy` ((H, W) bool, `side_hair_copy`'s) with a pixel lighter by over `gap` grey
    levels of luma in `frame` ((H, W, 3) uint8 RGB) between them and the nearest pixel of the front side hair on
    their row (`hair` (H, W) bool, `hair_zone`'s; none on the row: not apart)."""
    luma = frame.astype(np.float32) @ LUMA
    out = np.zeros_like(copy)
    for y, x in zip(*np.nonzero(copy)):
        columns = np.nonzero(hair[y])[0]
        if len(columns):
            near = int(columns[np.abs(columns - x).argmin()])
            between = luma[y, min(x, near):max(x, near) + 1]
            out[y, x] = between.max() - luma[y, x] > gap
    return out


def left_strip(frame: np.ndarray, photo: np.ndarray, zone: np.ndarray, hair: np.ndarray,
               front_drawn: np.ndarray) -> np.ndarray:
    """(H, W) bool: the pixels of `zone` ((H, W) bool, `hair_zone`) off the front head as drawn this frame
    (`front_drawn` (H, W) float32, its drawn alpha, under 0.5) that `frame` ((H, W, 3) uint8 RGB) shows as dark as
    the front side hair (`hair` (H, W) bool, `hair_zone`'s: its luma at most their upper quartile's in the `photo`
    (H, W, 3) uint8 RGB) and the photo shows as dark too, standing `apart` from the front head as drawn (its alpha
    >= 0.5) by over `LEFT_GAP`: a strip of that hair left behind where the front head moved off, with a pale gap
    between."""
    if not hair.any():
        return np.zeros_like(zone)
    here, there = (image.astype(np.float32) @ LUMA for image in (frame, photo))
    level = float(np.percentile(there[hair], 75))  # luma: as dark as the side hair
    dark = zone & (front_drawn < 0.5) & (here <= level) & (there <= level)
    return apart(dark, frame, front_drawn >= 0.5, LEFT_GAP)
