"""Headless Chromium for the tests of the HTML pages (the report, the trace).

Chromium is Debian's package (`.ci/run` installs it); where it is missing
the browser tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
WINDOW = (1280, 1000)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium: .ci/run installs Debian's chromium package")
        pytest.skip("no Chromium here")
    return found


def browse(chromium: str, tmp_path: Path, *args: str) -> str:
    """What Chromium prints for `args` (the DOM with --dump-dom), in a
    profile of its own under `tmp_path`."""
    done = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return done.stdout.decode("utf-8")


def screenshot_size(chromium: str, tmp_path: Path, page: Path) -> tuple[int, int]:
    """The page drawn in a 1280x1000 window: the PNG's width and height."""
    shot = tmp_path / "page.png"
    browse(chromium, tmp_path, f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}", page.as_uri())
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])
