"""What every command shares: the options, the error rule and the printing of a JobResult.

Every ToolkitError becomes its message and exit 1; usage errors exit 2 (click). Heavy
libraries (openpyxl, WeasyPrint, python-docx) are imported inside the commands that use
them, so ``advocacy --help`` is instant.
"""

from __future__ import annotations


import datetime as dt
import functools
import itertools
import sys
from pathlib import Path

import click

from toolkit.errors import ToolkitError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def reports_errors(command):
    """Turn a ToolkitError into its message on stderr and exit 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ToolkitError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            click.echo("Interrupted: files already written are complete; run the same "
                       "command again to finish.", err=True)
            sys.exit(130)

    return wrapper


def parse_maps(values: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for value in values:
        if "=" not in value:
            raise click.BadParameter(f"{value!r}: write FIELD=Column, e.g. last_name='Surname'",
                                     param_hint="--map")
        name, column = value.split("=", 1)
        mapping[name.strip()] = column.strip()
    return mapping


def parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-01-15")


# --------------------------------------------------------------------------- shared options

def _store_read_option(ctx, param, value):
    ctx.meta.setdefault("read_options", {})[param.name] = value
    return value


def ignore_column_option(command):
    """--ignore-column COLUMN (repeatable): a column of a legislators or constituents sheet
    left out on purpose (``sheets.unused``): no note that it is not used, and a column of
    sentences that need not be the story. Stored with the read options, so that
    ``read_option_values()`` gives it to ``load_legislators`` and ``load_constituents``
    (commands reading other sheets do not have it)."""
    return click.option("--ignore-column", "ignore_columns", multiple=True, metavar="COLUMN",
                        expose_value=False, callback=_store_read_option,
                        help="Leave COLUMN of the sheet out on purpose: no note that it is "
                             "not used, and a column of sentences need not be the story "
                             "(repeatable).")(command)


def read_options(command):
    """--header-row, --include-hidden: how a spreadsheet is read.

    The values go to ``ctx.meta["read_options"]`` (not to the command's parameters);
    ``read_option_values()`` gives them as keyword arguments of ``load_legislators`` and
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


def _store_limit_option(ctx, param, value):
    ctx.meta.setdefault("limit_options", {})[param.name] = value
    return value


def limit_options(command):
    """--template-timeout, --keep-edited: how a run treats a template that never ends and
    a file edited by hand. The values go to ``ctx.meta["limit_options"]``;
    ``limit_option_values()`` gives them as keyword arguments of the jobs."""
    command = click.option(
        "--keep-edited", is_flag=True, expose_value=False, callback=_store_limit_option,
        help="Leave files edited by hand as they are and write everything else (default: "
             "stop before writing anything and name them).")(command)
    command = click.option(
        "--template-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
        metavar="SECONDS", expose_value=False, callback=_store_limit_option,
        help="Stop a document whose template runs longer than this (default: 30); the "
             "other documents are made.")(command)
    return command


def limit_option_values() -> dict:
    """``{"template_timeout": seconds or None, "keep_edited": bool}`` from the command line."""
    ctx = click.get_current_context(silent=True)
    return dict(ctx.meta.get("limit_options", {})) if ctx is not None else {}


def read_option_values() -> dict:
    """``{"header_row": N or None, "include_hidden": bool}`` from the current command line,
    with ``"ignore_columns": (COLUMN, ...)`` where the command has ``--ignore-column``."""
    ctx = click.get_current_context(silent=True)
    return dict(ctx.meta.get("read_options", {})) if ctx is not None else {}


def print_read(report, notices=(), warnings=()) -> None:
    """Print how a sheet was read: the ReadReport's lines, then notes and warnings."""
    for line in report.lines():
        click.echo(line)
    for notice in notices:
        click.echo(f"Note: {notice}")
    for warning in warnings:
        click.echo(f"warning: {warning}")


def load_or_show(load):
    """Call ``load()``; on a ContactsError that carries a read report, print it first."""
    try:
        return load()
    except ToolkitError as exc:
        report = getattr(exc, "report", None)
        if report is not None:
            print_read(report, report.notices)
        raise


def contacts_options(command):
    """--contacts, --committees, --sheet, --map, --header-row, --include-hidden: where the
    legislators come from (and --ignore-column)."""
    command = ignore_column_option(read_options(command))
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
        click.option("--date", callback=parse_date, metavar="YYYY-MM-DD",
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


def cosponsors_option(command):
    """--cosponsors FILE: a bill's cosponsor list instead of the campaign's (campaign.bills)."""
    return click.option(
        "--cosponsors", metavar="FILE",
        help="Cosponsor list (congress.gov's CSV) of the campaign's bill, instead of its "
             "bills[].cosponsors; with several bills: \"H.R. 1234=FILE\".")(command)


def max_chars_option(command):
    """--max-chars N: the web form's body limit for --format txt/eml (toolkit.plaintext)."""
    return click.option(
        "--max-chars", type=click.IntRange(min=1), metavar="N",
        help="Web-form limit of a txt/eml body, a line break counting as two characters "
             "(default: the campaign's web_form.max_chars). Over it, the text is shortened "
             "as the PDF is; what still does not fit is reported, never cut.")(command)


def formats_only(command, choices: list[str], help_text: str) -> None:
    """Narrow ``command``'s --format to ``choices`` (its --help lists only those)."""
    for param in command.params:
        if param.name == "formats":
            param.type = click.Choice(choices)
            param.help = help_text


def pdf_variant_option(command):
    """--pdf-variant: the PDF standard the PDFs follow (default: tagged PDF/UA-1)."""
    from toolkit.documents.pdf import DEFAULT_VARIANT, VARIANTS

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


def progress_bar(total: int, label: str):
    """A progress bar on stderr: (context manager, update callback), a job's ``progress``."""
    bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
    return bar, bar.update


def summary(result, what: str) -> None:
    """Print an engine Result: a dry run's decisions per file, else the files written and
    unchanged per kind and format, the manifest, files from earlier runs, and warnings."""
    if result.dry_run:
        from toolkit.engine.dryrun import refusals

        click.echo(f"Dry run: {len(result.planned)} files in {result.out}; nothing written:")
        padded: dict[str, str] = {}       # "  would write" padded to 29, made once each
        lines = ((padded.get(decision) or padded.setdefault(decision, f"  {decision:<29} "))
                 + path for path, decision in
                 (result.decisions or [(p, "would write") for p in result.planned]))
        while chunk := list(itertools.islice(lines, 10000)):    # one write per 10,000 lines
            click.echo("\n".join(chunk))
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
    kept = getattr(result, "kept", ())
    if kept:
        click.echo(f"Kept as edited by hand (--keep-edited), not rewritten: {len(kept)} "
                   "file(s):", err=True)
        for relpath in kept:
            click.echo(f"  {result.out / relpath}", err=True)
    failed = getattr(result, "failed", ())
    if failed:
        click.echo(f"Not made: {len(failed)} file(s):", err=True)
        for relpath, why in failed:
            click.echo(f"  {relpath}: {why}", err=True)
    from toolkit.engine.output import earlier_files

    earlier = earlier_files(result.out, [*result.written, *result.unchanged, *kept,
                                         *(path for path, _ in failed)],
                            result.counts(), getattr(result, "covers", None))
    if earlier:
        click.echo(f"Note: {len(earlier)} file(s) in {result.out} are from earlier runs and not "
                   f"part of this one (e.g. {earlier[0]}); they were left as they are: delete "
                   "them, or use a new --out, if they should not be sent", err=True)
    if result.warnings:
        click.echo(f"{len(result.warnings)} warning(s):", err=True)
        for warning in result.warnings:
            click.echo(f"  {warning}", err=True)




def sheet_of(path, committees=None, maps=(), sheet=None):
    """A jobs ``Sheet`` from the command line's --contacts/--committees/--map/--sheet and
    --header-row/--include-hidden."""
    from toolkit.jobs.common import Sheet

    return Sheet(path, committees, parse_maps(maps), sheet, **read_option_values())


def selection_of(everyone, chambers, states, committee_ids, ids, limit):
    """A jobs ``Selection`` from --all, --chamber, --state, --committee, --id, --limit."""
    from toolkit.jobs.common import Selection

    return Selection(everyone, tuple(chambers), tuple(states), tuple(committee_ids), tuple(ids),
                     limit)


def echo_note(line: str) -> None:
    """A job's note, on stderr as it arises (a job's ``notify``)."""
    click.echo(line, err=True)


def show(job) -> None:
    """Print a JobResult after its run: the lines before the summary, the summary of the
    files, the lines after; then, when rows need attention, list them and exit 1.

    The one rule of every command that reads constituents (constituents; labels and
    calls with --constituents): files are made for every row that could be served, then
    the rows that need attention are listed and the exit status is 1, so a script or a
    user sees that the set is incomplete.
    """
    for line in job.before:
        click.echo(line)
    summary(job.files, "Done")
    for line in job.after:
        click.echo(line)
    if not job.attention and job.exit_code:     # a document not made (template time limit)
        sys.exit(job.exit_code)
    if job.attention:
        click.echo(f"{len(job.attention)} constituent(s) need attention in "
                   f"{job.attention_path}:", err=True)
        for person, problems in job.attention:
            about = "; ".join(t for t in (person.name or "no name",
                                          job.made(person) if job.made else "") if t)
            for problem in problems:
                click.echo(f"  {problem} ({about})", err=True)
        sys.exit(job.exit_code)
