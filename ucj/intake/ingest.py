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

import hashlib
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from babel.numbers import format_decimal

from ..core import regions
from ..core.i18n import t
from ..core.parsing import FORM_EXAMPLE, ParseError, add_months, file_convention, parse_count, parse_period
from ..core.schema import SECTORS, as_snapshot, empty_snapshot
from ..core.settings import Settings, load_settings
from .cells import Limits, Unreadable, blank, cell_text, extra_cell, read_table, table_width
from .header import (
    SECTOR_WORKFORCE,
    Header,
    column_spellings,
    find_header,
    sector_code,
    title_period,
)
from .problems import Problem, capped, in_reading_order, problems_frame, short, too_large
from .target_files import TargetsResult, read_targets, validate_targets  # noqa: F401 - re-exported

# Misspelt region names a file gets suggestions for; the rest are reported without.
MAX_SUGGESTED = 50
_TOTAL_LABEL = re.compile(r"^\s*(grand\s+total|jumlah\s+total|total\s+keseluruhan|jumlah|total)\b", re.I)


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
    #: The workbook sheet read, and every visible sheet in order (None and () for a CSV).
    sheet: str | None = None
    sheets: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def asks_number_format(self) -> bool:
        """True when the file's number form cannot be told and the user must choose it ("id"/"en")."""
        return any(p.key == "number_format_needed" for p in self.errors)

    def problems_frame(self, lang: str = "id") -> pd.DataFrame:
        """Errors then warnings as a table: severity, row, column, value, message."""
        return problems_frame(in_reading_order(self.errors + self.warnings), lang)

    def note_texts(self, lang: str = "id") -> list[str]:
        return [t(k, lang, **p) for k, p in self.notes]


def _empty_rows() -> pd.DataFrame:
    # The snapshot's columns, and the row of the user's spreadsheet each came from.
    return empty_snapshot().assign(source_row=pd.Series(dtype="int32"))


def _outside(validator, row: int, cells: list[object], width: int) -> bool:
    extra = extra_cell(cells, width)
    if extra:
        validator.err("extra_cells", row, extra[0], extra[1], letter=extra[0])
    return extra is not None


# --- the whole path ------------------------------------------------------------------------


#: (period, region codes, sectors or None for all) → participants of each region in that period.
PreviousTotals = Callable[[str, list[str], list[str] | None], dict[str, int]]


