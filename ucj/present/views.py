"""What the landing page and the Wilayah page show, as frames and sentences, and the choices every
page's filters offer: the pages only lay them out. Each function that reads takes the Revision
of the render (``ucj.query``), so every figure of a screen comes from one version of the data."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..core import regions
from ..core.fmt import fmt_int, fmt_pct, fmt_period, fmt_target, status_label
from ..core.i18n import t
from ..core.parsing import add_months
from ..core.settings import Settings
from ..query import (
    STATUS_COLUMNS,
    Revision,
    child_level_with_data,
    coverage_by_sector,
    coverage_series,
    regions_in_data,
    target_status,
)

# --- the filters' choices -------------------------------------------------------------------------


def period_choices(rev: Revision) -> list[str]:
    """The months with data, newest first: the period filter's options."""
    return list(reversed(rev.periods()))


def region_choices(rev: Revision) -> dict[str, str]:
    """Every region with data (and its ancestors), in code order, with its label in a region
    filter: "Kota Jambi (15.71)"."""
    known = regions_in_data(rev)
    return {c: f"{n} ({c})" for c, n in zip(known["region_code"], known["region_name"])}


def default_region(rev: Revision) -> str | None:
    """The first province with data: where a first visit starts."""
    r = regions_in_data(rev)
    top = r[r["level"] == r["level"].min()] if not r.empty else r
    return None if top.empty else str(top["region_code"].iloc[0])


def home_region(rev: Revision, own: tuple[str, ...] = ()) -> str | None:
    """Where a visit without a region in its link starts: the first of the user's own regions (an
    account's scope) that has data, or the nearest region above it that has; else the first
    province with data."""
    known = set(regions_in_data(rev)["region_code"])
    for code in own:
        for c in (code, *regions.ancestors(code)):
            if c in known:
                return c
    return default_region(rev)


def breadcrumb(region_code: str) -> list[tuple[str, str]]:
    """(code, name) from the province down to the region."""
    chain = [*reversed(regions.ancestors(region_code)), region_code]
    return [(c, regions.region_name(c)) for c in chain]


def map_features(rev: Revision, codes: list[str]) -> dict[str, dict] | None:
    """The boundary of each of ``codes`` that the loaded boundary file has (region code → GeoJSON
    feature), or None before an admin loaded one. Not for a data cache: the parsed file is shared
    by every caller of the process, not copied."""
    geo = rev.read_boundaries()
    if geo is None:
        return None
    wanted = set(codes)
    return {f["properties"]["code"]: f for f in geo["features"] if f["properties"]["code"] in wanted}


# --- sentences on a status row -------------------------------------------------------------------


def completeness_text(row: dict, lang: str = "id") -> str | None:
    """ "3 dari 11 kabupaten/kota melapor" for a figure summed from its children (a status row of
    ``query.target_status``); None for a region that reported its own figures."""
    expected = row.get("expected_children")
    if expected is None or pd.isna(expected):
        return None
    level = t(f"level_{regions.level_of(row['region_code']) + 1}", lang)
    return t("completeness_text", lang, n=int(row["reported_children"]), m=int(expected), level=level)


def completeness_note(row: dict, lang: str = "id") -> tuple[bool, str] | None:
    """(complete, the sentence to show beside a parent's figure), or None for a region that
    reported its own figures."""
    text = completeness_text(row, lang)
    if text is None:
        return None
    period = fmt_period(row["period"], lang)
    if row.get("complete"):
        return True, t("completeness_complete", lang, text=text, period=period)
    return False, t("completeness_incomplete", lang, text=text, period=period, region=row["region_name"])


#: Whom a sentence counts, in words ("pekerja jasa konstruksi"): the sector's workers, or all workers.
WORKERS_KEY: dict[str | None, str] = {
    None: "workers_all",
    "PU": "workers_pu",
    "BPU": "workers_bpu",
    "JAKON": "workers_jakon",
    "PMI": "workers_pmi",
}


def covered_text(row: dict, lang: str = "id", sector: str | None = None) -> str:
    """ "4.519 dari 12.320 pekerja jasa konstruksi terlindungi (36,68%)": a status row's participants
    of its workforce, whom they are (the sector's workers, or all workers) and the coverage."""
    return t(
        "sentence_covered",
        lang,
        participants=fmt_int(row["participants"]),
        workforce=fmt_int(row["workforce"]),
        workers=t(WORKERS_KEY[sector], lang),
        coverage=fmt_pct(row["coverage_pct"]),
    )


