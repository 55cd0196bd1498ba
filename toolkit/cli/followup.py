"""``advocacy meetings template|check``, ``advocacy followup`` and ``advocacy report``: Click only.

Each command parses its options, makes one job call (``jobs.meetings``,
``jobs.followup``, ``jobs.report``), prints the result and picks the exit status.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.common import (CONTEXT, echo_note, fail, load_or_show, parse_date, parse_maps,
                                print_read, read_option_values, read_options, reports_errors,
                                summary)


def _campaign_option(command):
    return click.option("--campaign", type=click.Path(dir_okay=False, path_type=Path),
                        help="Campaign YAML (default: the bundled mali-2023).")(command)


def _log_options(command):
    """--sheet, --map, --header-row, --include-hidden: how the meetings log is read."""
    command = read_options(command)
    command = click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
                           help="Read FIELD from COLUMN, e.g. --map staff_name='Staffer'.")(command)
    return click.option("--sheet", metavar="NAME", help="Worksheet of the .xlsx file.")(command)


def _read(maps, sheet) -> dict:
    return {"columns": parse_maps(maps), "sheet": sheet, **read_option_values()}


@click.group(context_settings=CONTEXT)
def meetings():
    """The meetings log: a workbook to fill in after each meeting, and its check.

    \b
    Examples:
      advocacy meetings template meetings.xlsx
      advocacy meetings check meetings.xlsx --date 2026-03-20
    """


@meetings.command("template", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_campaign_option
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@reports_errors
def meetings_template(file, campaign, force):
    """Write an empty meetings log (.xlsx) to fill in, one row per meeting.

    Columns: Office (bioguide ID, or the member's name), Date, Where, Attended for us,
    Staff met, Staff title, Staff e-mail, Member present, Discussed (the campaign's
    recommendation IDs), Position, Commitments, Materials promised, Follow-up date
    (empty: the meeting date plus 7 days), Send letter to. Office, Where, Member
    present and Position have Excel drop-down lists (sheet Lists). FILE is never
    replaced without --force.
    """
    from toolkit.jobs.meetings import meetings_template as make

    path, _ = make(file, campaign, force=force, notify=echo_note)
    click.echo(f"Wrote {path}: fill in a row per meeting, then 'advocacy meetings check {path}'.")


@meetings.command("check", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_campaign_option
@click.option("--date", callback=parse_date, metavar="YYYY-MM-DD",
              help="The day to check on: meetings after it are errors; follow-ups due on or "
                   "before it are listed (default: today).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="An output folder 'advocacy followup' wrote to: meetings whose follow-up "
                   "letter it made there are not listed as due.")
@_log_options
@reports_errors
def meetings_check(file, campaign, date, out, sheet, maps):
    """Show how a meetings log is read, stop on rows that cannot be used, list follow-ups due.

    Prints the sheet, the header row, which column feeds which field, every value
    changed, each office read from a name, then every row problem (an unknown office,
    a member whose term had ended on the meeting date, a date in the future, a
    recommendation ID the campaign lacks...) and the follow-ups due or overdue on
    --date (with --out, those not yet made there). Writes nothing. Exits 1 when a row
    cannot be used.
    """
    from toolkit.congress.model import official_name, short_label
    from toolkit.jobs.meetings import meetings_check as check

    found = load_or_show(lambda: check(file, campaign, day=date, out=out, notify=echo_note,
                                       **_read(maps, sheet)))
    log = found.log
    print_read(log.report, log.notices, log.warnings)
    stopped = len(log.problems)
    click.echo(f"{log.path}: {len(log.meetings) + stopped} meeting(s) read: "
               f"{len(log.meetings)} usable, {stopped} stopped")
    click.echo(f"Follow-ups due on {found.day.isoformat()}: {len(found.due) or 'none'}")
    for meeting, status in found.due:
        leg = meeting.leg
        click.echo(f"  row {meeting.row}: {official_name(leg)} ({leg.bioguide_id}, "
                   f"{short_label(leg)}), met {meeting.date.isoformat()}: {status}")
    if stopped:
        for problem in log.all_problems:
            click.echo(problem, err=True)
        fail(f"{stopped} row(s) of {log.path} cannot be used; fix them and check again")


@click.command("followup", context_settings=CONTEXT)
@click.argument("meetings_file", type=click.Path(dir_okay=False, path_type=Path))
@_campaign_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output/<campaign id>, beside the campaign's "
                   "letters, so that 'advocacy report' sees both).")
@click.option("--format", "formats", multiple=True, type=click.Choice(["pdf", "docx", "eml"]),
              help="pdf and docx (the letter) and eml (the e-mail draft); default: all three.")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Your templates folder (see 'templates init'), searched first.")
@click.option("--date", callback=parse_date, metavar="YYYY-MM-DD",
              help="The letters' date (default: today).")
@click.option("--force", is_flag=True, help="Overwrite files that differ from the manifest.")
@click.option("--dry-run", is_flag=True, help="List what would be made; write nothing.")
@_log_options
@reports_errors
def followup(meetings_file, campaign, out, formats, templates, date, force, dry_run, sheet, maps):
    """Thank-you letters and e-mail drafts for each meeting of a meetings log.

    For each row: a letter to the member (PDF and DOCX) at the district or state
    office nearest the organization (or the row's "Send letter to"), naming the
    meeting and who was met, restating the ask for the recommendations discussed,
    listing the materials promised, worded for the position recorded; and an e-mail
    draft (.eml) to the staffer met with the one-pager attached (To: only when the row
    gives the staffer's e-mail). Files go to OUT/followup/ and the manifest, with the
    meeting's row. Exits 1 when a row could not be followed up (listed; the others
    are made).

    \b
    Examples:
      advocacy followup meetings.xlsx --date 2026-03-06
      advocacy followup meetings.xlsx --campaign my-campaign.yaml --format pdf --format eml
    """
    from toolkit.jobs.followup import followup as make

    made = load_or_show(lambda: make(meetings_file, campaign, out=out, formats=formats,
                                     date=date, templates=templates, force=force,
                                     dry_run=dry_run, notify=echo_note, **_read(maps, sheet)))
    summary(made.files, "Done")
    if not dry_run:
        click.echo(f"{len(made.log.meetings)} meeting(s) read from {made.log.path}: "
                   f"{made.letters} thank-you letter(s), {made.emails} e-mail draft(s).")
    if made.attention:
        click.echo(f"{len(made.attention)} meeting row(s) of {made.log.path} got nothing:",
                   err=True)
        for _, problems in made.attention:
            for problem in problems:
                click.echo(f"  {problem}", err=True)
        sys.exit(made.exit_code)


@click.command("report", context_settings=CONTEXT)
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
@_campaign_option
@click.option("--meetings", "meetings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The meetings log (.xlsx/.csv): meetings, positions and follow-ups.")
@click.option("--date", callback=parse_date, metavar="YYYY-MM-DD",
              help="The report's day: follow-ups due before it are overdue; targets are "
                   "the members in office on it (default: today).")
@click.option("--force", is_flag=True, help="Overwrite a report file edited since it was made.")
@_log_options
@reports_errors
def report(output_dir, campaign, meetings_file, date, force, sheet, maps):
    """The campaign report of OUTPUT_DIR: report.xlsx and report.html.

    Reads OUTPUT_DIR's campaign log (what every command made there, and when), its
    manifest and, with --meetings, the meetings log. Per office: what it was sent and
    when, meetings and the position recorded, the follow-up made or due. Totals by
    chamber, state, party and targeted committee; the targeted offices with nothing
    yet; charts of documents and meetings by state and of positions by committee.
    report.html is one page with no outside files: open it in any browser.

    \b
    Examples:
      advocacy report output/mali-2023
      advocacy report output/mali-2023 --meetings meetings.xlsx --date 2026-03-20
    """
    from toolkit.jobs.report import HTML, XLSX, report as make

    made = load_or_show(lambda: make(output_dir, campaign, meetings=meetings_file, day=date,
                                     force=force, notify=echo_note, **_read(maps, sheet)))
    offices = made.tables["Offices"]
    targeted = int((offices["targeted"] == "yes").sum())
    click.echo(f"{int(offices['documents'].sum())} document(s) to "
               f"{int((offices['documents'] > 0).sum())} office(s); "
               f"{int(offices['meetings'].sum())} meeting(s); "
               f"{len(made.tables['Nothing yet'])} of {targeted} targeted office(s) with "
               "nothing yet.")
    click.echo(f"Wrote {Path(output_dir) / XLSX} and {Path(output_dir) / HTML}.")
    for warning in made.warnings:
        click.echo(f"warning: {warning}", err=True)
