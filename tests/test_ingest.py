"""Reading analysts' files: both templates, both number forms, every error kind, all or nothing."""

import datetime as dt
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.conftest import csv_bytes, read
from ucj import query
from ucj.intake.ingest import parse_snapshot_file
from ucj.services import service
from ucj.storage.store import Store

HEADER = "period,region_code,region_name,workforce,PU,BPU,JAKON,PMI"
PLAIN = [
    HEADER,
    "2025-07,61.03,Kabupaten Sanggau,220618,40123,20456,4519,1200",
    "2025-07,15.71,Kota Jambi,289714,90000,45000,4349,1000",
]
# The same figures as an Excel export with Indonesian settings would write them.
INDONESIAN = [
    "LAPORAN CAKUPAN UCJ;;;;;;;",
    "Periode: Juli 2025;;;;;;;",
    ";;;;;;;",
    "Periode;Kode Wilayah;Nama Wilayah;Jumlah Pekerja;PU;BPU;JAKON;PMI",
    "Juli 2025;6103;KAB. SANGGAU;220.618;40.123;20.456;4.519;1.200",
    "Juli 2025;1571;KOTA JAMBI;289.714;90.000;45.000;4.349;1.000",
    "JUMLAH;;;510.332;130.123;65.456;8.868;2.200",
]


def ingest(store, data, name="file.csv", **kw):
    return service.ingest(store, data, name, user="test", **kw)


def test_indonesian_file_gives_the_same_figures_as_its_plain_twin(tmp_path):
    plain, indo = Store(tmp_path / "a"), Store(tmp_path / "b")
    a = ingest(plain, csv_bytes(PLAIN))
    b = ingest(indo, csv_bytes([line.replace(",", ";") for line in INDONESIAN], bom=True, crlf=True))
    assert a.stored and b.stored, (a.result.errors, b.result.errors)
    assert b.result.number_format == "id"
    pd.testing.assert_frame_equal(
        a.result.rows.drop(columns="source_row"), b.result.rows.drop(columns="source_row"), check_dtype=True
    )
    fa = read(query.coverage_by_region, plain, "2025-07", level=2)
    fb = read(query.coverage_by_region, indo, "2025-07", level=2)
    pd.testing.assert_frame_equal(fa, fb)
    jambi = fb.set_index("region_code").loc["15.71"]
    assert (jambi.participants, jambi.workforce, jambi.coverage_pct) == (140349, 289714, 48.44)


def test_title_rows_and_total_row_are_skipped_and_reported(store):
    out = ingest(store, csv_bytes(INDONESIAN, sep=";"))
    notes = out.result.note_texts("en")
    assert "2 title rows above the table skipped." in notes
    assert "Total row (row 7) skipped." in notes
    assert out.result.rows["region_code"].nunique() == 2


def test_windows_1252_and_tabs(store):
    lines = ["Laporan UCJ – Juli 2025"] + [line.replace(",", "\t") for line in PLAIN]
    out = ingest(store, csv_bytes(lines, encoding="cp1252"))
    assert out.stored, out.result.errors
    assert (
        read(query.coverage_by_region, store, "2025-07").set_index("region_code").loc["61.03", "participants"] == 66298
    )


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    ws.merge_cells("A1:H1")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_with_merged_title_dates_and_numbers(store):
    data = _xlsx(
        [
            ["Cakupan UCJ Juli 2025"],
            ["periode", "kode_wilayah", "nama_wilayah", "jumlah_pekerja", "PU", "BPU", "JAKON", "PMI"],
            [dt.datetime(2025, 7, 31), "61.03", "Kabupaten Sanggau", 220618, 40123, 20456, 4519, 1200],
            [dt.datetime(2025, 7, 31), 1571, "Kota Jambi", 289714, 90000, 45000, 4349, 1000],
            ["TOTAL", None, None, 510332, 130123, 65456, 8868, 2200],
        ]
    )
    out = ingest(store, data, "juli.xlsx")
    assert out.stored, out.result.errors
    assert out.result.period == "2025-07"
    assert out.result.note_texts("en")[0] == "1 title row above the table skipped."
    cov = read(query.coverage_by_region, store, "2025-07").set_index("region_code")
    assert cov.loc["15.71", "coverage_pct"] == 48.44


def test_xlsx_text_number_without_evidence_of_its_form_is_ambiguous(store):
    data = _xlsx(
        [
            ["x"],
            ["periode", "kode_wilayah", "jumlah_pekerja", "PU", "BPU", "JAKON", "PMI"],
            ["2025-07", "15.71", "4.000", 1, 1, 1, 1],
        ]
    )
    out = ingest(store, data, "juli.xlsx")
    assert out.state == "refused"
    # One question about the whole file, naming the figure that raises it.
    assert [(e.key, e.row, e.value) for e in out.result.errors] == [("number_format_needed", None, "4.000")]
    assert out.result.asks_number_format
    assert "4.000 (row 3, column jumlah_pekerja) may be 4000 (Indonesian form) or 4 (English form)" in (
        out.result.errors[0].message("en")
    )


