"""Numbers and casualty counts in Arabic news.

Conflict reports state tolls in many shapes: digits ("15", "١٥", "بـ15"), words
with gender and case forms ("ثلاثة/ثلاث", "اثنان/اثنين", "خمسة وعشرين"), duals
that carry the number in the noun ("قتيلان", "طفلين"), a bare singular next to a
verb ("مقتل شاب" = 1), vague words that the ACLED rules turn into fixed figures
("عدد من" = 10, "عشرات" = 12, "مئات" = 100) and hedges ("نحو 50", "ما لا يقل
عن 40") that keep the number itself.

Everything works on :func:`marsad.text.tokens.tokenize` tokens, so offsets point
into the caller's text, tashkeel and Arabic-Indic digits are folded by the shared
normaliser, and a word is only recognised as a whole token after clitic
stripping (:func:`marsad.text.tokens.stems`), never inside an unrelated word.
Word lists live in ``marsad/data/lexicon/numbers.yaml``.

Public API
----------
``find_numbers(text, persons=False) -> list[NumberMention]``
    every quantity in the text, with offsets;
``parse_number("خمسة وعشرين") -> 25``
    the value of a phrase that is wholly a number, else None;
``casualties(sentence) -> Casualties``
    killed / injured counts of one sentence, the updated-toll flag and spans.
"""

from marsad.text.casualties import Casualties, casualties
from marsad.text.quantities import VAGUE_DOZENS, VAGUE_HUNDREDS, VAGUE_SEVERAL, NumberMention, find_numbers, parse_number

__all__ = [
    "NumberMention",
    "Casualties",
    "find_numbers",
    "parse_number",
    "casualties",
    "VAGUE_SEVERAL",
    "VAGUE_DOZENS",
    "VAGUE_HUNDREDS",
]
