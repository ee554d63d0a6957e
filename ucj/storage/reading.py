"""Reading the store: the manifest and the files it names (snapshots, targets, the Jakon register,
boundaries). Nothing here writes; ``ucj.storage.store.Store`` adds the writes, each under the
writers' lock and audited, to these readers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from ..core.merge import SOURCE_COLUMN
from ..core.schema import PROVENANCE_COLUMNS, SNAPSHOT_COLUMNS, TARGET_COLUMNS
from .files import read_geojson
from .records import DEFAULTS, FORMAT, MANIFEST, NEW_KEYS, VERSION_KEYS, StoreError, periods_with_data


class StoreReader:
    """The versioned artefacts in one data directory, as its manifest names them."""

    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir)

    def manifest(self) -> dict:
        """The current manifest (an empty one for a new directory)."""
        try:
            return json.loads((self.data_dir / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"format": FORMAT, "revision": 0, "periods": {}, "targets": None, "log": []}

    @property
    def revision(self) -> int:
        """Grows with every change; a cache keyed on it sees every publish."""
        return int(self.manifest().get("revision", 0))

    def periods(self) -> list[str]:
        """Periods with data (an active version that has rows: not a withdrawn month), oldest first."""
        return periods_with_data(self.manifest())

    def active_files(self, manifest: dict | None = None) -> dict[str, Path]:
        """Period → the Parquet file of its active version."""
        m = manifest or self.manifest()
        out = {}
        for period, entry in sorted(m["periods"].items()):
            active = entry.get("active")
            for v in entry["versions"]:
                if v["version"] == active:
                    out[period] = self.data_dir / v["path"]
        return out

    def versions(self, period: str | None = None, manifest: dict | None = None) -> pd.DataFrame:
        """Every stored version (newest first), with ``active`` marking the one in use (as of
        ``manifest``, by default the current one)."""
        m = manifest or self.manifest()
        rows = []
        for p, entry in m["periods"].items():
            if period and p != period:
                continue
            for v in entry["versions"]:
                rows.append(
                    {
                        **{k: v.get(k, DEFAULTS.get(k)) for k in VERSION_KEYS},
                        "period": p,
                        "active": v["version"] == entry.get("active"),
                    }
                )
        cols = ["period", "version", "active", "uploaded_at", "user", "file_name", "sha256", "rows", *NEW_KEYS]
        df = pd.DataFrame(rows, columns=cols)
        for c in ("base", "n_regions", "n_removed", "month_rows"):
            df[c] = df[c].astype("Int64")
        return df.sort_values(["period", "version"], ascending=False, ignore_index=True)

    def log(self) -> list[dict]:
        """Every upload and rollback, oldest first."""
        return list(self.manifest().get("log", []))

    def read_snapshot(self, period: str, version: int | None = None) -> pd.DataFrame:
        """One period's rows (the active version unless ``version`` is given)."""
        m = self.manifest()
        entry = m["periods"].get(period)
        if not entry:
            raise StoreError("unknown_version", period=period, version=version or "-")
        wanted = version or entry.get("active")
        for v in entry["versions"]:
            if v["version"] == wanted:
                return pd.read_parquet(self.data_dir / v["path"])
        raise StoreError("unknown_version", period=period, version=wanted)

    def _active_rows(self, m: dict, period: str) -> tuple[int | None, pd.DataFrame | None]:
        entry = m["periods"].get(period)
        active = entry.get("active") if entry else None
        for v in entry["versions"] if entry else []:
            if v["version"] == active:
                df = pd.read_parquet(self.data_dir / v["path"])
                if SOURCE_COLUMN not in df.columns:  # written before versions recorded their rows' source
                    df[SOURCE_COLUMN] = pd.array([active] * len(df), dtype="Int32")
                return active, df
        return None, None

    def _version_rows(self, entry: dict, version: int) -> pd.DataFrame:
        for v in entry["versions"]:
            if v["version"] == version:
                return pd.read_parquet(self.data_dir / v["path"])
        return pd.DataFrame(columns=SNAPSHOT_COLUMNS)

    def read_targets(self, manifest: dict | None = None) -> pd.DataFrame:
        """The current target table (empty with its columns when there is none)."""
        rel = (manifest or self.manifest()).get("targets")
        if not rel:
            return pd.DataFrame(columns=TARGET_COLUMNS + PROVENANCE_COLUMNS)
        df = pd.read_parquet(self.data_dir / rel)
        for c in PROVENANCE_COLUMNS:
            if c not in df.columns:  # tables saved before targets recorded who changed them
                df[c] = ""
        return df[TARGET_COLUMNS + PROVENANCE_COLUMNS]

    def read_jakon(self, manifest: dict | None = None, version: int | None = None) -> pd.DataFrame | None:
        """The project register in force (or one of its versions), None before any was published."""
        m = manifest or self.manifest()
        entries = m.get("jakon_versions", [])
        wanted = m.get("jakon_active") if version is None else version
        for v in entries:
            if v["version"] == wanted:
                return pd.read_parquet(self.data_dir / v["path"])
        return None

    def jakon_versions(self) -> list[dict]:
        """Every published version of the register, oldest first, with ``active`` set on the one in force."""
        m = self.manifest()
        return [{**v, "active": v["version"] == m.get("jakon_active")} for v in m.get("jakon_versions", [])]

    def read_boundaries(self, manifest: dict | None = None) -> dict | None:
        """The boundary file the maps draw (a GeoJSON FeatureCollection), or None before one is loaded."""
        rel = (manifest or self.manifest()).get("boundaries")
        if not rel:
            return None
        return read_geojson(str(self.data_dir / rel), (self.data_dir / rel).stat().st_mtime_ns)
