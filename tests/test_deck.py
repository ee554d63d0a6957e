"""The slide deck's model: what each slide shows, and that a slide with nothing to show is left out."""

import dataclasses
import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import read
from ucj.core.fmt import STATUS_SYMBOL, status_label
from ucj.core.schema import STATUSES
from ucj.present import charts, views
from ucj.present import deck as decks
from ucj.present.deck import build_deck, lagging_regions
from ucj.present.exports import deck_pptx, report_pdf


@pytest.fixture(scope="module")
def sample(demo_dir):
    """The sample as written locally: these read it, whichever backend the pass tests (the S3
    pass deselects them: ``sample`` is not a backend fixture)."""
    from ucj.storage.store import Store

    return Store(demo_dir)


def _deck(sample, region, sector=None, period="2025-07", lang="id"):
    return read(build_deck, sample, period, region, sector, lang)


def test_a_region_without_children_has_no_lagging_slide_and_the_files_follow(sample):
    deck = _deck(sample, "61.03", "JAKON")
    assert [s.key for s in deck.slides] == ["title", "coverage", "sectors", "trend", "planner", "jakon"]
    every_text = " ".join(" ".join([s.title, s.subtitle, *s.lines]) for s in deck.slides)
    assert "Tidak ada wilayah" not in every_text
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    assert len(prs.slides) == 6
    # The counter of each slide counts the slides there are.
    counters = [sh.text_frame.text for sl in prs.slides for sh in sl.shapes if sh.has_text_frame]
    assert [c for c in counters if c.endswith("/6")] == [f"{n}/6" for n in range(1, 7)]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(deck))).pages).split())
    assert "Tidak ada wilayah" not in text and "Wilayah di bawahnya" not in text


@pytest.mark.parametrize("period", ["2025-07", "2026-10"])
def test_lagging_slide_shows_only_the_regions_behind_the_targets_pace(sample, period):
    deck = _deck(sample, "61", period=period)
    children = deck.overview.children
    behind = children[children["status"].isin(["off_track", "at_risk"])]
    ahead = children[~children["status"].isin(["off_track", "at_risk"])]
    assert len(behind) == 9 and len(ahead) >= 4  # the sample: 9 of 14 kabupaten/kota off track
    slide = next(s for s in deck.slides if s.key == "lagging")
    shown = list(slide.table["Wilayah"])
    assert sorted(shown) == sorted(behind["region_name"])
    assert not set(shown) & set(ahead["region_name"])
    # Lowest coverage first, and the chart draws the same regions.
    assert shown == list(behind.sort_values("coverage_pct")["region_name"])
    bars = [y for trace in slide.figure.data if trace.type == "bar" for y in trace.y]
    assert len(bars) == 9
    assert slide.subtitle == (
        "9 dari 14 kabupaten/kota di Kalimantan Barat lebih lambat dari laju yang dibutuhkan target"
    )


def test_kota_jambi_lagging_slide_holds_its_at_risk_kecamatan(sample):
    deck = _deck(sample, "15.71")
    assert len(deck.slides) == 8  # with the sample's Pemda programmes
    slide = next(s for s in deck.slides if s.key == "lagging")
    children = deck.overview.children.set_index("region_name")
    assert len(slide.table) == 4
    assert all(children.loc[name, "status"] == "at_risk" for name in slide.table["Wilayah"])
    assert list(slide.table["Status"]) == ["◆ berisiko"] * 4


def test_no_lagging_slide_when_every_child_keeps_pace(sample, monkeypatch):
    real = views.overview

    def on_track(*args, **kwargs):
        ov = real(*args, **kwargs)
        return dataclasses.replace(ov, children=ov.children.assign(status="on_track"))

    monkeypatch.setattr(decks.views, "overview", on_track)
    deck = _deck(sample, "61")
    assert "lagging" not in [s.key for s in deck.slides]
    # The report still lists every child region and its gap.
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(deck))).pages).split())
    assert "Wilayah di bawahnya dan kekurangannya" in text and "Kabupaten Mempawah" in text