def test_long_template_with_sector_words_and_sector_denominator(store):
    lines = [
        "periode;kode_wilayah;sektor;peserta_aktif;jumlah_pekerja;penduduk_bekerja",
        "Jul 2025;61.03;Jasa Konstruksi;4.519;12.320;220.618",
        "Jul 2025;61.03;Penerima Upah;40.123;;220.618",
        "Jul 2025;61.03;Bukan Penerima Upah;20.456;;220.618",
        "Jul 2025;61.03;Pekerja Migran Indonesia;1.200;;220.618",
    ]
    out = ingest(store, csv_bytes(lines, sep=";"))
    assert out.stored, out.result.errors
    assert out.result.template == "long"
    assert service.set_target(store, "61.03", 2025, "58,65", "x").ok
    s = read(query.target_status, store, "2025-07", region="61.03", sector="JAKON").iloc[0]
    assert (s.coverage_pct, s.target_participants, s.gap, s.months_left, s.required_per_month) == (
        36.68,
        7226,
        2707,
        5,
        542,
    )
    whole = read(query.target_status, store, "2025-07", region="61.03").iloc[0]
    assert (whole.participants, whole.workforce) == (66298, 220618)


def test_period_from_the_caller_when_the_file_has_none(store):
    lines = [line.split(",", 1)[1] for line in PLAIN]
    assert ingest(store, csv_bytes(lines)).state == "refused"
    out = ingest(store, csv_bytes(lines), period="2025-06")
    assert out.stored and store.periods() == ["2025-06"]


# --- every error kind is refused, with nothing stored ------------------------------------------

ERROR_CASES = {
    "missing_column": (["period,region_code,workforce,PU,BPU,JAKON", "2025-07,61.03,100,1,1,1"], 1, "PMI", ""),
    "unknown_code": ([HEADER, "2025-07,61.99,,100,1,1,1,1"], 2, "region_code", "61.99"),
    "invalid_code": ([HEADER, "2025-07,61-03,,100,1,1,1,1"], 2, "region_code", "61-03"),
    "unknown_name": (
        ["period,region_name,workforce,PU,BPU,JAKON,PMI", "2025-07,Atlantis,100,1,1,1,1"],
        2,
        "region_name",
        "Atlantis",
    ),
    "ambiguous_name": (
        ["period,region_name,workforce,PU,BPU,JAKON,PMI", "2025-07,Jambi,100,1,1,1,1"],
        2,
        "region_name",
        "Jambi",
    ),
    "code_name_mismatch": ([HEADER, "2025-07,61.03,Kota Jambi,100,1,1,1,1"], 2, "region_name", "Kota Jambi"),
    "unknown_sector": (
        ["period,region_code,sector,participants", "2025-07,61.03,Pertanian,5"],
        2,
        "sector",
        "Pertanian",
    ),
    "not_a_number": ([HEADER, "2025-07,61.03,,100,banyak,1,1,1"], 2, "PU", "banyak"),
    "negative": ([HEADER, "2025-07,61.03,,100,-4,1,1,1"], 2, "PU", "-4"),
    "fractional": ([HEADER, '2025-07,61.03,,100,"4,5",1,1,1'], 2, "PU", "4,5"),
    "number_format_needed": ([HEADER, '2025-07,61.03,,100,"4,000",1,1,1'], None, None, "4,000"),
    "unknown_name_suggest": (
        ["period,region_name,workforce,PU,BPU,JAKON,PMI", "2025-07,KAB. MELAWII,100,1,1,1,1"],
        2,
        "region_name",
        "KAB. MELAWII",
    ),
    "duplicate_region_row": (
        [HEADER, "2025-07,61.03,,100,1,1,1,1", "2025-07,6103,,100,1,1,1,1"],
        3,
        "region_code",
        "Kabupaten Sanggau (61.03)",
    ),
    "duplicate_row": (
        ["period,region_code,sector,participants", "2025-07,61.03,PU,5", "2025-07,6103,pu,6"],
        3,
        "sector",
        "PU",
    ),
    "parent_and_child": (
        [HEADER, "2025-07,15.71,,100,1,1,1,1", "2025-07,15.71.07,,50,1,1,1,1"],
        3,
        "region_code",
        "15.71.07",
    ),
    "not_a_period": ([HEADER, "2025-13,61.03,,100,1,1,1,1"], 2, "period", "2025-13"),
    "several_periods": (
        [HEADER, "2025-07,61.03,,100,1,1,1,1", "2025-08,15.71,,100,1,1,1,1"],
        None,
        "period",
        "2025-07, 2025-08",
    ),
    "missing_value": ([HEADER, "2025-07,61.03,,,1,1,1,1"], 2, "workforce", ""),
    "no_header": (["a,b,c", "1,2,3"], None, None, None),
    "duplicate_column": (
        ["period,region_code,PU,workforce,PU,BPU,JAKON,PMI", "2025-07,61.03,1,100,1,1,1,1"],
        1,
        "PU",
        "PU",
    ),
    "mixed_convention": ([HEADER, '2025-07,61.03,,"1.234.567","1,234,567",1,1,1'], None, None, "1.234.567 / 1,234,567"),
    "period_conflict": (["Periode: Agustus 2025", HEADER, "2025-07,61.03,,100,1,1,1,1"], 3, "period", "2025-07"),
    "wide_column_in_long": (
        ["period,region_code,sector,participants,workforce_JAKON", "2025-07,61.03,JAKON,5,10"],
        1,
        "workforce_JAKON",
        "workforce_JAKON",
    ),
}


