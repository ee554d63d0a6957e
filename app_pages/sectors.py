"""Sektor / Sectors: participants by sector, shares, sector coverage, region × sector."""

import streamlit as st

from app_pages.common import chart, query, require_data, table, tr
from ucj import charts, regions, views
from ucj.fmt import fmt_int, fmt_pct, fmt_period

f = require_data()
name = regions.region_name(f.region)
st.title(f"{tr('page_sectors')} · {name}")

series = query(views.sector_series, f.region)
series = series[series["period"] <= f.period]
left, right = st.columns([3, 2])
with left:
    chart(name="ucj-peserta-sektor", fig=charts.sector_participants(series, f.lang, title=tr("participants_by_sector")))
with right:
    by_sector = query(views.coverage_by_sector, f.period, f.region)
    chart(
        name="ucj-porsi-sektor",
        fig=charts.sector_share(by_sector, f.lang, title=tr("share_by_sector", period=fmt_period(f.period, f.lang))),
    )

st.subheader(tr("sector_coverage_title"))
with_denominator = series.dropna(subset=["coverage_pct"])
if with_denominator.empty:
    st.info(tr("no_sector_denominator"))
else:
    now = with_denominator[with_denominator["period"] == f.period]
    table(
        now,
        {
            "sector": tr("sector"),
            "participants": tr("participants"),
            "sector_workforce": tr("sector_workforce"),
            "coverage_pct": tr("sector_coverage"),
        },
        formats={"participants": fmt_int, "sector_workforce": fmt_int, "coverage_pct": fmt_pct},
        progress="coverage_pct",
        download="ucj-cakupan-sektor",
    )
    trend = with_denominator.rename(columns={"sector": "region_code"}).assign(region_name=lambda d: d["region_code"])
    chart(name="ucj-cakupan-sektor", fig=charts.trend_lines(trend, f.lang, title=tr("sector_coverage_title")))

child_level = query(views.child_level_with_data, f.region)
if child_level:
    matrix = query(views.sector_matrix, f.period, child_level, f.region)
    chart(
        name="ucj-heatmap-sektor",
        fig=charts.sector_heatmap(matrix, f.lang, title=tr("heatmap_title", period=fmt_period(f.period, f.lang))),
    )
