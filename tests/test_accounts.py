"""Who may change the figures: accounts, roles, region scope, lock-out, OIDC rules, the audit log."""

import datetime as dt
import io
import json

import pandas as pd
import pytest

from tests.conftest import csv_bytes, read
from ucj import query
from ucj.cli import main
from ucj.core.accounts import AccessDenied, AuthError, RoleRule, User, load_role_rules, user_from_claims
from ucj.core.i18n import t
from ucj.services import service, users
from ucj.storage.store import Store

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
    assert set(read(query.coverage_by_region, office, "2025-07")["region_code"]) == {"15.71"}
    # Not even by replacing the month, which would remove another analyst's regions.
    assert service.ingest(office, SANGGAU, "sanggau.csv", user="admin").stored
    with pytest.raises(AccessDenied):
        service.ingest(office, KOTA_JAMBI, "jambi.csv", user="ani", replace_month=True, confirm_removal=1)
    assert set(read(query.coverage_by_region, office, "2025-07")["region_code"]) == {"15.71", "61.03"}


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
    assert (
        read(query.coverage_by_region, office, "2025-07").set_index("region_code").loc["15.71", "participants"]
        == 140349
    )


def test_targets_of_other_regions_are_refused(office):
    assert service.set_target(office, "15.71", 2025, "55", "MoU", user="ani").ok
    with pytest.raises(AccessDenied):
        service.set_target(office, "61.03", 2025, "58,65", "x", user="ani")
    assert office.read_targets()[["region_code", "updated_by"]].values.tolist() == [["15.71", "ani"]]


class Clock:
    """A pinned clock for the sign-in throttle and session tokens; ``advance`` moves it on."""

    def __init__(self, start: float = 2_000_000_000.0):  # 2033: after any account made by the real clock
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr("ucj.storage.signin._now", c)
    return c


def refused(store, name, password, address="10.0.0.9") -> AuthError:
    with pytest.raises(AuthError) as exc:
        users.sign_in(store, name, password, address=address)
    return exc.value


def test_wrong_passwords_make_the_admin_wait_seconds_never_lock_them_out(office, clock):
    # Five wrong passwords from one browser: the first three cost nothing, then the waits double.
    waits = []
    for pause in (0, 0, 0, 2, 4):
        clock.advance(pause)
        waits.append(refused(office, "admin", "salah").params.get("wait", 0))
    assert waits == [0, 0, 2, 4, 8]
    # During the wait even the right password is refused, with the same message, and counts nothing.
    clock.advance(7)
    early = refused(office, "admin", PASSWORD)
    assert (early.key, early.params) == ("sign_in_refused", {"wait": 1})
    clock.advance(1)  # 14 s after the first wrong password
    assert users.sign_in(office, "admin", PASSWORD, address="10.0.0.9") == User("admin", "admin", (), "local")
    assert office.accounts()["admin"].locked is False and office.accounts()["admin"].failures == 0
    # Nothing was locked, so the CLI's --user admin works throughout.
    assert service.set_target(office, "15.71", 2025, "55", "MoU", user="admin").ok
    events = [e for e in office.audit.entries() if e["event"].startswith("sign_in")]
    # One line for the first failure of this name and address; the rest are counted on the sign-in.
    assert [(e["event"], e["detail"]) for e in events] == [
        ("sign_in_failed", {"name": "admin", "address": "10.0.0.9", "count": 1}),
        ("sign_in", {"failures_before": 4}),
    ]


def test_a_real_and_a_made_up_name_fail_alike_and_both_are_throttled(office, clock, monkeypatch):
    from ucj.core.i18n import both

    checked = []
    real_matches = users.password_matches
    monkeypatch.setattr(users, "password_matches", lambda h, p: checked.append(h) or real_matches(h, p))
    ani = refused(office, "ani", "salah", address="10.0.0.1")
    made_up = refused(office, "budi-tidak-ada", "salah", address="10.0.0.2")
    assert (ani.key, ani.params) == (made_up.key, made_up.params) == ("sign_in_wrong", {})
    # No "try again in 0 seconds": before any wait is due the message only says the pair is wrong.
    assert t("sign_in_wrong", "id") == "Nama pengguna atau kata sandi salah."
    assert (
        both(ani.key, **ani.params)
        == both(made_up.key, **made_up.params)
        == ("Nama pengguna atau kata sandi salah. / Wrong user name or password.")
    )
    # The made-up name costs an argon2 verification too (of a dummy hash), so timing tells nothing.
    assert len(checked) == 2 and all(h.startswith("$argon2id$") for h in checked)
    # A made-up name is limited like a real one: from other addresses too, since the name counts.
    for address in ("10.0.0.3", "10.0.0.4"):
        refused(office, "budi-tidak-ada", "tebakan", address=address)
    assert refused(office, "budi-tidak-ada", "tebakan", address="10.0.0.5").params == {"wait": 2}
    assert len(checked) == 4  # the throttled attempt checked no password
    # And one address guessing many names is limited by its address.
    for n in ("x1", "x2", "x3"):
        refused(office, n, "tebakan", address="10.6.6.6")
    assert refused(office, "x4", "tebakan", address="10.6.6.6").params == {"wait": 2}
    clock.advance(3600)  # an hour later the failures are forgotten
    assert refused(office, "x4", "tebakan", address="10.6.6.6").key == "sign_in_wrong"


