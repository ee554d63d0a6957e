"""Region boundaries for the coverage map: a GeoJSON file read once, each feature matched to a
Kemendagri code, its geometry simplified, and kept in the store (``python -m ucj boundaries import``).

A feature is matched by the first property that holds a code of a known region ("15.71", "1571",
"ID1571" as in OCHA/BPS files' ADM2_PCODE), else by its name through the same lookup as uploads
("KOTA JAMBI", "Kab. Sanggau", "Muko Muko"), inside the province a property names (WADMPR, ADM1_EN,
provinsi, NAME_1, …). A bare name that is both a kabupaten and a kota ("Serang") is the kabupaten
only where the file writes kota with their prefix ("Kota Serang" beside it, or kota prefixed and
kabupaten bare throughout, as BIG's national map does). Whatever does not match, or matches two
regions, is listed with its properties and the reason, never guessed.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from typing import Any

from shapely import MultiPolygon, Polygon
from shapely.geometry import mapping, shape

from ..core import regions
from ..core.errors import UcjError
from ..core.i18n import t

# Properties tried for a code, then for a name, in this order (case-insensitive).
CODE_PROPERTIES = ("code", "kode", "kode_wilayah", "kode_kemendagri", "kdpkab", "kdppum", "kdcpum",
                   "adm3_pcode", "adm2_pcode", "adm1_pcode", "region_code", "id")  # fmt: skip
NAME_PROPERTIES = ("name", "nama", "nama_wilayah", "namobj", "wadmkk", "wadmkc", "wadmpr", "adm3_en", "name_3",
                   "adm2_en", "name_2", "adm1_en", "name_1", "shapename", "region_name")  # fmt: skip
#: Properties that name the province a kabupaten/kota or kecamatan is in (BIG, OCHA, GADM, others).
PROVINCE_PROPERTIES = ("wadmpr", "provinsi", "propinsi", "province", "prov_name", "nama_prov", "nama_provinsi",
                       "nmprov", "adm1_en", "name_1", "adm1_pcode")  # fmt: skip
#: Properties that say a shape is a kabupaten or a kota (GADM's TYPE_2), for a name without its prefix.
KIND_PROPERTIES = ("type_2", "engtype_2")
_KIND_WORDS = {"kabupaten": "Kabupaten", "regency": "Kabupaten", "kota": "Kota", "city": "Kota"}
#: Properties of an unmatched shape kept for its report, each cut to PROPERTY_CHARS characters.
MAX_PROPERTIES = 30
PROPERTY_CHARS = 200
# About 500 m at the equator: a national kab/kota map stays a few MB and draws fast.
SIMPLIFY_DEGREES = 0.005
MAX_FEATURES = 10_000
MAX_BYTES = 300 << 20
COORD_DECIMALS = 4
#: Nesting a feature may have (a MultiPolygon's coordinates are 4 deep, its position 6 from the
#: feature); beyond, the file is no boundary file and would only exhaust the reader.
MAX_DEPTH = 20
#: Points in one feature: a kecamatan's shape from BIG's 1:25.000 map has tens of thousands.
MAX_POINTS = 1_000_000
#: Seconds the whole import may spend simplifying, checked before each feature.
MAX_SECONDS = 60.0
GEOJSON_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                 "GeometryCollection")  # fmt: skip
_JSON_TYPE = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
_clock = time.monotonic  # a test pins it


class BoundaryError(UcjError, ValueError):
    """A file that is not a usable boundary file; ``key`` is a message of ``ucj.core.i18n``."""


@dataclass(frozen=True)
class Unmatched:
    """A shape of the file that is not drawn: its number in the file (from 1), its name there ("" when
    it has none), its properties as text, and why (``reason``, a message key, with ``params``)."""

    number: int
    name: str
    properties: dict[str, object]
    reason: str
    params: dict[str, str] = field(default_factory=dict)

    def reason_text(self, lang: str) -> str:
        return t(self.reason, lang, **self.params)

    @property
    def label(self) -> str:
        """ "#12 (Serang)", or "#12" for a shape without a name."""
        return f"#{self.number} ({self.name})" if self.name else f"#{self.number}"


@dataclass
class BoundaryImport:
    """What a boundary file gave: one simplified feature per matched region, and every shape that is
    not drawn, in the file's order."""

    features: dict[str, dict] = field(default_factory=dict)  # region code → GeoJSON feature
    unmatched: list[Unmatched] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # codes given by more than one feature

    def geojson(self) -> dict:
        return {"type": "FeatureCollection", "features": [self.features[c] for c in sorted(self.features)]}

    def unmatched_rows(self, lang: str) -> list[dict[str, object]]:
        """``unmatched_rows`` of this import's unmatched shapes."""
        return unmatched_rows(self.unmatched, lang)


