"""The .pptx deck and the .pdf report as a meeting gets them: every shape on its slide, no text that
cannot fit its box, status as symbol and word, sentences that say what they count, the same slides
as the browser's deck."""

import io
import math

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from tests.conftest import read
from ucj.present.deck import build_deck
from ucj.present.exports import deck_pptx, report_pdf

DECKS = [("15.71", None), ("61.03", "JAKON"), ("61", None), ("15", None)]
# An upper bound on the average width of a character in the deck's font (Calibri 0.49 em, and the
# DejaVu Sans a viewer may put in its place 0.55), and the line height of a single-spaced paragraph.
EM = 0.55
LINE = 1.2
INSET_X, INSET_Y = 0.2, 0.1  # a text frame's default margins, both sides together (inches)


def _in(emu) -> float:
    return Emu(emu).inches


def _lines(text: str, width_in: float, size_pt: float) -> int:
    """Lines a paragraph takes when wrapped at ``width_in`` (words kept whole)."""
    per_line = max(int((width_in - INSET_X) * 72 / (EM * size_pt)), 1)
    lines, used = 1, 0
    for word in text.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > per_line:
            lines, used = lines + math.ceil(len(word) / per_line), len(word) % per_line
        else:
            used += need
    return lines


def _frame_height(frame, width_in: float) -> float:
    """Inches the text of a frame needs at ``width_in``."""
    total = 0.0
    for p in frame.paragraphs:
        # The deck sets the size on the paragraph; a run may set its own. PowerPoint's default is 18 pt.
        sizes = [r.font.size.pt for r in p.runs if r.font.size] + ([p.font.size.pt] if p.font.size else [])
        size = max(sizes, default=18.0)
        total += _lines(p.text, width_in, size) * size * LINE / 72
    return total + INSET_Y


def _box(shape) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in inches, with the height its text needs when that is more."""
    left, top, width, height = (_in(v) for v in (shape.left, shape.top, shape.width, shape.height))
    if shape.has_text_frame:
        height = max(height, _frame_height(shape.text_frame, width))
    if shape.has_table:
        table = shape.table
        widths = [_in(c.width) for c in table.columns]
        width = sum(widths)
        height = sum(
            max(_frame_height(row.cells[j].text_frame, widths[j]) for j in range(len(widths))) for row in table.rows
        )
    return left, top, left + width, top + height


@pytest.fixture(scope="module")
def sample(demo_dir):
    """The sample as written locally: these read it, whichever backend the pass tests (the S3
    pass deselects them: ``sample`` is not a backend fixture)."""
    from ucj.storage.store import Store

    return Store(demo_dir)


@pytest.fixture(scope="module", params=DECKS, ids=lambda d: "-".join(filter(None, d)))
def made(request, sample):
    region, sector = request.param
    deck = read(build_deck, sample, "2025-07", region, sector, "id")
    return deck, Presentation(io.BytesIO(deck_pptx(deck)))


def _text(slide) -> str:
    parts = []
    for sh in slide.shapes:
        if sh.has_text_frame:
            parts.append(sh.text_frame.text)
        if sh.has_table:
            parts.extend(c.text for row in sh.table.rows for c in row.cells)
    return " ".join(" ".join(parts).split())


def test_every_shape_is_on_its_slide_and_no_two_meet(made):
    deck, prs = made
    width, height = _in(prs.slide_width), _in(prs.slide_height)
    for n, slide in enumerate(prs.slides, start=1):
        boxes = [(_box(sh), _text_of(sh)) for sh in slide.shapes]
        for (left, top, right, bottom), what in boxes:
            assert left >= 0 and top >= 0, f"slide {n}: {what} starts off the slide"
            assert right <= width + 1e-6 and bottom <= height + 1e-6, (
                f"slide {n}: {what} ends at {right:.2f}×{bottom:.2f} in, off the {width:.2f}×{height:.2f} slide"
            )
        for i, (a, what_a) in enumerate(boxes):
            for b, what_b in boxes[i + 1 :]:
                meets = a[0] < b[2] - 1e-6 and b[0] < a[2] - 1e-6 and a[1] < b[3] - 1e-6 and b[1] < a[3] - 1e-6
                assert not meets, f"slide {n}: {what_a!r} {a} runs into {what_b!r} {b}"


def _text_of(shape) -> str:
    if shape.has_text_frame:
        return shape.text_frame.text[:50]
    return "table" if shape.has_table else "picture"


def test_the_files_slides_are_the_browsers(made):
    deck, prs = made
    # The same slides as the deck in the browser: none left empty ("Tidak ada wilayah …").
    assert len(prs.slides) == len(deck.slides)
    titles = [_text(s) for s in prs.slides]
    for slide, text in zip(deck.slides, titles, strict=True):
        assert slide.title in text
    assert not any("Tidak ada wilayah" in t for t in titles)


def test_status_is_a_symbol_and_a_word_and_the_sentence_says_what_it_counts(made):
    deck, prs = made
    coverage = _text(prs.slides[[s.key for s in deck.slides].index("coverage")])
    assert any(
        f"{sym} {word}" in coverage
        for sym, word in [("▼", "tertinggal"), ("◆", "berisiko"), ("▲", "sesuai jalur"), ("✔", "tercapai")]
    )
    expected = {
        "15.71": "140.349 dari 289.714 pekerja",
        "61.03": "4.519 dari 12.320 pekerja jasa konstruksi",
        "61": "744.202 dari 2.553.594 pekerja",
        "15": "685.778 dari 2.323.249 pekerja",
    }[deck.region_code]
    assert expected in coverage


def _pdf_text(deck) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(deck))).pages).split())


def test_the_pdf_draws_each_status_symbol_and_says_what_it_counts(sample):
    # ZapfDingbats is given the symbol itself (reportlab encodes it): a letter in its place came out as
    # the font's ■ for every status.
    sanggau = _pdf_text(read(build_deck, sample, "2025-07", "61.03", "JAKON", "id"))
    assert "4.519 dari 12.320 pekerja jasa konstruksi" in sanggau
    assert "▼ tertinggal" in sanggau and "■" not in sanggau
    jambi = _pdf_text(read(build_deck, sample, "2025-07", "15", None, "id"))
    assert "685.778 dari 2.323.249 pekerja" in jambi
    for status in ("▼ tertinggal", "◆ berisiko", "▲ sesuai jalur"):
        assert status in jambi
    assert "■" not in jambi
