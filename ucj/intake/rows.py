"""The one row reader of every upload format: a file's data rows under its header, their cells
parsed by the parsers their columns declare (``ucj.intake.formats``), each wrong cell a problem
naming its row, its column, its value and what would be valid; the region of a row by the one
lookup (``ucj.core.regions.RegionLookup``); and the number form of a file, told from the file as a
whole. What a kind of file checks across its rows stays with its reader."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..core import regions
from ..core.convention import Convention, file_convention
from ..core.errors import ParseError
from ..core.jakon import FUNDING, FUNDING_ALIASES
from ..core.parsing import COUNT_CEILING, FORM_EXAMPLE, money_figure, parse_count, parse_money, parse_pct
from ..core.periods import parse_date, parse_period
from .cells import blank, cell_text, extra_cell, table_width
from .formats import SECTOR_VALID, Column, Format
from .header import Header, sector_code
from .problems import Problem, short

#: "Pemkot Jambi", "Pemerintah Provinsi Jambi": the government named by its region's name.
_GOVERNMENT = re.compile(r"^(pemkot|pemkab|pemprov|pemdes|pemerintah\s+(?:kota|kabupaten|provinsi|desa))\s+(.+)$", re.I)
_GOVERNMENT_KIND = {"pemkot": "Kota", "pemkab": "Kabupaten", "pemprov": "Provinsi", "pemdes": "Desa", "kota": "Kota",
                    "kabupaten": "Kabupaten", "provinsi": "Provinsi", "desa": "Desa"}  # fmt: skip
_TOTAL_LABEL = re.compile(r"^\s*(grand\s+total|jumlah\s+total|total\s+keseluruhan|jumlah|total)\b", re.I)
#: Numbers a file's number form is told from.
_FIGURES = ("count", "money")


def quoted(value: object) -> str | None:
    """A cell as a report quotes it: without the spaces around it, at most 100 characters."""
    return short(value.strip() if isinstance(value, str) else value)


def data_rows(
    cells: list[list[object]], header: Header, problems: list[Problem], totals: list[int] | None = None
) -> list[tuple[int, list[object]]]:
    """(row number as the spreadsheet shows it, cells) of every row under the header that holds
    anything. A row with a cell right of the header is a problem, not a row; with ``totals``, a
    total row ("JUMLAH", "TOTAL" as its region or first cell) is skipped and its number noted there."""
    out = []
    width = table_width(cells[header.row_index])
    region_cols = [header.columns[c] for c in ("region_code", "region_name") if c in header.columns]
    for i in range(header.row_index + 1, len(cells)):
        row = cells[i]
        if all(blank(c) for c in row):
            continue
        if totals is not None:
            first = next((cell_text(c) for c in row if not blank(c)), "")
            labels = [cell_text(row[j]) for j in region_cols if j < len(row)] + [first]
            if any(_TOTAL_LABEL.match(lbl) for lbl in labels if lbl):
                totals.append(i + 1)
                continue
        if extra := extra_cell(row, width):
            problems.append(Problem("error", "extra_cells", i + 1, extra[0], quoted(extra[1]), {"letter": extra[0]}))
            continue
        out.append((i + 1, row))
    return out


def raw(row: list[object], header: Header) -> dict[str, object]:
    """A row's cells by column name, as read."""
    return {name: row[j] if j < len(row) else None for name, j in header.columns.items()}


