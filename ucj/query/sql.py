"""Every DuckDB statement of the project, and the one in-memory database they run on.

Only aggregates leave DuckDB: no snapshot is loaded whole into pandas. A parent region's figure
is the sum of its children's participants over the sum of their workforce; a workforce that is
missing for any child makes the parent's unknown ("no data"), never smaller than it is. The
modules above this one shape what these statements return; none of them writes SQL.
"""

from __future__ import annotations

import functools
import os
import threading

import duckdb
import pandas as pd

from ..core import regions
from ..core.parsing import add_months
from ..core.schema import SECTORS, SNAPSHOT, SNAPSHOT_COLUMNS, TARGET, TARGET_COLUMNS, duckdb_columns

_EMPTY_SNAPSHOT = f"SELECT {duckdb_columns(SNAPSHOT)} WHERE false"

# One in-memory DuckDB database per process; each revision reads through a cursor on it (a
# connection of its own with its own temporary views). Opening a database costs ~13 ms, a cursor ~0.3 ms.
_DATABASE: duckdb.DuckDBPyConnection | None = None
_DATABASE_LOCK = threading.Lock()


# Databases inherited from a parent process through fork(), kept referenced and never closed here:
# their worker threads did not survive the fork, and closing one would wait for them.
_INHERITED: list[duckdb.DuckDBPyConnection] = []


def _forget_inherited_database() -> None:
    """In a forked child (a process pool, a server's workers): open a database of its own on first
    use rather than drive the parent's, whose locks may have been held by a thread at the fork."""
    global _DATABASE, _DATABASE_LOCK
    if _DATABASE is not None:
        _INHERITED.append(_DATABASE)
    _DATABASE = None
    _DATABASE_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_forget_inherited_database)


def _cursor() -> duckdb.DuckDBPyConnection:
    global _DATABASE
    with _DATABASE_LOCK:
        if _DATABASE is None:
            _DATABASE = duckdb.connect()
        return _DATABASE.cursor()


def _list(paths: list[str]) -> str:
    # read_parquet needs a literal list; paths come from our own manifest.
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


class Cursor:
    """A cursor on the process's database with two temporary views, ``snap`` (the active snapshot
    rows of every month in ``files``) and ``targets`` (the target table, empty without
    ``targets_file``): what one revision of the store looks like to SQL."""

    def __init__(self, files: dict[str, str], targets_file: str | None):
        self.files = files
        self.con = _cursor()
        if files:
            cols = ", ".join(SNAPSHOT_COLUMNS)
            self.con.execute(f"CREATE TEMP VIEW snap AS SELECT {cols} FROM read_parquet({_list(list(files.values()))})")
        else:
            self.con.execute(f"CREATE TEMP VIEW snap AS {_EMPTY_SNAPSHOT}")
        if targets_file is not None:
            self.con.execute(f"CREATE TEMP VIEW targets AS SELECT * FROM read_parquet({_list([targets_file])})")
        else:
            self.con.execute(f"CREATE TEMP VIEW targets AS SELECT {duckdb_columns(TARGET)} WHERE false")

    def source(self, periods: list[str] | None = None) -> str:
        """SQL for the active snapshot rows of ``periods`` (all for None): only those months'
        files are opened, not every month's (a snapshot file holds one month)."""
        if periods is None:
            return "snap"
        files = [self.files[p] for p in sorted(set(periods)) if p in self.files]
        if not files:
            return f"({_EMPTY_SNAPSHOT})"
        return f"(SELECT {', '.join(SNAPSHOT_COLUMNS)} FROM read_parquet({_list(files)}))"

    def close(self) -> None:
        self.con.close()


_ROLLUP = """
WITH stored AS (
    SELECT period, region_code,
           left(region_code, {length}) AS code,
           sum(participants) FILTER (WHERE {sector_filter}) AS participants,
           max(workforce) AS workforce,
           sum(sector_workforce) FILTER (WHERE {sector_filter}) AS sector_workforce,
           count(sector_workforce) FILTER (WHERE {sector_filter}) AS n_sector_wf,
           count(*) FILTER (WHERE {sector_filter}) AS n_sector
    FROM {src}
    WHERE region_level >= $level {where}
    GROUP BY period, region_code
)
SELECT period, code AS region_code,
       coalesce(sum(participants), 0)::BIGINT AS participants,
       CASE WHEN count(workforce) = count(*) THEN sum(workforce) END::BIGINT AS workforce,
       CASE WHEN sum(n_sector_wf) = sum(n_sector) AND sum(n_sector) > 0
            THEN sum(sector_workforce) END::BIGINT AS sector_workforce
FROM stored
GROUP BY period, code
ORDER BY period, code
"""


