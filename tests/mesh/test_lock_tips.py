"""A lock hanging on into the neck band is followed along its own axis (`lock_tips.along_locks`), not
sideways (issue #9, locktail round: lp_s1's lock tip, past the band reach, drew a dark tail)."""

from __future__ import annotations

import cv2
import numpy as np

from facereel.engines.mesh.head_mask.lock_tips import along_locks


def _bar(shape: tuple[int, int], start: tuple[int, int], end: tuple[int, int], width: int) -> np.ndarray:
    out = np.zeros(shape, np.uint8)
    cv2.line(out, start, end, 1, width)
    return out > 0


def test_a_lock_is_followed_along_its_axis_and_not_sideways():
    """A diagonal lock (down and right, 4 px wide) cut where the band reach stopped: with hair-coloured
    pixels along it and a wide hair-coloured patch beside it (the shadow along a lock, up to the reached
    end), the lock is followed on from its far end forwards (within ~45 deg of its axis) by up to `steps`
    px, and the patch beside it is not taken (growing the tip every way would take it)."""
    shape = (80, 80)
    hair = _bar(shape, (5, 5), (25, 25), 4)  # the lock above the band
    grown = hair | _bar(shape, (25, 25), (35, 35), 4)  # what the band reach took
    rest = _bar(shape, (35, 35), (55, 55), 4)  # the lock's tip, past the reach
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]]
    beside = (cols - rows > 3) & (rows < 34)  # hair-coloured beside the lock, up to its reached end
    out = along_locks(hair, grown, rest | beside, 8)
    added = out & ~grown
    assert added.any() and np.array_equal(added & rest, added)  # only along the lock
    end = np.nonzero(grown)[0].max()  # the reach's last row (the lock runs at 45 deg: rows and columns alike)
    assert 0 < np.nonzero(added)[0].max() - end <= 8  # by up to `steps` px beyond its end
    assert not (out & beside & ~rest).any()


def test_no_reach_into_the_band_follows_nothing():
    """Hanging hair that did not reach into the band (nothing added) is left as it is."""
    hair = _bar((40, 40), (5, 5), (20, 20), 3)
    assert np.array_equal(along_locks(hair, hair.copy(), np.ones((40, 40), bool), 10), hair)
