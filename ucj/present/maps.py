"""The coverage map: each region's boundary filled in its status's colour, drawn on plain axes (no
map tiles, nothing fetched), each region labelled with its status symbol so that the map reads
without colour. No Streamlit here.

Small regions (a city beside its kabupaten) get a marker big enough to see and to click, at a point
inside their shape; labels are placed so that none overlaps another label or a marker, and a label
that finds no free place is left out (its region keeps its marker, its hover and the list beside
the map).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import shape

from ..core.fmt import STATUS_SYMBOL, escape_html, fmt_int, fmt_pct, fmt_target, status_label
from ..core.i18n import t
from ..intake import boundaries
from ..query.revision import Revision
from ..query.status import target_status
from .chart_style import STATUS_COLOR, layout

#: The marker of each status has the shape of its symbol (✔ ▲ ◆ ▼ ○ – ◌).
MARKER_SYMBOL = {
    "reached": "circle",
    "on_track": "triangle-up",
    "at_risk": "diamond",
    "off_track": "triangle-down",
    "no_trend": "circle-open",
    "no_data": "line-ew-open",
    "no_target": "line-ew-open",
    "incomplete": "circle-open-dot",
}
#: A region of less than this share of the map's area is "small" (Kota Jambi, Kota Sungai Penuh,
#: Kota Singkawang: under 1%; the smallest kabupaten of the sample: 1,3%): its marker is drawn big.
SMALL_SHARE = 0.01
SMALL_MARKER_PX = 18
MARKER_PX = 11
LABEL_PX = 12
#: Label font on a printed map (a 1200 px wide image on 17 cm of paper: 24 px print at about 10 pt).
PRINT_LABEL_PX = 24
PRINT_MARKER_PX = (16, 26)
#: The plot the labels are placed for: the page's map is at least this wide at 1366 px, and a
#: label kept there stays clear of the others on any wider screen.
ASSUMED_PX = (640, 430)
PRINT_PX = (1180, 470)
#: A phone's map (390 px wide: about 330 px of plot) has its own labels, smaller and placed again
#: for that width; the page shows them instead of the others on a narrow screen (``narrow=True``).
NARROW_PX = (300, 280)
NARROW_LABEL_PX = 10
MAP_HEIGHT = 520
NO_DATA_COLOR = "#E8E8E8"


@dataclass(frozen=True)
class Label:
    """Where a region's label goes: its plotly text position, or None when it is left out."""

    text: str
    position: str | None


_POSITIONS = ("bottom center", "top center", "middle right", "middle left")


