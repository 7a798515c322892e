"""Video-to-video: the source is a video; its face takes the driver's expression (and, with the "pose"
region, the driver's head rotation on top of its own), everything else stays the source video's.

Reads top to bottom: refuse what does not apply (a `--source-face-index` the clip's key frames lack too,
`face.key_frame_faces`), track the source face through the video (first pass,
landmarks only), track the driver at the source's frame rate (or resample a template / preset to it),
match the lengths (stop at the shorter, or loop the driver), retarget per source frame
(`motion.video_retarget`), then a second pass renders each source frame with the mesh engine made for that
frame (`engines.mesh.frame_setup`: the setup of a key frame reused while the face barely moves; frames
where the source shows no face pass through unchanged) into the sink `open_output` opens at
the source's fps; the a1 engine instead generates windows each referenced on its own source frame
(`animate.video_source_a1`). The output's audio is the source video's (the caller's sink carries it). A clip on its
side or upside down is tracked and drawn turned upright and written back as filmed (`animate.turned_source`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np

from facereel.animate.faces import check_several, driver_frame_index, several_faces
from facereel.animate.inputs import load_motion
from facereel.animate.options import AnimateOptions
from facereel.animate.run import Driving, choose_engine, video_of
from facereel.animate.turned_source import turned_back, upright_source
from facereel.engines.mesh.open_mouth.mouth_interiors import NO_MOUTH_PIXELS
from facereel.errors import InputError, flags_line
from facereel.face.turned_video import file_turn, turned_frames, turned_note
from facereel.media.frames import OpenSink
from facereel.media.video import open_video
from facereel.motion.motion import Motion


def _refuse_unsupported(options: AnimateOptions, device: str) -> None:
    """InputError (one line) for settings that do not apply to a video source."""
    if choose_engine(options, device)[0] == "a1" and not options.paste_back:
        raise InputError("--no-paste-back does not apply to a video source: the a1 frames are pasted into the "
                         "source video's own frames")
    unsupported = [name for name, used in (("--body", options.body), ("--side-by-side", options.side_by_side))
                   if used]
    if unsupported:
        raise InputError(f"{flags_line(unsupported, 'does not apply', 'do not apply')} to a video source "
                         "(video-to-video)")


def frames_at(path: Path, fps: float, size: int | None) -> Iterator[np.ndarray]:
    """The video's frames at `fps` (resampled by timestamp), scaled so the longer side is `size` px."""
    with open_video(path) as video:
        for frame in video.frames(fps=fps):
            if size is not None:
                h, w = frame.shape[:2]
                k = size / max(h, w)
                frame = cv2.resize(frame, (max(2, round(w * k)), max(2, round(h * k))),
                                   interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_CUBIC)
            yield frame


def _looped(path: Path, fps: float, turn: int | None) -> Iterator[np.ndarray]:
    """The driver's frames at `fps`, turned by the cv2 `turn` it was tracked under (`FaceTrack.turn`), over and
    over."""
    while True:
        yield from turned_frames(frames_at(path, fps, None), turn)


def matched_length(source_frames: int, driver_frames: int, loop_driver: bool) -> tuple[int, str | None]:
    """(output frames, a one-line note when the lengths differ): the shorter of the two, or the whole source
    with the driver repeated when `loop_driver`."""
    if source_frames == driver_frames:
        return source_frames, None
    if loop_driver:
        return source_frames, (f"video source: {source_frames} frames, driver {driver_frames}: the driver repeats "
                               f"to cover the source")
    count = min(source_frames, driver_frames)
    shorter = "source" if source_frames < driver_frames else "driver"
    return count, (f"video source: {source_frames} frames, driver {driver_frames} (at the source's fps): writing "
                   f"{count}, the {shorter}'s length (--loop-driver repeats the driver over the whole source)")


