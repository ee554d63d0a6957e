"""Reading a CSV or XLSX file into rows of cells, within limits on size, rows, columns and cells,
so that no file can take the server down. Raises Unreadable with a message key for what to fix."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from dataclasses import dataclass, field
from typing import cast

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

from ..core.errors import UcjError
from ..core.settings import Settings
from .problems import Problem

MAX_HEADER_SCAN = 30
XLSX_MAGIC = b"PK\x03\x04"


class Unreadable(UcjError):
    """A file that cannot be read at all: ``key`` names the message (unreadable_file by default),
    ``kind`` and ``detail`` the file's kind and what the reader said."""

    def __init__(self, kind: str, detail: str, key: str = "unreadable_file", **params: object):
        super().__init__(key, kind=kind, detail=detail, **params)
        self.kind, self.detail = kind, detail


@dataclass(frozen=True)
class Limits:
    rows: int
    columns: int
    cell_chars: int
    unpacked_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        # A workbook is a zip: its sheets unpacked may be ten times the upload, not a thousand.
        mb = 1 << 20
        return cls(settings.max_rows, settings.max_columns, settings.max_cell_chars, 10 * settings.max_file_mb * mb)


@dataclass
class Table:
    """What reading a file gave: its rows of cells, the CSV delimiter (None for Excel), the sheet
    read and the workbook's visible sheets in order (empty for a CSV), and what the reading itself
    found: ``errors`` (a hidden row with content, a number too small to store) and ``warnings``
    (a hidden sheet that was not read). Every reader of a kind passes these on to its report."""

    rows: list[list[object]]
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def read_table(data: bytes, file_name: str, limits: Limits, sheet: str | None = None) -> Table:
    """The file as a Table: for a workbook, the first visible sheet, or the visible sheet named
    ``sheet`` (exactly as its tab says). Raises Unreadable."""
    if data[:4] == XLSX_MAGIC or file_name.lower().endswith((".xlsx", ".xlsm")):
        table = _read_xlsx(data, limits, sheet)
    else:
        if sheet:
            raise Unreadable("CSV", "", "sheet_for_csv", sheet=sheet)
        rows, delimiter = _read_csv(data, limits)
        table = Table(rows, delimiter)
    _check_shape(table.rows, limits)
    return table


def _check_shape(rows: list[list[object]], limits: Limits) -> None:
    # Title rows and a total row come on top of the data rows.
    if len(rows) > limits.rows + MAX_HEADER_SCAN + 10:
        raise Unreadable("", "", "too_many_rows", limit=f"{limits.rows:,}".replace(",", "."))
    for i, row in enumerate(rows, start=1):
        last = max((j for j, c in enumerate(row) if not blank(c)), default=-1)
        if last >= limits.columns:
            raise Unreadable(
                "", "", "too_many_columns", limit=limits.columns, row=i, letter=get_column_letter(last + 1)
            )
        for j, c in enumerate(row[: last + 1]):
            if isinstance(c, str) and len(c) > limits.cell_chars:
                raise Unreadable(
                    "", "", "cell_too_long", limit=limits.cell_chars, row=i, letter=get_column_letter(j + 1)
                )


def _read_xlsx(data: bytes, limits: Limits, sheet: str | None) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    # A damaged zip fails in many ways (BadZipFile, NotImplementedError for an unknown version, …).
    except Exception as exc:  # noqa: BLE001
        raise Unreadable("Excel (.xlsx)", _why(exc)) from exc
    # Two entries of one name (part names ignore case): zipfile reads the last, Excel may read
    # another; which figures count is not ours to pick.
    names = [i.filename.lower() for i in infos]
    if len(set(names)) != len(names):
        twice = next(i.filename for i, n in zip(infos, names) if names.count(n) > 1)
        raise Unreadable("Excel (.xlsx)", "", "xlsx_duplicate_entry", entry=twice)
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.unpacked_bytes:
        raise Unreadable("Excel (.xlsx)", "", "xlsx_too_big", mb=unpacked >> 20)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _sheet_table(wb, limits, sheet)
        finally:
            wb.close()
    except Unreadable:
        raise
    # A damaged workbook can fail anywhere inside the zip, XML and openpyxl layers (zlib.error,
    # XML syntax, forbidden entity declarations, …): every such failure is the same refusal.
    except Exception as exc:  # noqa: BLE001
        raise Unreadable("Excel (.xlsx)", _why(exc)) from exc


def _sheet_table(wb, limits: Limits, wanted: str | None) -> Table:
    """The chosen sheet of a workbook, with a warning for every hidden sheet left unread. The
    active sheet is not what is read: a workbook may open on a hidden one."""
    sheets = wb.worksheets
    visible = tuple(ws.title for ws in sheets if ws.sheet_state == "visible")
    hidden = [ws.title for ws in sheets if ws.sheet_state != "visible"]
    if wanted is None:
        if not visible:
            raise Unreadable("Excel (.xlsx)", "", "no_visible_sheet", hidden=", ".join(hidden) or "-")
        ws = next(ws for ws in sheets if ws.sheet_state == "visible")
    else:
        ws = next((ws for ws in sheets if ws.title == wanted), None)
        if ws is None:
            raise Unreadable("Excel (.xlsx)", "", "unknown_sheet", sheet=wanted, sheets=", ".join(visible) or "-")
        if ws.sheet_state != "visible":
            raise Unreadable("Excel (.xlsx)", "", "hidden_sheet_named", sheet=wanted)
    rows, hidden_rows, bad_numbers = _sheet_rows(wb, ws, limits)
    table = Table(rows, None, ws.title, visible)
    for name in hidden:
        table.warnings.append(Problem("warning", "hidden_sheet", None, None, name, {"sheet": name}))
    for r in sorted(hidden_rows):
        cells = rows[r - 1] if r <= len(rows) else []
        content = [cell_text(c) for c in cells if not blank(c)]
        if content:
            shown = ", ".join(content[:3])
            table.errors.append(
                Problem("error", "hidden_row", r, None, shown[:100], {"row": r, "content": shown[:100]})
            )
    for r, col, raw in bad_numbers:
        letter = get_column_letter(col)
        table.errors.append(Problem("error", "number_underflow", r, letter, raw[:100], {"value": raw[:40]}))
    return table


