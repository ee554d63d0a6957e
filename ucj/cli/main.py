"""``python -m ucj``: the command line over the library, for analysts who script it.

The commands are click commands, each a few lines that call the library, in modules by concern:
``data`` (ingest, versions, completeness, rollback, withdraw, audit, check), ``figures`` (status,
export, plan), ``registers`` (targets, jakon, boundaries) and ``admin`` (users, store, demo); what
they share is in ``ucj.cli.base``, the options they share are declared once in ``ucj.cli.params``.
``main`` runs one command and returns its exit code."""

from __future__ import annotations

import contextlib
import sys
import traceback
from typing import IO

import click
from filelock import Timeout

from ..core.accounts import AccessDenied
from ..core.failures import failure_message
from ..core.i18n import both
from ..storage.audit import AuditError
from ..storage.store import StoreError
from . import admin, data, figures, programmes, registers
from .base import _Streams

PROG = "python -m ucj"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 120}


@click.group(name=PROG, context_settings=CONTEXT, help="UCJ (Universal Coverage Jamsostek) data tools")
def cli() -> None:
    pass


for _module in (data, figures, registers, programmes, admin):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: list[str] | None = None, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """Runs one command; returns the exit code: 0 success, 2 a refused file or request (or bad usage),
    1 an internal failure (full disk, lock timeout, a damaged store found by `check`)."""
    out = out or sys.stdout
    err = err or sys.stderr
    streams = _Streams(out, err)
    try:
        with contextlib.redirect_stdout(out):  # click's own --help goes where the command's output goes
            code = cli.main(argv, prog_name=PROG, standalone_mode=False, obj=streams)
        return int(code or 0)
    except click.ClickException as exc:  # a usage error (exit 2) prints click's message and the usage
        exc.show(file=err)
        return exc.exit_code
    except click.Abort:
        print(both("cli_aborted"), file=err)
        return 1
    except (StoreError, AccessDenied, AuditError) as exc:
        # A refused request, not a failure: exit 2, like a refused file.
        print(both(exc.key, **exc.params), file=err)
        return 2
    except Timeout:
        print(both("lock_timeout"), file=err)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, never a traceback
        return _failed(exc, err, debug=bool(streams.settings and streams.settings.debug))


def _failed(exc: Exception, err, debug: bool = False) -> int:
    """Says what failed (the object store down or refusing, a damaged or read-only store, a bad
    value) without trace or credentials; returns the exit code. ``debug`` (UCJ_DEBUG=1) adds the trace."""
    if debug:
        traceback.print_exception(exc, file=err)
    key, params = failure_message(exc)
    if key not in ("unexpected_error", "store_read_only", "store_disk_full"):
        print(both(key, **params), file=err)
        return 1
    if isinstance(exc, ValueError):
        print(str(exc), file=err)
        return 2
    if isinstance(exc, OSError):  # the operator's own shell: the file's path helps
        print(both("os_error", detail=exc.strerror or type(exc).__name__, path=exc.filename or "-"), file=err)
        return 1
    print(both("cli_internal_error", detail=type(exc).__name__), file=err)
    return 1
