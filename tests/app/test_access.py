"""Sign-in, roles and escaping through Streamlit's AppTest."""

import pytest

from tests.app.conftest import open_app, shown, store_of, texts, warnings
from ucj import service, users

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


def test_five_wrong_passwords_lock_the_account_in_the_app(office):
    at = open_app()
    for _ in range(5):
        at = sign_in(at, "ani", "salah")
    assert "Akun ani terkunci" in texts(at)
    at = sign_in(at, "ani")  # the right password, too late
    assert "Akun ani terkunci" in texts(at) and not at.metric
    events = [e["event"] for e in store_of(office).audit.entries()]
    assert events.count("sign_in_failed") == 6 and "account_locked" in events


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
    from ucj.fmt import escape_md

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

    from ucj.store import Store

    def disk_full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/srv/ucj/data/manifest.json")

    monkeypatch.setattr(Store, "rollback", disk_full)
    at = open_app("upload.py", period="2025-07", region="15.71")
    at.selectbox(key="rb_period").set_value("2025-07").run()
    at.button(key="rb_button").click().run()
    assert not at.exception
    assert "Disk server penuh" in texts(at)  # ucj.failures: the disk is full, said as such
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
