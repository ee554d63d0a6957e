"""Upload templates, as bytes to download, each built from its format's declaration
(``ucj.intake.formats``): the wide and long snapshot files, the target file and the Monev Jakon
project list, the Pemda programmes' beneficiaries and budgets."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .formats import BENEFICIARIES, BUDGETS, LONG, PROJECTS, TARGETS, WIDE, Format


def _csv(fmt: Format) -> bytes:
    # Semicolons, BOM and CRLF: what Excel with Indonesian settings opens and writes.
    lines = [";".join(fmt.header_row)] + [";".join(r) for r in fmt.examples]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def wide_csv() -> bytes:
    return _csv(WIDE)


def long_csv() -> bytes:
    return _csv(LONG)


def targets_csv() -> bytes:
    return _csv(TARGETS)


def jakon_csv() -> bytes:
    return _csv(PROJECTS)


def beneficiaries_csv() -> bytes:
    return _csv(BENEFICIARIES)


def budgets_csv() -> bytes:
    return _csv(BUDGETS)


def wide_xlsx() -> bytes:
    """The wide template as a workbook, counts as numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "UCJ"
    ws.append(WIDE.header_row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    counts = [WIDE.column(name).parse == "count" for name in WIDE.template]
    for row in WIDE.examples:
        ws.append([(int(v.replace(".", "")) if v else None) if count else v for v, count in zip(row, counts)])
    for i, header in enumerate(WIDE.header_row):
        widest = max(len(header), *(len(r[i]) for r in WIDE.examples))
        ws.column_dimensions[chr(ord("A") + i)].width = max(10, widest + 2)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
