"""Pemda programme files: the beneficiaries of each month (region × programme × funder) and the
programmes' yearly budgets, read (CSV/XLSX, within the same limits as snapshots) and validated row
by row with a report. Never raises for bad input. The columns are the ``BENEFICIARIES`` and
``BUDGETS`` declarations'; the rules across rows are here (one row per month, region and
programme; one budget per year and programme)."""

from __future__ import annotations

import pandas as pd

from ..core.planner import cost_per_worker_rp
from ..core.programmes import BENEFICIARY_COLUMNS, BUDGET_COLUMNS, key_of
from ..core.settings import Settings, load_settings
from .cells import blank, cell_text
from .formats import BENEFICIARIES, BUDGETS, Format
from .header import find_header
from .problems import Problem, UploadResult, capped, read_sheet, with_reading
from .rows import RowReader, data_rows, number_form, raw


def empty_beneficiaries() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.Series(dtype="string"),
            "region_code": pd.Series(dtype="string"),
            "program": pd.Series(dtype="string"),
            "funder_code": pd.Series(dtype="string"),
            "participants": pd.Series(dtype="int64"),
            "monthly_rp": pd.Series(dtype="int64"),
            "category": pd.Series(dtype="string"),
        }
    )[BENEFICIARY_COLUMNS]


def empty_budgets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": pd.Series(dtype="int64"),
            "program": pd.Series(dtype="string"),
            "funder_code": pd.Series(dtype="string"),
            "budget_rp": pd.Series(dtype="int64"),
            "legal_basis": pd.Series(dtype="string"),
        }
    )[BUDGET_COLUMNS]


def parse_beneficiaries_file(
    data: bytes,
    file_name: str = "program.csv",
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads a beneficiaries file: one row per month, region and programme (its funder with it).
    A blank ``iuran_bulanan`` is the settings' BPU contribution (JKK on the reported income + JKM)."""
    settings = settings or load_settings()
    default_rp = cost_per_worker_rp(settings.jkk_rate_pct, settings.reported_income_rp, settings.jkm_rp)
    return _parse(data, file_name, settings, sheet, number_format, BENEFICIARIES, default_rp)


def parse_budgets_file(
    data: bytes,
    file_name: str = "anggaran.csv",
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads a budgets file: one row per year and programme (its funder with it), the allocation in rupiah."""
    return _parse(data, file_name, settings or load_settings(), sheet, number_format, BUDGETS, None)


def _parse(
    data: bytes,
    file_name: str,
    settings: Settings,
    sheet: str | None,
    number_format: str | None,
    fmt: Format,
    default_rp: int | None,
) -> UploadResult:
    empty = empty_beneficiaries if fmt is BENEFICIARIES else empty_budgets
    table = read_sheet(data, file_name, settings, sheet)
    if isinstance(table, Problem):
        return UploadResult(empty(), [table], file_name=file_name)
    cells = table.rows
    header = find_header(cells, fmt)
    if header is None:
        result = UploadResult(empty(), [Problem("error", "no_header", params={"expected": fmt.expected})])
        result.file_name = file_name
        return with_reading(result, table)
    errors: list[Problem] = []
    found = ", ".join(cell_text(c) for c in cells[header.row_index] if not blank(c))
    for name in fmt.required:
        if name not in header.columns:
            spelled = fmt.column(name).spelled
            errors.append(Problem("error", "missing_column", header.row_index + 1, spelled, "",
                                  {"column": spelled, "found": found}))  # fmt: skip
    if fmt is BENEFICIARIES and "region_code" not in header.columns and "region_name" not in header.columns:
        errors.append(Problem("error", "missing_column", header.row_index + 1, "kode_wilayah / region_code", "",
                              {"column": "kode_wilayah / region_code", "found": found}))  # fmt: skip
    if errors:
        return with_reading(UploadResult(empty(), errors, file_name=file_name), table)
    rows = data_rows(cells, header, errors)
    reader = RowReader(fmt, errors)
    conv = number_form(fmt, reader, rows, header, delimiter=table.delimiter, chosen=number_format)
    if isinstance(conv, Problem):
        return with_reading(UploadResult(empty(), [conv], file_name=file_name), table)
    reader.convention = conv.format
    out: list[dict] = []
    seen: dict[tuple, int] = {}
    for n, row in rows:
        values = reader.read(n, raw(row, header))
        if values is None:
            continue
        if fmt is BENEFICIARIES:
            region = values.pop("region")
            record = {**values, "region_code": region.code, "category": values.get("category") or ""}
            record["monthly_rp"] = record.get("monthly_rp") or default_rp
            key: tuple = (record["period"], record["region_code"], *key_of(record["program"], record["funder_code"]))
            duplicate = "duplicate_programme_row"
        else:
            record = {**values, "legal_basis": values.get("legal_basis") or ""}
            key = (record["year"], *key_of(record["program"], record["funder_code"]))
            duplicate = "duplicate_budget_row"
        if key in seen:
            reader.err(duplicate, n, "program", record["program"], first_row=seen[key])
            continue
        seen[key] = n
        out.append(record)
    if not out and not errors:
        errors.append(Problem("error", "empty_file"))
    if errors:
        result = UploadResult(empty(), capped(errors, settings.max_errors_per_kind), file_name=file_name)
        return with_reading(result, table)
    typed = empty()
    frame = pd.DataFrame(out)[list(typed.columns)]
    result = UploadResult(pd.concat([typed, frame], ignore_index=True).astype(typed.dtypes.to_dict()))
    result.number_format = conv.format
    result.file_name = file_name
    return with_reading(result, table)
