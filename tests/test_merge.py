"""Many branches, one month: a file replaces only the regions (or region × sector cells) it gives."""

import shutil

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import csv_bytes, read
from ucj import query
from ucj.core import regions
from ucj.core.merge import merge_month
from ucj.services import service
from ucj.storage.store import LevelClash, MonthChanged, Store

WIDE = "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI;jumlah_pekerja_jakon"
SECTORS = ["PU", "BPU", "JAKON", "PMI"]


@pytest.fixture
def sample(demo_dir, tmp_path) -> Store:
    """A private copy of the sample data (Jambi and Kalimantan Barat, every month)."""
    d = tmp_path / "data"
    shutil.copytree(demo_dir, d)
    return Store(d)


def wide_file(store: Store, period: str, prefix: str, extra_pu: dict[str, int] | None = None, jakon_wf=True) -> bytes:
    """The month's stored figures of the regions under ``prefix`` as an analyst's wide file
    (Indonesian number form), with ``extra_pu`` added to some regions' PU."""
    rows = store.read_snapshot(period)
    rows = rows[rows["region_code"].str.startswith(prefix + ".")]
    lines = [WIDE]
    for code, g in rows.groupby("region_code"):
        n = dict(zip(g["sector"], g["participants"]))
        wf = int(g["workforce"].max())
        jwf = g.loc[g["sector"] == "JAKON", "sector_workforce"].iloc[0]
        pu = n["PU"] + (extra_pu or {}).get(code, 0)
        jakon_cell = f"{int(jwf):,}".replace(",", ".") if jakon_wf and not pd.isna(jwf) else ""
        cells = [f"{v:,}".replace(",", ".") for v in (wf, pu, n["BPU"], n["JAKON"], n["PMI"])]
        lines.append(";".join(["Agustus 2025" if period == "2025-08" else period, code, *cells, jakon_cell]))
    return csv_bytes(lines, sep=";", bom=True, crlf=True)


def figures(store: Store, period: str, codes: list[str]) -> dict[str, tuple[int, float]]:
    out = {}
    for code in codes:
        row = read(query.target_status, store, period, region=code).iloc[0]
        out[code] = (int(row.participants), float(row.coverage_pct))
    return out


def test_a_kalimantan_barat_file_leaves_every_jambi_figure_unchanged(sample):
    jambi_codes = ["15", "15.71", "15.71.07", *[r.code for r in regions.children("15")]]
    before = figures(sample, "2025-08", jambi_codes)
    sanggau_before = figures(sample, "2025-08", ["61.03"])["61.03"]
    data = wide_file(sample, "2025-08", "61", extra_pu={"61.03": 1_000})
    out = service.ingest(sample, data, "kalbar-agustus.csv", user="ani (Kalbar)")
    assert out.stored, out.result.errors
    # Every Jambi figure, the province's totals and Kota Jambi's kecamatan included, is as it was.
    assert figures(sample, "2025-08", jambi_codes) == before
    sanggau = figures(sample, "2025-08", ["61.03"])["61.03"]
    assert sanggau[0] == sanggau_before[0] + 1_000
    # The version says who sent it and which regions it changed.
    v = sample.versions("2025-08").iloc[0]
    assert (v.version, v.user, v["mode"], v.n_regions, v.n_removed) == (2, "ani (Kalbar)", "merge", 14, 0)
    assert list(v.regions) == [r.code for r in regions.children("61")]
    # A rollback of that publish restores Sanggau (and still leaves Jambi as it was).
    sample.rollback("2025-08", 1, user="ani (Kalbar)")
    assert figures(sample, "2025-08", ["61.03"])["61.03"] == sanggau_before
    assert figures(sample, "2025-08", jambi_codes) == before


def test_replacing_the_month_refuses_without_confirmation_then_removes_the_others(sample):
    data = wide_file(sample, "2025-08", "61")
    refused = service.ingest(sample, data, "kalbar.csv", replace_month=True)
    assert refused.state == "needs_removal_confirmation"
    assert len(refused.preview.removed) == 21  # 10 Jambi kabupaten/kota and Kota Jambi's 11 kecamatan
    assert "21 wilayah" in refused.summary() and "Kabupaten Kerinci (15.01)" in refused.summary()
    assert "--confirm-removal 21" in refused.summary()
    assert len(sample.versions("2025-08")) == 1  # nothing stored
    wrong = service.ingest(sample, data, "kalbar.csv", replace_month=True, confirm_removal=20)
    assert wrong.state == "needs_removal_confirmation"
    done = service.ingest(sample, data, "kalbar.csv", replace_month=True, confirm_removal=21)
    assert done.stored and done.version.mode == "replace" and done.version.n_removed == 21
    assert read(query.target_status, sample, "2025-08", region="15").empty
    assert read(query.target_status, sample, "2025-08", region="15.71").empty
    assert not read(query.target_status, sample, "2025-08", region="61.03").empty
    # Publishing a replacement refuses an unconfirmed removal in the library too, not only in pages.
    result = service.check_file(sample, wide_file(sample, "2025-07", "61"), "x.csv", mode="replace")
    with pytest.raises(ValueError):
        service.publish(sample, result, mode="replace")


