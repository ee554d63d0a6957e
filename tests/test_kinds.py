"""One versioned-artefact store: every kind recorded in one manifest shape, every write through one
seam, a store of the earlier manifest shape read the same and written on, one read of the stored
month per checked upload."""

import json

import pytest

from tests.conftest import read
from tests.test_store import BOUNDARY, jambi
from ucj import query
from ucj.services import service
from ucj.storage.kinds import KINDS
from ucj.storage.records import FORMAT
from ucj.storage.store import Store
from ucj.storage.writing import Writer


def _every_kind(store: Store, user: str = "ani", programmes: bool = True) -> Store:
    """Two versions of July, two target tables, a Jakon register and boundaries; with
    ``programmes``, a Pemda programme's beneficiaries and its budget (kinds the earlier manifest
    shape never held)."""
    from ucj.intake.programme_files import parse_beneficiaries_file, parse_budgets_file
    from ucj.services.demo import sample_projects

    assert service.ingest(store, jambi(90000), "juli.csv", user=user).stored
    assert service.ingest(store, jambi(93000), "juli-2.csv", user=user).stored
    assert service.set_target(store, "15.71", 2025, "55", "MoU", user=user).ok
    assert service.set_target(store, "15.71", 2026, "60", "MoU", user=user).ok
    store.publish_jakon(sample_projects(), user=user, file_name="jakon.csv")
    store.save_boundaries(BOUNDARY, user=user, file_name="batas.geojson")
    if programmes:
        rows = parse_beneficiaries_file(
            b"periode;kode_wilayah;program;pemberi_dana;peserta\n2025-07;15.71;Rentan;15.71;3000\n"
        )
        store.publish_programmes(rows.rows, user=user, file_name="program.csv")
        budget = parse_budgets_file(b"tahun;program;pemberi_dana;anggaran\n2025;Rentan;15.71;1000000000\n")
        store.publish_budgets(budget.rows, user=user, file_name="anggaran.csv")
    assert store.check() == []
    return store


def _as_format_1(m: dict) -> dict:
    """The manifest as the store wrote it before format 2: each kind in its own shape, the single
    tables recorded by the version in force only."""
    a = m["artefacts"]
    old = {k: v for k, v in m.items() if k != "artefacts"}
    old.update(format=1, periods=a["snapshots"])
    jakon = a["jakon"]["all"]
    old.update(jakon_versions=jakon["versions"], jakon_active=jakon["active"])
    for kind in ("targets", "boundaries"):
        entry = a[kind]["all"]
        [v] = [v for v in entry["versions"] if v["version"] == entry["active"]]
        old.update({kind: v["path"], f"{kind}_version": v["version"], f"{kind}_sha256": v["file_sha256"]})
    return old


def _figures(store: Store) -> tuple:
    jambi_row = read(query.coverage_by_region, store, "2025-07").set_index("region_code").loc["15.71"]
    targets = read(query.list_targets, store)[["region_code", "year", "target_pct"]].to_dict("records")
    return (
        float(jambi_row["coverage_pct"]),
        int(jambi_row["participants"]),
        targets,
        len(store.read_jakon()),
        sorted(store.read_boundaries()["features"][0]["properties"].items()),
        store.versions()[["period", "version", "active"]].to_dict("records"),
        store.periods(),
    )


def test_every_kind_is_recorded_in_one_shape(store):
    _every_kind(store)
    m = json.loads((store.data_dir / "manifest.json").read_text())
    assert m["format"] == FORMAT == 2
    assert sorted(m["artefacts"]) == sorted(KINDS)
    for kind, by_key in m["artefacts"].items():
        for key, entry in by_key.items():
            assert entry["active"] in [v["version"] for v in entry["versions"]], (kind, key)
            for v in entry["versions"]:
                assert (store.data_dir / v["path"]).exists() and v["file_sha256"]
    assert [v["version"] for v in m["artefacts"]["targets"]["all"]["versions"]] == [1, 2]
    assert not {"periods", "targets", "jakon_versions", "boundaries"} & set(m)


