"""``marsad eval``: SPEC §5 figures of a prediction file (or of a fresh run) against gold."""

from __future__ import annotations

import json

import click

__all__ = ["register"]


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("pred", type=click.Path(dir_okay=False), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON instead of a table.")
def eval_command(gold: str, pred: str | None, as_json: bool) -> None:
    """Score PRED.jsonl against GOLD.jsonl by SPEC §5.

    Without PRED, runs extraction on GOLD's own articles and scores that.
    """
    from marsad.evaluate import format_table, run_eval

    scores = run_eval(gold, pred)
    if as_json:
        click.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(scores))


def register(group: click.Group) -> None:
    group.add_command(eval_command)
