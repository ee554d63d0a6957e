from pathlib import Path

import pytest

from ucj.core.settings import load_settings


def test_defaults_and_environment_overrides():
    s = load_settings({})
    assert (s.change_warning_pct, s.pace_months, s.jkm_rp, s.reported_income_rp) == (30.0, 3, 6800, 1_000_000)
    s = load_settings({"UCJ_DATA_DIR": "/tmp/x", "UCJ_JKM_RP": "7000", "UCJ_CHANGE_WARNING_PCT": "25"})
    assert (s.data_dir, s.jkm_rp, s.change_warning_pct) == (Path("/tmp/x"), 7000, 25.0)


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ValueError, match="UCJ_PACE_MONTHS"):
        load_settings({"UCJ_PACE_MONTHS": "tiga"})


def test_the_app_is_quiet_and_bounded_by_its_shipped_config():
    import tomllib

    from ucj.core.settings import REPO_DIR, Settings

    config = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text())
    # No usage statistics, no external-address lookup, and only this machine unless configured.
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "localhost"
    # The upload limit the browser sees is the library's own.
    assert config["server"]["maxUploadSize"] == Settings().max_file_mb


# --- issue 16: pydantic-settings, checked at start ---------------------------------------------------


def test_every_default_is_unchanged():
    from ucj.core import jakon
    from ucj.core.settings import REPO_DIR

    s = load_settings({})
    # Rp16.800 a month per BPU worker: JKK 1% of Rp1.000.000 plus JKM Rp6.800.
    assert (s.jkk_rate_pct, s.reported_income_rp, s.jkm_rp) == (1.0, 1_000_000, 6800)
    assert s.jkk_rate_pct / 100 * s.reported_income_rp + s.jkm_rp == 16_800
    assert (s.change_warning_pct, s.pace_months, s.at_risk_pace_ratio) == (30.0, 3, 0.75)
    assert (s.s3_connect_timeout_s, s.s3_read_timeout_s, s.s3_attempts, s.debug) == (5.0, 8.0, 3, 0)
    assert (s.signin_free_failures, s.signin_delay_s, s.signin_max_delay_s) == (3, 2, 300)
    assert (s.signin_forget_s, s.signin_audit_window_s, s.session_hours) == (3600, 600, 12)
    assert (s.max_file_mb, s.max_rows, s.max_columns, s.max_cell_chars) == (20, 200_000, 64, 1_000)
    assert (s.max_count, s.max_seconds, s.max_errors_per_kind) == (1_000_000_000, 30.0, 20)
    assert (s.data_dir, s.roles_file) == (REPO_DIR / "data", REPO_DIR / "roles.toml")
    assert (s.store, s.audit_key, s.session_secret) == ("", "", "")
    assert s.tiers == jakon.DEFAULT_TIERS


def test_the_default_data_directory_is_the_checkouts_sample():
    # ucj/core/settings.py sits two folders below the checkout: the default data is the shipped sample.
    from ucj.core.settings import REPO_DIR

    checkout = Path(__file__).resolve().parent.parent
    assert checkout == REPO_DIR
    assert load_settings({}).data_dir == checkout / "data" and (checkout / "data" / "manifest.json").is_file()


def test_blank_values_keep_the_default_and_other_variables_are_ignored():
    s = load_settings({"UCJ_STORE": "  s3://ucj/kantor ", "UCJ_JKM_RP": "  ", "UCJ_TEST_BACKEND": "s3", "HOME": "/x"})
    assert (s.store, s.jkm_rp) == ("s3://ucj/kantor", 6800)


