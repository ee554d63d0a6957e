"""Every page through Streamlit's AppTest, on the sample data and on an empty data directory.

The figures asserted are the ones a user reads, and they are checked against the library's.
"""

import re
import shutil

import pandas as pd
import pytest

from tests.app.conftest import open_app, shown, store_of, texts, warnings
from tests.conftest import read
from ucj import query
from ucj.core.fmt import fmt_int, fmt_pct, status_label
from ucj.present import views
from ucj.services import service

PAGES = ["overview.py", "regions.py", "sectors.py", "trends.py", "upload.py", "completeness.py", "targets.py"]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample_data(sample_dir, page):
    at = open_app(page, period="2025-07", region="15.71")
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_data_directory(empty_dir, page):
    at = open_app(page)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    if page in ("overview.py", "regions.py", "sectors.py", "trends.py"):
        assert "Belum ada data" in texts(at)
        assert any(b.label == "Muat data contoh" for b in at.button)


def test_overview_shows_kota_jambi_as_the_library_computes_it(sample_dir):
    at = open_app(period="2025-07", region="15.71")
    fig = read(views.overview, store_of(sample_dir), "2025-07", "15.71").figures
    m = metrics(at)
    assert m["Cakupan"] == fmt_pct(fig["coverage_pct"]) == "48,44%"
    assert m["Target"] == "55%"
    assert m["Kekurangan peserta"] == fmt_int(fig["gap"]) == "18.994"
    assert m["Perlu per bulan"] == "3.799"
    assert m["Status"] == status_label(fig["status"], "id")
    assert (
        "Kota Jambi: 140.349 dari 289.714 pekerja terlindungi (48,44%) — target 55%: perlu 18.994 peserta lagi, "
        "3.799 per bulan hingga Desember 2025." in texts(at)
    )


def test_overview_says_when_the_data_is_from(sample_dir):
    at = open_app(period="2025-07", region="15.71")
    assert "data contoh ilustrasi, bukan angka resmi" in texts(at)
    s = store_of(sample_dir)
    s.publish(s.read_snapshot("2025-07"), period="2025-07", user="ani", file_name="jambi *juli*.csv", sha256="0" * 64)
    at.run()
    line = next(c.value for c in at.caption if c.value.startswith("Data per"))
    # The file name is user text: escaped, so its asterisks are not markup.
    assert shown(line).endswith("unggahan terakhir: jambi *juli*.csv, oleh ani")
    assert r"\*juli\*" in line


def test_overview_sanggau_worked_example(sample_dir):
    at = open_app(period="2025-07", region="61.03", sector="JAKON")
    m = metrics(at)
    assert m["Cakupan"] == "36,68%"
    assert m["Kekurangan peserta"] == "2.707"
    assert m["Perlu per bulan"] == "542"
    assert m["Target"] == "58,65%"


def test_english_switch(sample_dir):
    at = open_app(period="2025-07", region="15.71", lang="en")
    assert (
        "Kota Jambi: 140.349 of 289.714 workers covered (48,44%) — target 55%: 18.994 more participants needed, "
        "3.799 a month until December 2025." in texts(at)
    )
    assert "Coverage" in metrics(at)


def test_filters_are_mirrored_in_the_url(sample_dir):
    at = open_app(period="2025-07", region="61.03", sector="JAKON")
    assert at.query_params["period"] in ("2025-07", ["2025-07"])
    qp = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert qp == {"lang": "id", "period": "2025-07", "region": "61.03", "sector": "JAKON"}
    at.selectbox(key="region").set_value("15.71").run()
    assert (
        at.query_params["region"] if isinstance(at.query_params["region"], str) else at.query_params["region"][0]
    ) == "15.71"
    assert metrics(at)["Cakupan"] == fmt_pct(
        read(query.target_status, store_of(sample_dir), "2025-07", region="15.71", sector="JAKON")["coverage_pct"].iloc[
            0
        ]
    )


