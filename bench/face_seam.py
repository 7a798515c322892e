"""The seam between overlapping faces (`engines.mesh.group_seam`): flicker along it and plate slivers.

The second portrait's head pasted partly in front of the first (tests/mesh/overlap_photo.py, face 0 = the
back face), each face driven by a preset (--motions BACK,FRONT; `-` = still). Per frame, measured on the
seam band (pixels within `BAND` face sizes of the owner border between the two faces):
- seam step flicker: neighbouring pixel pairs straddling the owner border (one pixel each face's) whose
  step (largest channel difference between the two) changes from the previous frame by more than
  `FLICKER` grey levels beyond the largest change of that step in either face's own render: a cut whose
  two sides come from different renders, changing every frame;
- excess change: seam-band pixels whose change from the previous frame exceeds by more than `FLICKER`
  grey levels the largest change either face's own render makes there (what the composite adds on its
  own; a hard cut copies one render's pixels, so it adds none by construction);
- slivers: pixels within `NEAR` face sizes of the border where the source shows a head (either face's head
  alpha >= 0.5) but the frame shows a face's fill from the wall (within `PLATE` grey levels of the plate that
  face's hole gets from what is beside it, not from the person behind it: `figures.wall_plate`, and more than
  `2 * PLATE` from the source): a front plate filled from the back person (`FaceRegions.under`) showing
  where the front head moved off it is that person, not a sliver;
- light streak: pixels of the front face's region fade band (0 < `FaceRegions.region` < 1: its hairline's
  edge) lighter by over `STREAK` grey levels (luma) than both the source and the back face's own render
  there (the front face's plate, its fill, showing through where its head moved: over the wall, or through
  the tear its region's fade band cuts in its hair on a nod: the light arc along its hairline; it also
  counts the front hair's own light strands moved over darker hair);
- back portrait disturbed: pixels of the back portrait untouched by the pasted head (`overlap_photo`: there
  the picture is the back portrait exactly; eroded by `UNTOUCHED_ERODE` px) where the front head is not
  drawn this frame (its drawn alpha under 0.5) and the frame differs from both the source and the back
  face's own render by over `DISTURBED` grey levels (largest channel difference): what the front head's motion left on the person
  behind it that is neither that person nor the front head (the grey wedges and hair smears beside a
  turning front head: the back person's hair the front head's mask took, dragged along, and the plate's
  fill where it was);
- uncovered off the truth: pixels the front head uncovered this frame (its head alpha >= 0.5 in the source,
  its drawn alpha under 0.5 now) whose colour is over `DISTURBED` grey levels from what the pasted head hid
  there (the back portrait, or the back face's own render), the truth a group photo never has: the grey
  wedges beside a turning front head. The source repeated uncovers nothing (0);
- back tear: the back face's head pixels near its region's cut torn light (`figures.back_tear`: lighter than
  the photo and than the photo's content the optical flow carries there; the grey crescent inside the back
  person's hair between her moved head and the still strip of it her region cut beside the front head);
- back dark tear: the same zone's pixels torn dark (`back_tear(darker=True)`: darker than the photo by as
  much; the flat dark-brown band a fill from the front hair leaves there);
- halo line: on the same zone off the front face's region (grown by `HALO_OFF` px), the thin light line
  (`figures.halo_line`, grey levels above its sides summed): the photo's light halo round the back hair
  carried by its moved layer over its still cut hair or its uncovered plate;
- chin wedge: the back face's own side below its chin near its region's cut, pixels torn dark
  (`figures.chin_wedge`): the front person's hair its layer carried dragged over its neck on big yaws;
- still copy: the back face's own hair strip beside the front head (`figures.still_copy.copy_zone`) that its
  moved head left (drawn alpha under 0.5) where the frame is still the photo (`figures.still_copy`): its hair
  shown a second time, unmoved, beside the moved head;
- still wisp: the same on the back head's faint fringe (`figures.still_copy.wisp_zone`: its thin strand tips
  beside the front head's top) where it shows hair in the photo (`figures.still_copy.still_wisp`): a dark wisp
  left standing over the wall;
- side hair copy: the front person's side hair shown a second time, off the front head, where the back head
  carried it over what the photo shows lighter (`figures.side_hair_copy`, its zone: near that hair, outside
  the front oval, above the back chin).
Beside: the do-nothing baseline (the source repeated) and the hard owner cut the engine used before
(each pixel copied from the render of the face that owns it), made from the same renders (the engine
before as a whole: run this script with PYTHONPATH at an older checkout's src, whose `FaceGroup.render`
is that cut; its "seamless" row is then the old engine).

Run: .venv/bin/python bench/face_seam.py [--portraits lp_s5,lp_s1] [--motions talk,nod] [--height 400]
[--driving ../shared/data/driving/lp_d12.mp4] (a driving video's motion on every face, instead of presets)
[--frames 60] (the first frames only)
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "mesh"))
from overlap_photo import one_in_front, scaled_to  # noqa: E402

from facereel.animate.inputs import Source, drive, load_motion  # noqa: E402
from facereel.engines.mesh.composite import LUMA
from facereel.engines.mesh.face_regions import FaceRegions, front_measures  # noqa: E402
from facereel.engines.mesh.figures.back_tear import back_tear, tear_zone  # noqa: E402
from facereel.engines.mesh.figures.chin_wedge import chin_wedge, wedge_zone  # noqa: E402
from facereel.engines.mesh.figures.halo_line import halo_line  # noqa: E402
from facereel.engines.mesh.figures.side_hair_copy import hair_zone, side_hair_copy  # noqa: E402
from facereel.engines.mesh.figures.still_copy import copy_zone, still_copy, still_wisp, wisp_zone  # noqa: E402
from facereel.engines.mesh.figures.wall_plate import wall_plate  # noqa: E402
from facereel.engines.mesh.group import FaceGroup  # noqa: E402
from facereel.face.every_face import track_faces  # noqa: E402
from facereel.media.image import read_image  # noqa: E402
from facereel.motion.presets import preset_motion  # noqa: E402
from facereel.motion.retarget import RetargetOptions  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BAND = 0.03  # face sizes each side of the owner border: the seam band
NEAR = 0.15  # face sizes each side of the owner border: where slivers are counted
FLICKER = 8  # grey levels
PLATE = 12  # grey levels
STREAK = 20  # grey levels of luma
DISTURBED = 24  # grey levels
UNTOUCHED_ERODE = 2  # px
HALO_OFF = 10  # px: the halo line is read this far off the front face's region (its own moving hair strands)


def hard_cut(source: np.ndarray, owner: np.ndarray, renders: dict[int, np.ndarray]) -> np.ndarray:
    """The composite before `group_seam`: each pixel from the render of the face owning it."""
    out = source.copy()
    for index, frame in renders.items():
        out[owner == index] = frame[owner == index]
    return out


def border_pairs(owner: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """((ys, xs), (ys, xs)): the 4-neighbour pixel pairs with one pixel owned by face 0, the other by face 1."""
    firsts, seconds = [], []
    for dy, dx in ((0, 1), (1, 0)):
        a, b = owner[:owner.shape[0] - dy, :owner.shape[1] - dx], owner[dy:, dx:]
        ys, xs = np.nonzero(((a == 0) & (b == 1)) | ((a == 1) & (b == 0)))
        firsts.append((ys, xs))
        seconds.append((ys + dy, xs + dx))
    return (tuple(np.concatenate(part) for part in zip(*firsts)),  # type: ignore[return-value]
            tuple(np.concatenate(part) for part in zip(*seconds)))


def border_distance(owner: np.ndarray) -> np.ndarray:
    """(H, W) float32 px: each pixel's distance to the owner border between faces 0 and 1."""
    edge = (cv2.dilate((owner == 1).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & (owner == 0)
    return cv2.distanceTransform((~edge).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)


def overlap_arguments(doc: str, motions: str) -> argparse.ArgumentParser:
    """The command line of a bench on the overlap picture: --portraits BACK,FRONT, --motions (default
    `motions`: the back and the front face's presets) and --height (px)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portraits", default="lp_s5,lp_s1", help="back,front")
    parser.add_argument("--motions", default=motions, help="presets of the back and the front face")
    parser.add_argument("--height", type=int, default=400)
    return parser


def overlap_portraits(portraits: str) -> tuple[np.ndarray, np.ndarray]:
    """(back, front) (H, W, 3) uint8 RGB: the portraits of ../shared/data named by `portraits` ("BACK,FRONT")."""
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} not found: this benchmark needs the development data")
    back, front = (read_image(next((SHARED / "portraits").glob(f"{name}.*"))) for name in portraits.split(","))
    return back, front


def main() -> None:
    parser = overlap_arguments(__doc__, "talk,nod")
    parser.add_argument("--driving", help="a driving video moving every face (instead of --motions)")
    parser.add_argument("--frames", type=int, help="render the first FRAMES frames only")
    args = parser.parse_args()
    back, front = overlap_portraits(args.portraits)
    picture = one_in_front(back, front, args.height)
    size_px = 2 * UNTOUCHED_ERODE + 1
    hidden = scaled_to(back, args.height)  # what the pasted head hides: the back portrait
    untouched = cv2.erode((picture == hidden).all(2).astype(np.uint8),
                          np.ones((size_px, size_px), np.uint8)) > 0  # the back portrait's own pixels
    faces = track_faces(picture)
    retarget = RetargetOptions().for_engine("mesh")
    if args.driving:
        motion = load_motion(args.driving)
        targets = {face: drive(Source(picture, faces[face]), motion, retarget) for face in range(len(faces))}
    else:
        targets = {face: drive(Source(picture, faces[face]), preset_motion(name), retarget)
                   for face, name in enumerate(args.motions.split(",")) if name != "-"}
    group = FaceGroup(picture, faces, list(targets))
    size = float(front_measures(faces)[0].min())
    distance = border_distance(group.owner)
    band, near = distance <= BAND * size, distance <= NEAR * size
    head = np.zeros(group.owner.shape, bool)
    regions = FaceRegions(faces, (picture.shape[1], picture.shape[0]))
    plates = []
    for index, animator in group.animators.items():
        x0, y0, x1, y1 = animator.box
        head[y0:y1, x0:x1] |= animator.layer.alpha >= 0.5
        plates.append((animator.box, wall_plate(picture, faces, index, animator), animator.layer.alpha > 0))
    near_head = near & head
    fronts = [index for index in range(2) if any(index in ahead for ahead in regions.ahead.values())]
    fringe = (lambda region: (region > 0) & (region < 1))(regions.region(fronts[0])) if fronts else None
    backs = [index for index in range(2) if regions.ahead.get(index)]
    torn_zone = None
    if backs and backs[0] in group.animators:
        back_head = np.zeros(picture.shape[:2], np.float32)
        x0, y0, x1, y1 = group.animators[backs[0]].box
        back_head[y0:y1, x0:x1] = group.animators[backs[0]].layer.alpha
        torn_zone = tear_zone(back_head, regions.region(backs[0]), float(front_measures(faces)[0][backs[0]]))
        off = 2 * HALO_OFF + 1
        halo_zone = torn_zone & ~(cv2.dilate((regions.region(1 - backs[0]) > 0).astype(np.uint8),
                                             np.ones((off, off), np.uint8)) > 0)
        chin_zone = wedge_zone(regions.region(backs[0]), regions.below_chin(backs[0]),
                               float(front_measures(faces)[0][backs[0]]))
        ahead = np.max([regions.region(front) for front in regions.ahead[backs[0]]], axis=0)
        still_zone = copy_zone(back_head, regions.region(backs[0]), ahead, float(front_measures(faces)[0][backs[0]]))
        fringe_zone = wisp_zone(back_head, regions.region(backs[0]), ahead, float(front_measures(faces)[0][backs[0]]),
                                regions.below_chin(backs[0]))

    def slivers(frame: np.ndarray) -> int:
        far = np.abs(frame.astype(np.int16) - picture).max(2) > 2 * PLATE
        plate_like = np.zeros_like(far)
        for (x0, y0, x1, y1), plate, hole in plates:
            close = np.abs(frame[y0:y1, x0:x1].astype(np.float32) - plate).max(2) <= PLATE
            plate_like[y0:y1, x0:x1] |= close & hole
        return int((near_head & far & plate_like).sum())

    def step_change(frame: np.ndarray, before: np.ndarray) -> np.ndarray:
        """(pairs,) int: how much each border pair's step changed from `before` to `frame`."""
        return np.abs(np.abs(frame[first].astype(np.int16) - frame[second]).max(1)
                      - np.abs(before[first].astype(np.int16) - before[second]).max(1))

    length = min([len(points) for points in targets.values()] + [args.frames or np.inf])
    names = ("baseline (source repeated)", "hard owner cut of these renders", "seamless (group_seam)")
    flicker = {name: [] for name in names}
    steps = {name: [] for name in names}
    first, second = border_pairs(group.owner)
    sliver = {name: [] for name in names}
    streak: dict[str, list[int]] = {name: [] for name in names}
    disturbed: dict[str, list[int]] = {name: [] for name in names}
    off_truth: dict[str, list[int]] = {name: [] for name in names}
    tear: dict[str, list[int]] = {name: [] for name in names}
    dark: dict[str, list[int]] = {name: [] for name in names}
    halo: dict[str, list[float]] = {name: [] for name in names}
    wedge: dict[str, list[int]] = {name: [] for name in names}
    copy: dict[str, list[int]] = {name: [] for name in names}
    wisp: dict[str, list[int]] = {name: [] for name in names}
    side: dict[str, list[int]] = {name: [] for name in names}
    front_alpha = np.zeros(picture.shape[:2], np.float32)
    if fronts:
        x0, y0, x1, y1 = group.animators[fronts[0]].box
        front_alpha[y0:y1, x0:x1] = group.animators[fronts[0]].layer.alpha
        if backs:
            side_zone, side_hair = hair_zone(front_alpha, regions.outside(fronts[0]), regions.below_chin(fronts[0]),
                                             regions.below_chin(backs[0]),
                                             float(front_measures(faces)[0][backs[0]]))
    previous: dict[str, np.ndarray] = {}
    previous_renders: dict[int, np.ndarray] = {}
    cpu = alone = 0.0
    for t in range(length):
        frame_targets = {index: points[t] for index, points in targets.items()}
        tick = time.process_time()
        seamless = group.render(frame_targets)
        cpu += time.process_time() - tick
        tick = time.process_time()
        renders = {index: group.animators[index].render(target) for index, target in frame_targets.items()}
        alone += time.process_time() - tick
        frames = dict(zip(names, (picture, hard_cut(picture, group.owner, renders), seamless)))
        if previous_renders:
            own_steps = np.max([step_change(renders[i], previous_renders[i]) for i in renders], axis=0)
            own = np.max([np.abs(renders[i].astype(np.int16) - previous_renders[i]).max(2) for i in renders], axis=0)
            for name, frame in frames.items():
                change = np.abs(frame.astype(np.int16) - previous[name]).max(2)
                flicker[name].append(int((band & (change - own > FLICKER)).sum()))
                steps[name].append(int((step_change(frame, previous[name]) - own_steps > FLICKER).sum()))
        below = picture.astype(np.float32) @ LUMA
        if fringe is not None and 1 - fronts[0] in renders:
            below = np.maximum(below, renders[1 - fronts[0]].astype(np.float32) @ LUMA)
        behind = [picture] + ([renders[1 - fronts[0]]] if fronts and 1 - fronts[0] in renders else [])
        drawn = np.zeros(picture.shape[:2], np.float32)
        if fronts and fronts[0] in renders:
            x0, y0, x1, y1 = group.animators[fronts[0]].box
            drawn[y0:y1, x0:x1] = group.animators[fronts[0]].drawn_alpha()
        left = np.zeros(picture.shape[:2], bool)  # where the back head's layer no longer lies
        back_drawn = np.zeros(picture.shape[:2], np.float32)
        if torn_zone is not None:
            x0, y0, x1, y1 = group.animators[backs[0]].box
            back_drawn[y0:y1, x0:x1] = group.animators[backs[0]].drawn_alpha()
            left = (back_drawn < 0.5) & still_zone
        for name, frame in frames.items():
            sliver[name].append(slivers(frame))
            off = np.min([np.abs(frame.astype(np.int16) - image).max(2) for image in behind], axis=0) > DISTURBED
            disturbed[name].append(int((untouched & (drawn < 0.5) & off).sum()))
            uncovered = (front_alpha >= 0.5) & (drawn < 0.5) if name != names[0] else np.zeros_like(untouched)
            truth = [hidden] + behind[1:]
            wrong = np.min([np.abs(frame.astype(np.int16) - image).max(2) for image in truth], axis=0) > DISTURBED
            off_truth[name].append(int((uncovered & wrong).sum()))
            if torn_zone is not None:
                tear[name].append(int(back_tear(frame, picture, torn_zone).sum()))
                dark[name].append(int(back_tear(frame, picture, torn_zone, darker=True).sum()))
                halo[name].append(float(halo_line(frame, picture, halo_zone).sum()))
                wedge[name].append(int(chin_wedge(frame, picture, chin_zone).sum()))
                copy[name].append(int(still_copy(frame, picture, still_zone, left).sum()) if name != names[0] else 0)
                wisp[name].append(int(still_wisp(frame, picture, fringe_zone, back_head,
                                                 back_drawn if name != names[0] else back_head).sum()))
                side[name].append(int(side_hair_copy(frame, picture, side_zone, side_hair,
                                                     drawn if name != names[0] else front_alpha).sum()))
            if fringe is not None:
                streak[name].append(int((fringe & (frame.astype(np.float32) @ LUMA - below > STREAK)).sum()))
        previous, previous_renders = frames, renders

    print(f"machine: {platform.processor() or platform.machine()}, {platform.system()}; "
          f"date {time.strftime('%Y-%m-%d')}; command: bench/face_seam.py --portraits {args.portraits} "
          f"--motions {args.motions} --height {args.height}" + (f" --driving {args.driving}" if args.driving else "")
          + (f" --frames {args.frames}" if args.frames else ""))
    sizes = [round(float(s)) for s in front_measures(faces)[0]]
    print(f"picture {picture.shape[1]}x{picture.shape[0]}, face sizes {sizes} px; {length} frames; "
          f"{len(first[0])} pixel pairs across the border; seam band {int(band.sum())} px, sliver zone "
          f"(head in the source) {int(near_head.sum())} px")
    print("| composite | seam step flicker pairs/frame (mean, max) | excess change px/frame (mean, max) "
          "| sliver px/frame (mean, max) | light streak px/frame (mean, max) "
          "| back portrait disturbed px/frame (mean, max) | uncovered off the truth px/frame (mean, max) "
          "| back tear px/frame (mean, max) | back dark tear px/frame (mean, max) "
          "| halo line grey levels/frame (mean, max) | chin wedge px/frame (mean, max) "
          "| still copy px/frame (mean, max) | still wisp px/frame (mean, max) | side hair copy px/frame (mean, max) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in names:
        lit = f"{np.mean(streak[name]):.0f}, {max(streak[name])}" if streak[name] else "no front face"
        torn = (f"{np.mean(tear[name]):.0f}, {max(tear[name])} | {np.mean(dark[name]):.0f}, {max(dark[name])} | "
                f"{np.mean(halo[name]):.0f}, {max(halo[name]):.0f} | {np.mean(wedge[name]):.0f}, {max(wedge[name])} | "
                f"{np.mean(copy[name]):.0f}, {max(copy[name])} | {np.mean(wisp[name]):.0f}, {max(wisp[name])} | "
                f"{np.mean(side[name]):.0f}, {max(side[name])}"
                if tear[name] and side[name] else " | ".join(["back face still"] * 7))
        print(f"| {name} | {np.mean(steps[name]):.0f}, {max(steps[name])} | "
              f"{np.mean(flicker[name]):.0f}, {max(flicker[name])} | "
              f"{np.mean(sliver[name]):.0f}, {max(sliver[name])} | {lit} | "
              f"{np.mean(disturbed[name]):.0f}, {max(disturbed[name])} | "
              f"{np.mean(off_truth[name]):.0f}, {max(off_truth[name])} | {torn} |")
    print(f"FaceGroup.render, seamless: {1000 * cpu / length:.0f} ms CPU/frame; the faces' renders alone "
          f"(all the hard cut needs): {1000 * alone / length:.0f} ms CPU/frame")


if __name__ == "__main__":
    main()
