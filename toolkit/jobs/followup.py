# Room: jobs/ (one library call: the follow-ups of a meetings log).
"""``advocacy followup``: for each meeting logged, a thank-you letter and an e-mail draft.

For each usable row of the meetings log (``sheets.meetings.load_meetings``):

- a thank-you letter to the member, PDF and DOCX (``followup.html``), addressed to the
  member's district or state office nearest the organization (the campaign sender's
  ZIP code; ``offices.choose_office``), or the office the row's "Send letter to"
  names, with the member's form of address (``documents.address``);
- an e-mail draft to the staffer met (``followup-email.html`` as text, ``.eml``), with
  the member's one-pager attached as a PDF; addressed (``To``) only when the row gives
  the staffer's e-mail. A meeting with the member and no staffer named gets the letter
  only, with a note. ``From`` is the campaign sender's e-mail; while it is a placeholder
  or missing the drafts have no ``From`` (the mail program sends from the user's own
  account, never from a made-up address), and a note says so.

Files go to ``followup/r<row>-<STATE>-<sen|rep>-<surname>-<BIOGUIDE>.<pdf|docx|eml>``
and into the manifest with the meeting's row (column ``meeting_row``), through the
shared write path (``engine.run.write_outputs``: nothing the user edited is overwritten
without ``force``; the campaign log records what was made). A row that cannot be used
(``MeetingsLog.problems``), or whose member's term ended before the letter date, gets
nothing and is listed in ``FollowupResult.attention``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from toolkit.campaign.model import Campaign
from toolkit.documents.followup import followup_stem, no_sender_note, render_followups
from toolkit.engine.output import MANIFEST_COLUMNS
from toolkit.errors import ToolkitError

#: Manifest columns of ``advocacy followup``: the usual ones and the meetings log's row.
FOLLOWUP_COLUMNS = MANIFEST_COLUMNS + ("meeting_row",)
FORMATS = ("pdf", "docx", "eml")


@dataclass
class FollowupResult:
    """What ``build_followups`` made and what it could not.

    ``files``: the engine's Result (files written and unchanged, warnings);
    ``log``: the meetings log as read (sheets.meetings.MeetingsLog: its notices and
    warnings); ``attention``: ``(row, problems)`` for each row that got nothing;
    ``notes``: what was decided without a problem (no e-mail for a meeting without a
    staffer, the office a letter went to when it needs explaining), each line as
    printed ("Note: ..."); ``letters``, ``emails``: how many were planned.
    """

    files: object
    log: object
    attention: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    letters: int = 0
    emails: int = 0

    @property
    def exit_code(self) -> int:
        """1 when a meeting row got nothing (the set is incomplete), else 0."""
        return 1 if self.attention else 0


def build_followups(meetings_path: str | Path, campaign: Campaign, out: str | Path, *,
                    date: dt.date | None = None, day: dt.date | None = None,
                    formats: Sequence[str] = FORMATS, templates: str | Path | None = None,
                    force: bool = False, dry_run: bool = False,
                    columns: dict[str, str] | None = None, sheet: str | None = None,
                    header_row: int | None = None, include_hidden: bool = False,
                    district_offices: dict | None = None,
                    members: dict | None = None) -> FollowupResult:
    """Make the follow-ups of the meetings log at ``meetings_path`` under ``out``.

    ``campaign``: the campaign.Campaign whose recommendations the log names. ``date``:
    the letters' date (default today); meetings after it are problems, and so are
    members whose term ended before it. ``formats``: any of pdf, docx (the letter) and
    eml (the e-mail). ``columns``, ``sheet``, ``header_row``, ``include_hidden``: how the
    log is read (``--map``, ...). ``district_offices`` and ``members`` default to the data
    in use's. Returns a FollowupResult. Raises ContactsError when the log cannot be read,
    ToolkitError when no row can be followed up (every problem listed), OutputExistsError
    (before writing anything) for files the user made or edited, unless ``force``.
    """
    from toolkit.congress.datastore import term_ended
    from toolkit.congress.offices import choose_office, load_district_offices, sender_place
    from toolkit.documents.followup import with_meeting_office
    from toolkit.engine.run import write_outputs
    from toolkit.jobs.letters import letter_date
    from toolkit.sheets.meetings import load_meetings

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ToolkitError(f"--format {unknown[0]}: follow-ups are made as "
                           f"{', '.join(FORMATS)}")
    letter_day = date or dt.date.today()
    log = load_meetings(meetings_path, campaign, day=day or letter_day, columns=columns,
                        sheet=sheet, header_row=header_row, include_hidden=include_hidden,
                        members=members)
    offices = load_district_offices() if district_offices is None else district_offices
    state, zip5 = sender_place(campaign.sender.address)
    attention = [(row, problems) for row, problems in log.problems.items()]
    notes: list[str] = [f"Note: {notice}" for notice in log.notices]
    planned = []
    for meeting in log.meetings:
        if term_ended(meeting.leg, letter_day):
            attention.append((meeting.row, (
                f"{meeting.where('office')}: the term of {meeting.leg.bioguide_id} ended on "
                f"{meeting.leg.term_end.isoformat()}, before the letter date "
                f"{letter_day.isoformat()}: no letter",)))
            continue
        choice = choose_office(meeting.leg, offices, "district", zip5=zip5, state=state,
                               constituent=bool(zip5))
        choice, problem = with_meeting_office(choice, meeting, offices)
        if problem:
            attention.append((meeting.row, (problem,)))
            continue
        if choice.notice:
            notes.append(f"Note: {meeting.where('office')}: {choice.notice}")
        planned.append((meeting, choice))
    attention.sort()
    if not planned:
        raise ToolkitError(f"{log.path}: no meeting can be followed up; fix the rows below "
                           "(see 'advocacy meetings check')",
                           [p for _, problems in attention for p in problems])
    relpaths = []
    for meeting, _ in planned:
        for fmt in formats:
            if fmt == "eml" and not meeting.staff_name:
                continue
            relpaths.append(f"{followup_stem(meeting)}.{fmt}")
    for meeting, _ in planned:
        if "eml" in formats and not meeting.staff_name:
            notes.append(f"Note: {meeting.where('staff_name')}: no staffer named: the letter "
                         "only, no e-mail draft")
    if any(p.endswith(".eml") for p in relpaths):
        missing = no_sender_note(campaign)
        if missing:
            notes.append(f"Note: {missing}")
    written = letter_date(letter_day)

    def make():
        return render_followups(planned, campaign, written, formats, templates, letter_day)

    result = write_outputs(Path(out), relpaths, make, force=force, dry_run=dry_run,
                           columns=FOLLOWUP_COLUMNS, campaign=campaign, date=letter_day)
    return FollowupResult(result, log, attention, notes,
                          letters=len({p.rsplit(".", 1)[0] for p in relpaths
                                       if not p.endswith(".eml")}),
                          emails=sum(1 for p in relpaths if p.endswith(".eml")))


def followup(meetings_path: str | Path, campaign: Path | None = None, *,
             out: Path | None = None, formats: Sequence[str] = (), date: dt.date | None = None,
             templates: Path | None = None, force: bool = False, dry_run: bool = False,
             columns: dict[str, str] | None = None, sheet: str | None = None,
             header_row: int | None = None, include_hidden: bool = False,
             notify=None) -> FollowupResult:
    """``advocacy followup``: load the campaign (``campaign`` YAML, default the bundled
    one; a placeholder sender noted first), then ``build_followups`` into ``out``
    (default ``output/<campaign id>``, beside the campaign's letters, so that the report
    sees both). ``formats`` default: all of FORMATS. Every note is also passed to
    ``notify`` as it arises. Returns a FollowupResult whose notes start with the
    campaign's."""
    from toolkit.jobs.common import Notes, load_campaign_noting_drafts

    notes = Notes(notify)
    loaded = load_campaign_noting_drafts(notes, campaign, date=date)
    made = build_followups(meetings_path, loaded, out or Path("output") / loaded.id, date=date,
                           formats=tuple(formats) or FORMATS, templates=templates, force=force,
                           dry_run=dry_run, columns=columns, sheet=sheet, header_row=header_row,
                           include_hidden=include_hidden)
    for line in made.notes:
        notes.say(line)
    made.notes = list(notes)
    made.files.warnings += list(made.log.warnings)
    return made
