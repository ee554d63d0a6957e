"""Budget planner: how many workers to enrol by the deadline, and what paying their
contributions costs the regional budget (APBD). Pure arithmetic, no I/O.

The Pemda pays BPU contributions for the workers it enrols (as Kota Jambi does under Perwal
No. 36/2025): JKK as a percentage of the reported income plus JKM, per worker per month
(default 1% × Rp1.000.000 + Rp6.800 = Rp16.800). A worker enrolled in a month is paid for from
that month on. Rules:

- schedule: the gap enrolled in equal monthly steps of ceil(gap / months left), the last month
  taking the remainder, over the months after the snapshot up to December of the target year;
- monthly cost: once all are enrolled, gap × cost per worker; yearly cost: 12 × that;
- cost to the deadline: the sum, month by month, of the workers enrolled so far × cost per worker;
- "keep the current pace": the current monthly net change (never below 0) enrolled each month;
- reverse question: a budget to the deadline buys workers enrolled next month and paid every
  month to the deadline: floor(budget / (cost × months left)).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from .coverage import coverage_pct
from .parsing import add_months


def cost_per_worker_rp(jkk_rate_pct: float, reported_income_rp: int, jkm_rp: int) -> int:
    """Monthly BPU contribution per worker: JKK% × reported income + JKM, rounded to the rupiah."""
    jkk = (Decimal(str(jkk_rate_pct)) * int(reported_income_rp) / 100).quantize(Decimal(1), ROUND_HALF_UP)
    return int(jkk) + int(jkm_rp)


def enrolment_schedule(gap: int, months_left: int, start_period: str) -> list[tuple[str, int]]:
    """(month, workers to enrol) for each month after ``start_period`` up to the deadline."""
    if gap <= 0 or months_left <= 0:
        return []
    step = math.ceil(gap / months_left)
    out, left = [], gap
    for i in range(1, months_left + 1):
        n = min(step, left)
        out.append((add_months(start_period, i), n))
        left -= n
    return out


@dataclass(frozen=True)
class MonthCost:
    period: str
    new_workers: int
    covered_workers: int
    cost_rp: int


@dataclass(frozen=True)
class Scenario:
    """One way to go from now to the deadline."""

    key: str  # "target" or "current_pace" or "custom"
    per_month: int
    new_workers: int
    participants_at_deadline: int
    coverage_pct_at_deadline: float | None
    reaches_target: bool
    monthly_cost_rp: int
    yearly_cost_rp: int
    cost_to_deadline_rp: int
    months: list[MonthCost]

    def as_dict(self) -> dict:
        d = asdict(self)
        d["months"] = [asdict(m) for m in self.months]
        return d


def _scenario(
    key: str, schedule: list[tuple[str, int]], participants: int, workforce: int | None, needed: int | None, cost: int
) -> Scenario:
    months, covered, total = [], 0, 0
    for period, n in schedule:
        covered += n
        months.append(MonthCost(period, n, covered, covered * cost))
        total += covered * cost
    at_deadline = participants + covered
    return Scenario(
        key=key,
        per_month=max((n for _, n in schedule), default=0),
        new_workers=covered,
        participants_at_deadline=at_deadline,
        coverage_pct_at_deadline=coverage_pct(at_deadline, workforce),
        reaches_target=needed is not None and at_deadline >= needed,
        monthly_cost_rp=covered * cost,
        yearly_cost_rp=covered * cost * 12,
        cost_to_deadline_rp=total,
        months=months,
    )


def plan_to_target(
    period: str, participants: int, workforce: int | None, needed: int | None, gap: int, months_left: int, cost: int
) -> Scenario:
    """Enrol the gap by the deadline in equal monthly steps."""
    return _scenario("target", enrolment_schedule(gap, months_left, period), participants, workforce, needed, cost)


def plan_at_pace(
    key: str,
    period: str,
    participants: int,
    workforce: int | None,
    needed: int | None,
    per_month: float | None,
    months_left: int,
    cost: int,
) -> Scenario:
    """Enrol ``per_month`` workers (rounded, never below 0) every month to the deadline."""
    n = max(0, int(Decimal(str(per_month or 0)).quantize(Decimal(1), ROUND_HALF_UP)))
    schedule = [(add_months(period, i), n) for i in range(1, months_left + 1)] if n else []
    return _scenario(key, schedule, participants, workforce, needed, cost)


@dataclass(frozen=True)
class BudgetReach:
    budget_rp: int
    workers: int
    participants_at_deadline: int
    coverage_pct_at_deadline: float | None
    reaches_target: bool


def budget_reach(
    budget_rp: int, cost: int, months_left: int, participants: int, workforce: int | None, needed: int | None
) -> BudgetReach:
    """What a budget to the deadline buys: workers paid from next month to the deadline."""
    workers = int(budget_rp) // (cost * months_left) if cost > 0 and months_left > 0 else 0
    at_deadline = participants + workers
    return BudgetReach(
        int(budget_rp),
        workers,
        at_deadline,
        coverage_pct(at_deadline, workforce),
        needed is not None and at_deadline >= needed,
    )


@dataclass(frozen=True)
class Plan:
    """The planner's answer for one region, period and target."""

    region_code: str
    region_name: str
    period: str
    sector: str | None
    participants: int
    workforce: int | None
    coverage_pct: float | None
    target_pct: float | None
    target_year: int | None
    target_participants: int | None
    gap: int | None
    months_left: int | None
    required_per_month: int | None
    current_pace: float | None
    cost_per_worker_rp: int
    monthly_cost: int | None
    yearly_cost: int | None
    cost_to_deadline: int | None
    scenarios: list[Scenario]

    def as_dict(self) -> dict:
        d = asdict(self)
        d["scenarios"] = [s.as_dict() for s in self.scenarios]
        return d


