"""What every job shares: its result, its notes, and loading the campaign and the members.

A job is one library call that takes plain inputs (paths, options, a date) and returns
a ``JobResult``; the command line prints it (``toolkit.cli``), and a notebook or a web
page gets exactly the same by making the same call. Notes that a person should see
before a long run starts (a letter date past the data's Congress, a placeholder
sender) are also passed to ``notify`` as they arise, so the command line can print
them before its progress bar.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from toolkit.campaign.check import campaign_data, known_committees, unknown_committees
from toolkit.campaign.model import Campaign, load_campaign
from toolkit.campaign.placeholders import placeholder_notice, sender_placeholders
from toolkit.congress.model import official_name, short_label
from toolkit.congress.datastore import left_out_line, rosters_note, stale_warning, term_ended
from toolkit.engine.run import Result
from toolkit.errors import ToolkitError
from toolkit.jobs.selection import select_targets
from toolkit.sheets.legislators import ContactsTable, load_legislators
from toolkit.sheets.matching import why_nobody

#: ``progress(total)`` -> (context manager, update(n) or None): how a job reports
#: rendering progress (the command line passes a click progress bar).
Progress = Callable[[int], tuple]


def no_progress(total: int) -> tuple:
    """The default ``Progress``: nothing shown."""
    return contextlib.nullcontext(), None


@dataclass
class JobResult:
    """What a job made and what it found, for its caller to show.

    ``files``: the engine's Result (files written, unchanged, planned, warnings,
    counts). ``notes``: the lines said before and while working, in order (each
    already prefixed "Note: ", or a warning line), as given to ``notify``. ``before``
    and ``after``: the lines that go before and after the files' summary ("3 member(s)
    targeted from ...").
    ``attention``: (constituent, problems) for every constituent row that did not get
    everything, and ``attention_path`` its file; ``made``: constituent -> what they got
    ("2 letter(s) made"). ``exit_code``: 1 when rows need attention, else 0.
    """

    files: Result
    notes: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    attention: list[tuple] = field(default_factory=list)
    attention_path: Path | None = None
    made: Callable | None = None

    @property
    def exit_code(self) -> int:
        """1 when a row needs attention or a document was not made (its template ran past
        its time limit: the set is incomplete), else 0."""
        return 1 if self.attention or getattr(self.files, "failed", None) else 0


class Notes(list):
    """The notes of a job as it runs: each line kept, and passed on to ``notify``."""

    def __init__(self, notify: Callable[[str], None] | None = None):
        super().__init__()
        self.notify = notify

    def say(self, line: str) -> None:
        """Keep ``line`` and pass it on."""
        self.append(line)
        if self.notify:
            self.notify(line)

    def note(self, text: str) -> None:
        """Keep "Note: ``text``"."""
        self.say(f"Note: {text}")


def data_warning(notes: Notes, date: dt.date | None, contacts: Path | None = None) -> None:
    """Warn first, on one line, when the letter date is past the end of the data's Congress
    (``datastore.stale_warning``)."""
    line = stale_warning(date, contacts)
    if line:
        notes.say(line)


def data_notes(notes: Notes, table: ContactsTable, contacts: Path | None,
               date: dt.date | None = None, count_ended: bool = False) -> None:
    """Notes on the data in use: incomplete committee rosters; with ``count_ended``
    (constituent letters), the members whose terms ended before ``date`` (default today)."""
    if contacts is None and rosters_note(table.legislators):
        notes.note(rosters_note(table.legislators))
    gone = [leg for leg in table.legislators if term_ended(leg, date)] if count_ended else []
    if gone:
        notes.note(left_out_line(gone, date, str(len(table.legislators))))


def load_campaign_noting_drafts(notes: Notes, path: Path | None,
                                cosponsors: str | None = None,
                                date: dt.date | None = None) -> Campaign:
    """Load the campaign; while its sender has placeholders, say so first.

    ``cosponsors`` (``--cosponsors FILE`` or ``"H.R. 1234=FILE"``) replaces a bill's
    cosponsor list (campaign.bills.resolve reads it now: a bad file stops the job first).
    A source dated after the letters (``date``, default today) is warned about: a letter
    would cite a report it could not have read ("found in a May 2026 report", in a
    letter dated March 2, 2026).
    """
    loaded = load_campaign(path)
    if cosponsors:
        from toolkit.campaign.bills import resolve

        loaded = resolve(loaded, Path("."), cosponsors)
    found = sender_placeholders(loaded.sender)
    if found:
        notes.note(f"{placeholder_notice(found)} (see README, 'Your campaign')")
    day = date or dt.date.today()
    if loaded.source is not None and loaded.source.date > day:
        notes.say(f"Warning: {path or 'the campaign'}: source.date is {loaded.source.date}, "
                  f"after the letters' date {day}: the letters would cite a source not yet "
                  "published; check --date or source.date")
    return loaded


def check_committee_ids(notes: Notes, path: Path | None, loaded: Campaign,
                        committees: Path | None, table: ContactsTable) -> None:
    """Stop on a campaign committee ID the committee data does not know (with a
    did-you-mean); while the rosters are incomplete (a new Congress), only note it."""
    unknown = unknown_committees(path or "campaign", campaign_data(loaded),
                                 known_committees(committees))
    if unknown and committees is None and rosters_note(table.legislators):
        notes.note(f"{len(unknown)} campaign committee ID(s) have no seats in the data "
                   "yet (the rosters are incomplete): " + "; ".join(unknown))
    elif unknown:
        raise ToolkitError(f"{path or 'the campaign'}: {len(unknown)} unknown committee "
                           "ID(s); fix them (see 'advocacy campaign check')", unknown)


@dataclass(frozen=True)
class Selection:
    """Who gets a document: the options of ``--all``, ``--chamber``, ``--state``,
    ``--committee``, ``--id`` and ``--limit`` (``select_targets``)."""

    everyone: bool = False
    chambers: Sequence[str] = ()
    states: Sequence[str] = ()
    committee_ids: Sequence[str] = ()
    ids: Sequence[str] = ()
    limit: int | None = None


@dataclass(frozen=True)
class Sheet:
    """Where a sheet comes from and how to read it: ``path`` (None: the congress data in
    use), ``committees`` CSV, ``maps`` (field -> column, ``--map``), ``sheet``
    (worksheet), ``header_row`` and ``include_hidden`` (``read_sheet``'s),
    ``ignore_columns`` (``--ignore-column``: columns left out on purpose)."""

    path: Path | None = None
    committees: Path | None = None
    maps: dict = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None
    include_hidden: bool = False
    ignore_columns: tuple[str, ...] = ()

    def read_options(self) -> dict:
        """``header_row``, ``include_hidden`` and ``ignore_columns`` as keyword arguments
        of the loaders."""
        return {"header_row": self.header_row, "include_hidden": self.include_hidden,
                "ignore_columns": tuple(self.ignore_columns)}


def load_targets(notes: Notes, campaign: Path | None, contacts: Sheet, selection: Selection,
                 date: dt.date | None = None,
                 cosponsors: str | None = None) -> tuple[Campaign, ContactsTable, list]:
    """Load the campaign and contacts and select the targeted members, as generate does.

    Members whose term ended before ``date`` (default today) are left out, and counted.
    A user's own sheet (``contacts.path``) is the target list unless a selection option
    is given (the campaign's targets choose among the congress data in use only); every
    row of it a selection leaves out is named in a note with the reason
    (``select_targets``' ``passed_over``). Returns (campaign, contacts table, targets); raises ToolkitError when no one matches.
    """
    data_warning(notes, date, contacts.path)
    loaded = load_campaign_noting_drafts(notes, campaign, cosponsors, date)
    table = load_legislators(contacts.path, contacts.committees, contacts.maps, contacts.sheet,
                             **contacts.read_options())
    for notice in table.notices:
        notes.note(notice)
    if contacts.path is not None and table.report is not None and table.report.unused_note():
        notes.note(table.report.unused_note())
    check_committee_ids(notes, campaign, loaded, contacts.committees, table)
    why = why_nobody(table.matching)
    left_out: list = []
    passed_over: list = []
    # a user's own sheet is the target list unless a selection option is given
    own_list = contacts.path is not None and not (
        selection.everyone or selection.chambers or selection.states
        or selection.committee_ids or selection.ids)
    if own_list:
        notes.note(f"every row of {contacts.path} is a target: the campaign's target "
                   "committees choose among the congress data in use, not among your own "
                   "rows (--committee, --chamber, --state or --id do)")
    try:
        targets = select_targets(table.legislators, loaded,
                                 everyone=selection.everyone or own_list,
                                 chambers=selection.chambers, states=selection.states,
                                 committees=selection.committee_ids, ids=selection.ids,
                                 limit=selection.limit, date=date, left_out=left_out,
                                 passed_over=passed_over)
    except ToolkitError as exc:
        if why and (selection.committee_ids or selection.ids):
            raise ToolkitError(f"{exc.message}; {why}", exc.problems) from exc
        raise
    if not targets:
        raise ToolkitError("no member matches the selection; see --committee, --state, "
                           "--chamber, --id or use --all" + (f"; {why}" if why else ""),
                           [left_out_line(left_out, date)] if left_out else [])
    if left_out:
        among = f"{len(targets) + len(left_out)} selected"
        notes.note(left_out_line(left_out, date, among))
    if contacts.path is not None and passed_over:
        notes.note(f"{len(passed_over)} of {len(table.legislators)} row(s) of "
                   f"{contacts.path} get no letter from this selection:")
        for leg, reason in passed_over:
            notes.say(f"  {contacts.path}:{leg.row}: {official_name(leg)} "
                      f"({short_label(leg)}): {reason}")
    data_notes(notes, table, contacts.path)
    return loaded, table, targets


def read_constituents(notes: Notes, path: Path, how: Sheet):
    """The ConstituentsTable of ``path`` (``sheets.constituents.load_constituents``), its
    notices noted first.

    ``how``'s maps, sheet, header row, hidden rows and ignored columns apply to this
    file (constituents; labels and calls with constituents alike), so that the same
    sheet is read the same way by every job. Each column that holds values and feeds
    nothing is named in a note (``ReadReport.unused_note``).
    """
    from toolkit.sheets.constituents import load_constituents

    people = load_constituents(path, how.maps, how.sheet, **how.read_options())
    for notice in people.notices:
        notes.note(notice)
    if people.report.unused_note():   # never a column dropped in silence
        notes.note(people.report.unused_note())
    return people


def with_max_chars(notes: Notes, jobs: list, max_chars: int | None, formats: Sequence[str]):
    """The jobs with ``max_chars`` set (``--max-chars``), or as they are; a note when it
    is given without a text format (it then does nothing)."""
    import dataclasses

    note_max_chars(notes, max_chars, formats)
    return [dataclasses.replace(j, max_chars=max_chars) for j in jobs] if max_chars else jobs


def note_max_chars(notes: Notes, max_chars: int | None, formats: Sequence[str]) -> None:
    """Say so when ``max_chars`` is given without a text format (it then does nothing)."""
    if max_chars and not {"txt", "eml"} & set(formats):
        notes.note("--max-chars applies to --format txt and eml only; no text is made")
