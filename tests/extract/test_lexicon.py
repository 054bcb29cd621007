"""Integrity of the lexicon files, and user additions without touching Python."""

import dataclasses
import os
import subprocess
import sys
from collections import defaultdict


from marsad.extract.actors import RoleWords
from marsad.extract.lexicon import load_lexicon, load_word_lists
from marsad.extract.places import PlaceWords
from marsad.extract.matcher import PhraseMatcher
from marsad.models import SUB_EVENT_TYPES
from marsad.resources import load_yaml
from marsad.text.normalize import normalize
from marsad.text.tokens import tokenize

SPEC_ACTORS = {
    "SYR_GOV_ASSAD",
    "SYR_GOV_NEW",
    "PRO_GOV_MILITIA",
    "RUSSIA",
    "IRAN",
    "HEZBOLLAH",
    "ISIS",
    "HTS",
    "SNA",
    "OPPOSITION",
    "JIHADIST_OTHER",
    "SDF",
    "TURKEY",
    "USA",
    "COALITION",
    "ISRAEL",
    "LOCAL_ARMED",
    "UNIDENTIFIED",
    "CIVILIANS",
    "PROTESTERS",
}


def test_every_spec_actor_is_in_the_catalogue():
    ids = {a["id"] for a in load_yaml("lexicon", "actors.yaml")["actors"]}
    assert SPEC_ACTORS <= ids


