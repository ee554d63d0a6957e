"""From an analyst's CSV or XLSX file to validated snapshot rows, or a report of what is wrong.

Two templates (headers case-insensitive, Indonesian aliases accepted):
- wide: period, region_code and/or region_name, workforce, PU, BPU, JAKON, PMI, and optional
  sector denominators workforce_PU … workforce_PMI (e.g. ``jumlah_pekerja_jakon``);
- long: period, region_code and/or region_name, sector, participants, optional workforce (the
  sector's own denominator) and optional region_workforce.
Without a period column, a title row such as "Periode: Agustus 2025" above the header gives it.

Validation is all or nothing: ``IngestResult.errors`` non-empty means nothing may be stored.
Rows are numbered as the user sees them in their spreadsheet (1 = the first line of the file).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from babel.numbers import format_decimal
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from . import regions
from .i18n import t
from .parsing import ParseError, add_months, number_convention, parse_count, parse_pct, parse_period
from .schema import SECTORS, as_snapshot, empty_snapshot
from .settings import Settings, load_settings

#: Canonical column → accepted header spellings (after normalisation).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "period": ("period", "periode", "bulan", "month"),
    "region_code": ("region_code", "kode_wilayah", "kode", "kode_wil", "kode_kemendagri"),
    "region_name": ("region_name", "nama_wilayah", "wilayah", "nama", "kabupaten_kota", "kab_kota"),
    "workforce": ("workforce", "jumlah_pekerja", "tenaga_kerja"),
    "region_workforce": ("region_workforce", "penduduk_bekerja", "jumlah_pekerja_wilayah"),
    "sector": ("sector", "sektor", "segmen"),
    "participants": ("participants", "peserta_aktif", "peserta", "jumlah_peserta"),
}
#: Sector code → accepted spellings, in cells (long) and headers (wide).
SECTOR_ALIASES: dict[str, tuple[str, ...]] = {
    "PU": ("pu", "penerima_upah", "ppu"),
    "BPU": ("bpu", "bukan_penerima_upah"),
    "JAKON": ("jakon", "jasa_konstruksi", "jk"),
    "PMI": ("pmi", "pekerja_migran_indonesia", "pekerja_migran"),
}
#: Wide template: a sector's own denominator (e.g. all construction workers), one column per sector.
SECTOR_WORKFORCE = {s: f"workforce_{s}" for s in SECTOR_ALIASES}
for _s, _aliases in SECTOR_ALIASES.items():
    COLUMN_ALIASES[SECTOR_WORKFORCE[_s]] = tuple(
        f"{word}_{a}" for word in ("workforce", "pekerja", "jumlah_pekerja", "tenaga_kerja") for a in _aliases
    )
_TITLE_PERIOD = re.compile(r"\b(periode|bulan|period|month)\b\s*[:\-\u2013]?\s*", re.I)
_TITLE_MAX = 200
_TOTAL_LABEL = re.compile(r"^\s*(grand\s+total|jumlah\s+total|total\s+keseluruhan|jumlah|total)\b", re.I)
_MAX_HEADER_SCAN = 30
_MAX_HEADER_CHARS = 200
_XLSX_MAGIC = b"PK\x03\x04"


def _without_brackets(text: str) -> str:
    """The text without (…) and […] parts, in one pass (a regex here was quadratic on "((((…")."""
    out, depth = [], 0
    for ch in text:
        if ch in "([":
            depth += 1
            out.append(" ")
        elif ch in ")]" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def _norm_header(text: object) -> str:
    s = _without_brackets(str(text)[:_MAX_HEADER_CHARS].lower())
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


_HEADER_LOOKUP = {alias: col for col, aliases in COLUMN_ALIASES.items() for alias in aliases}
_SECTOR_LOOKUP = {alias: sec for sec, aliases in SECTOR_ALIASES.items() for alias in aliases}


def sector_code(text: object) -> str | None:
    """ "Jasa Konstruksi" → "JAKON"; None when it names no sector."""
    return _SECTOR_LOOKUP.get(_norm_header(text))


@dataclass
class Problem:
    """One finding, as a user reads it: where (row, column), what (value) and why (message)."""

    severity: str  # "error" or "warning"
    key: str  # a message key of ucj.i18n
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.params)

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message_id": self.message("id"),
            "message_en": self.message("en"),
        }


def problems_frame(problems: list[Problem], lang: str = "id") -> pd.DataFrame:
    """Findings as a table: severity, row, column, value, message (in ``lang``)."""
    return pd.DataFrame(
        [
            {"severity": p.severity, "row": p.row, "column": p.column, "value": p.value, "message": p.message(lang)}
            for p in problems
        ],
        columns=["severity", "row", "column", "value", "message"],
    )


@dataclass
class IngestResult:
    """What reading a file found. ``rows`` is empty whenever ``errors`` is not."""

    file_name: str
    sha256: str
    period: str | None = None
    template: str | None = None
    number_format: str | None = None
    rows: pd.DataFrame = field(default_factory=lambda: _empty_rows())
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def problems_frame(self, lang: str = "id") -> pd.DataFrame:
        """Errors then warnings as a table: severity, row, column, value, message."""
        return problems_frame(self.errors + self.warnings, lang)

    def note_texts(self, lang: str = "id") -> list[str]:
        return [t(k, lang, **p) for k, p in self.notes]


def _empty_rows() -> pd.DataFrame:
    # The snapshot's columns, and the row of the user's spreadsheet each came from.
    return empty_snapshot().assign(source_row=pd.Series(dtype="int32"))


# --- reading cells -------------------------------------------------------------------------


class _Unreadable(Exception):
    """A file that cannot be read at all: ``key`` names the message (unreadable_file by default)."""

    def __init__(self, kind: str, detail: str, key: str = "unreadable_file", **params: object):
        self.kind, self.detail, self.key = kind, detail, key
        self.params = {"kind": kind, "detail": detail, **params}


@dataclass(frozen=True)
class _Limits:
    rows: int
    columns: int
    cell_chars: int
    unpacked_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> _Limits:
        # A workbook is a zip: its sheets unpacked may be ten times the upload, not a thousand.
        mb = 1 << 20
        return cls(settings.max_rows, settings.max_columns, settings.max_cell_chars, 10 * settings.max_file_mb * mb)


def _read_cells(data: bytes, file_name: str, limits: _Limits) -> tuple[list[list[object]], str | None]:
    """The sheet as rows of cells, and the CSV delimiter (None for Excel). Raises _Unreadable."""
    if data[:4] == _XLSX_MAGIC or file_name.lower().endswith((".xlsx", ".xlsm")):
        rows, delimiter = _read_xlsx(data, limits), None
    else:
        rows, delimiter = _read_csv(data, limits)
    _check_shape(rows, limits)
    return rows, delimiter


def _check_shape(rows: list[list[object]], limits: _Limits) -> None:
    # Title rows and a total row come on top of the data rows.
    if len(rows) > limits.rows + _MAX_HEADER_SCAN + 10:
        raise _Unreadable("", "", "too_many_rows", limit=f"{limits.rows:,}".replace(",", "."))
    for i, row in enumerate(rows, start=1):
        last = max((j for j, c in enumerate(row) if not _blank(c)), default=-1)
        if last >= limits.columns:
            raise _Unreadable(
                "", "", "too_many_columns", limit=limits.columns, row=i, letter=get_column_letter(last + 1)
            )
        for j, c in enumerate(row[: last + 1]):
            if isinstance(c, str) and len(c) > limits.cell_chars:
                raise _Unreadable(
                    "", "", "cell_too_long", limit=limits.cell_chars, row=i, letter=get_column_letter(j + 1)
                )


def _read_xlsx(data: bytes, limits: _Limits) -> list[list[object]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    # A damaged zip fails in many ways (BadZipFile, NotImplementedError for an unknown version, …).
    except Exception as exc:  # noqa: BLE001
        raise _Unreadable("Excel (.xlsx)", _why(exc)) from exc
    if unpacked > limits.unpacked_bytes:
        raise _Unreadable("Excel (.xlsx)", "", "xlsx_too_big", mb=unpacked >> 20)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            ws = wb.active if wb.active is not None else wb.worksheets[0]
            # Some tools write a wrong sheet size; trusting it would drop rows without a word.
            ws.reset_dimensions()
            return _bounded_rows(ws, limits)
        finally:
            wb.close()
    except _Unreadable:
        raise
    # A damaged workbook can fail anywhere inside the zip, XML and openpyxl layers (zlib.error,
    # XML syntax, forbidden entity declarations, …): every such failure is the same refusal.
    except Exception as exc:  # noqa: BLE001
        raise _Unreadable("Excel (.xlsx)", _why(exc)) from exc


def _bounded_rows(ws, limits: _Limits) -> list[list[object]]:
    """The sheet's rows, at most ``limits.rows`` (+ title and total rows) of at most
    ``limits.columns`` cells. openpyxl pads every row out to its last cell (a lone cell in
    column XFD makes 16.384 cells a row), so rows are cut at the limit as they are read, and a cell
    beyond it is reported rather than silently dropped."""
    widest = 0
    original = ws._get_row  # openpyxl 3.1 (pinned): the one place a row is padded

    def get_row(row, min_col=1, max_col=None, values_only=False):
        nonlocal widest
        filled = [c["column"] for c in row if c.get("value") is not None]
        if filled:
            widest = max(widest, max(filled))
        return original(row, min_col=min_col, max_col=limits.columns, values_only=values_only)

    ws._get_row = get_row
    out = []
    for n, row in enumerate(ws.iter_rows(max_col=limits.columns), start=1):
        if widest > limits.columns:
            raise _Unreadable(
                "", "", "too_many_columns", limit=limits.columns, row=n, letter=get_column_letter(min(widest, 16384))
            )
        if n > limits.rows + _MAX_HEADER_SCAN + 10:
            raise _Unreadable("", "", "too_many_rows", limit=f"{limits.rows:,}".replace(",", "."))
        out.append([_cell_value(c) for c in row])
    return out


def _why(exc: BaseException) -> str:
    """A technical detail for the report: the exception's kind and the start of its text."""
    text = str(exc)[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _cell_value(cell) -> object:
    """The value as the user sees it: a cell formatted as a percentage (0,5865 shown as 58,65%) is 58.65."""
    v = cell.value
    if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in (getattr(cell, "number_format", "") or ""):
        return round(v * 100, 10)
    return v


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _Unreadable("CSV", "", "not_text", byte=f"0x{data[exc.start]:02X}", position=exc.start) from exc


def _read_csv(data: bytes, limits: _Limits) -> tuple[list[list[object]], str]:
    text = _decode(data)
    if "\x00" in text:
        raise _Unreadable("CSV", "", "not_text", byte="0x00", position=text.index("\x00"))
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > limits.rows + _MAX_HEADER_SCAN + 10:
        raise _Unreadable("", "", "too_many_rows", limit=f"{limits.rows:,}".replace(",", "."))
    delimiter = _guess_delimiter(lines[: _MAX_HEADER_SCAN + 5])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        # The csv module's own limit on a field (128 KiB) is far above ours: report ours.
        raise _Unreadable("", "", "cell_too_long", limit=limits.cell_chars, row="?", letter="?") from exc
    return rows, delimiter


def _guess_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most lines into the same number (>1) of fields."""
    best, best_score = ",", -1
    for d in (";", "\t", ","):
        counts = []
        for ln in lines:
            try:
                counts.append(len(next(csv.reader([ln], delimiter=d))))
            except csv.Error:  # a field past the csv module's limit: not this delimiter's evidence
                counts.append(1)
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        common = max(set(wide), key=wide.count)
        score = wide.count(common) * 100 + common
        if score > best_score:
            best, best_score = d, score
    return best


def _table_width(header: list[object]) -> int:
    """Columns up to the header's last named one."""
    return max((i + 1 for i, c in enumerate(header) if not _blank(c)), default=0)


def _extra_cell(cells: list[object], width: int) -> tuple[str, str] | None:
    """(column letter, value) of the first non-blank cell past the table, or None."""
    for i in range(width, len(cells)):
        if not _blank(cells[i]):
            return get_column_letter(i + 1), str(cells[i]).strip()
    return None


def _outside(validator, row: int, cells: list[object], width: int) -> bool:
    extra = _extra_cell(cells, width)
    if extra:
        validator.err("extra_cells", row, extra[0], extra[1], letter=extra[0])
    return extra is not None


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _cell_text(v: object) -> str:
    return "" if v is None else str(v).strip()


# --- the header ----------------------------------------------------------------------------


@dataclass
class _Header:
    row_index: int  # 0-based index into the cell rows
    columns: dict[str, int]  # canonical column (or sector code) → cell index
    labels: dict[str, str]  # canonical → the header as the user wrote it
    duplicates: list[str]


def _match_header(cells: list[object]) -> _Header | None:
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    duplicates: list[str] = []
    for i, c in enumerate(cells):
        if _blank(c):
            continue
        key = _norm_header(c)
        canon = _HEADER_LOOKUP.get(key) or _SECTOR_LOOKUP.get(key)
        if canon is None:
            continue
        if canon in columns:
            duplicates.append(str(c).strip())
            continue
        columns[canon] = i
        labels[canon] = str(c).strip()
    has_region = "region_code" in columns or "region_name" in columns
    if has_region and len(columns) >= 2:
        return _Header(-1, columns, labels, duplicates)
    return None


def _find_header(rows: list[list[object]]) -> _Header | None:
    for i, cells in enumerate(rows[:_MAX_HEADER_SCAN]):
        h = _match_header(cells)
        if h:
            h.row_index = i
            return h
    return None


def title_period(rows: list[list[object]]) -> tuple[str, int] | None:
    """(period, 1-based row) named by a title row such as "Periode: Agustus 2025" or
    "Laporan UCJ Bulan Agustus 2025", or None."""
    for i, cells in enumerate(rows):
        text = " ".join(_cell_text(c) for c in cells if not _blank(c))[:_TITLE_MAX]
        m = _TITLE_PERIOD.search(text)
        if not m:
            continue
        words = text[m.end() :].split()
        # The month may be followed by other words ("Agustus 2025 (sementara)").
        for n in (len(words), 3, 2, 1):
            try:
                return parse_period(" ".join(words[:n])), i + 1
            except ParseError:
                continue
    return None


# --- the whole path ------------------------------------------------------------------------


def _too_large(data: bytes, settings: Settings) -> Problem | None:
    if len(data) > settings.max_file_mb << 20:
        return Problem(
            "error", "file_too_large", params={"mb": round(len(data) / (1 << 20), 1), "limit": settings.max_file_mb}
        )
    return None


def _capped(problems: list[Problem], per_kind: int) -> list[Problem]:
    """At most ``per_kind`` problems of each kind, then one line counting the rest."""
    out, seen, extra = [], {}, {}
    for p in problems:
        seen[p.key] = seen.get(p.key, 0) + 1
        if seen[p.key] <= per_kind:
            out.append(p)
        else:
            extra[p.key] = extra.get(p.key, 0) + 1
    for key, n in extra.items():
        first = next(p for p in problems if p.key == key)
        out.append(
            Problem(
                first.severity,
                "more_problems",
                params={"n": n, "kind": first.message("id"), "kind_en": first.message("en")},
            )
        )
    return out


#: (period, region codes, sectors or None for all) → participants of each region in that period.
PreviousTotals = Callable[[str, list[str], list[str] | None], dict[str, int]]


def read_snapshot(
    data: bytes,
    file_name: str = "upload.csv",
    *,
    period: str | None = None,
    previous_totals: PreviousTotals | None = None,
    settings: Settings | None = None,
) -> IngestResult:
    """Reads and validates one month's file. Never raises for bad input: problems are in the result.

    ``period`` is used when the file has no period column (a title row's period comes first).
    ``previous_totals(period, codes, sectors)`` returns the participants of those regions (in those
    sectors, or all for None) in an earlier month, for the change warning.
    """
    settings = settings or load_settings()
    result = IngestResult(file_name=file_name, sha256=hashlib.sha256(data).hexdigest())
    if problem := _too_large(data, settings):
        result.errors.append(problem)
        return result
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        result.errors.append(Problem("error", "empty_file"))
        return result
    try:
        cells, delimiter = _read_cells(data, file_name, _Limits.of(settings))
    except _Unreadable as exc:
        result.errors.append(Problem("error", exc.key, params=exc.params))
        return result
    if not any(not _blank(c) for row in cells for c in row):
        result.errors.append(Problem("error", "empty_file"))
        return result
    header = _find_header(cells)
    if header is None:
        expected = "period, region_code/region_name, workforce, PU, BPU, JAKON, PMI | sector, participants"
        result.errors.append(Problem("error", "no_header", row=None, params={"expected": expected}))
        return result
    title_rows = sum(1 for r in cells[: header.row_index] if any(not _blank(c) for c in r))
    if title_rows:
        result.notes.append(("skipped_title_rows", {"n": title_rows}))
    from_title = title_period(cells[: header.row_index])
    if from_title:
        result.notes.append(("period_from_title", {"row": from_title[1], "period": from_title[0]}))
    _Validator(result, cells, header, delimiter, period, settings, from_title).run()
    if result.ok and previous_totals is not None:
        _warn_large_changes(result, previous_totals, settings)
    result.errors = _capped(result.errors, settings.max_errors_per_kind)
    result.warnings = _capped(result.warnings, settings.max_errors_per_kind)
    if not result.ok:
        result.rows = _empty_rows()
    return result


class _Validator:
    def __init__(self, result, cells, header, delimiter, period, settings, from_title=None):
        self.r: IngestResult = result
        self.cells: list[list[object]] = cells
        self.h: _Header = header
        self.delimiter: str | None = delimiter
        self.title = from_title  # (period, row) from a title row, or None
        # A title row's period stands for the whole file; the caller's is the fallback.
        self.caller_period = from_title[0] if from_title else period
        if from_title and period and period != from_title[0]:
            self.err("period_conflict", from_title[1], "period", from_title[0], first=from_title[0], second=period)
        self.settings: Settings = settings
        self.deadline = time.monotonic() + settings.max_seconds

    def err(self, key, row=None, col=None, value=None, **params):
        self.r.errors.append(Problem("error", key, row, col, _short(value), params))

    def warn(self, key, row=None, col=None, value=None, **params):
        self.r.warnings.append(Problem("warning", key, row, col, _short(value), params))

    def label(self, canon: str) -> str:
        return self.h.labels.get(canon, canon)

    def cell(self, cells: list[object], canon: str) -> object:
        i = self.h.columns.get(canon)
        return cells[i] if i is not None and i < len(cells) else None

    def run(self) -> None:
        h = self.h
        for dup in h.duplicates:
            self.err("duplicate_column", h.row_index + 1, dup, dup, column=dup)
        template = "long" if "sector" in h.columns or "participants" in h.columns else "wide"
        self.r.template = template
        required = ["sector", "participants"] if template == "long" else ["workforce", *SECTORS]
        found = ", ".join(h.labels.values())
        for col in required:
            if col not in h.columns:
                self.err("missing_column", h.row_index + 1, col, "", column=col, found=found)
        if template == "long":
            for col in SECTOR_WORKFORCE.values():
                if col in h.columns:
                    self.err("wide_column_in_long", h.row_index + 1, self.label(col), self.label(col), column=col)
        if "period" not in h.columns and not self.caller_period:
            self.err("no_period", None, "period")
        # Errors in the header make every row's reading meaningless.
        if self.r.errors:
            return
        data_rows = self._data_rows()
        if not data_rows:
            if not self.r.errors:  # rows refused above are not "empty"
                self.err("empty_file")
            return
        convention = self._convention(data_rows, template)
        if self.r.errors:
            return
        records = self._records(data_rows, template, convention)
        self._cross_checks(records, template)
        if self.r.errors:
            return
        self._build(records, template)

    def _data_rows(self) -> list[tuple[int, list[object]]]:
        out = []
        width = _table_width(self.cells[self.h.row_index])
        region_cols = [self.h.columns[c] for c in ("region_code", "region_name") if c in self.h.columns]
        for i in range(self.h.row_index + 1, len(self.cells)):
            cells = self.cells[i]
            if all(_blank(c) for c in cells):
                continue
            first = next((_cell_text(c) for c in cells if not _blank(c)), "")
            labels = [_cell_text(cells[j]) for j in region_cols if j < len(cells)] + [first]
            if any(_TOTAL_LABEL.match(lbl) for lbl in labels if lbl):
                self.r.notes.append(("skipped_total_row", {"row": i + 1}))
                continue
            if _outside(self, i + 1, cells, width):
                continue
            out.append((i + 1, cells))
        return out

    def _numeric_columns(self, template: str) -> list[str]:
        cols = (
            ["participants", "workforce", "region_workforce"]
            if template == "long"
            else ["workforce", *SECTORS, *SECTOR_WORKFORCE.values()]
        )
        return [c for c in cols if c in self.h.columns]

    def _convention(self, data_rows, template) -> str | None:
        texts = [
            str(v)
            for _, cells in data_rows
            for col in self._numeric_columns(template)
            if isinstance(v := self.cell(cells, col), str)
        ]
        try:
            conv = number_convention(texts, counts=True)
        except ParseError as exc:
            self.err("mixed_convention", value=exc.value, **exc.params)
            return None
        self.r.number_format = conv
        return conv

    def _count(self, row, cells, col, convention, required=True) -> int | None:
        v = self.cell(cells, col)
        if _blank(v):
            if required:
                self.err("missing_value", row, self.label(col), "", valid="0, 12.320, 12320")
            return None
        try:
            return parse_count(v, convention, self.settings.max_count)
        except ParseError as exc:
            self.err(exc.reason, row, self.label(col), v, **{k: _short(x) for k, x in exc.params.items()})
            return None

    def _region(self, row, cells) -> regions.Region | None:
        code_v, name_v = self.cell(cells, "region_code"), self.cell(cells, "region_name")
        region = None
        if not _blank(code_v):
            code_text = _cell_text(code_v)
            if isinstance(code_v, (int, float)) and not isinstance(code_v, bool) and float(code_v).is_integer():
                code_text = str(int(code_v))
            try:
                region = regions.get_region(code_text)
            except regions.RegionError as exc:
                self.err(exc.kind, row, self.label("region_code"), code_v)
                return None
        if not _blank(name_v):
            name = _cell_text(name_v)
            try:
                named = regions.resolve_name(name)
            except regions.RegionError as exc:
                named = None
                if region is None or exc.kind != "ambiguous_name" or region not in exc.candidates:
                    if region is None:
                        cands = ", ".join(c.label for c in exc.candidates)
                        self.err(exc.kind, row, self.label("region_name"), name, candidates=cands)
                        return None
                    self.err(
                        "code_name_mismatch",
                        row,
                        self.label("region_name"),
                        name,
                        code=region.code,
                        official=region.name,
                        given=name,
                    )
                    return None
            if region is None:
                region = named
            elif named is not None and named.code != region.code:
                self.err(
                    "code_name_mismatch",
                    row,
                    self.label("region_name"),
                    name,
                    code=region.code,
                    official=region.name,
                    given=name,
                )
                return None
        if region is None:
            self.err(
                "missing_value",
                row,
                self.label("region_code") if "region_code" in self.h.columns else self.label("region_name"),
                "",
                valid="61.03 / Kabupaten Sanggau",
            )
        return region

    def _records(self, data_rows, template, convention) -> list[dict]:
        records = []
        for n, (row, cells) in enumerate(data_rows):
            if n % 1000 == 999 and time.monotonic() > self.deadline:
                self.err("too_slow", row, limit=self.settings.max_seconds)
                break
            period = self.caller_period
            if "period" in self.h.columns:
                pv = self.cell(cells, "period")
                if _blank(pv):
                    if not period:
                        self.err("missing_value", row, self.label("period"), "", valid="2025-07")
                        continue
                else:
                    try:
                        period = parse_period(pv)
                    except ParseError:
                        self.err("not_a_period", row, self.label("period"), pv)
                        continue
            region = self._region(row, cells)
            if template == "wide":
                workforce = self._count(row, cells, "workforce", convention)
                counts = {s: self._count(row, cells, s, convention) for s in SECTORS}
                # A blank sector denominator is "not given": the stored one of the month stays.
                sector_wf = {
                    s: self._count(row, cells, col, convention, required=False) if col in self.h.columns else None
                    for s, col in SECTOR_WORKFORCE.items()
                }
                if region is None or workforce is None or None in counts.values():
                    continue
                for s in SECTORS:
                    records.append(
                        dict(
                            row=row,
                            period=period,
                            region=region,
                            sector=s,
                            participants=counts[s],
                            sector_workforce=sector_wf[s],
                            workforce=workforce,
                        )
                    )
            else:
                sv = self.cell(cells, "sector")
                sector = sector_code(sv) if not _blank(sv) else None
                if sector is None:
                    self.err(
                        "unknown_sector",
                        row,
                        self.label("sector"),
                        _cell_text(sv),
                        valid="PU, BPU, JAKON, PMI (Penerima Upah, Bukan Penerima Upah, Jasa Konstruksi, "
                        "Pekerja Migran Indonesia)",
                    )
                participants = self._count(row, cells, "participants", convention)
                sector_wf = (
                    self._count(row, cells, "workforce", convention, required=False)
                    if "workforce" in self.h.columns
                    else None
                )
                region_wf = (
                    self._count(row, cells, "region_workforce", convention, required=False)
                    if "region_workforce" in self.h.columns
                    else None
                )
                if region is None or sector is None or participants is None:
                    continue
                records.append(
                    dict(
                        row=row,
                        period=period,
                        region=region,
                        sector=sector,
                        participants=participants,
                        sector_workforce=sector_wf,
                        workforce=region_wf,
                    )
                )
        return records

    def _cross_checks(self, records: list[dict], template: str) -> None:
        periods = sorted({r["period"] for r in records})
        if len(periods) > 1:
            self.err("several_periods", col=self.label("period"), value=", ".join(periods), periods=", ".join(periods))
            return
        if self.title and periods and periods[0] != self.title[0]:
            row = next(r["row"] for r in records)
            self.err("period_conflict", row, self.label("period"), periods[0], first=self.title[0], second=periods[0])
            return
        seen: dict[tuple[str, str], int] = {}
        region_rows: dict[str, int] = {}
        region_wf: dict[str, tuple[int, int | None]] = {}
        region_col = self.label("region_code") if "region_code" in self.h.columns else self.label("region_name")
        for r in records:
            code = r["region"].code
            key = (code, r["sector"])
            if key in seen:
                if template == "wide":
                    # One wide row gives four sectors: report the region once.
                    if r["sector"] == SECTORS[0]:
                        self.err(
                            "duplicate_row",
                            r["row"],
                            region_col,
                            r["region"].label,
                            region=r["region"].label,
                            sector="*",
                            first_row=seen[key],
                        )
                else:
                    self.err(
                        "duplicate_row",
                        r["row"],
                        self.label("sector"),
                        r["sector"],
                        region=r["region"].label,
                        sector=r["sector"],
                        first_row=seen[key],
                    )
                continue
            seen[key] = r["row"]
            region_rows.setdefault(code, r["row"])
            if template == "long" and r["workforce"] is not None:
                first = region_wf.setdefault(code, (r["row"], r["workforce"]))
                if first[1] != r["workforce"]:
                    self.err(
                        "conflicting_workforce",
                        r["row"],
                        self.label("region_workforce"),
                        r["workforce"],
                        region=r["region"].label,
                        first_row=first[0],
                        first=first[1],
                    )
        for code, row in region_rows.items():
            for anc in regions.ancestors(code):
                if anc in region_rows:
                    self.err(
                        "parent_and_child",
                        row,
                        region_col,
                        code,
                        child=regions.region_name(code) + f" ({code})",
                        parent=regions.region_name(anc) + f" ({anc})",
                        parent_row=region_rows[anc],
                    )
                    break

    def _build(self, records: list[dict], template: str) -> None:
        if not records:
            self.err("empty_file")
            return
        self.r.period = records[0]["period"]
        df = as_snapshot(
            pd.DataFrame(
                {
                    "period": [r["period"] for r in records],
                    "region_code": [r["region"].code for r in records],
                    "region_level": [r["region"].level for r in records],
                    "sector": [r["sector"] for r in records],
                    "participants": [r["participants"] for r in records],
                    "sector_workforce": pd.array([r["sector_workforce"] for r in records], dtype="Int64"),
                    "workforce": pd.array([r["workforce"] for r in records], dtype="Int64"),
                }
            )
        ).assign(source_row=pd.array([r["row"] for r in records], dtype="int32"))
        if template == "long" and "region_workforce" in self.h.columns:
            # Every sector row of a region carries the region's workforce once given on any of them.
            df["workforce"] = df.groupby("region_code")["workforce"].transform("max")
        if df["workforce"].isna().all():
            self.r.notes.append(("no_region_workforce", {}))
        self.r.rows = df
        region_col = self.label("region_code") if "region_code" in self.h.columns else self.label("region_name")
        totals = df.groupby("region_code").agg(
            participants=("participants", "sum"), workforce=("workforce", "max"), row=("source_row", "min")
        )
        for code, tot in totals.iterrows():
            wf = tot["workforce"]
            if pd.isna(wf):
                continue
            if wf == 0:
                self.warn("zero_workforce", int(tot["row"]), self.label("workforce"), 0)
            elif tot["participants"] > wf:
                self.warn(
                    "participants_above_workforce",
                    int(tot["row"]),
                    region_col,
                    code,
                    participants=_fmt(tot["participants"]),
                    workforce=_fmt(wf),
                )
        over = df[df["sector_workforce"].notna() & (df["participants"] > df["sector_workforce"])]
        for _, sr in over.iterrows():
            self.warn(
                "participants_above_workforce",
                int(sr["source_row"]),
                self.label("participants"),
                sr["participants"],
                participants=_fmt(sr["participants"]),
                workforce=_fmt(sr["sector_workforce"]),
            )


def _short(value: object, limit: int = 100) -> str | None:
    """A cell as the report quotes it: at most ``limit`` characters (a 5.000-digit number is not
    turned into text at all: Python refuses to, and nobody reads it)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return "…"
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _fmt(n) -> str:
    return format_decimal(int(n), locale="id")


def _warn_large_changes(result: IngestResult, previous_totals: PreviousTotals, settings: Settings) -> None:
    df = result.rows
    prev_period = add_months(result.period, -1)
    current = df.groupby("region_code")["participants"].sum()
    # A long file may give only some sectors of a region: compare the same sectors of last month.
    groups: dict[tuple[str, ...], list[str]] = {}
    for code, sectors in df.groupby("region_code")["sector"]:
        groups.setdefault(tuple(sorted(set(sectors))), []).append(str(code))
    previous: dict[str, int] = {}
    for sectors, codes in groups.items():
        chosen = None if len(sectors) == len(SECTORS) else list(sectors)
        previous.update(previous_totals(prev_period, codes, chosen))
    first_rows = result.rows.groupby("region_code")["source_row"].min()
    for code, now in current.items():
        before = previous.get(code)
        if not before:
            continue
        change = 100.0 * (int(now) - before) / before
        if abs(change) > settings.change_warning_pct:
            result.warnings.append(
                Problem(
                    "warning",
                    "large_change",
                    int(first_rows[code]),
                    "region_code",
                    code,
                    {
                        "change_pct": f"{change:+.1f}".replace(".", ","),
                        "previous_period": prev_period,
                        "previous": _fmt(before),
                        "current": _fmt(now),
                    },
                )
            )


# --- targets -------------------------------------------------------------------------------

TARGET_ALIASES: dict[str, tuple[str, ...]] = {
    "region_code": COLUMN_ALIASES["region_code"],
    "region_name": COLUMN_ALIASES["region_name"],
    "year": ("year", "tahun"),
    "target_pct": ("target_pct", "target", "target_persen", "target_ucj", "persen_target"),
    "source": ("source", "sumber", "dasar", "dokumen"),
}
_TARGET_LOOKUP = {alias: col for col, aliases in TARGET_ALIASES.items() for alias in aliases}


@dataclass
class TargetsResult:
    """Targets read from a file or an edited table; ``targets`` is empty whenever ``errors`` is not."""

    targets: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_targets(data: bytes, file_name: str = "targets.csv", settings: Settings | None = None) -> TargetsResult:
    """Reads a target table (region_code or region_name, year, target_pct, source), within the same
    limits as a snapshot file. Never raises for bad input."""
    settings = settings or load_settings()
    if problem := _too_large(data, settings):
        return TargetsResult(_empty_targets(), [problem])
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        return TargetsResult(_empty_targets(), [Problem("error", "empty_file")])
    try:
        cells, _ = _read_cells(data, file_name, _Limits.of(settings))
    except _Unreadable as exc:
        return TargetsResult(_empty_targets(), [Problem("error", exc.key, params=exc.params)])
    header_at, columns = None, {}
    for i, row in enumerate(cells[:_MAX_HEADER_SCAN]):
        found = {
            _TARGET_LOOKUP[k]: j
            for j, c in enumerate(row)
            if not _blank(c) and (k := _norm_header(c)) in _TARGET_LOOKUP
        }
        if ("region_code" in found or "region_name" in found) and "target_pct" in found:
            header_at, columns = i, found
            break
    if header_at is None:
        return TargetsResult(
            _empty_targets(),
            [Problem("error", "no_header", params={"expected": "region_code, year, target_pct, source"})],
        )
    records, errors = [], []
    width = _table_width(cells[header_at])
    for i in range(header_at + 1, len(cells)):
        row = cells[i]
        if all(_blank(c) for c in row):
            continue
        if extra := _extra_cell(row, width):
            errors.append(Problem("error", "extra_cells", i + 1, extra[0], extra[1], {"letter": extra[0]}))
            continue

        def get(col, row=row):
            j = columns.get(col)
            return row[j] if j is not None and j < len(row) else None

        records.append(
            {
                "row": i + 1,
                "region_code": get("region_code"),
                "region_name": get("region_name"),
                "year": get("year"),
                "target_pct": get("target_pct"),
                "source": get("source"),
            }
        )
    if errors:
        errors += validate_targets(records).errors if records else []
        return TargetsResult(_empty_targets(), _capped(errors, settings.max_errors_per_kind))
    result = validate_targets(records)
    result.errors = _capped(result.errors, settings.max_errors_per_kind)
    return result


def validate_targets(records: list[dict], allow_empty: bool = False) -> TargetsResult:
    """Checks target rows (dicts with region_code/region_name, year, target_pct, source, row).

    Used for imported files and for the table edited on the Target page alike.
    """
    errors: list[Problem] = []
    out: list[dict] = []
    seen: dict[tuple[str, int], int] = {}
    for n, rec in enumerate(records, start=1):
        row = rec.get("row") or n
        code = rec.get("region_code")
        name = rec.get("region_name")
        region = None
        try:
            if not _blank(code):
                region = regions.get_region(_cell_text(code))
            elif not _blank(name):
                region = regions.resolve_name(_cell_text(name))
            else:
                errors.append(Problem("error", "missing_value", row, "region_code", "", {"valid": "61.03"}))
        except regions.RegionError as exc:
            cands = ", ".join(c.label for c in exc.candidates)
            errors.append(
                Problem(
                    "error",
                    exc.kind,
                    row,
                    "region_code" if not _blank(code) else "region_name",
                    _cell_text(code if not _blank(code) else name),
                    {"candidates": cands},
                )
            )
        year = None
        y = rec.get("year")
        try:
            year = int(parse_count(y))
            if not 2000 <= year <= 2100:
                raise ParseError("not_a_year", y)
        except ParseError:
            errors.append(Problem("error", "not_a_year", row, "year", _cell_text(y)))
            year = None
        pct = None
        try:
            pct = parse_pct(rec.get("target_pct"))
        except ParseError as exc:
            errors.append(Problem("error", exc.reason, row, "target_pct", _cell_text(rec.get("target_pct"))))
        if region is None or year is None or pct is None:
            continue
        key = (region.code, year)
        if key in seen:
            errors.append(
                Problem(
                    "error",
                    "duplicate_row",
                    row,
                    "region_code",
                    region.code,
                    {"region": region.label, "sector": year, "first_row": seen[key]},
                )
            )
            continue
        seen[key] = row
        out.append(
            {"region_code": region.code, "year": year, "target_pct": pct, "source": _cell_text(rec.get("source"))}
        )
    if not records and not allow_empty:
        errors.append(Problem("error", "empty_file"))
    if errors:
        return TargetsResult(_empty_targets(), errors)
    return TargetsResult(pd.DataFrame(out, columns=["region_code", "year", "target_pct", "source"]))


def _empty_targets() -> pd.DataFrame:
    return pd.DataFrame(columns=["region_code", "year", "target_pct", "source"])
