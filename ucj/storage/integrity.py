"""``python -m ucj check``: the store held to its audit log.

The audit log is replayed (``_effective`` keeps the lines whose write reached the manifest, ``_replay``
makes of them the store as written); every version, pointer, register, target table, boundary file
and the accounts in the manifest must be what the replay says, and every stored file must still
have the checksum recorded when it was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .audit import AuditLog, head_problems
from .files import cached_sha256
from .records import MANIFEST


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
    - every stored file (snapshots, targets, Jakon register, boundaries) against its checksum;
    - the manifest against the audit log replayed: every version, the targets, boundaries and
      register in force, every active pointer and the accounts must be what the audit lines
      say was written, and nothing the audit lines record may be missing from the manifest."""
    lines, entries, chain = store.audit.examine()
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
    changes = [e for e in entries if e.get("event") not in NOT_STATE]
    if not has_manifest and changes:
        problems.append(f"manifest.json: missing, but the audit log records {len(changes)} changes to the store")
        return problems
    effective, late = _effective(changes, int(m.get("revision", 0)), head["lines"] if head else None)
    problems += late
    audit = _replay(effective)
    for period, entry in sorted(m["periods"].items()):
        for v in entry["versions"]:
            where = f"{v['path']} ({period} v{v['version']})"
            recorded = v.get("file_sha256")
            problems += _file_problems(store.data_dir, v["path"], recorded, where, required=True)
            key = (period, v["version"])
            if key not in audit.versions:
                problems.append(f"{where}: no audit record")
            elif audit.versions[key] != recorded:
                problems.append(f"{where}: manifest checksum differs from the audit record")
        if period in audit.active and entry.get("active") != audit.active[period]:
            problems.append(
                f"{period}: active version v{entry.get('active')} in manifest.json, but the audit log makes "
                f"v{audit.active[period]} active (the pointer was moved without a rollback)"
            )
    for period, version in sorted(audit.versions):
        entry = m["periods"].get(period, {})
        if all(v["version"] != version for v in entry.get("versions", [])):
            problems.append(f"{period} v{version}: published (audit log) but missing from manifest.json")
    for version, digest in sorted(audit.jakon.items()):
        ours = [v for v in m.get("jakon_versions", []) if v["version"] == version]
        if not ours:
            problems.append(f"Jakon v{version}: published (audit log) but missing from manifest.json")
        elif digest and ours[0].get("file_sha256") != digest:
            problems.append(f"{ours[0]['path']}: manifest checksum differs from the audit record")
    for v in m.get("jakon_versions", []):
        problems += _file_problems(store.data_dir, v["path"], v.get("file_sha256"), v["path"], required=True)
        if v["version"] not in audit.jakon:
            problems.append(f"{v['path']}: no audit record")
    if m.get("jakon_versions") and m.get("jakon_active") != audit.jakon_active:
        problems.append(
            f"Jakon: v{m.get('jakon_active')} in force in manifest.json, but the audit log makes "
            f"v{audit.jakon_active} the one in force (moved without a rollback)"
        )
    for kind in ("targets", "boundaries"):
        rel, digest = m.get(kind), m.get(f"{kind}_sha256")
        if rel:
            problems += _file_problems(store.data_dir, rel, digest, rel, required=False)
        said = getattr(audit, kind)
        if rel and said is None:
            problems.append(f"{rel}: no audit record")
        elif said is not None and not rel:
            problems.append(f"{kind} v{said[0]}: recorded (audit log) but missing from manifest.json")
        elif said is not None and (said[0], said[1]) != (m.get(f"{kind}_version"), digest):
            problems.append(
                f"{rel}: manifest records v{m.get(f'{kind}_version')} with another checksum than the audit "
                f"record (v{said[0]})"
            )
    digests = [e.get("sha256") for e in entries if e.get("event") in ACCOUNT_EVENTS and e.get("sha256")]
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
    """The store as its audit log says it was written."""

    versions: dict
    active: dict
    jakon: dict
    jakon_active: int | None = None
    targets: tuple | None = None
    boundaries: tuple | None = None


def _replay(effective: list[dict]) -> _Replayed:
    out = _Replayed({}, {}, {})
    for e in effective:
        event, d = e.get("event"), e.get("detail") or {}
        if event == "targets_changed":
            out.targets = (d.get("version"), e.get("sha256"))
        elif event == "boundaries_imported":
            out.boundaries = (d.get("version"), e.get("sha256"))
        elif event == "jakon_published":
            out.jakon[d.get("version")] = d.get("file_sha256")  # None on lines from before it was recorded
            out.jakon_active = d.get("version")
        elif event == "jakon_rollback":
            out.jakon_active = d.get("version")
        elif "period" in d and "version" in d:
            # A new version of a month (a publish, or any later kind that records its file), or a rollback.
            if "file_sha256" in d:
                out.versions[(d["period"], d["version"])] = d["file_sha256"]
            out.active[d["period"]] = d["version"]
    return out
