"""Monev Jakon project lists: read (CSV/XLSX, within the same limits as snapshots), validated row by
row, with a report of what is wrong. Never raises for bad input."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..core import regions
from ..core.jakon import FUNDING, FUNDING_ALIASES, PROJECT_COLUMNS
from ..core.parsing import ParseError, Where, file_convention, money_figure, parse_count, parse_date, parse_money
from ..core.settings import Settings, load_settings
from .cells import MAX_HEADER_SCAN, blank, cell_text, extra_cell, table_width
from .header import COLUMN_ALIASES, column_spellings, norm_header
from .problems import Problem, asks_number_format, capped, in_reading_order, problems_frame, read_sheet, with_reading

JAKON_ALIASES: dict[str, tuple[str, ...]] = {
    "project": ("nama_proyek", "project", "nama_paket", "paket", "proyek", "pekerjaan", "project_name"),
    "opd": ("opd", "satker", "dinas", "skpd", "perangkat_daerah"),
    "ppk": ("ppk", "pejabat_pembuat_komitmen"),
    "funding": ("sumber_dana", "funding", "funding_source", "sumber_anggaran"),
    "contract_value": ("nilai_kontrak", "contract_value", "nilai", "nilai_kontrak_rp", "nilai_kontrak_rupiah"),
    "start_date": ("tanggal_mulai", "start_date", "mulai", "tgl_mulai", "tanggal_spmk"),
    "end_date": ("tanggal_selesai", "end_date", "selesai", "tgl_selesai"),
    "workers": ("jumlah_pekerja", "workers", "tenaga_kerja", "pekerja"),
    "region_code": COLUMN_ALIASES["region_code"],
    "region_name": (*COLUMN_ALIASES["region_name"], "lokasi"),
    "registration_no": (
        "no_registrasi_bpjs",
        "registration_no",
        "nomor_registrasi",
        "no_registrasi",
        "nomor_pendaftaran_bpjs",
        "no_pendaftaran",
    ),  # fmt: skip
    "registration_date": ("tanggal_registrasi", "registration_date", "tgl_registrasi", "tanggal_pendaftaran"),
}
REQUIRED = ("project", "opd", "funding", "contract_value", "start_date", "end_date", "workers")
_LOOKUP = {alias: col for col, aliases in JAKON_ALIASES.items() for alias in aliases}
MAX_TEXT = 200
# What a missing cell should hold, for the report.
EXAMPLES = {"project": "Rehabilitasi Jalan Lingkar Barat", "opd": "Dinas PUPR", "start_date": "2025-03-01",
            "end_date": "2025-10-31", "region_code": "15.71"}  # fmt: skip


def spelled(canon: str) -> str:
    """A column as a report names it: its Indonesian header and the English one."""
    aliases = JAKON_ALIASES.get(canon)
    return f"{aliases[0]} / {aliases[1]}" if aliases and canon not in COLUMN_ALIASES else column_spellings(canon)


@dataclass
class ProjectsResult:
    """A project list read and checked; ``projects`` is empty whenever ``errors`` is not."""

    projects: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    number_format: str | None = None  # "id" or "en" as the file's figures were read; None: no need
    #: What reading the file noticed without refusing it (a hidden sheet left unread).
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def asks_number_format(self) -> bool:
        """True when the file's number form cannot be told and the user must choose it."""
        return asks_number_format(self.errors)

    @property
    def regions(self) -> list[str]:
        return sorted(set(self.projects["region_code"]))

    def problems_frame(self, lang: str = "id") -> pd.DataFrame:
        return problems_frame(in_reading_order(self.errors), lang)


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


