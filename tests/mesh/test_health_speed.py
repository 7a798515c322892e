"""The forty-seventh session's speed cuts (issue #9, speed; every one bit for bit) on real frames: the warp health's
surface distortion compiled (`map_kernels.surface_distortion`) gives its numpy statement's values on lp_s1 at 512 x
preset:turn's maps (the health's strided grid and the whole one) and on made-up fields with NaN and infinities; the
neck's far-jaw patch (`HeadLayer._move_neck`: sr_18 at 512 x preset:turn, where the far jaw moves in) reads as the
whole plate copied with the patch laid in; `facereel animate` reads the warp health on a stride
(`--health-every`) and its summary still reports it, the frames read being the API's per-frame figures."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from mesh_faces import landmarks, portrait, set_up_copy

from facereel.animate import PortraitAnimator
from facereel.cli.main import main
from facereel.cli.animate import HEALTH_EVERY, health_summary
from facereel.engines.mesh import layers
from facereel.engines.mesh.animator import _HEALTH_STRIDE
from facereel.engines.mesh.geometry.warp import _distortion, surface_distortion, surface_gradients
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

TURN = (10, 20, 30, 40)  # frames of preset:turn (its default length): turning, the far side, back


def _statement(coarse: np.ndarray, spacing: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """`warp.surface_distortion` as numpy computed it before the forty-seventh session."""
    return _distortion(*surface_gradients(coarse, spacing))


def _same(coarse: np.ndarray, spacing: tuple[float, float]) -> None:
    (folded, stretch), (want_folded, want_stretch) = surface_distortion(coarse, spacing), _statement(coarse, spacing)
    assert stretch.dtype == want_stretch.dtype == np.float32
    assert folded.tobytes() == want_folded.tobytes() and stretch.tobytes() == want_stretch.tobytes()


def _targets(lm: np.ndarray) -> np.ndarray:
    return retarget(lm, preset_motion("turn"), RetargetOptions().for_engine("mesh"))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the statement's NaN and infinity arithmetic
def test_the_compiled_surface_distortion_is_the_numpy_statement(lp_s1_512):
    """On the health's strided grid and the whole grid of turned maps (some folded or stretched past the limit),
    and on made-up fields (NaN, infinities, edges, reversed strides), value for value and bit for bit."""
    animator = set_up_copy(*lp_s1_512)
    flagged = 0
    for target in _targets(lp_s1_512[1])[list(TURN)]:
        animator.map_frame(target)
        coarse, spacing = animator.warp.coarse_displacement, animator.warp.spacing
        strided = coarse[::_HEALTH_STRIDE, ::_HEALTH_STRIDE]
        _same(strided, tuple(_HEALTH_STRIDE * v for v in spacing))
        _same(coarse, spacing)
        folded, stretch = surface_distortion(coarse, spacing)
        flagged += int((folded | (stretch > animator.options.max_stretch)).sum())
    assert flagged > 0
    rng = np.random.default_rng(47)
    for shape in ((40, 33, 2), (3, 3, 2), (2, 6, 2)):
        field = (rng.normal(size=shape) * rng.choice([0.01, 2.0, 300.0], size=shape)).astype(np.float32)
        field[rng.random(shape[:2]) < 0.03] = np.nan
        field[rng.random(shape[:2]) < 0.03] = np.inf
        field[rng.random(shape[:2]) < 0.03] = -0.0
        for view in (field, field[::2, ::2], field[::-1]):
            _same(view, (1.7, 2.3))


def test_the_far_jaw_patch_reads_as_the_plate_copied(monkeypatch):
    """Where sr_18's far jaw moves in (preset:turn at 512), `neck_read` with the patch laid over the neck plate gives
    what it gives on a copy of the whole plate with the patch pasted in (h46-health's trees copied the whole plate
    each such frame); the patch is a small part of the plate."""
    image = cv2.resize(portrait("sr_18")[0], (512, 512), interpolation=cv2.INTER_AREA)
    lm = landmarks(image)
    assert lm is not None
    animator = set_up_copy(image, lm)
    read = layers.neck_read
    patched = []

    def recording(plate, patch, row, col, *rest):
        read(plate, patch, row, col, *rest)
        if patch is not None:
            whole = plate.copy()
            whole[row:row + patch.shape[0], col:col + patch.shape[1]] = patch
            out, slip = rest[-2], rest[-1]
            got, got_slip = np.empty_like(out), np.empty_like(slip)
            read(whole, None, 0, 0, *rest[:-2], got, got_slip)
            assert out.tobytes() == got.tobytes() and slip.tobytes() == got_slip.tobytes()
            patched.append(patch.size / plate.size)

    monkeypatch.setattr(layers, "neck_read", recording)
    for target in _targets(lm)[[5, 15, 20, 35, 45]]:
        animator.render(target)
    assert len(patched) >= 3 and max(patched) < 0.05, patched


def test_the_summary_says_the_stride():
    assert health_summary([0.0, 0.0213, 0.004], 10) == ", warp health max 0.021 (2 of the 3 frames read > 0, 1 in 10)"
    assert health_summary([0.0, 0.0213, 0.004]) == ", warp health max 0.021 (2 frames > 0)"


@pytest.mark.slow
def test_animate_reads_the_health_on_a_stride(astronaut_video, tmp_path, capsys):
    """`facereel animate`'s summary reads the warp health of every Nth frame (frames 0, N, ...), by default every
    `HEALTH_EVERY`th: the API's per-frame figures of those frames, on the two-pass path (lp_s1 x preset:turn, its
    health above 0 on some frames) and the streamed one (a driving video)."""
    source = tmp_path / "lp_s1.png"
    cv2.imwrite(str(source), cv2.cvtColor(portrait("lp_s1")[0], cv2.COLOR_RGB2BGR))
    every: list[float] = []
    n = PortraitAnimator("mesh", size=256).to_file(source, "preset:turn", tmp_path / "a.mp4", warp_health=every)
    assert len(every) == n == len(preset_motion("turn")) and sum(v > 0 for v in every) >= 3
    strided: list[float] = []
    PortraitAnimator("mesh", size=256).to_file(source, "preset:turn", tmp_path / "b.mp4", warp_health=strided,
                                               health_every=4)
    assert strided == every[::4]
    assert main(["animate", "-s", str(source), "-d", "preset:turn", "--size", "256",
                 "-o", str(tmp_path / "c.mp4")]) == 0
    said = f"wrote {tmp_path / 'c.mp4'}: {n} frames{health_summary(every[::HEALTH_EVERY], HEALTH_EVERY)}"
    assert said in capsys.readouterr().err
    streamed: list[float] = []
    frames = PortraitAnimator("mesh", size=256).to_file(source, astronaut_video, tmp_path / "d.mp4",
                                                        warp_health=streamed, health_every=5)
    assert frames == 12 and len(streamed) == 3  # frames 0, 5, 10
