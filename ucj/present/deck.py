"""The coordination meeting's story as slides: one model for the presentation page, the .pptx
deck and the .pdf report. Texts are in the chosen language, numbers in Indonesian form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from ..core import regions
from ..core.fmt import fmt_int, fmt_pct, fmt_period, fmt_period_short, fmt_rp, fmt_rp_short, fmt_target, status_label
from ..core.i18n import t
from ..core.planner import Plan, budget_reach, cost_per_worker_rp, make_plan
from ..core.settings import Settings, load_settings
from ..query import Revision, coverage_by_sector, coverage_series, target_status
from . import charts, maps, views
from .programmes import has_programmes, programme_page, programmes_by_demo
from .registers import jakon_page

LAGGING_ROWS = 10


@dataclass
class Slide:
    key: str
    title: str
    subtitle: str = ""
    lines: list[str] = field(default_factory=list)
    kpis: list[tuple[str, str]] = field(default_factory=list)
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None


@dataclass
class Deck:
    region_code: str
    region_name: str
    period: str
    sector: str | None
    lang: str
    data_date: str
    footer: str
    slides: list[Slide]
    plan: Plan | None
    overview: views.Overview


def _active_version(rev: Revision, period: str) -> dict | None:
    v = rev.versions(period)
    active = v[v["active"]] if not v.empty else v
    return None if active.empty else active.iloc[0].to_dict()


def _upload_date(row: dict, lang: str) -> str:
    # Uploads are stamped in UTC; the meeting reads the date in Indonesian western time (WIB).
    local = dt.datetime.fromisoformat(row["uploaded_at"]).astimezone(ZoneInfo("Asia/Jakarta"))
    return format_date(local.date(), "d MMMM y", locale=lang)


def data_line(rev: Revision, period: str, lang: str) -> str | None:
    """ "Data per 12 Agustus 2025 · unggahan terakhir: jambi-juli.csv, oleh ani" for a page's
    header (user text: escape it before markdown); None for a month without data."""
    row = _active_version(rev, period)
    if row is None:
        return None
    date = _upload_date(row, lang)
    if row["user"] == "demo":
        return t("data_line_demo", lang, date=date)
    return t("data_line", lang, date=date, source=row["file_name"], user=row["user"])


def data_source(rev: Revision, period: str, lang: str) -> tuple[str, str]:
    """(source, date) of the period's active version, for footers."""
    row = _active_version(rev, period)
    if row is None:
        return "—", "—"
    date = _upload_date(row, lang)
    source = str(row["file_name"])
    if row["user"] == "demo":
        source += " — " + t("footer_illustrative", lang)
    return source, date


def plan_for(
    rev: Revision,
    period: str,
    region: str,
    sector: str | None = None,
    *,
    cost: int | None = None,
    extra_per_month: float | None = None,
    settings: Settings | None = None,
) -> Plan | None:
    """The planner's answer for a region (None when the region has no data for the period)."""
    settings = settings or load_settings()
    status = target_status(rev, period, region=region, sector=sector, settings=settings)
    if status.empty:
        return None
    return _plan(status.iloc[0].to_dict(), sector, cost, extra_per_month, settings)


def _plan(
    figures: dict, sector: str | None, cost: int | None, extra_per_month: float | None, settings: Settings
) -> Plan:
    if cost is None:
        cost = cost_per_worker_rp(settings.jkk_rate_pct, settings.reported_income_rp, settings.jkm_rp)
    return make_plan(figures | {"sector": sector}, cost, extra_per_month)


