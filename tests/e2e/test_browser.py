"""The dashboard in a real browser: every page, an upload through the page, its figures on the overview."""

import re

from playwright.sync_api import expect

from tests.conftest import csv_bytes
from tests.e2e.conftest import shot
from ucj.fmt import fmt_int, fmt_pct
from ucj.targets import coverage_pct

PAGES = [
    ("", "Kota Jambi · Juli 2025"),
    ("wilayah", "Wilayah"),
    ("sektor", "Sektor · Kota Jambi"),
    ("tren", "Tren"),
    ("unggah", "Unggah"),
    ("target", "Target"),
]


def wait_idle(page):
    """Until Streamlit has finished the run the last action started."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(300)


def test_every_page_in_the_browser(server, page):
    base, _ = server
    for path, heading in PAGES:
        page.goto(f"{base}/{path}?period=2025-07&region=15.71")
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        wait_idle(page)
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in page.content()
        # The URL keeps the filters, so a copied link opens the same view.
        assert "period=2025-07" in page.url and "region=15.71" in page.url
        assert shot(page, path or "ringkasan").stat().st_size > 10_000
    page.goto(f"{base}/?period=2025-07&region=15.71")
    expect(page.get_by_text("Kota Jambi: 48,44% dari target 55% — perlu 18.994 peserta lagi")).to_be_visible()


def test_overview_in_english_and_sanggau(server, page):
    base, _ = server
    page.goto(f"{base}/?period=2025-07&region=61.03&sector=JAKON&lang=en")
    expect(
        page.get_by_text("Kabupaten Sanggau: 36,68% of 58,65% — 2.707 more participants needed, 542 a month")
    ).to_be_visible()
    wait_idle(page)
    shot(page, "ringkasan-en-sanggau-jakon")


def test_upload_through_the_page_then_see_it_on_the_overview(server, page, tmp_path):
    base, data = server
    participants = (101_000, 46_500, 5_100, 1_400)
    workforce = 294_060
    upload = tmp_path / "november.csv"
    upload.write_bytes(
        csv_bytes(
            [
                "LAPORAN UCJ KOTA JAMBI;;;;;;;",
                "periode;kode_wilayah;nama_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI",
                "November 2026;15.71;KOTA JAMBI;294.060;" + ";".join(f"{n:,}".replace(",", ".") for n in participants),
            ],
            bom=True,
            crlf=True,
        )
    )
    page.goto(f"{base}/unggah")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    expect(page.get_by_text(re.compile("Berkas valid: periode November 2026"))).to_be_visible()
    expect(page.get_by_text("1 baris judul di atas tabel dilewati.")).to_be_visible()
    wait_idle(page)
    shot(page, "unggah-pratinjau")
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_text(re.compile("Diterbitkan: periode November 2026, versi 1"))).to_be_visible()
    wait_idle(page)
    shot(page, "unggah-diterbitkan")

    page.goto(f"{base}/?period=2026-11&region=15.71")
    expected = fmt_pct(coverage_pct(sum(participants), workforce))
    expect(page.get_by_text(re.compile(f"^Kota Jambi: {re.escape(expected)} dari target 58%"))).to_be_visible()
    wait_idle(page)
    kpi = page.locator('[data-testid="stMetricValue"]').first
    expect(kpi).to_have_text(expected)
    assert fmt_int(sum(participants)) == "154.000"
    shot(page, "ringkasan-setelah-unggah")


def test_a_bad_file_is_reported_row_by_row_and_cannot_be_published(server, page, tmp_path):
    base, data = server
    bad = tmp_path / "salah.csv"
    bad.write_bytes(
        csv_bytes(
            [
                "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI",
                "Juli 2025;15.71;289.714;banyak;45.000;4.349;1.000",
                "Juli 2025;Atlantis;1.000;1;1;1;1",
            ]
        )
    )
    before = (data / "manifest.json").read_text()
    page.goto(f"{base}/unggah")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    expect(page.get_by_text(re.compile("Berkas memuat 2 kesalahan"))).to_be_visible()
    wait_idle(page)
    assert page.get_by_role("button", name="Terbitkan").count() == 0
    shot(page, "unggah-kesalahan")
    assert (data / "manifest.json").read_text() == before
