"""The gazetteer: packaged place rows, curated aliases and the user's additions.

Everything is read from data files under ``marsad/data/gazetteer`` (and the
user's ``<user_data>/gazetteer/``) by :func:`load_gazetteer`, once per process.

Files (see ``docs/places.md``):

* ``places.csv`` / ``sites.csv`` / ``neighbourhoods.csv`` — the shared gazetteer,
  unchanged, with its ``source``/``source_ref`` provenance columns;
* ``additions.csv`` — rows added by the project, each with a cited source;
* ``aliases.yaml`` — extra spellings for existing rows, and rows of
  ``sites.csv`` that duplicate a ``places.csv`` row (``same_as``);
* ``common_words.yaml``, ``cues.yaml``, ``areas.yaml``, ``foreign.yaml``,
  ``frequent_words.yaml`` — the words around names, read by the resolver;
* ``VERSION`` — the version stamped on every event;
* ``index.bin`` — the prebuilt index of all the above (``scripts/build_geo_index.py``).
"""

from __future__ import annotations

import csv
import hashlib
import marshal
import math
import os
import pickle
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from marsad.errors import DataError
from marsad.geo.names import is_arabic, name_key, word_key
from marsad.resources import user_data_dir
from marsad.text.normalize import normalize

__all__ = [
    "Place",
    "Gazetteer",
    "load_gazetteer",
    "gazetteer_version",
    "gazetteer_attribution",
    "build_gazetteer",
    "SYRIA_BOUNDS",
    "haversine_km",
]

