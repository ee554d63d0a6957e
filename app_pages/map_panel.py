"""The coverage map of Ringkasan and Wilayah: the region's children or Indonesia's provinces, a
keyboard path to open a region from it, and what to say where no boundaries cover it. Layout only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import chart, lang, query, revision, set_region, shared_figure, tr
from ucj.core import regions
from ucj.core.fmt import escape_md, status_label
from ucj.present import maps, views

CHILDREN, NATIONAL = "children", "national"

# The map's labels (the last trace, with the markers) are placed for a plot of 640 px; a phone
# shows the trace before it instead, the same labels placed for its width in smaller type.
_MAP_CSS = """<style>
.st-key-coverage_map .scatterlayer .trace:nth-last-child(2) .textpoint {display: none;}
@media (max-width: 640px) {
  .st-key-coverage_map .scatterlayer .trace:last-child .textpoint {display: none;}
  .st-key-coverage_map .scatterlayer .trace:nth-last-child(2) .textpoint {display: inline;}
}
</style>"""


def coverage_map(children: pd.DataFrame, region: str, period: str, sector: str | None, *, how_to: bool = False) -> None:
    """The map of ``children`` (rows of target_status, the region's children), or of Indonesia's
    provinces when the user picks that view (or when no boundaries cover the children); a list
    beside it opens a region from the keyboard. Under it: which children have no boundary. With
    ``how_to`` (Wilayah), where no boundaries cover the children it says why, and how to load them
    when none are loaded at all."""
    rev = revision()
    codes = list(children["region_code"])
    features = views.map_features(rev, codes)
    note = maps.map_note(features, codes) if codes else None
    national = query(maps.national_regions, period, sector)
    level = regions.level_of(codes[0]) if codes else None
    name = regions.region_name(region)

    scopes = ([CHILDREN] if note != "map_not_covered" and features else []) + ([NATIONAL] if national else [])
    if not scopes:
        _say(note, level, name, how_to)
        return
    labels = {
        CHILDREN: tr("map_scope_children", level=tr(f"level_{level}").capitalize(), region=name) if level else "",
        NATIONAL: tr("map_scope_national"),
    }
    top = st.container(horizontal=True, vertical_alignment="bottom", gap="small", key="map_controls")
    scope = scopes[0]
    if len(scopes) > 1:
        with top.container(width="content"):
            scope = (
                st.segmented_control(
                    tr("map_scope"), scopes, format_func=lambda s: labels[s], default=scopes[0], key="map_scope"
                )
                or scopes[0]
            )
    # The title is the page's, above the figure: a plotly title does not wrap, and a phone cut it off.
    # The figure (label placement over every shape: ~0,6–1 s for Indonesia's provinces) is built
    # once per revision and view for every session.
    if scope == CHILDREN and features:
        rows, drawn = children, features
        keys = list(features)
        title = tr("map_title", level=tr(f"level_{level}"), region=name)
        view: tuple = (CHILDREN, region, period, sector, lang())
        fig = shared_figure("coverage_map", view, lambda: maps.coverage_map(rows, drawn, lang(), narrow=True))
    else:
        assert national is not None
        rows, keys = national
        title = tr("map_title", level=tr("level_1"), region="Indonesia")
        view = (NATIONAL, period, sector, lang())

        def national_map():
            # The shapes (the parsed boundary file, shared by the process) only when the figure is built.
            whole = maps.national_view(revision(), period, sector)
            assert whole is not None
            return maps.coverage_map(whole[0], whole[1], lang(), background=whole[2], narrow=True)

        fig = shared_figure("coverage_map", view, national_map)
    shown = rows[rows["region_code"].isin(keys)]
    options = list(shown["region_code"])
    statuses = dict(zip(shown["region_code"], shown["status"]))

    def _open_chosen(key: str) -> None:
        if code := st.session_state.get(key):
            set_region(code)

    # The keyboard's way in: a list of the regions on the map (a click on the map is mouse-only).
    pick = f"map_open_{region}_{scope}"
    with top.container(width="stretch"):
        st.selectbox(
            tr("map_open_label"),
            options,
            index=None,
            format_func=lambda c: f"{regions.region_name(c)} · {status_label(statuses[c], lang())}",
            placeholder=tr("map_open_placeholder"),
            key=pick,
            on_change=_open_chosen,
            args=(pick,),
        )

    def _open_region() -> None:
        points = st.session_state["coverage_map_chart"].selection.points
        if points:
            index = points[0].get("point_index", points[0].get("point_number"))
            if code := maps.region_at(fig, points[0].get("curve_number"), index):
                set_region(code)

    with st.container(key="coverage_map", gap="small"):
        st.html(_MAP_CSS)
        st.markdown(f"**{escape_md(title)}**")
        # No camera button: its PNG would hold both label sets (the page's style hides one) and no
        # title (the page's line above); the map's picture is in Presentasi's .pptx and .pdf.
        chart(
            fig,
            name="ucj-peta-cakupan",
            image=False,
            key="coverage_map_chart",
            on_select=_open_region,
            selection_mode="points",
        )
    st.caption(tr("map_open_hint"))
    if scope == CHILDREN or note == "map_not_covered":
        missing = [n for c, n in zip(codes, children["region_name"]) if c not in (features or {})]
        _say(note, level, name, how_to, missing=missing)


def _say(note: str | None, level: int | None, name: str, how_to: bool, missing: list[str] | None = None) -> None:
    if note == "map_how_to_load" and how_to:
        st.caption(tr("map_how_to_load"))
    elif note == "map_not_covered" and how_to and level:
        st.caption(escape_md(tr("map_not_covered", level=tr(f"level_{level}"), region=name)))
    elif note == "map_missing" and missing:
        st.caption(escape_md(tr("map_missing", names=", ".join(missing))))
