"""The dashboard in a real browser: every page, an upload through the page, its figures on the overview."""

import re
import time

from playwright.sync_api import expect

from tests.conftest import csv_bytes
from tests.e2e.conftest import shot
from ucj.core.coverage import coverage_pct
from ucj.core.fmt import fmt_int, fmt_pct

PAGES = [
    ("", "Kota Jambi · Juli 2025"),
    ("ringkasan", "Kota Jambi · Juli 2025"),  # a shared link to the overview, on a new session
    ("wilayah", "Wilayah"),
    ("sektor", "Sektor · Kota Jambi"),
    ("tren", "Tren"),
    ("unggah", "Unggah"),
    ("target", "Target"),
    ("anggaran", "Perencana anggaran · Kota Jambi"),
    ("jakon", "Monev Jakon · Kota Jambi"),
    ("presentasi", "Cakupan UCJ Kota Jambi"),
]


def choose(page, key: str, option: str) -> None:
    """Picks ``option`` in the selectbox with widget key ``key``. A rerun may redraw the list while it
    opens (the option is then detached): open it again, up to three times."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # During a rerun Streamlit may briefly show the old element (data-stale) beside the new one.
    box = page.locator(f'.st-key-{key}:not([data-stale="true"])')
    for _ in range(3):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            wait_idle(page)
            continue
        wait_idle(page)
        inputs = box.locator("input")
        shown = box.inner_text() + " " + " ".join(inputs.nth(i).input_value() for i in range(inputs.count()))
        if option in shown.split() or option in shown:
            return
    raise AssertionError(f"could not choose {option!r} in {key}")


def wait_idle(page):
    """Until Streamlit has finished the run the last action started."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(300)


def test_every_page_in_the_browser(server, page):
    base, _ = server
    # Nothing is fetched from the internet at run time: no tiles, fonts, icons or scripts.
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
    for path, heading in PAGES:
        page.goto(f"{base}/{path}?period=2025-07&region=15.71")
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        wait_idle(page)
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in page.content()
        expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
        # The URL keeps the filters, so a copied link opens the same view.
        assert "period=2025-07" in page.url and "region=15.71" in page.url
        assert shot(page, path or "ringkasan").stat().st_size > 10_000
    page.goto(f"{base}/?period=2025-07&region=15.71")
    jambi = "Kota Jambi: 140.349 dari 289.714 pekerja terlindungi (48,44%) — target 55%: perlu 18.994 peserta lagi"
    expect(page.get_by_text(jambi)).to_be_visible()
    assert outside == [], outside[:5]


