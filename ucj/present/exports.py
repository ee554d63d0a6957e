"""Files to take away: tables as CSV and XLSX, charts as PNG, the deck as .pptx, the report as .pdf.

Every function returns bytes. Text cells that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are prefixed with ``'``; numbers stay numbers.
Charts are rendered by kaleido with the system's Chromium.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..core.fmt import PLOTLY_SEPARATORS
from ..core.i18n import t
from .deck import Deck, Slide, budget_sentence, lagging_table
from .maps import print_map

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# A signed number as written ("-17.246", "+2,5", "-0,36 pp"): data, not a formula; left as it is.
_NUMBER_TEXT = re.compile(r"^[+-]\d[\d.,]*(\s?(%|pp))?$")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, made inert with a leading apostrophe;
    control characters a workbook cannot hold (a user's stray vertical tab) shown as �."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if value.startswith(FORMULA_START) and not _NUMBER_TEXT.match(value):
            return "'" + value
    return value


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(neutralise)
    return out


def table_csv(df: pd.DataFrame) -> bytes:
    """CSV as Excel with Indonesian settings opens it: semicolons, decimal comma, BOM, CRLF."""
    text = _safe(df).to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def table_xlsx(df: pd.DataFrame, sheet: str = "UCJ") -> bytes:
    """An Excel workbook with one sheet; numbers as numbers."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        _safe(df).to_excel(xw, index=False, sheet_name=sheet[:31])
    return buf.getvalue()


# --- charts ------------------------------------------------------------------------------------


def figure_png(fig: go.Figure, width: int = 1280, height: int = 640, scale: float = 1.5) -> bytes:
    """The chart as a PNG image."""
    fig = go.Figure(fig)
    fig.update_layout(separators=PLOTLY_SEPARATORS, width=width, height=height)
    return pio.to_image(fig, format="png", width=width, height=height, scale=scale)


def figures_png(figs: list[go.Figure], width: int = 1280, height: int = 640, scale: float = 1.5) -> list[bytes]:
    """Several charts with one browser: much faster than one start each."""
    import kaleido

    started = False
    try:
        kaleido.start_sync_server(silence_warnings=True)
        started = True
    except RuntimeError:
        # A server is already running in this process; use it.
        pass
    try:
        with warnings.catch_warnings():
            # plotly passes page options a running server does not take; the size still applies.
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            return [figure_png(f, width, height, scale) for f in figs]
    finally:
        if started:
            kaleido.stop_sync_server(silence_warnings=True)


# --- the slide deck ----------------------------------------------------------------------------

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches, 16:9
FOOTER_TOP = 6.9  # the source line; everything else ends above it
DARK = (0x1A, 0x1A, 0x1A)
MUTED = (0x55, 0x55, 0x55)
ACCENT = (0x00, 0x72, 0xB2)


