"""The Pemda programmes' figures for a region (with everything below it) and a month: how much of
its coverage the budgets pay for, its coverage without them, and each programme's runway to
December (``ucj.core.programmes``). What ``python -m ucj programmes status --json`` prints and what
the page and the deck show."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core import regions
from ..core.coverage import coverage_pct
from ..core.fmt import fmt_int, fmt_pct
from ..core.i18n import t
from ..core.planner import cost_per_worker_rp
from ..core.programmes import key_of, monthly_costs, runway, share_figures
from ..core.settings import Settings, load_settings
from ..query import Revision, coverage_series, participants_totals, target_status

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


@dataclass
class ProgrammePage:
    """Program Pemda's figures for a region and a month: ``status`` (``programme_status``), coverage
    with and without the programmes by month (``series``: period, coverage_pct, without_pct,
    funded), each budgeted programme's burn-down to December (``burn``: label, period, left_rp,
    projected), the same by funder (``by_funder``) and by region below (``by_region``), and the
    planner's link (``plan``: the target's gap enrolled this way, this year and next)."""

    status: dict
    series: pd.DataFrame
    burn: pd.DataFrame
    by_funder: pd.DataFrame
    by_region: pd.DataFrame
    plan: dict | None

    def sentence(self, lang: str) -> str | None:
        """ "20.614 dari 40.000 peserta (51,54%) iurannya dibayar APBD; tanpa program, cakupan 20,41%." """
        s = self.status
        if not s["funded_participants"] or s["participants"] is None:
            return None
        return t(
            "programmes_sentence",
            lang,
            funded=fmt_int(s["funded_participants"]),
            participants=fmt_int(s["participants"]),
            share=fmt_pct(s["funded_share_pct"]),
            without=fmt_pct(s["coverage_without_funded_pct"]),
        )


def has_programmes(rev: Revision, region: str, period: str) -> bool:
    """Whether any programme pays for beneficiaries in ``region`` (or below) in ``period``."""
    stored = rev.read_programmes()
    if stored is None or stored.empty:
        return False
    return bool(((stored["period"] == period) & _within(stored["region_code"], region)).any())


def programme_page(rev: Revision, region: str, period: str, settings: Settings | None = None) -> ProgrammePage:
    settings = settings or load_settings()
    status = programme_status(rev, region, period)
    stored = rev.read_programmes()
    history = coverage_series(rev, [region], end=period)
    funded_by = {}
    if stored is not None and not stored.empty:
        mine = stored[_within(stored["region_code"], region)]
        funded_by = mine.groupby("period")["participants"].sum().astype(int).to_dict()
    rows = []
    for p, n, w in zip(history["period"], history["participants"], history["workforce"]):
        if pd.isna(n) or pd.isna(w):
            continue
        funded = int(funded_by.get(p, 0))
        rows.append({"period": p, "coverage_pct": coverage_pct(int(n), int(w)),
                     "without_pct": coverage_pct(max(int(n) - funded, 0), int(w)), "funded": funded})  # fmt: skip
    series = pd.DataFrame(rows, columns=["period", "coverage_pct", "without_pct", "funded"])
    return ProgrammePage(
        status,
        series,
        _burn(stored, status, period),
        _by_funder(status["programmes"]),
        _by_region(rev, stored, region, period),
        _plan(rev, region, period, settings),
    )


def programme_label(p: dict) -> str:
    return f"{p['program']} · {p['funder_name']}"


def _burn(stored: pd.DataFrame | None, status: dict, period: str) -> pd.DataFrame:
    """What is left of each budgeted programme at the end of each month of the year: the months
    reported as spent, the months after ``period`` at this month's cost (``projected``)."""
    cols = ["label", "period", "left_rp", "projected"]
    if stored is None or stored.empty:
        return pd.DataFrame(columns=cols)
    costs = monthly_costs(stored.to_dict("records"))
    year, month = int(period[:4]), int(period[5:7])
    out = []
    for p in status["programmes"]:
        if p["budget_rp"] is None:
            continue
        by_month = costs.get(key_of(p["program"], p["funder_code"]), {})
        now = by_month.get(period, 0)
        left = p["budget_rp"]
        for m in range(1, 13):
            key = f"{year}-{m:02d}"
            left -= by_month.get(key, 0) if m <= month else now
            out.append({"label": programme_label(p), "period": key, "left_rp": left, "projected": m > month})
    return pd.DataFrame(out, columns=cols)


