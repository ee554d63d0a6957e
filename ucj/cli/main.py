"""``python -m ucj``: the command line over the library, for analysts who script it.

The commands are click commands, each a few lines that call the library; the options they share are
declared once in ``ucj.cli.params``. ``main`` runs one command and returns its exit code."""

from __future__ import annotations

import contextlib
import functools
import getpass
import json
import math
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click
import pandas as pd
from filelock import Timeout

from ..core import regions
from ..core.accounts import AccessDenied
from ..core.failures import failure_message
from ..core.i18n import both, t
from ..core.settings import Settings, load_settings
from ..intake.problems import in_reading_order
from ..query import db
from ..storage.audit import AuditError
from ..storage.replica import open_store
from ..storage.store import Store, StoreError
from . import params as P

LEVEL_NAMES = P.LEVEL_NAMES
PROG = "python -m ucj"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 120}


@dataclass
class Run:
    """What a command works with: the store it opened, the settings, and where it writes."""

    store: Any
    settings: Settings
    out: IO[str]
    err: IO[str]


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
            return fn(Run(store, settings, streams.out, streams.err), **kwargs)

        return command

    return decorate


@click.group(name=PROG, context_settings=CONTEXT, help="UCJ (Universal Coverage Jamsostek) data tools")
def cli() -> None:
    pass


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


def _latest(store, period: str | None, err) -> str | None:
    period = period or db.latest_period(store)
    if period is None:
        print(both("cli_no_data_yet"), file=err)
    return period


# ---- ingest, status ---------------------------------------------------------------------------


@cli.command(
    help="Validate and store a monthly snapshot file, merged by region. With `--replace-month` the file becomes the "
    "whole month, and when that removes regions' figures it is refused (exit 2, state `needs_removal_confirmation`, "
    "the regions in `would_remove`) until `--confirm-removal N` names their number; exit 2 with the error list when "
    "refused. `--sheet NAME` reads the named visible sheet of a workbook instead of the first visible one; "
    "`--allow-future-period` (admins only) accepts a month after the current one."
)
@P.file_argument
@P.period("YYYY-MM, for files without a period column")
@P.number_format
@click.option("--dry-run", is_flag=True, help="validate only; store nothing")
@click.option("--accept-warnings", is_flag=True, help="store despite plausibility warnings")
@click.option(
    "--replace-month",
    is_flag=True,
    help="make the file the whole month: regions not in it lose their figures (default: merge by region)",
)
@click.option(
    "--confirm-removal",
    type=int,
    metavar="N",
    help="with --replace-month: confirm that N regions lose their figures (the number the refusal names)",
)
@P.user("who uploads (default: the login name)")
@P.as_json("print the report as JSON")
@P.sheet
@click.option(
    "--allow-future-period", is_flag=True, help="admins: accept a month after the current one (refused otherwise)"
)
@_uses_store()
def ingest(run: Run, file: Path, user: str | None, as_json: bool, replace_month: bool, **options: Any) -> int:
    if (data := _file_bytes(file, run.err)) is None:
        return 2
    from ..services import service  # reading files needs openpyxl and more: imported only by the commands that do

    outcome = service.ingest(
        run.store, data, file.name, user=_user(user), replace_month=replace_month, settings=run.settings, **options
    )
    r = outcome.result
    v, pv = outcome.version, outcome.preview
    out, err = run.out, run.err
    if as_json:
        doc = {
            "state": outcome.state,
            "mode": "replace" if replace_month else "merge",
            "period": r.period,
            "template": r.template,
            "sheet": r.sheet,
            "rows": len(r.rows),
            "version": v.version if v else None,
            "regions_changed": v.n_regions if v else len(pv.changed) if pv else None,
            "regions_removed": (v.n_removed if v else len(pv.removed) if pv else None),
            "would_remove": pv.removed if pv and not v else [],
            "regions_kept": len(pv.kept) if pv else None,
            "notes": r.note_texts("id"),
            "notes_en": r.note_texts("en"),
            "errors": [p.as_dict() for p in r.errors],
            "warnings": [p.as_dict() for p in r.warnings],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=1), file=out)
    else:
        for note in zip(r.note_texts("id"), r.note_texts("en")):
            print(" / ".join(note), file=out)
        for p in r.errors + r.warnings:
            where = ", ".join(
                x for x in (_row(p) if p.row else "", p.column or "", repr(p.value) if p.value else "") if x
            )
            print(_problem_line(p, where), file=err if p.severity == "error" else out)
        print(outcome.summary(), file=out if outcome.state in ("stored", "dry_run") else err)
        if v is not None:
            summary = [
                t("version_summary", lang, mode=t(f"mode_label_{v.mode}", lang), n=v.n_regions, removed=v.n_removed)
                for lang in ("id", "en")
            ]
            print(" / ".join(summary), file=out)
    return 0 if outcome.state in ("stored", "dry_run") else 2


