"""The map in a real browser on the shipped sample: a province and Indonesia, on Ringkasan and
Wilayah, at 1366×768 and 390×844; a region opened from the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_browser import wait_idle

# How the map draws, the same over either store (tests/app/test_map.py reads it from a replica on the S3 pass).
pytestmark = pytest.mark.layout

JAMBI_MAP = "Peta cakupan kabupaten/kota di Jambi terhadap target"
NATIONAL_MAP = "Peta cakupan provinsi di Indonesia terhadap target"


def _points(chart):
    return chart.locator(".scatterlayer .trace").last.locator("path.point")


@pytest.mark.parametrize("path", ["ringkasan", "wilayah"])
@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_the_map_draws_on_the_shipped_sample_for_a_province_and_for_indonesia(server, browser, path, size):
    base, _ = server
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{base}/{path}?period=2025-07&region=15")
    page.wait_for_selector(".st-key-coverage_map .js-plotly-plot", timeout=60_000)
    chart = page.locator(".st-key-coverage_map")
    expect(chart.get_by_text(JAMBI_MAP)).to_be_visible(timeout=30_000)
    expect(_points(chart)).to_have_count(11, timeout=30_000)
    # One label set shows: the one placed for the screen's width.
    expect(chart.get_by_text("▲ Kota Jambi").filter(visible=True)).to_have_count(1)
    expect(page.get_by_text("Peta muncul setelah admin memuat batas wilayah")).to_have_count(0)
    chart.scroll_into_view_if_needed()
    wait_idle(page)
    shot(page, f"peta-{path}-jambi-{size[0]}x{size[1]}")
    page.locator(".st-key-map_scope").get_by_role("radio", name="Provinsi di Indonesia").click()
    expect(chart.get_by_text(NATIONAL_MAP)).to_be_visible(timeout=30_000)
    expect(_points(chart)).to_have_count(2, timeout=30_000)
    chart.scroll_into_view_if_needed()
    wait_idle(page)
    shot(page, f"peta-{path}-indonesia-{size[0]}x{size[1]}")
    page.close()


def test_a_region_opens_from_the_map_list_by_keyboard(server, browser):
    base, _ = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/wilayah?period=2025-07&region=15")
    page.wait_for_selector(".st-key-coverage_map .js-plotly-plot", timeout=60_000)
    box = page.get_by_role("combobox", name="Buka wilayah di peta")
    box.focus()
    page.keyboard.type("Kota Jambi")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Rincian Kota Jambi")).to_be_visible(timeout=30_000)
    assert "region=15.71" in page.url
    page.close()


def _overlap(a, b) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and (b["y"] < a["y"] + a["height"])
    )


@pytest.mark.parametrize("region", ["15", "61"])
def test_on_a_phone_the_map_labels_do_not_overlap_and_its_title_is_in_view(server, browser, region):
    base, _ = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base}/?period=2025-07&region={region}")
    page.wait_for_selector(".st-key-coverage_map .js-plotly-plot", timeout=60_000)
    chart = page.locator(".st-key-coverage_map")
    title = chart.get_by_text(re.compile("^Peta cakupan kabupaten/kota di .* terhadap target$"))
    expect(title).to_be_visible(timeout=30_000)
    chart.scroll_into_view_if_needed()
    wait_idle(page)
    box = title.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    if region == "15":
        expect(chart.get_by_text("▲ Kota Jambi").filter(visible=True)).to_have_count(1)
    labels = chart.locator(".scatterlayer .textpoint text").evaluate_all(
        """els => els.filter(e => e.checkVisibility() && e.textContent.trim())
                     .map(e => { const r = e.getBoundingClientRect();
                                 return {text: e.textContent, x: r.x, y: r.y, width: r.width, height: r.height}; })"""
    )
    assert len(labels) >= 9, labels
    for i, a in enumerate(labels):
        assert a["x"] >= 0 and a["x"] + a["width"] <= 390, a
        for b in labels[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    shot(page, f"peta-label-{region}-390x844")
    context.close()


def test_the_maps_toolbar_is_not_over_its_legend(server, browser):
    # The map has no plotly title (the page's line above is its title): the toolbar that shows on
    # hover at the top right must leave the status legend readable.
    base, _ = server
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/?period=2025-07&region=15")
    page.wait_for_selector(".st-key-coverage_map .js-plotly-plot .legend", timeout=60_000)
    chart = page.locator(".st-key-coverage_map .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    wait_idle(page)
    chart.hover()
    bar = chart.locator(".modebar")
    expect(bar).to_be_visible()
    assert not _overlap(bar.bounding_box(), chart.locator(".legend").bounding_box())
    page.close()
