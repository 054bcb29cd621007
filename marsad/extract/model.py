"""Learned decisions: linear models over n-gram and cue features.

The hand rules find candidate events (event words, places, dates, numbers);
what they get wrong on unseen text is the *decision*: is this a report of an
incident that happened, and of which type.  Those decisions are made here by
logistic-regression models fitted from the gold sets (``scripts/train_model.py``,
``make train``; fitting code in :mod:`marsad.evaluate.fit`).

At run time a model is a table of weights, read from package data
(``marsad/data/model/*.json``) once per process and never changed: scoring is a
sum of weights over the features of a clause, in pure Python, with no
scikit-learn import on the extraction path.

A model with an ``idf`` table (the sentence classifiers) weighs its features the
way it was fitted: each feature's count ``n`` becomes ``(1 + ln n) · idf``, and
the vector is scaled to unit length, so a long sentence does not outvote a short
one by its length and words every sentence has count for little.  A feature with
a weight but no idf (the lexicon's cues) counts 1 when present, outside that vector.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.errors import DataError
from marsad.resources import data_path
from marsad.text.tokens import Token, stems

__all__ = ["LinearModel", "text_features", "sentence_features", "load_model", "read_model", "MODEL_FILES"]

#: the fitted models shipped with the package: name → file under marsad/data/model
MODEL_FILES = {"events": "events.json", "actors": "actors.json", "assault": "assault.json", "protest": "protest.json"}

_CHAR_NS = (3, 4)


def text_features(tokens: Sequence[Token]) -> list[str]:
    """Word, bigram and character n-gram features of normalised tokens.

    Words are taken without their proclitics (و، ف، ب، ل، ال …) so "وبالقصف"
    and "القصف" share a feature; character n-grams (inside words, with word
    boundaries marked) carry the rest of Arabic morphology.
    """
    out: list[str] = []
    words: list[str] = []
    for t in tokens:
        norm = t.norm
        if not norm or not any(ch.isalpha() for ch in norm):
            if norm.isdigit():
                words.append("<num>")
            continue
        forms = stems(norm)
        word = min(forms, key=len)  # every proclitic peeled
        words.append(word)
        padded = f"<{norm}>"
        for n in _CHAR_NS:
            for k in range(len(padded) - n + 1):
                out.append("c:" + padded[k : k + n])
    out.extend("w:" + w for w in words)
    out.extend(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    return out


def sentence_features(tokens: Sequence[Token], scanned: dict | None = None) -> list[str]:
    """Features of one sentence for the ``report`` models: its words, and the
    lexicon's event words and cancel cues found in it (as features, not vetoes)."""
    out = text_features(tokens)
    for kind in ("cue", "cancel", "toll", "claim"):
        out.extend(f"{kind}:{m.payload}" for m in (scanned or {}).get(kind, ()))
    if tokens and any("؟" in t.text or "?" in t.text for t in tokens[-2:]):
        out.append("question")
    return out


@dataclass(frozen=True)
class LinearModel:
    """A multinomial (or binary) logistic regression as a weight table.

    ``weights[feature]`` is a tuple of one weight per class (one weight in
    total for a binary model, the positive class's logit).  ``idf``, when given,
    is the inverse document frequency of every feature the model was fitted on
    (TF-IDF values, see the module docstring); without it a feature counts once
    each time it occurs, and in a model with one, a feature it does not list
    counts 1 when present.
    """

    name: str
    version: str
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict
    idf: dict[str, float] = field(default_factory=dict)

    @property
    def binary(self) -> bool:
        return len(self.bias) == 1

    def scores(self, features: Iterable[str]) -> list[float]:
        if self.idf:
            return self._tfidf_scores(features)
        z = list(self.bias)
        w = self.weights
        n = len(z)
        for f in features:
            row = w.get(f)
            if row is not None:
                for k in range(n):
                    z[k] += row[k]
        return z

    def _tfidf_scores(self, features: Iterable[str]) -> list[float]:
        z = list(self.bias)
        idf, w = self.idf, self.weights
        counts = Counter(features)
        values = {f: (1.0 + math.log(n)) * idf[f] for f, n in counts.items() if f in idf}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        values = {f: v / norm for f, v in values.items()}
        values.update((f, 1.0) for f in counts if f not in idf)
        n = len(z)
        for f, v in values.items():
            row = w.get(f)
            if row is not None:
                for k in range(n):
                    z[k] += row[k] * v
        return z

    def proba(self, features: Iterable[str]) -> dict[str, float]:
        """Class probabilities for one item's features (repeated features count again)."""
        z = self.scores(features)
        if self.binary:
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z[0]))))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return {c: v / s for c, v in zip(self.classes, e)}

    def to_json(self) -> dict:
        out = {
            "name": self.name,
            "version": self.version,
            "classes": list(self.classes),
            "bias": list(self.bias),
            "meta": self.meta,
            "weights": {f: list(w) for f, w in sorted(self.weights.items())},
        }
        if self.idf:
            out["idf"] = dict(sorted(self.idf.items()))
        return out

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        try:
            classes = tuple(data["classes"])
            bias = tuple(float(b) for b in data["bias"])
            weights = {str(f): tuple(float(x) for x in w) for f, w in data["weights"].items()}
            width = len(bias)
            if width not in (1, len(classes)) or (width == 1 and len(classes) != 2):
                raise ValueError("bias does not fit the classes")
            if any(len(w) != width for w in weights.values()):
                raise ValueError("a weight row does not fit the classes")
            idf = {str(f): float(v) for f, v in data.get("idf", {}).items()}
            if any(v <= 0 for v in idf.values()):
                raise ValueError("an idf is not positive")
            meta = dict(data.get("meta", {}))
            return cls(str(data["name"]), str(data["version"]), classes, bias, weights, meta, idf)
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"model file: {exc}") from exc


def read_model(path: str | Path) -> LinearModel:
    try:
        with open(path, encoding="utf-8") as fh:
            return LinearModel.from_json(json.load(fh))
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read model {path}: {exc}") from exc


@lru_cache(maxsize=8)
def load_model(name: str) -> LinearModel | None:
    """The packaged model ``name`` (see :data:`MODEL_FILES`), or None when not shipped."""
    path = data_path("model", MODEL_FILES[name])
    if not path.is_file():
        return None
    return read_model(path)