@cli.command(help="Coverage, target, gap, months left, required and current pace, projection and status per region.")
@P.period()
@P.region()
@click.option("--level", type=click.Choice(sorted(LEVEL_NAMES)), help="the level of the regions listed")
@P.sector
@P.as_json()
@_uses_store()
def status(
    run: Run, period: str | None, region: str | None, level: str | None, sector: str | None, as_json: bool
) -> int:
    if (period := _latest(run.store, period, run.err)) is None:
        return 2
    df = db.target_status(
        run.store,
        period,
        level=LEVEL_NAMES[level] if level else None,
        region=region,
        sector=sector,
        settings=run.settings,
    )
    if as_json:
        _print_records(df, run.out)
        return 0
    if df.empty:
        print(both("cli_no_period_data", period=period), file=run.out)
        return 0
    view = df.copy()
    view["status"] = [t(f"status_{s}", "id") for s in view["status"]]
    _print_table(view.drop(columns=["target_source", "period"]), run.out)
    print(both("cli_period_line", period=period), file=run.out)
    return 0


# ---- targets ----------------------------------------------------------------------------------


@cli.group(help="Targets: import a file, set one, list them.")
def targets() -> None:
    pass


@targets.command(
    "import", help="Import targets from CSV/XLSX (merged by region and year); exit 2 with the error list when refused."
)
@P.file_argument
@P.number_format
@P.user()
@P.sheet
@_uses_store()
def targets_import(run: Run, file: Path, number_format: str | None, user: str | None, sheet: str | None) -> int:
    if (data := _file_bytes(file, run.err)) is None:
        return 2
    from ..services import service

    result = service.import_targets(
        run.store, data, file.name, user=_user(user), sheet=sheet, number_format=number_format
    )
    for p in result.errors:
        print(_problem_line(p, f"{_row(p)}, {p.column}, {p.value!r}"), file=run.err)
    _print_warnings(result.warnings, run.out)
    if not result.ok:
        print(both("refused", n=len(result.errors)), file=run.err)
        return 2
    print(both("cli_targets_imported", n=len(result.targets)), file=run.out)
    return 0


@targets.command("set", help="Add or change one target.")
@P.region(required=True)
@click.option("--year", required=True, metavar="YYYY", help="the target's year")
@click.option("--pct", required=True, metavar="P", help="58,65 or 58.65 or 58.65%")
@click.option("--source", default="", help="where the target comes from (a decree, a plan)")
@P.user()
@_uses_store()
def targets_set(run: Run, region: str, year: str, pct: str, source: str, user: str | None) -> int:
    from ..services import service

    result = service.set_target(run.store, region, year, pct, source, user=_user(user))
    for p in result.errors:
        print(_problem_line(p, f"{p.column}, {p.value!r}"), file=run.err)
    if not result.ok:
        return 2
    print(both("cli_target_saved", region=region, year=year), file=run.out)
    return 0


@targets.command("list", help="List targets.")
@P.as_json()
@_uses_store()
def targets_list(run: Run, as_json: bool) -> int:
    df = db.list_targets(run.store)
    if as_json:
        _print_records(df, run.out)
    elif df.empty:
        print(both("cli_no_targets"), file=run.out)
    else:
        _print_table(df, run.out)
    return 0


# ---- versions, completeness, rollback, withdraw, demo ------------------------------------------


@cli.command(
    help="Every stored version of each period: who uploaded it and when, `mode` (merge / replace), the `regions` it "
    "changed (cut to kabupaten/kota) and `n_regions`, the regions it `removed`."
)
@P.period("one period (default: every period)")
@P.as_json()
@_uses_store()
def versions(run: Run, period: str | None, as_json: bool) -> int:
    df = run.store.versions(period)
    if as_json:
        _print_records(df, run.out)
    elif df.empty:
        print(both("cli_no_versions"), file=run.out)
    else:
        view = df.drop(columns=["sha256", "month_rows"])
        view["regions"] = [",".join(r) for r in view["regions"]]
        view["removed"] = [",".join(r) for r in view["removed"]]
        _print_table(view, run.out)
    return 0


