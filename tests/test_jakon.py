"""The Monev Jakon register: the contribution rule, project lists, publishing by region, roles."""

import json

import pytest

from tests.conftest import csv_bytes, read
from ucj.cli import main
from ucj.core.accounts import AccessDenied
from ucj.core.jakon import contribution_rp, parse_tiers
from ucj.intake.jakon_files import parse_projects_file
from ucj.present import registers
from ucj.services import service, users

HEADER = (
    "nama_proyek;opd;ppk;sumber_dana;nilai_kontrak;tanggal_mulai;tanggal_selesai;jumlah_pekerja;kode_wilayah;"
    "no_registrasi_bpjs;tanggal_registrasi"
)
JAMBI = [
    HEADER,
    "Jalan Lingkar Barat;Dinas PUPR;Budi;APBD;Rp 1.250.000.000;01/03/2025;31/10/2025;45;15.71;JK-1;2025-02-20",
    "Gedung Pasar;Dinas PUPR;Sari;APBD;850.000.000;2025-04-15;2025-12-15;30;15.71;;",
    "Drainase Telanaipura;Dinas PUPR;Budi;APBD;2,3 M;1 Mei 2025;30 November 2025;60;15.71.03;JK-2;2025-06-02",
]


@pytest.mark.parametrize(
    "value, owed",
    [
        (100_000_000, 210_000),  # 0,21 % of the first Rp100 juta
        (500_000_000, 890_000),  # + 0,17 % of the next 400 juta
        (1_000_000_000, 1_540_000),  # + 0,13 % of the next 500 juta
        (850_000_000, 1_345_000),
        (6_000_000_000, 6_840_000),  # + 0,11 % of 4 miliar + 0,09 % of the last miliar
        (1, 0),
    ],
)
def test_the_contribution_follows_the_tiers(value, owed):
    assert contribution_rp(value) == owed


def test_the_tiers_are_a_setting_and_a_bad_one_is_refused():
    flat = parse_tiers("*:0.24")
    assert contribution_rp(1_000_000_000, flat) == 2_400_000
    for bad in ("500:0.1,100:0.2,*:0.1", "100:0.2", "*:9"):
        with pytest.raises(ValueError):
            parse_tiers(bad)


def test_a_project_list_is_read_in_indonesian_forms():
    result = parse_projects_file(csv_bytes(JAMBI), "proyek.csv")
    assert result.ok, result.errors
    p = result.projects.set_index("project")
    assert p.loc["Jalan Lingkar Barat", "contract_value"] == 1_250_000_000
    assert p.loc["Drainase Telanaipura", "contract_value"] == 2_300_000_000
    assert str(p.loc["Drainase Telanaipura", "start_date"].date()) == "2025-05-01"
    assert p.loc["Gedung Pasar", "registration_no"] == ""
    assert result.regions == ["15.71", "15.71.03"]


@pytest.mark.parametrize(
    "line, key",
    [
        ("X;Dinas PUPR;A;Hibah;1.000;2025-01-01;2025-02-01;3;15.71;;", "unknown_funding"),
        ("X;Dinas PUPR;A;APBD;1.000;2025-03-01;2025-02-01;3;15.71;;", "end_before_start"),
        ("X;Dinas PUPR;A;APBD;1.000;2025-01-01;2025-02-01;3;15.71;;2025-01-05", "registration_without_number"),
        ("X;Dinas PUPR;A;APBD;1.000;2025-01-01;2025-02-01;3;15.71;JK-9;", "registration_without_date"),
        ("X;Dinas PUPR;A;APBD;1.000;31/02/2025;2025-03-01;3;15.71;;", "not_a_date"),
        ("X;Dinas PUPR;A;APBD;-5.000;2025-01-01;2025-02-01;3;15.71;;", "negative_money"),
        ("X;;A;APBD;1.000;2025-01-01;2025-02-01;3;15.71;;", "missing_value"),
        ("X;Dinas PUPR;A;APBD;1.000;2025-01-01;2025-02-01;3;15.99;;", "unknown_code"),
    ],
)
def test_each_problem_is_reported_and_nothing_is_kept(line, key):
    result = parse_projects_file(csv_bytes([HEADER, line]), "p.csv")
    assert [e.key for e in result.errors] == [key]
    assert result.projects.empty
    e = result.errors[0]
    assert e.row == 2 and e.message("id") and e.message("en")


