"""The Pemda programmes: beneficiaries and budgets read, checked, published, rolled back, and a
region's figures (`python -m ucj programmes status --json`) on a worked example of our own.

The worked example (Kota Jambi, 2025, illustrative figures):
- snapshots: 40.000 workers, 20.614 participants (10.000 PU + 10.614 BPU) each month, Jan–Mar;
- "Rentan Kota", paid by Pemkot Jambi: 5.000 people a month at the default Rp16.800 (Rp84.000.000 a
  month); the year's allocation Rp1.000.000.000. Jan–Mar spent Rp252.000.000, Rp748.000.000 left:
  8 whole months (April–November) at Rp84 juta, so December is not paid in full, short by
  9 × 84 − 748 = Rp8.000.000;
- "Pro Jambi Tangguh", paid by Pemprov Jambi: 3.614 ojek drivers in March only at Rp10.000
  (Rp36.140.000); Rp500.000.000 for the year lasts to December.
- Funded 8.614 of 20.614 participants: 41,787…% → 41,79%; coverage 20.614 / 40.000 = 51,535% →
  51,54% half up (binary floating point rounds it to 51,53); without the programmes
  12.000 / 40.000 = 30%.
"""

import io
import json

import pytest

from tests.conftest import csv_bytes
from ucj.cli import main
from ucj.core.accounts import AccessDenied
from ucj.core.programmes import runway
from ucj.intake.programme_files import parse_beneficiaries_file, parse_budgets_file
from ucj.query import Revision
from ucj.services import programmes as ops
from ucj.services import service, users
from ucj.storage.store import Store

SNAPSHOT = "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI"
BENEFICIARIES = "periode;kode_wilayah;program;pemberi_dana;peserta;iuran_bulanan;kategori"
BUDGETS = "tahun;program;pemberi_dana;anggaran;dasar_hukum"
ROWS = [
    BENEFICIARIES,
    "2025-01;15.71;Rentan Kota;Pemkot Jambi;5.000;;pekerja rentan",
    "Februari 2025;15.71;Rentan Kota;Pemkot Jambi;5.000;;pekerja rentan",
    "03/2025;1571;Rentan Kota;Kota Jambi;5.000;;pekerja rentan",
    "2025-03;15.71;Pro Jambi Tangguh;Pemprov Jambi;3.614;10.000;pengemudi ojek",
]
BUDGET_ROWS = [
    BUDGETS,
    "2025;Rentan Kota;Pemkot Jambi;Rp 1 M;Perwal Jambi No. 36 Tahun 2025",
    "2025;Pro Jambi Tangguh;15;500 juta;",
]


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _with_jambi(store):
    for month in ("01", "02", "03"):
        rows = csv_bytes([SNAPSHOT, f"2025-{month};15.71;40.000;10.000;10.614;0;0"], sep=";")
        assert service.ingest(store, rows, f"jambi-{month}.csv", user="admin").stored
    return store


@pytest.fixture
def jambi(store):
    """Kota Jambi's three months of snapshots (see the module's worked example), in the store under
    test (with UCJ_TEST_BACKEND=s3, a replica of the shared store)."""
    return _with_jambi(store)


def _import(store, rows, name="program.csv", **kw):
    return ops.import_programmes(store, csv_bytes(rows, sep=";"), name, **kw)


def _budgets(store, rows, name="anggaran.csv", **kw):
    return ops.import_budgets(store, csv_bytes(rows, sep=";"), name, **kw)


