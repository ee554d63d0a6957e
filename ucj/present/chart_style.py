"""The look every chart shares: colours, fonts, the layout, months on the x axis in the chart's
language, gaps for months without data. No Streamlit here.

Colours are Okabe–Ito (safe for the common colour-vision deficiencies), and every status is also
written in words with a symbol, so nothing depends on colour alone. Numbers use the Indonesian
marks (decimal comma, thousands dot).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..core.fmt import PLOTLY_SEPARATORS, fmt_period, fmt_period_short
from ..core.i18n import t
from ..core.parsing import period_range
from ..core.schema import SECTORS

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
# One Okabe–Ito colour per sector, in the declared order (PU blue, BPU orange, JAKON green, PMI purple).
SECTOR_COLOR = dict(zip(SECTORS, OKABE_ITO))
TARGET_COLOR = "#000000"
FONT = "Source Sans Pro, Arial, sans-serif"


def layout(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    fig.update_layout(
        separators=PLOTLY_SEPARATORS,
        template="plotly_white",
        font={"family": FONT, "size": 14},
        title={"text": title} if title else None,
        margin={"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
        title_y=0.98,
        title_yanchor="top",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        # Flat in the title's row at the right edge, above the legend row (the top margin keeps them
        # apart); the pages leave it out on touch screens, where it would stay over the title.
        modebar={"orientation": "h"},
        height=height,
    )
    return fig


MAX_MONTH_TICKS = 8


def month_axis(fig: go.Figure, lang: str) -> None:
    """Months on the x axis and in the hover named in the chart's language ("Agu 2025", "Agustus
    2025"), not by plotly's English-only date format: ticks every 1, 2, 3, 6 or 12 months so that at
    most ``MAX_MONTH_TICKS`` show, and each point's month as its hover text."""
    months = sorted({str(x)[:7] for trace in fig.data for x in (trace.x if trace.x is not None else [])})
    if not months:
        return
    every = next((n for n in (1, 2, 3, 6, 12) if len(months) / n <= MAX_MONTH_TICKS), 24)
    shown = period_range(months[0], months[-1])[::every]
    fig.update_xaxes(tickvals=to_date(shown), ticktext=[fmt_period_short(m, lang) for m in shown])
    for trace in fig.data:
        if trace.x is not None and trace.hovertemplate and "%{x|%m/%Y}" in trace.hovertemplate:
            trace.hovertext = [fmt_period(str(x)[:7], lang) for x in trace.x]
            trace.hovertemplate = trace.hovertemplate.replace("%{x|%m/%Y}", "%{hovertext}")


def to_date(periods) -> list[str]:
    return [f"{p}-01" for p in periods]


def with_gaps(series: pd.DataFrame) -> pd.DataFrame:
    """One region's series with a row for every month from its first to its last: a month without
    data is a gap in the line, never a straight line across it."""
    if series.empty:
        return series
    months = period_range(series["period"].min(), series["period"].max())
    out = series.set_index("period").reindex(months).rename_axis("period").reset_index()
    if "complete" in out.columns:
        out["complete"] = out["complete"].fillna(True).astype(bool)
    return out


def incomplete_marks(series: pd.DataFrame, symbol: str, lang: str) -> tuple[list[str], list[str]]:
    """Marker symbols (open for a month summed from only some children) and hover notes."""
    complete = series["complete"] if "complete" in series.columns else pd.Series(True, index=series.index)
    note = " · " + t("status_incomplete", lang)
    return [symbol if c else f"{symbol}-open" for c in complete], ["" if c else note for c in complete]
