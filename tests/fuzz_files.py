"""Hostile files against the ingest: every class an audit found, and random ones.

``python -m tests.fuzz_files [N] [--seed S]`` (``make fuzz``) runs N files (default 2.000) through
``service.ingest`` and ``service.import_targets`` (Jakon project lists through
``service.publish_projects``) on a store holding one month, and prints: files, clean refusals,
accepted, unhandled (must be 0), over 10 s (must be 0), peak memory, store changes after a refusal
(must be 0), and hostile figures accepted (money and counts in forms never read: must be 0).
``tests/test_fuzz.py`` runs it in the suite.
"""

from __future__ import annotations

import csv
import io
import random
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

HEADER = ["periode", "kode_wilayah", "jumlah_pekerja", "PU", "BPU", "JAKON", "PMI"]
GOOD = ["2025-07", "61.03", "220.618", "40.123", "20.456", "4.519", "1.200"]
CODES = ["61.03", "15.71", "15.71.07", "6103", "99.99", "61", "Kota Jambi", "Jambi", "KAB. SANGGAU", ""]
NUMBERS = [
    "0",
    "12.320",
    "12,320",
    "4.000",
    "58,65",
    "-4",
    "1e9",
    "abc",
    "",
    str(2**63 - 1),
    str(2**63),
    str(2**64),
    str(2**64 + 7),
    "9" * 40,
    "9" * 5000,
    "١٢٣",
    "NaN",
    "inf",
]
#: Money and counts in forms the number rule never reads (issue 15): fractions, trailing minus,
#: malformed groups (dots or spaces), formulas, mixed separators.
HOSTILE_FIGURES = [
    "1/2 M", "1½ M", "¾", "1 1/2", "1⁄2", "1.234.5", "12.34.567", "1..000", "1 2345", "12 34 567", "1 000.000",
    "1\u00a02345", "5.000.000-", "5.000.000\u2212", "=1000000", "+1000000", "@SUM(A1)", "=1+1", "1,2,3",
    "1.000.000.", ".1000", "1.000 000",
]  # fmt: skip
JAKON_HEADER = ["nama_proyek", "opd", "sumber_dana", "nilai_kontrak", "tanggal_mulai", "tanggal_selesai",
                "jumlah_pekerja", "kode_wilayah"]  # fmt: skip


def _project(value: str, workers: str) -> list[str]:
    return ["Jalan A", "Dinas PUPR", "APBD", value, "2025-03-01", "2025-10-31", workers, "61.03"]


TEXT = ['=HYPERLINK("http://x")', "<style>*{}</style>", "[x](http://e)", "![i](http://e/i.png)", "\u202e", "JUMLAH"]


def _csv(rows: list[list[str]], sep: str = ";", encoding: str = "utf-8", bom: bool = False) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    data = buf.getvalue().encode(encoding, errors="replace")
    return b"\xef\xbb\xbf" + data if bom else data


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The workbook with some of its parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
    b't="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
)


