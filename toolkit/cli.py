"""The ``advocacy`` command line: parse options, call one library function, report.

The only module that imports click. Every ToolkitError becomes its message and exit 1;
usage errors exit 2 (click). Heavy libraries (pandas, WeasyPrint, python-docx) are
imported inside the commands that use them, so ``advocacy --help`` is instant.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
from pathlib import Path

import click

from toolkit import __version__
from toolkit.errors import ToolkitError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def reports_errors(command):
    """Turn a ToolkitError into its message on stderr and exit 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ToolkitError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("Interrupted: files already written are complete; run the same "
                       "command again to finish.", err=True)
            sys.exit(130)

    return wrapper


def _parse_maps(values: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for value in values:
        if "=" not in value:
            raise click.BadParameter(f"{value!r}: write FIELD=Column, e.g. last_name='Surname'",
                                     param_hint="--map")
        name, column = value.split("=", 1)
        mapping[name.strip()] = column.strip()
    return mapping


def _parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-01-15")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="advocacy")
def cli():
    """Tailored advocacy letters and one-page briefs for members of Congress.

    \b
    Example:
      advocacy generate                     # the bundled campaign to its target committees
      advocacy generate --state WA --format pdf
      advocacy contacts check my-list.xlsx
    """


# --------------------------------------------------------------------------- shared options

def contacts_options(command):
    """--contacts, --committees, --sheet, --map: where the legislators come from."""
    command = click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
                           help="Read FIELD from COLUMN, e.g. --map last_name=Surname.")(command)
    command = click.option("--sheet", metavar="NAME", help="Worksheet of an .xlsx file.")(command)
    command = click.option("--committees", type=click.Path(dir_okay=False, path_type=Path),
                           help="Committee-membership CSV (default: the bundled one).")(command)
    command = click.option("--contacts", type=click.Path(dir_okay=False, path_type=Path),
                           help="Legislators .csv/.xlsx (default: the bundled congress data).")(command)
    return command


def selection_options(command):
    """--all, --chamber, --state, --committee, --id, --limit: who gets a document."""
    for decorator in reversed([
        click.option("--all", "everyone", is_flag=True, help="Every member in the contacts."),
        click.option("--chamber", "chambers", multiple=True,
                     type=click.Choice(["senate", "house"]), help="Only this chamber."),
        click.option("--state", "states", multiple=True, metavar="XX", help="Only this state (repeatable)."),
        click.option("--committee", "committee_ids", multiple=True, metavar="ID",
                     help="Members of this committee or subcommittee, e.g. SSFR09 (repeatable)."),
        click.option("--id", "ids", multiple=True, metavar="BIOGUIDE", help="Only this member (repeatable)."),
        click.option("--limit", type=click.IntRange(min=1), help="Only the first N members."),
    ]):
        command = decorator(command)
    return command


def output_options(command):
    """--out, --format, --templates, --date, --force, --dry-run, --jobs."""
    for decorator in reversed([
        click.option("--campaign", type=click.Path(dir_okay=False, path_type=Path),
                     help="Campaign YAML (default: the bundled mali-2023)."),
        click.option("--out", type=click.Path(file_okay=False, path_type=Path),
                     help="Output folder (default: output/<campaign id>)."),
        click.option("--format", "formats", multiple=True, type=click.Choice(["pdf", "docx"]),
                     help="pdf and/or docx (default: both)."),
        click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
                     help="Your templates folder (see 'templates init'), searched first."),
        click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
                     help="The letters' date (default: today)."),
        click.option("--force", is_flag=True, help="Overwrite files that differ from the manifest."),
        click.option("--dry-run", is_flag=True, help="List what would be made; write nothing."),
        click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: CPU count)."),
    ]):
        command = decorator(command)
    return command


def executor_options(command):
    """--executor, --scheduler-address: where the documents are rendered."""
    command = click.option(
        "--scheduler-address", metavar="tcp://HOST:8786", envvar="DASK_SCHEDULER_ADDRESS",
        help="Dask scheduler to render on with --executor dask (default: "
             "$DASK_SCHEDULER_ADDRESS, else a local cluster of --jobs processes).")(command)
    command = click.option(
        "--executor", type=click.Choice(["process", "thread", "dask"]), default="process",
        show_default=True,
        help="Render in a process pool, a thread pool, or on Dask distributed "
             "(pip install -e '.[dask]').")(command)
    return command


def _progress(total: int, label: str, dry_run: bool = False):
    """A progress bar on stderr; returns (context manager, callback or None for a dry run)."""
    if dry_run:
        return contextlib.nullcontext(), None
    bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
    return bar, bar.update


