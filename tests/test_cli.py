"""``python -m ucj``: exit codes, output and JSON, over a temporary data directory."""

import io
import json
import subprocess
import sys

import pytest

from tests.conftest import csv_bytes
from ucj.cli import main
from ucj.core.i18n import both

HEADER = "period,region_code,workforce,PU,BPU,JAKON,PMI"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def data_dir(tmp_path):
    return str(tmp_path / "data")


def write(tmp_path, name, lines, **kw):
    p = tmp_path / name
    p.write_bytes(csv_bytes(lines, **kw))
    return str(p)


def test_ingest_stores_and_reports(tmp_path, data_dir):
    f = write(tmp_path, "juli.csv", [HEADER, "2025-07,15.71,289714,90000,45000,4349,1000"])
    code, out, _ = run("ingest", f, "--data-dir", data_dir, "--user", "ani")
    assert code == 0
    assert "Tersimpan: periode 2025-07, versi 1, 4 baris. / Stored: period 2025-07, version 1, 4 rows." in out
    code, out, _ = run("versions", "--data-dir", data_dir, "--json")
    v = json.loads(out)
    assert [(x["period"], x["version"], x["user"], x["file_name"]) for x in v] == [("2025-07", 1, "ani", "juli.csv")]


def test_ingest_refused_lists_errors_and_stores_nothing(tmp_path, data_dir):
    f = write(tmp_path, "bad.csv", [HEADER, "2025-07,15.71,289714,-1,45000,4349,1000"])
    code, out, err = run("ingest", f, "--data-dir", data_dir)
    assert code == 2
    assert "baris/row 2" in err and "PU" in err and "A count cannot be negative." in err
    assert "Nothing was stored." in err
    assert run("versions", "--data-dir", data_dir, "--json")[1].strip() == "[]"


def test_ingest_json_report(tmp_path, data_dir):
    f = write(tmp_path, "bad.csv", [HEADER, "2025-07,15.71,289714,abc,45000,4349,1000"])
    code, out, _ = run("ingest", f, "--data-dir", data_dir, "--json")
    report = json.loads(out)
    assert code == 2 and report["state"] == "refused"
    assert report["errors"][0] | {"message_id": None, "message_en": None} == {
        "severity": "error",
        "row": 2,
        "column": "PU",
        "value": "abc",
        "message_id": None,
        "message_en": None,
    }


def test_dry_run_and_warnings(tmp_path, data_dir):
    f = write(tmp_path, "over.csv", [HEADER, "2025-07,15.71,100,90,45,4,1"])
    assert run("ingest", f, "--data-dir", data_dir, "--dry-run")[0] == 2  # warnings unconfirmed
    code, out, _ = run("ingest", f, "--data-dir", data_dir, "--dry-run", "--accept-warnings")
    assert code == 0 and "Nothing was stored." in out
    assert run("ingest", f, "--data-dir", data_dir, "--accept-warnings")[0] == 0


def test_period_option_for_files_without_period(tmp_path, data_dir):
    f = write(
        tmp_path, "noperiod.csv", ["region_code,workforce,PU,BPU,JAKON,PMI", "61.03,220618,40123,20456,4519,1200"]
    )
    assert run("ingest", f, "--data-dir", data_dir)[0] == 2
    assert run("ingest", f, "--data-dir", data_dir, "--period", "Juli 2025")[0] == 0
    assert json.loads(run("versions", "--data-dir", data_dir, "--json")[1])[0]["period"] == "2025-07"


def test_status_json_for_the_sanggau_worked_example(tmp_path, data_dir):
    f = write(
        tmp_path, "long.csv", ["period,region_code,sector,participants,workforce", "2025-07,61.03,JAKON,4519,12320"]
    )
    assert run("ingest", f, "--data-dir", data_dir)[0] == 0
    t = write(tmp_path, "targets.csv", ["kode_wilayah;tahun;target;sumber", "61.03;2025;58,65%;RPJMD"])
    assert run("targets", "import", t, "--data-dir", data_dir)[0] == 0
    code, out, _ = run("status", "--data-dir", data_dir, "--region", "KAB. SANGGAU", "--sector", "JAKON", "--json")
    assert code == 0
    [row] = json.loads(out)
    keys = {
        "region_code",
        "region_name",
        "period",
        "participants",
        "workforce",
        "coverage_pct",
        "target_pct",
        "target_participants",
        "gap",
        "months_left",
        "required_per_month",
        "status",
    }
    assert keys <= set(row)
    assert {k: row[k] for k in keys} == {
        "region_code": "61.03",
        "region_name": "Kabupaten Sanggau",
        "period": "2025-07",
        "participants": 4519,
        "workforce": 12320,
        "coverage_pct": 36.68,
        "target_pct": 58.65,
        "target_participants": 7226,
        "gap": 2707,
        "months_left": 5,
        "required_per_month": 542,
        "status": "no_trend",
    }