def animate_video_source(source: Path, driving: Driving, options: AnimateOptions, open_output: OpenSink,
                         progress: Callable[[int], None] | None = None,
                         say: Callable[[str], None] = lambda message: None, device: str = "auto") -> int:
    """Animate the face in the video `source` with `driving` (a video, template, preset or Motion) into the
    sink `open_output` opens at the source's fps. Returns the number of frames written. `progress(n)`: n more
    frames written; while the source and the driver are tracked it is called with 0 per frame (so a cancel
    check there stops the work)."""
    from facereel.engines.mesh import MeshOptions
    from facereel.engines.mesh.frame_setup import VideoFrameAnimators
    from facereel.engines.mesh.open_mouth.mouth import DriverFrame
    from facereel.face.key_frame_faces import refuse_missing_face
    from facereel.face.numbering import SOURCE_FACE_FLAG
    from facereel.face.tracking import track_frames, track_upright_file
    from facereel.motion.extract import extract_motion
    from facereel.motion.resample import resample
    from facereel.motion.steady_source import steady_source
    from facereel.motion.video_retarget import retarget_video

    _refuse_unsupported(options, device)
    source = Path(source)
    with open_video(source) as video:
        fps = video.fps
    turn = file_turn(lambda: frames_at(source, fps, options.size))
    if turn is not None:
        say(turned_note(turn, "source video", drawn=True))
    clip = upright_source(lambda: frames_at(source, fps, options.size), turn)
    open_output = turned_back(open_output, turn)
    if several_faces(driving, options):
        from facereel.animate.video_source_faces import animate_video_faces

        check_several(options, choose_engine(options, device)[0])
        return animate_video_faces(source, clip, fps, driving, options, open_output,  # type: ignore[arg-type]
                                   progress, say)
    driver_video = video_of(driving)
    if driver_video is not None:
        open_video(driver_video).close()  # a bad driving file fails before the source is tracked
    interior = options.mouth or ("driver" if driver_video is not None else "synthetic")
    if interior == "driver" and driver_video is None:
        raise InputError(f"--mouth driver needs a driving video ({NO_MOUTH_PIXELS}); use --mouth synthetic")
    if options.source_face_index is not None:  # a face the clip lacks is refused before the long tracking
        refuse_missing_face(clip(), options.source_face_index, SOURCE_FACE_FLAG, source)
    tracked = (lambda n: progress(0)) if progress is not None else None
    track = track_frames(clip(), fps, face_index=options.source_face_index, progress=tracked, what=source,
                         flag=SOURCE_FACE_FLAG, say=say)
    driver_track = None
    if driver_video is not None:
        driver_track = track_upright_file(lambda: frames_at(driver_video, fps, None), fps,
                                          face_index=options.face_index, progress=tracked, what=driver_video,
                                          say=say)
        motion = extract_motion(driver_track, reference=options.reference)
    else:
        motion = resample(driving if isinstance(driving, Motion) else
                          load_motion(driving, face_index=options.face_index, reference=options.reference), fps)
    count, note = matched_length(len(track), len(motion), options.loop_driver)
    if note:
        say(note)
    if "pose" in options.retarget.regions:
        say("video source: the driver's head rotation is added to the clip's own (--regions expression keeps the "
            "head as filmed)")
    driver_index = driver_frame_index(count, len(motion), options.loop_driver)
    targets = retarget_video(track, motion, options.retarget, driver_index)
    engine, device, _ = choose_engine(options, device)
    if engine == "a1":  # each diffusion window takes its own source frame as the reference
        from facereel.animate.video_source_a1 import render_video_source_a1

        return render_video_source_a1(clip, track, targets, options, open_output, device, progress, say)
    meshes, targets = steady_source(track, targets)
    animators = VideoFrameAnimators(MeshOptions(mouth_interior=interior, neck_layer=options.neck_layer,
                                                       plate_shifts=options.plate_shifts))
    driver_frames = (_looped(driver_video, fps, driver_track.turn)
                     if interior == "driver" and driver_video is not None and driver_track is not None else None)
    with open_output(fps, count) as sink:
        for i, frame in zip(range(count), clip()):
            image = next(driver_frames) if driver_frames is not None else None
            if track.valid[i]:
                j = int(driver_index[i])
                mouth = (DriverFrame(image, driver_track.landmarks[j])
                         if image is not None and driver_track is not None and driver_track.valid[j] else None)
                frame = animators(frame, meshes[i]).render(targets[i], driver=mouth)
            else:
                animators.lost()
            sink.write(frame)
            if progress is not None:
                progress(1)
        return sink.frames_written
