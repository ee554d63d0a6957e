"""Program Pemda on the shipped sample (its illustrative programmes): the sentence, the cards, the
programmes with their runway, by funder and by region, the planner's link; Ringkasan's line; the
empty state where no programme pays."""

from tests.app.conftest import open_app, shown, texts

JAMBI_OCT_2026 = "7.286 dari 171.849 peserta (4,24%) iurannya dibayar APBD; tanpa program, cakupan 55,96%."


def test_kota_jambi_sees_what_its_budgets_pay_for(sample_dir):
    at = open_app("programmes.py", period="2026-10", region="15.71")
    assert not at.exception
    shown = texts(at)
    assert JAMBI_OCT_2026 in shown
    assert "Program dan anggaran contoh ini ilustrasi, bukan angka resmi." in shown
    assert [(m.label, m.value) for m in at.metric] == [
        ("Iuran dibayar APBD", "7.286"),
        ("Porsi dari peserta", "4,24%"),
        ("Cakupan", "58,44%"),
        ("Cakupan tanpa program", "55,96%"),
    ]
    [listing] = [d.value for d in at.dataframe if "Program" in d.value.columns and "Habis pada" in d.value.columns]
    rows = {r["Program"]: r for r in listing.to_dict("records")}
    # The province's programme runs out in November 2026; the city's religious workers' in December.
    assert rows["Pro Jambi Tangguh (ilustrasi)"]["Habis pada"] == "November 2026"
    assert rows["Pro Jambi Tangguh (ilustrasi)"]["Kekurangan"] == 105_600_000
    assert rows["Perlindungan Petugas Keagamaan (ilustrasi)"]["Habis pada"] == "Desember 2026"
    assert rows["Perlindungan Pekerja Rentan (ilustrasi)"]["Habis pada"] == "cukup s.d. Desember"
    titles = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(titles) == 2 and "Sisa anggaran 2026 hingga Desember" in titles[1]
    assert "Target sudah tercapai: tidak ada kekurangan peserta untuk dibiayai." in shown


def test_the_province_sees_its_cities_and_the_cost_of_its_gap(sample_dir):
    at = open_app("programmes.py", period="2025-07", region="15")
    assert not at.exception
    by_region = next(d.value for d in at.dataframe if "Porsi" in d.value.columns)
    assert by_region["Wilayah"].iloc[0] == "Kota Jambi" and by_region["Peserta dibiayai"].iloc[0] == 7_166
    plan = next(i.value for i in at.info if i.value.startswith("Menutup kekurangan"))
    assert "untuk 5 bulan tersisa tahun ini" in plan and "Rp16.800 per orang per bulan" in plan


def test_where_no_programme_pays(sample_dir):
    at = open_app("programmes.py", period="2026-10", region="61.03")
    assert not at.exception
    assert "Belum ada program Pemda yang membayar iuran peserta di Kabupaten Sanggau pada Oktober 2026" in texts(at)
    assert not at.metric


def test_ringkasan_says_it_in_one_line_only_where_programmes_pay(sample_dir):
    at = open_app("overview.py", period="2026-10", region="15.71")
    line = "Program Pemda: 7.286 peserta (4,24% dari peserta) iurannya dibayar APBD; tanpa program, cakupan 55,96%."
    assert line in texts(at)
    assert "Program Pemda:" not in texts(open_app("overview.py", period="2026-10", region="61.03"))
    assert "Program Pemda:" not in texts(open_app("overview.py", period="2026-10", region="15.71", sector="BPU"))


def test_an_analyst_uploads_a_programme_file_on_the_page(sample_dir):
    # Sanggau has no programme yet: the form is open; a bad file is reported row by row and stores
    # nothing; a good one is published and the page shows it.
    from tests.conftest import csv_bytes

    header = "periode;kode_wilayah;program;pemberi_dana;peserta;iuran_bulanan;kategori"
    at = open_app("programmes.py", period="2026-10", region="61.03")
    bad = csv_bytes([header, "2026-10;61.03;Rentan Sanggau;Pemkab Sangau;2.000;;pekerja rentan"], sep=";")
    at.file_uploader(key="programmes_file_beneficiaries").set_value(("salah.csv", bad, "text/csv")).run()
    assert not at.exception
    assert "Berkas ditolak: 1 kesalahan. Tidak ada yang disimpan." in texts(at)
    [report] = [t.value for t in at.table]  # the report's messages wrap: st.table
    assert report["Baris"].tolist() == ["2"] and "Kabupaten Sanggau (61.03)" in shown(report["Pesan"].iloc[0])
    assert "programmes_publish_beneficiaries" not in [b.key for b in at.button]
    good = csv_bytes([header, "2026-10;61.03;Rentan Sanggau;Pemkab Sanggau;2.000;;pekerja rentan"], sep=";")
    at.file_uploader(key="programmes_file_beneficiaries").set_value(("sanggau.csv", good, "text/csv")).run()
    assert "Berkas valid: 1 baris." in texts(at)
    at.button(key="programmes_publish_beneficiaries").click().run()
    assert not at.exception
    assert "2.000 dari" in texts(at) and "iurannya dibayar APBD" in texts(at)
    assert "Diterbitkan: penerima program Pemda versi 2." in texts(at)


def test_an_analyst_undoes_a_bad_programme_upload_on_the_page(sample_dir):
    from tests.app.conftest import store_of
    from tests.conftest import csv_bytes
    from ucj.services import programmes as ops

    header = "periode;kode_wilayah;program;pemberi_dana;peserta"
    wrong = csv_bytes([header, "2026-10;15.71;Perlindungan Pekerja Rentan (ilustrasi);15.71;30.000"], sep=";")
    assert ops.import_programmes(store_of(sample_dir), wrong, "salah.csv", user="admin")[1] == 2
    at = open_app("programmes.py", period="2026-10", region="15.71")
    assert "34.286 dari 171.849 peserta" in texts(at)  # the bad file's 30.000 in place of 3.000
    assert at.selectbox(key="programmes_rb_version_beneficiaries").value == 1
    at.button(key="programmes_rb_beneficiaries").click().run()
    assert not at.exception
    assert "7.286 dari 171.849 peserta (4,24%)" in texts(at)
    assert "Penerima program Pemda kembali ke versi 1." in texts(at)