def test_lagging_regions_keeps_off_track_and_at_risk_lowest_first():
    import pandas as pd

    children = pd.DataFrame(
        {
            "region_name": ["A", "B", "C", "D", "E"],
            "coverage_pct": [40.0, 10.0, 30.0, 20.0, None],
            "status": ["off_track", "on_track", "at_risk", "reached", "off_track"],
        }
    )
    assert list(lagging_regions(children)["region_name"]) == ["C", "A"]


def test_every_status_on_the_slides_is_symbol_and_word(sample):
    deck = _deck(sample, "61.03", "JAKON")
    cov = next(s for s in deck.slides if s.key == "coverage")
    assert dict(cov.kpis)["Status"] == "▼ tertinggal"
    en = _deck(sample, "61", lang="en")
    lag = next(s for s in en.slides if s.key == "lagging")
    assert dict(next(s for s in en.slides if s.key == "coverage").kpis)["Status"] == "▼ off track"
    assert set(lag.table["Status"]) == {"▼ off track"}
    for s in deck.slides + en.slides:
        for label, value in s.kpis:
            if label == "Status":
                assert value[:1] in STATUS_SYMBOL.values() and len(value) > 2


def test_pdf_status_symbols_are_drawn_in_a_font_that_has_them(sample):
    # Vera (the report's font) has no ▼ ◆ ▲ ✔: they are set in ZapfDingbats, not left as empty boxes.
    pdf = report_pdf(_deck(sample, "61.03", "JAKON"))
    assert b"ZapfDingbats" in pdf
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "tertinggal" in text


def _lagging(deck):
    return next(s for s in deck.slides if s.key == "lagging")


@pytest.mark.parametrize(
    ("region", "period"), [("15", "2025-07"), ("15", "2026-10"), ("61", "2025-07"), ("15.71", "2025-07")]
)
def test_the_lagging_chart_has_a_legend_above_the_bars(sample, region, period):
    # Provinsi Jambi's ten regions share its target: one bar trace, which plotly draws without a legend.
    fig = _lagging(_deck(sample, region, period=period)).figure
    assert fig.layout.showlegend is True
    legend = fig.layout.legend
    assert legend.orientation == "h" and legend.yanchor == "bottom" and legend.y >= 1  # above the plot area
    entries = [tr.name for tr in fig.data if tr.showlegend is not False]
    statuses = {s for tr in fig.data if tr.type == "bar" for s in tr.customdata}
    # One entry per status shown, symbol and word, and a few at most: one row on a slide.
    assert [e for e in entries if e != "Target"] == [status_label(s, "id") for s in STATUSES if s in statuses]
    assert 1 <= len(entries) <= 4


def _bar_share(fig):
    """The share of the plot's height one bar takes."""
    n = sum(len(tr.y) for tr in fig.data if tr.type == "bar")
    span = (fig.layout.yaxis.range[1] - fig.layout.yaxis.range[0]) if fig.layout.yaxis.range else n
    return (1 - (fig.layout.bargap if fig.layout.bargap is not None else 0.2)) / span


@pytest.mark.parametrize("count", [1, 3, 4, 10])
def test_a_few_lagging_regions_do_not_get_bars_as_thick_as_the_slide(sample, count):
    import pandas as pd

    children = pd.DataFrame(
        {
            "region_name": [f"Kecamatan {i}" for i in range(count)],
            "coverage_pct": [20.0 + i for i in range(count)],
            "target_pct": [55.0] * count,
            "status": ["off_track"] * count,
        }
    )
    fig = charts.coverage_vs_target(children, 55.0, "id", slots=decks.LAGGING_ROWS)
    # As thick as one of ten bars at most: three regions do not fill the slide.
    assert _bar_share(fig) <= 0.8 / decks.LAGGING_ROWS + 1e-9
    # Kota Jambi's four at-risk kecamatan, as the deck draws them.
    assert _bar_share(_lagging(_deck(sample, "15.71")).figure) <= 0.8 / decks.LAGGING_ROWS + 1e-9