def test_status_levels_on_the_demo(data_dir):
    assert run("demo", "--data-dir", data_dir)[0] == 0
    rows = json.loads(run("status", "--data-dir", data_dir, "--period", "2025-07", "--json")[1])
    assert len(rows) == 25
    jambi = next(r for r in rows if r["region_code"] == "15.71")
    assert (jambi["coverage_pct"], jambi["gap"], jambi["required_per_month"]) == (48.44, 18994, 3799)
    prov = json.loads(run("status", "--data-dir", data_dir, "--level", "provinsi", "--json")[1])
    assert [r["region_code"] for r in prov] == ["15", "61"]
    kec = json.loads(run("status", "--data-dir", data_dir, "--region", "15.71", "--level", "kecamatan", "--json")[1])
    assert (
        len(kec) == 11
        and sum(r["participants"] for r in kec)
        == next(
            r for r in json.loads(run("status", "--data-dir", data_dir, "--json")[1]) if r["region_code"] == "15.71"
        )["participants"]
    )
    code, out, _ = run("status", "--data-dir", data_dir, "--period", "2025-07")
    assert code == 0 and "Kota Jambi" in out and "48.44" in out


def test_ambiguous_region_option(data_dir):
    code, out, err = run("status", "--data-dir", data_dir, "--region", "Jambi")
    assert code == 2 and out == ""
    assert "Error: Invalid value for '--region': " in err and "Jambi (15), Kota Jambi (15.71)" in err


def test_status_without_data(data_dir):
    code, _, err = run("status", "--data-dir", data_dir)
    assert code == 2 and "No data yet" in err


def test_targets_list_and_bad_import(tmp_path, data_dir):
    bad = write(tmp_path, "t.csv", ["region_code,year,target_pct", "61.03,2025,150"])
    code, _, err = run("targets", "import", bad, "--data-dir", data_dir)
    assert code == 2 and "row 2" in err and "at most 100" in err
    good = write(tmp_path, "t2.csv", ["nama_wilayah,tahun,target_pct,sumber", "Kota Jambi,2025,55,MoU"])
    assert run("targets", "import", good, "--data-dir", data_dir)[0] == 0
    listed = json.loads(run("targets", "list", "--data-dir", data_dir, "--json")[1])
    assert listed == [
        {"region_code": "15.71", "region_name": "Kota Jambi", "year": 2025, "target_pct": 55.0, "source": "MoU"}
    ]


def test_rollback_command(tmp_path, data_dir):
    for pu in (90000, 93000):
        f = write(tmp_path, f"{pu}.csv", [HEADER, f"2025-07,15.71,289714,{pu},45000,4349,1000"])
        run("ingest", f, "--data-dir", data_dir)
    assert run("rollback", "--period", "2025-07", "--version", "1", "--data-dir", data_dir)[0] == 0
    [row] = json.loads(run("status", "--data-dir", data_dir, "--json")[1])
    assert row["participants"] == 140349
    code, _, err = run("rollback", "--period", "2025-07", "--version", "9", "--data-dir", data_dir)
    assert code == 2 and "has no version 9" in err


def test_module_entry_point_and_env_data_dir(tmp_path):
    env = {"UCJ_DATA_DIR": str(tmp_path / "envdata"), "PATH": "/usr/bin:/bin"}
    p = subprocess.run([sys.executable, "-m", "ucj", "demo"], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "envdata" / "manifest.json").exists()


