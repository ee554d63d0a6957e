"""A store shared through object storage (``UCJ_STORE=s3://bucket/prefix``): every app process or
command works on its own copy of the data directory (``UCJ_DATA_DIR``), pulled from the newest
manifest version of the object store, and a write is pushed back as the next version by a
conditional write (``ucj.storage.objects.publish`` semantics). Two replicas writing at once: one wins; the
other pulls the winner's version and does its write again on top of it, so nothing is lost.

What travels: every file of the data directory (snapshots, targets, the project register,
boundaries, ``manifest.json``, the hash-chained ``audit.log`` and ``accounts.json``), each as an
immutable content-addressed blob; a manifest version maps their paths to blobs. The audit log and
the accounts therefore have the same guarantees as the figures.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from filelock import FileLock

from ..core.accounts import ACCOUNTS
from . import objects as obj
from .audit import AuditLog
from .files import file_sha256
from .store import Store, StoreError

T = TypeVar("T")
MARKER = ".ucj-replica.json"  # the version this copy holds, and its files' blobs; version -1: being written
ATTEMPTS = 50
_LOCAL = threading.local()


def _tracked(data_dir: Path) -> dict[str, Path]:
    """The data directory's files that make up the store (not locks, temporaries or the marker)."""
    out = {}
    for p in sorted(data_dir.rglob("*")):
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(data_dir).parts):
            out[p.relative_to(data_dir).as_posix()] = p
    return out


def _marker(data_dir: Path) -> dict:
    try:
        return json.loads((data_dir / MARKER).read_text())
    except (FileNotFoundError, ValueError):
        return {"version": -1, "files": {}}


