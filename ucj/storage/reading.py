"""Reading the store: the manifest and the files it names, every kind through one API (``read``,
``versions_of``, ``active_record``, ``active_file``) with the readers callers know (snapshots,
targets, the Jakon register, boundaries) as thin calls of it. Nothing here writes;
``ucj.storage.store.Store`` adds the writes, each through the one write seam, to these readers.

The manifest is parsed once per state of its file (a page's every query, and every page of a
rerun, share it), and a snapshot once per stored file: checking one upload reads the stored month
once, however many checks look at it.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pandas as pd

from ..core.merge import SOURCE_COLUMN
from ..core.schema import PROVENANCE_COLUMNS, TARGET_COLUMNS
from .kinds import BUDGETS, JAKON, KINDS, PROGRAMMES, SERIES, SNAPSHOTS, TARGETS, Kind
from .records import (
    DEFAULTS,
    MANIFEST,
    NEW_KEYS,
    VERSION_KEYS,
    StoreError,
    empty_manifest,
    entries,
    periods_with_data,
    record_of,
    upgrade,
)

#: Stored months kept parsed (the months being checked at once, in one process).
MONTHS_KEPT = 4


def _stat_key(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    # ctime cannot be set back; a write through the store also makes a new inode.
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class StoreReader:
    """The versioned artefacts in one data directory, as its manifest names them."""

    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir)
        self._manifest_cache: tuple[tuple, dict] | None = None
        self._month_cache: dict[str, tuple[tuple, pd.DataFrame]] = {}
        self._month_lock = threading.Lock()

    # --- the manifest --------------------------------------------------------------------------

    def manifest(self) -> dict:
        """The current manifest, in the current shape (an empty one for a new directory). Parsed
        once per state of the file and shared by every reader: read it, never change it (writes
        go through the store, which reads its own copy under the writers' lock)."""
        path = self.data_dir / MANIFEST
        key = _stat_key(path)
        if key is None:
            return empty_manifest()
        if self._manifest_cache is None or self._manifest_cache[0] != key:
            self._manifest_cache = (key, self._load_manifest())
        return self._manifest_cache[1]

    def _load_manifest(self) -> dict:
        """The manifest parsed afresh (a writer's own copy, to change and save)."""
        try:
            return upgrade(json.loads((self.data_dir / MANIFEST).read_text(encoding="utf-8")))
        except FileNotFoundError:
            return empty_manifest()

    def refresh(self) -> bool:
        """Brings the store up to date with where it is kept; True when something changed. A data
        directory is always current (a replica's copy pulls: ``ucj.storage.replica``)."""
        return False

    @property
    def revision(self) -> int:
        """Grows with every change; a cache keyed on it sees every publish."""
        return int(self.manifest().get("revision", 0))

    def log(self) -> list[dict]:
        """Every upload and rollback, oldest first."""
        return list(self.manifest().get("log", []))

    # --- every kind ----------------------------------------------------------------------------

    def versions_of(self, kind: str, key: str = SERIES, manifest: dict | None = None) -> list[dict]:
        """Every stored version of ``kind`` (of ``key``), oldest first, ``active`` set on the one in force."""
        entry = entries(manifest or self.manifest(), kind).get(key, {})
        return [{**v, "active": v["version"] == entry.get("active")} for v in entry.get("versions", [])]

    def active_record(self, kind: str, key: str = SERIES, manifest: dict | None = None) -> dict | None:
        """The manifest's record of the version of ``kind`` in force, None before there is one."""
        entry = entries(manifest or self.manifest(), kind).get(key)
        return record_of(entry, (entry or {}).get("active"))

    def active_file(self, kind: str, key: str = SERIES, manifest: dict | None = None) -> Path | None:
        """The file of the version of ``kind`` in force, None before there is one."""
        record = self.active_record(kind, key, manifest)
        return self.data_dir / record["path"] if record else None

    def read(self, kind: str, key: str = SERIES, version: int | None = None, manifest: dict | None = None):
        """One version of ``kind`` (the one in force unless ``version`` is given), None when there is
        no such version: a frame for a Parquet kind, a dict for GeoJSON."""
        entry = entries(manifest or self.manifest(), kind).get(key)
        record = record_of(entry, (entry or {}).get("active") if version is None else version)
        return None if record is None else self._read_file(KINDS[kind], record["path"])

    def _read_file(self, kind: Kind, rel: str):
        """The one place a stored file is read from disk."""
        return kind.read(self.data_dir / rel)

    # --- snapshots -----------------------------------------------------------------------------

    def periods(self) -> list[str]:
        """Periods with data (an active version that has rows: not a withdrawn month), oldest first."""
        return periods_with_data(self.manifest())

    def active_files(self, manifest: dict | None = None) -> dict[str, Path]:
        """Period → the Parquet file of its active version."""
        m = manifest or self.manifest()
        out = {}
        for period in sorted(entries(m, SNAPSHOTS.name)):
            path = self.active_file(SNAPSHOTS.name, period, m)
            if path is not None:
                out[period] = path
        return out

    def versions(self, period: str | None = None, manifest: dict | None = None) -> pd.DataFrame:
        """Every stored version (newest first), with ``active`` marking the one in use (as of
        ``manifest``, by default the current one)."""
        m = manifest or self.manifest()
        rows = []
        for p in entries(m, SNAPSHOTS.name):
            if period and p != period:
                continue
            for v in self.versions_of(SNAPSHOTS.name, p, m):
                rows.append(
                    {**{k: v.get(k, DEFAULTS.get(k)) for k in VERSION_KEYS}, "period": p, "active": v["active"]}
                )
        cols = ["period", "version", "active", "uploaded_at", "user", "file_name", "sha256", "rows", *NEW_KEYS]
        df = pd.DataFrame(rows, columns=cols)
        for c in ("base", "n_regions", "n_removed", "month_rows"):
            df[c] = df[c].astype("Int64")
        return df.sort_values(["period", "version"], ascending=False, ignore_index=True)

    def read_snapshot(self, period: str, version: int | None = None) -> pd.DataFrame:
        """One period's rows (the active version unless ``version`` is given)."""
        m = self.manifest()
        entry = entries(m, SNAPSHOTS.name).get(period)
        if not entry:
            raise StoreError("unknown_version", period=period, version=version or "-")
        wanted = version or entry.get("active")
        df = self.read(SNAPSHOTS.name, period, wanted, m)
        if df is None:
            raise StoreError("unknown_version", period=period, version=wanted)
        return df

    def stored_month(self, period: str, manifest: dict | None = None) -> tuple[int | None, pd.DataFrame | None]:
        """(the active version of ``period``, its rows with their source versions), (None, None)
        for a month without one. Read from disk once per stored file: a file is written once and
        never changed, so a check, its preview and its comparison share one read."""
        m = manifest or self.manifest()
        record = self.active_record(SNAPSHOTS.name, period, m)
        if record is None:
            return None, None
        active, path = record["version"], self.data_dir / record["path"]
        key = (record["path"], _stat_key(path))
        with self._month_lock:
            cached = self._month_cache.get(period)
        if cached is None or cached[0] != key:
            df = self._read_file(SNAPSHOTS, record["path"])
            if SOURCE_COLUMN not in df.columns:  # written before versions recorded their rows' source
                df[SOURCE_COLUMN] = pd.array([active] * len(df), dtype="Int32")
            cached = (key, df)
            with self._month_lock:  # the app's one store serves every session's thread
                self._month_cache.pop(period, None)
                while len(self._month_cache) >= MONTHS_KEPT:
                    self._month_cache.pop(next(iter(self._month_cache)))
                self._month_cache[period] = cached
        # A copy: the caller may change it, the cached month stays as stored.
        return active, cached[1].copy()

    # --- the single series ---------------------------------------------------------------------

    def read_targets(self, manifest: dict | None = None) -> pd.DataFrame:
        """The current target table (empty with its columns when there is none)."""
        df = self.read(TARGETS.name, manifest=manifest)
        if df is None:
            return pd.DataFrame(columns=TARGET_COLUMNS + PROVENANCE_COLUMNS)
        for c in PROVENANCE_COLUMNS:
            if c not in df.columns:  # tables saved before targets recorded who changed them
                df[c] = ""
        return df[TARGET_COLUMNS + PROVENANCE_COLUMNS]

    def read_jakon(self, manifest: dict | None = None, version: int | None = None) -> pd.DataFrame | None:
        """The project register in force (or one of its versions), None before any was published."""
        return self.read(JAKON.name, version=version, manifest=manifest)

    def jakon_versions(self) -> list[dict]:
        """Every published version of the register, oldest first, with ``active`` set on the one in force."""
        return self.versions_of(JAKON.name)

    def read_programmes(self, manifest: dict | None = None, version: int | None = None) -> pd.DataFrame | None:
        """The Pemda programmes' beneficiaries in force (or one version), None before any was published."""
        return self.read(PROGRAMMES.name, version=version, manifest=manifest)

    def read_budgets(self, manifest: dict | None = None, version: int | None = None) -> pd.DataFrame | None:
        """The Pemda programmes' budgets in force (or one version), None before any was published."""
        return self.read(BUDGETS.name, version=version, manifest=manifest)

    def read_boundaries(self, manifest: dict | None = None) -> dict | None:
        """The boundary file the maps draw (a GeoJSON FeatureCollection), or None before one is loaded."""
        return self.read("boundaries", manifest=manifest)
