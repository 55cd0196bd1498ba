"""The ``advocacy`` command line: parse options, call one library function, report.

The only module that imports click. Every ToolkitError becomes its message and exit 1;
usage errors exit 2 (click). Heavy libraries (openpyxl, WeasyPrint, python-docx) are
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

def _store_read_option(ctx, param, value):
    ctx.meta.setdefault("read_options", {})[param.name] = value
    return value


def read_options(command):
    """--header-row, --include-hidden: how a spreadsheet is read.

    The values go to ``ctx.meta["read_options"]`` (not to the command's parameters);
    ``_read_options()`` gives them as keyword arguments of ``load_legislators`` and
    ``load_constituents``.
    """
    command = click.option("--include-hidden", is_flag=True, expose_value=False,
                           callback=_store_read_option,
                           help="Also read hidden rows and rows hidden by a filter (.xlsx).")(command)
    command = click.option("--header-row", type=click.IntRange(min=1), metavar="N",
                           expose_value=False, callback=_store_read_option,
                           help="Row N holds the column names (default: found, skipping "
                                "title and blank rows).")(command)
    return command


def _read_options() -> dict:
    """``{"header_row": N or None, "include_hidden": bool}`` from the current command line."""
    ctx = click.get_current_context(silent=True)
    return dict(ctx.meta.get("read_options", {})) if ctx is not None else {}


def _print_read(report, notices=(), warnings=()) -> None:
    """Print how a sheet was read: the ReadReport's lines, then notes and warnings."""
    for line in report.lines():
        click.echo(line)
    for notice in notices:
        click.echo(f"Note: {notice}")
    for warning in warnings:
        click.echo(f"warning: {warning}")


def _load_or_show(load):
    """Call ``load()``; on a ContactsError that carries a read report, print it first."""
    try:
        return load()
    except ToolkitError as exc:
        report = getattr(exc, "report", None)
        if report is not None:
            _print_read(report, report.notices)
        raise


def contacts_options(command):
    """--contacts, --committees, --sheet, --map, --header-row, --include-hidden: where the
    legislators come from."""
    command = read_options(command)
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
        click.option("--format", "formats", multiple=True,
                     type=click.Choice(["pdf", "docx", "txt", "eml"]),
                     help="pdf and/or docx (default: both); txt (web-form text) and eml "
                          "(draft e-mail) for letters."),
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


def office_option(default: str | None, default_help: str = ""):
    """--office washington|district: where letters are addressed (toolkit.offices).

    ``default`` None: the command decides (``default_help`` says how).
    """
    return click.option(
        "--office", type=click.Choice(["washington", "district"]), default=default,
        show_default=default is not None,
        help="Address letters to the Washington office, or to the member's district office "
             "nearest the writer's ZIP (a member with none on file: Washington, with a "
             f"notice).{' ' + default_help if default_help else ''}")


def _read_constituents(constituents_file: Path, maps, sheet):
    """The ConstituentsTable of ``constituents_file``, its notes printed first.

    The command's --map, --sheet, --header-row and --include-hidden apply to this file
    (constituents; labels and calls with --constituents alike), so that the same
    sheet is read the same way by every command.
    """
    from toolkit.constituents import load_constituents

    people = load_constituents(constituents_file, _parse_maps(maps), sheet, **_read_options())
    for notice in people.notices:
        click.echo(f"Note: {notice}", err=True)
    return people


def max_chars_option(command):
    """--max-chars N: the web form's body limit for --format txt/eml (toolkit.plaintext)."""
    return click.option(
        "--max-chars", type=click.IntRange(min=1), metavar="N",
        help="Web-form limit of a txt/eml body, a line break counting as two characters "
             "(default: the campaign's web_form.max_chars). Over it, the text is shortened "
             "as the PDF is; what still does not fit is reported, never cut.")(command)


def _note_max_chars(max_chars, formats) -> None:
    """Say so when ``--max-chars`` is given without a text format (it then does nothing)."""
    if max_chars and not {"txt", "eml"} & set(formats):
        click.echo("Note: --max-chars applies to --format txt and eml only; no text is made",
                   err=True)


def _with_max_chars(jobs, max_chars, formats):
    """The jobs with ``max_chars`` set (``--max-chars``), or as they are."""
    import dataclasses

    _note_max_chars(max_chars, formats)
    return [dataclasses.replace(j, max_chars=max_chars) for j in jobs] if max_chars else jobs


def _formats_only(command, choices: list[str], help_text: str) -> None:
    """Narrow ``command``'s --format to ``choices`` (its --help lists only those)."""
    for param in command.params:
        if param.name == "formats":
            param.type = click.Choice(choices)
            param.help = help_text


def _notes(notices) -> None:
    for notice in notices:
        click.echo(f"Note: {notice}", err=True)


def pdf_variant_option(command):
    """--pdf-variant: the PDF standard the PDFs follow (default: tagged PDF/UA-1)."""
    from toolkit.render.pdf import DEFAULT_VARIANT, VARIANTS

    return click.option(
        "--pdf-variant", type=click.Choice(VARIANTS), default=DEFAULT_VARIANT,
        show_default=True, callback=lambda ctx, param, value: None if value == "none" else value,
        help="PDF standard: pdf/ua-1 is tagged for screen readers; pdf/a-* for archiving; "
             "none: a plain, untagged PDF (faster).")(command)


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
        from toolkit.dryrun import refusals

        click.echo(f"Dry run: {len(result.planned)} files in {result.out}; nothing written:")
        for path, decision in result.decisions or [(p, "would write") for p in result.planned]:
            click.echo(f"  {decision:<29} {path}")
        refused = refusals(result.decisions)
        if refused:
            click.echo(f"The real run would stop before writing anything: {refused} file(s) "
                       "edited by hand or not made by this toolkit; move them away, choose "
                       "another --out, or pass --force", err=True)
        return
    click.echo(f"{what}: {len(result.written)} written, {len(result.unchanged)} unchanged, "
               f"in {result.out}")
    for (kind, fmt), count in sorted(result.counts().items()):
        click.echo(f"  {kind:<12} {fmt:<5} {count}")
    click.echo(f"  manifest: {result.out / 'manifest.csv'}")
    from toolkit.output import earlier_files

    earlier = earlier_files(result.out, result.written + result.unchanged,
                            (kind for kind, _ in result.counts()))
    if earlier:
        click.echo(f"Note: {len(earlier)} file(s) in {result.out} are from earlier runs and not "
                   f"part of this one (e.g. {earlier[0]}); they were left as they are: delete "
                   "them, or use a new --out, if they should not be sent", err=True)
    if result.warnings:
        click.echo(f"{len(result.warnings)} warning(s):", err=True)
        for warning in result.warnings:
            click.echo(f"  {warning}", err=True)


# --------------------------------------------------------------------------- generate

def _data_warning(date, contacts=None) -> None:
    """Warn first, on one line, when the letter date is past the end of the data's Congress."""
    from toolkit.datastore import stale_warning

    line = stale_warning(date, contacts)
    if line:
        click.echo(line, err=True)


def _data_notes(table, contacts, date=None, count_ended: bool = False) -> None:
    """Notes on the data in use: incomplete committee rosters; with ``count_ended``
    (constituent letters), the members whose terms ended before ``date`` (default today)."""
    from toolkit.datastore import left_out_line, rosters_note, term_ended

    if contacts is None and rosters_note(table.legislators):
        click.echo(f"Note: {rosters_note(table.legislators)}", err=True)
    gone = [leg for leg in table.legislators if term_ended(leg, date)] if count_ended else []
    if gone:
        click.echo(f"Note: {left_out_line(gone, date, str(len(table.legislators)))}", err=True)


def _load_campaign_noting_drafts(path):
    """Load the campaign; while its sender has placeholders, say so first (stderr)."""
    from toolkit.campaign import load_campaign
    from toolkit.drafts import placeholder_notice, sender_placeholders

    loaded = load_campaign(path)
    found = sender_placeholders(loaded.sender)
    if found:
        click.echo(f"Note: {placeholder_notice(found)} (see README, 'Your campaign')", err=True)
    return loaded


def _check_committee_ids(path, loaded, committees, table) -> None:
    """Stop on a campaign committee ID the committee data does not know (with a
    did-you-mean); while the rosters are incomplete (a new Congress), only note it."""
    from toolkit.campaign_check import campaign_data, known_committees, unknown_committees
    from toolkit.datastore import rosters_note

    unknown = unknown_committees(path or "campaign", campaign_data(loaded),
                                 known_committees(committees))
    if unknown and committees is None and rosters_note(table.legislators):
        click.echo(f"Note: {len(unknown)} campaign committee ID(s) have no seats in the data "
                   "yet (the rosters are incomplete): " + "; ".join(unknown), err=True)
    elif unknown:
        raise ToolkitError(f"{path or 'the campaign'}: {len(unknown)} unknown committee "
                           "ID(s); fix them (see 'advocacy campaign check')", unknown)


def _load_targets(campaign, contacts, committees, sheet, maps, everyone, chambers, states,
                  committee_ids, ids, limit, date=None):
    """Load the campaign and contacts and select the targeted members, as generate does.

    Members whose term ended before ``date`` (default today) are left out, and counted.
    Returns (campaign, contacts table, targets); raises ToolkitError when no one matches.
    """
    from toolkit import pipeline
    from toolkit.contacts import load_legislators
    from toolkit.datastore import left_out_line

    _data_warning(date, contacts)
    loaded = _load_campaign_noting_drafts(campaign)
    table = load_legislators(contacts, committees, _parse_maps(maps), sheet, **_read_options())
    for notice in table.notices:
        click.echo(f"Note: {notice}", err=True)
    _check_committee_ids(campaign, loaded, committees, table)
    from toolkit.members import why_nobody

    why = why_nobody(table.matching)
    left_out: list = []
    try:
        targets = pipeline.select_targets(table.legislators, loaded, everyone=everyone,
                                          chambers=chambers, states=states,
                                          committees=committee_ids, ids=ids, limit=limit,
                                          date=date, left_out=left_out)
    except ToolkitError as exc:
        if why and (committee_ids or ids):
            raise ToolkitError(f"{exc.message}; {why}", exc.problems) from exc
        raise
    if not targets:
        raise ToolkitError("no member matches the selection; see --committee, --state, "
                           "--chamber, --id or use --all" + (f"; {why}" if why else ""),
                           [left_out_line(left_out, date)] if left_out else [])
    if left_out:
        among = f"{len(targets) + len(left_out)} selected"
        click.echo(f"Note: {left_out_line(left_out, date, among)}", err=True)
    _data_notes(table, contacts)
    return loaded, table, targets


@cli.command(context_settings=CONTEXT)
@output_options
@contacts_options
@selection_options
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["letter", "onepager"]),
              help="letter and/or onepager (default: both).")