def test_overview_in_english_and_sanggau(server, page):
    base, _ = server
    page.goto(f"{base}/?period=2025-07&region=61.03&sector=JAKON&lang=en")
    expect(
        page.get_by_text(
            "Kabupaten Sanggau: 4.519 of 12.320 construction workers covered (36,68%) — target 58,65%: "
            "2.707 more participants"
        )
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
    said = rf"^Kota Jambi: .* pekerja terlindungi \({re.escape(expected)}\) — target 58%"
    expect(page.get_by_text(re.compile(said))).to_be_visible()
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


def test_presentation_by_keyboard_at_both_sizes_and_downloads(server, browser, tmp_path):
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    base, _ = server
    titles = [
        "Cakupan UCJ Kota Jambi",
        "Cakupan terhadap target",
        "Wilayah yang tertinggal",
        "Sektor",
        "Tren dan proyeksi",
        "Berapa yang harus didaftarkan, berapa biayanya",
        "Program Pemda",
        "Proyek konstruksi (Jakon)",
    ]
    for width, height in [(1280, 720), (1920, 1080)]:
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{base}/presentasi?period=2025-07&region=15.71")
        page.wait_for_function("() => !!document.__ucjKeys")  # the page's key handler is in place
        for n, title in enumerate(titles, start=1):
            expect(page.get_by_text(f"Slide {n} dari 8")).to_be_visible()
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
            wait_idle(page)
            assert not page.locator('[data-testid="stSidebar"]').is_visible()
            # Everything of the slide fits the screen: nothing to scroll to on a projector.
            heading = page.get_by_role("heading", name=title, exact=True).bounding_box()
            assert heading["y"] + heading["height"] < height
            shot(page, f"presentasi-{width}x{height}-{n}")
            page.keyboard.press("ArrowRight" if n % 2 else "PageDown")
        expect(page.get_by_text("Slide 8 dari 8")).to_be_visible()
        page.keyboard.press("ArrowLeft")
        expect(page.get_by_text("Slide 7 dari 8")).to_be_visible()
        assert "slide=7" in page.url
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{base}/presentasi?period=2025-07&region=15.71&slide=1")
    page.wait_for_function("() => !!document.__ucjKeys")
    expect(page.get_by_text("Slide 1 dari 8")).to_be_visible()
    wait_idle(page)
    # The downloads of the slide in view (the last slide has the same two, hidden while slide 1 shows).
    first = page.locator(".st-key-ucj_slide_1")
    pptx = first.get_by_role("button", name="Unduh slide (.pptx)")
    expect(pptx).to_be_visible()
    with page.expect_download() as dl:
        pptx.click()
    pptx_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(pptx_path)
    assert pptx_path.name == "ucj-15.71-2025-07.pptx"
    prs = Presentation(io.BytesIO(pptx_path.read_bytes()))
    texts = " ".join(sh.text_frame.text for sl in prs.slides for sh in sl.shapes if sh.has_text_frame)
    assert len(prs.slides) == 8 and "48,44%" in texts and "18.994" in texts
    with page.expect_download() as dl:
        first.get_by_role("button", name="Unduh laporan (.pdf)").click()
    pdf_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(pdf_path)
    text = " ".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "Kota Jambi" in text and "48,44%" in text and "Rp319.099.200" in text
    context.close()


def test_warning_needs_confirmation_then_rollback_restores(server, page, tmp_path):
    from tests.conftest import read
    from ucj import query
    from ucj.storage.store import Store

    base, data = server
    store = Store(data)
    before = read(query.coverage_by_region, store, "2026-10").set_index("region_code").loc["61.03", "participants"]
    jumped = tmp_path / "oktober-revisi.csv"
    # Kabupaten Sanggau alone, 40% above September: a change the analyst must confirm.
    sept = read(query.participants_totals, store, "2026-09", ["61.03"])["61.03"]
    pu = round(sept * 1.4) - 3000
    jumped.write_bytes(
        csv_bytes(
            [
                "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI",
                f"Oktober 2026;61.03;223.927;{pu};1.000;1.000;1.000",
            ]
        )
    )
    page.goto(f"{base}/unggah")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(jumped))
    expect(page.get_by_text(re.compile("Berkas valid: periode Oktober 2026"))).to_be_visible()
    # The report is a data grid: its cells are in the accessibility tree, drawn on a canvas.
    expect(page.get_by_text(re.compile(r"Peserta berubah \+4\d,\d% dibanding 2026-09"))).to_be_attached()
    expect(
        page.get_by_text("Menerbitkan mengganti angka 1 wilayah di berkas ini untuk Oktober 2026", exact=False)
    ).to_be_visible()
    publish = page.get_by_role("button", name="Terbitkan")
    expect(publish).to_be_disabled()
    expect(page.get_by_text("Dibanding angka periode Oktober 2026 saat ini")).to_be_visible()
    wait_idle(page)
    shot(page, "unggah-peringatan")
    page.get_by_text("Saya sudah memeriksa 1 peringatan dan angka ini benar").click()
    expect(publish).to_be_enabled()
    publish.click()
    expect(page.get_by_text(re.compile("Diterbitkan: periode Oktober 2026, versi 2"))).to_be_visible()
    assert store.versions("2026-10")["version"].tolist() == [2, 1]

    # Undo the upload from the page: restore version 1.
    wait_idle(page)
    choose(page, "rb_period", "Oktober 2026")
    choose(page, "rb_version", "1")
    page.locator(".st-key-rb_button button").click()
    expect(page.get_by_text("Periode Oktober 2026 kini memakai versi 1.")).to_be_visible(timeout=30_000)
    after = read(query.coverage_by_region, store, "2026-10").set_index("region_code").loc["61.03", "participants"]
    assert after == before