@pytest.mark.parametrize("kind", sorted(ERROR_CASES))
def test_each_error_kind_is_refused_with_nothing_stored(store, kind):
    lines, row, column, value = ERROR_CASES[kind]
    out = ingest(store, csv_bytes(lines), accept_warnings=True)
    assert out.state == "refused"
    assert kind in [e.key for e in out.result.errors]
    err = next(e for e in out.result.errors if e.key == kind)
    assert (err.row, err.column, err.value) == (row, column, value)
    # Bilingual, and names what would be valid where the message can.
    assert err.message("id") and err.message("en") and err.message("id") != err.message("en")
    assert store.periods() == [] and not (store.data_dir / "manifest.json").exists()
    assert out.result.rows.empty


def test_error_message_says_what_is_valid():
    out = parse_snapshot_file(csv_bytes(ERROR_CASES["ambiguous_name"][0]))
    assert (
        out.errors[0].message("en") == "Ambiguous region name; use one of these codes: Jambi (15), Kota Jambi (15.71)."
    )
    out = parse_snapshot_file(csv_bytes(ERROR_CASES["number_format_needed"][0]))
    assert (
        out.errors[0]
        .message("en")
        .startswith(
            "This file's number format cannot be told: 4,000 (row 2, column PU) may be 4 (Indonesian form) or 4000 "
            "(English form), and nothing else in the file shows which."
        )
    )


def test_semicolons_say_the_file_has_decimal_commas(store):
    # Spreadsheets write ";" between cells where "," is the decimal mark: "4,000" here is 4 and a
    # fraction, refused as a count (not asked about, not read as 4.000 people).
    head = "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI"
    out = ingest(store, csv_bytes([head, "2025-07;61.03;12320;4,000;0;0;0"]))
    assert out.state == "refused"
    assert [(e.key, e.row, e.column, e.value) for e in out.result.errors] == [("fractional", 2, "PU", "4,000")]
    # A value of the file that reads one way only settles the form of the others.
    # In this Indonesian file "4,000" carries a decimal comma: a count is whole, so it is refused.
    out = ingest(store, csv_bytes([head, "2025-07;61.03;12.320;4,000;0;0;0"]))
    assert [(e.key, e.value) for e in out.result.errors] == [("fractional", "4,000")]
    out = ingest(store, csv_bytes([head, "2025-07;61.03;12.320;4.000;0;0;0"]))
    assert out.stored and out.result.rows.set_index("sector").loc["PU", "participants"] == 4000


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b";;;\r\n;;;\r\n", (HEADER + "\n").encode()])
def test_empty_files(store, data):
    out = ingest(store, data)
    assert out.state == "refused"
    assert [e.key for e in out.result.errors] == ["empty_file"]
    assert store.periods() == []


def test_a_file_with_one_bad_row_stores_none_of_its_good_rows(store):
    lines = PLAIN + ["2025-07,61.71,Kota Pontianak,99868,abc,1,1,1"]
    out = ingest(store, csv_bytes(lines))
    assert out.state == "refused" and [e.row for e in out.result.errors] == [4]
    assert store.periods() == []


def test_not_an_excel_file(store):
    out = ingest(store, b"PK\x03\x04 definitely not a zip", "x.xlsx")
    assert out.state == "refused" and out.result.errors[0].key == "unreadable_file"


# --- warnings need confirmation ----------------------------------------------------------------


def test_participants_above_workforce_needs_confirmation(store):
    lines = [HEADER, "2025-07,61.03,,100,90,10,5,0"]
    out = ingest(store, csv_bytes(lines))
    assert out.state == "needs_confirmation"
    w = out.result.warnings[0]
    assert (w.key, w.row) == ("participants_above_workforce", 2)
    assert w.message("en") == "Participants (105) exceed the workforce (100)."
    assert store.periods() == []
    assert ingest(store, csv_bytes(lines), accept_warnings=True).stored
    assert store.periods() == ["2025-07"]


def test_large_change_against_previous_month_is_a_warning(store):
    ingest(store, csv_bytes([HEADER, "2025-06,61.03,,220618,40000,20000,4000,1000"]))
    up = ingest(store, csv_bytes([HEADER, "2025-07,61.03,,220618,60000,20000,4000,1000"]))
    assert up.state == "needs_confirmation"
    w = up.result.warnings[0]
    assert w.key == "large_change" and w.row == 2
    assert w.message("en") == "Participants changed +30,8% against 2025-06 (65.000 → 85.000)."
    small = ingest(store, csv_bytes([HEADER, "2025-07,61.03,,220618,45000,20000,4000,1000"]))
    assert small.stored


def test_dry_run_stores_nothing(store):
    out = ingest(store, csv_bytes(PLAIN), dry_run=True)
    assert out.state == "dry_run" and store.periods() == []


# --- nothing malformed crashes or stores ------------------------------------------------------

TOKENS = st.sampled_from(
    [
        "period",
        "periode",
        "region_code",
        "kode_wilayah",
        "nama_wilayah",
        "workforce",
        "PU",
        "BPU",
        "JAKON",
        "PMI",
        "sector",
        "participants",
        "61.03",
        "6103",
        "15.71",
        "15.71.07",
        "Jambi",
        "KAB. SANGGAU",
        "Juli 2025",
        "2025-07",
        "12.320",
        "12,320",
        "-1",
        "1e9",
        "NaN",
        "inf",
        "",
        " ",
        "JUMLAH",
        "Penerima Upah",
        "0",
        "99999999999999999999",
        '"',
        "=1+1",
        "\x00",
        "😀",
        "1.234,5",
        "07/2025",
        "31/02/2025",
    ]
)
GRIDS = st.lists(st.lists(TOKENS | st.text(max_size=6), min_size=1, max_size=9), min_size=0, max_size=8)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(grid=GRIDS, sep=st.sampled_from([",", ";", "\t"]), period=st.sampled_from([None, "2025-07"]))
def test_malformed_tables_never_crash_and_never_store_when_refused(tmp_path_factory, grid, sep, period):
    store = Store(tmp_path_factory.mktemp("fuzz"))
    text = "\n".join(sep.join(row) for row in grid)
    out = service.ingest(store, text.encode("utf-8", "surrogatepass"), "f.csv", period=period, user="fuzz")
    if out.state != "stored":
        assert store.periods() == []
    else:
        assert out.result.ok and (out.result.rows["participants"] >= 0).all()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), name=st.sampled_from(["f.csv", "f.xlsx", "f.txt"]))
