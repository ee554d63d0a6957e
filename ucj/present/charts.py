"""Plotly figures for the pages, the slides and the report. No Streamlit here.

Colours are Okabe–Ito (safe for the common colour-vision deficiencies), and every status is also
written in words with a symbol, so nothing depends on colour alone. Numbers use the Indonesian
marks (decimal comma, thousands dot).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ..core.fmt import (
    PLOTLY_SEPARATORS,
    escape_html,
    fmt_int,
    fmt_pct,
    fmt_period,
    fmt_period_short,
    fmt_target,
    status_label,
)
from ..core.i18n import t
from ..core.parsing import period_range
from ..core.schema import SECTORS
from ..intake import boundaries

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS_COLOR = {
    "reached": "#009E73",
    "on_track": "#0072B2",
    "at_risk": "#E69F00",
    "off_track": "#D55E00",
    "no_trend": "#999999",
    "no_data": "#BBBBBB",
    "no_target": "#999999",
    "incomplete": "#BBBBBB",
}
# Text colour on each status bar, for contrast: dark on the light fills.
TEXT_ON = {"reached": "#FFFFFF", "on_track": "#FFFFFF", "off_track": "#FFFFFF"}
SECTOR_COLOR = {"PU": "#0072B2", "BPU": "#E69F00", "JAKON": "#009E73", "PMI": "#CC79A7"}
TARGET_COLOR = "#000000"
FONT = "Source Sans Pro, Arial, sans-serif"


def _layout(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    fig.update_layout(
        separators=PLOTLY_SEPARATORS,
        template="plotly_white",
        font={"family": FONT, "size": 14},
        title={"text": title} if title else None,
        margin={"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        title_y=0.98,
        title_yanchor="top",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        # Upright at the right edge: on a phone a horizontal tool bar would sit on the title.
        modebar={"orientation": "v"},
        height=height,
    )
    return fig


MAX_MONTH_TICKS = 8


def _month_axis(fig: go.Figure, lang: str) -> None:
    """Months on the x axis and in the hover named in the chart's language ("Agu 2025", "Agustus
    2025"), not by plotly's English-only date format: ticks every 1, 2, 3, 6 or 12 months so that at
    most ``MAX_MONTH_TICKS`` show, and each point's month as its hover text."""
    months = sorted({str(x)[:7] for trace in fig.data for x in (trace.x if trace.x is not None else [])})
    if not months:
        return
    every = next((n for n in (1, 2, 3, 6, 12) if len(months) / n <= MAX_MONTH_TICKS), 24)
    shown = period_range(months[0], months[-1])[::every]
    fig.update_xaxes(tickvals=_to_date(shown), ticktext=[fmt_period_short(m, lang) for m in shown])
    for trace in fig.data:
        if trace.x is not None and trace.hovertemplate and "%{x|%m/%Y}" in trace.hovertemplate:
            trace.hovertext = [fmt_period(str(x)[:7], lang) for x in trace.x]
            trace.hovertemplate = trace.hovertemplate.replace("%{x|%m/%Y}", "%{hovertext}")


def _to_date(periods) -> list[str]:
    return [f"{p}-01" for p in periods]


def _with_gaps(series: pd.DataFrame) -> pd.DataFrame:
    """One region's series with a row for every month from its first to its last: a month without
    data is a gap in the line, never a straight line across it."""
    if series.empty:
        return series
    months = period_range(series["period"].min(), series["period"].max())
    out = series.set_index("period").reindex(months).rename_axis("period").reset_index()
    if "complete" in out.columns:
        out["complete"] = out["complete"].fillna(True).astype(bool)
    return out


def _incomplete_marks(series: pd.DataFrame, symbol: str, lang: str) -> tuple[list[str], list[str]]:
    """Marker symbols (open for a month summed from only some children) and hover notes."""
    complete = series["complete"] if "complete" in series.columns else pd.Series(True, index=series.index)
    note = " · " + t("status_incomplete", lang)
    return [symbol if c else f"{symbol}-open" for c in complete], ["" if c else note for c in complete]