@office_option("washington")
@max_chars_option
@pdf_variant_option
@executor_options
@reports_errors
def generate(campaign, out, formats, templates, date, force, dry_run, jobs, contacts, committees,
             sheet, maps, everyone, chambers, states, committee_ids, ids, limit, kinds, office,
             max_chars, pdf_variant, executor, scheduler_address):
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
                                           chambers, states, committee_ids, ids, limit, date)
    from toolkit.offices import for_organization

    formats = formats or pipeline.FORMATS
    choices = for_organization(targets, loaded.sender.address, office)
    _notes(c.notice for c in choices.values() if c.notice)
    jobs_list = pipeline.plan_documents(targets, loaded, kinds or tuple(pipeline.KINDS),
                                        pipeline.letter_date(date), offices=choices)
    jobs_list = _with_max_chars(jobs_list, max_chars, formats)
    out = out or Path("output") / loaded.id
    bar, update = _progress(len(jobs_list), "Rendering", dry_run)
    with bar:
        result = pipeline.run(jobs_list, out, formats=formats, templates=templates, force=force,
                              dry_run=dry_run, workers=jobs, date=date,
                              progress=update, pdf_variant=pdf_variant, executor=executor,
                              scheduler_address=scheduler_address)
    click.echo(f"{len(targets)} member(s) targeted from {table.path}.")
    result.warnings += table.warnings_for(targets)
    _summary(result, "Done")