def _workbook(sheets: list[tuple[str, list[list[object]], str]], active: int = 0, hidden_rows: tuple = ()) -> bytes:
    """A workbook of (title, rows, state) sheets opening on sheet ``active`` (hidden or not)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows, state in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        ws.sheet_state = state
    for r in hidden_rows:
        wb.worksheets[0].row_dimensions[r].hidden = True
    wb.active = active
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_xml(rows: list[list[object]], numbers: dict[tuple[int, int], str] | None = None) -> bytes:
    """A sheet part written by hand: ``rows`` as (row number, cells), inline strings or raw numbers."""
    out = []
    for r, cells in rows:
        cs = "".join(
            f'<c r="{chr(65 + j)}{r}"><v>{v}</v></c>' if isinstance(v, int) or (numbers and (r, j) in numbers)
            else f'<c r="{chr(65 + j)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            for j, v in enumerate(cells)
        )  # fmt: skip
        out.append(f'<row r="{r}">{cs}</row>')
    return (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>" + "".join(out) + "</sheetData></worksheet>"
    ).encode()


def _duplicated(data: bytes, name: str, body: bytes) -> bytes:
    """The workbook with a second entry called ``name`` appended."""
    import warnings

    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as z, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": the point of the class
        z.writestr(name, body)
    return out.getvalue()


def _workbook_classes(rng: random.Random, good_xlsx: bytes) -> Iterator[tuple[str, str, bytes]]:
    """The workbook cases of issue 15, each of which must be refused or warned about, never read silently."""
    good_row = [GOOD[0], GOOD[1], 220618, 40123, 20456, 4519, 1200]
    forged = [GOOD[0], GOOD[1], 220618, *(rng.randint(1, 10**6) for _ in range(4))]
    state = rng.choice(["hidden", "veryHidden"])
    yield (
        "hidden-active-sheet",
        "hidden.xlsx",
        _workbook([("Rahasia", [HEADER, forged], state), ("Data", [HEADER, good_row], "visible")], active=0),
    )
    yield (
        "hidden-rows",
        "rows.xlsx",
        _workbook(
            [("Data", [HEADER, good_row, [GOOD[0], "15.71", 289714, 90000, 45000, 4349, 1000]], "visible")],
            hidden_rows=(rng.choice([2, 3]),),
        ),
    )
    dup = rng.choice([2, 1])
    yield (
        "duplicate-row-number",
        "dup.xlsx",
        _rezip(good_xlsx, {SHEET: _sheet_xml([(1, HEADER), (2, good_row), (dup, forged)])}),
    )
    yield "duplicate-zip-entry", "twice.xlsx", _duplicated(good_xlsx, SHEET, _sheet_xml([(1, HEADER), (2, forged)]))
    raw = rng.choice(["1e-400", "2.5E-324", "0.1e-999", "1e400"])
    col = rng.randrange(2, 7)
    yield (
        "underflow-number",
        "tiny.xlsx",
        _rezip(
            good_xlsx,
            {
                SHEET: _sheet_xml(
                    [(1, HEADER), (2, [raw if j == col else v for j, v in enumerate(good_row)])], {(2, col): "n"}
                )
            },
        ),
    )


SILENT_NEVER = {"hidden-active-sheet", "hidden-rows", "duplicate-row-number", "duplicate-zip-entry", "underflow-number"}


def _classes(rng: random.Random) -> Iterator[tuple[str, str, bytes]]:
    """(class, file name, bytes), forever, cycling through every class with random variation."""
    good_xlsx = _xlsx([HEADER, [GOOD[0], GOOD[1], 220618, 40123, 20456, 4519, 1200]])
    while True:
        sep = rng.choice([";", ",", "\t"])
        yield "valid", "ok.csv", _csv([HEADER, GOOD], ";", bom=rng.random() < 0.5)
        yield "valid-xlsx", "ok.xlsx", good_xlsx
        n = rng.choice(NUMBERS)
        yield "huge-count", "big.csv", _csv([HEADER, [*GOOD[:2], n, *GOOD[3:]]], sep)
        big = rng.choice([2**63 - 1, 2**63, 2**64, 10**30])
        yield "huge-count-xlsx", "big.xlsx", _xlsx([HEADER, [*GOOD[:2], big, 1, 1, 1, 1]])
        digits = b"9" * rng.choice([25, 400, 5000])
        yield "huge-count-xml", "digits.xlsx", good_xlsx.replace(b"<v>220618</v>", b"<v>" + digits + b"</v>")
        flipped = bytearray(good_xlsx)
        for _ in range(rng.randint(1, 30)):
            i = rng.randrange(len(flipped))
            flipped[i] ^= 1 << rng.randrange(8)
        yield "bit-flipped-xlsx", "flip.xlsx", bytes(flipped)
        yield "truncated-xlsx", "cut.xlsx", good_xlsx[: rng.randrange(10, len(good_xlsx))]
        yield "not-xml-sheet", "junk.xlsx", _rezip(good_xlsx, {SHEET: rng.randbytes(rng.randint(1, 500))})
        yield "xml-entities", "lol.xlsx", _rezip(good_xlsx, {SHEET: LAUGHS})
        long_cell = "x" * rng.choice([2_000, 140_000, 300_000])
        where = rng.choice(["title", "header", "data"])
        rows = [[long_cell], HEADER, GOOD] if where == "title" else [HEADER + [long_cell], GOOD]
        if where == "data":
            rows = [HEADER, [*GOOD[:6], long_cell]]
        yield "long-cell", "long.csv", _csv(rows, sep)
        yield "paren-header", "paren.csv", ("(" * 60_000 + ",region_code\n1,2\n").encode()
        cells = [rng.choice(CODES + NUMBERS[:9] + TEXT) for _ in range(rng.randint(1, 60))]
        width = rng.randint(1, 9)
        grid = [cells[i : i + width] for i in range(0, len(cells), width)]
        yield "random-table", "random.csv", _csv([HEADER, *grid] if rng.random() < 0.7 else grid, sep)
        yield "random-bytes", rng.choice(["x.csv", "x.xlsx"]), rng.randbytes(rng.randint(0, 3000))
        yield "bytes", "odd.csv", rng.choice([b"", b"\xef\xbb\xbf", b"\x00\x01", b"\x81\x8d\x8f;\x90", b"\r\n\r\n"])
        yield "text-in-cells", "text.csv", _csv([HEADER, [GOOD[0], rng.choice(TEXT), *GOOD[2:]]], sep)
        bad = rng.choice(HOSTILE_FIGURES)
        at = rng.randrange(2, 7)
        yield "hostile-count", "figures.csv", _csv([HEADER, [*GOOD[:at], bad, *GOOD[at + 1 :]]], sep)
        yield "jakon-hostile-money", "proyek.csv", _csv([JAKON_HEADER, _project(bad, "12")], sep)
        yield "jakon-hostile-workers", "proyek.csv", _csv([JAKON_HEADER, _project("1.250.000.000", bad)], sep)
        yield from _workbook_classes(rng, good_xlsx)


def _rare(rng: random.Random) -> list[tuple[str, str, bytes]]:
    """The expensive classes, once each: 100.000 duplicate rows, a cell in column XFD on every row,
    a zip bomb, a file over the size limit."""
    dup = _csv([HEADER] + [GOOD] * 100_000, ";")
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in range(2, 5_000):
        ws.cell(row=r, column=16_384, value=1)
    xfd = io.BytesIO()
    wb.save(xfd)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(SHEET, b"<row/>" * 40_000_000)
    return [
        ("duplicate-rows", "dup.csv", dup),
        ("xfd-xlsx", "xfd.xlsx", xfd.getvalue()),
        ("zip-bomb", "bomb.xlsx", bomb.getvalue()),
        ("over-size", "big.csv", b"a;b\n" * 6_000_000),
    ]


@dataclass
class Report:
    files: int = 0
    refused: int = 0
    accepted: int = 0
    unhandled: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)
    store_changes: list[str] = field(default_factory=list)
    hostile_accepted: list[str] = field(default_factory=list)
    peak_mib: float = 0.0
    by_class: dict[str, int] = field(default_factory=dict)
    #: Workbook classes (hidden sheet or row, duplicate row or entry, lost number) stored without a word.
    silent: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"files: {self.files}",
            f"clean refusals: {self.refused}",
            f"accepted: {self.accepted}",
            f"unhandled: {len(self.unhandled)}",
            f"over 10 s: {len(self.slow)}",
            f"peak memory: {self.peak_mib:.0f} MiB",
            f"store changes after a refusal: {len(self.store_changes)}",
            f"hostile figures accepted: {len(self.hostile_accepted)}",
            f"workbook cases read silently: {len(self.silent)}",
            "classes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.by_class.items())),
        ]


def _state(data_dir: Path) -> bytes:
    """The store's data (not its audit log, which records refusals by design)."""
    m = data_dir / "manifest.json"
    return m.read_bytes() if m.exists() else b""


