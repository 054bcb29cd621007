"""The gazetteer index shipped with the package (scripts/build_geo_index.py)."""

from __future__ import annotations

from marsad.geo import gazetteer as gz


def test_packaged_index_is_up_to_date():
    assert gz._load_index() is not None, (
        "marsad/data/gazetteer/index.bin is missing or stale: run .venv/bin/python scripts/build_geo_index.py"
    )


def test_packaged_index_equals_a_fresh_build():
    loaded = gz._load_index()
    built = gz.build_gazetteer(user_dir=False)
    assert loaded is not None
    assert loaded.places == built.places
    assert loaded.by_id == built.by_id
    assert loaded.names == built.names
    assert loaded.first_word == built.first_word
    assert loaded.bare_keys == built.bare_keys
    assert loaded.lexicon == built.lexicon
    assert loaded.version == built.version


def test_stale_index_is_not_used(monkeypatch):
    monkeypatch.setattr(gz, "index_digest", lambda: "something else")
    assert gz._load_index() is None


def test_user_data_bypasses_the_packaged_index(tmp_path, monkeypatch):
    sub = tmp_path / "gazetteer"
    sub.mkdir()
    (sub / "aliases.yaml").write_text("aliases:\n  - {name: حلب الشهباء, id: C1007, reason: test}\n", encoding="utf-8")
    monkeypatch.setattr(gz, "user_data_dir", lambda: tmp_path)
    monkeypatch.setenv("MARSAD_NO_CACHE", "1")
    gz.load_gazetteer.cache_clear()
    try:
        g = gz.load_gazetteer()
        assert "+user." in g.version
        assert g.candidates(("حلب", "شهباء"))
    finally:
        gz.load_gazetteer.cache_clear()


def test_a_village_told_apart_by_its_subdistrict_is_also_its_bare_name():
    g = gz.load_gazetteer()
    ids = {p.id for p in g.candidates(("عريشه",))}
    assert "C5019" in ids, ids  # "العريشة رأس العين": OCHA's name, the village of Ras al-Ayn
    # what is left must be a name: "تل سلحب" is not a village "تل"
    assert "C3145" not in {p.id for p in g.candidates(("تل",))}
