"""What each page shows, as frames and sentences: the pages only lay them out."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..core import jakon, regions
from ..core.fmt import fmt_int, fmt_pct, fmt_period, fmt_period_short, fmt_target, fmt_timestamp, status_label
from ..core.i18n import t
from ..core.parsing import add_months
from ..core.settings import Settings
from ..intake import jakon_files
from ..query import db

# The queries the pages show as they are, through this one module: pages import views, never db.
Session = db.Session
coverage_by_region = db.coverage_by_region
child_level_with_data = db.child_level_with_data
coverage_by_sector = db.coverage_by_sector
coverage_series = db.coverage_series
list_targets = db.list_targets
regions_in_data = db.regions_in_data
sector_matrix = db.sector_matrix
sector_series = db.sector_series
target_status = db.target_status
STATUS_COLUMNS = db.STATUS_COLUMNS


@db.one_session
def children_table(store: db.Source, period: str, region: str, sector: str | None, lang: str) -> pd.DataFrame:
    """The Wilayah page's table: the region's children at the level below that has data, highest
    coverage first, with their status in words and their reporting ("11/11", "✔"). Empty when the
    region has no children in the data."""
    level = db.child_level_with_data(store, region)
    if not level:
        return pd.DataFrame(columns=[*db.STATUS_COLUMNS, "status_text", "reporting"])
    children = db.target_status(store, period, level=level, region=region, sector=sector)
    children = children.sort_values("coverage_pct", ascending=False, na_position="last", ignore_index=True)
    children["status_text"] = [status_label(s, lang) for s in children["status"]]
    children["reporting"] = [reporting_cell(r) for r in children.to_dict("records")]
    return children


@db.one_session
def default_region(store: db.Source) -> str | None:
    """The first province with data: where a first visit starts."""
    r = db.regions_in_data(store)
    top = r[r["level"] == r["level"].min()] if not r.empty else r
    return None if top.empty else str(top["region_code"].iloc[0])


def map_features(store: db.Source, codes: list[str]) -> dict[str, dict] | None:
    """The boundary of each of ``codes`` that the loaded boundary file has (region code → GeoJSON
    feature), or None before an admin loaded one. Not for a data cache: the parsed file is shared
    by every caller of the process, not copied."""
    if isinstance(store, db.Session):
        geo = store.store.read_boundaries(store.manifest)
    else:
        geo = store.read_boundaries()
    if geo is None:
        return None
    wanted = set(codes)
    return {f["properties"]["code"]: f for f in geo["features"] if f["properties"]["code"] in wanted}


def home_region(store: db.Source, own: tuple[str, ...] = ()) -> str | None:
    """Where a visit without a region in its link starts: the first of the user's own regions (an
    account's scope) that has data, or the nearest region above it that has; else the first
    province with data."""
    known = set(db.regions_in_data(store)["region_code"])
    for code in own:
        for c in (code, *regions.ancestors(code)):
            if c in known:
                return c
    return default_region(store)


def completeness_text(row: dict, lang: str = "id") -> str | None:
    """ "3 dari 11 kabupaten/kota melapor" for a figure summed from its children (a status row of
    ``db.target_status``); None for a region that reported its own figures."""
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


def summary_sentence(row: dict, lang: str = "id") -> str:
    """One plain sentence on a region against its target (a status row of ``db.target_status``)."""
    region = row["region_name"]
    if row.get("coverage_pct") is None or pd.isna(row.get("coverage_pct")):
        return t("sentence_no_data", lang, region=region)
    coverage = fmt_pct(row["coverage_pct"])
    if row.get("status") == "incomplete":
        return t("sentence_incomplete", lang, region=region, coverage=coverage)
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

    def completeness(self, lang: str = "id") -> tuple[bool, str] | None:
        """(complete, sentence) beside a parent's figure; None for a region that reported itself."""
        return completeness_note(self.figures, lang) if self.figures else None


