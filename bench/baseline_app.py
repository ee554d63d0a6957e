"""The floor of ``bench/browser.py``: a minimal Streamlit page with one chart (run with ``streamlit run``).

``?chart=plotly`` (default) draws the chart with ``st.plotly_chart``, ``?chart=vega`` the same bars with
Streamlit's built-in Vega-Lite chart (``st.bar_chart``). The figure is the one the static HTML baseline
draws (``figure()``), so the three baselines draw the same twelve bars."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
VALUES = [41.2, 42.0, 42.9, 43.1, 44.5, 45.0, 45.8, 46.1, 47.3, 47.9, 48.2, 48.4]


def figure() -> go.Figure:
    fig = go.Figure(go.Bar(x=MONTHS, y=VALUES, name="cakupan %"))
    fig.update_layout(title="Cakupan per bulan", height=400, margin={"l": 40, "r": 20, "t": 50, "b": 40})
    return fig


if __name__ == "__main__":
    st.title("Baseline")
    if st.query_params.get("chart") == "vega":
        st.bar_chart(pd.DataFrame({"bulan": MONTHS, "cakupan": VALUES}), x="bulan", y="cakupan", height=400)
    else:
        st.plotly_chart(figure(), key="baseline")
