"""Files on disk, written whole or not at all, and their checksums.

Every file the store keeps is written by ``write_atomic`` (a temporary file beside it, fsynced, then
renamed over it), so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def write_atomic(path: Path, write, *, private: bool = False) -> None:
    """Calls ``write(tmp_path)``, fsyncs, then renames over ``path``. A ``private`` file (the
    accounts' hashes) stays 0600 from its creation on: the temporary file is made 0600 (``os.open``
    in mkstemp) before any byte is written, and is never widened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        # mkstemp makes files only their owner may read; the web app may run as another user.
        os.chmod(tmp, 0o600 if private else 0o666 & ~_UMASK)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_SHA_CACHE: dict[tuple, str] = {}


def cached_sha256(path: Path) -> str:
    """file_sha256, once per file state (inode, size, mtime, ctime: ctime cannot be set back)."""
    st = os.stat(path)
    key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    if key not in _SHA_CACHE:
        if len(_SHA_CACHE) > 4096:
            _SHA_CACHE.clear()
        _SHA_CACHE[key] = file_sha256(path)
    return _SHA_CACHE[key]


@functools.lru_cache(maxsize=4)
def read_geojson(path: str, mtime_ns: int) -> dict:
    """A boundary file, parsed once per process and file version (several MB nationally)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
