"""What the Kelengkapan page shows: which regions reported each month, so an analyst knows whom
to chase (the reporting-rate summary of ``query.reporting_matrix``, as marks and counts)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core import regions
from ..core.fmt import fmt_period_short
from ..core.i18n import t
from ..core.parsing import add_months
from ..query import Revision, child_level_with_data, reporting_matrix

REPORT_MARK = {"complete": "✔", "missing": "✗"}


def reporting_grid(rev: Revision, region: str | None, period: str, months: int = 12, lang: str = "id") -> pd.DataFrame:
    """The children of ``region`` × the ``months`` months up to ``period``, as the completeness page
    shows it: "✔" reported, "10/11" partly reported (regions below it), "✗" not reported, and a
    last row with the reporting rate of each month. Columns: region_code, region, then one per month,
    the chosen month first (then the months before it), so it is in view without scrolling."""
    periods = [add_months(period, -k) for k in range(months)]
    m = reporting_matrix(rev, region, periods)
    if m.empty:
        return pd.DataFrame(columns=["region_code", t("region", lang)])
    m["cell"] = [_report_cell(s, r, e) for s, r, e in zip(m["state"], m["reported_children"], m["expected_children"])]
    grid = m.pivot(index=["region_code", "region_name"], columns="period", values="cell").reset_index()
    rate = m.assign(done=m["state"] == "complete").groupby("period")["done"].agg(["sum", "count"])
    total = {"region_code": "", "region_name": t("completeness_rate", lang)}
    total.update({p: f"{int(rate.loc[p, 'sum'])}/{int(rate.loc[p, 'count'])}" for p in periods})
    grid = pd.concat([grid, pd.DataFrame([total])], ignore_index=True)
    grid.columns.name = None
    grid = grid[["region_code", "region_name", *periods]]
    return grid.rename(columns={"region_name": t("region", lang), **{p: fmt_period_short(p, lang) for p in periods}})


def _report_cell(state: str, reported, expected) -> str:
    if state != "partial":
        return REPORT_MARK[state]
    return f"{int(reported)}/{int(expected)}"


def not_reported(rev: Revision, region: str | None, period: str) -> list[str]:
    """Codes of the children of ``region`` that have not (fully) reported ``period``."""
    m = reporting_matrix(rev, region, [period])
    return m.loc[m["state"] != "complete", "region_code"].tolist()


@dataclass
class CompletenessPage:
    """What the Kelengkapan page shows for a region and the months up to one."""

    scope: str | None  # whose children are listed: the region, or its parent (None: the provinces)
    scope_name: str
    level: int  # the level of the children listed
    grid: pd.DataFrame  # reporting_grid
    missing: list[str]  # not_reported in the month


def completeness_page(rev: Revision, region: str, period: str, months: int, lang: str) -> CompletenessPage:
    """The Kelengkapan page's frames, from one revision."""
    # A region that reports its own figures has no children to chase: it is shown among its siblings.
    scope = region if child_level_with_data(rev, region) else regions.parent_code(region)
    return CompletenessPage(
        scope,
        regions.region_name(scope) if scope else "Indonesia",
        regions.level_of(scope) + 1 if scope else 1,
        reporting_grid(rev, scope, period, months, lang),
        not_reported(rev, scope, period),
    )
