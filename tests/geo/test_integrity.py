"""The gazetteer data files hold together."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from marsad.geo.gazetteer import KINDS, PACKAGE_FILES, SYRIA_BOUNDS, data_path
from marsad.geo.names import is_arabic, name_key
from marsad.text.normalize import normalize


def _rows():
    for name in PACKAGE_FILES:
        with open(data_path("gazetteer", name), encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield name, row


def _yaml(name):
    with open(data_path("gazetteer", name), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def test_ids_unique_across_files():
    seen: dict[str, str] = {}
    for name, row in _rows():
        assert row["id"] not in seen, f"{row['id']} in {seen.get(row['id'])} and {name}"
        seen[row["id"]] = name


def test_rows_complete_and_in_syria():
    lat0, lat1, lon0, lon1 = SYRIA_BOUNDS
    for name, row in _rows():
        lat, lon = float(row["lat"]), float(row["lon"])
        assert lat0 <= lat <= lat1 and lon0 <= lon <= lon1, (name, row["id"])
        assert row["kind"] in KINDS, (name, row["id"])
        assert row["source"], (name, row["id"])
        if row["kind"] not in ("governorate",):
            assert row["admin1_id"], (name, row["id"])


def test_additions_cite_their_source():
    with open(data_path("gazetteer", "additions.csv"), encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert "source_ref" in (reader.fieldnames or [])
        for row in reader:
            assert row["source"] and row["source_ref"], row["id"]


def test_supplied_arabic_names_were_checked():
    """Every row whose Arabic name its source did not give is listed in CHECKS.md with a verdict."""
    with open(data_path("gazetteer", "CHECKS.md"), encoding="utf-8") as fh:
        checked = {
            line.split("|")[1].strip(): line.split("|")[4].strip()
            for line in fh
            if line.startswith("| ") and ":" in line.split("|")[1]
        }
    supplied_sources = {"ocha_hay_2015", "dafif_openflights", "opensyria_transport"}
    for name, row in _rows():
        if row["source"] in supplied_sources or name == "additions.csv":
            assert row["id"] in checked, f"{row['id']} ({name}): Arabic name not checked in CHECKS.md"
            assert checked[row["id"]].split(" ")[0] in ("ok", "ok,", "doubtful", "renamed"), checked[row["id"]]


ADMIN = frozenset(normalize(w) for w in _yaml("cues.yaml")["admin_prefixes"])


def test_every_name_still_matches(gazetteer):
    """A name normalised like text finds its own row (spaCy's lesson)."""
    same_as = gazetteer.lexicon["same_as"]
    for p in gazetteer.places:
        target = same_as.get(p.id, p.id)
        for n in (p.name_ar, *p.alt_names):
            if not n or not is_arabic(n):
                continue
            ids = {c.id for c in gazetteer.candidates(name_key(n, drop_prefixes=ADMIN if n is not p.name_ar else ()))}
            assert target in ids, (p.id, n)


def test_aliases_point_at_rows(gazetteer):
    doc = _yaml("aliases.yaml")
    for a in doc["aliases"]:
        assert gazetteer.get(a["id"]) is not None, a
        assert a.get("reason"), a
        assert a["id"] in {c.id for c in gazetteer.candidates(name_key(a["name"]))}
    for d in doc["same_as"]:
        assert gazetteer.get(d["id"]) is not None and gazetteer.get(d["same_as"]) is not None, d


def test_areas_point_at_rows(gazetteer):
    doc = _yaml("areas.yaml")
    for gov, table in doc["countryside"].items():
        assert gazetteer.get(gov).kind == "governorate"
        for direction, pid in table.items():
            p = gazetteer.get(pid)
            assert p is not None and p.admin1_id == gov, (gov, direction, pid)
    for gov, pid in doc["desert"].items():
        assert gazetteer.get(pid).admin1_id == gov
    for r in doc["regions"]:
        assert gazetteer.get(str(r["id"])) is not None, r
        assert r["precision"] in (1, 2, 3)


_WORD_FILES = ("cues.yaml", "common_words.yaml", "frequent_words.yaml", "foreign.yaml")


def _word_lists():
    """(file, list name, entries) of every list of words in the gazetteer's YAML files."""
    for name in _WORD_FILES:
        for key, value in _yaml(name).items():
            if isinstance(value, dict):
                yield name, key, [str(k) for k in value]
            elif isinstance(value, list) and all(isinstance(w, str) for w in value):
                yield name, key, value


def test_word_lists_have_no_empty_or_repeated_entry():
    seen = 0
    for name, key, words in _word_lists():
        norms = [normalize(w) for w in words]
        assert all(norms), (name, key)
        repeated = {w for w in norms if norms.count(w) > 1}
        assert not repeated, (name, key, repeated)  # two spellings of one word: one is enough
        seen += 1
    assert seen > 20


def test_every_list_the_code_reads_is_there():
    import re

    code = "".join(
        (Path(__file__).resolve().parents[2] / "marsad" / "geo" / f).read_text(encoding="utf-8")
        for f in ("lexicon.py", "gazetteer.py")
    )
    asked = set(re.findall(r"cues(?:\.get\(|\[)\"(\w+)\"", code))
    assert {"type_words", "farm_names", "admin_prefixes", "split_heads", "nisba_endings"} <= asked
    cues = _yaml("cues.yaml")
    for key in asked:
        assert cues.get(key), f"cues.yaml has no (or an empty) list {key!r}"


def test_word_lists_are_normalised_on_load(gazetteer):
    from marsad.geo.lexicon import compile_lexicon
    from marsad.geo.names import word_key

    cues = _yaml("cues.yaml")
    lex = compile_lexicon(gazetteer.lexicon)
    norm = lambda key: {normalize(w) for w in cues[key]}  # noqa: E731
    assert lex.prepositions == norm("prepositions")
    assert lex.farm_types == norm("farm_type_words")
    assert lex.farm_names == {word_key(w) for w in norm("farm_names")}
    assert lex.dual_admin == norm("dual_admin_words")
    assert lex.with_countryside == norm("with_countryside_words")
    assert set(lex.nisba_endings) == norm("nisba_endings")
    assert "يه" in lex.nisba_endings  # written "ية" in the file, met as "يه" in normalised text
    assert set(lex.type_words) == norm("type_words")


def test_build_words_reach_the_index(gazetteer):
    from marsad.geo.names import name_key

    # an alternate name with an admin prefix is found without it, a site without its suffix,
    # a one-word name with a split head written apart
    # (each of these keys is missing when its list is emptied)
    assert ADMIN and all(normalize(w) in ADMIN for w in ("محافظة", "منطقة"))
    assert gazetteer.candidates(name_key("الغاب"))  # an alternate "منطقة الغاب"
    assert gazetteer.candidates(name_key("تل بيسة"))  # "تلبيسة"
    assert gazetteer.candidates(name_key("قاعدة حميميم"))  # "… الجوية"


@pytest.mark.parametrize("name", [n for sec in ("countries", "regions_and_cities") for n in _yaml("foreign.yaml")[sec]])
def test_foreign_names_are_found_as_foreign(resolver, name):
    ms = [m for m in resolver.find(f"وقع الهجوم في {name} أمس") if m.foreign]
    assert ms, name


def test_version_and_attribution():
    from marsad.geo import GAZETTEER_VERSION, gazetteer_attribution

    assert GAZETTEER_VERSION and GAZETTEER_VERSION[0].isdigit()
    assert "OCHA" in gazetteer_attribution()
    sources = data_path("gazetteer", "SOURCES.md").read_text(encoding="utf-8")
    codes = {c for _, row in _rows() for c in row["source"].split("+")}
    for code in codes:
        assert f"`{code}`" in sources, code
    assert "GPL" in sources