@db.one_session
def overview(
    store: db.Source, period: str, region: str, sector: str | None = None, settings: Settings | None = None
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


REPORT_MARK = {"complete": "✔", "missing": "✗"}


@db.one_session
def reporting_grid(
    store: db.Source, region: str | None, period: str, months: int = 12, lang: str = "id"
) -> pd.DataFrame:
    """The children of ``region`` × the ``months`` months up to ``period``, as the completeness page
    shows it: "✔" reported, "10/11" partly reported (regions below it), "✗" not reported, and a
    last row with the reporting rate of each month. Columns: region_code, region, then one per month."""
    periods = [add_months(period, -k) for k in range(months - 1, -1, -1)]
    m = db.reporting_matrix(store, region, periods)
    if m.empty:
        return pd.DataFrame(columns=["region_code", t("region", lang)])
    m["cell"] = [_report_cell(s, r, e) for s, r, e in zip(m["state"], m["reported_children"], m["expected_children"])]
    grid = m.pivot(index=["region_code", "region_name"], columns="period", values="cell").reset_index()
    rate = m.assign(done=m["state"] == "complete").groupby("period")["done"].agg(["sum", "count"])
    total = {"region_code": "", "region_name": t("completeness_rate", lang)}
    total.update({p: f"{int(rate.loc[p, 'sum'])}/{int(rate.loc[p, 'count'])}" for p in periods})
    grid = pd.concat([grid, pd.DataFrame([total])], ignore_index=True)
    grid.columns.name = None
    return grid.rename(columns={"region_name": t("region", lang), **{p: fmt_period_short(p, lang) for p in periods}})


def _report_cell(state: str, reported, expected) -> str:
    if state != "partial":
        return REPORT_MARK[state]
    return f"{int(reported)}/{int(expected)}"


@db.one_session
def not_reported(store: db.Source, region: str | None, period: str) -> list[str]:
    """Codes of the children of ``region`` that have not (fully) reported ``period``."""
    m = db.reporting_matrix(store, region, [period])
    return m.loc[m["state"] != "complete", "region_code"].tolist()


def describe_regions(codes: list[str], lang: str = "id") -> str:
    """A version's regions (cut to kabupaten/kota, see merge.summarize_codes) in a few words: up to
    three names, else each province with how many of its kabupaten/kota ("Kalimantan Barat (14
    kabupaten/kota)")."""
    if not codes:
        return "—"
    if len(codes) <= 3:
        return ", ".join(regions.region_name(c) for c in codes)
    by_province: dict[str, list[str]] = {}
    for c in codes:
        by_province.setdefault(c[:2], []).append(c)
    parts = []
    for p, group in sorted(by_province.items()):
        below = [c for c in group if c != p]
        count = t("regions_count", lang, n=len(below), level=t("level_2", lang))
        parts.append(f"{regions.region_name(p)} ({count})" if below else regions.region_name(p))
    return "; ".join(parts)


def versions_undone(versions: pd.DataFrame, period: str, version: int) -> str:
    """The versions of ``period`` after ``version`` up to the active one, which restoring ``version``
    undoes, as "v3 (ani, kalbar.csv), …"; empty when there are none (``versions``: Store.versions())."""
    v = versions[versions["period"] == period]
    if v.empty or not v["active"].any():
        return ""
    active = int(v.loc[v["active"], "version"].iloc[0])
    later = v[(v["version"] > version) & (v["version"] <= active)].sort_values("version")
    return ", ".join(f"v{int(r.version)} ({r.user}, {r.file_name})" for r in later.itertuples())


def reporting_cell(row: dict) -> str:
    """A status row's reporting as a table cell: "✔" for its own figures, "11/11" or "3/11" for a
    figure summed from its children."""
    expected = row.get("expected_children")
    if expected is None or pd.isna(expected):
        return "✔"
    return f"{int(row['reported_children'])}/{int(expected)}"


# --- the upload and audit pages -----------------------------------------------------------------


def problems_table(result, lang: str = "id") -> pd.DataFrame:
    """A file's findings as the Unggah page lists them: severity in words, row, column, value, message."""
    problems = result.problems_frame(lang)
    problems["severity"] = [t(f"severity_{p}", lang) for p in problems["severity"]]
    return problems


def preview_table(result) -> pd.DataFrame:
    """A checked file's rows with the official name of each region, for the preview."""
    preview = result.rows.copy()
    preview["region_name"] = [regions.region_name(c) for c in preview["region_code"]]
    return preview


def comparison_table(comparison: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """service.compare_with_current with its change in words ("berubah", "hilang")."""
    out = comparison.copy()
    out["change"] = [t(f"change_{c}", lang) for c in out["change"]]
    return out


def versions_table(versions: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Store.versions() as the Unggah page lists it: active as ✔, WIB times, mode and regions in words."""
    out = versions.copy()
    out["active"] = ["✔" if a else "" for a in out["active"]]
    out["uploaded_at"] = [fmt_timestamp(v, lang) for v in out["uploaded_at"]]
    out["mode"] = [t(f"mode_label_{m}", lang) for m in out["mode"]]
    out["regions"] = [describe_regions(list(r), lang) for r in out["regions"]]
    out["removed"] = [describe_regions(list(r), lang) if len(r) else "" for r in out["removed"]]
    return out


def jakon_versions_table(versions: list[dict], lang: str = "id") -> pd.DataFrame:
    """The project register's versions, newest first, as the Jakon page lists them."""
    rows = [
        {
            "version": v["version"],
            "active": "✔" if v["active"] else "",
            "uploaded_at": fmt_timestamp(v["uploaded_at"], lang),
            "user": v["user"],
            "file_name": v["file_name"],
            "regions": describe_regions(list(v.get("regions", [])), lang),
            "projects": v.get("projects"),
        }
        for v in reversed(versions)
    ]
    return pd.DataFrame(rows, columns=["version", "active", "uploaded_at", "user", "file_name", "regions", "projects"])


def audit_table(entries: list[dict], lang: str = "id") -> pd.DataFrame:
    """Audit entries, newest first, as the Audit page lists them (event in words, WIB time,
    the first 16 characters of the checksum, the detail as key=value)."""
    entries = list(reversed(entries))
    return pd.DataFrame(
        {
            "seq": [e["seq"] for e in entries],
            "time": [fmt_timestamp(e["time"], lang) for e in entries],
            "event": [t(f"event_{e['event']}", lang) for e in entries],
            "user": [e.get("user") or "—" for e in entries],
            "role": [e.get("role") or "—" for e in entries],
            "regions": [", ".join(e.get("regions") or []) for e in entries],
            "sha256": [(e.get("sha256") or "")[:16] for e in entries],
            "detail": [", ".join(f"{k}={val}" for k, val in (e.get("detail") or {}).items()) for e in entries],
        },
        columns=["seq", "time", "event", "user", "role", "regions", "sha256", "detail"],
    )


# --- the Sektor page ----------------------------------------------------------------------------


@dataclass
class SectorsPage:
    """What the Sektor page shows for a region up to a month."""

    series: pd.DataFrame  # db.sector_series up to the month
    by_sector: pd.DataFrame  # db.coverage_by_sector for the month
    with_denominator_now: pd.DataFrame  # sectors with their own denominator, in the month
    denominator_trend: pd.DataFrame  # their coverage over time, shaped for charts.trend_lines


@db.one_session
def sectors_page(store: db.Source, period: str, region: str) -> SectorsPage:
    """The Sektor page's frames, from one session."""
    series = db.sector_series(store, region)
    series = series[series["period"] <= period].reset_index(drop=True)
    with_den = series.dropna(subset=["coverage_pct"])
    # trend_lines draws one line per "region": here, one per sector.
    trend = with_den.rename(columns={"sector": "region_code"}).assign(region_name=lambda d: d["region_code"])
    return SectorsPage(
        series, db.coverage_by_sector(store, period, region), with_den[with_den["period"] == period], trend
    )


@dataclass
class JakonPage:
    """What the Jakon page, its slide and its report section show for a region."""

    projects: pd.DataFrame  # the register inside the region, with registered, late and owed_rp
    summary: jakon.JakonSummary | None
    by_opd: pd.DataFrame
    by_region: pd.DataFrame
    unregistered: pd.DataFrame  # the follow-up list, largest contract first
    late: pd.DataFrame  # registered after work began
    illustrative: bool = False  # the sample data's projects, not official ones


@db.one_session
def jakon_page(store: db.Source, region: str, settings: Settings | None = None) -> JakonPage:
    """The Monev Jakon register of ``region`` and everything below it."""
    from ..core.settings import load_settings

    settings = settings or load_settings()
    manifest = store.manifest if isinstance(store, db.Session) else store.manifest()
    reader = store.store if isinstance(store, db.Session) else store
    register, active = reader.read_jakon(manifest), reader.active_record("jakon", manifest=manifest)
    illustrative = active is not None and active["user"] == "demo"
    if register is None or register.empty:
        empty = jakon_files.empty_projects()
        return JakonPage(empty, None, empty, empty, empty, empty)
    inside = register[(register["region_code"] == region) | register["region_code"].str.startswith(region + ".")]
    df = jakon.with_status(inside.reset_index(drop=True), jakon.parse_tiers(settings.jakon_tiers))
    df["region_name"] = [regions.region_name(c) for c in df["region_code"]]
    if df.empty:
        return JakonPage(df, None, df, df, df, df)
    unregistered = df[~df["registered"]].sort_values("contract_value", ascending=False, kind="stable")
    late = df[df["registered"] & df["late"]].sort_values("start_date", kind="stable")
    by_region = jakon.by(df, "region_name")
    return JakonPage(df, jakon.summary(df), jakon.by(df, "opd"), by_region, unregistered, late, illustrative)
