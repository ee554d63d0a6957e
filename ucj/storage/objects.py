"""Object storage for a store shared by several app processes or machines (issue 11, first part):
immutable, content-addressed blobs and a manifest advanced by conditional writes, on a local
directory or on S3-compatible object storage. No lock server: two writers racing for the same
manifest version are told apart by the storage itself (create-if-absent), so one wins and the other
retries on top of it; nothing is ever lost or overwritten.

``objects_at("s3://bucket/prefix")`` or ``objects_at("/path")``. S3 credentials, region and endpoint
come from the usual AWS environment variables (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
``AWS_DEFAULT_REGION``, ``AWS_ENDPOINT_URL`` for MinIO or an on-premise server), never from the URL.

Not yet wired into ``ucj.storage.store.Store``: see README "Scaling out".
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.failures import StoreAddressError

MANIFESTS = "manifests/"
BLOBS = "blobs/"
MAX_ATTEMPTS = 50


class PreconditionFailed(Exception):
    """A conditional write lost: the object exists (create-if-absent)."""


class Busy(Exception):
    """A publish lost the race ``MAX_ATTEMPTS`` times in a row."""


class LocalObjects:
    """Objects as files under a directory; create-if-absent by ``os.link`` (atomic on POSIX, also
    on NFS v3+ where ``O_EXCL`` is not to be trusted)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.where = str(self.root.resolve())

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"bad object key {key!r}")
        return self.root / key

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def put_new(self, key: str, data: bytes) -> None:
        """Writes ``key`` only if it does not exist yet. Raises PreconditionFailed."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError as exc:
                raise PreconditionFailed(key) from exc
        finally:
            os.unlink(tmp)

    def list(self, prefix: str) -> list[str]:
        base = self._path(prefix.rstrip("/")) if prefix.strip("/") else self.root
        if not base.exists():
            return []
        return sorted(
            str(p.relative_to(self.root)) for p in base.rglob("*") if p.is_file() and not p.name.startswith(".")
        )

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def s3_config(settings=None):
    """botocore's Config with the settings' bounds: connect and read timeouts, and a fixed number of
    tries (standard retry mode), so a frozen endpoint fails in seconds, not minutes."""
    from botocore.config import Config

    from ..core.settings import load_settings

    s = settings or load_settings()
    return Config(
        connect_timeout=s.s3_connect_timeout_s,
        read_timeout=s.s3_read_timeout_s,
        retries={"total_max_attempts": max(1, s.s3_attempts), "mode": "standard"},
    )


class S3Objects:
    """Objects in an S3-compatible bucket under a prefix; create-if-absent by ``If-None-Match: *``."""

    def __init__(self, bucket: str, prefix: str = "", client=None):
        import boto3

        self.bucket, self.prefix = bucket, prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.where = f"s3://{bucket}/{self.prefix}"
        self.client = client or boto3.client("s3", config=s3_config())

    def get(self, key: str) -> bytes | None:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"].read()
        except self.client.exceptions.NoSuchKey:
            return None

    def put_new(self, key: str, data: bytes) -> None:
        from botocore.exceptions import ClientError

        try:
            self.client.put_object(Bucket=self.bucket, Key=self.prefix + key, Body=data, IfNoneMatch="*")
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            code = exc.response.get("Error", {}).get("Code")
            # 412: it exists; 409 ConditionalRequestConflict: a write to it is under way. Either way, lost.
            if status in (409, 412) or code in ("PreconditionFailed", "ConditionalRequestConflict"):
                raise PreconditionFailed(key) from exc
            raise

    def list(self, prefix: str) -> list[str]:
        keys, token = [], None
        while True:
            kw = {"Bucket": self.bucket, "Prefix": self.prefix + prefix}
            if token:
                kw["ContinuationToken"] = token
            page = self.client.list_objects_v2(**kw)
            keys += [o["Key"][len(self.prefix) :] for o in page.get("Contents", [])]
            if not page.get("IsTruncated"):
                return sorted(keys)
            token = page["NextContinuationToken"]

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)


def objects_at(url: str | os.PathLike):
    """The object storage a ``UCJ_STORE`` value names: ``s3://bucket/prefix`` or a directory."""
    text = str(url)
    if text.startswith("s3://"):
        bucket, _, prefix = text[5:].partition("/")
        if not bucket:
            raise StoreAddressError("UCJ_STORE: s3://bucket/prefix needs a bucket")
        return S3Objects(bucket, prefix)
    return LocalObjects(text)