@cli.command(
    help="Which regions reported each month (reporting rate): the children of the region (the provinces without one), "
    "each `complete`, `partial` (with `reported_children` / `expected_children`) or `missing`."
)
@P.region("whose children to list (default: the provinces)")
@P.period("the last month shown (default: the latest)")
@click.option("--months", type=int, default=1, metavar="N", help="how many months up to --period (default: 1)")
@P.as_json()
@_uses_store()
def completeness(run: Run, region: str | None, period: str | None, months: int, as_json: bool) -> int:
    from ..core.parsing import add_months

    if (period := _latest(run.store, period, run.err)) is None:
        return 2
    periods = [add_months(period, -k) for k in range(max(1, months) - 1, -1, -1)]
    df = db.reporting_matrix(run.store, region, periods)
    if as_json:
        _print_records(df, run.out)
        return 0
    level = regions.level_of(region) + 1 if region else 1
    for p, g in df.groupby("period"):
        done = int((g["state"] == "complete").sum())
        text = t("completeness_text", "id", n=done, m=len(g), level=t(f"level_{level}", "id"))
        text_en = t("completeness_text", "en", n=done, m=len(g), level=t(f"level_{level}", "en"))
        print(f"{p}: {text} / {text_en}", file=run.out)
        missing = g[g["state"] != "complete"]
        for _, r in missing.iterrows():
            part = "" if r["state"] == "missing" else f" ({r['reported_children']}/{r['expected_children']})"
            print(f"  - {r['region_name']} ({r['region_code']}): {r['state']}{part}", file=run.out)
    return 0


@cli.command(help="Make an earlier version of a period active again.")
@P.period("the period (YYYY-MM)", required=True)
@P.version("the version to make active")
@P.user()
@_uses_store()
def rollback(run: Run, period: str, version: int, user: str | None) -> int:
    run.store.rollback(period, version, user=_user(user))
    print(both("cli_rollback_done", period=period, version=version), file=run.out)
    return 0


@cli.command(
    help="Empty a month as a new, audited version (admins only); `rollback` to an earlier version restores it."
)
@P.period("the period to empty (YYYY-MM)", required=True)
@P.user("the admin acting (default: the login name)")
@_uses_store()
def withdraw(run: Run, period: str, user: str | None) -> int:
    from ..services import service

    version = service.withdraw_period(run.store, period, user=_user(user))
    print(both("withdraw_done", period=period, version=version.version), file=run.out)
    return 0


@cli.command(help="Write the illustrative sample data set.")
@_uses_store()
def demo(run: Run) -> int:
    from ..services.demo import write_demo

    n = write_demo(run.store)
    print(both("cli_demo_written", n=n, path=run.store.data_dir), file=run.out)
    return 0


# ---- users ------------------------------------------------------------------------------------


@cli.group(help="Local accounts: add, list, remove, unlock.")
def users() -> None:
    pass


@users.command(
    "add",
    help="Add (or replace) a local account; the password comes from a prompt or standard input; the first account "
    "must be an admin.",
)
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "admin"]), required=True, help="the account's role")
@click.option("--region", "regions_", multiple=True, metavar="CODE", help="a region an analyst may change (repeatable)")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@P.user("the admin acting (once accounts exist)")
@_uses_store()
def users_add(run: Run, name: str, role: str, regions_: tuple[str, ...], password_stdin: bool, user: str | None) -> int:
    from ..services import users as accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(both("cli_password_prompt") + ": ")
        if getpass.getpass(both("cli_password_repeat") + ": ") != password:
            print(both("cli_passwords_differ"), file=run.err)
            return 2
    account = accounts.add_user(run.store, name, role, list(regions_), password, actor=_user(user))
    print(both("cli_account_saved", name=account.name, role=account.role), file=run.out)
    return 0


@users.command("list", help="The accounts, their roles, regions and recent failed sign-ins (never the hashes).")
@P.as_json()
@_uses_store()
def users_list(run: Run, as_json: bool) -> int:
    from ..services import users as accounts

    df = accounts.list_users(run.store, run.settings)
    if as_json:
        _print_records(df, run.out)
    elif df.empty:
        print(both("cli_no_accounts"), file=run.out)
    else:
        _print_table(df, run.out)
    return 0


