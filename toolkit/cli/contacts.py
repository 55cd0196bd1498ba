"""``advocacy contacts``: check a legislators sheet; see, update or roll back the congress data."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import (CONTEXT, fail, load_or_show, parse_date, parse_maps, print_read,
                                ignore_column_option, read_option_values, read_options,
                                reports_errors)


@click.group(context_settings=CONTEXT)
def contacts():
    """Check a contacts spreadsheet; see, update or roll back the congress data in use.

    \b
    Examples:
      advocacy contacts check contacts/legislators-current.csv
      advocacy contacts status
      advocacy contacts update
    """


@contacts.command("check", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--committees", type=click.Path(dir_okay=False, path_type=Path),
              help="Committee-membership CSV (default: the bundled one).")
@click.option("--sheet", metavar="NAME", help="Worksheet of an .xlsx file.")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD from COLUMN.")
@read_options
@ignore_column_option
@reports_errors
def contacts_check(file, committees, sheet, maps):
    """Show how a sheet is read: the sheet, the header row, which column feeds which
    field (and each column ignored, with a did-you-mean), rows per chamber, every
    value changed and every problem.

    Exits 1 when a row cannot be used.

    \b
    Example:
      advocacy contacts check my-list.xlsx --sheet Senators --map last_name=Surname
      advocacy contacts check my-list.xlsx --header-row 3 --include-hidden
    """
    from toolkit.sheets.legislators import load_legislators

    table = load_or_show(lambda: load_legislators(file, committees, parse_maps(maps), sheet,
                                                   strict=False, **read_option_values()))
    print_read(table.report, table.notices)
    click.echo(f"{table.path}: {len(table.legislators)} usable row(s)")
    click.echo("Rows by office:")
    for kind, count in sorted(table.by_chamber().items()):
        click.echo(f"  {kind.replace('_', ' '):<22} {count}")
    if table.matching is not None and table.matching.rows:
        click.echo(f"Matching: {table.matching.summary()}")
        for line in (*table.matching.matched, *table.matching.unmatched,
                     *table.matching.ambiguous):
            click.echo(f"  {line}")
    for warning in table.warnings:
        click.echo(f"warning: {warning}")
    if table.problems:
        for problem in table.problems:
            click.echo(problem, err=True)
        fail(f"{len(table.problems)} row problem(s) in {table.path}")


@contacts.command("status", context_settings=CONTEXT)
@click.option("--date", callback=parse_date, metavar="YYYY-MM-DD",
              help="Check the data against this letter date (default: today).")
@reports_errors
def contacts_status(date):
    """Which congress data is in use: source, date, Congress, counts, vacancies, warnings.

    \b
    Example:
      advocacy contacts status
    """
    from toolkit.congress import members

    from toolkit.congress.datastore import stale_warning

    if stale_warning(date):
        click.echo(stale_warning(date), err=True)
    for line in members.status_lines(date):
        click.echo(line)


@contacts.command("update", context_settings=CONTEXT)
@click.option("--base-url", metavar="URL",
              help="Where the four YAML files are (default: "
                   "https://unitedstates.github.io/congress-legislators/).")
@click.option("--from", "from_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Read the four YAML files from this folder instead of downloading them.")
@click.option("--yes", is_flag=True, help="Switch to the new data without asking.")
@click.option("--new-congress", is_flag=True,
              help="Accept emptied committee rosters or more than a quarter of the members "
                   "leaving (the start of a new Congress).")
@reports_errors
def contacts_update(base_url, from_dir, yes, new_congress):
    """Download the current congress data, show what changed by member, and switch to it.

    Reads legislators-current, committee-membership-current, committees-current and
    legislators-district-offices (YAML) from unitedstates/congress-legislators, checks
    them as one set, prints who joined and left and what changed, and after your
    confirmation (or --yes) makes them the data every command uses. Nothing changes
    when a file is missing or broken. 'contacts rollback' returns to the data before.

    \b
    Examples:
      advocacy contacts update
      advocacy contacts update --from ./congress-legislators --yes
    """
    from toolkit.jobs.data import update_data

    if base_url and from_dir:
        raise click.UsageError("give --base-url or --from, not both")
    done = update_data(base_url, from_dir, new_congress=new_congress, notify=click.echo,
                       confirm=lambda: yes or click.confirm("Use this data from now on?",
                                                            default=False))
    if done.version is None:
        click.echo("Not updated; the data in use is unchanged.")
        return
    click.echo(f"Updated: data version {done.version} is now in use ('advocacy contacts "
               "rollback' returns to the one before).")


@contacts.command("rollback", context_settings=CONTEXT)
@reports_errors
def contacts_rollback():
    """Return to the congress data in use before the last update (kept versions stay).

    \b
    Example:
      advocacy contacts rollback
    """
    from toolkit.congress import datastore

    click.echo(f"Rolled back: data version {datastore.rollback()} is now in use.")


@contacts.command("import-districts", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--congress", type=click.IntRange(min=100, max=200), required=True,
              help="The Congress whose districts the file describes, e.g. 120.")
@reports_errors
def contacts_import_districts(file, congress):
    """Use a Census district-to-ZCTA relationship file as the ZIP-to-district table.

    FILE is the Census Bureau's pipe-delimited file (e.g. tab20_cd12020_zcta520_natl.txt).
    It becomes a new data version ('contacts rollback' returns to the table before).

    \b
    Example:
      advocacy contacts import-districts tab20_cd12020_zcta520_natl.txt --congress 120
    """
    from toolkit.congress import districts
    from toolkit.congress.states import ordinal

    version, zctas, districts = districts.import_districts(file, congress)
    click.echo(f"Imported {zctas} ZIP codes (ZCTAs) in {districts} districts of the "
               f"{ordinal(congress)} Congress from {file}: data version {version} "
               "is now in use.")


