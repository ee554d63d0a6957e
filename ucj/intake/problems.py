"""Findings about a file, as users read them, the limits that turn a file away before reading, and
what reading an upload of any kind gives (``UploadResult``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from ..core.i18n import t
from ..core.settings import Settings

if TYPE_CHECKING:
    from .cells import Table


@dataclass
class Problem:
    """One finding, as a user reads it: where (row, column), what (value) and why (message)."""

    severity: str  # "error" or "warning"
    key: str  # a message key of ucj.core.i18n
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


@dataclass
class UploadResult:
    """What reading an upload (a snapshot, a target file or table, a project list) found: its rows,
    typed, and the problems. ``rows`` is empty whenever ``errors`` is not: nothing of a refused file
    may be stored. ``targets`` and ``projects`` are the rows under the names their callers use."""

    rows: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    #: What reading noticed without refusing the file (a hidden sheet left unread, a large change).
    warnings: list[Problem] = field(default_factory=list)
    #: What reading did that the user should know (message key, params): title rows skipped, …
    notes: list[tuple[str, dict]] = field(default_factory=list)
    number_format: str | None = None  # "id" or "en" as the file's figures were read; None: no need
    period: str | None = None  # a snapshot's month
    template: str | None = None  # a snapshot's template: "wide" or "long"
    file_name: str = ""
    sha256: str = ""
    #: The workbook sheet read, and every visible sheet in order (None and () for a CSV).
    sheet: str | None = None
    sheets: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def asks_number_format(self) -> bool:
        """True when the file's number form cannot be told and the user must choose it ("id"/"en")."""
        return asks_number_format(self.errors)

    @property
    def targets(self) -> pd.DataFrame:
        return self.rows

    @targets.setter
    def targets(self, frame: pd.DataFrame) -> None:
        self.rows = frame

    @property
    def projects(self) -> pd.DataFrame:
        return self.rows

    @projects.setter
    def projects(self, frame: pd.DataFrame) -> None:
        self.rows = frame

    @property
    def regions(self) -> list[str]:
        """The codes of the regions the rows are about, sorted."""
        return sorted(set(self.rows["region_code"]))

    def problems_frame(self, lang: str = "id") -> pd.DataFrame:
        """Errors then warnings as a table: severity, row, column, value, message."""
        return problems_frame(in_reading_order(self.errors + self.warnings), lang)

    def note_texts(self, lang: str = "id") -> list[str]:
        return [t(k, lang, **p) for k, p in self.notes]


def problems_frame(problems: list[Problem], lang: str = "id") -> pd.DataFrame:
    """Findings as a table: severity, row, column, value, message (in ``lang``)."""
    return pd.DataFrame(
        [
            {"severity": p.severity, "row": p.row, "column": p.column, "value": p.value, "message": p.message(lang)}
            for p in problems
        ],
        columns=["severity", "row", "column", "value", "message"],
    )


def in_reading_order(problems: list[Problem]) -> list[Problem]:
    """Findings as a reader goes through a file: those about the whole file first, then by row
    (errors before warnings in a row), and the lines counting the rest last."""

    def place(p: Problem) -> tuple[int, int, int]:
        if p.key == "more_problems":
            return (2, 0, 0)
        return (0, 0, 0) if p.row is None else (1, p.row, 0 if p.severity == "error" else 1)

    return sorted(problems, key=place)


def too_large(data: bytes, settings: Settings) -> Problem | None:
    if len(data) > settings.max_file_mb << 20:
        return Problem(
            "error", "file_too_large", params={"mb": round(len(data) / (1 << 20), 1), "limit": settings.max_file_mb}
        )
    return None


def capped(problems: list[Problem], per_kind: int) -> list[Problem]:
    """At most ``per_kind`` problems of each kind, then one line counting the rest."""
    out: list[Problem] = []
    seen: dict[str, int] = {}
    extra: dict[str, int] = {}
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


def short(value: object, limit: int = 100) -> str | None:
    """A cell as the report quotes it: at most ``limit`` characters (a 5.000-digit number is not
    turned into text at all: Python refuses to, and nobody reads it)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return "…"
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def read_sheet(data: bytes, file_name: str, settings: Settings, sheet: str | None = None) -> Table | Problem:
    """An upload read within the limits (a workbook's first visible sheet, or ``sheet``), or the one
    problem that stops reading it (too large, empty, unreadable): what every reader of a file does
    first. The Table's own errors and warnings (hidden rows and sheets, lost numbers) are the
    reader's to pass on (see ``with_reading``); its delimiter tells the number form."""
    from .cells import Limits, Unreadable, read_table

    if problem := too_large(data, settings):
        return problem
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        return Problem("error", "empty_file")
    try:
        return read_table(data, file_name, Limits.of(settings), sheet)
    except Unreadable as exc:
        return Problem("error", exc.key, params=exc.params)


def asks_number_format(problems: list[Problem]) -> bool:
    """True when a file's number form cannot be told from it and the user must choose ("id"/"en")."""
    return any(p.key == "number_format_needed" for p in problems)


def with_reading(result: UploadResult, table: Table) -> UploadResult:
    """``result`` with what reading its file found put first, and its sheets; the rows emptied when
    that is an error, so nothing read from a hidden row is published."""
    result.errors[:0] = table.errors
    result.warnings[:0] = table.warnings
    result.sheet, result.sheets = table.sheet, table.sheets
    if table.errors:
        result.rows = result.rows.iloc[0:0]
    return result
