"""Finding the header row of any upload format (once, for every kind: the spellings are the
format's declaration, ``ucj.intake.formats``), and the period a title row gives ("Periode: Agustus
2025")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.parsing import ParseError, parse_period
from .cells import MAX_HEADER_SCAN, blank, cell_text
from .formats import SECTOR_ALIASES, Format

_TITLE_PERIOD = re.compile(r"\b(periode|bulan|period|month)\b\s*[:\-\u2013]?\s*", re.I)
_TITLE_MAX = 200
_MAX_HEADER_CHARS = 200


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


def norm_header(text: object) -> str:
    s = _without_brackets(str(text)[:_MAX_HEADER_CHARS].lower())
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


SECTOR_LOOKUP = {alias: sec for sec, aliases in SECTOR_ALIASES.items() for alias in aliases}


def sector_code(text: object) -> str | None:
    """ "Jasa Konstruksi" → "JAKON"; None when it names no sector."""
    return SECTOR_LOOKUP.get(norm_header(text))


@dataclass
class Header:
    row_index: int  # 0-based index into the cell rows
    columns: dict[str, int]  # canonical column (or sector code) → cell index
    labels: dict[str, str]  # canonical → the header as the user wrote it
    duplicates: list[str]


def _match_header(cells: list[object], lookup: dict[str, str], fmt: Format) -> Header | None:
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    duplicates: list[str] = []
    for i, c in enumerate(cells):
        if blank(c):
            continue
        canon = lookup.get(norm_header(c))
        if canon is None:
            continue
        if canon in columns:
            duplicates.append(str(c).strip())
            continue
        columns[canon] = i
        labels[canon] = str(c).strip()
    has_region = not fmt.regional or "region_code" in columns or "region_name" in columns
    if has_region and all(a in columns for a in fmt.anchors) and len(columns) >= fmt.min_columns:
        return Header(-1, columns, labels, duplicates)
    return None


def find_header(rows: list[list[object]], formats: Format | Sequence[Format]) -> Header | None:
    """The first of the first rows that is a header of ``formats`` (one format, or several whose
    files share one header search, as the two snapshot templates do: the first one's rule decides),
    or None. The first column of a name counts; a second is listed in ``duplicates``."""
    fmts = (formats,) if isinstance(formats, Format) else tuple(formats)
    lookup: dict[str, str] = {}
    for f in fmts:
        for spelling, name in f.lookup.items():
            lookup.setdefault(spelling, name)
    for i, cells in enumerate(rows[:MAX_HEADER_SCAN]):
        h = _match_header(cells, lookup, fmts[0])
        if h:
            h.row_index = i
            return h
    return None


def title_period(rows: list[list[object]]) -> tuple[str, int] | None:
    """(period, 1-based row) named by a title row such as "Periode: Agustus 2025" or
    "Laporan UCJ Bulan Agustus 2025", or None."""
    for i, cells in enumerate(rows):
        text = " ".join(cell_text(c) for c in cells if not blank(c))[:_TITLE_MAX]
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