def test_arbitrary_bytes_never_crash(data, name):
    result = parse_snapshot_file(data, name, period="2025-07")
    assert result.ok or result.rows.empty


def test_a_zip_that_is_not_a_workbook(store):
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    out = ingest(store, buf.getvalue(), "x.xlsx")
    assert out.state == "refused" and out.result.errors[0].key == "unreadable_file"


@pytest.mark.parametrize(
    "title",
    [
        "Periode: Agustus 2025",
        "Bulan Agustus 2025",
        "LAPORAN PESERTA BPJS KETENAGAKERJAAN BULAN AGUSTUS 2025",
        "Periode;Agustus 2025",  # label and month in two cells
        "Periode: Agustus 2025 (angka sementara)",
    ],
)
def test_the_period_from_a_title_row(store, title):
    lines = [
        "LAPORAN UCJ",
        title,
        "kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI",
        "61.03;220.618;40.123;20.456;4.519;1.200",
    ]
    out = ingest(store, csv_bytes(lines, sep=";"))
    assert out.stored, out.result.errors
    assert store.periods() == ["2025-08"]
    assert "Periode 2025-08 diambil dari baris judul 2." in out.result.note_texts("id")


def test_a_title_period_against_another_given_period_is_an_error_naming_both(store):
    lines = [
        "Periode: Agustus 2025",
        "kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI",
        "61.03;220.618;40.123;20.456;4.519;1.200",
    ]
    out = ingest(store, csv_bytes(lines, sep=";"), period="2025-07")
    [e] = out.result.errors
    assert e.key == "period_conflict" and "2025-08" in e.message("id") and "2025-07" in e.message("en")
    assert store.periods() == []


def test_sector_denominators_in_the_wide_template(store):
    for header in ("workforce_JAKON", "jumlah_pekerja_jakon", "pekerja_jakon", "Jumlah Pekerja JAKON"):
        lines = [
            f"period;region_code;workforce;PU;BPU;JAKON;PMI;{header}",
            "2025-07;61.03;220.618;40.123;20.456;4.519;1.200;12.320",
        ]
        out = parse_snapshot_file(csv_bytes(lines, sep=";"))
        assert out.ok, (header, out.errors)
        wf = out.rows.set_index("sector")["sector_workforce"]
        assert wf["JAKON"] == 12320 and wf[["PU", "BPU", "PMI"]].isna().all(), header
    # The same validation as the workforce: a negative or non-numeric denominator is refused.
    bad = ["period;region_code;workforce;PU;BPU;JAKON;PMI;jumlah_pekerja_jakon", "2025-07;61.03;220.618;1;1;1;1;-5"]
    out = ingest(store, csv_bytes(bad, sep=";"))
    assert [(e.key, e.row, e.column) for e in out.result.errors] == [("negative", 2, "jumlah_pekerja_jakon")]
    # More participants than the sector's workers is a warning, as for the region.
    over = ["period;region_code;workforce;PU;BPU;JAKON;PMI;jumlah_pekerja_jakon", "2025-07;61.03;220.618;1;1;500;1;400"]
    assert [w.key for w in parse_snapshot_file(csv_bytes(over, sep=";")).warnings] == ["participants_above_workforce"]


def test_every_template_is_accepted_as_it_is_downloaded(store):
    from ucj.intake import templates
    from ucj.intake.ingest import parse_targets_file

    for name, data in [("wide.csv", templates.wide_csv()), ("wide.xlsx", templates.wide_xlsx())]:
        out = parse_snapshot_file(data, name)
        assert out.ok and out.period == "2025-07", out.errors
        assert out.rows.groupby("region_code")["participants"].sum().to_dict() == {"15.71": 140349, "61.03": 66298}
        jakon = out.rows[out.rows["sector"] == "JAKON"].set_index("region_code")["sector_workforce"]
        assert jakon["61.03"] == 12320 and pd.isna(jakon["15.71"]), name
    long = parse_snapshot_file(templates.long_csv(), "long.csv")
    assert long.ok and long.template == "long"
    targets = parse_targets_file(templates.targets_csv())
    assert targets.ok and list(targets.targets["target_pct"]) == [55.0, 58.65]


def test_xlsx_percentage_cells_are_read_as_shown(store):
    from ucj.intake.ingest import parse_targets_file

    wb = Workbook()
    ws = wb.active
    ws.append(["kode_wilayah", "tahun", "target", "sumber"])
    ws.append(["61.03", 2025, 0.5865, "RPJMD"])
    ws.append(["15.71", 2025, 55, "MoU"])
    ws["C2"].number_format = "0.00%"
    buf = io.BytesIO()
    wb.save(buf)
    result = parse_targets_file(buf.getvalue(), "target.xlsx")
    assert result.ok and list(result.targets["target_pct"]) == [58.65, 55.0]