@pytest.mark.parametrize(
    "bad",
    [
        "abc",
        "*:9",  # a rate above 5 percent
        "500:0.1,100:0.2,*:0.1",  # bounds that shrink
        "100:0.2",  # no "*" tier last
        "100:x,*:0.1",  # a rate that is no number (was decimal.InvalidOperation, not a ValueError)
        "*:0.1,*:0.2",  # a second "*" tier no value can reach
        "0:0.1,*:0.1",  # a bound of 0 rupiah
        "100;0.2,*:0.1",
    ],
)
def test_a_bad_jakon_tiers_is_refused_when_the_settings_load(bad):
    from ucj.core.settings import SettingsError

    with pytest.raises(SettingsError) as refused:
        load_settings({"UCJ_JAKON_TIERS": bad})
    assert refused.value.problems == [
        ("settings_jakon_tiers", {"value": repr(bad), "example": "100000000:0.21,*:0.09"})
    ]
    assert str(refused.value).startswith(f"Pengaturan UCJ_JAKON_TIERS={bad!r} tidak sah. Yang sah: jenjang")
    assert f'Setting UCJ_JAKON_TIERS={bad!r} is not valid. Valid: tiers "upper:percent,…,*:percent"' in str(
        refused.value
    )


def test_a_good_jakon_tiers_is_read():
    from decimal import Decimal

    s = load_settings({"UCJ_JAKON_TIERS": " 200000000:0.2, *:0.1 "})
    assert s.tiers == ((200_000_000, Decimal("0.2")), (None, Decimal("0.1")))


@pytest.mark.parametrize(
    ("name", "value", "valid"),
    [
        ("UCJ_PACE_MONTHS", "0", "≥ 1"),
        ("UCJ_S3_ATTEMPTS", "0", "≥ 1"),
        ("UCJ_S3_READ_TIMEOUT_S", "0", "> 0"),
        ("UCJ_S3_CONNECT_TIMEOUT_S", "-1", "> 0"),
        ("UCJ_MAX_ROWS", "-5", "> 0"),
        ("UCJ_MAX_FILE_MB", "0", "> 0"),
        ("UCJ_MAX_SECONDS", "0", "> 0"),
        ("UCJ_CHANGE_WARNING_PCT", "120", "0–100"),
        ("UCJ_JKK_RATE_PCT", "-1", "0–100"),
        ("UCJ_AT_RISK_PACE_RATIO", "1.5", "0–1"),
        ("UCJ_JKM_RP", "-6800", "≥ 0"),
        ("UCJ_REPORTED_INCOME_RP", "0", "> 0"),
        ("UCJ_SESSION_HOURS", "-1", "≥ 0"),
        ("UCJ_SIGNIN_FORGET_S", "0", "> 0"),
        ("UCJ_DEBUG", "2", "0–1"),
    ],
)
def test_a_value_out_of_range_is_refused_naming_the_setting_and_the_range(name, value, valid):
    from ucj.core.settings import SettingsError

    with pytest.raises(SettingsError) as refused:
        load_settings({name: value})
    params = {"name": name, "value": repr(value), "valid": valid}
    assert refused.value.problems == [("settings_out_of_range", params)]
    assert f"Setting {name}={value!r} is out of range: valid is {valid}." in str(refused.value)


def test_every_problem_is_named_and_a_bad_number_says_what_is_valid():
    from ucj.core.settings import SettingsError

    with pytest.raises(SettingsError) as refused:
        load_settings({"UCJ_PACE_MONTHS": "tiga", "UCJ_MAX_SECONDS": "nan", "UCJ_CHANGE_WARNING_PCT": "101"})
    # In the order of the settings table.
    assert refused.value.problems == [
        ("settings_out_of_range", {"name": "UCJ_CHANGE_WARNING_PCT", "value": "'101'", "valid": "0–100"}),
        ("settings_not_whole", {"name": "UCJ_PACE_MONTHS", "value": "'tiga'", "valid": "≥ 1"}),
        ("settings_not_number", {"name": "UCJ_MAX_SECONDS", "value": "'nan'", "valid": "> 0"}),
    ]
    assert "Setting UCJ_PACE_MONTHS='tiga' is not valid: it must be a whole number ≥ 1." in str(refused.value)