def _scope(
    level: int, periods: list[str] | None, within: str | None, codes: list[str] | None, sector: str | None = None
) -> tuple[list[str], dict]:
    """The WHERE clauses (each starting with AND) and parameters for a roll-up to ``level`` over
    ``periods``, inside ``within``, or for the regions ``codes`` at that level (in ``sector``)."""
    where: list[str] = []
    params: dict[str, object] = {"level": level}
    if periods is not None:
        where.append("AND list_contains($periods, period)")
        params["periods"] = periods
    if within:
        where.append("AND starts_with(region_code, $within || '.')")
        params["within"] = within
    if codes is not None:
        where.append("AND list_contains($codes, left(region_code, $length))")
        params["codes"] = codes
        params["length"] = regions.CODE_LENGTH[level]
    if sector:
        where.append("AND sector = $sector")
        params["sector"] = sector
    return where, params


def rollup(
    cur: Cursor,
    *,
    level: int,
    periods: list[str] | None = None,
    within: str | None = None,
    codes: list[str] | None = None,
    sector: str | None = None,
    keep_region_workforce: bool = False,
) -> pd.DataFrame:
    """Participants and workforce rolled up to ``level``: period, region_code, participants,
    workforce. With ``sector``, ``workforce`` is the sector's own denominator unless
    ``keep_region_workforce`` (then ``sector_workforce`` is kept beside the region's)."""
    where, params = _scope(level, periods, within, codes)
    sector_filter = "sector = $sector" if sector else "true"
    if sector:
        params["sector"] = sector
    sql = _ROLLUP.format(
        length=regions.CODE_LENGTH[level], sector_filter=sector_filter, where=" ".join(where), src=cur.source(periods)
    )
    df = cur.con.execute(sql, params).df()
    if keep_region_workforce:
        return df
    if sector:
        # A sector's coverage is measured against its own denominator (e.g. construction workers).
        df["workforce"] = df["sector_workforce"]
    return df.drop(columns=["sector_workforce"])


_ROLLUP_SECTORS = """
WITH base AS (
    SELECT period, region_code, left(region_code, {length}) AS code, sector, participants, workforce,
           sector_workforce
    FROM {src}
    WHERE region_level >= $level {where}
),
by_region AS (
    SELECT period, code, max(workforce) AS workforce FROM base GROUP BY period, region_code, code
),
regions_ AS (
    SELECT period, code, CASE WHEN count(workforce) = count(*) THEN sum(workforce) END::BIGINT AS workforce
    FROM by_region GROUP BY period, code
),
by_sector AS (
    SELECT period, code, sector, sum(participants) AS participants,
           CASE WHEN count(sector_workforce) = count(*) THEN sum(sector_workforce) END AS sector_workforce
    FROM base GROUP BY period, code, sector
)
SELECT r.period, r.code AS region_code, s.sector,
       coalesce(b.participants, 0)::BIGINT AS participants,
       r.workforce,
       b.sector_workforce::BIGINT AS sector_workforce
FROM regions_ r CROSS JOIN (SELECT unnest($sectors) AS sector) s
LEFT JOIN by_sector b ON b.period = r.period AND b.code = r.code AND b.sector = s.sector
ORDER BY r.period, r.code, s.sector
"""


def rollup_sectors(
    cur: Cursor,
    *,
    level: int,
    periods: list[str] | None = None,
    within: str | None = None,
    codes: list[str] | None = None,
) -> pd.DataFrame:
    """``rollup`` for every sector at once (one statement, not one per sector): period,
    region_code, sector, participants, workforce (the region's), sector_workforce (NULL unless
    every row of the sector carries one)."""
    where, params = _scope(level, periods, within, codes)
    params["sectors"] = list(SECTORS)
    sql = _ROLLUP_SECTORS.format(length=regions.CODE_LENGTH[level], where=" ".join(where), src=cur.source(periods))
    return cur.con.execute(sql, params).df()


