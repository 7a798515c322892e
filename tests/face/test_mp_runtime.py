"""mediapipe's import keeps matplotlib out of the process (`mp_runtime._pyplot_deferred`, issue #9 speed: ~0.55 s CPU
per process), and what mediapipe bound to matplotlib still works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

_CHILD = """
import sys
import numpy as np
from facereel.engines.mesh.geometry.head_proxy import person_mask
from facereel.engines.mesh.geometry.mesh_topology import face_triangles
from facereel.face.mp_runtime import mediapipe

triangles = face_triangles()
mask = person_mask(np.full((64, 64, 3), 128, np.uint8))
solutions = mediapipe().solutions
print(len(triangles), mask.shape, sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib"))
import matplotlib.pyplot
print(solutions.drawing_utils.plt.figure is matplotlib.pyplot.figure)
"""


def test_mediapipe_is_imported_without_matplotlib() -> None:
    """In a fresh process: the mesh's triangles, the person mask and the tracker's module import mediapipe without
    matplotlib; a later `import matplotlib.pyplot` gets the real module, the one mediapipe's drawing utilities
    then use."""
    env = dict(os.environ, PYTHONPATH=f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    done = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    first, second = done.stdout.strip().splitlines()[-2:]
    count, rest = first.split(" ", 1)
    assert int(count) > 800 and rest == "(64, 64) []", first
    assert second == "True"


def test_solution_output_matches_process(astronaut, grace_hopper) -> None:
    """`solution_output` (the tracker's mesh call without mediapipe's per-call namedtuple class) gives the
    landmarks `FaceMesh.process` gives, bit for bit, frame after frame in video mode (two graphs fed the same
    frames: the photos and the photos shifted, as a tracked face moves, then a blank frame), and None where
    `process` finds no face."""
    import cv2
    import numpy as np

    from facereel.face.mp_runtime import mediapipe, solution_output
    from facereel.face.tracking import landmark_array

    frames = []
    for image in (astronaut, grace_hopper):
        for dx in (0, 6, 12):
            frames.append(np.ascontiguousarray(cv2.warpAffine(image, np.float32([[1, 0, dx], [0, 1, dx // 2]]),
                                                              image.shape[1::-1])))
    frames.append(np.zeros_like(frames[0]))
    face_mesh = mediapipe().solutions.face_mesh.FaceMesh
    with face_mesh(static_image_mode=False, refine_landmarks=True) as a, face_mesh(static_image_mode=False,
                                                                                    refine_landmarks=True) as b:
        for frame in frames:
            expected = a.process(frame).multi_face_landmarks
            got = solution_output(b, frame, "multi_face_landmarks")
            if expected is None:
                assert got is None
                continue
            assert len(got) == len(expected)
            assert np.array_equal(landmark_array(got[0]).view(np.uint32), landmark_array(expected[0]).view(np.uint32))
    assert frame is frames[-1] and expected is None
