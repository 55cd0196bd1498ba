"""``advocacy labels``: mailing labels and No. 10 envelopes."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import (CONTEXT, contacts_options, echo_note, formats_only, office_option,
                                output_options, pdf_variant_option,
                                reports_errors, selection_of,
                                selection_options, sheet_of, show)


@click.command("labels", context_settings=CONTEXT,
             short_help="Mailing labels (Avery 5160) and No. 10 envelopes.")
@output_options
@contacts_options
@selection_options
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["labels", "envelopes"]),
              help="labels and/or envelopes (default: both).")
@click.option("--start", type=click.IntRange(1, 30), default=1, show_default=True,
              help="First free label of the first sheet (1-30, across then down), "
                   "to finish a sheet already partly used.")
@click.option("--constituents", "constituents_file",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Label the offices these constituents write to (their senators and "
                   "House member; .csv/.xlsx as for 'advocacy constituents') instead of "
                   "the selection.")
@office_option(None, "Default: district with --constituents (where their letters go), "
                     "else washington.")
@click.option("--return-address", "return_address",
              type=click.Choice(["constituent", "organization"]),
              help="Whose return address the envelopes carry. Default with --constituents: "
                   "constituent (each letter its own envelope, with its writer's address); "
                   "organization: one envelope per office, with the campaign's.")
@pdf_variant_option
@reports_errors
def labels_command(campaign, out, formats, templates, date, force, dry_run, jobs, contacts,
                   committees, sheet, maps, everyone, chambers, states, committee_ids, ids,
                   limit, kinds, start, constituents_file, office, return_address,
                   pdf_variant):
    """Mailing labels (Avery 5160) and No. 10 envelopes for the targeted offices.

    Makes labels/labels-avery5160.pdf (30 inside addresses per US Letter sheet) and
    envelopes/envelopes-no10.pdf (one 9-1/2 x 4-1/8 in page per office, return address
    top left) in the output folder. Print at 100% ("actual size"), not "fit to page".
    PDF only; --jobs has no effect here; --date decides who is still in office.
    With --constituents, labels the offices those constituents' letters go to (by
    default their district offices, as 'advocacy constituents' addresses them); --map,
    --sheet, --header-row and --include-hidden then apply to the constituents file; exits
    1 when a constituent's row needs attention (after making the rest; the report says
    which rows and why), as 'advocacy constituents'. Their letters are signed by them, so
    each letter gets its own envelope with its writer's return address (--return-address
    organization: one envelope per office with the campaign's); the run says which.

    \b
    Examples:
      advocacy labels                           # the campaign's targets, labels + envelopes
      advocacy labels --committee SSFR09 --kind labels --start 7
      advocacy labels --state WA --kind envelopes --out mailing/
      advocacy labels --constituents contacts/sample-constituents.csv
      advocacy labels --constituents people.csv --return-address organization
    """
    from toolkit.jobs.labels import labels

    show(labels(campaign, out=out, kinds=kinds,
                contacts=sheet_of(contacts, committees, maps, sheet),
                selection=selection_of(everyone, chambers, states, committee_ids, ids, limit),
                constituents_file=constituents_file, office=office, start=start, date=date,
                templates=templates, force=force, dry_run=dry_run, pdf_variant=pdf_variant,
                return_address=return_address, notify=echo_note))


formats_only(labels_command, ["pdf"],
              "pdf (labels and envelopes are made as PDF only; the default).")


