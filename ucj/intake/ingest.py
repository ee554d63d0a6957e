"""From an analyst's CSV or XLSX file to validated snapshot rows, or a report of what is wrong.

Two templates (``ucj.intake.formats``: ``WIDE`` and ``LONG``; headers case-insensitive, Indonesian
aliases accepted):
- wide: period, region_code and/or region_name, workforce, PU, BPU, JAKON, PMI, and optional
  sector denominators workforce_PU … workforce_PMI (e.g. ``jumlah_pekerja_jakon``);
- long: period, region_code and/or region_name, sector, participants, optional workforce (the
  sector's own denominator) and optional region_workforce.
Without a period column, a title row such as "Periode: Agustus 2025" above the header gives it.
The cells are read by the one row reader (``ucj.intake.rows``); the rules across rows are here.

Validation is all or nothing: ``UploadResult.errors`` non-empty means nothing may be stored.
Rows are numbered as the user sees them in their spreadsheet (1 = the first line of the file).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

import pandas as pd
from babel.numbers import format_decimal

from ..core import regions
from ..core.parsing import add_months
from ..core.schema import SECTORS, as_snapshot, empty_snapshot
from ..core.settings import Settings, load_settings
from .cells import blank, cell_text
from .formats import LONG, SECTOR_WORKFORCE, SNAPSHOT, WIDE, Format
from .header import Header, find_header, title_period
from .problems import Problem, UploadResult, capped, problems_frame, read_sheet, short  # noqa: F401 - re-exported
from .rows import RowReader, data_rows, number_form, raw
from .target_files import parse_targets_file, validate_targets  # noqa: F401 - re-exported


def _empty_rows() -> pd.DataFrame:
    # The snapshot's columns, and the row of the user's spreadsheet each came from.
    return empty_snapshot().assign(source_row=pd.Series(dtype="int32"))


#: (period, region codes, sectors or None for all) → participants of each region in that period.
PreviousTotals = Callable[[str, list[str], list[str] | None], dict[str, int]]


def parse_snapshot_file(
    data: bytes,
    file_name: str = "upload.csv",
    *,
    period: str | None = None,
    previous_totals: PreviousTotals | None = None,
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads and validates one month's file. Never raises for bad input: problems are in the result.

    A workbook's first visible sheet is read, or the visible sheet named ``sheet``.
    ``period`` is used when the file has no period column or title; a file that says another
    month is an error naming both.
    ``previous_totals(period, codes, sectors)`` returns the participants of those regions (in those
    sectors, or all for None) in an earlier month, for the change warning. ``number_format`` ("id"
    or "en") is the user's answer for a file whose number form cannot be told from the file itself.
    """
    settings = settings or load_settings()
    result = UploadResult(_empty_rows(), file_name=file_name, sha256=hashlib.sha256(data).hexdigest())
    table = read_sheet(data, file_name, settings, sheet)
    if isinstance(table, Problem):
        result.errors.append(table)
        return result
    cells = table.rows
    result.sheet, result.sheets = table.sheet, table.sheets
    if table.sheet is not None and len(table.sheets) > 1:
        result.notes.append(("sheet_read", {"sheet": table.sheet, "sheets": ", ".join(table.sheets)}))
    # What reading found (hidden rows, lost numbers, hidden sheets) is reported however the rest reads.
    result.warnings.extend(table.warnings)
    reading_errors = table.errors
    if not any(not blank(c) for row in cells for c in row):
        result.errors.append(Problem("error", "empty_file"))
        return result
    header = find_header(cells, SNAPSHOT)
    if header is None:
        expected = " | ".join(f.expected for f in SNAPSHOT)
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
    _Snapshot(result, cells, header, table.delimiter, period, settings, from_title, number_format).run()
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


