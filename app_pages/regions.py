"""Wilayah / Regions: drill down provinsi → kabupaten/kota → kecamatan, table and detail."""

import pandas as pd
import streamlit as st

from app_pages.common import (
    BAR,
    chart,
    lang,
    may,
    query,
    require_data,
    set_region,
    signed_in,
    store,
    table,
    tr,
)
from app_pages.map_panel import coverage_map
from ucj.core import regions
from ucj.core.fmt import escape_md, fmt_int, fmt_pct, fmt_period, fmt_target, status_label
from ucj.intake.boundaries import BoundaryError, Unmatched, unmatched_rows
from ucj.present import charts, exports, views
from ucj.services import service

f = require_data()
name = regions.region_name(f.region)
st.title(tr("page_regions"), anchor=False)

# Breadcrumb: every level above the region, each a button back up.
crumbs = views.breadcrumb(f.region)
# The label as wide as its text, so the path follows it on the same line (wrapping on a phone).
with st.container(horizontal=True, vertical_alignment="center", gap="small", key="breadcrumb"):
    st.caption(tr("breadcrumb") + ":", width="content")
    for i, (code, crumb) in enumerate(crumbs):
        last = i == len(crumbs) - 1
        st.button(
            ("› " if i else "") + crumb,
            key=f"crumb_{code}",
            on_click=set_region,
            args=(code,),
            disabled=last,
            type="tertiary",
        )


def table_picker(children: pd.DataFrame, region: str) -> None:
    """The keyboard's way to open a row of the table below (the grid selects a row only with the
    mouse, or with Shift+Space, which nobody is told): a list of the same regions."""
    statuses = dict(zip(children["region_code"], children["status"]))
    key = f"table_open_{region}"

    def _open_row() -> None:
        if code := st.session_state.get(key):
            set_region(code)

    st.selectbox(
        tr("table_open_label"),
        list(children["region_code"]),
        index=None,
        format_func=lambda c: f"{regions.region_name(c)} · {status_label(statuses[c], lang())}",
        placeholder=tr("map_open_placeholder"),
        key=key,
        on_change=_open_row,
        width=420,
    )


page = query(views.regions_page, f.period, f.region, f.sector, f.lang)
child_level, children = page.child_level, page.children
if child_level:
    st.subheader(tr("children_chart_title", level=tr(f"level_{child_level}"), region=name))
    # "Choose a row" is about the grid: a phone shows cards instead (and hides whatever is keyed
    # ucj_grid_), which open through the list below.
    with st.container(key="ucj_grid_drill_hint"):
        st.caption(tr("drill_hint"))
    table_picker(children, f.region)

    def _open_selected():
        rows = st.session_state["children_table"].selection.rows
        if rows:
            set_region(children["region_code"].iloc[rows[0]])

    table(
        children,
        # Status right after the name: at 1366 px the last columns are the ones scrolled to.
        {
            "region_name": tr("region"),
            "status_text": tr("status"),
            "coverage_pct": tr("coverage"),
            "target_pct": tr("target"),
            "gap": tr("gap"),
            "required_per_month": tr("required_pace"),
            "current_pace": tr("current_pace"),
            "reporting": tr("reporting_col"),
            "region_code": tr("region_code"),
        },
        formats={
            "target_pct": fmt_target,
            "gap": fmt_int,
            "required_per_month": fmt_int,
            "current_pace": fmt_int,
            "coverage_pct": fmt_pct,
        },
        progress="coverage_pct",
        # Every column in view at 1366 px, the code and the current pace included.
        widths={
            "region_name": 195,
            "status_text": 100,
            "coverage_pct": 68,
            BAR: 50,
            "target_pct": 56,
            "gap": 85,
            "required_per_month": 85,
            "current_pace": 85,
            "reporting": 64,
            "region_code": 58,
        },
        key="children_table",
        download="ucj-wilayah",
        cards=True,
        on_select=_open_selected,
        selection_mode="single-row",
    )
    coverage_map(children, f.region, f.period, f.sector, how_to=True)
else:
    st.info(tr("no_children", region=name))

#: Unmatched shapes listed on the page; the rest are in the CSV download.
SHOWN_UNMATCHED = 10


def boundaries_report(file_name: str, matched: int, unmatched: list[Unmatched]) -> None:
    """What an import matched, and each shape it left out with why: the first ones here, every one
    in a CSV file when there are more."""
    st.success(tr("boundaries_imported", n=matched))
    if not unmatched:
        return
    # A file's own names, escaped; the bullets are the page's.
    lines = [f"- {escape_md(f'{u.label}: {u.reason_text(lang())}')}" for u in unmatched[:SHOWN_UNMATCHED]]
    more = len(unmatched) - SHOWN_UNMATCHED
    text = tr("boundaries_unmatched", n=len(unmatched)) + "\n\n" + "\n".join(lines)
    if more > 0:
        text += "\n\n" + tr("boundaries_unmatched_more", n=more)
    st.warning(text)
    if more > 0:
        labels = {
            "number": tr("boundaries_col_number"),
            "name": tr("boundaries_col_name"),
            "reason": tr("boundaries_col_reason"),
            "properties": tr("boundaries_col_properties"),
        }
        rows = pd.DataFrame(unmatched_rows(unmatched, lang()), columns=list(labels)).rename(columns=labels)
        st.download_button(
            tr("boundaries_unmatched_download"),
            exports.table_csv(rows),
            f"{file_name.rsplit('.', 1)[0]}-tidak-cocok.csv",
            "text/csv",
            icon=":material/download:",
            key="boundaries_unmatched_csv",
            on_click="ignore",
        )


if may("admin"):
    with st.expander(tr("map_load"), icon=":material/map:", expanded="boundaries_report" in st.session_state):
        geo = st.file_uploader(tr("map_load"), type=["geojson", "json"], key="boundaries_file")
        if geo is not None and st.button(tr("map_load"), key="boundaries_import", type="primary"):
            try:
                loaded = service.import_boundaries(store(), geo.getvalue(), geo.name, user=signed_in())
            except BoundaryError as exc:
                st.error(escape_md(tr(exc.key, **exc.params)))  # it names the file's own features
            else:
                # Kept for the reruns that follow (a pressed download); drawn again at once, so the
                # map above shows the new boundaries and the outcome is said here.
                st.session_state["boundaries_report"] = (geo.name, len(loaded.features), loaded.unmatched)
                st.rerun()
        if report := st.session_state.get("boundaries_report"):
            boundaries_report(*report)

st.subheader(tr("region_detail", region=name))
if note := page.overview.completeness(f.lang):
    (st.caption if note[0] else st.warning)(escape_md(note[1]))
left, right = st.columns([3, 2])
with left:
    chart(
        name="ucj-cakupan-waktu",
        fig=charts.coverage_timeline(
            page.history, page.overview.figures, page.projection, f.lang, title=tr("coverage_over_time")
        ),
    )
with right:
    st.markdown(f"**{tr('sectors_of', region=name)} · {fmt_period(f.period, f.lang)}**")
    table(
        page.by_sector,
        {
            "sector": tr("sector"),
            "participants": tr("participants"),
            "share_pct": tr("share_pct"),
            "coverage_pct": tr("sector_coverage"),
        },
        formats={"participants": fmt_int, "share_pct": fmt_pct, "coverage_pct": fmt_pct},
        download="ucj-sektor-wilayah",
    )
