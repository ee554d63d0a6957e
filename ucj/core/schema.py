"""The one declared schema: snapshot and target columns with their dtypes, sectors, statuses and
region levels. The store, ingest, sample data, queries, templates, charts and command line read
these names; adding a column or a sector touches this file (and the translations of its label).
"""

from __future__ import annotations

import pandas as pd

#: Participant segments ("sectors" in the dashboard), in display order, with their names.
SECTOR_NAMES: dict[str, str] = {
    "PU": "Penerima Upah",
    "BPU": "Bukan Penerima Upah",
    "JAKON": "Jasa Konstruksi",
    "PMI": "Pekerja Migran Indonesia",
}
SECTORS: tuple[str, ...] = tuple(SECTOR_NAMES)
#: The other spellings a file may use for a sector (besides its code and its name), in cells and headers.
SECTOR_OTHER_SPELLINGS: dict[str, tuple[str, ...]] = {"PU": ("ppu",), "JAKON": ("jk",), "PMI": ("pekerja_migran",)}

#: A snapshot row: one region, one sector, one month. pandas dtypes (nullable where a value may be
#: unknown: a sector's own denominator, a region's workforce).
SNAPSHOT: dict[str, str] = {
    "period": "string",
    "region_code": "string",
    "region_level": "int8",
    "sector": "string",
    "participants": "int64",
    "sector_workforce": "Int64",
    "workforce": "Int64",
}
SNAPSHOT_COLUMNS: list[str] = list(SNAPSHOT)

#: A target: a percentage for a region for a year, with the document it comes from.
TARGET: dict[str, str] = {"region_code": "string", "year": "int64", "target_pct": "float64", "source": "string"}
TARGET_COLUMNS: list[str] = list(TARGET)
#: Stored beside each target: who last changed it and when (UTC).
PROVENANCE_COLUMNS: list[str] = ["updated_by", "updated_at"]

#: Statuses of a region against its target (the rule is in ucj.core.targets), in the order of the rule.
STATUSES: tuple[str, ...] = (
    "reached",
    "on_track",
    "at_risk",
    "off_track",
    "no_trend",
    "no_data",
    "no_target",
    "incomplete",
)

#: The length of a dotted code at each Kemendagri level (1 provinsi, 2 kabupaten/kota, 3 kecamatan,
#: 4 desa/kelurahan): "15", "15.71", "15.71.07", "15.71.07.1001".
CODE_LENGTH: dict[int, int] = {1: 2, 2: 5, 3: 8, 4: 13}

_DUCKDB = {"string": "VARCHAR", "int8": "TINYINT", "int64": "BIGINT", "Int64": "BIGINT", "float64": "DOUBLE"}


def empty_snapshot() -> pd.DataFrame:
    """A snapshot frame with no rows and every column typed."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SNAPSHOT.items()})


def as_snapshot(df: pd.DataFrame) -> pd.DataFrame:
    """``df``'s snapshot columns, in order, with the declared dtypes."""
    return df[SNAPSHOT_COLUMNS].astype(SNAPSHOT)


def duckdb_columns(schema: dict[str, str]) -> str:
    """ "period VARCHAR, region_code VARCHAR, …" for an empty DuckDB relation of that shape."""
    return ", ".join(f"NULL::{_DUCKDB[t]} AS {c}" for c, t in schema.items())
