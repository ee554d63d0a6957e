"""Every DuckDB query of the project, over the store's Parquet files.

Only aggregates leave DuckDB: no snapshot is loaded whole into pandas. A parent region's figure
is the sum of its children's participants over the sum of their workforce; a workforce that is
missing for any child makes the parent's unknown ("no data"), never smaller than it is.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Concatenate, ParamSpec, TypeVar

import duckdb
import numpy as np
import pandas as pd

from ..core import regions
from ..core.completeness import Reported, completeness_table
from ..core.parsing import add_months, period_index
from ..core.schema import SECTORS, SNAPSHOT, SNAPSHOT_COLUMNS, TARGET, TARGET_COLUMNS, duckdb_columns
from ..core.settings import Settings, load_settings
from ..core.coverage import coverage_pct, figures_table, incomplete_status, target_book, targets_in_force
from ..storage.store import Store, periods_with_data

_EMPTY_SNAPSHOT = f"SELECT {duckdb_columns(SNAPSHOT)} WHERE false"

# One in-memory DuckDB database per process; each session is a cursor on it (a connection of its
# own with its own temporary views). Opening a database costs ~13 ms, a cursor ~0.3 ms.
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


class Session:
    """One DuckDB connection over one manifest snapshot: every query made through it sees the same
    version of the data, however many figures a page or a command draws. Open one per page render,
    command, deck or report, and close it (or use ``with``).

    Every query function here takes a Session, or a Store (it then opens a session of its own)."""

    def __init__(self, store: Store):
        self.store = store
        self.manifest = store.manifest()
        self.files = {p: str(f) for p, f in store.active_files(self.manifest).items()}
        self.con = _open(store, self.manifest, self.files)

    def source(self, periods: list[str] | None = None) -> str:
        """SQL for the active snapshot rows of ``periods`` (all for None): only those months'
        files are opened, not every month's (a snapshot file holds one month)."""
        if periods is None:
            return "snap"
        files = [self.files[p] for p in sorted(set(periods)) if p in self.files]
        if not files:
            return f"({_EMPTY_SNAPSHOT})"
        return f"(SELECT {', '.join(SNAPSHOT_COLUMNS)} FROM read_parquet({_list(files)}))"

    @property
    def revision(self) -> int:
        """Grows with every change to the store: a cache keyed on it sees every publish."""
        return int(self.manifest.get("revision", 0))

    def periods(self) -> list[str]:
        """Periods with data in this session's manifest (not a withdrawn month), oldest first."""
        return periods_with_data(self.manifest)

    def versions(self, period: str | None = None) -> pd.DataFrame:
        return self.store.versions(period, manifest=self.manifest)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


Source = Store | Session


@contextmanager
def session(source: Source) -> Iterator[Session]:
    """``source`` itself when it is a Session, else a new one over the store, closed afterwards."""
    if isinstance(source, Session):
        yield source
    else:
        with Session(source) as s:
            yield s


@contextmanager
def _con(source: Source) -> Iterator[duckdb.DuckDBPyConnection]:
    with session(source) as s:
        yield s.con


_P = ParamSpec("_P")
_R = TypeVar("_R")


def one_session(fn: Callable[Concatenate[Session, _P], _R]) -> Callable[Concatenate[Source, _P], _R]:
    """For functions whose first argument is a Store or a Session: called with a Store, all their
    queries run in one session of their own (one manifest, one connection)."""

    @functools.wraps(fn)
    def run(store: Source, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with session(store) as s:
            return fn(s, *args, **kwargs)

    return run


def _open(store: Store, manifest: dict, files: dict[str, str]) -> duckdb.DuckDBPyConnection:
    con = _cursor()
    if files:
        cols = ", ".join(SNAPSHOT_COLUMNS)
        con.execute(f"CREATE TEMP VIEW snap AS SELECT {cols} FROM read_parquet({_list(list(files.values()))})")
    else:
        con.execute(f"CREATE TEMP VIEW snap AS {_EMPTY_SNAPSHOT}")
    rel = manifest.get("targets")
    tfile = store.data_dir / rel if rel else None
    if tfile is not None and tfile.exists():
        con.execute(f"CREATE TEMP VIEW targets AS SELECT * FROM read_parquet({_list([str(tfile)])})")
    else:
        con.execute(f"CREATE TEMP VIEW targets AS SELECT {duckdb_columns(TARGET)} WHERE false")
    return con


def _list(paths: list[str]) -> str:
    # read_parquet needs a literal list; paths come from our own manifest.
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


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
    level: int, periods: list[str] | None, within: str | None, codes: list[str] | None, table: str = ""
) -> tuple[list[str], dict]:
    """The WHERE clauses (each starting with AND) and parameters for a roll-up to ``level`` over
    ``periods``, inside ``within``, or for the regions ``codes`` at that level."""
    where: list[str] = []
    params: dict[str, object] = {"level": level}
    if periods is not None:
        where.append(f"AND list_contains($periods, {table}period)")
        params["periods"] = periods
    if within:
        where.append(f"AND starts_with({table}region_code, $within || '.')")
        params["within"] = within
    if codes is not None:
        where.append(f"AND list_contains($codes, left({table}region_code, $length))")
        params["codes"] = codes
        params["length"] = regions.CODE_LENGTH[level]
    return where, params


