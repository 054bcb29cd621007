"""`marsad extract` and `marsad classify` (SPEC §6)."""

from __future__ import annotations

import json
import os
import sys

import click

from marsad.cli.options import executor_options

__all__ = ["register"]


def _skip_reporter(counter: list[int]):
    def on_skip(skip) -> None:
        counter[0] += 1
        from marsad.errors import printable

        click.echo(f"marsad: skipped {printable(skip.key)}: {skip.reason}: {printable(skip.message)}", err=True)

    return on_skip


@click.command("extract")
@click.argument("inputs", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write JSONL here instead of standard output "
    "(with --executor processes or dask, an existing folder receives part-NNNNN.jsonl shards).",
)
@click.option("--explain", is_flag=True, help="Add an `explain` field to each event: the rule, cues and place choice behind it.")
@executor_options
def extract_cmd(
    inputs: tuple[str, ...], output: str | None, explain: bool, executor: str | None, workers: int | None, scheduler: str | None
) -> None:
    """Extract events from INPUTS (JSONL, .txt or .html; '-' or none: JSONL on stdin).

    With --executor processes or dask (or --workers N, --scheduler ADDR) the inputs
    are read and extracted in partitions by the workers; the output is the same."""
    from marsad.executors import resolve_kind

    skipped = [0]
    on_skip = _skip_reporter(skipped)
    kind = resolve_kind(executor, workers, scheduler)
    if kind != "serial":
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")  # before distributed is imported
        from marsad.scale import extract_distributed

        report = extract_distributed(
            list(inputs) or ["-"],
            output,
            executor=kind,
            workers=workers,
            scheduler=scheduler,
            on_skip=on_skip,
            explain=explain,
        )
        skipped[0] = max(skipped[0], getattr(report, "skipped", 0))
    else:
        from marsad.ingest.readers import read_inputs
        from marsad.pipeline import dump_line, extract

        if output and os.path.isdir(output):
            raise click.UsageError("-o names a folder: shard output needs --executor processes or dask (or --workers N)")
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
        try:
            for result in extract(read_inputs(list(inputs) or ["-"], on_skip=on_skip), explain=explain):
                out.write(dump_line(result))
        finally:
            if output:
                out.close()
    if skipped[0]:
        click.echo(f"marsad: {skipped[0]} input(s) skipped", err=True)
        sys.exit(1)


@click.command("classify")
@click.argument("inputs", nargs=-1)
def classify_cmd(inputs: tuple[str, ...]) -> None:
    """Which of the six event types each article reports (any country; no gazetteer)."""
    from marsad.ingest.readers import read_inputs
    from marsad.pipeline import classify_article

    skipped = [0]
    for article in read_inputs(list(inputs) or ["-"], on_skip=_skip_reporter(skipped)):
        line = {"id": article.id, "event_types": classify_article(article)}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    if skipped[0]:
        click.echo(f"marsad: {skipped[0]} input(s) skipped", err=True)
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(extract_cmd)
    group.add_command(classify_cmd)