def run(n: int = 2000, seed: int = 7) -> Report:
    from ucj.services import service
    from ucj.storage.store import Store

    rng = random.Random(seed)
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "data")
        assert service.ingest(store, _csv([HEADER, GOOD]), "base.csv", user="fuzz").stored
        files = _rare(rng)
        gen = _classes(rng)
        files += [next(gen) for _ in range(max(0, n - len(files)))]
        for kind, name, data in files:
            report.files += 1
            report.by_class[kind] = report.by_class.get(kind, 0) + 1
            before = _state(store.data_dir)
            started = time.monotonic()
            try:
                if kind.startswith("jakon-"):
                    projects, version = service.publish_projects(store, data, name, user="fuzz")
                    out, targets = None, None
                else:
                    out = service.ingest(store, data, name, user="fuzz", accept_warnings=True)
                    targets = service.import_targets(store, data, name, user="fuzz")
            except Exception as exc:  # noqa: BLE001 - counting what escapes is the point
                report.unhandled.append(f"{kind}: {type(exc).__name__}: {str(exc)[:100]}")
                continue
            finally:
                if time.monotonic() - started > 10:
                    report.slow.append(f"{kind}: {time.monotonic() - started:.1f} s")
            if out is None:
                accepted, problems = version is not None, projects.errors
            else:
                accepted, problems = out.stored or targets.ok, out.result.errors + targets.errors
                if kind in SILENT_NEVER and accepted and not out.result.warnings:
                    report.silent.append(kind)
            if accepted:
                report.accepted += 1
                if "hostile" in kind:
                    report.hostile_accepted.append(f"{kind}: {data[-80:]!r}")
            else:
                report.refused += 1
                if _state(store.data_dir) != before:
                    report.store_changes.append(kind)
                # Every refusal says what is wrong in both languages, not library text alone.
                for p in problems:
                    if not p.message("id") or p.message("id") == p.message("en"):
                        report.unhandled.append(f"{kind}: untranslated {p.key}")
    report.peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


