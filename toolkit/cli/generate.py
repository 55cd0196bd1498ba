"""``advocacy generate``: the organization's letters and one-pagers."""

from __future__ import annotations


import click

from toolkit.cli.common import (CONTEXT, contacts_options, cosponsors_option, echo_note,
                                executor_options, limit_option_values, limit_options,
                                max_chars_option, office_option,
                                output_options, pdf_variant_option,
                                progress_bar, reports_errors,
                                selection_of, selection_options,
                                sheet_of, show)


@click.command(context_settings=CONTEXT)
@output_options
@contacts_options
@selection_options
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["letter", "onepager"]),
              help="letter and/or onepager (default: both).")
@office_option("washington")
@max_chars_option
@cosponsors_option
@pdf_variant_option
@executor_options
@limit_options
@reports_errors
def generate(campaign, out, formats, templates, date, force, dry_run, jobs, contacts, committees,
             sheet, maps, everyone, chambers, states, committee_ids, ids, limit, kinds, office,
             max_chars, cosponsors, pdf_variant, executor, scheduler_address):
    """Letters and one-pagers for every targeted member, as PDF and DOCX.

    \b
    Examples:
      advocacy generate                         # bundled campaign, its target committees
      advocacy generate --all --format pdf      # all 537 members, PDF only
      advocacy generate --committee SSFR09 --kind letter --date 2026-01-15
      advocacy generate --contacts my-list.xlsx --map last_name=Surname --out letters/
    """
    from toolkit.jobs.letters import generate as generate_job

    show(generate_job(campaign, out=out, formats=formats, kinds=kinds,
                      contacts=sheet_of(contacts, committees, maps, sheet),
                      selection=selection_of(everyone, chambers, states, committee_ids, ids,
                                             limit),
                      office=office, date=date, templates=templates, force=force,
                      dry_run=dry_run, max_chars=max_chars, pdf_variant=pdf_variant,
                      workers=jobs, executor=executor, scheduler_address=scheduler_address,
                      notify=echo_note, progress=lambda total: progress_bar(total, "Rendering"),
                      cosponsors=cosponsors, **limit_option_values()))
