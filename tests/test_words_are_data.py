"""Words are data: no Arabic word lists in the Python code.

Every module under ``marsad/`` is parsed with ``ast``; a string constant that holds
an Arabic word is a failure unless the module is allow-listed below.  What may stay
in any module is syntax, not vocabulary: a single letter (a clitic such as و or ب,
the Arabic comma), the clitic chains of ``marsad.text.tokens`` (ال، لل، وال …) and
the article's written forms أل/آل, regex character classes ("[ء-ي]"), docstrings,
and the few message fragments listed in MESSAGES.  Words go in the lexicon files
(marsad/data/lexicon, marsad/data/gazetteer), see docs/lexicon.md.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from marsad.text.tokens import ENCLITICS, PROCLITICS

PACKAGE = Path(__file__).resolve().parents[1] / "marsad"

# Modules that may hold Arabic word literals.  This list may only shrink: move the
# words of a module to the lexicon files and take it off (the test below fails while
# a listed module is already clean, so the list cannot go stale).
ALLOWED = {
    # for good: the normalisation table (text/tokens.py's clitic table is syntax, see SYNTAX)
    "text/normalize.py",
    # for now
}

# Pieces of messages for the analyst (--explain) that quote the Arabic they explain:
# text, not vocabulary the code matches.  Listed one by one so nothing else slips in.
MESSAGES = {
    "geo/choose.py": {"'محافظة ", "the article speaks of 'محافظة ", " وريفها' → governorate "},
    "geo/spellings.py": {"): 'حي "},
}

_ARABIC_RUN = re.compile("[\u0621-\u064a\u0671-\u06d3]{2,}")
_CHAR_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
SYNTAX = frozenset(PROCLITICS) | frozenset(ENCLITICS) | {"أل", "آل"}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def arabic_words(source: str, messages: frozenset[str] | set[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, literal) of every string constant holding an Arabic word (f-string pieces included)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        text = node.value
        if text in SYNTAX or text in messages:
            continue
        if _ARABIC_RUN.search(_CHAR_CLASS.sub("", text)):
            found.append((node.lineno, text))
    return sorted(found)


def _modules() -> list[str]:
    return sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", _modules())
def test_no_arabic_word_lists_in_python(module):
    found = arabic_words((PACKAGE / module).read_text(encoding="utf-8"), MESSAGES.get(module, set()))
    if module in ALLOWED:
        assert found, f"marsad/{module} holds no Arabic words any more: take it off ALLOWED"
    else:
        shown = ", ".join(f"line {n}: {t!r}" for n, t in found[:8])
        assert not found, f"marsad/{module} holds Arabic words (move them to a lexicon file): {shown}"


def test_allowed_modules_exist():
    assert ALLOWED <= set(_modules())
    assert set(MESSAGES) <= set(_modules())
    for module, pieces in MESSAGES.items():
        source = (PACKAGE / module).read_text(encoding="utf-8")
        assert all(p in source for p in pieces), module  # a message gone: take it off MESSAGES


def test_the_check_sees_words_and_lets_syntax_pass():
    code = 'A = {"قصف", "غارة"}\nB = "ال"\nC = re.compile("[ء-ي]")\nD = "و"\ndef f():\n    "غارة في الوثيقة"\n    return f"(?:{x}|منذ)"\n'
    assert arabic_words(code) == [(1, "غارة"), (1, "قصف"), (7, "|منذ)")]
    assert arabic_words('x = s.startswith(("مزرعة", "ال"))') == [(1, "مزرعة")]
    assert arabic_words('P = re.compile(r"(?:قبل|منذ)\\s+")') == [(1, "(?:قبل|منذ)\\s+")]