def test_the_longest_sign_in_wait_is_at_least_the_first():
    from ucj.core.settings import SettingsError

    with pytest.raises(SettingsError) as refused:
        load_settings({"UCJ_SIGNIN_DELAY_S": "10", "UCJ_SIGNIN_MAX_DELAY_S": "5"})
    assert refused.value.problems == [("settings_signin_max_delay", {"value": "5", "delay": "10"})]


def test_every_number_setting_declares_its_range():
    from ucj.core.settings import Settings, valid_range

    numbers = [name for name, f in Settings.model_fields.items() if f.annotation in (int, float)]
    assert len(numbers) == 23
    assert all(valid_range(name) for name in numbers), [n for n in numbers if not valid_range(n)]


def test_secrets_are_never_shown():
    from ucj.core.settings import SettingsError

    s = load_settings({"UCJ_AUDIT_KEY": "kunci-audit-rahasia", "UCJ_SESSION_SECRET": "kunci-sesi-rahasia"})
    assert (s.audit_key, s.session_secret) == ("kunci-audit-rahasia", "kunci-sesi-rahasia")
    assert "rahasia" not in repr(s) and "rahasia" not in str(s)
    with pytest.raises(SettingsError) as refused:
        s.replace(session_secret=12345)  # not text: refused, the value never repeated
    assert refused.value.problems == [("settings_invalid", {"name": "UCJ_SESSION_SECRET", "value": "***"})]
    assert "12345" not in str(refused.value)


def test_copies_keep_every_other_setting_and_are_checked():
    from ucj.core.settings import SettingsError

    s = load_settings({"UCJ_JKM_RP": "7000"})
    moved = s.with_data_dir("/tmp/lain")
    assert (moved.data_dir, moved.jkm_rp, s.data_dir != moved.data_dir) == (Path("/tmp/lain"), 7000, True)
    assert s.with_data_dir(None) is s
    assert s.replace(pace_months=6).pace_months == 6 and s.replace(pace_months=6).jkm_rp == 7000
    with pytest.raises(SettingsError, match="UCJ_PACE_MONTHS"):
        s.replace(pace_months=0)
    with pytest.raises(Exception, match="frozen"):
        s.jkm_rp = 1


def test_the_command_line_refuses_a_bad_setting_with_exit_2(tmp_path, monkeypatch):
    import io

    from ucj.cli import main

    monkeypatch.setenv("UCJ_JAKON_TIERS", "*:9")
    out, err = io.StringIO(), io.StringIO()
    assert main(["versions", "--data-dir", str(tmp_path)], out, err) == 2
    assert err.getvalue().startswith("Pengaturan UCJ_JAKON_TIERS='*:9' tidak sah.")
    assert "Setting UCJ_JAKON_TIERS='*:9' is not valid." in err.getvalue() and "Traceback" not in err.getvalue()
    assert out.getvalue() == ""


def test_the_app_shows_a_bad_setting_readably_and_stops(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from ucj.core.settings import REPO_DIR

    monkeypatch.setenv("UCJ_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UCJ_JAKON_TIERS", "*:9")
    monkeypatch.setenv("UCJ_PACE_MONTHS", "0")
    at = AppTest.from_file(str(REPO_DIR / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]
    assert shown[0].startswith("Pengaturan UCJ_PACE_MONTHS='0' di luar batas: yang sah ≥ 1.")
    assert shown[1].startswith("Pengaturan UCJ_JAKON_TIERS='*:9' tidak sah.")
    assert len(shown) == 2 and not at.metric and not at.sidebar.markdown


def test_the_readme_gives_every_number_settings_range():
    import re

    from ucj.core.settings import REPO_DIR, Settings, valid_range

    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Settings checked at start", 1)[1].split("\n\n", 3)[2]
    rows = {}
    for line in table.splitlines()[2:]:
        valid, names = line.strip("|").split("|")
        for name in re.findall(r"`(UCJ_\w+)`", names):
            rows.setdefault(name, valid.strip())
    for name, f in Settings.model_fields.items():
        if f.annotation in (int, float):
            assert rows[f"UCJ_{name.upper()}"] == valid_range(name), name
    assert "UCJ_JAKON_TIERS" in rows
