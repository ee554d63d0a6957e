"""Kelengkapan / Completeness: which regions reported each month, so an analyst knows whom to chase."""

from typing import Literal

import streamlit as st

from app_pages.common import query, require_data, table, tr
from ucj.core import regions
from ucj.core.fmt import escape_md, fmt_period
from ucj.present import reporting

MONTHS = 12

f = require_data()
st.title(tr("page_completeness"), anchor=False)
# A region that reports its own figures has no children to chase: it is shown among its siblings.
page = query(reporting.completeness_page, f.region, f.period, MONTHS, f.lang)
st.subheader(tr("completeness_title", level=tr(f"level_{page.level}"), region=page.scope_name))
st.caption(tr("completeness_help"))

if page.grid.empty:
    st.info(tr("no_children_in_hierarchy", region=page.scope_name))
    st.stop()

month = fmt_period(f.period, f.lang)
if page.missing:
    listed = ", ".join(f"{regions.region_name(c)} ({c})" for c in page.missing)
    st.warning(tr("not_reported_list", period=month, regions=escape_md(listed)), icon=":material/assignment_late:")
else:
    st.success(tr("all_reported", level=tr(f"level_{page.level}"), region=page.scope_name, period=month))

labels = {c: c for c in page.grid.columns if c != "region_code"}
# Twelve months and the region's name in view at 1366 px: its code shows when a row is chosen.
widths: dict[str, int | Literal["small", "medium", "large"]] = {c: 128 if c == tr("region") else 62 for c in labels}
table(
    page.grid,
    labels,
    key="completeness_table",
    download="ucj-kelengkapan",
    cards=tr("region"),  # a card is headed by the region's name
    detail={"region_code": tr("region_code")},
    widths=widths,
)