def test_a_replacement_checked_on_an_older_month_is_refused(sample):
    data = wide_file(sample, "2025-08", "61")
    result = service.check_file(sample, data, "kalbar.csv", mode="replace")
    preview = service.preview_publish(sample, result, "replace")
    # Someone else publishes the month in between.
    service.ingest(sample, wide_file(sample, "2025-08", "15"), "jambi.csv", user="budi")
    with pytest.raises(MonthChanged):
        service.publish(
            sample,
            result,
            mode="replace",
            confirm_removal=len(preview.removed),
            expected_active=preview.active_version,
        )
    assert sample.versions("2025-08")["user"].tolist() == ["budi", "demo"]


def test_a_kecamatan_against_a_stored_kota_row_is_refused_naming_the_upload(store):
    city = csv_bytes([WIDE, "2025-07;15.71;289.714;90.000;45.000;4.349;1.000;"], sep=";")
    assert service.ingest(store, city, "kota-jambi.csv", user="ani").stored
    kec = csv_bytes([WIDE, "2025-07;15.71.07;30.125;9.318;4.072;400;100;"], sep=";")
    out = service.ingest(store, kec, "kota-baru.csv", user="budi")
    assert out.state == "refused"
    [e] = out.result.errors
    assert (e.key, e.row, e.value) == ("level_clash", 2, "15.71.07")
    msg = e.message("id")
    assert "Kota Baru (15.71.07)" in msg and "Kota Jambi (15.71)" in msg
    assert "versi 1" in msg and "kota-jambi.csv" in msg and "ani" in msg
    assert "version 1" in e.message("en")
    assert len(store.versions()) == 1
    # The reverse: the city's own row while the month holds its kecamatan.
    store2 = Store(store.data_dir.parent / "other")
    assert service.ingest(store2, kec, "kota-baru.csv", user="budi").stored
    out = service.ingest(store2, city, "kota-jambi.csv", user="ani")
    assert out.state == "refused" and out.result.errors[0].params["other"] == "Kota Baru (15.71.07)"
    # The store refuses it as well when called directly (e.g. a publish racing another).
    with pytest.raises(LevelClash):
        store2.publish(out.result.rows if not out.result.rows.empty else _rows("15.71"), **_meta("2025-07"))
    # Replacing the whole month is the way to change level on purpose.
    assert service.ingest(store2, city, "kota-jambi.csv", replace_month=True, confirm_removal=1).stored


def _rows(code: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": "2025-07",
            "region_code": code,
            "region_level": regions.level_of(code),
            "sector": SECTORS,
            "participants": [1, 2, 3, 4],
            "sector_workforce": pd.array([None] * 4, dtype="Int64"),
            "workforce": pd.array([100] * 4, dtype="Int64"),
        }
    ).astype({"region_level": "int8"})


def _meta(period: str) -> dict:
    return {"period": period, "user": "t", "file_name": "t.csv", "sha256": "0" * 64}


def test_sanggau_construction_coverage_survives_a_monthly_wide_file(sample):
    def jakon(store):
        return read(query.target_status, store, "2025-07", region="61.03", sector="JAKON").iloc[0]

    assert (jakon(sample).participants, jakon(sample).workforce, jakon(sample).coverage_pct) == (4519, 12320, 36.68)
    with_column = wide_file(sample, "2025-07", "61", jakon_wf=True)
    assert b"jumlah_pekerja_jakon" in with_column and b";12.320\r\n" in with_column
    assert service.ingest(sample, with_column, "kalbar-juli.csv", accept_warnings=True).stored
    assert (jakon(sample).workforce, jakon(sample).coverage_pct) == (12320, 36.68)
    # A file that leaves the column blank keeps the month's stored denominator...
    blank = wide_file(sample, "2025-07", "61", jakon_wf=False)
    assert service.ingest(sample, blank, "kalbar-juli-2.csv", accept_warnings=True).stored
    assert (jakon(sample).workforce, jakon(sample).coverage_pct) == (12320, 36.68)
    # ...and one that gives another replaces it.
    other = csv_bytes([WIDE, "2025-07;61.03;220.618;40.123;20.456;4.519;1.200;15.000"], sep=";")
    assert service.ingest(sample, other, "sanggau.csv", accept_warnings=True).stored
    assert (jakon(sample).workforce, jakon(sample).coverage_pct) == (15000, 30.13)


