# Room: jobs/ (one library call each: the meetings log's template, and its check).
"""``advocacy meetings template`` and ``advocacy meetings check``.

``meetings_template`` writes the workbook to fill in (``sheets.meetings.template_bytes``),
atomically and never over an existing file without ``force``. ``meetings_check`` reads a
log as ``followup`` will (``sheets.meetings.load_meetings``) and lists the follow-ups due
or overdue on a day, leaving out those already made in an output folder (its campaign
log's follow-up letters, matched by office and meetings-log row).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class MeetingsCheck:
    """What ``meetings_check`` found: ``log`` (sheets.meetings.MeetingsLog), ``due``
    ((Meeting, status) of each follow-up due or overdue on ``day``), ``notes`` (the
    campaign's, as printed)."""

    log: object
    day: dt.date
    due: list[tuple] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 when a row of the log cannot be used, else 0."""
        return 1 if self.log.problems else 0


def meetings_template(path: str | Path, campaign: Path | None = None, *, force: bool = False,
                      notify=None) -> tuple[Path, list[str]]:
    """Write an empty meetings log for ``campaign`` (YAML path; default the bundled one) to
    ``path`` (.xlsx). Returns (the path, notes). Raises ContactsError for a name that is
    not .xlsx, OutputExistsError when ``path`` exists (unless ``force``), ExportError when
    it cannot be written."""
    from toolkit.engine.output import write_atomic
    from toolkit.errors import ContactsError, OutputExistsError
    from toolkit.jobs.common import Notes, load_campaign_noting_drafts
    from toolkit.sheets.meetings import template_bytes

    notes = Notes(notify)
    loaded = load_campaign_noting_drafts(notes, campaign)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ContactsError(f"{path}: the meetings log template is an Excel workbook; "
                            "name it .xlsx")
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: exists; nothing was written. Choose another name, "
                                "or pass --force to replace it")
    write_atomic(path, template_bytes(loaded))
    return path, list(notes)


def made_followups(out: Path) -> frozenset[tuple[str, int]]:
    """(bioguide ID, meetings-log row) of each follow-up letter the campaign log of ``out``
    records."""
    from toolkit.engine.campaign_log import read_log

    return frozenset((r["bioguide_id"], int(r["meeting_row"])) for r in read_log(out)
                     if r.get("kind") == "followup-letter" and r.get("meeting_row", "").isdigit())


def meetings_check(path: str | Path, campaign: Path | None = None, *,
                   day: dt.date | None = None, out: Path | None = None,
                   columns: dict[str, str] | None = None, sheet: str | None = None,
                   header_row: int | None = None, include_hidden: bool = False,
                   notify=None) -> MeetingsCheck:
    """Read the meetings log at ``path`` for ``campaign`` (YAML path, default the bundled
    one) on ``day`` (default today) and list its follow-ups due; with ``out``, those
    already made there are left out. Returns a MeetingsCheck. Raises ContactsError when
    the log cannot be read (its ``report`` attribute: the read report so far)."""
    from toolkit.jobs.common import Notes, load_campaign_noting_drafts
    from toolkit.sheets.meetings import due_followups, load_meetings

    notes = Notes(notify)
    loaded = load_campaign_noting_drafts(notes, campaign)
    day = day or dt.date.today()
    log = load_meetings(path, loaded, day=day, columns=columns, sheet=sheet,
                        header_row=header_row, include_hidden=include_hidden)
    done = made_followups(out) if out is not None else frozenset()
    return MeetingsCheck(log, day, due_followups(log.meetings, day, done), list(notes))