def _box(x: float, y: float, w: float, h: float, position: str, gap: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in pixels (y down) of a label w×h placed at ``position`` of a
    marker at (x, y) whose half size is ``gap``."""
    if position == "bottom center":
        return (x - w / 2, y + gap, x + w / 2, y + gap + h)
    if position == "top center":
        return (x - w / 2, y - gap - h, x + w / 2, y - gap)
    if position == "middle right":
        return (x + gap, y - h / 2, x + gap + w, y + h / 2)
    return (x - gap - w, y - h / 2, x - gap, y + h / 2)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def text_size(text: str, font_px: float) -> tuple[float, float]:
    """A generous estimate of a label's width and height in pixels (plotly measures in the
    browser; 0,62 em a character holds for the names' letters in the chart's sans-serif)."""
    lines = text.split("<br>")
    return max(len(line) for line in lines) * 0.62 * font_px, len(lines) * 1.25 * font_px


def place_labels(
    points: list[tuple[float, float]],
    texts: list[str],
    marker_px: Sequence[float],
    font_px: float,
    bounds: tuple[float, float, float, float] | None = None,
) -> list[Label]:
    """Greedy placement in pixel space (y down): in the order given, each label takes the first of
    below, above, right and left of its marker that overlaps no marker and no label already
    placed (and lies inside ``bounds``, left, top, right, bottom, if given); a label with no such
    place is left out (position None)."""
    obstacles = [
        (x - m / 2, y - m / 2, x + m / 2, y + m / 2) for (x, y), m in zip(points, marker_px)
    ]  # every marker, its own included (a label beside it never covers it)
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for (x, y), text, m in zip(points, texts, marker_px):
        w, h = text_size(text, font_px)
        for position in _POSITIONS:
            box = _box(x, y, w, h, position, m / 2 + 1)
            outside = bounds is not None and (
                box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]
            )
            if not outside and not any(_overlaps(box, o) for o in obstacles + placed):
                placed.append(box)
                out.append(Label(text, position))
                break
        else:
            out.append(Label(text, None))
    return out


def _label_text(name: str, status: str) -> str:
    """ "▲ Kota Jambi"; a long name on two lines ("◆ Tanjung Jabung<br>Timur")."""
    short = name.removeprefix("Kabupaten ").removeprefix("Provinsi ")
    words = short.split()
    if len(short) > 14 and len(words) > 1:
        cut = max(range(1, len(words)), key=lambda i: -abs(len(" ".join(words[:i])) - len(short) / 2))
        short = " ".join(words[:cut]) + "<br>" + " ".join(words[cut:])
    return f"{STATUS_SYMBOL.get(status, '')} {short}".strip()


def _anchor(feature: dict) -> tuple[float, float, float]:
    """(x, y) of a point inside the region's largest part, where its marker and label go, and the
    region's area in square degrees."""
    geom = shape(feature["geometry"])
    parts = list(getattr(geom, "geoms", [geom]))
    largest = max(parts, key=lambda p: p.area)
    p = largest.representative_point()
    return p.x, p.y, geom.area


def _lines(feature: dict) -> tuple[np.ndarray, np.ndarray]:
    """A shape's rings as one line each, a gap (NaN) between them. As float32 arrays, which plotly
    sends as base64 binary (5⅓ characters a coordinate against 7–9 as text, and no number to parse
    in the browser); 1e-5° (about a metre) is finer than any boundary the map is simplified to."""
    ring_list = [np.asarray(ring, dtype=np.float64)[:, :2] for ring in boundaries.rings(feature) if len(ring)]
    if not ring_list:
        return np.empty(0, np.float32), np.empty(0, np.float32)
    gap = np.full((1, 2), np.nan)
    points = np.concatenate([part for ring in ring_list for part in (ring, gap)]).astype(np.float32)
    return points[:, 0], points[:, 1]


def _extent(xs: np.ndarray, ys: np.ndarray) -> list[tuple[float, float]]:
    """The corners of a shape's bounding box (what the map's extent is computed from)."""
    if not np.isfinite(xs).any():
        return []
    return [(float(np.nanmin(xs)), float(np.nanmin(ys))), (float(np.nanmax(xs)), float(np.nanmax(ys)))]


def _hover(row, lang: str) -> str:
    return (
        f"<b>{escape_html(row.region_name)}</b><br>{t('coverage', lang)} {fmt_pct(row.coverage_pct)}"
        f" · {t('target', lang)} {fmt_target(row.target_pct)}<br>{t('gap', lang)} {fmt_int(row.gap)}"
        f"<br>{status_label(row.status, lang)}"
    )


