"""``marsad eval``: SPEC §5 figures of a prediction file (or of a fresh run) against gold,
or cross-validated figures of the learned decisions (``--folds``)."""

from __future__ import annotations

import json

import click

__all__ = ["register"]


@click.command("eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--folds",
    type=click.IntRange(2, 20),
    default=None,
    help="K-fold cross-validation by article over all FILES (gold sets): the learned decision is fitted "
    "without the fold it is scored on. GSR sentence files score `classify` instead (gold article "
    "files beside them are its training data only, as in `make train`).",
)
@click.option(
    "--learn",
    default=None,
    metavar="NAMES",
    help="With --folds: the learned decisions to fit and score, comma-separated from 'events', 'actors', 'sentences' "
    "(default: those the package ships).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON instead of a table.")
def eval_command(files: tuple[str, ...], folds: int | None, learn: str | None, as_json: bool) -> None:
    """Score PRED.jsonl against GOLD.jsonl by SPEC §5: `marsad eval GOLD [PRED]`.

    Without PRED, runs extraction on GOLD's own articles and scores that.
    With --folds K, every file is a gold set: `marsad eval --folds 5 dev.jsonl dev2.jsonl`.
    """
    from marsad.evaluate import format_table, run_eval

    if folds is not None:
        from marsad.evaluate.fit import SHIPPED, format_cv, run_cv

        names = tuple(n.strip() for n in learn.split(",") if n.strip()) if learn is not None else SHIPPED
        unknown = set(names) - {"events", "actors", "sentences"}
        if unknown:
            raise click.BadParameter(
                f"unknown decision(s) {sorted(unknown)}; choose from events, actors, sentences", param_hint="--learn"
            )
        report = run_cv(files, k=folds, learn=names)
        click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else format_cv(report))
        return
    if len(files) > 2:
        raise click.UsageError("give GOLD and at most one PRED file (or --folds K with several gold files)")
    scores = run_eval(files[0], files[1] if len(files) > 1 else None)
    if as_json:
        click.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(scores))


def register(group: click.Group) -> None:
    group.add_command(eval_command)
