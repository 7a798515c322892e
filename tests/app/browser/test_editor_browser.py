"""The expression editor page in Debian's Chromium (playwright): a slider change re-renders the preview (the
left eye closes when blink is set, re-tracked from the image the page shows), save image, keyframes -> clip."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from facereel.face.pose import estimate_pose
from facereel.face.tracking import track_image
from facereel.motion.features import INDEX, expression_features

NEUTRAL = "smile=0&mouth_open=0&brow_raise=0&blink_left=0&blink_right=0&yaw=0&pitch=0&roll=0&gaze=0%2C0"
"""The query of the preview with every slider at 0 (what the page asks for first)."""


def eye_open_left(data: bytes) -> float:
    from PIL import Image

    image = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    return float(expression_features(estimate_pose(track_image(image).landmarks)[1])[0, INDEX["eye_open_left"]])


@pytest.fixture
def page(browser: BrowserContext, base_url: str) -> Iterator[Page]:
    """The editor page, loaded; fails the test if it asks for anything outside the server."""
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    page.goto(f"{base_url}/edit")
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
    yield page
    page.close()
    assert not outside, f"the page loaded from elsewhere: {outside}"


def shown_image(page: Page) -> bytes:
    """The bytes of the image the preview shows (fetched again by the page from the same URL)."""
    data = page.evaluate("""async () => {
        const r = await fetch(document.querySelector('#preview').src);
        return Array.from(new Uint8Array(await r.arrayBuffer()));
    }""")
    return bytes(data)


def set_slider(page: Page, name: str, value: float) -> None:
    page.locator(f"#slider-{name}").evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", value)


def test_blink_slider_closes_the_eye_in_the_preview(page: Page, astronaut_png: Path, tmp_path: Path) -> None:
    page.set_input_files("#portrait", astronaut_png)
    expect(page.locator("#portrait-name")).to_have_text("astronaut.png (256×256)", timeout=30_000)
    preview = page.locator("#preview")
    expect(preview).to_have_attribute("data-rendered", NEUTRAL, timeout=20_000)
    before = eye_open_left(shown_image(page))
    set_slider(page, "blink_left", 1)
    expect(preview).to_have_attribute("data-rendered", NEUTRAL.replace("blink_left=0", "blink_left=1"), timeout=10_000)
    assert eye_open_left(shown_image(page)) < before - 0.1
    with page.expect_download() as download:
        page.click("#save")
    saved = tmp_path / "saved.png"
    download.value.save_as(saved)
    assert eye_open_left(saved.read_bytes()) < before - 0.1  # the saved image is the edit, full size
    page.screenshot(path=tmp_path / "editor.png", full_page=True)


def test_keyframes_make_a_clip_job(page: Page) -> None:
    page.click("#use-demo")
    expect(page.locator("#preview")).to_have_attribute("data-rendered", NEUTRAL, timeout=30_000)
    set_slider(page, "smile", 1)
    page.fill("#key-time", "0.4")
    page.click("#add-key")
    set_slider(page, "mouth_open", 0.5)
    page.click("#add-key")  # the time moved on by itself (1.4 s)
    expect(page.locator("#keyframes li")).to_have_text(["0.4 s: smile 1", "1.4 s: smile 1, mouth_open 0.5"])
    page.click("#make-clip")
    expect(page.locator("#clip-note")).to_contain_text("queued", timeout=20_000)
    job_id = page.locator("#clip-note").get_attribute("data-job")
    job = page.evaluate(f"async () => (await fetch('/api/jobs/{job_id}')).json()")
    assert job["title"] == "astronaut.png × keyframes"
    deadline = time.monotonic() + 60
    while job["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
        job = page.evaluate(f"async () => (await fetch('/api/jobs/{job_id}')).json()")
    assert job["status"] == "done", job
    assert job["frames"] == 1 + 35  # the portrait as it is, then 1.4 s at 25 fps


def test_a_yaw_the_portrait_cannot_show_is_said_on_the_page(page: Page, shared_data: Path, tmp_path: Path) -> None:
    """lp_d19's frame 0 (the face filling its head) at yaw 30: the note under the preview says the turn was ended."""
    import av
    from PIL import Image

    with av.open(str(shared_data / "driving" / "lp_d19.mp4")) as video:
        Image.fromarray(next(video.decode(video=0)).to_ndarray(format="rgb24")).save(tmp_path / "glasses.png")
    page.set_input_files("#portrait", tmp_path / "glasses.png")
    preview = page.locator("#preview")
    expect(preview).to_have_attribute("data-rendered", NEUTRAL, timeout=30_000)
    expect(page.locator("#edit-note")).to_be_hidden()
    set_slider(page, "yaw", 30)
    expect(preview).to_have_attribute("data-rendered", NEUTRAL.replace("yaw=0", "yaw=30"), timeout=20_000)
    expect(page.locator("#edit-note")).to_contain_text("--yaw 30 turned ")
    set_slider(page, "yaw", 0)
    expect(preview).to_have_attribute("data-rendered", NEUTRAL, timeout=20_000)
    expect(page.locator("#edit-note")).to_be_hidden()