def test_defaults_to_the_latest_period_and_first_province(sample_dir):
    at = open_app()
    latest = read(query.Revision.latest_period, store_of(sample_dir))
    assert at.selectbox(key="period").value == latest
    assert at.selectbox(key="region").value == "15"


def test_empty_state_loads_the_sample(empty_dir):
    at = open_app()
    next(b for b in at.button if b.label == "Muat data contoh").click().run()
    assert not at.exception
    assert metrics(at)["Cakupan"] not in ("", "—")
    assert read(query.Revision.latest_period, store_of(empty_dir)) is not None


def test_regions_page_table_and_drill_down(sample_dir):
    at = open_app("regions.py", period="2025-07", region="15.71")
    table = at.dataframe[0].value
    assert len(table) == 11  # the kecamatan of Kota Jambi
    kec = read(query.target_status, store_of(sample_dir), "2025-07", level=3, region="15.71")
    assert sorted(table["Kekurangan peserta"].tolist()) == sorted(kec["gap"].tolist())
    # The breadcrumb goes back up to the province.
    next(b for b in at.button if b.label == "Jambi").click().run()
    assert at.selectbox(key="region").value == "15"
    assert len(at.dataframe[0].value) == 11  # the kabupaten/kota of Provinsi Jambi


def test_sectors_page_sanggau_construction(sample_dir):
    at = open_app("sectors.py", period="2025-07", region="61.03")
    tables = [d.value for d in at.dataframe]
    jakon = next(t for t in tables if "Penyebut sektor" in t.columns)
    assert jakon["Peserta aktif"].tolist() == [4519] and jakon["Penyebut sektor"].tolist() == [12320]
    assert jakon["Cakupan sektor"].tolist() == [36.68]


def test_trends_page_ranking(sample_dir):
    at = open_app("trends.py", period="2025-07", region="15")
    ranking = at.dataframe[-1].value
    assert len(ranking) == 11
    assert ranking["Peringkat"].tolist() == list(range(1, 12))
    assert ranking["Perubahan (pp)"].is_monotonic_decreasing


def test_upload_page_versions_and_rollback(sample_dir):
    s = store_of(sample_dir)
    rows = s.read_snapshot("2025-07")
    rows.loc[rows["region_code"] == "61.03", "participants"] += 10
    s.publish(rows, period="2025-07", user="ani", file_name="revisi.csv", sha256="0" * 64)
    at = open_app("upload.py", period="2025-07", region="61")
    versions = at.dataframe[0].value
    assert len(versions) == 35 and "ani" in versions["Oleh"].tolist()
    at.selectbox(key="rb_period").set_value("2025-07").run()
    # The version in force (2) is not offered: rolling back to it would change nothing.
    assert at.selectbox(key="rb_version").options == ["1"] and at.selectbox(key="rb_version").value == 1
    at.button(key="rb_button").click().run()
    assert not at.exception
    active = s.versions("2025-07")
    assert active[active["active"]]["version"].tolist() == [1]


def test_a_month_of_one_version_offers_no_rollback(sample_dir):
    at = open_app("upload.py", period="2025-07", region="61")
    at.selectbox(key="rb_period").set_value("2025-06").run()
    assert not [b for b in at.button if b.key == "rb_button"]
    assert "Bulan ini baru punya satu versi" in " ".join(c.value for c in at.caption)


def test_targets_page_lists_targets_in_indonesian_form(sample_dir):
    at = open_app("targets.py")
    editor = at.dataframe[0].value
    shown = dict(zip(zip(editor["region_code"], editor["year"]), editor["target_pct"]))
    assert shown[("61.03", 2025)] == "58,65" and shown[("15.71", 2025)] == "55"
    assert len(editor) == len(read(query.list_targets, store_of(sample_dir)))


def test_a_publish_shows_at_once_without_restarting(sample_dir):
    at = open_app(period="2025-07", region="15.71")
    assert metrics(at)["Cakupan"] == "48,44%"
    s = store_of(sample_dir)
    rows = s.read_snapshot("2025-07")
    rows.loc[(rows["region_code"] == "15.71.01") & (rows["sector"] == "PU"), "participants"] += 2_897
    s.publish(rows, period="2025-07", user="ani", file_name="revisi.csv", sha256="0" * 64)
    at.run()
    assert metrics(at)["Cakupan"] == "49,44%"  # (140.349 + 2.897) / 289.714


