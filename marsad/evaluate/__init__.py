"""Scoring by SPEC §5: ``marsad eval`` calls :func:`run_eval`.

:func:`evaluate` scores in-memory records; :func:`run_eval` reads the files and, when
no prediction file is given, runs the pipeline on the gold articles themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.errors import InputError, MalformedInput, MarsadError
from marsad.evaluate._scorer import PRF, Scores, evaluate, haversine_km, match_events
from marsad.evaluate._table import format_table

__all__ = [
    "PRF",
    "Scores",
    "evaluate",
    "format_table",
    "run_eval",
    "read_records",
    "predict",
    "haversine_km",
    "match_events",
]


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file (blank lines ignored).  Gold and prediction files
    are the scorer's own inputs, so a bad line is an error, not a skip: a silently
    shortened gold set would give wrong figures."""
    records = []
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    raise MalformedInput(f"{path}:{lineno}: invalid JSON ({exc})") from None
                if not isinstance(obj, dict):
                    raise MalformedInput(f"{path}:{lineno}: a JSON object was expected")
                if not isinstance(obj.get("events", []), list):
                    raise MalformedInput(f"{path}:{lineno}: 'events' must be a list")
                records.append(obj)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})", reason="missing") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason})", reason="encoding") from None
    return records


def predict(gold: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Run :func:`marsad.pipeline.extract` on the articles of gold records (SPEC §1 fields
    plus ``events``).  An article the reader would skip gets no events, as it would in a
    real run."""
    from marsad import pipeline
    from marsad.ingest.readers import parse_jsonl_line
    from marsad.models import Article

    articles: list[Article] = []
    for lineno, record in enumerate(gold, 1):
        fields = {k: record.get(k) for k in ("id", "url", "outlet", "published", "title", "text")}
        try:
            articles.append(parse_jsonl_line(json.dumps(fields, ensure_ascii=False), source="gold", lineno=lineno))
        except InputError:
            continue
    try:
        for result in pipeline.extract(articles):
            yield result.to_dict()
    except ImportError as exc:
        raise MarsadError(f"the extractor cannot be loaded ({exc}); give a PRED.jsonl file instead") from None


def run_eval(gold_path: str | Path, pred_path: str | Path | None = None) -> Scores:
    """Scores of ``pred_path`` (or of a fresh extraction) against ``gold_path``."""
    gold = read_records(gold_path)
    pred = read_records(pred_path) if pred_path is not None else list(predict(gold))
    return evaluate(gold, pred)
