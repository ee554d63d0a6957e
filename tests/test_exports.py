"""Exports on a known data set: the figures a meeting reads, found in the files themselves."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import read
from ucj import query
from ucj.present import charts
from ucj.present.deck import build_deck
from ucj.present.exports import deck_pptx, figure_png, neutralise, report_pdf, table_csv, table_xlsx


@pytest.fixture(scope="module")
def sanggau_deck(demo_dir):
    from ucj.storage.store import Store

    return read(build_deck, Store(demo_dir), "2025-07", "61.03", "JAKON", "id")


@pytest.fixture(scope="module")
def jambi_deck(demo_dir):
    from ucj.storage.store import Store

    return read(build_deck, Store(demo_dir), "2025-07", "15.71", None, "en")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+62 812", "'+62 812"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("Kota Jambi", "Kota Jambi"),
        ("-17.246", "-17.246"),  # a negative count in a problems report stays a number
        ("-0,36 pp", "-0,36 pp"),
        ("+2,5%", "+2,5%"),
        ("-1+1", "'-1+1"),
        (-5, -5),
        (12.5, 12.5),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_csv_for_indonesian_excel():
    df = pd.DataFrame({"Wilayah": ['=HYPERLINK("x")', "Kota Jambi"], "Cakupan": [36.68, 48.44], "Peserta": [4519, -3]})
    data = table_csv(df)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Wilayah;Cakupan;Peserta"
    assert lines[1] == '"\'=HYPERLINK(""x"")";36,68;4519'
    assert lines[2] == "Kota Jambi;48,44;-3"


def test_xlsx_keeps_numbers_and_disarms_formulas():
    df = pd.DataFrame({"Wilayah": ["@SUM(1)", "Kota Jambi"], "Peserta": [4519, 140349]})
    ws = load_workbook(io.BytesIO(table_xlsx(df))).active
    assert [c.value for c in ws[1]] == ["Wilayah", "Peserta"]
    assert ws["A2"].value == "'@SUM(1)" and ws["A2"].data_type == "s"
    assert ws["B3"].value == 140349 and ws["B3"].data_type == "n"


def test_chart_png_is_a_real_image_of_the_chart(demo_store):
    by_sector = read(query.coverage_by_sector, demo_store, "2025-07", "61.03")
    png = figure_png(charts.sector_share(by_sector), width=800, height=400, scale=1)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == (800, 400)
    colours = {c for _, c in img.convert("RGB").getcolors(maxcolors=1_000_000)}
    # The four sector colours of the bars are drawn.
    assert {(0x00, 0x72, 0xB2), (0xE6, 0x9F, 0x00), (0x00, 0x9E, 0x73), (0xCC, 0x79, 0xA7)} <= colours


def _pptx_texts(data: bytes) -> tuple[list[list[str]], Presentation]:
    prs = Presentation(io.BytesIO(data))
    slides = []
    for slide in prs.slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append(texts)
    return slides, prs


def test_pptx_has_the_figures_of_the_sanggau_example(sanggau_deck):
    slides, prs = _pptx_texts(deck_pptx(sanggau_deck))
    everything = "\n".join(t for s in slides for t in s)
    assert len(slides) == len(sanggau_deck.slides) == 6  # no lagging slide: Sanggau has no children in the data
    # The last slide: the Monev Jakon register of the (illustrative) Sanggau projects.
    assert any(
        "2 dari 4 proyek belum mendaftarkan pekerjanya: 65 pekerja, nilai kontrak Rp2.680.000.000, "
        "iuran terutang Rp3.824.000." in t
        for t in slides[5]
    )
    assert "Cakupan UCJ Kabupaten Sanggau" in slides[0] and any("Juli 2025" in t for t in slides[0])
    for needle in ("36,68%", "58,65%", "2.707", "542", "Rp45.477.600", "Rp16.800", "Rp136.533.600"):
        assert needle in everything, needle
    # Every slide carries the data's source and date in its footer.
    for s in slides:
        assert any(t.startswith("Sumber: demo (ilustrasi)") and "data per" in t for t in s)
    # Tables are native PowerPoint tables; charts are pictures.
    shapes = [sh for slide in prs.slides for sh in slide.shapes]
    assert any(sh.has_table for sh in shapes)
    pictures = [sh for sh in shapes if sh.shape_type == 13]
    assert len(pictures) == 2  # sectors and trend (Sanggau has no children in the data)
    assert Image.open(io.BytesIO(pictures[0].image.blob)).format == "PNG"


def test_pptx_in_english_with_lagging_regions(jambi_deck):
    slides, prs = _pptx_texts(deck_pptx(jambi_deck))
    everything = "\n".join(t for s in slides for t in s)
    assert "Regions lagging behind" in everything and "Pelayangan" in everything
    assert (
        "Kota Jambi: 140.349 of 289.714 workers covered (48,44%) — target 55%: 18.994 more participants needed, "
        "3.799 a month until December 2025." in everything
    )
    assert "Rp319.099.200" in everything  # 18.994 × Rp16.800


def test_pdf_report_has_region_period_figures_plan_and_method(sanggau_deck):
    pdf = report_pdf(sanggau_deck, budget_rp=500_000_000)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for needle in (
        "Laporan Cakupan UCJ — Kabupaten Sanggau",
        "Juli 2025",
        "36,68%",
        "2.707",
        "Rp45.477.600",
        "Rp136.533.600",
        "Metode",
        "5.952 pekerja",
    ):
        assert needle in flat, needle
    assert "Sumber: demo (ilustrasi)" in flat
    assert len(reader.pages) >= 2 and reader.pages[0].images  # the charts are in it
    # Each status rule is its own paragraph, not one run-on text.
    lines = [ln.strip() for ln in text.splitlines()]
    for status in ("tercapai:", "sesuai jalur:", "berisiko:", "tertinggal:", "belum ada tren:", "data belum lengkap:"):
        assert any(ln.startswith(f"• {status}") for ln in lines), status


def test_pdf_lists_every_child_region_with_its_gap(jambi_deck):
    pdf = report_pdf(jambi_deck)
    flat = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    kec = jambi_deck.overview.children
    assert len(kec) == 11
    for name in kec["region_name"]:
        assert name in flat
    assert "Regions below and their gaps" in flat and "2.617" in flat  # Pelayangan's gap


def test_xlsx_takes_control_characters_a_user_typed():
    df = pd.DataFrame({"Nilai": ["12\x0b320", "=1\x01"]})
    ws = load_workbook(io.BytesIO(table_xlsx(df))).active
    assert ws["A2"].value == "12\ufffd320" and ws["A3"].value == "'=1\ufffd"


def test_data_date_is_read_in_wib(tmp_path):
    from ucj.present.deck import data_source
    from ucj.storage.store import Store

    s = Store(tmp_path / "d")
    s.publish(
        pd.DataFrame(
            {
                "period": ["2025-07"],
                "region_code": ["61.03"],
                "region_level": [2],
                "sector": ["PU"],
                "participants": [1],
                "sector_workforce": [None],
                "workforce": [10],
            }
        ).astype({"sector_workforce": "Int64", "workforce": "Int64"}),
        period="2025-07",
        user="a",
        file_name="f.csv",
        sha256="0" * 64,
    )
    m = s.manifest()
    entry = m["artefacts"]["snapshots"]["2025-07"]["versions"][0]
    entry["uploaded_at"] = "2025-07-31T20:30:00+00:00"  # 1 August, 03:30 WIB
    (s.data_dir / "manifest.json").write_text(__import__("json").dumps(m))
    assert read(data_source, s, "2025-07", "id") == ("f.csv", "1 Agustus 2025")


def test_pptx_tables_never_break_a_word_or_a_figure(demo_dir):
    from ucj.storage.store import Store

    deck = read(build_deck, Store(demo_dir), "2025-07", "15.71", None, "id")
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    tables = [sh for slide in prs.slides for sh in slide.shapes if sh.has_table]
    assert len(tables) >= 2
    for shape in tables:
        tbl = shape.table
        assert sum(c.width for c in tbl.columns) <= shape.width + 12700  # within the table's frame (1 pt)
        for j, column in enumerate(tbl.columns):
            for i in range(len(tbl.rows)):
                para = tbl.cell(i, j).text_frame.paragraphs[0]
                pt = para.font.size.pt
                for word in tbl.cell(i, j).text.split():
                    # A character is at most 0,7 em (DejaVu Sans Bold, the usual stand-in for Calibri);
                    # 0,2 in of cell margins.
                    assert column.width / 914400 >= len(word) * 0.7 * pt / 72 + 0.2 - 1e-6, (word, pt)
    texts = [tbl.table.cell(0, j).text for tbl in tables for j in range(len(tbl.table.columns))]
    assert any(t.startswith("Kekurangan") for t in texts)


def test_the_map_is_a_slide_a_pptx_picture_and_a_pdf_section_once_boundaries_are_loaded(tmp_path):
    from tests.boundary_files import as_bytes, jambi_kab_kota
    from ucj.services import service
    from ucj.services.demo import write_demo
    from ucj.storage.store import Store

    store = Store(tmp_path / "data")
    write_demo(store, "2025-07", boundaries=False)  # the sample as it was before it shipped boundaries
    before = read(build_deck, store, "2025-07", "15", None, "id")
    assert "map" not in [s.key for s in before.slides]
    service.import_boundaries(store, as_bytes(jambi_kab_kota()), "jambi.geojson", user="admin")
    deck = read(build_deck, store, "2025-07", "15", None, "id")
    keys = [s.key for s in deck.slides]
    assert keys.index("map") == keys.index("lagging") + 1
    slide = deck.slides[keys.index("map")]
    assert slide.subtitle == "Peta cakupan kabupaten/kota di Jambi terhadap target"
    slides, prs = _pptx_texts(deck_pptx(deck))
    n = keys.index("map")
    assert "Peta cakupan" in slides[n] and any(sh.shape_type == 13 for sh in prs.slides[n].shapes)
    pdf = PdfReader(io.BytesIO(report_pdf(deck)))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Peta cakupan kabupaten/kota di Jambi terhadap target" in text
    without = PdfReader(io.BytesIO(report_pdf(before)))
    assert sum(len(p.images) for p in pdf.pages) == sum(len(p.images) for p in without.pages) + 1
