"""``python -m ucj check``: the store held to its audit log.

The audit log is replayed (``_effective`` keeps the lines whose write reached the manifest, ``_replay``
makes of them the store as written, by the events each kind declares in ``ucj.storage.kinds``); every
version and pointer of every kind, and the accounts, in the manifest must be what the replay says,
and every stored file must still have the checksum recorded when it was written. One loop over the
kinds: the manifest records them all in one shape (``ucj.storage.records``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .audit import AuditLog, head_problems
from .files import cached_sha256
from .kinds import EVENT_KINDS, KINDS, SERIES, Kind
from .records import MANIFEST, entries


class Checked(Protocol):
    """What ``check`` reads of a store (``ucj.storage.store.Store``)."""

    data_dir: Path
    audit: AuditLog

    def manifest(self) -> dict: ...

    def accounts_digest(self) -> str: ...


def check(store: Checked) -> list[str]:
    """Everything wrong with the store (empty when intact), one English sentence each:

    - the audit chain (and, with an audit key, every line's HMAC) and its head, as kept in
      ``audit.head`` and in the manifest;
    - every stored file of every kind (snapshots, targets, Jakon register, boundaries) against
      its checksum;
    - the manifest against the audit log replayed: every version and every active pointer of
      every kind, and the accounts, must be what the audit lines say was written, and nothing the
      audit lines record may be missing from the manifest."""
    lines, logged, chain = store.audit.examine()
    problems = [f"audit.log {p}" for p in chain]
    has_manifest = (store.data_dir / MANIFEST).exists()
    m = store.manifest()
    head = m.get("audit_head")
    recorded_head = store.audit.recorded_head()
    if head is not None:
        problems += head_problems(lines, head, store.audit.key, "manifest.json audit head")
        if recorded_head is None:
            problems.append("audit.head: missing (the log's head after its last line is not known)")
    noted = (recorded_head or {}).get("revision")
    if has_manifest and isinstance(noted, int) and noted != int(m.get("revision", 0)):
        problems.append(
            f"manifest.json: at revision {m.get('revision', 0)}, but audit.head recorded revision {noted} "
            + (
                "(a crash after the manifest: `python -m ucj check --repair-tail` records it)"
                if noted == int(m.get("revision", 0)) - 1
                else "(an earlier manifest was put back)"
            )
        )
    changes = [e for e in logged if e.get("event") not in NOT_STATE]
    if not has_manifest and changes:
        problems.append(f"manifest.json: missing, but the audit log records {len(changes)} changes to the store")
        return problems
    effective, late = _effective(changes, int(m.get("revision", 0)), head["lines"] if head else None)
    problems += late
    replayed = _replay(effective)
    for kind in KINDS.values():
        problems += _kind_problems(store.data_dir, kind, entries(m, kind.name), replayed)
    digests = [e.get("sha256") for e in logged if e.get("event") in ACCOUNT_EVENTS and e.get("sha256")]
    if digests and store.accounts_digest() != digests[-1]:
        problems.append(
            "accounts.json: the accounts differ from those the last account change recorded (changed by hand)"
        )
    return problems


def _file_problems(data_dir: Path, rel: str, recorded: str | None, where: str, *, required: bool) -> list[str]:
    path = data_dir / rel
    if not path.exists():
        return [f"{where}: missing"]
    if not recorded:
        return [f"{where}: no checksum recorded"] if required else []
    if cached_sha256(path) != recorded:
        return [f"{where}: altered (checksum differs from the one recorded)"]
    return []


#: Audit events that change no manifest (every other event records a manifest revision).
NOT_STATE = frozenset(
    {
        "sign_in",
        "sign_in_failed",
        "account_locked",
        "upload_refused",
        "access_denied",
        "user_added",
        "user_removed",
        "user_unlocked",
        "audit_repaired",
        "store_restored",
    }
)
ACCOUNT_EVENTS = ("user_added", "user_removed", "user_unlocked")


def _effective(changes: list[dict], revision: int, head_lines: int | None) -> tuple[list[dict], list[str]]:
    """The audit lines whose write reached the manifest, and what is wrong. A write appends its line
    first and then saves the manifest as revision ``detail.revision``; a crash between the two leaves
    a line the manifest never saw, and the next write records the same revision again (the later
    line is the one saved). A line of a revision above the manifest's is such a leftover, unless
    the manifest's audit head covers it: then the manifest was taken back."""
    legacy, by_revision = [], {}
    for e in changes:
        r = (e.get("detail") or {}).get("revision")
        if isinstance(r, int):
            by_revision[r] = e
        else:
            legacy.append(e)  # written before lines recorded their revision
    problems, kept = [], list(legacy)
    for r, e in by_revision.items():
        if r <= revision:
            kept.append(e)
        elif head_lines is not None and e.get("seq", 0) <= head_lines:
            problems.append(
                f"audit.log line {e.get('seq')}: {e.get('event')} saved manifest revision {r}, but manifest.json "
                f"is at revision {revision} (an earlier manifest was put back)"
            )
    return sorted(kept, key=lambda e: e.get("seq", 0)), problems


@dataclass
class _Replayed:
    """The store as its audit log says it was written: (kind, key) → {version: the stored file's
    checksum, None when the line did not record it}, and (kind, key) → the version in force."""

    versions: dict[tuple[str, str], dict[int, str | None]] = field(default_factory=dict)
    active: dict[tuple[str, str], int] = field(default_factory=dict)


def _replay(effective: list[dict]) -> _Replayed:
    out = _Replayed()
    for e in effective:
        found = EVENT_KINDS.get(e.get("event", ""))
        if found is None:
            continue
        kind, what = found
        d = e.get("detail") or {}
        where = (kind.name, str(d.get("period")) if kind.keyed else SERIES)
        version = d.get("version")
        if not isinstance(version, int):
            continue
        if what == "put":
            digest = d.get("file_sha256") if kind.audit_digest == "detail" else e.get("sha256")
            out.versions.setdefault(where, {})[version] = digest
        out.active[where] = version
    return out


def _kind_problems(data_dir: Path, kind: Kind, stored: dict[str, dict], replayed: _Replayed) -> list[str]:
    """What is wrong with one kind: its files against their checksums, and the manifest's versions
    and pointers against the audit log replayed."""
    problems = []
    keys = set(stored) | {key for k, key in replayed.versions if k == kind.name}
    for key in sorted(keys):
        entry = stored.get(key, {})
        said = replayed.versions.get((kind.name, key), {})
        label = key if kind.keyed else kind.label
        for v in entry.get("versions", []):
            where = f"{v['path']} ({key} v{v['version']})" if kind.keyed else v["path"]
            recorded = v.get("file_sha256")
            problems += _file_problems(data_dir, v["path"], recorded, where, required=kind.checksum_required)
            if v["version"] not in said:
                problems.append(f"{where}: no audit record")
            elif said[v["version"]] is not None and said[v["version"]] != recorded:
                problems.append(f"{where}: manifest checksum differs from the audit record")
        active = replayed.active.get((kind.name, key))
        if entry and active is not None and entry.get("active") != active:
            problems.append(
                f"{label}: active version v{entry.get('active')} in manifest.json, but the audit log makes "
                f"v{active} active (the pointer was moved without a rollback)"
            )
        ours = {v["version"] for v in entry.get("versions", [])}
        # A single table of format 1 recorded only the version in force (``from``), not the ones before it.
        for version in sorted(n for n in said if n not in ours and n >= entry.get("from", 0)):
            problems.append(f"{label} v{version}: published (audit log) but missing from manifest.json")
    return problems
