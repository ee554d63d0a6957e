"""One store per app process: opened once, with UCJ_STORE one object-store client, brought up to
date with one LIST request per rerun (not one per query), the manifest parsed once per revision."""

import uuid

from tests.app.conftest import open_app
from ucj.storage import objects
from ucj.storage.reading import StoreReader
from ucj.storage.replica import copy_to


def _coverage(at) -> str:
    return {m.label: m.value for m in at.metric}["Cakupan"]


def _count(monkeypatch, cls, name, seen: list) -> None:
    real = getattr(cls, name)

    def counting(self, *args, **kwargs):
        seen.append(name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counting)


def test_a_shared_store_is_opened_once_and_listed_once_a_rerun(demo_dir, tmp_path, monkeypatch, s3_endpoint):
    url = f"s3://ucj-test/{uuid.uuid4().hex}"
    copy_to(demo_dir, url)
    monkeypatch.setenv("UCJ_STORE", url)
    monkeypatch.setenv("UCJ_DATA_DIR", str(tmp_path / "replica"))
    clients, lists, parsed = [], [], []
    _count(monkeypatch, objects.S3Objects, "__init__", clients)
    _count(monkeypatch, objects.S3Objects, "list", lists)
    _count(monkeypatch, StoreReader, "_load_manifest", parsed)
    at = open_app(period="2025-07", region="15.71")  # the overview: many queries, one store
    assert not at.exception and _coverage(at) == "48,44%"
    # Opening the replica: one client; one LIST to see the copy is behind, one in the pull that
    # fetches the newest version; the run that opened it does not list again.
    assert (len(clients), len(lists), len(parsed)) == (1, 2, 1)
    for _ in range(2):
        clients.clear(), lists.clear(), parsed.clear()
        at.run()
        assert not at.exception and _coverage(at) == "48,44%"
        # No new store, no new client, one LIST a rerun, and the unchanged manifest not parsed again.
        assert (clients, lists, parsed) == ([], ["list"], [])
