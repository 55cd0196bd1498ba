"""``advocacy constituents``: each constituent's own letters to their members; ``constituents check``."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import (CONTEXT, cosponsors_option, echo_note, executor_options, fail,
                                limit_option_values, limit_options, load_or_show,
                                max_chars_option, office_option,
                                output_options, parse_date,
                                parse_maps, pdf_variant_option,
                                print_read, progress_bar,
                                ignore_column_option, read_option_values, read_options,
                                reports_errors, show)


class _CommandWithCheck(click.Command):
    """A command whose first argument ``check`` runs ``check_command`` instead.

    ``advocacy constituents FILE`` renders; ``advocacy constituents check FILE`` runs
    ``constituents_check``. A file really named "check" is given as ``./check``.
    """

    check_command: click.Command | None = None

    def make_context(self, info_name, args, parent=None, **extra):
        if args and args[0] == "check" and self.check_command is not None:
            return self.check_command.make_context(f"{info_name} check", list(args[1:]),
                                                   parent=parent, **extra)
        return super().make_context(info_name, args, parent=parent, **extra)


@click.command("check", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sheet", metavar="NAME", help="Worksheet of an .xlsx file.")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD from COLUMN, e.g. --map story='Why I care'.")
@click.option("--contacts", type=click.Path(dir_okay=False, path_type=Path),
              help="Legislators .csv/.xlsx to match against (default: the data in use).")
@click.option("--date", callback=parse_date, metavar="YYYY-MM-DD",
              help="The letters' date: members whose term ended before it get none "
                   "(default: today), as in the run.")
@read_options
@ignore_column_option
@reports_errors
def constituents_check(file, sheet, maps, contacts, date):
    """Show how a constituents sheet is read, and every row that needs attention.

    Prints the sheet, the header row, which column feeds which field (and each column
    ignored, with a did-you-mean), every value changed, then each row's problems (no
    ZIP, a ZIP in two districts...) and how many letters a run would make. Writes
    nothing. Exits 1 when a row needs attention.

    \b
    Examples:
      advocacy constituents check members.xlsx
      advocacy constituents check members.xlsx --header-row 3 --map story='Why I care'
    """
    from toolkit.jobs.common import Sheet
    from toolkit.jobs.constituents import check_constituents

    checked = load_or_show(lambda: check_constituents(
        file, Sheet(None, None, parse_maps(maps), sheet, **read_option_values()), contacts, date))
    people = checked.people
    print_read(people.report, people.notices, people.warnings)
    for notice in checked.notices:
        click.echo(f"Note: {notice}")
    click.echo(f"{people.path}: {len(people.constituents)} constituent(s); a run would make "
               f"{checked.letters} letter(s)")
    if checked.problems:
        for problem in checked.problems:
            click.echo(problem, err=True)
        fail(f"{len(checked.problems)} row problem(s) in {people.path}")


@click.command(context_settings=CONTEXT, cls=_CommandWithCheck)
@click.argument("constituents_file", type=click.Path(dir_okay=False, path_type=Path))
@output_options
@click.option("--contacts", type=click.Path(dir_okay=False, path_type=Path),
              help="Legislators .csv/.xlsx (default: the bundled congress data).")
@click.option("--committees", type=click.Path(dir_okay=False, path_type=Path),
              help="Committee-membership CSV (default: the bundled one).")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read constituents' FIELD from COLUMN, e.g. --map zip='Post Code'.")
@click.option("--sheet", metavar="NAME", help="Worksheet of the constituents .xlsx file.")
@office_option("district")
@max_chars_option
@cosponsors_option
@pdf_variant_option
@executor_options
@limit_options
@read_options
@ignore_column_option
@reports_errors
def constituents(constituents_file, campaign, out, formats, templates, date, force, dry_run,
                 jobs, contacts, committees, maps, sheet, office, max_chars, cosponsors,
                 pdf_variant, executor, scheduler_address):
    """Each constituent's own letters to their two senators and House member.

    CONSTITUENTS_FILE is a .csv/.xlsx with name, address, City, State, ZIP (5 digits or
    ZIP+4), and optionally Title (Dr., Mx....), District, Email, Phone and Story. The
    district comes from the District column, else from the ZIP; a ZIP that lies in
    several districts gets the senators' letters only and is reported. Makes one
    letter per constituent per member under constituents/, and for each member one
    print PDF of all its letters, in surname order, under by-office/, in
    output/<campaign id>/constituents unless --out is given. --map fields:
    courtesy_title, first_name, last_name, full_name, street, street2, city, state,
    zip, district, email, phone, story.

    Exits 0 when every constituent got every letter, 1 when a row needs attention
    (after writing every letter it could; the report says which rows and why).

    'advocacy constituents check FILE' shows how FILE is read (sheet, header row,
    columns used and ignored, values changed) and every row that needs attention,
    and writes nothing (see 'advocacy constituents check --help'). --header-row and
    --include-hidden apply to CONSTITUENTS_FILE.

    \b
    Examples:
      advocacy constituents check members.xlsx
      advocacy constituents contacts/sample-constituents.csv --format pdf
      advocacy constituents members.xlsx --sheet Signers --map story='Why I care' \\
          --campaign my-campaign.yaml --date 2026-03-02 --out letters/
    """
    from toolkit.jobs.common import Sheet
    from toolkit.jobs.constituents import constituent_letters

    show(constituent_letters(
        constituents_file, campaign, out=out, formats=formats,
        read=Sheet(None, None, parse_maps(maps), sheet, **read_option_values()),
        contacts=contacts, committees=committees, office=office, date=date,
        templates=templates, force=force, dry_run=dry_run, max_chars=max_chars,
        pdf_variant=pdf_variant, workers=jobs, executor=executor,
        scheduler_address=scheduler_address, notify=echo_note,
        progress=lambda total: progress_bar(total, "Rendering"), cosponsors=cosponsors,
        **limit_option_values()))


constituents.check_command = constituents_check


