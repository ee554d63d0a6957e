"""Reporting completeness: how many children reported, and no status claimed on partial data."""

import json

import pandas as pd
import pytest

from tests.conftest import csv_bytes, read
from ucj import query
from ucj.cli import main
from ucj.core import regions
from ucj.core.completeness import Reported
from ucj.present import reporting, views
from ucj.services import service

WIDE = "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI"
TREE = {"P": ("P.1", "P.2", "P.3"), "P.1": ("P.1.1", "P.1.2"), "P.2": (), "P.3": ()}


def fake(code):
    return TREE.get(code, ())


def test_a_region_is_complete_when_it_or_all_its_children_reported():
    r = Reported(["P.1.1", "P.2"], children_of=fake)
    assert r.complete("P.2") and r.complete("P.1.1")
    assert not r.complete("P.1")  # 1 of its 2 kecamatan
    assert not r.complete("P.3") and not r.has_data("P.3")
    assert r.has_data("P.1")
    got = r.of("P")
    assert (got.reported_children, got.expected_children, got.complete, got.child_level) == (1, 3, False, 2)
    assert r.missing("P") == ["P.1", "P.3"]
    assert r.of("P.2").reported_children is None and r.of("P.2").complete
    full = Reported(["P.1", "P.2", "P.3"], children_of=fake).of("P")
    assert (full.reported_children, full.expected_children, full.complete) == (3, 3, True)


def three_of_eleven(store, period="2025-07"):
    """Three of Jambi's eleven kabupaten/kota, each growing fast enough to be "on track" alone."""
    for p, pu in ((("2025-06"), 60_000), (period, 70_000)):
        lines = [WIDE] + [
            f"{p};{code};100.125;{pu + i:,};1.000;100;10".replace(",", ".")
            for i, code in enumerate(["15.01", "15.02", "15.71"])
        ]
        out = service.ingest(store, csv_bytes(lines, sep=";"), f"{p}.csv", accept_warnings=True)
        assert out.stored, out.result.errors
    store.save_targets(pd.DataFrame([{"region_code": "15", "year": 2025, "target_pct": 60.0, "source": "x"}]))


def test_a_province_with_3_of_11_reported_does_not_claim_to_be_on_track(store):
    three_of_eleven(store)
    row = read(query.target_status, store, "2025-07", region="15").iloc[0]
    assert (row.reported_children, row.expected_children, bool(row.complete)) == (3, 11, False)
    # Summed from those that reported: 213.333 participants of 300.375 workers.
    assert (row.participants, row.workforce, row.coverage_pct) == (213_333, 300_375, 71.02)
    assert row.status == "incomplete"
    # Each kabupaten/kota reported its own figures: complete, and judged on its own.
    kab = read(query.target_status, store, "2025-07", region="15.01").iloc[0]
    assert pd.isna(kab.reported_children) and bool(kab.complete) and kab.status == "reached"
    assert views.completeness_text(row.to_dict(), "id") == "3 dari 11 kabupaten/kota melapor"
    assert views.completeness_text(row.to_dict(), "en") == "3 of 11 regencies/cities reported"
    sentence = views.summary_sentence(row.to_dict(), "id")
    assert sentence == (
        "Jambi: 213.333 dari 300.375 pekerja terlindungi (71,02%) di wilayah yang melapor; "
        "capaian target belum dapat dinilai."
    )


