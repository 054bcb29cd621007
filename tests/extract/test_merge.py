"""Two tellings of one incident folded into one event: which sides it keeps."""

import pytest

from marsad.extract.merge import Draft, fill_sides


def _draft(a1: str | None, a2: str | None) -> Draft:
    return Draft("Battles", "Armed clash", None, 1, a1, a2, None, 0, None, 0, (0, 1))


@pytest.mark.parametrize(
    "kept, other, sides",
    [
        # the unnamed side is taken from the other telling
        ((None, "ISIS"), ("SDF", "ISIS"), ("SDF", "ISIS")),
        (("SDF", None), ("SDF", "ISIS"), ("SDF", "ISIS")),
        # "ISIS …" told beside "the SDF took it from ISIS": ISIS is not both sides
        (("ISIS", None), ("SDF", "ISIS"), ("ISIS", None)),
        ((None, "SDF"), ("SDF", "ISIS"), (None, "SDF")),
        # clans fighting clans, as the other telling names them, stay both sides
        (("LOCAL_ARMED", None), ("LOCAL_ARMED", "LOCAL_ARMED"), ("LOCAL_ARMED", "LOCAL_ARMED")),
    ],
)
def test_a_folded_telling_fills_the_unnamed_sides_never_one_side_twice(kept, other, sides):
    d = _draft(*kept)
    fill_sides(d, _draft(*other))
    assert (d.actor1, d.actor2) == sides