def test_a_sign_in_never_rewrites_accounts_json(office, clock):
    path = office.data_dir / "accounts.json"
    before = path.stat()
    for _ in range(6):
        refused(office, "ani", "salah")
        refused(office, "nobody", "salah")
        clock.advance(400)
    users.sign_in(office, "ani", PASSWORD, address="10.0.0.9")
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert after.st_mode & 0o777 == 0o600
    # The throttle's own file is this server's, private, and not part of the store.
    assert (office.data_dir / ".ucj-signin.json").stat().st_mode & 0o777 == 0o600


def test_accounts_json_is_never_readable_by_others_even_while_written(store, monkeypatch):
    import os

    os.umask(0o022)
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        if str(dst).endswith("accounts.json"):
            seen.append(os.stat(src).st_mode & 0o777)
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    users.add_user(store, "admin", "admin", [], PASSWORD)
    users.add_user(store, "ani", "analyst", ["15.71"], PASSWORD, actor="admin")
    assert seen == [0o600, 0o600]  # already private when renamed into place
    assert (store.data_dir / "accounts.json").stat().st_mode & 0o777 == 0o600


def test_a_replicas_pulled_accounts_json_is_private(tmp_path, s3_endpoint):
    import os
    import uuid

    from ucj.storage.replica import replicated_store

    os.umask(0o022)
    url = f"s3://ucj-test/{uuid.uuid4().hex}"
    first = replicated_store(tmp_path / "one", url)
    users.add_user(first, "admin", "admin", [], PASSWORD)
    second = replicated_store(tmp_path / "two", url)  # pulls the accounts
    assert "admin" in second.accounts()
    assert (tmp_path / "two" / "accounts.json").stat().st_mode & 0o777 == 0o600
    users.add_user(first, "ani", "analyst", ["15.71"], PASSWORD, actor="admin")
    second.refresh()  # a changed file pulled again
    assert "ani" in second.accounts()
    assert (tmp_path / "two" / "accounts.json").stat().st_mode & 0o777 == 0o600


def test_guessing_on_a_shared_store_writes_almost_no_versions(tmp_path, s3_endpoint, clock):
    import uuid

    from ucj.storage import objects
    from ucj.storage.replica import replicated_store

    url = f"s3://ucj-test/{uuid.uuid4().hex}"
    shared = replicated_store(tmp_path / "replica", url)
    users.add_user(shared, "admin", "admin", [], PASSWORD)
    start = objects.latest(shared.objects).version
    for _ in range(50):
        refused(shared, "tidak-ada", "tebakan")
        clock.advance(1)
    assert objects.latest(shared.objects).version - start <= 2
    [line] = [e for e in shared.audit.entries() if e["event"] == "sign_in_failed"]
    assert line["detail"] == {"name": "tidak-ada", "address": "10.0.0.9", "count": 1}
    # Ten minutes on, the next failure reports those held back (only attempts that checked a password).
    clock.advance(600)
    refused(shared, "tidak-ada", "tebakan")
    counts = [e["detail"]["count"] for e in shared.audit.entries() if e["event"] == "sign_in_failed"]
    assert counts[0] == 1 and counts[1] > 1 and sum(counts) < 50