def _summary(result, what: str) -> None:
    if result.dry_run:
        click.echo(f"Dry run: would make {len(result.planned)} files in {result.out}:")
        for path in result.planned:
            click.echo(f"  {path}")
        return
    click.echo(f"{what}: {len(result.written)} written, {len(result.unchanged)} unchanged, "
               f"in {result.out}")
    for (kind, fmt), count in sorted(result.counts().items()):
        click.echo(f"  {kind:<12} {fmt:<5} {count}")
    click.echo(f"  manifest: {result.out / 'manifest.csv'}")
    if result.warnings:
        click.echo(f"{len(result.warnings)} warning(s):", err=True)
        for warning in result.warnings:
            click.echo(f"  {warning}", err=True)


# --------------------------------------------------------------------------- generate

def _load_targets(campaign, contacts, committees, sheet, maps, everyone, chambers, states,
                  committee_ids, ids, limit):
    """Load the campaign and contacts and select the targeted members, as generate does.

    Returns (campaign, contacts table, targets); raises ToolkitError when no one matches.
    """
    from toolkit import pipeline
    from toolkit.campaign import load_campaign
    from toolkit.contacts import load_legislators

    loaded = load_campaign(campaign)
    if loaded.placeholder_sender:
        click.echo("Note: the sender is still the placeholder 'Your Organization Name': put "
                   "your organization, address, email, phone and signers under sender: in "
                   "your campaign YAML (see README, 'Your campaign')", err=True)
    table = load_legislators(contacts, committees, _parse_maps(maps), sheet)
    for notice in table.notices:
        click.echo(f"Note: {notice}", err=True)
    targets = pipeline.select_targets(table.legislators, loaded, everyone=everyone,
                                      chambers=chambers, states=states,
                                      committees=committee_ids, ids=ids, limit=limit)
    if not targets:
        raise ToolkitError("no member matches the selection; see --committee, --state, "
                           "--chamber, --id or use --all")
    return loaded, table, targets


@cli.command(context_settings=CONTEXT)
@output_options
@contacts_options
@selection_options
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["letter", "onepager"]),
              help="letter and/or onepager (default: both).")
@executor_options
@reports_errors
def generate(campaign, out, formats, templates, date, force, dry_run, jobs, contacts, committees,
             sheet, maps, everyone, chambers, states, committee_ids, ids, limit, kinds,
             executor, scheduler_address):
    """Letters and one-pagers for every targeted member, as PDF and DOCX.

    \b
    Examples:
      advocacy generate                         # bundled campaign, its target committees
      advocacy generate --all --format pdf      # all 537 members, PDF only
      advocacy generate --committee SSFR09 --kind letter --date 2026-01-15
      advocacy generate --contacts my-list.xlsx --map last_name=Surname --out letters/
    """
    from toolkit import pipeline

    loaded, table, targets = _load_targets(campaign, contacts, committees, sheet, maps, everyone,
                                           chambers, states, committee_ids, ids, limit)
    formats = formats or pipeline.FORMATS
    jobs_list = pipeline.plan_documents(targets, loaded, kinds or tuple(pipeline.KINDS),
                                        pipeline.letter_date(date))
    out = out or Path("output") / loaded.id
    bar, update = _progress(len(jobs_list), "Rendering", dry_run)
    with bar:
        result = pipeline.run(jobs_list, out, formats=formats, templates=templates, force=force,
                              dry_run=dry_run, workers=jobs, date=date,
                              progress=update, executor=executor,
                              scheduler_address=scheduler_address)
    click.echo(f"{len(targets)} member(s) targeted from {table.path}.")
    result.warnings += table.warnings_for(targets)
    _summary(result, "Done")


# --------------------------------------------------------------------------- checks

@cli.group(context_settings=CONTEXT)
def contacts():
    """Check a contacts spreadsheet.

    \b
    Example:
      advocacy contacts check contacts/legislators-current.csv
    """


@contacts.command("check", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--committees", type=click.Path(dir_okay=False, path_type=Path),
              help="Committee-membership CSV (default: the bundled one).")
@click.option("--sheet", metavar="NAME", help="Worksheet of an .xlsx file.")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD from COLUMN.")
@reports_errors
def contacts_check(file, committees, sheet, maps):
    """Show which column feeds which field, rows per chamber, and every problem.

    Exits 1 when a row cannot be used.

    \b
    Example:
      advocacy contacts check my-list.xlsx --sheet Senators --map last_name=Surname
    """
    from toolkit.contacts import load_legislators

    table = load_legislators(file, committees, _parse_maps(maps), sheet, strict=False)
    click.echo(f"{table.path}: {len(table.legislators)} usable row(s)")
    for notice in table.notices:
        click.echo(f"Note: {notice}")
    click.echo("Columns:")
    for name, header in table.columns.items():
        click.echo(f"  {name:<12} <- {header}")
    click.echo("Rows by office:")
    for kind, count in sorted(table.by_chamber().items()):
        click.echo(f"  {kind.replace('_', ' '):<22} {count}")
    for warning in table.warnings:
        click.echo(f"warning: {warning}")
    if table.problems:
        for problem in table.problems:
            click.echo(problem, err=True)
        _fail(f"{len(table.problems)} row problem(s) in {table.path}")