def unmatched_rows(unmatched: list[Unmatched], lang: str) -> list[dict[str, object]]:
    """One row per unmatched shape (number, name, reason in ``lang``, properties as JSON), for a
    table or a CSV file."""
    return [
        {
            "number": u.number,
            "name": u.name,
            "reason": u.reason_text(lang),
            "properties": json.dumps(u.properties, ensure_ascii=False),
        }
        for u in unmatched
    ]


def _props(feature: dict) -> dict[str, object]:
    return {str(k).lower(): v for k, v in (feature.get("properties") or {}).items()}


def _too_deep(feature: dict) -> bool:
    """Whether anything of the feature but its coordinates (checked with the shape) nests deeper
    than MAX_DEPTH; walked without recursion."""
    geometry = feature.get("geometry")
    stack = [(feature, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack += [(v, depth + 1) for k, v in value.items() if not (value is geometry and k == "coordinates")]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value]
    return False


def _checked_polygon_coords(kind: str, coords: object, label: str) -> int:
    """The number of points of a Polygon's or MultiPolygon's coordinates. Raises BoundaryError for
    coordinates not laid out as GeoJSON, not finite, or outside longitude ±180 / latitude ±90: such
    a value never reaches shapely (±1e308 would hang its simplification)."""

    def bad_shape(value) -> BoundaryError:
        return BoundaryError("boundaries_bad_shape", feature=label, value=_quote(value))

    polygons = coords if kind == "MultiPolygon" else [coords]
    if not isinstance(polygons, list):
        raise bad_shape(polygons)
    points = 0
    for polygon in polygons:
        if not isinstance(polygon, list):
            raise bad_shape(polygon)
        for ring in polygon:
            if not isinstance(ring, list):
                raise bad_shape(ring)
            for position in ring:
                if (
                    not isinstance(position, list)
                    or not 2 <= len(position) <= 3
                    or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position)
                ):
                    raise bad_shape(position)
                lon, lat = float(position[0]), float(position[1])
                if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
                    raise BoundaryError("boundaries_bad_coordinates", feature=label, value=f"{lon:g}, {lat:g}")
            points += len(ring)
            if points > MAX_POINTS:
                raise BoundaryError("boundaries_too_many_points", feature=label, n=f"> {MAX_POINTS}", limit=MAX_POINTS)
    return points


def _quote(value: object, limit: int = 40) -> str:
    """A value as the message quotes it: its JSON, cut at ``limit`` characters."""
    try:
        text = json.dumps(value, allow_nan=True)
    except (RecursionError, TypeError, ValueError):
        text = _JSON_TYPE.get(type(value), "?")
    return text if len(text) <= limit else text[:limit] + "…"


def _geometry(feature: dict, label: str):
    """The feature's Polygon or MultiPolygon, or None for a feature without one (listed as not
    matched). Raises BoundaryError for a geometry that is not GeoJSON."""
    g = feature.get("geometry")
    if g is None:
        return None
    kind = g.get("type") if isinstance(g, dict) else None
    if kind not in GEOJSON_TYPES:
        raise BoundaryError("boundaries_bad_geometry", feature=label, value=_quote(kind if isinstance(g, dict) else g))
    if kind not in ("Polygon", "MultiPolygon"):
        return None
    _checked_polygon_coords(kind, g.get("coordinates"), label)
    try:
        geom = shape(g)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    return None if geom.is_empty else geom


