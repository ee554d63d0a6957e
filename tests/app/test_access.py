"""Sign-in, roles and escaping through Streamlit's AppTest."""

import pytest

from tests.app.conftest import open_app, shown, store_of, texts, warnings
from ucj.services import service, users

PASSWORD = "rahasia-kota-2025"


@pytest.fixture
def office(sample_dir):
    """The sample data with an admin, an analyst of Kota Jambi and a viewer."""
    s = store_of(sample_dir)
    users.add_user(s, "admin", "admin", [], PASSWORD)
    users.add_user(s, "ani", "analyst", ["15.71"], PASSWORD, actor="admin")
    users.add_user(s, "wali", "viewer", [], PASSWORD, actor="admin")
    return sample_dir


def sign_in(at, name, password=PASSWORD):
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    next(b for b in at.button if b.label == "Masuk").click()
    return at.run()


def test_local_mode_says_so_on_every_page(sample_dir):
    for page in (None, "upload.py", "targets.py"):
        at = open_app(page)
        assert any(shown(w.value).startswith("Mode lokal: belum ada akun") for w in at.warning), page


def test_with_accounts_nothing_shows_before_sign_in(office):
    at = open_app(period="2025-07", region="15.71")
    assert "Masuk ke Dasbor UCJ" in texts(at)
    assert not at.metric and "48,44%" not in texts(at)
    at = sign_in(at, "ani", "salah")
    assert "Nama pengguna atau kata sandi salah." in texts(at)


