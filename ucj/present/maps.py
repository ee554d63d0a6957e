"""The coverage map: each region's boundary filled in its status's colour, drawn on plain axes (no
map tiles, nothing fetched). No Streamlit here."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ..core.fmt import escape_html, fmt_int, fmt_pct, fmt_target, status_label
from ..core.i18n import t
from ..intake import boundaries
from .chart_style import STATUS_COLOR, layout


def coverage_map(
    children: pd.DataFrame, features: dict[str, dict], lang: str = "id", title: str | None = None
) -> go.Figure:
    """A choropleth of ``children`` (rows of ``query.target_status``) over their boundaries
    (region code → GeoJSON feature of ``ucj.intake.boundaries``), coloured by status with the same colours
    and words as the bars; hover gives coverage, target and gap. Drawn as filled shapes on plain
    axes: no map tiles, nothing fetched. The last trace holds one point per region (its name, at
    the middle of its shape) in the order of the shapes: its hover gives the figures, and selecting
    it opens that region."""
    fig = go.Figure()
    shown = children[children["region_code"].isin(features.keys())]
    lats: list[float] = []
    centres_x, centres_y, names, codes, hovers = [], [], [], [], []
    for row in shown.itertuples(index=False):
        status = row.status
        hover = (
            f"<b>{escape_html(row.region_name)}</b><br>{t('coverage', lang)} {fmt_pct(row.coverage_pct)}"
            f" · {t('target', lang)} {fmt_target(row.target_pct)}<br>{t('gap', lang)} {fmt_int(row.gap)}"
            f"<br>{status_label(status, lang)}"
        )
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in boundaries.rings(features[row.region_code]):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
        points = [(x, y) for x, y in zip(xs, ys) if x is not None and y is not None]
        lats += [y for _, y in points]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                fillcolor=STATUS_COLOR.get(status, "#BBBBBB"),
                line={"color": "#FFFFFF", "width": 1},
                mode="lines",
                hoverinfo="skip",  # the region's point says its figures and takes the click
                name=row.region_name,
                showlegend=False,
            )
        )
        hovers.append(hover)
        centres_x.append(sum(x for x, _ in points) / len(points))
        centres_y.append(sum(y for _, y in points) / len(points))
        names.append(row.region_name)
        codes.append(row.region_code)
    for status in dict.fromkeys(shown["status"]):  # a legend of the statuses shown, in words
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"size": 14, "symbol": "square", "color": STATUS_COLOR.get(status, "#BBBBBB")},
                name=status_label(status, lang),
            )
        )
    fig.add_trace(
        go.Scatter(
            x=centres_x,
            y=centres_y,
            mode="markers+text",
            text=[n.removeprefix("Kabupaten ") for n in names],
            customdata=codes,
            textposition="bottom center",
            textfont={"size": 12, "color": "#000000"},
            marker={"size": 14, "color": "#FFFFFF", "line": {"color": "#000000", "width": 1}},
            hovertext=hovers,
            hoverinfo="text",
            showlegend=False,
            name="regions",
        )
    )
    mid = math.radians(sum(lats) / len(lats)) if lats else 0.0
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / max(math.cos(mid), 0.2))
    fig.update_layout(plot_bgcolor="#FFFFFF", dragmode="pan")
    return layout(fig, title, height=520)
