"""``make live``: sphinx-autobuild serves one edition on 127.0.0.1 and rebuilds on save.

A small site (one page, the project's conf.py) keeps it quick: the server
starts, serves the page, rebuilds it after an edit, and is stopped.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGE = "---\nlast_reviewed: 2026-11-26\n---\n\n(home)=\n# {title}\n\nText.\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, words: str, seconds: float) -> str | None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        page = _get(url)
        if page and words in page:
            return page
        time.sleep(0.5)
    return None


@pytest.fixture
def live(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE.format(title="First title"), encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "live",
         f"PORT={port}", f"DOCS={docs}", f"BUILDDIR={tmp_path / '_build'}"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        yield docs, port, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_make_live_serves_and_rebuilds_on_save(live):
    docs, port, server = live
    url = f"http://127.0.0.1:{port}/index.html"
    page = _wait_for(url, "First title", 120)
    if page is None:
        server.terminate()
        pytest.fail(
            "make live served nothing:\n" + (server.communicate(timeout=20)[0] or "")
        )
    (docs / "index.md").write_text(PAGE.format(title="Second title"), encoding="utf-8")
    assert _wait_for(url, "Second title", 120), "no rebuild after the page was saved"
    # Only this machine can reach it.
    probe = socket.socket()
    try:
        probe.settimeout(2)
        address = socket.gethostbyname(socket.gethostname())
        if address != "127.0.0.1":
            assert probe.connect_ex((address, port)) != 0
    finally:
        probe.close()


def test_make_live_builds_one_edition_at_a_time():
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "live", "LANGS=es fr"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    assert "make live builds one edition: make live LANGS=es" in done.stderr
