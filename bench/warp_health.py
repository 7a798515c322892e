"""Warp health of the mesh engine on the hard presets: preset:turn and preset:laugh on every portrait.

For each portrait of ../shared/data and the public-domain astronaut and grace_hopper, each preset (--seconds
long, retargeted as `facereel animate` does, no smoothing so the extremes are reached) is rendered in
memory and per frame `MeshAnimator.warp_health` (share of head pixels whose warp folds or stretches > 4x),
`.face_holes` (share of the face where the plate shows through: dark or torn holes) and `.unseen_share`
(share of the face drawn by triangles the photo shows from behind: ghost features) and `.neck_stretch`
(how far the visible neck's texture is stretched: the smeared band under a raised chin) read, and from the
frame `artefact_scores.ArtefactScores`'s dark lines (share of the skin on a dark line: slashes), hair
streaks (share of the hair stretched > 2.5x) and plate halo (grey levels between the uncovered plate and
the background beside the head). The do-nothing baseline (the source repeated) has warp health 0, neck
stretch 1 and no plate shown by definition; the last column renders the source's own landmarks as the
target (the source exactly: its dark lines are the photo's own). To compare with
another version of the engine, run this script with that version's `src` first on PYTHONPATH.

Run: PYTHONPATH=src .venv/bin/python bench/warp_health.py [--seconds 4] [--presets turn,laugh]
     [--portraits astronaut,sr_8] [--hanging-hair] [--ring-slide] [--face-slide 0] [--no-inner-undo] [--causes]
     [--worst] [--at-512]
--at-512 scales each portrait (and its landmarks, tracked on the photo) to 512 px on its longer side, as
`facereel animate --size 512` does.
Prints a Markdown table: per portrait and preset, max / mean (/ frames > 0 for the health, frames > 1.5
for the neck stretch). The halo's mean is over the frames where the head uncovers some plate (its figure > 0).
--causes prints instead the health's flagged samples summed over the preset's frames, by cause
(`figures.health_causes`: hair rings turned over, ...; the geometry only, `map_frame`), of them those on the nose's
and upper lip's turned-over triangles (`health_causes.turned_over_on`, `hidden_nose.nose_and_lip`), and the hair turned
unevenly (`figures.hair_turn`, deg; the source repeated reads 0), the warp health max / mean over the frames and the
share of the samples drawn from the photo's top band that it flags (`figures.cut_top`: hair cut by the photo's top
stretched; the source repeated reads 0) and the share of the samples on the far cheek's unfolded band and the cheek
laid out with it that it flags (`figures.far_band`; the source repeated reads 0) and the share on the rings' fade
band's triangles that it flags (`figures.fade_band`: its slivers stretched; the source repeated reads 0), and the CPU
time (`time.process_time`, ms a frame: the first frame, then mean / max over the rest) of `map_frame` and, of it, of the fade band's layout
(`MeshAnimator._spread_fade_band`, timed round each call: its added cost, as the band drawn by its own maps skips it).
--worst prints instead, per portrait and preset, the warp health with the source's own landmarks as the target (the
source repeated: 0), the frame of the largest, max / mean over the frames, and that frame's flagged samples by cause
(`figures.health_causes`; the geometry only, `map_frame`): which cause makes each portrait's max.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import imageio.v3 as iio
import numpy as np

from facereel.animate.inputs import Source
from facereel.animate.run import resize_source
from facereel.engines.mesh import MeshAnimator, MeshOptions
from facereel.engines.mesh.figures.artefact_scores import ArtefactScores
from facereel.engines.mesh.figures.cut_top import cut_top_share
from facereel.engines.mesh.figures.fade_band import fade_band_share
from facereel.engines.mesh.figures.far_band import far_band_share
from facereel.engines.mesh.figures.hair_turn import uneven_hair_turn
from facereel.engines.mesh.figures.health_causes import CAUSES, health_causes, turned_over_on
from facereel.engines.mesh.geometry.hidden_nose import nose_and_lip
from facereel.engines.mesh.geometry.mesh_topology import face_triangles
from facereel.face.tracking import track_image
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def portraits() -> list[tuple[str, np.ndarray]]:
    """(name, (H, W, 3) uint8 RGB): the built-in public-domain faces, then ../shared/data's portraits."""
    import skimage.data
    from matplotlib import cbook

    grace = iio.imread(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))[..., :3]
    found = [("astronaut", skimage.data.astronaut()), ("grace_hopper", grace)]
    for path in sorted((SHARED / "portraits").glob("*")) if SHARED.is_dir() else []:
        found.append((path.stem, iio.imread(path)[..., :3]))
    return [(name, np.ascontiguousarray(image)) for name, image in found]


