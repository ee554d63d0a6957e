"""Issue 17, point 5, in a real browser: on a 390×844 phone the main tables are cards (a region's
name, then each figure as the grid shows it), with nothing to scroll sideways; at 1366 the grid."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_browser import wait_idle

# How the pages are drawn, whatever the store: run on the local pass only (tests/conftest.py).
pytestmark = pytest.mark.layout

PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page) -> None:
    # Neither the document nor Streamlit's own scrolling main section is wider than the screen.
    widths = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
           return [document.documentElement.scrollWidth, m.scrollWidth - m.clientWidth]; }"""
    )
    assert widths[0] <= page.viewport_size["width"] and widths[1] <= 0, widths


def _hidden(locator) -> None:
    """There, but not shown (a bare to_be_hidden also passes when nothing matches)."""
    expect(locator).to_have_count(1)
    expect(locator).to_be_hidden()


def _card(page, scope: str, heading: str):
    return page.locator(f".st-key-{scope} li").filter(has=page.get_by_role("heading", name=heading, exact=True))


def test_wilayah_shows_its_regions_as_cards_on_a_phone(server, browser):
    base, _ = server
    context = browser.new_context(viewport=PHONE, locale="id-ID", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base}/wilayah?period=2025-07&region=15")
    card = _card(page, "ucj_cards_children_table", "Kota Jambi")
    expect(card).to_be_visible(timeout=60_000)
    # Each figure with its label, in Indonesian form, as in the grid.
    for label, figure in (("Cakupan", "48,44%"), ("Target", "55%"), ("Kekurangan", "18.994")):
        line = card.locator("dl > div").filter(has=page.locator("dt", has_text=label)).first
        expect(line.locator("dd")).to_have_text(figure)
    expect(card.locator("dl")).to_contain_text("▲ sesuai jalur")
    expect(page.locator(".st-key-ucj_cards_children_table li")).to_have_count(11)
    _hidden(page.locator(".st-key-ucj_grid_children_table [data-testid='stDataFrame']"))
    # "Choose a row" is about the grid: cards open through the list "Buka wilayah dari tabel".
    _hidden(page.get_by_text("Pilih baris untuk membuka wilayah itu."))
    expect(page.get_by_label("Buka wilayah dari tabel")).to_be_visible()
    wait_idle(page)
    _no_sideways_scroll(page)
    card.scroll_into_view_if_needed()
    shot(page, "wilayah-kartu-390x844")
    context.close()


def test_wilayah_shows_the_grid_at_1366(server, browser):
    base, _ = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/wilayah?period=2025-07&region=15")
    expect(page.locator(".st-key-ucj_grid_children_table [data-testid='stDataFrame']")).to_be_visible(timeout=60_000)
    _hidden(page.locator(".st-key-ucj_cards_children_table"))
    expect(page.get_by_text("Pilih baris untuk membuka wilayah itu.")).to_be_visible()
    page.close()


@pytest.mark.parametrize(
    ("path", "region", "scope", "heading"),
    [
        ("jakon", "61.03", "ucj_cards_ucj-jakon-per-opd", None),
        ("jakon", "61.03", "ucj_cards_ucj-jakon-per-wilayah", None),
        ("kelengkapan", "15", "ucj_cards_completeness_table", "Kota Jambi"),
        ("program", "15", "ucj_cards_programmes_table", "Pro Jambi Tangguh (ilustrasi)"),
    ],
)
def test_jakon_and_kelengkapan_tables_are_cards_on_a_phone(server, browser, path, region, scope, heading):
    base, _ = server
    context = browser.new_context(viewport=PHONE, locale="id-ID", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base}/{path}?period=2025-07&region={region}")
    cards = page.locator(f".st-key-{scope} li")
    expect(cards.first).to_be_visible(timeout=60_000)
    if heading:
        expect(_card(page, scope, heading)).to_be_visible()
    _hidden(page.locator(f".st-key-{scope.replace('cards', 'grid')} [data-testid='stDataFrame']"))
    wait_idle(page)
    _no_sideways_scroll(page)
    cards.first.scroll_into_view_if_needed()
    shot(page, f"{path}-{scope.removeprefix('ucj_cards_')}-390x844")
    context.close()


# A grid's own scrolling area is as wide as the grid: every column is in view without a sideways scroll.
GRIDS_FIT = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter((e) => e.offsetParent)
  .map((e) => e.querySelector('.dvn-scroller')).filter((s) => s && s.clientWidth > 0)
  .map((s) => s.scrollWidth - s.clientWidth)"""  # a grid in a closed expander is not drawn


@pytest.mark.parametrize(
    ("path", "tables"),
    [
        ("wilayah?period=2025-07&region=15", 1),
        ("sektor?period=2025-07&region=15", 1),
        ("target", 1),
        ("jakon?period=2025-07&region=61.03", 4),  # the two project lists, per OPD, per wilayah
        ("kelengkapan?period=2025-07&region=15", 1),  # twelve months
        ("unggah", 1),  # the versions
        ("audit", 1),
        ("program?period=2026-10&region=15", 3),  # the programmes, by funder, by region
    ],
)
def test_every_column_of_these_tables_is_in_view_at_1366(server, browser, path, tables):
    base, _ = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/{path}")
    grids = page.locator("[data-testid='stDataFrame']:visible .dvn-scroller")
    expect(grids.first).to_be_attached(timeout=60_000)
    wait_idle(page)
    overflow = page.evaluate(GRIDS_FIT)
    assert len(overflow) >= tables and all(o <= 0 for o in overflow), overflow
    page.close()


def test_a_project_chosen_shows_the_columns_the_grid_leaves_out(server, browser):
    # The grid leaves the PPK and the funding out to fit 1366 px: a chosen row shows them. Kota
    # Jambi's list, not Sanggau's: test_browser's upload replaces Sanggau's projects in this server.
    base, _ = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/jakon?period=2025-07&region=15.71")
    grid = page.locator(".st-key-ucj_grid_jakon_unregistered [data-testid='stDataFrame']")
    expect(grid).to_be_visible(timeout=60_000)
    wait_idle(page)
    grid.scroll_into_view_if_needed()
    wait_idle(page)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's checkbox
    detail = page.locator(".st-key-ucj_detail_jakon_unregistered")
    expect(detail.get_by_role("heading", name="Puskesmas Kota Baru (ilustrasi)")).to_be_visible()
    for label, value in (
        ("PPK", "PPK Sarana Kesehatan"),
        ("Sumber dana", "APBD"),
        ("Iuran terutang", "Rp4.180.000"),
    ):
        line = detail.locator("dl > div").filter(has=page.locator("dt", has_text=label))
        expect(line.locator("dd")).to_have_text(value)
    shot(page, "jakon-proyek-dipilih-1366x768")
    page.close()