@users.command("remove", help="Remove an account.")
@click.argument("name")
@P.user("the admin acting")
@_uses_store()
def users_remove(run: Run, name: str, user: str | None) -> int:
    from ..services import users as accounts

    if not accounts.remove_user(run.store, name, actor=_user(user)):
        print(both("cli_no_such_account", name=name), file=run.err)
        return 2
    print(both("cli_account_removed", name=name), file=run.out)
    return 0


@users.command(
    "unlock",
    help="Clear an account's wait after failed sign-ins; `--local` is the operator's break-glass, no admin needed "
    "(see *Sign-in and recovery*).",
)
@click.argument("name")
@P.user("the admin acting")
@click.option(
    "--local",
    is_flag=True,
    help="break-glass for the server's operator: no admin needed (access to the data directory is the proof)",
)
@_uses_store()
def users_unlock(run: Run, name: str, user: str | None, local: bool) -> int:
    from ..services import users as accounts

    if local and user:
        raise click.UsageError(both("cli_user_or_local"))
    if local:
        if not accounts.unlock_user(run.store, name, local=True, settings=run.settings):
            print(both("cli_no_such_account", name=name), file=run.err)
            return 2
        print(both("unlock_local_done", name=name), file=run.out)
        return 0
    if not accounts.unlock_user(run.store, name, actor=_user(user)):
        print(both("cli_no_such_account", name=name), file=run.err)
        return 2
    print(both("cli_account_unlocked", name=name), file=run.out)
    return 0


# ---- audit, check -----------------------------------------------------------------------------


@cli.command(help="The audit log, oldest first.")
@P.as_json()
@_uses_store()
def audit(run: Run, as_json: bool) -> int:
    entries = run.store.audit.entries()
    if as_json:
        print(json.dumps(entries, ensure_ascii=False, indent=1), file=run.out)
        return 0
    if not entries:
        print(both("cli_audit_empty"), file=run.out)
    for e in entries:
        regions_ = ",".join(e.get("regions") or [])
        sha = (e.get("sha256") or "")[:12]
        print(
            f"{e['seq']:>5} {e['time']} {e['event']:<17} {e.get('user') or '-'} ({e.get('role') or '-'}) "
            f"{regions_} {sha} {json.dumps(e.get('detail') or {}, ensure_ascii=False)}",
            file=run.out,
        )
    return 0


@cli.command(
    help="Verify the audit log's chain and head and every artefact against it (see *What `check` proves*); exit 1 "
    "and a list when anything is missing or altered. `--repair-tail` drops an unterminated partial last line of the "
    "log (left by a full disk under older versions), audited."
)
@click.option(
    "--repair-tail",
    is_flag=True,
    help="drop an unterminated partial last line of the audit log (admins; audited), then check",
)
@P.user("the admin repairing (with --repair-tail)")
@_uses_store()
def check(run: Run, repair_tail: bool, user: str | None) -> int:
    store, out, err = run.store, run.out, run.err
    if repair_tail:
        entry = store.repair_audit_tail(_user(user))
        if entry is None:
            print(both("check_nothing_to_repair"), file=out)
        else:
            print(both("check_repaired", bytes=entry["detail"]["dropped_bytes"], seq=entry["seq"]), file=out)
    problems = store.check()
    for p in problems:
        print(p, file=err)
    if problems:
        print(both("check_failed", n=len(problems)), file=err)
        return 1
    print(both("check_ok", lines=len(store.audit.lines()), files=len(store.versions())), file=out)
    return 0


# ---- export, plan -----------------------------------------------------------------------------


@cli.command(help="The slide deck (.pptx) or the printable report (.pdf).")
@click.option("--format", "format_", type=click.Choice(["pptx", "pdf"]), required=True, help="slides or report")
@P.region(required=True)
@P.period()
@P.sector
@P.lang
@P.cost_per_worker
@P.budget("rupiah to the deadline, for the report's budget question")
@click.option("--out", "out_file", type=P.FILE, required=True, metavar="FILE", help="the file to write")
@_uses_store()
def export(run: Run, format_: str, region: str, period: str | None, sector: str | None, lang: str,
           cost_per_worker: int | None, budget: int | None, out_file: Path) -> int:  # fmt: skip
    from ..present.deck import build_deck
    from ..present.exports import deck_pptx, report_pdf

    if (period := _latest(run.store, period, run.err)) is None:
        return 2
    if db.target_status(run.store, period, region=region).empty:
        print(both("cli_no_region_data", region=region, period=period), file=run.err)
        return 2
    d = build_deck(run.store, period, region, sector, lang, cost=cost_per_worker, settings=run.settings)
    data = deck_pptx(d) if format_ == "pptx" else report_pdf(d, budget_rp=budget)
    out_file.write_bytes(data)
    print(f"{out_file} ({len(data):,} bytes)".replace(",", "."), file=run.out)
    return 0


