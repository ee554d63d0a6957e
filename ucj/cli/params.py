"""The command line's shared options, each declared once (dbt-style ``params``): the commands in
``ucj.cli`` stack these decorators instead of repeating the same ``--user`` or ``--json``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..core import regions
from ..core.i18n import both
from ..core.parsing import ParseError, parse_period
from ..core.schema import SECTORS

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]

LEVEL_NAMES = {"provinsi": 1, "kabupaten": 2, "kota": 2, "kabupaten/kota": 2, "kecamatan": 3}
NUMBER_FORMATS = ("id", "en")
NUMBER_FORMAT_HELP = (
    "the file's number form when the file cannot tell it: id = 1.234.567 and 58,65, en = 1,234,567 and 58.65"
)


class PeriodType(click.ParamType):
    """YYYY-MM (or any form ``parse_period`` reads), given back as YYYY-MM."""

    name = "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return parse_period(str(value))
        except ParseError:
            self.fail(both("not_a_period"), param, ctx)


class RegionType(click.ParamType):
    """A region's Kemendagri code or its name, given back as the code."""

    name = "CODE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        try:
            return regions.get_region(text).code
        except regions.RegionError:
            try:
                return regions.resolve_name(text).code
            except regions.RegionError as exc:
                detail = ", ".join(c.label for c in exc.candidates)
                self.fail(both(exc.kind, candidates=detail), param, ctx)


PERIOD = PeriodType()
REGION = RegionType()
FILE = click.Path(path_type=Path, dir_okay=True)


def data_dir(f: F) -> F:
    return click.option(
        "--data-dir",
        envvar="UCJ_DATA_DIR",
        show_envvar=True,
        metavar="DIR",
        help="data directory (default: UCJ_DATA_DIR or ./data)",
    )(f)


def user(help: str = "who acts (default: the login name)") -> Decorator:
    return click.option("--user", default=None, metavar="NAME", help=help)


def as_json(help: str = "print JSON") -> Decorator:
    return click.option("--json", "as_json", is_flag=True, help=help)


def period(help: str = "YYYY-MM (default: the latest)", required: bool = False) -> Decorator:
    return click.option("--period", type=PERIOD, required=required, metavar="YYYY-MM", help=help)


def region(help: str = "a region code or name", required: bool = False) -> Decorator:
    return click.option("--region", type=REGION, required=required, metavar="CODE", help=help)


def sector(f: F) -> F:
    return click.option("--sector", type=click.Choice(SECTORS), help="one sector, against its own denominator")(f)


def lang(f: F) -> F:
    return click.option(
        "--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="the output's language"
    )(f)


def number_format(f: F) -> F:
    return click.option("--number-format", type=click.Choice(NUMBER_FORMATS), help=NUMBER_FORMAT_HELP)(f)


def sheet(f: F) -> F:
    return click.option(
        "--sheet", default=None, metavar="NAME", help="the workbook sheet to read (default: the first visible)"
    )(f)


def cost_per_worker(f: F) -> F:
    return click.option(
        "--cost-per-worker", type=int, metavar="RP", help="rupiah per worker per month (default: from the settings)"
    )(f)


def budget(help: str) -> Decorator:
    return click.option("--budget", type=int, metavar="RP", help=help)


def version(help: str, required: bool = True) -> Decorator:
    return click.option("--version", type=int, required=required, metavar="V", help=help)


def store_url(f: F) -> F:
    return click.option(
        "--store", "store_url", envvar="UCJ_STORE", metavar="URL", help="s3://bucket/prefix (default: UCJ_STORE)"
    )(f)


def file_argument(f: F) -> F:
    return click.argument("file", type=FILE)(f)
