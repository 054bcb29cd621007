"""Options several commands share: how work is spread (``--executor``, ``--workers``,
``--scheduler``, the arguments of :func:`marsad.executors.make_executor`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from marsad.executors import EXECUTORS

__all__ = ["executor_options"]


def executor_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--executor serial|processes|dask``, ``--workers N``, ``--scheduler ADDR``,
    passed on as ``executor``, ``workers`` and ``scheduler``: the library's keywords."""
    fn = click.option(
        "--scheduler",
        metavar="ADDR",
        help="An existing Dask cluster's scheduler (e.g. tcp://10.0.0.5:8786); implies --executor dask.",
    )(fn)
    fn = click.option(
        "--workers",
        type=click.IntRange(1),
        help="Worker processes (default: one per core when --executor is processes or dask; "
        "N > 1 alone means --executor processes).",
    )(fn)
    return click.option(
        "--executor",
        type=click.Choice(EXECUTORS),
        help="serial (default): this process; processes: a local process pool; dask: a Dask cluster "
        "(local, or --scheduler's).  The results are the same.",
    )(fn)
