"""Every user-facing string, Bahasa Indonesia first, English alongside.

``t(key, lang, **params)`` formats one; ``both(key, **params)`` gives "Indonesian / English" for
places (the command line, reports) that show the two together.
"""

from __future__ import annotations

LANGS = ("id", "en")
DEFAULT_LANG = "id"

MESSAGES: dict[str, dict[str, str]] = {
    # ingest: errors
    "empty_file": {
        "id": "Berkas kosong: tidak ada baris data.",
        "en": "The file is empty: no data rows.",
    },
    "unreadable_file": {
        "id": "Berkas tidak dapat dibaca sebagai {kind}: {detail}",
        "en": "The file cannot be read as {kind}: {detail}",
    },
    "no_header": {
        "id": "Baris judul kolom tidak ditemukan. Kolom yang diharapkan: {expected}.",
        "en": "No header row found. Expected columns: {expected}.",
    },
    "missing_column": {
        "id": "Kolom wajib tidak ada: {column}. Kolom yang ada: {found}.",
        "en": "Required column missing: {column}. Columns found: {found}.",
    },
    "duplicate_column": {
        "id": "Kolom {column} muncul lebih dari sekali.",
        "en": "Column {column} appears more than once.",
    },
    "missing_value": {
        "id": "Nilai kosong; isi dengan {valid}.",
        "en": "Empty value; fill in {valid}.",
    },
    "invalid_code": {
        "id": "Bukan kode wilayah Kemendagri; tulis seperti 61.03 atau 6103.",
        "en": "Not a Kemendagri region code; write it like 61.03 or 6103.",
    },
    "unknown_code": {
        "id": "Kode wilayah tidak ada di daftar Kemendagri 300.2.2-2138/2025.",
        "en": "Region code not in the Kemendagri list 300.2.2-2138/2025.",
    },
    "unknown_name": {
        "id": "Nama wilayah tidak dikenal; gunakan nama resmi (mis. Kabupaten Sanggau) atau kode.",
        "en": "Unknown region name; use the official name (e.g. Kabupaten Sanggau) or the code.",
    },
    "ambiguous_name": {
        "id": "Nama wilayah ambigu; pilih salah satu kode: {candidates}.",
        "en": "Ambiguous region name; use one of these codes: {candidates}.",
    },
    "code_name_mismatch": {
        "id": "Kode {code} adalah {official}, bukan {given}.",
        "en": "Code {code} is {official}, not {given}.",
    },
    "unknown_sector": {
        "id": "Sektor tidak dikenal; yang sah: {valid}.",
        "en": "Unknown sector; valid sectors: {valid}.",
    },
    "not_a_number": {
        "id": "Bukan angka; tulis bilangan bulat seperti 12.320 atau 12320.",
        "en": "Not a number; write a whole number such as 12.320 or 12320.",
    },
    "ambiguous_number": {
        "id": "Angka ambigu: bisa {as_id} (format Indonesia) atau {as_en} (format Inggris); tulis tanpa pemisah.",
        "en": "Ambiguous number: {as_id} (Indonesian form) or {as_en} (English form); write it without separators.",
    },
    "mixed_convention": {
        "id": "Berkas mencampur format angka Indonesia ({id_example}) dan Inggris ({en_example}).",
        "en": "The file mixes Indonesian ({id_example}) and English ({en_example}) number formats.",
    },
    "negative": {
        "id": "Jumlah tidak boleh negatif.",
        "en": "A count cannot be negative.",
    },
    "fractional": {
        "id": "Jumlah orang harus bilangan bulat.",
        "en": "A count of people must be a whole number.",
    },
    "not_a_period": {
        "id": "Bukan periode; tulis 2025-07, 07/2025, Juli 2025 atau tanggal di bulan itu.",
        "en": "Not a period; write 2025-07, 07/2025, Juli 2025 or a date in that month.",
    },
    "no_period": {
        "id": "Periode tidak diketahui: berkas tanpa kolom periode; pilih periode saat mengunggah (--period).",
        "en": "Period unknown: the file has no period column; give one when uploading (--period).",
    },
    "several_periods": {
        "id": "Satu berkas untuk satu bulan; berkas ini berisi {periods}. Pisahkan per bulan.",
        "en": "One file per month; this file holds {periods}. Split it by month.",
    },
    "duplicate_row": {
        "id": "Wilayah {region} sektor {sector} sudah ada di baris {first_row}.",
        "en": "Region {region} sector {sector} already given in row {first_row}.",
    },
    "parent_and_child": {
        "id": "{child} termasuk dalam {parent} (baris {parent_row}): dihitung dua kali. Kirim salah satu tingkat saja.",
        "en": "{child} is part of {parent} (row {parent_row}): counted twice. Send one level only.",
    },
    "conflicting_workforce": {
        "id": "Jumlah pekerja wilayah {region} berbeda dengan baris {first_row} ({first}).",
        "en": "Regional workforce of {region} differs from row {first_row} ({first}).",
    },
    "not_a_percent": {
        "id": "Bukan persentase; tulis 58,65 atau 58.65%.",
        "en": "Not a percentage; write 58,65 or 58.65%.",
    },
    "percent_out_of_range": {
        "id": "Persentase harus lebih dari 0 dan paling banyak 100.",
        "en": "A percentage must be above 0 and at most 100.",
    },
    "not_a_year": {
        "id": "Bukan tahun; tulis empat angka seperti 2025.",
        "en": "Not a year; write four digits such as 2025.",
    },
    # ingest: warnings
    "participants_above_workforce": {
        "id": "Peserta ({participants}) melebihi jumlah pekerja ({workforce}).",
        "en": "Participants ({participants}) exceed the workforce ({workforce}).",
    },
    "large_change": {
        "id": "Peserta berubah {change_pct}% dibanding {previous_period} ({previous} → {current}).",
        "en": "Participants changed {change_pct}% against {previous_period} ({previous} → {current}).",
    },
    "zero_workforce": {
        "id": "Jumlah pekerja 0: cakupan wilayah ini tidak dapat dihitung.",
        "en": "Workforce is 0: this region's coverage cannot be computed.",
    },
    "total_mismatch": {
        "id": "Baris jumlah menulis {stated}, jumlah baris data {computed}.",
        "en": "The total row says {stated}; the data rows add up to {computed}.",
    },
    # ingest: summary notes
    "skipped_title_rows": {
        "id": "{n} baris judul di atas tabel dilewati.",
        "en": "{n} title row(s) above the table skipped.",
    },
    "skipped_total_row": {
        "id": "Baris jumlah (baris {row}) dilewati.",
        "en": "Total row (row {row}) skipped.",
    },
    "no_region_workforce": {
        "id": "Berkas tidak memuat jumlah pekerja wilayah: cakupan wilayah periode ini tanpa data.",
        "en": "The file gives no regional workforce: regional coverage for this period has no data.",
    },
    # store
    "unknown_version": {
        "id": "Periode {period} tidak punya versi {version}.",
        "en": "Period {period} has no version {version}.",
    },
    "refused": {
        "id": "Berkas ditolak: {n} kesalahan. Tidak ada yang disimpan.",
        "en": "File refused: {n} error(s). Nothing was stored.",
    },
    "needs_confirmation": {
        "id": "{n} peringatan perlu dikonfirmasi (--accept-warnings). Tidak ada yang disimpan.",
        "en": "{n} warning(s) need confirmation (--accept-warnings). Nothing was stored.",
    },
    "stored": {
        "id": "Tersimpan: periode {period}, versi {version}, {rows} baris.",
        "en": "Stored: period {period}, version {version}, {rows} rows.",
    },
    "dry_run_ok": {
        "id": "Uji coba: berkas dapat disimpan sebagai periode {period} ({rows} baris). Tidak ada yang disimpan.",
        "en": "Dry run: the file can be stored as period {period} ({rows} rows). Nothing was stored.",
    },
    # status
    "status_reached": {"id": "tercapai", "en": "reached"},
    "status_on_track": {"id": "sesuai jalur", "en": "on track"},
    "status_at_risk": {"id": "berisiko", "en": "at risk"},
    "status_off_track": {"id": "tertinggal", "en": "off track"},
    "status_no_trend": {"id": "belum ada tren", "en": "no trend"},
    "status_no_data": {"id": "tanpa data", "en": "no data"},
    "status_no_target": {"id": "tanpa target", "en": "no target"},
}


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The message ``key`` in ``lang`` ("id" or "en"), formatted with ``params``.

    Raises KeyError for an unknown key, so a missing translation fails a test, not a user.
    """
    entry = MESSAGES[key]
    return entry.get(lang, entry[DEFAULT_LANG]).format(**params)


def both(key: str, **params: object) -> str:
    """ "Indonesian / English" in one line."""
    return f"{t(key, 'id', **params)} / {t(key, 'en', **params)}"