# --------------------------------------------------------------------------- checks

@cli.group(context_settings=CONTEXT)
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
    from toolkit.contacts import load_legislators

    table = _load_or_show(lambda: load_legislators(file, committees, _parse_maps(maps), sheet,
                                                   strict=False, **_read_options()))
    _print_read(table.report, table.notices)
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
        _fail(f"{len(table.problems)} row problem(s) in {table.path}")


@contacts.command("status", context_settings=CONTEXT)
@click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Check the data against this letter date (default: today).")
@reports_errors
def contacts_status(date):
    """Which congress data is in use: source, date, Congress, counts, vacancies, warnings.

    \b
    Example:
      advocacy contacts status
    """
    from toolkit import datastore

    _data_warning(date)
    for line in datastore.status_lines(date):
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
    from toolkit import datastore
    from toolkit.address import ordinal

    if base_url and from_dir:
        raise click.UsageError("give --base-url or --from, not both")
    files = datastore.fetch(base_url, from_dir)
    problems, parsed = [], {}
    for name, data in files.items():
        try:
            parsed[name] = datastore.parse(name, data)
        except datastore.DataError as exc:
            problems.append(exc.message)
    if problems:
        raise datastore.DataError("the congress data was not updated; the data in use is "
                                  "unchanged", problems)
    new = datastore.convert(parsed)
    lines = datastore.diff(new)
    click.echo(f"New data: {len(new.legislators)} members, {len(new.seats)} committee seats, "
               f"{ordinal(new.congress)} Congress; {len(lines)} change(s) by member:")
    for line in lines:
        click.echo(f"  {line}")
    for notice in new.notices:
        click.echo(f"Note: {notice}")
    for warning in new.warnings:
        click.echo(f"Warning: {warning}")
    reason = datastore.refusal(new)
    if reason and not new_congress:
        raise datastore.DataError(f"not updated: {reason}")
    if not yes and not click.confirm("Use this data from now on?", default=False):
        click.echo("Not updated; the data in use is unchanged.")
        return
    version = datastore.install_set(new, files,
                                    str(from_dir or base_url or datastore.DEFAULT_BASE_URL))
    click.echo(f"Updated: data version {version} is now in use ('advocacy contacts rollback' "
               "returns to the one before).")


