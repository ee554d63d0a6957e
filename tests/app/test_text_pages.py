"""Issue 17, points 4 and 6, as a user reads the pages: sentences that say whom they count, captions
that do not contradict the figures, hints only for those who may act on them, words not codes."""

from tests.app.conftest import open_app, texts
from tests.app.test_access import office, sign_in  # noqa: F401 - the fixture is used by name

ILLUSTRATIVE_EN = "Illustrative (not official)"


def test_ringkasan_says_whom_a_sectors_figure_counts(sample_dir):
    at = open_app(period="2025-07", region="61.03", sector="JAKON")
    assert (
        "Kabupaten Sanggau: 4.519 dari 12.320 pekerja jasa konstruksi terlindungi (36,68%) — target 58,65%: "
        "perlu 2.707 peserta lagi, 542 per bulan hingga Desember 2025." in texts(at)
    )
    at = open_app(period="2025-07", region="15.71")
    assert "Kota Jambi: 140.349 dari 289.714 pekerja terlindungi (48,44%)" in texts(at)


def test_the_jakon_caption_states_the_aim_not_a_claim_the_figures_deny(sample_dir):
    at = open_app("jakon.py", period="2025-07", region="15.71")
    said = texts(at)
    assert "2 dari 6 proyek belum mendaftarkan pekerjanya" in said
    assert "tidak ada proyek APBD yang luput" not in said
    assert "Tujuannya: setiap proyek APBD mendaftarkan pekerjanya sebelum pekerjaan dimulai." in said


def test_a_viewer_on_target_is_not_told_to_edit(office):  # noqa: F811
    at = sign_in(open_app(period="2025-07", region="15.71"), "wali")
    at.switch_page("app_pages/targets.py")
    at.run()
    said = texts(at)
    assert "target hanya dapat dilihat" in said
    assert "Ubah, tambah atau hapus baris" not in said
    # The sample's sources in the UI's language alone.
    sources = set(at.dataframe[0].value["Sumber"])
    assert "Ilustrasi (bukan angka resmi)" in sources
    assert not any(ILLUSTRATIVE_EN in s for s in sources)
    at = sign_in(open_app(period="2025-07", region="15.71"), "ani")
    at.switch_page("app_pages/targets.py")
    at.run()
    assert "Ubah, tambah atau hapus baris, lalu simpan." in texts(at)


def test_the_audit_page_names_roles_and_details_in_words(office):  # noqa: F811
    at = sign_in(open_app(), "admin")
    at.switch_page("app_pages/audit.py")
    at.run()
    log = at.dataframe[0].value
    assert "Admin" in set(log["Peran"])
    assert not set(log["Peran"]) & {"admin", "analyst", "viewer"}
    assert not any("=" in d for d in log["Rincian"])
    assert any(d.startswith("nama: ani · peran: Analis") for d in log["Rincian"])


def test_upload_speaks_of_months_in_words(sample_dir):
    at = open_app("upload.py", period="2025-07", region="15.71")
    assert at.text_input(key="upload_period").placeholder == "mis. Juli 2025"
    versions = next(d.value for d in at.dataframe if "Periode" in d.value.columns)
    periods = set(versions["Periode"])
    assert {"Oktober 2026", "Juli 2025"} <= periods


def test_an_audit_line_chosen_reads_in_full(office):  # noqa: F811
    at = sign_in(open_app(), "admin")
    at.switch_page("app_pages/audit.py")
    at.run()
    log = at.dataframe[0].value
    row = next(i for i, d in enumerate(log["Rincian"]) if d.startswith("nama: ani"))
    at.session_state["audit_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert f"Rincian: {log['Rincian'].iloc[row]}" in texts(at)