def _mark(data_dir: Path, version: int, files: dict[str, str], where: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".", suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump({"version": version, "files": files, "store": where}, f)
    os.replace(tmp, data_dir / MARKER)


def local_version(data_dir: Path, objects=None) -> int:
    """The version of ``objects`` this copy holds; -1 when unknown, when a write here did not
    finish, or when the copy is of another store."""
    m = _marker(Path(data_dir))
    if objects is not None and m.get("store") != objects.where:
        return -1
    return int(m.get("version", -1))


def pull(objects, data_dir: str | os.PathLike) -> int:
    """Makes the data directory the newest version of the object store; returns that version.
    Files are fetched only when they differ (blobs are named by their SHA-256)."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    latest = obj.latest(objects)
    if latest.version == 0:
        # An empty object store: nothing to take from it, and nothing here is removed (the first
        # write publishes this copy as version 1; `store copy --to` does so on purpose).
        _mark(data_dir, 0, {}, objects.where)
        return 0
    files: dict[str, str] = latest.body.get("files", {})
    _fetch(objects, files, data_dir)
    _mark(data_dir, latest.version, files, objects.where)
    return latest.version


def _fetch(objects, files: dict[str, str], data_dir: Path) -> None:
    """Makes the data directory hold exactly ``files`` (path -> blob), fetching only what differs."""
    here = _tracked(data_dir)
    for rel, blob in files.items():
        path = data_dir / rel
        if rel in here and blob.endswith(file_sha256(here[rel])):
            if rel == ACCOUNTS:
                os.chmod(path, 0o600)  # a copy pulled by an earlier version was left 0644
            continue
        data = objects.get(blob)
        if data is None:
            raise FileNotFoundError(f"{blob} (for {rel}) missing from the object store")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        # mkstemp made it 0600 before the bytes went in; the accounts' hashes stay so.
        os.chmod(tmp, 0o600 if rel == ACCOUNTS else 0o644)
        os.replace(tmp, path)
    for rel, path in here.items():
        if rel not in files:
            path.unlink()


def push(objects, data_dir: str | os.PathLike, base: int, *, mark: bool = True, extra: dict | None = None) -> int:
    """Publishes the data directory as version ``base + 1``. Raises objects.PreconditionFailed when
    another replica published that version first. Blobs this copy pulled from the same store are
    not sent again; everything else is."""
    data_dir = Path(data_dir)
    m = _marker(data_dir)
    known = set(m.get("files", {}).values()) if m.get("store") == objects.where else set()
    files = {}
    for rel, path in _tracked(data_dir).items():
        key = f"{obj.BLOBS}{file_sha256(path)}"
        files[rel] = key if key in known else obj.put_blob(objects, path.read_bytes())  # new files only
    body = {**(extra or {}), "files": files, "parent": base, "at": time.time()}
    version = base + 1
    objects.put_new(f"{obj.MANIFESTS}{version:010d}.json", json.dumps(body, sort_keys=True).encode())
    if mark:
        _mark(data_dir, version, files, objects.where)
    return version


def replicated(objects, data_dir: str | os.PathLike, write: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Runs ``write`` (which changes the data directory through ``Store``) on the newest version and
    publishes the result; on a lost race, pulls the winner's version and runs ``write`` again.
    Nested calls (an audit line inside a publish) join the outer one."""
    if getattr(_LOCAL, "depth", 0):
        return write()
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    _LOCAL.depth = 1
    try:
        with FileLock(str(data_dir / ".replica.lock"), timeout=300):
            for attempt in range(attempts):
                base = pull(objects, data_dir)
                files = _marker(data_dir).get("files", {})
                _mark(data_dir, -1, files, objects.where)  # a crash from here on: the next refresh replaces the copy
                error: Exception | None = None
                try:
                    result = write()
                except Exception as exc:  # noqa: BLE001 - a refusal may still have written its audit line
                    error = exc
                try:
                    if _changed(data_dir, files):
                        push(objects, data_dir, base)
                    else:
                        _mark(data_dir, base, files, objects.where)
                except obj.PreconditionFailed:
                    time.sleep(random.uniform(0, 0.02 * (attempt + 1)))
                    continue
                if error is not None:
                    raise error
                return result
            raise obj.Busy(f"no version won in {attempts} attempts")
    finally:
        _LOCAL.depth = 0


def _changed(data_dir: Path, files: dict[str, str]) -> bool:
    here = _tracked(data_dir)
    return set(here) != set(files) or any(files[rel] != f"{obj.BLOBS}{file_sha256(p)}" for rel, p in here.items())


def refresh(objects, data_dir: str | os.PathLike) -> bool:
    """Pulls when the object store has a newer version than the copy (one LIST request when it has
    not): a replica calls it on every rerun, so a publish elsewhere shows within a rerun. True when
    something changed."""
    data_dir = Path(data_dir)
    keys = objects.list(obj.MANIFESTS)
    newest = max((obj._number(k) for k in keys if k.endswith(".json")), default=0)
    if newest == local_version(data_dir, objects):
        return False
    with FileLock(str(data_dir / ".replica.lock"), timeout=300):
        pull(objects, data_dir)
    return True


def copy_to(data_dir: str | os.PathLike, url: str, replace: int | None = None) -> int:
    """``python -m ucj store copy --to URL``: the local store published as the next version (the
    first, for an empty bucket) of the object store at ``url``; returns that version. Onto an
    object store that holds versions already, only with ``replace`` naming its newest version
    (what the user saw): else StoreError("store_copy_not_empty")."""
    target, source = obj.objects_at(url), Path(data_dir)
    for attempt in range(ATTEMPTS):
        latest = obj.latest(target)
        if latest.version and replace != latest.version:
            raise StoreError("store_copy_not_empty", url=_shown(url), n=latest.version)
        try:
            return push(target, source, latest.version, mark=False)
        except obj.PreconditionFailed:
            time.sleep(random.uniform(0, 0.02 * (attempt + 1)))
    raise obj.Busy(f"no version won in {ATTEMPTS} attempts")


def _shown(url: str) -> str:
    return str(url).split("?")[0]


def history(url: str) -> list[dict]:
    """``python -m ucj store history``: the shared store's manifest versions (see objects.history)."""
    return obj.history(obj.objects_at(url))


def restore(url: str, version: int, *, user, audit_key: str | None = None) -> int:
    """``python -m ucj store restore N``: publishes a NEW manifest version whose content is version
    ``version``'s, with a ``store_restored`` line appended to its audit log; nothing is deleted
    (the versions in between stay in the history). Admins only (the current accounts decide).
    Refuses a version that is not intact itself. Returns the new version's number. Raises
    StoreError or AccessDenied."""
    # The current version, in a copy of its own: whatever directory the command runs in is left alone.
    with tempfile.TemporaryDirectory(prefix="ucj-current-") as here:
        current = replicated_store(here, url, audit_key)
        actor = current.actor(user)
        current.authorize(actor, "admin", what="store restore")
    objects = obj.objects_at(url)
    for attempt in range(ATTEMPTS):
        latest = obj.latest(objects)
        old = obj.manifest_version(objects, version) if version > 0 else None
        if old is None:
            raise StoreError("store_unknown_version", url=_shown(url), version=version, latest=latest.version)
        with tempfile.TemporaryDirectory(prefix="ucj-restore-") as tmp:
            files = old.body.get("files", {})
            _fetch(objects, files, Path(tmp))
            _mark(Path(tmp), version, files, objects.where)  # its blobs are in the store: not sent again
            then = Store(tmp, audit_key)
            problems = then.check()
            if problems:
                raise StoreError("store_version_damaged", version=version, n=len(problems))
            detail = {"from_version": version, "replaced_version": latest.version}
            then.audit.append("store_restored", actor, detail=detail)
            try:
                new = push(objects, tmp, latest.version, mark=False, extra={"restored_from": version})
            except obj.PreconditionFailed:
                time.sleep(random.uniform(0, 0.02 * (attempt + 1)))
                continue
        return new
    raise obj.Busy(f"no version won in {ATTEMPTS} attempts")


class _ReplicatedAudit(AuditLog):
    """The audit log of a replica: every line appended is published like any other write."""

    def __init__(self, audit: AuditLog, objects, data_dir: Path):
        super().__init__(data_dir, key=audit.key, digests=audit.digests)
        self._objects, self._dir = objects, data_dir

    def append(self, *args, **kwargs) -> dict:
        append = super().append
        return replicated(self._objects, self._dir, lambda: append(*args, **kwargs))


class ReplicatedStore(Store):
    """A ``Store`` on a replica copy of the object store at ``url``: reads see the copy (brought up to
    date by ``refresh``, once when it opens and then whenever its owner asks), and every write, run
    through the store's one write seam, is published as the next version."""

    def __init__(self, data_dir: str | os.PathLike, url: str, audit_key: str | None = None):
        super().__init__(data_dir, audit_key)
        self.url, self.objects = url, obj.objects_at(url)
        self.audit = _ReplicatedAudit(self.audit, self.objects, self.data_dir)
        refresh(self.objects, self.data_dir)

    def refresh(self) -> bool:
        return refresh(self.objects, self.data_dir)

    def _transaction(self, work: Callable[[], T]) -> T:
        # The write on the newest version, published; on a lost race, done again on the winner's.
        return replicated(self.objects, self.data_dir, lambda: super(ReplicatedStore, self)._transaction(work))


def replicated_store(data_dir: str | os.PathLike, url: str, audit_key: str | None = None) -> ReplicatedStore:
    return ReplicatedStore(data_dir, url, audit_key)


def open_store(settings) -> Store:
    """The store the settings name: the data directory, or (with ``UCJ_STORE``) a replica copy of
    an object store kept in the data directory."""
    if settings.store:
        return replicated_store(settings.data_dir, settings.store, settings.audit_key)
    return Store(settings.data_dir, settings.audit_key)
