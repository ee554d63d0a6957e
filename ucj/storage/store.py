"""The files on disk: Parquet snapshots partitioned by period, their versions, targets, the log.

Layout under the data directory::

    manifest.json                        which version of each period is active, every upload
    snapshots/period=2025-07/v0001.parquet
    targets/targets-0001.parquet
    .ucj.lock                            held by writers

Each snapshot file holds the whole month as of its version: publishing merges the file's
region × sector rows into the active version (see ``ucj.core.merge``) under the writers' lock, or, on
purpose, replaces the month. Snapshot and target files are written once and never changed. A write puts the new file in
place first and then swaps ``manifest.json`` atomically (``os.replace``), so a crash at any point
leaves the previous manifest, and with it the previous state, complete. Writers hold a file lock
for the whole read–modify–write, so concurrent uploads are serialised and all recorded.

This module is the write path. The readers are in ``ucj.storage.reading`` (``Store`` extends
``StoreReader``), ``check`` in ``ucj.storage.integrity``, atomic writes and checksums in
``ucj.storage.files``, the manifest's records and the store's errors in ``ucj.storage.records``
(re-exported here), and which regions a write changes in ``ucj.storage.changes``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable

import pandas as pd
from filelock import FileLock

from ..core.accounts import (
    ACCOUNTS,
    AccessDenied,
    Account,
    User,
    accounts_from_json,
    accounts_to_json,
    authorize,
    local_mode_user,
)
from ..core.merge import SOURCE_COLUMN, MergePlan, merge_month, summarize_codes
from ..core.schema import SNAPSHOT_COLUMNS, TARGET_COLUMNS, empty_snapshot
from . import integrity
from .audit import AuditLog
from .changes import changed_project_regions, changed_regions, changed_targets, with_provenance
from .files import file_sha256, write_atomic
from .integrity import ACCOUNT_EVENTS
from .reading import StoreReader

# The manifest's records and the store's errors live in ucj.storage.records; they are re-exported
# here on purpose, as the store's own interface (``from ucj.storage.store import StoreError``).
from .records import (
    ANY_VERSION,
    MANIFEST,
    LevelClash,
    MonthChanged,
    StoreDamaged,
    StoreError,
    Version,
    check_period,
    next_revision,
    periods_with_data,
    plain,
    utc_now,
)

__all__ = [
    "ANY_VERSION",
    "LevelClash",
    "MonthChanged",
    "Store",
    "StoreDamaged",
    "StoreError",
    "Version",
    "changed_regions",
    "changed_targets",
    "file_sha256",
    "periods_with_data",
]


class Store(StoreReader):
    """The snapshot store in one data directory, with its accounts and audit log.

    Every write takes the acting user (a ``User``, or a name: see ``actor``) and refuses, with
    AccessDenied, what the user's role or region scope does not allow; refusals are audited.
    """

    def __init__(self, data_dir: str | os.PathLike, audit_key: str | None = None):
        """``audit_key``: the key of the audit log's HMAC (None: ``UCJ_AUDIT_KEY`` from the environment)."""
        super().__init__(data_dir)
        if audit_key is None:
            from ..core.settings import load_settings

            # Only this variable: a store opens even when another UCJ_ setting cannot be read.
            audit_key = load_settings({"UCJ_AUDIT_KEY": os.environ.get("UCJ_AUDIT_KEY", "")}).audit_key
        # An account change's audit line records the accounts it left, which ``check`` holds them to.
        digests = dict.fromkeys(ACCOUNT_EVENTS, self.accounts_digest)
        self.audit = AuditLog(self.data_dir, key=audit_key or None, digests=digests)

    # --- who acts ----------------------------------------------------------------------------

    def accounts(self) -> dict[str, Account]:
        """The local accounts (empty when there are none)."""
        try:
            return accounts_from_json((self.data_dir / ACCOUNTS).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def update_accounts(
        self,
        change: Callable[[dict[str, Account]], object],
        audit: Callable[[object], dict | None] | None = None,
    ) -> object:
        """Runs ``change`` on the accounts under the writers' lock and saves them; returns its result.

        ``audit(result)``: the audit line of the change (``event``, ``user``, ``regions``, ``detail``)
        or None; it is appended in the same write, just before the accounts are saved, recording
        their digest, so that no state of the store has the accounts changed without their line. A change
        of who may do what (not a sign-in's failure count or lock) waits for an intact store."""
        with self._lock():
            accounts = self.accounts()
            before, locked = _accounts_digest(accounts), {n for n, a in accounts.items() if a.locked}
            out = change(accounts)
            if _accounts_digest(accounts) != before or any(n in accounts and not accounts[n].locked for n in locked):
                self._guard()
            text = accounts_to_json(accounts)
            # The line first, as a publish does: a failed append changes nothing.
            line = audit(out) if audit else None
            if line:
                self.audit.append(line.pop("event"), line.pop("user"), sha256=_accounts_digest(accounts), **line)
            # Password hashes are for the server alone: never readable by another user, not even briefly.
            write_atomic(self.data_dir / ACCOUNTS, lambda p: p.write_text(text, encoding="utf-8"), private=True)
        return out

    def accounts_digest(self) -> str:
        """SHA-256 of who the accounts are and what they may do (names, roles, regions, password
        hashes; not sign-in failure counts or locks): recorded in the audit line of an account change."""
        return _accounts_digest(self.accounts())

    def actor(self, user: User | str | None) -> User:
        """The user acting. A ``User`` is taken as it is (the web app signs it in); a name is the
        command line's ``--user``: with no local accounts it acts in local mode (every role), else
        it must name a known, unlocked account. Raises AccessDenied."""
        if isinstance(user, User):
            return user
        accounts = self.accounts()
        if not accounts:
            return local_mode_user(user or "")
        account = accounts.get(user or "")
        if account is None:
            self.audit.append("access_denied", None, detail={"reason": "unknown_user", "name": str(user)[:64]})
            raise AccessDenied("unknown_user", user=user or "-")
        if account.locked:
            raise AccessDenied("account_locked", user=account.name)
        return account.user()

    def authorize(self, user: User, action: str, codes: list[str] | tuple[str, ...] = (), **detail) -> None:
        """authorize(), recording a refusal in the audit log."""
        try:
            authorize(user, action, codes)
        except AccessDenied as exc:
            self.audit.append(
                "access_denied",
                user,
                regions=summarize_codes(list(codes)),
                detail={"action": action, "reason": exc.key, **detail},
            )
            raise

    # --- writing ---------------------------------------------------------------------------

    def _lock(self) -> FileLock:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.data_dir / ".ucj.lock"), timeout=120)

    def _sweep(self) -> None:
        """Removes temporary files a crashed writer left. Call with the lock held: every write
        happens under it, so any temporary file seen then belongs to no running writer."""
        for tmp in self.data_dir.rglob(".*.tmp"):
            tmp.unlink(missing_ok=True)

    def _save_manifest(self, m: dict) -> None:
        m["revision"] = int(m.get("revision", 0)) + 1
        # The audit chain's head as of this version: a log cut short or rewritten no longer reaches it.
        m["audit_head"] = self.audit.head()
        text = json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.data_dir / MANIFEST, lambda p: p.write_text(text, encoding="utf-8"))
        self.audit.note_revision(m["revision"])

    def plan_publish(self, rows: pd.DataFrame, *, period: str, mode: str = "merge") -> tuple[int | None, MergePlan]:
        """(the active version of ``period``, what publishing ``rows`` over it would make): stores nothing."""
        active, current = self._active_rows(self.manifest(), period)
        return active, merge_month(current, rows[SNAPSHOT_COLUMNS], mode)

    def publish(
        self,
        rows: pd.DataFrame,
        *,
        period: str,
        user: User | str,
        file_name: str,
        sha256: str,
        mode: str = "merge",
        expected_active: object = ANY_VERSION,
    ) -> Version:
        """Stores ``rows`` in ``period`` as a new, active version of the month.

        ``mode="merge"`` replaces the region × sector cells the rows give and keeps the others;
        ``mode="replace"`` makes the rows the whole month. With ``expected_active``, the publish is
        refused (MonthChanged) unless that version is still the active one, so what a user confirmed
        is what happens. Raises LevelClash when the rows would double-count a stored region, and
        AccessDenied when ``user`` may not write every region the publish changes or removes.
        """
        check_period(period)
        actor = self.actor(user)
        new = rows[SNAPSHOT_COLUMNS].reset_index(drop=True)
        if not (new["period"] == period).all():
            raise StoreError("several_periods", periods=", ".join(sorted(set(map(str, new["period"])))))
        with self._lock():
            self._sweep()
            self._guard()
            m = self.manifest()
            active, current = self._active_rows(m, period)
            if expected_active is not ANY_VERSION and expected_active != active:
                raise MonthChanged("month_changed", period=period, expected=expected_active or "-", active=active)
            plan = merge_month(current, new, mode)
            self.authorize(actor, "upload", plan.changed + plan.removed, period=period, file_sha256=sha256)
            if plan.clashes:
                raise LevelClash(plan.clashes)
            entry = m["periods"].setdefault(period, {"active": None, "versions": []})
            number = max((v["version"] for v in entry["versions"]), default=0) + 1
            frame = plan.rows
            frame[SOURCE_COLUMN] = frame[SOURCE_COLUMN].fillna(number).astype("Int32")
            rel = f"snapshots/period={period}/v{number:04d}.parquet"
            write_atomic(self.data_dir / rel, lambda p: frame.to_parquet(p, index=False))
            version = Version(
                period,
                number,
                utc_now(),
                actor.name,
                file_name,
                sha256,
                len(new),
                rel,
                mode=mode,
                base=active,
                regions=tuple(summarize_codes(plan.changed)),
                n_regions=len(plan.changed),
                removed=tuple(summarize_codes(plan.removed)),
                n_removed=len(plan.removed),
                month_rows=len(frame),
                file_sha256=file_sha256(self.data_dir / rel),
            )
            record = {k: plain(getattr(version, k)) for k in Version.__dataclass_fields__ if k != "period"}
            entry["versions"].append(record)
            entry["active"] = number
            m.setdefault("log", []).append({"action": "upload", "period": period, **record})
            # The audit line goes first: a crash before the manifest swap leaves an event for a version
            # that never became visible, never a visible version without its event.
            self.audit.append(
                "upload_published",
                actor,
                regions=version.regions,
                sha256=sha256,
                detail={
                    "revision": next_revision(m),
                    "period": period,
                    "version": number,
                    "mode": mode,
                    "file_name": file_name,
                    "file_sha256": version.file_sha256,
                    "removed": list(version.removed),
                },
            )
            self._save_manifest(m)
        return version

    def rollback(self, period: str, version: int, *, user: User | str = "") -> None:
        """Makes an earlier version of ``period`` the active one again (recorded in the log).

        An analyst may do so only when every region whose figures would change is in scope.
        Raises StoreError("unknown_version") or AccessDenied.
        """
        actor = self.actor(user)
        with self._lock():
            self._sweep()
            self._guard()
            m = self.manifest()
            entry = m["periods"].get(period)
            if not entry or all(v["version"] != version for v in entry["versions"]):
                raise StoreError("unknown_version", period=period, version=version)
            changed = changed_regions(
                self._version_rows(entry, entry.get("active")), self._version_rows(entry, version)
            )
            self.authorize(actor, "rollback", changed, period=period, version=version)
            entry["active"] = version
            m.setdefault("log", []).append(
                {
                    "action": "rollback",
                    "period": period,
                    "version": version,
                    "user": actor.name,
                    "uploaded_at": utc_now(),
                }
            )
            self.audit.append(
                "rollback",
                actor,
                regions=summarize_codes(changed),
                detail={"revision": next_revision(m), "period": period, "version": version},
            )
            self._save_manifest(m)

    def withdraw(self, period: str, *, user: User | str = "") -> Version:
        """Empties ``period``: a new, active version of the month with no rows, audited as
        "withdraw" and listed with the other versions, so ``rollback`` to an earlier version
        restores the month. Admins only (AccessDenied). Raises StoreError for a month without data."""
        check_period(period)
        actor = self.actor(user)
        self.authorize(actor, "admin", period=period, flag="withdraw")
        with self._lock():
            self._guard()
            self._sweep()
            m = self.manifest()
            active, current = self._active_rows(m, period)
            if current is None or current.empty:
                raise StoreError("nothing_to_withdraw", period=period)
            entry = m["periods"][period]
            number = max(v["version"] for v in entry["versions"]) + 1
            frame = empty_snapshot().assign(**{SOURCE_COLUMN: pd.array([], dtype="Int32")})
            rel = f"snapshots/period={period}/v{number:04d}.parquet"
            write_atomic(self.data_dir / rel, lambda p: frame.to_parquet(p, index=False))
            removed = sorted(set(map(str, current["region_code"])))
            version = Version(
                period,
                number,
                utc_now(),
                actor.name,
                "",
                "",
                0,
                rel,
                mode="withdraw",
                base=active,
                removed=tuple(summarize_codes(removed)),
                n_removed=len(removed),
                month_rows=0,
                file_sha256=file_sha256(self.data_dir / rel),
            )
            record = {k: plain(getattr(version, k)) for k in Version.__dataclass_fields__ if k != "period"}
            entry["versions"].append(record)
            entry["active"] = number
            m.setdefault("log", []).append({"action": "withdraw", "period": period, **record})
            # As with a publish, the audit line goes before the manifest swap.
            self.audit.append(
                "withdraw",
                actor,
                regions=version.removed,
                detail={
                    "revision": next_revision(m),
                    "period": period,
                    "version": number,
                    "mode": "withdraw",
                    "base": active,
                    "file_sha256": version.file_sha256,
                    "removed": list(version.removed),
                },
            )
            self._save_manifest(m)
        return version

    def save_targets(
        self,
        targets: pd.DataFrame | Callable[[pd.DataFrame], pd.DataFrame],
        *,
        user: User | str = "",
        file_name: str = "",
    ) -> None:
        """Replaces the target table (older tables stay on disk, as with snapshots).

        ``targets`` may be a function of the current table: it then runs under the writers' lock,
        so two saves at once cannot drop each other's rows. Raises AccessDenied when a changed,
        added or deleted row's region is outside the user's scope.
        """
        actor = self.actor(user)
        with self._lock():
            self._sweep()
            self._guard()
            m = self.manifest()
            current = self.read_targets(m)
            new = targets(current) if callable(targets) else targets
            frame = new[TARGET_COLUMNS].reset_index(drop=True)
            changed = changed_targets(current, frame)
            frame = with_provenance(current, frame, actor.name, utc_now())
            self.authorize(actor, "targets", changed, file_name=file_name)
            number = int(m.get("targets_version", 0)) + 1
            rel = f"targets/targets-{number:04d}.parquet"
            write_atomic(self.data_dir / rel, lambda p: frame.to_parquet(p, index=False))
            digest = file_sha256(self.data_dir / rel)
            m["targets"], m["targets_version"], m["targets_sha256"] = rel, number, digest
            m.setdefault("log", []).append(
                {
                    "action": "targets",
                    "version": number,
                    "user": actor.name,
                    "file_name": file_name,
                    "rows": len(frame),
                    "uploaded_at": utc_now(),
                }
            )
            self.audit.append(
                "targets_changed",
                actor,
                regions=changed,
                sha256=digest,
                detail={"revision": next_revision(m), "version": number, "file_name": file_name, "rows": len(frame)},
            )
            self._save_manifest(m)

    # --- the Monev Jakon project register ------------------------------------------------------

    def publish_jakon(self, projects: pd.DataFrame, *, user: User | str = "", file_name: str = "",
                      sha256: str = "") -> int:  # fmt: skip
        """Publishes a validated project list, merged by region: the projects of every region in
        the list replace that region's earlier ones; other regions keep theirs. An analyst may send
        only her regions (AccessDenied otherwise). Returns the new version's number."""
        actor = self.actor(user)
        regions_sent = sorted(set(projects["region_code"]))
        self.authorize(actor, "upload", regions_sent, file_name=file_name)
        with self._lock():
            self._sweep()
            self._guard()
            m = self.manifest()
            current = self.read_jakon(m)
            kept = current[~current["region_code"].isin(regions_sent)] if current is not None else None
            frame = pd.concat([kept, projects], ignore_index=True) if kept is not None else projects
            frame = frame.sort_values(["region_code", "opd", "project"], kind="stable").reset_index(drop=True)
            number = max((v["version"] for v in m.get("jakon_versions", [])), default=0) + 1
            rel = f"jakon/jakon-{number:04d}.parquet"
            write_atomic(self.data_dir / rel, lambda p: frame.to_parquet(p, index=False))
            digest = file_sha256(self.data_dir / rel)
            entry = {"version": number, "path": rel, "file_sha256": digest, "user": actor.name,
                     "file_name": file_name, "uploaded_at": utc_now(), "regions": summarize_codes(regions_sent),
                     "projects": len(projects)}  # fmt: skip
            m.setdefault("jakon_versions", []).append(entry)
            m["jakon_active"] = number
            log = {"action": "jakon", "version": number, "user": actor.name, "file_name": file_name,
                   "rows": len(projects), "uploaded_at": utc_now()}  # fmt: skip
            m.setdefault("log", []).append(log)
            detail = {"revision": next_revision(m), "version": number, "file_name": file_name,
                      "projects": len(projects), "file_sha256": digest}  # fmt: skip
            summary = summarize_codes(regions_sent)
            self.audit.append("jakon_published", actor, regions=summary, sha256=sha256 or digest, detail=detail)
            self._save_manifest(m)
        return number

    def rollback_jakon(self, version: int, *, user: User | str = "") -> None:
        """Makes an earlier version of the register the one in force. An analyst may do so only when
        every region whose projects would change is hers. Raises StoreError or AccessDenied."""
        actor = self.actor(user)
        with self._lock():
            self._sweep()
            self._guard()
            m = self.manifest()
            if all(v["version"] != version for v in m.get("jakon_versions", [])):
                raise StoreError("unknown_jakon_version", version=version)
            now, then = self.read_jakon(m), self.read_jakon(m, version)
            changed = changed_project_regions(now, then)
            self.authorize(actor, "rollback", changed, version=version)
            m["jakon_active"] = version
            m.setdefault("log", []).append(
                {"action": "jakon_rollback", "version": version, "user": actor.name, "uploaded_at": utc_now()}
            )
            detail = {"revision": next_revision(m), "version": version}
            self.audit.append("jakon_rollback", actor, regions=summarize_codes(changed), detail=detail)
            self._save_manifest(m)

    def save_boundaries(self, geojson: dict, *, user: User | str = "", file_name: str = "") -> int:
        """Keeps a boundary file (already matched and simplified by ``ucj.intake.boundaries``) as the one
        the maps draw; the earlier one stays on disk. Admins only. Returns its number."""
        actor = self.actor(user)
        self.authorize(actor, "admin", file_name=file_name)
        text = json.dumps(geojson, ensure_ascii=False, separators=(",", ":"))
        with self._lock():
            self._sweep()
            self._guard()
            m = self.manifest()
            number = int(m.get("boundaries_version", 0)) + 1
            rel = f"boundaries/boundaries-{number:04d}.geojson"
            write_atomic(self.data_dir / rel, lambda p: p.write_text(text, encoding="utf-8"))
            digest = file_sha256(self.data_dir / rel)
            m["boundaries"], m["boundaries_version"], m["boundaries_sha256"] = rel, number, digest
            regions_n = len(geojson.get("features", []))
            m.setdefault("log", []).append(
                {"action": "boundaries", "version": number, "user": actor.name, "file_name": file_name,
                 "rows": regions_n, "uploaded_at": utc_now()}
            )  # fmt: skip
            self.audit.append(
                "boundaries_imported",
                actor,
                sha256=digest,
                detail={"revision": next_revision(m), "version": number, "file_name": file_name, "regions": regions_n},
            )
            self._save_manifest(m)
        return number

    def repair_audit_tail(self, user: User | str | None = None) -> dict | None:
        """``python -m ucj check --repair-tail`` (admins): drops an unterminated partial last line of
        the audit log, or records the head a crash left one line behind; audited. Returns the
        repair's audit line, None when there was nothing to repair."""
        actor = self.actor(user)
        self.authorize(actor, "admin", what="check --repair-tail")
        with self._lock():
            has_manifest = (self.data_dir / MANIFEST).exists()
            return self.audit.repair_tail(actor, int(self.manifest().get("revision", 0)) if has_manifest else None)

    def _guard(self) -> None:
        """Refuses a write (StoreDamaged) while ``check`` finds the store not intact: nothing is
        added to a store whose history no longer holds. Call with the writers' lock held."""
        problems = self.check()
        if problems:
            raise StoreDamaged("store_damaged", n=len(problems), first=problems[0])

    def check(self) -> list[str]:
        """Everything wrong with the store (empty when intact), one English sentence each (the
        replay and the checks are in ``ucj.storage.integrity``):

        - the audit chain (and, with an audit key, every line's HMAC) and its head, as kept in
          ``audit.head`` and in the manifest;
        - every stored file (snapshots, targets, Jakon register, boundaries) against its checksum;
        - the manifest against the audit log replayed: every version, the targets, boundaries and
          register in force, every active pointer and the accounts must be what the audit lines
          say was written, and nothing the audit lines record may be missing from the manifest."""
        return integrity.check(self)


def _accounts_digest(accounts: dict[str, Account]) -> str:
    body = {n: [a.role, list(a.regions), a.password_hash] for n, a in sorted(accounts.items())}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()