@contacts.command("rollback", context_settings=CONTEXT)
@reports_errors
def contacts_rollback():
    """Return to the congress data in use before the last update (kept versions stay).

    \b
    Example:
      advocacy contacts rollback
    """
    from toolkit import datastore

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
    from toolkit import datastore
    from toolkit.address import ordinal

    version, zctas, districts = datastore.import_districts(file, congress)
    click.echo(f"Imported {zctas} ZIP codes (ZCTAs) in {districts} districts of the "
               f"{ordinal(congress)} Congress from {file}: data version {version} "
               "is now in use.")


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
    from toolkit.campaign_check import check_campaign, plural

    checked = check_campaign(file, committees)
    loaded = checked.campaign
    if loaded is not None:
        click.echo(f"{file}: campaign {loaded.id!r}, "
                   f"{plural(len(loaded.recommendations), 'recommendation')}, "
                   f"{plural(len(loaded.principles), 'principle')}, "
                   f"{plural(len(loaded.key_facts), 'key fact')}")
    for found in checked.placeholders:
        click.echo(f"placeholder: {file}: {found}: replace it before mailing "
                   "(documents are marked DRAFT until then)")
    if checked.problems:
        raise ToolkitError(f"{file}: {len(checked.problems)} problem(s)", list(checked.problems))
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
@click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
              help="The letters' date: members whose term ended before it get none "
                   "(default: today), as in the run.")
@read_options
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
    from toolkit.constituents import OfficeIndex, load_constituents, match_offices
    from toolkit.contacts import load_legislators

    people = _load_or_show(lambda: load_constituents(file, _parse_maps(maps), sheet,
                                                     **_read_options()))
    _print_read(people.report, people.notices, people.warnings)
    index = OfficeIndex.build(load_legislators(contacts).legislators, date)
    letters, problems = 0, []
    for person in people.constituents:
        match = match_offices(person, index)
        letters += len(match.offices)
        problems += match.problems
        for notice in match.notices:
            click.echo(f"Note: {notice}")
    click.echo(f"{people.path}: {len(people.constituents)} constituent(s); a run would make "
               f"{letters} letter(s)")
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        _fail(f"{len(problems)} row problem(s) in {people.path}")


