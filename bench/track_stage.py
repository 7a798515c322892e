"""CPU ms per frame of the streamed pass's track + retarget stage (`stream_video.track_driver` and
`drive_frames`: the face tracker, then `DrivenPortrait.drive`, the streaming retargeter) per source tree, on
the same decoded frames, with a check that the trees' targets are bit-identical.

Case (needs ../shared/data): lp_s1 at 512x512 driven by lp_d3 at 512x512 (issue #9's case, as
bench/animate_speed.py). The driver's frames are decoded and resized once, by this tree; each tree then runs
in a process of its own (PYTHONPATH at its src, OpenCV on one thread as in the streamed pass) and runs the
stage over every frame: "track" is the tracker's calls (the crop, mediapipe's graph as far as it runs on the
calling thread, the landmarks read out of its result), "retarget" the retargeting's, "gaps" the gap filler's
(`GapFiller.push`, every frame), "stage" all of the stage; the time
is the calling thread's own CPU (time.thread_time; mediapipe's graph threads are not in it). The trees take
turns, `--repeat` rounds, medians reported. "frames": each frame's target landmarks against the first
tree's, "identical" when every one is bit for bit.

Run: PYTHONPATH=src .venv/bin/python bench/track_stage.py [--seconds 5] [--repeat 3] [--trees OLD/src src]
"""

from __future__ import annotations

import hashlib
import itertools
import time
from pathlib import Path

import numpy as np
from draw_speed import SHARED, _portrait
from tree_turns import add_case, run_bench, time_calls

PARTS = ("stage", "track", "retarget", "gaps")


def prepare(seconds: float, folder: Path) -> list[str]:
    """lp_s1 at 512x512 (image, landmarks) and lp_d3's first `seconds` of frames at 512x512 into
    folder/0.npz ("targets": the frames, one a frame); returns the case's name."""
    import cv2

    from facereel.media.video import open_video

    source = _portrait("lp_s1", 512)
    path = SHARED / "driving" / "lp_d3.mp4"
    if not path.exists():
        raise SystemExit(f"{path} not found")
    with open_video(path) as video:
        fps = video.fps
        frames = [cv2.resize(frame, (512, 512), interpolation=cv2.INTER_AREA)
                  for frame in itertools.islice(video.frames(fps=fps), int(round(seconds * fps)))]
    np.savez(folder / "0.npz", image=source.image, landmarks=source.landmarks, targets=np.stack(frames), fps=fps)
    return ["lp_s1 512x512 x lp_d3 512x512"]


def measure(folder: Path, count: int) -> dict[str, list]:
    """In this process (the tree on PYTHONPATH): CPU ms per frame of each of `PARTS` and one digest per
    frame of its target landmarks."""
    import cv2

    from facereel.animate.options import AnimateOptions, mesh_options
    from facereel.engines.mesh.driven import DrivenPortrait
    from facereel.engines.mesh.stream_video import drive_frames, track_driver
    from facereel.face.tracking import FaceTracker
    from facereel.motion.streaming_retarget import GapFiller

    cv2.setNumThreads(1)  # as the streamed pass (`background.opencv_pool_off`)
    options = AnimateOptions()
    data = np.load(folder / "0.npz")
    frames = list(data["targets"])
    portrait = DrivenPortrait(data["image"], data["landmarks"], options.retarget, float(data["fps"]),
                              mesh_options(options))
    spent = dict.fromkeys(PARTS, 0.0)
    for owner, method, part in ((FaceTracker, "__call__", "track"), (DrivenPortrait, "drive", "retarget"),
                                (GapFiller, "push", "gaps")):
        time_calls(owner, method, part, spent)
    start = time.thread_time()
    driven = list(drive_frames(track_driver(iter(frames), None, False, "lp_d3", portrait.wants_driver_image),
                               portrait, "lp_d3"))
    spent["stage"] = time.thread_time() - start
    result: dict[str, list] = {part: [] for part in PARTS} | {"digests": []}
    add_case(result, spent, len(frames), [hashlib.sha1(np.asarray(frame.target).tobytes()).hexdigest()
                                          for frame in driven])
    return result


def main() -> None:
    run_bench(__doc__, __file__, prepare, measure, 1, PARTS,
              ("stage CPU ms/frame", "track", "retarget", "gaps"), 2)


if __name__ == "__main__":
    main()
