"""Sektor / Sectors: participants by sector, shares, sector coverage, region × sector."""

import streamlit as st

from app_pages.common import chart, query, require_data, table, tr
from ucj.core import regions
from ucj.core.fmt import fmt_int, fmt_pct, fmt_period
from ucj.present import charts, sectors

f = require_data()
name = regions.region_name(f.region)
st.title(f"{tr('page_sectors')} · {name}")

page = query(sectors.sectors_page, f.period, f.region)
left, right = st.columns([3, 2])
with left:
    fig = charts.sector_participants(page.series, f.lang, title=tr("participants_by_sector"))
    chart(name="ucj-peserta-sektor", fig=fig)
with right:
    title = tr("share_by_sector", period=fmt_period(f.period, f.lang))
    chart(name="ucj-porsi-sektor", fig=charts.sector_share(page.by_sector, f.lang, title=title))

st.subheader(tr("sector_coverage_title"))
if page.denominator_trend.empty:
    st.info(tr("no_sector_denominator"))
else:
    table(
        page.with_denominator_now,
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
    fig = charts.trend_lines(page.denominator_trend, f.lang, title=tr("sector_coverage_over_time"))
    chart(name="ucj-cakupan-sektor", fig=fig)

if page.matrix is not None:
    chart(
        name="ucj-heatmap-sektor",
        fig=charts.sector_heatmap(page.matrix, f.lang, title=tr("heatmap_title", period=fmt_period(f.period, f.lang))),
    )
