"""``advocacy signon``: coalition sign-on letters, and ``advocacy signon diff``.

Click only: parse options, call one job (jobs/signon.py), print its result, pick the
exit status.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from toolkit.cli.common import (CONTEXT, echo_note, parse_date, parse_maps, print_read,
                                read_option_values, read_options, reports_errors, summary)
from toolkit.errors import ToolkitError


def _parse_cutoff(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date and time; write "
                                 "YYYY-MM-DDTHH:MM, e.g. 2027-02-01T17:00")


class _SignonGroup(click.Group):
    """``signon SIGNERS ...`` runs ``signon make``; ``signon diff OLD NEW`` compares."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["make", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_SignonGroup, context_settings=CONTEXT)
def signon():
    """Coalition sign-on letters: a sign-on form's export -> the letter and its signatories.

    \b
    Examples:
      advocacy signon signers.xlsx --campaign c.yaml --to committee:SSFR
      advocacy signon signers.csv --to committee:SSAP18 --with-full-committee
      advocacy signon signers.csv --to targets --group-by tier --columns 3
      advocacy signon signers.csv --cutoff 2027-02-01T17:00 --to leadership
      advocacy signon diff first-export.csv second-export.csv
      advocacy signon diff output/c/signon/manifest.csv output/c/signon-v2/manifest.csv
    """


@signon.command("make", context_settings=CONTEXT)
@click.argument("signers_file", metavar="SIGNERS", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--campaign", type=click.Path(dir_okay=False, path_type=Path),
              help="Campaign YAML (default: the bundled one).")
@click.option("--to", "to", default="targets", show_default=True, metavar="WHO",
              help="committee:ID (its chair and ranking member), targets (one letter per "
                   "campaign target) or leadership (named under signon.leadership).")
@click.option("--with-full-committee", is_flag=True,
              help="With a subcommittee: its full committee's chair and ranking member too.")
@click.option("--group-by", type=click.Choice(["none", "tier", "state"]), default="none",
              show_default=True, help="Group the organizations: national/state/local, or by state.")
@click.option("--columns", type=click.IntRange(2, 3), default=2, show_default=True,
              help="Columns of the signatory list.")
@click.option("--cutoff", callback=_parse_cutoff, metavar="YYYY-MM-DDTHH:MM",
              help="Leave out rows the form stamped later (and say how many).")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD from COLUMN (fields: organization, name, first_name, last_name, "
                   "sort_name, title, city, state, tier, kind, email, timestamp).")
@click.option("--sheet", metavar="NAME", help="Worksheet of an .xlsx file.")
@read_options
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output/<campaign id>/signon).")
@click.option("--format", "formats", multiple=True, type=click.Choice(["pdf", "docx"]),
              help="pdf and/or docx (default: both).")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Your templates folder (signon.html, signon.css...).")
@click.option("--date", callback=parse_date, metavar="YYYY-MM-DD",
              help="The letter's date (default: today).")
@click.option("--force", is_flag=True, help="Overwrite files that differ from the manifest.")
@click.option("--dry-run", is_flag=True, help="List what would be made; write nothing.")
@reports_errors
def make(signers_file, campaign, to, with_full_committee, group_by, columns, cutoff, maps,
         sheet, out, formats, templates, date, force, dry_run):
    """The coalition letter of a sign-on export (CSV or XLSX), as PDF and DOCX.

    The signers are read as every sheet is (header found, --map, every change
    reported), cleaned (duplicates merged or listed, placeholders and federal
    addresses left out) and counted; the count after cleaning opens the letter.
    Exit status 1 when rows were left out or possible duplicates need a decision.
    """
    from toolkit.jobs.signon import make_signon

    read = read_option_values()
    try:
        done = make_signon(signers_file, campaign=campaign, to=to,
                           with_full_committee=with_full_committee, group_by=group_by,
                           columns=columns, cutoff=cutoff, date=date, out=out,
                           formats=formats or ("pdf", "docx"), templates=templates,
                           force=force, dry_run=dry_run, maps=parse_maps(maps), sheet=sheet,
                           header_row=read.get("header_row"),
                           include_hidden=bool(read.get("include_hidden")), notify=echo_note)
    except ToolkitError as exc:
        report = getattr(exc, "report", None)
        if report is not None:
            print_read(report, report.notices)
        raise
    for line in done.before:
        click.echo(line)
    summary(done.files, "Done")
    if done.attention:
        click.echo(f"{len(done.attention)} problem(s) and possible duplicate(s) need "
                   "attention:", err=True)
        for line in done.attention:
            click.echo(f"  {line}", err=True)
        sys.exit(done.exit_code)


@signon.command("diff", context_settings=CONTEXT)
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD from COLUMN (exports only).")
@click.option("--sheet", metavar="NAME", help="Worksheet of an .xlsx export.")
@click.option("--cutoff", callback=_parse_cutoff, metavar="YYYY-MM-DDTHH:MM",
              help="Leave out rows stamped later (exports only).")
@reports_errors
def diff(old, new, maps, sheet, cutoff):
    """Who was added, removed or changed between two exports or two runs.

    OLD and NEW are sign-on exports (CSV, XLSX), or an earlier run's manifest.csv (or
    its folder): the list that run printed. Both are cleaned as a run cleans them.
    """
    from toolkit.jobs.signon import diff_signon

    result = diff_signon(old, new, maps=parse_maps(maps), sheet=sheet, cutoff=cutoff)
    click.echo(f"{result.old} -> {result.new}: {result.summary}")
    for line in result.lines:
        click.echo(f"  {line}")
