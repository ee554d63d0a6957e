"""The Target page's save: only the rows edited, never over someone else's newer change."""

import pandas as pd

from tests.conftest import processes
from ucj.services import service
from ucj.storage.store import Store


def drawn(store: Store) -> list[dict]:
    return store.read_targets()[["region_code", "year", "target_pct", "source"]].to_dict("records")


def as_typed(rows: list[dict]) -> list[dict]:
    return [{"row": i + 1, **r, "target_pct": str(r["target_pct"]).replace(".", ",")} for i, r in enumerate(rows)]


def seed(store: Store) -> None:
    store.save_targets(
        pd.DataFrame(
            [
                {"region_code": "15.71", "year": 2025, "target_pct": 55.0, "source": "MoU"},
                {"region_code": "61.03", "year": 2025, "target_pct": 58.65, "source": "Perbup"},
            ]
        ),
        user="setup",
    )


def test_a_save_keeps_another_users_change_to_another_row(store):
    seed(store)
    table = drawn(store)
    assert service.set_target(store, "61.03", 2026, "60", "RPJMD", user="budi").ok  # meanwhile
    edited = as_typed(table)
    edited[0]["target_pct"] = "56,5"
    assert service.save_target_edits(store, table, edited, user="ani").ok
    now = store.read_targets().set_index(["region_code", "year"])
    assert now.loc[("15.71", 2025), "target_pct"] == 56.5 and now.loc[("15.71", 2025), "updated_by"] == "ani"
    assert now.loc[("61.03", 2026), "target_pct"] == 60.0  # budi's row survived
    assert now.loc[("61.03", 2025), "updated_by"] == "setup"  # untouched rows keep their author


def test_a_row_changed_by_someone_else_is_refused_naming_who_and_when(store):
    seed(store)
    table = drawn(store)
    assert service.set_target(store, "15.71", 2025, "57", "Perwal", user="budi").ok
    edited = as_typed(table)
    edited[0]["target_pct"] = "56,5"
    result = service.save_target_edits(store, table, edited, user="ani")
    [e] = result.errors
    assert e.key == "target_conflict" and e.params["user"] == "budi" and e.params["when"].startswith("20")
    assert "budi" in e.message("id") and "15.71" in e.message("en")
    assert store.read_targets().set_index(["region_code", "year"]).loc[("15.71", 2025), "target_pct"] == 57.0
    # Deleting a row someone changed is refused the same way.
    result = service.save_target_edits(store, table, as_typed(table[1:]), user="ani")
    assert [e.key for e in result.errors] == ["target_conflict"]


def _race(args):
    data_dir, trial, who = args
    store = Store(data_dir)
    if who == "cli":
        return service.set_target(store, "61.03", 2030 + trial, "61", "cli", user="cli").ok
    table = drawn(store)
    edited = as_typed(table) + [
        {"row": 99, "region_code": "15.71", "year": 2030 + trial, "target_pct": "59", "source": "page"}
    ]
    result = service.save_target_edits(store, table, edited, user="page")
    return result.ok or [e.key for e in result.errors] == ["target_conflict"]


def test_racing_a_targets_set_loses_nothing(store):
    seed(store)
    with processes(2) as pool:
        for trial in range(20):
            assert all(pool.map(_race, [(str(store.data_dir), trial, "page"), (str(store.data_dir), trial, "cli")]))
    rows = store.read_targets()
    # Every racing change is there: 20 from the command line and 20 from the page.
    assert len(rows[rows["source"] == "cli"]) == 20 and len(rows[rows["source"] == "page"]) == 20