def test_xlsx_with_a_wrong_sheet_size_keeps_every_row(store):
    import re
    import zipfile

    data = _xlsx(
        [
            ["x"],
            ["periode", "kode_wilayah", "jumlah_pekerja", "PU", "BPU", "JAKON", "PMI"],
            ["2025-07", "61.03", 100, 1, 1, 1, 1],
            ["2025-07", "15.71", 100, 2, 2, 2, 2],
            ["2025-07", "61.71", 100, 3, 3, 3, 3],
        ]
    )
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:G3"', body)
            dst.writestr(item, body)
    result = parse_snapshot_file(out.getvalue(), "f.xlsx")
    assert result.ok and sorted(result.rows["region_code"].unique()) == ["15.71", "61.03", "61.71"]


def test_values_past_the_header_are_an_error_not_dropped(store):
    # An unquoted decimal comma in a comma file splits "12,320" into two cells.
    out = ingest(store, csv_bytes([HEADER, "2025-07,61.03,,12,320,4,519,0,0,0"]), accept_warnings=True)
    assert out.state == "refused"
    assert [(e.key, e.row, e.column, e.value) for e in out.result.errors] == [("extra_cells", 2, "I", "0")]
    assert "column I" in out.result.errors[0].message("en") and store.periods() == []


def test_target_file_with_a_split_decimal_is_refused():
    from ucj.intake.ingest import parse_targets_file

    result = parse_targets_file(csv_bytes(["region_code,year,target_pct", "61.03,2025,58,65"]))
    assert not result.ok and [(e.key, e.row, e.column, e.value) for e in result.errors] == [
        ("extra_cells", 2, "D", "65")
    ]


def test_the_report_names_things_as_the_reader_knows_them(store):
    """No internal names or raw wildcards in the Indonesian report; a misspelt region gets its
    likely name; findings come in the order of the file's rows."""
    missing = ingest(store, csv_bytes(["period,region_code,PU,BPU,JAKON,PMI", "2025-07,61.03,1,1,1,1"]))
    [problem] = missing.result.errors
    assert problem.column == "jumlah_pekerja / workforce"
    assert "Kolom wajib tidak ada: jumlah_pekerja / workforce" in problem.message("id")
    misspelt = ingest(
        store, csv_bytes(["period,region_name,workforce,PU,BPU,JAKON,PMI", "2025-07,KAB. MELAWII,100,1,1,1,1"])
    )
    assert "Mungkin maksudnya: Kabupaten Melawi (61.10)?" in misspelt.result.errors[0].message("id")
    assert "Did you mean: Kabupaten Melawi (61.10)?" in misspelt.result.errors[0].message("en")
    twice = ingest(store, csv_bytes([HEADER, "2025-07,61.03,,100,1,1,1,1", "2025-07,6103,,100,1,1,1,1"]))
    message = twice.result.errors[0].message("id")
    assert message == "Wilayah Kabupaten Sanggau (61.03) sudah ada di baris 2 (semua sektor)." and "*" not in message
    no_period = ingest(store, csv_bytes(["region_code,workforce,PU,BPU,JAKON,PMI", "61.03,100,1,1,1,1"]))
    text = no_period.result.problems_frame("id")["message"].str.cat()
    assert "Periode data" in text and "--period" not in text and "region_code" not in text
    mixed = ingest(
        store,
        csv_bytes([HEADER, "2025-07,61.03,,100,1,1,1,1", "2025-07,61.99,,100,1,1,1,1", "2025-07,15.71,,100,x,1,1,1",
                   "2025-07,Atlantis,,100,1,1,1,1", "2025-07,15.72,,100,-1,1,1,1"]),
    )  # fmt: skip
    rows = list(mixed.result.problems_frame("id")["row"])
    assert rows == sorted(rows) and len(rows) >= 4


# --- issue 15: the file's number form from the file as a whole ---------------------------------

ROUND_THOUSANDS = [
    "Periode;Kode Wilayah;Jumlah Pekerja;PU;BPU;JAKON;PMI",
    "Juli 2025;61.03;220.000;40.000;12.000;4.000;1.000",
    "Juli 2025;15.71;290.000;90.000;45.000;5.000;2.000",
]


def test_a_file_of_round_thousands_is_read_as_indonesian(store):
    out = ingest(store, csv_bytes(ROUND_THOUSANDS))
    assert out.stored, out.result.errors
    assert out.result.number_format == "id"
    stored = store.read_snapshot("2025-07").set_index(["region_code", "sector"])
    assert stored.loc[("61.03", "PU"), "participants"] == 40000
    assert stored.loc[("61.03", "BPU"), "participants"] == 12000
    assert stored.loc[("61.03", "PU"), "workforce"] == 220000
    assert stored.loc[("15.71", "PMI"), "participants"] == 2000
    assert (
        "Numbers read in the form 1.234.567 · 58,65: the file is semicolon-separated"
        in (out.result.note_texts("en")[0])
    )


AMBIGUOUS = [
    HEADER,
    "2025-07,61.03,,220.000,40.000,12.000,4.000,1.000",
    "2025-07,15.71,,290.000,90.000,45.000,5.000,2.000",
]