def coverage_map(
    children: pd.DataFrame,
    features: dict[str, dict],
    lang: str = "id",
    title: str | None = None,
    *,
    background: dict[str, dict] | None = None,
    narrow: bool = False,
) -> go.Figure:
    """A choropleth of ``children`` (rows of ``query.target_status``) over their boundaries
    (region code → GeoJSON feature of ``ucj.intake.boundaries``), coloured by status with the same
    colours and words as the bars; hover gives coverage, target and gap. Drawn as filled shapes on
    plain axes: no map tiles, nothing fetched.

    Each region's shape trace has its code as ``meta``. ``background``: shapes of regions without
    data, drawn grey under the others (a national view's other provinces). The last trace holds one
    marker per region (shaped as its status symbol, big for a small region) labelled with the
    symbol and the name, in the order of the shapes: its hover gives the figures, and selecting it
    opens that region (``region_at``); ``print_map`` sizes it for paper. With ``narrow``, the trace
    before it holds the same labels placed for a phone's plot (``NARROW_PX``) in smaller type, to
    be shown in their stead on a narrow screen (the page's style chooses; meta "narrow_labels")."""
    fig = go.Figure()
    shown = children[children["region_code"].isin(features.keys())]
    for code, feature in (background or {}).items():
        if code in set(shown["region_code"]):
            continue
        xs, ys = _lines(feature)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                fillcolor=NO_DATA_COLOR,
                line={"color": "#FFFFFF", "width": 0.5},
                mode="lines",
                hoveron="fills",
                hoverinfo="text",
                text=escape_html(feature["properties"].get("name") or code),
                name=feature["properties"].get("name") or code,
                showlegend=False,
                meta="background",
            )
        )
    extents: list[tuple[float, float]] = []
    anchors: list[tuple[float, float, float]] = []
    hovers, names, codes, statuses = [], [], [], []
    for row in shown.itertuples(index=False):
        feature = features[row.region_code]
        xs, ys = _lines(feature)
        extents += _extent(xs, ys)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                fillcolor=STATUS_COLOR.get(row.status, "#BBBBBB"),
                line={"color": "#FFFFFF", "width": 1},
                mode="lines",
                hoverinfo="skip",  # the region's marker says its figures and takes the click
                name=row.region_name,
                showlegend=False,
                meta=row.region_code,
            )
        )
        anchors.append(_anchor(feature))
        hovers.append(_hover(row, lang))
        names.append(row.region_name)
        codes.append(row.region_code)
        statuses.append(row.status)
    for status in dict.fromkeys(shown["status"]):  # a legend of the statuses shown, in words
        fig.add_trace(
            _legend_entry(
                status_label(status, lang),
                MARKER_SYMBOL.get(status, "circle"),
                STATUS_COLOR.get(status, "#BBBBBB"),
                "#000000",
            )
        )
    if background:
        fig.add_trace(_legend_entry(t("status_no_data", lang), "square", NO_DATA_COLOR, "#999999"))
    if background:
        for feature in background.values():
            xs, ys = _lines(feature)
            extents += _extent(xs, ys)
    x0, x1 = (min(x for x, _ in extents), max(x for x, _ in extents)) if extents else (0.0, 1.0)
    y0, y1 = (min(y for _, y in extents), max(y for _, y in extents)) if extents else (0.0, 1.0)
    ratio = 1 / max(math.cos(math.radians((y0 + y1) / 2)), 0.2)
    total = sum(a for _, _, a in anchors)
    small = [a < SMALL_SHARE * total for _, _, a in anchors]
    sizes = [SMALL_MARKER_PX if s else MARKER_PX for s in small]
    texts = [_label_text(n, s) for n, s in zip(names, statuses)]
    extent = (x0, x1, y0, y1, ratio)
    order = sorted(range(len(texts)), key=lambda i: (not small[i], anchors[i][2]))
    points = [(x, y) for x, y, _ in anchors]
    labels = layout_labels(points, texts, sizes, extent, LABEL_PX, ASSUMED_PX, order=order)
    if narrow:
        phone = layout_labels(points, texts, sizes, extent, NARROW_LABEL_PX, NARROW_PX, order=order, inside=True)
        fig.add_trace(
            go.Scatter(
                x=[x for x, _ in points],
                y=[y for _, y in points],
                # Invisible markers of the real ones' sizes: plotly sets the text beside a marker.
                mode="markers+text",
                marker={"size": sizes, "color": "rgba(0,0,0,0)"},
                text=[lab.text if lab.position else "" for lab in phone],
                textposition=[lab.position or "bottom center" for lab in phone],
                textfont={"size": NARROW_LABEL_PX, "color": "#000000", "shadow": "0 0 3px #FFFFFF, 0 0 2px #FFFFFF"},
                hoverinfo="skip",
                showlegend=False,
                name="narrow_labels",
                cliponaxis=False,
                meta="narrow_labels",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[x for x, _, _ in anchors],
            y=[y for _, y, _ in anchors],
            mode="markers+text",
            text=[lab.text if lab.position else "" for lab in labels],
            textposition=[lab.position or "bottom center" for lab in labels],
            customdata=codes,
            # A white halo: black type stays legible on the dark fills (and on paper in grey).
            textfont={"size": LABEL_PX, "color": "#000000", "shadow": "0 0 3px #FFFFFF, 0 0 2px #FFFFFF"},
            marker={
                "size": sizes,
                "symbol": [MARKER_SYMBOL.get(s, "circle") for s in statuses],
                "color": [STATUS_COLOR.get(s, "#BBBBBB") for s in statuses],
                "line": {"color": "#000000", "width": 1.5},
            },
            hovertext=hovers,
            hoverinfo="text",
            showlegend=False,
            name="regions",
            cliponaxis=False,
            # What print_map needs to place the labels again for paper.
            meta={"labels": texts, "small": small, "extent": list(extent), "order": order},
        )
    )
    pad_x, pad_y = 0.04 * (x1 - x0) + 0.05, 0.06 * (y1 - y0) + 0.05
    fig.update_xaxes(visible=False, range=[x0 - pad_x, x1 + pad_x])
    fig.update_yaxes(visible=False, range=[y0 - pad_y, y1 + pad_y], scaleanchor="x", scaleratio=ratio)
    fig.update_layout(plot_bgcolor="#FFFFFF", dragmode="pan")
    layout(fig, title, height=MAP_HEIGHT)
    if not title:  # the page's line above is the title: the legend at the left, the toolbar's row at the right
        fig.update_layout(legend={"xanchor": "left", "x": 0})
    return fig