def coverage_vs_target(
    children: pd.DataFrame, target_pct: float | None, lang: str = "id", title: str | None = None
) -> go.Figure:
    """Horizontal bars of each region's coverage, sorted, with the target marked.

    ``children``: rows of ``db.target_status``. Each bar is labelled with its value and status.
    """
    df = children.dropna(subset=["coverage_pct"]).sort_values("coverage_pct")
    labels = [f"{fmt_pct(c)}  {status_label(s, lang)}" for c, s in zip(df["coverage_pct"], df["status"])]
    fig = go.Figure(
        go.Bar(
            x=df["coverage_pct"],
            # "Kab." as Indonesian documents write it: the bars keep their width on a phone.
            y=[n.replace("Kabupaten ", "Kab. ", 1) for n in df["region_name"]],
            orientation="h",
            marker_color=[STATUS_COLOR.get(s, "#999999") for s in df["status"]],
            text=labels,
            # Inside the bar where it fits, else after it (a phone's short bars): never shrunk unreadable.
            textposition="auto",
            # From the start of the bar: the end is where the target marks stand.
            insidetextanchor="start",
            insidetextfont={"color": [TEXT_ON.get(s, "#000000") for s in df["status"]], "size": 14},
            outsidetextfont={"color": "#000000", "size": 13},
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.2f}%<extra></extra>",
            name=t("coverage", lang),
        )
    )
    own = df.dropna(subset=["target_pct"])
    if target_pct is not None and not pd.isna(target_pct):
        own = own[own["target_pct"] != float(target_pct)]
    if not own.empty:
        fig.add_trace(
            go.Scatter(
                x=own["target_pct"],
                y=[n.replace("Kabupaten ", "Kab. ", 1) for n in own["region_name"]],
                mode="markers",
                marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": TARGET_COLOR}},
                name=t("target", lang),
                hovertemplate="%{y}: target %{x:.2f}%<extra></extra>",
            )
        )
    if target_pct is not None and not pd.isna(target_pct):
        fig.add_vline(
            x=float(target_pct),
            line_dash="dash",
            line_color=TARGET_COLOR,
            line_width=2,
            annotation_text=f"{t('target', lang)} {fmt_target(target_pct)}",
            annotation_position="top",
        )
    xmax = max([float(df["coverage_pct"].max()) if not df.empty else 0, float(target_pct or 0)]) * 1.1 + 1
    # The ticks carry "%": no axis title to collide with the legend below.
    fig.update_xaxes(title=None, range=[0, xmax], ticksuffix="%")
    fig.update_yaxes(title=None)
    fig = _layout(fig, title, height=max(260, 34 * len(df) + 140))
    # Under the chart, away from the target's label above it.
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0})
    fig.update_layout(uniformtext={"minsize": 12, "mode": "show"})
    return fig


def coverage_timeline(
    history: pd.DataFrame, figures: dict | None, projection: pd.DataFrame, lang: str = "id", title: str | None = None
) -> go.Figure:
    """A region's coverage over time, its target as a line, and the projection to the deadline.
    Months without data are gaps; months summed from only some children have open markers."""
    history = _with_gaps(history)
    symbols, notes = _incomplete_marks(history, "circle", lang)
    fig = go.Figure(
        go.Scatter(
            x=_to_date(history["period"]),
            y=history["coverage_pct"],
            mode="lines+markers",
            name=t("coverage", lang),
            line={"color": OKABE_ITO[0], "width": 3},
            marker={"symbol": symbols, "size": 8},
            text=notes,
            hovertemplate="%{x|%m/%Y}: %{y:.2f}%%{text}<extra></extra>",
        )
    )
    if not projection.empty:
        fig.add_trace(
            go.Scatter(
                x=_to_date(projection["period"]),
                y=projection["coverage_pct"],
                mode="lines+markers",
                name=t("projection", lang),
                line={"color": OKABE_ITO[5], "dash": "dot", "width": 3},
                marker={"symbol": "diamond"},
                hovertemplate="%{x|%m/%Y}: %{y:.2f}%<extra></extra>",
            )
        )
    _target_line(fig, figures, lang)
    fig.update_yaxes(title=t("coverage_pct", lang), ticksuffix="%", rangemode="tozero")
    _month_axis(fig, lang)
    return _layout(fig, title)