def test_a_store_of_the_earlier_manifest_shape_reads_the_same_and_is_written_on(tmp_path):
    store = _every_kind(Store(tmp_path / "data"), programmes=False)
    before = _figures(store)
    path = store.data_dir / "manifest.json"
    path.write_text(json.dumps(_as_format_1(json.loads(path.read_text())), indent=1, sort_keys=True))
    old = Store(store.data_dir)
    assert "periods" in json.loads(path.read_text())
    assert _figures(old) == before and old.check() == []
    assert before[0] == 49.48 and before[1] == 143349  # Kota Jambi, July, as published
    # Written on: the next write saves the one shape, and every earlier version is still there.
    assert service.set_target(old, "15.71", 2027, "65", "MoU", user="ani").ok
    old.rollback("2025-07", 1, user="ani")
    m = json.loads(path.read_text())
    assert m["format"] == 2 and "periods" not in m and "targets_version" not in m
    assert [v["version"] for v in m["artefacts"]["snapshots"]["2025-07"]["versions"]] == [1, 2]
    assert Store(store.data_dir).check() == []
    july = read(query.coverage_by_region, old, "2025-07").set_index("region_code")
    assert july.loc["15.71", "participants"] == 140349  # version 1 again
    assert len(old.read_targets()) == 3


def test_check_of_an_earlier_shape_still_finds_a_moved_pointer(tmp_path):
    store = _every_kind(Store(tmp_path / "data"), programmes=False)
    path = store.data_dir / "manifest.json"
    old = _as_format_1(json.loads(path.read_text()))
    old["periods"]["2025-07"]["active"] = 1
    path.write_text(json.dumps(old))
    assert any(p.startswith("2025-07: active version v1 in manifest.json") for p in store.check())


def test_every_write_goes_through_the_one_seam(store, monkeypatch):
    """Counted at the seam: every public write of every kind, the accounts and the audit tail."""
    from ucj.services import users

    seen = []
    real = Writer._transaction

    def counting(self, work):
        seen.append(1)
        return real(self, work)

    monkeypatch.setattr(Writer, "_transaction", counting)
    users.add_user(store, "adi", "admin", [], "rahasia-kota-2025")
    _every_kind(store, "adi")
    store.rollback("2025-07", 1, user="adi")
    from ucj.services.demo import sample_projects

    store.publish_jakon(sample_projects(), user="adi", file_name="jakon-2.csv")  # a version to go back from
    store.rollback_jakon(1, user="adi")
    store.publish_programmes(store.read_programmes().assign(participants=3100), user="adi", file_name="p-2.csv")
    store.rollback_programmes(1, user="adi")
    store.withdraw("2025-07", user="adi")
    store.repair_audit_tail("adi")
    # add_user, 2 publishes, 2 target saves, 2 Jakon, boundaries, programmes, budgets, 2 rollbacks, a second
    # programmes, its rollback, withdraw, repair
    assert len(seen) == 16 and store.check() == []


@pytest.mark.parametrize("replace", [False, True])
def test_checking_one_upload_reads_the_stored_month_once(store, monkeypatch, replace):
    assert service.ingest(store, jambi(90000), "juli.csv").stored
    reads = []
    real = Store._read_file

    def counting(self, kind, rel):
        if kind.name == "snapshots":
            reads.append(rel)
        return real(self, kind, rel)

    monkeypatch.setattr(Store, "_read_file", counting)
    fresh = Store(store.data_dir)  # nothing read yet
    mode = "replace" if replace else "merge"
    result = service.check_file(fresh, jambi(91000), "juli-2.csv", mode=mode)
    preview = service.preview_publish(fresh, result, mode)
    comparison = service.compare_with_current(fresh, result, mode)
    assert reads == ["snapshots/period=2025-07/v0001.parquet"]
    assert preview.changed == ["15.71"] and comparison["delta"].tolist() == [1000]
    # The whole upload, published too: still the one read.
    reads.clear()
    out = service.ingest(Store(store.data_dir), jambi(92000), "juli-3.csv", replace_month=replace)
    assert out.stored and reads == ["snapshots/period=2025-07/v0001.parquet"]