def layout_labels(
    points: list[tuple[float, float]],
    texts: list[str],
    marker_px: Sequence[float],
    extent: tuple[float, float, float, float, float],
    font_px: float,
    plot_px: tuple[int, int],
    order: list[int] | None = None,
    inside: bool = False,
) -> list[Label]:
    """``place_labels`` for points in degrees on a map of ``extent`` (x0, x1, y0, y1, the y axis's
    scale ratio) drawn in a plot of ``plot_px`` (width, height), labels placed in ``order``
    (indices; small regions first); the result is in the points' order. With ``inside``, a label
    must stay within the plot and its margin (a phone's screen has nothing beyond it)."""
    x0, x1, y0, y1, ratio = extent
    scale = min(plot_px[0] / max(x1 - x0, 1e-9), plot_px[1] / max((y1 - y0) * ratio, 1e-9))
    px = [((x - x0) * scale, (y1 - y) * ratio * scale) for x, y in points]
    order = order if order is not None else list(range(len(points)))
    w, h = (x1 - x0) * scale, (y1 - y0) * ratio * scale
    # The axes' padding (see coverage_map) and the figure's 10 px margin lie around the shapes.
    pad_x, pad_y = (0.04 * (x1 - x0) + 0.05) * scale + 10, (0.06 * (y1 - y0) + 0.05) * ratio * scale
    bounds = (-pad_x, -pad_y, w + pad_x, h + pad_y) if inside else None
    placed = place_labels(
        [px[i] for i in order], [texts[i] for i in order], [marker_px[i] for i in order], font_px, bounds
    )
    out: list[Label] = [Label("", None)] * len(points)
    for i, lab in zip(order, placed):
        out[i] = lab
    return out


def labels_of(fig: go.Figure) -> list[tuple[str, str, str]]:
    """(code, label text, text position) of each region labelled on a map of ``coverage_map``."""
    points = fig.data[-1]
    return [(c, s, p) for c, s, p in zip(points.customdata, points.text, points.textposition) if s]