def test_the_worked_example_as_json(tmp_path):
    # The command line over a data directory (the library's figures on a shared store: the next test).
    where = ["--data-dir", str(_with_jambi(Store(tmp_path / "data")).data_dir)]
    (tmp_path / "program.csv").write_bytes(csv_bytes(ROWS, sep=";"))
    (tmp_path / "anggaran.csv").write_bytes(csv_bytes(BUDGET_ROWS, sep=";"))
    assert run("programmes", "import", str(tmp_path / "program.csv"), "--user", "admin", *where)[0] == 0
    assert run("programmes", "budget", str(tmp_path / "anggaran.csv"), "--user", "admin", *where)[0] == 0
    code, out, _ = run("programmes", "status", "--region", "15.71", "--period", "2025-03", "--json", *where)
    assert code == 0
    assert json.loads(out) == {
        "region_code": "15.71",
        "period": "2025-03",
        "participants": 20614,
        "workforce": 40000,
        "coverage_pct": 51.54,
        "funded_participants": 8614,
        "funded_share_pct": 41.79,
        "coverage_without_funded_pct": 30.0,
        "programmes": [
            {
                "program": "Rentan Kota",
                "funder_code": "15.71",
                "funder_name": "Kota Jambi",
                "funded_participants": 5000,
                "monthly_cost_rp": 84_000_000,
                "budget_rp": 1_000_000_000,
                "spent_to_date_rp": 252_000_000,
                "budget_left_rp": 748_000_000,
                "months_covered": 8,
                "runs_out_period": "2025-12",
                "shortfall_rp": 8_000_000,
            },
            {
                "program": "Pro Jambi Tangguh",
                "funder_code": "15",
                "funder_name": "Provinsi Jambi",
                "funded_participants": 3614,
                "monthly_cost_rp": 36_140_000,
                "budget_rp": 500_000_000,
                "spent_to_date_rp": 36_140_000,
                "budget_left_rp": 463_860_000,
                "months_covered": 9,
                "runs_out_period": None,
                "shortfall_rp": 0,
            },
        ],
    }
    assert round(20614 / 40000 * 100, 2) == 51.53  # the trap: float rounding would show 51,53


def test_the_figures_through_the_library_and_a_rollback(jambi):
    from ucj.present.programmes import programme_status

    assert _import(jambi, ROWS, user="admin")[1] == 1
    assert _budgets(jambi, BUDGET_ROWS, user="admin")[1] == 1
    # February sent again with 6.000: merged by month, region and programme; the rest stays.
    assert _import(jambi, [BENEFICIARIES, "2025-02;15.71;rentan  kota;15.71;6.000;;"], user="admin")[1] == 2
    with Revision(jambi) as rev:
        first = programme_status(rev, "15.71", "2025-03")["programmes"][0]
        assert first["spent_to_date_rp"] == 84_000_000 * 2 + 6_000 * 16_800
        assert programme_status(rev, "15", "2025-03")["funded_participants"] == 8614  # the province, with its cities
        assert programme_status(rev, "15.71", "2025-02")["funded_participants"] == 6000
    jambi.rollback_programmes(1, user="admin")
    with Revision(jambi) as rev:
        assert programme_status(rev, "15.71", "2025-02")["funded_participants"] == 5000
        assert programme_status(rev, "15.71", "2025-03")["programmes"][0]["spent_to_date_rp"] == 252_000_000


@pytest.mark.parametrize(
    "period, costs, budget, expected",
    [
        # lasts: Rp100 a month for the 9 months left, Rp1.000 left
        ("2025-03", {"2025-01": 100, "2025-02": 100, "2025-03": 100}, 1_300, (300, 1_000, 9, None, 0)),
        # runs out: 4 months of the 9 paid, May short; 9 × 100 − 450 = 450 short
        ("2025-03", {"2025-03": 100}, 550, (100, 450, 4, "2025-08", 450)),
        # already spent beyond it in February: ran out then, the rest of the year all short
        ("2025-03", {"2025-01": 500, "2025-02": 600, "2025-03": 100}, 1_000, (1_200, -200, 0, "2025-02", 1_100)),
        # December: nothing after it
        ("2025-12", {"2025-12": 100}, 100, (100, 0, 0, None, 0)),
        # last year's months are not this year's spending
        ("2026-01", {"2025-12": 900, "2026-01": 100}, 1_200, (100, 1_100, 11, None, 0)),
    ],
)
def test_the_runway(period, costs, budget, expected):
    way = runway(period, costs, budget)
    assert (way.spent_to_date_rp, way.budget_left_rp, way.months_covered, way.runs_out_period, way.shortfall_rp) == (
        expected
    )