def _edit_target_cell(page, row: int, text: str) -> None:
    """Selects the Target (%) cell of ``row`` in the editor and types ``text`` into it.

    The grid is drawn on a canvas; the page gives its columns fixed widths (row marker about
    33 px, then 110, 220, 90, 110) and rows are 35 px, header included.
    """
    page.wait_for_timeout(1000)  # the grid takes input once drawn
    box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    x = box["x"] + 33 + 110 + 220 + 90 + 110 / 2
    y = box["y"] + 35 * (row + 1) + 35 / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(400)
    # Typing on a selected cell opens its editor with what is typed, replacing the old value.
    page.keyboard.type(text, delay=50)
    page.wait_for_timeout(400)
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)  # the edit's own rerun starts…
    wait_idle(page)  # …and ends before anything else is clicked


def test_editing_a_target_in_the_grid(server, page):
    from tests.conftest import read
    from ucj import query
    from ucj.storage.store import Store

    base, data = server
    store = Store(data)
    targets = read(query.list_targets, store)
    row = targets.index[(targets["region_code"] == "61.03") & (targets["year"] == 2025)][0]
    page.goto(f"{base}/target")
    wait_idle(page)
    _edit_target_cell(page, row, "150")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Target tidak disimpan: 1 kesalahan.")).to_be_visible(timeout=20_000)
    # The report names the cell as the grid does (its cells are canvas-drawn, in the accessibility tree).
    expect(page.get_by_text("Persentase harus lebih dari 0 dan paling banyak 100.")).to_be_attached()
    expect(page.locator("[role=gridcell]", has_text="Target (%)").first).to_be_attached()
    wait_idle(page)
    shot(page, "target-kesalahan")
    assert (
        read(query.list_targets, store).set_index(["region_code", "year"]).loc[("61.03", 2025), "target_pct"] == 58.65
    )

    page.goto(f"{base}/target")
    wait_idle(page)
    _edit_target_cell(page, row, "60,5")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text(f"{len(targets)} target disimpan.")).to_be_visible(timeout=20_000)
    assert read(query.list_targets, store).set_index(["region_code", "year"]).loc[("61.03", 2025), "target_pct"] == 60.5
    page.goto(f"{base}/?period=2025-07&region=61.03&sector=JAKON")
    said = r"^Kabupaten Sanggau: 4\.519 dari 12\.320 pekerja jasa konstruksi terlindungi \(36,68%\) — target 60,5%"
    expect(page.get_by_text(re.compile(said))).to_be_visible()