def test_a_regions_own_target_is_inside_the_lagging_chart(sample):
    # Kabupaten Sanggau's own 58,65% beside Kalimantan Barat's 40%: its mark is drawn, not off the axis.
    fig = _lagging(_deck(sample, "61")).figure
    marks = next(tr for tr in fig.data if tr.name == "Target")
    assert 58.65 in list(marks.x) and fig.layout.xaxis.range[1] > 58.65


@pytest.mark.parametrize("export", [deck_pptx, report_pdf])
def test_every_chart_image_of_an_export_comes_from_one_kaleido_browser(sample, monkeypatch, export):
    # One Chromium for all of a file's charts (3 s for five, against 18 s started one each).
    import kaleido
    import plotly.io as pio
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (1100, 620), "white").save(buf, "PNG")
    png = buf.getvalue()
    events: list[str] = []
    monkeypatch.setattr(kaleido, "start_sync_server", lambda **kw: events.append("start"))
    monkeypatch.setattr(kaleido, "stop_sync_server", lambda **kw: events.append("stop"))
    monkeypatch.setattr(pio, "to_image", lambda *a, **kw: events.append("image") or png)
    d = _deck(sample, "15")
    charts_in_deck = sum(s.figure is not None for s in d.slides)
    assert export(d)
    assert charts_in_deck >= 4 and events == ["start", *["image"] * charts_in_deck, "stop"]


def test_the_pemda_programmes_slide_and_the_exports_show_who_pays(sample):
    # The sample's illustrative programmes in Kota Jambi, October 2026 (see tests/test_programmes.py).
    deck = _deck(sample, "15.71", period="2026-10")
    slide = next(s for s in deck.slides if s.key == "programmes")
    sentence = "7.286 dari 171.849 peserta (4,24%) iurannya dibayar APBD; tanpa program, cakupan 55,96%."
    assert slide.title == "Program Pemda" and slide.lines == [sentence]
    assert "ilustrasi" in slide.subtitle and slide.figure is not None
    # The ones that run short first, in few words for the projector; the page has every column.
    assert slide.table.to_dict("records") == [
        {"Program": "Pro Jambi Tangguh", "Pemberi dana": "Provinsi Jambi", "Habis pada": "Nov 2026",
         "Kekurangan": "Rp105,6 jt"},
        {"Program": "Perlindungan Petugas Keagamaan", "Pemberi dana": "Kota Jambi", "Habis pada": "Des 2026",
         "Kekurangan": "Rp15,3 jt"},
        {"Program": "Perlindungan Pekerja Rentan", "Pemberi dana": "Kota Jambi", "Habis pada": "cukup",
         "Kekurangan": "—"},
        {"Program": "Perlindungan Ketua RT", "Pemberi dana": "Kota Jambi", "Habis pada": "cukup", "Kekurangan": "—"},
    ]  # fmt: skip
    pptx = Presentation(io.BytesIO(deck_pptx(deck)))
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in pptx.slides]
    tables = [
        " ".join(c.text for sh in s.shapes if sh.has_table for r in sh.table.rows for c in r.cells) for s in pptx.slides
    ]
    [k] = [i for i, text in enumerate(texts) if sentence in text]
    assert "Program Pemda" in texts[k] and "Nov 2026" in tables[k] and "Rp105,6 jt" in tables[k]
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(deck))).pages)
    flat = " ".join(pdf.split())
    assert "Program Pemda" in flat and "7.286 dari 171.849 peserta (4,24%)" in flat and "Rp105,6 jt" in flat
    # No programme pays in Sanggau: no slide.
    assert "programmes" not in [s.key for s in _deck(sample, "61.03", period="2026-10").slides]
