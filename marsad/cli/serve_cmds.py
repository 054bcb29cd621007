"""`marsad serve`: the API and the map page (calls :func:`marsad.api.serve`)."""

from __future__ import annotations

import threading
import webbrowser

import click

__all__ = ["register"]


def _loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.strip().lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option(
    "--db",
    "db",
    metavar="URL",
    help="Database: SQLite file path or URL (postgresql+psycopg://…). Default: $MARSAD_DB or marsad.db.",
)
@click.option("--host", default=None, help="Address to bind (default: setting host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default: setting port, 8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the map in the default web browser.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (one core each); 2 or more for many concurrent readers.",
)
@click.option(
    "--allow-writes", is_flag=True, help="Mount POST /api/articles, guarded by the api_token setting ($MARSAD_API_TOKEN)."
)
def serve_cmd(db: str | None, host: str | None, port: int | None, open_browser: bool, workers: int, allow_writes: bool) -> None:
    """Serve the JSON API (/api/…) and the map page (/) on the database.

    Read-only unless --allow-writes.  Binds to 127.0.0.1 by default: to share it on
    a network, put it behind a reverse proxy rather than binding to 0.0.0.0."""
    from marsad import settings
    from marsad.api import serve

    real_host = str(settings.get("host", host))
    real_port = int(settings.get("port", port))
    if not _loopback(real_host):
        click.echo(f"marsad: warning: listening on {real_host}, reachable from other machines", err=True)
    shown = "127.0.0.1" if real_host in ("0.0.0.0", "::") else real_host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{real_port}/"
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    if workers > 1:
        serve(db, real_host, real_port, allow_writes=allow_writes, workers=workers)
    else:
        serve(db, real_host, real_port, allow_writes=allow_writes)


def register(group: click.Group) -> None:
    group.add_command(serve_cmd)
