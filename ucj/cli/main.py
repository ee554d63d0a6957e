"""``python -m ucj``: the command line over the library, for analysts who script it."""

from __future__ import annotations

import argparse
import getpass
import json
import math
import sys
import traceback
from pathlib import Path

import pandas as pd
from filelock import Timeout

from ..core import regions
from ..core.accounts import AccessDenied
from ..core.failures import failure_message
from ..core.i18n import both, t
from ..core.parsing import ParseError, parse_period
from ..core.schema import SECTORS
from ..core.settings import load_settings
from ..intake.problems import in_reading_order
from ..query import db
from ..storage.audit import AuditError
from ..storage.replica import open_store
from ..storage.store import Store, StoreError

LEVEL_NAMES = {"provinsi": 1, "kabupaten": 2, "kota": 2, "kabupaten/kota": 2, "kecamatan": 3}


def _period(text: str) -> str:
    try:
        return parse_period(text)
    except ParseError as exc:
        raise argparse.ArgumentTypeError(both("not_a_period")) from exc


def _region(text: str) -> str:
    try:
        return regions.get_region(text).code
    except regions.RegionError:
        try:
            return regions.resolve_name(text).code
        except regions.RegionError as exc:
            detail = ", ".join(c.label for c in exc.candidates)
            raise argparse.ArgumentTypeError(both(exc.kind, candidates=detail)) from exc


