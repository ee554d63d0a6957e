"""Tren / Trends: several regions over time, month-over-month change, who improved most."""

import streamlit as st

from app_pages.common import chart, query, require_data, table, tr
from ucj.core import regions
from ucj.core.fmt import fmt_pct, fmt_period, fmt_pp
from ucj.present import charts, trends, views

f = require_data()
st.title(tr("page_trends"))

labels = query(views.region_choices)
chosen = st.multiselect(
    tr("regions_to_compare"),
    list(labels),
    default=query(trends.trend_regions, f.region),
    format_func=lambda c: labels[c],
    key=f"trend_regions_{f.region}",
)
if not chosen:
    st.info(tr("choose_regions"))
    st.stop()

page = query(trends.trends_page, chosen, f.period, f.region, f.sector)
chart(
    name="ucj-tren",
    fig=charts.trend_lines(
        page.series,
        f.lang,
        title=tr("coverage_over_time"),
        target=page.target,
        target_of=regions.region_name(f.region),
    ),
)

chart(
    name="ucj-perubahan-bulanan",
    fig=charts.change_bars(page.changes, f.lang, title=tr("mom_title", period=fmt_period(f.period, f.lang))),
)

st.subheader(tr("ranking_title"))
months = (
    st.segmented_control(
        tr("ranking_window"), [3, 6, 12], default=12, format_func=lambda n: tr("months_n", n=n), key="ranking_months"
    )
    or 12
)
ranking = trends.improvement_ranking(page.series, f.period, months)
table(
    ranking,
    {
        "rank": tr("rank"),
        "region_name": tr("region"),
        "start_pct": tr("coverage") + " " + fmt_period(ranking["start_period"].min(), f.lang)
        if not ranking.empty
        else "",
        "coverage_pct": tr("coverage") + " " + fmt_period(f.period, f.lang),
        "change_pp": tr("change_pp"),
    },
    formats={"start_pct": fmt_pct, "coverage_pct": fmt_pct, "change_pp": fmt_pp},
    key="ranking_table",
    download="ucj-peringkat",
)