def test_a_branch_file_merges_and_replacing_the_month_needs_a_named_confirmation(server, page):
    """Kalimantan Barat's analyst uploads only her province's regions for Agustus 2025."""
    from tests.conftest import read
    from tests.test_merge import wide_file
    from ucj import query
    from ucj.core import regions
    from ucj.storage.store import Store

    base, data = server
    store = Store(data)
    jambi = ["15", "15.71", *[r.code for r in regions.children("15")]]

    def jambi_figures():
        return {c: read(query.target_status, store, "2025-08", region=c).iloc[0].coverage_pct for c in jambi}

    before = jambi_figures()
    sanggau = read(query.target_status, store, "2025-08", region="61.03").iloc[0]
    upload = data.parent / "kalbar-agustus.csv"
    upload.write_bytes(wide_file(store, "2025-08", "61", extra_pu={"61.03": 1_000}))

    # 1. Merge (the default): Jambi keeps every figure.
    page.goto(f"{base}/unggah")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    expect(page.get_by_text(re.compile("Berkas valid: periode Agustus 2025"))).to_be_visible()
    note = "Menerbitkan mengganti angka 14 wilayah di berkas ini untuk Agustus 2025; 21 wilayah lain tetap"
    expect(page.get_by_text(note, exact=False)).to_be_visible()
    wait_idle(page)
    page.get_by_text(note, exact=False).scroll_into_view_if_needed()
    shot(page, "unggah-gabung-kalbar")
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_text(re.compile("Diterbitkan: periode Agustus 2025, versi 2"))).to_be_visible()
    assert jambi_figures() == before
    after = read(query.target_status, store, "2025-08", region="61.03").iloc[0]
    assert after.participants == sanggau.participants + 1_000
    page.goto(f"{base}/?period=2025-08&region=15")
    wait_idle(page)
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(fmt_pct(before["15"]))
    expect(page.get_by_text("Lengkap: 11 dari 11 kabupaten/kota melapor untuk Agustus 2025.")).to_be_visible()
    shot(page, "ringkasan-jambi-setelah-kalbar")

    # 2. Replacing the whole month: the regions that would lose their figures, and a named confirmation.
    page.goto(f"{base}/unggah")
    wait_idle(page)
    page.get_by_text("Ganti seluruh bulan", exact=False).click()
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    expect(
        page.get_by_text("21 wilayah yang tidak ada di berkas ini akan kehilangan angkanya", exact=False)
    ).to_be_visible()
    publish = page.get_by_role("button", name="Terbitkan")
    expect(publish).to_be_disabled()
    expect(page.get_by_text("hilang").first).to_be_attached()  # the comparison lists them
    wait_idle(page)
    page.get_by_text("Ya, hapus angka 21 wilayah", exact=False).scroll_into_view_if_needed()
    shot(page, "unggah-ganti-bulan")
    page.get_by_text("Ya, hapus angka 21 wilayah yang tidak ada di berkas ini untuk Agustus 2025").click()
    expect(publish).to_be_enabled()
    publish.click()
    expect(page.get_by_text(re.compile("Diterbitkan: periode Agustus 2025, versi 3"))).to_be_visible()
    assert read(query.target_status, store, "2025-08", region="15").empty
    page.goto(f"{base}/kelengkapan?period=2025-08&region=15")
    wait_idle(page)
    expect(page.get_by_text(re.compile("^Belum melapor untuk Agustus 2025: Kabupaten Kerinci"))).to_be_visible()
    page.locator('[data-testid="stDataFrame"] canvas').first.wait_for()
    page.wait_for_timeout(1000)
    shot(page, "kelengkapan-jambi-agustus")

    # 3. Rolling back to version 2 brings Jambi back.
    store.rollback("2025-08", 2, user="e2e")
    assert jambi_figures() == before


def _sign_in(page, base, name):
    from tests.e2e.conftest import OFFICE_PASSWORD

    page.goto(base)
    expect(page.get_by_role("heading", name="Masuk ke Dasbor UCJ")).to_be_visible()
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(OFFICE_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text(re.compile(f"Masuk sebagai {name}"))).to_be_visible()
    wait_idle(page)


