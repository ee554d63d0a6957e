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
        "id": "Berkas tidak dapat dibaca sebagai {kind}: mungkin rusak atau bukan berkas {kind}. Buka di Excel lalu simpan ulang sebagai .xlsx atau CSV (UTF-8), kemudian unggah lagi. (Rincian teknis: {detail})",
        "en": "The file cannot be read as {kind}: it may be damaged or not a {kind} file. Open it in Excel, save it again as .xlsx or CSV (UTF-8), and upload it again. (Technical detail: {detail})",
    },
    "not_text": {
        "id": 'Berkas CSV ini bukan teks UTF-8 atau Windows-1252 (byte {byte} di posisi {position}). Simpan ulang dari Excel sebagai "CSV UTF-8" lalu unggah lagi.',
        "en": 'This CSV file is not UTF-8 or Windows-1252 text (byte {byte} at position {position}). Save it again from Excel as "CSV UTF-8" and upload it again.',
    },
    "file_too_large": {
        "id": "Berkas {mb} MB melebihi batas {limit} MB. Kirim satu bulan saja, tanpa lembar lain, atau minta admin menaikkan UCJ_MAX_FILE_MB.",
        "en": "The file is {mb} MB, above the {limit} MB limit. Send one month only, without other sheets, or ask an admin to raise UCJ_MAX_FILE_MB.",
    },
    "xlsx_too_big": {
        "id": "Isi berkas Excel ini {mb} MB setelah dibuka, terlalu besar untuk satu bulan data. Hapus lembar dan sel yang tidak perlu, atau simpan sebagai CSV.",
        "en": "This Excel file unpacks to {mb} MB, too large for one month of data. Remove unneeded sheets and cells, or save it as CSV.",
    },
    "too_many_rows": {
        "id": "Berkas memuat lebih dari {limit} baris data. Bagi per provinsi, atau minta admin menaikkan UCJ_MAX_ROWS.",
        "en": "The file has more than {limit} data rows. Split it by province, or ask an admin to raise UCJ_MAX_ROWS.",
    },
    "too_many_columns": {
        "id": "Baris {row} memuat isi di kolom {letter}, melebihi {limit} kolom. Hapus isi di luar tabel.",
        "en": "Row {row} has content in column {letter}, beyond {limit} columns. Remove what lies outside the table.",
    },
    "cell_too_long": {
        "id": "Sel di baris {row}, kolom {letter} lebih dari {limit} karakter; ini bukan isi tabel UCJ. Periksa sel itu.",
        "en": "The cell in row {row}, column {letter} has more than {limit} characters; that is not UCJ table content. Check that cell.",
    },
    "implausible_count": {
        "id": "Angka tidak masuk akal untuk jumlah orang (di atas {maximum}); periksa sel ini.",
        "en": "Not a plausible count of people (above {maximum}); check this cell.",
    },
    "more_problems": {
        "id": "… dan {n} lagi dengan masalah yang sama: {kind}",
        "en": "… and {n} more with the same problem: {kind_en}",
    },
    "too_slow": {
        "id": "Pemeriksaan berkas melebihi {limit} detik dan dihentikan; bagi berkas menjadi beberapa bagian.",
        "en": "Checking the file took over {limit} seconds and was stopped; split the file into parts.",
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
    "unknown_name_suggest": {
        "id": "Nama wilayah tidak dikenal. Mungkin maksudnya: {suggestions}? Tulis nama resmi atau kodenya.",
        "en": "Unknown region name. Did you mean: {suggestions}? Write the official name or its code.",
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
    "not_money": {
        "id": "Bukan jumlah rupiah; tulis misalnya 1.000.000.000, Rp500.000.000 atau 500 juta.",
        "en": "Not an amount in rupiah; write e.g. 1.000.000.000, Rp500.000.000 or 500 juta.",
    },
    "negative_money": {
        "id": "Jumlah rupiah tidak boleh negatif.",
        "en": "An amount in rupiah cannot be negative.",
    },
    "fractional_money": {
        "id": "Tulis rupiah bulat, tanpa sen (mis. 1.000.000, bukan 1.000,50).",
        "en": "Write whole rupiah, without cents (e.g. 1.000.000, not 1.000,50).",
    },
    "implausible_money": {
        "id": "Jumlah di atas {maximum}; periksa angkanya.",
        "en": "An amount above {maximum}; check the figure.",
    },
    "money_read_as": {"id": "Dibaca sebagai {amount}", "en": "Read as {amount}"},
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
        "id": "Periode tidak diketahui: berkas tanpa kolom periode. Isi kotak «Periode data» saat mengunggah, atau tambahkan kolom periode (mis. 2025-07).",
        "en": "Period unknown: the file has no period column. Fill in the «Data period» box when uploading (--period on the command line), or add a period column (e.g. 2025-07).",
    },
    "several_periods": {
        "id": "Satu berkas untuk satu bulan; berkas ini berisi {periods}. Pisahkan per bulan.",
        "en": "One file per month; this file holds {periods}. Split it by month.",
    },
    "duplicate_row": {
        "id": "Wilayah {region} sektor {sector} sudah ada di baris {first_row}.",
        "en": "Region {region} sector {sector} already given in row {first_row}.",
    },
    "duplicate_region_row": {
        "id": "Wilayah {region} sudah ada di baris {first_row} (semua sektor).",
        "en": "Region {region} already given in row {first_row} (every sector).",
    },
    "parent_and_child": {
        "id": "{child} termasuk dalam {parent} (baris {parent_row}): dihitung dua kali. Kirim salah satu tingkat saja.",
        "en": "{child} is part of {parent} (row {parent_row}): counted twice. Send one level only.",
    },
    "extra_cells": {
        "id": "Ada nilai di luar tabel (kolom {letter}) tanpa judul kolom. Mungkin koma desimal memecah angka; beri tanda kutip, atau pakai titik koma sebagai pemisah.",
        "en": "A value outside the table (column {letter}) has no header. A decimal comma may have split a number; quote it, or use semicolons between fields.",
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
    "status_incomplete": {"id": "data belum lengkap", "en": "incomplete data"},
    # sentences
    "sentence_gap": {
        "id": "{region}: {coverage} dari target {target} — perlu {gap} peserta lagi, {pace} per bulan hingga {deadline}.",
        "en": "{region}: {coverage} of {target} — {gap} more participants needed, {pace} a month until {deadline}.",
    },
    "sentence_reached": {
        "id": "{region}: {coverage} — target {target} tercapai.",
        "en": "{region}: {coverage} — target {target} reached.",
    },
    "sentence_missed": {
        "id": "{region}: {coverage} dari target {target} — tahun target berakhir dengan kekurangan {gap} peserta.",
        "en": "{region}: {coverage} of {target} — the target year ended {gap} participants short.",
    },
    "sentence_no_target": {
        "id": "{region}: cakupan {coverage}; belum ada target untuk {year}.",
        "en": "{region}: coverage {coverage}; no target set for {year}.",
    },
    "sentence_no_data": {
        "id": "{region}: jumlah pekerja tidak tersedia untuk periode ini, jadi cakupan tidak dapat dihitung.",
        "en": "{region}: no workforce figure for this period, so coverage cannot be computed.",
    },
    # figure labels
    "coverage": {"id": "Cakupan", "en": "Coverage"},
    "coverage_pct": {"id": "Cakupan (%)", "en": "Coverage (%)"},
    "target": {"id": "Target", "en": "Target"},
    "gap": {"id": "Kekurangan peserta", "en": "Gap (participants)"},
    "required_pace": {"id": "Perlu per bulan", "en": "Needed a month"},
    "required_pace_help": {
        "id": "Peserta baru yang perlu didaftarkan setiap bulan hingga Desember tahun target; di bawahnya, berapa yang bertambah per bulan saat ini.",
        "en": "New participants to enrol each month until December of the target year; below it, how many are added a month now.",
    },
    "current_pace": {"id": "Peserta baru saat ini/bulan", "en": "New participants now a month"},
    "status": {"id": "Status", "en": "Status"},
    "participants": {"id": "Peserta aktif", "en": "Active participants"},
    "workforce": {"id": "Penduduk bekerja", "en": "Working population"},
    "region": {"id": "Wilayah", "en": "Region"},
    "region_code": {"id": "Kode", "en": "Code"},
    "sector": {"id": "Sektor", "en": "Sector"},
    "period": {"id": "Periode", "en": "Period"},
    "projection": {"id": "Proyeksi", "en": "Projection"},
    "projected_pct": {"id": "Proyeksi akhir tahun", "en": "Projected at deadline"},
    "months_left": {"id": "Sisa bulan", "en": "Months left"},
    "share_pct": {"id": "Porsi (%)", "en": "Share (%)"},
    "change_pp": {"id": "Perubahan (pp)", "en": "Change (pp)"},
    "participants_change": {"id": "Perubahan peserta", "en": "Change in participants"},
    "pct_of_workforce": {"id": "Peserta per 100 pekerja", "en": "Participants per 100 workers"},
    "sector_coverage": {"id": "Cakupan sektor", "en": "Sector coverage"},
    "sector_workforce": {"id": "Penyebut sektor", "en": "Sector denominator"},
    "vs_prev_month": {
        "id": "Perubahan dibanding bulan lalu, dalam poin persen (pp): 48,44% → 49,16% adalah +0,72 pp.",
        "en": "Change from last month in percentage points (pp): 48.44% → 49.16% is +0.72 pp.",
    },
    "all_sectors": {"id": "Semua sektor", "en": "All sectors"},
    "rank": {"id": "Peringkat", "en": "Rank"},
    "sentence_no_sector_denominator": {
        "id": "{region} · {sector}: data tidak memuat jumlah pekerja sektor ini (penyebut), jadi cakupannya tidak dapat dihitung.",
        "en": "{region} · {sector}: the data has no denominator for this sector, so its coverage cannot be computed.",
    },
    # the app
    "app_title": {"id": "Dasbor UCJ", "en": "UCJ dashboard"},
    "app_subtitle": {"id": "Universal Coverage Jamsostek", "en": "Universal Coverage Jamsostek"},
    "page_overview": {"id": "Ringkasan", "en": "Overview"},
    "page_regions": {"id": "Wilayah", "en": "Regions"},
    "page_sectors": {"id": "Sektor", "en": "Sectors"},
    "page_trends": {"id": "Tren", "en": "Trends"},
    "page_upload": {"id": "Unggah", "en": "Upload"},
    "page_targets": {"id": "Target", "en": "Targets"},
    "language": {"id": "Bahasa", "en": "Language"},
    "illustrative_data": {
        "id": "Data contoh bersifat ilustrasi, bukan angka resmi.",
        "en": "The sample data is illustrative, not official figures.",
    },
    "empty_title": {"id": "Belum ada data", "en": "No data yet"},
    "url_replaced": {
        "id": "Tautan ini meminta {items}, yang tidak ada dalam data; yang ditampilkan adalah pilihan di samping.",
        "en": "This link asks for {items}, which the data does not have; the choices in the sidebar are shown instead.",
    },
    "empty_body": {
        "id": "Unggah berkas bulanan di halaman Unggah, atau muat data contoh (ilustrasi) untuk mencoba dasbor.",
        "en": "Upload a monthly file on the Upload page, or load the illustrative sample data to try the dashboard.",
    },
    "load_sample": {"id": "Muat data contoh", "en": "Load sample data"},
    "go_upload": {"id": "Ke halaman Unggah", "en": "Go to Upload"},
    "unexpected_error": {
        "id": "Terjadi kesalahan tak terduga saat menampilkan halaman ini. Coba muat ulang; jika berulang, "
        "laporkan ke admin beserta waktu kejadian. ({detail})",
        "en": "Something unexpected went wrong showing this page. Try reloading; if it happens again, tell "
        "the administrator when it happened. ({detail})",
    },
    "no_data_for_selection": {"id": "Tidak ada data untuk pilihan ini.", "en": "No data for this selection."},
    "children_chart_title": {
        "id": "Cakupan {level} di {region} terhadap target",
        "en": "Coverage of {level} in {region} against target",
    },
    "level_1": {"id": "provinsi", "en": "provinces"},
    "level_2": {"id": "kabupaten/kota", "en": "regencies/cities"},
    "level_3": {"id": "kecamatan", "en": "districts (kecamatan)"},
    "level_4": {"id": "desa/kelurahan", "en": "villages"},
    "status_rule_title": {"id": "Cara status dihitung", "en": "How the status is computed"},
    "status_rule": {
        "id": "- **tercapai**: peserta ≥ peserta yang dibutuhkan target.\n"
        "- **sesuai jalur**: pertambahan peserta per bulan saat ini × sisa bulan ≥ kekurangan.\n"
        "- **berisiko**: pertambahan per bulan saat ini × sisa bulan ≥ 75% kekurangan.\n"
        "- **tertinggal**: selain itu, atau tahun target sudah berakhir tanpa tercapai.\n"
        "- **belum ada tren**: tidak ada data dalam 3 bulan sebelumnya untuk mengukur pertambahan.\n"
        "- **data belum lengkap**: belum semua wilayah di bawahnya melapor bulan ini; angkanya hanya "
        "menjumlah yang melapor, jadi capaian target belum dinilai.\n"
        "- Pertambahan per bulan saat ini = rata-rata perubahan bersih peserta per bulan selama hingga 3 bulan "
        "terakhir. Wilayah tanpa target sendiri diukur terhadap target wilayah induknya.",
        "en": "- **reached**: participants ≥ the participants the target needs.\n"
        "- **on track**: current monthly increase × months left ≥ gap.\n"
        "- **at risk**: current monthly increase × months left ≥ 75% of the gap.\n"
        "- **off track**: otherwise, or the target year ended without reaching it.\n"
        "- **no trend**: no data in the previous 3 months to measure an increase.\n"
        "- **incomplete data**: not every region below it has reported this month; its figures sum only "
        "those that did, so the target is not judged.\n"
        "- Current monthly increase = average monthly net change in participants over up to the last 3 "
        "months. A region without its own target is measured against its parent region's.",
    },
    "sparkline_help": {"id": "Cakupan 12 bulan terakhir", "en": "Coverage over the last 12 months"},
    "target_year_label": {"id": "tahun {year}", "en": "year {year}"},
    "needed_label": {"id": "perlu {n}", "en": "{n} needed"},
    "current_pace_label": {"id": "kini {n}", "en": "now {n}"},
    "breadcrumb": {"id": "Lokasi", "en": "Location"},
    "drill_hint": {"id": "Pilih baris untuk membuka wilayah itu.", "en": "Select a row to open that region."},
    "region_detail": {"id": "Rincian {region}", "en": "{region} in detail"},
    "coverage_over_time": {"id": "Cakupan dari waktu ke waktu", "en": "Coverage over time"},
    "sectors_of": {"id": "Sektor di {region}", "en": "Sectors in {region}"},
    "no_children": {
        "id": "Data tidak memuat wilayah di bawah {region}.",
        "en": "The data has no regions below {region}.",
    },
    "participants_by_sector": {"id": "Peserta per sektor", "en": "Participants by sector"},
    "sector_coverage_over_time": {"id": "Cakupan sektor dari bulan ke bulan", "en": "Sector coverage month by month"},
    "share_by_sector": {"id": "Porsi peserta per sektor, {period}", "en": "Share of participants by sector, {period}"},
    "sector_coverage_title": {
        "id": "Cakupan sektor terhadap jumlah pekerja sektor itu sendiri",
        "en": "Sector coverage against its own denominator",
    },
    "heatmap_title": {
        "id": "Peserta per 100 pekerja, wilayah × sektor, {period} (tertinggi di atas)",
        "en": "Participants per 100 workers, region × sector, {period} (highest at the top)",
    },
    "no_sector_denominator": {
        "id": "Data tidak memuat jumlah pekerja sektor ini (mis. jumlah pekerja konstruksi).",
        "en": "The data has no sector denominators (e.g. the number of construction workers).",
    },
    "regions_to_compare": {"id": "Wilayah yang dibandingkan", "en": "Regions to compare"},
    "mom_title": {
        "id": "Perubahan dibanding bulan lalu, {period}",
        "en": "Change against the previous month, {period}",
    },
    "ranking_title": {"id": "Peningkatan terbesar", "en": "Who improved most"},
    "ranking_window": {"id": "Selama", "en": "Over"},
    "months_n": {"id": "{n} bulan", "en": "{n} months"},
    "choose_regions": {"id": "Pilih minimal satu wilayah.", "en": "Choose at least one region."},
    "templates": {"id": "Templat berkas", "en": "File templates"},
    "template_wide_csv": {"id": "Templat lebar (CSV)", "en": "Wide template (CSV)"},
    "template_wide_xlsx": {"id": "Templat lebar (Excel)", "en": "Wide template (Excel)"},
    "template_long_csv": {"id": "Templat panjang (CSV)", "en": "Long template (CSV)"},
    "template_targets_csv": {"id": "Templat target (CSV)", "en": "Targets template (CSV)"},
    "choose_file": {"id": "Pilih berkas CSV atau Excel (.xlsx)", "en": "Choose a CSV or Excel (.xlsx) file"},
    "boundaries_imported": {
        "id": "Batas wilayah dimuat: {n} wilayah cocok dengan kode Kemendagri.",
        "en": "Boundaries loaded: {n} regions matched to Kemendagri codes.",
    },
    "boundaries_unmatched": {
        "id": "{n} bentuk tidak cocok dengan wilayah mana pun dan dilewati: {names}.",
        "en": "{n} shapes match no region and were skipped: {names}.",
    },
    "boundaries_not_geojson": {
        "id": "Bukan berkas GeoJSON (FeatureCollection). Simpan batas wilayah sebagai GeoJSON, mis. dari QGIS.",
        "en": "Not a GeoJSON file (FeatureCollection). Save the boundaries as GeoJSON, e.g. from QGIS.",
    },
    "boundaries_too_large": {
        "id": "Berkas batas wilayah di atas {mb} MB; sederhanakan dulu (mis. mapshaper) atau kirim satu tingkat saja.",
        "en": "Boundary file above {mb} MB; simplify it first (e.g. mapshaper) or send one level only.",
    },
    "boundaries_too_many": {
        "id": "Berkas memuat {n} bentuk, di atas batas {limit}; kirim sampai tingkat kecamatan saja.",
        "en": "The file holds {n} shapes, above the limit of {limit}; send down to kecamatan level only.",
    },
    "boundaries_none_matched": {
        "id": "Tidak satu pun dari {n} bentuk cocok dengan kode atau nama wilayah Kemendagri; periksa kolom kode/nama di properti.",
        "en": "None of the {n} shapes matches a Kemendagri region code or name; check the code/name properties.",
    },
    "map_title": {
        "id": "Peta cakupan {level} di {region} terhadap target",
        "en": "Map: {level} coverage in {region} against target",
    },
    "map_missing": {
        "id": "Tanpa batas di berkas peta: {names}.",
        "en": "No boundary in the map file for: {names}.",
    },
    "map_how_to_load": {
        "id": "Peta muncul setelah admin memuat batas wilayah (GeoJSON): `python -m ucj boundaries import BERKAS` atau di bawah ini. Sumber resmi: lihat README.",
        "en": "The map appears once an admin loads region boundaries (GeoJSON): `python -m ucj boundaries import FILE` or below. Official sources: see README.",
    },
    "map_load": {"id": "Muat batas wilayah (GeoJSON)", "en": "Load region boundaries (GeoJSON)"},
    "map_open_hint": {
        "id": "Pilih titik nama wilayah di peta untuk membukanya.",
        "en": "Select a region's name point on the map to open it.",
    },
    "not_a_date": {
        "id": "Bukan tanggal; tulis 2025-03-01, 01/03/2025 atau 1 Maret 2025.",
        "en": "Not a date; write 2025-03-01, 01/03/2025 or 1 Maret 2025.",
    },
    "unknown_funding": {
        "id": "Sumber dana tidak dikenal; yang sah: {valid}.",
        "en": "Unknown funding source; valid: {valid}.",
    },
    "end_before_start": {
        "id": "Tanggal selesai sebelum tanggal mulai ({start}).",
        "en": "End date before the start date ({start}).",
    },
    "registration_without_number": {
        "id": "Ada tanggal registrasi BPJS tanpa nomor registrasi.",
        "en": "A BPJS registration date without a registration number.",
    },
    "registration_without_date": {
        "id": "Ada nomor registrasi BPJS tanpa tanggal registrasi; tanggal dibutuhkan untuk menilai apakah proyek mulai sebelum terdaftar.",
        "en": "A BPJS registration number without its date; the date tells whether the project started before it was registered.",
    },
    "duplicate_project": {
        "id": "Proyek yang sama (nama, OPD, wilayah) sudah ada di baris {first_row}.",
        "en": "The same project (name, OPD, region) is already in row {first_row}.",
    },
    "store_copied": {
        "id": "Data tersalin ke {url} sebagai versi {version}.",
        "en": "Data copied to {url} as version {version}.",
    },
    "rollback_done_jakon": {
        "id": "Daftar proyek Jakon kembali ke versi {version}.",
        "en": "The Jakon project list is back at version {version}.",
    },
    "jakon_none": {"id": "Belum ada daftar proyek Jakon.", "en": "No Jakon project list yet."},
    "page_jakon": {"id": "Monev Jakon", "en": "Jakon monitoring"},
    "jakon_intro": {
        "id": "Proyek konstruksi dan pendaftaran pekerjanya di BPJS Ketenagakerjaan: tidak ada proyek APBD yang luput dari perlindungan.",
        "en": "Construction projects and their workers' BPJS Ketenagakerjaan registration: no APBD project left without protection.",
    },
    "jakon_empty": {
        "id": "Belum ada daftar proyek untuk {region}. Unggah daftar proyek di bawah (templat tersedia).",
        "en": "No project list for {region} yet. Upload one below (a template is provided).",
    },
    "jakon_registered": {"id": "Proyek terdaftar", "en": "Projects registered"},
    "jakon_registered_of": {"id": "dari {n} proyek", "en": "of {n} projects"},
    "jakon_unregistered": {"id": "Belum terdaftar", "en": "Not registered"},
    "jakon_value_unprotected": {"id": "Nilai kontrak tanpa perlindungan", "en": "Contract value unprotected"},
    "jakon_workers_unprotected": {"id": "Pekerja tanpa perlindungan", "en": "Workers unprotected"},
    "jakon_owed_help": {
        "id": "Iuran proyek yang belum terdaftar, dari nilai kontrak per jenjang (Permenaker 44/2015; pengaturan UCJ_JAKON_TIERS). Pastikan tarif dengan kantor cabang.",
        "en": "Contributions of unregistered projects, from the contract value in tiers (Permenaker 44/2015; setting UCJ_JAKON_TIERS). Confirm the rates with the branch.",
    },
    "jakon_workers_card": {"id": "Pekerja tak terlindungi", "en": "Workers unprotected"},
    "jakon_value_card": {"id": "Nilai kontrak berisiko", "en": "Contract value at risk"},
    "jakon_owed_card": {"id": "Iuran terutang", "en": "Contributions owed"},
    "jakon_late": {"id": "Mulai sebelum terdaftar", "en": "Started before registering"},
    "jakon_by_opd": {"id": "Per OPD", "en": "By OPD"},
    "jakon_by_region": {"id": "Per wilayah", "en": "By region"},
    "jakon_unregistered_list": {
        "id": "Proyek belum terdaftar (untuk ditindaklanjuti)",
        "en": "Projects not registered (for follow-up)",
    },
    "jakon_late_list": {
        "id": "Proyek yang mulai bekerja sebelum terdaftar",
        "en": "Projects that started work before registering",
    },
    "jakon_upload": {"id": "Unggah daftar proyek", "en": "Upload a project list"},
    "jakon_template": {"id": "Templat daftar proyek (CSV)", "en": "Project list template (CSV)"},
    "jakon_file_ok": {
        "id": "Berkas valid: {n} proyek untuk {regions}. Proyek wilayah-wilayah ini akan diganti; wilayah lain tetap.",
        "en": "File valid: {n} projects for {regions}. These regions' projects will be replaced; other regions keep theirs.",
    },
    "jakon_published": {
        "id": "Diterbitkan: daftar proyek versi {version}.",
        "en": "Published: project list version {version}.",
    },
    "jakon_versions": {"id": "Versi daftar proyek", "en": "Project list versions"},
    "jakon_rollback": {"id": "Kembalikan ke versi ini", "en": "Roll back to this version"},
    "jakon_illustrative": {
        "id": "Proyek contoh ilustrasi untuk Kota Jambi dan Kabupaten Sanggau, bukan data resmi.",
        "en": "Illustrative sample projects for Kota Jambi and Kabupaten Sanggau, not official data.",
    },
    "col_project": {"id": "Proyek", "en": "Project"},
    "col_opd": {"id": "OPD", "en": "OPD"},
    "col_ppk": {"id": "PPK", "en": "PPK"},
    "col_funding": {"id": "Sumber dana", "en": "Funding"},
    "col_contract_value": {"id": "Nilai kontrak", "en": "Contract value"},
    "col_start": {"id": "Mulai", "en": "Start"},
    "col_end": {"id": "Selesai", "en": "End"},
    "col_workers": {"id": "Pekerja", "en": "Workers"},
    "col_registration_no": {"id": "No. registrasi BPJS", "en": "BPJS registration no."},
    "col_registered_on": {"id": "Tgl registrasi", "en": "Registered on"},
    "col_owed": {"id": "Iuran terutang", "en": "Contribution owed"},
    "col_projects": {"id": "Proyek", "en": "Projects"},
    "col_registered": {"id": "Terdaftar", "en": "Registered"},
    "col_unregistered": {"id": "Belum terdaftar", "en": "Not registered"},
    "slide_jakon": {"id": "Proyek konstruksi (Jakon)", "en": "Construction projects (Jakon)"},
    "jakon_sentence": {
        "id": "{unregistered} dari {projects} proyek belum mendaftarkan pekerjanya: {workers} pekerja, nilai kontrak {value}, iuran terutang {owed}.",
        "en": "{unregistered} of {projects} projects have not registered their workers: {workers} workers, contract value {value}, contributions owed {owed}.",
    },
    "rollback_period": {"id": "Bulan yang akan dikembalikan", "en": "Month to roll back"},
    "period_if_missing": {
        "id": "Periode data, jika berkas tidak memuat kolom periode (mis. 2025-07 atau Juli 2025)",
        "en": "Data period, if the file has no period column (e.g. 2025-07 or Juli 2025)",
    },
    "checking": {"id": "Memeriksa berkas…", "en": "Checking the file…"},
    "file_ok": {
        "id": "Berkas valid: periode {period}, {regions} wilayah, {rows} baris.",
        "en": "The file is valid: period {period}, {regions} regions, {rows} rows.",
    },
    "file_refused": {
        "id": "Berkas memuat {n} kesalahan; perbaiki lalu unggah lagi. Tidak ada yang disimpan.",
        "en": "The file has {n} error(s); fix them and upload again. Nothing was stored.",
    },
    "preview": {"id": "Pratinjau", "en": "Preview"},
    "report": {"id": "Laporan pemeriksaan", "en": "Validation report"},
    "severity": {"id": "Jenis", "en": "Kind"},
    "row": {"id": "Baris", "en": "Row"},
    "column": {"id": "Kolom", "en": "Column"},
    "value": {"id": "Nilai", "en": "Value"},
    "message": {"id": "Pesan", "en": "Message"},
    "severity_error": {"id": "kesalahan", "en": "error"},
    "severity_warning": {"id": "peringatan", "en": "warning"},
    "confirm_warnings": {
        "id": "Saya sudah memeriksa {n} peringatan dan angka ini benar",
        "en": "I have checked the {n} warning(s) and these figures are right",
    },
    "comparison": {"id": "Dibanding angka periode {period} saat ini", "en": "Against the current figures of {period}"},
    "change": {"id": "Perubahan", "en": "Change"},
    "change_added": {"id": "baru", "en": "added"},
    "change_changed": {"id": "berubah", "en": "changed"},
    "change_unchanged": {"id": "sama", "en": "unchanged"},
    "change_removed": {"id": "hilang", "en": "removed"},
    "before": {"id": "Sebelum", "en": "Before"},
    "after": {"id": "Sesudah", "en": "After"},
    "delta": {"id": "Selisih", "en": "Delta"},
    "new_period": {
        "id": "Periode {period} belum ada: berkas ini menambah periode baru.",
        "en": "Period {period} is new: this file adds it.",
    },
    "your_name": {"id": "Nama pengunggah", "en": "Uploaded by"},
    "publish": {"id": "Terbitkan", "en": "Publish"},
    "published": {
        "id": "Diterbitkan: periode {period}, versi {version}.",
        "en": "Published: period {period}, version {version}.",
    },
    "versions": {"id": "Versi tersimpan", "en": "Stored versions"},
    "version": {"id": "Versi", "en": "Version"},
    "active": {"id": "Aktif", "en": "Active"},
    "uploaded_at": {"id": "Waktu unggah", "en": "Uploaded at"},
    "user": {"id": "Oleh", "en": "By"},
    "file_name": {"id": "Berkas", "en": "File"},
    "rows": {"id": "Baris", "en": "Rows"},
    "rollback": {"id": "Pulihkan versi ini", "en": "Restore this version"},
    "rollback_done": {
        "id": "Periode {period} kini memakai versi {version}.",
        "en": "Period {period} now uses version {version}.",
    },
    "rollback_choose": {"id": "Versi yang dipulihkan", "en": "Version to restore"},
    "no_versions": {"id": "Belum ada versi tersimpan.", "en": "No stored versions yet."},
    "targets_intro": {
        "id": "Ubah, tambah atau hapus baris, lalu simpan. Persentase boleh ditulis 58,65 atau 58.65.",
        "en": "Edit, add or delete rows, then save. Percentages may be written 58,65 or 58.65.",
    },
    "save": {"id": "Simpan", "en": "Save"},
    "saved_targets": {"id": "{n} target disimpan.", "en": "{n} targets saved."},
    "targets_refused": {"id": "Target tidak disimpan: {n} kesalahan.", "en": "Targets not saved: {n} error(s)."},
    "source": {"id": "Sumber", "en": "Source"},
    "year": {"id": "Tahun", "en": "Year"},
    "target_pct": {"id": "Target (%)", "en": "Target (%)"},
    "import_targets": {"id": "Impor target dari berkas", "en": "Import targets from a file"},
    "imported_targets": {"id": "{n} target diimpor.", "en": "{n} targets imported."},
    # presentation, deck, report, planner
    "page_present": {"id": "Presentasi", "en": "Presentation"},
    "page_planner": {"id": "Perencana anggaran", "en": "Budget planner"},
    "deck_title": {"id": "Cakupan UCJ {region}", "en": "UCJ coverage, {region}"},
    "deck_subtitle": {"id": "Universal Coverage Jamsostek · {period}", "en": "Universal Coverage Jamsostek · {period}"},
    "data_date": {"id": "Data per {date}", "en": "Data as of {date}"},
    "data_line_demo": {
        "id": "Data per {date} · data contoh ilustrasi, bukan angka resmi",
        "en": "Data as of {date} · illustrative sample data, not official figures",
    },
    "data_line": {
        "id": "Data per {date} · unggahan terakhir: {source}, oleh {user}",
        "en": "Data as of {date} · last upload: {source}, by {user}",
    },
    "footer": {"id": "Sumber: {source} · data per {date}", "en": "Source: {source} · data as of {date}"},
    "footer_illustrative": {
        "id": "data contoh ilustrasi, bukan angka resmi",
        "en": "illustrative sample data, not official",
    },
    "slide_coverage": {"id": "Cakupan terhadap target", "en": "Coverage against target"},
    "slide_lagging": {"id": "Wilayah yang tertinggal", "en": "Regions lagging behind"},
    "slide_map": {"id": "Peta cakupan", "en": "Coverage map"},
    "slide_sectors": {"id": "Sektor", "en": "Sectors"},
    "slide_trend": {"id": "Tren dan proyeksi", "en": "Trend and projection"},
    "slide_planner": {
        "id": "Berapa yang harus didaftarkan, berapa biayanya",
        "en": "How many to enrol, and what it costs",
    },
    "no_lagging": {
        "id": "Tidak ada wilayah di bawah {region} dalam data.",
        "en": "No regions below {region} in the data.",
    },
    "slide_of": {"id": "Slide {n} dari {total}", "en": "Slide {n} of {total}"},
    "scenario_figure": {"id": "Angka", "en": "Figure"},
    "present_choose": {"id": "Wilayah dan periode", "en": "Region and period"},
    "previous": {"id": "Sebelumnya", "en": "Previous"},
    "next": {"id": "Berikutnya", "en": "Next"},
    "exit_presentation": {"id": "Keluar dari presentasi", "en": "Leave presentation"},
    "keyboard_hint": {
        "id": "Papan ketik: → / PageDown / spasi berikutnya, ← / PageUp sebelumnya.",
        "en": "Keyboard: → / PageDown / space next, ← / PageUp previous.",
    },
    "download_pptx": {"id": "Unduh slide (.pptx)", "en": "Download slides (.pptx)"},
    "download_pdf": {"id": "Unduh laporan (.pdf)", "en": "Download report (.pdf)"},
    "download_csv": {"id": "CSV", "en": "CSV"},
    "download_xlsx": {"id": "Excel", "en": "Excel"},
    "download_table": {"id": "Unduh tabel", "en": "Download table"},
    "plan_gap": {"id": "Kekurangan hingga target", "en": "Gap to the target"},
    "plan_deadline": {"id": "Tenggat", "en": "Deadline"},
    "plan_required": {"id": "Pendaftaran per bulan", "en": "Enrolments a month"},
    "plan_monthly_cost": {
        "id": "Biaya per bulan (setelah semua terdaftar)",
        "en": "Cost a month (once all are enrolled)",
    },
    "plan_yearly_cost": {"id": "Biaya per tahun", "en": "Cost a year"},
    "plan_cost_to_deadline": {"id": "Biaya hingga tenggat", "en": "Cost to the deadline"},
    "plan_cost_per_worker": {"id": "Iuran per pekerja per bulan", "en": "Contribution per worker per month"},
    "plan_sentence": {
        "id": "{region}: daftarkan {gap} pekerja hingga {deadline} ({per_month} per bulan). Jika Pemda membayar iuran JKK + JKM mereka: {monthly} per bulan, {yearly} per tahun; {to_deadline} hingga tenggat.",
        "en": "{region}: enrol {gap} workers by {deadline} ({per_month} a month). If the Pemda pays their JKK + JKM contributions: {monthly} a month, {yearly} a year; {to_deadline} to the deadline.",
    },
    "plan_reached": {
        "id": "{region}: target sudah tercapai; tidak perlu pendaftaran tambahan.",
        "en": "{region}: the target is already reached; no extra enrolment needed.",
    },
    "plan_no_target": {
        "id": "{region}: tidak ada target yang berlaku, jadi tidak ada rencana.",
        "en": "{region}: no target applies, so there is no plan.",
    },
    "plan_missed": {"id": "{region}: tenggat target sudah lewat.", "en": "{region}: the target's deadline has passed."},
    "scenario": {"id": "Skenario", "en": "Scenario"},
    "scenario_monthly_cost": {"id": "Biaya/bulan di tenggat", "en": "Cost/month at deadline"},
    "scenario_target": {"id": "Kejar target hingga Desember", "en": "Enrol the gap by December"},
    "scenario_current_pace": {"id": "Pertahankan pendaftaran saat ini", "en": "Keep the current pace"},
    "scenario_custom": {"id": "Pendaftaran pilihan", "en": "Chosen pace"},
    "per_month_workers": {"id": "Pekerja baru/bulan", "en": "New workers/month"},
    "new_workers": {"id": "Pekerja baru hingga tenggat", "en": "New workers by the deadline"},
    "coverage_at_deadline": {"id": "Cakupan di tenggat", "en": "Coverage at the deadline"},
    "reaches_target": {"id": "Mencapai target?", "en": "Reaches the target?"},
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "budget_question": {"id": "Dengan anggaran berapa, cakupan berapa?", "en": "With a budget of Rp X, what coverage?"},
    "budget_input": {"id": "Anggaran hingga tenggat (Rp)", "en": "Budget to the deadline (Rp)"},
    "budget_answer": {
        "id": "Dengan {budget} hingga {deadline}, Pemda dapat membayar iuran {workers} pekerja mulai bulan depan: cakupan {coverage} di tenggat ({reach}).",
        "en": "With {budget} to {deadline}, the Pemda can pay the contributions of {workers} workers from next month: coverage {coverage} at the deadline ({reach}).",
    },
    "reach_yes": {"id": "target tercapai", "en": "target reached"},
    "reach_no": {"id": "target belum tercapai", "en": "target not reached"},
    "custom_pace": {"id": "Pendaftaran pilihan (pekerja baru per bulan)", "en": "Chosen pace (new workers a month)"},
    "rates": {"id": "Tarif iuran (pengaturan)", "en": "Contribution rates (settings)"},
    "jkk_rate": {"id": "JKK (% penghasilan dilaporkan)", "en": "JKK (% of reported income)"},
    "jkm_rp": {"id": "JKM (Rp per bulan)", "en": "JKM (Rp a month)"},
    "reported_income": {"id": "Penghasilan dilaporkan (Rp per bulan)", "en": "Reported income (Rp a month)"},
    "schedule_title": {"id": "Rencana pendaftaran dan biaya per bulan", "en": "Enrolment plan and monthly cost"},
    "monthly_cost_axis": {"id": "Biaya per bulan (Rp)", "en": "Cost a month (Rp)"},
    "new_workers_axis": {"id": "Pekerja baru", "en": "New workers"},
    "method_title": {"id": "Metode", "en": "Method"},
    "method_text": {
        "id": "Cakupan = 100 × peserta aktif / penduduk bekerja (dua desimal). Wilayah induk = jumlah peserta anak wilayah / jumlah penduduk bekerjanya. Peserta dibutuhkan = pembulatan ke atas (target% / 100 × penduduk bekerja). Kekurangan = dibutuhkan − peserta. Sisa bulan = bulan setelah periode data hingga Desember tahun target. Laju dibutuhkan = pembulatan ke atas (kekurangan / sisa bulan). Laju saat ini = rata-rata perubahan bersih peserta per bulan hingga 3 bulan terakhir. Proyeksi = cakupan di tenggat jika laju saat ini bertahan. Biaya = iuran JKK (persen penghasilan dilaporkan) + JKM per pekerja per bulan.",
        "en": "Coverage = 100 × active participants / working population (two decimals). A parent region = the sum of its children's participants / the sum of their working population. Participants needed = ceil(target% / 100 × working population). Gap = needed − participants. Months left = months after the data's month up to December of the target year. Required pace = ceil(gap / months left). Current pace = average monthly net change in participants over up to the last 3 months. Projection = coverage at the deadline if the current pace holds. Cost = JKK (percent of reported income) + JKM contribution per worker per month.",
    },
    "report_title": {"id": "Laporan Cakupan UCJ", "en": "UCJ Coverage Report"},
    "summary": {"id": "Ringkasan", "en": "Summary"},
    "children_table_title": {"id": "Wilayah di bawahnya dan kekurangannya", "en": "Regions below and their gaps"},
    # issue 7: merging uploads, replacing a month, completeness
    "period_conflict": {
        "id": "Periode berbeda: baris judul menyebut {first}, sedangkan {second} diberikan juga; pilih satu.",
        "en": "Periods differ: the title row says {first} while {second} is also given; use one.",
    },
    "period_from_title": {
        "id": "Periode {period} diambil dari baris judul {row}.",
        "en": "Period {period} taken from title row {row}.",
    },
    "wide_column_in_long": {
        "id": "Kolom {column} hanya untuk templat lebar; pada templat panjang tulis jumlah pekerja sektor itu di kolom jumlah_pekerja.",
        "en": "Column {column} belongs to the wide template; in the long template give a sector's denominator in jumlah_pekerja.",
    },
    "level_clash": {
        "id": "Terhitung ganda: berkas mengirim {region}, sedangkan bulan {period} yang tersimpan sudah memuat {other} (versi {version}, {file}, oleh {user}). Kirim pada tingkat wilayah yang sama dengan data tersimpan, atau ganti seluruh bulan.",
        "en": "Double counting: the file sends {region} while the stored {period} already holds {other} (version {version}, {file}, by {user}). Send the same level of region as the stored data, or replace the whole month.",
    },
    "level_clash_store": {
        "id": "Ditolak: {n} wilayah berkas bertumpuk dengan tingkat lain yang tersimpan (mis. {region} dengan {other} dari versi {version}); tidak ada yang diubah.",
        "en": "Refused: {n} of the file's regions overlap another stored level (e.g. {region} with {other} from version {version}); nothing was changed.",
    },
    "month_changed": {
        "id": "Bulan {period} berubah sejak diperiksa (versi aktif kini {active}, bukan {expected}); periksa ulang berkas sebelum mengganti bulan. Tidak ada yang diubah.",
        "en": "{period} changed since it was checked (active version now {active}, not {expected}); check the file again before replacing the month. Nothing was changed.",
    },
    "needs_removal_confirmation": {
        "id": "Mengganti seluruh bulan {period} akan menghapus angka {n} wilayah yang tidak ada di berkas: {regions}. Konfirmasi dengan --confirm-removal {n}.",
        "en": "Replacing the whole of {period} would remove the figures of {n} regions not in the file: {regions}. Confirm with --confirm-removal {n}.",
    },
    "version_summary": {
        "id": "Cara: {mode}; wilayah di berkas: {n}; wilayah dihapus: {removed}.",
        "en": "Mode: {mode}; regions in the file: {n}; regions removed: {removed}.",
    },
    "publish_mode": {"id": "Cara menerbitkan", "en": "How to publish"},
    "mode_merge": {
        "id": "Gabungkan per wilayah (disarankan): hanya wilayah di berkas ini yang diganti",
        "en": "Merge by region (recommended): only the regions in this file are replaced",
    },
    "mode_replace": {
        "id": "Ganti seluruh bulan: wilayah yang tidak ada di berkas kehilangan angkanya",
        "en": "Replace the whole month: regions not in the file lose their figures",
    },
    "merge_note": {
        "id": "Menerbitkan mengganti angka {changed} wilayah di berkas ini untuk {period}; {kept} wilayah lain tetap seperti tersimpan. Versi lama tetap tersimpan dan bisa dipulihkan.",
        "en": "Publishing replaces the figures of the {changed} regions in this file for {period}; {kept} other regions keep their stored figures. The old version is kept and can be restored.",
    },
    "replace_warning": {
        "id": "Mengganti seluruh bulan {period}: {n} wilayah yang tidak ada di berkas ini akan kehilangan angkanya.",
        "en": "Replacing the whole of {period}: {n} regions not in this file will lose their figures.",
    },
    "confirm_removal": {
        "id": "Ya, hapus angka {n} wilayah yang tidak ada di berkas ini untuk {period}",
        "en": "Yes, remove the figures of the {n} regions not in this file for {period}",
    },
    "change_kept": {"id": "tetap", "en": "kept"},
    "version_mode": {"id": "Cara", "en": "Mode"},
    "mode_label_merge": {"id": "gabung", "en": "merge"},
    "mode_label_replace": {"id": "ganti bulan", "en": "replace month"},
    "version_regions": {"id": "Wilayah diubah", "en": "Regions changed"},
    "version_removed": {"id": "Wilayah dihapus", "en": "Regions removed"},
    "rollback_undoes": {
        "id": "Memulihkan versi {version} juga membatalkan versi sesudahnya: {later}.",
        "en": "Restoring version {version} also undoes the versions after it: {later}.",
    },
    "publish_failed": {
        "id": "Tidak diterbitkan: {detail}",
        "en": "Not published: {detail}",
    },
    "completeness_text": {
        "id": "{n} dari {m} {level} melapor",
        "en": "{n} of {m} {level} reported",
    },
    "completeness_incomplete": {
        "id": "Data belum lengkap untuk {period}: {text}. Angka {region} hanya menjumlah wilayah yang melapor.",
        "en": "Incomplete data for {period}: {text}. The figures of {region} sum only the regions that reported.",
    },
    "completeness_complete": {
        "id": "Lengkap: {text} untuk {period}.",
        "en": "Complete: {text} for {period}.",
    },
    "sentence_incomplete": {
        "id": "{region}: {coverage} dari wilayah yang melapor; capaian target belum dapat dinilai.",
        "en": "{region}: {coverage} across the regions that reported; the target cannot be judged yet.",
    },
    "reporting_col": {"id": "Melapor", "en": "Reported"},
    "regions_count": {"id": "{n} {level}", "en": "{n} {level}"},
    "page_completeness": {"id": "Kelengkapan", "en": "Completeness"},
    "completeness_title": {
        "id": "Kelengkapan laporan: {level} di {region}",
        "en": "Reporting completeness: {level} in {region}",
    },
    "completeness_help": {
        "id": "✔ melapor lengkap · angka seperti 10/11: sebagian wilayah di bawahnya melapor · ✗ belum melapor. Tidak ada angka yang dibawa dari bulan lain.",
        "en": "✔ fully reported · a figure such as 10/11: some of the regions below reported · ✗ not reported. Nothing is carried over from another month.",
    },
    "completeness_rate": {"id": "Tingkat pelaporan", "en": "Reporting rate"},
    "not_reported_list": {
        "id": "Belum melapor untuk {period}: {regions}",
        "en": "Not reported for {period}: {regions}",
    },
    "all_reported": {
        "id": "Semua {level} di {region} melapor untuk {period}.",
        "en": "Every one of the {level} in {region} reported for {period}.",
    },
    # issue 8: sign-in, roles, audit, hostile files
    "access_denied_role": {
        "id": "Ditolak: {user} berperan {role} dan tidak boleh melakukan ini ({action}).",
        "en": "Refused: {user} has the role {role} and may not do this ({action}).",
    },
    "access_denied_scope": {
        "id": "Ditolak: {user} hanya boleh mengubah wilayah {scope}, bukan {regions}.",
        "en": "Refused: {user} may change only {scope}, not {regions}.",
    },
    "unknown_user": {
        "id": "Pengguna {user} tidak dikenal; gunakan akun yang dibuat dengan 'python -m ucj users add'.",
        "en": "Unknown user {user}; use an account made with 'python -m ucj users add'.",
    },
    "account_locked": {
        "id": "Akun {user} terkunci setelah terlalu banyak kata sandi salah; minta admin membukanya.",
        "en": "Account {user} is locked after too many wrong passwords; ask an admin to unlock it.",
    },
    "bad_user_name": {
        "id": "Nama pengguna harus 1–64 karakter tanpa karakter kontrol.",
        "en": "A user name must be 1–64 characters without control characters.",
    },
    "bad_role": {
        "id": "Peran {role} tidak dikenal; yang sah: {valid}.",
        "en": "Unknown role {role}; valid roles: {valid}.",
    },
    "analyst_needs_regions": {
        "id": "Analis memerlukan minimal satu wilayah (--region KODE).",
        "en": "An analyst needs at least one region (--region CODE).",
    },
    "password_too_short": {
        "id": "Kata sandi minimal {n} karakter.",
        "en": "A password needs at least {n} characters.",
    },
    "lock_timeout": {
        "id": "Penyimpanan sedang dipakai penulis lain terlalu lama; coba lagi sebentar lagi. Tidak ada yang diubah.",
        "en": "The store was held by another writer for too long; try again shortly. Nothing was changed.",
    },
    "os_error": {
        "id": "Tidak dapat membaca atau menulis berkas ({detail}: {path}); periksa ruang disk dan izin. Tidak ada yang diubah.",
        "en": "Cannot read or write a file ({detail}: {path}); check disk space and permissions. Nothing was changed.",
    },
    "check_failed": {
        "id": "Pemeriksaan gagal: {n} masalah.",
        "en": "Check failed: {n} problem(s).",
    },
    "check_ok": {
        "id": "Utuh: rantai audit ({lines} baris) dan {files} berkas versi sesuai checksum.",
        "en": "Intact: the audit chain ({lines} lines) and {files} version files match their checksums.",
    },
    "event_sign_in": {"id": "masuk", "en": "signed in"},
    "event_sign_in_failed": {"id": "gagal masuk", "en": "failed sign-in"},
    "event_account_locked": {"id": "akun terkunci", "en": "account locked"},
    "event_upload_published": {"id": "unggahan diterbitkan", "en": "upload published"},
    "event_upload_refused": {"id": "unggahan ditolak", "en": "upload refused"},
    "event_rollback": {"id": "versi dipulihkan", "en": "version restored"},
    "event_targets_changed": {"id": "target diubah", "en": "targets changed"},
    "event_boundaries_imported": {"id": "batas wilayah dimuat", "en": "boundaries loaded"},
    "event_jakon_published": {"id": "daftar proyek Jakon diterbitkan", "en": "Jakon project list published"},
    "event_jakon_rollback": {"id": "daftar proyek Jakon dikembalikan", "en": "Jakon project list rolled back"},
    "unknown_jakon_version": {
        "id": "Daftar proyek Jakon tidak punya versi {version}.",
        "en": "The Jakon project list has no version {version}.",
    },
    "event_user_added": {"id": "akun ditambah", "en": "account added"},
    "event_user_removed": {"id": "akun dihapus", "en": "account removed"},
    "event_user_unlocked": {"id": "akun dibuka", "en": "account unlocked"},
    "event_access_denied": {"id": "akses ditolak", "en": "access refused"},
    "local_mode_banner": {
        "id": "Mode lokal: belum ada akun, jadi siapa pun yang membuka alamat ini dapat mengubah data. Buat akun dengan 'python -m ucj users add' sebelum melayani kantor.",
        "en": "Local mode: there are no accounts, so anyone who opens this address can change the data. Create accounts with 'python -m ucj users add' before serving an office.",
    },
    "signed_in_as": {"id": "Masuk sebagai {name} · {role}", "en": "Signed in as {name} · {role}"},
    "role_viewer": {"id": "pembaca", "en": "viewer"},
    "role_analyst": {"id": "analis", "en": "analyst"},
    "role_admin": {"id": "admin", "en": "admin"},
    "sign_in": {"id": "Masuk", "en": "Sign in"},
    "sign_out": {"id": "Keluar", "en": "Sign out"},
    "sign_in_title": {"id": "Masuk ke Dasbor UCJ", "en": "Sign in to the UCJ dashboard"},
    "sign_in_oidc": {"id": "Masuk dengan akun kantor", "en": "Sign in with your office account"},
    "user_name": {"id": "Nama pengguna", "en": "User name"},
    "password": {"id": "Kata sandi", "en": "Password"},
    "no_role_for_you": {
        "id": "Akun {email} belum diberi peran di dasbor ini; hubungi admin.",
        "en": "The account {email} has no role in this dashboard yet; ask an admin.",
    },
    "page_audit": {"id": "Audit", "en": "Audit"},
    "admins_only": {"id": "Halaman ini hanya untuk admin.", "en": "This page is for admins only."},
    "check_failed_page": {
        "id": "Pemeriksaan integritas menemukan {n} masalah: log audit atau berkas data telah diubah atau hilang.",
        "en": "The integrity check found {n} problem(s): the audit log or a data file was changed or is missing.",
    },
    "check_ok_page": {
        "id": "Utuh: rantai hash log audit ({lines} baris) dan semua berkas data sesuai checksum.",
        "en": "Intact: the audit log's hash chain ({lines} lines) and every data file match their checksums.",
    },
    "audit_empty": {"id": "Log audit masih kosong.", "en": "The audit log is empty."},
    "time": {"id": "Waktu", "en": "Time"},
    "event": {"id": "Kejadian", "en": "Event"},
    "role": {"id": "Peran", "en": "Role"},
    "regions": {"id": "Wilayah", "en": "Regions"},
    "detail": {"id": "Rincian", "en": "Detail"},
    "download_audit_raw": {"id": "Unduh audit.log (asli, berantai)", "en": "Download audit.log (raw, chained)"},
    "viewer_read_only": {
        "id": "Anda masuk sebagai pembaca: target hanya dapat dilihat.",
        "en": "You are signed in as a viewer: targets can only be viewed.",
    },
    "out_of_scope": {
        "id": "Wilayah ini di luar wilayah {user} ({scope}); kirim hanya wilayah Anda, atau minta admin.",
        "en": "This region is outside {user}'s regions ({scope}); send only your regions, or ask an admin.",
    },
    "target_conflict": {
        "id": "Target {region} tahun {year} sudah diubah oleh {user} ({when}) sejak tabel ini dibuka; muat ulang halaman dan ulangi perubahan Anda.",
        "en": "The {year} target of {region} was changed by {user} ({when}) since this table was opened; reload the page and redo your change.",
    },
    "no_children_in_hierarchy": {
        "id": "{region} tidak punya wilayah di bawahnya dalam daftar Kemendagri.",
        "en": "{region} has no regions below it in the Kemendagri list.",
    },
    # issue 15: numbers (new keys of this area go below this line)
    "number_formula": {
        "id": "Rumus tidak diterima ({text}): tulis angkanya sendiri. Yang sah: {valid}.",
        "en": "A formula is not accepted ({text}): write the figure itself. Valid: {valid}.",
    },
    "number_fraction": {
        "id": "Pecahan tidak diterima ({text}): tulis angka penuh. Yang sah: {valid}.",
        "en": "A fraction is not accepted ({text}): write the whole figure. Valid: {valid}.",
    },
    "number_trailing_minus": {
        "id": "Tanda minus di belakang angka ({text}) tidak diterima: tidak jelas apakah negatif. Yang sah: {valid}.",
        "en": "A minus after the figure ({text}) is not accepted: it is unclear whether it is negative. Valid: {valid}.",
    },
    "number_grouping": {
        "id": "Pengelompokan ribuan salah ({text}): setelah pemisah (titik, koma atau spasi) harus tepat tiga angka. Yang sah: {valid}.",
        "en": "Malformed thousands grouping ({text}): each separator (dot, comma or space) must be followed by exactly three digits. Valid: {valid}.",
    },
    "number_format_needed": {
        "id": "Format angka berkas ini tidak dapat ditentukan: {text} (baris {at_row}, kolom {at_column}) bisa {as_id} (format Indonesia) atau {as_en} (format Inggris), dan tidak ada bagian lain berkas yang menunjukkannya. Pilih format angka berkas (di halaman: «Format angka»; baris perintah: --number-format id atau --number-format en).",
        "en": "This file's number format cannot be told: {text} (row {at_row}, column {at_column}) may be {as_id} (Indonesian form) or {as_en} (English form), and nothing else in the file shows which. Choose the file's number format (on the page: «Number format»; command line: --number-format id or --number-format en).",
    },
    "number_format_conflict": {
        "id": "Format angka yang dipilih ({chosen}) bertentangan dengan berkas: {example} hanya dapat dibaca dalam bentuk {proven_form}.",
        "en": "The chosen number format ({chosen}) contradicts the file: {example} can only be read in the form {proven_form}.",
    },
    "number_format_wrong_mark": {
        "id": "Dengan format angka {chosen}, tanda desimal adalah «{mark}»; {text} memakai tanda lain.",
        "en": "With the {chosen} number format the decimal mark is «{mark}»; {text} uses another.",
    },
    "number_format_label": {"id": "Format angka berkas", "en": "The file's number format"},
    "number_format_id": {
        "id": "Indonesia (1.234.567 dan 58,65)",
        "en": "Indonesian (1.234.567 and 58,65)",
    },
    "number_format_en": {
        "id": "Inggris (1,234,567 dan 58.65)",
        "en": "English (1,234,567 and 58.65)",
    },
    "number_format_by_chosen": {
        "id": "Angka dibaca dalam bentuk {form}, seperti dipilih.",
        "en": "Numbers read in the form {form}, as chosen.",
    },
    "number_format_by_delimiter": {
        "id": "Angka dibaca dalam bentuk {form}: berkas dipisah titik koma, seperti yang ditulis Excel berpengaturan Indonesia.",
        "en": "Numbers read in the form {form}: the file is semicolon-separated, as Excel with Indonesian settings writes it.",
    },
    "number_format_by_decimal_comma": {
        "id": "Angka dibaca dalam bentuk {form}: berkas memuat koma desimal (mis. 58,65).",
        "en": "Numbers read in the form {form}: the file has decimal commas (e.g. 58,65).",
    },
    "number_format_by_months": {
        "id": "Angka dibaca dalam bentuk {form}: menurut nama bulan di berkas.",
        "en": "Numbers read in the form {form}: from the month names in the file.",
    },
    "number_format_question": {
        "id": "Pilih format angka berkas ini (lihat laporan di bawah); tidak ada yang disimpan sebelum Anda menerbitkan.",
        "en": "Choose this file's number format (see the report below); nothing is stored before you publish.",
    },
    "targets_preview": {
        "id": "Yang akan disimpan: {n} target",
        "en": "What will be stored: {n} target(s)",
    },
    "jakon_preview": {
        "id": "Yang akan disimpan: {n} proyek",
        "en": "What will be stored: {n} project(s)",
    },
    # issue 15: workbooks and periods (new keys of this area go below this line)
    "hidden_sheet": {
        "id": "Lembar '{sheet}' tersembunyi dan tidak dibaca.",
        "en": "Sheet '{sheet}' is hidden and was not read.",
    },
    "hidden_sheet_named": {
        "id": "Lembar '{sheet}' tersembunyi: tampilkan lembar itu di Excel (Unhide) lalu unggah lagi, atau pilih lembar yang terlihat.",
        "en": "Sheet '{sheet}' is hidden: unhide it in Excel and upload again, or choose a visible sheet.",
    },
    "no_visible_sheet": {
        "id": "Berkas Excel ini tidak punya lembar yang terlihat (tersembunyi: {hidden}); tampilkan lembar data lalu unggah lagi.",
        "en": "This Excel file has no visible sheet (hidden: {hidden}); unhide the data sheet and upload again.",
    },
    "unknown_sheet": {
        "id": "Tidak ada lembar bernama '{sheet}'. Lembar yang terlihat: {sheets}.",
        "en": "There is no sheet named '{sheet}'. Visible sheets: {sheets}.",
    },
    "sheet_for_csv": {
        "id": "Berkas CSV tidak punya lembar; hapus pilihan lembar '{sheet}' (--sheet).",
        "en": "A CSV file has no sheets; drop the sheet choice '{sheet}' (--sheet).",
    },
    "sheet_read": {
        "id": "Lembar '{sheet}' dibaca (lembar terlihat: {sheets}).",
        "en": "Sheet '{sheet}' was read (visible sheets: {sheets}).",
    },
    "hidden_row": {
        "id": "Baris {row} disembunyikan di Excel ({content}); angka yang tidak terlihat tidak diterbitkan. Tampilkan baris itu (Unhide) atau hapus, lalu unggah lagi.",
        "en": "Row {row} is hidden in Excel ({content}); figures nobody can see are not published. Unhide or delete that row, then upload again.",
    },
    "xlsx_duplicate_row": {
        "id": "Lembar '{sheet}' memuat baris nomor {row} dua kali (atau tidak berurutan); berkas ini rusak. Buka di Excel, simpan ulang, lalu unggah lagi.",
        "en": "Sheet '{sheet}' holds row number {row} twice (or out of order); the file is damaged. Open it in Excel, save it again and upload it again.",
    },
    "xlsx_duplicate_entry": {
        "id": "Berkas Excel ini memuat bagian '{entry}' dua kali; tidak jelas mana yang berlaku. Buka di Excel, simpan ulang, lalu unggah lagi.",
        "en": "This Excel file holds the part '{entry}' twice; which one counts is unclear. Open it in Excel, save it again and upload it again.",
    },
    "number_underflow": {
        "id": "Bukan angka yang sah: {value} tidak dapat disimpan apa adanya (terlalu kecil atau terlalu besar). Ketik angkanya.",
        "en": "Not a valid number: {value} cannot be stored as written (too small or too large). Type the figure.",
    },
    "future_period": {
        "id": "Periode {period} sesudah bulan ini ({today}): data bulan yang belum tiba ditolak. Periksa kolom atau judul periode. (Admin dapat menerbitkannya dengan --allow-future-period.)",
        "en": "Period {period} is after the current month ({today}): data for a month still to come is refused. Check the period column or title. (An admin may publish it with --allow-future-period.)",
    },
    "period_given_differs": {
        "id": "Berkas menyebut periode {file}, sedangkan periode yang diberikan (--period atau isian halaman) adalah {given}; samakan atau hapus salah satu.",
        "en": "The file says period {file} while the period given (--period or the page's field) is {given}; make them agree or drop one.",
    },
    "sheet_choice": {"id": "Lembar yang dibaca", "en": "Sheet to read"},
    "mode_label_withdraw": {"id": "tarik periode", "en": "withdraw period"},
    "event_withdraw": {"id": "periode ditarik", "en": "period withdrawn"},
    "withdraw_title": {"id": "Tarik periode (admin)", "en": "Withdraw a period (admin)"},
    "withdraw_period": {"id": "Periode yang ditarik", "en": "Period to withdraw"},
    "withdraw_confirm": {
        "id": "Saya yakin: {period} dikosongkan sebagai versi baru (dapat dipulihkan dengan rollback).",
        "en": "I am sure: {period} is emptied as a new version (it can be restored with a rollback).",
    },
    "withdraw": {"id": "Tarik periode", "en": "Withdraw period"},
    "withdraw_done": {
        "id": "Periode {period} ditarik: versi {version} tanpa baris. Pulihkan dengan rollback ke versi sebelumnya.",
        "en": "Period {period} withdrawn: version {version} has no rows. Restore it by rolling back to an earlier version.",
    },
    "nothing_to_withdraw": {
        "id": "Periode {period} tidak memuat data untuk ditarik.",
        "en": "Period {period} holds no data to withdraw.",
    },
    # issue 15: store integrity (new keys of this area go below this line)
    "store_damaged": {
        "id": "Penyimpanan tidak utuh ({n} masalah); tidak ada yang ditulis. Admin: jalankan `python -m ucj check` untuk melihat sebabnya.",
        "en": "The store is not intact ({n} problem(s)); nothing was written. Admin: run `python -m ucj check` to see why.",
    },
    "audit_partial_tail": {
        "id": "Baris terakhir audit.log hanya tertulis sebagian; tidak ada yang ditulis. Admin: jalankan `python -m ucj check --repair-tail`.",
        "en": "The last line of audit.log was written only in part; nothing was written. Admin: run `python -m ucj check --repair-tail`.",
    },
    "check_repaired": {
        "id": "Ekor audit.log diperbaiki ({bytes} bita sisa tulisan dibuang), tercatat di baris {seq}.",
        "en": "The tail of audit.log was repaired ({bytes} bytes of a partial write dropped), recorded at line {seq}.",
    },
    "check_nothing_to_repair": {
        "id": "Ekor audit.log utuh; tidak ada yang diperbaiki.",
        "en": "The tail of audit.log is whole; nothing was repaired.",
    },
    "store_copy_not_empty": {
        "id": "{url} sudah berisi {versions} versi manifest; tidak ada yang disalin. Untuk menimpanya dengan sengaja, ulangi dengan `--replace {versions}`.",
        "en": "{url} already holds {versions} manifest version(s); nothing was copied. To replace it on purpose, repeat with `--replace {versions}`.",
    },
    "store_no_url": {
        "id": "Penyimpanan bersama tidak disebut: beri `--store s3://bucket/prefix` atau atur UCJ_STORE.",
        "en": "No shared store named: pass `--store s3://bucket/prefix` or set UCJ_STORE.",
    },
    "store_history_empty": {
        "id": "{url} belum berisi versi manifest.",
        "en": "{url} holds no manifest version yet.",
    },
    "store_unknown_version": {
        "id": "{url} tidak punya versi manifest {version} (versi 1 sampai {latest}).",
        "en": "{url} has no manifest version {version} (versions 1 to {latest}).",
    },
    "store_version_damaged": {
        "id": "Versi manifest {version} tidak utuh ({n} masalah); tidak dipulihkan.",
        "en": "Manifest version {version} is not intact ({n} problem(s)); not restored.",
    },
    "store_restored": {
        "id": "Isi versi manifest {source} dipulihkan sebagai versi baru {version} di {url}.",
        "en": "The content of manifest version {source} was restored as new version {version} at {url}.",
    },
    "event_audit_repaired": {"id": "ekor log audit diperbaiki", "en": "audit log tail repaired"},
    "event_store_restored": {"id": "versi penyimpanan dipulihkan", "en": "store version restored"},
    # issue 15: sign-in (new keys of this area go below this line)
    "sign_in_refused": {
        "id": "Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan; coba lagi dalam {wait} detik.",
        "en": "Wrong user name or password, or too many attempts; try again in {wait} seconds.",
    },
    "first_account_admin": {
        "id": "Akun pertama harus admin (--role admin): tanpanya tidak ada yang dapat mengelola akun.",
        "en": "The first account must be an admin (--role admin): otherwise nobody could manage the accounts.",
    },
    "unlock_local_done": {
        "id": "Penantian masuk akun {name} dihapus oleh operator server (dicatat di log audit).",
        "en": "The sign-in wait of account {name} was cleared by the server's operator (recorded in the audit log).",
    },
    # issue 15: errors, markdown and boundaries (new keys of this area go below this line)
    "store_unreachable": {
        "id": "Penyimpanan data bersama (S3) tidak dapat dihubungi atau tidak menjawab; coba lagi nanti, atau minta "
        "operator memeriksa jaringan dan AWS_ENDPOINT_URL. Tidak ada yang diterbitkan.",
        "en": "The shared data store (S3) cannot be reached or does not answer; try again later, or ask the operator "
        "to check the network and AWS_ENDPOINT_URL. Nothing was published.",
    },
    "store_no_credentials": {
        "id": "Penyimpanan data bersama (S3) butuh kredensial (AWS_ACCESS_KEY_ID dan AWS_SECRET_ACCESS_KEY) yang "
        "belum diatur di server. Tidak ada yang diubah.",
        "en": "The shared data store (S3) needs credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) that are "
        "not set on the server. Nothing was changed.",
    },
    "store_no_bucket": {
        "id": "Bucket yang disebut UCJ_STORE tidak ada di penyimpanan data bersama; periksa namanya atau buat "
        "dulu. Tidak ada yang diubah.",
        "en": "The bucket UCJ_STORE names does not exist on the shared data store; check its name or create it "
        "first. Nothing was changed.",
    },
    "store_denied": {
        "id": "Penyimpanan data bersama (S3) menolak kredensial server ini (akses ditolak). Tidak ada yang diubah.",
        "en": "The shared data store (S3) refuses this server's credentials (access denied). Nothing was changed.",
    },
    "store_refused": {
        "id": "Penyimpanan data bersama (S3) menolak permintaan ({code}); coba lagi nanti. Tidak ada yang diterbitkan.",
        "en": "The shared data store (S3) refused the request ({code}); try again later. Nothing was published.",
    },
    "store_address_bad": {
        "id": "UCJ_STORE harus berbentuk s3://bucket/awalan (nama bucket wajib). Tidak ada yang diubah.",
        "en": "UCJ_STORE must read s3://bucket/prefix (a bucket name is required). Nothing was changed.",
    },
    "store_file_damaged": {
        "id": "Sebuah berkas penyimpanan data rusak dan tidak dapat dibaca; admin dapat melihat yang mana dengan "
        "python -m ucj check. Tidak ada yang diubah.",
        "en": "A file of the data store is damaged and cannot be read; an administrator sees which one with "
        "python -m ucj check. Nothing was changed.",
    },
    "store_read_only": {
        "id": "Direktori data tidak dapat ditulisi (hanya-baca atau izin kurang); minta operator memeriksanya. "
        "Tidak ada yang diubah.",
        "en": "The data directory cannot be written (read-only, or missing permissions); ask the operator to check "
        "it. Nothing was changed.",
    },
    "store_disk_full": {
        "id": "Disk server penuh; minta operator mengosongkan ruang. Tidak ada yang diubah.",
        "en": "The server's disk is full; ask the operator to free some space. Nothing was changed.",
    },
    "cli_internal_error": {
        "id": "Kesalahan internal ({detail}). Tidak ada yang diubah. Jalankan lagi dengan UCJ_DEBUG=1 untuk melihat "
        "rinciannya.",
        "en": "Internal error ({detail}). Nothing was changed. Run again with UCJ_DEBUG=1 to see the details.",
    },
    "boundaries_bad_coordinates": {
        "id": "Bentuk {feature}: koordinat {value} di luar bujur ±180 / lintang ±90 atau bukan angka terhingga; "
        "simpan berkas dalam WGS 84 (EPSG:4326). Tidak ada yang diubah.",
        "en": "Shape {feature}: coordinate {value} outside longitude ±180 / latitude ±90 or not a finite number; "
        "save the file in WGS 84 (EPSG:4326). Nothing was changed.",
    },
    "boundaries_bad_geometry": {
        "id": "Bentuk {feature}: jenis geometri {value} tidak dikenal GeoJSON; gunakan Polygon atau MultiPolygon. "
        "Tidak ada yang diubah.",
        "en": "Shape {feature}: geometry type {value} is not GeoJSON; use Polygon or MultiPolygon. Nothing was "
        "changed.",
    },
    "boundaries_bad_shape": {
        "id": "Bentuk {feature}: koordinat {value} tidak tersusun sebagai GeoJSON (cincin berisi pasangan "
        "bujur, lintang). Tidak ada yang diubah.",
        "en": "Shape {feature}: coordinates {value} are not laid out as GeoJSON (rings of longitude, latitude "
        "pairs). Nothing was changed.",
    },
    "boundaries_bad_properties": {
        "id": 'Bentuk {feature}: "properties" harus berupa objek (nama: nilai), bukan {value}. Tidak ada yang diubah.',
        "en": 'Shape {feature}: "properties" must be an object (name: value), not {value}. Nothing was changed.',
    },
    "boundaries_too_deep": {
        "id": "Bentuk {feature}: bersarang lebih dari {limit} tingkat; ini bukan batas wilayah. Tidak ada yang diubah.",
        "en": "Shape {feature}: nested more than {limit} levels deep; this is not a boundary. Nothing was changed.",
    },
    "boundaries_file_too_deep": {
        "id": "Berkas bersarang lebih dari {limit} tingkat; ini bukan berkas batas wilayah. Tidak ada yang diubah.",
        "en": "The file is nested more than {limit} levels deep; this is not a boundary file. Nothing was changed.",
    },
    "boundaries_too_many_points": {
        "id": "Bentuk {feature} memuat {n} titik, di atas batas {limit}; sederhanakan dulu (mis. mapshaper). "
        "Tidak ada yang diubah.",
        "en": "Shape {feature} holds {n} points, above the limit of {limit}; simplify it first (e.g. mapshaper). "
        "Nothing was changed.",
    },
    "boundaries_too_slow": {
        "id": "Penyederhanaan batas wilayah melewati {seconds} detik (berhenti di bentuk {feature}); "
        "sederhanakan berkas dulu (mis. mapshaper). Tidak ada yang diubah.",
        "en": "Simplifying the boundaries took over {seconds} seconds (stopped at shape {feature}); simplify the "
        "file first (e.g. mapshaper). Nothing was changed.",
    },
    # issue 16: settings checked at start (ucj/settings.py)
    "settings_not_whole": {
        "id": "Pengaturan {name}={value} tidak sah: harus bilangan bulat {valid}. Perbaiki variabel lingkungan "
        "itu, lalu mulai ulang.",
        "en": "Setting {name}={value} is not valid: it must be a whole number {valid}. Correct that environment "
        "variable and start again.",
    },
    "settings_not_number": {
        "id": "Pengaturan {name}={value} tidak sah: harus angka {valid}. Perbaiki variabel lingkungan itu, lalu "
        "mulai ulang.",
        "en": "Setting {name}={value} is not valid: it must be a number {valid}. Correct that environment variable "
        "and start again.",
    },
    "settings_out_of_range": {
        "id": "Pengaturan {name}={value} di luar batas: yang sah {valid}. Perbaiki variabel lingkungan itu, lalu "
        "mulai ulang.",
        "en": "Setting {name}={value} is out of range: valid is {valid}. Correct that environment variable and "
        "start again.",
    },
    "settings_invalid": {
        "id": "Pengaturan {name}={value} tidak sah. Perbaiki variabel lingkungan itu, lalu mulai ulang.",
        "en": "Setting {name}={value} is not valid. Correct that environment variable and start again.",
    },
    "settings_jakon_tiers": {
        "id": 'Pengaturan UCJ_JAKON_TIERS={value} tidak sah. Yang sah: jenjang "batas:persen,…,*:persen" — batas '
        "atas dalam rupiah (bilangan bulat di atas 0) yang terus naik, tarif di atas 0 sampai 5 persen, dan jenjang "
        'terakhir "*:persen", mis. {example}. Perbaiki variabel lingkungan itu, lalu mulai ulang.',
        "en": 'Setting UCJ_JAKON_TIERS={value} is not valid. Valid: tiers "upper:percent,…,*:percent" — upper '
        "bounds in rupiah (whole numbers above 0) that keep growing, rates above 0 up to 5 percent, and a last "
        'tier "*:percent", e.g. {example}. Correct that environment variable and start again.',
    },
    "settings_signin_max_delay": {
        "id": "Pengaturan UCJ_SIGNIN_MAX_DELAY_S={value} lebih kecil dari UCJ_SIGNIN_DELAY_S={delay}: jeda terlama "
        "harus paling sedikit jeda pertama. Perbaiki variabel lingkungan itu, lalu mulai ulang.",
        "en": "Setting UCJ_SIGNIN_MAX_DELAY_S={value} is below UCJ_SIGNIN_DELAY_S={delay}: the longest wait must "
        "be at least the first. Correct that environment variable and start again.",
    },
    # issue 16: the command line's own strings (ucj/cli.py)
    "cli_error": {"id": "KESALAHAN", "en": "ERROR"},
    "cli_warning": {"id": "PERINGATAN", "en": "WARNING"},
    "cli_row": {"id": "baris", "en": "row"},
    "cli_no_data_yet": {
        "id": "Belum ada data; unggah berkas (ingest) atau muat contoh (demo).",
        "en": "No data yet; ingest a file or load the sample (demo).",
    },
    "cli_no_period_data": {"id": "Tidak ada data untuk {period}.", "en": "No data for {period}."},
    "cli_no_region_data": {"id": "Tidak ada data {region} untuk {period}.", "en": "No data for {region} in {period}."},
    "cli_period_line": {"id": "Periode: {period}", "en": "Period: {period}"},
    "cli_targets_imported": {"id": "{n} target diimpor.", "en": "{n} targets imported."},
    "cli_target_saved": {"id": "Target {region} {year} disimpan.", "en": "Target {region} {year} saved."},
    "cli_no_targets": {"id": "Belum ada target.", "en": "No targets yet."},
    "cli_no_versions": {"id": "Belum ada versi.", "en": "No versions yet."},
    "cli_rollback_done": {
        "id": "Periode {period} kini memakai versi {version}.",
        "en": "Period {period} now uses version {version}.",
    },
    "cli_demo_written": {
        "id": "Data contoh (ilustrasi) ditulis: {n} periode di {path}.",
        "en": "Illustrative sample data written: {n} periods in {path}.",
    },
    "cli_no_accounts": {"id": "Belum ada akun (mode lokal).", "en": "No accounts yet (local mode)."},
    "cli_password_prompt": {"id": "Kata sandi", "en": "Password"},
    "cli_password_repeat": {"id": "Ulangi", "en": "Repeat"},
    "cli_passwords_differ": {"id": "Kata sandi tidak sama.", "en": "The passwords differ."},
    "cli_account_saved": {"id": "Akun {name} ({role}) disimpan.", "en": "Account {name} ({role}) saved."},
    "cli_no_such_account": {"id": "Tidak ada akun {name}.", "en": "No account {name}."},
    "cli_account_removed": {"id": "Akun {name} dihapus.", "en": "Account {name} removed."},
    "cli_account_unlocked": {"id": "Akun {name} dibuka kembali.", "en": "Account {name} unlocked."},
    "cli_audit_empty": {"id": "Log audit kosong.", "en": "The audit log is empty."},
    "cli_user_or_local": {
        "id": "--user dan --local tidak dapat dipakai bersama: --local tidak memerlukan admin.",
        "en": "--user and --local cannot be used together: --local needs no admin.",
    },
    "cli_aborted": {"id": "Dibatalkan; tidak ada yang diubah.", "en": "Aborted; nothing was changed."},
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


# Streamlit's and plotly's own English (the skip link, the uploader, chart and table toolbars), put in
# Indonesian in the browser by app_pages/common.localize_chrome: neither library can be told a language.
CHROME_STRINGS_ID: dict[str, str] = {
    "Skip to main content": "Langsung ke isi utama",
    "Upload": "Unggah",
    "Browse files": "Pilih berkas",
    "Drag and drop file here": "Seret berkas ke sini",
    "Download plot as a png": "Unduh grafik (PNG)",
    "Download plot as a PNG": "Unduh grafik (PNG)",
    "Show/hide columns": "Tampilkan/sembunyikan kolom",
    "Zoom in": "Perbesar",
    "Zoom out": "Perkecil",
    "Zoom": "Perbesar area",
    "Pan": "Geser",
    "Autoscale": "Skala otomatis",
    "Reset axes": "Kembalikan sumbu",
    "Reset view": "Kembalikan tampilan",
    "Box Select": "Pilih area",
    "Lasso Select": "Pilih bebas",
    "Fullscreen": "Layar penuh",
    "Close fullscreen": "Tutup layar penuh",
    "Search": "Cari",
    "per file": "per berkas",
}
