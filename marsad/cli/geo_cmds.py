"""``marsad places``: look a place name up in the gazetteer."""

from __future__ import annotations

import json

import click

__all__ = ["register"]


@click.command("places")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per candidate.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500), help="Candidates shown at most.")
def places_cmd(query: str, as_json: bool, limit: int) -> None:
    """Candidates for QUERY (an Arabic or English place name, or an id such as C5202),
    best first, with their hierarchy and coordinates."""
    from marsad.geo import gazetteer_version, lookup_places

    found = lookup_places(query, limit=limit)
    if as_json:
        for c in found:
            click.echo(json.dumps({**c.to_dict(), "hierarchy": c.hierarchy}, ensure_ascii=False))
        return
    if not found:
        click.echo(f"no place matches {query!r} (gazetteer {gazetteer_version()})", err=True)
        raise SystemExit(1)
    for c in found:
        click.echo(
            f"{c.id:<14} {c.name_ar} / {c.name_en}  [{c.kind}]  {c.hierarchy}  "
            f"{c.lat:.5f},{c.lon:.5f}  ({c.match}, {c.score:.0f})"
        )


def register(group: click.Group) -> None:
    group.add_command(places_cmd)
