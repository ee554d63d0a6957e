"""The audit log: append-only, one JSON line per event, each chained to the one before by a hash.

A line holds: seq, time (UTC), event, user, role, regions, sha256 (of the file concerned, if any),
detail, prev (the previous line's hash) and hash (SHA-256 of the line without it; with an audit
key, ``UCJ_AUDIT_KEY``, an HMAC-SHA256 under that key, and ``mac`` says so). Editing, inserting or
deleting a line breaks the chain at that point, which ``verify`` reports.

The chain's head (how many lines, the last one's hash) is kept in ``audit.head`` after every append
and in every manifest version (``Store``), so a log cut short, or grown by a line nobody wrote
through ``append``, no longer matches its head. With a key the head carries an HMAC too.

Events: sign_in, sign_in_failed, account_locked, upload_published, upload_refused, rollback,
targets_changed, boundaries_imported, jakon_published, jakon_rollback, user_added, user_removed,
user_unlocked, access_denied, audit_repaired, store_restored.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from filelock import FileLock

from ..core.accounts import User, now
from ..core.errors import UcjError

AUDIT = "audit.log"
HEAD = "audit.head"
GENESIS = "0" * 64
MAC = "hmac-sha256"
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
    "programmes_published",
    "programmes_rollback",
    "budgets_published",
    "budgets_rollback",
    "user_added",
    "user_removed",
    "user_unlocked",
    "access_denied",
    "audit_repaired",
    "store_restored",
)


class AuditError(UcjError, ValueError):
    """The log cannot take a line (it ends in a partial line); ``key`` is a message key."""


def line_hash(entry: dict, key: bytes | None = None) -> str:
    """SHA-256 of the entry without its own hash, keys sorted, as UTF-8; with ``key``, HMAC-SHA256."""
    body = {k: v for k, v in entry.items() if k != "hash"}
    data = json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")
    if key:
        return hmac.new(key, data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()


def head_mac(lines: int, last: str | None, key: bytes | None, revision: int | None = None) -> str | None:
    """The HMAC of a chain head (and the manifest revision it was kept with) under ``key`` (None
    without a key)."""
    if not key:
        return None
    text = f"audit-head:{lines}:{last}" + ("" if revision is None else f":{revision}")
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _key_bytes(key: str | bytes | None) -> bytes | None:
    if not key:
        return None
    return key if isinstance(key, bytes) else key.encode("utf-8")


def verify_lines(lines: list[str], key: str | bytes | None = None) -> list[str]:
    """What is wrong with a log's lines (empty when the chain holds), one fact each: the line number
    and what broke. Lines written with an audit key (``mac``) need ``key`` to verify; once one is,
    every later line must be too (a line added without the key)."""
    key = _key_bytes(key)
    problems = []
    prev: str | None = GENESIS
    keyed = False
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
        if entry.get("mac") == MAC:
            keyed = True
            if not key:
                problems.append(f"line {n}: signed with an audit key; set UCJ_AUDIT_KEY to verify it")
            elif entry.get("hash") != line_hash(entry, key):
                problems.append(f"line {n}: its HMAC does not match (the line was edited, or UCJ_AUDIT_KEY is wrong)")
        elif keyed:
            problems.append(f"line {n}: not signed with the audit key, unlike the lines before it (a forged line)")
        elif entry.get("hash") != line_hash(entry):
            problems.append(f"line {n}: its content does not match its hash (the line was edited)")
        prev = entry.get("hash")
    return problems


_CACHE: dict[tuple[str, bytes | None], tuple[tuple[str, ...], tuple[str, ...], tuple[dict, ...]]] = {}


def _verified(path: Path, key: bytes | None) -> tuple[tuple[str, ...], tuple[str, ...], tuple[dict, ...]]:
    """(lines, problems, entries) of a log file, verified and parsed once per content (every write
    checks the store)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return (), (), ()
    digest = hashlib.sha256(raw).hexdigest()
    if (digest, key) not in _CACHE:
        text = raw.decode("utf-8", errors="replace")
        lines = text.splitlines()
        problems = verify_lines(lines, key)
        if text and not text.endswith("\n"):
            problems.append(
                f"line {len(lines)}: written only in part (no line end); `python -m ucj check --repair-tail` drops it"
            )
        if len(_CACHE) > 16:
            _CACHE.clear()
        entries = []
        for line in lines:
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        _CACHE[(digest, key)] = (tuple(lines), tuple(problems), tuple(entries))
    return _CACHE[(digest, key)]


