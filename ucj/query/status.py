"""The targets, and each region's figures against its target: coverage, gap, paces, projection
and status, for every region of a level at once (a few statements and array arithmetic, not a
loop over regions; the arithmetic is ``ucj.core.coverage``'s)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core import regions
from ..core.completeness import completeness_table
from ..core.coverage import figures_table, incomplete_status, target_book, targets_in_force
from ..core.parsing import period_index
from ..core.settings import Settings, load_settings
from . import sql
from .revision import Revision

STATUS_COLUMNS = [
    "region_code",
    "region_name",
    "period",
    "participants",
    "workforce",
    "coverage_pct",
    "target_pct",
    "target_year",
    "target_participants",
    "gap",
    "months_left",
    "required_per_month",
    "current_pace",
    "projected_pct",
    "status",
    "target_source",
    "reported_children",
    "expected_children",
    "complete",
]


def list_targets(rev: Revision) -> pd.DataFrame:
    """The target table: region_code, region_name, year, target_pct, source."""
    df = sql.targets(rev.cursor)
    df.insert(1, "region_name", [regions.region_name(c) for c in df["region_code"]])
    return df


def _matched_pace(
    rev: Revision, *, level: int, period: str, window: int, within: str | None, codes: list[str] | None, sector
) -> dict[str, float]:
    """Region code (at ``level``) → its unrounded monthly pace: the change from the earliest month
    with data within ``window`` months before ``period``, over the regions reported in both."""
    rows = sql.matched_starts(
        rev.cursor, level=level, period=period, window=window, within=within, codes=codes, sector=sector
    )
    end = period_index(period)
    return {code: (now - start_n) / (end - period_index(start)) for code, start, start_n, now in rows}


def target_status(
    rev: Revision,
    period: str,
    *,
    level: int | None = None,
    region: str | None = None,
    sector: str | None = None,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Coverage, target, gap, pace, projection and status per region for one period.

    ``region`` alone: that region; with ``level``: its descendants at that level; neither: every
    kabupaten/kota. Every region of the level is computed at once (a few statements and array
    arithmetic, not a loop over regions). Columns: STATUS_COLUMNS.
    """
    settings = settings or load_settings()
    if region and level is None:
        level = regions.level_of(region)
    level = level or 2
    codes = [region] if region and regions.level_of(region) == level else None
    within = region if region and regions.level_of(region) < level else None
    df = sql.rollup(rev.cursor, level=level, periods=[period], within=within, codes=codes, sector=sector)
    pace = _matched_pace(
        rev, period=period, window=settings.pace_months, level=level, within=within, codes=codes, sector=sector
    )
    now_codes = sql.reported_codes(rev.cursor, period=period, level=level, within=within, codes=codes, sector=sector)
    book = target_book(list_targets(rev).to_dict("records"))
    region_codes = df["region_code"].tolist()
    target_pct, target_year, source = targets_in_force(book, region_codes, int(period[:4]))
    figures = figures_table(
        period,
        df["participants"].to_numpy(dtype="int64"),
        df["workforce"].fillna(0).to_numpy(dtype="int64"),
        target_pct,
        target_year,
        np.array([pace.get(c, np.nan) for c in region_codes], dtype=np.float64),
        settings.at_risk_pace_ratio,
    )
    reported_children, expected_children, complete = completeness_table(now_codes, region_codes)
    # A parent summed from the children that happened to report cannot claim its target.
    statuses = [s if done else incomplete_status(s) for s, done in zip(figures["status"], complete)]
    out = pd.DataFrame(
        {
            "region_code": region_codes,
            "region_name": [regions.region_name(c) for c in region_codes],
            "period": period,
            **figures,
            "status": statuses,
            "target_source": source,
            "reported_children": reported_children,
            "expected_children": expected_children,
            "complete": complete,
        },
        columns=STATUS_COLUMNS,
    )
    for c in ("coverage_pct", "target_pct", "current_pace", "projected_pct"):
        out[c] = pd.to_numeric(out[c], errors="coerce")
    for c in (
        "participants",
        "workforce",
        "target_year",
        "target_participants",
        "gap",
        "months_left",
        "required_per_month",
        "reported_children",
        "expected_children",
    ):
        out[c] = out[c].astype("Int64")
    out["participants"] = out["participants"].astype("int64")
    out["complete"] = out["complete"].astype(bool)
    return out