def _boundary_classes(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """(class, bytes) of boundary files, forever: a valid one, then every kind an audit found."""
    import json

    def doc(geometry=None, properties=None) -> bytes:
        x, y = 101 + rng.random(), -2 + rng.random()
        good = {"type": "Polygon", "coordinates": [[[x, y], [x + 0.3, y], [x + 0.3, y + 0.3], [x, y]]]}
        feature = {"type": "Feature", "properties": {"kode": rng.choice(["15.71", "1501", "ID1502"])},
                   "geometry": geometry if geometry is not None else good}  # fmt: skip
        if properties is not None:
            feature["properties"] = properties
        return json.dumps({"type": "FeatureCollection", "features": [feature]}, allow_nan=True).encode()

    def ring(value: float) -> dict:
        return {"type": "Polygon", "coordinates": [[[value, 1], [value, 2], [2, 2], [value, 1]]]}

    while True:
        yield "boundary-valid", doc()
        yield "boundary-out-of-range", doc(ring(rng.choice([180.5, -181, 1e6])))
        yield "boundary-huge", doc(ring(rng.choice([1e308, -1e308])))
        yield "boundary-nan", doc(ring(rng.choice([float("nan"), float("inf"), float("-inf")])))
        yield "boundary-unknown-type", doc({"type": rng.choice(["Circle", "Box", "", None, 7]), "coordinates": [1, 2]})
        yield "boundary-properties", doc(properties=rng.choice([[], "x", 5, True, [["kode", "15.71"]]]))
        depth = rng.choice([25, 500, 900, 5000])
        nested = "[" * depth + "0" + "]" * depth
        where = rng.choice(["properties", "coordinates"])
        inner = f'{{"x": {nested}}}' if where == "properties" else '{"kode": "15.71"}'
        geometry = f'{{"type": "Polygon", "coordinates": {nested}}}' if where == "coordinates" else "null"
        yield (
            "boundary-nesting",
            (
                f'{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {inner}, '
                f'"geometry": {geometry}}}]}}'
            ).encode(),
        )
        yield "boundary-random-bytes", rng.randbytes(rng.randint(0, 500))


def run_boundaries(n: int = 200, seed: int = 7) -> Report:
    """``n`` boundary files through ``service.import_boundaries``: the same report as ``run``."""
    from ucj.intake.boundaries import BoundaryError
    from ucj.services import service
    from ucj.storage.store import Store

    rng = random.Random(seed)
    report = Report()
    gen = _boundary_classes(rng)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "data")
        for _ in range(n):
            kind, data = next(gen)
            report.files += 1
            report.by_class[kind] = report.by_class.get(kind, 0) + 1
            before = store.read_boundaries()
            started = time.monotonic()
            try:
                service.import_boundaries(store, data, "b.geojson", user="fuzz")
                report.accepted += 1
            except BoundaryError as exc:
                report.refused += 1
                if store.read_boundaries() != before:
                    report.store_changes.append(kind)
                from ucj.core.i18n import t

                if t(exc.key, "id", **exc.params) == t(exc.key, "en", **exc.params):
                    report.unhandled.append(f"{kind}: untranslated {exc.key}")
            except Exception as exc:  # noqa: BLE001 - counting what escapes is the point
                report.unhandled.append(f"{kind}: {type(exc).__name__}: {str(exc)[:100]}")
            finally:
                if time.monotonic() - started > 10:
                    report.slow.append(f"{kind}: {time.monotonic() - started:.1f} s")
    return report


if __name__ == "__main__":
    args = sys.argv[1:]
    count = int(args[0]) if args and args[0].isdigit() else 2000
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 7
    r = run(count, seed)
    print("\n".join(r.lines()))
    for line in r.unhandled + r.slow + r.store_changes + r.hostile_accepted + r.silent:
        print("  ", line)
    sys.exit(1 if r.unhandled or r.slow or r.store_changes or r.hostile_accepted or r.silent else 0)
