"""The page in a real browser: Debian's Chromium driven by playwright against a live server on localhost
(conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect


def test_upload_astronaut_and_play_the_result(page: Page, astronaut_png: Path, tmp_path: Path) -> None:
    page.set_input_files("#portrait", astronaut_png)
    page.check("input[name=driving_kind][value=preset]")
    page.select_option("#preset", "talk")
    expect(page.locator("#driving-row")).to_be_hidden()
    page.click("#start")
    job = page.locator(".job").first
    expect(job).to_have_attribute("data-status", "done", timeout=60_000)
    expect(job.locator(".job-progress")).to_have_text("50 frames")
    video = job.locator("video")
    assert "/api/jobs/" in (video.get_attribute("src") or "")
    page.wait_for_function("v => v.readyState >= 1 && v.duration > 0", arg=video.element_handle(), timeout=20_000)
    duration = video.evaluate("v => v.duration")
    assert duration == pytest.approx(2.0, abs=0.1)  # 50 frames at 25 fps, decoded by the browser
    video.evaluate("v => { v.currentTime = 1.0; }")  # seeking needs Range requests
    page.wait_for_function("v => !v.seeking && v.readyState >= 2", arg=video.element_handle(), timeout=20_000)
    assert job.locator("a.download").get_attribute("href", timeout=1000).endswith("?download=1")
    page.screenshot(path=tmp_path / "app.png", full_page=True)


def test_faceless_upload_shows_the_one_line_error(page: Page, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture\n")
    page.set_input_files("#portrait", notes)
    page.click("#start")
    job = page.locator(".job").first
    expect(job).to_have_attribute("data-status", "failed", timeout=30_000)
    error = job.locator(".job-error")
    expect(error).to_be_visible()
    text = error.inner_text()
    assert "notes.txt" in text and "\n" not in text.strip() and "Traceback" not in page.content()


def test_missing_portrait_is_reported_before_upload(page: Page) -> None:
    jobs = page.locator(".job").count()
    page.click("#start")
    expect(page.locator("#form-error")).to_have_text("Choose a portrait or use the demo portrait.")
    expect(page.locator(".job")).to_have_count(jobs)


def test_cancel_and_delete_a_job_from_the_list(page: Page, astronaut_png: Path, long_template: Path) -> None:
    page.set_input_files("#portrait", astronaut_png)
    page.check("input[name=driving_kind][value=template]")
    page.set_input_files("#driving", long_template)
    page.click("#start")
    job = page.locator(".job").first
    expect(job.locator(".job-title")).to_have_text("astronaut.png × talk_60s.npz")
    expect(job).to_have_attribute("data-status", "running", timeout=30_000)
    job_id = job.get_attribute("data-job")
    job.locator(".job-cancel").click()
    expect(job).to_have_attribute("data-status", "cancelled", timeout=10_000)
    expect(job.locator(".job-progress")).to_contain_text("cancelled after")
    expect(job.locator(".job-cancel")).to_be_hidden()

    page.reload()  # the list comes from the server: it survives a reload
    job = page.locator(f".job[data-job='{job_id}']")
    expect(job).to_have_attribute("data-status", "cancelled")
    job.locator(".job-delete").click()
    expect(job).to_have_count(0)
    page.reload()
    expect(page.locator("#jobs")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(f".job[data-job='{job_id}']")).to_have_count(0)
