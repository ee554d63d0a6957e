"""Issue 17's small things, in a real browser: the menu says which page is shown, the Wilayah
breadcrumb reads as one line, the status card's words stay on one line, and a row of Wilayah's
table opens from the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_browser import wait_idle

# How the pages are drawn, whatever the store: run on the local pass only (tests/conftest.py).
pytestmark = pytest.mark.layout

SIZES = [(1366, 768), (1920, 1080), (390, 844)]


def test_the_menu_marks_the_page_shown_as_the_current_one(server, page):
    base, _ = server
    page.goto(f"{base}/wilayah?period=2025-07&region=15")
    menu = page.locator(".st-key-ucj_menu")
    current = menu.locator('a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(menu.get_by_role("link", name="Wilayah", exact=True)).to_have_attribute("aria-current", "page")
    menu.get_by_role("link", name="Ringkasan", exact=True).click()
    expect(page.get_by_role("heading", name="Jambi · Juli 2025")).to_be_visible()
    expect(current).to_have_count(1)
    expect(menu.get_by_role("link", name="Ringkasan", exact=True)).to_have_attribute("aria-current", "page")
    expect(menu.get_by_role("link", name="Wilayah", exact=True)).not_to_have_attribute("aria-current", "page")
    # The overview's second address (a shared /ringkasan link) is the same menu item.
    page.goto(f"{base}/ringkasan?period=2025-07&region=15")
    expect(current).to_have_count(1)
    expect(menu.get_by_role("link", name="Ringkasan", exact=True)).to_have_attribute("aria-current", "page")


@pytest.mark.parametrize("size", SIZES)
def test_the_breadcrumbs_label_and_path_sit_together(server, browser, size):
    base, _ = server
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{base}/wilayah?period=2025-07&region=15.71")
    label = page.get_by_text("Lokasi:", exact=True)
    first = page.get_by_role("button", name="Jambi", exact=True)
    expect(first).to_be_visible()
    expect(page.get_by_role("button", name="› Kota Jambi")).to_be_disabled()
    wait_idle(page)
    a, b = label.bounding_box(), first.bounding_box()
    assert a is not None and b is not None
    assert 0 <= b["x"] - (a["x"] + a["width"]) <= 40, (a, b)
    # On one line: the label's middle within the path's height.
    assert b["y"] <= a["y"] + a["height"] / 2 <= b["y"] + b["height"], (a, b)
    shot(page, f"wilayah-lokasi-{size[0]}x{size[1]}")
    page.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_status_cards_words_stay_on_one_line(server, browser, size):
    base, _ = server
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{base}/?period=2025-07&region=15.71")
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text="Status")
    )
    value = card.locator('[data-testid="stMetricValue"]')
    expect(value).to_have_text("▲ sesuai jalur")
    wait_idle(page)
    height, font, text_right, card_right = value.evaluate(
        """e => { const r = document.createRange(); r.selectNodeContents(e);
                  const pad = parseFloat(getComputedStyle(e.closest('[data-testid="stMetric"]')).paddingRight);
                  return [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).fontSize),
                          r.getBoundingClientRect().right,
                          e.closest('[data-testid="stMetric"]').getBoundingClientRect().right - pad + 1]; }"""
    )
    # One line is about 1.2–1.45 font sizes high; two would be 2.4 or more.
    assert height < 1.6 * font, (height, font)
    assert text_right <= card_right, (text_right, card_right)  # and not spilling out of the card
    shot(page, f"ringkasan-status-{size[0]}x{size[1]}")
    page.close()


def test_a_row_of_the_wilayah_table_opens_from_the_keyboard_alone(server, page):
    base, _ = server
    page.goto(f"{base}/wilayah?period=2025-07&region=15")
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=60_000)
    wait_idle(page)
    # Tab from the top of the page to the table's own list (not the map's, which only lists what it draws).
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Buka wilayah dari tabel":
            break
    else:
        raise AssertionError("no keyboard stop opens a row of the table")
    page.keyboard.type("Kerinci")
    expect(page.get_by_role("option", name="Kabupaten Kerinci · ▼ tertinggal")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Rincian Kabupaten Kerinci")).to_be_visible()
    assert "region=15.01" in page.url
    # Where no map is drawn (Kota Jambi's kecamatan), the table's list is the keyboard's way in.
    page.goto(f"{base}/wilayah?period=2025-07&region=15.71")
    box = page.get_by_role("combobox", name="Buka wilayah dari tabel")
    expect(box).to_be_visible()
    wait_idle(page)
    box.focus()
    page.keyboard.type("Telanaipura")
    expect(page.get_by_role("option", name=re.compile("^Telanaipura · "))).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Rincian Telanaipura")).to_be_visible()
