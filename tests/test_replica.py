"""Several app processes over one store on S3-compatible storage (moto's server on loopback): each
works on its own copy, every write is published by a conditional write, nothing is lost."""

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import read
from ucj import query
from ucj.cli import main
from ucj.services import service
from ucj.storage.replica import local_version, replicated_store

REPO = Path(__file__).resolve().parent.parent
HEADER = "period,region_code,workforce,PU,BPU,JAKON,PMI"


@pytest.fixture
def bucket_url(s3_endpoint):
    return f"s3://ucj-test/{uuid.uuid4().hex}"


def test_a_local_store_copied_to_s3_reads_the_same_on_a_fresh_replica(demo_dir, tmp_path, bucket_url, capsys):
    source = tmp_path / "source"
    shutil.copytree(demo_dir, source)
    assert main(["store", "copy", "--to", bucket_url, "--data-dir", str(source)]) == 0
    assert "versi 1" in capsys.readouterr().out
    replica = replicated_store(tmp_path / "replica", bucket_url)
    assert replica.check() == []
    jambi = read(query.coverage_by_region, replica, "2025-07").set_index("region_code").loc["15.71", "coverage_pct"]
    assert jambi == 48.44 and replica.periods() == replica.__class__.__mro__[1](source).periods()


WRITER = """
import sys, time
sys.path.insert(0, {repo!r})
from ucj.services import service
from ucj.storage.replica import replicated_store
url, data_dir, name, period_mode, start = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
store = replicated_store(data_dir, url)
time.sleep(max(0, start - time.time()))
for trial in range(20):
    period = "2025-07" if period_mode == "same" else f"{{2000 + trial}}-{{'07' if name == 'a' else '08'}}"
    csv = f"{HEADER}\\n{{period}},15.71,289714,{{90000 + trial}},45000,4349,1000\\n".encode()
    out = service.ingest(store, csv, f"{{name}}-{{trial}}.csv", user=f"replica-{{name}}", accept_warnings=True)
    assert out.stored, out.summary()
"""


@pytest.mark.parametrize("mode", ["same", "different"])
def test_two_replicas_publishing_at_once_lose_no_version(tmp_path, bucket_url, mode):
    """Two app processes, each with its own copy, publish 20 files each at once: the same month, or
    months of their own. Every upload is a version of the shared store, the audit chain is whole."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(repo=str(REPO), HEADER=HEADER))
    start = time.time() + 2
    procs = [
        subprocess.Popen([sys.executable, str(script), bucket_url, str(tmp_path / name), name, mode, str(start)])
        for name in "ab"
    ]
    assert [p.wait(timeout=600) for p in procs] == [0, 0]
    fresh = replicated_store(tmp_path / "fresh", bucket_url)
    versions = fresh.versions()
    assert len(versions) == 40  # 0 lost versions
    assert sorted(versions["user"]).count("replica-a") == 20 and sorted(versions["user"]).count("replica-b") == 20
    if mode == "same":
        assert sorted(versions["version"]) == list(range(1, 41))
    else:
        assert len(fresh.periods()) == 40
    assert fresh.check() == []
    events = [e["event"] for e in fresh.audit.entries()]
    assert events.count("upload_published") == 40


KILLED = """
import os, signal, sys
sys.path.insert(0, {repo!r})
from ucj.services import service
from ucj.storage import store as store_mod
from ucj.storage.replica import replicated_store
store = replicated_store(sys.argv[2], sys.argv[1])
real = store_mod.Store._save_manifest
def die(self, m):
    real(self, m)  # the copy is changed, the object store is not: killed before publishing
    os.kill(os.getpid(), signal.SIGKILL)