NUMBER_FORMATS = ("id", "en")
NUMBER_FORMAT_HELP = (
    "the file's number form when the file cannot tell it: id = 1.234.567 and 58,65, en = 1,234,567 and 58.65"
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="data directory (default: UCJ_DATA_DIR or ./data)")
    parser = argparse.ArgumentParser(prog="python -m ucj", description="UCJ (Universal Coverage Jamsostek) data tools")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="validate and store a monthly snapshot file")
    p.add_argument("file", type=Path)
    p.add_argument("--period", type=_period, help="YYYY-MM, for files without a period column")
    p.add_argument("--number-format", choices=NUMBER_FORMATS, help=NUMBER_FORMAT_HELP)
    p.add_argument("--dry-run", action="store_true", help="validate only; store nothing")
    p.add_argument("--accept-warnings", action="store_true", help="store despite plausibility warnings")
    p.add_argument(
        "--replace-month",
        action="store_true",
        help="make the file the whole month: regions not in it lose their figures (default: merge by region)",
    )
    p.add_argument(
        "--confirm-removal",
        type=int,
        metavar="N",
        help="with --replace-month: confirm that N regions lose their figures (the number the refusal names)",
    )
    p.add_argument("--user", default=None, help="who uploads (default: the login name)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--sheet", default=None, metavar="NAME", help="the workbook sheet to read (default: the first visible)"
    )
    p.add_argument(
        "--allow-future-period",
        action="store_true",
        help="admins: accept a month after the current one (refused otherwise)",
    )

    p = sub.add_parser("status", parents=[common], help="coverage, target, gap and pace per region")
    p.add_argument("--period", type=_period, help="YYYY-MM (default: the latest)")
    p.add_argument("--region", type=_region, help="a region code or name")
    p.add_argument("--level", choices=sorted(LEVEL_NAMES), help="the level of the regions listed")
    p.add_argument("--sector", choices=SECTORS, help="one sector, against its own denominator")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("targets", help="import or list targets")
    tsub = p.add_subparsers(dest="targets_command", required=True)
    ti = tsub.add_parser("import", parents=[common], help="import targets from CSV/XLSX")
    ti.add_argument("file", type=Path)
    ti.add_argument("--number-format", choices=NUMBER_FORMATS, help=NUMBER_FORMAT_HELP)
    ti.add_argument("--user", default=None)
    ti.add_argument(
        "--sheet", default=None, metavar="NAME", help="the workbook sheet to read (default: the first visible)"
    )
    ts = tsub.add_parser("set", parents=[common], help="add or change one target")
    ts.add_argument("--region", type=_region, required=True)
    ts.add_argument("--year", required=True)
    ts.add_argument("--pct", required=True, help="58,65 or 58.65 or 58.65%%")
    ts.add_argument("--source", default="")
    ts.add_argument("--user", default=None)
    tl = tsub.add_parser("list", parents=[common], help="list targets")
    tl.add_argument("--json", action="store_true")

    p = sub.add_parser("jakon", help="the Monev Jakon project register: import, list, roll back")
    jsub = p.add_subparsers(dest="jakon_command", required=True)
    ji = jsub.add_parser("import", parents=[common], help="validate and publish a project list (merged by region)")
    ji.add_argument("file", type=Path)
    ji.add_argument("--number-format", choices=NUMBER_FORMATS, help=NUMBER_FORMAT_HELP)
    ji.add_argument("--user", default=None)
    ji.add_argument(
        "--sheet", default=None, metavar="NAME", help="the workbook sheet to read (default: the first visible)"
    )
    jl = jsub.add_parser("list", parents=[common], help="projects with their registration status")
    jl.add_argument("--region", type=_region, default=None)
    jl.add_argument("--unregistered", action="store_true", help="only projects without a BPJS registration")
    jl.add_argument("--json", action="store_true")
    jr = jsub.add_parser("rollback", parents=[common], help="make an earlier version of the register the one in force")
    jr.add_argument("--version", type=int, required=True)
    jr.add_argument("--user", default=None)

    p = sub.add_parser("store", help="the shared store on object storage")
    ssub = p.add_subparsers(dest="store_command", required=True)
    sc = ssub.add_parser("copy", parents=[common], help="publish the local data directory to an object store")
    sc.add_argument("--to", required=True, help="s3://bucket/prefix (credentials from the AWS environment variables)")
    sc.add_argument(
        "--replace",
        type=int,
        metavar="N",
        help="copy onto a store that holds versions already: N must be its newest manifest version",
    )
    sh = ssub.add_parser("history", parents=[common], help="the shared store's manifest versions")
    sh.add_argument("--store", dest="store_url", help="s3://bucket/prefix (default: UCJ_STORE)")
    sh.add_argument("--json", action="store_true")
    sr = ssub.add_parser(
        "restore", parents=[common], help="write a new manifest version equal to version N's content (admins)"
    )
    sr.add_argument("version", type=int, metavar="N")
    sr.add_argument("--store", dest="store_url", help="s3://bucket/prefix (default: UCJ_STORE)")
    sr.add_argument("--user", default=None)

    p = sub.add_parser("boundaries", help="region boundaries for the coverage map")
    bsub = p.add_subparsers(dest="boundaries_command", required=True)
    bi = bsub.add_parser("import", parents=[common], help="load a GeoJSON boundary file (admins)")
    bi.add_argument("file", type=Path)
    bi.add_argument("--user", default=None)

    p = sub.add_parser("completeness", parents=[common], help="which regions reported each month (reporting rate)")
    p.add_argument("--region", type=_region, help="whose children to list (default: the provinces)")
    p.add_argument("--period", type=_period, help="the last month shown (default: the latest)")
    p.add_argument("--months", type=int, default=1, help="how many months up to --period (default: 1)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("versions", parents=[common], help="stored versions of each period")
    p.add_argument("--period", type=_period)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("rollback", parents=[common], help="make an earlier version active again")
    p.add_argument("--period", type=_period, required=True)
    p.add_argument("--version", type=int, required=True)
    p.add_argument("--user", default=None)

    p = sub.add_parser(
        "withdraw", parents=[common], help="admins: empty a period as a new version (undo with rollback)"
    )
    p.add_argument("--period", type=_period, required=True)
    p.add_argument("--user", default=None)

    sub.add_parser("demo", parents=[common], help="write the illustrative sample data set")

    p = sub.add_parser("users", help="local accounts: add, list, remove, unlock")
    usub = p.add_subparsers(dest="users_command", required=True)
    ua = usub.add_parser("add", parents=[common], help="add or replace an account")
    ua.add_argument("name")
    ua.add_argument("--role", choices=["viewer", "analyst", "admin"], required=True)
    ua.add_argument("--region", action="append", default=[], help="a region an analyst may change (repeatable)")
    ua.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    ua.add_argument("--user", default=None, help="the admin acting (once accounts exist)")
    ul = usub.add_parser("list", parents=[common], help="list accounts (never their passwords)")
    ul.add_argument("--json", action="store_true")
    ur = usub.add_parser("remove", parents=[common], help="remove an account")
    ur.add_argument("name")
    ur.add_argument("--user", default=None)
    uu = usub.add_parser("unlock", parents=[common], help="clear an account's wait after failed sign-ins")
    uu.add_argument("name")
    who = uu.add_mutually_exclusive_group()
    who.add_argument("--user", default=None, help="the admin acting")
    who.add_argument(
        "--local",
        action="store_true",
        help="break-glass for the server's operator: no admin needed (access to the data directory is the proof)",
    )

    p = sub.add_parser("audit", parents=[common], help="the audit log, oldest first")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "check",
        parents=[common],
        help="verify the audit chain, its head and every stored artefact against it (exit 1 if not)",
    )
    p.add_argument(
        "--repair-tail",
        action="store_true",
        help="drop an unterminated partial last line of the audit log (admins; audited), then check",
    )
    p.add_argument("--user", default=None, help="the admin repairing (with --repair-tail)")

    p = sub.add_parser("export", parents=[common], help="the slide deck (.pptx) or the report (.pdf)")
    p.add_argument("--format", choices=["pptx", "pdf"], required=True)
    p.add_argument("--region", type=_region, required=True)
    p.add_argument("--period", type=_period, help="YYYY-MM (default: the latest)")
    p.add_argument("--sector", choices=SECTORS)
    p.add_argument("--lang", choices=["id", "en"], default="id")
    p.add_argument("--cost-per-worker", type=int, help="rupiah per worker per month (default: from the settings)")
    p.add_argument("--budget", type=int, help="rupiah to the deadline, for the report's budget question")
    p.add_argument("--out", type=Path, required=True)

    p = sub.add_parser("plan", parents=[common], help="workers to enrol by the deadline and what it costs")
    p.add_argument("--region", type=_region, required=True)
    p.add_argument("--period", type=_period, help="YYYY-MM (default: the latest)")
    p.add_argument("--sector", choices=SECTORS)
    p.add_argument("--cost-per-worker", type=int, help="rupiah per worker per month (default: from the settings)")
    p.add_argument("--budget", type=int, help="also answer: what coverage does this budget to the deadline buy")
    p.add_argument("--lang", choices=["id", "en"], default="id")
    p.add_argument("--json", action="store_true")
    return parser


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


