"""The main page's per-face drivers and keyframes upload in a real browser (Debian's Chromium, playwright; the
package's server and browser, conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect


def test_numbered_faces_each_with_its_own_driver(page: Page, pair_png: Path, short_template: Path) -> None:
    page.set_input_files("#portrait", pair_png)
    boxes = page.locator("#face-boxes .face-box")
    expect(boxes).to_have_text(["0", "1"], timeout=30_000)  # numbered from the left, on the preview
    expect(page.locator("#faces-note")).to_have_text("2 faces, numbered from the left.")
    first, second = (boxes.nth(i).bounding_box() for i in range(2))
    preview = page.locator("#portrait-preview").bounding_box()
    assert first and second and preview
    assert preview["x"] <= first["x"] < first["x"] + first["width"] <= second["x"] <= preview["x"] + preview["width"]
    expect(page.locator("#face-rows")).to_be_hidden()
    page.check("input[name=driving_kind][value=faces]")
    expect(page.locator("#face-list .face-row")).to_have_count(2)
    expect(page.locator("#driving-row")).to_be_hidden()
    face0 = page.locator("#face-list .face-row[data-face='0']")
    face0.locator(".face-driver").select_option("file")
    page.click("#start")
    expect(page.locator("#form-error")).to_have_text('Choose the file for each face set to "upload a file".')
    face0.locator(".face-file").set_input_files(short_template)
    page.click("#start")
    job = page.locator(".job").first
    expect(job.locator(".job-title")).to_have_text("pair.png × face 0: blink_10.npz", timeout=30_000)
    expect(job).to_have_attribute("data-status", "done", timeout=60_000)
    expect(job.locator(".job-progress")).to_have_text("10 frames")
    expect(job.locator("progress")).to_have_js_property("max", 10)  # the run's own total (a per-face job too)


def test_keyframes_file_is_posted_as_the_driver(page: Page, tmp_path: Path) -> None:
    keyframes = tmp_path / "wink.json"
    keyframes.write_text(json.dumps({"fps": 10, "keyframes": [{"time": 0.3, "blink_left": 1}]}))
    page.click("#use-demo")
    expect(page.locator("#face-boxes .face-box")).to_have_count(1, timeout=30_000)
    page.check("input[name=driving_kind][value=keyframes]")
    expect(page.locator("#driving-label")).to_have_text("Keyframes (.json from the expression editor)")
    page.set_input_files("#driving", keyframes)
    page.click("#start")
    job = page.locator(".job").first
    expect(job.locator(".job-title")).to_have_text("astronaut.png × wink.json", timeout=30_000)  # posted as keyframes
    expect(job).not_to_have_attribute("data-status", "failed")  # its result: test_face_drivers_app.py


def test_a_person_of_a_two_person_video_per_face(page: Page, pair_png: Path, shared_data: Path, tmp_path: Path) -> None:
    """Beside a face's uploaded video, "person" names which of its people the face follows (`face_N_driver_face`,
    the CLI's `N=PATH@K`); hidden until the face is set to a file. lp_d19 twice side by side: two people."""
    from group_photo import DRIVER_WINDOWS, two_person_video

    lp_d19 = shared_data / "driving" / "lp_d19.mp4"
    two = two_person_video((lp_d19, lp_d19), (DRIVER_WINDOWS["A"], DRIVER_WINDOWS["B"]), 10, 240, tmp_path / "two.mp4")
    page.set_input_files("#portrait", pair_png)
    expect(page.locator("#face-boxes .face-box")).to_have_count(2, timeout=30_000)
    page.check("input[name=driving_kind][value=faces]")
    for face, person in ((0, "1"), (1, "0")):
        row = page.locator(f"#face-list .face-row[data-face='{face}']")
        expect(row.locator(".face-of")).to_be_hidden()
        row.locator(".face-driver").select_option("file")
        row.locator(".face-file").set_input_files(two)
        row.locator(".face-driver-face").fill(person)
    page.click("#start")
    job = page.locator(".job").first
    expect(job.locator(".job-title")).to_have_text("pair.png × face 0: two.mp4@1, face 1: two.mp4@0", timeout=30_000)
    expect(job).to_have_attribute("data-status", "done", timeout=60_000)
