"""Failures outside a user's control, as the command line says them: the shared store's address,
an endpoint that is down or frozen, a missing bucket, an outage mid-publish. Exit 1, a message in
both languages, no traceback, URL, bucket or credential; every S3 call bounded in time."""

import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import csv_bytes
from ucj.cli import main
from ucj.core.failures import failure_message
from ucj.core.i18n import both
from ucj.core.settings import Settings
from ucj.storage.objects import s3_config

SECRETS = ("ucj-secret-bucket", "AKIAEXAMPLEKEY", "very-secret")


@pytest.fixture
def s3_env(tmp_path, monkeypatch):
    monkeypatch.setenv("UCJ_DATA_DIR", str(tmp_path / "replica"))
    monkeypatch.setenv("UCJ_STORE", "s3://ucj-secret-bucket/kantor")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "very-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    return monkeypatch


def run(*argv):
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_clean(text: str, *more: str) -> None:
    for bad in ("Traceback", 'File "', *SECRETS, *more):
        assert bad not in text, bad


def test_a_store_address_without_a_bucket_is_said_in_both_languages(tmp_path):
    env = {"UCJ_STORE": "s3://", "UCJ_DATA_DIR": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "ucj", "status"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == both("store_address_bad")


def test_an_endpoint_that_is_down_at_start(s3_env):
    port = free_port()  # nobody listens there
    s3_env.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
    start = time.monotonic()
    code, out, err = run("status")
    assert code == 1 and err.strip() == both("store_unreachable")
    assert_clean(out + err, str(port))
    assert time.monotonic() - start < 15


def test_a_frozen_endpoint_fails_within_the_configured_bounds(s3_env):
    with socket.socket() as frozen:  # accepts connections (the kernel does) but never answers
        frozen.bind(("127.0.0.1", 0))
        frozen.listen(16)
        s3_env.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{frozen.getsockname()[1]}")
        s3_env.setenv("UCJ_S3_READ_TIMEOUT_S", "1")
        s3_env.setenv("UCJ_S3_ATTEMPTS", "2")
        start = time.monotonic()
        code, out, err = run("status")
        elapsed = time.monotonic() - start
    assert code == 1 and err.strip() == both("store_unreachable")
    assert_clean(out + err)
    assert 1.5 < elapsed < 8  # two tries of one second each, and a second of back-off at most


def test_the_default_bounds_give_up_within_about_30_seconds():
    config = s3_config(Settings())
    assert (config.connect_timeout, config.read_timeout) == (5.0, 8.0)
    assert config.retries == {"total_max_attempts": 3, "mode": "standard"}
    # Worst case, a frozen endpoint: each try waits the read timeout, with up to 1 s and 2 s between.
    assert 3 * 8.0 + 1 + 2 <= 30


def test_a_missing_bucket(s3_endpoint, tmp_path, monkeypatch):
    monkeypatch.setenv("UCJ_DATA_DIR", str(tmp_path / "replica"))
    monkeypatch.setenv("UCJ_STORE", "s3://no-such-bucket-here/kantor")
    code, out, err = run("status")
    assert code == 1 and err.strip() == both("store_no_bucket")
    assert_clean(out + err, s3_endpoint)


def test_an_outage_mid_publish_says_the_store_is_unreachable(store, tmp_path, monkeypatch):
    from botocore.exceptions import EndpointConnectionError

    from ucj.storage import objects, replica

    def down(*args, **kwargs):
        raise EndpointConnectionError(endpoint_url="http://minio.internal:9000/ucj-secret-bucket/x")

    monkeypatch.setattr(replica.obj, "put_blob", down)
    monkeypatch.setattr(objects.LocalObjects, "put_new", down)
    monkeypatch.setattr(objects.S3Objects, "put_new", down)
    monkeypatch.setenv("UCJ_DATA_DIR", str(store.data_dir))
    if not getattr(store, "url", None):  # the local backend has no object store: a replica of a directory
        monkeypatch.setenv("UCJ_STORE", str(tmp_path / "objects"))
    f = tmp_path / "juli.csv"
    f.write_bytes(csv_bytes(["period,region_code,sector,participants,workforce", "2025-07,15.71,PU,1000,5000"]))
    code, out, err = run("ingest", str(f), "--user", "admin")
    assert code == 1, err
    assert both("store_unreachable") in err and "Internal error" not in err
    assert_clean(out + err, "minio.internal")


@pytest.mark.parametrize(
    "exc, key",
    [
        (PermissionError(13, "Permission denied", "/srv/ucj/data/x"), "store_read_only"),
        (OSError(30, "Read-only file system", "/srv/ucj/data/x"), "store_read_only"),
        (OSError(28, "No space left on device", "/srv/ucj/data/x"), "store_disk_full"),
        (ValueError("odd"), "unexpected_error"),
    ],
)
def test_failures_are_named_without_their_paths(exc, key):
    got, params = failure_message(exc)
    assert got == key and "/srv" not in str(params)


def test_an_unexpected_failure_does_not_point_to_a_server_log(tmp_path, monkeypatch):
    from ucj.query import Revision

    def boom(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(Revision, "latest_period", boom)
    code, out, err = run("status", "--data-dir", str(tmp_path / "d"))
    assert code == 1 and err.strip() == both("cli_internal_error", detail="ZeroDivisionError")
    monkeypatch.setenv("UCJ_DEBUG", "1")
    code, out, err = run("status", "--data-dir", str(tmp_path / "d"))
    assert "Traceback" in err and "ZeroDivisionError" in err


def test_a_refused_write_reads_as_its_own_message_not_an_unexpected_error(tmp_path):
    """A button's write on a damaged store (StoreDamaged) tells the admin what to run, rather than
    "unexpected error (StoreDamaged)"."""
    from ucj.core.failures import failure_message
    from ucj.core.i18n import t
    from ucj.storage.store import StoreDamaged

    exc = StoreDamaged("store_damaged", n=2, first="audit.log line 3: altered")
    key, params = failure_message(exc)
    assert key == "store_damaged"
    assert "python -m ucj check" in t(key, "id", **params)