class AuditLog:
    """``audit.log`` in a data directory. Appends hold their own lock (not the writers' lock, which a
    publish holds while it appends). ``key``: the audit key (``UCJ_AUDIT_KEY``), if any."""

    def __init__(self, data_dir: str | os.PathLike, key: str | bytes | None = None, digests: dict | None = None):
        self.path = Path(data_dir) / AUDIT
        self.head_path = Path(data_dir) / HEAD
        self.key = _key_bytes(key)
        #: event -> a function giving the ``sha256`` its line records when the caller gives none
        #: (the store's accounts digest for account changes).
        self.digests = digests or {}

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
        """Appends one event and returns it (with its hash). The line is on disk (fsynced) on return,
        and the head with it. Whole or not at all: a short write or a failure leaves the log as it
        was and raises OSError. Raises AuditError when the log ends in a partial line."""
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r}")
        if sha256 is None and event in self.digests:
            sha256 = self.digests[event]()
        with self._lock():
            last = self._last()
            entry: dict[str, Any] = {
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
            if self.key:
                entry["mac"] = MAC
            entry["hash"] = line_hash(entry, self.key)
            line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
            # One write() of the whole line on an O_APPEND descriptor, checked: a full disk may take
            # only part of it, and then the log is cut back to where it was.
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                try:
                    written = os.write(fd, line)
                    if written != len(line):
                        raise OSError(errno.ENOSPC, f"audit line written in part ({written} of {len(line)} bytes)")
                    os.fsync(fd)
                    self._write_head(entry["seq"], entry["hash"], (self.recorded_head() or {}).get("revision"))
                except BaseException:
                    os.ftruncate(fd, size)
                    os.fsync(fd)
                    raise
            finally:
                os.close(fd)
        return entry

    def note_revision(self, revision: int) -> None:
        """Records in ``audit.head`` the manifest revision just saved (``Store`` calls it after
        every manifest): a manifest.json put back from earlier no longer matches it."""
        with self._lock():
            head = self.head()
            self._write_head(head["lines"], head["hash"], revision)

    def _write_head(self, lines: int, last: str, revision: int | None = None) -> None:
        head = {"lines": lines, "hash": last, "mac": head_mac(lines, last, self.key, revision)}
        if revision is not None:
            head["revision"] = revision
        fd, tmp = tempfile.mkstemp(dir=self.head_path.parent, prefix=f".{HEAD}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as f:
                json.dump(head, f)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.head_path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _last(self) -> dict | None:
        try:
            with open(self.path, "rb") as f:
                f.seek(0, os.SEEK_END)
                size = f.tell()
                f.seek(max(0, size - 65536))
                raw = f.read()
        except FileNotFoundError:
            return None
        if raw and not raw.endswith(b"\n"):
            raise AuditError("audit_partial_tail")
        tail = raw.decode("utf-8", errors="replace").strip().splitlines()
        if not tail:
            return None
        try:
            return json.loads(tail[-1])
        except json.JSONDecodeError:
            # A damaged last line: keep appending after it; ``verify`` reports the damage.
            return {"seq": len(self.lines()), "hash": hashlib.sha256(tail[-1].encode("utf-8")).hexdigest()}

    def head(self) -> dict:
        """The chain head of the log as it is: {"lines", "hash", "mac"} (0 lines: the genesis hash)."""
        lines = self.lines()
        last = GENESIS
        if lines:
            try:
                last = json.loads(lines[-1]).get("hash") or GENESIS
            except json.JSONDecodeError:
                last = hashlib.sha256(lines[-1].encode("utf-8")).hexdigest()
        return {"lines": len(lines), "hash": last, "mac": head_mac(len(lines), last, self.key)}

    def recorded_head(self) -> dict | None:
        """What ``audit.head`` says (None when there is none: a log from before heads were kept)."""
        try:
            return json.loads(self.head_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except ValueError:
            return {"lines": -1, "hash": "", "mac": None}

    def lines(self) -> list[str]:
        return list(_verified(self.path, self.key)[0])

    def entries(self) -> list[dict]:
        """Every event, oldest first (lines that are not JSON are left out; ``verify`` names them)."""
        return [dict(e) for e in _verified(self.path, self.key)[2]]

    def verify(self) -> list[str]:
        """What is wrong with the chain and its head (empty when they hold)."""
        return self.examine()[2]

    def examine(self) -> tuple[list[str], list[dict], list[str]]:
        """(lines, entries, problems) from one reading of the log: what ``check`` needs."""
        lines, problems, entries = _verified(self.path, self.key)
        out = list(problems)
        recorded = self.recorded_head()
        if recorded is not None:
            out += head_problems(list(lines), recorded, self.key, "audit.head")
        return list(lines), list(entries), out

    def repair_tail(self, user: User | None, revision: int | None = None) -> dict | None:
        """Drops an unterminated partial last line (from a write cut short by an older version) and
        records the repair; rewrites a head left one line behind by a crash between a line and its
        head. Returns the audit line of the repair, None when there was nothing to repair."""
        with self._lock():
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            dropped = b""
            if raw and not raw.endswith(b"\n"):
                cut = raw.rfind(b"\n") + 1
                dropped = raw[cut:]
                fd = os.open(self.path, os.O_WRONLY)
                try:
                    os.ftruncate(fd, cut)
                    os.fsync(fd)
                finally:
                    os.close(fd)
            recorded = self.recorded_head() or {}  # none: a log from before heads were kept
            n = len(self.lines())
            behind = recorded.get("lines") == n - 1
            # A crash between a manifest and its note in the head leaves the head one revision behind.
            stale = (
                revision is not None
                and isinstance(recorded.get("revision"), int)
                and recorded["revision"] == revision - 1
            )
            if not dropped and not behind and not stale:
                return None
            if stale:
                head = self.head()
                self._write_head(head["lines"], head["hash"], revision)
        detail = {"dropped_bytes": len(dropped), "dropped_sha256": hashlib.sha256(dropped).hexdigest()}
        if behind:
            detail["head_was"] = recorded.get("lines")  # the append below records the head anew
        if stale:
            detail["head_revision_was"] = recorded["revision"]
        return self.append("audit_repaired", user, detail=detail)


def head_problems(lines: list[str], head: dict, key: bytes | None, where: str) -> list[str]:
    """What is wrong between a log's lines and a head recorded for it (``where``: which record):
    the log must reach the head's line and hold its hash there; the head of a keyed line must
    carry its HMAC. ``audit.head`` must also be the last line (the log grows only by ``append``)."""
    n, last = head.get("lines"), head.get("hash")
    if not isinstance(n, int) or n < 0:
        return [f"{where}: unreadable"]
    if len(lines) < n:
        return [f"{where}: the log has {len(lines)} lines, {n} were recorded (lines were deleted)"]
    entry: dict = {"hash": GENESIS}
    if n:
        try:
            entry = json.loads(lines[n - 1])
        except json.JSONDecodeError:
            entry = {}
    if entry.get("hash") != last:
        return [f"{where}: line {n} is not the line recorded (the log was cut or rewritten)"]
    if entry.get("mac") == MAC or head.get("mac") is not None:
        if not key:
            return [f"{where}: signed with an audit key; set UCJ_AUDIT_KEY to verify it"]
        if head.get("mac") != head_mac(n, last, key, head.get("revision")):
            return [f"{where}: its HMAC does not match (edited, or UCJ_AUDIT_KEY is wrong)"]
    if where == "audit.head" and len(lines) > n:
        return [
            f"{where}: the log has {len(lines)} lines, {n} were recorded (a line was added without the "
            "audit log's own append; after a crash, `python -m ucj check --repair-tail` records the head)"
        ]
    return []