def summary_sentence(row: dict, lang: str = "id", sector: str | None = None) -> str:
    """One plain sentence on a region against its target (a status row of ``query.target_status``,
    of ``sector`` or of all sectors), saying whom it counts: "Kabupaten Sanggau: 4.519 dari 12.320
    pekerja jasa konstruksi terlindungi (36,68%) — target 58,65%: perlu 2.707 peserta lagi, …"."""
    region = row["region_name"]
    if row.get("coverage_pct") is None or pd.isna(row.get("coverage_pct")):
        return t("sentence_no_data", lang, region=region)
    covered = covered_text(row, lang, sector)
    if row.get("status") == "incomplete":
        return t("sentence_incomplete", lang, region=region, covered=covered)
    target_pct = row.get("target_pct")
    if target_pct is None or pd.isna(target_pct):
        return t("sentence_no_target", lang, region=region, covered=covered, year=row["period"][:4])
    target = fmt_target(target_pct)
    if row["status"] == "reached":
        return t("sentence_reached", lang, region=region, covered=covered, target=target)
    if row["months_left"] == 0:
        return t("sentence_missed", lang, region=region, covered=covered, target=target, gap=fmt_int(row["gap"]))
    deadline = fmt_period(f"{int(row['target_year'])}-12", lang)
    return t(
        "sentence_gap",
        lang,
        region=region,
        covered=covered,
        target=target,
        gap=fmt_int(row["gap"]),
        pace=fmt_int(row["required_per_month"]),
        deadline=deadline,
    )


def reporting_cell(row: dict) -> str:
    """A status row's reporting as a table cell: "✔" for its own figures, "11/11" or "3/11" for a
    figure summed from its children."""
    expected = row.get("expected_children")
    if expected is None or pd.isna(expected):
        return "✔"
    return f"{int(row['reported_children'])}/{int(expected)}"


# --- the landing page ------------------------------------------------------------------------------


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
        return summary_sentence(self.figures, lang, self.sector)

    def completeness(self, lang: str = "id") -> tuple[bool, str] | None:
        """(complete, sentence) beside a parent's figure; None for a region that reported itself."""
        return completeness_note(self.figures, lang) if self.figures else None


def overview(
    rev: Revision, period: str, region: str, sector: str | None = None, settings: Settings | None = None
) -> Overview:
    """Figures of ``region`` for ``period``, its change on the month, its last 12 months and its
    children's status (where the data has children)."""
    status = target_status(rev, period, region=region, sector=sector, settings=settings)
    figures = status.iloc[0].to_dict() if not status.empty else None
    history = coverage_series(rev, [region], sector=sector, start=add_months(period, -11), end=period)
    previous = history[history["period"] == add_months(period, -1)]
    prev_cov = None if previous.empty else previous["coverage_pct"].iloc[0]
    prev_cov = None if prev_cov is None or pd.isna(prev_cov) else float(prev_cov)
    change = None
    if figures and prev_cov is not None and not pd.isna(figures["coverage_pct"]):
        change = round(float(figures["coverage_pct"]) - prev_cov, 2)
    child_level = child_level_with_data(rev, region)
    children = (
        target_status(rev, period, level=child_level, region=region, sector=sector, settings=settings)
        if child_level
        else pd.DataFrame(columns=STATUS_COLUMNS)
    )
    return Overview(region, period, sector, figures, prev_cov, change, history, children)


def projection_path(figures: dict | None) -> pd.DataFrame:
    """Two points, now and the deadline, for the projection line. Empty without a pace or target."""
    if not figures or figures.get("projected_pct") is None or pd.isna(figures.get("projected_pct")):
        return pd.DataFrame(columns=["period", "coverage_pct"])
    deadline = f"{int(figures['target_year'])}-12"
    return pd.DataFrame(
        {"period": [figures["period"], deadline], "coverage_pct": [figures["coverage_pct"], figures["projected_pct"]]}
    )


# --- the Wilayah page ------------------------------------------------------------------------------


def children_table(rev: Revision, period: str, region: str, sector: str | None, lang: str) -> pd.DataFrame:
    """The Wilayah page's table: the region's children at the level below that has data, highest
    coverage first, with their status in words and their reporting ("11/11", "✔"). Empty when the
    region has no children in the data."""
    level = child_level_with_data(rev, region)
    if not level:
        return pd.DataFrame(columns=[*STATUS_COLUMNS, "status_text", "reporting"])
    children = target_status(rev, period, level=level, region=region, sector=sector)
    children = children.sort_values("coverage_pct", ascending=False, na_position="last", ignore_index=True)
    children["status_text"] = [status_label(s, lang) for s in children["status"]]
    children["reporting"] = [reporting_cell(r) for r in children.to_dict("records")]
    return children


@dataclass
class RegionsPage:
    """What the Wilayah page shows for a region, a month and a sector."""

    child_level: int | None  # the level below the region that has data; None: no children to list
    children: pd.DataFrame  # children_table
    overview: Overview  # the region's own figures
    history: pd.DataFrame  # query.coverage_series up to the month, every month stored
    projection: pd.DataFrame  # projection_path of the region's figures
    by_sector: pd.DataFrame  # query.coverage_by_sector for the month


def regions_page(rev: Revision, period: str, region: str, sector: str | None, lang: str) -> RegionsPage:
    """The Wilayah page's frames, from one revision."""
    ov = overview(rev, period, region, sector)
    return RegionsPage(
        child_level_with_data(rev, region),
        children_table(rev, period, region, sector, lang),
        ov,
        coverage_series(rev, [region], sector=sector, end=period),
        projection_path(ov.figures),
        coverage_by_sector(rev, period, region),
    )