def test_targets_set_adds_and_changes(data_dir):
    assert (
        run("targets", "set", "--region", "61.03", "--year", "2025", "--pct", "58,65", "--data-dir", data_dir)[0] == 0
    )
    assert (
        run("targets", "set", "--region", "Kota Jambi", "--year", "2025", "--pct", "55%", "--data-dir", data_dir)[0]
        == 0
    )
    assert (
        run(
            "targets",
            "set",
            "--region",
            "61.03",
            "--year",
            "2025",
            "--pct",
            "60",
            "--source",
            "Perbup",
            "--data-dir",
            data_dir,
        )[0]
        == 0
    )
    listed = json.loads(run("targets", "list", "--data-dir", data_dir, "--json")[1])
    assert [(t["region_code"], t["target_pct"], t["source"]) for t in listed] == [
        ("15.71", 55.0, ""),
        ("61.03", 60.0, "Perbup"),
    ]
    code, _, err = run("targets", "set", "--region", "61.03", "--year", "2025", "--pct", "0", "--data-dir", data_dir)
    assert code == 2 and "above 0" in err


def test_plan_json_for_the_sanggau_example(tmp_path, data_dir):
    f = write(
        tmp_path, "long.csv", ["period,region_code,sector,participants,workforce", "2025-07,61.03,JAKON,4519,12320"]
    )
    assert run("ingest", f, "--data-dir", data_dir)[0] == 0
    assert (
        run("targets", "set", "--region", "61.03", "--year", "2025", "--pct", "58,65", "--data-dir", data_dir)[0] == 0
    )
    code, out, _ = run(
        "plan", "--region", "61.03", "--sector", "JAKON", "--data-dir", data_dir, "--json", "--budget", "100000000"
    )
    plan = json.loads(out)
    assert code == 0
    assert {k: plan[k] for k in ("gap", "months_left", "required_per_month", "monthly_cost", "cost_to_deadline")} == {
        "gap": 2707,
        "months_left": 5,
        "required_per_month": 542,
        "monthly_cost": 45_477_600,
        "cost_to_deadline": 136_533_600,
    }
    assert plan["budget"]["workers"] == 1190
    code, out, _ = run(
        "plan", "--region", "61.03", "--sector", "JAKON", "--data-dir", data_dir, "--cost-per-worker", "9200", "--json"
    )
    assert json.loads(out)["monthly_cost"] == 2707 * 9200
    code, out, _ = run("plan", "--region", "61.03", "--sector", "JAKON", "--data-dir", data_dir, "--lang", "en")
    assert out.startswith("Kabupaten Sanggau: enrol 2.707 workers by December 2025 (542 a month).")


