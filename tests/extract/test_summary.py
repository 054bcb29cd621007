"""The English summary: a natural sentence, whatever the record leaves out."""

import datetime as dt

import pytest

from marsad.extract.summary import summarize
from marsad.models import Event, Location

LOC = Location("سرمين", "Sarmin", "C1", 35.9, 36.7, "Idlib", "Idlib", 1)
LABELS = {"RUSSIA": "Russian forces", "CIVILIANS": "civilians"}


def _event(date, a1=None, a2=None, sub="Shelling/artillery/missile attack", etype="Explosions/Remote violence", dead=0):
    return Event(etype, sub, date, 1, a1, a2, LOC, dead, None, "", "", {})


def test_no_capital_after_the_date():
    text = summarize(_event(dt.date(2021, 8, 19), a2="CIVILIANS", sub="Remote explosive/landmine/IED"), LABELS)
    assert text == "On 2021-08-19, an explosive device went off, hitting civilians in Sarmin (Idlib)."


def test_an_actor_name_keeps_its_capital():
    assert summarize(_event(dt.date(2021, 8, 19), a1="RUSSIA", sub="Air/drone strike", dead=3), LABELS).startswith(
        "On 2021-08-19, Russian forces carried out an air/drone strike"
    )


@pytest.mark.parametrize("a2", [None, "CIVILIANS"])
def test_an_unreported_date_reads_naturally(a2):
    text = summarize(_event(None, a2=a2, dead=2), LABELS)
    assert "unreported date" not in text and text[0].isupper()
    assert text.endswith("2 killed; the date is not reported.")
    assert "Sarmin (Idlib)" in text
