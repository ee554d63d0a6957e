"""The set-based paths (every region of a level at once) give the figures the region-by-region
rules give, figure for figure: the rules in ucj.core.coverage and ucj.core.completeness are the definition."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from ucj.core import regions
from ucj.core.completeness import Reported, completeness_table
from ucj.core.coverage import figures_table, figures_with_pace, target_book, target_in_force, targets_in_force

PERIODS = st.sampled_from(["2024-12", "2025-01", "2025-07", "2025-12", "2026-03"])
REGION = st.tuples(
    st.integers(0, 5_000_000),  # participants
    st.one_of(st.none(), st.just(0), st.integers(1, 9_000_000)),  # workforce
    st.one_of(st.none(), st.sampled_from([55, 58.65, 40.5, 33.333, 0.01, 100, 72.125])),  # target %
    st.sampled_from([2024, 2025, 2026, 2029]),  # target year
    st.one_of(st.none(), st.floats(-50_000, 50_000, allow_nan=False), st.integers(-3000, 3000).map(lambda x: x / 3)),
)


@settings(max_examples=300, deadline=None)
@given(PERIODS, st.lists(REGION, min_size=1, max_size=30), st.sampled_from([0.75, 0.5, 0.9]))
def test_figures_table_equals_target_figures_region_by_region(period, rows, ratio):
    p, w, t, y, pace = zip(*rows)
    years = [yy if tt is not None else None for tt, yy in zip(t, y)]
    table = figures_table(
        period, list(p), [x or 0 for x in w], list(t), years, [math.nan if x is None else x for x in pace], ratio
    )
    for i, row in enumerate(rows):
        want = figures_with_pace(period, p[i], w[i] or None, t[i], years[i], pace[i], ratio).as_dict()
        got = {k: v[i] for k, v in table.items()}
        assert got.keys() == want.keys()
        for k in want:
            assert got[k] == want[k] and (want[k] is None) == (got[k] is None), (k, row, got[k], want[k])


def test_figures_table_takes_the_exact_path_beyond_int64():
    # 10^15 participants would overflow the array arithmetic: the table falls back, same figures.
    big = 10**15
    table = figures_table("2025-07", [big], [big * 2], [58.65], [2025], [1e9])
    want = figures_with_pace("2025-07", big, big * 2, 58.65, 2025, 1e9).as_dict()
    assert {k: v[0] for k, v in table.items()} == want
    assert want["target_participants"] == 1_173_000_000_000_000


JAMBI_KOTA = regions.child_codes("15.71")
JAMBI_DESA = [d for k in JAMBI_KOTA for d in regions.child_codes(k)]


@settings(max_examples=150, deadline=None)
@given(
    st.sets(st.sampled_from(list(JAMBI_KOTA))),
    st.sets(st.sampled_from(JAMBI_DESA)),
    st.sets(st.sampled_from(list(regions.child_codes("15")))),
)
def test_completeness_table_equals_reported_of(kecamatan, desa, kabupaten):
    reported = sorted(kecamatan | desa | kabupaten)
    ref = Reported(reported)
    for codes in (list(regions.child_codes("15")), list(JAMBI_KOTA), ["15"]):
        got = completeness_table(reported, codes)
        for code, done, expected, complete in zip(codes, *got):
            want = ref.of(code)
            assert (done, expected, complete) == (want.reported_children, want.expected_children, want.complete)


def test_completeness_table_counts_a_kota_complete_only_when_every_kecamatan_is():
    all_but_one = list(JAMBI_KOTA[1:])
    done, expected, complete = completeness_table(all_but_one, ["15.71"])
    assert (done, expected, complete) == ([len(JAMBI_KOTA) - 1], [len(JAMBI_KOTA)], [False])
    every = [*all_but_one, JAMBI_KOTA[0]]
    assert completeness_table(every, ["15.71"])[2] == [True]
    done, expected, complete = completeness_table(every, ["15"])
    assert (done, expected, complete) == ([1], [len(regions.child_codes("15"))], [False])


def test_targets_in_force_equals_target_in_force():
    book = target_book(
        [
            {"region_code": "15", "year": 2025, "target_pct": 50, "source": "RPJMD"},
            {"region_code": "15.71", "year": 2025, "target_pct": 55, "source": "MoU"},
            {"region_code": "15.71", "year": 2027, "target_pct": 60, "source": ""},
            {"region_code": "15.71.01", "year": 2026, "target_pct": 57, "source": None},
            {"region_code": "61.03", "year": 2025, "target_pct": 58.65, "source": "RKPD"},
        ]
    )
    codes = ["15", "15.71", "15.04", "61", "61.03", "61.03.01", *JAMBI_KOTA]
    for year in (2024, 2025, 2026, 2027, 2028):
        got = targets_in_force(book, codes, year)
        assert list(zip(*got)) == [target_in_force(book, c, year) for c in codes]
