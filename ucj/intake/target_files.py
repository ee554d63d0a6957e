"""Target files and edited target tables: read, validated, with a report of what is wrong. The
columns are the ``TARGETS`` declaration's; the rules across rows are here (one target per region
and year)."""

from __future__ import annotations

import pandas as pd

from ..core import regions
from ..core.parsing import DECIMAL_MARK, FORM_EXAMPLE
from ..core.schema import TARGET_COLUMNS
from ..core.settings import Settings, load_settings
from .formats import TARGETS
from .header import find_header
from .problems import Problem, UploadResult, capped, read_sheet, with_reading
from .rows import RowReader, data_rows, raw


def parse_targets_file(
    data: bytes,
    file_name: str = "targets.csv",
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads a target table (region_code or region_name, year, target_pct, source), within the same
    limits as a snapshot file (a workbook's first visible sheet, or ``sheet``). Never raises for bad
    input.

    A percentage's one separator is its decimal mark in either form ("58,65", "58.65"), so a target
    file never needs its number form told; given ``number_format`` ("id"/"en"), a percentage written
    with the other form's decimal mark is an error rather than read."""
    settings = settings or load_settings()
    table = read_sheet(data, file_name, settings, sheet)
    if isinstance(table, Problem):
        return UploadResult(_empty_targets(), [table], file_name=file_name)
    result = _targets_from_cells(table.rows, settings, number_format)
    result.file_name = file_name
    return with_reading(result, table)


def _targets_from_cells(
    cells: list[list[object]], settings: Settings, number_format: str | None = None
) -> UploadResult:
    header = find_header(cells, TARGETS)
    if header is None:
        return UploadResult(_empty_targets(), [Problem("error", "no_header", params={"expected": TARGETS.expected})])
    errors: list[Problem] = []
    records = [{"row": n, **raw(row, header)} for n, row in data_rows(cells, header, errors)]
    if number_format:
        errors += _wrong_marks(records, number_format)
    if errors:
        errors += validate_targets(records).errors if records else []
        return UploadResult(_empty_targets(), capped(errors, settings.max_errors_per_kind))
    result = validate_targets(records)
    result.errors = capped(result.errors, settings.max_errors_per_kind)
    return result


def _wrong_marks(records: list[dict], number_format: str) -> list[Problem]:
    """An error for each percentage written with the decimal mark of the form not chosen."""
    other = DECIMAL_MARK["en" if number_format == "id" else "id"]
    return [
        Problem("error", "number_format_wrong_mark", rec["row"], "target_pct", text,
                {"text": text, "chosen": FORM_EXAMPLE[number_format], "mark": DECIMAL_MARK[number_format]})
        for rec in records
        if isinstance(rec.get("target_pct"), str) and other in (text := rec["target_pct"].strip())
    ]  # fmt: skip


def validate_targets(records: list[dict], allow_empty: bool = False) -> UploadResult:
    """Checks target rows (dicts with region_code and/or region_name, year, target_pct, source, row).

    Used for imported files and for the table edited on the Target page alike.
    """
    errors: list[Problem] = []
    reader = RowReader(TARGETS, errors)
    out: list[dict] = []
    seen: dict[tuple[str, int], int] = {}
    for n, rec in enumerate(records, start=1):
        row = rec.get("row") or n
        values = reader.read(row, rec, TARGETS.names)
        if values is None:
            continue
        region: regions.Region = values["region"]
        key = (region.code, values["year"])
        if key in seen:
            errors.append(
                Problem(
                    "error",
                    "duplicate_row",
                    row,
                    "region_code",
                    region.code,
                    {"region": region.label, "sector": values["year"], "first_row": seen[key]},
                )
            )
            continue
        seen[key] = row
        out.append({"region_code": region.code, "year": values["year"], "target_pct": values["target_pct"],
                    "source": values["source"] or ""})  # fmt: skip
    if not records and not allow_empty:
        errors.append(Problem("error", "empty_file"))
    if errors:
        return UploadResult(_empty_targets(), errors)
    return UploadResult(pd.DataFrame(out, columns=TARGET_COLUMNS))


def targets_preview(result: UploadResult) -> pd.DataFrame:
    """A checked target file's rows as they will be stored, with each region's official name, for
    the preview before the import: region_code, region_name, year, target_pct, source."""
    preview = result.targets.copy()
    preview["region_name"] = [regions.region_name(c) for c in preview["region_code"]]
    return preview[["region_code", "region_name", "year", "target_pct", "source"]]


def _empty_targets() -> pd.DataFrame:
    return pd.DataFrame(columns=TARGET_COLUMNS)
