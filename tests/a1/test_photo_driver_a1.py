"""The a1 engine with a photo driver: the eased photo Motion becomes the condition sequence (tiny random
weights in the published layout, CPU); a still is refused in one line (a1 makes clips)."""

from __future__ import annotations

import pytest
from photo_frames import SMILE, save_frames

from facereel.animate import AnimateOptions, PortraitAnimator
from facereel.cli.main import main
from facereel.engines.a1 import A1Options
from facereel.media.image import write_image
from facereel.media.video import open_video

from .conftest import SMALL


def test_a1_animates_an_eased_photo_clip(capsys, tmp_path, shared_data, astronaut, tiny_weights) -> None:
    neutral, smile = save_frames(shared_data / "driving" / f"{SMILE[0]}.mp4", (0, SMILE[1]), tmp_path)
    src = tmp_path / "astronaut.png"
    write_image(src, astronaut)
    options = AnimateOptions(engine="a1", weights=str(tiny_weights), a1=A1Options(**SMALL),
                             driving_reference=neutral, duration=0.5)
    anim = PortraitAnimator(options=options, device="cpu")
    out = tmp_path / "a1.mp4"
    assert anim.to_file(src, smile, out) == 12  # 0.5 s at the photo driver's 25 fps
    with open_video(out) as video:
        assert video.size == (512, 512) and video.fps == pytest.approx(25.0) and not video.has_audio
    still = tmp_path / "a1.png"
    code = main(["--quiet", "animate", "--engine", "a1", "--weights", str(tiny_weights), "-s", str(src),
                 "-d", str(smile), "--driving-reference", str(neutral), "-o", str(still)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "--duration" in err, err
    assert not still.exists()
