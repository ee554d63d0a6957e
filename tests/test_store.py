"""The snapshot store: versions, rollback, crash safety, concurrent writers."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import csv_bytes, processes
from ucj import db, service
from ucj.store import Store, StoreError

HEADER = "period,region_code,workforce,PU,BPU,JAKON,PMI"
REPO = Path(__file__).resolve().parent.parent


def jambi(participants_pu: int, period: str = "2025-07") -> bytes:
    return csv_bytes([HEADER, f"{period},15.71,289714,{participants_pu},45000,4349,1000"])


def jambi_coverage(store, period="2025-07"):
    return db.coverage_by_region(store, period).set_index("region_code").loc["15.71", "coverage_pct"]


def test_reupload_creates_a_version_and_rollback_restores_the_earlier_figures(store):
    first = service.ingest(store, jambi(90000), "juli.csv", user="ani")
    assert jambi_coverage(store) == 48.44
    second = service.ingest(store, jambi(93000), "juli-revisi.csv", user="budi")
    assert (first.version.version, second.version.version) == (1, 2)
    assert jambi_coverage(store) == 49.48
    versions = store.versions("2025-07")
    assert list(versions["version"]) == [2, 1]
    assert list(versions["active"]) == [True, False]
    assert list(versions["user"]) == ["budi", "ani"]
    assert list(versions["file_name"]) == ["juli-revisi.csv", "juli.csv"]
    assert versions["sha256"].str.len().tolist() == [64, 64]
    store.rollback("2025-07", 1, user="ani")
    assert jambi_coverage(store) == 48.44
    assert store.versions("2025-07")["active"].tolist() == [False, True]
    assert [e["action"] for e in store.log()] == ["upload", "upload", "rollback"]
    # The superseded version is still there to go back to.
    store.rollback("2025-07", 2)
    assert jambi_coverage(store) == 49.48


def test_rollback_to_an_unknown_version(store):
    service.ingest(store, jambi(90000), "juli.csv")
    with pytest.raises(StoreError) as exc:
        store.rollback("2025-07", 7)
    assert exc.value.key == "unknown_version"


def test_upload_record(store):
    out = service.ingest(store, jambi(90000), "juli.csv", user="ani")
    rec = store.log()[0]
    assert rec["user"] == "ani" and rec["file_name"] == "juli.csv" and rec["rows"] == 4
    assert rec["sha256"] == out.result.sha256 and rec["version"] == 1 and rec["uploaded_at"]


def test_revision_grows_with_every_change(store):
    assert store.revision == 0
    service.ingest(store, jambi(90000), "a.csv")
    r1 = store.revision
    service.ingest(store, jambi(91000), "b.csv")
    assert store.revision > r1


CRASH = textwrap.dedent(
    """
    import os, signal, sys
    import pandas as pd
    sys.path.insert(0, {repo!r})
    from ucj import service, store as store_mod
    from ucj.store import Store

    where = sys.argv[1]
    real_replace = os.replace
    real_to_parquet = pd.DataFrame.to_parquet

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if where == "audit":
        from ucj import audit as audit_mod
        real_append = audit_mod.AuditLog.append

        def append_then_die(self, *a, **k):
            real_append(self, *a, **k)
            die()
        audit_mod.AuditLog.append = append_then_die
    elif where == "parquet":
        def half_written(self, path, *a, **k):
            with open(path, "wb") as f:
                f.write(b"PAR1 half a file")
                f.flush()
            die()
        pd.DataFrame.to_parquet = half_written
    else:
        def replace(src, dst):
            if str(dst).endswith("manifest.json"):
                with open(src, "r+b") as f:
                    f.truncate(10)
                die()
            real_replace(src, dst)
        store_mod.os.replace = replace

    data = open(sys.argv[3], "rb").read()
    service.ingest(Store(sys.argv[2]), data, "crash.csv", user="crash")
    """
)


@pytest.mark.parametrize("where", ["parquet", "audit", "manifest"])
def test_a_process_killed_mid_write_leaves_the_store_as_it_was(store, tmp_path, where):
    service.ingest(store, jambi(90000), "juli.csv")
    before_manifest = (store.data_dir / "manifest.json").read_text()
    before = db.coverage_by_region(store, "2025-07")
    script = tmp_path / "crash.py"
    script.write_text(CRASH.format(repo=str(REPO)))
    upload = tmp_path / "upload.csv"
    upload.write_bytes(jambi(120000))
    proc = subprocess.run([sys.executable, str(script), where, str(store.data_dir), str(upload)], timeout=120)
    assert proc.returncode == -9  # really killed, not exited
    assert (store.data_dir / "manifest.json").read_text() == before_manifest
    assert db.coverage_by_region(store, "2025-07").equals(before)
    assert list(store.versions()["version"]) == [1]
    # `check` finds the store intact and the audit chain whole, wherever the process died.
    assert store.check() == []
    # The store still takes the next upload, which gets the next version number, and sweeps the crash's leftovers.
    again = service.ingest(store, jambi(93000), "juli-2.csv")
    assert again.version.version == 2 and jambi_coverage(store) == 49.48
    assert not list(store.data_dir.rglob("*.tmp"))
    assert store.check() == []


def _ingest_one(args):
    data_dir, period, pu = args
    out = service.ingest(Store(data_dir), jambi(pu, period), f"{period}-{pu}.csv", user=f"user-{pu}")
    return out.version.version


def test_parallel_ingests_are_all_recorded(store):
    jobs = [(str(store.data_dir), "2025-07", 90000 + i) for i in range(6)]
    jobs += [(str(store.data_dir), f"2025-0{m}", 80000) for m in range(1, 5)]
    with processes(4) as pool:
        results = list(pool.map(_ingest_one, jobs))
    assert len(results) == 10
    versions = store.versions()
    assert len(versions) == 10
    july = versions[versions["period"] == "2025-07"]
    assert sorted(july["version"]) == [1, 2, 3, 4, 5, 6]
    assert sorted(july["user"]) == sorted(f"user-{90000 + i}" for i in range(6))
    assert store.periods() == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-07"]
    manifest = json.loads((store.data_dir / "manifest.json").read_text())
    assert len([e for e in manifest["log"] if e["action"] == "upload"]) == 10
    for v in manifest["periods"]["2025-07"]["versions"]:
        assert (store.data_dir / v["path"]).exists()
    assert not [p for p in os.listdir(store.data_dir) if p.endswith(".tmp")]


def test_stored_files_are_readable_by_the_web_app_user(store):
    old = os.umask(0o022)
    try:
        service.ingest(store, jambi(90000), "juli.csv")
        store.save_targets(
            __import__("pandas").DataFrame([{"region_code": "15.71", "year": 2025, "target_pct": 55.0, "source": "x"}])
        )
    finally:
        os.umask(old)
    for p in [
        store.data_dir / "manifest.json",
        *store.data_dir.glob("snapshots/*/*.parquet"),
        *store.data_dir.glob("targets/*.parquet"),
    ]:
        assert p.stat().st_mode & 0o777 == 0o644, p


def _set_target(args):
    data_dir, code = args
    return service.set_target(Store(data_dir), code, 2025, "50", "parallel").ok


def test_parallel_target_edits_keep_every_row(store):
    codes = [f"15.0{i}" for i in range(1, 10)] + ["15.71", "15.72"]
    with processes(4) as pool:
        assert all(pool.map(_set_target, [(str(store.data_dir), c) for c in codes]))
    assert sorted(store.read_targets()["region_code"]) == sorted(codes)


def test_a_period_that_is_not_a_month_never_reaches_the_disk(store):
    rows = service.check_file(store, jambi(90000), "juli.csv").rows
    for bad in ("../../etc", "2025-13", "2025-7", ""):
        with pytest.raises(StoreError):
            store.publish(rows.assign(period=bad), period=bad, user="t", file_name="x", sha256="0" * 64)
    with pytest.raises(StoreError):  # rows of another month than the one named
        store.publish(rows, period="2025-08", user="t", file_name="x", sha256="0" * 64)
    assert not store.data_dir.exists() or not list(store.data_dir.rglob("*.parquet"))


# --- withdrawing a period (issue 15) --------------------------------------------------------


def test_withdraw_empties_the_month_and_rollback_restores_its_figures(store):
    from ucj.accounts import User

    adi = User("adi", "admin")
    service.ingest(store, jambi(90000), "juli.csv", user=adi)
    service.ingest(store, jambi(91000, "2099-12"), "salah.csv", user=adi, allow_future_period=True)
    assert db.latest_period(store) == "2099-12"
    version = service.withdraw_period(store, "2099-12", user=adi)
    assert (version.version, version.mode, version.rows, version.month_rows) == (2, "withdraw", 0, 0)
    # An empty month is not a period with data: every page and command opens on July again.
    assert db.latest_period(store) == "2025-07"
    assert store.periods() == ["2025-07"] and db.periods(store) == ["2025-07"]
    assert store.read_snapshot("2099-12").empty
    listed = store.versions("2099-12")
    assert listed[["version", "active", "mode", "user", "rows"]].values.tolist() == [
        [2, True, "withdraw", "adi", 0],
        [1, False, "merge", "adi", 4],
    ]
    assert list(listed["removed"][0]) == ["15.71"]
    event = store.audit.entries()[-1]
    assert (event["event"], event["user"], event["detail"]["period"], event["detail"]["version"]) == (
        "withdraw",
        "adi",
        "2099-12",
        2,
    )
    assert store.log()[-1]["action"] == "withdraw"
    assert store.check() == []
    store.rollback("2099-12", 1, user=adi)
    assert db.latest_period(store) == "2099-12"
    assert jambi_coverage(store, "2099-12") == round(100 * (91000 + 45000 + 4349 + 1000) / 289714, 2)
    assert store.check() == []


def test_only_an_admin_may_withdraw_a_period(store):
    from ucj.accounts import AccessDenied, User

    service.ingest(store, jambi(90000), "juli.csv", user="adi")
    for who in (User("ani", "analyst", ("15.71",)), User("wali", "viewer")):
        with pytest.raises(AccessDenied) as exc:
            service.withdraw_period(store, "2025-07", user=who)
        assert exc.value.key == "access_denied_role"
    assert store.versions("2025-07")["version"].tolist() == [1]
    assert jambi_coverage(store) == 48.44
    assert store.audit.entries()[-1]["event"] == "access_denied"


def test_withdrawing_a_month_without_data_is_refused(store):
    service.ingest(store, jambi(90000), "juli.csv")
    with pytest.raises(StoreError) as exc:
        store.withdraw("2025-08")
    assert exc.value.key == "nothing_to_withdraw"
    store.withdraw("2025-07")
    with pytest.raises(StoreError):
        store.withdraw("2025-07")  # already empty
    assert store.versions("2025-07")["version"].tolist() == [2, 1]


def test_a_merge_onto_a_withdrawn_month_starts_it_afresh(store):
    service.ingest(store, jambi(90000), "juli.csv")
    store.withdraw("2025-07")
    again = service.ingest(store, jambi(92000), "juli-baru.csv")
    assert again.stored and again.version.version == 3
    assert db.latest_period(store) == "2025-07"
    assert int(store.read_snapshot("2025-07")["participants"].sum()) == 92000 + 45000 + 4349 + 1000
