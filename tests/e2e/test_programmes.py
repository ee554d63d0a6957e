"""Program Pemda in a real browser on the shipped sample: the sentence and the cards a leader reads,
a programme chosen shows its month's cost and what is spent, and the rakor's slide."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_browser import wait_idle

# The page as it draws (tests/app/test_programmes_page.py reads the figures from a replica on the S3 pass).
pytestmark = pytest.mark.layout

SENTENCE = "7.286 dari 171.849 peserta (4,24%) iurannya dibayar APBD; tanpa program, cakupan 55,96%."


def test_kota_jambi_reads_who_pays_and_opens_a_programme(server, browser):
    base, _ = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/program?period=2026-10&region=15.71")
    expect(page.get_by_text(SENTENCE)).to_be_visible(timeout=60_000)
    cards = page.locator(".st-key-programmes_kpis [data-testid='stMetric']")
    expect(cards).to_have_count(4)
    expect(cards.nth(3)).to_contain_text("55,96%")
    grid = page.locator(".st-key-ucj_grid_programmes_table [data-testid='stDataFrame']")
    expect(grid).to_be_visible(timeout=60_000)
    wait_idle(page)
    grid.scroll_into_view_if_needed()
    wait_idle(page)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row: the largest programme
    detail = page.locator(".st-key-ucj_detail_programmes_table")
    expect(detail.get_by_role("heading", name="Perlindungan Pekerja Rentan (ilustrasi)")).to_be_visible()
    for label, value in (("Biaya per bulan", "Rp50.400.000"), ("Terpakai s.d. bulan ini", "Rp504.000.000")):
        line = detail.locator("dl > div").filter(has=page.locator("dt", has_text=label))
        expect(line.locator("dd")).to_have_text(value)
    shot(page, "program-pemda-1366x768")
    page.close()


def test_the_rakor_slide_says_which_budget_runs_short(server, browser):
    base, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{base}/presentasi?period=2026-10&region=15.71")
    expect(page.get_by_text("Slide 1 dari 8", exact=True)).to_be_visible(timeout=60_000)
    wait_idle(page)
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    slide = page.locator(".st-key-ucj_slide_7")
    expect(slide.get_by_role("heading", name="Program Pemda")).to_be_visible()
    expect(slide.get_by_text(SENTENCE)).to_be_visible()
    row = slide.locator("tr").filter(has_text="Pro Jambi Tangguh")
    expect(row).to_contain_text(re.compile(r"Provinsi Jambi\s*Nov 2026\s*Rp105,6 jt"))
    shot(page, "program-pemda-slide-1280x720")
    page.close()