def test_an_unexpected_failure_is_a_readable_message(sample_dir, monkeypatch):
    from app_pages import common

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(common._CACHEABLE, "ucj.present.views.overview", broken)
    common._cached.clear()
    at = open_app(period="2025-06", region="61")
    assert not at.exception
    assert "Terjadi kesalahan tak terduga" in at.error[0].value and "RuntimeError" in at.error[0].value
    assert "disk on fire" not in texts(at)


def test_planner_page_sanggau(sample_dir):
    at = open_app("planner.py", period="2025-07", region="61.03", sector="JAKON")
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["Kekurangan hingga target"] == "2.707"
    assert m["Pendaftaran per bulan"] == "542"
    assert m["Biaya per bulan (setelah semua terdaftar)"] == "Rp45.477.600"
    assert m["Biaya hingga tenggat"] == "Rp136.533.600"
    assert "cakupan 84,99% di tenggat (target tercapai)" in texts(at)  # Rp500 juta buys 5.952 workers
    # A different contribution rate changes the cost.
    at.number_input(key="plan_jkk").set_value(0.24).run()
    assert metrics(at)["Biaya per bulan (setelah semua terdaftar)"] == "Rp24.904.400"  # 2.707 × Rp9.200


def test_planner_money_boxes_read_and_show_indonesian_form(sample_dir):
    at = open_app("planner.py", period="2025-07", region="61.03", sector="JAKON")
    assert at.text_input(key="plan_budget").value == "500.000.000"
    # Rp1 miliar over the 5 months to the deadline at Rp16.800 a worker a month: 11.904 workers.
    at.text_input(key="plan_budget").input("1.000.000.000").run()
    assert at.text_input(key="plan_budget").value == "1.000.000.000"
    assert "Dibaca sebagai Rp1.000.000.000" in texts(at)
    assert "Dengan Rp1.000.000.000 hingga Desember 2025" in texts(at) and "11.904 pekerja" in texts(at)
    at.text_input(key="plan_budget").input("2 M").run()
    assert at.text_input(key="plan_budget").value == "2.000.000.000" and "23.809 pekerja" in texts(at)
    at.text_input(key="plan_budget").input("sejuta dolar").run()
    assert not at.exception
    assert "Bukan jumlah rupiah" in at.error[0].value and "pekerja mulai bulan depan" not in texts(at)
    # The reported income is a money box too.
    at.text_input(key="plan_income").input("Rp 1.000.000").run()
    assert at.text_input(key="plan_income").value == "1.000.000"


def counter(at) -> str:
    """The "Slide n dari N" the page shows (the browser rewrites it on each key press)."""
    return re.sub("<[^>]+>", "", next(h.value for h in at.html if "ucj-counter" in h.value))


def slide_html(at) -> str:
    """The slide in view: every slide is drawn, and the page's style shows the n-th."""
    n = int(re.search(r"Slide (\d+)", counter(at))[1])
    style = next(h.value for h in at.html if "st-key-ucj_slide_" in h.value and "<style>" in h.value)
    assert f"body div.st-key-ucj_slide_{n} {{display: flex !important;}}" in style
    return [h.value for h in at.html if 'role="region"' in h.value][n - 1]


