"""The head's lean off the torso with --body (`body.head_on_torso`), beside the engine before (no lean limit) and
the do-nothing baseline (the source repeated: no lean).

Half-body portraits of ../shared/data (lp_s0, lp_s3, lp_s5) at 512 driven in the streamed --body pass (as
`facereel animate --body`: the driver's face and shoulders tracked, `DrivenPortrait`) by the first --seconds of
sr_1 and lp_d12 (the drivers that move most). Per pair: the largest sideways lean of the head (its stable points'
centre) off where the torso's similarity carries its place in the photo, in inter-ocular distances, before /
after; and a sheet under -o of the frame that leaned most (before | after, cropped round the head and neck).

Run: PYTHONPATH=src .venv/bin/python bench/body_lean.py [--seconds 4] [-o bench-out/body-lean]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import imageio.v3 as iio
import numpy as np

import facereel.engines.mesh.driven as driven
from facereel.engines.mesh.stream_video import track_driver
from facereel.face import landmark_ids as ids
from facereel.face.tracking import track_image
from facereel.media.video import open_video
from facereel.motion.retarget import RetargetOptions

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def run(image: np.ndarray, lm: np.ndarray, tracked: list, fps: float, limited: bool
        ) -> tuple[list[float], list[np.ndarray]]:
    """Per frame: the head's sideways lean off the torso (IOD) and the rendered frame."""
    kept = driven.head_on_torso
    if not limited:
        driven.head_on_torso = lambda target, *args: target  # the engine before: no lean limit
    try:
        portrait = driven.DrivenPortrait(image, lm, RetargetOptions(), fps, body=True)
    finally:
        driven.head_on_torso = kept
    if not limited:
        portrait._lean_knee = 0.0
    head = driven.head_point(lm)
    iod = float(np.linalg.norm(lm[ids.RIGHT_PUPIL, :2] - lm[ids.LEFT_PUPIL, :2]))
    leans, frames = [], []
    for t in tracked:
        frame = portrait.drive(t.face, t.shoulders)
        torso = frame.torso if frame.torso is not None else np.eye(2, 3)
        carried = torso[:, :2] @ head + torso[:, 2]
        leans.append(abs(float(driven.head_point(frame.target)[0] - carried[0])) / iod)
        frames.append(portrait.render_driven(frame))
    return leans, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-out/body-lean"))
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    print("| portrait | driver | lean max: baseline | before | after |")
    print("|---|---|---|---|---|")
    for name in ("lp_s0", "lp_s3", "lp_s5"):
        photo = iio.imread(next((SHARED / "portraits").glob(f"{name}.*")))[..., :3]
        f = 512 / max(photo.shape[:2])
        image = np.ascontiguousarray(cv2.resize(photo, (round(photo.shape[1] * f), round(photo.shape[0] * f)),
                                                interpolation=cv2.INTER_AREA))
        lm = track_image(image).landmarks[0]
        for driver in ("sr_1", "lp_d12"):
            with open_video(SHARED / "driving" / f"{driver}.mp4") as video:
                fps = video.fps
                frames = [frame for _, frame in zip(range(int(args.seconds * fps)), video.frames())]
            tracked = list(track_driver(iter(frames), None, True))
            before, fb = run(image, lm, tracked, fps, limited=False)
            after, fa = run(image, lm, tracked, fps, limited=True)
            print(f"| {name} | {driver} | 0.00 | {max(before):.2f} | {max(after):.2f} |", flush=True)
            k = int(np.argmax(before))
            oval = lm[list(ids.FACE_OVAL), :2]
            size = float((oval.max(0) - oval.min(0)).max())
            x0, y0 = (max(0, int(v - 1.2 * size)) for v in oval.min(0))
            x1, y1 = int(oval.max(0)[0] + 1.2 * size), int(oval.max(0)[1] + 1.2 * size)
            iio.imwrite(args.output / f"{name}_{driver}_f{k}.png",
                        np.hstack([image[y0:y1, x0:x1], fb[k][y0:y1, x0:x1], fa[k][y0:y1, x0:x1]]))


if __name__ == "__main__":
    main()