def _code_of(props: dict[str, object], keys: tuple[str, ...] = CODE_PROPERTIES) -> str | None:
    for key in keys:
        value = props.get(key)
        if value is None or isinstance(value, bool):
            continue
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
        text = text.removeprefix("ID").removeprefix("id")
        try:
            return regions.get_region(text).code
        except regions.RegionError:
            continue
    return None


#: A shape named only by its name is looked up as an upload's row is; for an unknown one the report
#: gives the closest official names (for the first ``_MAX_SUGGESTED`` of a file).
_MAX_SUGGESTED = 50


def _name_of(props: dict[str, object]) -> tuple[str, str] | None:
    """(the property, the name it gives), the first of NAME_PROPERTIES that has one."""
    for key in NAME_PROPERTIES:
        if props.get(key):
            return key, str(props[key])[:PROPERTY_CHARS]
    return None


def _kind_named(name: str, props: dict[str, object]) -> str:
    """The name with the prefix a kind property gives it (GADM: NAME_2 "Bandung", TYPE_2 "Kota")."""
    if regions.prefix_kind(name) is None:
        for key in KIND_PROPERTIES:
            word = _KIND_WORDS.get(str(props.get(key) or "").strip().lower())
            if word:
                return f"{word} {name}"
    return name


def _kept_properties(raw: dict) -> dict[str, object]:
    """An unmatched shape's properties for its report: the first MAX_PROPERTIES, scalars as they are
    and other values (and long texts) as cut text."""
    out: dict[str, object] = {}
    for k, v in list(raw.items())[:MAX_PROPERTIES]:
        if v is None or isinstance(v, (bool, int)) or (isinstance(v, float) and math.isfinite(v)):
            out[str(k)[:PROPERTY_CHARS]] = v
        else:
            out[str(k)[:PROPERTY_CHARS]] = (v if isinstance(v, str) else _quote(v, PROPERTY_CHARS))[:PROPERTY_CHARS]
    return out


def _rounded(geom) -> dict:
    def r(coords):
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
            return [round(float(coords[0]), COORD_DECIMALS), round(float(coords[1]), COORD_DECIMALS)]
        return [r(c) for c in coords]

    g = mapping(geom)
    return {"type": g["type"], "coordinates": r(g["coordinates"])}


@dataclass
class _Shape:
    """One feature of the file as read: its geometry, and the region it names or why none."""

    number: int
    name: str
    properties: dict[str, object]
    geom: Any = None
    region: regions.Region | None = None
    by_name: bool = False  # matched by its name, not a code
    prefix: str | None = None  # the kind its name's prefix says ("kota"), None for a bare name
    candidates: list[regions.Region] = field(default_factory=list)  # when its name means several
    reason: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def unmatched(self, reason: str | None = None, **params: str) -> Unmatched:
        return Unmatched(self.number, self.name, self.properties, reason or self.reason, params or self.params)

    @property
    def label(self) -> str:
        """How an error or the report names the shape: "#12 (Serang)"."""
        return self.unmatched("").label


