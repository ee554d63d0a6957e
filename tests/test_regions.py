import pytest

from ucj.core.i18n import t
from ucj.core.regions import (
    RegionError,
    RegionLookup,
    ancestors,
    children,
    get_region,
    level_of,
    normalize_code,
    resolve_name,
)


@pytest.mark.parametrize("code", ["61.03", "6103", " 61.03 "])
def test_codes_with_or_without_dots(code):
    r = get_region(code)
    assert (r.code, r.name, r.level) == ("61.03", "Kabupaten Sanggau", 2)


@pytest.mark.parametrize("name", ["KAB. SANGGAU", "Kabupaten Sanggau", "Kab Sanggau", "kab. sanggau", "Sanggau"])
def test_sanggau_by_any_name(name):
    assert resolve_name(name).code == "61.03"


def test_kota_jambi_and_province():
    assert resolve_name("KOTA JAMBI").code == "15.71"
    assert resolve_name("Provinsi Jambi").code == "15"


def test_ambiguous_name_lists_candidates_with_codes():
    with pytest.raises(RegionError) as exc:
        resolve_name("Jambi")
    assert exc.value.kind == "ambiguous_name"
    assert [c.label for c in exc.value.candidates] == ["Jambi (15)", "Kota Jambi (15.71)"]


def test_kecamatan_whose_name_starts_like_a_kota():
    assert resolve_name("Kota Baru", within="15.71").code == "15.71.07"


@pytest.mark.parametrize("name", ["Atlantis", ""])
def test_unknown_name(name):
    with pytest.raises(RegionError) as exc:
        resolve_name(name)
    assert exc.value.kind == "unknown_name"


@pytest.mark.parametrize("code, kind", [("99.99", "unknown_code"), ("6-103", "invalid_code"), ("610", "invalid_code")])
def test_bad_codes(code, kind):
    with pytest.raises(RegionError) as exc:
        get_region(code)
    assert exc.value.kind == kind


def test_hierarchy_from_the_kemendagri_list():
    assert len(children("15")) == 11
    assert len(children("61")) == 14
    assert len(children(None)) == 38
    assert normalize_code("1571071001") == "15.71.07.1001"
    assert ancestors("15.71.07") == ["15.71", "15"]
    assert level_of("15.71.07") == 3


# --- the one lookup every reader of an upload uses ---------------------------------------------


def test_a_row_names_its_region_by_code_by_name_or_both():
    find = RegionLookup().find
    assert find("61.03").name == find(6103).name == find(None, "KAB. SANGGAU").name == "Kabupaten Sanggau"
    assert find("15.71", "Kota Jambi").code == "15.71"
    # "Jambi" is the province and the city: the code settles which one the row means.
    assert find("15.71", "Jambi").code == "15.71"


def test_a_code_and_a_name_that_disagree_are_one_problem_naming_both():
    for name in ("Kota Jambi", "Atlantis"):
        with pytest.raises(RegionError) as e:
            RegionLookup().find("61.03", name)
        assert (e.value.key, e.value.column, e.value.value) == ("code_name_mismatch", "region_name", name)
        assert t(e.value.key, "en", **e.value.params) == f"Code 61.03 is Kabupaten Sanggau, not {name}."
        assert "61.03" in t(e.value.key, "id", **e.value.params) and name in t(e.value.key, "id", **e.value.params)


def test_a_name_not_found_gets_suggestions_for_the_first_names_of_a_file():
    lookup = RegionLookup(max_suggested=1)
    with pytest.raises(RegionError) as e:
        lookup.find(None, "KAB. MELAWII")
    assert e.value.key == "unknown_name_suggest" and "Kabupaten Melawi (61.10)" in e.value.params["suggestions"]
    with pytest.raises(RegionError) as e:
        lookup.find(None, "KAB. SANGAUU")  # the second misspelt name of the file: no more comparing
    assert e.value.key == "unknown_name"
    with pytest.raises(RegionError) as e:
        lookup.find(None, "")
    assert e.value.key == "missing_value"
