"""Program Pemda / Pemda programmes: how much of the region's coverage its budgets pay for, coverage
without them, each programme's budget to December, by funder and by region, and the planner's link."""

import pandas as pd
import streamlit as st

from app_pages.common import (
    chart,
    guarded,
    may,
    number_format_choice,
    query,
    report_table,
    require_data,
    show_action_error,
    signed_in,
    store,
    table,
    tr,
)
from ucj.core import regions
from ucj.core.fmt import escape_md, fmt_int, fmt_pct, fmt_period, fmt_rp
from ucj.intake import templates
from ucj.present import charts, tables
from ucj.present import programmes as pg
from ucj.services import programmes as programme_files

BENEFICIARIES, BUDGETS = "beneficiaries", "budgets"
REPORT_LABELS = ("severity", "row", "column", "value", "message")


def upload_section(expanded: bool) -> None:
    """An analyst's form for a beneficiaries or a budgets file: the template, the check and its
    report (row, column, value, message), a preview, then Publish. The library checks her regions."""
    if not may("upload"):
        return
    with st.expander(tr("programmes_upload"), icon=":material/upload_file:", expanded=expanded):
        kind = (
            st.segmented_control(
                tr("programmes_file_kind"),
                [BENEFICIARIES, BUDGETS],
                format_func=lambda k: tr(f"programmes_kind_{k}"),
                default=BENEFICIARIES,
                key="programmes_kind",
            )
            or BENEFICIARIES
        )
        st.download_button(
            tr("programmes_template"),
            templates.beneficiaries_csv() if kind == BENEFICIARIES else templates.budgets_csv(),
            "templat-penerima-program.csv" if kind == BENEFICIARIES else "templat-anggaran-program.csv",
            "text/csv",
            icon=":material/download:",
            key=f"programmes_template_{kind}",
            on_click="ignore",
        )
        upload = st.file_uploader(tr("programmes_upload"), type=["csv", "xlsx"], key=f"programmes_file_{kind}")
        if upload is not None:
            data, number_key = upload.getvalue(), f"programmes_number_format_{kind}"
            chosen = st.session_state.get(number_key)
            if kind == BENEFICIARIES:
                checked = programme_files.check_programmes(
                    store(), data, upload.name, user=signed_in(), number_format=chosen
                )
            else:
                checked = programme_files.check_budgets(data, upload.name, user=signed_in(), number_format=chosen)
            number_format_choice(number_key, checked.asks_number_format)
            labels = {c: tr(c) for c in REPORT_LABELS}
            if not checked.ok:
                if checked.asks_number_format:
                    st.info(tr("number_format_question"), icon=":material/help:")
                else:
                    st.error(tr("refused", n=len(checked.errors)))
                report_table(tables.problems_table(checked, f.lang), labels, download="ucj-program-laporan")
            else:
                st.success(tr("programmes_file_ok", n=fmt_int(len(checked.rows))))
                if checked.warnings:
                    report_table(tables.problems_table(checked, f.lang), labels, download="ucj-program-laporan")
                if st.button(tr("publish"), type="primary", key=f"programmes_publish_{kind}"):
                    do = programme_files.import_programmes if kind == BENEFICIARIES else programme_files.import_budgets
                    _, version = do(store(), data, upload.name, user=signed_in(), number_format=chosen)
                    if version is not None:
                        published = "programmes_published" if kind == BENEFICIARIES else "budgets_published"
                        st.session_state["programmes_message"] = (published, version)
                        st.rerun()
        if said := st.session_state.pop("programmes_message", None):
            st.success(tr(said[0], version=said[1]))


f = require_data()
name = regions.display_name(f.region)
st.title(f"{tr('page_programmes')} · {escape_md(name)} · {fmt_period(f.period, f.lang)}", anchor=False)

if not query(pg.has_programmes, f.region, f.period):
    st.info(tr("programmes_none_here", region=escape_md(name), period=fmt_period(f.period, f.lang)))
    upload_section(expanded=True)
    st.stop()

page = query(pg.programme_page, f.region, f.period)
s = page.status
if sentence := page.sentence(f.lang):
    st.container(key="ucj_programmes_sentence").markdown(f"#### {escape_md(sentence)}")
if query(pg.programmes_by_demo):
    st.caption(tr("programmes_illustrative"))

cards = st.container(horizontal=True, gap="small", key="programmes_kpis")
cards.metric(tr("programmes_funded"), fmt_int(s["funded_participants"]), border=True)
cards.metric(tr("programmes_share"), fmt_pct(s["funded_share_pct"]), border=True)
cards.metric(tr("coverage"), fmt_pct(s["coverage_pct"]), border=True)
cards.metric(tr("programmes_without_card"), fmt_pct(s["coverage_without_funded_pct"]), border=True)

if not page.series.empty:
    chart(
        name="ucj-cakupan-program-pemda",
        fig=charts.programmes_coverage(page.series, f.lang, title=tr("programmes_coverage_title", region=name)),
        key="programmes_coverage_chart",
    )