class _Matcher:
    """Matches the features of one file by name: provinces looked up once each, the lookup's
    suggestions shared by the file."""

    def __init__(self) -> None:
        self.lookup = regions.RegionLookup(max_suggested=0)  # suggestions inside the province: below
        self.suggested = 0
        self._provinces: dict[str, regions.Region | None] = {}

    def province(self, props: dict[str, object], name_key: str) -> regions.Region | None:
        """The province a property names, by code ("36", "ID36") or name ("Banten", "DKI Jakarta"),
        or None (none given, unknown, or the shape is a province itself)."""
        if name_key in PROVINCE_PROPERTIES:
            return None
        for key in PROVINCE_PROPERTIES:
            value = props.get(key)
            if value is None or isinstance(value, bool) or not str(value).strip():
                continue
            text = str(value).strip()[:PROPERTY_CHARS]
            if text not in self._provinces:
                self._provinces[text] = self._province_of(text)
            if self._provinces[text] is not None:
                return self._provinces[text]
        return None

    def _province_of(self, text: str) -> regions.Region | None:
        code = _code_of({"p": text}, ("p",))
        if code is not None:
            return regions.get_region(code) if regions.level_of(code) == 1 else None
        named = text if regions.prefix_kind(text) == "provinsi" else f"Provinsi {text}"
        try:
            return self.lookup.find(None, named)
        except regions.RegionError:
            return None

    def match(self, shape: _Shape, name: str, province: regions.Region | None, named: set[str]) -> None:
        """Sets the shape's region, or its candidates (a name of several regions), or why none:
        looked for in its province, then (a file older than a province's split: Papua's, 2022) in
        provinces the file names nowhere."""
        shape.by_name, shape.prefix = True, regions.prefix_kind(name)
        try:
            shape.region = self.lookup.find(None, name, within=province.code if province else None)
            return
        except regions.RegionError as exc:
            error = exc
        candidates = list(error.candidates)
        if province is not None and error.key != "ambiguous_name":
            try:
                candidates = [self.lookup.find(None, name)]
            except regions.RegionError as exc:
                candidates = list(exc.candidates)
            candidates = [c for c in candidates if c.code.split(".")[0] not in named]
            if len(candidates) == 1:
                shape.region = candidates[0]
                return
        if len(candidates) > 1:
            shape.candidates = candidates
            shape.reason, shape.params = "boundary_reason_ambiguous", {"candidates": _either(candidates)}
        else:
            self.unknown(shape, name, province)

    def unknown(self, shape: _Shape, name: str, province: regions.Region | None) -> None:
        """Why a name matches nothing, with the official names close to it (in its province)."""
        close: list[regions.Region] = []
        if self.suggested < _MAX_SUGGESTED:
            self.suggested += 1
            close = [r for r in regions.suggest(name) if province is None or r.code.startswith(province.code + ".")]
        params = {"suggestions": ", ".join(r.label for r in close)} if close else {}
        if province is not None:
            params["province"] = province.name
        shape.params = params
        shape.reason = _UNKNOWN[bool(close), province is not None]


#: Why a name matches nothing, by (close names found, a province given).
_UNKNOWN = {
    (False, False): "boundary_reason_unknown",
    (False, True): "boundary_reason_unknown_in",
    (True, False): "boundary_reason_suggest",
    (True, True): "boundary_reason_suggest_in",
}


def _either(candidates: list[regions.Region]) -> str:
    labels = [c.label for c in candidates]
    return ", ".join(labels[:-1]) + f" & {labels[-1]}" if len(labels) > 1 else "".join(labels)


def _read_shapes(features: list) -> list[_Shape]:
    """Each feature checked (raising BoundaryError for one that is not GeoJSON) and matched by code or
    name; a bare name of several regions is left with its candidates for ``_settle``."""
    matcher = _Matcher()
    # The provinces the file names: a shape is looked for outside its own only in provinces not among them.
    named: set[str] = set()
    for feature in features:
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            props = _props(feature)
            if (found := _name_of(props)) and (p := matcher.province(props, found[0])):
                named.add(p.code)
    shapes = []
    for i, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            shapes.append(_Shape(i, "", {}, reason="boundary_reason_not_feature"))
            continue
        raw = feature.get("properties")
        if raw is not None and not isinstance(raw, dict):
            raise BoundaryError("boundaries_bad_properties", feature=f"#{i}", value=_JSON_TYPE.get(type(raw), "?"))
        if _too_deep(feature):
            raise BoundaryError("boundaries_too_deep", feature=f"#{i}", limit=MAX_DEPTH)
        props = _props(feature)
        found = _name_of(props)
        shape = _Shape(i, found[1] if found else "", _kept_properties(raw or {}))
        shape.geom = _geometry(feature, shape.label)
        shapes.append(shape)
        if shape.geom is None or not isinstance(shape.geom, (Polygon, MultiPolygon)):
            shape.reason = "boundary_reason_no_polygon"
            continue
        if (code := _code_of(props)) is not None:
            shape.region = regions.get_region(code)
        elif found:
            matcher.match(shape, _kind_named(found[1], props), matcher.province(props, found[0]), named)
        else:
            shape.reason = "boundary_reason_no_name"
    return shapes


