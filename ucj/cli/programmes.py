"""The commands over the Pemda programmes: their beneficiaries and budgets imported, listed, rolled
back, and a region's figures (``programmes status``)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pandas as pd

from ..core.i18n import both
from ..intake.problems import in_reading_order
from . import params as P
from .base import Run, _file_bytes, _print_records, _problem_line, _row, _user, _uses_store


@click.group(
    help="Pemda-funded programmes: beneficiaries and budgets imported, listed, rolled back; a region's figures."
)
def programmes() -> None:
    pass


def _import(run: Run, file: Path, user: str | None, dry_run: bool, sheet: str | None, number_format: str | None,
            budgets: bool) -> int:  # fmt: skip
    from ..services import programmes as ops

    if (data := _file_bytes(file, run.err)) is None:
        return 2
    do = ops.import_budgets if budgets else ops.import_programmes
    result, version = do(run.store, data, file.name, user=_user(user), dry_run=dry_run, sheet=sheet,
                         number_format=number_format)  # fmt: skip
    for p in in_reading_order(result.errors):
        where = f"{_row(p)}, " if p.row else ""
        print(_problem_line(p, f"{where}{p.column}, {p.value!r}"), file=run.err)
    for p in result.warnings:
        print(_problem_line(p, f"{p.column}, {p.value!r}"), file=run.out)
    if not result.ok:
        print(both("refused", n=len(result.errors)), file=run.err)
        return 2
    if version is None:
        print(both("programmes_checked", n=len(result.rows)), file=run.out)
        return 0
    print(both("budgets_published" if budgets else "programmes_published", version=version), file=run.out)
    return 0


@programmes.command(
    "import",
    help="Validate and publish a beneficiaries file (periode; kode_wilayah; program; pemberi_dana; peserta; "
    "[iuran_bulanan]; [kategori]), merged by month, region and programme; exit 2 with the error list when refused.",
)
@P.file_argument
@P.number_format
@P.user()
@P.sheet
@click.option("--dry-run", is_flag=True, help="validate only; store nothing")
@_uses_store()
def programmes_import(run: Run, file: Path, number_format: str | None, user: str | None, sheet: str | None,
                      dry_run: bool) -> int:  # fmt: skip
    return _import(run, file, user, dry_run, sheet, number_format, budgets=False)


@programmes.command(
    "budget",
    help="Validate and publish a budgets file (tahun; program; pemberi_dana; anggaran; [dasar_hukum]), merged by "
    "year and programme; exit 2 with the error list when refused.",
)
@P.file_argument
@P.number_format
@P.user()
@P.sheet
@click.option("--dry-run", is_flag=True, help="validate only; store nothing")
@_uses_store()
def programmes_budget(run: Run, file: Path, number_format: str | None, user: str | None, sheet: str | None,
                      dry_run: bool) -> int:  # fmt: skip
    return _import(run, file, user, dry_run, sheet, number_format, budgets=True)


@programmes.command("list", help="The beneficiaries in force (or, with --budgets, the budgets).")
@P.region("only rows of this region and below (beneficiaries) or of this funder (budgets)")
@click.option("--budgets", is_flag=True, help="the budgets instead of the beneficiaries")
@P.as_json()
@_uses_store()
def programmes_list(run: Run, region: str | None, budgets: bool, as_json: bool) -> int:
    df = run.revision.read_budgets() if budgets else run.revision.read_programmes()
    if df is not None and region:
        codes = df["funder_code"] if budgets else df["region_code"]
        df = df[(codes == region) | codes.str.startswith(region + ".")]
    if df is None or df.empty:
        print("[]" if as_json else both("programmes_none"), file=run.out)
        return 0
    if as_json:
        _print_records(df.reset_index(drop=True), run.out)
    else:
        print(df.to_string(index=False, na_rep="—"), file=run.out)
    return 0


@programmes.command("rollback", help="Make an earlier version of the beneficiaries (or the budgets) the one in force.")
@P.version("the version to put in force")
@click.option("--budgets", is_flag=True, help="roll back the budgets instead of the beneficiaries")
@P.user()
@_uses_store()
def programmes_rollback(run: Run, version: int, budgets: bool, user: str | None) -> int:
    run.store.rollback_programmes(version, budgets=budgets, user=_user(user))
    print(both("rollback_done_budgets" if budgets else "rollback_done_programmes", version=version), file=run.out)
    return 0


@programmes.command(
    "status",
    help="A region's (and below) coverage with and without the Pemda programmes, and each programme's budget runway.",
)
@P.region(required=True)
@P.period(required=True)
@P.as_json()
@_uses_store()
def programmes_status(run: Run, region: str, period: str, as_json: bool) -> int:
    from ..present.programmes import programme_status

    figures = programme_status(run.revision, region, period)
    if as_json:
        print(json.dumps(figures, ensure_ascii=False, indent=2), file=run.out)
        return 0
    head = {k: v for k, v in figures.items() if k != "programmes"}
    for k, v in head.items():
        print(f"{k}: {'—' if v is None else v}", file=run.out)
    if figures["programmes"]:
        print(pd.DataFrame(figures["programmes"]).to_string(index=False, na_rep="—"), file=run.out)
    else:
        print(both("programmes_none"), file=run.out)
    return 0


COMMANDS = [programmes]