def test_a_session_token_signs_in_again_until_it_expires_or_the_account_changes(office, clock):
    ani = users.sign_in(office, "ani", PASSWORD)
    token = users.session_token(office, ani)
    assert users.resume_session(office, token) == ani
    assert (office.data_dir / ".ucj-session.key").stat().st_mode & 0o777 == 0o600
    # Forged or altered tokens are refused.
    payload, signature = token.split(".")
    assert users.resume_session(office, payload + "." + signature[::-1]) is None
    assert users.resume_session(office, "x" + token) is None
    assert users.resume_session(office, None) is None
    # A role change is taken at once: the token names the account, not its role.
    users.add_user(office, "wali", "admin", [], PASSWORD, actor="admin")
    wali_token = users.session_token(office, users.sign_in(office, "wali", PASSWORD))
    office.update_accounts(
        lambda a: setattr(a["wali"], "role", "viewer"),
        lambda _: {"event": "user_added", "user": office.actor("admin"), "detail": {"name": "wali", "role": "viewer"}},
    )
    assert users.resume_session(office, wali_token).role == "viewer"
    # Expired after UCJ_SESSION_HOURS (12 by default).
    clock.advance(12 * 3600 + 1)
    assert users.resume_session(office, token) is None
    # A removed account's token, and one issued before the account was replaced, open nothing.
    fresh = users.session_token(office, users.sign_in(office, "ani", PASSWORD))
    users.remove_user(office, "wali", actor="admin")
    assert users.resume_session(office, wali_token) is None
    clock.advance(5)
    replaced = dt.datetime.fromtimestamp(clock.t, dt.UTC).isoformat(timespec="seconds")
    office.update_accounts(lambda a: setattr(a["ani"], "created_at", replaced))
    assert users.resume_session(office, fresh) is None


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
    revised = csv_bytes([WIDE, "2025-07;15.71;289.714;90.010;45.000;4.349;1.000"], sep=";")
    assert service.ingest(office, revised, "revisi.csv", user="ani").stored
    office.rollback("2025-07", 1, user="admin")
    service.set_target(office, "15.71", 2025, "55", "MoU", user="ani")
    events = [e["event"] for e in office.audit.entries()]
    assert events == [
        "user_added",
        "user_added",
        "user_added",
        "upload_published",
        "upload_refused",
        "upload_published",
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
    assert len(json.loads(capsys.readouterr().out)) == 8

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


def test_the_first_account_must_be_an_admin(tmp_path, monkeypatch):
    d = str(tmp_path / "data")
    code, _, err = run("users", "add", "ani", "--role", "analyst", "--region", "15.71", "--password-stdin",
                       "--data-dir", d, stdin=PASSWORD + "\n", monkeypatch=monkeypatch)  # fmt: skip
    assert code == 2 and "Akun pertama harus admin" in err and "The first account must be an admin" in err
    assert Store(tmp_path / "data").accounts() == {}
    with pytest.raises(ValueError):
        users.add_user(Store(tmp_path / "data"), "wali", "viewer", [], PASSWORD)


def test_the_operator_clears_a_wait_from_the_shell_without_an_admin(office, clock, monkeypatch):
    d = str(office.data_dir)
    for pause in (0, 0, 0, 2, 4, 8, 16, 32):
        clock.advance(pause)
        refused(office, "admin", "salah")
    assert refused(office, "admin", PASSWORD, address="10.0.0.7").params == {"wait": 64}
    assert json.loads(run("users", "list", "--json", "--data-dir", d)[1])[0]["failures"] == 8
    # Without --user or --local an admin is needed: the login name is not one.
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    assert run("users", "unlock", "admin", "--data-dir", d)[0] == 2
    assert run("users", "unlock", "admin", "--user", "ani", "--data-dir", d)[0] == 2
    code, out, _ = run("users", "unlock", "admin", "--local", "--data-dir", d)
    assert code == 0 and "dihapus oleh operator server" in out
    assert users.sign_in(office, "admin", PASSWORD, address="10.0.0.7").name == "admin"
    [line] = [e for e in office.audit.entries() if e["event"] == "user_unlocked"]
    assert (line["user"], line["role"], line["detail"]) == ("root", "admin", {"name": "admin", "via": "local-shell"})
    assert run("users", "unlock", "nobody", "--local", "--data-dir", d)[0] == 2
    # The admin's own unlock keeps working, recorded without the break-glass mark.
    refused(office, "ani", "salah")
    assert run("users", "unlock", "ani", "--user", "admin", "--data-dir", d)[0] == 0
    last = [e for e in office.audit.entries() if e["event"] == "user_unlocked"][-1]
    assert (last["user"], last["detail"]) == ("admin", {"name": "ani"})
    # An account locked by an earlier version (five wrong passwords) is opened the same way.
    office.update_accounts(lambda a: setattr(a["wali"], "locked", True))
    assert refused(office, "wali", PASSWORD).key in ("sign_in_refused", "sign_in_wrong")
    assert run("users", "unlock", "wali", "--local", "--data-dir", d)[0] == 0
    assert users.sign_in(office, "wali", PASSWORD).role == "viewer"


def test_parallel_guesses_do_not_slip_through_one_gap(office, clock, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    checked = []
    real_matches = users.password_matches
    monkeypatch.setattr(users, "password_matches", lambda h, p: checked.append(h) or real_matches(h, p))

    def guess(i):
        with pytest.raises(AuthError) as exc:
            users.sign_in(office, "admin", f"tebakan-{i}", address="10.9.9.9")
        return exc.value.params.get("wait", 0)

    with ThreadPoolExecutor(8) as pool:
        waits = list(pool.map(guess, range(16)))
    assert len(checked) == 3  # the free attempts; the other 13 checked no password
    assert sorted(waits)[-13:] == [2] * 13
