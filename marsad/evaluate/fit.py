"""Fitting the learned decisions from gold sets, and measuring them honestly.

* :func:`fit_events` fits the ``events`` model (:mod:`marsad.extract.decide`)
  from gold articles: every candidate the rules propose is labelled with the
  type of the gold event it matches (SPEC §5 matching, then the same matching
  ignoring type, for candidates of the wrong type), or ``none``.
* :func:`cross_validate` scores it on data it was not fitted on: articles are
  dealt into ``k`` folds by a hash of their id (deterministic, balanced), the
  model is fitted on ``k − 1`` folds and the held-out fold is scored by SPEC §5.

The sentence classifiers (``classify``) are fitted in :mod:`marsad.evaluate.fit_classify`.
scikit-learn does the fitting; what ships is the weight table
(:class:`marsad.extract.model.LinearModel`).  Fitting is deterministic: fixed
solver, fixed order, no random state.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.evaluate._scorer import Scores, evaluate, match_events
from marsad.extract.decide import NONE, Candidate, decide
from marsad.extract.model import LinearModel
from marsad.models import EVENT_TYPES

__all__ = [
    "Sample",
    "collect",
    "label_candidates",
    "fit_linear",
    "fit_events",
    "cross_validate",
    "assign_folds",
    "CVReport",
    "EVENTS_C",
    "run_cv",
    "format_cv",
]

#: inverse regularisation of the events model (5-fold CV over dev + dev2 tried 0.1–2)
EVENTS_C = 0.3
#: a candidate is dropped when p(none) reaches this (CV tried 0.5–0.85: 0.7 balances P and R)
DROP_THRESHOLD = 0.7
#: weights below this (absolute) are not shipped: they change no decision
PRUNE = 1e-3
MIN_COUNT = 2  # a feature seen in fewer training items is not used


@dataclass
class Sample:
    """One gold article with the rules' candidates for it."""

    record: dict[str, Any]
    candidates: list[Candidate]
    labels: list[str] = field(default_factory=list)
    gold_index: list[int | None] = field(default_factory=list)  # the gold event each candidate stands for
    proposals: list[Candidate] = field(default_factory=list)  # sentences the rules left (see Extractor.proposals)
    proposal_labels: list[str] = field(default_factory=list)


def _articles(records: Iterable[dict[str, Any]]):
    from marsad.errors import InputError
    from marsad.ingest.readers import parse_jsonl_line

    for lineno, record in enumerate(records, 1):
        fields = {k: record.get(k) for k in ("id", "url", "outlet", "published", "title", "text")}
        try:
            yield record, parse_jsonl_line(json.dumps(fields, ensure_ascii=False), source="gold", lineno=lineno)
        except InputError:
            yield record, None


def collect(records: Sequence[dict[str, Any]], extractor=None) -> list[Sample]:
    """The rules' candidates for each gold article, labelled against its gold events."""
    if extractor is None:
        from marsad.pipeline import rules_extractor

        extractor = rules_extractor()
    out = []
    for record, article in _articles(records):
        cands, props = extractor.candidates_and_proposals(article) if article is not None else ([], [])
        index: list[int | None] = []
        gold = record.get("events") or []
        labels = label_candidates(gold, cands, index)
        # a proposal stands for a gold event the rules' candidates did not find
        left = [k for k in range(len(gold)) if k not in set(index)]
        p_labels = label_candidates([gold[k] for k in left], props)
        out.append(Sample(record, cands, labels, index, props, p_labels))
    return out


def label_candidates(gold: list[dict[str, Any]], candidates: list[Candidate], index: list | None = None) -> list[str]:
    """The type of the gold event each candidate stands for, or ``none``.

    First SPEC §5 matching (same type); then, among what is left, the same
    matching with the candidate taken at each gold event's type: a candidate
    at the right place and day but of the wrong type is labelled with the
    gold type, so the model can learn to retype it.
    """
    labels = [NONE] * len(candidates)
    which: list[int | None] = [None] * len(candidates)
    preds = [c.event.to_dict() for c in candidates]
    used_g: set[int] = set()
    for gi, pi, _ in match_events(gold, preds):
        labels[pi] = gold[gi]["event_type"]
        which[pi] = gi
        used_g.add(gi)
    for t in EVENT_TYPES:
        g_left = [(gi, g) for gi, g in enumerate(gold) if gi not in used_g and g.get("event_type") == t]
        p_left = [(pi, dict(p, event_type=t)) for pi, p in enumerate(preds) if labels[pi] == NONE]
        if not g_left or not p_left:
            continue
        for a, b, _ in match_events([g for _, g in g_left], [p for _, p in p_left]):
            labels[p_left[b][0]] = t
            which[p_left[b][0]] = g_left[a][0]
            used_g.add(g_left[a][0])
    if index is not None:
        index[:] = which
    return labels