def read_projects(
    data: bytes,
    file_name: str = "proyek.csv",
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> ProjectsResult:
    """Reads a project list (one row per construction project; a workbook's first visible sheet, or
    ``sheet``). Contract values and workers are read in the file's number form, told by the file as
    a whole, or ``number_format`` ("id"/"en") when the file cannot tell it (else one file-level
    "number_format_needed" error)."""
    settings = settings or load_settings()
    table = read_sheet(data, file_name, settings, sheet)
    if isinstance(table, Problem):
        return ProjectsResult(empty_projects(), [table])
    return with_reading(_projects_from_cells(table.rows, settings, table.delimiter, number_format), table)


def _projects_from_cells(
    cells: list[list[object]], settings: Settings, delimiter: str | None, number_format: str | None
) -> ProjectsResult:
    header_at, columns = None, {}
    for i, row in enumerate(cells[:MAX_HEADER_SCAN]):
        found: dict[str, int] = {}
        for j, c in enumerate(row):
            if not blank(c) and (k := norm_header(c)) in _LOOKUP:
                found.setdefault(_LOOKUP[k], j)
        if "project" in found and ("region_code" in found or "region_name" in found):
            header_at, columns = i, found
            break
    if header_at is None:
        expected = ", ".join(JAKON_ALIASES[c][0] for c in (*REQUIRED, "region_code"))
        return ProjectsResult(empty_projects(), [Problem("error", "no_header", params={"expected": expected})])
    errors: list[Problem] = []
    found_names = ", ".join(cell_text(c) for c in cells[header_at] if not blank(c))
    for col in REQUIRED:
        if col not in columns:
            errors.append(
                Problem("error", "missing_column", header_at + 1, spelled(col), "", {"column": spelled(col),
                                                                                      "found": found_names})
            )  # fmt: skip
    if errors:
        return ProjectsResult(empty_projects(), errors)
    width = table_width(cells[header_at])
    try:
        convention = _convention(cells, header_at, columns, delimiter, number_format)
    except _Asks as exc:
        return ProjectsResult(empty_projects(), [exc.problem])
    out: list[dict] = []
    seen: dict[tuple[str, str, str], int] = {}
    for i in range(header_at + 1, len(cells)):
        row = cells[i]
        if all(blank(c) for c in row):
            continue
        if extra := extra_cell(row, width):
            errors.append(Problem("error", "extra_cells", i + 1, extra[0], extra[1], {"letter": extra[0]}))
            continue
        record = _row(i + 1, row, columns, errors, convention)
        if record is None:
            continue
        key = (record["region_code"], record["opd"].lower(), record["project"].lower())
        if key in seen:
            errors.append(Problem("error", "duplicate_project", i + 1, spelled("project"), record["project"],
                                  {"first_row": seen[key]}))  # fmt: skip
            continue
        seen[key] = i + 1
        out.append(record)
    if not out and not errors:
        errors.append(Problem("error", "empty_file"))
    if errors:
        return ProjectsResult(empty_projects(), capped(errors, settings.max_errors_per_kind))
    frame = pd.DataFrame(out)
    for c in ("start_date", "end_date", "registration_date"):
        frame[c] = pd.to_datetime(frame[c]).astype("datetime64[ms]")
    typed = empty_projects()
    return ProjectsResult(
        pd.concat([typed, frame[PROJECT_COLUMNS]], ignore_index=True).astype(typed.dtypes.to_dict()),
        number_format=convention,
    )


def projects_preview(result: ProjectsResult) -> pd.DataFrame:
    """A checked list's projects as they will be stored, with each region's official name, for the
    preview before Publish: project, opd, region_code, region_name, funding, contract_value (whole
    rupiah), workers, start_date, end_date, registration_no, in the file's order."""
    preview = result.projects.copy()
    preview["region_name"] = [regions.region_name(c) for c in preview["region_code"]]
    cols = ["project", "opd", "region_code", "region_name", "funding", "contract_value", "workers", "start_date",
            "end_date", "registration_no"]  # fmt: skip
    return preview[cols]


class _Asks(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _convention(cells, header_at: int, columns: dict[str, int], delimiter, chosen: str | None) -> str | None:
    """The number form of the list from the list as a whole: its contract values and workers, its
    delimiter, decimal commas in other cells, month names in its dates. Raises _Asks with the one
    file-level problem when it cannot be told (or contradicts ``chosen``)."""
    figures: list[tuple[Where, str]] = []
    other: list[object] = []
    months: list[object] = []
    named = set(columns.values())
    dates = {columns[c] for c in ("start_date", "end_date", "registration_date") if c in columns}
    for i in range(header_at + 1, len(cells)):
        row = cells[i]
        for col in ("contract_value", "workers"):
            j = columns[col]
            v = row[j] if j < len(row) else None
            if isinstance(v, str) and not v.strip().isdigit():
                figures.append(((i + 1, spelled(col)), money_figure(v)[0] if col == "contract_value" else v))
        other += [c for j, c in enumerate(row) if j not in named and isinstance(c, str)]
        months += [row[j] for j in dates if j < len(row)]
    try:
        conv = file_convention(figures, delimiter=delimiter, other_cells=other, month_cells=months, chosen=chosen)
    except ParseError as exc:
        raise _Asks(Problem("error", exc.reason, None, None, cell_text(exc.value)[:MAX_TEXT], exc.params)) from exc
    if conv.question:
        (row_n, column), text, as_id, as_en = conv.question
        params = {"text": text, "at_row": row_n, "at_column": column, "as_id": as_id, "as_en": as_en}
        raise _Asks(Problem("error", "number_format_needed", None, None, text, params))
    return conv.format


def _row(
    n: int, row: list[object], columns: dict[str, int], errors: list[Problem], convention: str | None = None
) -> dict | None:
    def get(col: str) -> object:
        j = columns.get(col)
        return row[j] if j is not None and j < len(row) else None

    def err(key: str, col: str, value: object, **params: object) -> None:
        if key == "missing_value":
            params = {"valid": EXAMPLES.get(col, "—"), **params}
        errors.append(Problem("error", key, n, spelled(col), cell_text(value)[:MAX_TEXT], params))

    before = len(errors)
    texts = {}
    for col in ("project", "opd"):
        v = get(col)
        if blank(v):
            err("missing_value", col, "")
        texts[col] = cell_text(v).strip()[:MAX_TEXT] if not blank(v) else ""
    region = None
    code_v, name_v = get("region_code"), get("region_name")
    try:
        if not blank(code_v):
            text = str(int(code_v)) if isinstance(code_v, float) and code_v.is_integer() else cell_text(code_v)
            region = regions.get_region(text)
        elif not blank(name_v):
            region = regions.resolve_name(cell_text(name_v))
        else:
            err("missing_value", "region_code", "")
    except regions.RegionError as exc:
        col = "region_code" if not blank(code_v) else "region_name"
        value = code_v if not blank(code_v) else name_v
        close = regions.suggest(cell_text(value)) if exc.kind == "unknown_name" else ()
        if close:
            err("unknown_name_suggest", col, value, suggestions=", ".join(r.label for r in close))
        else:
            err(exc.kind, col, value, candidates=", ".join(c.label for c in exc.candidates))
    funding_v = get("funding")
    funding = FUNDING_ALIASES.get(" ".join(cell_text(funding_v).lower().split())) if not blank(funding_v) else None
    if funding is None:
        err("unknown_funding", "funding", funding_v or "", valid=", ".join(FUNDING))
    value = None
    try:
        value = parse_money(get("contract_value") if not blank(get("contract_value")) else "", convention=convention)
        if value <= 0:
            raise ParseError("not_money", get("contract_value"))
    except ParseError as exc:
        err(exc.reason, "contract_value", get("contract_value") or "", **exc.params)
    workers = None
    try:
        workers = parse_count(get("workers") if not blank(get("workers")) else "", convention)
    except ParseError as exc:
        err(exc.reason, "workers", get("workers") or "", **{k: str(x) for k, x in exc.params.items()})
    dates: dict[str, dt.date | None] = {}
    for col in ("start_date", "end_date", "registration_date"):
        v = get(col)
        if blank(v):
            dates[col] = None
            if col != "registration_date":
                err("missing_value", col, "")
            continue
        try:
            dates[col] = parse_date(v)
        except ParseError:
            err("not_a_date", col, v)
            dates[col] = None
    if dates["start_date"] and dates["end_date"] and dates["end_date"] < dates["start_date"]:
        err("end_before_start", "end_date", get("end_date"), start=dates["start_date"].isoformat())
    reg_no = cell_text(get("registration_no")).strip()[:64] if not blank(get("registration_no")) else ""
    if dates["registration_date"] and not reg_no:
        err("registration_without_number", "registration_no", "")
    if reg_no and not dates["registration_date"] and blank(get("registration_date")):
        err("registration_without_date", "registration_date", "")
    if len(errors) > before or region is None:
        return None
    return {
        "project": texts["project"],
        "opd": texts["opd"],
        "ppk": cell_text(get("ppk")).strip()[:MAX_TEXT] if not blank(get("ppk")) else "",
        "funding": funding,
        "contract_value": value,
        "start_date": dates["start_date"],
        "end_date": dates["end_date"],
        "workers": workers,
        "region_code": region.code,
        "registration_no": reg_no,
        "registration_date": dates["registration_date"],
    }
