"""The sample data set: what it covers and the brief's figures it reproduces."""

from tests.conftest import read
from ucj import query
from ucj.core.parsing import period_range
from ucj.services.demo import DEMO_END, DEMO_START, sample_rows


def test_covers_both_provinces_all_sectors_every_month(demo_store):
    assert read(query.Revision.periods, demo_store) == period_range(DEMO_START, DEMO_END)
    kab = read(query.coverage_by_region, demo_store, DEMO_END, level=2)
    assert sum(kab["region_code"].str.startswith("15.")) == 11
    assert sum(kab["region_code"].str.startswith("61.")) == 14
    assert set(read(query.coverage_by_sector, demo_store, DEMO_END, "61")["sector"]) == {"PU", "BPU", "JAKON", "PMI"}
    assert kab["coverage_pct"].between(5, 80).all()


def test_reproduces_the_brief(demo_store):
    s = read(query.target_status, demo_store, "2025-07", region="61.03", sector="JAKON").iloc[0]
    assert (s.participants, s.workforce, s.coverage_pct, s.gap, s.required_per_month) == (4519, 12320, 36.68, 2707, 542)
    j = read(query.target_status, demo_store, "2025-07", region="15.71").iloc[0]
    assert (j.participants, j.workforce, j.target_pct, j.gap) == (140349, 289714, 55.0, 18994)
    targets = read(query.list_targets, demo_store).set_index(["region_code", "year"])
    assert targets.loc[("61.03", 2025), "target_pct"] == 58.65


def test_participants_grow_plausibly(demo_store):
    s = read(query.coverage_series, demo_store, ["15", "61"])
    for _, g in s.groupby("region_code"):
        change = g["participants"].pct_change().dropna()
        assert (change.abs() < 0.05).all()


def test_deterministic():
    a, b = sample_rows("2024-03"), sample_rows("2024-03")
    assert all(a[p].equals(b[p]) for p in a)


def test_ships_boundaries_for_every_region_of_the_sample_and_the_provinces(demo_store):
    """A fresh sample draws maps: every kabupaten/kota of the sample and all 38 provinces have a
    boundary in the store, by code."""
    from ucj.core import regions

    geo = read(query.Revision.read_boundaries, demo_store)
    assert geo is not None
    codes = {f["properties"]["code"] for f in geo["features"]}
    kabkota = {r.code for p in ("15", "61") for r in regions.children(p)}
    assert kabkota <= codes
    assert {r.code for r in regions.children(None)} <= codes
    assert len(geo["features"]) == len(kabkota) + 38