class _Snapshot:
    """One snapshot file's rows read (by the row reader of its template) and checked across rows."""

    def __init__(self, result, cells, header, delimiter, period, settings, from_title=None, number_format=None):
        self.r: UploadResult = result
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
        self.fmt: Format = LONG if "sector" in header.columns or "participants" in header.columns else WIDE
        #: The columns of a row read after its period: the template's that the header has.
        self._cells = tuple(c.name for c in self.fmt.columns if c.name != "period" and c.name in header.columns)
        self.reader = RowReader(
            self.fmt,
            result.errors,
            labels=header.labels,
            max_count=settings.max_count,
            defaults={"period": self.caller_period},
        )

    def err(self, key, row=None, col=None, value=None, **params):
        self.r.errors.append(Problem("error", key, row, col, short(value), params))

    def warn(self, key, row=None, col=None, value=None, **params):
        self.r.warnings.append(Problem("warning", key, row, col, short(value), params))

    def label(self, canon: str) -> str:
        return self.reader.label(canon)

    def run(self) -> None:
        h, fmt = self.h, self.fmt
        for dup in h.duplicates:
            self.err("duplicate_column", h.row_index + 1, dup, dup, column=dup)
        self.r.template = fmt.name
        found = ", ".join(h.labels.values())
        for name in fmt.required:
            if name not in h.columns and fmt.column(name).parse != "period":
                spelled = fmt.column(name).spelled
                self.err("missing_column", h.row_index + 1, spelled, "", column=spelled, found=found)
        if fmt is LONG:
            for col in SECTOR_WORKFORCE.values():
                if col in h.columns:
                    self.err("wide_column_in_long", h.row_index + 1, self.label(col), self.label(col), column=col)
        if "period" not in h.columns and not self.caller_period:
            self.err("no_period", None, "period")
        # Errors in the header make every row's reading meaningless.
        if self.r.errors:
            return
        totals: list[int] = []
        rows = data_rows(self.cells, h, self.r.errors, totals)
        self.r.notes.extend(("skipped_total_row", {"row": n}) for n in totals)
        if not rows:
            if not self.r.errors:  # rows refused above are not "empty"
                self.err("empty_file")
            return
        titles = (c for row in self.cells[: h.row_index] for c in row)
        conv = number_form(fmt, self.reader, rows, h, titles, self.delimiter, self.number_format, self.r.notes)
        if isinstance(conv, Problem):
            self.r.errors.append(conv)
            return
        self.r.number_format = self.reader.convention = conv.format
        if self.r.errors:  # a row right of the header: the table is not read further
            return
        records = self._records(rows)
        self._cross_checks(records, fmt.name)
        if self.r.errors:
            return
        self._build(records, fmt.name)

    def _records(self, rows: list[tuple[int, list[object]]]) -> list[dict]:
        """One record per region and sector: a wide row gives four, a long row one."""
        records = []
        for n, (row, cells) in enumerate(rows):
            if n % 1000 == 999 and time.monotonic() > self.deadline:
                self.err("too_slow", row, limit=self.settings.max_seconds)
                break
            given = raw(cells, self.h)
            # A row of another month (or none) is not read further: its figures are not that month's.
            when = self.reader.read(row, given, ("period",))
            v = self.reader.read(row, given, self._cells) if when is not None else None
            if when is None or v is None:
                continue
            v["period"] = when["period"]
            differs = self.given_period and v["period"] != self.given_period and not blank(given.get("period"))
            if differs and not self._period_differs:  # once: every row says the same
                self._period_differs = True
                self.err("period_given_differs", row, self.label("period"), given["period"],
                         file=v["period"], given=self.given_period)  # fmt: skip
            one = dict(row=row, period=v["period"], region=v["region"])
            if self.fmt is WIDE:
                # A blank sector denominator is "not given": the stored one of the month stays.
                records += [
                    dict(one, sector=s, participants=v[s], sector_workforce=v.get(SECTOR_WORKFORCE[s]),
                         workforce=v["workforce"])
                    for s in SECTORS
                ]  # fmt: skip
            else:
                sector_wf, region_wf = v.get("workforce"), v.get("region_workforce")
                records.append(dict(one, sector=v["sector"], participants=v["participants"],
                                    sector_workforce=sector_wf, workforce=region_wf))  # fmt: skip
        return records

    def _cross_checks(self, records: list[dict], template: str) -> None:
        """The rules across rows: one month, one row per region (and sector), no region beside its
        parent, one workforce per region."""
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
                        self.err("duplicate_region_row", r["row"], region_col, r["region"].label,
                                 region=r["region"].label, first_row=seen[key])  # fmt: skip
                else:
                    self.err("duplicate_row", r["row"], self.label("sector"), r["sector"], region=r["region"].label,
                             sector=r["sector"], first_row=seen[key])  # fmt: skip
                continue
            seen[key] = r["row"]
            region_rows.setdefault(code, r["row"])
            if template == "long" and r["workforce"] is not None:
                first = region_wf.setdefault(code, (r["row"], r["workforce"]))
                if first[1] != r["workforce"]:
                    self.err("conflicting_workforce", r["row"], self.label("region_workforce"), r["workforce"],
                             region=r["region"].label, first_row=first[0], first=first[1])  # fmt: skip
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


def _warn_large_changes(result: UploadResult, previous_totals: PreviousTotals, settings: Settings) -> None:
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