def test_export_writes_pptx_and_pdf(tmp_path, data_dir):
    assert run("demo", "--data-dir", data_dir)[0] == 0
    for fmt in ("pptx", "pdf"):
        out_file = tmp_path / f"deck.{fmt}"
        code, out, _ = run(
            "export",
            "--format",
            fmt,
            "--region",
            "15.71",
            "--period",
            "2025-07",
            "--out",
            str(out_file),
            "--data-dir",
            data_dir,
        )
        assert code == 0 and out_file.stat().st_size > 20_000
    assert (tmp_path / "deck.pptx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "deck.pdf").read_bytes()[:5] == b"%PDF-"
    code, _, err = run(
        "export", "--format", "pdf", "--region", "32.01", "--out", str(tmp_path / "x.pdf"), "--data-dir", data_dir
    )
    assert code == 2 and "No data for 32.01" in err


def test_the_last_target_can_be_deleted_from_the_edited_table(data_dir):
    from tests.conftest import read
    from ucj.query import list_targets
    from ucj.services import service as ucj_service
    from ucj.storage.store import Store

    assert (
        run("targets", "set", "--region", "61.03", "--year", "2025", "--pct", "58,65", "--data-dir", data_dir)[0] == 0
    )
    store = Store(data_dir)
    drawn = store.read_targets()[["region_code", "year", "target_pct", "source"]].to_dict("records")
    assert len(drawn) == 1
    assert ucj_service.save_target_edits(store, drawn, []).ok
    assert read(list_targets, Store(data_dir)).empty


def _kota_jambi_and_sanggau_then_sanggau(tmp_path, data_dir) -> str:
    """Stores July 2025 for Kota Jambi and Sanggau; returns a file of Sanggau alone (PU + 1.000)."""
    both = [HEADER, "2025-07,15.71,289714,90000,45000,4349,1000", "2025-07,61.03,220618,40123,20456,4519,1200"]
    assert run("ingest", write(tmp_path, "both.csv", both), "--data-dir", data_dir)[0] == 0
    return write(tmp_path, "sanggau.csv", [HEADER, "2025-07,61.03,220618,41123,20456,4519,1200"])


def test_replace_month_refuses_without_confirmation_then_removes_the_others(tmp_path, data_dir):
    only = _kota_jambi_and_sanggau_then_sanggau(tmp_path, data_dir)
    code, out, err = run("ingest", only, "--data-dir", data_dir, "--replace-month", "--json")
    report = json.loads(out)
    assert code == 2 and report["state"] == "needs_removal_confirmation"
    assert report["would_remove"] == ["15.71"] and report["regions_removed"] == 1
    code, _, err = run("ingest", only, "--data-dir", data_dir, "--replace-month")
    assert code == 2 and "--confirm-removal 1" in err and "Kota Jambi (15.71)" in err
    # A dry run says what would go, and stores nothing.
    code, out, _ = run("ingest", only, "--data-dir", data_dir, "--replace-month", "--dry-run", "--json")
    assert code == 0 and json.loads(out)["state"] == "dry_run" and json.loads(out)["would_remove"] == ["15.71"]
    assert len(json.loads(run("versions", "--data-dir", data_dir, "--json")[1])) == 1
    code, out, _ = run("ingest", only, "--data-dir", data_dir, "--replace-month", "--confirm-removal", "1")
    assert code == 0 and "Cara: ganti bulan; wilayah di berkas: 1; wilayah dihapus: 1." in out
    code, out, _ = run("status", "--data-dir", data_dir, "--json")
    assert [r["region_code"] for r in json.loads(out)] == ["61.03"]
    versions = json.loads(run("versions", "--data-dir", data_dir, "--json")[1])
    assert [(v["version"], v["mode"], v["regions"], v["removed"]) for v in versions] == [
        (2, "replace", ["61.03"], ["15.71"]),
        (1, "merge", ["15.71", "61.03"], []),
    ]


def test_merge_is_the_default_and_keeps_other_regions(tmp_path, data_dir):
    only = _kota_jambi_and_sanggau_then_sanggau(tmp_path, data_dir)
    code, out, _ = run("ingest", only, "--data-dir", data_dir, "--json")
    assert code == 0 and json.loads(out)["mode"] == "merge" and json.loads(out)["regions_changed"] == 1
    rows = {r["region_code"]: r for r in json.loads(run("status", "--data-dir", data_dir, "--json")[1])}
    assert rows["15.71"]["participants"] == 140349 and rows["61.03"]["participants"] == 67298


def test_expected_failures_are_messages_not_tracebacks(tmp_path, data_dir, monkeypatch):
    import errno

    from filelock import Timeout

    from ucj.storage import store as store_mod
    from ucj.storage import writing

    f = write(tmp_path, "juli.csv", [HEADER, "2025-07,15.71,289714,90000,45000,4349,1000"])

    def disk_full(path, write):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(writing, "write_atomic", disk_full)  # the one write seam's file writer
    code, _, err = run("ingest", f, "--data-dir", data_dir)
    assert code == 1 and "No space left on device" in err and "Nothing was changed." in err
    assert "Traceback" not in err
    monkeypatch.undo()

    def held(self):
        raise Timeout(str(self.data_dir / ".ucj.lock"))

    monkeypatch.setattr(store_mod.Store, "_lock", held)
    code, _, err = run("ingest", f, "--data-dir", data_dir)
    assert code == 1 and "held by another writer" in err and "Traceback" not in err
    code, _, err = run("ingest", str(tmp_path / "missing.csv"), "--data-dir", data_dir)
    assert code == 2 and "missing.csv" in err


def test_number_format_flag_answers_an_ambiguous_file(tmp_path, data_dir):
    f = write(tmp_path, "juli.csv", [HEADER, "2025-07,15.71,290.000,90.000,45.000,5.000,2.000"])
    code, _, err = run("ingest", f, "--data-dir", data_dir)
    # One question for the file, not one error per cell.
    assert code == 2 and err.count("KESALAHAN/ERROR") == 1 and "--number-format id" in err
    code, out, _ = run("ingest", f, "--number-format", "id", "--data-dir", data_dir, "--json")
    assert code == 0 and json.loads(out)["state"] == "stored"
    from ucj.storage.store import Store

    stored = Store(data_dir).read_snapshot("2025-07").set_index("sector")
    assert (stored.loc["PU", "participants"], stored.loc["PU", "workforce"]) == (90000, 290000)


def test_number_format_flag_on_targets_import(tmp_path, data_dir):
    t = write(tmp_path, "t.csv", ["region_code,year,target_pct,source", "15.71,2025,58.65,RPJMD"])
    assert run("targets", "import", t, "--number-format", "en", "--data-dir", data_dir)[0] == 0
    code, _, err = run("targets", "import", t, "--number-format", "id", "--data-dir", data_dir)
    assert code == 2 and "number_format" not in err and "58.65" in err


# --- issue 15: sheets, future months, withdraw -------------------------------------------------


@pytest.fixture
def office(data_dir):
    """A store with an admin (adi) and an analyst of Kota Jambi (ani)."""
    from ucj.services import users
    from ucj.storage.store import Store

    store = Store(data_dir)
    users.add_user(store, "adi", "admin", [], "rahasia-panjang-1")
    users.add_user(store, "ani", "analyst", ["15.71"], "rahasia-panjang-1", actor="adi")
    return data_dir


@pytest.fixture
def pinned(monkeypatch):
    import datetime as dt

    from ucj.services import service

    monkeypatch.setattr(service, "today", lambda: dt.date(2026, 12, 2))


def _two_sheets(tmp_path, name, sheets: dict[str, list[list]]) -> str:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    p = tmp_path / name
    wb.save(p)
    return str(p)


def test_sheet_option_on_ingest_targets_and_jakon_import(tmp_path, data_dir):
    f = _two_sheets(tmp_path, "juli.xlsx", {
        "Catatan": [["Lihat lembar Juli"]],
        "Juli": [HEADER.split(","), ["2025-07", "15.71", 289714, 90000, 45000, 4349, 1000]],
    })  # fmt: skip
    code, _, err = run("ingest", f, "--data-dir", data_dir)
    assert code == 2 and "No header row found" in err
    code, out, _ = run("ingest", f, "--data-dir", data_dir, "--sheet", "Juli", "--json")
    assert code == 0 and json.loads(out)["sheet"] == "Juli"
    code, _, err = run("ingest", f, "--data-dir", data_dir, "--sheet", "Agustus")
    assert code == 2 and "There is no sheet named 'Agustus'. Visible sheets: Catatan, Juli." in err
    t = _two_sheets(tmp_path, "t.xlsx", {"Catatan": [["-"]], "Target": [["kode_wilayah", "tahun", "target"],
                                                                         ["15.71", 2025, 55]]})  # fmt: skip
    assert run("targets", "import", t, "--data-dir", data_dir)[0] == 2
    assert run("targets", "import", t, "--data-dir", data_dir, "--sheet", "Target")[0] == 0
    header = ["nama_proyek", "opd", "sumber_dana", "nilai_kontrak", "tanggal_mulai", "tanggal_selesai",
              "jumlah_pekerja", "kode_wilayah"]  # fmt: skip
    j = _two_sheets(tmp_path, "j.xlsx", {"Catatan": [["-"]], "Proyek": [header, ["Jalan", "Dinas PUPR", "APBD",
                    1000000, "2025-03-01", "2025-10-31", 12, "15.71"]]})  # fmt: skip
    assert run("jakon", "import", j, "--data-dir", data_dir)[0] == 2
    code, out, _ = run("jakon", "import", j, "--data-dir", data_dir, "--sheet", "Proyek")
    assert code == 0, out


def test_a_future_month_needs_an_admin_and_the_flag(tmp_path, office, pinned):
    f = write(tmp_path, "salah.csv", [HEADER, "2099-12,15.71,289714,90000,45000,4349,1000"])
    code, _, err = run("ingest", f, "--data-dir", office, "--user", "ani")
    assert code == 2 and "Period 2099-12 is after the current month (2026-12)" in err
    code, _, err = run("ingest", f, "--data-dir", office, "--user", "ani", "--allow-future-period")
    assert code == 2 and "ani" in err and "admin" in err
    assert run("ingest", f, "--data-dir", office, "--user", "adi")[0] == 2
    code, out, _ = run("ingest", f, "--data-dir", office, "--user", "adi", "--allow-future-period")
    assert code == 0 and "Stored: period 2099-12, version 1" in out


def test_period_option_that_contradicts_the_file_is_refused(tmp_path, data_dir):
    f = write(tmp_path, "juli.csv", [HEADER, "2025-07,15.71,289714,90000,45000,4349,1000"])
    code, _, err = run("ingest", f, "--data-dir", data_dir, "--period", "2025-08")
    assert code == 2 and "The file says period 2025-07 while the period given" in err
    assert run("versions", "--data-dir", data_dir, "--json")[1].strip() == "[]"


def test_withdraw_command_then_rollback(tmp_path, office, pinned):
    july = write(tmp_path, "juli.csv", [HEADER, "2025-07,15.71,289714,90000,45000,4349,1000"])
    wrong = write(tmp_path, "salah.csv", [HEADER, "2099-12,15.71,289714,1,1,1,1"])
    assert run("ingest", july, "--data-dir", office, "--user", "ani")[0] == 0
    assert run("ingest", wrong, "--data-dir", office, "--user", "adi", "--allow-future-period")[0] == 0
    code, _, err = run("withdraw", "--period", "2099-12", "--data-dir", office, "--user", "ani")
    assert code == 2 and "ani" in err
    code, out, _ = run("withdraw", "--period", "2099-12", "--data-dir", office, "--user", "adi")
    assert code == 0
    assert "Period 2099-12 withdrawn: version 2 has no rows." in out
    [row] = json.loads(run("status", "--data-dir", office, "--json")[1])
    assert (row["period"], row["participants"]) == ("2025-07", 140349)
    versions = json.loads(run("versions", "--period", "2099-12", "--data-dir", office, "--json")[1])
    assert [(v["version"], v["mode"], v["active"], v["rows"]) for v in versions] == [
        (2, "withdraw", True, 0),
        (1, "merge", False, 4),
    ]
    audit = json.loads(run("audit", "--data-dir", office, "--json")[1])
    assert [e["event"] for e in audit if e["event"] == "withdraw"] == ["withdraw"]
    assert run("check", "--data-dir", office)[0] == 0
    assert run("rollback", "--period", "2099-12", "--version", "1", "--data-dir", office, "--user", "adi")[0] == 0
    [row] = json.loads(run("status", "--data-dir", office, "--json")[1])
    assert (row["period"], row["participants"]) == ("2099-12", 4)


def test_usage_errors_print_clicks_message_and_exit_2(data_dir):
    code, out, err = run("status", "--data-dir", data_dir, "--period", "bulan lalu")
    assert code == 2 and out == ""
    assert err.startswith("Usage: python -m ucj status [OPTIONS]\n")
    assert "Error: Invalid value for '--period': Bukan periode" in err
    code, _, err = run("targets", "set", "--data-dir", data_dir, "--region", "15.71")
    assert code == 2 and "Error: Missing option '--year'." in err
    code, _, err = run("no-such-command")
    assert code == 2 and "Error: No such command 'no-such-command'." in err


def test_help_is_printed_to_the_output_with_exit_0():
    code, out, err = run("ingest", "--help")
    assert code == 0 and err == ""
    assert out.startswith("Usage: python -m ucj ingest [OPTIONS] FILE\n")
    assert "--confirm-removal N" in out and "[env var: UCJ_DATA_DIR]" in out
    assert run("-h")[0] == 0


def test_data_dir_comes_from_ucj_data_dir_when_not_given(tmp_path, monkeypatch):
    monkeypatch.setenv("UCJ_DATA_DIR", str(tmp_path / "env"))
    code, out, _ = run("targets", "list")
    assert code == 0 and out.strip() == both("cli_no_targets")
    code, out, _ = run("rollback", "--period", "2025-07", "--version", "1")
    assert code == 2  # the store in UCJ_DATA_DIR has no such version, not the checkout's data/


def test_unlock_takes_user_or_local_not_both(data_dir):
    code, out, err = run("users", "unlock", "ani", "--local", "--user", "adi", "--data-dir", data_dir)
    assert code == 2 and out == "" and both("cli_user_or_local") in err


def test_account_commands_answer_through_the_messages(data_dir, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("rahasia-panjang-sekali\n"))
    code, out, _ = run("users", "add", "adi", "--role", "admin", "--password-stdin", "--data-dir", data_dir)
    assert code == 0 and out.strip() == both("cli_account_saved", name="adi", role="admin")
    code, out, err = run("users", "remove", "ani", "--user", "adi", "--data-dir", data_dir)
    assert code == 2 and err.strip() == "Tidak ada akun ani. / No account ani."
    code, out, err = run("users", "unlock", "adi", "--local", "--data-dir", data_dir)
    assert code == 0 and out.strip() == both("unlock_local_done", name="adi")
