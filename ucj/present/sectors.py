"""What the Sektor page shows: participants by sector, shares, sector coverage, region × sector."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..query import Revision, child_level_with_data, coverage_by_sector, sector_matrix, sector_series


@dataclass
class SectorsPage:
    """What the Sektor page shows for a region up to a month."""

    series: pd.DataFrame  # query.sector_series up to the month
    by_sector: pd.DataFrame  # query.coverage_by_sector for the month
    with_denominator_now: pd.DataFrame  # sectors with their own denominator, in the month
    denominator_trend: pd.DataFrame  # their coverage over time, shaped for charts.trend_lines
    matrix: pd.DataFrame | None  # query.sector_matrix of the children below; None without children


def sectors_page(rev: Revision, period: str, region: str) -> SectorsPage:
    """The Sektor page's frames, from one revision."""
    series = sector_series(rev, region)
    series = series[series["period"] <= period].reset_index(drop=True)
    with_den = series.dropna(subset=["coverage_pct"])
    # trend_lines draws one line per "region": here, one per sector.
    trend = with_den.rename(columns={"sector": "region_code"}).assign(region_name=lambda d: d["region_code"])
    child_level = child_level_with_data(rev, region)
    matrix = sector_matrix(rev, period, child_level, region) if child_level else None
    return SectorsPage(
        series, coverage_by_sector(rev, period, region), with_den[with_den["period"] == period], trend, matrix
    )
