import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from hypothesis import HealthCheck, settings

from ucj.query import Revision
from ucj.services.demo import write_demo
from ucj.storage.store import Store

settings.register_profile("ci", deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# The fixtures whose store is the shared S3 store when UCJ_TEST_BACKEND=s3 (here, in tests/app and
# tests/e2e). A test that uses none of them runs the same code in both passes of `make test`.
BACKEND_FIXTURES = frozenset({"store", "sample_dir", "server", "office_server"})


def pytest_collection_modifyitems(config, items):
    """On the shared-store pass, run the tests that open a store through a backend fixture; the
    others ran already, unchanged, on the local pass. Browser tests of how a page is laid out
    (marked ``layout``) draw the same figures over either store and run on the local pass only."""
    if os.environ.get("UCJ_TEST_BACKEND") != "s3":
        return
    keep = [
        item
        for item in items
        if BACKEND_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("layout") is None
    ]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


@pytest.fixture
def store(tmp_path, request) -> Store:
    """An empty store in a temporary directory; with UCJ_TEST_BACKEND=s3, a replica's copy of an
    empty shared store on moto's S3 server (`make test` runs the store's tests both ways)."""
    if os.environ.get("UCJ_TEST_BACKEND") == "s3":
        import uuid

        from ucj.storage.replica import replicated_store

        request.getfixturevalue("s3_endpoint")
        url = f"s3://ucj-test/{uuid.uuid4().hex}"
        request.getfixturevalue("monkeypatch").setenv("UCJ_STORE", url)  # the CLI and the app open it too
        return replicated_store(tmp_path / "data", url)
    return Store(tmp_path / "data")


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    """The sample data set, written once into a temporary directory (never the shipped data/)."""
    d = tmp_path_factory.mktemp("demo") / "data"
    write_demo(Store(d))
    return d


@pytest.fixture
def demo_store(demo_dir) -> Store:
    return Store(demo_dir)


def read(query, store, *args, **kwargs):
    """``query(revision, *args, **kwargs)`` over ``store`` as it is now, in a Revision of its own
    (closed afterwards): a test's one-off read between two writes."""
    with Revision(store) as revision:
        return query(revision, *args, **kwargs)


def csv_bytes(lines: list[str], sep: str = ",", bom: bool = False, crlf: bool = False, encoding="utf-8") -> bytes:
    """A CSV file as an analyst's export would write it."""
    text = ("\r\n" if crlf else "\n").join(line.replace(",", sep) if sep != "," else line for line in lines) + (
        "\r\n" if crlf else "\n"
    )
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


@contextlib.contextmanager
def processes(workers: int):
    """A pool of separate processes, as separate app processes are: started fresh (spawn), not forked
    from this one with its open database and its threads. A spawned process imports the parent's
    ``__main__`` first; after an AppTest run that can be a page script, so the pool starts under a
    plain ``__main__`` instead."""
    import multiprocessing
    import sys
    import types
    from concurrent.futures import ProcessPoolExecutor

    real = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool
    finally:
        if real is not None:
            sys.modules["__main__"] = real


# moto's standalone server, one request at a time: S3 makes a conditional write atomic, and so must
# the test server (moto's own `moto_server` serves requests on several threads without a lock).
MOTO = """
import sys
from werkzeug.serving import run_simple
from moto.server import DomainDispatcherApplication, create_backend_app
from moto.moto_server.threaded_moto_server import MotoRequestHandler
run_simple("127.0.0.1", int(sys.argv[1]), DomainDispatcherApplication(create_backend_app), threaded=False,
           request_handler=MotoRequestHandler)
"""
S3_ENV = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="session")
def s3_endpoint():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", MOTO, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError as exc:
            if getattr(exc, "code", None):  # an HTTP answer, even an error: it is up
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("moto server did not start") from exc
            time.sleep(0.2)
    old = {k: os.environ.get(k) for k in [*S3_ENV, "AWS_ENDPOINT_URL"]}
    os.environ.update({**S3_ENV, "AWS_ENDPOINT_URL": url})
    import boto3

    boto3.client("s3").create_bucket(Bucket="ucj-test")
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
