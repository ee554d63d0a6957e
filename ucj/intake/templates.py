"""Upload templates, as bytes to download: the wide and long snapshot files, the target file and the
Monev Jakon project list."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

# The last column is a sector's own denominator (construction workers); optional, like
# jumlah_pekerja_pu, _bpu and _pmi: a blank cell keeps the figure stored for the month.
WIDE_HEADER = [
    "periode",
    "kode_wilayah",
    "nama_wilayah",
    "jumlah_pekerja",
    "PU",
    "BPU",
    "JAKON",
    "PMI",
    "jumlah_pekerja_jakon",
]
WIDE_EXAMPLE = [
    ["Juli 2025", "61.03", "Kabupaten Sanggau", "220.618", "40.123", "20.456", "4.519", "1.200", "12.320"],
    ["Juli 2025", "15.71", "Kota Jambi", "289.714", "90.000", "45.000", "4.349", "1.000", ""],
]
LONG_HEADER = [
    "periode",
    "kode_wilayah",
    "nama_wilayah",
    "sektor",
    "peserta_aktif",
    "jumlah_pekerja",
    "penduduk_bekerja",
]
LONG_EXAMPLE = [
    ["Juli 2025", "61.03", "Kabupaten Sanggau", "JAKON", "4.519", "12.320", "220.618"],
    ["Juli 2025", "61.03", "Kabupaten Sanggau", "PU", "40.123", "", "220.618"],
]
TARGET_HEADER = ["kode_wilayah", "tahun", "target", "sumber"]
TARGET_EXAMPLE = [
    ["15.71", "2025", "55", "MoU Pemkot Jambi – BPJS Ketenagakerjaan"],
    ["61.03", "2025", "58,65", "Target UCJ Kabupaten Sanggau"],
]


JAKON_HEADER = [
    "nama_proyek",
    "opd",
    "ppk",
    "sumber_dana",
    "nilai_kontrak",
    "tanggal_mulai",
    "tanggal_selesai",
    "jumlah_pekerja",
    "kode_wilayah",
    "no_registrasi_bpjs",
    "tanggal_registrasi",
]
JAKON_EXAMPLE = [
    ["Rehabilitasi Jalan Lingkar Barat (contoh)", "Dinas PUPR", "Nama PPK", "APBD", "1.250.000.000", "01/03/2025",
     "31/10/2025", "45", "15.71", "JK-2025-0001", "20/02/2025"],
    ["Gedung Pasar (contoh)", "Dinas PUPR", "Nama PPK", "APBD", "850.000.000", "15/04/2025", "15/12/2025", "30",
     "15.71", "", ""],
]  # fmt: skip


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    # Semicolons, BOM and CRLF: what Excel with Indonesian settings opens and writes.
    lines = [";".join(header)] + [";".join(r) for r in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def wide_csv() -> bytes:
    return _csv(WIDE_HEADER, WIDE_EXAMPLE)


def long_csv() -> bytes:
    return _csv(LONG_HEADER, LONG_EXAMPLE)


def targets_csv() -> bytes:
    return _csv(TARGET_HEADER, TARGET_EXAMPLE)


def wide_xlsx() -> bytes:
    """The wide template as a workbook, numbers as numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "UCJ"
    ws.append(WIDE_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in WIDE_EXAMPLE:
        ws.append(row[:3] + [int(v.replace(".", "")) if v else None for v in row[3:]])
    for col, width in zip("ABCDEFGHI", (12, 14, 24, 16, 10, 10, 10, 10, 22)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def jakon_csv() -> bytes:
    return _csv(JAKON_HEADER, JAKON_EXAMPLE)
