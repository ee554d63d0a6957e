"""Sign-in state that is this server's alone: the failed-attempt throttle and the session key.

Both live in dot-files of the data directory (``.ucj-signin.json``, ``.ucj-session.key``, mode 0600):
a replica never publishes dot-files, so guessing passwords writes no version of a shared store, and
the break-glass ``users unlock NAME --local`` can clear a name's wait from a shell.

The throttle counts failures per name and per client address. The first
``signin_free_failures`` cost nothing; then the next attempt must wait ``signin_delay_s`` seconds,
doubling up to ``signin_max_delay_s``. An attempt made during a wait is refused without checking
the password and counts nothing, so a stranger can delay an account by at most the cap, never lock
it. Names that are not accounts are counted the same way.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

STATE = ".ucj-signin.json"
KEY = ".ucj-session.key"
MAX_ENTRIES = 20_000  # so a flood of made-up names cannot grow the file without bound


def _now() -> float:
    return time.time()


def write_private(path: Path, data: bytes) -> None:
    """Writes ``data`` to ``path`` through a temporary file created 0600 (before any byte is
    written) and renamed over it: the bytes are never readable by another local user."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Gate:
    """Whether an attempt may check a password now; ``wait_s`` seconds until it may."""

    open: bool
    wait_s: int


class Throttle:
    """Failed sign-ins of this server, per name (``n:``) and per client address (``a:``)."""

    def __init__(self, data_dir: str | os.PathLike, settings, clock: Callable[[], float] | None = None):
        self.dir = Path(data_dir)
        self.settings = settings
        self.clock = clock or _now

    # --- the file ---------------------------------------------------------------------------

    def _lock(self) -> FileLock:
        self.dir.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.dir / ".ucj-signin.lock"), timeout=30)

    def _read(self) -> dict:
        try:
            doc = json.loads((self.dir / STATE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"counters": {}, "audit": {}}
        except ValueError:
            return {"counters": {}, "audit": {}}  # a damaged throttle file only forgets waits
        return {"counters": dict(doc.get("counters", {})), "audit": dict(doc.get("audit", {}))}

    def _write(self, doc: dict) -> None:
        now = self.clock()
        forget = self.settings.signin_forget_s
        window = self.settings.signin_audit_window_s
        doc["counters"] = {k: v for k, v in doc["counters"].items() if now - v["last"] < forget}
        doc["audit"] = {k: v for k, v in doc["audit"].items() if v["pending"] or now - v["at"] < window}
        for part in ("counters", "audit"):
            if len(doc[part]) > MAX_ENTRIES:
                keep = sorted(doc[part].items(), key=lambda kv: kv[1].get("last", kv[1].get("at", 0)))
                doc[part] = dict(keep[-MAX_ENTRIES:])
        write_private(self.dir / STATE, json.dumps(doc, sort_keys=True).encode())

    # --- the rule ---------------------------------------------------------------------------

    def _wait(self, entry: dict | None, now: float) -> float:
        s = self.settings
        if not entry or now - entry["last"] >= s.signin_forget_s:
            return 0.0
        extra = entry["failures"] - s.signin_free_failures
        if extra < 0:
            return 0.0
        delay = min(s.signin_delay_s * 2 ** min(extra, 30), s.signin_max_delay_s)
        return max(0.0, entry["last"] + delay - now)

    def begin(self, name: str, address: str | None) -> Gate:
        """May ``name`` from ``address`` try a password now? When it may, the attempt is counted as
        a failure at once (under the lock), so parallel attempts cannot all slip through one gap;
        ``succeeded`` takes it back."""
        with self._lock():
            doc, now = self._read(), self.clock()
            wait = max(self._wait(doc["counters"].get(k), now) for k in _keys(name, address))
            if wait > 0:
                return Gate(False, _seconds(wait))
            for k in _keys(name, address):
                entry = doc["counters"].get(k)
                if not entry or now - entry["last"] >= self.settings.signin_forget_s:
                    entry = {"failures": 0, "last": now}
                entry["failures"] += 1
                entry["last"] = now
                doc["counters"][k] = entry
            self._write(doc)
        return Gate(True, 0)

    def failed(self, name: str, address: str | None) -> tuple[Gate, int]:
        """After a failed attempt (counted by ``begin``): the gate for the next attempt, and how many
        failures of this name and address the audit log should now be told of (0: not yet, within
        the window)."""
        with self._lock():
            doc, now = self._read(), self.clock()
            pair = f"{name}\x00{address or '-'}"
            audit = doc["audit"].get(pair) or {"at": 0.0, "pending": 0}
            audit["pending"] += 1
            report = 0
            if now - audit["at"] >= self.settings.signin_audit_window_s:
                report, audit = audit["pending"], {"at": now, "pending": 0}
            doc["audit"][pair] = audit
            self._write(doc)
        wait = max(self._wait(doc["counters"].get(k), now) for k in _keys(name, address))
        return Gate(wait <= 0, _seconds(wait)), report

    def succeeded(self, name: str, address: str | None) -> int:
        """Forgets the name's failures and takes back the address's count of this attempt; returns
        the failures of this name and address not yet in the audit log."""
        with self._lock():
            doc = self._read()
            doc["counters"].pop(f"n:{name}", None)
            if address and (entry := doc["counters"].get(f"a:{address}")):
                entry["failures"] = max(0, entry["failures"] - 1)
            pending = (doc["audit"].pop(f"{name}\x00{address or '-'}", None) or {}).get("pending", 0)
            self._write(doc)
        return int(pending)

    def clear(self, name: str) -> bool:
        """Forgets every wait of ``name`` (the break-glass); True when there was one."""
        with self._lock():
            doc = self._read()
            had = doc["counters"].pop(f"n:{name}", None) is not None
            self._write(doc)
        return had

    def failures(self, name: str) -> int:
        """Recent failures of ``name`` (for `users list`)."""
        entry = self._read()["counters"].get(f"n:{name}")
        if not entry or self.clock() - entry["last"] >= self.settings.signin_forget_s:
            return 0
        return int(entry["failures"])


def _seconds(wait: float) -> int:
    return int(-(-wait // 1))  # whole seconds, rounded up: never "0" while still waiting


def _keys(name: str, address: str | None) -> list[str]:
    return [f"n:{name}"] + ([f"a:{address}"] if address else [])


# --- session tokens ----------------------------------------------------------------------------


def existing_session_key(data_dir: str | os.PathLike, settings) -> bytes | None:
    """The key that signs session tokens, or None while there is none yet (then no token was ever
    issued, and checking one writes nothing)."""
    if settings.session_secret:
        return settings.session_secret.encode()
    try:
        return (Path(data_dir) / KEY).read_bytes().strip()
    except FileNotFoundError:
        return None


def session_key(data_dir: str | os.PathLike, settings) -> bytes:
    """The key that signs session tokens: ``UCJ_SESSION_SECRET``, else this data directory's random
    key file (made 0600 on first use)."""
    if (key := existing_session_key(data_dir, settings)) is not None:
        return key
    path = Path(data_dir) / KEY
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{KEY}.{secrets.token_hex(6)}.tmp")
    write_private(tmp, secrets.token_hex(32).encode())
    try:
        os.link(tmp, path)  # whole or not at all, and never over a key another process made first
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_bytes().strip()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def issue_token(key: bytes, name: str, hours: float, now: float | None = None, purpose: str = "session") -> str:
    """A token naming ``name``, valid for ``hours``: ``payload.signature`` (HMAC-SHA256). ``purpose``
    "session" is the cookie's; "handoff" is the one-minute, single-use code a browser exchanges
    for that cookie (see ``redeem_handoff``)."""
    now = _now() if now is None else now
    body = {"n": name, "iat": int(now), "exp": int(now + hours * 3600), "j": secrets.token_hex(8), "p": purpose}
    payload = _b64(json.dumps(body, separators=(",", ":")).encode())
    return payload + "." + _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def read_token(key: bytes, token: str | None, now: float | None = None, purpose: str = "session") -> dict | None:
    """The token's claims (n: name, iat, exp, j) when its signature holds, it was made for
    ``purpose`` and it has not expired; else None."""
    if not isinstance(token, str) or token.count(".") != 1 or len(token) > 1000:
        return None
    payload, signature = token.split(".")
    expected = _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, signature):
        return None
    try:
        body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return None
    now = _now() if now is None else now
    if not isinstance(body, dict) or not isinstance(body.get("n"), str) or not isinstance(body.get("exp"), int):
        return None
    if body.get("p", "session") != purpose:
        return None
    return body if body["exp"] > now else None


HANDOFF_SECONDS = 60


def handoff_code(data_dir: str | os.PathLike, settings, name: str) -> str:
    """A code, good once and for a minute, that the browser trades for its HttpOnly session cookie."""
    return issue_token(session_key(data_dir, settings), name, HANDOFF_SECONDS / 3600, purpose="handoff")


def redeem_handoff(data_dir: str | os.PathLike, settings, code: object) -> tuple[str, int] | None:
    """(session token, its lifetime in seconds) for a genuine, unexpired handoff code not used
    before; else None. The code is spent: a second exchange of the same code gets nothing."""
    if settings.session_hours <= 0:
        return None
    key = existing_session_key(data_dir, settings)
    claims = read_token(key, code if isinstance(code, str) else None, purpose="handoff") if key else None
    if key is None or claims is None:
        return None
    path, now = Path(data_dir) / ".ucj-handoff.json", _now()
    with FileLock(str(Path(data_dir) / ".ucj-signin.lock"), timeout=30):
        try:
            used = {j: exp for j, exp in json.loads(path.read_text(encoding="utf-8")).items() if exp > now}
        except (FileNotFoundError, ValueError, AttributeError):
            used = {}
        if claims["j"] in used:
            return None
        used[claims["j"]] = claims["exp"]
        write_private(path, json.dumps(used).encode())
    return issue_token(key, claims["n"], settings.session_hours), int(settings.session_hours * 3600)
