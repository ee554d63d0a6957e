"""What the commands share: the ``Run`` each is called with (``_uses_store`` opens the store for it),
and the helpers that print rows, tables and problems in both languages."""

from __future__ import annotations

import functools
import getpass
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import click
import pandas as pd

from ..core.i18n import both, t
from ..core.settings import Settings, load_settings
from ..query import Revision
from ..storage.replica import open_store
from ..storage.store import Store
from . import params as P


@dataclass
class Run:
    """What a command works with: the store it opened, the settings, and where it writes."""

    store: Any
    settings: Settings
    out: IO[str]
    err: IO[str]
    _revision: Revision | None = field(default=None, repr=False)

    @property
    def revision(self) -> Revision:
        """The store as of the command's first query: every figure one command prints comes from
        one manifest (opened on first use, closed when the command returns)."""
        if self._revision is None:
            self._revision = Revision(self.store)
        return self._revision

    def close(self) -> None:
        if self._revision is not None:
            self._revision.close()
            self._revision = None


@dataclass
class _Streams:
    out: IO[str]
    err: IO[str]
    settings: Settings | None = None


def _uses_store(local: bool = False) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """Gives a command ``--data-dir`` and calls it with a ``Run`` over the opened store (the shared
    one of ``UCJ_STORE`` when set; the data directory itself with ``local``)."""

    def decorate(fn: Callable[..., int]) -> Callable[..., int]:
        @P.data_dir
        @click.pass_obj
        @functools.wraps(fn)
        def command(streams: _Streams, data_dir: str | None, **kwargs: Any) -> int:
            try:
                settings = load_settings().with_data_dir(data_dir)
            except ValueError as exc:
                print(exc, file=streams.err)
                return 2
            streams.settings = settings
            # Opening a shared store already talks to it: inside main's error handling, like the command.
            store = Store(settings.data_dir, settings.audit_key) if local else open_store(settings)
            run = Run(store, settings, streams.out, streams.err)
            try:
                return fn(run, **kwargs)
            finally:
                run.close()

        return command

    return decorate


def _user(given: str | None) -> str:
    if given:
        return given
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _json_default(o):
    if isinstance(o, float) and math.isnan(o):
        return None
    if o is pd.NA or o is pd.NaT:
        return None
    if hasattr(o, "item"):
        return o.item()
    return str(o)


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values, None for a missing one (column by column: fast)."""
    cols = [
        [None if (v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v for v in df[c].astype(object).tolist()]
        for c in df.columns
    ]
    return [dict(zip(df.columns, row)) for row in zip(*cols)]


def _print_records(df: pd.DataFrame, out) -> None:
    """A JSON array with one object per line: readable, and written by the C encoder (``indent``
    takes the pure-Python one, a third of a second for every kecamatan of Indonesia)."""
    lines = [json.dumps(r, ensure_ascii=False, default=_json_default) for r in _records(df)]
    print("[\n" + ",\n".join(lines) + "\n]" if lines else "[]", file=out)


def _print_table(df: pd.DataFrame, out) -> None:
    if df.empty:
        return
    print(df.to_string(index=False, na_rep="—"), file=out)


def _file_bytes(path: Path, err) -> bytes | None:
    """The file's bytes, or None after saying (in both languages) why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        print(both("unreadable_file", kind=str(path), detail=exc.strerror or str(exc)), file=err)
        return None


def _slash(key: str) -> str:
    """A label in both languages without spaces: KESALAHAN/ERROR."""
    return f"{t(key, 'id')}/{t(key, 'en')}"


def _problem_line(p, where: str) -> str:
    label = _slash("cli_error" if p.severity == "error" else "cli_warning")
    return f"{label} [{where}] {p.message('id')} / {p.message('en')}"


def _row(p) -> str:
    return f"{_slash('cli_row')} {p.row}"


def _print_warnings(warnings, out) -> None:
    for p in warnings:
        print(_problem_line(p, p.value or "-"), file=out)


def _latest(rev: Revision, period: str | None, err) -> str | None:
    period = period or rev.latest_period()
    if period is None:
        print(both("cli_no_data_yet"), file=err)
    return period