def plan_sentence(plan: Plan, lang: str) -> str:
    if plan.workforce is None and plan.sector:
        return t("sentence_no_sector_denominator", lang, region=plan.region_name, sector=plan.sector)
    if plan.workforce is None:
        return t("sentence_no_data", lang, region=plan.region_name)
    if plan.gap is None:
        return t("plan_no_target", lang, region=plan.region_name)
    if plan.gap == 0:
        return t("plan_reached", lang, region=plan.region_name)
    if not plan.months_left:
        return t("plan_missed", lang, region=plan.region_name)
    return t(
        "plan_sentence",
        lang,
        region=plan.region_name,
        gap=fmt_int(plan.gap),
        deadline=fmt_period(f"{plan.target_year}-12", lang),
        per_month=fmt_int(plan.required_per_month),
        monthly=fmt_rp(plan.monthly_cost),
        yearly=fmt_rp(plan.yearly_cost),
        to_deadline=fmt_rp(plan.cost_to_deadline),
    )


def scenarios_table(plan: Plan, lang: str) -> pd.DataFrame:
    """Scenarios side by side, as text for slides and reports."""
    rows = []
    for s in plan.scenarios:
        rows.append(
            {
                t("scenario", lang): t(f"scenario_{s.key}", lang),
                t("per_month_workers", lang): fmt_int(s.per_month),
                t("new_workers", lang): fmt_int(s.new_workers),
                t("coverage_at_deadline", lang): fmt_pct(s.coverage_pct_at_deadline),
                t("reaches_target", lang): t("yes" if s.reaches_target else "no", lang),
                t("scenario_monthly_cost", lang): fmt_rp(s.monthly_cost_rp),
                t("plan_cost_to_deadline", lang): fmt_rp(s.cost_to_deadline_rp),
            }
        )
    return pd.DataFrame(rows)


def scenarios_side_by_side(plan: Plan, lang: str) -> pd.DataFrame:
    """The scenarios as the planner page shows them: one column per scenario, one row per figure, so
    every scenario fits a 1366-px screen side by side."""
    table = scenarios_table(plan, lang)
    return table.set_index(table.columns[0]).T.rename_axis(t("scenario_figure", lang)).reset_index()


def budget_sentence(plan: Plan, budget_rp: int, lang: str) -> str | None:
    """The reverse question's answer, or None without a target and months left."""
    if not plan.months_left or plan.target_year is None:
        return None
    r = budget_reach(
        budget_rp,
        plan.cost_per_worker_rp,
        plan.months_left,
        plan.participants,
        plan.workforce,
        plan.target_participants,
    )
    return t(
        "budget_answer",
        lang,
        budget=fmt_rp(budget_rp),
        deadline=fmt_period(f"{plan.target_year}-12", lang),
        workers=fmt_int(r.workers),
        coverage=fmt_pct(r.coverage_pct_at_deadline),
        reach=t("reach_yes" if r.reaches_target else "reach_no", lang),
    )


def lagging_table(children: pd.DataFrame, lang: str, rows: int = LAGGING_ROWS) -> pd.DataFrame:
    """The regions furthest behind, lowest coverage first, with their gap, required pace and status
    (symbol and word)."""
    c = children.dropna(subset=["coverage_pct"]).sort_values("coverage_pct").head(rows)
    return pd.DataFrame(
        {
            t("region", lang): c["region_name"],
            t("coverage", lang): [fmt_pct(v) for v in c["coverage_pct"]],
            t("target", lang): [fmt_target(v) for v in c["target_pct"]],
            t("gap", lang): [fmt_int(v) for v in c["gap"]],
            t("required_pace", lang): [fmt_int(v) for v in c["required_per_month"]],
            t("status", lang): [status_label(s, lang) for s in c["status"]],
        }
    ).reset_index(drop=True)


# Behind the target's pace: the current pace will not close the gap by the deadline.
BEHIND_PACE = ("off_track", "at_risk")


def lagging_regions(children: pd.DataFrame) -> pd.DataFrame:
    """The child regions behind the target's pace (off track or at risk), lowest coverage first."""
    behind = children[children["status"].isin(BEHIND_PACE)].dropna(subset=["coverage_pct"])
    return behind.sort_values("coverage_pct")