#: inverse regularisation of the actors model (5-fold CV over dev + dev2 tried 0.05–1)
ACTORS_C = 0.3


def fit_actor_sets(samples: Sequence[Sample], *, version: str = "dev", c: float = ACTORS_C) -> LinearModel:
    """The ``actors`` model as a scorer of whole sets of sides: for every candidate that
    stands for a gold event, each set of one or two of its actor options is an item,
    labelled ``yes`` when it is exactly the gold pair."""
    from marsad.extract.decide import actor_sets

    items, labels = [], []
    for s in samples:
        gold = s.record.get("events") or []
        for cand, gi in zip(s.candidates, s.gold_index):
            if gi is None or cand.event.event_type in ("Protests", "Riots"):
                continue
            sides = frozenset({gold[gi].get("actor1"), gold[gi].get("actor2")} - {None})
            for members, feats in actor_sets(cand.event, cand.actor_options):
                items.append(feats)
                labels.append("yes" if frozenset(members) == sides else "no")
    return fit_linear(
        items,
        labels,
        name="actors",
        version=version,
        c=c,
        classes=["no", "yes"],
        meta={"mode": "sets", "trained_on": {"sets": len(items), "yes": labels.count("yes")}},
    )


def fit_linear(
    items: Sequence[list[str]],
    labels: Sequence[str],
    *,
    name: str,
    version: str,
    c: float,
    classes: Sequence[str] | None = None,
    meta: dict | None = None,
    class_weight=None,
    tfidf: bool = False,
    sample_weight: Sequence[float] | None = None,
) -> LinearModel:
    """A logistic regression over bags of string features, as a weight table.

    Features are counted as present (1) or, with ``tfidf``, weighted as the shipped
    model will weigh them (:class:`LinearModel`: sublinear count times inverse
    document frequency, scaled to unit length); the ``idf`` table then ships too.
    ``sample_weight`` weighs items (a second source the model should heed less)."""
    import math

    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats in items for f in set(feats))
    vocab = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    n_items = len(items)
    idf = {}
    if tfidf:
        idf = {f: round(math.log((1 + n_items) / (1 + counts[f])) + 1.0, 4) for f in vocab}
    rows, cols, vals = [], [], []
    for r, feats in enumerate(items):
        row, flat = [], []
        for f, n in sorted(Counter(feats).items()):
            k = vocab.get(f)
            if k is None:
                continue
            if f in idf:
                row.append((k, (1.0 + math.log(n)) * idf[f]))
            else:  # presence, not counts: sentences differ in length
                flat.append((k, 1.0))
        norm = math.sqrt(sum(v * v for _, v in row)) or 1.0
        for k, v in [(k, v / norm) for k, v in row] + flat:
            rows.append(r)
            cols.append(k)
            vals.append(v)
    x = csr_matrix((vals, (rows, cols)), shape=(len(items), len(vocab)))
    classes = list(classes) if classes is not None else sorted(set(labels))
    present = sorted(set(labels), key=classes.index)
    y = np.array([present.index(lab) for lab in labels])
    if len(present) == 1:  # nothing to learn: a constant model
        bias = [0.0] * len(classes)
        bias[classes.index(present[0])] = 10.0
        return LinearModel(name, version, tuple(classes), tuple(bias), {}, dict(meta or {}))
    clf = LogisticRegression(C=c, max_iter=5000, solver="lbfgs", class_weight=class_weight)
    clf.fit(x, y, sample_weight=None if sample_weight is None else np.asarray(sample_weight, dtype=float))
    names = sorted(vocab, key=vocab.__getitem__)
    if len(present) == 2 and len(classes) == 2:
        coef = clf.coef_[0]
        weights = {names[k]: (round(float(w), 4),) for k, w in enumerate(coef) if abs(w) >= PRUNE}
        sign = 1.0 if present == classes else -1.0
        if sign < 0:
            weights = {f: (-w[0],) for f, w in weights.items()}
        bias2 = (round(sign * float(clf.intercept_[0]), 4),)
        return LinearModel(name, version, tuple(classes), bias2, weights, dict(meta or {}), idf)
    # multinomial: a row per present class; classes never seen get a very low bias
    full = np.full((len(classes), len(names)), 0.0)
    bias = [-20.0] * len(classes)
    coef = clf.coef_ if len(present) > 2 else np.vstack([-clf.coef_[0] / 2, clf.coef_[0] / 2])
    inter = clf.intercept_ if len(present) > 2 else [-clf.intercept_[0] / 2, clf.intercept_[0] / 2]
    for i, cls in enumerate(present):
        full[classes.index(cls)] = coef[i]
        bias[classes.index(cls)] = float(inter[i])
    weights = {}
    for k, f in enumerate(names):
        col = full[:, k]
        if np.abs(col).max() >= PRUNE:
            weights[f] = tuple(round(float(v), 4) for v in col)
    return LinearModel(name, version, tuple(classes), tuple(round(b, 4) for b in bias), weights, dict(meta or {}), idf)


