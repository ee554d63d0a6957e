"""DuckDB queries: roll-ups, sectors, series, targets, empty and zero denominators."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import read
from ucj import query
from ucj.core import regions
from ucj.core.coverage import coverage_pct
from ucj.services.demo import split_exact
from ucj.storage.store import Store

SECTORS = ["PU", "BPU", "JAKON", "PMI"]


def rows(period, items):
    """items: (code, workforce, {sector: participants}, jakon_workforce)."""
    out = []
    for code, wf, counts, jakon_wf in items:
        for s in SECTORS:
            out.append(
                dict(
                    period=period,
                    region_code=code,
                    region_level=regions.level_of(code),
                    sector=s,
                    participants=counts.get(s, 0),
                    sector_workforce=jakon_wf if s == "JAKON" else None,
                    workforce=wf,
                )
            )
    return pd.DataFrame(out).astype({"sector_workforce": "Int64", "workforce": "Int64", "region_level": "int8"})


def publish(store, period, items):
    store.publish(rows(period, items), period=period, user="t", file_name="t", sha256="0" * 64)


def test_empty_store_gives_empty_frames_not_errors(store):
    assert read(query.coverage_by_region, store, "2025-07").empty
    assert read(query.target_status, store, "2025-07").empty
    assert read(query.coverage_series, store, ["15.71"]).empty
    assert read(query.list_targets, store).empty
    assert read(query.Revision.latest_period, store) is None


def test_parent_is_sum_of_parts_not_average_of_percentages(store):
    publish(store, "2025-07", [("15.71", 1000, {"PU": 900}, None), ("15.72", 100, {"PU": 10}, None)])
    prov = read(query.coverage_by_region, store, "2025-07", level=1).iloc[0]
    assert (prov.participants, prov.workforce, prov.coverage_pct) == (910, 1100, 82.73)  # not (90 + 10) / 2


def test_missing_or_zero_workforce_is_no_data(store):
    publish(
        store,
        "2025-07",
        [("15.71", None, {"PU": 900}, None), ("15.72", 0, {"PU": 10}, None), ("61.03", 100, {"PU": 10}, None)],
    )
    cov = read(query.coverage_by_region, store, "2025-07").set_index("region_code")
    assert pd.isna(cov.loc["15.71", "coverage_pct"]) and pd.isna(cov.loc["15.72", "coverage_pct"])
    assert cov.loc["61.03", "coverage_pct"] == 10.0
    # A parent with a child of unknown workforce is unknown too, never overstated.
    prov = read(query.coverage_by_region, store, "2025-07", level=1).set_index("region_code")
    assert pd.isna(prov.loc["15", "workforce"]) and pd.isna(prov.loc["15", "coverage_pct"])
    st_ = read(query.target_status, store, "2025-07").set_index("region_code")
    assert st_.loc["15.72", "status"] == "no_data"


def test_kecamatan_roll_up_to_their_kota_and_mix_with_kabupaten(store):
    publish(
        store,
        "2025-07",
        [
            ("15.71.01", 500, {"PU": 100, "BPU": 50}, None),
            ("15.71.07", 300, {"PU": 60}, None),
            ("15.01", 1000, {"PU": 200}, None),
        ],
    )
    kab = read(query.coverage_by_region, store, "2025-07", level=2).set_index("region_code")
    assert kab.loc["15.71", "participants"] == 210 and kab.loc["15.71", "workforce"] == 800
    kec = read(query.coverage_by_region, store, "2025-07", level=3, within="15.71")
    assert list(kec["region_code"]) == ["15.71.01", "15.71.07"]
    assert list(kec["region_name"]) == ["Telanaipura", "Kota Baru"]


def test_sector_breakdown_and_sector_coverage(store):
    publish(store, "2025-07", [("61.03", 220618, {"PU": 40123, "BPU": 20456, "JAKON": 4519, "PMI": 1200}, 12320)])
    sec = read(query.coverage_by_sector, store, "2025-07", "61.03").set_index("sector")
    assert sec.loc["JAKON", "coverage_pct"] == 36.68
    assert pd.isna(sec.loc["PU", "coverage_pct"])
    assert sec["participants"].sum() == 66298
    assert sec.loc["PU", "share_pct"] == 60.52
    assert list(sec.index) == SECTORS  # in the domain's order, as the tables and charts show them
    # The same figures per sector over time and in the region × sector matrix (one statement each).
    series = read(query.sector_series, store, "61.03").set_index("sector")
    assert series.loc["JAKON", "coverage_pct"] == 36.68 and series.loc["PU", "workforce"] == 220618
    matrix = read(query.sector_matrix, store, "2025-07", 2, within="61").set_index("sector")
    assert matrix.loc["BPU", "participants"] == 20456 and matrix.loc["BPU", "pct_of_workforce"] == 9.27


def test_time_series_and_pace(store):
    for m, pu in [("2025-04", 1000), ("2025-05", 1100), ("2025-06", 1150), ("2025-07", 1300)]:
        publish(store, m, [("61.03", 10000, {"PU": pu}, None)])
    s = read(query.coverage_series, store, ["61.03", "61"])
    assert list(s[s.region_code == "61.03"]["coverage_pct"]) == [10.0, 11.0, 11.5, 13.0]
    assert len(s[s.region_code == "61"]) == 4
    store.save_targets(pd.DataFrame([{"region_code": "61.03", "year": 2025, "target_pct": 15.0, "source": "x"}]))
    st_ = read(query.target_status, store, "2025-07").iloc[0]
    assert st_.current_pace == 100.0  # (1300 - 1000) / 3
    assert st_.target_participants == 1500 and st_.gap == 200 and st_.required_per_month == 40
    assert st_.projected_pct == 18.0 and st_.status == "on_track"
    only_one = read(query.target_status, store, "2025-04").iloc[0]
    assert only_one.status == "no_trend"


def test_target_of_a_later_year_applies_when_the_period_year_has_none(store):
    publish(store, "2025-07", [("61.03", 10000, {"PU": 1000}, None)])
    store.save_targets(pd.DataFrame([{"region_code": "61.03", "year": 2026, "target_pct": 20.0, "source": "x"}]))
    s = read(query.target_status, store, "2025-07").iloc[0]
    assert (s.target_year, s.months_left) == (2026, 17)


KABKOTA = [r.code for r in regions.children("15")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KABKOTA), st.integers(1, 10**6), st.lists(st.integers(0, 10**5), min_size=4, max_size=4)
        ),
        min_size=1,
        max_size=11,
        unique_by=lambda x: x[0],
    ),
    st.integers(1, 6),
)
def test_roll_ups_equal_the_sum_of_their_parts(tmp_path_factory, items, split):
    store = Store(tmp_path_factory.mktemp("rollup"))
    data = []
    for code, wf, counts in items:
        if code == "15.71":
            # Reported by kecamatan: the parts must add up to the same kota.
            kec = [r.code for r in regions.children(code)][:split]
            wfs = split_exact(wf, [1] * len(kec))
            parts = [split_exact(c, [1] * len(kec)) for c in counts]
            for i, k in enumerate(kec):
                data.append((k, wfs[i], {s: parts[j][i] for j, s in enumerate(SECTORS)}, None))
        else:
            data.append((code, wf, dict(zip(SECTORS, counts)), None))
    publish(store, "2025-07", data)
    kab = read(query.coverage_by_region, store, "2025-07", level=2)
    prov = read(query.coverage_by_region, store, "2025-07", level=1).iloc[0]
    assert prov.participants == kab["participants"].sum() == sum(sum(c) for _, _, c in items)
    assert prov.workforce == kab["workforce"].sum() == sum(wf for _, wf, _ in items)
    assert prov.coverage_pct == coverage_pct(int(prov.participants), int(prov.workforce))
    by_sector = read(query.coverage_by_sector, store, "2025-07", "15")
    assert by_sector["participants"].sum() == prov.participants


def test_a_region_without_a_target_is_measured_against_its_parents(store):
    publish(store, "2025-07", [("15.71.07", 1000, {"PU": 400}, None), ("15.71.01", 1000, {"PU": 600}, None)])
    store.save_targets(pd.DataFrame([{"region_code": "15.71", "year": 2025, "target_pct": 55.0, "source": "MoU"}]))
    kec = read(query.target_status, store, "2025-07", level=3, region="15.71").set_index("region_code")
    assert kec.loc["15.71.07", "target_pct"] == 55.0 and kec.loc["15.71.07", "gap"] == 150
    assert kec.loc["15.71.07", "target_source"] == "Kota Jambi (15.71): MoU"
    assert kec.loc["15.71.01", "status"] == "reached"


def test_a_region_that_starts_reporting_is_not_growth_of_its_parent(store):
    publish(store, "2025-06", [("61.03", 100_000, {"PU": 20_000}, None)])
    publish(store, "2025-07", [("61.03", 100_000, {"PU": 20_000}, None), ("61.05", 100_000, {"PU": 30_000}, None)])
    store.save_targets(pd.DataFrame([{"region_code": "61", "year": 2025, "target_pct": 40.0, "source": "x"}]))
    prov = read(query.target_status, store, "2025-07", level=1).iloc[0]
    assert prov.participants == 50_000 and prov.current_pace == 0.0
    assert prov.projected_pct == 25.0
    # 2 of Kalimantan Barat's 14 kabupaten/kota reported: the province's status is not judged.
    assert (prov.reported_children, prov.expected_children, prov.complete) == (2, 14, False)
    assert prov.status == "incomplete"


def test_a_status_call_reads_one_manifest_through_one_connection(store, monkeypatch):
    publish(store, "2025-06", [("61.03", 100_000, {"PU": 20_000}, None)])
    publish(store, "2025-07", [("61.03", 100_000, {"PU": 21_000}, None)])
    reads = []
    real = Store.manifest

    def counting(self):
        reads.append(1)
        return real(self)

    monkeypatch.setattr(Store, "manifest", counting)
    row = read(query.target_status, store, "2025-07", region="61.03").iloc[0]
    assert row.participants == 21_000 and row.current_pace == 1000.0
    assert len(reads) == 1
    # Once the revision is open, its queries read no manifest at all.
    with query.Revision(store) as revision:
        reads.clear()
        query.target_status(revision, "2025-07", region="61")
        query.coverage_by_sector(revision, "2025-07", "61.03")
        assert reads == []


FORKED = """
import os, sys
sys.path.insert(0, {repo!r})
from tests.conftest import read
from ucj import query
from ucj.query import sql
from ucj.storage.store import Store
store = Store({data!r})
period = store.periods()[-1]
parent = read(query.coverage_by_region, store, period)
for _ in range(5):
    pid = os.fork()
    if pid == 0:
        fresh = sql._DATABASE is None  # the child does not drive the parent's database
        same = read(query.coverage_by_region, store, period).equals(parent)
        os._exit(0 if fresh and same else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
print("ok")
"""


def test_a_forked_process_queries_a_database_of_its_own(demo_store, tmp_path):
    script = tmp_path / "forked.py"
    script.write_text(FORKED.format(repo=str(Path(__file__).resolve().parent.parent), data=str(demo_store.data_dir)))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_two_stores_at_the_same_revision_number_have_different_tokens(demo_store, tmp_path):
    # The app's cache across renders keys on the token: a replica's copy that reached the same
    # revision number by another write must not be served the other's figures.
    from ucj.query import Revision
    from ucj.storage.store import Store

    rows = demo_store.read_snapshot("2025-07")
    a, b = Store(tmp_path / "a"), Store(tmp_path / "b")
    a.publish(rows, period="2025-07", user="ani", file_name="a.csv", sha256="0" * 64)
    changed = rows.copy()
    changed.loc[changed["region_code"] == "61.03", "participants"] += 10
    b.publish(changed, period="2025-07", user="ani", file_name="b.csv", sha256="1" * 64)
    with Revision(a) as ra, Revision(b) as rb:
        assert ra.revision == rb.revision
        assert ra.token != rb.token
    with Revision(a) as before:
        token = before.token
    a.publish(changed, period="2025-07", user="ani", file_name="b.csv", sha256="1" * 64)
    with Revision(a) as after:
        assert after.token != token
