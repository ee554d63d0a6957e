"""Objects and a manifest advanced by conditional writes, on a local directory and on a real S3 API
server on loopback (moto's server, the same HTTP path a deployment uses, not a mocked client)."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from ucj.storage import objects as obj

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(params=["local", "s3"])
def where(request, tmp_path):
    """A fresh store location on each backend: a directory, or a new prefix in the test bucket."""
    if request.param == "local":
        return str(tmp_path / "objects")
    request.getfixturevalue("s3_endpoint")
    return f"s3://ucj-test/{uuid.uuid4().hex}"


def test_create_if_absent_lets_one_writer_win(where):
    store = obj.objects_at(where)
    store.put_new("manifests/0000000001.json", b"{}")
    with pytest.raises(obj.PreconditionFailed):
        store.put_new("manifests/0000000001.json", b'{"other": 1}')
    assert store.get("manifests/0000000001.json") == b"{}"
    assert obj.put_blob(store, b"rows") == obj.put_blob(store, b"rows")  # content-addressed, written once


def test_publish_builds_on_the_newest_version(where):
    store = obj.objects_at(where)
    for i in range(3):
        obj.publish(store, lambda m, i=i: {**m, "log": m["log"] + [i]})
    assert obj.latest(store) == obj.Manifest(3, {"log": [0, 1, 2]})


WRITER = """
import json, os, sys, time
sys.path.insert(0, {repo!r})
from ucj.storage import objects as obj
store = obj.objects_at(sys.argv[1])
name, trials, period = sys.argv[2], int(sys.argv[3]), sys.argv[4]
blob = obj.put_blob(store, f"{{name}}".encode())
start = float(sys.argv[5])
time.sleep(max(0, start - time.time()))
for trial in range(trials):
    def change(m, trial=trial):
        m.setdefault("periods", {{}}).setdefault(period if period != "own" else name, []).append([name, trial, blob])
        m["log"].append(f"{{name}}-{{trial}}")
        return m
    obj.publish(store, change)
"""


@pytest.mark.parametrize("case", ["same month", "different months"])
def test_two_processes_publishing_at_once_lose_no_version(where, tmp_path, case):
    """Two processes each publish 20 times at once (the same month, or each its own): 40 versions,
    every one of them kept, numbered without a gap."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(repo=str(REPO)))
    period = "2025-07" if case == "same month" else "own"
    start = time.time() + 1.5
    procs = [
        subprocess.Popen([sys.executable, str(script), where, name, "20", period, str(start)], env=os.environ.copy())
        for name in ("replica-a", "replica-b")
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    store = obj.objects_at(where)
    final = obj.latest(store)
    assert final.version == 40
    assert sorted(final.body["log"]) == sorted(f"replica-{r}-{t}" for r in "ab" for t in range(20))
    lost = 40 - len(final.body["log"])
    assert lost == 0
    versions = [obj._number(k) for k in store.list(obj.MANIFESTS)]
    assert versions == list(range(1, 41))


KILLED = """
import os, signal, sys
sys.path.insert(0, {repo!r})
from ucj.storage import objects as obj
store = obj.objects_at(sys.argv[1])
blob = obj.put_blob(store, b"half a publish")
if sys.argv[2] == "after-blob":
    os.kill(os.getpid(), signal.SIGKILL)
def change(m):
    m["log"].append(blob)
    if sys.argv[2] == "in-change":
        os.kill(os.getpid(), signal.SIGKILL)
    return m
obj.publish(store, change)
"""


@pytest.mark.parametrize("moment", ["after-blob", "in-change"])
def test_a_process_killed_mid_publish_leaves_the_old_version_readable(where, tmp_path, moment):
    store = obj.objects_at(where)
    obj.publish(store, lambda m: {**m, "log": ["first"]})
    script = tmp_path / "killed.py"
    script.write_text(KILLED.format(repo=str(REPO)))
    proc = subprocess.run([sys.executable, str(script), where, moment], env=os.environ.copy(), timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert obj.latest(store) == obj.Manifest(1, {"log": ["first"]})
    # The crash left an unreferenced blob at most; the sweep removes it and nothing else.
    assert len(obj.sweep(store)) == 1 and obj.sweep(store) == []
    assert obj.publish(store, lambda m: {**m, "log": [*m["log"], "next"]}).version == 2


def test_credentials_never_come_from_the_url():
    with pytest.raises(ValueError):
        obj.objects_at("s3:///no-bucket")
    assert json.dumps(obj.objects_at("s3://bucket/a/b").prefix) == '"a/b/"'


def test_history_lists_every_manifest_version_with_the_files_it_changed(where):
    store = obj.objects_at(where)
    a, b = obj.put_blob(store, b"a"), obj.put_blob(store, b"b")
    obj.publish(store, lambda body: {"files": {"audit.log": a, "manifest.json": a}, "at": 1.0})
    obj.publish(store, lambda body: {"files": {**body["files"], "snapshots/v1.parquet": b}, "at": 2.0, "parent": 1})
    obj.publish(store, lambda body: {"files": {"audit.log": b}, "at": 3.0, "parent": 2, "restored_from": 1})
    rows = obj.history(store)
    assert [(r["version"], r["at"], r["changed"], r["removed"]) for r in rows] == [
        (1, 1.0, ["audit.log", "manifest.json"], []),
        (2, 2.0, ["snapshots/v1.parquet"], []),
        (3, 3.0, ["audit.log"], ["manifest.json", "snapshots/v1.parquet"]),
    ]
    assert rows[2]["restored_from"] == 1 and obj.manifest_version(store, 2).body["parent"] == 1
    assert obj.manifest_version(store, 9) is None
