"""The audit log: append-only, one JSON line per event, each chained to the one before by a hash.

A line holds: seq, time (UTC), event, user, role, regions, sha256 (of the file concerned, if any),
detail, prev (the previous line's hash) and hash (SHA-256 of the line without it). Editing,
inserting or deleting a line breaks the chain at that point, which ``verify`` reports.

Events: sign_in, sign_in_failed, account_locked, upload_published, upload_refused, rollback,
targets_changed, boundaries_imported, jakon_published, jakon_rollback, user_added, user_removed,
user_unlocked, access_denied.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from filelock import FileLock

from .accounts import User, now

AUDIT = "audit.log"
GENESIS = "0" * 64
EVENTS = (
    "sign_in",
    "sign_in_failed",
    "account_locked",
    "upload_published",
    "upload_refused",
    "rollback",
    "withdraw",
    "targets_changed",
    "boundaries_imported",
    "jakon_published",
    "jakon_rollback",
    "user_added",
    "user_removed",
    "user_unlocked",
    "access_denied",
)


def line_hash(entry: dict) -> str:
    """SHA-256 of the entry without its own hash, keys sorted, as UTF-8."""
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def verify_lines(lines: list[str]) -> list[str]:
    """What is wrong with a log's lines (empty when the chain holds), one bilingual-free fact each:
    the line number and what broke."""
    problems = []
    prev = GENESIS
    for n, text in enumerate(lines, start=1):
        try:
            entry = json.loads(text)
        except json.JSONDecodeError:
            problems.append(f"line {n}: not a JSON record")
            prev = None
            continue
        if entry.get("seq") != n:
            problems.append(f"line {n}: sequence {entry.get('seq')} (a line was inserted or deleted)")
        if prev is not None and entry.get("prev") != prev:
            problems.append(f"line {n}: does not follow line {n - 1} (a line was changed, inserted or deleted)")
        if entry.get("hash") != line_hash(entry):
            problems.append(f"line {n}: its content does not match its hash (the line was edited)")
        prev = entry.get("hash")
    return problems


class AuditLog:
    """``audit.log`` in a data directory. Appends hold their own lock (not the writers' lock, which a
    publish holds while it appends)."""

    def __init__(self, data_dir: str | os.PathLike):
        self.path = Path(data_dir) / AUDIT

    def _lock(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.path.parent / ".audit.lock"), timeout=60)

    def append(
        self,
        event: str,
        user: User | None,
        *,
        regions: list[str] | tuple[str, ...] = (),
        sha256: str | None = None,
        detail: dict | None = None,
    ) -> dict:
        """Appends one event and returns it (with its hash). The line is on disk (fsynced) on return."""
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r}")
        with self._lock():
            last = self._last()
            entry = {
                "seq": (last["seq"] + 1) if last else 1,
                "time": now(),
                "event": event,
                "user": user.name if user else None,
                "role": user.role if user else None,
                "regions": sorted(regions),
                "sha256": sha256,
                "detail": detail or {},
                "prev": last["hash"] if last else GENESIS,
            }
            entry["hash"] = line_hash(entry)
            line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
            # One write() of the whole line on an O_APPEND descriptor: a process killed around it
            # leaves the line whole or absent, never half a line that would break the chain.
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        return entry

    def _last(self) -> dict | None:
        try:
            with open(self.path, "rb") as f:
                f.seek(0, os.SEEK_END)
                size = f.tell()
                f.seek(max(0, size - 65536))
                tail = f.read().decode("utf-8", errors="replace").strip().splitlines()
        except FileNotFoundError:
            return None
        if not tail:
            return None
        try:
            return json.loads(tail[-1])
        except json.JSONDecodeError:
            # A damaged last line: keep appending after it; ``verify`` reports the damage.
            return {"seq": len(self.lines()), "hash": hashlib.sha256(tail[-1].encode("utf-8")).hexdigest()}

    def lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []

    def entries(self) -> list[dict]:
        """Every event, oldest first (lines that are not JSON are left out; ``verify`` names them)."""
        out = []
        for text in self.lines():
            try:
                out.append(json.loads(text))
            except json.JSONDecodeError:
                continue
        return out

    def verify(self) -> list[str]:
        return verify_lines(self.lines())