def test_presentation_page_walks_the_slides(sample_dir):
    at = open_app("present.py", period="2025-07", region="15.71")
    assert not at.exception and not at.error
    assert "Cakupan UCJ Kota Jambi" in slide_html(at) and counter(at) == "Slide 1 dari 8"
    at.button(key="slide_next").click().run()
    assert "Cakupan terhadap target" in slide_html(at) and "48,44%" in slide_html(at)
    for _ in range(4):
        at.button(key="slide_next").click().run()
    assert counter(at) == "Slide 6 dari 8" and "Rp319.099.200" in slide_html(at)
    at.button(key="slide_next").click().run()  # the Pemda programmes (the sample's, illustrative)
    assert counter(at) == "Slide 7 dari 8" and "iurannya dibayar APBD" in slide_html(at)
    at.button(key="slide_next").click().run()
    assert counter(at) == "Slide 8 dari 8" and at.button(key="slide_next").disabled
    assert "2 dari 6 proyek belum mendaftarkan pekerjanya" in slide_html(at)
    assert "Puskesmas Kota Baru (ilustrasi)" in " ".join(h.value for h in at.html)  # the follow-up table
    at.button(key="slide_prev").click().run()
    assert counter(at) == "Slide 7 dari 8"
    # Downloads and the key hint on the first and the last slide only, not over every topic.
    assert [b.key for b in at.get("download_button")] == ["dl_pptx_1", "dl_pdf_1", "dl_pptx_8", "dl_pdf_8"]


def test_a_broken_link_says_what_it_replaced(sample_dir):
    at = open_app(region="99.99", period="2030-01", sector="XYZ")
    assert not at.exception
    [warning] = warnings(at)
    assert "region=99.99" in warning and "period=2030-01" in warning and "sector=XYZ" in warning
    assert at.selectbox(key="region").value == "15"
    at.run()
    assert not warnings(at)  # said once, not on every click


def test_planner_says_why_a_sector_has_no_plan(sample_dir):
    at = open_app("planner.py", period="2025-07", region="61.03", sector="PU")
    assert "data tidak memuat jumlah pekerja sektor ini (penyebut)" in texts(at)
    assert "tidak ada target" not in texts(at)


def _three_of_eleven(sample_dir, period="2026-11"):
    """A month for which only three of Jambi's eleven kabupaten/kota (and nobody else) reported."""
    s = store_of(sample_dir)
    rows = s.read_snapshot("2026-10")
    rows = rows[rows["region_code"].isin(["15.01", "15.02", "15.03"])].assign(period=period)
    s.publish(rows, period=period, user="ani", file_name="tiga.csv", sha256="0" * 64)


def test_overview_says_how_many_children_reported(sample_dir):
    _three_of_eleven(sample_dir)
    at = open_app(period="2026-11", region="15")
    [warning] = warnings(at)
    assert "Data belum lengkap untuk November 2026: 3 dari 11 kabupaten/kota melapor." in warning
    assert metrics(at)["Status"] == "◌ data belum lengkap"
    assert "pekerja terlindungi (" in texts(at)
    assert "di wilayah yang melapor; capaian target belum dapat dinilai." in texts(at)
    # A complete month says so too, quietly.
    at = open_app(period="2025-07", region="15")
    assert "Lengkap: 11 dari 11 kabupaten/kota melapor untuk Juli 2025." in texts(at)
    assert not warnings(at)


def test_regions_table_has_a_reporting_column(sample_dir):
    at = open_app("regions.py", period="2025-07", region="15")
    table = at.dataframe[0].value.set_index("Kode")
    assert table.loc["15.71", "Melapor"] == "11/11" and table.loc["15.01", "Melapor"] == "✔"


def test_completeness_page_lists_whom_to_chase(sample_dir):
    _three_of_eleven(sample_dir)
    at = open_app("completeness.py", period="2026-11", region="15")
    assert not at.exception and not at.error
    [warning] = warnings(at)
    assert warning.startswith("Belum melapor untuk November 2026: Kabupaten Batanghari (15.04)")
    assert "Kota Jambi (15.71)" in warning and "Kabupaten Kerinci (15.01)" not in warning
    grid = at.dataframe[0].value
    rate = grid[grid["Wilayah"] == "Tingkat pelaporan"].iloc[0]
    assert rate["Nov 2026"] == "3/11" and rate["Okt 2026"] == "11/11"
    kota = grid[grid["Wilayah"] == "Kota Jambi"].iloc[0]  # its code shows when the row is chosen
    assert kota["Nov 2026"] == "✗" and kota["Okt 2026"] == "✔"