class Clock:
    def __init__(self, t: float = 2_000_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr("ucj.storage.signin._now", c)
    return c


def test_the_admin_signs_in_within_a_minute_of_five_wrong_passwords(office, clock):
    at = open_app(period="2025-07", region="15.71")
    for pause in (0, 0, 0, 2, 4):  # a stranger's five guesses, each as soon as the form allows
        clock.t += pause
        at = sign_in(at, "admin", "salah")
    assert "coba lagi dalam 8 detik" in texts(at)
    clock.t += 3
    at = sign_in(at, "admin")  # the right password, during the wait: the same message
    assert "coba lagi dalam 5 detik" in texts(at) and not at.metric
    clock.t += 5  # 14 s after the first guess
    at = sign_in(at, "admin")
    assert "Masuk sebagai admin · admin" in texts(at) and any(m.value == "48,44%" for m in at.metric)


def test_a_real_and_a_made_up_name_get_the_same_message(office, clock):
    seen = []
    for name in ("ani", "siapa-saja"):
        at = sign_in(open_app(), name, "salah")
        seen.append([e.value for e in at.error])
    assert seen[0] == seen[1] == ["Nama pengguna atau kata sandi salah."]


def exchange(code, method="POST", headers=()):
    """serve.py's cookie route, called as the browser's fetch calls it: (status, Set-Cookie header)."""
    import asyncio
    import json

    from starlette.requests import Request

    import serve

    body = json.dumps({"code": code}).encode()

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {"type": "http", "method": method, "path": "/api/ucj-session", "headers": list(headers), "scheme": "http",
             "server": ("127.0.0.1", 8501), "query_string": b""}  # fmt: skip
    response = asyncio.run(serve.session_cookie(Request(scope, receive)))
    return response.status_code, response.headers.get("set-cookie", "")


def test_a_reload_or_a_shared_link_keeps_the_sign_in_and_opens_the_linked_page(office, clock, monkeypatch):
    from app_pages import common

    at = sign_in(open_app("sectors.py", period="2025-07", region="15.71"), "ani")
    # Signing in stays on the page the link named.
    assert "Masuk sebagai ani · analis" in texts(at) and at.title[0].value.startswith("Sektor")
    # The page hands the browser a one-minute code, which serve.py trades for an HttpOnly cookie.
    code = at.session_state["_session_handoff"]
    script = next(f.proto.srcdoc for f in at.get("iframe") if "/api/ucj-session" in f.proto.srcdoc)
    assert code in script and '"method": "POST"' in script
    status, header = exchange(code)
    assert status == 200 and "HttpOnly" in header and "SameSite=strict" in header and "Max-Age=43200" in header
    token = header.split(";")[0].removeprefix("ucj_session=")
    assert exchange(code) == (403, "")  # spent
    clock.t += 61
    assert exchange(common.users.handoff_code(store_of(office), at.session_state["user"]))[0] == 200
    assert exchange(at.session_state["_session_handoff"])[0] == 403  # and expired
    # Behind a TLS proxy the cookie is Secure too.
    behind_tls = exchange(common.users.handoff_code(store_of(office), at.session_state["user"]),
                          headers=[(b"x-forwarded-proto", b"https")])  # fmt: skip
    assert behind_tls[0] == 200 and "Secure" in behind_tls[1] and "Secure" not in header
    # A new browser session (a reload, a shared link) that sends the cookie is signed in at once.
    cookies = {"ucj_session": token}
    monkeypatch.setattr(common, "_browser_cookie", lambda name: cookies.get(name))
    again = open_app("trends.py", period="2025-07", region="15.71")
    assert "Masuk sebagai ani · analis" in texts(again) and "Masuk ke Dasbor UCJ" not in texts(again)
    assert again.title[0].value.startswith("Tren")
    # A forged token, a handoff code as a cookie, or signing out opens nothing.
    for forged in (token[:-2] + "xx", code):
        cookies["ucj_session"] = forged
        assert "Masuk ke Dasbor UCJ" in texts(open_app(period="2025-07", region="15.71"))
    cookies["ucj_session"] = token
    again.button(key="sign_out").click().run()
    assert "Masuk ke Dasbor UCJ" in texts(again) and not again.metric
    assert any('"method": "DELETE"' in f.proto.srcdoc for f in again.get("iframe"))
    status, header = exchange(None, method="DELETE")
    assert status == 200 and header.startswith('ucj_session=""') and "Max-Age=0" in header


def test_a_viewer_sees_no_write_controls(office):
    at = sign_in(open_app(period="2025-07", region="15.71"), "wali")
    assert "Masuk sebagai wali · pembaca" in texts(at)
    assert any(m.value == "48,44%" for m in at.metric)
    at.switch_page("app_pages/targets.py")
    at.run()
    assert "Anda masuk sebagai pembaca" in texts(at)
    assert not [b for b in at.button if b.key in ("save_targets", "import_targets")]
    assert at.dataframe and all(d.proto.editing_mode == 0 for d in at.dataframe)  # read-only, not an editor
    # The upload page (publish, rollback) is not offered to a viewer at all.
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/upload.py")


def test_an_analyst_rolls_back_only_what_is_theirs_and_is_told_why(office):
    s = store_of(office)
    rows = s.read_snapshot("2025-07")
    rows.loc[rows["region_code"] == "61.03", "participants"] += 10
    s.publish(rows.drop(columns=["source_version"]), period="2025-07", user="admin", file_name="r.csv", sha256="0" * 64)
    at = sign_in(open_app(period="2025-07", region="15.71"), "ani")
    at.switch_page("app_pages/upload.py")
    at.run()
    at.selectbox(key="rb_period").set_value("2025-07").run()
    at.selectbox(key="rb_version").set_value(1).run()
    at.button(key="rb_button").click().run()
    assert not at.exception
    assert "Ditolak: ani hanya boleh mengubah wilayah 15.71, bukan 61.03." in texts(at)
    active = s.versions("2025-07")
    assert active[active["active"]]["version"].tolist() == [2]


def test_the_audit_page_lists_events_for_admins_only(office):
    s = store_of(office)
    users.sign_in(s, "ani", PASSWORD)
    assert service.ingest(s, b"period,region_code\n2025-07,99.99\n", "salah.csv", user="ani").state == "refused"
    at = sign_in(open_app(), "admin")
    at.switch_page("app_pages/audit.py")
    at.run()
    assert "Utuh: rantai hash log audit" in texts(at)
    log = at.dataframe[0].value
    assert {"masuk", "unggahan ditolak", "akun ditambah"} <= set(log["Kejadian"])
    assert "ani" in set(log["Oleh"])
    at = sign_in(open_app(), "ani")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/audit.py")


PAYLOADS = [
    "<style>*{color:red}</style>",
    "<img src=x onerror=alert(1)>",
    "[x](http://evil.example)",
    "![x](http://evil.example/i.png)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_is_shown_inert(sample_dir, payload):
    from ucj.core.fmt import escape_md

    # A URL parameter, echoed in the broken-link warning.
    at = open_app(region=payload, period="2025-07")
    [warning] = [w.value for w in at.warning if not shown(w.value).startswith("Mode lokal")]
    assert escape_md(payload[:80]) in warning and payload not in warning
    # A target's source, shown in the target card's tooltip.
    s = store_of(sample_dir)
    assert service.set_target(s, "15.71", 2025, "55", payload).ok
    at = open_app(period="2025-07", region="15.71")
    card = next(m for m in at.metric if m.label == "Target")
    assert card.help == escape_md(payload) and payload not in card.help
    # A file name, in the presentation's footer (st.html).
    rows = s.read_snapshot("2025-07").drop(columns=["source_version"])
    s.publish(rows, period="2025-07", user="x", file_name=payload, sha256="0" * 64)
    at = open_app("present.py", period="2025-07", region="15.71")
    htmls = [h.proto.body for h in at.get("html")]
    footer = next(h for h in htmls if "ucj-footer" in h)
    assert "&lt;" in footer or "[x]" in footer
    assert "<style>*" not in footer and "<img" not in footer
    assert not warnings(at)


def test_a_failing_button_shows_a_message_not_a_stack_trace(sample_dir, monkeypatch):
    import errno

    from ucj.storage.store import Store

    def disk_full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/srv/ucj/data/manifest.json")

    s = store_of(sample_dir)  # a second version of July, so there is one to roll back to
    rows = s.read_snapshot("2025-07")
    rows.loc[rows["region_code"] == "61.03", "participants"] += 10
    s.publish(rows, period="2025-07", user="ani", file_name="revisi.csv", sha256="0" * 64)
    monkeypatch.setattr(Store, "rollback", disk_full)
    at = open_app("upload.py", period="2025-07", region="15.71")
    at.selectbox(key="rb_period").set_value("2025-07").run()
    at.button(key="rb_button").click().run()
    assert not at.exception
    assert "Disk server penuh" in texts(at)  # ucj.core.failures: the disk is full, said as such
    assert "/srv/ucj" not in texts(at)


def test_a_removed_account_loses_its_session_at_once(office):
    at = sign_in(open_app(period="2025-07", region="15.71"), "ani")
    assert "Masuk sebagai ani · analis" in texts(at)
    users.remove_user(store_of(office), "ani", actor="admin")
    at.run()
    assert "Masuk ke Dasbor UCJ" in texts(at) and not at.metric


def test_a_visit_without_a_region_opens_the_users_own(office):
    users.add_user(store_of(office), "sri", "analyst", ["61.03"], PASSWORD, actor="admin")
    at = sign_in(open_app(), "sri")
    assert at.selectbox(key="region").value == "61.03"
    assert at.title[0].value.startswith("Kabupaten Sanggau")
    assert sign_in(open_app(), "ani").selectbox(key="region").value == "15.71"
    # No scope (a viewer): the first province with data. A link's own region always wins.
    assert sign_in(open_app(), "wali").selectbox(key="region").value == "15"
    assert sign_in(open_app(region="61"), "ani").selectbox(key="region").value == "61"


def test_only_an_admin_sees_the_withdraw_control(office):
    at = sign_in(open_app(period="2025-07", region="15.71"), "ani")
    at.switch_page("app_pages/upload.py")
    at.run()
    assert not [b for b in at.button if b.key == "withdraw_button"]
    at = sign_in(open_app(period="2025-07", region="15.71"), "admin")
    at.switch_page("app_pages/upload.py")
    at.run()
    assert [b for b in at.button if b.key == "withdraw_button"]


def test_an_oidc_session_picks_up_a_changed_role_rule_at_the_next_rerun(sample_dir, tmp_path, monkeypatch):
    import streamlit

    from app_pages import common

    class FakeUser:
        is_logged_in = True

        def to_dict(self):
            return {"email": "ani@jambikota.go.id", "email_verified": True}

        def get(self, key, default=None):
            return self.to_dict().get(key, default)

    rules = tmp_path / "roles.toml"
    rules.write_text('[[rule]]\ndomain = "jambikota.go.id"\nrole = "admin"\n')
    monkeypatch.setenv("UCJ_ROLES_FILE", str(rules))
    monkeypatch.setattr(common, "_oidc_configured", lambda: True)
    monkeypatch.setattr(streamlit, "user", FakeUser())
    at = open_app(period="2025-07", region="15.71")
    assert "Masuk sebagai ani@jambikota.go.id · admin" in texts(at).replace(
        "\u2060", ""
    )  # the word joiner keeps it unlinked
    rules.write_text('[[rule]]\ndomain = "jambikota.go.id"\nrole = "viewer"\n')
    at.run()
    assert "Masuk sebagai ani@jambikota.go.id · pembaca" in texts(at).replace(
        "\u2060", ""
    )  # the word joiner keeps it unlinked
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/upload.py")
    rules.write_text('[[rule]]\ndomain = "example.org"\nrole = "viewer"\n')
    at.run()
    assert "Masuk ke Dasbor UCJ" in texts(at) and not at.metric
    events = [(e["event"], e["role"]) for e in store_of(sample_dir).audit.entries() if e["event"].startswith("sign_in")]
    assert events == [("sign_in", "admin"), ("sign_in", "viewer"), ("sign_in_failed", None)]
