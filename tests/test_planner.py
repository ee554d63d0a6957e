"""The planner's arithmetic against hand-computed values."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ucj.core.planner import (
    budget_reach,
    cost_per_worker_rp,
    enrolment_schedule,
    make_plan,
    plan_at_pace,
    plan_to_target,
)

SANGGAU = {
    "region_code": "61.03",
    "region_name": "Kabupaten Sanggau",
    "period": "2025-07",
    "participants": 4519,
    "workforce": 12320,
    "coverage_pct": 36.68,
    "target_pct": 58.65,
    "target_year": 2025,
    "target_participants": 7226,
    "gap": 2707,
    "months_left": 5,
    "required_per_month": 542,
    "current_pace": 110.0,
    "status": "off_track",
}


def test_default_cost_per_worker():
    # JKK 1% of Rp1.000.000 + JKM Rp6.800
    assert cost_per_worker_rp(1.0, 1_000_000, 6_800) == 16_800
    assert cost_per_worker_rp(0.24, 1_000_000, 6_800) == 9_200


def test_sanggau_gap_costs_45_477_600_a_month():
    plan = make_plan(SANGGAU, 16_800)
    assert plan.monthly_cost == 45_477_600  # 2.707 × Rp16.800
    assert plan.yearly_cost == 545_731_200
    assert plan.required_per_month == 542 and plan.months_left == 5 and plan.gap == 2707


def test_sanggau_schedule_and_cost_to_deadline():
    s = plan_to_target("2025-07", 4519, 12320, 7226, 2707, 5, 16_800)
    assert [(m.period, m.new_workers, m.covered_workers) for m in s.months] == [
        ("2025-08", 542, 542),
        ("2025-09", 542, 1084),
        ("2025-10", 542, 1626),
        ("2025-11", 542, 2168),
        ("2025-12", 539, 2707),
    ]
    # (542 + 1.084 + 1.626 + 2.168 + 2.707) worker-months × Rp16.800
    assert s.cost_to_deadline_rp == 8127 * 16_800 == 136_533_600
    assert s.reaches_target and s.coverage_pct_at_deadline == 58.65 and s.participants_at_deadline == 7226


def test_keeping_the_current_pace_falls_short():
    s = plan_at_pace("current_pace", "2025-07", 4519, 12320, 7226, 110.0, 5, 16_800)
    assert s.new_workers == 550 and s.participants_at_deadline == 5069
    assert s.coverage_pct_at_deadline == 41.14 and not s.reaches_target
    assert s.monthly_cost_rp == 550 * 16_800
    falling = plan_at_pace("current_pace", "2025-07", 4519, 12320, 7226, -30.0, 5, 16_800)
    assert falling.new_workers == 0 and falling.cost_to_deadline_rp == 0


def test_reverse_question_budget_to_coverage():
    # Rp500.000.000 to December: workers paid Aug–Dec (5 months) at Rp16.800.
    r = budget_reach(500_000_000, 16_800, 5, 4519, 12320, 7226)
    assert r.workers == 5952  # floor(500.000.000 / 84.000)
    assert r.participants_at_deadline == 10471 and r.reaches_target
    small = budget_reach(100_000_000, 16_800, 5, 4519, 12320, 7226)
    assert small.workers == 1190 and small.coverage_pct_at_deadline == 46.34 and not small.reaches_target


def test_no_target_no_plan():
    row = dict(SANGGAU, gap=None, months_left=None, target_pct=None, target_participants=None, required_per_month=None)
    plan = make_plan(row, 16_800)
    assert plan.scenarios == [] and plan.monthly_cost is None


@given(st.integers(0, 10**6), st.integers(1, 60))
def test_schedule_enrols_exactly_the_gap_never_faster_than_required(gap, months):
    s = enrolment_schedule(gap, months, "2025-01")
    assert sum(n for _, n in s) == gap
    assert all(n <= -(-gap // months) for _, n in s)
    assert len(s) <= months


@pytest.mark.parametrize("budget", [0, 1, 84_000, 10**12])
def test_budget_reach_never_overspends(budget):
    r = budget_reach(budget, 16_800, 5, 0, 10**9, None)
    assert r.workers * 16_800 * 5 <= budget < (r.workers + 1) * 16_800 * 5


def test_a_chosen_pace_rounds_half_up():
    s = plan_at_pace("custom", "2025-07", 0, 1000, None, 2.5, 2, 100)
    assert s.per_month == 3 and s.new_workers == 6
