"""``advocacy packet``: Hill-day briefing packets."""

from __future__ import annotations


import click

from toolkit.cli.common import (CONTEXT, contacts_options, cosponsors_option, echo_note,
                                formats_only, output_options,
                                reports_errors, selection_of,
                                selection_options, sheet_of, show)


@click.command("packet", context_settings=CONTEXT)
@output_options
@contacts_options
@selection_options
@click.option("--duplex", is_flag=True,
              help="Printing on both sides: add blank pages so that every packet in "
                   "hill-day.pdf starts on a right-hand (odd) page.")
@cosponsors_option
@reports_errors
def packet_command(campaign, out, formats, templates, date, force, dry_run, jobs, contacts,
                   committees, sheet, maps, everyone, chambers, states, committee_ids, ids,
                   limit, duplex, cosponsors):
    """Hill-day briefing packets: office profile, letter and one-pager per office.

    Makes, in the output folder's packets/ folder: one PDF and one DOCX per office
    (profile page, tailored letter, one-pager; the PDF with the footer "office - page X
    of Y"); hill-day.pdf, every packet in walking order (Senate: Russell, Dirksen, Hart;
    House: Cannon, Longworth, Rayburn; by room) after a table of contents, with a
    bookmark per office; and schedule.csv (office, member, building, room, phone) for
    the route. --format pdf skips the DOCX files (the PDFs are always made: hill-day.pdf
    is built from them). --date is the Hill day (default: today). --jobs has no effect.

    \b
    Examples:
      advocacy packet --committee SSFR09 --date 2026-03-04
      advocacy packet --id C000127 --id M001111 --duplex --format pdf
      advocacy packet --state WA --out hill-day/
    """
    from toolkit.jobs.packet import packets

    show(packets(campaign, out=out, formats=formats,
                 contacts=sheet_of(contacts, committees, maps, sheet),
                 selection=selection_of(everyone, chambers, states, committee_ids, ids, limit),
                 date=date, templates=templates, duplex=duplex, force=force, dry_run=dry_run,
                 notify=echo_note, cosponsors=cosponsors))


formats_only(packet_command, ["pdf", "docx"],
              "pdf and/or docx (default: both; the PDFs are always made).")


