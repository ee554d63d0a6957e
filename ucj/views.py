"""What each page shows, as frames and sentences: the pages only lay them out."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import db, regions
from .fmt import fmt_int, fmt_pct, fmt_period, fmt_target
from .i18n import t
from .parsing import add_months
from .settings import Settings
from .store import Store


def default_region(store: Store) -> str | None:
    """The first province with data: where a first visit starts."""
    r = db.regions_in_data(store)
    top = r[r["level"] == r["level"].min()] if not r.empty else r
    return None if top.empty else str(top["region_code"].iloc[0])


def summary_sentence(row: dict, lang: str = "id") -> str:
    """One plain sentence on a region against its target (a status row of ``db.target_status``)."""
    region = row["region_name"]
    if row.get("coverage_pct") is None or pd.isna(row.get("coverage_pct")):
        return t("sentence_no_data", lang, region=region)
    coverage = fmt_pct(row["coverage_pct"])
    target_pct = row.get("target_pct")
    if target_pct is None or pd.isna(target_pct):
        return t("sentence_no_target", lang, region=region, coverage=coverage, year=row["period"][:4])
    target = fmt_target(target_pct)
    if row["status"] == "reached":
        return t("sentence_reached", lang, region=region, coverage=coverage, target=target)
    if row["months_left"] == 0:
        return t("sentence_missed", lang, region=region, coverage=coverage, target=target, gap=fmt_int(row["gap"]))
    deadline = fmt_period(f"{int(row['target_year'])}-12", lang)
    return t(
        "sentence_gap",
        lang,
        region=region,
        coverage=coverage,
        target=target,
        gap=fmt_int(row["gap"]),
        pace=fmt_int(row["required_per_month"]),
        deadline=deadline,
    )


@dataclass
class Overview:
    """The landing page of one region, period and sector."""

    region_code: str
    period: str
    sector: str | None
    figures: dict | None
    previous_coverage_pct: float | None
    coverage_change_pp: float | None
    history: pd.DataFrame
    children: pd.DataFrame = field(default_factory=pd.DataFrame)

    def sentence(self, lang: str = "id") -> str:
        if not self.figures:
            return ""
        if self.sector and pd.isna(self.figures.get("workforce")):
            return t("sentence_no_sector_denominator", lang, region=self.figures["region_name"], sector=self.sector)
        return summary_sentence(self.figures, lang)


def overview(
    store: Store, period: str, region: str, sector: str | None = None, settings: Settings | None = None
) -> Overview:
    """Figures of ``region`` for ``period``, its change on the month, its last 12 months and its
    children's status (where the data has children)."""
    status = db.target_status(store, period, region=region, sector=sector, settings=settings)
    figures = status.iloc[0].to_dict() if not status.empty else None
    history = db.coverage_series(store, [region], sector=sector, start=add_months(period, -11), end=period)
    previous = history[history["period"] == add_months(period, -1)]
    prev_cov = None if previous.empty else previous["coverage_pct"].iloc[0]
    prev_cov = None if prev_cov is None or pd.isna(prev_cov) else float(prev_cov)
    change = None
    if figures and prev_cov is not None and not pd.isna(figures["coverage_pct"]):
        change = round(float(figures["coverage_pct"]) - prev_cov, 2)
    child_level = db.child_level_with_data(store, region)
    children = (
        db.target_status(store, period, level=child_level, region=region, sector=sector, settings=settings)
        if child_level
        else pd.DataFrame(columns=db.STATUS_COLUMNS)
    )
    return Overview(region, period, sector, figures, prev_cov, change, history, children)


def breadcrumb(region_code: str) -> list[tuple[str, str]]:
    """(code, name) from the province down to the region."""
    chain = [*reversed(regions.ancestors(region_code)), region_code]
    return [(c, regions.region_name(c)) for c in chain]


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


def projection_path(figures: dict | None) -> pd.DataFrame:
    """Two points, now and the deadline, for the projection line. Empty without a pace or target."""
    if not figures or figures.get("projected_pct") is None or pd.isna(figures.get("projected_pct")):
        return pd.DataFrame(columns=["period", "coverage_pct"])
    deadline = f"{int(figures['target_year'])}-12"
    return pd.DataFrame(
        {"period": [figures["period"], deadline], "coverage_pct": [figures["coverage_pct"], figures["projected_pct"]]}
    )