class RowReader:
    """Reads the rows of one format: ``read(row, cells)`` gives the row's values by column name, or
    None with a problem per wrong cell in ``problems``. ``labels`` are the header's cells as the file
    writes them (a report names a column as its format says); ``defaults`` stand for a blank cell
    (a snapshot's month named by a title row or the caller); counts are read by ``convention`` up
    to ``max_count``."""

    def __init__(
        self,
        fmt: Format,
        problems: list[Problem],
        *,
        labels: Mapping[str, str] | None = None,
        convention: str | None = None,
        max_count: int = COUNT_CEILING,
        defaults: Mapping[str, object] | None = None,
        lookup: regions.RegionLookup | None = None,
    ) -> None:
        self.fmt = fmt
        self.problems = problems
        self.labels = labels or {}
        self.convention = convention
        self.max_count = max_count
        self.defaults = defaults or {}
        self.lookup = lookup or regions.RegionLookup()
        self._parsers: dict[str, Callable[[object], Any]] = {
            "count": self._count,
            "money": self._money,
            "date": parse_date,
            "year": _year,
            "pct": parse_pct,
            "period": parse_period,
            "sector": _sector,
            "funding": _funding,
            "funder": self._funder,
        }
        self._plans: dict[tuple, list[tuple[Column, Any]]] = {}

    def label(self, name: str) -> str:
        """How a report names the column."""
        if self.fmt.labels == "spelled":
            return self.fmt.column(name).spelled
        if self.fmt.labels == "header":
            return self.labels.get(name, name)
        return name

    def err(self, key: str, row: int | None, name: str | None, value: object, **params: object) -> None:
        label = self.label(name) if name else None
        self.problems.append(Problem("error", key, row, label, quoted(value), {k: short(x) for k, x in params.items()}))

    def read(self, row: int, cells: Mapping[str, object], names: Iterable[str] | None = None) -> dict | None:
        """The values of the row (see ``values``), or None when any cell of it is wrong."""
        before = len(self.problems)
        out = self.values(row, cells, names)
        return None if len(self.problems) > before or out.get("region", True) is None else out

    def values(self, row: int, cells: Mapping[str, object], names: Iterable[str] | None = None) -> dict:
        """The cells of the columns ``names`` (every column the row has, by default) parsed, None
        for a blank or wrong one (each wrong one a problem), and ``region`` (a ``Region`` or None)
        for a format with region columns."""
        out: dict[str, object] = {}
        for column, parser in self._plan(tuple(cells) if names is None else None, names):
            if parser is None:
                out["region"] = self._region(row, cells)
                continue
            value = cells.get(column.name)
            if blank(value):
                default = self.defaults.get(column.name)  # already a value, not a cell
                if default is None and column.required:
                    self.err("missing_value", row, column.name, "", valid=column.example)
                out[column.name] = default
                continue
            try:
                out[column.name] = parser(value)
            except ParseError as exc:
                self.err(exc.key, row, column.name, value, **exc.params)
                out[column.name] = None
        return out

    def _plan(self, given: tuple[str, ...] | None, names: Iterable[str] | None) -> list[tuple[Column, Any]]:
        """(column, its parser or None for the region) to read, in the declared order: worked out
        once per shape of row (a file's rows all have its header's columns)."""
        key = (given, None if names is None else tuple(names))
        plan = self._plans.get(key)
        if plan is None:
            if names is None:
                wanted = [c for c in self.fmt.columns if c.name in (given or ()) or c.name in self.defaults]
            else:
                wanted = [self.fmt.column(n) for n in key[1] or ()]
            regions_at = [c for c in wanted if c.parse == "region"][:1]
            plan = [(c, None if c.parse == "region" else self._parser(c)) for c in wanted
                    if c.parse != "region" or c in regions_at]  # fmt: skip
            self._plans[key] = plan
        return plan

    def _parser(self, column: Column) -> Callable[[object], Any]:
        if column.parse == "text":
            return lambda v: cell_text(v)[: column.max_chars]
        return self._parsers[column.parse]

    def _region(self, row: int, cells: Mapping[str, object]) -> regions.Region | None:
        code, name = cells.get("region_code"), cells.get("region_name")
        try:
            return self.lookup.find(code, name)
        except regions.RegionError as exc:
            if exc.key == "missing_value":
                column = "region_code" if "region_code" in cells else "region_name"
                self.err("missing_value", row, column, "", **exc.params)
            else:
                value = code if exc.column == "region_code" else cell_text(name)
                self.err(exc.key, row, exc.column, value, **exc.params)
            return None

    def _funder(self, value: object) -> str:
        """The Kemendagri code of the government a cell names: a code ("15.71", 1571) or a name
        ("Kota Jambi", "Pemkot Jambi", "Pemprov Jambi", "Pemerintah Kabupaten Sanggau")."""
        text = " ".join(cell_text(value).split())
        named = _GOVERNMENT.match(text)
        if named:
            kind = named.group(1).lower().replace("pemerintah ", "")
            text = f"{_GOVERNMENT_KIND.get(kind, kind)} {named.group(2)}"
        try:
            if re.fullmatch(r"[\d.]+", text):
                return self.lookup.find(text, None).code
            return self.lookup.find(None, text).code
        except regions.RegionError as exc:
            raise ParseError(exc.key, value, **exc.params) from exc

    def _count(self, value: object) -> int:
        return parse_count(value, self.convention, self.max_count)

    def _money(self, value: object) -> int:
        amount = parse_money(value, convention=self.convention)
        if amount <= 0:
            raise ParseError("not_money", value)
        return amount