def test_a_new_month_carries_nothing_forward(sample):
    # November 2026 is not stored: without the column, Sanggau's construction coverage is unknown.
    f = csv_bytes([WIDE, "2026-11;61.03;223.927;41.000;21.000;5.000;1.200;"], sep=";")
    assert service.ingest(sample, f, "sanggau-nov.csv", accept_warnings=True).stored
    row = read(query.target_status, sample, "2026-11", region="61.03", sector="JAKON").iloc[0]
    assert pd.isna(row.workforce) and pd.isna(row.coverage_pct)
    # The province is 1 of 14 reported for that month, and says so.
    prov = read(query.target_status, sample, "2026-11", region="61").iloc[0]
    assert (prov.reported_children, prov.expected_children, prov.complete) == (1, 14, False)


def test_long_file_replaces_only_its_region_sector_cells(store):
    wide = csv_bytes([WIDE, "2025-07;61.03;220.618;40.123;20.456;4.000;1.200;12.320"], sep=";")
    assert service.ingest(store, wide, "sanggau.csv").stored
    long = csv_bytes(["periode;kode_wilayah;sektor;peserta_aktif", "2025-07;61.03;JAKON;4.519"], sep=";")
    assert service.ingest(store, long, "jakon.csv").stored
    by_sector = read(query.coverage_by_sector, store, "2025-07", "61.03").set_index("sector")
    assert by_sector["participants"].to_dict() == {"PU": 40123, "BPU": 20456, "JAKON": 4519, "PMI": 1200}
    # The region's workforce and the JAKON denominator, not in the long file, are kept.
    assert by_sector.loc["JAKON", "coverage_pct"] == 36.68
    total = read(query.coverage_by_region, store, "2025-07").set_index("region_code").loc["61.03"]
    assert (total.participants, total.workforce) == (40123 + 20456 + 4519 + 1200, 220618)
    # A long file that gives the region's workforce sets it for the kept sectors too.
    long2 = csv_bytes(
        ["periode;kode_wilayah;sektor;peserta_aktif;penduduk_bekerja", "2025-07;61.03;PMI;1.300;221.000"], sep=";"
    )
    assert service.ingest(store, long2, "pmi.csv").stored
    total = read(query.coverage_by_region, store, "2025-07").set_index("region_code").loc["61.03"]
    assert (total.participants, total.workforce) == (40123 + 20456 + 4519 + 1300, 221000)
    # The change warning compares the file's sectors only: 4.519 JAKON against last month's JAKON.
    assert not service.check_file(store, long, "jakon.csv").warnings


def test_two_branches_publishing_one_month_both_keep_their_regions(store):
    jambi = csv_bytes([WIDE, "2025-07;15.71;289.714;90.000;45.000;4.349;1.000;"], sep=";")
    kalbar = csv_bytes([WIDE, "2025-07;61.03;220.618;40.123;20.456;4.519;1.200;12.320"], sep=";")
    assert service.ingest(store, jambi, "jambi.csv", user="cabang jambi").stored
    assert service.ingest(store, kalbar, "kalbar.csv", user="cabang sanggau").stored
    cov = read(query.coverage_by_region, store, "2025-07").set_index("region_code")["coverage_pct"].to_dict()
    assert cov == {"15.71": 48.44, "61.03": 30.05}
    rows = store.read_snapshot("2025-07")
    assert rows.groupby("region_code")["source_version"].max().to_dict() == {"15.71": 1, "61.03": 2}
    cmp = service.compare_with_current(store, service.check_file(store, jambi, "jambi.csv"))
    assert cmp[["region_code", "change"]].values.tolist() == [["15.71", "unchanged"]]


codes = st.sampled_from(["15.01", "15.02", "15.71", "61.03", "61.71"])


@given(
    stored=st.dictionaries(codes, st.integers(0, 10_000), max_size=5),
    sent=st.dictionaries(codes, st.integers(0, 10_000), min_size=1, max_size=5),
)
def test_merge_keeps_what_the_file_does_not_give_and_takes_what_it_does(stored, sent):
    def frame(d):
        return pd.concat([_rows(c).assign(participants=[n, 0, 0, 0]) for c, n in d.items()], ignore_index=True)

    plan = merge_month(frame(stored) if stored else None, frame(sent))
    got = plan.rows.groupby("region_code")["participants"].sum().to_dict()
    assert got == {**stored, **sent}
    assert plan.changed == sorted(sent) and plan.kept == sorted(set(stored) - set(sent)) and not plan.clashes
    replaced = merge_month(frame(stored) if stored else None, frame(sent), "replace")
    assert set(replaced.rows["region_code"]) == set(sent)
    assert replaced.removed == sorted(set(stored) - set(sent))
