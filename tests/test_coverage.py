import pytest
from hypothesis import given
from hypothesis import strategies as st

from ucj.core.coverage import (
    coverage_pct,
    current_pace,
    gap,
    months_left,
    required_per_month,
    status,
    target_figures,
    target_participants,
)


def test_sanggau_construction_worked_example():
    # domain brief: 4,519 of 12,320 = 36.68%; 58.65% needs 7,226; gap 2,707; from July, 542 a month.
    f = target_figures("2025-07", 4519, 12320, 58.65, 2025, {"2025-07": 4519})
    assert f.coverage_pct == 36.68
    assert f.target_participants == 7226
    assert f.gap == 2707
    assert f.months_left == 5
    assert f.required_per_month == 542
    assert f.status == "no_trend"


def test_kota_jambi_july_2025():
    f = target_figures("2025-07", 140349, 289714, 55, 2025, {})
    assert (f.coverage_pct, f.target_participants, f.gap, f.required_per_month) == (48.44, 159343, 18994, 3799)


def test_coverage_rounds_half_up_and_has_no_data_without_workforce():
    assert coverage_pct(1, 8) == 12.5
    assert coverage_pct(1, 3) == 33.33
    assert coverage_pct(2, 3) == 66.67
    assert coverage_pct(5, 0) is None
    assert coverage_pct(5, None) is None


def test_months_left_and_required_pace():
    assert months_left("2025-07", 2025) == 5
    assert months_left("2025-12", 2025) == 0
    assert months_left("2025-07", 2026) == 17
    assert months_left("2026-03", 2025) == 0
    assert required_per_month(2707, 5) == 542
    assert required_per_month(0, 0) == 0
    assert required_per_month(10, 0) is None
    assert gap(100, 120) == 0


def test_pace_uses_up_to_three_months_and_tolerates_gaps():
    h = {"2025-03": 0, "2025-04": 100, "2025-05": 250, "2025-06": 300, "2025-07": 460}
    assert current_pace(h, "2025-07") == pytest.approx((460 - 100) / 3)
    assert current_pace({"2025-05": 100, "2025-07": 160}, "2025-07") == 30
    assert current_pace({"2025-07": 160}, "2025-07") is None


@pytest.mark.parametrize(
    "participants, pace, left, expected",
    [
        (7226, None, 5, "reached"),
        (4519, 542, 5, "on_track"),  # 542 × 5 = 2,710 ≥ 2,707
        (4519, 410, 5, "at_risk"),  # 2,050 ≥ 0.75 × 2,707
        (4519, 400, 5, "off_track"),  # 2,000 < 2,030.25
        (4519, -10, 5, "off_track"),
        (4519, None, 5, "no_trend"),
        (4519, 1000, 0, "off_track"),
    ],
)
def test_status_rule(participants, pace, left, expected):
    assert status(participants, 12320, 7226, pace, left) == expected


def test_no_workforce_is_no_data():
    f = target_figures("2025-07", 10, 0, 55, 2025, {})
    assert f.status == "no_data" and f.coverage_pct is None and f.gap is None


@given(
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=2, max_value=1000),
)
def test_coverage_does_not_change_when_every_number_is_scaled(p, w, k):
    assert coverage_pct(p, w) == coverage_pct(p * k, w * k)


@given(st.floats(min_value=0.01, max_value=100), st.integers(min_value=1, max_value=10**8))
def test_needed_is_the_smallest_count_reaching_the_target(pct, w):
    pct = round(pct, 2)
    n = target_participants(pct, w)
    assert n * 10000 >= round(pct * 100) * w  # n / w ≥ pct / 100, exactly in integers
    assert (n - 1) * 10000 < round(pct * 100) * w


def test_matched_history_ignores_regions_that_start_reporting():
    from ucj.core.coverage import matched_history

    by_period = {"2025-06": {"61.03": 1000}, "2025-07": {"61.03": 1100, "61.05": 30000}}
    assert matched_history(by_period, "2025-07") == {"2025-06": 1000, "2025-07": 1100}
    assert current_pace(matched_history(by_period, "2025-07"), "2025-07") == 100
    assert matched_history({"2025-07": {"61.03": 5}}, "2025-07") == {"2025-07": 5}
    assert matched_history({"2025-06": {"61.05": 1}, "2025-07": {"61.03": 5}}, "2025-07") == {"2025-07": 5}


def test_projection_never_exceeds_the_workforce():
    f = target_figures("2025-07", 900, 1000, 95, 2025, {"2025-06": 500, "2025-07": 900})
    assert f.projected_pct == 100.0


def test_the_target_in_force_is_the_regions_own_else_its_nearest_ancestors():
    from ucj.core.coverage import target_book, target_in_force

    book = target_book(
        [
            {"region_code": "15.71", "year": 2025, "target_pct": 55.0, "source": "MoU"},
            {"region_code": "15.71", "year": 2027, "target_pct": 60.0, "source": "RPJMD"},
            {"region_code": "15", "year": 2026, "target_pct": 45.0, "source": ""},
        ]
    )
    assert target_in_force(book, "15.71", 2025) == (55.0, 2025, "MoU")
    assert target_in_force(book, "15.71", 2026) == (60.0, 2027, "RPJMD")  # its nearest later year
    assert target_in_force(book, "15.71.07", 2025) == (55.0, 2025, "Kota Jambi (15.71): MoU")
    assert target_in_force(book, "15.01", 2025) == (45.0, 2026, "Jambi (15)")
    assert target_in_force(book, "61.03", 2025) == (None, None, None)
    assert target_in_force(book, "15.71", 2028) == (None, None, None)
