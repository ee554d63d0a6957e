"""Kelengkapan / Completeness: which regions reported each month, so an analyst knows whom to chase."""

import streamlit as st

from app_pages.common import query, require_data, table, tr
from ucj.core import regions
from ucj.core.fmt import escape_md, fmt_period
from ucj.present import views

MONTHS = 12

f = require_data()
st.title(tr("page_completeness"))
# A region that reports its own figures has no children to chase: show it among its siblings.
scope = f.region if query(views.child_level_with_data, f.region) else regions.parent_code(f.region)
scope_name = regions.region_name(scope) if scope else "Indonesia"
level = regions.level_of(scope) + 1 if scope else 1
st.subheader(tr("completeness_title", level=tr(f"level_{level}"), region=scope_name))
st.caption(tr("completeness_help"))

grid = query(views.reporting_grid, scope, f.period, MONTHS, f.lang)
if grid.empty:
    st.info(tr("no_children_in_hierarchy", region=scope_name))
    st.stop()

missing = query(views.not_reported, scope, f.period)
month = fmt_period(f.period, f.lang)
if missing:
    listed = ", ".join(f"{regions.region_name(c)} ({c})" for c in missing)
    st.warning(tr("not_reported_list", period=month, regions=escape_md(listed)), icon=":material/assignment_late:")
else:
    st.success(tr("all_reported", level=tr(f"level_{level}"), region=scope_name, period=month))

labels = {c: c for c in grid.columns if c != "region_code"}
table(grid, {"region_code": tr("region_code"), **labels}, key="completeness_table", download="ucj-kelengkapan")