def build_deck(
    rev: Revision,
    period: str,
    region: str,
    sector: str | None = None,
    lang: str = "id",
    *,
    cost: int | None = None,
    settings: Settings | None = None,
) -> Deck:
    """Title, coverage against target, lagging regions, sectors, trend with projection, the plan, the Pemda
    programmes, Jakon.
    A slide with nothing to show (no child region behind, no sector, no history) is left out."""
    settings = settings or load_settings()
    name = regions.region_name(region)
    ov = views.overview(rev, period, region, sector, settings=settings)
    # The overview already holds the region's status row: the plan is made from it, not queried again.
    plan = _plan(ov.figures, sector, cost, None, settings) if ov.figures else None
    source, date = data_source(rev, period, lang)
    footer = t("footer", lang, source=source, date=date)
    label_period = fmt_period(period, lang) + (f" · {sector}" if sector else "")
    slides = [
        Slide(
            "title",
            t("deck_title", lang, region=name),
            t("deck_subtitle", lang, period=label_period),
            lines=[t("data_date", lang, date=date)],
        )
    ]
    fig = ov.figures
    if fig:
        slides.append(
            Slide(
                "coverage",
                t("slide_coverage", lang),
                label_period,
                lines=[ov.sentence(lang)] + ([note[1]] if (note := ov.completeness(lang)) else []),
                kpis=[
                    (t("coverage", lang), fmt_pct(fig["coverage_pct"])),
                    (t("target", lang), fmt_target(fig["target_pct"])),
                    (t("gap", lang), fmt_int(fig["gap"])),
                    (t("required_pace", lang), fmt_int(fig["required_per_month"])),
                    (t("status", lang), status_label(fig["status"], lang)),
                ],
            )
        )
    if not ov.children.empty:
        level = t(f"level_{regions.level_of(ov.children['region_code'].iloc[0])}", lang)
        behind = lagging_regions(ov.children)
        # Only the regions behind the target's pace; none behind, no slide (the report still lists all).
        if not behind.empty:
            shown = behind.head(LAGGING_ROWS)
            more = len(behind) - len(shown)
            slides.append(
                Slide(
                    "lagging",
                    t("slide_lagging", lang),
                    t("lagging_subtitle", lang, count=len(behind), total=len(ov.children), level=level, region=name),
                    lines=[t("lagging_more", lang, shown=len(shown), count=len(behind))] if more else [],
                    figure=charts.coverage_vs_target(
                        shown, fig["target_pct"] if fig else None, lang, slots=LAGGING_ROWS, legend_on_top=True
                    ),
                    table=lagging_table(shown, lang),
                )
            )
        features = views.map_features(rev, list(ov.children["region_code"]))
        if features:
            slides.append(
                Slide(
                    "map",
                    t("slide_map", lang),
                    t("map_title", lang, level=level, region=name),
                    figure=maps.coverage_map(ov.children, features, lang),
                )
            )
    by_sector = coverage_by_sector(rev, period, region)
    sector_table = pd.DataFrame(
        {
            t("sector", lang): by_sector["sector"],
            t("participants", lang): [fmt_int(v) for v in by_sector["participants"]],
            t("share_pct", lang): [fmt_pct(v) for v in by_sector["share_pct"]],
            t("sector_coverage", lang): [fmt_pct(v) for v in by_sector["coverage_pct"]],
        }
    )
    if not by_sector.empty:
        slides.append(
            Slide(
                "sectors",
                t("slide_sectors", lang),
                label_period,
                figure=charts.sector_share(by_sector, lang),
                table=sector_table,
            )
        )
    history = coverage_series(rev, [region], sector=sector, end=period)
    if not history.empty:
        slides.append(
            Slide(
                "trend",
                t("slide_trend", lang),
                name,
                figure=charts.coverage_timeline(history, fig, views.projection_path(fig), lang),
            )
        )
    if plan is not None:
        slides.append(
            Slide(
                "planner",
                t("slide_planner", lang),
                f"{t('plan_cost_per_worker', lang)}: {fmt_rp(plan.cost_per_worker_rp)}",
                lines=[plan_sentence(plan, lang)],
                table=scenarios_table(plan, lang) if plan.scenarios else None,
            )
        )
    if not sector and has_programmes(rev, region, period):
        slides.append(programmes_slide(rev, region, period, lang, name, settings))
    jk = jakon_page(rev, region, settings=settings)
    if jk.summary is not None:
        js = jk.summary
        follow_up = jk.unregistered.head(JAKON_ROWS)
        slides.append(
            Slide(
                "jakon",
                t("slide_jakon", lang),
                name + (f" · {t('jakon_illustrative', lang)}" if jk.illustrative else ""),
                lines=[jakon_sentence(js, lang)],
                table=pd.DataFrame(
                    {
                        t("col_project", lang): follow_up["project"],
                        t("col_opd", lang): follow_up["opd"],
                        t("col_contract_value", lang): [fmt_rp(v) for v in follow_up["contract_value"]],
                        t("col_workers", lang): [fmt_int(v) for v in follow_up["workers"]],
                        t("col_owed", lang): [fmt_rp(v) for v in follow_up["owed_rp"]],
                    }
                ).reset_index(drop=True),
            )
        )
    return Deck(region, name, period, sector, lang, date, footer, slides, plan, ov)


