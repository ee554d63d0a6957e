"""Who may change the figures: accounts, roles, region scope, lock-out, OIDC rules, the audit log."""

import io
import json

import pandas as pd
import pytest

from tests.conftest import csv_bytes
from ucj import db, service, users
from ucj.accounts import AccessDenied, AuthError, RoleRule, User, load_role_rules, user_from_claims
from ucj.cli import main
from ucj.store import Store

WIDE = "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI"
KOTA_JAMBI = csv_bytes([WIDE, "2025-07;15.71;289.714;90.000;45.000;4.349;1.000"], sep=";")
SANGGAU = csv_bytes([WIDE, "2025-07;61.03;220.618;40.123;20.456;4.519;1.200"], sep=";")
PASSWORD = "rahasia-kota-2025"


@pytest.fixture
def office(store) -> Store:
    """A store with an admin, an analyst of Kota Jambi and a viewer."""
    users.add_user(store, "admin", "admin", [], PASSWORD)
    users.add_user(store, "ani", "analyst", ["15.71"], PASSWORD, actor="admin")
    users.add_user(store, "wali", "viewer", [], PASSWORD, actor="admin")
    return store


def test_passwords_are_stored_as_salted_argon2_hashes(office):
    raw = (office.data_dir / "accounts.json").read_text()
    assert PASSWORD not in raw
    hashes = [a.password_hash for a in office.accounts().values()]
    assert all(h.startswith("$argon2id$") for h in hashes) and len(set(hashes)) == 3  # salted: all differ
    assert (office.data_dir / "accounts.json").stat().st_mode & 0o777 == 0o600
    listed = users.list_users(office)
    assert list(listed["name"]) == ["admin", "ani", "wali"] and "password_hash" not in listed.columns


def test_an_analyst_of_kota_jambi_publishes_kota_jambi_and_not_sanggau(office):
    out = service.ingest(office, KOTA_JAMBI, "jambi.csv", user="ani")
    assert out.stored and out.version.user == "ani"
    # The check tells her before publishing, row by row...
    refused = service.ingest(office, SANGGAU, "sanggau.csv", user="ani")
    [e] = refused.result.errors
    assert (refused.state, e.key, e.row, e.value) == ("refused", "out_of_scope", 2, "61.03")
    assert "15.71" in e.message("id") and "ani" in e.message("en")
    # ...and the store refuses the write whoever calls it.
    rows = service.check_file(office, SANGGAU, "sanggau.csv").rows
    with pytest.raises(AccessDenied) as exc:
        office.publish(rows, period="2025-07", user="ani", file_name="sanggau.csv", sha256="0" * 64)
    assert exc.value.key == "access_denied_scope"
    assert "61.03" in exc.value.message() and "15.71" in exc.value.message()
    assert set(db.coverage_by_region(office, "2025-07")["region_code"]) == {"15.71"}
    # Not even by replacing the month, which would remove another analyst's regions.
    assert service.ingest(office, SANGGAU, "sanggau.csv", user="admin").stored
    with pytest.raises(AccessDenied):
        service.ingest(office, KOTA_JAMBI, "jambi.csv", user="ani", replace_month=True, confirm_removal=1)
    assert set(db.coverage_by_region(office, "2025-07")["region_code"]) == {"15.71", "61.03"}


def test_a_viewer_and_an_unknown_name_change_nothing_and_are_recorded(office):
    for who in ("wali", "mallory"):
        with pytest.raises(AccessDenied):
            service.ingest(office, KOTA_JAMBI, "jambi.csv", user=who)
    with pytest.raises(AccessDenied):
        service.set_target(office, "15.71", 2025, "55", "x", user="wali")
    assert service.ingest(office, KOTA_JAMBI, "jambi.csv", user="ani").stored
    with pytest.raises(AccessDenied):
        office.rollback("2025-07", 1, user="wali")
    assert office.periods() == ["2025-07"] and office.read_targets().empty
    denied = [e for e in office.audit.entries() if e["event"] == "access_denied"]
    assert [(e["user"], e["detail"].get("reason")) for e in denied] == [
        ("wali", "access_denied_role"),
        (None, "unknown_user"),
        ("wali", "access_denied_role"),
        ("wali", "access_denied_role"),
    ]