def test_without_a_budget_only_the_costs_are_known():
    way = runway("2025-03", {"2025-03": 100}, None)
    assert (way.monthly_cost_rp, way.spent_to_date_rp, way.budget_rp, way.runs_out_period) == (100, 100, None, None)


@pytest.mark.parametrize(
    "line, column, id_text, en_text",
    [
        ("2025-13;15.71;Rentan Kota;Pemkot Jambi;5.000;;", "periode / period", "Bukan periode", "Not a period"),
        ("2025-03;15.99;Rentan Kota;Pemkot Jambi;5.000;;", "kode_wilayah / region_code", "Kode wilayah tidak ada",
         "Region code not in"),
        ("2025-03;15.71;Rentan Kota;Pemkab Sangau;5.000;;", "pemberi_dana / funder_code", "Kabupaten Sanggau (61.03)",
         "Did you mean: Kabupaten Sanggau"),
        ("2025-03;15.71;Rentan Kota;Jambi;5.000;;", "pemberi_dana / funder_code", "Kota Jambi (15.71)",
         "Kota Jambi (15.71)"),
        ("2025-03;15.71;Rentan Kota;Pemkot Jambi;-5;;", "peserta / participants", "tidak boleh negatif",
         "cannot be negative"),
        ("2025-03;15.71;Rentan Kota;Pemkot Jambi;5.000;abc;", "iuran_bulanan / monthly_rp", "Bukan jumlah rupiah",
         "Not an amount in rupiah"),
        ("2025-03;15.71;;Pemkot Jambi;5.000;;", "program", "", ""),
    ],
)  # fmt: skip
def test_a_bad_row_is_reported_in_both_languages_and_nothing_is_stored(jambi, line, column, id_text, en_text):
    before = jambi.manifest()["revision"]
    result, version = _import(jambi, [BENEFICIARIES, "2025-01;15.71;Rentan Kota;Pemkot Jambi;5.000;;", line],
                              user="admin")  # fmt: skip
    assert version is None and result.rows.empty
    [problem] = result.errors
    assert (problem.row, problem.column) == (3, column)
    assert id_text in problem.message("id") and en_text in problem.message("en")
    assert jambi.manifest()["revision"] == before and jambi.read_programmes() is None


def test_a_repeated_row_and_a_repeated_budget_are_refused(jambi):
    result, version = _import(jambi, [*ROWS, "2025-01;15.71;RENTAN KOTA;15.71;1;;"], user="admin")
    assert version is None
    assert [(p.key, p.row) for p in result.errors] == [("duplicate_programme_row", 6)]
    assert "baris 2" in result.errors[0].message("id") and "row 2" in result.errors[0].message("en")
    result, version = _budgets(jambi, [*BUDGET_ROWS, "2025;Rentan Kota;15.71;2 M;"], user="admin")
    assert version is None and [p.key for p in result.errors] == ["duplicate_budget_row"]
    assert jambi.read_budgets() is None


def test_a_dry_run_checks_and_stores_nothing(jambi):
    before = jambi.manifest()["revision"]
    result, version = _import(jambi, ROWS, user="admin", dry_run=True)
    assert result.ok and version is None and len(result.rows) == 4
    result, version = _budgets(jambi, BUDGET_ROWS, user="admin", dry_run=True)
    assert result.ok and version is None
    assert jambi.manifest()["revision"] == before


def test_beneficiaries_above_the_regions_bpu_participants_are_a_warning(jambi):
    # 10.614 BPU participants in March; 8.000 + 3.614 = 11.614 in the programmes.
    rows = [BENEFICIARIES, "2025-03;15.71;Rentan Kota;15.71;8.000;;", "2025-03;15.71;Pro Jambi Tangguh;15;3.614;;"]
    result, version = _import(jambi, rows, user="admin")
    assert version == 1
    [warning] = result.warnings
    assert warning.key == "programme_above_bpu"
    assert "11.614" in warning.message("id") and "10.614" in warning.message("id")
    assert "more than the region's 10.614 BPU participants" in warning.message("en")


