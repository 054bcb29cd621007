"""A user adds places and aliases in their own folder, without touching the package."""

from __future__ import annotations

import pytest

from marsad.errors import DataError
from marsad.geo import PlaceResolver
from marsad.geo.gazetteer import build_gazetteer

HEADER = "id,name_ar,name_en,alt_names,lat,lon,kind,source,source_ref\n"


def _write(tmp_path, places: str | None = None, aliases: str | None = None):
    folder = tmp_path / "gazetteer"
    folder.mkdir(exist_ok=True)
    if places is not None:
        (folder / "places.csv").write_text(HEADER + places, encoding="utf-8")
    if aliases is not None:
        (folder / "aliases.yaml").write_text(aliases, encoding="utf-8")
    return tmp_path


def test_user_place_and_alias(tmp_path):
    _write(
        tmp_path,
        places="USER:1,زغلولة,Zaghlula,,35.02,40.45,village,my notes,field report 2025\n",
        aliases="aliases:\n  - {name: ذيبان الكبيرة, id: C5202, reason: local spelling}\n",
    )
    g = build_gazetteer(user_dir=tmp_path)
    assert "+user." in g.version
    r = PlaceResolver(g)
    ms = {m.name_ar: m for m in r.find("قصف على قرية زغلولة وبلدة ذيبان الكبيرة")}
    p = ms["زغلولة"].location
    assert p.place_id == "USER:1" and p.admin1 == "Deir ez-Zor"  # admin filled from the nearest place
    assert ms["ذيبان الكبيرة"].location.place_id == "C5202"


def test_user_place_from_settings(tmp_path, monkeypatch):
    _write(tmp_path, places="USER:2,كفرزغلول,Kafr Zaghlul,,35.5,36.6,village,me,\n")
    monkeypatch.setenv("MARSAD_USER_DATA", str(tmp_path))
    g = build_gazetteer()
    assert g.get("USER:2") is not None


def test_user_place_outside_syria_refused(tmp_path):
    _write(tmp_path, places="USER:3,بيروت الجديدة,New Beirut,,33.89,35.50,city,me,\n")
    with pytest.raises(DataError, match="outside Syria"):
        build_gazetteer(user_dir=tmp_path)


def test_user_alias_to_unknown_id_refused(tmp_path):
    _write(tmp_path, aliases="aliases:\n  - {name: مكان, id: C999999, reason: x}\n")
    with pytest.raises(DataError, match="unknown id"):
        build_gazetteer(user_dir=tmp_path)


def test_user_place_without_coordinates_refused(tmp_path):
    _write(tmp_path, places="USER:4,مكان ما,Somewhere,,,,village,me,\n")
    with pytest.raises(DataError):
        build_gazetteer(user_dir=tmp_path)
