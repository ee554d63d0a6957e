"""Plotly figures for the pages, the slides and the report: coverage against target, over time,
by sector, trends, the month's change and the planner's schedule. No Streamlit here; the shared
look (colours, layout, month axis) is ``chart_style``'s, the map ``maps``'."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from ..core.fmt import fmt_pct, fmt_period, fmt_target, status_label
from ..core.i18n import t
from ..core.schema import SECTORS, STATUSES
from .chart_style import (
    OKABE_ITO,
    SECTOR_COLOR,
    STATUS_COLOR,
    TARGET_COLOR,
    TEXT_ON,
    incomplete_marks,
    layout,
    month_axis,
    to_date,
    with_gaps,
)


def coverage_vs_target(
    children: pd.DataFrame,
    target_pct: float | None,
    lang: str = "id",
    title: str | None = None,
    *,
    slots: int | None = None,
    legend_on_top: bool = False,
) -> go.Figure:
    """Horizontal bars of each region's coverage, sorted, with the target marked.

    ``children``: rows of ``query.target_status``. Each bar is labelled with its value and status;
    the legend names each status shown (symbol and word), also when one trace holds every bar.
    ``slots``: a chart whose height is the screen's (a slide) makes room for that many bars, so a few
    regions get bars as thick as one of ``slots``, not the whole slide. ``legend_on_top``: the legend
    in a row above the plot area (a slide, whose height leaves no room under the month axis).
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
            customdata=list(df["status"]),
            showlegend=False,
        )
    )
    # The colours' key, one entry per status shown: a bar trace alone has no legend of its own.
    for status in [s for s in STATUSES if s in set(df["status"])]:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 16, "color": STATUS_COLOR.get(status, "#999999")},
                name=status_label(status, lang),
                hoverinfo="skip",
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
    # Room for every mark: a region's own target (Sanggau's 58,65% under Kalimantan Barat's 40%) too.
    marks = [float(df["coverage_pct"].max()) if not df.empty else 0, float(target_pct or 0)]
    marks += [float(own["target_pct"].max())] if not own.empty else []
    xmax = max(marks) * 1.1 + 1
    # The ticks carry "%": no axis title to collide with the legend below.
    fig.update_xaxes(title=None, range=[0, xmax], ticksuffix="%")
    fig.update_yaxes(title=None)
    if slots and len(df) < slots:
        # Room for ``slots`` bars, the few there are in the middle: each as thick as one of ``slots``.
        pad = (slots - len(df)) / 2
        fig.update_yaxes(range=[-0.5 - pad, len(df) - 0.5 + pad])
    fig = layout(fig, title, height=max(260, 34 * len(df) + 140))
    if legend_on_top:
        # From the plot's left edge: the target's label stays alone at the right.
        legend = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0}
    else:
        # Under the chart, away from the target's label above it.
        legend = {"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0}
    fig.update_layout(showlegend=True, legend=legend)
    fig.update_layout(uniformtext={"minsize": 12, "mode": "show"})
    return fig


def coverage_timeline(
    history: pd.DataFrame, figures: dict | None, projection: pd.DataFrame, lang: str = "id", title: str | None = None
) -> go.Figure:
    """A region's coverage over time, its target as a line, and the projection to the deadline.
    Months without data are gaps; months summed from only some children have open markers."""
    history = with_gaps(history)
    symbols, notes = incomplete_marks(history, "circle", lang)
    fig = go.Figure(
        go.Scatter(
            x=to_date(history["period"]),
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
                x=to_date(projection["period"]),
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
    month_axis(fig, lang)
    return layout(fig, title)


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
                x=to_date(g["period"]),
                y=g["participants"],
                name=sector,
                stackgroup="one",
                mode="lines",
                line={"color": SECTOR_COLOR.get(sector)},
                hovertemplate=f"{sector} %{{x|%m/%Y}}: %{{y:,.0f}}<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("participants", lang), tickformat=",.0f")
    month_axis(fig, lang)
    return layout(fig, title)


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
    return layout(fig, title)


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
    return layout(fig, title, height=max(300, 28 * len(pivot) + 140))


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
        g = with_gaps(g)
        colour, symbol = trend_style(i)
        marks, notes = incomplete_marks(g, symbol, lang)
        fig.add_trace(
            go.Scatter(
                x=to_date(g["period"]),
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
    month_axis(fig, lang)
    layout(fig, title)
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
    return layout(fig, title, height=max(260, 28 * len(df) + 120))


#: The planner chart's two bands (fractions of the plot's height): the bars below, the cost line above.
PLAN_BARS_DOMAIN = [0.0, 0.6]
PLAN_COST_DOMAIN = [0.68, 1.0]


def plan_schedule(scenario, lang: str = "id", title: str | None = None) -> go.Figure:
    """New workers enrolled each month (bars) and the monthly contribution cost (line)."""
    periods = [m.period for m in scenario.months]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=to_date(periods),
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
            x=to_date(periods),
            y=[m.cost_rp for m in scenario.months],
            name=t("monthly_cost_axis", lang),
            yaxis="y2",
            mode="lines+markers",
            line={"color": OKABE_ITO[5], "width": 3},
            marker={"symbol": "diamond", "size": 9},
            hovertemplate="%{x|%m/%Y}: Rp%{y:,.0f}<extra></extra>",
        )
    )
    # The cost line has a band of its own above the bars: its markers never sit on a bar's label.
    fig.update_layout(
        yaxis={
            "title": t("new_workers_axis", lang),
            "rangemode": "tozero",
            "tickformat": ",.0f",
            "domain": PLAN_BARS_DOMAIN,
        },
        yaxis2={
            "title": t("monthly_cost_axis", lang),
            "domain": PLAN_COST_DOMAIN,
            "anchor": "x",
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
    month_axis(fig, lang)
    fig.update_xaxes(dtick="M1")  # one tick a month, each under its bar
    return layout(fig, title)


def programmes_coverage(series: pd.DataFrame, lang: str = "id", title: str | None = None) -> go.Figure:
    """A region's coverage over time with the Pemda programmes (solid) and without them (dashed):
    the gap between the lines is what the budgets pay for."""
    fig = go.Figure()
    for column, key, color, dash in (("coverage_pct", "coverage", OKABE_ITO[0], "solid"),
                                     ("without_pct", "programmes_without", OKABE_ITO[5], "dash")):  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=to_date(series["period"]),
                y=series[column],
                mode="lines",
                name=t(key, lang),
                line={"color": color, "width": 3, "dash": dash},
                hovertemplate="%{x|%m/%Y}: %{y:.2f}%<extra></extra>",
            )
        )
    fig.update_yaxes(title=t("coverage_pct", lang), ticksuffix="%", rangemode="tozero")
    month_axis(fig, lang)
    return layout(fig, title)


def budget_burndown(burn: pd.DataFrame, lang: str = "id", title: str | None = None) -> go.Figure:
    """Each programme's budget left at the end of each month of the year: reported months solid,
    the months after at this month's cost dotted; below the zero line the year is short."""
    fig = go.Figure()
    for i, (given, rows) in enumerate(burn.groupby("label", sort=False)):
        # A programme's name is the uploader's text: plotly draws <b>, <a href> and the like in names.
        label = html.escape(str(given))
        color = OKABE_ITO[i % len(OKABE_ITO)]
        done, ahead = rows[~rows["projected"]], rows[rows["projected"]]
        if not done.empty and not ahead.empty:  # the dotted part starts where the solid one ends
            ahead = pd.concat([done.tail(1), ahead])
        for part, dash, legend in ((done, "solid", True), (ahead, "dot", done.empty)):
            if part.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=to_date(part["period"]),
                    y=part["left_rp"] / 1e6,
                    mode="lines+markers",
                    name=label,
                    legendgroup=label,
                    showlegend=legend,
                    line={"color": color, "width": 3, "dash": dash},
                    hovertemplate="%{x|%m/%Y}: Rp%{y:,.1f} juta",
                )
            )
    fig.add_hline(y=0, line={"color": TARGET_COLOR, "width": 1})
    fig.update_yaxes(title=t("budget_left_million", lang), rangemode="tozero")
    month_axis(fig, lang)
    layout(fig, title, height=420)
    # Programme names are long: the legend under the plot, one entry a line if need be.
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0})
    return fig
