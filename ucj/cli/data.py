"""The commands over the monthly snapshots and the store's history: ingest, versions, completeness,
rollback, withdraw, audit, check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..core import regions
from ..core.i18n import both, t
from ..query import reporting_matrix
from . import params as P
from .base import Run, _file_bytes, _latest, _print_records, _print_table, _problem_line, _row, _user, _uses_store

# ---- ingest -----------------------------------------------------------------------------------


@click.command(
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


# ---- versions, completeness, rollback, withdraw -----------------------------------------------


@click.command(
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


@click.command(
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

    if (period := _latest(run.revision, period, run.err)) is None:
        return 2
    periods = [add_months(period, -k) for k in range(max(1, months) - 1, -1, -1)]
    df = reporting_matrix(run.revision, region, periods)
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


@click.command(help="Make an earlier version of a period active again.")
@P.period("the period (YYYY-MM)", required=True)
@P.version("the version to make active")
@P.user()
@_uses_store()
def rollback(run: Run, period: str, version: int, user: str | None) -> int:
    run.store.rollback(period, version, user=_user(user))
    print(both("cli_rollback_done", period=period, version=version), file=run.out)
    return 0


@click.command(
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


# ---- audit, check -----------------------------------------------------------------------------


@click.command(help="The audit log, oldest first.")
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


@click.command(
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


COMMANDS = [ingest, versions, completeness, rollback, withdraw, audit, check]