@cli.group(context_settings=CONTEXT)
def campaign():
    """Check a campaign YAML file.

    \b
    Example:
      advocacy campaign check my-campaign.yaml
    """


@campaign.command("check", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--committees", type=click.Path(dir_okay=False, path_type=Path),
              help="Committee-membership CSV to check committee IDs against.")
@reports_errors
def campaign_check(file, committees):
    """Validate a campaign: every problem with its YAML path; unknown committee IDs.

    \b
    Example:
      advocacy campaign check templates/campaigns/mali-2023.yaml
    """
    from toolkit.campaign import load_campaign
    from toolkit.contacts import bundled_path, load_committees

    loaded = load_campaign(file)
    seats = load_committees(committees or bundled_path("committee-membership.csv"))
    known = {s.committee_id for group in seats.values() for s in group}
    problems = []
    for i, rec in enumerate(loaded.recommendations):
        problems += [f"{file}: recommendations[{i}].committees: unknown committee ID {c!r}"
                     for c in rec.committees if c not in known]
    problems += [f"{file}: targets.committees: unknown committee ID {c!r}"
                 for c in loaded.targets.committees if c not in known]
    click.echo(f"{file}: campaign {loaded.id!r}, {len(loaded.recommendations)} recommendations, "
               f"{len(loaded.principles)} principles, {len(loaded.key_facts)} key facts")
    if problems:
        raise ToolkitError(f"{file}: {len(problems)} problem(s)", problems)
    click.echo("OK")


@cli.group(context_settings=CONTEXT)
def templates():
    """Copy the bundled templates to edit them.

    \b
    Example:
      advocacy templates init my-templates && advocacy generate --templates my-templates
    """