@cli.command(help="Workers to enrol by the deadline and what their contributions cost.")
@P.region(required=True)
@P.period()
@P.sector
@P.cost_per_worker
@P.budget("also answer: what coverage does this budget to the deadline buy")
@P.lang
@P.as_json()
@_uses_store()
def plan(run: Run, region: str, period: str | None, sector: str | None, cost_per_worker: int | None,
         budget: int | None, lang: str, as_json: bool) -> int:  # fmt: skip
    from dataclasses import asdict

    from ..core.planner import budget_reach
    from ..present.deck import budget_sentence, plan_for, plan_sentence

    if (period := _latest(run.store, period, run.err)) is None:
        return 2
    found = plan_for(run.store, period, region, sector, cost=cost_per_worker, settings=run.settings)
    if found is None:
        print(both("cli_no_region_data", region=region, period=period), file=run.err)
        return 2
    if as_json:
        doc = found.as_dict()
        if budget is not None and found.months_left:
            reach = budget_reach(budget, found.cost_per_worker_rp, found.months_left, found.participants,
                                 found.workforce, found.target_participants)  # fmt: skip
            doc["budget"] = asdict(reach)
        print(json.dumps(doc, ensure_ascii=False, indent=1), file=run.out)
        return 0
    print(plan_sentence(found, lang), file=run.out)
    if budget is not None and (answer := budget_sentence(found, budget, lang)):
        print(answer, file=run.out)
    return 0


# ---- jakon ------------------------------------------------------------------------------------


@cli.group(help="The Monev Jakon project register: import, list, roll back.")
def jakon() -> None:
    pass


@jakon.command(
    "import",
    help="Validate and publish a Monev Jakon project list, merged by region (the regions in the file replace their "
    "earlier projects); exit 2 with the error list when refused.",
)
@P.file_argument
@P.number_format
@P.user()
@P.sheet
@_uses_store()
def jakon_import(run: Run, file: Path, number_format: str | None, user: str | None, sheet: str | None) -> int:
    from ..services import service

    if (data := _file_bytes(file, run.err)) is None:
        return 2
    result, version = service.publish_projects(
        run.store, data, file.name, user=_user(user), sheet=sheet, number_format=number_format
    )
    for p in in_reading_order(result.errors):
        where = f"{_row(p)}, " if p.row else ""
        print(_problem_line(p, f"{where}{p.column}, {p.value!r}"), file=run.err)
    _print_warnings(result.warnings, run.out)
    if version is None:
        print(both("refused", n=len(result.errors)), file=run.err)
        return 2
    print(both("jakon_published", version=version), file=run.out)
    return 0


@jakon.command("list", help="The projects with `registered`, `late` (started before registering) and `owed_rp`.")
@P.region()
@click.option("--unregistered", is_flag=True, help="only projects without a BPJS registration")
@P.as_json()
@_uses_store()
def jakon_list(run: Run, region: str | None, unregistered: bool, as_json: bool) -> int:
    from ..present import views

    page = views.jakon_page(run.store, region or "", settings=run.settings) if region else None
    if page is None:
        register = run.store.read_jakon()
        from ..core.jakon import parse_tiers, with_status

        df = with_status(register, parse_tiers(run.settings.jakon_tiers)) if register is not None else None
    else:
        df = page.projects
    if df is None or df.empty:
        print("[]" if as_json else both("jakon_none"), file=run.out)
        return 0
    if unregistered:
        df = df[~df["registered"]]
    cols = ["project", "opd", "ppk", "funding", "contract_value", "start_date", "end_date", "workers", "region_code",
            "registration_no", "registration_date", "registered", "late", "owed_rp"]  # fmt: skip
    df = df[cols].copy()
    for c in ("start_date", "end_date", "registration_date"):
        df[c] = [d.date().isoformat() if not pd.isna(d) else None for d in df[c]]
    if as_json:
        _print_records(df, run.out)
    else:
        print(df.to_string(index=False, na_rep="—"), file=run.out)
    return 0


@jakon.command("rollback", help="Make an earlier version of the project register the one in force.")
@P.version("the register's version to put in force")
@P.user()
@_uses_store()
def jakon_rollback(run: Run, version: int, user: str | None) -> int:
    run.store.rollback_jakon(version, user=_user(user))
    print(both("rollback_done_jakon", version=version), file=run.out)
    return 0


