from pathlib import Path

import pytest

from ucj.settings import load_settings


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

    from ucj.settings import REPO_DIR, Settings

    config = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text())
    # No usage statistics, no external-address lookup, and only this machine unless configured.
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "localhost"
    # The upload limit the browser sees is the library's own.
    assert config["server"]["maxUploadSize"] == Settings().max_file_mb
