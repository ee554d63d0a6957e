"""Ringkasan / Overview: where the region stands against its target, in ten seconds."""

import pandas as pd
import streamlit as st

from app_pages.common import chart, query, require_data, target_source, tr
from app_pages.map_panel import coverage_map
from ucj.core import regions
from ucj.core.fmt import escape_md, fmt_int, fmt_pct, fmt_period, fmt_pp, fmt_target, status_label
from ucj.present import charts, programmes, views
from ucj.present import deck as decks

f = require_data()
ov = query(views.overview, f.period, f.region, f.sector)
name = regions.display_name(f.region)
st.title(escape_md(name) + f" · {fmt_period(f.period, f.lang)}" + (f" · {f.sector}" if f.sector else ""), anchor=False)

if ov.figures is None:
    st.info(tr("no_data_for_selection"))
    st.stop()

fig = ov.figures
st.container(key="ucj_sentence").markdown(f"#### {escape_md(ov.sentence(f.lang))}")
if line := query(decks.data_line, f.period, f.lang):
    st.caption(escape_md(line))
if not f.sector and (funded := query(programmes.programmes_line, f.region, f.period, f.lang)):
    with st.container(horizontal=True, gap="small", vertical_alignment="center", key="ucj_programmes_line"):
        st.caption(escape_md(funded), width="content")
        st.page_link("app_pages/programmes.py", label=tr("page_programmes"), icon=":material/volunteer_activism:")
if note := ov.completeness(f.lang):
    complete, text = note
    if complete:
        st.caption(escape_md(text))
    else:
        st.warning(escape_md(text), icon=":material/assignment_late:")

# Cards wrap onto a second row in a narrow window instead of cutting their figures off. The leader's
# four (coverage, target, gap, status) come first: on a phone they are the first screen's.
kpis = st.container(horizontal=True, gap="small", key="kpis")
# The status card (the fourth) is keyed so that its words stay on one line (page_style): a long status
# ("◌ data belum lengkap") in smaller type than "▲ sesuai jalur".
status_text = status_label(fig["status"], f.lang)
status_key = "kpi_status_long" if len(status_text) > 14 else "kpi_status"
c = [kpis.container(width="stretch") for _ in range(3)]
c += [kpis.container(width=215, key=status_key), kpis.container(width="stretch")]
c[0].metric(
    tr("coverage"),
    fmt_pct(fig["coverage_pct"]),
    delta=fmt_pp(ov.coverage_change_pp) if ov.coverage_change_pp is not None else None,
    help=tr("vs_prev_month"),
    border=True,
)
has_target = fig["target_pct"] is not None and not pd.isna(fig["target_pct"])
c[1].metric(
    tr("target"),
    fmt_target(fig["target_pct"]),
    delta=tr("target_year_label", year=int(fig["target_year"])) if has_target else None,
    delta_color="off",
    delta_arrow="off",
    help=escape_md(target_source(fig["target_source"])) if fig["target_source"] else None,
    border=True,
)
c[2].metric(
    tr("gap"),
    fmt_int(fig["gap"]),
    delta=tr("needed_label", n=fmt_int(fig["target_participants"])) if has_target else None,
    delta_color="off",
    delta_arrow="off",
    border=True,
)
c[4].metric(
    tr("required_pace"),
    fmt_int(fig["required_per_month"]),
    delta=tr("current_pace_label", n=fmt_int(fig["current_pace"])),
    delta_color="off",
    delta_arrow="off",
    help=tr("required_pace_help"),
    border=True,
)
spark = [v for v in ov.history["coverage_pct"] if v is not None and not pd.isna(v)]
c[3].metric(
    tr("status"),
    status_text,
    chart_data=spark or None,
    chart_type="line",
    help=tr("sparkline_help"),
    border=True,
)

if not ov.children.empty:
    level = int(regions.level_of(ov.children["region_code"].iloc[0]))
    title = tr("children_chart_title", level=tr(f"level_{level}"), region=name)
    chart(
        name="ucj-wilayah-vs-target",
        fig=charts.coverage_vs_target(ov.children, fig["target_pct"], f.lang, title=title),
        key="children_chart",
    )
    coverage_map(ov.children, f.region, f.period, f.sector)
elif ov.history["coverage_pct"].isna().all():
    st.info(tr("no_sector_denominator") if f.sector else tr("no_data_for_selection"))
else:
    chart(
        name="ucj-cakupan-waktu",
        fig=charts.coverage_timeline(
            ov.history, fig, views.projection_path(fig), f.lang, title=tr("coverage_over_time")
        ),
    )

with st.expander(tr("status_rule_title"), icon=":material/help:"):
    st.markdown(tr("status_rule"))