def _sub_for(samples: Iterable[Sample]) -> dict[str, str]:
    """For a candidate retyped to type T: the sub-type gold gives most often, per rule sub-type and T."""
    by_pair: dict[str, Counter] = {}
    by_type: dict[str, Counter] = {}
    for s in samples:
        gold = s.record.get("events") or []
        preds = [c.event.to_dict() for c in s.candidates]
        for gi, pi, _ in match_events(gold, preds):
            by_type.setdefault(gold[gi]["event_type"], Counter())[gold[gi]["sub_event_type"]] += 1
        for c, lab in zip(s.candidates, s.labels):
            if lab not in (NONE, c.event.event_type):
                # the gold sub-type is that of the nearest gold event of that type; count the type's commonest
                by_pair.setdefault(f"{c.event.sub_event_type}|{lab}", Counter())
    out = {t: cnt.most_common(1)[0][0] for t, cnt in sorted(by_type.items())}
    for key in sorted(by_pair):
        t = key.split("|", 1)[1]
        if t in out:
            out[key] = out[t]
    return out


def fit_events(
    samples: Sequence[Sample],
    *,
    version: str = "dev",
    c: float = EVENTS_C,
    tfidf: bool = False,
    drop_threshold: float = DROP_THRESHOLD,
) -> LinearModel:
    """The ``events`` model fitted on the candidates of ``samples``."""
    items = [c_.features for s in samples for c_ in s.candidates]
    labels = [lab for s in samples for lab in s.labels]
    meta = {
        "drop_threshold": drop_threshold,
        "retype_margin": 0.2,
        "sub_for": _sub_for(samples),
        "trained_on": {"articles": len(samples), "candidates": len(items), "labels": dict(sorted(Counter(labels).items()))},
    }
    return fit_linear(items, labels, name="events", version=version, c=c, classes=[NONE, *EVENT_TYPES], meta=meta, tfidf=tfidf)


def assign_folds(ids: Sequence[str], k: int) -> dict[str, int]:
    """Article id → fold: ids ordered by a hash of the id, then dealt round-robin."""
    order = sorted(set(ids), key=lambda i: hashlib.sha256(i.encode("utf-8")).hexdigest())
    return {i: n % k for n, i in enumerate(order)}


def fit_sentences(samples: Sequence[Sample], *, version: str = "dev", c: float = 0.3) -> LinearModel:
    """The ``sentences`` model: which event type (or none) a sentence the rules coded
    nothing from reports, fitted on the proposals of ``samples``."""
    items = [p.features for s in samples for p in s.proposals]
    labels = [lab for s in samples for lab in s.proposal_labels]
    subs: dict[str, Counter] = {}
    for s in samples:
        for ev in s.record.get("events") or []:
            subs.setdefault(ev["event_type"], Counter())[ev["sub_event_type"]] += 1
    meta = {
        "threshold": PROPOSE_THRESHOLD,
        "sub_for": {t: cnt.most_common(1)[0][0] for t, cnt in sorted(subs.items())},
        "trained_on": {"sentences": len(items), "labels": dict(sorted(Counter(labels).items()))},
    }
    return fit_linear(items, labels, name="sentences", version=version, c=c, classes=[NONE, *EVENT_TYPES], meta=meta)