def test_upload_page_versions_say_how_and_which_regions(sample_dir):
    _three_of_eleven(sample_dir)
    at = open_app("upload.py", period="2026-11", region="15")
    versions = at.dataframe[0].value
    row = next(i for i, who in enumerate(versions["Oleh"]) if who == "ani")
    assert versions["Wilayah diubah"].iloc[row] == "Kabupaten Kerinci, Kabupaten Merangin, Kabupaten Sarolangun"
    # How it was published is in the chosen version's detail (the grid keeps to 1366 px).
    at.session_state["versions_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    [detail] = [h.value for h in at.html if "ucj-cards" in h.value and "Cara</dt>" in h.value]
    assert "<dt>Cara</dt><dd>gabung</dd>" in detail and "<dt>Oleh</dt><dd>ani</dd>" in detail
    demo = versions[versions["Oleh"] == "demo"].iloc[0]
    assert demo["Wilayah diubah"] == "Jambi (11 kabupaten/kota); Kalimantan Barat (14 kabupaten/kota)"
    assert [r.label for r in at.radio if r.key == "upload_mode"] == ["Cara menerbitkan"]


def test_one_revision_per_render(sample_dir, monkeypatch):
    """Every figure of a page comes from one manifest through one DuckDB cursor."""
    from ucj.query import Revision

    opened = []
    real = Revision.__init__

    def counting(self, store):
        opened.append(store.data_dir)
        real(self, store)

    monkeypatch.setattr(Revision, "__init__", counting)
    for page in ("overview.py", "regions.py", "completeness.py", "present.py"):
        at = open_app(period="2025-07", region="15")
        opened.clear()
        at.switch_page(f"app_pages/{page}")
        at.run()
        assert not at.exception and len(opened) == 1, (page, len(opened))


def test_no_two_controls_on_the_upload_page_share_a_name(sample_dir):
    at = open_app("upload.py", period="2025-07", region="15.71")
    labels = [w.label for kind in (at.selectbox, at.text_input, at.radio, at.number_input) for w in kind]
    assert len(labels) == len(set(labels)), labels
    assert any(label.startswith("Periode data") for label in labels) and "Bulan yang akan dikembalikan" in labels


def test_the_sector_page_says_each_heading_once(sample_dir):
    import json

    at = open_app("sectors.py", period="2025-07", region="15.71")
    assert not at.exception
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    headings = [s.value for s in at.subheader] + titles
    assert len(headings) == len(set(headings)) and len(titles) >= 4, headings


def _chart_titles(at) -> list[str]:
    import json

    return [(json.loads(c.proto.spec)["layout"].get("title") or {}).get("text", "") for c in at.get("plotly_chart")]


def test_tables_keep_what_matters_within_1366_px(sample_dir):
    at = open_app("regions.py", period="2025-07", region="15")
    columns = list(at.dataframe[0].value.columns)
    assert columns[:3] == ["Wilayah", "Status", "Cakupan"]  # status is never the column scrolled to
    at = open_app("planner.py", period="2025-07", region="61.03", sector="JAKON")
    scenarios = next(d.value for d in at.dataframe if "Kejar target hingga Desember" in d.value.columns)
    assert list(scenarios.columns) == ["Angka", "Kejar target hingga Desember", "Pertahankan pendaftaran saat ini"]
    row = scenarios.set_index("Angka").loc["Biaya hingga tenggat"]
    assert row["Kejar target hingga Desember"] == "Rp136.533.600"


def test_the_presentation_picks_its_region_and_period_on_the_page(sample_dir):
    at = open_app("present.py", period="2025-07", region="15.71")
    at.button(key="slide_next").click().run()
    at.selectbox(key="present_region").set_value("61.03").run()
    assert not at.exception
    assert "Cakupan UCJ Kabupaten Sanggau" in slide_html(at) and counter(at).startswith("Slide 1 dari")
    at.selectbox(key="present_period").set_value("2025-06").run()
    assert "Juni 2025" in slide_html(at)


def test_an_analyst_undoes_a_bad_project_list_on_the_jakon_page(sample_dir):
    from tests.conftest import csv_bytes

    s = store_of(sample_dir)
    header = "nama_proyek;opd;sumber_dana;nilai_kontrak;tanggal_mulai;tanggal_selesai;jumlah_pekerja;kode_wilayah"
    service.publish_projects(
        s, csv_bytes([header, "Salah;Dinas PUPR;APBD;1.000;2025-01-01;2025-02-01;3;61.03"]), "x.csv"
    )
    at = open_app("jakon.py", period="2025-07", region="61.03")
    assert "1 dari 1 proyek belum mendaftarkan pekerjanya" in texts(at)
    at.selectbox(key="jakon_rb_version").set_value(1).run()
    at.button(key="jakon_rb_button").click().run()
    assert not at.exception
    assert "2 dari 4 proyek belum mendaftarkan pekerjanya" in texts(at)
    assert "Daftar proyek Jakon kembali ke versi 1." in texts(at)


def test_a_publish_on_one_replica_shows_on_another_replicas_overview(demo_dir, tmp_path, s3_endpoint, monkeypatch):
    """UCJ_STORE=s3://…: this app process works on its own copy; another replica publishes; the next
    rerun here shows the new figure (one LIST request per rerun)."""
    import uuid

    from tests.conftest import csv_bytes
    from ucj.cli import main
    from ucj.storage.replica import replicated_store

    url = f"s3://ucj-test/{uuid.uuid4().hex}"
    source = tmp_path / "source"
    shutil.copytree(demo_dir, source)
    assert main(["store", "copy", "--to", url, "--data-dir", str(source)]) == 0
    monkeypatch.setenv("UCJ_STORE", url)
    monkeypatch.setenv("UCJ_DATA_DIR", str(tmp_path / "replica-1"))
    at = open_app(period="2025-07", region="15.71")
    assert metrics(at)["Cakupan"] == "48,44%"
    other = replicated_store(tmp_path / "replica-2", url)
    july = csv_bytes(["period,region_code,workforce,PU,BPU,JAKON,PMI", "2025-07,15.71.01,30125,19318,4072,412,103"])
    assert service.ingest(other, july, "revisi.csv", user="ani", accept_warnings=True).stored
    at.run()
    assert metrics(at)["Cakupan"] != "48,44%"


def _shown_cells(frame_element) -> list[str]:
    """The texts a table shows (the Styler's display values), not the raw values underneath."""
    from streamlit import dataframe_util

    styler = frame_element.proto.arrow_data.styler
    display = dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)
    return [str(v) for v in display.to_numpy().ravel()]