def _target_line(fig: go.Figure, figures: dict | None, lang: str, whose: str | None = None) -> None:
    """The target in force as a dashed line: "Target 55,00% (Desember 2025)", with whose it is."""
    if not figures or figures.get("target_pct") is None or pd.isna(figures["target_pct"]):
        return
    label = f"{t('target', lang)}{' ' + whose if whose else ''} {fmt_target(figures['target_pct'])}"
    if figures.get("target_year") is not None and not pd.isna(figures["target_year"]):
        label += f" ({fmt_period(str(int(figures['target_year'])) + '-12', lang)})"
    fig.add_hline(
        y=float(figures["target_pct"]),
        line_dash="dash",
        line_color=TARGET_COLOR,
        annotation_text=label,
        annotation_position="top left",
    )


def sector_participants(series: pd.DataFrame, lang: str = "id", title: str | None = None) -> go.Figure:
    """Participants by sector over time, stacked."""
    fig = go.Figure()
    for sector, g in series.groupby("sector", sort=False):
        fig.add_trace(
            go.Scatter(
                x=_to_date(g["period"]),
                y=g["participants"],
                name=sector,
                stackgroup="one",
                mode="lines",
                line={"color": SECTOR_COLOR.get(sector)},
                hovertemplate=f"{sector} %{{x|%m/%Y}}: %{{y:,.0f}}<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("participants", lang), tickformat=",.0f")
    _month_axis(fig, lang)
    return _layout(fig, title)


def sector_share(by_sector: pd.DataFrame, lang: str = "id", title: str | None = None) -> go.Figure:
    """Each sector's share of participants, as labelled bars."""
    fig = go.Figure(
        go.Bar(
            x=by_sector["sector"],
            y=by_sector["share_pct"],
            marker_color=[SECTOR_COLOR.get(s) for s in by_sector["sector"]],
            text=[fmt_pct(v) for v in by_sector["share_pct"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.2f}%<extra></extra>",
        )
    )
    fig.update_yaxes(title=t("share_pct", lang), ticksuffix="%", rangemode="tozero")
    return _layout(fig, title)


def sector_heatmap(matrix: pd.DataFrame, lang: str = "id", title: str | None = None) -> go.Figure:
    """Region × sector: participants per 100 workers of the region, written in each cell; the
    regions with the most participants per 100 workers (all sectors together) at the top."""
    pivot = matrix.pivot_table(index="region_name", columns="sector", values="pct_of_workforce", sort=False)
    pivot = pivot[[c for c in SECTORS if c in pivot.columns]]
    pivot = pivot.loc[pivot.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    text = [[fmt_pct(v).replace("%", "") for v in row] for row in pivot.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=pivot.to_numpy(),
            x=list(pivot.columns),
            y=list(pivot.index),
            text=text,
            texttemplate="%{text}",
            colorscale="Cividis",
            reversescale=False,
            colorbar={"title": t("pct_of_workforce", lang)},
            hovertemplate="%{y} · %{x}: %{z:.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(300, 28 * len(pivot) + 140))


TREND_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon"]


def trend_style(i: int) -> tuple[str, str]:
    """(colour, marker) of the i-th line: no two of the first 64 lines share both."""
    n = len(OKABE_ITO)
    return OKABE_ITO[i % n], TREND_SYMBOLS[(i % n + i // n) % len(TREND_SYMBOLS)]


def trend_lines(
    series: pd.DataFrame,
    lang: str = "id",
    title: str | None = None,
    target: dict | None = None,
    target_of: str | None = None,
) -> go.Figure:
    """Several regions' coverage over time, each in its own colour and marker, with the target in
    force of ``target_of`` (the region in view) as a dashed line."""
    fig = go.Figure()
    for i, (_, g) in enumerate(series.groupby("region_code")):
        name = g["region_name"].iloc[0]
        g = _with_gaps(g)
        colour, symbol = trend_style(i)
        marks, notes = _incomplete_marks(g, symbol, lang)
        fig.add_trace(
            go.Scatter(
                x=_to_date(g["period"]),
                y=g["coverage_pct"],
                mode="lines+markers",
                name=name,
                line={"color": colour, "width": 2},
                marker={"symbol": marks, "size": 6},
                text=notes,
                hovertemplate=f"{name} %{{x|%m/%Y}}: %{{y:.2f}}%%{{text}}<extra></extra>",
            )
        )
    _target_line(fig, target, lang, target_of)
    fig.update_yaxes(title=t("coverage_pct", lang), ticksuffix="%")
    _month_axis(fig, lang)
    _layout(fig, title)
    # Many lines: the legend goes under the chart, where it may take rows without covering the title.
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.3, "xanchor": "left", "x": 0})
    return fig


def change_bars(changes: pd.DataFrame, lang: str = "id", title: str | None = None) -> go.Figure:
    """Month-over-month change in coverage (percentage points), signed labels on every bar."""
    df = changes.dropna(subset=["change_pp"]).sort_values("change_pp")
    fig = go.Figure(
        go.Bar(
            x=df["change_pp"],
            y=df["region_name"],
            orientation="h",
            marker_color=[OKABE_ITO[0] if v >= 0 else OKABE_ITO[5] for v in df["change_pp"]],
            text=[f"{v:+.2f}".replace(".", ",") for v in df["change_pp"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:+.2f} pp<extra></extra>",
        )
    )
    span = float(df["change_pp"].abs().max()) if not df.empty else 1.0
    fig.update_xaxes(
        title=t("change_pp", lang),
        range=[
            min(0.0, float(df["change_pp"].min() or 0)) - span * 0.35,
            max(0.0, float(df["change_pp"].max() or 0)) + span * 0.35,
        ],
    )
    return _layout(fig, title, height=max(260, 28 * len(df) + 120))


def plan_schedule(scenario, lang: str = "id", title: str | None = None) -> go.Figure:
    """New workers enrolled each month (bars) and the monthly contribution cost (line)."""
    periods = [m.period for m in scenario.months]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=_to_date(periods),
            y=[m.new_workers for m in scenario.months],
            name=t("new_workers_axis", lang),
            marker_color=OKABE_ITO[0],
            text=[f"{m.new_workers:,}".replace(",", ".") for m in scenario.months],
            textposition="inside",
            textfont={"color": "#FFFFFF"},
            hovertemplate="%{x|%m/%Y}: %{y:,.0f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=_to_date(periods),
            y=[m.cost_rp for m in scenario.months],
            name=t("monthly_cost_axis", lang),
            yaxis="y2",
            mode="lines+markers",
            line={"color": OKABE_ITO[5], "width": 3},
            marker={"symbol": "diamond", "size": 9},
            hovertemplate="%{x|%m/%Y}: Rp%{y:,.0f}<extra></extra>",
        )
    )
    fig.update_layout(
        yaxis={"title": t("new_workers_axis", lang), "rangemode": "tozero", "tickformat": ",.0f"},
        yaxis2={
            "title": t("monthly_cost_axis", lang),
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "tickprefix": "Rp",
            "tickformat": ",.0f",
            # Its own round ticks, not ones lined up with the left axis.
            "tickmode": "auto",
            "nticks": 6,
            "showgrid": False,
        },
    )
    _month_axis(fig, lang)
    fig.update_xaxes(dtick="M1")  # one tick a month, each under its bar
    return _layout(fig, title)


def coverage_map(
    children: pd.DataFrame, features: dict[str, dict], lang: str = "id", title: str | None = None
) -> go.Figure:
    """A choropleth of ``children`` (rows of ``db.target_status``) over their boundaries
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
    return _layout(fig, title, height=520)
