"""Coverage rolled up: by region, over time, by sector, and region × sector.

Each function takes the Revision it reads, so that every figure a page or a command draws comes
from one version of the data; the sums themselves are ``sql``'s statements.
"""

from __future__ import annotations

import pandas as pd

from ..core import regions
from ..core.completeness import completeness_table
from ..core.coverage import coverage_pct
from ..core.schema import SECTORS
from . import sql
from .revision import Revision


def _coverage_column(participants, workforce) -> pd.Series:
    """coverage_pct row by row, NaN where the workforce is unknown or zero."""
    return pd.to_numeric(
        [coverage_pct(int(p), None if pd.isna(w) else int(w)) for p, w in zip(participants, workforce)],
        errors="coerce",
    )


def _with_coverage(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["participants"] = df["participants"].astype("int64")
    df["workforce"] = df["workforce"].astype("Int64")
    df["coverage_pct"] = _coverage_column(df["participants"], df["workforce"])
    df["region_name"] = [regions.region_name(c) for c in df["region_code"]]
    return df


def _by_level(codes: list[str]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for c in codes:
        out.setdefault(regions.level_of(c), []).append(c)
    return out


def coverage_by_region(
    rev: Revision, period: str, level: int = 2, within: str | None = None, sector: str | None = None
) -> pd.DataFrame:
    """Coverage of every region at ``level`` (inside ``within``) for one period.

    Columns: region_code, region_name, period, participants, workforce, coverage_pct.
    """
    df = _with_coverage(sql.rollup(rev.cursor, level=level, periods=[period], within=within, sector=sector))
    return df[["region_code", "region_name", "period", "participants", "workforce", "coverage_pct"]]


def coverage_series(
    rev: Revision, region_codes: list[str], sector: str | None = None, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """Coverage of each region over time (regions may be of different levels), only for the months
    it has data (a chart leaves the other months empty); ``complete`` says whether all of a parent's
    children reported that month (see ucj.core.completeness).

    Columns: period, region_code, region_name, participants, workforce, coverage_pct, complete.
    """
    frames = []
    # Only the months asked for are read (an overview's 12, not every month stored).
    wanted = [p for p in rev.periods() if (not start or p >= start) and (not end or p <= end)]
    for level, codes in _by_level(region_codes).items():
        df = sql.rollup(rev.cursor, level=level, periods=wanted, codes=codes, sector=sector)
        if not df.empty:
            found = sql.reported(rev.cursor, level=level, periods=sorted(set(df["period"])), codes=codes, sector=sector)
            reported = {p: g["region_code"].tolist() for p, g in found.groupby("period")}
            complete = pd.Series(False, index=df.index)
            for p, rows in df.groupby("period").groups.items():
                complete[rows] = completeness_table(reported.get(p, []), df.loc[rows, "region_code"].tolist())[2]
            df = df.assign(complete=complete)
        frames.append(df)
    cols = ["period", "region_code", "region_name", "participants", "workforce", "coverage_pct", "complete"]
    frames = [f for f in frames if not f.empty]
    if not frames:
        empty = pd.DataFrame(columns=["period", "region_code", "participants", "workforce", "complete"])
        return _with_coverage(empty)[cols]
    df = pd.concat(frames, ignore_index=True)
    df = _with_coverage(df.sort_values(["region_code", "period"], ignore_index=True))
    df["complete"] = df["complete"].astype(bool)
    return df[cols]


def coverage_by_sector(rev: Revision, period: str, region_code: str) -> pd.DataFrame:
    """Participants per sector of a region: count, share of all participants, and coverage where
    the sector has its own denominator.

    Columns: sector, participants, share_pct, sector_workforce, coverage_pct.
    """
    level = regions.level_of(region_code)
    rows = []
    by_sector = sql.rollup_sectors(rev.cursor, level=level, periods=[period], codes=[region_code])
    by_sector = by_sector.sort_values("sector", key=lambda c: c.map(SECTORS.index), ignore_index=True)
    for sector, p, wf in zip(*(by_sector[c].tolist() for c in ("sector", "participants", "sector_workforce"))):
        p = int(p)
        wf = None if pd.isna(wf) else int(wf)
        rows.append({"sector": sector, "participants": p, "sector_workforce": wf, "coverage_pct": coverage_pct(p, wf)})
    out = pd.DataFrame(rows, columns=["sector", "participants", "sector_workforce", "coverage_pct"])
    out["coverage_pct"] = pd.to_numeric(out["coverage_pct"], errors="coerce")
    total = out["participants"].sum()
    out.insert(2, "share_pct", [coverage_pct(int(p), int(total)) for p in out["participants"]])
    out["sector_workforce"] = out["sector_workforce"].astype("Int64")
    return out


def participants_totals(
    rev: Revision, period: str, codes: list[str], sectors: list[str] | None = None
) -> dict[str, int]:
    """Participants of each region (rolled up to its level) in one period, in ``sectors`` (all for
    None), for the change warning. Regions without data in that period are left out."""
    out: dict[str, int] = {}
    each: list[str | None] = list(sectors) if sectors else [None]  # None: every sector together
    for sector in each:
        for level, group in _by_level(codes).items():
            df = sql.rollup(rev.cursor, level=level, periods=[period], codes=group, sector=sector)
            for code, n in zip(df["region_code"], df["participants"].astype(int)):
                out[code] = out.get(code, 0) + int(n)
    return out


def sector_series(rev: Revision, region_code: str) -> pd.DataFrame:
    """Participants per sector of one region over time, with the sector's coverage where it has
    its own denominator. Columns: period, sector, participants, sector_workforce, coverage_pct,
    workforce (the region's), pct_of_workforce (the sector's part of the region's coverage)."""
    level = regions.level_of(region_code)
    df = sql.rollup_sectors(rev.cursor, level=level, codes=[region_code])
    df = df.sort_values(["period", "sector"], ignore_index=True)
    df["coverage_pct"] = _coverage_column(df["participants"], df["sector_workforce"])
    df["pct_of_workforce"] = _coverage_column(df["participants"], df["workforce"])
    return df[["period", "sector", "participants", "sector_workforce", "coverage_pct", "workforce", "pct_of_workforce"]]


def sector_matrix(rev: Revision, period: str, level: int, within: str | None = None) -> pd.DataFrame:
    """Region × sector for one period. Columns: region_code, region_name, sector, participants,
    workforce (the region's), pct_of_workforce (the sector's part of the region's coverage),
    sector_workforce, coverage_pct (against the sector's own denominator)."""
    df = sql.rollup_sectors(rev.cursor, level=level, periods=[period], within=within)
    df["pct_of_workforce"] = _coverage_column(df["participants"], df["workforce"])
    df["coverage_pct"] = _coverage_column(df["participants"], df["sector_workforce"])
    df["region_name"] = [regions.region_name(c) for c in df["region_code"]]
    return df[
        [
            "region_code",
            "region_name",
            "sector",
            "participants",
            "workforce",
            "pct_of_workforce",
            "sector_workforce",
            "coverage_pct",
        ]
    ].sort_values(["region_code", "sector"], ignore_index=True)