@templates.command("init", context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite template files already there.")
@reports_errors
def templates_init(directory, force):
    """Copy the bundled templates into DIRECTORY for editing.

    Files you keep there are used instead of the bundled ones, file by file, when you
    pass --templates DIRECTORY.

    \b
    Example:
      advocacy templates init my-templates
    """
    from toolkit.render.html import copy_templates

    for path in copy_templates(directory, force):
        click.echo(f"  {path}")
    click.echo(f"Edit them, then: advocacy generate --templates {directory}")


# --------------------------------------------------------------------------- constituents

@cli.command(context_settings=CONTEXT)
@click.argument("constituents_file", type=click.Path(dir_okay=False, path_type=Path))
@output_options
@click.option("--contacts", type=click.Path(dir_okay=False, path_type=Path),
              help="Legislators .csv/.xlsx (default: the bundled congress data).")
@click.option("--committees", type=click.Path(dir_okay=False, path_type=Path),
              help="Committee-membership CSV (default: the bundled one).")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read constituents' FIELD from COLUMN, e.g. --map zip='Post Code'.")
@click.option("--sheet", metavar="NAME", help="Worksheet of the constituents .xlsx file.")
@executor_options
@reports_errors
def constituents(constituents_file, campaign, out, formats, templates, date, force, dry_run,
                 jobs, contacts, committees, maps, sheet, executor, scheduler_address):
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

    \b
    Examples:
      advocacy constituents contacts/sample-constituents.csv --format pdf
      advocacy constituents members.xlsx --sheet Signers --map story='Why I care' \\
          --campaign my-campaign.yaml --date 2026-03-02 --out letters/
    """
    from toolkit import pipeline
    from toolkit.campaign import load_campaign
    from toolkit.constituents import load_constituents
    from toolkit.contacts import load_legislators

    loaded = load_campaign(campaign)
    people = load_constituents(constituents_file, _parse_maps(maps), sheet)
    for notice in people.notices:
        click.echo(f"Note: {notice}", err=True)
    table = load_legislators(contacts, committees)
    formats = formats or pipeline.FORMATS
    plan = pipeline.plan_constituent_letters(people.constituents, table.legislators, loaded,
                                             pipeline.letter_date(date))
    out = out or Path("output") / loaded.id / "constituents"
    bar, update = _progress(len(plan.jobs), "Rendering", dry_run)
    with bar:
        result = pipeline.run_constituents(plan, out, formats=formats, templates=templates,
                                           force=force, dry_run=dry_run, workers=jobs,
                                           date=date, progress=update, executor=executor,
                                           scheduler_address=scheduler_address)
    written_to = {leg.bioguide_id for _, match in plan.matches for leg in match.offices}
    result.warnings += table.warnings_for(leg for leg in table.legislators
                                          if leg.bioguide_id in written_to)
    result.warnings += list(people.warnings)
    _summary(result, "Done")
    reached = sum(1 for _, match in plan.matches if match.offices)
    click.echo(f"{len(people.constituents)} constituent(s) read from {people.path}; "
               f"{len(plan.jobs)} letter(s) for {reached} of them, to "
               f"{len(plan.offices)} office(s).")
    for notice in plan.notices:
        click.echo(f"Note: {notice}")
    attention = plan.attention
    if attention:
        click.echo(f"{len(attention)} constituent(s) need attention in {people.path}:", err=True)
        letters = {id(person): len(match.offices) for person, match in plan.matches}
        for person, problems in attention:
            got = letters[id(person)]
            for problem in problems:
                click.echo(f"  {problem} ({person.name or 'no name'}; "
                           f"{got} letter(s) made)", err=True)
        sys.exit(1)


# --------------------------------------------------------------------------- labels, packets

@cli.command("labels", context_settings=CONTEXT,
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
@reports_errors
def labels_command(campaign, out, formats, templates, date, force, dry_run, jobs, contacts,
                   committees, sheet, maps, everyone, chambers, states, committee_ids, ids,
                   limit, kinds, start, constituents_file):
    """Mailing labels (Avery 5160) and No. 10 envelopes for the targeted offices.

    Makes labels/labels-avery5160.pdf (30 inside addresses per US Letter sheet) and
    envelopes/envelopes-no10.pdf (one 9-1/2 x 4-1/8 in page per office, return address
    top left) in the output folder. Print at 100% ("actual size"), not "fit to page".
    PDF only; --date and --jobs have no effect here.

    \b
    Examples:
      advocacy labels                           # the campaign's targets, labels + envelopes
      advocacy labels --committee SSFR09 --kind labels --start 7
      advocacy labels --state WA --kind envelopes --out mailing/
      advocacy labels --constituents contacts/sample-constituents.csv
    """
    from toolkit import labels as labels_module

    if "docx" in formats:
        raise ToolkitError("labels and envelopes are made as PDF only; leave out --format docx")
    problems: list[str] = []
    if constituents_file:
        from toolkit.campaign import load_campaign
        from toolkit.constituents import load_constituents
        from toolkit.contacts import load_legislators

        loaded = load_campaign(campaign)
        table = load_legislators(contacts, committees, _parse_maps(maps), sheet)
        people = load_constituents(constituents_file)
        targets, problems = labels_module.constituent_offices(people.constituents,
                                                              table.legislators)
        if not targets:
            raise ToolkitError(f"{constituents_file}: no constituent could be matched to an "
                               "office", problems)
    else:
        loaded, table, targets = _load_targets(campaign, contacts, committees, sheet, maps,
                                               everyone, chambers, states, committee_ids, ids,
                                               limit)
    result = labels_module.build_labels(targets, loaded, out or Path("output") / loaded.id,
                                        kinds=kinds or tuple(labels_module.KINDS),
                                        templates=templates, start=start, force=force,
                                        dry_run=dry_run)
    source = constituents_file or table.path
    click.echo(f"{len(targets)} office(s) targeted from {source}.")
    result.warnings += problems
    _summary(result, "Done")


@cli.command("packet", context_settings=CONTEXT)
@output_options
@contacts_options
@selection_options
@click.option("--duplex", is_flag=True,
              help="Printing on both sides: add blank pages so that every packet in "
                   "hill-day.pdf starts on a right-hand (odd) page.")
@reports_errors
def packet_command(campaign, out, formats, templates, date, force, dry_run, jobs, contacts,
                   committees, sheet, maps, everyone, chambers, states, committee_ids, ids,
                   limit, duplex):
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
    from toolkit import packet

    loaded, table, targets = _load_targets(campaign, contacts, committees, sheet, maps,
                                           everyone, chambers, states, committee_ids, ids, limit)
    result = packet.build_packets(targets, loaded, out or Path("output") / loaded.id, date=date,
                                  templates=templates, duplex=duplex,
                                  formats=formats or ("pdf", "docx"), force=force,
                                  dry_run=dry_run)
    click.echo(f"{len(targets)} office(s) targeted from {table.path}.")
    _summary(result, "Done")
    if not dry_run:
        click.echo(f"  print: {result.out / packet.HILL_DAY_PATH}")
