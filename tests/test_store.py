"""The snapshot store: versions, rollback, crash safety, concurrent writers."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import csv_bytes, processes, read
from ucj import query
from ucj.services import service
from ucj.storage.store import Store, StoreError

HEADER = "period,region_code,workforce,PU,BPU,JAKON,PMI"
REPO = Path(__file__).resolve().parent.parent


def jambi(participants_pu: int, period: str = "2025-07") -> bytes:
    return csv_bytes([HEADER, f"{period},15.71,289714,{participants_pu},45000,4349,1000"])


def jambi_coverage(store, period="2025-07"):
    return read(query.coverage_by_region, store, period).set_index("region_code").loc["15.71", "coverage_pct"]


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


def test_rollback_to_the_version_in_force_changes_nothing(store):
    service.ingest(store, jambi(90000), "juli.csv", user="ani")
    service.ingest(store, jambi(93000), "juli-revisi.csv", user="ani")
    revision, log, audit = store.revision, store.log(), len(store.audit.entries())
    with pytest.raises(StoreError) as exc:
        store.rollback("2025-07", 2, user="ani")
    assert exc.value.key == "already_active"
    assert (store.revision, store.log(), len(store.audit.entries())) == (revision, log, audit)
    assert jambi_coverage(store) == 49.48


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
    from ucj.services import service
    from ucj.storage import store as store_mod
    from ucj.storage.store import Store

    where = sys.argv[1]
    real_replace = os.replace
    real_to_parquet = pd.DataFrame.to_parquet

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if where == "audit":
        from ucj.storage import audit as audit_mod
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
        os.replace = replace

    data = open(sys.argv[3], "rb").read()
    service.ingest(Store(sys.argv[2]), data, "crash.csv", user="crash")
    """
)


@pytest.mark.parametrize("where", ["parquet", "audit", "manifest"])
def test_a_process_killed_mid_write_leaves_the_store_as_it_was(store, tmp_path, where):
    service.ingest(store, jambi(90000), "juli.csv")
    before_manifest = (store.data_dir / "manifest.json").read_text()
    before = read(query.coverage_by_region, store, "2025-07")
    script = tmp_path / "crash.py"
    script.write_text(CRASH.format(repo=str(REPO)))
    upload = tmp_path / "upload.csv"
    upload.write_bytes(jambi(120000))
    proc = subprocess.run([sys.executable, str(script), where, str(store.data_dir), str(upload)], timeout=120)
    assert proc.returncode == -9  # really killed, not exited
    assert (store.data_dir / "manifest.json").read_text() == before_manifest
    assert read(query.coverage_by_region, store, "2025-07").equals(before)
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
    for v in manifest["artefacts"]["snapshots"]["2025-07"]["versions"]:
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
    from ucj.core.accounts import User

    adi = User("adi", "admin")
    service.ingest(store, jambi(90000), "juli.csv", user=adi)
    service.ingest(store, jambi(91000, "2099-12"), "salah.csv", user=adi, allow_future_period=True)
    assert read(query.Revision.latest_period, store) == "2099-12"
    version = service.withdraw_period(store, "2099-12", user=adi)
    assert (version.version, version.mode, version.rows, version.month_rows) == (2, "withdraw", 0, 0)
    # An empty month is not a period with data: every page and command opens on July again.
    assert read(query.Revision.latest_period, store) == "2025-07"
    assert store.periods() == ["2025-07"] and read(query.Revision.periods, store) == ["2025-07"]
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
    assert read(query.Revision.latest_period, store) == "2099-12"
    assert jambi_coverage(store, "2099-12") == round(100 * (91000 + 45000 + 4349 + 1000) / 289714, 2)
    assert store.check() == []


def test_only_an_admin_may_withdraw_a_period(store):
    from ucj.core.accounts import AccessDenied, User

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
    assert read(query.Revision.latest_period, store) == "2025-07"
    assert int(store.read_snapshot("2025-07")["participants"].sum()) == 92000 + 45000 + 4349 + 1000


# --- integrity: every artefact held against the audit log --------------------------------------

BOUNDARY = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"code": "15.71"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[103.5, -1.6], [103.7, -1.6], [103.7, -1.5], [103.5, -1.6]]],
            },
        }
    ],
}


