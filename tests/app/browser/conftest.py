"""The browser tests' live server and Chromium (Debian's, driven by playwright's sync API), each started once for
this package and stopped after its last test: while playwright's sync API is alive it marks an asyncio loop as
running in the main thread (`playwright/_impl/_greenlets.py`), which the rest of the suite must not see. Without
Chromium the tests are skipped (CI must have it: scripts/test.sh installs it)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from facereel.app.server import create_app
from facereel.motion.presets import PRESETS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists() and os.environ.get("CI"):  # CI must test in a real browser
    raise RuntimeError(f"{CHROMIUM} is absent in CI; scripts/test.sh should have installed Debian's chromium")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="package")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (scripts/test.sh installs Debian's chromium)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture(scope="package")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`facereel app`'s server (uvicorn) on a free localhost port, in a thread."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(tmp_path_factory.mktemp("work")), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser: BrowserContext, base_url: str) -> Iterator[Page]:
    """The app's page, loaded; fails the test if it asks for anything outside the server."""
    page = browser.new_page()
    outside: list[str] = []
    own = (base_url, f"blob:{base_url}")  # blob: = the portrait preview, made in the page
    page.on("request", lambda request: None if request.url.startswith(own) else outside.append(request.url))
    page.goto(base_url)
    expect(page.locator("#preset option")).to_have_count(len(PRESETS))
    expect(page.locator("#jobs")).not_to_have_attribute("aria-busy", "true")  # the job list has loaded
    yield page
    page.close()
    assert not outside, f"the page loaded from elsewhere: {outside}"
