"""Presentasi: the deck is built once per revision and view for every session, only the slide in
view draws its chart, and the .pptx and .pdf are built once per revision and view."""

from tests.app.conftest import open_app, store_of
from tests.conftest import csv_bytes
from ucj.services import service

WIDE = "periode;kode_wilayah;jumlah_pekerja;PU;BPU;JAKON;PMI"
DECK = "ucj.present.deck.build_deck"


def _counting(monkeypatch, table: dict, name: str) -> list:
    calls: list = []
    real = table[name]

    def counting(*args, **kwargs):
        calls.append(args[1:])
        return real(*args, **kwargs)

    monkeypatch.setitem(table, name, counting)
    return calls


def _slide_titles(at) -> list[str]:
    return [h.value for h in at.html if 'role="region"' in h.value]


def test_the_deck_is_built_once_for_two_sessions(sample_dir, monkeypatch):
    from app_pages import common

    builds = _counting(monkeypatch, common._CACHEABLE, DECK)
    first = open_app("present.py", period="2025-07", region="15.71", slide="3")
    second = open_app("present.py", period="2025-07", region="15.71", slide="3")
    for at in (first, second):
        assert not at.exception
        assert len(_slide_titles(at)) == 8  # every slide's text, for the browser to switch at once
    assert len(builds) == 1


def test_exports_are_built_once_per_revision_and_view(sample_dir, monkeypatch):
    from app_pages import common
    from ucj.present import exports

    built: list[str] = []
    for kind, name in common.EXPORTS.items():
        real = getattr(exports, name)

        def counting(d, real=real, kind=kind):
            built.append(kind)
            return real(d)

        monkeypatch.setattr(exports, name, counting)

    def files() -> dict[str, bytes]:
        common.begin_render()
        try:
            d = common.query(common.deck.build_deck, "2025-07", "61.03", None, "id")
            return {kind: common.export(kind, d)() for kind in common.EXPORTS}
        finally:
            common.end_render()

    cold = files()
    assert sorted(built) == ["pdf", "pptx"] and cold["pptx"][:2] == b"PK" and cold["pdf"][:5] == b"%PDF-"
    warm = files()  # a second request of the same view (another session): the same bytes, not built again
    assert warm == cold and sorted(built) == ["pdf", "pptx"]
    changed = csv_bytes([WIDE, "2025-07;61.03;220.618;39.952;19.701;4.519;1.884"], sep=";")
    assert service.ingest(store_of(sample_dir), changed, "sanggau.csv", user="admin").stored
    fresh = files()  # a new revision: built again
    assert sorted(built) == ["pdf", "pdf", "pptx", "pptx"] and fresh["pptx"] != cold["pptx"]


def test_the_map_is_drawn_once_for_two_sessions_and_again_after_a_publish(sample_dir, monkeypatch):
    # Placing the labels of Indonesia's provinces takes most of a second: the second viewer's map
    # is the first one's figure, until the data changes.
    from ucj.present import maps

    built: list[int] = []
    real = maps.coverage_map

    def counting(rows, *args, **kwargs):
        built.append(len(rows))
        return real(rows, *args, **kwargs)

    monkeypatch.setattr(maps, "coverage_map", counting)
    figures = []
    for _ in range(2):
        at = open_app("overview.py", period="2025-07", region="15")
        assert not at.exception
        [shown] = [c for c in at.get("plotly_chart") if c.proto.id and "coverage_map_chart" in c.proto.id]
        figures.append(shown.proto.spec)
    assert built == [11] and figures[0] == figures[1]  # Jambi's 11 kabupaten/kota, built once
    changed = csv_bytes([WIDE, "2025-07;61.03;220.618;39.952;19.701;4.519;1.884"], sep=";")
    assert service.ingest(store_of(sample_dir), changed, "sanggau.csv", user="admin").stored
    at = open_app("overview.py", period="2025-07", region="15")  # a new revision: drawn again
    assert not at.exception and built == [11, 11]


def test_what_every_render_copies_out_of_the_cache_for_the_map_holds_no_shapes(sample_dir):
    # Every Ringkasan and Wilayah render asks whether a national view exists and which provinces it
    # draws; the cache hands out a copy (unpickled), so that answer must not carry the 1,9 MB of
    # province shapes (120 ms a render): they are read only when the map's figure is built.
    import pickle

    from app_pages import common
    from ucj.present import maps

    common.begin_render()
    try:
        rows, drawn = common.query(maps.national_regions, "2025-07", None)
        whole = maps.national_view(common.revision(), "2025-07", None)
    finally:
        common.end_render()
    assert whole is not None and drawn == list(whole[1]) and len(whole[2]) == 38
    assert set(drawn) == {"15", "61"}  # the provinces the sample has figures for
    assert len(pickle.dumps((rows, drawn))) < 20_000 < len(pickle.dumps(whole)) // 50
