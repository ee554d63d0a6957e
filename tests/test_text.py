"""Issue 17, points 4 and 6: sentences that say whom they count, and tables that speak in words
(roles, audit details, months) in the UI's language."""

from tests.conftest import read
from ucj.present import reporting, tables, views


def test_a_sectors_sentence_names_its_workers_and_shows_participants_of_workforce(demo_store):
    ov = read(views.overview, demo_store, "2025-07", "61.03", "JAKON")
    assert ov.sentence("id") == (
        "Kabupaten Sanggau: 4.519 dari 12.320 pekerja jasa konstruksi terlindungi (36,68%) — target 58,65%: "
        "perlu 2.707 peserta lagi, 542 per bulan hingga Desember 2025."
    )
    assert ov.sentence("en") == (
        "Kabupaten Sanggau: 4.519 of 12.320 construction workers covered (36,68%) — target 58,65%: "
        "2.707 more participants needed, 542 a month until December 2025."
    )


def test_the_all_sector_sentence_shows_the_counts_of_all_workers(demo_store):
    ov = read(views.overview, demo_store, "2025-07", "15.71")
    assert ov.sentence("id").startswith("Kota Jambi: 140.349 dari 289.714 pekerja terlindungi (48,44%) — target 55%")
    # Sanggau's all-sector figure is not its construction workers' figure: the words tell them apart.
    sanggau = read(views.overview, demo_store, "2025-07", "61.03").sentence("id")
    assert sanggau.startswith("Kabupaten Sanggau: 65.056 dari 220.618 pekerja terlindungi (29,49%)")
    assert "jasa konstruksi" not in sanggau


def test_every_sector_has_its_workers_in_words_in_both_languages():
    row = {"participants": 1000, "workforce": 4000, "coverage_pct": 25.0}
    said = {(s, lang): views.covered_text(row, lang, s) for s in views.WORKERS_KEY for lang in ("id", "en")}
    assert said[("PU", "id")] == "1.000 dari 4.000 pekerja penerima upah terlindungi (25,00%)"
    assert said[("PMI", "en")] == "1.000 of 4.000 Indonesian migrant workers covered (25,00%)"
    assert len(set(said.values())) == len(said)


def test_audit_roles_and_details_read_in_words():
    entries = [
        {
            "seq": 1,
            "time": "2025-07-01T03:00:00Z",
            "event": "upload_refused",
            "user": "ani",
            "role": "analyst",
            "regions": [],
            "detail": {"file_name": "salah.csv", "errors": 1200, "first": "unknown_code"},
        },
        {
            "seq": 2,
            "time": "2025-07-01T04:00:00Z",
            "event": "upload_published",
            "user": "admin",
            "role": "admin",
            "regions": ["15.71"],
            "detail": {"revision": 3, "period": "2026-10", "version": 2, "mode": "replace", "file_name": "a.csv"},
        },
        {
            "seq": 3,
            "time": "2025-07-01T05:00:00Z",
            "event": "access_denied",
            "user": "wali",
            "role": "viewer",
            "regions": [],
            "detail": {"action": "rollback", "reason": "access_denied_scope", "period": "2025-07"},
        },
    ]
    log = tables.audit_table(entries, "id").set_index("seq")
    assert log.loc[1, "role"] == "Analis" and log.loc[2, "role"] == "Admin" and log.loc[3, "role"] == "Pembaca"
    assert log.loc[1, "detail"].startswith("berkas: salah.csv · kesalahan: 1.200 · kesalahan pertama: ")
    assert log.loc[2, "detail"] == "revisi: 3 · periode: Oktober 2026 · versi: 2 · cara: ganti bulan · berkas: a.csv"
    assert log.loc[2, "regions"] == "Kota Jambi"
    assert log.loc[3, "detail"].startswith("tindakan: memulihkan versi · alasan: ")
    assert log.loc[3, "detail"].endswith("periode: Juli 2025")
    assert not any("=" in d or "_" in d for d in log["detail"])
    en = tables.audit_table(entries, "en").set_index("seq")
    assert en.loc[3, "role"] == "Viewer" and "period: July 2025" in en.loc[3, "detail"]


def test_the_versions_table_names_its_months(demo_store):
    shown = tables.versions_table(demo_store.versions(), "id")
    assert "Oktober 2026" in set(shown["period"]) and "Juli 2025" in set(shown["period"])
    assert not shown["period"].str.fullmatch(r"\d{4}-\d{2}").any()


def test_kelengkapan_shows_the_chosen_month_first(demo_store):
    grid = read(reporting.reporting_grid, demo_store, "15", "2025-07", months=12, lang="id")
    assert list(grid.columns[:5]) == ["region_code", "Wilayah", "Jul 2025", "Jun 2025", "Mei 2025"]
    assert grid.columns[-1] == "Agu 2024"