# lat_min, lat_max, lon_min, lon_max: Syria's extent with a small margin.
SYRIA_BOUNDS = (32.3, 37.4, 35.6, 42.4)
PACKAGE_FILES = ("places.csv", "sites.csv", "neighbourhoods.csv", "additions.csv")
USER_SUBDIR = "gazetteer"
KINDS = frozenset({"governorate", "district", "subdistrict", "city", "town", "village", "neighbourhood", "site", "camp"})
ADMIN_KINDS = frozenset({"governorate", "district", "subdistrict"})
SETTLEMENT_KINDS = frozenset({"city", "town", "village", "camp"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row."""

    id: str
    name_ar: str
    name_en: str
    lat: float
    lon: float
    kind: str
    admin1_id: str
    admin1_en: str
    admin1_ar: str
    admin2_id: str
    admin2_en: str
    admin2_ar: str
    admin3_id: str
    admin3_en: str
    population: int
    feature_code: str
    source: str
    alt_names: tuple[str, ...] = ()

    @property
    def is_admin(self) -> bool:
        return self.kind in ADMIN_KINDS

    @property
    def hierarchy(self) -> str:
        parts = [p for p in (self.admin3_en, self.admin2_en, self.admin1_en) if p]
        return " / ".join(dict.fromkeys(parts))


@dataclass(slots=True, eq=False)
class Gazetteer:
    """All places, indexed by id and by name key."""

    places: list[Place]
    by_id: dict[str, int]
    names: dict[tuple[str, ...], list[int]]
    first_word: dict[str, tuple[int, ...]]  # first key word -> key lengths present, longest first
    version: str
    lexicon: dict[str, Any] = field(default_factory=dict)  # cues, common words, areas, foreign
    bare_keys: frozenset[tuple[str, ...]] = frozenset()  # keys some row writes without "ال"

    def get(self, place_id: str) -> Place | None:
        i = self.by_id.get(place_id)
        return None if i is None else self.places[i]

    def candidates(self, key: tuple[str, ...]) -> list[Place]:
        return [self.places[i] for i in self.names.get(key, ())]

    def __len__(self) -> int:
        return len(self.places)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- reading


def data_path(*parts: str) -> Path:
    """Path of a packaged gazetteer file.

    Resolved next to this package rather than through ``marsad.resources.data_path``,
    which fails while ``marsad`` is a namespace package (no ``__init__.py``).
    """
    return Path(__file__).resolve().parent.parent.joinpath("data", *parts)


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise DataError(f"cannot read gazetteer file {path}: {exc}") from exc


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read gazetteer file {path}: {exc}") from exc


def _to_place(row: dict[str, str], where: str) -> Place:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (KeyError, ValueError) as exc:
        raise DataError(f"{where}: row {row.get('id')!r} has no usable lat/lon") from exc
    kind = (row.get("kind") or "").strip()
    if kind not in KINDS:
        raise DataError(f"{where}: row {row.get('id')!r} has unknown kind {kind!r}")
    if not row.get("id"):
        raise DataError(f"{where}: a row has no id")
    pop = row.get("population") or ""
    alts = tuple(a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip())
    return Place(
        id=row["id"].strip(),
        name_ar=(row.get("name_ar") or "").strip(),
        name_en=(row.get("name_en") or "").strip(),
        lat=lat,
        lon=lon,
        kind=kind,
        admin1_id=row.get("admin1_id") or "",
        admin1_en=row.get("admin1_en") or "",
        admin1_ar=row.get("admin1_ar") or "",
        admin2_id=row.get("admin2_id") or "",
        admin2_en=row.get("admin2_en") or "",
        admin2_ar=row.get("admin2_ar") or "",
        admin3_id=row.get("admin3_id") or "",
        admin3_en=row.get("admin3_en") or "",
        population=int(float(pop)) if pop.strip() else 0,
        feature_code=row.get("feature_code") or "",
        source=row.get("source") or "",
        alt_names=alts,
    )


def _in_syria(lat: float, lon: float) -> bool:
    lat0, lat1, lon0, lon1 = SYRIA_BOUNDS
    return lat0 <= lat <= lat1 and lon0 <= lon <= lon1


def _fill_admin(row: dict[str, str], places: list[Place], where: str) -> dict[str, str]:
    """A user row without admin columns takes them from the nearest settlement."""
    if row.get("admin1_id"):
        return row
    lat, lon = float(row["lat"]), float(row["lon"])
    best = min(
        (p for p in places if not p.is_admin),
        key=lambda p: (p.lat - lat) ** 2 + ((p.lon - lon) * 0.83) ** 2,
        default=None,
    )
    if best is None:
        raise DataError(f"{where}: cannot place row {row.get('id')!r}")
    out = dict(row)
    for level in ("admin1", "admin2"):
        for suffix in ("id", "en", "ar"):
            out[f"{level}_{suffix}"] = getattr(best, f"{level}_{suffix}")
    out["admin3_id"], out["admin3_en"] = best.admin3_id, best.admin3_en
    return out


def _user_files() -> list[Path]:
    folder = user_data_dir()
    if folder is None:
        return []
    sub = folder / USER_SUBDIR
    return [p for p in (sub / "places.csv", sub / "aliases.yaml") if p.is_file()]


def gazetteer_attribution() -> str:
    """The attribution line to show with place data (map footer, exports)."""
    try:
        return data_path("gazetteer", "attribution.txt").read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise DataError(f"gazetteer attribution.txt missing: {exc}") from exc


def gazetteer_version() -> str:
    """Version of the packaged gazetteer, plus a digest of the user's additions."""
    return load_gazetteer().version


def _version(user_files: list[Path]) -> str:
    try:
        base = data_path("gazetteer", "VERSION").read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise DataError(f"gazetteer VERSION missing: {exc}") from exc
    if not user_files:
        return base
    digest = hashlib.sha1()
    for p in user_files:
        digest.update(p.read_bytes())
    return f"{base}+user.{digest.hexdigest()[:8]}"


# The prebuilt index shipped with the package (scripts/build_geo_index.py).
INDEX_FILE = "index.bin"
INDEX_FORMAT = 1
# What the index is built from: the data files and the code that reads them.
_INDEX_DATA = PACKAGE_FILES + (
    "aliases.yaml",
    "cues.yaml",
    "common_words.yaml",
    "areas.yaml",
    "foreign.yaml",
    "frequent_words.yaml",
    "VERSION",
)
_INDEX_CODE = ("geo/gazetteer.py", "geo/names.py", "text/normalize.py", "text/tokens.py")
_PLACE_FIELDS = tuple(Place.__dataclass_fields__)


def index_digest() -> str:
    """Digest of the contents the packaged index is built from (data files and build code)."""
    digest = hashlib.sha256(f"index-format {INDEX_FORMAT}".encode())
    pkg = Path(__file__).resolve().parent.parent
    for name in _INDEX_DATA:
        path = data_path("gazetteer", name)
        digest.update(name.encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    for rel in _INDEX_CODE:
        digest.update(rel.encode() + b"\0")
        digest.update(pkg.joinpath(rel).read_bytes())
    return digest.hexdigest()


def index_bytes(g: Gazetteer) -> bytes:
    """The packaged index for ``g``: plain tuples, lists and dicts in ``marshal``
    format (three times faster to read than pickle), zlib-compressed, after a
    header line with the format and the marshal version."""
    strings: dict[str, str] = {}

    def same(x: Any) -> Any:  # one object per distinct string: a smaller file
        if isinstance(x, str):
            return strings.setdefault(x, x)
        if isinstance(x, tuple):
            return tuple(same(y) for y in x)
        return x

    payload = {
        "format": INDEX_FORMAT,
        "digest": index_digest(),
        "fields": _PLACE_FIELDS,
        "places": [tuple(same(getattr(p, f)) for f in _PLACE_FIELDS) for p in g.places],
        "names": {same(k): v for k, v in g.names.items()},
        "first_word": {same(k): v for k, v in g.first_word.items()},
        "version": g.version,
        "lexicon": g.lexicon,
        "bare_keys": sorted(same(k) for k in g.bare_keys),
    }
    header = f"marsad-geo-index {INDEX_FORMAT} marshal {marshal.version}\n".encode()
    return header + zlib.compress(marshal.dumps(payload), 6)


def _load_index() -> Gazetteer | None:
    """The packaged index, if it was built from the current data files and code."""
    path = data_path("gazetteer", INDEX_FILE)
    header = f"marsad-geo-index {INDEX_FORMAT} marshal {marshal.version}\n".encode()
    try:
        data = path.read_bytes()
        if not data.startswith(header):
            return None  # another format or Python's marshal version
        payload = marshal.loads(zlib.decompress(data[len(header) :]))
    except (OSError, zlib.error, EOFError, TypeError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("format") != INDEX_FORMAT or payload.get("fields") != _PLACE_FIELDS:
        return None
    if payload.get("digest") != index_digest():
        return None  # stale: a data file or the build code changed since the index was written
    places = [Place(*row) for row in payload["places"]]
    return Gazetteer(
        places,
        {p.id: i for i, p in enumerate(places)},
        payload["names"],
        payload["first_word"],
        payload["version"],
        payload["lexicon"],
        frozenset(payload["bare_keys"]),
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer (packaged rows + user additions), built once per process.

    Without user additions it is read from the index shipped with the package
    (``index.bin``, written by ``scripts/build_geo_index.py``) when that index
    matches the data files and build code (~0.1 s).  Otherwise the built index
    is kept in ``$XDG_CACHE_HOME/marsad`` (``~/.cache/marsad``) under a digest
    of the data files' names, sizes and times, so a process starts by
    unpickling it instead of parsing the CSVs (~0.45 s).  Set
    ``MARSAD_NO_CACHE=1`` to skip the user cache, ``MARSAD_NO_INDEX=1`` to skip
    the packaged index.
    """
    if not os.environ.get("MARSAD_NO_INDEX") and not _user_files():
        g = _load_index()
        if g is not None:
            return g
    path = _cache_path()
    if path is not None and path.is_file():
        try:
            with open(path, "rb") as fh:
                g = pickle.load(fh)
            if isinstance(g, Gazetteer):
                return g
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass
    g = build_gazetteer()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(g, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only home: build every time
    return g


CACHE_FORMAT = "5"  # bump when Place/Gazetteer change shape


def _cache_path() -> Path | None:
    if os.environ.get("MARSAD_NO_CACHE"):
        return None
    digest = hashlib.sha1(CACHE_FORMAT.encode())
    folder = data_path("gazetteer")
    code = [Path(__file__), Path(__file__).with_name("names.py")]  # the index depends on the build code too
    files = sorted(folder.glob("*")) + _user_files() + code
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        digest.update(f"{f}|{st.st_size}|{st.st_mtime_ns}".encode())
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "marsad" / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def build_gazetteer(user_dir: Path | None | bool = True) -> Gazetteer:
    """Build a gazetteer; ``user_dir=False`` ignores the user's additions."""
    places: list[Place] = []
    for name in PACKAGE_FILES:
        path = data_path("gazetteer", name)
        if not path.is_file():
            continue
        places.extend(_to_place(r, name) for r in _read_csv(path))

    cues = _read_yaml(data_path("gazetteer", "cues.yaml")) or {}
    admin_prefixes, site_suffixes, split_heads = _build_words(cues)
    aliases_doc = _read_yaml(data_path("gazetteer", "aliases.yaml")) or {}
    alias_entries: list[tuple[str, str, str]] = [(a["name"], a["id"], "aliases.yaml") for a in aliases_doc.get("aliases") or ()]
    same_as: dict[str, str] = {d["id"]: d["same_as"] for d in aliases_doc.get("same_as") or ()}

    user_files = _user_files() if user_dir is True else []
    if isinstance(user_dir, Path):
        sub = user_dir / USER_SUBDIR
        user_files = [p for p in (sub / "places.csv", sub / "aliases.yaml") if p.is_file()]
    for path in user_files:
        if path.suffix == ".csv":
            for row in _read_csv(path):
                where = f"user file {path}"
                if not row.get("lat") or not row.get("lon"):
                    raise DataError(f"{where}: row {row.get('id')!r} needs lat and lon")
                place = _to_place(_fill_admin(row, places, where), where)
                if not _in_syria(place.lat, place.lon):
                    raise DataError(f"{where}: row {place.id!r} lies outside Syria")
                places.append(place)
        else:
            doc = _read_yaml(path) or {}
            alias_entries.extend((a["name"], a["id"], str(path)) for a in doc.get("aliases") or ())

    by_id: dict[str, int] = {}
    for i, p in enumerate(places):
        if p.id in by_id:
            # A user row with an existing id replaces the packaged one.
            places[by_id[p.id]] = p
            places[i] = p
        by_id[p.id] = i
    # keep one copy of replaced rows
    places = [p for i, p in enumerate(places) if by_id[p.id] == i]
    by_id = {p.id: i for i, p in enumerate(places)}

    names: dict[tuple[str, ...], list[int]] = {}

    bare: set[tuple[str, ...]] = set()

    def add(key: tuple[str, ...], idx: int, bare_name: bool) -> None:
        if not key or not key[0]:
            return
        bucket = names.setdefault(key, [])
        if idx not in bucket:
            bucket.append(idx)
        if bare_name:
            bare.add(key)

    def written_bare(norm: str) -> bool:
        words = norm.split()
        if len(words) > 1 and words[0] in admin_prefixes:
            words = words[1:]  # "منطقة القصير" is written with the article
        return bool(words) and not words[0].startswith("ال")

    # OCHA tells apart villages of one name by their subdistrict or district ("العريشة رأس
    # العين"); news writes the bare name ("قرى العريشة والمحمودية بريف تل تمر"), so it is a key
    # too, unless what is left is a single word that only starts names ("تل سلحب", "مزرعة …")
    admin_keys = {}
    for p in places:
        if p.is_admin or "ocha" not in p.source:
            continue
        sub = places[by_id[p.admin3_id]].name_ar if p.admin3_id in by_id else ""
        admin_keys[p.id] = [k for k in {name_key(n, drop_prefixes=admin_prefixes) for n in (p.admin2_ar, sub) if n} if k]
    lone = frozenset(
        word_key(normalize(str(w)))
        for name in ("compound_heads", "name_prefixes", "farm_names", "admin_prefixes")
        for w in cues.get(name) or ()
    ) | frozenset(word_key(normalize(str(w))) for w in cues.get("type_words") or {})

    def without_admin(p: Place, key: tuple[str, ...]) -> list[tuple[str, ...]]:
        out = []
        for tail in admin_keys.get(p.id, ()):
            rest = key[: -len(tail)]
            if len(key) > len(tail) and key[-len(tail) :] == tail and not (len(rest) == 1 and rest[0] in lone):
                out.append(rest)
        return out

    todo = [
        (i, n, is_alt)
        for i, p in enumerate(places)
        for n, is_alt in ((p.name_ar, False), *((a, True) for a in p.alt_names))
        if n and "\n" not in n and is_arabic(n)
    ]
    # one normalize() call for all names: 30,000 calls cost more than the work
    norms = normalize("\n".join(n for _, n, _ in todo), collapse_spaces=False).split("\n")
    if len(norms) != len(todo):  # a name whose normalisation is not line-preserving
        norms = [normalize(n) for _, n, _ in todo]
    for (i, n, is_alt), norm in zip(todo, norms):
        p = places[i]
        target = by_id.get(same_as.get(p.id, p.id), i)
        norm = norm.strip()
        key = name_key(norm, drop_prefixes=admin_prefixes if is_alt else (), normalized=True)
        # only main names say whether a place is written without "ال":
        # GeoNames alternates drop it freely ("قصير" for القصير)
        bare_name = (not is_alt or p.is_admin) and written_bare(norm)
        add(key, target, bare_name)
        for variant in _spelling_variants(norm, key, split_heads):
            add(variant, target, bare_name)
        if not is_alt:
            for rest in without_admin(p, key):
                add(rest, target, bare_name)
        if p.kind in ("site", "camp") and len(key) > 2 and key[-1] in site_suffixes:
            add(key[:-1], target, False)  # "قاعدة حميميم الجوية" is also "قاعدة حميميم"
    for alias, pid, where in alias_entries:
        if pid not in by_id:
            raise DataError(f"{where}: alias {alias!r} points at unknown id {pid!r}")
        norm = normalize(alias)
        add(name_key(norm, normalized=True), by_id[pid], written_bare(norm))

    first: dict[str, set[int]] = {}
    for key in names:
        first.setdefault(key[0], set()).add(len(key))
    first_word = {w: tuple(sorted(ls, reverse=True)) for w, ls in first.items()}

    lexicon = {
        "cues": cues,
        "common_words": _read_yaml(data_path("gazetteer", "common_words.yaml")) or {},
        "areas": _read_yaml(data_path("gazetteer", "areas.yaml")) or {},
        "foreign": _read_yaml(data_path("gazetteer", "foreign.yaml")) or {},
        "frequent_words": _read_yaml(data_path("gazetteer", "frequent_words.yaml")) or {},
        "same_as": same_as,
    }
    return Gazetteer(places, by_id, names, first_word, _version(user_files), lexicon, frozenset(bare))


def _build_words(cues: dict[str, Any]) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """cues.yaml's words for building the index: admin prefixes, site suffixes (keys), split heads."""
    try:
        admin = frozenset(normalize(str(w)) for w in cues["admin_prefixes"])
        suffixes = frozenset(word_key(normalize(str(w))) for w in cues["site_suffixes"])
        heads = tuple(normalize(str(w)) for w in cues["split_heads"])
    except (KeyError, TypeError) as exc:
        raise DataError(f"gazetteer cues.yaml: missing or malformed list {exc}") from exc
    return admin, suffixes, heads


def _spelling_variants(norm: str, key: tuple[str, ...], split_heads: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other ways news writes the same name.

    * two words run together: "دير الزور" → "ديرالزور", "كر بطلي" → "كربطلي";
    * a final alef for a final ta marbuta and back: "شقرة" / "شقرا";
    * a one-word name starting with "كفر/دير/عين/تل/جب/بيت" written apart: "كفر نبل".
    """
    out: list[tuple[str, ...]] = []
    words = norm.split()
    if len(key) == 2 and len(words) == 2:
        joined = words[0] + words[1] if words[1].startswith("ال") else key[0] + key[1]
        out.append((word_key(joined),))
    if len(key) == 1 and len(words) == 1:
        # "كفرنبل" is also written "كفر نبل", "تلرفعت" "تل رفعت"
        for head in split_heads:
            if key[0].startswith(head) and len(key[0]) - len(head) >= 3:
                out.append((head, key[0][len(head) :]))
                break
    if len(key) == 1 and len(key[0]) >= 4:
        w = key[0]
        if w.endswith("ه"):
            out.append((w[:-1] + "ا",))
        elif w.endswith("ا"):
            out.append((w[:-1] + "ه",))
    return out