def test_an_analyst_rolls_back_only_within_scope(office):
    assert service.ingest(office, KOTA_JAMBI, "jambi.csv", user="ani").stored
    assert service.ingest(office, SANGGAU, "sanggau.csv", user="admin").stored
    # Restoring version 1 would remove Sanggau, which is not Ani's.
    with pytest.raises(AccessDenied):
        office.rollback("2025-07", 1, user="ani")
    revised = csv_bytes([WIDE, "2025-07;15.71;289.714;91.000;45.000;4.349;1.000"], sep=";")
    assert service.ingest(office, revised, "jambi-2.csv", user="ani").stored
    office.rollback("2025-07", 2, user="ani")  # only Kota Jambi changes back
    assert db.coverage_by_region(office, "2025-07").set_index("region_code").loc["15.71", "participants"] == 140349


def test_targets_of_other_regions_are_refused(office):
    assert service.set_target(office, "15.71", 2025, "55", "MoU", user="ani").ok
    with pytest.raises(AccessDenied):
        service.set_target(office, "61.03", 2025, "58,65", "x", user="ani")
    assert office.read_targets()[["region_code", "updated_by"]].values.tolist() == [["15.71", "ani"]]


def test_five_wrong_passwords_lock_the_account(office):
    for _ in range(4):
        with pytest.raises(AuthError) as exc:
            users.sign_in(office, "ani", "salah")
        assert exc.value.key == "bad_credentials"
    with pytest.raises(AuthError) as exc:
        users.sign_in(office, "ani", "salah")
    assert exc.value.key == "account_locked"
    with pytest.raises(AuthError) as exc:
        users.sign_in(office, "ani", PASSWORD)  # the right password no longer opens it
    assert exc.value.key == "account_locked"
    with pytest.raises(AccessDenied):
        service.ingest(office, KOTA_JAMBI, "jambi.csv", user="ani")
    assert users.unlock_user(office, "ani", actor="admin")
    assert users.sign_in(office, "ani", PASSWORD) == User("ani", "analyst", ("15.71",), "local")
    events = [e["event"] for e in office.audit.entries()]
    assert events.count("sign_in_failed") == 6 and "account_locked" in events and "user_unlocked" in events
    # An unknown name fails the same way as a wrong password: nothing tells which names exist.
    with pytest.raises(AuthError) as exc:
        users.sign_in(office, "nobody", PASSWORD)
    assert exc.value.key == "bad_credentials"


def test_only_an_admin_manages_accounts(office):
    with pytest.raises(AccessDenied):
        users.add_user(office, "budi", "admin", [], PASSWORD, actor="ani")
    with pytest.raises(ValueError):
        users.add_user(office, "budi", "analyst", [], PASSWORD, actor="admin")  # an analyst needs regions
    with pytest.raises(ValueError):
        users.add_user(office, "budi", "viewer", [], "short", actor="admin")
    assert users.remove_user(office, "wali", actor="admin")
    assert "wali" not in office.accounts()


def test_oidc_claims_map_to_roles_by_rule(tmp_path):
    rules_file = tmp_path / "roles.toml"
    rules_file.write_text(
        '[[rule]]\ndomain = "jambikota.go.id"\nrole = "analyst"\nregions = ["15.71"]\n\n'
        '[[rule]]\ngroup = "ucj-admin"\nrole = "admin"\n\n'
        '[[rule]]\nemail = "Bupati@Sanggau.go.id"\nrole = "viewer"\n'
    )
    rules = load_role_rules(rules_file)
    assert rules[0] == RoleRule("analyst", ("15.71",), domain="jambikota.go.id")
    ani = user_from_claims({"email": "ani@jambikota.go.id", "email_verified": True}, rules)
    assert ani == User("ani@jambikota.go.id", "analyst", ("15.71",), "oidc")
    assert user_from_claims({"email": "x@example.org", "groups": ["ucj-admin"]}, rules).role == "admin"
    assert user_from_claims({"email": "bupati@sanggau.go.id"}, rules).role == "viewer"
    assert user_from_claims({"email": "ani@jambikota.go.id", "email_verified": False}, rules) is None
    assert user_from_claims({"email": "mallory@jambikota.go.id.evil.example"}, rules) is None
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nrole = "root"\nemail = "a@b.c"\n')
    with pytest.raises(ValueError):
        load_role_rules(bad)