def _for_projector(fig: go.Figure) -> go.Figure:
    """Type that reads from the back of a room once the image is on a slide."""
    fig = go.Figure(fig)
    fig.update_layout(font={"size": 22}, title=None, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    fig.update_traces(textfont_size=18, selector={"type": "bar"})
    return fig


# Slide tables: a character is at most ~0.7 em wide in the deck's font or in what a viewer puts in
# its place (Calibri digits 0.51 em; DejaVu Sans Bold, LibreOffice's usual stand-in, 0.7), and a
# cell keeps 0.1 in of margin on each side.
EM_PER_CHAR = 0.7
CELL_MARGIN_IN = 0.2
MIN_TABLE_PT = 10


def token_inches(text: str, size_pt: float) -> float:
    """Width of a text that must not break (a word, a figure) at ``size_pt``, margins included."""
    return len(text) * EM_PER_CHAR * size_pt / 72 + CELL_MARGIN_IN


def _is_text(value: object) -> bool:
    """A cell of words, not a figure ("Rp1.030.428.000", "49,48%", "12.320"): it may wrap."""
    return any(ch.isalpha() for ch in str(value).replace("Rp", ""))


def table_layout(df: pd.DataFrame, width_in: float, size_pt: float) -> tuple[float, list[float]]:
    """(font size, column widths in inches) so that no word of a header and no value breaks inside
    itself ("Kekuranga/n", "Rp1.030.428.00/0"): each column gets its longest unbreakable text; the
    type shrinks (to ``MIN_TABLE_PT`` at the least) when they do not fit; spare width is shared in
    proportion."""
    longest = []
    for c in df.columns:
        # A figure is one token; text wraps between its words (a programme's long name).
        words = str(c).split() + [w for v in df[c] for w in (str(v).split() if _is_text(v) else [str(v)])]
        longest.append(max((len(w) for w in words), default=1))
    size = float(size_pt)
    while size > MIN_TABLE_PT and sum(token_inches("x" * n, size) for n in longest) > width_in:
        size -= 1
    need = [token_inches("x" * n, size) for n in longest]
    spare = max(width_in - sum(need), 0)
    total = sum(need)
    return size, [n + spare * n / total for n in need]


# Text boxes: an upper bound on a character's average width in the deck's font or a stand-in
# (Calibri 0.49 em, DejaVu Sans 0.55), single-spaced lines, a frame's default margins.
EM_AVERAGE = 0.55
LINE_SPACING = 1.2
INSET_X_IN, INSET_Y_IN = 0.2, 0.1


def text_lines(text: str, width_in: float, size_pt: float) -> int:
    """Lines ``text`` takes in a box ``width_in`` wide at ``size_pt`` (words kept whole)."""
    per_line = max(int((width_in - INSET_X_IN) * 72 / (EM_AVERAGE * size_pt)), 1)
    lines, used = 1, 0
    for word in str(text).split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1 + (len(word) - 1) // per_line, len(word) % per_line
        else:
            used += len(word) + (1 if used else 0)
    return lines


def text_height(text: str, width_in: float, size_pt: float) -> float:
    """Inches a box ``width_in`` wide needs for ``text`` at ``size_pt``."""
    return text_lines(text, width_in, size_pt) * size_pt * LINE_SPACING / 72 + INSET_Y_IN


def _row_heights(df: pd.DataFrame, widths: list[float], size: float) -> list[float]:
    rows = [list(map(str, df.columns))] + [[str(v) for v in r] for r in df.itertuples(index=False)]
    return [max(text_height(v, w, size) for v, w in zip(r, widths, strict=True)) for r in rows]


def deck_pptx(deck: Deck) -> bytes:
    """The deck as a PowerPoint file: charts as images, tables as native tables, a footer on each.
    Each box is as high as its text needs and the next one starts below it; a table's type shrinks
    until it ends above the footer."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    blank = prs.slide_layouts[6]
    images = iter(figures_png([_for_projector(s.figure) for s in deck.slides if s.figure is not None], 1100, 620, 2))
    bottom = FOOTER_TOP - 0.1  # where the slide's body ends

    def text(slide, x, y, w, value, size, bold=False, color=DARK, h=None) -> float:
        """A text box at (x, y); returns where it ends."""
        h = max(h or 0, text_height(value, w, size))
        box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        tf = box.text_frame
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.text = value
        p.font.size, p.font.bold, p.font.color.rgb = Pt(size), bold, RGBColor(*color)
        return y + h + 0.03  # a hair apart: EMU rounding never lets two boxes meet

    def table(slide, df: pd.DataFrame, x, y, w, size) -> None:
        rows, cols = len(df) + 1, len(df.columns)
        size, widths = table_layout(df, w, size)
        heights = _row_heights(df, widths, size)
        while size > MIN_TABLE_PT and y + sum(heights) > bottom:
            size, widths = table_layout(df, w, size - 1)
            heights = _row_heights(df, widths, size)
        shape = slide.shapes.add_table(rows, cols, Inches(x), Inches(y), Inches(sum(widths)), Inches(sum(heights)))
        tbl = shape.table
        for j, width in enumerate(widths):
            tbl.columns[j].width = Inches(width)
        for i, height in enumerate(heights):
            tbl.rows[i].height = Inches(height)
        for j, c in enumerate(df.columns):
            cell = tbl.cell(0, j)
            cell.text = str(c)
            cell.text_frame.paragraphs[0].font.size = Pt(size)
            cell.text_frame.paragraphs[0].font.bold = True
            cell.text_frame.word_wrap = True
        for i, row in enumerate(df.itertuples(index=False), start=1):
            for j, v in enumerate(row):
                cell = tbl.cell(i, j)
                cell.text = str(v)
                cell.text_frame.paragraphs[0].font.size = Pt(size)

    def picture(slide, x, y, w, h) -> None:
        # The chart's own shape (1100×620), as large as the room given allows.
        scale = min(w / 1100, h / 620)
        slide.shapes.add_picture(
            io.BytesIO(next(images)), Inches(x), Inches(y), Inches(1100 * scale), Inches(620 * scale)
        )

    for n, s in enumerate(deck.slides, start=1):
        slide = prs.slides.add_slide(blank)
        if s.key == "title":
            y = text(slide, 0.8, 2.2, 11.7, s.title, 44, bold=True, color=ACCENT)
            y = text(slide, 0.8, y + 0.1, 11.7, s.subtitle, 28)
            for line in s.lines:
                y = text(slide, 0.8, y + 0.1, 11.7, line, 22, color=MUTED)
        else:
            y = text(slide, 0.6, 0.3, 12.1, s.title, 30, bold=True, color=ACCENT)
            if s.subtitle:
                y = text(slide, 0.6, y, 12.1, s.subtitle, 18, color=MUTED)
            y += 0.1
            for line in s.lines:
                y = text(slide, 0.6, y, 12.1, line, 22) + 0.1
            if s.kpis:
                w = 12.1 / len(s.kpis)
                labels = max(text_height(label, w - 0.1, 16) for label, _ in s.kpis)
                ends = []
                for k, (label, value) in enumerate(s.kpis):
                    text(slide, 0.6 + k * w, y + 0.1, w - 0.1, label, 16, color=MUTED, h=labels)
                    # A word ("▼ tertinggal") in smaller type than a figure, as on the browser's slide.
                    size = 36 if value[:1].isdigit() else 24
                    ends.append(text(slide, 0.6 + k * w, y + 0.1 + labels, w - 0.1, value, size, bold=True))
                y = max(ends) + 0.1
            if s.figure is not None and s.table is not None:
                picture(slide, 0.5, y, 6.6, bottom - y)
                # Beside a chart the table keeps the columns the room argues about.
                table(slide, s.table.iloc[:, :4], 7.3, y, 5.6, 14)
            elif s.figure is not None:
                picture(slide, 1.2, y, SLIDE_W - 2.4, bottom - y)
            elif s.table is not None:
                table(slide, s.table, 0.6, y + 0.1, 12.1, 16 if len(s.table.columns) <= 4 else 13)
        # Two lines of room: a long file name and the date may take both.
        text(slide, 0.6, FOOTER_TOP, 10.5, deck.footer, 10, color=MUTED)
        text(slide, 11.2, FOOTER_TOP, 1.6, f"{n}/{len(deck.slides)}", 10, color=MUTED)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# --- the printable report ----------------------------------------------------------------------


def _fonts() -> tuple[str, str]:
    """Bitstream Vera (shipped with reportlab): covers the Indonesian letters, dashes and Rp."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(reportlab.__file__).parent / "fonts"
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(folder / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("VeraBd", str(folder / "VeraBd.ttf")))
    return "Vera", "VeraBd"


# Vera has no status symbols; ZapfDingbats, one of the fonts every PDF reader has, draws them (◌ and ○
# as its shadowed circle ❍, the word beside it tells the two apart). reportlab encodes the symbol
# itself into the font's codes; a letter given in its place ("t" for ▼) came out as ■ for every status.
_DINGBATS = {"✔": "✔", "▲": "▲", "▼": "▼", "◆": "◆", "○": "❍", "◌": "❍"}


def pdf_markup(text: str) -> str:
    """``text`` escaped for a reportlab paragraph, its status symbols set in ZapfDingbats."""
    return "".join(
        f'<font name="ZapfDingbats">{_DINGBATS[ch]}</font>' if ch in _DINGBATS else escape(ch) for ch in str(text)
    )


def report_pdf(deck: Deck, budget_rp: int | None = None) -> bytes:
    """A printable A4 report: summary, charts, the child regions and their gaps, the plan, the method."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    lang = deck.lang
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#555555"))
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, textColor=colors.HexColor("#0072B2"))
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4)
    big = ParagraphStyle("big", parent=body, fontName=bold, fontSize=12, leading=16)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, bulletFontName=regular)

    def grid(df: pd.DataFrame) -> Table:
        data = [list(df.columns)] + [[str(v) for v in row] for row in df.itertuples(index=False)]
        data = [
            [Paragraph(pdf_markup(c), small if i else ParagraphStyle("th", parent=small, fontName=bold)) for c in r]
            for i, r in enumerate(data)
        ]
        tbl = Table(data, repeatRows=1, hAlign="LEFT")
        tbl.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#BBBBBB")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF4F9")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return tbl

    by_key = {s.key: s for s in deck.slides}
    # The map's labels in print size (placed again for the bigger type): legible on paper.
    figs = [print_map(s.figure) if s.key == "map" else s.figure for s in deck.slides if s.figure is not None]
    pngs = dict(zip([s.key for s in deck.slides if s.figure is not None], figures_png(figs, 1200, 560, 1.5)))

    def chart(key: str):
        return Image(io.BytesIO(pngs[key]), width=17 * cm, height=17 * cm * 560 / 1200) if key in pngs else None

    story = [
        Paragraph(f"{t('report_title', lang)} — {deck.region_name}", h1),
        Paragraph(by_key["title"].subtitle, body),
        Paragraph(by_key["title"].lines[0], small),
        Spacer(1, 8),
    ]
    story.append(Paragraph(t("summary", lang), h2))
    if "coverage" in by_key:
        cov = by_key["coverage"]
        story.append(Paragraph(cov.lines[0], big))
        # How many regions below reported: beside the figure, not in a footnote.
        story.extend(Paragraph(line, body) for line in cov.lines[1:])
        story.append(Spacer(1, 4))
        story.append(grid(pd.DataFrame([dict(cov.kpis)])))
    if "trend" in by_key:
        story.append(Paragraph(t("slide_trend", lang), h2))
        story.append(chart("trend"))
    if not deck.overview.children.empty:
        # Every child region and its gap; the chart of those behind the target's pace when there are any.
        story.append(Paragraph(t("children_table_title", lang), h2))
        if "lagging" in by_key:
            story.append(Paragraph(pdf_markup(by_key["lagging"].subtitle), small))
            story.append(chart("lagging"))
        children = deck.overview.children.sort_values("coverage_pct", na_position="last")
        story.append(grid(lagging_table(children, lang, rows=len(children))))
    if "map" in by_key:
        story.append(Paragraph(by_key["map"].subtitle, h2))
        story.append(chart("map"))
    if "sectors" in by_key:
        story.append(Paragraph(t("slide_sectors", lang), h2))
        story.append(grid(by_key["sectors"].table))
    if "planner" in by_key:
        plan_slide = by_key["planner"]
        story.append(Paragraph(plan_slide.title, h2))
        story.append(Paragraph(plan_slide.subtitle, small))
        story.append(Paragraph(plan_slide.lines[0], body))
        if plan_slide.table is not None:
            story.append(Spacer(1, 4))
            story.append(grid(plan_slide.table))
        if budget_rp and deck.plan is not None and (answer := budget_sentence(deck.plan, budget_rp, lang)):
            story.append(Spacer(1, 4))
            story.append(Paragraph(answer, body))
    if "programmes" in by_key:
        pgs = by_key["programmes"]
        story.append(Paragraph(pgs.title, h2))
        story.append(Paragraph(escape(pgs.subtitle), small))
        story.extend(Paragraph(escape(line), body) for line in pgs.lines)
        story.append(chart("programmes"))
        if pgs.table is not None and not pgs.table.empty:
            story.append(Spacer(1, 4))
            story.append(grid(pgs.table))
    if "jakon" in by_key:
        jk = by_key["jakon"]
        story.append(Paragraph(jk.title, h2))
        story.append(Paragraph(escape(jk.subtitle), small))
        story.append(Paragraph(escape(jk.lines[0]), body))
        if jk.table is not None and not jk.table.empty:
            story.append(Spacer(1, 4))
            story.append(grid(jk.table))
    story.append(Paragraph(t("method_title", lang), h2))
    story.append(Paragraph(t("method_text", lang), body))
    story.append(Spacer(1, 4))
    # One paragraph per status, its name in bold: the rules must not run together.
    for line in t("status_rule", lang).splitlines():
        item = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(line.removeprefix("- ")))
        story.append(Paragraph(item, bullet, bulletText="•"))
    story = [s for s in story if s is not None]

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(1.5 * cm, 1.0 * cm, deck.footer)
        canvas.drawRightString(A4[0] - 1.5 * cm, 1.0 * cm, str(doc.page))
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.8 * cm,
        title=f"{t('report_title', lang)} — {deck.region_name}",
        author="UCJ dashboard",
        subject=deck.period,
        creator=f"ucj {dt.date.today().isoformat()}",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


__all__ = ["Slide", "deck_pptx", "figure_png", "figures_png", "neutralise", "report_pdf", "table_csv", "table_xlsx"]
