"""Reading a CSV or XLSX file into rows of cells, within limits on size, rows, columns and cells,
so that no file can take the server down. Raises Unreadable with a message key for what to fix."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .settings import Settings

MAX_HEADER_SCAN = 30
XLSX_MAGIC = b"PK\x03\x04"


class Unreadable(Exception):
    """A file that cannot be read at all: ``key`` names the message (unreadable_file by default)."""

    def __init__(self, kind: str, detail: str, key: str = "unreadable_file", **params: object):
        self.kind, self.detail, self.key = kind, detail, key
        self.params = {"kind": kind, "detail": detail, **params}


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


def read_cells(data: bytes, file_name: str, limits: Limits) -> tuple[list[list[object]], str | None]:
    """The sheet as rows of cells, and the CSV delimiter (None for Excel). Raises Unreadable."""
    if data[:4] == XLSX_MAGIC or file_name.lower().endswith((".xlsx", ".xlsm")):
        rows, delimiter = _read_xlsx(data, limits), None
    else:
        rows, delimiter = _read_csv(data, limits)
    _check_shape(rows, limits)
    return rows, delimiter


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


def _read_xlsx(data: bytes, limits: Limits) -> list[list[object]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    # A damaged zip fails in many ways (BadZipFile, NotImplementedError for an unknown version, …).
    except Exception as exc:  # noqa: BLE001
        raise Unreadable("Excel (.xlsx)", _why(exc)) from exc
    if unpacked > limits.unpacked_bytes:
        raise Unreadable("Excel (.xlsx)", "", "xlsx_too_big", mb=unpacked >> 20)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            ws = wb.active if wb.active is not None else wb.worksheets[0]
            # Some tools write a wrong sheet size; trusting it would drop rows without a word.
            ws.reset_dimensions()
            return _bounded_rows(ws, limits)
        finally:
            wb.close()
    except Unreadable:
        raise
    # A damaged workbook can fail anywhere inside the zip, XML and openpyxl layers (zlib.error,
    # XML syntax, forbidden entity declarations, …): every such failure is the same refusal.
    except Exception as exc:  # noqa: BLE001
        raise Unreadable("Excel (.xlsx)", _why(exc)) from exc


def _bounded_rows(ws, limits: Limits) -> list[list[object]]:
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
            raise Unreadable(
                "", "", "too_many_columns", limit=limits.columns, row=n, letter=get_column_letter(min(widest, 16384))
            )
        if n > limits.rows + MAX_HEADER_SCAN + 10:
            raise Unreadable("", "", "too_many_rows", limit=f"{limits.rows:,}".replace(",", "."))
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
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
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