def test_the_jakon_preview_shows_what_will_be_stored_before_publish(sample_dir):
    from tests.conftest import csv_bytes

    header = "nama_proyek,opd,sumber_dana,nilai_kontrak,tanggal_mulai,tanggal_selesai,jumlah_pekerja,kode_wilayah"
    data = csv_bytes([header, 'Jalan Baru,Dinas PUPR,APBD,"1 250 000 000",2025-03-01,2025-10-31,"12 345",61.03'])
    at = open_app("jakon.py", period="2025-07", region="61.03")
    at.file_uploader(key="jakon_file").set_value(("proyek.csv", data, "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [preview] = [d for d in at.dataframe if "Jalan Baru" in d.value.get("Proyek", pd.Series()).tolist()]
    assert preview.value["Proyek"].tolist() == ["Jalan Baru"]
    cells = _shown_cells(preview)
    assert "Rp1.250.000.000" in cells and "12.345" in cells
    assert "Yang akan disimpan: 1 proyek" in texts(at)
    assert store_of(sample_dir).read_jakon()["project"].tolist().count("Jalan Baru") == 0  # not yet published


def test_the_upload_page_asks_the_number_form_once_and_previews_the_answer(sample_dir):
    from tests.conftest import csv_bytes

    lines = ["period,region_code,workforce,PU,BPU,JAKON,PMI", "2023-01,15.71,290.000,90.000,45.000,5.000,2.000"]
    at = open_app("upload.py", period="2025-07", region="15.71")
    at.file_uploader(key="upload_file_0").set_value(("agustus.csv", csv_bytes(lines), "text/csv")).run()
    assert not at.exception
    [question] = [r for r in at.radio if r.key == "upload_number_format_0"]
    assert question.label == "Format angka berkas" and question.value is None
    assert not at.error and "Pilih format angka berkas ini" in texts(at)
    question.set_value("id").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [preview] = [d for d in at.dataframe if "Peserta aktif" in d.value.columns]
    assert "90.000" in _shown_cells(preview) and "290.000" in _shown_cells(preview)
    assert preview.value.set_index("Sektor").loc["PU", "Peserta aktif"] == 90000


def test_the_targets_import_previews_what_will_be_stored(sample_dir):
    from tests.conftest import csv_bytes

    data = csv_bytes(["kode_wilayah;tahun;target;sumber", "15.71;2027;61,5;RPJMD"])
    at = open_app("targets.py")
    at.file_uploader(key="targets_file").set_value(("target.csv", data, "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [preview] = [d for d in at.dataframe if "Tahun" in d.value.columns and 2027 in d.value["Tahun"].tolist()]
    assert "61,5%" in _shown_cells(preview) and "Kota Jambi" in _shown_cells(preview)
    assert "Yang akan disimpan: 1 target" in texts(at)
    assert 2027 not in read(query.list_targets, store_of(sample_dir))["year"].tolist()  # not yet imported


def test_the_jakon_page_asks_the_number_form_of_an_ambiguous_list_once(sample_dir):
    from tests.conftest import csv_bytes

    header = "nama_proyek,opd,sumber_dana,nilai_kontrak,tanggal_mulai,tanggal_selesai,jumlah_pekerja,kode_wilayah"
    data = csv_bytes([header, 'Jalan Baru,Dinas PUPR,APBD,"2.000",2025-03-01,2025-10-31,"1.000",61.03'])
    at = open_app("jakon.py", period="2025-07", region="61.03")
    at.file_uploader(key="jakon_file").set_value(("proyek.csv", data, "text/csv")).run()
    assert not at.exception and not at.error and "Pilih format angka berkas ini" in texts(at)
    at.radio(key="jakon_number_format").set_value("id").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [preview] = [d for d in at.dataframe if "Jalan Baru" in d.value.get("Proyek", pd.Series()).tolist()]
    assert "Rp2.000" in _shown_cells(preview) and "1.000" in _shown_cells(preview)


def test_an_admin_withdraws_a_period_from_the_upload_page_after_confirming(sample_dir):
    s = store_of(sample_dir)
    latest = read(query.Revision.latest_period, s)
    at = open_app("upload.py", period=latest, region="15")
    at.selectbox(key="withdraw_period").set_value(latest).run()
    assert at.button(key="withdraw_button").disabled  # nothing happens before the confirmation
    at.checkbox(key=f"withdraw_confirm_{latest}").check().run()
    at.button(key="withdraw_button").click().run()
    assert not at.exception
    versions = s.versions(latest)
    assert versions.iloc[0][["mode", "active", "rows"]].tolist() == ["withdraw", True, 0]
    assert read(query.Revision.latest_period, s) < latest
    assert any("ditarik" in m.value for m in at.success)
    assert at.selectbox(key="withdraw_period").value != latest  # a withdrawn month has nothing left to withdraw
    assert len(at.selectbox(key="withdraw_period").options) == len(s.periods())


def test_pages_open_on_the_last_month_with_data_after_a_withdrawal(sample_dir):
    s = store_of(sample_dir)
    latest, before = s.periods()[-1], s.periods()[-2]
    s.withdraw(latest, user="adi")
    at = open_app()
    assert not at.exception
    assert at.selectbox(key="period").value == before
    assert len(at.selectbox(key="period").options) == len(s.periods())
