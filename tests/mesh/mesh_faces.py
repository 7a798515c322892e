"""Real faces for the mesh-engine tests: landmarks of an image, and the shared portraits (module-named so
test files can import it; `conftest` names clash across test folders)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
import copy
import functools
import hashlib
from itertools import islice
from pathlib import Path

import numpy as np
import pytest

from facereel.animate.edit import StillEditor
from facereel.animate.inputs import Source, load_source
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.animate.run import resize_source
from facereel.engines.mesh import animator as animator_module
from facereel.engines.mesh import driven
from facereel.engines.mesh.animator import MeshAnimator, MeshOptions
from facereel.engines.mesh.choose_engine import mesh_animator
from facereel.engines.mesh.composite import face_size, grey_image
from facereel.engines.mesh.driven import DrivenFrame, DrivenPortrait
from facereel.engines.mesh.figures.black_slot import teeth_light
from facereel.engines.mesh.figures.mauve_mouth import bluer_share
from facereel.engines.mesh.figures.teeth_streaks import at_width
from facereel.engines.mesh.open_mouth.mouth_shape import mouth_gap
from facereel.engines.mesh.stream_video import drive_frames, track_driver
from facereel.errors import InputError
from facereel.face.tracking import track_image
from facereel.media.video import open_video
from facereel.motion.presets import preset_motion
from facereel.motion.retarget import RetargetOptions, retarget

PORTRAITS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "portraits"


def landmarks(image: np.ndarray) -> np.ndarray | None:
    """(478, 3) float32 landmarks of the face in `image` (image px), or None when none is found."""
    try:
        return track_image(image).landmarks[0]
    except InputError:
        return None


def portrait(name: str) -> tuple[np.ndarray, np.ndarray]:
    """A shared test portrait and its landmarks; skips when the data set is absent. Read and tracked once per
    session (~30 test files ask for the same few portraits); each call gets its own copies."""
    image, lm = _tracked_portrait(name)
    return image.copy(), lm.copy()


@functools.cache
def _tracked_portrait(name: str) -> tuple[np.ndarray, np.ndarray]:
    """`portrait`'s image and landmarks, cached (a skip is not cached: it raises)."""
    import imageio.v3 as iio

    path = next(iter(sorted(PORTRAITS.glob(f"{name}.*"))), None) if PORTRAITS.is_dir() else None
    if path is None:
        pytest.skip(f"{PORTRAITS}/{name}.* not present")
    image = np.ascontiguousarray(iio.imread(path)[..., :3])
    lm = landmarks(image)
    if lm is None:
        pytest.skip(f"no face found in {path}")
    return image, lm


def shared_animator(name: str, options: MeshOptions | None = None) -> MeshAnimator:
    """A `MeshAnimator` of the shared portrait `name` (as `portrait` gives it) with `options`, before its first
    frame (`set_up_copy`)."""
    return set_up_copy(*_tracked_portrait(name), options)


def set_up_copy(image: np.ndarray, lm: np.ndarray, options: MeshOptions | None = None) -> MeshAnimator:
    """`MeshAnimator(image, lm, options)` ((H, W, 3) uint8, (478, 3) px) before its first frame: set up once per
    session for these pixels, landmarks and options (the set-up is most of a look test's cost: lp_s1 ~5 CPU s, a
    frame ~0.1), a deep copy per call, whose frames equal a fresh animator's bit for bit
    (tests/mesh/test_shared_animator.py). Shared within one test file only (`forget_set_ups`: which files share a
    pytest-xdist worker varies from run to run) and keyed by the animator module's names too (a test patching one
    there, as test_soft_ends' `turn_swing` patches `find_pendants`, gets its own); a patch elsewhere that reaches
    the set-up needs its own `MeshAnimator`."""
    options = options or MeshOptions()
    key = (_content(image), _content(lm), options, _animator_names())
    set_up = _SET_UPS.pop(key, None)
    if set_up is None:
        set_up = MeshAnimator(image.copy(), lm.copy(), options)
    _SET_UPS[key] = set_up  # the last used last
    if len(_SET_UPS) > 6:  # the last 6 used: a full-size one is ~170 MB, lp_s1's 1145 px
        del _SET_UPS[next(iter(_SET_UPS))]
    return copy.deepcopy(set_up)


