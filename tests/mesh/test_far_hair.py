"""The hair beside the far cheek kept in view on big turns (`far_hair`, `figures.far_hair`; issue #9)."""

from __future__ import annotations

import numpy as np
import pytest
from mesh_faces import scaled_portrait
from test_hanging_hair import SCALE
from test_layered import turn_targets

from facereel.engines.mesh import MeshAnimator
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh.far_hair import KEEP, keep_far_hair, outline_reach
from facereel.engines.mesh.figures.cut_hair import photo_hair
from facereel.engines.mesh.figures.far_hair import far_hair_lost
from facereel.face import landmark_ids as ids

FAR_END = list(range(34, 43, 2))  # preset:turn (2 s): the head turned ~40-45 deg to the image's right


def _rings(oval: np.ndarray, radii: tuple[float, ...]) -> np.ndarray:
    """(len(radii) * K, 2) ring points, ring-major, at these multiples of each oval point's distance from the
    oval's middle."""
    centre = oval.mean(0)
    return np.vstack([centre + r * (oval - centre) for r in radii])


def test_a_ring_point_passed_by_the_drawn_cheek_is_moved_out_to_keep_of_its_distance():
    """A round face (the oval a circle of radius 100 px) with two rigid rings (1.2, 1.4), a wall ring (1.8) and
    the crop border's (2.2). In the frame a far cheek point stands 30 px past the oval on the ray 20 deg below
    level to the left: the rigid ring points on that ray, passed by it, are moved out to stand `KEEP` of their
    photo's distance beyond it; the wall ring point on it moves out less, the crop border's not at all; nothing
    moves on the rays pointing up (beyond the taper's reach, `TAPER`), on the right side, or where the rings follow nothing."""
    k = len(ids.FACE_OVAL)
    angle = np.linspace(0, 2 * np.pi, k, endpoint=False)
    oval = np.stack([100 * np.cos(angle), 100 * np.sin(angle)], axis=1) + 200.0
    ring_src = _rings(oval, (1.2, 1.4, 1.8, 2.2))
    follow = np.repeat([1.0, 1.0, 0.0, 0.0], k)[:, None]
    tiled = np.tile(oval, (4, 1))
    ray = np.array([-np.cos(np.radians(20)), np.sin(np.radians(20))])
    face = np.vstack([oval, 200.0 + 130.0 * ray])
    moved = keep_far_hair(ring_src, ring_src, tiled, tiled, face, oval, follow)
    assert outline_reach(face, np.array([200.0, 200.0]), ray[None])[0] == pytest.approx(130.0)
    j = int(np.argmax((oval - 200.0) @ ray))  # the oval point nearest that ray
    on_j = (oval[j] - 200.0) / 100.0
    outline = outline_reach(face, np.array([200.0, 200.0]), on_j[None])[0]
    assert outline > 120.0
    beyond = (moved[[j, k + j]] - 200.0) @ on_j - outline
    assert np.all(beyond >= KEEP * np.array([20.0, 40.0]) - 1e-3), beyond
    shift = np.linalg.norm(moved - ring_src, axis=1)
    assert 0 < shift[2 * k + j] < shift[k + j] and shift[3 * k:].max() < 1e-3
    upper_or_right = ((oval - 200.0)[:, 1] < -70.0) | ((oval - 200.0)[:, 0] > 0)  # the taper: ~30 deg
    assert shift.reshape(4, k)[:, upper_or_right].max() < 1e-3
    assert np.allclose(keep_far_hair(ring_src, ring_src, tiled, tiled, face, oval, 0 * follow), ring_src)
    assert np.allclose(keep_far_hair(ring_src, ring_src, tiled, tiled, oval, oval, follow), ring_src)


def test_the_hair_beside_the_far_cheek_stays_in_view_on_a_big_turn(monkeypatch):
    """lp_s1 on preset:turn's far end (her right cheek turned away): the share of the photo's hair beside the far
    cheek the frame no longer shows (`far_hair_lost`) is lower with the hair's ring points kept beyond the
    drawn cheek than without (frames 34-42 at ~400 px: mean 0.40 vs 0.46, each frame lower); the
    source repeated reads 0."""
    image, lm = scaled_portrait("lp_s1", SCALE)
    targets, _ = turn_targets(lm)
    hair = photo_hair(image, lm)

    def lost() -> np.ndarray:
        animator = MeshAnimator(image, lm)
        assert far_hair_lost(animator.render(lm), image, hair, lm, lm) < 0.01  # the source repeated
        frames = []
        for k in FAR_END:
            frame = animator.map_frame(targets[k])
            frames.append(far_hair_lost(animator.draw(frame), image, hair, lm, frame.target))
        return np.array(frames)

    kept = lost()
    monkeypatch.setattr(animator_module, "keep_far_hair", lambda rings, *_: rings)
    dropped = lost()
    assert kept.mean() < dropped.mean() - 0.04, (kept, dropped)
    assert np.all(kept <= dropped + 0.005), (kept, dropped)
