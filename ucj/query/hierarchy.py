"""The regions the data has, and who reported: where a page can drill down to, and whom an
analyst has to chase for a month's figures."""

from __future__ import annotations

import os

import pandas as pd

from ..core import regions
from ..core.completeness import Reported
from . import sql
from .revision import Revision


def regions_in_data(rev: Revision) -> pd.DataFrame:
    """Every region with data in any period, with all its ancestors, in code order.

    Columns: region_code, region_name, level.
    """
    found: set[str] = set()
    for c in sql.region_codes(rev.cursor):
        found.add(c)
        found.update(regions.ancestors(c))
    ordered = sorted(found)
    return pd.DataFrame(
        {
            "region_code": ordered,
            "region_name": [regions.region_name(c) for c in ordered],
            "level": [regions.level_of(c) for c in ordered],
        }
    )


def child_level_with_data(rev: Revision, region_code: str) -> int | None:
    """The level below ``region_code`` if the data (of any month) has regions there, else None."""
    for path in rev.files.values():
        st = os.stat(path)
        if region_code in sql.parents_in_file(path, (st.st_mtime_ns, st.st_size)):
            return regions.level_of(region_code) + 1
    return None


REPORTING_COLUMNS = ["period", "region_code", "region_name", "state", "reported_children", "expected_children"]


def reporting_matrix(rev: Revision, region: str | None, periods: list[str]) -> pd.DataFrame:
    """Whether each child of ``region`` in the Kemendagri hierarchy (the provinces for None) reported
    each of ``periods``: DHIS2's reporting-rate summary, for knowing whom to chase.

    ``state`` is "complete" (its own row, or every region below it), "partial" (some regions below it)
    or "missing". ``reported_children``/``expected_children`` count the child's own children where its
    figure is a sum. Columns: REPORTING_COLUMNS, in period then code order.
    """
    kids = regions.child_codes(region)
    if not kids or not periods:
        return pd.DataFrame(columns=REPORTING_COLUMNS)
    found = sql.reporting_pairs(rev.cursor, periods, region)
    by_period = {p: g["region_code"].tolist() for p, g in found.groupby("period")}
    names = {c: regions.region_name(c) for c in kids}
    rows = []
    for period in periods:
        reported = Reported(by_period.get(period, []))
        for code in kids:
            done = reported.of(code)
            state = "complete" if reported.complete(code) else "partial" if reported.has_data(code) else "missing"
            rows.append([period, code, names[code], state, done.reported_children, done.expected_children])
    out = pd.DataFrame(rows, columns=REPORTING_COLUMNS)
    for c in ("reported_children", "expected_children"):
        out[c] = out[c].astype("Int64")
    return out