def tracked(image: np.ndarray, size: int | None) -> tuple[np.ndarray, np.ndarray]:
    """(h, w, 3) uint8 and (478, 3) px: `image` and its landmarks (tracked on it), both scaled so the longer side
    is `size` px as `facereel animate --size` does (`resize_source`; None: as they are)."""
    source = resize_source(Source(image, track_image(image).landmarks[0]), size)
    return source.image, source.landmarks


def health(image: np.ndarray, preset: str, seconds: float, options: MeshOptions | None = None,
           size: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(T, 7) per frame of `preset` on `image` (at `size`, `tracked`): warp health, face holes, unseen share
    (`MeshAnimator.warp_health`, `.face_holes`, `.unseen_share`), dark lines, hair streaks, plate halo
    (`ArtefactScores`), neck stretch (`.neck_stretch`), and (7,) the same for the source's own landmarks as
    the target (the do-nothing baseline's pose)."""
    image, lm = tracked(image, size)
    animator = MeshAnimator(image, lm, options)
    scores = ArtefactScores(animator)

    def figures(target: np.ndarray) -> list[float]:
        frame = animator.render(target)
        return [animator.warp_health, animator.face_holes, animator.unseen_share, scores.dark_lines(frame),
                scores.hair_streaks(), scores.plate_halo(frame), animator.neck_stretch]

    targets = retarget(lm, preset_motion(preset, seconds), RetargetOptions(smoothing=None, translate=True))
    return np.array([figures(t) for t in targets]), np.array(figures(lm))


@contextlib.contextmanager
def fade_band_clock() -> Iterator[list[float]]:
    """A list that collects the CPU seconds (`time.process_time`) of each `MeshAnimator._spread_fade_band` call made
    within the block (the method is wrapped for the block's length, then put back)."""
    spent: list[float] = []
    layout = MeshAnimator._spread_fade_band

    def timed(self: MeshAnimator, reads: np.ndarray, triangles: np.ndarray) -> np.ndarray:
        start = time.process_time()
        laid = layout(self, reads, triangles)
        spent.append(time.process_time() - start)
        return laid

    MeshAnimator._spread_fade_band = timed
    try:
        yield spent
    finally:
        MeshAnimator._spread_fade_band = layout


def causes(image: np.ndarray, preset: str, seconds: float, options: MeshOptions | None = None,
           size: int | None = None) -> tuple[np.ndarray, ...]:
    """(T, len(CAUSES) + 1) int: `health_causes` of each frame of `preset` on `image` (at `size`, `tracked`), then
    the samples on the nose's and upper lip's turned-over triangles (`turned_over_on`); (T,) deg: each frame's
    `hair_turn.uneven_hair_turn`; (T,) each frame's `MeshAnimator.warp_health`; (T,) each frame's
    `cut_top.cut_top_share` (the hair cut by the photo's top); (T,) each frame's `far_band.far_band_share`; (T,) each
    frame's `fade_band.fade_band_share`; (T,) each frame's `map_frame` CPU seconds; (T,) of them its fade band's
    (`fade_band_clock`)."""
    image, lm = tracked(image, size)
    animator = MeshAnimator(image, lm, options)
    nose = np.concatenate([np.zeros(animator._num_ring_tris, bool), nose_and_lip(face_triangles())])
    counts, uneven, health, top, band, fade, spent, fade_spent = [], [], [], [], [], [], [], []
    for target in retarget(lm, preset_motion(preset, seconds), RetargetOptions(smoothing=None, translate=True)):
        with fade_band_clock() as clock:
            start = time.process_time()
            animator.map_frame(target)
            spent.append(time.process_time() - start)
        fade_spent.append(sum(clock))
        counts.append(np.append(health_causes(animator), turned_over_on(animator, nose)))
        uneven.append(uneven_hair_turn(animator))
        health.append(animator.warp_health)
        top.append(cut_top_share(animator))
        band.append(far_band_share(animator))
        fade.append(fade_band_share(animator))
    return tuple(np.array(v) for v in (counts, uneven, health, top, band, fade, spent, fade_spent))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--seconds, --portraits, --hanging-hair, --ring-slide, --face-slide and --no-inner-undo (read by
    `mesh_options`), shared with bench/head_edges.py."""
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--portraits", default=None, help="these portraits only (names, e.g. astronaut,sr_8)")
    parser.add_argument("--hanging-hair", action="store_true", help="MeshOptions(hanging_hair=True)")
    parser.add_argument("--ring-slide", action="store_true", help="MeshOptions(ring_slide=True)")
    parser.add_argument("--face-slide", type=float, default=None,
                        help="MeshOptions(face_slide=SHARE); 0: the engine before it was on by default")
    parser.add_argument("--no-inner-undo", dest="inner_undo", action="store_false",
                        help="MeshOptions(inner_undo=False): the engine before the inner rounds' moves were undone")


def mesh_options(args: argparse.Namespace) -> MeshOptions | None:
    """The engine's options that `add_arguments`' flags ask for (None: the defaults)."""
    asked = args.hanging_hair or args.ring_slide or args.face_slide is not None or not args.inner_undo
    slide = MeshOptions().face_slide if args.face_slide is None else args.face_slide
    return MeshOptions(ring_slide=args.ring_slide, face_slide=slide, inner_undo=args.inner_undo) if asked else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    parser.add_argument("--presets", default="turn,laugh")
    parser.add_argument("--causes", action="store_true", help="the health's flagged samples by cause")
    parser.add_argument("--worst", action="store_true", help="each portrait's worst frame and its flagged samples by cause")
    parser.add_argument("--at-512", dest="size", action="store_const", const=512, default=None,
                        help="each portrait at 512 px on its longer side (`facereel animate --size 512`)")
    args = parser.parse_args()
    presets = args.presets.split(",")
    if args.causes or args.worst:
        (print_worst if args.worst else print_causes)(args, presets)
        return
    heads = [f"{p}: health max / mean / frames > 0 | {p}: face holes max / mean | {p}: unseen share max / mean"
             f" | {p}: dark lines max / mean | {p}: hair streaks max / mean | {p}: halo max / mean"
             f" | {p}: neck stretch max / mean / frames > 1.5" for p in presets]
    print("| portrait | " + " | ".join(heads) + " | source as target: health / holes / unseen / lines / neck |")
    print("|---|" + "---|---|---|---|---|---|---|" * len(presets) + "---|")
    for name, image in portraits():
        if args.portraits is not None and name not in args.portraits.split(","):
            continue
        cells = []
        for preset in presets:
            h, still = health(image, preset, args.seconds, mesh_options(args), args.size)
            cells.append(f"{h[:, 0].max():.3f} / {h[:, 0].mean():.4f} / {int((h[:, 0] > 0).sum())} of {len(h)}")
            cells += [f"{h[:, k].max():.3f} / {h[:, k].mean():.4f}" for k in (1, 2, 3, 4)]
            halo = h[h[:, 5] > 0, 5]
            cells.append(f"{halo.max():.1f} / {halo.mean():.1f}" if len(halo) else "-")
            cells.append(f"{h[:, 6].max():.2f} / {h[:, 6].mean():.3f} / {int((h[:, 6] > 1.5).sum())} of {len(h)}")
        cells.append(" / ".join(f"{v:.3f}" for v in (*still[:4], still[6])))
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def print_causes(args: argparse.Namespace, presets: list[str]) -> None:
    """The --causes table: per portrait and preset, the flagged samples summed over the frames by cause, the
    hair turned unevenly (deg), the warp health, the hair cut by the photo's top (`cut_top_share`), the far band
    (`far_band_share`) and the rings' fade band (`fade_band_share`) max / mean
    over the frames, and `map_frame`'s and its fade band's CPU ms on the first frame (its lazy set-ups) and a frame
    over the rest, mean / max."""
    print("| portrait | preset | " + " | ".join(CAUSES) + " | of them nose and upper lip turned over"
          " | hair turned unevenly max / mean | health max / mean | cut top max / mean | far band max / mean"
          " | fade band max / mean | map_frame CPU ms first; mean / max | of it the fade band's first; mean / max |")
    print("|---|---|" + "---|" * (len(CAUSES) + 8))
    for name, image in portraits():
        if args.portraits is None or name in args.portraits.split(","):
            for preset in presets:
                counts, uneven, health, top, band, fade, spent, fade_spent = causes(
                    image, preset, args.seconds, mesh_options(args), args.size)
                print(f"| {name} | {preset} | " + " | ".join(str(int(c)) for c in counts.sum(0))
                      + f" | {uneven.max():.2f} / {uneven.mean():.2f} | {health.max():.4f} / {health.mean():.4f}"
                      f" | {top.max():.3f} / {top.mean():.4f} | {band.max():.3f} / {band.mean():.4f}"
                      f" | {fade.max():.3f} / {fade.mean():.4f}"
                      f" | {_cost(spent, 0)} | {_cost(fade_spent, 1)} |", flush=True)


def print_worst(args: argparse.Namespace, presets: list[str]) -> None:
    """The --worst table: per portrait and preset, the warp health of the source repeated (its own landmarks as the
    target), the frame of the largest, max / mean over the frames, and that frame's flagged samples by cause."""
    print("| portrait | preset | source repeated | worst frame | health max / mean | at the worst frame: "
          + " | ".join(CAUSES) + " |")
    print("|---|---|---|---|---|" + "---|" * len(CAUSES))
    for name, image in portraits():
        if args.portraits is None or name in args.portraits.split(","):
            for preset in presets:
                counts, _, health, *_ = causes(image, preset, args.seconds, mesh_options(args), args.size)
                still = repeated_health(image, mesh_options(args), args.size)
                worst = int(health.argmax())
                print(f"| {name} | {preset} | {still:.4f} | {worst} | {health.max():.4f} / {health.mean():.4f} | "
                      + " | ".join(str(int(c)) for c in counts[worst, :len(CAUSES)]) + " |", flush=True)


def repeated_health(image: np.ndarray, options: MeshOptions | None = None, size: int | None = None) -> float:
    """`MeshAnimator.warp_health` of the map with `image`'s own landmarks as the target (at `size`, `tracked`): the
    source repeated."""
    image, lm = tracked(image, size)
    animator = MeshAnimator(image, lm, options)
    animator.map_frame(lm)
    return animator.warp_health


def _cost(seconds: np.ndarray, digits: int) -> str:
    """'first; mean / max' ms of per-frame CPU `seconds` ((T,), T > 1): the first frame apart (its lazy set-ups)."""
    ms = 1e3 * seconds
    return f"{ms[0]:.{digits}f}; {ms[1:].mean():.{digits}f} / {ms[1:].max():.{digits}f}"


if __name__ == "__main__":
    main()
