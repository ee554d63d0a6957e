"""The app's error boundary: a damaged or unreachable store gives a readable message, in the chosen
language, on the sign-in screen and on every page; no traceback, server path, URL or bucket."""

import json

import pytest

from tests.app.conftest import open_app, shown, store_of, texts
from ucj.core.i18n import t
from ucj.services import users

PASSWORD = "rahasia-kota-2025"


def everything(at) -> str:
    """Every element of the run (exceptions included) as its protobuf text: what a browser gets."""
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def assert_no_trace(at, *secrets: str) -> None:
    seen = everything(at)
    assert not at.exception
    for bad in ("Traceback", 'File \\"', 'File "', "/tmp", *secrets):
        assert bad not in seen, bad


def test_a_damaged_accounts_file_shows_a_message_on_the_sign_in_screen(sample_dir, caplog):
    s = store_of(sample_dir)
    users.add_user(s, "admin", "admin", [], PASSWORD)
    (sample_dir / "accounts.json").write_text('{"users": {"admin": ', encoding="utf-8")
    at = open_app(period="2025-07", region="15.71")
    assert_no_trace(at, str(sample_dir))
    assert t("store_file_damaged", "id") in [shown(e.value) for e in at.error]
    assert not at.metric and not at.text_input  # neither figures nor a sign-in form
    assert "JSONDecodeError" in caplog.text  # the trace is in the server log


def test_the_message_follows_the_links_language(sample_dir):
    users.add_user(store_of(sample_dir), "admin", "admin", [], PASSWORD)
    (sample_dir / "accounts.json").write_text("{", encoding="utf-8")
    at = open_app(lang="en")
    assert t("store_file_damaged", "en") in [shown(e.value) for e in at.error]


@pytest.mark.parametrize("page", [None, "regions.py", "upload.py", "targets.py", "jakon.py"])
def test_an_unreadable_manifest_shows_a_message_on_every_page(sample_dir, page):
    at = open_app(page, period="2025-07", region="15.71")  # opened while the store is whole
    (sample_dir / "manifest.json").write_bytes(b"\x00garbage{")
    at.run()
    assert_no_trace(at, str(sample_dir))
    assert t("store_file_damaged", "id") in texts(at)


def test_a_read_only_data_directory_shows_a_message_when_signing_in(sample_dir, monkeypatch):
    import errno

    from ucj.storage.audit import AuditLog

    s = store_of(sample_dir)
    users.add_user(s, "admin", "admin", [], PASSWORD)

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(sample_dir / "audit.log"))

    # A sign-in writes no account file, but it does write its audit line.
    monkeypatch.setattr(AuditLog, "append", read_only)
    at = open_app()
    at.text_input(key="sign_in_name").input("admin")
    at.text_input(key="sign_in_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    assert_no_trace(at, str(sample_dir))
    assert t("store_read_only", "id") in texts(at)


def test_an_unreachable_shared_store_shows_a_message(tmp_path, monkeypatch):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("UCJ_DATA_DIR", str(tmp_path / "replica"))
    monkeypatch.setenv("UCJ_STORE", "s3://ucj-secret-bucket/kantor")
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "very-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    at = open_app()
    assert_no_trace(at, "ucj-secret-bucket", f"127.0.0.1:{port}", "AKIAEXAMPLEKEY", "very-secret")
    assert t("store_unreachable", "id") in texts(at)


def test_the_config_hides_error_details():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert json.dumps(config)  # a valid file


MARKDOWN_CELLS = ["![x](http://example.com/a.png)", "[link](http://x)", "$x^2$", "http://evil.example"]


def _report_of(at) -> "list[str]":
    [report] = at.table
    frame = report.value.reset_index()
    return [str(v) for v in frame.to_numpy().ravel()]


def test_markdown_in_a_file_cell_is_shown_as_text_in_the_report(sample_dir):
    from ucj.core.fmt import WORD_JOINER, escape_md

    lines = ["period,region_code,sector,participants,workforce"]
    lines += [f"2025-07,{cell},PU,1000,5000" for cell in MARKDOWN_CELLS]
    at = open_app("upload.py", period="2025-07", region="15.71")
    at.file_uploader[0].upload("juli.csv", "\n".join(lines).encode(), "text/csv")
    at.run()
    assert not at.exception
    cells = _report_of(at)
    for payload in MARKDOWN_CELLS:
        assert escape_md(payload) in cells, payload  # every syntax character escaped: read as written
        assert payload not in cells
        assert shown(escape_md(payload)).replace(WORD_JOINER, "") == payload
    assert not any("://" in c for c in cells)  # no bare URL left for the autolinker
