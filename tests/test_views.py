"""The pages' view models (ucj.present), read from one Revision: what the filters offer, what the
Tren, Kelengkapan and Target pages are given, on the sample data."""

from tests.conftest import read
from ucj.core import regions
from ucj.present import registers, reporting, trends, views
from ucj.query import Revision


def test_the_filters_offer_every_region_with_data_and_the_months_newest_first(demo_store):
    labels = read(views.region_choices, demo_store)
    assert labels["15.71"] == "Kota Jambi (15.71)" and labels["61.03"] == "Kabupaten Sanggau (61.03)"
    assert list(labels) == sorted(labels)  # in code order, as the region filter lists them
    periods = read(views.period_choices, demo_store)
    assert periods == sorted(periods, reverse=True) and periods[0] == demo_store.periods()[-1]


def test_the_trend_page_compares_the_children_below_or_the_region_itself(demo_store):
    kab_kota = read(trends.trend_regions, demo_store, "15")
    assert kab_kota and all(c.startswith("15.") and regions.level_of(c) == 2 for c in kab_kota)
    assert len(kab_kota) <= trends.DEFAULT_REGIONS
    assert read(trends.trend_regions, demo_store, "61.03") == ["61.03"]  # reports its own figures


def test_one_revision_gives_the_trend_page_its_series_target_and_changes(demo_store):
    with Revision(demo_store) as revision:
        page = trends.trends_page(revision, ["15.71", "61.03"], "2025-07", "61.03", "JAKON")
    assert page.target["region_code"] == "61.03" and page.target["target_pct"] == 58.65
    assert page.target["coverage_pct"] == 36.68  # Sanggau's construction workers: 4.519 of 12.320
    assert set(page.changes["region_code"]) <= {"15.71", "61.03"}


def test_the_completeness_page_lists_a_region_that_reports_itself_among_its_siblings(demo_store):
    page = read(reporting.completeness_page, demo_store, "61.03", "2025-07", 12, "id")
    assert (page.scope, page.scope_name, page.level) == ("61", "Kalimantan Barat", 2)
    assert "61.03" in set(page.grid["region_code"])


def test_the_target_page_edits_percentages_as_written_and_keeps_the_stored_rows(demo_store):
    table = read(registers.targets_table, demo_store)
    shown = dict(zip(zip(table.shown["region_code"], table.shown["year"]), table.shown["target_pct"]))
    assert shown[("61.03", 2025)] == "58,65" and shown[("15.71", 2025)] == "55"
    stored = {(r["region_code"], r["year"]): r["target_pct"] for r in table.stored}
    assert stored[("61.03", 2025)] == 58.65 and set(table.stored[0]) == {"region_code", "year", "target_pct", "source"}
