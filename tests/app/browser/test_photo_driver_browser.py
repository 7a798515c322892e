"""The page's photo driver in a real browser (Debian's Chromium, playwright; the package's server and browser,
conftest.py)."""

from __future__ import annotations

from pathlib import Path

from photo_frames import SMILE, save_frames

from playwright.sync_api import Page, expect


def test_photo_and_neutral_photo_give_a_clip(page: Page, astronaut_png: Path, shared_data: Path, tmp_path: Path) -> None:
    neutral, smile = save_frames(shared_data / "driving" / f"{SMILE[0]}.mp4", (0, SMILE[1]), tmp_path)
    expect(page.locator("#photo-rows")).to_be_hidden()
    page.set_input_files("#portrait", astronaut_png)
    page.check("input[name=driving_kind][value=photo]")
    expect(page.locator("#photo-rows")).to_be_visible()
    page.set_input_files("#driving", smile)
    page.set_input_files("#driving-reference", neutral)
    page.fill("#duration", "0.4")
    page.click("#start")
    job = page.locator(".job").first
    expect(job).to_have_attribute("data-status", "done", timeout=60_000)
    expect(job.locator(".job-progress")).to_have_text("10 frames")