def read_snapshot(
    data: bytes,
    file_name: str = "upload.csv",
    *,
    period: str | None = None,
    previous_totals: PreviousTotals | None = None,
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> IngestResult:
    """Reads and validates one month's file. Never raises for bad input: problems are in the result.

    A workbook's first visible sheet is read, or the visible sheet named ``sheet``.
    ``period`` is used when the file has no period column or title; a file that says another
    month is an error naming both.
    ``previous_totals(period, codes, sectors)`` returns the participants of those regions (in those
    sectors, or all for None) in an earlier month, for the change warning. ``number_format`` ("id"
    or "en") is the user's answer for a file whose number form cannot be told from the file itself.
    """
    settings = settings or load_settings()
    result = IngestResult(file_name=file_name, sha256=hashlib.sha256(data).hexdigest())
    if problem := too_large(data, settings):
        result.errors.append(problem)
        return result
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        result.errors.append(Problem("error", "empty_file"))
        return result
    try:
        table = read_table(data, file_name, Limits.of(settings), sheet)
    except Unreadable as exc:
        result.errors.append(Problem("error", exc.key, params=exc.params))
        return result
    cells, delimiter = table.rows, table.delimiter
    result.sheet, result.sheets = table.sheet, table.sheets
    if table.sheet is not None and len(table.sheets) > 1:
        result.notes.append(("sheet_read", {"sheet": table.sheet, "sheets": ", ".join(table.sheets)}))
    # What reading found (hidden rows, lost numbers, hidden sheets) is reported however the rest reads.
    result.warnings.extend(table.warnings)
    reading_errors = table.errors
    if not any(not blank(c) for row in cells for c in row):
        result.errors.append(Problem("error", "empty_file"))
        return result
    header = find_header(cells)
    if header is None:
        expected = "period, region_code/region_name, workforce, PU, BPU, JAKON, PMI | sector, participants"
        result.errors.append(Problem("error", "no_header", row=None, params={"expected": expected}))
        result.errors[:0] = reading_errors
        return result
    _name_hidden_regions(reading_errors, cells, header)
    title_rows = sum(1 for r in cells[: header.row_index] if any(not blank(c) for c in r))
    if title_rows:
        result.notes.append(("skipped_title_rows", {"n": title_rows}))
    from_title = title_period(cells[: header.row_index])
    if from_title:
        result.notes.append(("period_from_title", {"row": from_title[1], "period": from_title[0]}))
    _Validator(result, cells, header, delimiter, period, settings, from_title, number_format).run()
    result.errors[:0] = reading_errors
    if result.ok and previous_totals is not None:
        _warn_large_changes(result, previous_totals, settings)
    result.errors = capped(result.errors, settings.max_errors_per_kind)
    result.warnings = capped(result.warnings, settings.max_errors_per_kind)
    if not result.ok:
        result.rows = _empty_rows()
    return result


def _name_hidden_regions(problems: list[Problem], cells: list[list[object]], header: Header) -> None:
    """A hidden row's report names its region (code and name as the file writes them) when the row
    gives one, rather than its first cells."""
    cols = [(canon, header.columns[canon]) for canon in ("region_code", "region_name") if canon in header.columns]
    for p in problems:
        if p.key != "hidden_row" or not cols or p.row is None or p.row - 1 <= header.row_index:
            continue
        row = cells[p.row - 1]
        given = [cell_text(row[j]) for _, j in cols if j < len(row) and not blank(row[j])]
        if given:
            p.column = header.labels.get(cols[0][0], cols[0][0])
            p.value = short(" ".join(given))
            p.params["content"] = p.value


class _Validator:
    def __init__(self, result, cells, header, delimiter, period, settings, from_title=None, number_format=None):
        self.r: IngestResult = result
        self.cells: list[list[object]] = cells
        self.h: Header = header
        self.delimiter: str | None = delimiter
        self.number_format: str | None = number_format
        self.title = from_title  # (period, row) from a title row, or None
        # A title row's period stands for the whole file; the caller's is the fallback.
        self.caller_period = from_title[0] if from_title else period
        # The month the caller named (``--period``, the page's field): a file saying another is an error.
        self.given_period = period
        self._period_differs = False
        if from_title and period and period != from_title[0]:
            self.err("period_conflict", from_title[1], "period", from_title[0], first=from_title[0], second=period)
        self.settings: Settings = settings
        self.deadline = time.monotonic() + settings.max_seconds
        self._suggested: set[str] = set()

    def err(self, key, row=None, col=None, value=None, **params):
        self.r.errors.append(Problem("error", key, row, col, short(value), params))

    def warn(self, key, row=None, col=None, value=None, **params):
        self.r.warnings.append(Problem("warning", key, row, col, short(value), params))

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
                name = column_spellings(col)
                self.err("missing_column", h.row_index + 1, name, "", column=name, found=found)
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
        width = table_width(self.cells[self.h.row_index])
        region_cols = [self.h.columns[c] for c in ("region_code", "region_name") if c in self.h.columns]
        for i in range(self.h.row_index + 1, len(self.cells)):
            cells = self.cells[i]
            if all(blank(c) for c in cells):
                continue
            first = next((cell_text(c) for c in cells if not blank(c)), "")
            labels = [cell_text(cells[j]) for j in region_cols if j < len(cells)] + [first]
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
        """The file's number form from the file as a whole (its figures, delimiter, other cells and
        month names); one file-level question when none of it tells and a figure reads two ways."""
        figures = [
            ((row, self.label(col)), str(v))
            for row, cells in data_rows
            for col in self._numeric_columns(template)
            # Plain digits tell no convention apart: only texts with a separator are weighed.
            if isinstance(v := self.cell(cells, col), str) and not v.strip().isdigit()
        ]
        named = set(self.h.columns.values())
        # Read only when the figures do not decide (generators: a 100.000-row file is not copied).
        other = (c for _, cells in data_rows for j, c in enumerate(cells) if j not in named and isinstance(c, str))
        titles = (c for row in self.cells[: self.h.row_index] for c in row)
        periods = (self.cell(cells, "period") for _, cells in data_rows) if "period" in self.h.columns else ()
        months = itertools.chain(titles, periods)
        try:
            conv = file_convention(
                figures,
                counts=True,
                delimiter=self.delimiter,
                other_cells=other,
                month_cells=months,
                chosen=self.number_format,
            )
        except ParseError as exc:
            self.err(exc.reason, value=exc.value, **exc.params)
            return None
        if conv.question:
            (row, column), text, as_id, as_en = conv.question
            self.err(
                "number_format_needed", value=text, text=text, at_row=row, at_column=column, as_id=as_id, as_en=as_en
            )
            return None
        if conv.format and conv.source != "figures" and figures:
            self.r.notes.append((f"number_format_by_{conv.source}", {"form": FORM_EXAMPLE[conv.format]}))
        self.r.number_format = conv.format
        return conv.format

    def _count(self, row, cells, col, convention, required=True) -> int | None:
        v = self.cell(cells, col)
        if blank(v):
            if required:
                self.err("missing_value", row, self.label(col), "", valid="0, 12.320, 12320")
            return None
        try:
            return parse_count(v, convention, self.settings.max_count)
        except ParseError as exc:
            self.err(exc.reason, row, self.label(col), v, **{k: short(x) for k, x in exc.params.items()})
            return None

    def _suggest(self, name: str) -> tuple[regions.Region, ...]:
        """Close official names for a misspelt one, for the first ``MAX_SUGGESTED`` distinct names
        of a file (a file of junk names is not compared name by name with the whole list)."""
        key = name.strip().lower()
        if key not in self._suggested and len(self._suggested) >= MAX_SUGGESTED:
            return ()
        self._suggested.add(key)
        return regions.suggest(name)

    def _region(self, row, cells) -> regions.Region | None:
        code_v, name_v = self.cell(cells, "region_code"), self.cell(cells, "region_name")
        region = None
        if not blank(code_v):
            code_text = cell_text(code_v)
            if isinstance(code_v, (int, float)) and not isinstance(code_v, bool) and float(code_v).is_integer():
                code_text = str(int(code_v))
            try:
                region = regions.get_region(code_text)
            except regions.RegionError as exc:
                self.err(exc.kind, row, self.label("region_code"), code_v)
                return None
        if not blank(name_v):
            name = cell_text(name_v)
            try:
                named = regions.resolve_name(name)
            except regions.RegionError as exc:
                named = None
                if region is None or exc.kind != "ambiguous_name" or region not in exc.candidates:
                    if region is None:
                        cands = ", ".join(c.label for c in exc.candidates)
                        if exc.kind == "unknown_name" and (close := self._suggest(name)):
                            self.err(
                                "unknown_name_suggest",
                                row,
                                self.label("region_name"),
                                name,
                                suggestions=", ".join(c.label for c in close),
                            )
                            return None
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
                if blank(pv):
                    if not period:
                        self.err("missing_value", row, self.label("period"), "", valid="2025-07")
                        continue
                else:
                    try:
                        period = parse_period(pv)
                    except ParseError:
                        self.err("not_a_period", row, self.label("period"), pv)
                        continue
                    if self.given_period and period != self.given_period and not self._period_differs:
                        self._period_differs = True  # once: every row says the same
                        self.err(
                            "period_given_differs", row, self.label("period"), pv, file=period, given=self.given_period
                        )
            region = self._region(row, cells)
            if template == "wide":
                workforce = self._count(row, cells, "workforce", convention)
                counts = {s: self._count(row, cells, s, convention) for s in SECTORS}
                # A blank sector denominator is "not given": the stored one of the month stays.
                sectors_wf = {
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
                            sector_workforce=sectors_wf[s],
                            workforce=workforce,
                        )
                    )
            else:
                sv = self.cell(cells, "sector")
                sector = sector_code(sv) if not blank(sv) else None
                if sector is None:
                    self.err(
                        "unknown_sector",
                        row,
                        self.label("sector"),
                        cell_text(sv),
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
                            "duplicate_region_row",
                            r["row"],
                            region_col,
                            r["region"].label,
                            region=r["region"].label,
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
        # Only the regions that warrant a warning are visited (a desa-level file has 80.000 regions).
        wf = totals["workforce"]
        flagged = totals[wf.notna() & ((wf == 0) | (totals["participants"] > wf))].sort_values("row")
        for code, participants, workforce, row in zip(
            flagged.index, flagged["participants"], flagged["workforce"], flagged["row"]
        ):
            if workforce == 0:
                self.warn("zero_workforce", int(row), self.label("workforce"), 0)
            else:
                self.warn(
                    "participants_above_workforce",
                    int(row),
                    region_col,
                    code,
                    participants=_fmt(participants),
                    workforce=_fmt(workforce),
                )
        over = df[df["sector_workforce"].notna() & (df["participants"] > df["sector_workforce"])]
        for row, participants, sector_wf in zip(over["source_row"], over["participants"], over["sector_workforce"]):
            self.warn(
                "participants_above_workforce",
                int(row),
                self.label("participants"),
                participants,
                participants=_fmt(participants),
                workforce=_fmt(sector_wf),
            )


def _fmt(n) -> str:
    return format_decimal(int(n), locale="id")


def _warn_large_changes(result: IngestResult, previous_totals: PreviousTotals, settings: Settings) -> None:
    if result.period is None:  # never for an accepted file: its rows name their month
        return
    df = result.rows
    prev_period = add_months(result.period, -1)
    current = df.groupby("region_code")["participants"].sum()
    # A long file may give only some sectors of a region: compare the same sectors of last month.
    n_sectors = df.groupby("region_code")["sector"].nunique()
    groups: dict[tuple[str, ...] | None, list[str]] = {
        None: [str(c) for c in n_sectors.index[n_sectors == len(SECTORS)]]
    }
    partial = df[df["region_code"].isin(n_sectors.index[n_sectors < len(SECTORS)])]
    for code, sectors in partial.groupby("region_code")["sector"]:
        groups.setdefault(tuple(sorted(set(sectors))), []).append(str(code))
    previous: dict[str, int] = {}
    for sectors, codes in groups.items():
        if codes:
            previous.update(previous_totals(prev_period, codes, None if sectors is None else list(sectors)))
    if not previous:
        return
    before = pd.Series(previous, dtype="float64").reindex(current.index)
    change = 100.0 * (current.astype("float64") - before) / before
    first_rows = df.groupby("region_code")["source_row"].min()
    flagged = change[(before > 0) & (change.abs() > settings.change_warning_pct)]
    for code in sorted(flagged.index, key=lambda c: first_rows[c]):
        now, prev = int(current[code]), previous[code]
        pct = 100.0 * (now - prev) / prev
        result.warnings.append(
            Problem(
                "warning",
                "large_change",
                int(first_rows[code]),
                "region_code",
                code,
                {
                    "change_pct": f"{pct:+.1f}".replace(".", ","),
                    "previous_period": prev_period,
                    "previous": _fmt(prev),
                    "current": _fmt(now),
                },
            )
        )
