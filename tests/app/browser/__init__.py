"""The web app's pages in a real browser: one package, so that its one server and one Chromium (conftest.py) start
once for these tests and stop when they are done."""