def main(argv: list[str] | None = None, out=None, err=None) -> int:
    """Runs one command; returns the exit code: 0 success, 2 a refused file or request (or bad usage),
    1 an internal failure (full disk, lock timeout, a damaged store found by `check`)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        settings = load_settings().with_data_dir(getattr(args, "data_dir", None))
    except ValueError as exc:
        print(exc, file=err)
        return 2
    try:
        # Opening a shared store already talks to it: inside the same error handling as the command.
        store = open_store(settings) if args.command != "store" else Store(settings.data_dir, settings.audit_key)
        return _COMMANDS[args.command](args, store, settings, out, err)
    except (StoreError, AccessDenied, AuditError) as exc:
        # A refused request, not a failure: exit 2, like a refused file.
        print(both(exc.key, **exc.params), file=err)
        return 2
    except Timeout:
        print(both("lock_timeout"), file=err)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, never a traceback
        return _failed(exc, err, debug=bool(settings.debug))


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


def _cmd_ingest(args, store, settings, out, err) -> int:
    if (data := _file_bytes(args.file, err)) is None:
        return 2
    from ..services import service  # reading files needs openpyxl and more: imported only by the commands that do

    outcome = service.ingest(
        store,
        data,
        args.file.name,
        period=args.period,
        user=_user(args.user),
        dry_run=args.dry_run,
        accept_warnings=args.accept_warnings,
        replace_month=args.replace_month,
        confirm_removal=args.confirm_removal,
        settings=settings,
        sheet=args.sheet,
        allow_future_period=args.allow_future_period,
        number_format=args.number_format,
    )
    r = outcome.result
    v, pv = outcome.version, outcome.preview
    if args.json:
        print(
            json.dumps(
                {
                    "state": outcome.state,
                    "mode": "replace" if args.replace_month else "merge",
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
                },
                ensure_ascii=False,
                indent=1,
            ),
            file=out,
        )
    else:
        for note in zip(r.note_texts("id"), r.note_texts("en")):
            print(" / ".join(note), file=out)
        for p in r.errors + r.warnings:
            where = ", ".join(
                x
                for x in (f"baris/row {p.row}" if p.row else "", p.column or "", repr(p.value) if p.value else "")
                if x
            )
            label = "KESALAHAN/ERROR" if p.severity == "error" else "PERINGATAN/WARNING"
            print(
                f"{label} [{where}] {p.message('id')} / {p.message('en')}", file=err if p.severity == "error" else out
            )
        print(outcome.summary(), file=out if outcome.state in ("stored", "dry_run") else err)
        if v is not None:
            summary = [
                t("version_summary", lang, mode=t(f"mode_label_{v.mode}", lang), n=v.n_regions, removed=v.n_removed)
                for lang in ("id", "en")
            ]
            print(" / ".join(summary), file=out)
    return 0 if outcome.state in ("stored", "dry_run") else 2


def _cmd_status(args, store, settings, out, err) -> int:
    period = args.period or db.latest_period(store)
    if period is None:
        print(
            "Belum ada data; unggah berkas (ingest) atau muat contoh (demo). / "
            "No data yet; ingest a file or load the sample (demo).",
            file=err,
        )
        return 2
    level = LEVEL_NAMES[args.level] if args.level else None
    df = db.target_status(store, period, level=level, region=args.region, sector=args.sector, settings=settings)
    if args.json:
        _print_records(df, out)
        return 0
    if df.empty:
        print(f"Tidak ada data untuk {period}. / No data for {period}.", file=out)
        return 0
    view = df.copy()
    view["status"] = [t(f"status_{s}", "id") for s in view["status"]]
    _print_table(view.drop(columns=["target_source", "period"]), out)
    print(f"Periode / period: {period}", file=out)
    return 0


def _cmd_targets(args, store, settings, out, err) -> int:
    if args.targets_command == "import":
        if (data := _file_bytes(args.file, err)) is None:
            return 2
        from ..services import service

        result = service.import_targets(
            store, data, args.file.name, user=_user(args.user), sheet=args.sheet, number_format=args.number_format
        )
        for p in result.errors:
            print(
                f"KESALAHAN/ERROR [baris/row {p.row}, {p.column}, {p.value!r}] {p.message('id')} / {p.message('en')}",
                file=err,
            )
        _print_warnings(result.warnings, out)
        if not result.ok:
            print(both("refused", n=len(result.errors)), file=err)
            return 2
        print(f"{len(result.targets)} target diimpor / targets imported.", file=out)
        return 0
    if args.targets_command == "set":
        from ..services import service

        result = service.set_target(store, args.region, args.year, args.pct, args.source, user=_user(args.user))
        for p in result.errors:
            print(f"KESALAHAN/ERROR [{p.column}, {p.value!r}] {p.message('id')} / {p.message('en')}", file=err)
        if not result.ok:
            return 2
        print(f"Target {args.region} {args.year} disimpan. / Target saved.", file=out)
        return 0
    df = db.list_targets(store)
    if args.json:
        _print_records(df, out)
    elif df.empty:
        print("Belum ada target. / No targets yet.", file=out)
    else:
        _print_table(df, out)
    return 0


def _cmd_versions(args, store, settings, out, err) -> int:
    df = store.versions(args.period)
    if args.json:
        _print_records(df, out)
    elif df.empty:
        print("Belum ada versi. / No versions yet.", file=out)
    else:
        view = df.drop(columns=["sha256", "month_rows"])
        view["regions"] = [",".join(r) for r in view["regions"]]
        view["removed"] = [",".join(r) for r in view["removed"]]
        _print_table(view, out)
    return 0


def _cmd_completeness(args, store, settings, out, err) -> int:
    from ..core.parsing import add_months

    period = _latest(store, args.period, err)
    if period is None:
        return 2
    periods = [add_months(period, -k) for k in range(max(1, args.months) - 1, -1, -1)]
    df = db.reporting_matrix(store, args.region, periods)
    if args.json:
        _print_records(df, out)
        return 0
    level = regions.level_of(args.region) + 1 if args.region else 1
    for p, g in df.groupby("period"):
        done = int((g["state"] == "complete").sum())
        text = t("completeness_text", "id", n=done, m=len(g), level=t(f"level_{level}", "id"))
        text_en = t("completeness_text", "en", n=done, m=len(g), level=t(f"level_{level}", "en"))
        print(f"{p}: {text} / {text_en}", file=out)
        missing = g[g["state"] != "complete"]
        for _, r in missing.iterrows():
            part = "" if r["state"] == "missing" else f" ({r['reported_children']}/{r['expected_children']})"
            print(f"  - {r['region_name']} ({r['region_code']}): {r['state']}{part}", file=out)
    return 0


def _cmd_rollback(args, store, settings, out, err) -> int:
    store.rollback(args.period, args.version, user=_user(args.user))
    print(
        f"Periode {args.period} kini memakai versi {args.version}. / "
        f"Period {args.period} now uses version {args.version}.",
        file=out,
    )
    return 0


def _print_warnings(warnings, out) -> None:
    for p in warnings:
        print(f"PERINGATAN/WARNING [{p.value or '-'}] {p.message('id')} / {p.message('en')}", file=out)


def _cmd_withdraw(args, store, settings, out, err) -> int:
    from ..services import service

    version = service.withdraw_period(store, args.period, user=_user(args.user))
    print(both("withdraw_done", period=args.period, version=version.version), file=out)
    return 0


def _cmd_users(args, store, settings, out, err) -> int:
    from ..services import users

    if args.users_command == "list":
        df = users.list_users(store, settings)
        if args.json:
            _print_records(df, out)
        elif df.empty:
            print("Belum ada akun (mode lokal). / No accounts yet (local mode).", file=out)
        else:
            _print_table(df, out)
        return 0
    if args.users_command == "add":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass("Kata sandi / Password: ")
            if getpass.getpass("Ulangi / Repeat: ") != password:
                print("Kata sandi tidak sama. / The passwords differ.", file=err)
                return 2
        user = users.add_user(store, args.name, args.role, args.region, password, actor=_acting(args))
        print(f"Akun {user.name} ({user.role}) disimpan. / Account {user.name} ({user.role}) saved.", file=out)
        return 0
    if args.users_command == "unlock" and args.local:
        if not users.unlock_user(store, args.name, local=True, settings=settings):
            print(f"Tidak ada akun {args.name}. / No account {args.name}.", file=err)
            return 2
        print(both("unlock_local_done", name=args.name), file=out)
        return 0
    change = users.remove_user if args.users_command == "remove" else users.unlock_user
    if not change(store, args.name, actor=_acting(args)):
        print(f"Tidak ada akun {args.name}. / No account {args.name}.", file=err)
        return 2
    print(f"{args.users_command}: {args.name}", file=out)
    return 0


def _acting(args) -> str:
    return args.user if args.user else _user(None)


def _cmd_audit(args, store, settings, out, err) -> int:
    entries = store.audit.entries()
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=1), file=out)
        return 0
    if not entries:
        print("Log audit kosong. / The audit log is empty.", file=out)
    for e in entries:
        regions_ = ",".join(e.get("regions") or [])
        sha = (e.get("sha256") or "")[:12]
        print(
            f"{e['seq']:>5} {e['time']} {e['event']:<17} {e.get('user') or '-'} ({e.get('role') or '-'}) "
            f"{regions_} {sha} {json.dumps(e.get('detail') or {}, ensure_ascii=False)}",
            file=out,
        )
    return 0


def _cmd_check(args, store, settings, out, err) -> int:
    if args.repair_tail:
        entry = store.repair_audit_tail(_user(args.user))
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


def _cmd_demo(args, store, settings, out, err) -> int:
    from ..services.demo import write_demo

    n = write_demo(store)
    print(
        f"Data contoh (ilustrasi) ditulis: {n} periode di {store.data_dir}. / "
        f"Illustrative sample data written: {n} periods in {store.data_dir}.",
        file=out,
    )
    return 0


def _latest(store, period, err) -> str | None:
    period = period or db.latest_period(store)
    if period is None:
        print(
            "Belum ada data; unggah berkas (ingest) atau muat contoh (demo). / "
            "No data yet; ingest a file or load the sample (demo).",
            file=err,
        )
    return period


def _cmd_export(args, store, settings, out, err) -> int:
    from ..present.deck import build_deck
    from ..present.exports import deck_pptx, report_pdf

    period = _latest(store, args.period, err)
    if period is None:
        return 2
    if db.target_status(store, period, region=args.region).empty:
        print(f"Tidak ada data {args.region} untuk {period}. / No data for {args.region} in {period}.", file=err)
        return 2
    d = build_deck(store, period, args.region, args.sector, args.lang, cost=args.cost_per_worker, settings=settings)
    data = deck_pptx(d) if args.format == "pptx" else report_pdf(d, budget_rp=args.budget)
    args.out.write_bytes(data)
    print(f"{args.out} ({len(data):,} bytes)".replace(",", "."), file=out)
    return 0


def _cmd_plan(args, store, settings, out, err) -> int:
    from dataclasses import asdict

    from ..core.planner import budget_reach
    from ..present.deck import budget_sentence, plan_for, plan_sentence

    period = _latest(store, args.period, err)
    if period is None:
        return 2
    plan = plan_for(store, period, args.region, args.sector, cost=args.cost_per_worker, settings=settings)
    if plan is None:
        print(f"Tidak ada data {args.region} untuk {period}. / No data for {args.region} in {period}.", file=err)
        return 2
    if args.json:
        doc = plan.as_dict()
        if args.budget is not None and plan.months_left:
            doc["budget"] = asdict(
                budget_reach(
                    args.budget,
                    plan.cost_per_worker_rp,
                    plan.months_left,
                    plan.participants,
                    plan.workforce,
                    plan.target_participants,
                )
            )
        print(json.dumps(doc, ensure_ascii=False, indent=1), file=out)
        return 0
    print(plan_sentence(plan, args.lang), file=out)
    if args.budget is not None and (answer := budget_sentence(plan, args.budget, args.lang)):
        print(answer, file=out)
    return 0


def _cmd_jakon(args, store, settings, out, err) -> int:
    from ..present import views
    from ..services import service

    if args.jakon_command == "import":
        if (data := _file_bytes(args.file, err)) is None:
            return 2
        result, version = service.publish_projects(
            store, data, args.file.name, user=_user(args.user), sheet=args.sheet, number_format=args.number_format
        )
        for p in in_reading_order(result.errors):
            where = f"baris/row {p.row}, " if p.row else ""
            print(f"KESALAHAN/ERROR [{where}{p.column}, {p.value!r}] {p.message('id')} / {p.message('en')}", file=err)
        _print_warnings(result.warnings, out)
        if version is None:
            print(both("refused", n=len(result.errors)), file=err)
            return 2
        print(both("jakon_published", version=version), file=out)
        return 0
    if args.jakon_command == "rollback":
        store.rollback_jakon(args.version, user=_user(args.user))
        print(both("rollback_done_jakon", version=args.version), file=out)
        return 0
    page = views.jakon_page(store, args.region or "", settings=settings) if args.region else None
    if page is None:
        register = store.read_jakon()
        from ..core.jakon import parse_tiers, with_status

        df = with_status(register, parse_tiers(settings.jakon_tiers)) if register is not None else None
    else:
        df = page.projects
    if df is None or df.empty:
        print("[]" if args.json else both("jakon_none"), file=out)
        return 0
    if args.unregistered:
        df = df[~df["registered"]]
    cols = ["project", "opd", "ppk", "funding", "contract_value", "start_date", "end_date", "workers", "region_code",
            "registration_no", "registration_date", "registered", "late", "owed_rp"]  # fmt: skip
    df = df[cols].copy()
    for c in ("start_date", "end_date", "registration_date"):
        df[c] = [d.date().isoformat() if not pd.isna(d) else None for d in df[c]]
    if args.json:
        _print_records(df, out)
    else:
        print(df.to_string(index=False, na_rep="—"), file=out)
    return 0


def _cmd_store(args, store, settings, out, err) -> int:
    from ..storage import replica

    if args.store_command == "copy":
        problems = store.check()
        if problems:  # a damaged store is not spread to every replica
            print("\n".join(problems), file=err)
            return 1
        version = replica.copy_to(store.data_dir, args.to, replace=args.replace)
        print(both("store_copied", version=version, url=args.to.split("?")[0]), file=out)
        return 0
    url = args.store_url or settings.store
    if not url:
        print(both("store_no_url"), file=err)
        return 2
    if args.store_command == "history":
        rows = replica.history(url)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1), file=out)
        elif not rows:
            print(both("store_history_empty", url=url.split("?")[0]), file=out)
        for r in [] if args.json else rows:
            print(f"{r['version']:>6}  {_when(r['at'])}  {_what_changed(r)}", file=out)
        return 0
    version = replica.restore(url, args.version, user=_user(args.user), audit_key=settings.audit_key)
    print(both("store_restored", source=args.version, version=version, url=url.split("?")[0]), file=out)
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


def _cmd_boundaries(args, store, settings, out, err) -> int:
    if (data := _file_bytes(args.file, err)) is None:
        return 2
    from ..intake.boundaries import BoundaryError
    from ..services import service

    try:
        result = service.import_boundaries(store, data, args.file.name, user=_user(args.user))
    except BoundaryError as exc:
        print(both(exc.key, **exc.params), file=err)
        return 2
    print(both("boundaries_imported", n=len(result.features)), file=out)
    if result.unmatched:
        print(both("boundaries_unmatched", n=len(result.unmatched), names=", ".join(result.unmatched[:20])), file=err)
    return 0


_COMMANDS = {
    "store": _cmd_store,
    "boundaries": _cmd_boundaries,
    "jakon": _cmd_jakon,
    "ingest": _cmd_ingest,
    "status": _cmd_status,
    "targets": _cmd_targets,
    "versions": _cmd_versions,
    "completeness": _cmd_completeness,
    "users": _cmd_users,
    "audit": _cmd_audit,
    "check": _cmd_check,
    "rollback": _cmd_rollback,
    "withdraw": _cmd_withdraw,
    "demo": _cmd_demo,
    "export": _cmd_export,
    "plan": _cmd_plan,
}
