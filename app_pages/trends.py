"""Tren / Trends: several regions over time, month-over-month change, who improved most."""

import streamlit as st

from app_pages.common import chart, query, require_data, table, tr
from ucj.core import regions
from ucj.core.fmt import fmt_pct, fmt_period, fmt_pp
from ucj.present import charts, views

f = require_data()
st.title(tr("page_trends"))

known = query(views.regions_in_data)
names = dict(zip(known["region_code"], known["region_name"]))
child_level = query(views.child_level_with_data, f.region)
if child_level:
    default = [c for c in known["region_code"] if c.startswith(f.region + ".") and regions.level_of(c) == child_level]
else:
    default = [f.region]
chosen = st.multiselect(
    tr("regions_to_compare"),
    list(known["region_code"]),
    default=default[:12],
    format_func=lambda c: f"{names.get(c, c)} ({c})",
    key=f"trend_regions_{f.region}",
)
if not chosen:
    st.info(tr("choose_regions"))
    st.stop()

series = query(views.coverage_series, chosen, sector=f.sector, end=f.period)
own = query(views.target_status, f.period, region=f.region, sector=f.sector)
chart(
    name="ucj-tren",
    fig=charts.trend_lines(
        series,
        f.lang,
        title=tr("coverage_over_time"),
        target=None if own.empty else own.iloc[0].to_dict(),
        target_of=regions.region_name(f.region),
    ),
)

mom = views.month_over_month(series, f.period)
chart(
    name="ucj-perubahan-bulanan",
    fig=charts.change_bars(mom, f.lang, title=tr("mom_title", period=fmt_period(f.period, f.lang))),
)

st.subheader(tr("ranking_title"))
months = (
    st.segmented_control(
        tr("ranking_window"), [3, 6, 12], default=12, format_func=lambda n: tr("months_n", n=n), key="ranking_months"
    )
    or 12
)
ranking = views.improvement_ranking(series, f.period, months)
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
