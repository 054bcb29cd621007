"""The ``marsad`` command.  Each command calls one library function.

Commands live in one module per pipeline stage (``extract_cmds``, ``geo_cmds``,
``store_cmds``, ``serve_cmds`` …); each module has ``register(group)``.
Library errors (:class:`marsad.errors.MarsadError`) become messages and exit
codes here and only here.
"""

from __future__ import annotations

import importlib
import sys

import click

from marsad.errors import MarsadError

_COMMAND_MODULES = (
    "marsad.cli.extract_cmds",
    "marsad.cli.eval_cmds",
    "marsad.cli.geo_cmds",
    "marsad.cli.store_cmds",
    "marsad.cli.serve_cmds",
    "marsad.cli.misc_cmds",
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except MarsadError as exc:
            from marsad.errors import printable

            click.echo(f"marsad: error: {printable(str(exc))}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def cli() -> None:
    """Marsad: Arabic news about Syria in, geolocated ACLED-style events out."""


for _name in _COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:  # a stage whose commands are not built yet
        if _exc.name != _name:
            raise
        continue
    _module.register(cli)


def main() -> None:
    cli(prog_name="marsad")