def _by_funder(programmes: list[dict]) -> pd.DataFrame:
    cols = ["funder_code", "funder_name", "programmes", "funded_participants", "monthly_cost_rp", "budget_rp",
            "shortfall_rp"]  # fmt: skip
    if not programmes:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(programmes)
    out = df.groupby(["funder_code", "funder_name"], sort=False).agg(
        programmes=("program", "count"),
        funded_participants=("funded_participants", "sum"),
        monthly_cost_rp=("monthly_cost_rp", "sum"),
        budget_rp=("budget_rp", lambda s: None if s.isna().all() else int(s.fillna(0).sum())),
        shortfall_rp=("shortfall_rp", lambda s: None if s.isna().all() else int(s.fillna(0).sum())),
    )
    return out.reset_index()[cols]


def _by_region(rev: Revision, stored: pd.DataFrame | None, region: str, period: str) -> pd.DataFrame:
    """The region's children with their funded participants, participants and the funded share."""
    cols = ["region_code", "region_name", "funded_participants", "participants", "funded_share_pct"]
    children = [c.code for c in regions.children(region)] if region else [c.code for c in regions.children(None)]
    if stored is None or stored.empty or not children:
        return pd.DataFrame(columns=cols)
    month = stored[stored["period"] == period]
    totals = participants_totals(rev, period, children)
    rows = []
    for code in children:
        funded = int(month.loc[_within(month["region_code"], code), "participants"].sum())
        if not funded:
            continue
        n = totals.get(code)
        rows.append({"region_code": code, "region_name": regions.region_name(code), "funded_participants": funded,
                     "participants": n, "funded_share_pct": coverage_pct(funded, n)})  # fmt: skip
    return pd.DataFrame(rows, columns=cols).sort_values("funded_participants", ascending=False, ignore_index=True)


def _plan(rev: Revision, region: str, period: str, settings: Settings) -> dict | None:
    """What enrolling the target's gap through a programme would cost: the gap × the BPU
    contribution × the months left this year, and × 12 for next year."""
    status = target_status(rev, period, region=region, settings=settings)
    if status.empty or pd.isna(status["gap"].iloc[0]):
        return None
    gap = int(status["gap"].iloc[0])
    cost = cost_per_worker_rp(settings.jkk_rate_pct, settings.reported_income_rp, settings.jkm_rp)
    months = 12 - int(period[5:7])
    return {"gap": gap, "cost_per_worker_rp": cost, "months_left": months, "this_year_rp": gap * cost * months,
            "next_year_rp": gap * cost * 12}  # fmt: skip


def programmes_by_demo(rev: Revision) -> bool:
    """Whether the beneficiaries in force are the sample data's (illustrative, not official)."""
    active = rev.store.active_record("programmes", manifest=rev.manifest)
    return active is not None and active["user"] == "demo"


def programmes_line(rev: Revision, region: str, period: str, lang: str) -> str | None:
    """Ringkasan's line when programmes pay for participants in the region that month: how many,
    their share, and coverage without them; None when none do."""
    if not has_programmes(rev, region, period):
        return None
    s = programme_status(rev, region, period)
    if not s["funded_participants"] or s["participants"] is None:
        return None
    return t(
        "programmes_line",
        lang,
        funded=fmt_int(s["funded_participants"]),
        share=fmt_pct(s["funded_share_pct"]),
        without=fmt_pct(s["coverage_without_funded_pct"]),
    )
