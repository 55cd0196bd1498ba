# Room: cli/ (Click only: parse, call one job, print its result, pick the exit status).
"""``advocacy meetings template|check``, ``advocacy followup`` and ``advocacy report``.

Registered at the end of ``toolkit.cli`` (one line each). Errors are the toolkit's
(``reports_errors``): a ToolkitError is one line and exit 1, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli import (CONTEXT, _fail, _load_campaign_noting_drafts, _load_or_show,
                         _parse_date, _parse_maps, _print_read, _read_options, _summary,
                         read_options, reports_errors)


def _campaign_option(command):
    return click.option("--campaign", type=click.Path(dir_okay=False, path_type=Path),
                        help="Campaign YAML (default: the bundled mali-2023).")(command)


def _log_options(command):
    """--sheet, --map, --header-row, --include-hidden: how the meetings log is read."""
    command = read_options(command)
    command = click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
                           help="Read FIELD from COLUMN, e.g. --map staff_name='Staffer'.")(command)
    return click.option("--sheet", metavar="NAME", help="Worksheet of the .xlsx file.")(command)


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
    from toolkit.meetings import write_template

    loaded = _load_campaign_noting_drafts(campaign)
    path = write_template(file, loaded, force=force)
    click.echo(f"Wrote {path}: fill in a row per meeting, then 'advocacy meetings check {path}'.")


@meetings.command("check", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_campaign_option
@click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
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
    import datetime as dt

    from toolkit.address import official_name, short_label
    from toolkit.meetings import due_followups, load_meetings

    loaded = _load_campaign_noting_drafts(campaign)
    day = date or dt.date.today()
    log = _load_or_show(lambda: load_meetings(file, loaded, day=day, columns=_parse_maps(maps),
                                              sheet=sheet, **_read_options()))
    _print_read(log.report, log.notices, log.warnings)
    stopped = len(log.problems)
    click.echo(f"{log.path}: {len(log.meetings) + stopped} meeting(s) read: "
               f"{len(log.meetings)} usable, {stopped} stopped")
    done = frozenset()
    if out is not None:
        from toolkit.campaign_log import read_log

        done = frozenset((r["bioguide_id"], int(r["meeting_row"])) for r in read_log(out)
                         if r.get("kind") == "followup-letter" and r.get("meeting_row", "").isdigit())
    due = due_followups(log.meetings, day, done)
    click.echo(f"Follow-ups due on {day.isoformat()}: {len(due) or 'none'}")
    for meeting, status in due:
        leg = meeting.leg
        click.echo(f"  row {meeting.row}: {official_name(leg)} ({leg.bioguide_id}, "
                   f"{short_label(leg)}), met {meeting.date.isoformat()}: {status}")
    if stopped:
        for problem in log.all_problems:
            click.echo(problem, err=True)
        _fail(f"{stopped} row(s) of {log.path} cannot be used; fix them and check again")


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
@click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
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
    from toolkit.followup_job import FORMATS, build_followups

    loaded = _load_campaign_noting_drafts(campaign)
    out = out or Path("output") / loaded.id
    made = _load_or_show(lambda: build_followups(
        meetings_file, loaded, out, date=date, formats=formats or FORMATS, templates=templates,
        force=force, dry_run=dry_run, columns=_parse_maps(maps), sheet=sheet, **_read_options()))
    for notice in made.log.notices:
        click.echo(f"Note: {notice}", err=True)
    for note in made.notes:
        click.echo(f"Note: {note}", err=True)
    made.result.warnings += list(made.log.warnings)
    _summary(made.result, "Done")
    if not dry_run:
        click.echo(f"{len(made.log.meetings)} meeting(s) read from {made.log.path}: "
                   f"{made.letters} thank-you letter(s), {made.emails} e-mail draft(s).")
    if made.attention:
        click.echo(f"{len(made.attention)} meeting row(s) of {made.log.path} got nothing:",
                   err=True)
        for _, problems in made.attention:
            for problem in problems:
                click.echo(f"  {problem}", err=True)
        raise SystemExit(1)


@click.command("report", context_settings=CONTEXT)
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
@_campaign_option
@click.option("--meetings", "meetings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The meetings log (.xlsx/.csv): meetings, positions and follow-ups.")
@click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
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
    from toolkit.report_job import HTML, XLSX, build_report

    loaded = _load_campaign_noting_drafts(campaign)
    read = {"columns": _parse_maps(maps), "sheet": sheet, **_read_options()} \
        if meetings_file else {}
    made = _load_or_show(lambda: build_report(output_dir, loaded, meetings_path=meetings_file,
                                              day=date, force=force, **read))
    for note in made.notes:
        click.echo(f"Note: {note}", err=True)
    offices = made.tables["Offices"]
    targeted = int((offices["targeted"] == "yes").sum())
    click.echo(f"{int(offices['documents'].sum())} document(s) to {int((offices['documents'] > 0).sum())} "
               f"office(s); {int(offices['meetings'].sum())} meeting(s); "
               f"{len(made.tables['Nothing yet'])} of {targeted} targeted office(s) with nothing yet.")
    click.echo(f"Wrote {Path(output_dir) / XLSX} and {Path(output_dir) / HTML}.")
    for warning in made.warnings:
        click.echo(f"warning: {warning}", err=True)
