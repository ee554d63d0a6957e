"""Every slide of Presentasi fits a projector's screen (1280×720, 1920×1080): nothing to scroll, nothing
below or beside the screen, for a city, a kabupaten's construction deck and a province."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot
from tests.e2e.test_browser import wait_idle

# How the pages are drawn, whatever the store: run on the local pass only (tests/conftest.py).
pytestmark = pytest.mark.layout

SIZES = [(1280, 720), (1920, 1080)]

# What sticks out of the screen: the page scrolls (the document or Streamlit's own scrolling main
# section), or an element of the slide in view ends below or right of the screen.
OVERFLOW = """() => {
  const k = new URLSearchParams(location.search).get('slide');
  const slide = document.querySelector('.st-key-ucj_slide_' + k);
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  if (document.scrollingElement.scrollHeight > innerHeight) out.push('document scrolls');
  if (main && main.scrollHeight > main.clientHeight + 1) out.push('main scrolls ' + main.scrollHeight);
  for (const el of [slide, ...slide.querySelectorAll('*')]) {
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    if (r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) {
      out.push(el.tagName + '.' + String(el.className.baseVal ?? el.className).slice(0, 40)
        + ' ' + Math.round(r.bottom) + '/' + Math.round(r.right));
    }
  }
  return out.slice(0, 5);
}"""

# The slide's charts are drawn, at the width and type size the screen gives them.
CHARTS_DRAWN = """(scale) => {
  const k = new URLSearchParams(location.search).get('slide');
  const plots = [...document.querySelectorAll('.st-key-ucj_slide_' + k + ' .js-plotly-plot')];
  return plots.every((gd) => gd._fullLayout && gd.querySelector('.main-svg')
    && gd.getBoundingClientRect().height > 100 && gd._fullLayout.font.size === Math.round(18 * scale));
}"""


# Each chart's legend is drawn whole inside its chart and clear of the chart's notes (the target's
# label); the lagging chart has one, and its bars are no thicker than one of ten (LAGGING_ROWS).
LEGENDS = """(scale) => {
  const k = new URLSearchParams(location.search).get('slide');
  const slide = document.querySelector('.st-key-ucj_slide_' + k);
  const out = [];
  const inside = (r, g) => r.top >= g.top - 0.5 && r.bottom <= g.bottom + 0.5
    && r.left >= g.left - 0.5 && r.right <= g.right + 0.5;
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const gd of slide.querySelectorAll('.js-plotly-plot')) {
    const g = gd.getBoundingClientRect();
    const lagging = slide.querySelector('h1').textContent === 'Wilayah yang tertinggal';
    if (!gd._fullLayout.showlegend) { if (lagging) out.push('no legend'); continue; }
    const items = [...gd.querySelectorAll('.legend .traces')];
    if (!items.length) out.push('legend without entries');
    for (const item of items) {
      const r = item.getBoundingClientRect();
      if (!inside(r, g)) out.push('legend entry cut: ' + item.textContent);
      for (const a of gd.querySelectorAll('.annotation')) {
        if (meets(r, a.getBoundingClientRect())) out.push('legend over ' + a.textContent);
      }
    }
    if (lagging) {
      for (const bar of gd.querySelectorAll('.barlayer .point path')) {
        const h = bar.getBoundingClientRect().height;
        if (h > 48 * scale) out.push('bar ' + Math.round(h) + ' px thick');
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("period", ["2025-07", "2026-10"])
@pytest.mark.parametrize(
    "query, slides, map_slide",
    [
        ("region=15.71", 8, None),  # a city with its kecamatan and its Pemda programmes
        ("region=61.03&sector=JAKON", 6, None),  # a kabupaten without children in the data: no lagging slide
        ("region=61", 8, 4),  # a province with its kabupaten/kota and, over the shipped boundaries, their map
        ("region=15", 9, 4),  # a province whose ten lagging regions share its target; its map; its programmes
    ],
)
def test_every_slide_fits_the_screen(server, browser, query, slides, map_slide, period):
    _step_every_slide(browser, server[0], query, slides, period, map_slide)


def _step_every_slide(browser, base, query, slides, period, map_slide=None):
    for width, height in SIZES:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{base}/presentasi?period={period}&{query}&slide=1")
        page.wait_for_function("() => !!document.__ucjKeys")
        wait_idle(page)
        # No local-mode banner over the projected slides; the first slide's footer says it.
        assert not page.locator('[data-testid="stAlert"]').is_visible()
        expect(page.locator(".st-key-ucj_slide_1 .ucj-footer")).to_contain_text("Mode lokal: tanpa akun")
        for n in range(1, slides + 1):
            expect(page.get_by_text(f"Slide {n} dari {slides}", exact=True)).to_be_visible()
            visible = page.locator(f".st-key-ucj_slide_{n}")
            expect(visible.locator("h1")).to_be_visible()
            expect(visible.locator(".ucj-footer")).to_be_visible()  # the source line is on every slide
            if n == map_slide:
                expect(visible.locator("h1")).to_have_text("Peta cakupan")
            page.wait_for_function(CHARTS_DRAWN, arg=max(1, height / 720))
            page.wait_for_timeout(200)
            overflow = page.evaluate(OVERFLOW) + page.evaluate(LEGENDS, max(1, height / 720))
            shot(page, f"slides-fit-{query.replace('&', '-').replace('=', '')}-{period}-{width}x{height}-{n}")
            assert overflow == [], f"slide {n} at {width}×{height}: {overflow}"
            page.keyboard.press("ArrowRight")
        context.close()
