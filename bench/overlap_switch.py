"""Two faces whose grown face ovals meet in some frames of a clip only: the overlap decided per frame (the
engine before) against once for the clip (`face_regions.meeting_pairs`, the video-source path).

The second portrait's head pasted beside the first at the same face size, a quarter of a face size lower,
swaying sideways around the meeting distance (tests/mesh/overlap_photo.swaying: its centre 1.125 +- 0.05
back-face sizes to the right); the faces tracked once and the front face's landmarks moved with its head;
back face driven by --motions' first preset, front by the second, each frame's group made as
`animate.video_source_faces` makes it (`VideoFrameAnimators`, `FrontOrder`). Per rule: which frames use the
overlap rule, owner pixels changing per frame, pixels of the frame that change from the previous frame by
over 8 grey levels beyond the largest change of either face's own render ("excess change": a jump the
composite adds), and the pixels where the two rules' frames differ by over 8. The do-nothing baseline (the
source as filmed) composites nothing: 0 excess change.

Run: .venv/bin/python bench/overlap_switch.py [--portraits lp_s5,lp_s1] [--motions talk,nod] [--frames 16]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
from overlap_photo import swaying  # noqa: E402

from facereel.animate.inputs import Source, drive  # noqa: E402
from facereel.engines.mesh.face_regions import meeting_pairs  # noqa: E402
from facereel.engines.mesh.frame_setup import VideoFrameAnimators  # noqa: E402
from facereel.engines.mesh.front_order import FrontOrder  # noqa: E402
from facereel.engines.mesh.group import FaceGroup  # noqa: E402
from facereel.media.image import read_image  # noqa: E402
from facereel.motion.presets import preset_motion  # noqa: E402
from facereel.motion.retarget import RetargetOptions  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FLICKER = 8  # grey levels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s5,lp_s1", help="back,front")
    parser.add_argument("--motions", default="talk,nod", help="presets of the back and the front face")
    parser.add_argument("--frames", type=int, default=16)
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    back, front = (read_image(next((SHARED / "portraits").glob(f"{name}.*"))) for name in args.portraits.split(","))
    rights = 1.125 + 0.05 * np.sin(np.arange(args.frames) * 0.8)
    frames, clip = swaying(back, front, rights)
    retarget = RetargetOptions().for_engine("mesh")
    driven = {index: drive(Source(frames[0], clip[0][index]), preset_motion(name), retarget)
              for index, name in enumerate(args.motions.split(","))}
    outputs = {}
    print(f"machine: {platform.processor() or platform.machine()}, {platform.system()}; "
          f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; command: bench/overlap_switch.py "
          f"--portraits {args.portraits} --motions {args.motions} --frames {args.frames}")
    print("| overlap decided | overlap rule by frame | owner px changing per frame (mean, max) "
          "| excess change px per frame (mean, max) |")
    print("|---|---|---|---|")
    print("| source as filmed (do nothing) | | | 0, 0 |")
    for rule, meets in (("per frame (before)", None), ("per clip (meeting_pairs)", meeting_pairs(clip))):
        setups = {index: VideoFrameAnimators() for index in driven}
        order = FrontOrder()
        outs, owners, renders, used = [], [], [], []
        for t, (frame, faces) in enumerate(zip(frames, clip)):
            group = FaceGroup(frame, faces, [0, 1], setups=setups, front=order([0, 1], faces), meets=meets)
            targets = {index: points[t % len(points)] + (faces[index] - clip[0][index])
                       for index, points in driven.items()}
            outs.append(group.render(targets))
            owners.append(group.owner)
            renders.append({index: group.animators[index].render(points) for index, points in targets.items()})
            used.append(bool(group.ahead[0] or group.ahead[1]))
        flips = [int((owners[t] != owners[t - 1]).sum()) for t in range(1, len(owners))]
        excess = []
        for t in range(1, len(outs)):
            own = np.max([np.abs(renders[t][i].astype(np.int16) - renders[t - 1][i]).max(2) for i in driven], axis=0)
            excess.append(int((np.abs(outs[t].astype(np.int16) - outs[t - 1]).max(2) - own > FLICKER).sum()))
        outputs[rule] = outs
        print(f"| {rule} | {''.join('1' if u else '0' for u in used)} | {np.mean(flips):.0f}, {max(flips)} | "
              f"{np.mean(excess):.0f}, {max(excess)} |")
    apart = [np.abs(a.astype(np.int16) - b).max(2) for a, b in zip(*outputs.values())]
    print(f"frames where the rules differ by over {FLICKER} grey levels: px per frame "
          f"{[int((d > FLICKER).sum()) for d in apart]}, largest difference {max(int(d.max()) for d in apart)}")


if __name__ == "__main__":
    main()