JAKON_ROWS = 6
#: Programmes a slide lists (the rest are in the page's table and its downloads).
PROGRAMME_ROWS = 4
#: A programme's name on a slide, cut to this many characters.
PROGRAMME_NAME_CHARS = 34


def programmes_slide(rev: Revision, region: str, period: str, lang: str, name: str, settings: Settings) -> Slide:
    """Who pays for whose coverage: the sentence, coverage with and without the programmes, and
    the programmes whose budget runs out first (month, shortfall), in few words for a projector."""
    pg = programme_page(rev, region, period, settings)
    # The rakor's question first: the programmes that run short, largest shortfall first.
    ranked = sorted(pg.status["programmes"], key=lambda p: (-(p["shortfall_rp"] or 0), -p["funded_participants"]))
    shown = ranked[:PROGRAMME_ROWS]

    illustrative = programmes_by_demo(rev)

    def short(text: str) -> str:
        # The subtitle says the sample's are illustrative: the name need not, on every row.
        text = text.removesuffix(" (ilustrasi)") if illustrative else text
        if len(text) <= PROGRAMME_NAME_CHARS:
            return text
        return text[: PROGRAMME_NAME_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:-") + "…"

    def runs_out(p: dict) -> str:
        if p["budget_rp"] is None:
            return "—"
        return (
            fmt_period_short(p["runs_out_period"], lang) if p["runs_out_period"] else t("programmes_lasts_short", lang)
        )

    table = pd.DataFrame(
        {
            t("col_program", lang): [short(p["program"]) for p in shown],
            t("col_funder", lang): [p["funder_name"] for p in shown],
            t("col_runs_out", lang): [runs_out(p) for p in shown],
            t("col_shortfall", lang): [fmt_rp_short(p["shortfall_rp"]) if p["shortfall_rp"] else "—" for p in shown],
        }
    )
    said = f" · {t('programmes_illustrative', lang)}" if illustrative else ""
    return Slide(
        "programmes",
        t("page_programmes", lang),
        f"{name} · {fmt_period(period, lang)}{said}",
        lines=[line] if (line := pg.sentence(lang)) else [],
        figure=charts.programmes_coverage(pg.series, lang) if not pg.series.empty else None,
        table=table,
    )


def jakon_sentence(js, lang: str) -> str:
    """ "2 dari 6 proyek belum mendaftarkan pekerjanya: 82 pekerja, …" for a register summary."""
    return t(
        "jakon_sentence",
        lang,
        unregistered=fmt_int(js.unregistered),
        projects=fmt_int(js.projects),
        workers=fmt_int(js.workers_unprotected),
        value=fmt_rp(js.value_unprotected_rp),
        owed=fmt_rp(js.contribution_owed_rp),
    )
