"""The kinds of versioned artefact the store keeps, each declared once.

A kind says where its files live and how they are named, whether it is keyed (a snapshot per
period) or a single series (one target table, one project register, one boundary file in force),
how its bytes are written and read, and which audit events put a version of it and make one
active. The store's one write seam (``ucj.storage.writing``), its readers and ``check``'s replay of
the audit log work from these declarations alone, so a new kind of artefact is one entry here and
one thin method on the store, not a copy of the last kind's write path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .changes import changed_beneficiary_regions, changed_budget_funders, changed_project_regions, changed_regions
from .files import read_geojson
from .records import SERIES

__all__ = [
    "BOUNDARIES",
    "BUDGETS",
    "EVENT_KINDS",
    "JAKON",
    "KINDS",
    "PROGRAMMES",
    "SERIES",
    "SNAPSHOTS",
    "TARGETS",
    "Kind",
]


def _write_frame(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _read_frame(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path)


def _write_text(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")


def _read_geojson(path: Path) -> dict:
    # Parsed once per process and file version: a national boundary file is several MB.
    return read_geojson(str(path), path.stat().st_mtime_ns)


def _snapshot_regions(before: pd.DataFrame | None, after: pd.DataFrame | None) -> list[str]:
    empty = pd.DataFrame(columns=["region_code", "sector", "participants", "sector_workforce", "workforce"])
    return changed_regions(empty if before is None else before, empty if after is None else after)


@dataclass(frozen=True)
class Kind:
    """One kind of versioned artefact. ``pattern`` names a version's file under the data directory
    (``{key}`` for a keyed kind, ``{n:04d}`` its number)."""

    name: str
    #: What ``check`` calls a single series in its sentences ("Jakon v2: ...").
    label: str
    pattern: str
    keyed: bool
    write: Callable[[Any, Path], None]
    read: Callable[[Path], object]
    #: Audit events that put a new version of the kind, and the one that makes an earlier one active
    #: (None: no one rolls the kind back yet; declaring its event is all ``Store.activate`` needs).
    put_events: tuple[str, ...]
    activate_event: str | None
    #: Where a put's audit line records the stored file's checksum: its ``detail.file_sha256``
    #: ("detail") or the line's own ``sha256`` ("line").
    audit_digest: str
    #: The message key of an unknown version.
    unknown_version: str
    #: The regions whose figures differ between two versions (read by ``read``; None for no version):
    #: what making an earlier version active is authorised and audited for.
    changed: Callable[[object, object], list[str]] | None = None
    #: False for kinds the manifest once recorded without a checksum (tables older than ``check``).
    checksum_required: bool = True

    def path(self, key: str, number: int) -> str:
        """The file of version ``number`` (of ``key``, for a keyed kind), relative to the data directory."""
        return self.pattern.format(key=key, n=number)


SNAPSHOTS = Kind(
    name="snapshots",
    label="snapshots",
    pattern="snapshots/period={key}/v{n:04d}.parquet",
    keyed=True,
    write=_write_frame,
    read=_read_frame,
    put_events=("upload_published", "withdraw"),
    activate_event="rollback",
    audit_digest="detail",
    changed=_snapshot_regions,
    unknown_version="unknown_version",
)
TARGETS = Kind(
    name="targets",
    label="targets",
    pattern="targets/targets-{n:04d}.parquet",
    keyed=False,
    write=_write_frame,
    read=_read_frame,
    put_events=("targets_changed",),
    activate_event=None,
    audit_digest="line",
    unknown_version="unknown_version",
    checksum_required=False,
)
JAKON = Kind(
    name="jakon",
    label="Jakon",
    pattern="jakon/jakon-{n:04d}.parquet",
    keyed=False,
    write=_write_frame,
    read=_read_frame,
    put_events=("jakon_published",),
    activate_event="jakon_rollback",
    audit_digest="detail",
    changed=changed_project_regions,
    unknown_version="unknown_jakon_version",
)
BOUNDARIES = Kind(
    name="boundaries",
    label="boundaries",
    pattern="boundaries/boundaries-{n:04d}.geojson",
    keyed=False,
    write=_write_text,
    read=_read_geojson,
    put_events=("boundaries_imported",),
    activate_event=None,
    audit_digest="line",
    unknown_version="unknown_version",
    checksum_required=False,
)

#: The Pemda programmes: who is enrolled, per month, region and programme (merged like snapshots)…
PROGRAMMES = Kind(
    name="programmes",
    label="programmes",
    pattern="programmes/beneficiaries-{n:04d}.parquet",
    keyed=False,
    write=_write_frame,
    read=_read_frame,
    put_events=("programmes_published",),
    activate_event="programmes_rollback",
    audit_digest="detail",
    changed=changed_beneficiary_regions,
    unknown_version="unknown_programmes_version",
)
#: … and what each programme's funder allocated for a year.
BUDGETS = Kind(
    name="budgets",
    label="budgets",
    pattern="programmes/budgets-{n:04d}.parquet",
    keyed=False,
    write=_write_frame,
    read=_read_frame,
    put_events=("budgets_published",),
    activate_event="budgets_rollback",
    audit_digest="detail",
    changed=changed_budget_funders,
    unknown_version="unknown_budgets_version",
)

#: Every kind, in the order ``check`` reports on them.
KINDS: dict[str, Kind] = {k.name: k for k in (SNAPSHOTS, JAKON, TARGETS, BOUNDARIES, PROGRAMMES, BUDGETS)}
#: Audit event → (the kind, "put" or "activate").
EVENT_KINDS: dict[str, tuple[Kind, str]] = {
    **{e: (k, "put") for k in KINDS.values() for e in k.put_events},
    **{k.activate_event: (k, "activate") for k in KINDS.values() if k.activate_event},
}
