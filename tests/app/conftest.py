import os
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ucj.storage.store import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def sample_dir(demo_dir, tmp_path, monkeypatch, request):
    """A private copy of the sample data; the app reads it through UCJ_DATA_DIR. With
    UCJ_TEST_BACKEND=s3 the sample is copied to a fresh shared store on moto's S3 server and the
    directory is the app's replica copy of it (UCJ_STORE)."""
    d = tmp_path / "data"
    if os.environ.get("UCJ_TEST_BACKEND") == "s3":
        import uuid

        from ucj.storage.replica import copy_to

        request.getfixturevalue("s3_endpoint")
        url = f"s3://ucj-test/{uuid.uuid4().hex}"
        copy_to(demo_dir, url)
        monkeypatch.setenv("UCJ_STORE", url)
    else:
        shutil.copytree(demo_dir, d)
    monkeypatch.setenv("UCJ_DATA_DIR", str(d))
    return d


@pytest.fixture
def empty_dir(tmp_path, monkeypatch):
    d = tmp_path / "empty"
    monkeypatch.setenv("UCJ_DATA_DIR", str(d))
    return d


def open_app(page: str | None = None, **query) -> AppTest:
    """The app at ``page`` (a file under app_pages/) with the given query parameters, after one run."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({k: v for k, v in query.items() if v is not None})
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}")
        at.run()
    return at


def shown(markdown: str) -> str:
    """Markdown source as a reader sees it: backslash escapes (user text is escaped) removed."""
    return re.sub(r"\\(.)", r"\1", str(markdown))


def texts(at: AppTest) -> str:
    """Everything the page wrote as text, for assertions on what a user reads."""
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [s.value for s in at.subheader]
    parts += [c.value for c in at.caption] + [i.value for i in at.info] + [e.value for e in at.error]
    parts += [s.value for s in at.success] + [w.value for w in at.warning]
    return "\n".join(shown(p) for p in parts)


def store_of(d: Path) -> Store:
    """The store the app under test reads: the directory, or its replica of the shared store."""
    if os.environ.get("UCJ_STORE"):
        from ucj.storage.replica import replicated_store

        return replicated_store(d, os.environ["UCJ_STORE"])
    return Store(d)


def warnings(at: AppTest) -> list[str]:
    """The page's warnings as read, without the local-mode banner every page shows."""
    return [shown(w.value) for w in at.warning if not shown(w.value).startswith("Mode lokal")]