def test_a_file_ambiguous_as_a_whole_asks_once(store):
    out = ingest(store, csv_bytes(AMBIGUOUS))
    assert out.state == "refused" and store.periods() == []
    assert [(e.key, e.row, e.value) for e in out.result.errors] == [("number_format_needed", None, "220.000")]
    assert (
        out.result.errors[0]
        .message("en")
        .startswith(
            "This file's number format cannot be told: 220.000 (row 2, column workforce) may be 220000 (Indonesian "
            "form) or 220 (English form)"
        )
    )
    answered = ingest(store, csv_bytes(AMBIGUOUS), number_format="id")
    assert answered.stored, answered.result.errors
    stored = store.read_snapshot("2025-07").set_index(["region_code", "sector"])
    assert (stored.loc[("61.03", "PU"), "participants"], stored.loc[("15.71", "PU"), "workforce"]) == (40000, 290000)


def test_a_chosen_form_the_file_contradicts_is_refused(store):
    lines = [HEADER, "2025-07,61.03,,220.618,40.000,12.000,4.000,1.000"]
    out = ingest(store, csv_bytes(lines), number_format="en")
    assert [(e.key, e.value) for e in out.result.errors] == [("number_format_conflict", "220.618")]
    assert store.periods() == []


def test_spaces_between_thousands_in_a_snapshot(store):
    lines = [HEADER, "2025-07,61.03,,220\u00a0618,40 123,20\u202f456,4 519,1 200"]
    out = ingest(store, csv_bytes(lines))
    assert out.stored, out.result.errors
    assert (
        read(query.coverage_by_region, store, "2025-07").set_index("region_code").loc["61.03", "participants"] == 66298
    )
    bad = ingest(store, csv_bytes([HEADER, "2025-07,61.03,,220618,4 0123,1,1,1"]))
    assert [(e.key, e.row, e.column, e.value) for e in bad.result.errors] == [("number_grouping", 2, "PU", "4 0123")]


# --- workbooks: which sheet is read, and what is never read silently (issue 15) ---------------

WIDE_HEADER = ["periode", "kode_wilayah", "jumlah_pekerja", "PU", "BPU", "JAKON", "PMI"]
SANGGAU = ["2025-07", "61.03", 220618, 40123, 20456, 4519, 1200]
SHEET1 = "xl/worksheets/sheet1.xml"