def _everything(store):
    """Two versions of July, Kota Jambi's 2025 target of 55%, a Jakon register (two versions),
    boundaries and an admin: one of every artefact kind."""
    from ucj.services import users
    from ucj.services.demo import sample_projects

    users.add_user(store, "adi", "admin", [], "rahasia-kota-2025")
    assert service.ingest(store, jambi(90000), "juli.csv", user="adi").stored
    assert service.ingest(store, jambi(93000), "juli-2.csv", user="adi").stored
    assert service.set_target(store, "15.71", 2025, "55", "MoU", user="adi").ok
    projects = sample_projects()
    store.publish_jakon(projects, user="adi", file_name="jakon.csv")
    store.publish_jakon(projects.head(1), user="adi", file_name="jakon-2.csv")
    store.earlier_manifest = (store.data_dir / "manifest.json").read_text()
    store.save_boundaries(BOUNDARY, user="adi", file_name="batas.geojson")
    assert store.check() == []
    return store


def _edit_manifest(store, change):
    path = store.data_dir / "manifest.json"
    m = json.loads(path.read_text())
    change(m)
    path.write_text(json.dumps(m))


def _rewrite_parquet(store, rel, change):
    """Rewrites a stored table and puts its new checksum in the manifest, as a hand edit would."""
    import pandas as pd

    from ucj.storage.files import file_sha256

    path = store.data_dir / rel
    df = pd.read_parquet(path)
    change(df)
    df.to_parquet(path, index=False)
    return file_sha256(path)


def _series(m, kind):
    """The manifest's entry of a single-series kind (targets, jakon, boundaries)."""
    return m["artefacts"][kind]["all"]


def _active(m, kind):
    entry = _series(m, kind)
    return next(v for v in entry["versions"] if v["version"] == entry["active"])


def _tamper_targets(store):
    rel = _active(store.manifest(), "targets")["path"]

    def five(df):
        df.loc[(df["region_code"] == "15.71") & (df["year"] == 2025), "target_pct"] = 5.0

    digest = _rewrite_parquet(store, rel, five)
    _edit_manifest(store, lambda m: _active(m, "targets").update(file_sha256=digest))
    assert read(query.list_targets, store).set_index("region_code").loc["15.71", "target_pct"] == 5.0


def _tamper_jakon(store):
    v = _active(store.manifest(), "jakon")
    digest = _rewrite_parquet(store, v["path"], lambda df: df.__setitem__("workers", df["workers"] * 0 + 1))
    _edit_manifest(store, lambda m: _active(m, "jakon").update(file_sha256=digest))


def _tamper_boundaries(store):
    from ucj.storage.files import file_sha256

    path = store.data_dir / _active(store.manifest(), "boundaries")["path"]
    path.write_text(path.read_text().replace("103.5", "104.5"))
    _edit_manifest(store, lambda m: _active(m, "boundaries").update(file_sha256=file_sha256(path)))


def _tamper_accounts(store):
    """A second admin added by hand, with adi's password hash."""
    path = store.data_dir / "accounts.json"
    doc = json.loads(path.read_text())
    doc["users"]["mallory"] = doc["users"]["adi"]
    path.write_text(json.dumps(doc))
    assert sorted(store.accounts()) == ["adi", "mallory"]