@cli.command(context_settings=CONTEXT, cls=_CommandWithCheck)
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
@pdf_variant_option
@executor_options
@read_options
@reports_errors
def constituents(constituents_file, campaign, out, formats, templates, date, force, dry_run,
                 jobs, contacts, committees, maps, sheet, office, max_chars, pdf_variant,
                 executor, scheduler_address):
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
    from toolkit import pipeline
    from toolkit.contacts import load_legislators

    _data_warning(date, contacts)
    loaded = _load_campaign_noting_drafts(campaign)
    people = _read_constituents(constituents_file, maps, sheet)
    table = load_legislators(contacts, committees)
    _data_notes(table, contacts, date, count_ended=True)
    formats = formats or pipeline.FORMATS
    plan = pipeline.plan_constituent_letters(people.constituents, table.legislators, loaded,
                                             pipeline.letter_date(date), office=office,
                                             day=date)
    _note_max_chars(max_chars, formats)
    plan.max_chars = max_chars
    out = out or Path("output") / loaded.id / "constituents"
    bar, update = _progress(len(plan.jobs), "Rendering", dry_run)
    with bar:
        result = pipeline.run_constituents(plan, out, formats=formats, templates=templates,
                                           force=force, dry_run=dry_run, workers=jobs,
                                           date=date, progress=update,
                                           pdf_variant=pdf_variant, executor=executor,
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
    letters = {id(person): len(match.offices) for person, match in plan.matches}
    _exit_if_attention(people.path, plan.attention,
                       lambda person: f"{letters[id(person)]} letter(s) made")


def _exit_if_attention(path, attention: list[tuple], made=None) -> None:
    """Constituent rows that did not get everything: list them on stderr and exit 1.

    ``attention``: ``(constituent, problems)`` pairs (``ConstituentPlan.attention``);
    ``made``: a constituent -> "what they got" text added to each line. The one rule
    of every command that reads constituents (constituents; labels and calls with
    --constituents): files are made for every row that could be served, then the rows
    that need attention are listed and the exit status is 1, so a script or a user
    sees that the set is incomplete.
    """
    if attention:
        click.echo(f"{len(attention)} constituent(s) need attention in {path}:", err=True)
        for person, problems in attention:
            about = "; ".join(t for t in (person.name or "no name",
                                          made(person) if made else "") if t)
            for problem in problems:
                click.echo(f"  {problem} ({about})", err=True)
        sys.exit(1)


constituents.check_command = constituents_check


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
@office_option(None, "Default: district with --constituents (where their letters go), "
                     "else washington.")
@pdf_variant_option
@reports_errors
def labels_command(campaign, out, formats, templates, date, force, dry_run, jobs, contacts,
                   committees, sheet, maps, everyone, chambers, states, committee_ids, ids,
                   limit, kinds, start, constituents_file, office, pdf_variant):
    """Mailing labels (Avery 5160) and No. 10 envelopes for the targeted offices.

    Makes labels/labels-avery5160.pdf (30 inside addresses per US Letter sheet) and
    envelopes/envelopes-no10.pdf (one 9-1/2 x 4-1/8 in page per office, return address
    top left) in the output folder. Print at 100% ("actual size"), not "fit to page".
    PDF only; --jobs has no effect here; --date decides who is still in office.
    With --constituents, labels the offices those constituents' letters go to (by
    default their district offices, as 'advocacy constituents' addresses them); --map,
    --sheet, --header-row and --include-hidden then apply to the constituents file; exits
    1 when a constituent's row needs attention (after making the rest; the report says
    which rows and why), as 'advocacy constituents'.

    \b
    Examples:
      advocacy labels                           # the campaign's targets, labels + envelopes
      advocacy labels --committee SSFR09 --kind labels --start 7
      advocacy labels --state WA --kind envelopes --out mailing/
      advocacy labels --constituents contacts/sample-constituents.csv
    """
    from toolkit import labels as labels_module

    if constituents_file:
        from toolkit.contacts import load_legislators
        from toolkit.offices import for_constituents

        _data_warning(date, contacts)
        loaded = _load_campaign_noting_drafts(campaign)
        people = _read_constituents(constituents_file, maps, sheet)
        table = load_legislators(contacts, committees)
        pairs, attention, notices = for_constituents(people.constituents, table.legislators,
                                                     office or "district", day=date)
        targets, choices = [leg for leg, _ in pairs], [choice for _, choice in pairs]
        if not targets:
            raise ToolkitError(f"{constituents_file}: no constituent could be matched to an "
                               "office", [p for _, problems in attention for p in problems])
    else:
        from toolkit.offices import for_organization

        loaded, table, targets = _load_targets(campaign, contacts, committees, sheet, maps,
                                               everyone, chambers, states, committee_ids, ids,
                                               limit, date)
        by_member = for_organization(targets, loaded.sender.address, office or "washington")
        choices = [by_member[leg.bioguide_id] for leg in targets]
        notices = [c.notice for c in choices if c.notice]
    _notes(notices)
    result = labels_module.build_labels(targets, loaded, out or Path("output") / loaded.id,
                                        kinds=kinds or tuple(labels_module.KINDS),
                                        templates=templates, start=start, force=force,
                                        dry_run=dry_run, choices=choices,
                                        pdf_variant=pdf_variant)
    source = constituents_file or table.path
    click.echo(f"{len(targets)} office(s) targeted from {source}.")
    result.warnings += table.warnings_for(targets)
    if constituents_file:
        result.warnings += people.warnings
    _summary(result, "Done")
    if constituents_file:
        _exit_if_attention(constituents_file, attention)


_formats_only(labels_command, ["pdf"],
              "pdf (labels and envelopes are made as PDF only; the default).")


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
                                           everyone, chambers, states, committee_ids, ids, limit,
                                           date)
    result = packet.build_packets(targets, loaded, out or Path("output") / loaded.id, date=date,
                                  templates=templates, duplex=duplex,
                                  formats=formats or ("pdf", "docx"), force=force,
                                  dry_run=dry_run)
    click.echo(f"{len(targets)} office(s) targeted from {table.path}.")
    result.warnings += table.warnings_for(targets)
    _summary(result, "Done")
    if not dry_run:
        click.echo(f"  print: {result.out / packet.HILL_DAY_PATH}")