def _rollup(
    store: Source,
    *,
    level: int,
    periods: list[str] | None = None,
    within: str | None = None,
    codes: list[str] | None = None,
    sector: str | None = None,
    keep_region_workforce: bool = False,
) -> pd.DataFrame:
    """Participants and workforce rolled up to ``level``. With ``sector``, ``workforce`` is the
    sector's own denominator unless ``keep_region_workforce`` (then ``sector_workforce`` is kept)."""
    where, params = _scope(level, periods, within, codes)
    sector_filter = "sector = $sector" if sector else "true"
    if sector:
        params["sector"] = sector
    with session(store) as s:
        sql = _ROLLUP.format(
            length=regions.CODE_LENGTH[level], sector_filter=sector_filter, where=" ".join(where), src=s.source(periods)
        )
        df = s.con.execute(sql, params).df()
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


def _rollup_sectors(
    store: Source,
    *,
    level: int,
    periods: list[str] | None = None,
    within: str | None = None,
    codes: list[str] | None = None,
) -> pd.DataFrame:
    """``_rollup`` for every sector at once (one statement, not one per sector): period,
    region_code, sector, participants, workforce (the region's), sector_workforce (NULL unless
    every row of the sector carries one)."""
    where, params = _scope(level, periods, within, codes)
    params["sectors"] = list(SECTORS)
    with session(store) as s:
        sql = _ROLLUP_SECTORS.format(length=regions.CODE_LENGTH[level], where=" ".join(where), src=s.source(periods))
        return s.con.execute(sql, params).df()


