"""facereel.media: image/video reading and the atomic H.264 writer, on real files."""

from __future__ import annotations

import resource
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from PIL import Image

from facereel.errors import InputError
from facereel.media.image import read_image, write_image
from facereel.media.video import open_video, probe_frames
from facereel.media.writer import VideoWriter, _rgb_frame

DRIVING = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "driving"


def _pattern(h: int = 48, w: int = 64) -> np.ndarray:
    """An RGB test image with distinct corners: red block top-left, blue column on the right."""
    a = np.full((h, w, 3), 40, np.uint8)
    a[: h // 4, : w // 4] = (255, 0, 0)
    a[:, -w // 8 :] = (0, 0, 255)
    return a


def _encode(path: Path, frames: list[np.ndarray], codec: str = "libx264", rate: int = 25,
            pts: list[int] | None = None, time_base: Fraction | None = None, rotation: int = 0) -> Path:
    """Write `frames` with PyAV directly (independent of VideoWriter)."""
    with av.open(str(path), "w") as c:
        s = c.add_stream(codec, rate=rate)
        s.height, s.width = frames[0].shape[:2]
        s.pix_fmt = "yuv420p"
        if time_base is not None:
            s.time_base = s.codec_context.time_base = time_base
        if rotation:
            s.set_display_rotation(rotation)
        for i, a in enumerate(frames):
            f = av.VideoFrame.from_ndarray(a, format="rgb24")
            f.pts = i if pts is None else pts[i]
            f.time_base = time_base or Fraction(1, rate)
            c.mux(s.encode(f))
        c.mux(s.encode(None))
    return path


def _audio_file(path: Path, seconds: float, rate: int = 44100) -> Path:
    """A stereo 440 Hz tone (AAC in m4a/mp4, PCM in wav) lasting `seconds`."""
    codec = "pcm_s16le" if path.suffix == ".wav" else "aac"
    fmt = "s16" if codec == "pcm_s16le" else "fltp"
    with av.open(str(path), "w") as c:
        s = c.add_stream(codec, rate=rate, layout="stereo")
        t = np.arange(int(seconds * rate)) / rate
        tone = np.stack([np.sin(2 * np.pi * 440 * t)] * 2).astype(np.float32) * 0.5
        data = (tone * 32767).astype(np.int16).T.reshape(1, -1) if fmt == "s16" else tone
        f = av.AudioFrame.from_ndarray(np.ascontiguousarray(data), format=fmt, layout="stereo")
        f.sample_rate, f.pts, f.time_base = rate, 0, Fraction(1, rate)
        c.mux(s.encode(f))
        c.mux(s.encode(None))
    return path


def _audio_seconds(path: Path) -> float:
    with av.open(str(path)) as c:
        s = c.streams.audio[0]
        return sum(f.samples for f in c.decode(s)) / s.codec_context.sample_rate


# ---------------------------------------------------------------- images


def test_read_image_formats(tmp_path: Path) -> None:
    rgb = _pattern()
    for ext, tol in [(".png", 0), (".bmp", 0), (".webp", 12), (".jpg", 12)]:
        Image.fromarray(rgb).save(tmp_path / f"a{ext}", quality=95)
        out = read_image(tmp_path / f"a{ext}")
        assert out.dtype == np.uint8 and out.shape == (48, 64, 3), ext
        assert np.abs(out.astype(int) - rgb).mean() <= tol, ext


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    rgb = _pattern()
    exif = Image.Exif()
    exif[0x0112] = 6  # stored image must be rotated 90 degrees clockwise for display
    Image.fromarray(rgb).save(tmp_path / "r.jpg", exif=exif, quality=95)
    out = read_image(tmp_path / "r.jpg")
    assert out.shape == (64, 48, 3)
    assert np.abs(out.astype(int) - np.rot90(rgb, k=-1)).mean() < 12
    assert out[2, -2, 0] > 200 and out[2, -2, 2] < 60  # red corner moved to the top right


def test_alpha_grayscale_palette_16bit_cmyk(tmp_path: Path) -> None:
    rgba = np.zeros((8, 8, 4), np.uint8)
    rgba[..., 0] = 255
    rgba[:, :4, 3] = 0  # left half fully transparent -> white
    rgba[:, 4:, 3] = 255
    Image.fromarray(rgba, "RGBA").save(tmp_path / "a.png")
    out = read_image(tmp_path / "a.png")
    assert (out[:, :4] == 255).all() and (out[:, 4:] == (255, 0, 0)).all()

    Image.fromarray(np.full((8, 8), 77, np.uint8), "L").save(tmp_path / "g.png")
    assert (read_image(tmp_path / "g.png") == 77).all()

    Image.fromarray(_pattern()).convert("P").save(tmp_path / "p.png")
    assert read_image(tmp_path / "p.png")[0, 0].tolist() == [255, 0, 0]

    ramp = np.linspace(0, 65535, 64).astype(np.uint16)[None].repeat(4, 0)
    Image.fromarray(ramp).save(tmp_path / "i16.png")
    assert Image.open(tmp_path / "i16.png").mode.startswith("I")
    out = read_image(tmp_path / "i16.png")
    expected = np.rint(ramp / 257.0).astype(np.uint8)
    assert out.shape == (4, 64, 3) and (np.abs(out[..., 1].astype(int) - expected) <= 1).all()
    assert out[0, 0, 0] == 0 and out[0, -1, 0] == 255  # scaled, not clipped

    Image.fromarray(_pattern()).convert("CMYK").save(tmp_path / "c.jpg", quality=95)
    assert Image.open(tmp_path / "c.jpg").mode == "CMYK"
    assert np.abs(read_image(tmp_path / "c.jpg").astype(int) - _pattern()).mean() < 12


def test_large_image_downscaled(tmp_path: Path) -> None:
    Image.new("RGB", (6000, 3000), (10, 200, 30)).save(tmp_path / "big.jpg", quality=80)
    out = read_image(tmp_path / "big.jpg", max_side=1000)
    assert out.shape == (500, 1000, 3) and np.abs(out[250, 500].astype(int) - (10, 200, 30)).max() < 8
    Image.new("RGB", (3000, 1000), (5, 5, 5)).save(tmp_path / "big.png")
    assert read_image(tmp_path / "big.png", max_side=600).shape == (200, 600, 3)
    assert read_image(tmp_path / "big.png").shape == (1000, 3000, 3)  # under the default 4096


def test_write_image_roundtrip_and_atomic(tmp_path: Path) -> None:
    rgb = _pattern()
    write_image(tmp_path / "sub" / "o.png", rgb)
    assert (read_image(tmp_path / "sub" / "o.png") == rgb).all()
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["o.png"]
    with pytest.raises(InputError):
        write_image(tmp_path / "o.xyz", rgb)


# ---------------------------------------------------------------- video reading


def test_open_video_properties_and_frames(tmp_path: Path) -> None:
    frames = [np.roll(_pattern(), 3 * i, axis=1) for i in range(20)]
    path = _encode(tmp_path / "v.mp4", frames, rate=25)
    with open_video(path) as v:
        assert (v.fps, v.size, v.num_frames, v.rotation, v.has_audio) == (25.0, (64, 48), 20, 0, False)
        assert v.duration == pytest.approx(0.8, abs=0.05)
        out = list(v.frames())
    assert len(out) == 20 == probe_frames(path)
    assert all(f.dtype == np.uint8 and f.shape == (48, 64, 3) for f in out)
    assert np.abs(out[7].astype(int) - frames[7]).mean() < 6


@pytest.mark.parametrize("ext,codec", [(".webm", "libvpx-vp9"), (".mkv", "libx265"), (".avi", "mpeg4"),
                                       (".mov", "libx264")])
def test_other_containers_and_codecs(tmp_path: Path, ext: str, codec: str) -> None:
    frames = [_pattern(64, 96)] * 6
    path = _encode(tmp_path / f"v{ext}", frames, codec=codec)
    with open_video(path) as v:
        assert v.size == (96, 64) and v.fps == 25.0
        out = list(v.frames())
    assert len(out) == 6 == probe_frames(path)
    assert np.abs(out[-1].astype(int) - frames[0]).mean() < 8


def test_rotation_metadata_applied(tmp_path: Path) -> None:
    path = _encode(tmp_path / "rot.mp4", [_pattern()] * 3, rotation=90)  # 90 counter-clockwise
    cap = cv2.VideoCapture(str(path))
    assert cap.get(cv2.CAP_PROP_ORIENTATION_META) == 270  # OpenCV's own FFmpeg agrees: 270 clockwise
    cap.release()
    with open_video(path) as v:
        assert v.rotation == 270 and v.size == (48, 64)
        frame = next(v.frames())
    assert frame.shape == (64, 48, 3)
    assert np.abs(frame.astype(int) - np.rot90(_pattern(), k=1)).mean() < 6


def test_vfr_resampled_by_timestamp(tmp_path: Path) -> None:
    pts_ms = [0, 30, 100, 110, 300, 310, 500]
    frames = [np.full((48, 64, 3), 30 * i, np.uint8) for i in range(len(pts_ms))]
    path = _encode(tmp_path / "vfr.mkv", frames, pts=pts_ms, time_base=Fraction(1, 1000))
    with open_video(path) as v:
        assert len(list(v.frames())) == 7
        got = [int(round(f[0, 0, 0] / 30)) for f in v.frames(fps=20)]
    # output frame k shows the source frame on screen at k * 50 ms
    expected = [max(i for i, t in enumerate(pts_ms) if t <= 50 * k) for k in range(len(got))]
    assert got == expected and got[:11] == [0, 1, 2, 3, 3, 3, 4, 5, 5, 5, 6]


def test_constant_rate_resampling_counts(tmp_path: Path) -> None:
    frames = [np.full((16, 16, 3), 10 * i, np.uint8) for i in range(25)]
    with open_video(_encode(tmp_path / "c.mp4", frames, rate=25)) as v:
        same = list(v.frames(fps=25))
        assert len(same) == 25 and [int(round(f[0, 0, 0] / 10)) for f in same] == list(range(25))
        assert len(list(v.frames(fps=12.5))) == 13
        assert len(list(v.frames(fps=50))) == 50


def test_close_stops_generators(tmp_path: Path) -> None:
    v = open_video(_encode(tmp_path / "c.mp4", [_pattern()] * 10))
    gen = v.frames()
    next(gen)
    v.close()
    assert next(gen, None) is None


@pytest.mark.skipif(not DRIVING.is_dir(), reason="shared driving videos not present")
def test_real_driving_videos() -> None:
    paths = sorted(DRIVING.glob("*.mp4"))
    assert paths
    for path in paths[:3] + [p for p in paths if p.name == "sr_1.mp4"]:
        with open_video(path) as v:
            n = probe_frames(path)
            assert abs(v.num_frames - n) <= 1, path
            assert v.has_audio and v.rotation == 0 and 20 <= v.fps <= 31
            assert v.duration == pytest.approx(n / v.fps, abs=0.2)
            first = next(v.frames())
            assert first.shape == (v.size[1], v.size[0], 3) and first.std() > 5


@pytest.mark.skipif(not DRIVING.is_dir(), reason="shared driving videos not present")
def test_decoding_starts_no_helper_threads_per_frame() -> None:
    """lp_d3's first 90 frames: the same pixels as PyAV's own conversion (`VideoFrame.to_ndarray`), converted
    on the reading thread with one swscale context (media/frame_convert.py). Voluntary context switches of the
    reading thread per frame (getrusage RUSAGE_THREAD: other threads of the test process do not count; the whole
    process read 8.9 a frame in a full suite run, 2-3 alone): ~4.8 with PyAV's conversion, whose every frame
    starts and joins its own two helper threads (the base, 740d867), 0.4-0.7 now."""
    path, count = DRIVING / "lp_d3.mp4", 90
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_nvcsw
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        expected = [frame.to_ndarray(format="rgb24") for _, frame in zip(range(count), container.decode(stream))]
    pyav = (resource.getrusage(resource.RUSAGE_THREAD).ru_nvcsw - before) / count
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_nvcsw
    with open_video(path) as video:
        frames = [frame for _, frame in zip(range(count), video.frames())]
    switches = (resource.getrusage(resource.RUSAGE_THREAD).ru_nvcsw - before) / count
    assert len(frames) == count and all(np.array_equal(a, b) for a, b in zip(frames, expected))
    assert switches < 2 and switches < 0.5 * pyav, (switches, pyav)


# ---------------------------------------------------------------- writer


def _check_h264(path: Path, n: int, fps: float, size: tuple[int, int]) -> None:
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        assert s.codec_context.name == "h264" and s.codec_context.pix_fmt == "yuv420p"
        assert (s.codec_context.width, s.codec_context.height) == size
        assert float(s.average_rate) == pytest.approx(fps, rel=1e-3)
    assert probe_frames(path) == n


def test_writer_roundtrip_odd_size_padded(tmp_path: Path) -> None:
    frames = [np.roll(_pattern(45, 63), 2 * i, axis=1) for i in range(30)]
    out = tmp_path / "o.mp4"
    with VideoWriter(out, fps=29.97) as w:
        for f in frames:
            w.write(f)
    assert w.frames_written == 30 and w.size == (64, 46)
    _check_h264(out, 30, 30000 / 1001, (64, 46))
    with open_video(out) as v:
        decoded = list(v.frames())
        assert not v.has_audio
    assert np.abs(decoded[5][:45, :63].astype(int) - frames[5]).mean() < 4
    assert np.abs(decoded[5][45].astype(int) - decoded[5][44]).mean() < 4  # padded row repeats the edge
    with open(out, "rb") as fh:  # +faststart: moov before mdat
        head = fh.read(4096)
    assert 0 <= head.find(b"moov") < 4096 and (head.find(b"mdat") == -1 or head.find(b"moov") < head.find(b"mdat"))


def test_writer_converts_packed_frames_in_place(tmp_path: Path) -> None:
    """lp_d3's first 20 frames written lossless (crf 0): packed (C-contiguous) arrays reach the yuv420p conversion
    without a copy (the rgb24 frame's plane is the array's memory; `VideoFrame.from_ndarray` copied it, ~0.3 ms a
    512 px frame), and the decoded video equals the one written from strided views of the same pixels (copied)."""
    with open_video(DRIVING / "lp_d3.mp4") as video:
        frames = [frame for _, frame in zip(range(20), video.frames())]
    plane = np.frombuffer(_rgb_frame(frames[0]).planes[0], np.uint8)
    assert np.shares_memory(plane, frames[0])
    decoded = []
    for name, arrays in (("packed", frames), ("strided", [np.pad(f, ((0, 0), (0, 1), (0, 0)))[:, :-1] for f in frames])):
        assert all(a.flags.c_contiguous == (name == "packed") for a in arrays)
        with VideoWriter(tmp_path / f"{name}.mp4", fps=video.fps, crf=0) as writer:
            for frame in arrays:
                writer.write(frame)
        with open_video(tmp_path / f"{name}.mp4") as out:
            decoded.append(list(out.frames()))
    assert len(decoded[0]) == 20 and all(np.array_equal(a, b) for a, b in zip(*decoded))
    assert np.abs(decoded[0][7].astype(int) - frames[7]).mean() < 2  # lossless but for yuv420p's rounding


@pytest.mark.parametrize("audio_seconds,suffix", [(3.0, ".m4a"), (0.7, ".wav")])
def test_writer_audio_trimmed_or_padded(tmp_path: Path, audio_seconds: float, suffix: str) -> None:
    audio = _audio_file(tmp_path / f"tone{suffix}", audio_seconds)
    out = tmp_path / "o.mp4"
    with VideoWriter(out, fps=25, size=(32, 32), audio_from=audio) as w:
        for _ in range(40):  # 1.6 s
            w.write(_pattern(32, 32))
    _check_h264(out, 40, 25, (32, 32))
    with av.open(str(out)) as c:
        assert c.streams.audio[0].codec_context.name == "aac"
    assert _audio_seconds(out) == pytest.approx(1.6, abs=1024 / 44100)
    assert open_video(out).has_audio


@pytest.mark.skipif(not DRIVING.is_dir(), reason="shared driving videos not present")
def test_writer_audio_from_driving_video(tmp_path: Path) -> None:
    src = DRIVING / "sr_1.mp4"
    out = tmp_path / "o.mp4"
    with open_video(src) as v, VideoWriter(out, fps=v.fps, audio_from=src) as w:
        for f in v.frames():
            w.write(f)
    _check_h264(out, probe_frames(src), open_video(src).fps, open_video(src).size)
    assert _audio_seconds(out) == pytest.approx(w.frames_written / float(w.fps), abs=1024 / 48000)


@pytest.mark.skipif(not DRIVING.is_dir(), reason="shared driving videos not present")
def test_writer_audio_is_encoded_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sr_1.mp4's speech and frames written with its audio: the muxer encodes the audio in half-second batches
    (`audio.BATCH`; issue #9 speed: the per-frame Python around a small AAC encode cost ~0.4 ms a frame), under a
    tenth of the frames' count of encode calls, and the file is byte for byte the one written with the audio
    encoded as each frame is written (`BATCH` 0: what the writer did before)."""
    from facereel.media import audio

    src = DRIVING / "sr_1.mp4"
    with open_video(src) as v:
        fps, frames = v.fps, list(v.frames())
    encode = audio.AudioMuxer._encode
    written = {}
    for batch in (0.0, audio.BATCH):
        calls = []
        monkeypatch.setattr(audio, "BATCH", batch)
        monkeypatch.setattr(audio.AudioMuxer, "_encode", lambda self, samples: (calls.append(1), encode(self, samples)))
        with VideoWriter(tmp_path / f"{batch}.mp4", fps=fps, audio_from=src, repeatable=True) as w:
            for f in frames:
                w.write(f)
        written[batch] = len(calls), (tmp_path / f"{batch}.mp4").read_bytes()
    (each, every_frame), (batched, in_batches) = written.values()
    assert each >= len(frames) and batched < len(frames) / 10, (each, batched)
    assert in_batches == every_frame and _audio_seconds(tmp_path / f"{audio.BATCH}.mp4") > 2


def test_writer_failure_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "o.mp4"
    with pytest.raises(RuntimeError, match="boom"):
        with VideoWriter(out, fps=25) as w:
            w.write(_pattern())
            raise RuntimeError("boom")
    with pytest.raises(KeyboardInterrupt):
        with VideoWriter(out, fps=25, audio_from=_audio_file(tmp_path / "t.wav", 1.0)) as w:
            w.write(_pattern())
            raise KeyboardInterrupt
    with pytest.raises(ValueError):  # no frames written
        with VideoWriter(out, fps=25):
            pass
    with pytest.raises(ValueError):  # frame size changes
        with VideoWriter(out, fps=25) as w:
            w.write(_pattern())
            w.write(_pattern(32, 32))
    assert [p.name for p in tmp_path.iterdir()] == ["t.wav"]


# ---------------------------------------------------------------- bad input


def test_bad_inputs_raise_input_error(tmp_path: Path) -> None:
    (tmp_path / "text.mp4").write_text("not a video\n" * 50)
    (tmp_path / "text.jpg").write_text("not an image\n" * 50)
    (tmp_path / "zero.mp4").write_bytes(b"")
    (tmp_path / "zero.png").write_bytes(b"")
    Image.fromarray(_pattern()).save(tmp_path / "img.png")
    _audio_file(tmp_path / "only_audio.wav", 0.5)
    with av.open(str(tmp_path / "empty.avi"), "w") as c:  # a video stream with no frames
        s = c.add_stream("mpeg4", rate=25)
        s.width, s.height = 64, 48
        c.start_encoding()
    truncated = _encode(tmp_path / "trunc.mp4", [_pattern()] * 10)
    truncated.write_bytes(truncated.read_bytes()[:300])

    video_bad = ["missing.mp4", "text.mp4", "zero.mp4", "img.png", "only_audio.wav", "empty.avi", "trunc.mp4"]
    for name in video_bad:
        with pytest.raises(InputError) as e:
            open_video(tmp_path / name)
        assert str(tmp_path / name) in str(e.value) and "\n" not in str(e.value)
    for name in ["missing.jpg", "text.jpg", "zero.png", "text.mp4"]:
        with pytest.raises(InputError) as e:
            read_image(tmp_path / name)
        assert str(tmp_path / name) in str(e.value) and "\n" not in str(e.value)
    for name in ["missing.mp4", "text.mp4"]:
        with pytest.raises(InputError) as e:
            probe_frames(tmp_path / name)
        with pytest.raises(InputError):
            VideoWriter(tmp_path / "o.mp4", fps=25, audio_from=tmp_path / name)
    assert not (tmp_path / "o.mp4").exists()