_formats_only(packet_command, ["pdf", "docx"],
              "pdf and/or docx (default: both; the PDFs are always made).")


# --------------------------------------------------------------------------- call sheets

@cli.command("calls", context_settings=CONTEXT)
@click.option("--campaign", type=click.Path(dir_okay=False, path_type=Path),
              help="Campaign YAML (default: the bundled mali-2023).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output/<campaign id>, or its constituents/ "
                   "folder with --constituents).")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Your templates folder (see 'templates init'), searched first.")
@click.option("--date", callback=_parse_date, metavar="YYYY-MM-DD",
              help="The date printed on the sheet (default: today).")
@click.option("--force", is_flag=True, help="Overwrite files that differ from the manifest.")
@click.option("--dry-run", is_flag=True, help="List what would be made; write nothing.")
@contacts_options
@selection_options
@click.option("--constituents", "constituents_file",
              type=click.Path(dir_okay=False, path_type=Path),
              help="One sheet per constituent of this .csv/.xlsx (as for 'advocacy "
                   "constituents'), for their own senators and House member.")
@reports_errors
def calls_command(campaign, out, templates, date, force, dry_run, contacts, committees, sheet,
                  maps, everyone, chambers, states, committee_ids, ids, limit,
                  constituents_file):
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
    from toolkit import pipeline
    from toolkit.calls import build_calls

    people = None
    if constituents_file:
        from toolkit.contacts import load_legislators

        _data_warning(date, contacts)
        loaded = _load_campaign_noting_drafts(campaign)
        read = _read_constituents(constituents_file, maps, sheet)
        table = load_legislators(contacts, committees)
        people = read.constituents
        targets = []
        out = out or Path("output") / loaded.id / "constituents"
    else:
        loaded, table, targets = _load_targets(campaign, contacts, committees, sheet, maps,
                                               everyone, chambers, states, committee_ids, ids,
                                               limit, date)
        out = out or Path("output") / loaded.id
    result, attention = build_calls(targets, loaded, out, date=pipeline.letter_date(date),
                                   templates=templates, constituents=people,
                                   legislators=table.legislators, force=force,
                                   dry_run=dry_run, day=date)
    source = constituents_file or table.path
    click.echo(f"Call sheet(s) from {source}.")
    if constituents_file:
        result.warnings += read.warnings
    _summary(result, "Done")
    if constituents_file:
        _exit_if_attention(constituents_file, attention)


from toolkit.cli_signon import signon  # noqa: E402  (coalition sign-on letters)
cli.add_command(signon)