def test_no_alias_points_at_two_actors():
    owners = defaultdict(set)
    for a in load_yaml("lexicon", "actors.yaml")["actors"]:
        for alias in a["aliases"]:
            owners[normalize(alias)].add(a["id"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


def test_context_rules_name_aliases_and_known_actors():
    data = load_yaml("lexicon", "actors.yaml")
    ids = {a["id"] for a in data["actors"]}
    aliases = {normalize(alias) for a in data["actors"] for alias in a["aliases"]}
    rules = load_lexicon().context_rules
    assert len(rules) == len(data["context"]) > 0
    for raw, rule in zip(data["context"], rules):
        assert {normalize(g) for g in raw["generic"]} <= aliases, "a generic name that no actor has would never match"
        assert rule.actors <= ids
        assert rule.named_with or rule.actors


def test_every_actor_alias_matches_its_own_text():
    lex = load_lexicon()
    for a in load_yaml("lexicon", "actors.yaml")["actors"]:
        for alias in a["aliases"]:
            found = lex.actor_matcher.find_longest(tokenize(alias))
            assert found and found[0].payload == a["id"], alias


def test_every_cue_word_matches_its_own_text():
    data = load_yaml("lexicon", "events.yaml")
    for name, words in data["cues"].items():
        matcher = PhraseMatcher((w, name) for w in words)
        for w in words:
            assert matcher.find(tokenize(w.replace("*", ""))), (name, w)


def test_rules_name_known_cues_and_spec_types():
    data = load_yaml("lexicon", "events.yaml")
    cues = set(data["cues"])
    for rule in data["rules"]:
        for key in ("all", "any", "none"):
            assert set(rule.get(key, [])) <= cues, rule
        assert rule["sub"] in SUB_EVENT_TYPES[rule["type"]], rule


def test_cancel_cues_have_a_scope():
    data = load_yaml("lexicon", "cues.yaml")
    for name, spec in data["cancel"].items():
        assert spec["scope"] in {"clause", "sentence"}, name
        assert spec["words"], name


def test_version_is_stamped():
    assert load_lexicon().version == str(load_yaml("lexicon", "VERSION.yaml")["version"])


def test_user_can_add_an_actor_alias_without_python(tmp_path):
    (tmp_path / "actors.yaml").write_text("actors:\n  - id: LOCAL_ARMED\n    aliases: [كتيبة الصقور الحمر]\n", encoding="utf-8")
    code = (
        "from marsad.extract.lexicon import load_lexicon\n"
        "from marsad.text.tokens import tokenize\n"
        "m = load_lexicon().actor_matcher.find_longest(tokenize('هاجمت كتيبة الصقور الحمر الحاجز'))\n"
        "print([x.payload for x in m])\n"
    )
    env = dict(os.environ, MARSAD_USER_DATA=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "LOCAL_ARMED" in out.stdout
    # and without the user file the phrase is unknown
    env.pop("MARSAD_USER_DATA")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "LOCAL_ARMED" not in out.stdout


def test_broken_user_file_is_a_clear_error(tmp_path):
    (tmp_path / "events.yaml").write_text("cues: {kill: not-a-list}\n", encoding="utf-8")
    code = "from marsad.extract.lexicon import load_lexicon\nload_lexicon()\n"
    env = dict(os.environ, MARSAD_USER_DATA=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode != 0
    assert "DataError" in out.stderr and "must be a list" in out.stderr


# --- plain word lists (roles.yaml …): the words the extraction code reads by name ---

WORD_LISTS = {"roles.yaml": RoleWords, "place_roles.yaml": PlaceWords}


def _fields(cls):
    return {f.name: str(f.type) for f in dataclasses.fields(cls)}


def test_word_list_files_hold_exactly_the_lists_the_code_reads():
    for file, cls in WORD_LISTS.items():
        raw = load_yaml("lexicon", file)
        assert set(raw) == set(_fields(cls)), file
        loaded = load_word_lists(file, cls)
        for name in _fields(cls):
            assert getattr(loaded, name), (file, name)  # no list the code asks for is empty


def test_word_list_entries_are_non_empty_and_unique():
    for file in WORD_LISTS:
        for name, words in load_yaml("lexicon", file).items():
            norms = [normalize(str(w)) for w in words]
            assert all(norms), (file, name)
            dupes = {w for w in norms if norms.count(w) > 1}
            assert not dupes, (file, name, dupes)


def test_word_list_entries_are_normalised_on_load():
    for file, cls in WORD_LISTS.items():
        raw = load_yaml("lexicon", file)
        loaded = load_word_lists(file, cls)
        for name, kind in _fields(cls).items():
            value = getattr(loaded, name)
            assert set(value) == {normalize(str(w)) for w in raw[name]}, (file, name)
            assert all(normalize(w) == w for w in value), (file, name)
            if kind.startswith("frozenset"):
                # a whole-word list is compared with one token's normal form
                for w in raw[name]:
                    assert [t.norm for t in tokenize(str(w))] == [normalize(str(w))], (file, name, w)


def test_a_spelling_variant_in_a_word_list_still_matches():
    # written with hamza and ta marbuta in the file, met in the text without them
    words = load_word_lists("roles.yaml", RoleWords)
    assert "مسءول" in words.members and "قاءد" in words.members  # مسؤول، قائد
    assert "الطاءرات" in words.weapon_before and "قذاءف" in words.weapon_before
    assert "عاءدا" in load_word_lists("place_roles.yaml", PlaceWords).travel  # عائدا


def test_origin_prepositions_are_prepositions():
    words = load_word_lists("place_roles.yaml", PlaceWords)
    assert words.origin_prepositions <= words.prepositions
    assert words.between_prepositions <= words.prepositions


_ROLE_CODE = (
    "from marsad.extract.lexicon import load_lexicon\n"
    "from marsad.extract.actors import find_actors\n"
    "from marsad.text.tokens import tokenize\n"
    "print([m.role for m in find_actors(tokenize('قصفت الطائرات ثكنة قوات النظام'), load_lexicon())])\n"
)


def _with_and_without_user_data(folder, code: str) -> tuple[str, str]:
    """What ``code`` prints in a fresh interpreter with ``folder`` as user data, and without."""
    env = dict(os.environ, MARSAD_USER_DATA=str(folder))
    with_user = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    env.pop("MARSAD_USER_DATA")
    without = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return with_user.stdout.strip(), without.stdout.strip()


def test_user_can_add_role_words_without_python(tmp_path):
    (tmp_path / "roles.yaml").write_text("target_before: [ثكنة]\n", encoding="utf-8")
    assert _with_and_without_user_data(tmp_path, _ROLE_CODE) == ("['target']", "[None]")


def _error_with_user_data(folder, code: str) -> str:
    """The standard error of ``code`` failing in a fresh interpreter with ``folder`` as user data."""
    env = dict(os.environ, MARSAD_USER_DATA=str(folder))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode != 0
    return out.stderr


def test_unknown_user_word_list_is_a_clear_error(tmp_path):
    (tmp_path / "roles.yaml").write_text("targets_before: [ثكنة]\n", encoding="utf-8")
    err = _error_with_user_data(tmp_path, _ROLE_CODE)
    assert "DataError" in err and "targets_before" in err and "roles.yaml" in err


def test_a_phrase_in_a_whole_word_list_is_refused(tmp_path):
    (tmp_path / "roles.yaml").write_text("target_before: [ثكنة عسكرية]\n", encoding="utf-8")
    env = dict(os.environ, MARSAD_USER_DATA=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", _ROLE_CODE], env=env, capture_output=True, text=True)
    assert out.returncode != 0
    assert "DataError" in out.stderr and "single words" in out.stderr


# --- the lexicon files read by the text stage (dates.yaml, numbers.yaml) ---

_TEXT_READERS = {"dates.yaml": "text/date_scan.py", "numbers.yaml": "text/quantities.py"}
_NO_REPEATS = (
    "roles.yaml",
    "place_roles.yaml",
    "clause_words.yaml",
    "dates.yaml",
    "numbers.yaml",
    "events.yaml",
    "cues.yaml",
    "noise.yaml",
    "actors.yaml",
)


def test_every_list_the_text_stage_reads_is_there():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "marsad"
    for file, module in _TEXT_READERS.items():
        code = (root / module).read_text(encoding="utf-8")
        asked = set(re.findall(r'\bd\["(\w+)"\]', code))
        assert len(asked) > 5, module
        data = load_yaml("lexicon", file)
        for key in asked:
            assert data.get(key), f"{file} has no (or an empty) list {key!r}, which {module} reads"


def _lists(value, path=""):
    """(path, entries) of every list of words in a parsed YAML document (dict keys count as a list)."""
    if isinstance(value, dict):
        if value and all(isinstance(k, str) for k in value) and not all(isinstance(v, (dict, list)) for v in value.values()):
            yield path, list(value)
        for k, v in value.items():
            yield from _lists(v, f"{path}/{k}")
    elif isinstance(value, list):
        if value and all(isinstance(w, str) for w in value):
            yield path, value
        else:
            for i, v in enumerate(value):
                yield from _lists(v, f"{path}[{i}]")


def test_no_word_list_repeats_a_word_or_holds_an_empty_one():
    for file in _NO_REPEATS:
        seen = 0
        for path, words in _lists(load_yaml("lexicon", file)):
            norms = [normalize(str(w).replace("*", "")) for w in words]
            assert all(norms), (file, path)
            repeated = {w for w in norms if norms.count(w) > 1}
            assert not repeated, (file, path, repeated)  # two spellings of one word after normalisation
            seen += 1
        assert seen >= 3, file


def test_every_lexicon_file_is_checked_for_repeats():
    from marsad.resources import data_path

    files = {p.name for p in data_path("lexicon").glob("*.yaml")} - {"VERSION.yaml"}
    assert files == set(_NO_REPEATS)


_TEXT_CODE = (
    "from marsad.text.dates import find_dates\n"
    "from marsad.text.numbers import casualties\n"
    "print([str(m.date) for m in find_dates('قتل في 5 غشت 2023 رجل', '2023-08-07')], casualties('مقتل حطاب بانفجار لغم').killed)\n"
)


def test_user_can_add_date_and_number_words_without_python(tmp_path):
    # a Maghrebi month name and a person noun, laid over dates.yaml and numbers.yaml
    (tmp_path / "dates.yaml").write_text("months:\n  غشت: 8\n", encoding="utf-8")
    (tmp_path / "numbers.yaml").write_text("person_singular: [حطاب]\n", encoding="utf-8")
    assert _with_and_without_user_data(tmp_path, _TEXT_CODE) == ("['2023-08-05'] 1", "[] None")


def test_broken_user_date_file_is_a_clear_error(tmp_path):
    (tmp_path / "dates.yaml").write_text("months: [غشت]\n", encoding="utf-8")
    err = _error_with_user_data(tmp_path, _TEXT_CODE)
    assert "DataError" in err and "dates.yaml: months must be a mapping" in err
    (tmp_path / "dates.yaml").write_text("monthes:\n  غشت: 8\n", encoding="utf-8")
    err = _error_with_user_data(tmp_path, _TEXT_CODE)
    assert "DataError" in err and "monthes" in err


def test_clause_words_load_normalised_and_user_words_are_added(tmp_path):
    from marsad.extract import core
    from marsad.text.normalize import normalize

    w = core.clause_words()
    assert normalize("حصيلة") in w.back_reference and normalize("بمساندة") in w.support_before
    assert all(x == normalize(x) for x in w.conjoined_openers | w.span_words)
    (tmp_path / "clause_words.yaml").write_text("negators: [بلا]\n", encoding="utf-8")
    code = "from marsad.extract.core import clause_words; n = clause_words().negators; print('بلا' in n, 'لم' in n)"
    # the user's word added, the packaged ones kept; without the user folder only those
    assert _with_and_without_user_data(tmp_path, code) == ("True True", "False True")
