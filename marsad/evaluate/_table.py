"""Scores → a plain-text table for people (``--json`` gives machines the same figures)."""

from __future__ import annotations

from marsad.evaluate._scorer import PRF, Scores

__all__ = ["format_table"]


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.3f}"


def _km(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} km"


def _prf_row(name: str, prf: PRF) -> str:
    return f"  {name:<28} {_pct(prf.precision)} {_pct(prf.recall)} {_pct(prf.f1)}   {prf.tp:>5} {prf.n_pred:>5} {prf.n_gold:>5}"


def format_table(scores: Scores) -> str:
    """The figures of SPEC §5, headline first."""
    head = f"  {'':<28} {'P':>6} {'R':>6} {'F1':>6}   {'match':>5} {'pred':>5} {'gold':>5}"
    lines = [
        f"articles {scores.articles} · gold events {scores.gold_events} · "
        f"predicted events {scores.pred_events} · matched {scores.matched}",
        "",
        head,
        _prf_row("event (5 violent types)", scores.event),
        _prf_row("strategic developments", scores.strategic),
        _prf_row("article detection", scores.detection),
        "",
        "  over matched pairs:",
        f"    sub-type accuracy          {_pct(scores.sub_type_accuracy)}",
        f"    actor accuracy             {_pct(scores.actor_accuracy)}",
        f"    fatality accuracy          {_pct(scores.fatality_accuracy)}",
        f"  article fatality accuracy    {_pct(scores.article_fatality_accuracy)}",
        f"  location error               median {_km(scores.location_error_median_km)}, "
        f"p90 {_km(scores.location_error_p90_km)} ({scores.location_pairs} pairs)",
        "",
        "  per event type:",
        head,
    ]
    lines += [_prf_row(name, prf) for name, prf in scores.per_type.items()]
    if scores.invalid_pred_events:
        lines.append(f"  ! {scores.invalid_pred_events} predicted event(s) with an unknown event_type")
    if scores.extra_pred_articles:
        lines.append(f"  ! {scores.extra_pred_articles} predicted article(s) not in gold (ignored)")
    return "\n".join(lines)