def put_blob(objects, data: bytes, suffix: str = "") -> str:
    """Stores ``data`` once, under its own SHA-256 (immutable, content-addressed); returns its key."""
    key = f"{BLOBS}{hashlib.sha256(data).hexdigest()}{suffix}"
    with contextlib.suppress(PreconditionFailed):  # the same bytes are already there
        objects.put_new(key, data)
    return key


def _number(key: str) -> int:
    return int(key[len(MANIFESTS) :].split(".")[0])


@dataclass(frozen=True)
class Manifest:
    version: int  # 0 before the first publish
    body: dict


def latest(objects) -> Manifest:
    """The newest manifest: one LIST request (a replica calls it on each rerun to see a publish)."""
    keys = [k for k in objects.list(MANIFESTS) if k.endswith(".json")]
    if not keys:
        return Manifest(0, {"log": []})
    key = max(keys, key=_number)
    return Manifest(_number(key), json.loads(objects.get(key)))


def manifest_version(objects, version: int) -> Manifest | None:
    """Manifest version ``version`` (None when the object store has no such version)."""
    data = objects.get(f"{MANIFESTS}{version:010d}.json")
    return Manifest(version, json.loads(data)) if data is not None else None


def history(objects) -> list[dict]:
    """Every manifest version, oldest first: ``version``, ``at`` (seconds since the epoch),
    ``parent``, ``restored_from`` (for a restore), and the store's files it ``changed`` (added or
    with other content) and ``removed`` against the version before it."""
    keys = sorted((k for k in objects.list(MANIFESTS) if k.endswith(".json")), key=_number)
    out: list[dict[str, Any]] = []
    before: dict[str, Any] = {}
    for key in keys:
        body = json.loads(objects.get(key) or b"{}")
        files = body.get("files", {})
        out.append(
            {
                "version": _number(key),
                "at": body.get("at"),
                "parent": body.get("parent"),
                "restored_from": body.get("restored_from"),
                "changed": sorted(p for p in files if before.get(p) != files[p]),
                "removed": sorted(p for p in before if p not in files),
            }
        )
        before = files
    return out


def publish(objects, change: Callable[[dict], dict], attempts: int = MAX_ATTEMPTS) -> Manifest:
    """Advances the manifest by one version: ``change`` gets the newest body and returns the next
    one, written as ``manifests/<version+1>.json`` only if nobody wrote that version first. On a
    lost race it runs again on top of the winner's version. Raises Busy after ``attempts`` losses."""
    for attempt in range(attempts):
        current = latest(objects)
        body = change(json.loads(json.dumps(current.body)))
        version = current.version + 1
        try:
            objects.put_new(f"{MANIFESTS}{version:010d}.json", json.dumps(body, sort_keys=True).encode())
            return Manifest(version, body)
        except PreconditionFailed:
            time.sleep(random.uniform(0, 0.01 * (attempt + 1)))
    raise Busy(f"no manifest version won in {attempts} attempts")


def sweep(objects) -> list[str]:
    """Deletes blobs no manifest version refers to (a crash between a blob and its manifest leaves
    one); returns their keys. Run it when no publish is under way."""
    referenced = set()
    for key in objects.list(MANIFESTS):
        referenced |= set(_blob_keys(json.loads(objects.get(key) or b"{}")))
    orphans = [k for k in objects.list(BLOBS) if k not in referenced]
    for k in orphans:
        objects.delete(k)
    return orphans


def _blob_keys(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value.startswith(BLOBS) else []
    if isinstance(value, dict):
        return [k for v in value.values() for k in _blob_keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in _blob_keys(v)]
    return []
