"""The manifest's records and the store's refusals: what a stored version records, the errors a
request the store cannot honour raises, and the few rules on a manifest that readers share.

The manifest (format 2) records every kind of artefact in one shape::

    {"format": 2, "revision": 7, "audit_head": {...}, "log": [...],
     "artefacts": {"snapshots": {"2025-07": {"active": 2, "versions": [{"version": 1, ...}, ...]}},
                   "targets": {"all": {"active": 3, "versions": [...]}}, ...}}

A manifest written before (format 1: ``periods``, ``targets``/``targets_version``/``targets_sha256``,
``jakon_versions``/``jakon_active``, ``boundaries``/...) is converted on read (``upgrade``) and
written in this shape at the next write.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..core.errors import UcjError

MANIFEST = "manifest.json"
FORMAT = 2
#: The key of a kind that is a single series (the manifest records it under this one key).
SERIES = "all"


class StoreError(UcjError, ValueError):
    """A request the store cannot honour (unknown period or version); ``key`` is a message key."""


class StoreDamaged(StoreError):
    """A write refused because ``check`` finds the store not intact (the admin runs ``python -m ucj check``)."""


class MonthChanged(StoreError):
    """The month changed between the check a user confirmed and the publish (replacing a month)."""


class LevelClash(StoreError):
    """The file sends regions whose ancestors or descendants the stored month holds."""

    def __init__(self, clashes: list):
        self.clashes = clashes
        first = clashes[0]
        super().__init__(
            "level_clash_store",
            n=len(clashes),
            region=first.region_code,
            other=first.stored_code,
            version=first.source_version if first.source_version is not None else "?",
        )


#: ``expected_active`` not given: publish over whatever version is active.
ANY_VERSION = object()


@dataclass(frozen=True)
class Version:
    period: str
    version: int
    uploaded_at: str
    user: str
    file_name: str
    sha256: str
    rows: int
    path: str
    #: "merge" (the file's regions replaced, the others kept) or "replace" (the whole month).
    mode: str = "merge"
    #: The version the file was merged onto (None for a month's first version).
    base: int | None = None
    #: Region codes the file changed, cut to kabupaten/kota (see merge.summarize_codes), and how many
    #: regions it gave at its own level; the same for the regions a replaced month lost.
    regions: tuple[str, ...] = ()
    n_regions: int = 0
    removed: tuple[str, ...] = ()
    n_removed: int = 0
    #: Rows of the month after this version (the file's own are ``rows``).
    month_rows: int = 0
    #: SHA-256 of the stored Parquet file, for ``check``.
    file_sha256: str = ""


VERSION_KEYS = [k for k in Version.__dataclass_fields__ if k not in ("path", "period")]
NEW_KEYS = ["mode", "base", "regions", "n_regions", "removed", "n_removed", "month_rows", "file_sha256"]
# Records written before merging existed replaced the whole month.
DEFAULTS: dict[str, object] = {
    "mode": "replace",
    "base": None,
    "regions": [],
    "n_regions": None,
    "removed": [],
    "n_removed": None,
    "file_sha256": "",
}


def plain(v):
    return list(v) if isinstance(v, tuple) else v


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def next_revision(m: dict) -> int:
    """The revision the manifest will have once this write saves it (recorded in its audit line)."""
    return int(m.get("revision", 0)) + 1


def empty_manifest() -> dict:
    """The manifest of a data directory nothing was written to."""
    return {"format": FORMAT, "revision": 0, "artefacts": {}, "log": []}


def upgrade(m: dict) -> dict:
    """``m`` in the current shape: a format-1 manifest's kinds, each recorded its own way, moved into
    ``artefacts``. The single tables of format 1 recorded only the version in force; their entry
    says so with ``from`` (the audit log's earlier versions of them are not looked for)."""
    if "artefacts" in m:
        return m
    out = {k: v for k, v in m.items() if k not in _FORMAT_1_KEYS}
    artefacts: dict[str, dict] = {}
    if m.get("periods"):
        artefacts["snapshots"] = m["periods"]
    if m.get("jakon_versions"):
        artefacts["jakon"] = {SERIES: {"active": m.get("jakon_active"), "versions": m["jakon_versions"]}}
    for kind in ("targets", "boundaries"):
        if m.get(kind):
            number = int(m.get(f"{kind}_version") or 0)
            record = {"version": number, "path": m[kind], "file_sha256": m.get(f"{kind}_sha256")}
            artefacts[kind] = {SERIES: {"active": number, "versions": [record], "from": number}}
    out.update(format=FORMAT, artefacts=artefacts)
    out.setdefault("log", [])
    return out


_FORMAT_1_KEYS = frozenset(
    {
        "format",
        "periods",
        "targets",
        "targets_version",
        "targets_sha256",
        "jakon_versions",
        "jakon_active",
        "boundaries",
        "boundaries_version",
        "boundaries_sha256",
    }
)


def entries(m: dict, kind: str) -> dict[str, dict]:
    """Key → {"active": n, "versions": [records]} of one kind in manifest ``m`` (empty when none)."""
    return m.get("artefacts", {}).get(kind, {})


def record_of(entry: dict | None, version: int | None) -> dict | None:
    """The record of ``version`` in an entry of ``entries``, None when it has none."""
    for v in (entry or {}).get("versions", []):
        if v["version"] == version:
            return v
    return None


def periods_with_data(manifest: dict) -> list[str]:
    """Periods of ``manifest`` whose active version has rows, oldest first: a withdrawn month (its
    active version empty) is not a period with data, so no page or command opens on it."""
    out = []
    for p, e in entries(manifest, "snapshots").items():
        active = e.get("active")
        if not active:
            continue
        record: dict = next((v for v in e.get("versions", []) if v["version"] == active), {})
        # Records written before versions counted the month's rows have no month_rows: they have rows.
        if record.get("month_rows") == 0:
            continue
        out.append(p)
    return sorted(out)


_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_period(period: str) -> None:
    """A period names a folder on disk: only "YYYY-MM" is accepted, whoever calls."""
    if not isinstance(period, str) or not _PERIOD.match(period):
        raise StoreError("not_a_period")
