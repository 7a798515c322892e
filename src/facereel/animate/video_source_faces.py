"""Several faces inside a video source (video-to-video with `--face-index all` or `--driving N=PATH`).

Every face of the source video is tracked with its number kept (`face.video_faces`: counted from the left in
the first frame that shows a face, faces that come in later numbered after them), each driven face's motion is
retargeted onto its own track (`motion.video_retarget`, as for one face; one driving video given to every face
that shows as many faces drives them paired from the left, `faces.paired`), and each source frame is rendered by
a `FaceGroup` of the faces present in it (each face limited to the pixels nearest to it; a face missing from a
frame, or given no driver, stays as filmed; a frame with no driven face passes through; each face's key-frame
setup reused while it barely moves, `engines.mesh.frame_setup`; where faces overlap, which one is in front
is held through near-ties, `engines.mesh.front_order`, and whether two faces overlap at all is decided once
for the clip, `face_regions.meeting_pairs`: a pair that touches in some frames keeps the overlap rule in all
of them instead of switching). Lengths: the source and the longest driver,
matched as for one face (`video_source.matched_length`); a face whose driver is shorter holds its driver's
last frame, said in one line (`faces.held_note`), or with `loop_driver` every driver repeats. A face behind another
moves away from it only a few px (`engines.mesh.away_cap`), said in one note line at the end (`held_away`), as for
a portrait image.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from facereel.animate.faces import (FaceDriver, FaceDrivers, assign_drivers, driver_frame_index, driver_mouths,
                                    held_from, held_note, load_drivers)
from facereel.animate.options import AnimateOptions, mesh_options
from facereel.engines.mesh.face_regions import meeting_pairs
from facereel.engines.mesh.frame_setup import VideoFrameAnimators
from facereel.engines.mesh.front_order import FrontOrder
from facereel.animate.video_source import matched_length
from facereel.face.face_track import FaceTrack
from facereel.face.landmark_ids import NUM_LANDMARKS
from facereel.face.video_faces import track_every_face
from facereel.media.frames import OpenSink
from facereel.motion.resample import resample
from facereel.motion.steady_source import steady_source
from facereel.motion.video_retarget import retarget_video


def animate_video_faces(source: Path, frames: Callable[[], Iterator[np.ndarray]], fps: float,
                        driving: FaceDriver | FaceDrivers, options: AnimateOptions, open_output: OpenSink,
                        progress: Callable[[int], None] | None = None,
                        say: Callable[[str], None] = lambda message: None) -> int:
    """Animate the faces of the video `source` (its frames at `fps` opened by `frames`, turned upright where the
    clip lies on its side, `animate.turned_source`) with one driver for all or one per face
    ({face index: driver}) into the sink `open_output` opens at `fps` (options checked by the caller with
    `faces.check_several`). Returns the number of frames written; `progress` as
    `video_source.animate_video_source`."""
    from facereel.engines.mesh.group import VideoFaceGroups
    from facereel.engines.mesh.held_away import HeldAway

    tracked = (lambda n: progress(0)) if progress is not None else None
    tracks = track_every_face(frames(), fps, progress=tracked, what=source)
    faces = assign_drivers(driving, len(tracks), "the source video",
                           "from the left in its first frame with faces, later newcomers after them")
    drivers = load_drivers(faces, options, say, pair=not isinstance(driving, dict))
    motions = {index: resample(driver.motion, fps) for index, driver in drivers.items()}
    count, note = matched_length(len(tracks[0]), max(len(motion) for motion in motions.values()),
                                 options.loop_driver)
    held = held_note(held_from({index: len(motion) for index, motion in motions.items()}, count, options.loop_driver),
                     count)
    for line in (note, held):
        if line:
            say(line)
    frame_of = {index: driver_frame_index(count, len(motion), options.loop_driver)
                for index, motion in motions.items()}
    steadied = {index: steady_source(tracks[index], retarget_video(tracks[index], motion, options.retarget,
                                                                   frame_of[index]))
                for index, motion in motions.items()}
    meshes = {index: mesh for index, (mesh, _) in steadied.items()}
    targets = {index: target for index, (_, target) in steadied.items()}
    setups = {index: VideoFrameAnimators(mesh_options(options)) for index in targets}
    with contextlib.ExitStack() as stack:
        mouths = driver_mouths(drivers, fps, stack)
        sink = stack.enter_context(open_output(fps, count))
        shown: list[int] = []
        order = FrontOrder()
        meets = clip_meets(tracks)
        groups = VideoFaceGroups()
        away = HeldAway()
        for i, frame in zip(range(count), frames()):
            present = [index for index, track in enumerate(tracks) if track.valid[i]]
            if present != shown:  # a face came or went: the regions change, every face starts a key frame
                for setup in setups.values():
                    setup.lost()
                groups.lost()
                shown = present
            faces = np.array([meshes[index][i] if index in meshes else tracks[index].landmarks[i]
                              for index in present], np.float32).reshape(-1, NUM_LANDMARKS, 3)
            front = order(present, faces)  # on every frame: the order's history
            moving = [slot for slot, index in enumerate(present) if index in targets]
            if moving:
                group = groups(frame, faces, moving, {slot: setups[present[slot]] for slot in moving}, front,
                               meets[np.ix_(present, present)])
                frame = group.render({slot: targets[present[slot]][i] for slot in moving},
                                     {slot: mouths[present[slot]].at(int(frame_of[present[slot]][i]))
                                      for slot in moving if present[slot] in mouths})
                away.add(group, present)
            sink.write(frame)
            if progress is not None:
                progress(1)
        note = away.note()
        if note is not None:
            say(note)
        return sink.frames_written


def clip_meets(tracks: list[FaceTrack]) -> np.ndarray:
    """(N, N) bool for the N tracks: [a, b] = faces a and b overlap in some frame where both are tracked
    (`face_regions.meeting_pairs`)."""
    frames = np.stack([np.where(track.valid[:, None, None], track.landmarks, np.nan) for track in tracks], axis=1)
    return meeting_pairs(frames)
