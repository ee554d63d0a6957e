"""The commands over the registers beside the snapshots: targets, the Monev Jakon projects, boundaries."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from ..core.i18n import both
from ..intake.problems import in_reading_order
from ..query import list_targets
from . import params as P
from .base import (
    Run,
    _file_bytes,
    _print_records,
    _print_table,
    _print_warnings,
    _problem_line,
    _row,
    _user,
    _uses_store,
)

# ---- targets ----------------------------------------------------------------------------------


@click.group(help="Targets: import a file, set one, list them.")
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
    df = list_targets(run.revision)
    if as_json:
        _print_records(df, run.out)
    elif df.empty:
        print(both("cli_no_targets"), file=run.out)
    else:
        _print_table(df, run.out)
    return 0


# ---- jakon ------------------------------------------------------------------------------------


@click.group(help="The Monev Jakon project register: import, list, roll back.")
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
    from ..present.registers import jakon_page

    page = jakon_page(run.revision, region or "", settings=run.settings) if region else None
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


# ---- boundaries -------------------------------------------------------------------------------


@click.group(help="Region boundaries for the coverage map.")
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
        # Every one, a line each: the admin fixes the file from this list.
        print(both("boundaries_unmatched", n=len(result.unmatched)), file=run.err)
        for u in result.unmatched:
            print(f"{u.label}: {both(u.reason, **u.params)}", file=run.err)
    return 0


COMMANDS = [targets, jakon, boundaries]