def _settle(shapes: list[_Shape]) -> None:
    """Settles a bare name that is one kabupaten and kota ("Serang": Kabupaten and Kota Serang) as the
    kabupaten where the file shows that it writes kota with their prefix: a shape "Kota Serang" is
    in it, or its kota are prefixed and its kabupaten bare (most of each). Any other name of several
    regions stays unmatched. Then leaves out a shape matched by name at another level than most of
    the file's (a kecamatan's name in a kab/kota file)."""
    named = [s for s in shapes if s.region is not None and s.by_name and s.region.level == 2]
    kota = [s.prefix == "kota" for s in named if s.region and s.region.kind == "kota"]
    kabupaten = [s.prefix is None for s in named if s.region and s.region.kind == "kabupaten"]
    convention = 2 * sum(kota) > len(kota) > 0 and 2 * sum(kabupaten) > len(kabupaten) > 0
    prefixed_kota = {s.region.code for s in named if s.region and s.region.kind == "kota" and s.prefix == "kota"}
    for s in shapes:
        kab = [c for c in s.candidates if c.kind == "kabupaten"]
        pair = s.prefix is None and len(kab) == 1 and all(c.kind in ("kabupaten", "kota") for c in s.candidates)
        if pair and (convention or any(c.code in prefixed_kota for c in s.candidates if c.kind == "kota")):
            s.region = kab[0]
    levels = [s.region.level for s in shapes if s.region is not None]
    most = max((levels.count(n) for n in set(levels)), default=0)
    for s in shapes:
        if s.region is not None and s.by_name and levels.count(s.region.level) < most:
            s.reason, s.params, s.region = "boundary_reason_other_level", {"region": s.region.label}, None


def parse_boundary_file(data: bytes, max_seconds: float = MAX_SECONDS) -> BoundaryImport:
    """Reads a GeoJSON FeatureCollection of polygons. Raises BoundaryError for a file that is not
    one, that matches no region, with a feature that is not GeoJSON (its properties not an object,
    an unknown geometry type, coordinates outside ±180/±90 or not finite, nesting beyond MAX_DEPTH,
    more than MAX_POINTS points), or whose simplification runs past ``max_seconds``. The error names
    the feature (its number in the file, and its name when it has one). Every shape not drawn is in
    ``unmatched`` with its reason."""
    if len(data) > MAX_BYTES:
        raise BoundaryError("boundaries_too_large", mb=MAX_BYTES >> 20)
    try:
        doc = json.loads(data)
    except RecursionError as exc:
        raise BoundaryError("boundaries_file_too_deep", limit=MAX_DEPTH) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BoundaryError("boundaries_not_geojson") from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise BoundaryError("boundaries_not_geojson")
    if len(doc["features"]) > MAX_FEATURES:
        raise BoundaryError("boundaries_too_many", n=len(doc["features"]), limit=MAX_FEATURES)
    out = BoundaryImport()
    deadline = _clock() + max_seconds
    shapes = _read_shapes(doc["features"])
    _settle(shapes)
    first: dict[str, _Shape] = {}
    for one in shapes:
        if one.region is None:
            out.unmatched.append(one.unmatched())
            continue
        code = one.region.code
        if _clock() > deadline:
            raise BoundaryError("boundaries_too_slow", seconds=f"{max_seconds:g}", feature=one.label)
        simple = one.geom.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        if code in first:
            out.duplicates.append(code)
            out.unmatched.append(
                one.unmatched("boundary_reason_duplicate", region=one.region.label, first=first[code].label)
            )
            continue
        first[code] = one
        out.features[code] = {
            "type": "Feature",
            "properties": {"code": code, "name": regions.region_name(code)},
            "geometry": _rounded(simple if not simple.is_empty else one.geom),
        }
    if not out.features:
        raise BoundaryError("boundaries_none_matched", n=len(doc["features"]))
    return out


def rings(feature: dict) -> list[list[list[float]]]:
    """The outer rings of a feature's polygons, for drawing (holes are not filled differently)."""
    g = feature["geometry"]
    polygons = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    return [p[0] for p in polygons if p]