def region_at(fig: go.Figure, curve: int | None, index: int | None) -> str | None:
    """The region a selection on ``fig`` (a ``coverage_map``) lands on: its marker (the last trace,
    point ``index``) or its shape (trace ``curve``, whose ``meta`` is its code); None elsewhere."""
    if not isinstance(curve, int) or not 0 <= curve < len(fig.data):
        return None
    if curve == len(fig.data) - 1:
        codes = list(fig.data[-1].customdata or [])
        return codes[index] if isinstance(index, int) and 0 <= index < len(codes) else None
    meta = fig.data[curve].meta
    return meta if isinstance(meta, str) and meta not in ("background", "narrow_labels") else None


def print_map(fig: go.Figure) -> go.Figure:
    """A copy of a ``coverage_map`` with labels, markers and legend sized for a printed page (a
    1200 px image on 17 cm of paper), its labels placed again for the bigger type."""
    out = go.Figure(fig)
    points = out.data[-1]
    info = points.meta or {}
    if not info.get("labels"):
        return out
    sizes = [PRINT_MARKER_PX[1] if s else PRINT_MARKER_PX[0] for s in info["small"]]
    labels = layout_labels(
        list(zip(points.x, points.y)), info["labels"], sizes, tuple(info["extent"]), PRINT_LABEL_PX, PRINT_PX,
        order=info["order"],
    )  # fmt: skip
    points.update(
        text=[lab.text if lab.position else "" for lab in labels],
        textposition=[lab.position or "bottom center" for lab in labels],
        textfont={"size": PRINT_LABEL_PX},
        marker={"size": sizes, "line": {"width": 2}},
    )
    out.update_layout(font={"size": 22}, legend={"font": {"size": 22}})
    return out


# --- the hint under the map and the national view -------------------------------------------------


def map_note(features: dict[str, dict] | None, codes: list[str]) -> str | None:
    """What to say instead of (or under) a map of ``codes`` given the boundaries loaded for them
    (``views.map_features``): "map_how_to_load" before any boundary file is loaded,
    "map_not_covered" when the loaded file has none of them, "map_missing" when it lacks some,
    None when it has them all."""
    if features is None:
        return "map_how_to_load"
    covered = sum(c in features for c in codes)
    if not covered:
        return "map_not_covered"
    return "map_missing" if covered < len(codes) else None


def national_view(
    rev: Revision, period: str, sector: str | None = None
) -> tuple[pd.DataFrame, dict[str, dict], dict[str, dict]] | None:
    """Indonesia → provinces: (status rows of the provinces with data, their boundaries, the
    boundaries of every province in the loaded file); None when the file has no province."""
    geo = rev.read_boundaries()
    if geo is None:
        return None
    provinces = {f["properties"]["code"]: f for f in geo["features"] if "." not in f["properties"]["code"]}
    if not provinces:
        return None
    rows = target_status(rev, period, level=1, sector=sector)
    return rows, {c: f for c, f in provinces.items() if c in set(rows["region_code"])}, provinces


def national_regions(rev: Revision, period: str, sector: str | None = None) -> tuple[pd.DataFrame, list[str]] | None:
    """The national view without its shapes, what a page needs on every render: (status rows of
    the provinces with data, the codes of those the loaded file draws); None when the file has no
    province. (The shapes, ~1,9 MB, are read only when the map's figure is built: a cached copy of
    them cost 120 ms a render to unpickle.)"""
    view = national_view(rev, period, sector)
    if view is None:
        return None
    rows, drawn, _ = view
    return rows, list(drawn)


def _legend_entry(name: str, symbol: str, color: str, edge: str) -> go.Scatter:
    """A legend line with no point on the map: a marker of ``symbol`` in ``color`` and ``name``."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={"size": 14, "symbol": symbol, "color": color, "line": {"color": edge, "width": 1}},
        name=name,
    )
