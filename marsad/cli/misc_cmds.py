"""``marsad settings``: every setting with its value and where the value came from;
``marsad actors``: the actor catalogue."""

from __future__ import annotations

import json

import click

__all__ = ["register"]


@click.command("settings")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def settings_command(as_json: bool) -> None:
    """List every setting: name, value, origin (argument/environment/file/default), help.

    A value is set by the environment variable MARSAD_<NAME> or in the TOML file named by
    MARSAD_CONFIG (default ~/.config/marsad/settings.toml).
    """
    from marsad import settings
    from marsad.errors import ConfigError

    rows = []
    bad = False
    for name, setting in settings.SETTINGS.items():
        try:
            value, origin = settings.describe(name)
        except ConfigError as exc:  # show every other setting, then fail: this is where users debug config
            value, origin, bad = f"<{exc}>", "invalid", True
        rows.append({"name": name, "value": value, "origin": origin, "help": setting.help})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _print_table(rows)
    if bad:
        click.get_current_context().exit(1)


def _print_table(rows: list[dict]) -> None:
    width = max(len(r["name"]) for r in rows)
    vwidth = min(40, max(len(repr(r["value"])) for r in rows))
    for r in rows:
        click.echo(f"{r['name']:<{width}}  {r['value']!r:<{vwidth}}  {r['origin']:<11}  {r['help']}")


@click.command("actors")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per actor.")
def actors_command(as_json: bool) -> None:
    """List the actor catalogue: id, English label, Arabic label and aliases.

    Filters (`marsad export --actor`, the API's `actor=`) take the id or either label."""
    from marsad.api.labels import actor_catalogue

    for a in actor_catalogue():
        if as_json:
            click.echo(json.dumps(a, ensure_ascii=False))
            continue
        arabic = "، ".join(dict.fromkeys(x for x in [a["label_ar"], *a["aliases"]] if x))
        click.echo(f"{a['id']:<16} {a['label']:<42} {arabic}")


def register(group: click.Group) -> None:
    group.add_command(settings_command)
    group.add_command(actors_command)
