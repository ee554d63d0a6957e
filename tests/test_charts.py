"""Charts as a reader sees them: months named in the chart's language, lines told apart, the target drawn."""

import pandas as pd
import pytest

from tests.conftest import read
from ucj import query
from ucj.present import chart_style, charts


@pytest.fixture
def jambi_series(demo_store):
    children = [
        c for c in read(query.regions_in_data, demo_store)["region_code"] if c.startswith("15.") and c.count(".") == 1
    ]
    return read(query.coverage_series, demo_store, children, end="2025-07")


def first(symbol):
    return symbol[0] if isinstance(symbol, tuple | list) else symbol


def hover_months(fig) -> set[str]:
    return {str(h) for trace in fig.data if trace.hovertext is not None for h in trace.hovertext}


def test_month_axis_and_hover_are_in_indonesian(jambi_series):
    fig = charts.trend_lines(jambi_series, "id")
    ticks = list(fig.layout.xaxis.ticktext)
    assert 2 <= len(ticks) <= chart_style.MAX_MONTH_TICKS
    assert all(len(t.split()) == 2 and t.split()[1].isdigit() for t in ticks)  # "Agu 2025", not "08/2025"
    months = {t.split()[0] for t in ticks}
    assert months <= {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
    assert "Juli 2025" in hover_months(fig) and "Agustus 2024" in hover_months(fig)
    assert all("%{x|" not in trace.hovertemplate for trace in fig.data)


def test_month_axis_in_english(jambi_series):
    fig = charts.trend_lines(jambi_series, "en")
    assert "July 2025" in hover_months(fig) and "August 2024" in hover_months(fig)
    assert {t.split()[0] for t in fig.layout.xaxis.ticktext} <= {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    }  # fmt: skip


def test_every_jambi_line_has_its_own_colour_and_marker(jambi_series):
    fig = charts.trend_lines(jambi_series, "id")
    assert len(fig.data) == 11
    styles = [(trace.line.color, first(trace.marker.symbol)) for trace in fig.data]
    assert len(set(styles)) == 11
    assert len({charts.trend_style(i) for i in range(64)}) == 64


def test_the_trend_chart_draws_the_target_in_force(demo_store, jambi_series):
    own = read(query.target_status, demo_store, "2025-07", region="15.71").iloc[0].to_dict()
    fig = charts.trend_lines(jambi_series, "id", target=own, target_of="Kota Jambi")
    [line] = fig.layout.shapes
    assert line.y0 == line.y1 == 55.0
    assert fig.layout.annotations[0].text == "Target Kota Jambi 55% (Desember 2025)"


def test_a_single_month_still_gets_a_named_tick():
    one = pd.DataFrame({"region_code": ["15.71"], "region_name": ["Kota Jambi"], "period": ["2025-07"],
                        "coverage_pct": [48.44]})  # fmt: skip
    fig = charts.trend_lines(one, "id")
    assert list(fig.layout.xaxis.ticktext) == ["Jul 2025"]


def test_the_sector_heat_map_puts_the_best_covered_region_on_top(demo_store):
    matrix = read(query.sector_matrix, demo_store, "2025-07", 2, "15")
    fig = charts.sector_heatmap(matrix, "id")
    totals = matrix.groupby("region_name")["pct_of_workforce"].sum()
    assert list(fig.data[0].y) == list(totals.sort_values(ascending=False).index)
    assert len(fig.data[0].y) == 11


def test_bar_labels_stay_readable_on_a_phone(demo_store):
    children = read(query.target_status, demo_store, "2025-07", level=2, region="15")
    fig = charts.coverage_vs_target(children, 45.0, "id")
    bars = fig.data[0]
    assert bars.textposition == "auto" and fig.layout.uniformtext.minsize >= 12  # never shrunk to 4 px
    assert "Kab. Tanjung Jabung Barat" in bars.y and "Kota Jambi" in bars.y
    trend = charts.trend_lines(
        read(query.coverage_series, demo_store, list(children["region_code"]), end="2025-07"), "id"
    )
    assert trend.layout.legend.yanchor == "top" and trend.layout.legend.y < 0  # under the chart, not on its title
    assert fig.layout.modebar.orientation == "h"  # in the title row, above the legend (hidden on touch)


def test_the_planner_cost_line_never_sits_on_a_bar_label():
    from ucj.core.planner import plan_to_target

    # Kota Jambi in July 2025: 18.994 to enrol in 5 months at Rp16.800 each.
    scenario = plan_to_target("2025-07", 140349, 289714, 159343, 18994, 5, 16800)
    fig = charts.plan_schedule(scenario)
    bars, cost = fig.data
    assert list(bars.text) == ["3.799", "3.799", "3.799", "3.799", "3.798"]
    # The line has its own band, wholly above the bars' (not overlaid on them).
    assert cost.yaxis == "y2" and fig.layout.yaxis2.overlaying is None
    assert fig.layout.yaxis2.domain[0] > fig.layout.yaxis.domain[1]
