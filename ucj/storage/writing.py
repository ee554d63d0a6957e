"""The store's one write seam, and who acts.

Every write goes through ``Writer._transaction`` (the writers' lock around the work; a replica
overrides it to run the work on the newest shared version and publish the result). A write of an
artefact goes through ``_put`` (lock → sweep → guard → manifest → next number → atomic write →
checksum → record → log → audit → save) or ``activate`` (the same, making an earlier version the
one in force), for every kind declared in ``ucj.storage.kinds``; the store's public methods
(``ucj.storage.store``) only say what their kind's new version holds.

The audit line goes before the manifest swap: a crash in between leaves an event for a version
that never became visible, never a visible version without its event.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

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
from ..core.merge import summarize_codes
from . import integrity
from .audit import AuditLog
from .files import file_sha256, write_atomic
from .integrity import ACCOUNT_EVENTS
from .kinds import KINDS, Kind
from .reading import StoreReader
from .records import MANIFEST, StoreDamaged, StoreError, next_revision, record_of, utc_now

T = TypeVar("T")
#: ``Put.sha256``: the line records the stored file's checksum.
THE_FILE = object()


@dataclass
class Put:
    """What a write of one kind puts, as its store method builds it under the writers' lock."""

    #: The new version's content: a frame for a Parquet kind, text for GeoJSON.
    data: object
    #: The log's action and the audit event.
    action: str
    event: str
    #: Recorded with the version in the manifest, besides its number, path, checksum, user and time.
    record: dict = field(default_factory=dict)
    #: The log line, besides the action, key, number, user and time; None: the whole record.
    log: dict | None = None
    #: The audit line's regions, ``sha256`` (an uploaded file's; THE_FILE: the stored file's) and
    #: detail, besides the revision, key, number (and, as the kind declares, the file's checksum).
    regions: list[str] | tuple[str, ...] = ()
    sha256: object = THE_FILE
    detail: dict = field(default_factory=dict)


class Writer(StoreReader):
    """A store's readers with its one write seam, its accounts and its audit log."""

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

    # --- the seam ------------------------------------------------------------------------------

    def _transaction(self, work: Callable[[], T]) -> T:
        """The one write seam: ``work`` under the writers' lock, its result returned. Every write of
        the store comes through here; a replica overrides it (``ucj.storage.replica``)."""
        with self._lock():
            return work()

    def _lock(self) -> FileLock:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.data_dir / ".ucj.lock"), timeout=120)

    def _change(self, change: Callable[[dict], T]) -> T:
        """``change(manifest)`` in a transaction on an intact store, the manifest saved after it."""

        def work() -> T:
            self._sweep()
            self._guard()
            m = self._load_manifest()
            out = change(m)
            self._save_manifest(m)
            return out

        return self._transaction(work)

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

    def _put(self, kind: Kind, key: str, actor: User, build: Callable[[dict, int], Put]) -> dict:
        """Stores a new version of ``kind`` (of ``key``) as the one in force: ``build(manifest,
        number)`` says what it holds (and may refuse, raising, before anything is written).
        Returns the version's record."""

        def change(m: dict) -> dict:
            entry = m["artefacts"].setdefault(kind.name, {}).setdefault(key, {"active": None, "versions": []})
            number = max((v["version"] for v in entry["versions"]), default=0) + 1
            put = build(m, number)
            rel = kind.path(key, number)
            write_atomic(self.data_dir / rel, lambda p: kind.write(put.data, p))
            digest = file_sha256(self.data_dir / rel)
            now, where = utc_now(), _key_part(kind, key)
            record = {"version": number, "path": rel, "file_sha256": digest, "user": actor.name, "uploaded_at": now,
                      **put.record}  # fmt: skip
            entry["versions"].append(record)
            entry["active"] = number
            said = record if put.log is None else {"version": number, "user": actor.name, "uploaded_at": now, **put.log}
            m.setdefault("log", []).append({"action": put.action, **where, **said})
            detail = {"revision": next_revision(m), **where, "version": number, **put.detail}
            if kind.audit_digest == "detail":
                detail["file_sha256"] = digest
            sha256 = digest if put.sha256 is THE_FILE else put.sha256
            self.audit.append(put.event, actor, regions=put.regions, sha256=sha256, detail=detail)  # type: ignore[arg-type]
            return record

        return self._change(change)

    def activate(self, kind_name: str, key: str, version: int, *, user: User | str = "") -> None:
        """Makes an earlier version of ``kind_name`` (of ``key``) the one in force again, recorded in
        the log and audited. The user's role must allow a rollback of every region whose figures
        would change. Raises StoreError (an unknown version, or the version already in force: nothing
        is written) or AccessDenied."""
        kind = KINDS[kind_name]
        event = kind.activate_event
        if event is None:
            raise ValueError(f"no version of {kind.name} is made active again")
        actor = self.actor(user)

        def change(m: dict) -> None:
            entry = m["artefacts"].get(kind.name, {}).get(key)
            where = _key_part(kind, key)
            if record_of(entry, version) is None:
                raise StoreError(kind.unknown_version, **where, version=version)
            assert entry is not None, "a known version has its entry"
            then = self.read(kind.name, key, version, m)
            changed = kind.changed(self.read(kind.name, key, manifest=m), then) if kind.changed else []
            self.authorize(actor, "rollback", changed, **where, version=version)
            if entry.get("active") == version:  # nothing would change: no version change is written
                raise StoreError("already_active", **where, version=version)
            entry["active"] = version
            m.setdefault("log", []).append(
                {"action": event, **where, "version": version, "user": actor.name, "uploaded_at": utc_now()}
            )
            detail = {"revision": next_revision(m), **where, "version": version}
            self.audit.append(event, actor, regions=summarize_codes(changed), detail=detail)

        self._change(change)

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
        - every stored file of every kind against its checksum;
        - the manifest against the audit log replayed: every version of every kind, every active
          pointer and the accounts must be what the audit lines say was written, and nothing the
          audit lines record may be missing from the manifest."""
        return integrity.check(self)

    def repair_audit_tail(self, user: User | str | None = None) -> dict | None:
        """``python -m ucj check --repair-tail`` (admins): drops an unterminated partial last line of
        the audit log, or records the head a crash left one line behind; audited. Returns the
        repair's audit line, None when there was nothing to repair."""
        actor = self.actor(user)
        self.authorize(actor, "admin", what="check --repair-tail")

        def work() -> dict | None:
            has_manifest = (self.data_dir / MANIFEST).exists()
            return self.audit.repair_tail(actor, int(self.manifest().get("revision", 0)) if has_manifest else None)

        return self._transaction(work)

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

        def work() -> object:
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

        return self._transaction(work)

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


def _key_part(kind: Kind, key: str) -> dict:
    """What a log or audit line says of the key: the period of a snapshot, nothing for a single series."""
    return {"period": key} if kind.keyed else {}


def _accounts_digest(accounts: dict[str, Account]) -> str:
    body = {n: [a.role, list(a.regions), a.password_hash] for n, a in sorted(accounts.items())}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()
