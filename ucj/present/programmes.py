"""The Pemda programmes' figures for a region (with everything below it) and a month: how much of
its coverage the budgets pay for, its coverage without them, and each programme's runway to
December (``ucj.core.programmes``). What ``python -m ucj programmes status --json`` prints and what
the page and the deck show."""

from __future__ import annotations

import pandas as pd

from ..core import regions
from ..core.programmes import key_of, monthly_costs, runway, share_figures
from ..query import Revision, coverage_series

#: The keys of ``programme_status``, in order (other tools read them by name).
STATUS_KEYS = (
    "region_code",
    "period",
    "participants",
    "workforce",
    "coverage_pct",
    "funded_participants",
    "funded_share_pct",
    "coverage_without_funded_pct",
    "programmes",
)
PROGRAMME_KEYS = (
    "program",
    "funder_code",
    "funder_name",
    "funded_participants",
    "monthly_cost_rp",
    "budget_rp",
    "spent_to_date_rp",
    "budget_left_rp",
    "months_covered",
    "runs_out_period",
    "shortfall_rp",
)


def _within(codes: pd.Series, region: str) -> pd.Series:
    if not region:
        return pd.Series(True, index=codes.index)
    return (codes == region) | codes.str.startswith(region + ".")


def funder_name(code: str) -> str:
    """ "Kota Jambi", "Provinsi Jambi": the government whose budget pays, by its region's name."""
    name = regions.display_name(code)
    return f"Provinsi {name}" if regions.level_of(code) == 1 else name


def programme_status(rev: Revision, region: str, period: str) -> dict:
    """The figures of ``region`` (and below) in ``period``: see ``STATUS_KEYS`` and README
    "Program Pemda". Participants and workforce are the snapshots' (all sectors); a region
    without data that month has them None, and its percentages too."""
    series = coverage_series(rev, [region], start=period, end=period)
    row = series.iloc[0] if not series.empty else None
    participants = None if row is None or pd.isna(row["participants"]) else int(row["participants"])
    workforce = None if row is None or pd.isna(row["workforce"]) else int(row["workforce"])
    stored = rev.read_programmes()
    budgets = rev.read_budgets()
    if stored is None or stored.empty:
        funded = 0
        programmes: list[dict] = []
    else:
        here = stored[(stored["period"] == period) & _within(stored["region_code"], region)]
        funded = int(here["participants"].sum())
        programmes = _programmes(here, stored, budgets, period)
    shares = share_figures(participants, workforce, funded)
    return {
        "region_code": region,
        "period": period,
        "participants": participants,
        "workforce": workforce,
        "coverage_pct": shares["coverage_pct"],
        "funded_participants": funded,
        "funded_share_pct": shares["funded_share_pct"],
        "coverage_without_funded_pct": shares["coverage_without_funded_pct"],
        "programmes": programmes,
    }


def _programmes(here: pd.DataFrame, stored: pd.DataFrame, budgets: pd.DataFrame | None, period: str) -> list[dict]:
    year = int(period[:4])
    costs = monthly_costs(stored.to_dict("records"))
    allocated: dict[tuple[str, str], int] = {}
    if budgets is not None:
        for r in budgets[budgets["year"] == year].itertuples(index=False):
            allocated[key_of(r.program, r.funder_code)] = int(r.budget_rp)
    out = []
    keys = [key_of(p, f) for p, f in zip(here["program"], here["funder_code"])]
    for key, rows in here.groupby(pd.Series(keys, index=here.index), sort=False):
        first = rows.iloc[0]
        way = runway(period, costs.get(key, {}), allocated.get(key))
        out.append(
            {
                "program": str(first["program"]),
                "funder_code": str(first["funder_code"]),
                "funder_name": funder_name(str(first["funder_code"])),
                "funded_participants": int(rows["participants"].sum()),
                "monthly_cost_rp": int(
                    (rows["participants"].astype("int64") * rows["monthly_rp"].astype("int64")).sum()
                ),
                "budget_rp": way.budget_rp,
                "spent_to_date_rp": way.spent_to_date_rp,
                "budget_left_rp": way.budget_left_rp,
                "months_covered": way.months_covered,
                "runs_out_period": way.runs_out_period,
                "shortfall_rp": way.shortfall_rp,
            }
        )
    return sorted(out, key=lambda p: (-p["funded_participants"], p["program"], p["funder_code"]))
