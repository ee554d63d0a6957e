"""A view's figures are worked out once per revision of the store and shared by every session: the
second viewer of the same view runs no query, and a publish shows at the next run (its key changes)."""

import pytest

from tests.app.conftest import open_app, store_of
from tests.conftest import csv_bytes
from ucj.query import sql
from ucj.services import service

WIDE = "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI"


class _CountingConnection:
    """A DuckDB cursor that counts the statements run through it."""

    def __init__(self, con, seen: list[str]):
        self._con, self._seen = con, seen

    def execute(self, statement, *args, **kwargs):
        self._seen.append(statement)
        return self._con.execute(statement, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._con, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._con.close()


@pytest.fixture
def statements(monkeypatch) -> list[str]:
    """Every DuckDB statement the app runs (the query layer's cursors all come from ``sql._cursor``)."""
    seen: list[str] = []
    real = sql._cursor
    monkeypatch.setattr(sql, "_cursor", lambda: _CountingConnection(real(), seen))
    return seen


def _coverage(at) -> str:
    return {m.label: m.value for m in at.metric}["Cakupan"]


def test_the_second_viewer_of_a_view_runs_no_query_and_a_publish_shows_at_once(sample_dir, statements):
    first = open_app(period="2025-07", region="61.03")
    assert not first.exception and _coverage(first) == "29,49%"
    assert statements, "the first viewer's figures come from DuckDB"
    statements.clear()
    second = open_app(period="2025-07", region="61.03")  # another session, the same view
    assert not second.exception and _coverage(second) == "29,49%"
    assert statements == []  # not a statement: not even a cursor with its views
    second.run()
    assert statements == []
    # A publish (a new version of the month) changes the revision: the next run reads it.
    changed = csv_bytes([WIDE, "2025-07;61.03;220.618;39.952;19.701;4.519;1.884"], sep=";")
    assert service.ingest(store_of(sample_dir), changed, "sanggau.csv", user="admin").stored
    second.run()
    assert not second.exception and _coverage(second) == "29,94%"  # 66.056 of 220.618, not 65.056
    assert statements, "a new revision is queried again"
    statements.clear()
    first.run()  # the first session sees the new figure too, from the cache its neighbour filled
    assert _coverage(first) == "29,94%" and statements == []
