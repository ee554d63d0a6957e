"""Findings about a file, as users read them, and the limits that turn a file away before reading."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .i18n import t
from .settings import Settings


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


def short(value: object, limit: int = 100) -> str | None:
    """A cell as the report quotes it: at most ``limit`` characters (a 5.000-digit number is not
    turned into text at all: Python refuses to, and nobody reads it)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return "…"
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def read_sheet(data: bytes, file_name: str, settings: Settings) -> tuple[list[list[object]] | None, Problem | None]:
    """An upload's cells within the limits, or the one problem that stops reading it (too large,
    empty, unreadable): what every reader of a file does first."""
    cells, _, problem = read_table(data, file_name, settings)
    return cells, problem


def read_table(
    data: bytes, file_name: str, settings: Settings
) -> tuple[list[list[object]] | None, str | None, Problem | None]:
    """``read_sheet`` with the CSV delimiter (None for Excel), which tells the number form."""
    from .cells import Limits, Unreadable, read_cells

    if problem := too_large(data, settings):
        return None, None, problem
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        return None, None, Problem("error", "empty_file")
    try:
        cells, delimiter = read_cells(data, file_name, Limits.of(settings))
    except Unreadable as exc:
        return None, None, Problem("error", exc.key, params=exc.params)
    return cells, delimiter, None


def asks_number_format(problems: list[Problem]) -> bool:
    """True when a file's number form cannot be told from it and the user must choose ("id"/"en")."""
    return any(p.key == "number_format_needed" for p in problems)
