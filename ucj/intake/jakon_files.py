"""Monev Jakon project lists: read (CSV/XLSX, within the same limits as snapshots), validated row by
row, with a report of what is wrong. Never raises for bad input. The columns are the ``PROJECTS``
declaration's; the rules across cells and rows are here (dates in order, a registration with its
number and date, one project of a name per OPD and region)."""

from __future__ import annotations

import pandas as pd

from ..core import regions
from ..core.jakon import PROJECT_COLUMNS
from ..core.settings import Settings, load_settings
from .cells import blank, cell_text
from .formats import PROJECTS
from .header import find_header
from .problems import Problem, UploadResult, capped, read_sheet, with_reading
from .rows import RowReader, data_rows, number_form, raw


def empty_projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "project": pd.Series(dtype="string"),
            "opd": pd.Series(dtype="string"),
            "ppk": pd.Series(dtype="string"),
            "funding": pd.Series(dtype="string"),
            "contract_value": pd.Series(dtype="int64"),
            "start_date": pd.Series(dtype="datetime64[ms]"),
            "end_date": pd.Series(dtype="datetime64[ms]"),
            "workers": pd.Series(dtype="int64"),
            "region_code": pd.Series(dtype="string"),
            "registration_no": pd.Series(dtype="string"),
            "registration_date": pd.Series(dtype="datetime64[ms]"),
        }
    )[PROJECT_COLUMNS]


def parse_projects_file(
    data: bytes,
    file_name: str = "proyek.csv",
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads a project list (one row per construction project; a workbook's first visible sheet, or
    ``sheet``). Contract values and workers are read in the file's number form, told by the file as
    a whole, or ``number_format`` ("id"/"en") when the file cannot tell it (else one file-level
    "number_format_needed" error)."""
    settings = settings or load_settings()
    table = read_sheet(data, file_name, settings, sheet)
    if isinstance(table, Problem):
        return UploadResult(empty_projects(), [table], file_name=file_name)
    result = _projects_from_cells(table.rows, settings, table.delimiter, number_format)
    result.file_name = file_name
    return with_reading(result, table)


def _projects_from_cells(
    cells: list[list[object]], settings: Settings, delimiter: str | None, number_format: str | None
) -> UploadResult:
    header = find_header(cells, PROJECTS)
    if header is None:
        return UploadResult(empty_projects(), [Problem("error", "no_header", params={"expected": PROJECTS.expected})])
    errors: list[Problem] = []
    found = ", ".join(cell_text(c) for c in cells[header.row_index] if not blank(c))
    for name in PROJECTS.required:
        if name not in header.columns:
            spelled = PROJECTS.column(name).spelled
            errors.append(Problem("error", "missing_column", header.row_index + 1, spelled, "",
                                  {"column": spelled, "found": found}))  # fmt: skip
    if errors:
        return UploadResult(empty_projects(), errors)
    rows = data_rows(cells, header, errors)
    reader = RowReader(PROJECTS, errors)
    conv = number_form(PROJECTS, reader, rows, header, delimiter=delimiter, chosen=number_format)
    if isinstance(conv, Problem):
        return UploadResult(empty_projects(), [conv])
    reader.convention = conv.format
    out: list[dict] = []
    seen: dict[tuple[str, str, str], int] = {}
    for n, row in rows:
        record = _project(n, reader, raw(row, header))
        if record is None:
            continue
        key = (record["region_code"], record["opd"].lower(), record["project"].lower())
        if key in seen:
            reader.err("duplicate_project", n, "project", record["project"], first_row=seen[key])
            continue
        seen[key] = n
        out.append(record)
    if not out and not errors:
        errors.append(Problem("error", "empty_file"))
    if errors:
        return UploadResult(empty_projects(), capped(errors, settings.max_errors_per_kind))
    return UploadResult(_typed(out), number_format=conv.format)


def _typed(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records)
    for c in ("start_date", "end_date", "registration_date"):
        frame[c] = pd.to_datetime(frame[c]).astype("datetime64[ms]")
    typed = empty_projects()
    return pd.concat([typed, frame[PROJECT_COLUMNS]], ignore_index=True).astype(typed.dtypes.to_dict())


def _project(n: int, reader: RowReader, cells: dict[str, object]) -> dict | None:
    """One project, its cells read and checked together; None (with the problems) when wrong."""
    before = len(reader.problems)
    values = reader.values(n, cells, PROJECTS.names)
    # The rules across cells are checked on what could be read, so one row reports all it can.
    start, end, registered = values["start_date"], values["end_date"], values["registration_date"]
    if start and end and end < start:
        reader.err("end_before_start", n, "end_date", cells.get("end_date"), start=start.isoformat())
    number = values["registration_no"] or ""
    if registered and not number:
        reader.err("registration_without_number", n, "registration_no", "")
    if number and not registered and blank(cells.get("registration_date")):
        reader.err("registration_without_date", n, "registration_date", "")
    region = values.pop("region")
    if region is None or len(reader.problems) > before:
        return None
    return {**values, "ppk": values["ppk"] or "", "registration_no": number, "region_code": region.code}


def projects_preview(result: UploadResult) -> pd.DataFrame:
    """A checked list's projects as they will be stored, with each region's official name, for the
    preview before Publish: project, opd, region_code, region_name, funding, contract_value (whole
    rupiah), workers, start_date, end_date, registration_no, in the file's order."""
    preview = result.projects.copy()
    preview["region_name"] = [regions.region_name(c) for c in preview["region_code"]]
    cols = ["project", "opd", "region_code", "region_name", "funding", "contract_value", "workers", "start_date",
            "end_date", "registration_no"]  # fmt: skip
    return preview[cols]