PROPOSE_THRESHOLD = 0.5


def _predict(
    samples: Sequence[Sample], model: LinearModel | None, actors: LinearModel | None = None, proposer: LinearModel | None = None
) -> list[dict[str, Any]]:
    from marsad.extract.decide import propose

    out = []
    for s in samples:
        cands = [Candidate(_copy_event(c.event), c.features, actor_options=c.actor_options) for c in s.candidates]
        if proposer is not None:
            props = [Candidate(_copy_event(p.event), p.features) for p in s.proposals]
            for c, orig in zip(props, s.proposals):
                c.options_by_type = orig.options_by_type
            for c in propose(proposer, props):
                c.actor_options = c.options_by_type[c.event.event_type]
                cands.append(c)
        events = decide(model, cands, actors=actors)
        out.append({"article_id": s.record.get("id"), "events": [e.to_dict() for e in events]})
    return out


def _copy_event(ev):
    import copy

    return copy.copy(ev)


@dataclass
class CVReport:
    folds: list[Scores]
    fold_sizes: list[int]
    all_data_fit: Scores
    rules_only: Scores
    learned: tuple[str, ...] = ()

    def mean(self, getter: Callable[[Scores], float | None]) -> float:
        vals = [getter(s) for s in self.folds if getter(s) is not None]
        return sum(vals) / len(vals) if vals else float("nan")


#: the learned decisions the package ships (marsad/data/model); the events model is fitted and
#: measured by ``cross_validate(learn=…)`` but not shipped while it does not beat the rules on held-out folds
SHIPPED = ("actors",)


def cross_validate(
    records: Sequence[dict[str, Any]],
    *,
    k: int = 5,
    c: float = EVENTS_C,
    samples: Sequence[Sample] | None = None,
    learn: Sequence[str] = SHIPPED,
) -> CVReport:
    """K-fold cross-validation by article of the rules plus the learned decisions named in
    ``learn`` ("events", "actors"), each fold scored by models fitted without it."""
    samples = list(samples) if samples is not None else collect(records)
    folds = assign_folds([str(s.record.get("id")) for s in samples], k)

    def fitted(train: Sequence[Sample]) -> tuple[LinearModel | None, LinearModel | None, LinearModel | None]:
        return (
            fit_events(train, c=c) if "events" in learn else None,
            fit_actor_sets(train) if "actors" in learn else None,
            fit_sentences(train) if "sentences" in learn else None,
        )

    scores, sizes = [], []
    for f in range(k):
        train = [s for s in samples if folds[str(s.record.get("id"))] != f]
        test = [s for s in samples if folds[str(s.record.get("id"))] == f]
        scores.append(evaluate([s.record for s in test], _predict(test, *fitted(train))))
        sizes.append(len(test))
    return CVReport(
        scores,
        sizes,
        evaluate([s.record for s in samples], _predict(samples, *fitted(samples))),
        evaluate([s.record for s in samples], _predict(samples, None)),
        tuple(learn),
    )


# --------------------------------------------------------------------------- `marsad eval --folds`

_FIGURES = (
    ("event F1", lambda s: s.event.f1),
    ("event P", lambda s: s.event.precision),
    ("event R", lambda s: s.event.recall),
    ("strategic F1", lambda s: s.strategic.f1),
    ("sub-type acc", lambda s: s.sub_type_accuracy),
    ("actor acc", lambda s: s.actor_accuracy),
    ("fatality acc", lambda s: s.fatality_accuracy),
    ("detection F1", lambda s: s.detection.f1),
)