TAMPERS = {
    "targets edited, manifest checksum updated": (
        _tamper_targets,
        "targets/targets-0001.parquet: manifest checksum differs",
    ),
    "jakon edited, manifest checksum updated": (_tamper_jakon, "jakon/jakon-0002.parquet: manifest checksum differs"),
    "boundaries edited, manifest checksum updated": (
        _tamper_boundaries,
        "boundaries/boundaries-0001.geojson: manifest checksum differs",
    ),
    "an admin added by hand": (_tamper_accounts, "accounts.json: the accounts differ"),
    "active pointer moved": (
        lambda s: _edit_manifest(s, lambda m: m["artefacts"]["snapshots"]["2025-07"].update(active=1)),
        "2025-07: active version v1 in manifest.json, but the audit log makes v2 active",
    ),
    "jakon pointer moved": (
        lambda s: _edit_manifest(s, lambda m: _series(m, "jakon").update(active=1)),
        "Jakon: active version v1 in manifest.json, but the audit log makes v2 active",
    ),
    "a published version removed": (
        lambda s: _edit_manifest(s, lambda m: m["artefacts"]["snapshots"]["2025-07"]["versions"].pop(0)),
        "2025-07 v1: published (audit log) but missing from manifest.json",
    ),
    "an earlier manifest.json put back": (
        lambda s: (s.data_dir / "manifest.json").write_text(s.earlier_manifest),
        "manifest.json: at revision 5, but audit.head recorded revision 6 (an earlier manifest was put back)",
    ),
    "accounts.json deleted (everyone admin)": (
        lambda s: (s.data_dir / "accounts.json").unlink(),
        "accounts.json: the accounts differ",
    ),
    "manifest.json deleted": (
        lambda s: (s.data_dir / "manifest.json").unlink(),
        "manifest.json: missing, but the audit log records 6 changes",
    ),
}


@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_check_holds_every_artefact_kind_against_the_audit_log(store, tamper, capsys):
    from ucj.cli import main

    change, problem = TAMPERS[tamper]
    _everything(store)
    change(store)
    problems = store.check()
    assert any(p.startswith(problem) for p in problems), problems
    assert main(["check", "--data-dir", str(store.data_dir)]) == 1
    assert problem in capsys.readouterr().err


def _chain_tampers(store):
    """(name, change, expected problem) for the ways a log is cut or grown by hand."""
    log, head = store.data_dir / "audit.log", store.data_dir / "audit.head"

    def cut(n, fix_head):
        def change():
            lines = log.read_text().splitlines()[:-n]
            log.write_text("".join(x + "\n" for x in lines))
            if fix_head:  # the head file made to agree: the manifest's head still knows better
                last = json.loads(lines[-1])
                head.write_text(json.dumps({"lines": last["seq"], "hash": last["hash"], "mac": None}))

        return change

    def forge():
        from ucj.storage.audit import line_hash

        last = json.loads(log.read_text().splitlines()[-1])
        entry = {**last, "seq": last["seq"] + 1, "prev": last["hash"], "event": "user_added", "user": "mallory"}
        entry["hash"] = line_hash(entry)
        with open(log, "a") as f:
            f.write(json.dumps(entry, sort_keys=True) + "\n")

    def rehash():
        from ucj.storage.audit import line_hash

        entries = [json.loads(x) for x in log.read_text().splitlines()]
        prev = "0" * 64
        for e in entries:
            e["user"] = "budi" if e["event"] == "upload_published" else e["user"]
            e["prev"], e["hash"] = prev, None
            e["hash"] = prev = line_hash(e)
        log.write_text("".join(json.dumps(e, sort_keys=True) + "\n" for e in entries))

    return [
        ("a line edited and the rest re-hashed", rehash, "audit.log audit.head: line"),
        ("the last line deleted", cut(1, False), "audit.log audit.head: the log has"),
        ("the last four lines deleted, head file made to agree", cut(4, True), "manifest.json audit head: the log has"),
        ("a forged line appended", forge, "audit.log audit.head: the log has"),
    ]


@pytest.mark.parametrize("which", range(4))
def test_a_cut_or_forged_audit_log_fails_check(store, which):
    _everything(store)
    store.audit.append("sign_in", None)  # a line after the last manifest version
    name, change, problem = _chain_tampers(store)[which]
    change()
    problems = store.check()
    assert any(p.startswith(problem) for p in problems), (name, problems)