_SET_UPS: dict[tuple, MeshAnimator] = {}
"""`set_up_copy`'s set-ups by content (`_content` of image and landmarks) and options, least recently used first."""


def forget_set_ups() -> None:
    """Drop every shared set-up (`set_up_copy`): tests/mesh/conftest.py does it before each test file."""
    _SET_UPS.clear()


def _animator_names() -> tuple[tuple[str, int], ...]:
    """What each name in the animator module is bound to (name, object id): changed by a test's monkeypatch there."""
    return tuple((name, id(value)) for name, value in vars(animator_module).items())


def _content(array: np.ndarray) -> tuple:
    """A key for `array`'s content: its shape, dtype and the SHA-1 of its bytes."""
    return array.shape, array.dtype.str, hashlib.sha1(np.ascontiguousarray(array).tobytes()).hexdigest()


def turned_frames(image: np.ndarray, lm: np.ndarray, frames: range
                  ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """A portrait ((H, W, 3) uint8, landmarks (478, 3) px) x preset:turn (2 s, as `facereel animate -d preset:turn`
    retargets it) with the default options: the source's head alpha on the image's grid ((H, W) float32) and, for
    each of `frames`, the frame and the head alpha as drawn on that grid."""
    animator = set_up_copy(image, lm, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = animator.box

    def on_image(alpha: np.ndarray) -> np.ndarray:
        whole = np.zeros(image.shape[:2], np.float32)
        whole[y0:y1, x0:x1] = alpha
        return whole

    source = on_image(animator.mask.alpha)
    targets = retarget(lm, preset_motion("turn", 2.0), RetargetOptions().for_engine("mesh"))
    drawn = []
    for k in frames:
        frame = animator.render(targets[k])
        drawn.append((frame, on_image(animator.drawn_alpha())))
    return source, drawn


def grace_hopper_512() -> Source:
    """matplotlib's sample grace_hopper.jpg, tracked and resized to 512 px as `facereel animate --size 512` does."""
    from matplotlib import cbook

    return resize_source(load_source(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)), 512)


WALL, NECK = (150, 320, 165, 340), (192, 330, 205, 345)
"""x0, y0, x1, y1 px of lp_s1 at 512: boxes of the photo's white wall left of her neck and of her neck below the chin,
whose median greys the wall / neck figures read against (`figures.neck_wall_mix`, `figures.neck_strip`)."""


def turned_reads(image: np.ndarray, lm: np.ndarray, frames: range,
                 read: Callable[[np.ndarray, np.ndarray, tuple[int, int, int, int], float, float], float],
                 box: tuple[int, int, int, int]) -> tuple[float, list[float]]:
    """`read(frame, alpha, box, wall, neck)` of lp_s1 at 512 (`image`, landmarks `lm`) on the source (its own head
    alpha) and on each of `frames` of preset:turn (`turned_frames`, the drawn alpha), `wall` and `neck` the median
    greys of `WALL` and `NECK` on the photo."""
    source, drawn = turned_frames(image, lm, frames)
    grey = grey_image(image)
    wall, neck = (float(np.median(grey[b:d, a:c])) for a, b, c, d in (WALL, NECK))
    return read(image, source, box, wall, neck), [read(frame, alpha, box, wall, neck) for frame, alpha in drawn]


def scaled_portrait(name: str, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """A shared test portrait resized by `scale` (area interpolation) and its landmarks tracked again."""
    import cv2

    image, _ = portrait(name)
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    lm = landmarks(image)
    assert lm is not None, f"no face found in {name} at {scale}"
    return image, lm


def beside_lower_oval(lm: np.ndarray, distance: float) -> np.ndarray:
    """(25, 2) int32 px: the lower face oval of landmarks `lm` ((478, 2+) px; `figures.jaw_wisps.LOWER`) moved out
    from its centre by `distance` face sizes (`composite.face_size`), where a drawn line reads as a wisp."""
    from facereel.engines.mesh.composite import face_size
    from facereel.engines.mesh.figures.jaw_wisps import LOWER

    jaw = lm[list(LOWER), :2]
    out = jaw - jaw.mean(0)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return np.round(jaw + distance * face_size(lm) * out).astype(np.int32)


def fill_unfolded_as_unseen(patch: pytest.MonkeyPatch) -> None:
    """Patch `warp._fill_around` so the band a turned photo folds under its far silhouette, turned back into view
    (`MeshWarp.displacement`'s `unfolded`), keeps the other unseen triangles' fill (the displacement from every
    pixel around it, the rings beyond the face too), not pulled onto the photo's skin (`unfolded_fill.SkinEdge`),
    drawn unblurred (`unfolded_fill.smooth_rows`, h23-s12streaks), not laid out with the seen cheek (`spread_off`): the
    engine before h16-sr18tear."""
    from facereel.engines.mesh import animator
    from facereel.engines.mesh.geometry import warp
    from facereel.engines.mesh.head_edge.unfolded_fill import SkinEdge

    fill = warp._fill_around

    def displacements_only(coarse: np.ndarray, hole: np.ndarray, known, grid=None) -> None:
        if grid is None:
            fill(coarse, hole, known)

    patch.setattr(warp, "_fill_around", displacements_only)
    patch.setattr(SkinEdge, "pull", lambda self, points: points)
    patch.setattr(animator, "smooth_rows", lambda *args: None)
    spread_off(patch)


def spread_off(patch: pytest.MonkeyPatch) -> None:
    """Patch `MeshAnimator._spread_band` so the unfolded band keeps its fill, not laid out again with the seen cheek
    beside it (`unfolded_fill.spread_band`): the engine before h29-farshear."""
    from facereel.engines.mesh.animator import MeshAnimator

    patch.setattr(MeshAnimator, "_spread_band", lambda self, reads, band, triangles: reads)


def fade_band_off(patch: pytest.MonkeyPatch) -> None:
    """Patch `MeshAnimator._spread_fade_band` so the rings' fade band is drawn by its triangles' own maps, not laid
    out again where they stretch (`fade_band.spread_fade_band`): the engine before h30-health."""
    from facereel.engines.mesh.animator import MeshAnimator

    patch.setattr(MeshAnimator, "_spread_fade_band", lambda self, reads, triangles: reads)


def wall_fringe_off(patch: pytest.MonkeyPatch) -> None:
    """Patch `layers.wall_fringe` so no pixel of the ears' strips is taken as the wall the head mask's fringe holds
    (`ear_matte.wall_fringe`): the engine before h41-crescent (only the strips' soft edge matted)."""
    from facereel.engines.mesh import layers

    patch.setattr(layers, "wall_fringe", lambda source, fill, alpha, *_: np.zeros(alpha.shape, bool))


def near_bare_off(patch: pytest.MonkeyPatch) -> None:
    """Patch `near_bare.region` so nothing behind a near ear is laid with the background (`neck_layer.near_bare`):
    the plate there as before h48-sr18ear (the body's fill and the neck's tone, lit behind sr_18's turned near ear)."""
    from facereel.engines.mesh.neck_layer import near_bare

    patch.setattr(near_bare, "region", lambda *_: None)


def pale_head_on_wall(edge: tuple[int, int], soft: float = 0.0
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`head_halo.skin_rim`'s inputs for a pale head (200, x < 40) over a dark wall (100, its fill) whose photo's edge
    pixels x 40 and 41 read `edge`: (crop (40, 80, 3) uint8, fill (40, 80, 3) float32, alpha (40, 80) float32: 1 up
    to x 40 and `soft` at x 40 (the mask's soft edge; 0: none), hole (40, 80) uint8: the whole crop, person (40, 80)
    float32: where the alpha is above 0)."""
    crop = np.full((40, 80, 3), 100, np.uint8)
    crop[:, :40] = 200
    crop[:, 40], crop[:, 41] = edge
    fill = np.full(crop.shape, 100.0, np.float32)
    alpha = np.zeros((40, 80), np.float32)
    alpha[:, :40] = 1
    alpha[:, 40] = soft
    hole = np.ones((40, 80), np.uint8)
    return crop, fill, alpha, hole, (alpha > 0).astype(np.float32)


def clay_on_wall(shape: tuple[int, int], head: slice) -> np.ndarray:
    """(h, w, 3) uint8 RGB of `shape`: a statue's clay (155, 117, 92) over the columns `head` on a white wall
    (236, 237, 233), lp_s6's colours."""
    photo = np.empty((*shape, 3), np.uint8)
    photo[:] = (236, 237, 233)
    photo[:, head] = (155, 117, 92)
    return photo


def moved_statue(person: slice, mark: tuple[slice, int], shift: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A 40 x 60 `clay_on_wall` photo, its clay head (alpha 1) over x 10-39, the person over the columns `person`, a
    grey mark (columns, grey level) on it, and a frame with the head drawn moved `shift` px along the rows and the
    wall where it was: photo and frame (h, w, 3) uint8 RGB, the head alpha, person and drawn alpha (h, w) float32."""
    photo = clay_on_wall((40, 60), slice(10, 40))
    photo[:, mark[0]] = mark[1]
    alpha = np.zeros((40, 60), np.float32)
    alpha[:, 10:40] = 1
    people = np.zeros((40, 60), np.float32)
    people[:, person] = 1
    drawn = np.zeros((40, 60), np.float32)
    drawn[:, 10 + shift:40 + shift] = 1
    frame = photo.copy()
    frame[:, 10:40] = photo[0, 0]
    frame[:, 10 + shift:40 + shift] = photo[:, 10:40]
    return photo, alpha, people, drawn, frame


def shaken_statue(shared_data: Path, shown: tuple[int, ...]
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, list[tuple[np.ndarray, np.ndarray]]]:
    """lp_s6 at 384 px x lp_d12 from frame 140 as `facereel animate` draws it: the photo on the engine's crop
    ((h, w, 3) uint8 RGB), its head alpha and person mask ((h, w) float32 each), the face size (px) and, for the frames
    `shown` (from 0 at 140), the frame on the crop and the drawn head alpha there."""
    source = resize_source(load_source(shared_data / "portraits" / "lp_s6.jpg"), 384)
    engine = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = engine.box
    drawn = []
    for k, target in enumerate(driven_targets(source, shared_data / "driving" / "lp_d12.mp4", 140, max(shown) + 1)):
        frame = engine.draw(engine.map_frame(target))
        if k in shown:
            drawn.append((frame[y0:y1, x0:x1], engine.drawn_alpha()))
    return (source.image[y0:y1, x0:x1], engine.layer.alpha, engine.mask.person, face_size(source.landmarks),
            drawn)


def streamed_targets(shared_data: Path, photo: str, driver: str, count: int, size: int | None = 512, first: int = 0
                     ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """The shared portrait `photo` (its file name) at `size` px (None: its own; image, landmarks (478, 3) px) and its
    targets for the shared driving video `driver`'s (no suffix) frames `first` to `count` - 1 (the clip cut there, its
    frame `first` the first), as `facereel animate` drives them (streamed)."""
    source = resize_source(load_source(shared_data / "portraits" / photo), size)
    return source.image, source.landmarks, driven_targets(source, shared_data / "driving" / f"{driver}.mp4", first,
                                                          count - first)


def driven_targets(source: Source, driver: Path, start: int, count: int) -> list[np.ndarray]:
    """(478, 3) px targets of `source` for `count` frames of the driving video `driver` from frame `start` (the
    driver cut there: its first frame is the reference), as `facereel animate` drives them (streamed)."""
    return [f.target for f in driven_frames(source, driver, start, count, False)]


def driven_frames(source: Source, driver: Path, start: int, count: int, mouth: bool = True) -> list[DrivenFrame]:
    """`driven_targets`' frames in full: each target with the driver's frame for its mouth interior (`mouth`: kept
    where its face was found, as `facereel animate` streams a driving video with `--mouth driver`). The
    `DrivenPortrait`'s engine is not set up (its `drive` retargets without it; the set-up was most of this call's
    cost, ~5 CPU s for sr_18 at its own size): the same targets, bit for bit."""
    options = AnimateOptions()
    with open_video(driver) as video, pytest.MonkeyPatch.context() as patch:
        patch.setattr(driven, "mesh_animator", lambda *args, **kwargs: None)
        portrait = DrivenPortrait(source.image, source.landmarks, options.retarget, video.fps, mesh_options(options))
        frames = list(islice(video.frames(fps=video.fps), start, start + count))
    return list(drive_frames(track_driver(iter(frames), None, False, keep_image=mouth), portrait))


def drawn_on_image(source: Source, targets: list[np.ndarray], keep: tuple[int, ...]
                   ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """The photo's head alpha ((H, W) float32 on the whole image, 0 off the crop box) and, for the `keep` frames of
    `targets` (all mapped in order), the frame ((H, W, 3) uint8 RGB) and its drawn head alpha, drawn by the engine
    `facereel animate` sets up for `source` (no body)."""
    animator = mesh_animator(source.image, source.landmarks, mesh_options(AnimateOptions()))
    x0, y0, x1, y1 = animator.box
    alpha = np.zeros(source.image.shape[:2], np.float32)
    alpha[y0:y1, x0:x1] = animator.layer.alpha
    photo_alpha, drawn = alpha.copy(), []
    for k, target in enumerate(targets):
        frame = animator.map_frame(target)
        if k in keep:
            pixels = animator.draw(frame)
            alpha[y0:y1, x0:x1] = animator.drawn_alpha()
            drawn.append((pixels, alpha.copy()))
    return photo_alpha, drawn


def body_portrait(source: Source, fps: float) -> DrivenPortrait:
    """`source` set up as `facereel animate --body` sets it up for a driver of `fps` frames a second."""
    options = AnimateOptions(body=True)
    return DrivenPortrait(source.image, source.landmarks, options.retarget, fps, mesh_options(options), body=True)


def body_drawn(source: Source, frames: list[np.ndarray], fps: float,
               keep: tuple[int, ...]) -> list[tuple[np.ndarray, np.ndarray]]:
    """The photo and its head alpha ((H, W) float32, 0 off the crop box), then each of the `keep` frames of `frames`
    (the driver's, all driven and mapped in order) drawn as `facereel animate --body` draws it, with its drawn head
    alpha."""
    portrait = body_portrait(source, fps)
    animator = portrait.animator
    x0, y0, x1, y1 = animator.box
    alpha = np.zeros(source.image.shape[:2], np.float32)
    alpha[y0:y1, x0:x1] = animator.layer.alpha
    out = [(source.image, alpha.copy())]
    for k, step in enumerate(drive_frames(track_driver(iter(frames), None, True), portrait)):
        frame = animator.map_frame(step.target)
        if k in keep:
            pixels = animator.draw(frame, step.torso, step.driver)
            alpha[y0:y1, x0:x1] = animator.drawn_alpha()
            out.append((pixels, alpha.copy()))
    return out


def still_editor(name: str, size: int = 512) -> tuple[StillEditor, Source, np.ndarray]:
    """The shared portrait `name` as `facereel edit --size` makes it: its `StillEditor`, the resized source and the
    photo's head alpha ((H, W) float32 on the whole image, `HeadLayer.alpha`; 0 outside the crop box)."""
    image, lm = portrait(name)
    source = resize_source(Source(image=image, landmarks=lm), size)
    editor = StillEditor(source)
    return editor, source, whole_image(editor, editor.animator.layer.alpha)


def whole_image(editor: StillEditor, crop: np.ndarray) -> np.ndarray:
    """(H, W) float32: `crop` ((h, w), on `editor`'s animator's crop box, e.g. `MeshAnimator.drawn_alpha()`) laid on
    the whole source image, 0 outside the box."""
    animator = editor.animator
    (x0, y0), (h, w) = animator.origin.astype(int), crop.shape
    out = np.zeros(animator.source.shape[:2], np.float32)
    out[y0:y0 + h, x0:x0 + w] = crop
    return out


def opening_colour_reads(animator: MeshAnimator, steps: Iterable[DrivenFrame], read: range, lip: np.ndarray
                         ) -> list[tuple[float, float, float, float]]:
    """Drive `animator` by `steps` (every one mapped, so its state runs as in a render); on the steps numbered in
    `read`: the drawn opening's bluer share over the photo's lips `lip` (`figures.mauve_mouth.bluer_share`) and its
    teeth light (`figures.black_slot.teeth_light`), then the driver's own two at the drawn mouth's width
    (`figures.teeth_streaks.at_width`)."""
    reads = []
    for k, step in enumerate(steps):
        mapped = animator.map_frame(step.target)
        if k in read:
            drawn, target = animator.draw(mapped, step.torso, step.driver), mapped.target
            own = at_width(step.driver.image, step.driver.landmarks, mouth_gap(target)[1])
            reads.append((bluer_share(drawn, target, lip), teeth_light(drawn, target), bluer_share(*own),
                          teeth_light(*own)))
    return reads