def reported(
    cur: Cursor,
    *,
    level: int,
    periods: list[str],
    within: str | None = None,
    codes: list[str] | None = None,
    sector: str | None = None,
) -> pd.DataFrame:
    """Participants of each region as reported in the files, with the code of its ancestor at
    ``level``. Columns: period, region_code (as reported), code (at ``level``), participants."""
    length = regions.CODE_LENGTH[level]
    where, params = _scope(level, periods, within, codes, sector)
    sql = (
        f"SELECT period, region_code, left(region_code, {length}) AS code, sum(participants) AS participants "
        f"FROM {cur.source(periods)} WHERE region_level >= $level {' '.join(where)} GROUP BY period, region_code"
    )
    return cur.con.execute(sql, params).df()


_MATCHED_PACE = """
WITH r AS (
    SELECT period, region_code, left(region_code, {length}) AS code, sum(participants) AS n
    FROM {src}
    WHERE region_level >= $level {where}
    GROUP BY period, region_code
),
starts AS (SELECT code, min(period) AS start FROM r WHERE period < $period GROUP BY code)
SELECT s.code AS region_code, s.start, sum(o.n)::BIGINT AS start_n, sum(w.n)::BIGINT AS now_n
FROM starts s
JOIN r o ON o.code = s.code AND o.period = s.start
JOIN r w ON w.region_code = o.region_code AND w.period = $period
GROUP BY s.code, s.start
"""


def matched_starts(
    cur: Cursor, *, level: int, period: str, window: int, within: str | None, codes: list[str] | None, sector
) -> list[tuple[str, str, int, int]]:
    """(region code at ``level``, the earliest month with data within ``window`` months before
    ``period``, its participants then, and now), summed over only the reported regions present in
    both months (``coverage.matched_history``, for every region in one statement)."""
    wanted = [add_months(period, -k) for k in range(window, -1, -1)]
    where, params = _scope(level, wanted, within, codes, sector)
    params["period"] = period
    sql = _MATCHED_PACE.format(length=regions.CODE_LENGTH[level], where=" ".join(where), src=cur.source(wanted))
    return cur.con.execute(sql, params).fetchall()


def reported_codes(
    cur: Cursor, *, level: int, period: str, within: str | None, codes: list[str] | None, sector
) -> list[str]:
    """The region codes (at ``level`` or below) with rows in ``period``."""
    where, params = _scope(level, [period], within, codes, sector)
    sql = f"SELECT DISTINCT region_code FROM {cur.source([period])} WHERE region_level >= $level {' '.join(where)}"
    return [r[0] for r in cur.con.execute(sql, params).fetchall()]


def targets(cur: Cursor) -> pd.DataFrame:
    """The target table as stored: TARGET_COLUMNS, by region and year."""
    return cur.con.execute(f"SELECT {', '.join(TARGET_COLUMNS)} FROM targets ORDER BY region_code, year").df()


def region_codes(cur: Cursor) -> list[str]:
    """Every region code with rows in any month."""
    return [r[0] for r in cur.con.execute("SELECT DISTINCT region_code FROM snap").fetchall()]


def reporting_pairs(cur: Cursor, periods: list[str], within: str | None) -> pd.DataFrame:
    """(period, region_code) of every region with rows in ``periods``, inside ``within``."""
    where = "list_contains($periods, period)"
    params: dict = {"periods": periods}
    if within:
        where += " AND starts_with(region_code, $within || '.')"
        params["within"] = within
    return cur.con.execute(f"SELECT DISTINCT period, region_code FROM snap WHERE {where}", params).df()


@functools.lru_cache(maxsize=4096)
def parents_in_file(path: str, stamp: tuple[int, int]) -> frozenset[str]:
    """Every region that has rows below it in one snapshot file. Snapshot files are never
    rewritten (a publish writes a new version), so this is read once per file and process;
    ``stamp`` (mtime, size) guards against a file replaced by hand."""
    with _cursor() as con:
        codes = [
            r[0] for r in con.execute(f"SELECT DISTINCT region_code FROM read_parquet({_list([path])})").fetchall()
        ]
    return frozenset(a for c in codes for a in regions.ancestors(c))
