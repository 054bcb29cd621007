"""`marsad ingest`, `process`, `watch`, `export` and `db upgrade`: the store's commands.

Each calls one library function (``marsad.runs.ingest`` / ``process`` / ``watch``,
``marsad.store.export_events``, ``marsad.store.open_store``).  ``--db`` takes a
SQLite path or a database URL; without it the ``db`` setting (``MARSAD_DB``,
default ``marsad.db`` in the working directory) is used.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from marsad.cli.options import executor_options

__all__ = ["register"]

_DB_HELP = "Database: SQLite file path or URL (postgresql+psycopg://…). Default: $MARSAD_DB or marsad.db."


def _db_option(fn):  # type: ignore[no-untyped-def]
    return click.option("--db", "db", metavar="URL", help=_DB_HELP)(fn)


def _setup_logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING, stream=sys.stderr, format="marsad: %(message)s")
    # Dask's own chatter ("Scheduler closing all comms") is not the user's business;
    # distributed reads this when it is imported and configures its loggers from it.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no skip messages.")
@executor_options
def ingest_cmd(
    sources: tuple[str, ...], db: str | None, quiet: bool, executor: str | None, workers: int | None, scheduler: str | None
) -> None:
    """Store articles from SOURCES: RSS/Atom feed or page URLs, WARC files, feed files
    (.rss/.atom/.xml), JSONL, .txt, .html files or folders.  Each URL and each text is
    stored once; near-duplicates are stored too and linked.  Bad inputs are skipped with a reason.
    --executor/--workers spread the page extraction of local archives (WARC)."""
    from marsad.runs import ingest

    _setup_logging(quiet)
    report = ingest(list(sources), db=db, quiet=quiet, executor=executor, workers=workers, scheduler=scheduler)
    click.echo(
        f"marsad: {report.stored} stored ({report.near_duplicates} linked as near-duplicates), {report.duplicates} already "
        f"known, {report.not_modified} unchanged, {report.skipped} skipped in {report.seconds:.1f}s",
        err=True,
    )
    if report.skipped:  # as `marsad extract` does: a batch with refused inputs is not a clean success
        sys.exit(1)


@click.command("process")
@_db_option
@click.option(
    "--reprocess", is_flag=True, help="Re-extract every article, replacing its events (after a lexicon or gazetteer change)."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@executor_options
def process_cmd(
    db: str | None, reprocess: bool, quiet: bool, executor: str | None, workers: int | None, scheduler: str | None
) -> None:
    """Extract events from the stored articles not processed yet, deduplicated across reports."""
    from marsad.runs import process

    _setup_logging(quiet)
    report = process(db=db, reprocess=reprocess, quiet=quiet, executor=executor, workers=workers, scheduler=scheduler)
    click.echo(
        f"marsad: {report.articles} articles processed, {report.events} event reports, "
        f"{report.errors} errors in {report.seconds:.1f}s",
        err=True,
    )
    if report.errors:
        sys.exit(1)


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--every", default="15m", show_default=True, help="Interval between rounds: 30s, 15m, 2h …")
@click.option("--rounds", type=click.IntRange(1), help="Stop after this many rounds (default: run until stopped).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars (the status line is still printed).")
def watch_cmd(sources: tuple[str, ...], db: str | None, every: str, rounds: int | None, quiet: bool) -> None:
    """Ingest SOURCES and process new articles every --every, printing a status line
    per round.  Safe to kill at any moment: a restart neither loses nor doubles anything."""
    from marsad.runs import watch

    _setup_logging(quiet)
    try:
        watch(list(sources), every=every, db=db, rounds=rounds, quiet=quiet)
    except KeyboardInterrupt:
        click.echo("marsad: watch stopped", err=True)


@click.command("export")
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "hxl", "geojson", "jsonl"]),
    default="csv",
    show_default=True,
    help="csv: ACLED columns then source_urls; hxl: the same with HXL hashtags; geojson; jsonl: SPEC §2 events.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of standard output.")
@click.option("--start", "--from", "start", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--end", "--to", "end", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--event-type", multiple=True, help="Only this event type (repeat for several).")
@click.option("--sub-event-type", multiple=True, help="Only this sub-event type (repeat for several).")
@click.option("--actor", help="Only events with this actor (either side): an id or a label, see `marsad actors`.")
@click.option("--admin1", help="Only this governorate (English).")
@click.option("--admin2", help="Only this district (English).")
@click.option("--bbox", help="Only inside min_lon,min_lat,max_lon,max_lat.")
@click.option("--min-fatalities", help="At least this many dead.")
@click.option("--q", "--text", "q", help="Words in the evidence or summary (Arabic is normalised).")
def export_cmd(
    db: str | None,
    fmt: str,
    output: str | None,
    start: str | None,
    end: str | None,
    event_type: tuple[str, ...],
    sub_event_type: tuple[str, ...],
    actor: str | None,
    admin1: str | None,
    admin2: str | None,
    bbox: str | None,
    min_fatalities: str | None,
    q: str | None,
) -> None:
    """Export stored events as CSV (ACLED column order), HXL CSV, GeoJSON or JSONL.

    The options are the API's filter parameters (--start, --end, --event-type, ...,
    --q; --from, --to and --text are older spellings) and are checked exactly as the
    API checks them (the same function) into the same EventFilter: a value the API
    answers with a 422 stops here with the same message, exit code 2."""
    from marsad.api.filters import ParamError, parse_filter
    from marsad.store import export_events

    try:
        f = parse_filter(
            start=start,
            end=end,
            event_type=list(event_type),
            sub_event_type=list(sub_event_type),
            actor=actor,
            admin1=admin1,
            admin2=admin2,
            bbox=bbox,
            min_fatalities=min_fatalities,
            q=q,
        )
    except ParamError as exc:
        for d in exc.details:
            click.echo(f"marsad: error: {d['param']}: {d['message']}", err=True)
        sys.exit(2)
    n = export_events(db, fmt, output, f)
    if output:
        click.echo(f"marsad: {n} events written to {output}", err=True)


@click.group("db")
def db_group() -> None:
    """Database maintenance."""


@db_group.command("upgrade")
@_db_option
def db_upgrade_cmd(db: str | None) -> None:
    """Create the database or bring its schema up to date (done automatically on open)."""
    from marsad.store import open_store
    from marsad.store.db import current_revision

    with open_store(db) as store:
        click.echo(f"marsad: {store.safe_url} at schema revision {current_revision(store.engine)}", err=True)


@db_group.command("runs")
@_db_option
@click.option("--limit", "-n", type=click.IntRange(1, 10_000), default=20, show_default=True, help="how many runs, newest first")
@click.option("--json", "as_json", is_flag=True, help="one JSON object per run")
def db_runs_cmd(db: str | None, limit: int, as_json: bool) -> None:
    """The latest ingest / process / watch runs and how they ended.

    A run whose process died (SIGKILL, crash, reboot) is shown as interrupted."""
    import json

    from marsad.store import open_store

    with open_store(db) as store:
        runs = store.runs(limit)
    for r in runs:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
            continue
        started = r["started_at"].strftime("%Y-%m-%d %H:%M:%S") if r["started_at"] else "-"
        took = ""
        if r["started_at"] and r["finished_at"]:
            took = f" ({(r['finished_at'] - r['started_at']).total_seconds():.0f} s)"
        counts = ", ".join(f"{k} {v}" for k, v in (r["counts"] or {}).items() if v and isinstance(v, (int, float)))
        where = f"{r['host']}:{r['pid']}" if r["host"] else "-"
        click.echo(f"{r['id']:>5}  {r['kind']:<8} {r['status']:<12} {started}{took}  {where}  {counts}")


def register(group: click.Group) -> None:
    for cmd in (ingest_cmd, process_cmd, watch_cmd, export_cmd, db_group):
        group.add_command(cmd)