@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_every_write_is_refused_while_check_fails(tmp_path, tamper):
    from ucj.core.i18n import both
    from ucj.services import users
    from ucj.services.demo import sample_projects
    from ucj.storage.store import StoreDamaged

    store = _everything(Store(tmp_path / "data"))
    TAMPERS[tamper][0](store)
    writes = {
        "publish": lambda: service.ingest(store, jambi(95000), "juli-3.csv", user="adi"),
        "rollback": lambda: store.rollback("2025-07", 1, user="adi"),
        "targets": lambda: service.set_target(store, "15.71", 2026, "60", "MoU", user="adi"),
        "jakon": lambda: store.publish_jakon(sample_projects(), user="adi", file_name="j.csv"),
        "jakon rollback": lambda: store.rollback_jakon(1, user="adi"),
        "boundaries": lambda: store.save_boundaries(BOUNDARY, user="adi", file_name="b.geojson"),
        "account": lambda: users.add_user(store, "ani", "admin", [], "rahasia-kota-2025", actor="adi"),
    }
    before = {p: p.read_bytes() for p in store.data_dir.rglob("*") if p.is_file() and not p.name.startswith(".")}
    for name, write in writes.items():
        with pytest.raises(StoreDamaged) as exc:
            write()
        assert exc.value.key == "store_damaged", name
        assert "python -m ucj check" in both(exc.value.key, **exc.value.params)
    after = {p: p.read_bytes() for p in store.data_dir.rglob("*") if p.is_file() and not p.name.startswith(".")}
    changed = {p.name for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert changed <= {"audit.log", "audit.head"}  # at most refusals recorded; no figure, no manifest


def test_the_cli_refuses_to_ingest_into_a_damaged_store(tmp_path, capsys):
    from ucj.cli import main

    store = _everything(Store(tmp_path / "data"))
    _tamper_targets(store)
    f = tmp_path / "agustus.csv"
    f.write_bytes(jambi(95000, "2025-08"))
    assert main(["ingest", str(f), "--user", "adi", "--data-dir", str(store.data_dir)]) == 2
    err = capsys.readouterr().err
    assert "Penyimpanan tidak utuh" in err and "run `python -m ucj check` to see why" in err
    assert store.periods() == ["2025-07"]


def test_a_crash_between_an_audit_line_and_its_manifest_still_checks(tmp_path):
    """The audit line goes first; a write that dies before its manifest leaves a line of a revision
    the manifest never reached, and the next write records that revision again."""
    store = _everything(Store(tmp_path / "data"))
    real = Store._save_manifest
    Store._save_manifest = lambda self, m: (_ for _ in ()).throw(OSError(28, "No space left on device"))
    try:
        with pytest.raises(OSError):
            store.rollback("2025-07", 1, user="adi")
    finally:
        Store._save_manifest = real
    assert store.check() == []
    assert service.set_target(store, "15.71", 2026, "60", "MoU", user="adi").ok
    assert store.check() == [] and store.manifest()["artefacts"]["snapshots"]["2025-07"]["active"] == 2


def test_the_write_guard_verifies_a_10k_line_log_once(tmp_path, monkeypatch):
    """Every write checks the store; the chain is verified once per content, not per write."""
    import time

    from ucj.storage import audit as audit_mod

    store = Store(tmp_path / "data")
    assert service.ingest(store, jambi(90000), "juli.csv").stored
    entries = store.audit.entries()
    log = store.audit.path
    prev, lines = entries[-1]["hash"], []
    for n in range(len(entries) + 1, 10_001):
        e = {"seq": n, "time": "2025-07-01T00:00:00+00:00", "event": "sign_in_failed", "user": None, "role": None,
             "regions": [], "sha256": None, "detail": {"name": f"x{n}"}, "prev": prev}  # fmt: skip
        e["hash"] = prev = audit_mod.line_hash(e)
        lines.append(json.dumps(e, sort_keys=True) + "\n")
    with open(log, "a") as f:
        f.writelines(lines)
    (store.data_dir / "audit.head").write_text(json.dumps({"lines": 10_000, "hash": prev, "mac": None}))
    calls = []
    real = audit_mod.verify_lines
    monkeypatch.setattr(audit_mod, "verify_lines", lambda *a, **k: calls.append(1) or real(*a, **k))
    t = time.perf_counter()
    assert store.check() == []
    first = time.perf_counter() - t
    t = time.perf_counter()
    assert store.check() == [] and store.check() == []
    again = (time.perf_counter() - t) / 2
    assert len(calls) == 1  # the second and third check reuse the verified chain
    assert service.ingest(store, jambi(91000), "juli-2.csv").stored  # one new line: verified once more
    assert len(calls) == 2 and len(store.audit.lines()) == 10_001
    print(f"10k-line log: first check {first * 1000:.0f} ms, cached {again * 1000:.1f} ms")
