"""``advocacy calls``: call sheets with a short script per office."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import (CONTEXT, contacts_options, cosponsors_option, echo_note,
                                parse_date, reports_errors,
                                selection_of, selection_options,
                                sheet_of, show)


@click.command("calls", context_settings=CONTEXT)
@click.option("--campaign", type=click.Path(dir_okay=False, path_type=Path),
              help="Campaign YAML (default: the bundled mali-2023).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output/<campaign id>, or its constituents/ "
                   "folder with --constituents).")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Your templates folder (see 'templates init'), searched first.")
@click.option("--date", callback=parse_date, metavar="YYYY-MM-DD",
              help="The date printed on the sheet (default: today).")
@click.option("--force", is_flag=True, help="Overwrite files that differ from the manifest.")
@click.option("--dry-run", is_flag=True, help="List what would be made; write nothing.")
@contacts_options
@selection_options
@click.option("--constituents", "constituents_file",
              type=click.Path(dir_okay=False, path_type=Path),
              help="One sheet per constituent of this .csv/.xlsx (as for 'advocacy "
                   "constituents'), for their own senators and House member.")
@cosponsors_option
@reports_errors
def calls_command(campaign, out, templates, date, force, dry_run, contacts, committees, sheet,
                  maps, everyone, chambers, states, committee_ids, ids, limit,
                  constituents_file, cosponsors):
    """Call sheets: phones, relevant committee seats and a 30-second script per office.

    Makes calls/call-sheet.pdf (offices by state, Senate first: Washington and district
    phones, the seats that matter to the campaign, and a script: who is calling, the
    ask, the recommendation under the member's committees, thanks) and
    calls/call-sheet.csv (the same, one row per office). With --constituents, one
    sheet per constituent for their own members, beside their letters
    (constituents/<name>-r<row>/call-sheet.pdf), and one CSV of all; --map, --sheet,
    --header-row and --include-hidden then apply to the constituents file; exits 1 when
    a constituent's row needs attention (after making the rest), as 'advocacy
    constituents'.

    \b
    Examples:
      advocacy calls --committee SSFR09
      advocacy calls --state WA --date 2026-03-04
      advocacy calls --constituents contacts/sample-constituents.csv
    """
    from toolkit.jobs.calls import call_sheets

    show(call_sheets(campaign, out=out, contacts=sheet_of(contacts, committees, maps, sheet),
                     selection=selection_of(everyone, chambers, states, committee_ids, ids,
                                            limit),
                     constituents_file=constituents_file, date=date, templates=templates,
                     force=force, dry_run=dry_run, notify=echo_note, cosponsors=cosponsors))