def test_an_analyst_sends_only_rows_of_her_regions_or_her_funder(jambi):
    users.add_user(jambi, "admin", "admin", [], "rahasia-kota-2025")
    users.add_user(jambi, "sari", "analyst", ["61.03"], "rahasia-kota-2025", actor="admin")
    users.add_user(jambi, "ani", "analyst", ["15.71"], "rahasia-kota-2025", actor="admin")
    users.add_user(jambi, "prov", "analyst", ["15"], "rahasia-kota-2025", actor="admin")
    result, version = _import(jambi, ROWS, user="sari")
    assert version is None and {p.key for p in result.errors} == {"out_of_scope"}
    assert "sari" in result.errors[0].message("id")
    with pytest.raises(AccessDenied):  # refused in the library, not only by the service's check
        jambi.publish_programmes(parse_beneficiaries_file(csv_bytes(ROWS, sep=";")).rows, user="sari")
    with pytest.raises(AccessDenied):
        jambi.publish_budgets(parse_budgets_file(csv_bytes(BUDGET_ROWS, sep=";")).rows, user="ani")
    assert jambi.read_programmes() is None and jambi.read_budgets() is None
    # Kota Jambi's analyst sends the city's rows, the province's programme included (its region is hers);
    # the province's analyst sends its own budget, not the city's.
    assert _import(jambi, ROWS, user="ani")[1] == 1
    result, version = _budgets(jambi, BUDGET_ROWS, user="prov")
    assert version == 1 and result.ok  # 15.71 lies within 15
    result, version = _budgets(jambi, [BUDGETS, "2025;Rentan Kota;Pemkot Jambi;1 M;"], user="sari")
    assert version is None and [p.key for p in result.errors] == ["out_of_scope"]


def test_the_sample_programmes_of_kota_jambi_in_both_languages(demo_store):
    from ucj.present.programmes import programme_page

    with Revision(demo_store) as rev:
        page = programme_page(rev, "15.71", "2026-10")
    assert (
        page.sentence("id")
        == "7.286 dari 171.849 peserta (4,24%) iurannya dibayar APBD; tanpa program, cakupan 55,96%."
    )
    assert page.sentence("en") == (
        "7.286 of 171.849 participants (4,24%) have their contributions paid by the APBD; without the programmes, "
        "coverage 55,96%."
    )
    # The city's 4.316 (3.000 vulnerable + 1.316 religious workers) and 1.650 RT heads from May 2025, the
    # Perwal 36/2025 pilot's 120 from September 2025, and Pro Jambi Tangguh's 1.200 drivers in the city.
    assert sorted(p["funded_participants"] for p in page.status["programmes"]) == [120, 1200, 1316, 1650, 3000]
    burn = page.burn[page.burn["label"] == "Pro Jambi Tangguh (ilustrasi) · Provinsi Jambi"]
    assert list(burn["left_rp"].tail(3)) == [12_000_000, 12_000_000 - 58_800_000, 12_000_000 - 2 * 58_800_000]
    assert list(burn["projected"].tail(3)) == [False, True, True]


def test_a_programmes_name_is_text_in_the_burn_down_chart():
    import pandas as pd

    from ucj.present.charts import budget_burndown

    burn = pd.DataFrame(
        {"label": ['<a href="https://x.invalid">klik</a> · Kota Jambi'] * 2, "period": ["2025-01", "2025-02"],
         "left_rp": [100, 50], "projected": [False, True]}
    )  # fmt: skip
    names = {trace.name for trace in budget_burndown(burn).data}
    assert names == {"&lt;a href=&quot;https://x.invalid&quot;&gt;klik&lt;/a&gt; · Kota Jambi"}
