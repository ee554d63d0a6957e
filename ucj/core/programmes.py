"""Pemda-funded programmes: the workers whose contributions a government budget (APBD, APBDes)
pays, how much of a region's coverage they are, and whether the year's allocation lasts. Pure: no I/O.

A programme is a name and its funder (``program``, ``funder_code``: the Kemendagri code of the
province, kabupaten/kota or desa whose budget pays). Its beneficiaries are reported per month and
region (``BENEFICIARY_COLUMNS``), its allocation per year (``BUDGET_COLUMNS``), for the whole
programme. The runway of a month (README "Program Pemda"):

- ``monthly_cost_rp``: the month's beneficiaries × their monthly contribution;
- ``spent_to_date_rp``: the programme's cost from January to the month, summed over the months
  reported (a month not reported costs nothing: it is not known);
- ``budget_left_rp`` = the year's allocation − spent to date;
- ``months_covered``: whole months after this one the rest pays at this month's cost;
- ``runs_out_period``: the first month of the year the rest does not pay in full, None when it
  lasts to December;
- ``shortfall_rp``: what the months after this one to December need beyond what is left (0 when none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .coverage import coverage_pct

#: A beneficiaries file's rows as stored: one per month, region, programme and funder.
BENEFICIARY_COLUMNS = ["period", "region_code", "program", "funder_code", "participants", "monthly_rp", "category"]
#: A budgets file's rows as stored: one per year, programme and funder.
BUDGET_COLUMNS = ["year", "program", "funder_code", "budget_rp", "legal_basis"]
#: What identifies a programme.
PROGRAMME_KEY = ("program", "funder_code")


def key_of(program: str, funder_code: str) -> tuple[str, str]:
    """A programme's identity: its name (spacing and case ignored) and its funder."""
    return " ".join(str(program).split()).casefold(), str(funder_code)


@dataclass(frozen=True)
class Runway:
    """What a programme's allocation pays for the rest of the year, as of one month."""

    monthly_cost_rp: int
    budget_rp: int | None
    spent_to_date_rp: int
    budget_left_rp: int | None
    months_covered: int | None
    runs_out_period: str | None
    shortfall_rp: int | None


def runway(period: str, monthly_costs: dict[str, int], budget_rp: int | None) -> Runway:
    """The runway of a programme in ``period`` (YYYY-MM) from its cost in each month reported
    (``monthly_costs``: period → rupiah, the whole programme's) and its allocation for that year
    (None: no budget sent; then only the costs are known)."""
    year, month = int(period[:4]), int(period[5:7])
    cost = int(monthly_costs.get(period, 0))
    spent = sum(int(v) for p, v in monthly_costs.items() if p[:4] == str(year) and p <= period)
    if budget_rp is None:
        return Runway(cost, None, spent, None, None, None, None)
    # A month already reported may have gone beyond the allocation: the first such month is when it ran out.
    runs_out, paid = None, 0
    for p in sorted(p for p in monthly_costs if p[:4] == str(year) and p <= period):
        paid += int(monthly_costs[p])
        if paid > budget_rp:
            runs_out = p
            break
    left = int(budget_rp) - spent
    after = 12 - month  # the months of the year after this one
    if runs_out is not None:
        covered = 0
    else:
        covered = after if cost <= 0 else min(left // cost, after)
        runs_out = None if covered >= after else f"{year}-{month + covered + 1:02d}"
    return Runway(cost, int(budget_rp), spent, left, covered, runs_out, max(cost * after - left, 0))


def share_figures(participants: int | None, workforce: int | None, funded: int) -> dict:
    """A region's coverage with and without its funded participants: ``coverage_pct``,
    ``funded_share_pct`` (of participants) and ``coverage_without_funded_pct``, each to two
    decimals rounded half up with exact arithmetic (20.614 of 40.000 → 51,54)."""
    return {
        "coverage_pct": coverage_pct(participants, workforce),
        "funded_share_pct": coverage_pct(funded, participants),
        "coverage_without_funded_pct": coverage_pct(max((participants or 0) - funded, 0), workforce)
        if participants is not None
        else None,
    }


def monthly_costs(rows: Iterable[dict]) -> dict[tuple[str, str], dict[str, int]]:
    """Programme key → period → rupiah (participants × monthly contribution, summed over regions)."""
    out: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        by_period = out.setdefault(key_of(r["program"], r["funder_code"]), {})
        by_period[r["period"]] = by_period.get(r["period"], 0) + int(r["participants"]) * int(r["monthly_rp"])
    return out