store_mod.Store._save_manifest = die
csv = b"period,region_code,workforce,PU,BPU,JAKON,PMI\\n2025-08,15.71,289714,99000,45000,4349,1000\\n"
service.ingest(store, csv, "killed.csv", user="crash", accept_warnings=True)
"""


def test_a_replica_killed_mid_publish_leaves_the_shared_store_as_it_was(tmp_path, bucket_url):
    first = replicated_store(tmp_path / "first", bucket_url)
    csv = f"{HEADER}\n2025-07,15.71,289714,90000,45000,4349,1000\n".encode()
    assert service.ingest(first, csv, "juli.csv", user="ani").stored
    script = tmp_path / "killed.py"
    script.write_text(KILLED.format(repo=str(REPO)))
    copy = tmp_path / "killed-copy"
    proc = subprocess.run([sys.executable, str(script), bucket_url, str(copy)], timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert local_version(copy) == -1  # the dead replica's copy says it is not to be trusted
    again = replicated_store(copy, bucket_url)  # a restart: the copy is replaced by the shared store
    assert again.periods() == ["2025-07"] and again.check() == []
    assert replicated_store(tmp_path / "other", bucket_url).periods() == ["2025-07"]


def test_a_publish_on_one_replica_shows_on_another_within_seconds(tmp_path, bucket_url):
    a = replicated_store(tmp_path / "a", bucket_url)
    b = replicated_store(tmp_path / "b", bucket_url)
    csv = f"{HEADER}\n2025-07,15.71,289714,90000,45000,4349,1000\n".encode()
    t = time.monotonic()
    assert service.ingest(a, csv, "juli.csv", user="ani").stored
    assert b.periods() == []
    assert b.refresh() and b.periods() == ["2025-07"]  # one LIST on the rerun, then the changed files
    assert time.monotonic() - t < 5
    assert not b.refresh()  # nothing new: no download


def test_a_refusal_is_audited_on_the_shared_store(tmp_path, bucket_url):
    from ucj.core.accounts import AccessDenied
    from ucj.services import users

    a = replicated_store(tmp_path / "a", bucket_url)
    users.add_user(a, "admin", "admin", [], "rahasia-kota-2025")
    users.add_user(a, "ani", "analyst", ["15.71"], "rahasia-kota-2025", actor="admin")
    rows = service.check_file(a, f"{HEADER}\n2025-07,61.03,220618,1,1,1,1\n".encode(), "x.csv").rows
    with pytest.raises(AccessDenied):
        a.publish(rows, period="2025-07", user="ani", file_name="x.csv", sha256="0" * 64)
    b = replicated_store(tmp_path / "b", bucket_url)
    assert [e["event"] for e in b.audit.entries()][-1] == "access_denied"
    assert sorted(b.accounts()) == ["admin", "ani"] and b.check() == []


def test_without_ucj_store_nothing_changes(tmp_path, monkeypatch):
    from ucj.core.settings import load_settings
    from ucj.storage.replica import open_store
    from ucj.storage.store import Store

    monkeypatch.delenv("UCJ_STORE", raising=False)
    assert type(open_store(load_settings().with_data_dir(tmp_path))) is Store
    assert os.environ.get("UCJ_STORE") is None


def test_store_copy_onto_a_live_store_is_refused_unless_replace_names_its_version(
    demo_dir, tmp_path, bucket_url, capsys
):
    source = tmp_path / "source"
    shutil.copytree(demo_dir, source)
    live = replicated_store(tmp_path / "live", bucket_url)
    csv = f"{HEADER}\n2025-07,15.71,289714,90000,45000,4349,1000\n".encode()
    for n in range(3):
        assert service.ingest(live, csv.replace(b"90000", str(90000 + n).encode()), f"{n}.csv", user="ani").stored
    capsys.readouterr()
    assert main(["store", "copy", "--to", bucket_url, "--data-dir", str(source)]) == 2
    err = capsys.readouterr().err
    assert "sudah berisi 3 versi manifest" in err and "already holds 3 manifest versions" in err
    assert "--replace 3" in err
    assert main(["store", "copy", "--to", bucket_url, "--replace", "2", "--data-dir", str(source)]) == 2
    fresh = replicated_store(tmp_path / "fresh", bucket_url)
    assert len(fresh.versions()) == 3 and fresh.periods() == ["2025-07"]  # nothing replaced
    assert main(["store", "copy", "--to", bucket_url, "--replace", "3", "--data-dir", str(source)]) == 0
    assert "versi 4" in capsys.readouterr().out
    assert fresh.refresh() and fresh.periods() == replicated_store.__globals__["Store"](source).periods()


def test_store_history_lists_versions_and_restore_writes_a_new_one_equal_to_an_earlier(tmp_path, bucket_url, capsys):
    import json

    from ucj.services import users

    a = replicated_store(tmp_path / "a", bucket_url)
    users.add_user(a, "adi", "admin", [], "rahasia-kota-2025")  # version 1
    users.add_user(a, "ani", "analyst", ["15.71"], "rahasia-kota-2025", actor="adi")  # version 2
    csv = f"{HEADER}\n2025-07,15.71,289714,90000,45000,4349,1000\n".encode()
    assert service.ingest(a, csv, "juli.csv", user="ani").stored  # version 3
    assert service.ingest(a, csv.replace(b"90000", b"10"), "salah.csv", user="ani", accept_warnings=True).stored
    d = str(tmp_path / "cli")
    capsys.readouterr()
    assert main(["store", "history", "--store", bucket_url, "--data-dir", d]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == ["1", "2", "3", "4"]
    assert "snapshots/period=2025-07/v0001.parquet" in out[2] and "v0002.parquet" in out[3]
    assert out[1].endswith("accounts.json")
    assert main(["store", "history", "--json", "--store", bucket_url, "--data-dir", d]) == 0
    assert [r["version"] for r in json.loads(capsys.readouterr().out)] == [1, 2, 3, 4]

    # The analyst may not restore; the admin restores version 3 (before the bad upload) as version 5.
    assert main(["store", "restore", "3", "--store", bucket_url, "--user", "ani", "--data-dir", d]) == 2
    assert main(["store", "restore", "9", "--store", bucket_url, "--user", "adi", "--data-dir", d]) == 2
    assert "no manifest version 9" in capsys.readouterr().err
    assert main(["store", "restore", "3", "--store", bucket_url, "--user", "adi", "--data-dir", d]) == 0
    assert "versi manifest 3 dipulihkan sebagai versi baru" in capsys.readouterr().out
    fresh = replicated_store(tmp_path / "fresh", bucket_url)
    assert list(fresh.versions()["version"]) == [1]
    assert (
        read(query.coverage_by_region, fresh, "2025-07").set_index("region_code").loc["15.71", "coverage_pct"] == 48.44
    )
    last = fresh.audit.entries()[-1]
    assert (last["event"], last["user"], last["detail"]) == (
        "store_restored",
        "adi",
        {"from_version": 3, "replaced_version": 5},  # 5: the analyst's refusal, audited
    )
    assert fresh.check() == []
    assert main(["store", "history", "--store", bucket_url, "--data-dir", d]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("restore of version 3")
    # Nothing was deleted: the bad upload is still version 4 in the history, and the store takes writes.
    assert service.ingest(fresh, csv.replace(b"90000", b"93000"), "juli-2.csv", user="ani").stored


def test_a_replica_that_pulls_a_tampered_log_refuses_to_publish(tmp_path, bucket_url, capsys):
    from ucj.storage import objects as obj
    from ucj.storage.replica import push
    from ucj.storage.store import StoreDamaged

    a = replicated_store(tmp_path / "a", bucket_url)
    csv = f"{HEADER}\n2025-07,15.71,289714,90000,45000,4349,1000\n".encode()
    assert service.ingest(a, csv, "juli.csv", user="ani").stored
    a.audit.append("sign_in", None)
    # Someone with write access to the bucket publishes a copy whose log lost its last line.
    evil = tmp_path / "evil"
    shutil.copytree(a.data_dir, evil)
    log = evil / "audit.log"
    log.write_text("".join(x + "\n" for x in log.read_text().splitlines()[:-1]))
    push(a.objects, evil, obj.latest(a.objects).version, mark=False)
    b = replicated_store(tmp_path / "b", bucket_url)
    assert any("audit.head" in p for p in b.check())
    with pytest.raises(StoreDamaged):
        service.ingest(b, csv.replace(b"90000", b"93000"), "juli-2.csv", user="ani")
    assert obj.latest(a.objects).version == 3  # nothing published on top of it
    capsys.readouterr()
    assert main(["store", "copy", "--to", f"{bucket_url}-2", "--data-dir", str(b.data_dir)]) == 1
    assert "audit.head" in capsys.readouterr().err  # and it is not spread to another store
    # The admin puts back the last intact version (3 is the tampered one) and writes go on.
    cli = tmp_path / "cli"
    assert main(["store", "restore", "3", "--store", bucket_url, "--data-dir", str(cli)]) == 2
    assert "Manifest version 3 is not intact" in capsys.readouterr().err
    assert main(["store", "restore", "2", "--store", bucket_url, "--data-dir", str(cli)]) == 0
    assert not cli.exists()  # the directory the command ran in is left alone
    assert b.refresh() and b.check() == []
    assert service.ingest(b, csv.replace(b"90000", b"93000"), "juli-2.csv", user="ani").stored