def _year(value: object) -> int:
    try:
        year = int(parse_count(value))
    except ParseError as exc:
        raise ParseError("not_a_year", value) from exc
    if not 2000 <= year <= 2100:
        raise ParseError("not_a_year", value)
    return year


def _sector(value: object) -> str:
    code = sector_code(value)
    if code is None:
        raise ParseError("unknown_sector", value, valid=SECTOR_VALID)
    return code


def _funding(value: object) -> str:
    funding = FUNDING_ALIASES.get(" ".join(cell_text(value).lower().split()))
    if funding is None:
        raise ParseError("unknown_funding", value, valid=", ".join(FUNDING))
    return funding


def number_form(
    fmt: Format,
    reader: RowReader,
    rows: list[tuple[int, list[object]]],
    header: Header,
    titles: Iterable[object] = (),
    delimiter: str | None = None,
    chosen: str | None = None,
    notes: list[tuple[str, dict]] | None = None,
) -> Convention | Problem:
    """The number form of a file from the file as a whole (``ucj.core.convention``): its figures
    (the cells of its count and money columns), its delimiter, decimal commas in its other cells,
    month names in its titles, periods and dates; or the one file-level problem when it cannot be
    told ("number_format_needed", asking) or contradicts itself or ``chosen``. In ``notes``: what
    told it, when that is not the figures themselves."""
    numeric = [
        (reader.label(c.name), c.parse == "money", header.columns[c.name])
        for c in fmt.columns
        if c.parse in _FIGURES and c.name in header.columns
    ]
    figures = [
        ((n, label), money_figure(v)[0] if money else v)
        for n, cells in rows
        for label, money, j in numeric
        # Plain digits tell no convention apart: only texts with a separator are weighed.
        if j < len(cells) and isinstance(v := cells[j], str) and not v.strip().isdigit()
    ]
    named = set(header.columns.values())
    named_at = header.columns
    months_at = [header.columns[c.name] for c in fmt.columns if c.parse in ("period", "date") and c.name in named_at]
    # Generators: read only when the figures do not decide (a 100.000-row file is not copied).
    other = (c for _, cells in rows for j, c in enumerate(cells) if j not in named and isinstance(c, str))
    months = itertools.chain(titles, (cells[j] for _, cells in rows for j in months_at if j < len(cells)))
    try:
        conv = file_convention(figures, delimiter=delimiter, other_cells=other, month_cells=months, chosen=chosen)
    except ParseError as exc:
        return Problem("error", exc.key, None, None, quoted(exc.value), exc.params)
    if conv.question:
        (row, column), text, as_id, as_en = conv.question
        params = {"text": text, "at_row": row, "at_column": column, "as_id": as_id, "as_en": as_en}
        return Problem("error", "number_format_needed", None, None, text, params)
    if notes is not None and conv.format and conv.source != "figures" and figures:
        notes.append((f"number_format_by_{conv.source}", {"form": FORM_EXAMPLE[conv.format]}))
    return conv