def _book(*sheets: tuple[str, list[list], str], active: int | None = None, hide_rows: tuple[int, ...] = ()) -> bytes:
    """A workbook of (title, rows, state) sheets; ``active`` the index it opens on; ``hide_rows``
    hidden on the first sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows, state in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        ws.sheet_state = state
    for r in hide_rows:
        wb.worksheets[0].row_dimensions[r].hidden = True
    if active is not None:
        wb.active = active  # openpyxl takes an index without asking whether that sheet is visible
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_xml(rows: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows
        + "</sheetData></worksheet>"
    ).encode()


def _row_xml(r: int, values: list) -> str:
    from openpyxl.utils import get_column_letter

    cells = "".join(
        f'<c r="{get_column_letter(j)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
        if isinstance(v, str)
        else f'<c r="{get_column_letter(j)}{r}"><v>{v[0] if isinstance(v, tuple) else v}</v></c>'
        for j, v in enumerate(values, start=1)
    )
    return f'<row r="{r}">{cells}</row>'


def _with_parts(data: bytes, replace: dict[str, bytes], extra: list[tuple[str, bytes]] = ()) -> bytes:
    """The workbook with parts replaced, and extra entries appended (a name may come twice)."""
    import warnings
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
            for name, body in extra:
                dst.writestr(name, body)
    return out.getvalue()


def test_a_hidden_active_sheet_is_not_read_the_first_visible_one_is(store):
    forged = ["2025-07", "61.03", 220618, 99999, 99999, 99999, 99999]
    data = _book(("Rahasia", [WIDE_HEADER, forged], "hidden"), ("Data", [WIDE_HEADER, SANGGAU], "visible"), active=0)
    out = ingest(store, data, "juli.xlsx", accept_warnings=True)
    assert out.stored, out.result.errors
    assert out.result.sheet == "Data"
    assert [p.message("en") for p in out.result.warnings] == ["Sheet 'Rahasia' is hidden and was not read."]
    assert (
        read(query.coverage_by_region, store, "2025-07").set_index("region_code").loc["61.03", "participants"] == 66298
    )


def test_a_very_hidden_sheet_is_a_warning_to_accept_before_publishing(store):
    data = _book(("Data", [WIDE_HEADER, SANGGAU], "visible"), ("Lama", [WIDE_HEADER], "veryHidden"))
    out = ingest(store, data, "juli.xlsx")
    assert out.state == "needs_confirmation"
    assert out.result.warnings[0].message("id") == "Lembar 'Lama' tersembunyi dan tidak dibaca."
    assert store.periods() == []


def test_sheet_option_reads_the_named_visible_sheet_and_refuses_others(store):
    other = ["2025-07", "61.03", 220618, 1, 2, 3, 4]
    data = _book(("Ringkasan", [WIDE_HEADER, other], "visible"), ("Juli", [WIDE_HEADER, SANGGAU], "visible"),
                 ("Draf", [WIDE_HEADER, other], "hidden"))  # fmt: skip
    first = service.check_file(store, data, "b.xlsx")
    assert (first.sheet, first.sheets) == ("Ringkasan", ("Ringkasan", "Juli"))
    assert "Sheet 'Ringkasan' was read (visible sheets: Ringkasan, Juli)." in first.note_texts("en")
    out = ingest(store, data, "b.xlsx", sheet="Juli", accept_warnings=True)
    assert out.stored and out.result.sheet == "Juli"
    assert int(store.read_snapshot("2025-07")["participants"].sum()) == 66298
    assert service.check_file(store, data, "b.xlsx", sheet="Draf").errors[0].key == "hidden_sheet_named"
    missing = service.check_file(store, data, "b.xlsx", sheet="Agustus").errors[0]
    assert missing.message("en") == "There is no sheet named 'Agustus'. Visible sheets: Ringkasan, Juli."
    assert service.check_file(store, csv_bytes(PLAIN), "a.csv", sheet="Juli").errors[0].key == "sheet_for_csv"


def test_a_hidden_row_is_an_error_naming_the_row_and_its_region(store):
    jambi = ["2025-07", "15.71", 289714, 90000, 45000, 4349, 1000]
    data = _book(("Data", [WIDE_HEADER, SANGGAU, jambi], "visible"), hide_rows=(3,))
    out = ingest(store, data, "juli.xlsx", accept_warnings=True)
    assert out.state == "refused"
    [p] = [p for p in out.result.errors if p.key == "hidden_row"]
    assert p.row == 3
    assert (p.column, p.value) == ("kode_wilayah", "15.71")
    assert p.message("en").startswith("Row 3 is hidden in Excel (15.71); figures nobody can see are not published.")
    assert store.periods() == []


def test_a_hidden_blank_row_is_no_problem(store):
    data = _book(("Data", [WIDE_HEADER, SANGGAU, [], ["2025-07", "15.71", 289714, 90000, 45000, 4349, 1000]],
                  "visible"), hide_rows=(3,))  # fmt: skip
    assert ingest(store, data, "juli.xlsx").stored


def test_a_row_number_given_twice_is_an_error_not_dropped(store):
    base = _book(("Data", [WIDE_HEADER, SANGGAU], "visible"))
    xml = _sheet_xml(
        _row_xml(1, WIDE_HEADER)
        + _row_xml(2, SANGGAU)
        + _row_xml(2, ["2025-07", "15.71", 289714, 90000, 45000, 4349, 1000])
    )
    out = ingest(store, _with_parts(base, {SHEET1: xml}), "dup.xlsx")
    assert out.state == "refused"
    assert [p.key for p in out.result.errors] == ["xlsx_duplicate_row"]
    assert out.result.errors[0].message("en").startswith("Sheet 'Data' holds row number 2 twice")
    assert store.periods() == []


def test_a_workbook_with_a_duplicated_part_is_refused(store):
    base = _book(("Data", [WIDE_HEADER, SANGGAU], "visible"))
    forged = _sheet_xml(_row_xml(1, WIDE_HEADER) + _row_xml(2, ["2025-07", "61.03", 220618, 9, 9, 9, 9]))
    out = ingest(store, _with_parts(base, {}, [(SHEET1, forged)]), "twice.xlsx")
    assert out.state == "refused"
    assert out.result.errors[0].key == "xlsx_duplicate_entry"
    assert "'xl/worksheets/sheet1.xml' twice" in out.result.errors[0].message("en")
    # Part names ignore case: a second sheet1 spelt in capitals is the same part.
    again = ingest(store, _with_parts(base, {}, [("xl/worksheets/SHEET1.xml", forged)]), "twice.xlsx")
    assert again.result.errors[0].key == "xlsx_duplicate_entry"
    assert store.periods() == []


@pytest.mark.parametrize("raw", ["1e-400", "0.5e-330", "1E+400"])
def test_a_number_a_float_cannot_hold_is_refused_not_stored_as_zero(store, raw):
    base = _book(("Data", [WIDE_HEADER, SANGGAU], "visible"))
    xml = _sheet_xml(_row_xml(1, WIDE_HEADER) + _row_xml(2, ["2025-07", "61.03", 220618, 40123, 20456, (raw,), 1200]))
    out = ingest(store, _with_parts(base, {SHEET1: xml}), "tiny.xlsx")
    assert out.state == "refused"
    p = next(p for p in out.result.errors if p.key == "number_underflow")
    assert (p.row, p.column, p.value) == (2, "F", raw)
    assert p.message("en").startswith(f"Not a valid number: {raw} cannot be stored as written")
    assert store.periods() == []


def test_a_real_zero_in_a_workbook_is_still_zero(store):
    base = _book(("Data", [WIDE_HEADER, SANGGAU], "visible"))
    xml = _sheet_xml(
        _row_xml(1, WIDE_HEADER) + _row_xml(2, ["2025-07", "61.03", 220618, 40123, 20456, ("0.0E+00",), 0])
    )
    out = ingest(store, _with_parts(base, {SHEET1: xml}), "zero.xlsx")
    assert out.stored, out.result.errors
    assert int(store.read_snapshot("2025-07").set_index("sector").loc["JAKON", "participants"]) == 0


def test_targets_and_jakon_files_read_the_first_visible_sheet_too(store):
    from ucj.intake.jakon_files import parse_projects_file

    targets = _book(("Lama", [["kode_wilayah", "tahun", "target"], ["61.03", 2025, 5]], "hidden"),
                    ("Target", [["kode_wilayah", "tahun", "target"], ["61.03", 2025, "58,65"]], "visible"),
                    active=0)  # fmt: skip
    result = service.import_targets(store, targets, "t.xlsx", user="test")
    assert result.ok, result.errors
    assert result.warnings[0].message("en") == "Sheet 'Lama' is hidden and was not read."
    assert float(store.read_targets().set_index("region_code").loc["61.03", "target_pct"]) == 58.65
    header = ["nama_proyek", "opd", "sumber_dana", "nilai_kontrak", "tanggal_mulai", "tanggal_selesai",
              "jumlah_pekerja", "kode_wilayah"]  # fmt: skip
    row = ["Jalan", "Dinas PUPR", "APBD", 1000000, "2025-03-01", "2025-10-31", 12, "15.71"]
    projects = _book(("Proyek", [header, row, [*row[:1], "Dinas Lain", *row[2:]]], "visible"), hide_rows=(3,))
    checked = parse_projects_file(projects, "p.xlsx")
    assert [(p.key, p.row) for p in checked.errors] == [("hidden_row", 3)]
    assert checked.projects.empty


# --- periods: a month still to come, and a --period the file contradicts (issue 15) -----------

FUTURE = [HEADER, "2099-12,61.03,Kabupaten Sanggau,220618,40123,20456,4519,1200"]
TODAY = dt.date(2026, 12, 2)


def test_a_future_month_is_refused_for_an_analyst_and_for_an_admin_without_the_flag(store):
    from ucj.core.accounts import AccessDenied, User

    ani = User("ani", "analyst", ("61",))
    out = ingest(store, csv_bytes(FUTURE), today=TODAY)
    assert out.state == "refused"
    assert (
        out.result.errors[0]
        .message("en")
        .startswith("Period 2099-12 is after the current month (2026-12): data for a month still to come is refused.")
    )
    assert service.ingest(store, csv_bytes(FUTURE), "f.csv", user=ani, today=TODAY).state == "refused"
    with pytest.raises(AccessDenied):
        service.ingest(store, csv_bytes(FUTURE), "f.csv", user=ani, allow_future_period=True, today=TODAY)
    assert store.audit.entries()[-1]["detail"]["flag"] == "allow_future_period"
    assert store.periods() == [] and read(query.Revision.latest_period, store) is None


def test_an_admin_with_the_flag_may_publish_a_future_month(store):
    from ucj.core.accounts import User

    adi = User("adi", "admin")
    out = service.ingest(store, csv_bytes(FUTURE), "f.csv", user=adi, allow_future_period=True, today=TODAY)
    assert out.stored, out.result.errors
    assert read(query.Revision.latest_period, store) == "2099-12"


def test_the_current_month_is_accepted_and_the_clock_is_read_in_one_place(store, monkeypatch):
    monkeypatch.setattr(service, "today", lambda: dt.date(2025, 6, 30))
    july = ingest(store, csv_bytes(PLAIN))
    assert july.state == "refused" and july.result.errors[0].params == {"period": "2025-07", "today": "2025-06"}
    monkeypatch.setattr(service, "today", lambda: dt.date(2025, 7, 1))
    assert ingest(store, csv_bytes(PLAIN)).stored


def test_publishing_a_checked_future_result_is_refused_too(store):
    result = parse_snapshot_file(csv_bytes(FUTURE), "f.csv")
    assert result.ok
    with pytest.raises(ValueError, match="2099-12"):
        service.publish(store, result, user="test", today=TODAY)
    assert store.periods() == []


def test_a_period_option_that_differs_from_the_period_column_is_an_error(store):
    out = ingest(store, csv_bytes(PLAIN), period="2025-08")
    assert out.state == "refused"
    assert [p.key for p in out.result.errors] == ["period_given_differs"]
    p = out.result.errors[0]
    assert (p.row, p.value) == (2, "2025-07")
    assert p.message("en") == (
        "The file says period 2025-07 while the period given (--period or the page's field) is 2025-08; "
        "make them agree or drop one."
    )
    assert ingest(store, csv_bytes(PLAIN), period="2025-07").stored


# --- a target file names its regions by the same lookup as a snapshot --------------------------


def test_a_target_whose_code_and_name_disagree_is_refused_naming_both():
    from ucj.intake.target_files import parse_targets_file, validate_targets

    result = parse_targets_file(csv_bytes(["kode_wilayah,nama_wilayah,tahun,target", "61.03,Kota Jambi,2025,58.65"]))
    [e] = result.errors
    assert (e.key, e.row, e.column, e.value) == ("code_name_mismatch", 2, "region_name", "Kota Jambi")
    assert e.message("en") == "Code 61.03 is Kabupaten Sanggau, not Kota Jambi."
    assert "Kabupaten Sanggau" in e.message("id") and e.message("id") != e.message("en")
    assert result.targets.empty
    # The table edited on the Target page is checked by the same rule.
    edited = [{"region_code": "15.71", "region_name": "Kabupaten Sanggau", "year": 2025, "target_pct": 55}]
    assert [p.key for p in validate_targets(edited).errors] == ["code_name_mismatch"]


def test_a_misspelt_target_region_gets_suggestions():
    from ucj.intake.target_files import parse_targets_file

    [e] = parse_targets_file(csv_bytes(["nama_wilayah,tahun,target", "KAB. MELAWII,2025,40"])).errors
    assert (e.key, e.row, e.column, e.value) == ("unknown_name_suggest", 2, "region_name", "KAB. MELAWII")
    assert "Kabupaten Melawi (61.10)" in e.message("en") and "Kabupaten Melawi (61.10)" in e.message("id")