st.subheader(tr("programmes_list"), anchor=False)
rows = [
    {
        **p,
        "label": pg.programme_label(p),
        "runs_out": (
            tr("programmes_no_budget")
            if p["budget_rp"] is None
            else fmt_period(p["runs_out_period"], f.lang)
            if p["runs_out_period"]
            else tr("programmes_lasts")
        ),
    }
    for p in s["programmes"]
]
listing = pd.DataFrame(rows)
table(
    listing,
    {
        "program": tr("col_program"),
        "funder_name": tr("col_funder"),
        "funded_participants": tr("col_funded"),
        "budget_rp": tr("col_budget"),
        "budget_left_rp": tr("col_left"),
        "runs_out": tr("col_runs_out"),
        "shortfall_rp": tr("col_shortfall"),
    },
    formats={c: fmt_rp for c in ("monthly_cost_rp", "spent_to_date_rp", "budget_rp", "budget_left_rp", "shortfall_rp")}
    | {"funded_participants": fmt_int},
    # Every column in view at 1366 px; the month's cost, what is spent and the months covered in the detail.
    widths={
        "program": 215,
        "funder_name": 115,
        "funded_participants": 90,
        "budget_rp": 118,
        "budget_left_rp": 118,
        "runs_out": 105,
        "shortfall_rp": 105,
    },  # fmt: skip
    download="ucj-program-pemda",
    cards=True,
    detail={
        "monthly_cost_rp": tr("col_monthly_cost"),
        "spent_to_date_rp": tr("col_spent"),
        "months_covered": tr("col_months_covered"),
    },
    key="programmes_table",
)

if not page.burn.empty:
    chart(
        name="ucj-sisa-anggaran",
        fig=charts.budget_burndown(page.burn, f.lang, title=tr("programmes_burn_title", year=f.period[:4])),
        key="programmes_burn_chart",
    )

with st.container():
    st.subheader(tr("programmes_by_funder"), anchor=False)
    table(
        page.by_funder,
        {
            "funder_name": tr("col_funder"),
            "programmes": tr("col_programmes_n"),
            "funded_participants": tr("col_funded"),
            "budget_rp": tr("col_budget"),
            "shortfall_rp": tr("col_shortfall"),
        },
        formats={"funded_participants": fmt_int, "budget_rp": fmt_rp, "shortfall_rp": fmt_rp},
        download="ucj-program-pemda-pemberi-dana",
        cards=True,
        key="programmes_funders",
    )
with st.container():
    st.subheader(tr("programmes_by_region", region=name), anchor=False)
    if page.by_region.empty:
        st.caption(escape_md(tr("programmes_by_region_note", region=name)))
    else:
        table(
            page.by_region,
            {
                "region_name": tr("region"),
                "funded_participants": tr("col_funded"),
                "participants": tr("participants"),
                "funded_share_pct": tr("col_share_of_participants"),
            },
            formats={"funded_participants": fmt_int, "participants": fmt_int, "funded_share_pct": fmt_pct},
            download="ucj-program-pemda-wilayah",
            cards=True,
            key="programmes_regions",
        )
        if page.by_region["funded_participants"].sum() < s["funded_participants"]:
            st.caption(escape_md(tr("programmes_by_region_note", region=name)))

if plan := page.plan:
    if plan["gap"] <= 0:
        st.info(tr("programmes_plan_reached"), icon=":material/payments:")
    else:
        st.info(
            tr(
                "programmes_plan",
                gap=fmt_int(plan["gap"]),
                this_year=fmt_rp(plan["this_year_rp"]),
                months=plan["months_left"],
                next_year=fmt_rp(plan["next_year_rp"]),
                cost=fmt_rp(plan["cost_per_worker_rp"]),
            ),
            icon=":material/payments:",
        )
    st.page_link("app_pages/planner.py", label=tr("page_planner"), icon=":material/payments:")


@guarded
def _rollback(version: int, kind: str) -> None:
    store().rollback_programmes(version, budgets=kind == BUDGETS, user=signed_in())
    st.session_state["programmes_rolled_back"] = (kind, version)


def versions_section() -> None:
    """Every version of the beneficiaries and of the budgets, and a rollback to an earlier one
    (the library checks that every region it changes is the user's)."""
    if not may("rollback"):
        return
    shown = [(kind, store().versions_of("programmes" if kind == BENEFICIARIES else "budgets"))
             for kind in (BENEFICIARIES, BUDGETS)]  # fmt: skip
    if not any(versions for _, versions in shown):
        return
    with st.expander(tr("programmes_versions"), icon=":material/history:"):
        show_action_error()
        for kind, versions in shown:
            if not versions:
                continue
            st.markdown(f"**{tr(f'programmes_kind_{kind}')}**")
            labels = {
                "version": tr("version"),
                "active": tr("active"),
                "uploaded_at": tr("uploaded_at"),
                "user": tr("user"),
                "file_name": tr("file_name"),
                "regions": tr("version_regions"),
                "rows": tr("rows"),
            }
            table(tables.programme_versions_table(versions, f.lang), labels, key=f"programmes_versions_{kind}")
            older = [v["version"] for v in reversed(versions) if not v["active"]]
            if older:
                left, right = st.columns([1, 2], vertical_alignment="bottom")
                chosen = left.selectbox(tr("rollback_choose"), older, key=f"programmes_rb_version_{kind}")
                right.button(tr("programmes_rollback"), key=f"programmes_rb_{kind}", on_click=_rollback,
                             args=(chosen, kind))  # fmt: skip
        if done := st.session_state.pop("programmes_rolled_back", None):
            said = "rollback_done_budgets" if done[0] == BUDGETS else "rollback_done_programmes"
            st.success(tr(said, version=done[1]))


upload_section(expanded=False)
versions_section()
