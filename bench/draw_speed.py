"""CPU ms per frame of the mesh engine's draw stage (`MeshAnimator.draw`: the upsampled map, the head layer
over the plate, the neck, the eyes, the mouth) on real portraits driven as `facereel animate` drives them,
and its parts; optionally several source trees back to back on the same inputs, with a check that their
frames are bit-identical.

Cases (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 (issue #9's case, as bench/thread_cpu.py),
lp_s1 at its own size by preset:turn (45 deg turns), sr_8 (1280x720, small face) by lp_d12. The driving
videos are tracked and retargeted once, by this tree, as the streamed pass does (`stream_video.track_driver`,
`drive_frames`: the driver's frame kept for its mouth interior); each tree then runs in a process of its own
(PYTHONPATH at its src, OpenCV on one thread as in the pass), maps every frame (not timed) and draws it; the
time is the drawing thread's own (time.thread_time), steadier than wall time on a loaded machine. Parts:
`HeadLayer.composite` (the head's remap, the plate behind it, the neck), of which `_move_neck` (the plate's
neck warped to the jaw), the eyes, the mouth and `MeshWarp.full_size` (the coarse map upsampled). The trees
take turns, `--repeat` rounds, medians reported. "frames": each frame's pixels against the first tree's,
"identical" when every frame is bit for bit.

Run: PYTHONPATH=src .venv/bin/python bench/draw_speed.py [--seconds 4] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from tree_turns import add_case, run_bench, time_calls

CASES = (("lp_s1", 512, "lp_d3"), ("lp_s1", None, "preset:turn"), ("sr_8", None, "lp_d12"))
PARTS = ("draw", "composite", "neck", "eyes", "mouth", "upsampling")
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _portrait(name: str, size: int | None):
    """The portrait as `animate` reads it (`Source`: image and tracked landmarks), squared to `size` px
    (grace_hopper: matplotlib's sample)."""
    import cv2
    import imageio.v3 as iio

    from facereel.animate.inputs import source_from_image

    if name == "grace_hopper":  # matplotlib's sample, as the other benches read it
        from matplotlib import cbook

        path = Path(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    else:
        path = next(iter(sorted((SHARED / "portraits").glob(f"{name}.*"))), None)
    if path is None:
        raise SystemExit(f"{name} not found under {SHARED / 'portraits'}")
    image = np.ascontiguousarray(iio.imread(path)[..., :3])
    if size is not None:
        image = cv2.resize(image, (size, size), interpolation=cv2.INTER_AREA)
    return source_from_image(image)


def prepare(seconds: float, folder: Path, cases: tuple[tuple[str, int | None, str], ...] = CASES) -> list[str]:
    """Per case of `cases`: the portrait, its landmarks, each frame's target and, where the streamed pass keeps
    it, the driver's frame and face (its mouth interior) into folder/<i>.npz; returns the case names."""
    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.engines.mesh.stream_video import drive_frames, track_driver
    from facereel.media.video import open_video
    from facereel.motion.presets import preset_motion
    from facereel.motion.retarget import RetargetOptions, retarget

    options = AnimateOptions()
    names = []
    for i, (name, size, driver) in enumerate(cases):
        source = _portrait(name, size)
        faces, images = [], []
        if driver.startswith("preset:"):
            targets = retarget(source.landmarks, preset_motion(driver.removeprefix("preset:")),
                               RetargetOptions().for_engine("mesh"))
        else:
            path = SHARED / "driving" / f"{driver}.mp4"
            if not path.exists():
                raise SystemExit(f"{path} not found")
            with open_video(path) as video:
                portrait = DrivenPortrait(source.image, source.landmarks, options.retarget, video.fps,
                                          mesh_options(options))
                frames = itertools.islice(video.frames(fps=video.fps), int(round(seconds * video.fps)))
                driven = list(drive_frames(track_driver(frames, None, False, path, portrait.wants_driver_image),
                                           portrait, path))
            targets = np.stack([frame.target for frame in driven])
            for k, frame in enumerate(driven):
                if frame.driver is not None:
                    faces.append((k, frame.driver.landmarks))
                    images.append(frame.driver.image)
        np.savez(folder / f"{i}.npz", image=source.image, landmarks=source.landmarks, targets=targets,
                 driver_at=np.array([k for k, _ in faces], int), driver_faces=np.array([f for _, f in faces]),
                 driver_images=np.array(images))
        names.append(f"{name}{'' if size is None else f' {size}x{size}'} x {driver}")
    return names


def prepared_case(folder: Path, i: int) -> tuple[object, dict[int, object], np.ndarray]:
    """Case i of `prepare`'s folder, in this process's tree: a fresh `MeshAnimator` of its portrait as `animate`
    makes it, the driver's frames by frame number (`mouth_driver.DriverFrame`) and the targets (T, 478, 3)."""
    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.engines.mesh.open_mouth.mouth_driver import DriverFrame

    data = np.load(folder / f"{i}.npz")
    options = AnimateOptions()
    animator = DrivenPortrait(data["image"], data["landmarks"], options.retarget, 30.0,
                              mesh_options(options)).animator
    drivers = {int(k): DriverFrame(image, face) for k, image, face
               in zip(data["driver_at"], data["driver_images"], data["driver_faces"])}
    return animator, drivers, data["targets"]


def copied(args: tuple) -> tuple:
    """`args` with each array copied (a recorded call's inputs kept as they were when it was made)."""
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)


def render_patched(folder: Path, patches: list[tuple[object, str, Callable]]) -> None:
    """Draw case 0 of `prepare`'s folder frame by frame in this tree with each patch's attribute (owner, name)
    replaced by its function (a wrapper that records its calls and calls the original it closed over), the originals
    put back after (the call benches' recording pass)."""
    animator, drivers, targets = prepared_case(folder, 0)
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, wrapper in patches:
        setattr(owner, name, wrapper)
    try:
        for k, target in enumerate(targets):
            animator.draw(animator.map_frame(target), None, drivers.get(k))
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def warmed_cases(folder: Path, count: int) -> Iterator[tuple[object, dict[int, object], np.ndarray]]:
    """`prepared_case` of each of the `count` cases in turn, after one untimed pass over the last one (the kernels
    compiled or loaded), with OpenCV on one thread as the streamed pass runs it (`background.opencv_pool_off`)."""
    import cv2

    cv2.setNumThreads(1)
    warm, drivers, targets = prepared_case(folder, count - 1)
    for k, target in enumerate(targets):
        warm.draw(warm.map_frame(target), None, drivers.get(k))
    for i in range(count):
        yield prepared_case(folder, i)


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): per case, CPU ms per frame of each of `PARTS` and one
    digest per frame of the drawn frame."""
    import cv2

    cv2.setNumThreads(1)  # as the streamed pass (`background.opencv_pool_off`)
    result: dict[str, list] = {part: [] for part in PARTS} | {"digests": []}
    for i in range(count):
        animator, drivers, targets = prepared_case(folder, i)
        spent = dict.fromkeys(PARTS, 0.0)
        timed_parts = [(animator.layer, "composite", "composite"), (animator.layer, "_move_neck", "neck"),
                       (animator.warp, "full_size", "upsampling")]
        timed_parts += [(eye, "render", "eyes") for eye in animator.eyes]
        timed_parts += [(animator.mouth, "render", "mouth")] if animator.mouth is not None else []
        for owner, method, part in timed_parts:
            time_calls(owner, method, part, spent)
        digests = []
        for k, target in enumerate(targets):
            frame_map = animator.map_frame(target)
            start = time.thread_time()
            frame = animator.draw(frame_map, None, drivers.get(k))
            spent["draw"] += time.thread_time() - start
            digests.append(hashlib.sha1(frame.tobytes()).hexdigest())
        add_case(result, spent, len(targets), digests)
    return result


def main() -> None:
    run_bench(__doc__, __file__, prepare, measure, len(CASES), PARTS,
              ("draw CPU ms/frame", "composite", "of which neck", "eyes", "mouth", "upsampling"))


if __name__ == "__main__":
    main()
