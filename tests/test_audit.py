"""The audit log: whole lines or none, its head, the optional HMAC key, repairing a partial tail."""

import json
import os

import pytest

from tests.conftest import csv_bytes
from ucj.cli import main
from ucj.core.settings import load_settings
from ucj.services import service, users
from ucj.storage import audit as audit_mod
from ucj.storage.audit import AuditError, AuditLog, line_hash
from ucj.storage.store import Store, StoreError

HEADER = "period,region_code,workforce,PU,BPU,JAKON,PMI"
JAMBI = csv_bytes([HEADER, "2025-07,15.71,289714,90000,45000,4349,1000"])
KEY = "kunci-rahasia-kantor-jambi"


def test_a_short_write_leaves_the_log_as_it_was_and_the_next_append_works(tmp_path, monkeypatch):
    store = Store(tmp_path / "data", audit_key="")
    assert service.ingest(store, JAMBI, "juli.csv", user="ani").stored
    before = store.audit.path.read_bytes()
    real_write = os.write

    def half(fd, data):  # a full disk: only part of the line is taken
        return real_write(fd, data[: len(data) // 2])

    monkeypatch.setattr(audit_mod.os, "write", half)
    with pytest.raises(OSError, match="in part"):
        store.audit.append("sign_in_failed", None, detail={"name": "x"})
    monkeypatch.setattr(audit_mod.os, "write", real_write)
    assert store.audit.path.read_bytes() == before  # cut back to the previous size
    assert store.check() == []
    entry = store.audit.append("sign_in_failed", None, detail={"name": "x"})
    assert entry["seq"] == len(before.splitlines()) + 1
    assert store.check() == []


def test_a_failure_after_the_write_also_takes_the_line_back(tmp_path, monkeypatch):
    log = AuditLog(tmp_path)
    log.append("sign_in", None)

    def no_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(audit_mod.os, "fsync", no_fsync)
    with pytest.raises(OSError):
        log.append("sign_in", None)
    monkeypatch.undo()
    assert len(log.lines()) == 1 and log.verify() == []
    assert log.append("sign_in", None)["seq"] == 2 and log.verify() == []


def _forge(path, **changes):
    """Appends a line chained (by plain SHA-256) onto the log's last one, as someone with write
    access but without the key could."""
    last = json.loads(path.read_text().splitlines()[-1])
    entry = {**last, "seq": last["seq"] + 1, "prev": last["hash"], "event": "sign_in", "detail": {}, **changes}
    entry.pop("mac", None)
    entry["hash"] = line_hash(entry)
    with open(path, "a") as f:
        f.write(json.dumps(entry, sort_keys=True) + "\n")


def test_with_an_audit_key_a_rehashed_or_forged_line_fails_and_a_wrong_key_is_named(tmp_path):
    d = tmp_path / "data"
    store = Store(d, audit_key=KEY)
    assert service.ingest(store, JAMBI, "juli.csv", user="ani").stored
    [line] = store.audit.lines()[-1:]
    assert json.loads(line)["mac"] == "hmac-sha256"
    assert store.check() == []
    assert Store(d, audit_key="another-key").check()[0].startswith("audit.log line 1: its HMAC does not match")
    assert "set UCJ_AUDIT_KEY" in Store(d, audit_key="").check()[0]

    # Edit the publish line and re-hash the whole chain with plain SHA-256 (no key), head included.
    log = d / "audit.log"
    entries = [json.loads(x) for x in log.read_text().splitlines()]
    prev = "0" * 64
    for e in entries:
        e.pop("mac", None)
        e["user"] = "budi" if e["event"] == "upload_published" else e["user"]
        e["prev"] = prev
        e["hash"] = prev = line_hash(e)
    log.write_text("".join(json.dumps(e, sort_keys=True) + "\n" for e in entries))
    (d / "audit.head").write_text(json.dumps({"lines": len(entries), "hash": prev, "mac": None}))
    problems = store.check()
    assert any("manifest.json audit head" in p for p in problems)  # the manifest's head is keyed
    assert store.audit.verify() == []  # the chain itself is consistent: only the key tells it apart


def test_without_a_key_the_old_log_keeps_verifying_and_keyed_lines_follow(tmp_path):
    d = tmp_path / "data"
    plain = Store(d, audit_key="")
    assert service.ingest(plain, JAMBI, "juli.csv", user="ani").stored
    keyed = Store(d, audit_key=KEY)
    assert keyed.check() == []  # lines written before the key verify as they were
    assert service.ingest(keyed, csv_bytes([HEADER, "2025-07,15.71,289714,91000,45000,4349,1000"]), "b.csv").stored
    assert keyed.check() == []
    _forge(d / "audit.log")  # a line without the key after keyed ones
    assert any("not signed with the audit key" in p for p in keyed.check())


def test_the_audit_key_comes_from_the_environment_and_is_never_printed():
    s = load_settings({"UCJ_AUDIT_KEY": KEY})
    assert s.audit_key == KEY and KEY not in repr(s)
    assert load_settings({}).audit_key == ""


def test_a_partial_last_line_from_an_older_version_is_repaired_by_the_admin(tmp_path, capsys):
    d = tmp_path / "data"
    store = Store(d, audit_key="")
    users.add_user(store, "adi", "admin", [], "rahasia-kota-2025")
    assert service.ingest(store, JAMBI, "juli.csv", user="adi").stored
    whole = (d / "audit.log").read_bytes()
    with open(d / "audit.log", "ab") as f:  # what an older version left on a full disk
        f.write(b'{"seq": 6, "event": "sign_in", "ti')
    (d / "audit.head").unlink()  # older versions kept no head
    assert any("written only in part" in p for p in store.check())
    with pytest.raises(AuditError):
        store.audit.append("sign_in", None)
    with pytest.raises(StoreError) as exc:
        service.set_target(store, "15.71", 2025, "55", "MoU", user="adi")
    assert exc.value.key == "store_damaged"
    assert main(["check", "--data-dir", str(d)]) == 1
    capsys.readouterr()
    assert main(["check", "--repair-tail", "--user", "wali", "--data-dir", str(d)]) == 2  # not an account
    assert main(["check", "--repair-tail", "--user", "adi", "--data-dir", str(d)]) == 0
    out = capsys.readouterr().out
    assert "34 bytes of a partial write dropped" in out and "Utuh" in out
    assert (d / "audit.log").read_bytes().startswith(whole)
    last = store.audit.entries()[-1]
    assert (last["event"], last["user"], last["detail"]["dropped_bytes"]) == ("audit_repaired", "adi", 34)
    assert service.set_target(store, "15.71", 2025, "55", "MoU", user="adi").ok
    assert store.check() == []
    assert main(["check", "--repair-tail", "--user", "adi", "--data-dir", str(d)]) == 0
    assert "nothing was repaired" in capsys.readouterr().out


def test_a_head_left_one_line_behind_by_a_crash_is_recorded_again_by_repair(tmp_path, capsys):
    d = tmp_path / "data"
    store = Store(d, audit_key="")
    assert service.ingest(store, JAMBI, "juli.csv", user="ani").stored
    head = (d / "audit.head").read_text()
    store.audit.append("sign_in", None)
    (d / "audit.head").write_text(head)  # killed between the line and its head
    [problem] = store.check()
    assert problem.startswith("audit.log audit.head: the log has 2 lines, 1 were recorded")
    assert main(["check", "--repair-tail", "--data-dir", str(d)]) == 0  # no accounts: local mode
    assert "0 bytes" in capsys.readouterr().out
    assert store.check() == [] and store.audit.entries()[-1]["detail"]["head_was"] == 1


def test_an_account_change_whose_line_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    d = tmp_path / "data"
    store = Store(d, audit_key="")
    users.add_user(store, "adi", "admin", [], "rahasia-kota-2025")
    real_write = os.write
    monkeypatch.setattr(audit_mod.os, "write", lambda fd, data: real_write(fd, data[:10]))
    with pytest.raises(OSError):
        users.add_user(store, "ani", "analyst", ["15.71"], "rahasia-kota-2025", actor="adi")
    monkeypatch.setattr(audit_mod.os, "write", real_write)
    assert sorted(store.accounts()) == ["adi"] and store.check() == []
    users.add_user(store, "ani", "analyst", ["15.71"], "rahasia-kota-2025", actor="adi")
    assert sorted(store.accounts()) == ["adi", "ani"] and store.check() == []
    assert store.audit.entries()[-1]["sha256"] == store.accounts_digest()


def test_a_crash_between_a_manifest_and_its_note_in_the_head_is_repaired(tmp_path, capsys, monkeypatch):
    d = tmp_path / "data"
    store = Store(d, audit_key="")
    assert service.ingest(store, JAMBI, "juli.csv", user="ani").stored
    monkeypatch.setattr(AuditLog, "note_revision", lambda self, revision: None)  # killed right after the manifest
    assert service.ingest(store, csv_bytes([HEADER, "2025-07,15.71,289714,91000,45000,4349,1000"]), "b.csv").stored
    monkeypatch.undo()
    [problem] = store.check()
    assert problem.startswith("manifest.json: at revision 2, but audit.head recorded revision 1 (a crash")
    assert main(["check", "--repair-tail", "--data-dir", str(d)]) == 0
    assert store.check() == [] and store.audit.entries()[-1]["detail"]["head_revision_was"] == 1
