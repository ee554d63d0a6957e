"""In a real browser: a damaged store gives a signed-out visitor a message, never a traceback; a
file's cells in the upload report are shown as text, never as images, links or formulas."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from tests.conftest import csv_bytes
from tests.e2e.conftest import OFFICE_PASSWORD, _serve, shot
from tests.e2e.test_browser import wait_idle
from ucj.core.i18n import t


@pytest.fixture
def damaged_server(demo_dir, tmp_path):
    """The app over a copy of the sample whose accounts file is damaged (nobody can sign in)."""
    from ucj.services import users
    from ucj.storage.store import Store

    data = tmp_path / "data"
    shutil.copytree(demo_dir, data)
    users.add_user(Store(data), "admin", "admin", [], OFFICE_PASSWORD)
    (data / "accounts.json").write_text('{"format": 1, "users": {"admin": {"role"', encoding="utf-8")
    logs = tmp_path / "logs"
    logs.mkdir()
    for base in _serve(data, logs):
        yield base, data, logs


def test_a_signed_out_browser_with_a_damaged_store_sees_a_message(damaged_server, page):
    base, data, logs = damaged_server
    for path in ("", "wilayah", "unggah"):
        page.goto(f"{base}/{path}")
        wait_idle(page)
        expect(page.get_by_text(t("store_file_damaged", "id"))).to_be_visible()
        body = page.locator("body").inner_text()
        for bad in ("Traceback", 'File "', str(data), "/tmp", "JSONDecodeError", "Expecting"):
            assert bad not in body, (path, bad)
        assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "penyimpanan-rusak")
    assert "JSONDecodeError" in (logs / "streamlit.log").read_text()  # the trace is in the server log


def test_markdown_in_file_cells_is_shown_as_text(server, page, tmp_path):
    base, data = server
    cells = ["![x](http://example.com/a.png)", "[link](http://x)", "$x^2$", "http://evil.example"]
    bad = tmp_path / "markdown.csv"
    lines = ["periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI"]
    lines += [f"Juli 2025;{c};1.000;1;1;1;1" for c in cells]
    bad.write_bytes(csv_bytes(lines))
    page.goto(f"{base}/unggah")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    expect(page.get_by_text(re.compile("Berkas memuat \\d+ kesalahan"))).to_be_visible()
    wait_idle(page)
    report = page.locator('[data-testid="stTable"]')
    expect(report).to_be_visible()
    assert report.locator("img").count() == 0
    assert report.locator("a").count() == 0
    assert report.locator(".katex").count() == 0
    text = report.inner_text().replace("\u2060", "")
    for c in cells:
        assert c in text, c  # read literally
    shot(page, "unggah-markdown-sebagai-teks")