def test_an_analyst_publishes_her_region_and_is_refused_another(office_server, page, tmp_path):
    base, data = office_server
    _sign_in(page, base, "ani")
    shot(page, "masuk-analis")
    ok = tmp_path / "kota-jambi-nov.csv"
    ok.write_bytes(
        csv_bytes(
            [
                "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI",
                "November 2026;15.71.01;30.125;9.318;4.072;412;103",
            ]
        )
    )
    # Go by the sidebar, as a user would.
    page.locator(".st-key-ucj_menu").get_by_text("Unggah").click()
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(ok))
    expect(page.get_by_text(re.compile("Berkas valid: periode November 2026"))).to_be_visible()
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_text(re.compile("Diterbitkan: periode November 2026, versi 1"))).to_be_visible()

    other = tmp_path / "sanggau-nov.csv"
    other.write_bytes(
        csv_bytes(
            [
                "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI",
                "November 2026;61.03;223.927;41.318;21.072;5.012;1.203",
            ]
        )
    )
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(other))
    # Told before publishing, row by row, and no button to publish it.
    expect(page.get_by_text(re.compile("Berkas memuat 1 kesalahan"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Wilayah ini di luar wilayah ani \(15\.71\)"))).to_be_attached()
    wait_idle(page)
    assert page.get_by_role("button", name="Terbitkan").count() == 0
    shot(page, "unggah-ditolak-di-luar-wilayah")
    from ucj.storage.store import Store

    events = [(e["event"], e["user"]) for e in Store(data).audit.entries()]
    assert ("upload_published", "ani") in events and ("upload_refused", "ani") in events


def _session_cookies(page, present: bool, seconds: float = 20):
    """The browser's ucj_session cookies, once they are there (or gone): the page asks for them
    with a fetch that ends a moment after the rerun."""
    deadline = time.monotonic() + seconds
    while True:
        found = [c for c in page.context.cookies() if c["name"] == "ucj_session"]
        if bool(found) == present or time.monotonic() > deadline:
            return found
        page.wait_for_timeout(200)


def test_a_sign_in_survives_a_reload_and_opens_a_shared_link(office_server, page):
    from tests.e2e.conftest import OFFICE_PASSWORD

    base, _ = office_server
    # A shared link to the sectors page, opened signed out: signing in lands on that page.
    page.goto(f"{base}/sektor?period=2025-07&region=15.71")
    expect(page.get_by_role("heading", name="Masuk ke Dasbor UCJ")).to_be_visible()
    page.get_by_label("Nama pengguna").fill("wali")
    page.get_by_label("Kata sandi").fill(OFFICE_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text(re.compile("Masuk sebagai wali"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Sektor"))).to_be_visible()
    wait_idle(page)
    # The cookie is HttpOnly: the page's own scripts cannot read it.
    [cookie] = _session_cookies(page, present=True)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > time.time() + 11 * 3600
    assert "ucj_session" not in page.evaluate("document.cookie")
    # A reload keeps the sign-in and the page.
    page.reload()
    expect(page.get_by_text(re.compile("Masuk sebagai wali"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Sektor"))).to_be_visible()
    # Another page's link opened in a new tab of the same browser: signed in, on that page.
    other = page.context.new_page()
    other.goto(f"{base}/tren?period=2025-07&region=15.71")
    expect(other.get_by_text(re.compile("Masuk sebagai wali"))).to_be_visible()
    expect(other.get_by_role("heading", name=re.compile("^Tren"))).to_be_visible()
    expect(other.get_by_role("heading", name="Masuk ke Dasbor UCJ")).to_have_count(0)
    # Signing out forgets it: a reload asks again.
    other.get_by_role("button", name="Keluar").click()
    expect(other.get_by_role("heading", name="Masuk ke Dasbor UCJ")).to_be_visible()
    assert _session_cookies(other, present=False) == []
    other.reload()
    expect(other.get_by_role("heading", name="Masuk ke Dasbor UCJ")).to_be_visible()


def test_a_viewer_is_offered_no_upload(office_server, page):
    base, _ = office_server
    _sign_in(page, base, "wali")
    nav = page.locator(".st-key-ucj_menu")
    expect(nav.get_by_text("Ringkasan")).to_be_visible()
    expect(nav.get_by_text("Unggah")).to_have_count(0)
    expect(nav.get_by_text("Audit")).to_have_count(0)
    shot(page, "pembaca-tanpa-unggah")


def test_the_map_hovers_and_a_click_opens_the_region(server, browser):
    # The shipped sample's boundaries (test_map.py draws them at each size); this one points and clicks.
    base, _ = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/wilayah?period=2025-07&region=15")
    chart = page.locator(".st-key-coverage_map")
    # plotly's script loads on the first chart of a page: slow on a busy machine.
    page.wait_for_selector(".st-key-coverage_map .js-plotly-plot", timeout=60_000)
    expect(chart.get_by_text("Peta cakupan kabupaten/kota di Jambi terhadap target")).to_be_visible(timeout=30_000)
    chart.scroll_into_view_if_needed()
    wait_idle(page)
    points = chart.locator(".scatterlayer .trace").last.locator("path.point")
    expect(points).to_have_count(11, timeout=30_000)
    # Kota Jambi's point: hover says its figures; a click opens it.
    names = chart.locator(".scatterlayer .trace").last.locator("text")
    index = [names.nth(i).text_content() for i in range(names.count())].index("▲ Kota Jambi")
    box = points.nth(index).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".hoverlayer").get_by_text("Cakupan 48,44% · Target 55%")).to_be_visible()
    wait_idle(page)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.get_by_role("heading", name="Rincian Kota Jambi")).to_be_visible(timeout=45_000)
    assert "region=15.71" in page.url
    page.close()


def test_the_jakon_page_takes_a_project_list(server, browser, tmp_path):
    base, _ = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/jakon?period=2025-07&region=61.03")
    expect(page.get_by_text("2 dari 4 proyek belum mendaftarkan pekerjanya")).to_be_visible()
    wait_idle(page)
    page.get_by_text("Unggah daftar proyek").first.click()
    bad = tmp_path / "proyek-salah.csv"
    header = (
        "nama_proyek;opd;ppk;sumber_dana;nilai_kontrak;tanggal_mulai;tanggal_selesai;jumlah_pekerja;nama_wilayah;"
        "no_registrasi_bpjs;tanggal_registrasi"
    )
    bad.write_bytes(csv_bytes([header, "Jalan Desa;Dinas PUPR;A;Hibah;1.000.000;2025-01-01;2025-02-01;3;Kab Sangau;;"]))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    expect(page.get_by_text(re.compile("Sumber dana tidak dikenal"))).to_be_attached()
    expect(page.get_by_text(re.compile(r"Kabupaten Sanggau \(61\.03\)"))).to_be_attached()
    assert page.get_by_role("button", name="Terbitkan").count() == 0
    shot(page, "jakon-ditolak")
    ok = tmp_path / "proyek-sanggau.csv"
    ok.write_bytes(
        csv_bytes([header, "Jalan Desa Kapuas;Dinas PUPR;A;APBD;1.000.000.000;2025-05-01;2025-09-30;12;Kab. Sanggau;;"])
    )
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(ok))
    expect(page.get_by_text(re.compile("Berkas valid: 1 proyek"))).to_be_visible()
    page.get_by_role("button", name="Terbitkan").click()
    # Sanggau's four sample projects are replaced by the one sent: unregistered, Rp1.540.000 owed.
    expect(page.get_by_text(re.compile("1 dari 1 proyek belum mendaftarkan pekerjanya: 12 pekerja"))).to_be_visible()
    expect(page.get_by_text(re.compile("iuran terutang Rp1.540.000"))).to_be_visible()
    for width, height in ((1366, 768), (1920, 1080), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        wait_idle(page)
        shot(page, f"jakon-{width}x{height}")
    page.close()


def test_streamlit_and_plotly_speak_indonesian_in_the_indonesian_ui(server, page):
    base, _ = server
    page.goto(f"{base}/unggah?period=2025-07&region=15.71")
    wait_idle(page)
    expect(page.locator('[data-testid="stSkipToContent"]')).to_have_text("Langsung ke isi utama")
    zone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    expect(zone.get_by_text("Unggah", exact=True)).to_be_attached()
    expect(zone.get_by_text(re.compile(r"^20 MB per berkas"))).to_be_attached()
    page.goto(f"{base}/tren?period=2025-07&region=15")
    wait_idle(page)
    page.locator(".js-plotly-plot").first.hover()
    titles = page.locator(".modebar-btn").evaluate_all("els => els.map(e => e.getAttribute('data-title'))")
    assert "Unduh grafik (PNG)" in titles and "Perbesar" in titles
    assert not {"Zoom in", "Autoscale", "Download plot as a PNG"} & set(titles)
    # In English they stay English.
    page.goto(f"{base}/tren?period=2025-07&region=15&lang=en")
    wait_idle(page)
    expect(page.locator('[data-testid="stSkipToContent"]')).to_have_text("Skip to main content")


def test_a_workbook_with_several_visible_sheets_offers_the_sheet_to_read(server, page, tmp_path):
    import hashlib

    from openpyxl import Workbook

    base, data = server
    wb = Workbook()
    wb.active.title = "Catatan"
    wb.active.append(["Data ada di lembar Juli"])
    ws = wb.create_sheet("Juli")
    ws.append(["periode", "kode_wilayah", "jumlah_pekerja", "PU", "BPU", "JAKON", "PMI"])
    ws.append(["2023-07", "15.71", 289714, 90000, 45000, 4349, 1000])  # a month the sample lacks
    book = tmp_path / "dua-lembar.xlsx"
    wb.save(book)
    page.goto(f"{base}/unggah")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(book))
    expect(page.get_by_text(re.compile("Baris judul kolom tidak ditemukan"))).to_be_visible()
    wait_idle(page)
    choose(page, f"upload_sheet_{hashlib.sha256(book.read_bytes()).hexdigest()[:16]}", "Juli")
    expect(page.get_by_text(re.compile("Berkas valid: periode Juli 2023"))).to_be_visible()
    expect(page.get_by_text("Lembar 'Juli' dibaca (lembar terlihat: Catatan, Juli).")).to_be_visible()