def test_a_misspelt_region_gets_its_likely_name_and_a_repeated_project_is_refused():
    named = HEADER.replace("kode_wilayah", "nama_wilayah")
    result = parse_projects_file(csv_bytes([named, "X;Dinas PUPR;A;APBD;1.000;2025-01-01;2025-02-01;3;KAB. MELAWII;;"]))
    assert "Kabupaten Melawi (61.10)" in result.errors[0].message("id")
    twice = parse_projects_file(csv_bytes([HEADER, JAMBI[2], JAMBI[2]]))
    assert [e.key for e in twice.errors] == ["duplicate_project"] and twice.errors[0].row == 3


def test_publishing_replaces_only_the_regions_sent_and_rolls_back(store):
    service.publish_projects(store, csv_bytes(JAMBI), "jambi.csv", user="ani")
    sanggau = [HEADER, "Jalan Tayan;Dinas PUPR;C;APBD;4.800.000.000;2025-04-01;2025-11-30;70;61.03;;"]
    _, v2 = service.publish_projects(store, csv_bytes(sanggau), "sanggau.csv", user="sri")
    assert sorted(store.read_jakon()["project"]) == [
        "Drainase Telanaipura", "Gedung Pasar", "Jalan Lingkar Barat", "Jalan Tayan"
    ]  # fmt: skip
    # A new Kota Jambi list replaces Kota Jambi's projects (15.71) and keeps Sanggau's.
    _, v3 = service.publish_projects(store, csv_bytes([HEADER, JAMBI[2]]), "jambi-2.csv", user="ani")
    assert sorted(store.read_jakon()["project"]) == ["Drainase Telanaipura", "Gedung Pasar", "Jalan Tayan"]
    store.rollback_jakon(v2, user="ani")
    assert len(store.read_jakon()) == 4 and [v["active"] for v in store.jakon_versions()] == [False, True, False]
    assert store.check() == []
    events = [e["event"] for e in store.audit.entries()]
    assert events.count("jakon_published") == 3 and events[-1] == "jakon_rollback"


def test_an_analyst_publishes_only_her_regions(store):
    users.add_user(store, "admin", "admin", [], "rahasia-kota-2025")
    users.add_user(store, "ani", "analyst", ["15.71"], "rahasia-kota-2025", actor="admin")
    sanggau = [HEADER, "Jalan Tayan;Dinas PUPR;C;APBD;4.800.000.000;2025-04-01;2025-11-30;70;61.03;;"]
    result, version = service.publish_projects(store, csv_bytes(sanggau), "s.csv", user="ani")
    assert version is None and [e.key for e in result.errors] == ["out_of_scope"]
    assert store.read_jakon() is None
    with pytest.raises(AccessDenied):  # checked in the store too, not only before it
        store.publish_jakon(parse_projects_file(csv_bytes(sanggau)).projects, user="ani")
    assert service.publish_projects(store, csv_bytes(JAMBI), "j.csv", user="ani")[1] == 1


def test_the_sample_register_of_kota_jambi(demo_store):
    page = read(registers.jakon_page, demo_store, "15.71")
    s = page.summary
    assert (s.projects, s.registered, s.unregistered) == (6, 4, 2)
    assert s.workers_unprotected == 30 + 52
    assert s.value_unprotected_rp == 850_000_000 + 3_400_000_000
    # Rp850 juta: 1.345.000; Rp3,4 miliar: 210.000 + 680.000 + 650.000 + 0,11 % × 2,4 miliar = 4.180.000.
    assert s.contribution_owed_rp == 1_345_000 + 4_180_000
    assert s.started_before_registering == 1  # the drainage works began 1 May, registered 2 June
    assert page.illustrative and list(page.unregistered["project"])[0] == "Puskesmas Kota Baru (ilustrasi)"


def test_the_command_line_imports_and_lists(store, tmp_path, capsys):
    f = tmp_path / "jambi.csv"
    f.write_bytes(csv_bytes(JAMBI))
    assert main(["jakon", "import", str(f), "--data-dir", str(store.data_dir)]) == 0
    capsys.readouterr()
    assert main(["jakon", "list", "--unregistered", "--json", "--data-dir", str(store.data_dir)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["project"], r["owed_rp"], r["late"]) for r in rows] == [("Gedung Pasar", 1_345_000, True)]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([HEADER, "X;Dinas PUPR;A;Hibah;1.000;2025-01-01;2025-02-01;3;15.71;;"]))
    assert main(["jakon", "import", str(bad), "--data-dir", str(store.data_dir)]) == 2
    assert "Sumber dana tidak dikenal" in capsys.readouterr().err