class _Parser(WorkSheetParser):
    """openpyxl's sheet parser, also noting every number whose text is not zero but reads as 0
    (``1e-400`` underflows), infinite or not a number: such a cell is refused, not stored as 0."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bad_numbers: list[tuple[int, int, str]] = []

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if element.get("t", "n") == "n" and isinstance(cell["value"], (float, dt.datetime, dt.timedelta)):
            raw = element.findtext(VALUE_TAG, None) or ""
            if _number_lost(raw):
                self.bad_numbers.append((cell["row"], cell["column"], raw))
        return cell


def _number_lost(raw: str) -> bool:
    """True when Excel's number text is not what a float holds: a non-zero that reads as 0, inf or NaN."""
    try:
        f = float(raw)
    except ValueError:
        return False
    if math.isinf(f) or math.isnan(f):
        return True
    mantissa = raw.lower().split("e")[0]
    return f == 0 and any(ch in "123456789" for ch in mantissa)


def _sheet_rows(wb, ws, limits: Limits) -> tuple[list[list[object]], set[int], list[tuple[int, int, str]]]:
    """The sheet's rows (missing ones blank), at most ``limits.rows`` (+ title and total rows) of at
    most ``limits.columns`` cells, the numbers of its hidden rows and its lost numbers. The sheet XML
    is read here (openpyxl 3.1, pinned: its read-only parser) rather than through ``iter_rows``,
    which drops a second ``<row r="2">`` without a word and pads every row out to its last cell (a
    lone cell in column XFD makes 16.384 cells a row). A row number given twice, or going back, is
    refused; a cell beyond the column limit is reported rather than silently dropped."""
    limit = limits.rows + MAX_HEADER_SCAN + 10
    out: list[list[object]] = []
    last = 0
    with ws._get_source() as src:
        parser = _Parser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for idx, cells in parser.parse():
            if idx <= last:
                raise Unreadable("Excel (.xlsx)", "", "xlsx_duplicate_row", row=idx, sheet=ws.title)
            if idx > limit:
                raise Unreadable("", "", "too_many_rows", limit=f"{limits.rows:,}".replace(",", "."))
            filled = [c["column"] for c in cells if c.get("value") is not None]
            if filled and max(filled) > limits.columns:
                raise Unreadable(
                    "",
                    "",
                    "too_many_columns",
                    limit=limits.columns,
                    row=idx,
                    letter=get_column_letter(min(max(filled), 16384)),
                )
            out.extend([] for _ in range(idx - last - 1))
            row: list[object] = [None] * max((c["column"] for c in cells if c["column"] <= limits.columns), default=0)
            for c in cells:
                if 1 <= c["column"] <= limits.columns:
                    row[c["column"] - 1] = _cell_value(ReadOnlyCell(ws, **c))
            out.append(row)
            last = idx
        hidden = {
            int(r)
            for r, attrs in parser.row_dimensions.items()
            if str(attrs.get("hidden", "")).lower() in ("1", "true") and r.isdigit()
        }
    return out, hidden, parser.bad_numbers


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
        raise Unreadable("CSV", "", "not_text", byte=f"0x{data[exc.start]:02X}", position=exc.start) from exc


def _read_csv(data: bytes, limits: Limits) -> tuple[list[list[object]], str]:
    text = _decode(data)
    if "\x00" in text:
        raise Unreadable("CSV", "", "not_text", byte="0x00", position=text.index("\x00"))
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > limits.rows + MAX_HEADER_SCAN + 10:
        raise Unreadable("", "", "too_many_rows", limit=f"{limits.rows:,}".replace(",", "."))
    delimiter = _guess_delimiter(lines[: MAX_HEADER_SCAN + 5])
    try:
        # Text cells: a list[str] row is a row of cells, read but never written to (no copy of a large file).
        rows = cast(list[list[object]], list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as exc:
        # The csv module's own limit on a field (128 KiB) is far above ours: report ours.
        raise Unreadable("", "", "cell_too_long", limit=limits.cell_chars, row="?", letter="?") from exc
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


def table_width(header: list[object]) -> int:
    """Columns up to the header's last named one."""
    return max((i + 1 for i, c in enumerate(header) if not blank(c)), default=0)


def extra_cell(cells: list[object], width: int) -> tuple[str, str] | None:
    """(column letter, value) of the first non-blank cell past the table, or None."""
    for i in range(width, len(cells)):
        if not blank(cells[i]):
            return get_column_letter(i + 1), str(cells[i]).strip()
    return None


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def cell_text(v: object) -> str:
    return "" if v is None else str(v).strip()
