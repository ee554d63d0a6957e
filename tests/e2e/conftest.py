"""A real ``streamlit run app.py`` on a free local port, driven by headless Debian Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
# A CI machine may be slower and busier than a developer's: every expectation waits up to 20 s.
expect.set_options(timeout=20_000)
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("UCJ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _shared(source: Path, request) -> dict[str, str]:
    """With UCJ_TEST_BACKEND=s3: ``source`` copied to a fresh shared store on moto's S3 server, and
    the environment that makes the app a replica of it; else nothing."""
    if os.environ.get("UCJ_TEST_BACKEND") != "s3":
        return {}
    import uuid

    from ucj.storage.replica import copy_to

    request.getfixturevalue("s3_endpoint")
    url = f"s3://ucj-test/{uuid.uuid4().hex}"
    copy_to(source, url)
    return {"UCJ_STORE": url}


def _serve(data: Path, logs: Path, extra: dict[str, str] | None = None, script: str = "app.py"):
    """``streamlit run app.py`` (or ``serve.py``, the app with its session-cookie route) on a free
    port over ``data``; yields the base URL, then stops it."""
    port = _free_port()
    env = {
        **os.environ,
        **(extra or {}),
        "UCJ_DATA_DIR": str(data),
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }
    log = open(logs / "streamlit.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / script)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"streamlit did not start; see {log.name}")
        time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def server(demo_dir, tmp_path_factory, request):
    """The app in local mode on a private copy of the sample data (with UCJ_TEST_BACKEND=s3: a
    replica of a shared store holding it); yields (base URL, data directory)."""
    data = tmp_path_factory.mktemp("e2e") / "data"
    shutil.copytree(demo_dir, data)
    extra = _shared(data, request)
    for base in _serve(data, tmp_path_factory.mktemp("log"), extra):
        yield base, data


OFFICE_PASSWORD = "rahasia-kota-2025"


@pytest.fixture(scope="session")
def office_server(demo_dir, tmp_path_factory, request):
    """The app with accounts (admin, ani: analyst of Kota Jambi, wali: viewer), served by serve.py;
    yields (URL, data)."""
    from ucj.services import users
    from ucj.storage.store import Store

    data = tmp_path_factory.mktemp("office") / "data"
    shutil.copytree(demo_dir, data)
    store = Store(data)
    users.add_user(store, "admin", "admin", [], OFFICE_PASSWORD)
    users.add_user(store, "ani", "analyst", ["15.71"], OFFICE_PASSWORD, actor="admin")
    users.add_user(store, "wali", "viewer", [], OFFICE_PASSWORD, actor="admin")
    extra = _shared(data, request)
    # As `make run` serves it: with serve.py's route for the HttpOnly session cookie.
    for base in _serve(data, tmp_path_factory.mktemp("officelog"), extra, script="serve.py"):
        yield base, data


@pytest.fixture(scope="session")
def browser():
    # Fails, never skips, without the browser: CI installs it (.ci/run), a developer must too.
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="id-ID", accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