# --- issue 15: contract values by the one number rule -------------------------------------------

SHORT = "nama_proyek,opd,sumber_dana,nilai_kontrak,tanggal_mulai,tanggal_selesai,jumlah_pekerja,kode_wilayah"


def _project(value: str, workers: str = "12") -> bytes:
    return csv_bytes([SHORT, f'Jalan A,Dinas PUPR,APBD,"{value}",2025-03-01,2025-10-31,"{workers}",15.71'])


@pytest.mark.parametrize(
    "value, stored",
    [("1 250 000 000", 1_250_000_000), ("1\u00a0000\u00a0000\u00a0000", 1_000_000_000), ("12 345 678", 12_345_678),
     ("Rp 5.000.000,-", 5_000_000), ("1,5 miliar", 1_500_000_000)],
)  # fmt: skip
def test_contract_values_are_stored_as_written(value, stored):
    result = parse_projects_file(_project(value))
    assert result.ok, result.errors
    assert result.projects["contract_value"].tolist() == [stored]


@pytest.mark.parametrize(
    "value, reason",
    [("1/2 M", "number_fraction"), ("1½ M", "number_fraction"), ("1.234.5", "number_grouping"),
     ("5.000.000-", "number_trailing_minus"), ("=1000000", "number_formula")],
)  # fmt: skip
def test_contract_values_in_forms_never_read_are_refused_on_their_row(store, value, reason):
    result, version = service.publish_projects(store, _project(value), "p.csv", user="ani")
    assert version is None and store.read_jakon() is None
    [e] = result.errors
    assert (e.key, e.row, e.column, e.value) == (reason, 2, "nilai_kontrak / contract_value", value)
    assert value in e.message("id") and "1 250 000 000" in e.message("en")


def test_workers_as_a_count_by_the_same_rule():
    assert parse_projects_file(_project("1.250.000.000", "12 345")).projects["workers"].tolist() == [12345]
    # A space is a thousands separator only before three digits: "1 2345" is not read as 12345.
    [e] = parse_projects_file(_project("1.250.000.000", "1 2345")).errors
    assert (e.key, e.row, e.column, e.value) == ("number_grouping", 2, "jumlah_pekerja / workers", "1 2345")


def test_an_ambiguous_project_list_asks_once_and_the_flag_answers(store, tmp_path):
    lines = [SHORT] + [f'Jalan {i},Dinas PUPR,APBD,"1.000",2025-03-01,2025-10-31,"2.000",15.71' for i in range(3)]
    f = tmp_path / "p.csv"
    f.write_bytes(csv_bytes(lines))
    result = parse_projects_file(f.read_bytes())
    assert [(e.key, e.row) for e in result.errors] == [("number_format_needed", None)] and result.asks_number_format
    assert main(["jakon", "import", str(f), "--data-dir", str(store.data_dir)]) == 2
    assert main(["jakon", "import", str(f), "--number-format", "id", "--data-dir", str(store.data_dir)]) == 0
    assert store.read_jakon()[["contract_value", "workers"]].values.tolist() == [[1000, 2000]] * 3


def test_a_project_whose_code_and_name_disagree_is_refused_naming_both():
    header = HEADER.replace("kode_wilayah;", "kode_wilayah;nama_wilayah;")
    row = "Gedung Pasar;Dinas PUPR;Sari;APBD;850.000.000;2025-04-15;2025-12-15;30;61.03;Kota Jambi;;"
    [e] = parse_projects_file(csv_bytes([header, row])).errors
    assert (e.key, e.row, e.column, e.value) == ("code_name_mismatch", 2, "nama_wilayah / region_name", "Kota Jambi")
    assert e.message("en") == "Code 61.03 is Kabupaten Sanggau, not Kota Jambi."
    assert e.message("id") != e.message("en") and "Kabupaten Sanggau" in e.message("id")


def test_a_misspelt_project_location_gets_suggestions():
    header = HEADER.replace("kode_wilayah;", "lokasi;")
    row = "Gedung Pasar;Dinas PUPR;Sari;APBD;850.000.000;2025-04-15;2025-12-15;30;KAB. SANGAUU;;"
    [e] = parse_projects_file(csv_bytes([header, row])).errors
    assert (e.key, e.row, e.value) == ("unknown_name_suggest", 2, "KAB. SANGAUU")
    assert "Kabupaten Sanggau (61.03)" in e.message("en") and "Kabupaten Sanggau (61.03)" in e.message("id")