def run_cv(paths: Sequence[str], k: int = 5, articles: Sequence[str] = (), learn: Sequence[str] = SHIPPED) -> dict[str, Any]:
    """Cross-validated figures of gold files: articles (SPEC §1 + ``events``) or GSR sentences
    (``label``), by the kind of their records.  Given both, the GSR files are scored and the
    article files (and ``articles``) are training data for the groups that learn from them, as
    ``make train`` does.  Returns a JSON-able report."""
    from marsad.evaluate import read_records
    from marsad.evaluate.fit_classify import ARTICLE_SENTENCES_FOR, GSR_GROUPS, article_sentences, cross_validate_gsr

    by_path = {str(p): read_records(p) for p in paths}
    records = [r for recs in by_path.values() for r in recs]
    if not records:
        from marsad.errors import MarsadError

        raise MarsadError("no records in " + ", ".join(map(str, paths)))
    sentence_files = [p for p, recs in by_path.items() if recs and all("label" in r and "events" not in r for r in recs)]
    if sentence_files:
        # GSR files score `classify`; gold article files given beside them are training data
        # only (ARTICLE_SENTENCES_FOR), as in the shipped model
        article_files = [*articles, *(p for p in by_path if p not in sentence_files)]
        out: dict[str, Any] = {"kind": "sentences", "folds": k, "groups": {}, "article_files": article_files}
        for p in sentence_files:
            recs = by_path[p]
            group = next((g for g in GSR_GROUPS if g in p), None)
            if group is None:
                from marsad.errors import MarsadError

                raise MarsadError(f"{p}: cannot tell whether it judges assaults or protests (name it *assault* or *protest*)")
            arts = [r for a in article_files for r in read_records(a)] if group in ARTICLE_SENTENCES_FOR else []
            folds = cross_validate_gsr(recs, group, k=k, extra=article_sentences(arts, group) if arts else None)
            out["groups"][group] = {
                "folds": [vars(f) for f in folds],
                "mean_recall": sum(f.recall for f in folds) / k,
                "mean_fpr_easy_no": sum(f.fpr for f in folds) / k,
            }
        return out
    report = cross_validate(records, k=k, learn=learn)

    def figures(s: Scores) -> dict[str, float | None]:
        return {name: get(s) for name, get in _FIGURES}

    return {
        "kind": "articles",
        "folds": k,
        "articles": len(records),
        "fold_sizes": report.fold_sizes,
        "learned": list(report.learned),
        "per_fold": [figures(s) for s in report.folds],
        "mean": {name: report.mean(get) for name, get in _FIGURES},
        "all_data_fit": figures(report.all_data_fit),
        "rules_only": figures(report.rules_only),
    }


def format_cv(report: dict[str, Any]) -> str:
    """The report of :func:`run_cv` as a table."""

    def num(v):
        return "   n/a" if v is None else f"{v:6.3f}"

    if report["kind"] == "sentences":
        lines = [f"{report['folds']}-fold cross-validation of `classify` (recall on 'yes', false-positive rate on 'easy no')"]
        if report.get("article_files"):
            lines.append("  also trained on (never scored): " + ", ".join(report["article_files"]))
        lines.append("")
        for group, g in report["groups"].items():
            per = "  ".join(f"{f['recall']:.2f}/{f['fpr']:.3f}" for f in g["folds"])
            lines.append(f"  {group:<8} recall {g['mean_recall']:.3f}  FPR {g['mean_fpr_easy_no']:.3f}   per fold: {per}")
        return "\n".join(lines)
    names = [n for n, _ in _FIGURES]
    head = "  " + f"{'':<22}" + "".join(f"{n:>14}" for n in names)
    lines = [
        f"{report['folds']}-fold cross-validation by article over {report['articles']} articles "
        f"(fold sizes {report['fold_sizes']}): the rules + the learned decisions "
        f"({', '.join(report['learned']) or 'none'}), fitted without the fold each row scores",
        "",
        head,
    ]
    for k, row in enumerate(report["per_fold"], 1):
        lines.append("  " + f"{'fold ' + str(k):<22}" + "".join(f"{num(row[n]):>14}" for n in names))
    for label, key in (("mean of held-out folds", "mean"), ("fit on all data", "all_data_fit"), ("rules alone", "rules_only")):
        lines.append("  " + f"{label:<22}" + "".join(f"{num(report[key][n]):>14}" for n in names))
    return "\n".join(lines)
