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