def make_plan(figures: dict, cost: int, extra_per_month: float | None = None) -> Plan:
    """The plan for a status row of ``query.target_status`` (with region_name, period, etc.)."""
    given_gap = figures.get("gap")
    given_months = figures.get("months_left")
    gap: int | None = None
    months_left: int | None = None
    if given_gap is not None and given_months is not None and not _na(given_gap):
        gap, months_left = int(given_gap), int(given_months)
    scenarios: list[Scenario] = []
    if gap is not None and months_left is not None:
        args = (
            figures["period"],
            int(figures["participants"]),
            _int(figures["workforce"]),
            _int(figures["target_participants"]),
        )
        scenarios.append(plan_to_target(*args, gap, months_left, cost))
        scenarios.append(plan_at_pace("current_pace", *args, _float(figures.get("current_pace")), months_left, cost))
        if extra_per_month is not None:
            scenarios.append(plan_at_pace("custom", *args, extra_per_month, months_left, cost))
    return Plan(
        region_code=figures["region_code"],
        region_name=figures["region_name"],
        period=figures["period"],
        sector=figures.get("sector"),
        participants=int(figures["participants"]),
        workforce=_int(figures["workforce"]),
        coverage_pct=_float(figures["coverage_pct"]),
        target_pct=_float(figures["target_pct"]),
        target_year=_int(figures["target_year"]),
        target_participants=_int(figures["target_participants"]),
        gap=gap,
        months_left=months_left,
        required_per_month=_int(figures["required_per_month"]),
        current_pace=_float(figures.get("current_pace")),
        cost_per_worker_rp=cost,
        monthly_cost=gap * cost if gap is not None else None,
        yearly_cost=gap * cost * 12 if gap is not None else None,
        cost_to_deadline=scenarios[0].cost_to_deadline_rp if scenarios else None,
        scenarios=scenarios,
    )


def _na(v) -> bool:
    try:
        return v is None or bool(v != v)
    except TypeError:
        return str(v) == "<NA>"


def _int(v) -> int | None:
    return None if _na(v) else int(v)


def _float(v) -> float | None:
    return None if _na(v) else float(v)
