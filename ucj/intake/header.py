"""Finding the header row: the accepted spellings of every column and sector, and the period a
title row gives ("Periode: Agustus 2025")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.parsing import ParseError, parse_period
from .cells import MAX_HEADER_SCAN, blank, cell_text

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


def column_spellings(canon: str) -> str:
    """How a report names a column: its Indonesian header and the English one ("jumlah_pekerja /
    workforce"); a sector is its code ("PMI")."""
    aliases = COLUMN_ALIASES.get(canon)
    return f"{aliases[1]} / {aliases[0]}" if aliases and len(aliases) > 1 else canon


HEADER_LOOKUP = {alias: col for col, aliases in COLUMN_ALIASES.items() for alias in aliases}
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


def _match_header(cells: list[object]) -> Header | None:
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    duplicates: list[str] = []
    for i, c in enumerate(cells):
        if blank(c):
            continue
        key = norm_header(c)
        canon = HEADER_LOOKUP.get(key) or SECTOR_LOOKUP.get(key)
        if canon is None:
            continue
        if canon in columns:
            duplicates.append(str(c).strip())
            continue
        columns[canon] = i
        labels[canon] = str(c).strip()
    has_region = "region_code" in columns or "region_name" in columns
    if has_region and len(columns) >= 2:
        return Header(-1, columns, labels, duplicates)
    return None


def find_header(rows: list[list[object]]) -> Header | None:
    for i, cells in enumerate(rows[:MAX_HEADER_SCAN]):
        h = _match_header(cells)
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
