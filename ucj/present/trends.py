"""What the Tren page shows: several regions over time, the change on the month, who improved most."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core import regions
from ..core.parsing import add_months
from ..query import Revision, child_level_with_data, coverage_series, regions_in_data, target_status

#: How many regions the page compares before the user chooses others.
DEFAULT_REGIONS = 12


def trend_regions(rev: Revision, region: str) -> list[str]:
    """The regions compared before the user chooses: the region's children at the level below
    that has data (the first ``DEFAULT_REGIONS``), else the region itself."""
    child_level = child_level_with_data(rev, region)
    if not child_level:
        return [region]
    known = regions_in_data(rev)["region_code"]
    children = [c for c in known if c.startswith(region + ".") and regions.level_of(c) == child_level]
    return children[:DEFAULT_REGIONS]


@dataclass
class TrendsPage:
    """The Tren page's frames for the regions compared, up to a month."""

    series: pd.DataFrame  # query.coverage_series of the regions compared, up to the month
    target: dict | None  # the status row of the region in view: its target in force, as a line
    changes: pd.DataFrame  # month_over_month of the series


def trends_page(rev: Revision, chosen: list[str], period: str, region: str, sector: str | None) -> TrendsPage:
    """The coverage of the regions ``chosen`` up to ``period``, the target of ``region`` (the one in
    view) and each region's change on the month, from one revision."""
    series = coverage_series(rev, chosen, sector=sector, end=period)
    own = target_status(rev, period, region=region, sector=sector)
    return TrendsPage(series, None if own.empty else own.iloc[0].to_dict(), month_over_month(series, period))


def month_over_month(series: pd.DataFrame, period: str) -> pd.DataFrame:
    """Each region's coverage in ``period`` against the month before.

    Columns: region_code, region_name, coverage_pct, previous_pct, change_pp, participants_change.
    """
    prev = add_months(period, -1)
    now = series[series["period"] == period].set_index("region_code")
    before = series[series["period"] == prev].set_index("region_code")
    out = pd.DataFrame({"region_name": now["region_name"], "coverage_pct": now["coverage_pct"]})
    out["previous_pct"] = before["coverage_pct"].reindex(out.index)
    out["change_pp"] = (out["coverage_pct"] - out["previous_pct"]).round(2)
    out["participants_change"] = (now["participants"] - before["participants"].reindex(now.index)).astype("Int64")
    return out.reset_index()


def improvement_ranking(series: pd.DataFrame, period: str, months: int = 12) -> pd.DataFrame:
    """Regions ranked by the change in coverage over ``months`` months up to ``period``.

    Columns: rank, region_code, region_name, start_period, start_pct, coverage_pct, change_pp.
    """
    start = add_months(period, -months)
    s = series[(series["period"] >= start) & (series["period"] <= period)].dropna(subset=["coverage_pct"])
    rows = []
    for code, g in s.groupby("region_code"):
        g = g.sort_values("period")
        if g["period"].iloc[-1] != period or len(g) < 2:
            continue
        first = g.iloc[0]
        rows.append(
            {
                "region_code": code,
                "region_name": first["region_name"],
                "start_period": first["period"],
                "start_pct": first["coverage_pct"],
                "coverage_pct": g["coverage_pct"].iloc[-1],
                "change_pp": round(g["coverage_pct"].iloc[-1] - first["coverage_pct"], 2),
            }
        )
    out = pd.DataFrame(
        rows, columns=["region_code", "region_name", "start_period", "start_pct", "coverage_pct", "change_pp"]
    )
    out = out.sort_values(["change_pp", "region_code"], ascending=[False, True], ignore_index=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out
