"""Target files and edited target tables: read, validated, with a report of what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..core import regions
from ..core.parsing import DECIMAL_MARK, FORM_EXAMPLE, ParseError, parse_count, parse_pct
from ..core.settings import Settings, load_settings
from .cells import MAX_HEADER_SCAN, blank, cell_text, extra_cell, table_width
from .header import COLUMN_ALIASES, norm_header
from .problems import Problem, capped, read_sheet, with_reading

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
    #: What reading the file noticed without refusing it (a hidden sheet left unread).
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_targets(
    data: bytes,
    file_name: str = "targets.csv",
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> TargetsResult:
    """Reads a target table (region_code or region_name, year, target_pct, source), within the same
    limits as a snapshot file (a workbook's first visible sheet, or ``sheet``). Never raises for bad
    input.

    A percentage's one separator is its decimal mark in either form ("58,65", "58.65"), so a target
    file never needs its number form told; given ``number_format`` ("id"/"en"), a percentage written
    with the other form's decimal mark is an error rather than read."""
    settings = settings or load_settings()
    table = read_sheet(data, file_name, settings, sheet)
    if isinstance(table, Problem):
        return TargetsResult(_empty_targets(), [table])
    return with_reading(_targets_from_cells(table.rows, settings, number_format), table)


def _targets_from_cells(
    cells: list[list[object]], settings: Settings, number_format: str | None = None
) -> TargetsResult:
    header_at, columns = None, {}
    for i, row in enumerate(cells[:MAX_HEADER_SCAN]):
        found = {
            _TARGET_LOOKUP[k]: j for j, c in enumerate(row) if not blank(c) and (k := norm_header(c)) in _TARGET_LOOKUP
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
    width = table_width(cells[header_at])
    for i in range(header_at + 1, len(cells)):
        row = cells[i]
        if all(blank(c) for c in row):
            continue
        if extra := extra_cell(row, width):
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
    if number_format:
        errors += _wrong_marks(records, number_format)
    if errors:
        errors += validate_targets(records).errors if records else []
        return TargetsResult(_empty_targets(), capped(errors, settings.max_errors_per_kind))
    result = validate_targets(records)
    result.errors = capped(result.errors, settings.max_errors_per_kind)
    return result


def _wrong_marks(records: list[dict], number_format: str) -> list[Problem]:
    """An error for each percentage written with the decimal mark of the form not chosen."""
    other = DECIMAL_MARK["en" if number_format == "id" else "id"]
    return [
        Problem("error", "number_format_wrong_mark", rec["row"], "target_pct", text,
                {"text": text, "chosen": FORM_EXAMPLE[number_format], "mark": DECIMAL_MARK[number_format]})
        for rec in records
        if isinstance(rec["target_pct"], str) and other in (text := rec["target_pct"].strip())
    ]  # fmt: skip


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
            if not blank(code):
                region = regions.get_region(cell_text(code))
            elif not blank(name):
                region = regions.resolve_name(cell_text(name))
            else:
                errors.append(Problem("error", "missing_value", row, "region_code", "", {"valid": "61.03"}))
        except regions.RegionError as exc:
            cands = ", ".join(c.label for c in exc.candidates)
            errors.append(
                Problem(
                    "error",
                    exc.kind,
                    row,
                    "region_code" if not blank(code) else "region_name",
                    cell_text(code if not blank(code) else name),
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
            errors.append(Problem("error", "not_a_year", row, "year", cell_text(y)))
            year = None
        pct = None
        try:
            pct = parse_pct(rec.get("target_pct"))
        except ParseError as exc:
            errors.append(Problem("error", exc.reason, row, "target_pct", cell_text(rec.get("target_pct"))))
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
            {"region_code": region.code, "year": year, "target_pct": pct, "source": cell_text(rec.get("source"))}
        )
    if not records and not allow_empty:
        errors.append(Problem("error", "empty_file"))
    if errors:
        return TargetsResult(_empty_targets(), errors)
    return TargetsResult(pd.DataFrame(out, columns=["region_code", "year", "target_pct", "source"]))


def targets_preview(result: TargetsResult) -> pd.DataFrame:
    """A checked target file's rows as they will be stored, with each region's official name, for
    the preview before the import: region_code, region_name, year, target_pct, source."""
    preview = result.targets.copy()
    preview["region_name"] = [regions.region_name(c) for c in preview["region_code"]]
    return preview[["region_code", "region_name", "year", "target_pct", "source"]]


def _empty_targets() -> pd.DataFrame:
    return pd.DataFrame(columns=["region_code", "year", "target_pct", "source"])