def test_status_json_carries_the_reported_and_expected_children(store, capsys):
    three_of_eleven(store)
    assert main(["status", "--data-dir", str(store.data_dir), "--region", "15", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["reported_children"], row["expected_children"], row["complete"]) == (3, 11, False)
    assert row["status"] == "incomplete"
    assert main(["status", "--data-dir", str(store.data_dir), "--region", "15.71", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["reported_children"], row["expected_children"], row["complete"]) == (None, None, True)


def test_the_completeness_command_lists_whom_to_chase(store, capsys):
    three_of_eleven(store)
    assert main(["completeness", "--data-dir", str(store.data_dir), "--region", "15", "--period", "2025-07"]) == 0
    out = capsys.readouterr().out
    assert "2025-07: 3 dari 11 kabupaten/kota melapor / 3 of 11 regencies/cities reported" in out
    assert "Kabupaten Tebo (15.09): missing" in out and "Kota Jambi (15.71)" not in out
    args = ["completeness", "--data-dir", str(store.data_dir), "--region", "15", "--months", "2", "--json"]
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 22 and {r["period"] for r in rows} == {"2025-06", "2025-07"}
    assert sum(r["state"] == "complete" for r in rows if r["period"] == "2025-07") == 3


def test_a_kota_reported_by_some_of_its_kecamatan_is_partial(store):
    lines = [WIDE] + [f"2025-07;{k.code};10.125;1.000;100;10;1" for k in regions.children("15.71")[:10]]
    assert service.ingest(store, csv_bytes(lines, sep=";"), "kec.csv").stored
    city = read(query.target_status, store, "2025-07", region="15.71").iloc[0]
    assert (city.reported_children, city.expected_children, bool(city.complete)) == (10, 11, False)
    m = read(query.reporting_matrix, store, "15", ["2025-07"]).set_index("region_code")
    assert m.loc["15.71", "state"] == "partial" and m.loc["15.71", "reported_children"] == 10
    assert m.loc["15.01", "state"] == "missing"
    grid = read(reporting.reporting_grid, store, "15", "2025-07", months=2, lang="id").set_index("region_code")
    assert grid.loc["15.71", "Jul 2025"] == "10/11" and grid.loc["15.01", "Jul 2025"] == "✗"
    assert grid.loc["15.71", "Jun 2025"] == "✗"  # nothing carried back or forward
    assert grid.loc["", "Jul 2025"] == "0/11"  # the reporting rate counts complete regions only


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_deck_says_how_many_reported_beside_the_figure(store, lang):
    from ucj.present.deck import build_deck

    three_of_eleven(store)
    d = read(build_deck, store, "2025-07", "15", lang=lang)
    cov = next(s for s in d.slides if s.key == "coverage")
    expected = "3 dari 11 kabupaten/kota melapor" if lang == "id" else "3 of 11 regencies/cities reported"
    assert any(expected in line for line in cov.lines)
    assert cov.kpis[-1][1] == ("◌ data belum lengkap" if lang == "id" else "◌ incomplete data")


def test_the_pptx_and_pdf_say_how_many_reported(store):
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    from ucj.present.deck import build_deck
    from ucj.present.exports import deck_pptx, report_pdf

    three_of_eleven(store)
    d = read(build_deck, store, "2025-07", "15", lang="id")
    prs = Presentation(io.BytesIO(deck_pptx(d)))
    texts = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    assert "Data belum lengkap untuk Juli 2025: 3 dari 11 kabupaten/kota melapor." in texts
    assert "data belum lengkap" in texts  # the status card
    pdf = PdfReader(io.BytesIO(report_pdf(d)))
    flat = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "3 dari 11 kabupaten/kota melapor" in flat and "data belum lengkap" in flat


def test_the_trend_breaks_at_a_missing_month_and_marks_incomplete_ones(store):
    from ucj.present import charts

    three_of_eleven(store, period="2025-08")  # June and August; July has no data at all
    series = read(query.coverage_series, store, ["15", "15.01"])
    assert series[series["region_code"] == "15"]["complete"].tolist() == [False, False]
    assert series[series["region_code"] == "15.01"]["complete"].tolist() == [True, True]
    fig = charts.coverage_timeline(series[series["region_code"] == "15"], None, views.projection_path(None), "id")
    line = fig.data[0]
    assert list(line.x) == ["2025-06-01", "2025-07-01", "2025-08-01"]
    assert pd.isna(line.y[1])  # a gap, not a straight line across July
    assert list(line.marker.symbol) == ["circle-open", "circle", "circle-open"]
    assert line.text[0] == " · data belum lengkap"
    trend = charts.trend_lines(series, "en")
    kab = next(d for d in trend.data if d.name == "Kabupaten Kerinci")
    assert pd.isna(kab.y[1]) and kab.text[0] == ""