def run(*argv, stdin: str | None = None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_users_and_acting_user(tmp_path, monkeypatch):
    d = str(tmp_path / "data")
    code, out, _ = run("users", "add", "admin", "--role", "admin", "--password-stdin", "--data-dir", d,
                       stdin=PASSWORD + "\n", monkeypatch=monkeypatch)  # fmt: skip
    assert code == 0 and "admin (admin)" in out
    args = ["users", "add", "ani", "--role", "analyst", "--region", "1571", "--password-stdin", "--user", "admin"]
    assert run(*args, "--data-dir", d, stdin=PASSWORD + "\n", monkeypatch=monkeypatch)[0] == 0
    listed = json.loads(run("users", "list", "--json", "--data-dir", d)[1])
    assert [(u["name"], u["role"], u["regions"]) for u in listed] == [
        ("admin", "admin", ""),
        ("ani", "analyst", "15.71"),
    ]
    f = tmp_path / "sanggau.csv"
    f.write_bytes(SANGGAU)
    code, _, err = run("ingest", str(f), "--user", "ani", "--data-dir", d)
    assert code == 2 and "baris/row 2" in err and "di luar wilayah ani (15.71)" in err and "Traceback" not in err
    code, _, err = run("ingest", str(f), "--user", "nobody", "--data-dir", d)
    assert code == 2 and "Unknown user nobody" in err
    assert run("ingest", str(f), "--user", "admin", "--data-dir", d)[0] == 0


def test_the_audit_log_is_chained_and_check_finds_tampering(office, capsys):
    assert service.ingest(office, KOTA_JAMBI, "jambi.csv", user="ani").stored
    bad = csv_bytes([WIDE, "2025-07;15.71;289.714;-1;45.000;4.349;1.000"], sep=";")
    assert service.ingest(office, bad, "salah.csv", user="ani").state == "refused"
    office.rollback("2025-07", 1, user="admin")
    service.set_target(office, "15.71", 2025, "55", "MoU", user="ani")
    events = [e["event"] for e in office.audit.entries()]
    assert events == [
        "user_added",
        "user_added",
        "user_added",
        "upload_published",
        "upload_refused",
        "rollback",
        "targets_changed",
    ]
    published = office.audit.entries()[3]
    assert published["user"] == "ani" and published["role"] == "analyst" and published["regions"] == ["15.71"]
    assert published["sha256"] == service.result_sha(KOTA_JAMBI)
    assert office.check() == []
    assert main(["check", "--data-dir", str(office.data_dir)]) == 0
    assert "Utuh" in capsys.readouterr().out
    assert main(["audit", "--json", "--data-dir", str(office.data_dir)]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 7

    # Edit a line: the chain breaks there.
    log = office.data_dir / "audit.log"
    lines = log.read_text().splitlines()
    lines[3] = lines[3].replace('"ani"', '"budi"')
    log.write_text("\n".join(lines) + "\n")
    assert any("line 4" in p and "edited" in p for p in office.check())
    assert main(["check", "--data-dir", str(office.data_dir)]) == 1
    # Delete a line instead: also found.
    lines = [ln for i, ln in enumerate(log.read_text().splitlines()) if i != 4]
    log.write_text("\n".join(lines) + "\n")
    assert any("line 5" in p for p in office.check())


def test_check_finds_an_altered_or_missing_file(office):
    assert service.ingest(office, KOTA_JAMBI, "jambi.csv", user="ani").stored
    [path] = list(office.data_dir.glob("snapshots/*/*.parquet"))
    rows = pd.read_parquet(path)
    rows.loc[0, "participants"] += 1000
    rows.to_parquet(path, index=False)
    assert any("altered" in p for p in office.check())
    path.unlink()
    assert any("missing" in p for p in office.check())
