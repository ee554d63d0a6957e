"""The presentation page: what is projected, and what is not."""

import re

from tests.app.conftest import open_app, shown


def _footers(at) -> list[str]:
    return [re.sub("<[^>]+>", "", h.value) for h in at.html if "ucj-footer" in h.value]


def test_no_local_mode_banner_over_the_slides_the_first_footer_says_it(sample_dir):
    at = open_app("present.py", period="2025-07", region="15.71")
    assert not at.exception
    assert not [w for w in at.warning if shown(w.value).startswith("Mode lokal")]
    footers = _footers(at)
    assert footers[0].startswith("Mode lokal: tanpa akun · Sumber: demo (ilustrasi)")
    assert not any("Mode lokal" in f for f in footers[1:])
    # Every other page still carries the banner.
    at = open_app(period="2025-07", region="15.71")
    assert any(shown(w.value).startswith("Mode lokal: belum ada akun") for w in at.warning)


def test_sanggau_deck_counts_the_slides_it_shows(sample_dir):
    at = open_app("present.py", period="2025-07", region="61.03", sector="JAKON")
    counter = next(re.sub("<[^>]+>", "", h.value) for h in at.html if "ucj-counter" in h.value)
    assert counter == "Slide 1 dari 6"
    slides = " ".join(h.value for h in at.html if 'role="region"' in h.value)
    assert "Tidak ada wilayah" not in slides and "▼ tertinggal" in slides