# ---- store ------------------------------------------------------------------------------------


@cli.group(help="The shared store on object storage: copy, history, restore.")
def store() -> None:
    pass


@store.command(
    "copy",
    help="Publish the local data directory (checked first) as the next version of a shared store on S3-compatible "
    "storage; onto a store that holds versions already only with `--replace N`, N its newest manifest version (else "
    "exit 2, saying how many it holds); see *Scaling out*.",
)
@click.option(
    "--to", required=True, metavar="URL", help="s3://bucket/prefix (credentials from the AWS environment variables)"
)
@click.option(
    "--replace",
    type=int,
    metavar="N",
    help="copy onto a store that holds versions already: N must be its newest manifest version",
)
@_uses_store(local=True)
def store_copy(run: Run, to: str, replace: int | None) -> int:
    from ..storage import replica

    problems = run.store.check()
    if problems:  # a damaged store is not spread to every replica
        print("\n".join(problems), file=run.err)
        return 1
    version = replica.copy_to(run.store.data_dir, to, replace=replace)
    print(both("store_copied", version=version, url=to.split("?")[0]), file=run.out)
    return 0


def _store_url(run: Run, given: str | None) -> str | None:
    url = given or run.settings.store
    if not url:
        print(both("store_no_url"), file=run.err)
    return url or None


@store.command(
    "history",
    help="The shared store's manifest versions (default `UCJ_STORE`): number, time (UTC) and the files each changed.",
)
@P.store_url
@P.as_json()
@_uses_store(local=True)
def store_history(run: Run, store_url: str | None, as_json: bool) -> int:
    from ..storage import replica

    if (url := _store_url(run, store_url)) is None:
        return 2
    rows = replica.history(url)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1), file=run.out)
        return 0
    if not rows:
        print(both("store_history_empty", url=url.split("?")[0]), file=run.out)
    for r in rows:
        print(f"{r['version']:>6}  {_when(r['at'])}  {_what_changed(r)}", file=run.out)
    return 0


@store.command(
    "restore",
    help="Write a NEW manifest version whose content is version N's (audited, admins only; N must pass `check`; "
    "nothing is deleted).",
)
@click.argument("version", type=int, metavar="N")
@P.store_url
@P.user("the admin acting")
@_uses_store(local=True)
def store_restore(run: Run, version: int, store_url: str | None, user: str | None) -> int:
    from ..storage import replica

    if (url := _store_url(run, store_url)) is None:
        return 2
    new = replica.restore(url, version, user=_user(user), audit_key=run.settings.audit_key)
    print(both("store_restored", source=version, version=new, url=url.split("?")[0]), file=run.out)
    return 0


def _when(at) -> str:
    import datetime as dt

    if at is None:
        return "-"
    return dt.datetime.fromtimestamp(float(at), dt.UTC).isoformat(timespec="seconds")


def _what_changed(r: dict) -> str:
    """A manifest version's change in a line: a restore, else the store's files it changed (the
    audit log, its head and the manifest change with nearly every write: named only when alone)."""
    if r.get("restored_from"):
        return f"restore of version {r['restored_from']}"
    bookkeeping = {"audit.log", "audit.head", "manifest.json"}
    files = [f for f in r["changed"] if f not in bookkeeping] + [f"-{f}" for f in r["removed"]]
    return ", ".join(files or r["changed"]) or "-"


# ---- boundaries -------------------------------------------------------------------------------


@cli.group(help="Region boundaries for the coverage map.")
def boundaries() -> None:
    pass


@boundaries.command(
    "import",
    help="Load region boundaries (GeoJSON) for the coverage map: matched by Kemendagri code or name, simplified; the "
    "shapes that match no region are listed (admins only).",
)
@P.file_argument
@P.user("the admin acting")
@_uses_store()
def boundaries_import(run: Run, file: Path, user: str | None) -> int:
    if (data := _file_bytes(file, run.err)) is None:
        return 2
    from ..intake.boundaries import BoundaryError
    from ..services import service

    try:
        result = service.import_boundaries(run.store, data, file.name, user=_user(user))
    except BoundaryError as exc:
        print(both(exc.key, **exc.params), file=run.err)
        return 2
    print(both("boundaries_imported", n=len(result.features)), file=run.out)
    if result.unmatched:
        names = ", ".join(result.unmatched[:20])
        print(both("boundaries_unmatched", n=len(result.unmatched), names=names), file=run.err)
    return 0