def _reported(
    store: Source,
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
    where, params = ["region_level >= $level", "list_contains($periods, period)"], {"level": level, "periods": periods}
    if within:
        where.append("starts_with(region_code, $within || '.')")
        params["within"] = within
    if codes is not None:
        where.append(f"list_contains($codes, left(region_code, {length}))")
        params["codes"] = codes
    if sector:
        where.append("sector = $sector")
        params["sector"] = sector
    sql = (
        f"SELECT period, region_code, left(region_code, {length}) AS code, sum(participants) AS participants "
        f"FROM {{src}} WHERE {' AND '.join(where)} GROUP BY period, region_code"
    )
    with session(store) as s:
        return s.con.execute(sql.format(src=s.source(periods)), params).df()


def _with_coverage(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["participants"] = df["participants"].astype("int64")
    df["workforce"] = df["workforce"].astype("Int64")
    df["coverage_pct"] = _coverage_column(df["participants"], df["workforce"])
    df["region_name"] = [regions.region_name(c) for c in df["region_code"]]
    return df


def periods(store: Source) -> list[str]:
    """Periods with data, oldest first."""
    with session(store) as s:
        return s.periods()


def latest_period(store: Source) -> str | None:
    p = periods(store)
    return p[-1] if p else None


@one_session
def coverage_by_region(
    store: Source, period: str, level: int = 2, within: str | None = None, sector: str | None = None
) -> pd.DataFrame:
    """Coverage of every region at ``level`` (inside ``within``) for one period.

    Columns: region_code, region_name, period, participants, workforce, coverage_pct.
    """
    df = _with_coverage(_rollup(store, level=level, periods=[period], within=within, sector=sector))
    return df[["region_code", "region_name", "period", "participants", "workforce", "coverage_pct"]]


@one_session
def coverage_series(
    store: Source, region_codes: list[str], sector: str | None = None, start: str | None = None, end: str | None = None
) -> pd.DataFrame:
    """Coverage of each region over time (regions may be of different levels), only for the months
    it has data (a chart leaves the other months empty); ``complete`` says whether all of a parent's
    children reported that month (see ucj.core.completeness).

    Columns: period, region_code, region_name, participants, workforce, coverage_pct, complete.
    """
    frames = []
    by_level: dict[int, list[str]] = {}
    for c in region_codes:
        by_level.setdefault(regions.level_of(c), []).append(c)
    # Only the months asked for are read (an overview's 12, not every month stored).
    wanted = [p for p in store.periods() if (not start or p >= start) and (not end or p <= end)]
    for level, codes in by_level.items():
        df = _rollup(store, level=level, periods=wanted, codes=codes, sector=sector)
        if not df.empty:
            found = _reported(store, level=level, periods=sorted(set(df["period"])), codes=codes, sector=sector)
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


@one_session
def coverage_by_sector(store: Source, period: str, region_code: str) -> pd.DataFrame:
    """Participants per sector of a region: count, share of all participants, and coverage where
    the sector has its own denominator.

    Columns: sector, participants, share_pct, sector_workforce, coverage_pct.
    """

    level = regions.level_of(region_code)
    rows = []
    by_sector = _rollup_sectors(store, level=level, periods=[period], codes=[region_code])
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


@one_session
def participants_totals(
    store: Source, period: str, codes: list[str], sectors: list[str] | None = None
) -> dict[str, int]:
    """Participants of each region (rolled up to its level) in one period, in ``sectors`` (all for
    None), for the change warning. Regions without data in that period are left out."""
    out: dict[str, int] = {}
    by_level: dict[int, list[str]] = {}
    for c in codes:
        by_level.setdefault(regions.level_of(c), []).append(c)
    each: list[str | None] = list(sectors) if sectors else [None]  # None: every sector together
    for sector in each:
        for level, group in by_level.items():
            df = _rollup(store, level=level, periods=[period], codes=group, sector=sector)
            for code, n in zip(df["region_code"], df["participants"].astype(int)):
                out[code] = out.get(code, 0) + int(n)
    return out


@one_session
def list_targets(store: Source) -> pd.DataFrame:
    """The target table: region_code, region_name, year, target_pct, source."""
    with _con(store) as con:
        df = con.execute(f"SELECT {', '.join(TARGET_COLUMNS)} FROM targets ORDER BY region_code, year").df()
    df.insert(1, "region_name", [regions.region_name(c) for c in df["region_code"]])
    return df


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


def _matched_pace(
    store: Source, *, level: int, period: str, window: int, within: str | None, codes: list[str] | None, sector
) -> dict[str, float]:
    """Region code (at ``level``) → its unrounded monthly pace: the change from the earliest month
    with data within ``window`` months before ``period``, summed over only the reported regions
    present in both months (``targets.matched_history``, for every region in one statement)."""
    wanted = [add_months(period, -k) for k in range(window, -1, -1)]
    where, params = _scope(level, wanted, within, codes)
    if sector:
        where.append("AND sector = $sector")
        params["sector"] = sector
    params["period"] = period
    with session(store) as s:
        sql = _MATCHED_PACE.format(length=regions.CODE_LENGTH[level], where=" ".join(where), src=s.source(wanted))
        rows = s.con.execute(sql, params).fetchall()
    end = period_index(period)
    return {code: (now - start_n) / (end - period_index(start)) for code, start, start_n, now in rows}


def _reported_codes(
    store: Source, *, level: int, period: str, within: str | None, codes: list[str] | None, sector
) -> list[str]:
    """The region codes (at ``level`` or below) with rows in ``period``."""
    where, params = _scope(level, [period], within, codes)
    if sector:
        where.append("AND sector = $sector")
        params["sector"] = sector
    with session(store) as s:
        sql = f"SELECT DISTINCT region_code FROM {s.source([period])} WHERE region_level >= $level {' '.join(where)}"
        return [r[0] for r in s.con.execute(sql, params).fetchall()]


@one_session
def target_status(
    store: Source,
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
    df = _rollup(store, level=level, periods=[period], within=within, codes=codes, sector=sector)
    pace = _matched_pace(
        store, period=period, window=settings.pace_months, level=level, within=within, codes=codes, sector=sector
    )
    now_codes = _reported_codes(store, period=period, level=level, within=within, codes=codes, sector=sector)
    book = target_book(list_targets(store).to_dict("records"))
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


@one_session
def regions_in_data(store: Source) -> pd.DataFrame:
    """Every region with data in any period, with all its ancestors, in code order.

    Columns: region_code, region_name, level.
    """
    with _con(store) as con:
        codes = [r[0] for r in con.execute("SELECT DISTINCT region_code FROM snap").fetchall()]
    found: set[str] = set()
    for c in codes:
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


@functools.lru_cache(maxsize=4096)
def _parents_in_file(path: str, stamp: tuple[int, int]) -> frozenset[str]:
    """Every region that has rows below it in one snapshot file. Snapshot files are never
    rewritten (a publish writes a new version), so this is read once per file and process;
    ``stamp`` (mtime, size) guards against a file replaced by hand."""
    with _cursor() as con:
        codes = [
            r[0] for r in con.execute(f"SELECT DISTINCT region_code FROM read_parquet({_list([path])})").fetchall()
        ]
    return frozenset(a for c in codes for a in regions.ancestors(c))


@one_session
def child_level_with_data(store: Session, region_code: str) -> int | None:
    """The level below ``region_code`` if the data (of any month) has regions there, else None."""
    for path in store.files.values():
        st = os.stat(path)
        if region_code in _parents_in_file(path, (st.st_mtime_ns, st.st_size)):
            return regions.level_of(region_code) + 1
    return None


@one_session
def sector_series(store: Source, region_code: str) -> pd.DataFrame:
    """Participants per sector of one region over time, with the sector's coverage where it has
    its own denominator. Columns: period, sector, participants, sector_workforce, coverage_pct,
    workforce (the region's), pct_of_workforce (the sector's part of the region's coverage)."""

    level = regions.level_of(region_code)
    df = _rollup_sectors(store, level=level, codes=[region_code]).sort_values(["period", "sector"], ignore_index=True)
    df["coverage_pct"] = _coverage_column(df["participants"], df["sector_workforce"])
    df["pct_of_workforce"] = _coverage_column(df["participants"], df["workforce"])
    return df[["period", "sector", "participants", "sector_workforce", "coverage_pct", "workforce", "pct_of_workforce"]]


@one_session
def sector_matrix(store: Source, period: str, level: int, within: str | None = None) -> pd.DataFrame:
    """Region × sector for one period. Columns: region_code, region_name, sector, participants,
    workforce (the region's), pct_of_workforce (the sector's part of the region's coverage),
    sector_workforce, coverage_pct (against the sector's own denominator)."""

    df = _rollup_sectors(store, level=level, periods=[period], within=within)
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


def _coverage_column(participants, workforce) -> pd.Series:
    """coverage_pct row by row, NaN where the workforce is unknown or zero."""
    return pd.to_numeric(
        [coverage_pct(int(p), None if pd.isna(w) else int(w)) for p, w in zip(participants, workforce)],
        errors="coerce",
    )


REPORTING_COLUMNS = ["period", "region_code", "region_name", "state", "reported_children", "expected_children"]


@one_session
def reporting_matrix(store: Source, region: str | None, periods: list[str]) -> pd.DataFrame:
    """Whether each child of ``region`` in the Kemendagri hierarchy (the provinces for None) reported
    each of ``periods``: DHIS2's reporting-rate summary, for knowing whom to chase.

    ``state`` is "complete" (its own row, or every region below it), "partial" (some regions below it)
    or "missing". ``reported_children``/``expected_children`` count the child's own children where its
    figure is a sum. Columns: REPORTING_COLUMNS, in period then code order.
    """
    kids = regions.child_codes(region)
    if not kids or not periods:
        return pd.DataFrame(columns=REPORTING_COLUMNS)
    where = "list_contains($periods, period)"
    params: dict = {"periods": periods}
    if region:
        where += " AND starts_with(region_code, $within || '.')"
        params["within"] = region
    with _con(store) as con:
        found = con.execute(f"SELECT DISTINCT period, region_code FROM snap WHERE {where}", params).df()
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
