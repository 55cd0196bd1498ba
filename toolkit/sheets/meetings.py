# Room: sheets/ (a user's spreadsheet read as meant: the meetings log).
"""The meetings log: one row per meeting with a congressional office, read as every sheet is.

A Hill day ends with a record of who met whom (advocacy guides, NCOA and the
Congressional Management Foundation's "Face-to-Face with Congress": thank the office
within a week, send what was promised, restate the ask, check back in two to three
weeks; lobbying teams log meetings so that no office is visited twice in a week for
different issues). The log is a spreadsheet (``write_template`` makes one to fill in,
``MEETING_COLUMNS``), read with ``cells.read_sheet`` and ``readreport.apply_fields``:
the header is found, ``--map`` overrides, and every value the reading changed is a
warning located ``file:row:column``.

A row is usable when its office is a member in office on the meeting date, the date
is a past or present day, the position is one of ``POSITIONS`` and every recommendation
it names is one of the campaign's. Otherwise it is stopped with a problem naming the
file, the row, the column and what to do; nothing is guessed in silence. An office is
given by bioguide ID (``C000127``; the template's list writes ``C000127 Maria
Cantwell (D-WA)``) or by name (``Sen. Cantwell``, ``Rep. Kim Schrier (WA-8)``),
matched to the members in use as a legislator sheet's rows are (``matching``: surname
compared without case or accents, then state, district, chamber and first name); a
name matched is a notice, a name that fits no member or several is a problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from toolkit.congress.model import Legislator, official_name, short_label
from toolkit.sheets.cells import read_sheet
from toolkit.sheets.columns import FieldSpec, map_columns

#: The positions an office can state, as the log and the report write them.
POSITIONS = ("supportive", "undecided", "opposed", "no position")
_POSITION_WORDS = {"supportive": "supportive", "support": "supportive", "supports": "supportive",
                   "supporting": "supportive", "yes": "supportive", "for": "supportive",
                   "undecided": "undecided", "unsure": "undecided", "considering": "undecided",
                   "opposed": "opposed", "oppose": "opposed", "opposes": "opposed",
                   "against": "opposed", "no": "opposed",
                   "no position": "no position", "none": "no position", "neutral": "no position",
                   "no comment": "no position"}
_YES = {"yes", "y", "true", "x", "1", "met", "present"}
_NO = {"no", "n", "false", "0", "staff only", "absent"}
#: Days from the meeting to the follow-up when the row gives no date (thank within a week).
FOLLOW_UP_DAYS = 7

#: The log's columns: (field, header written by the template, synonyms read, help).
MEETING_COLUMNS = (
    ("office", "Office", ("member", "legislator", "member office", "office met", "bioguide id",
                          "bioguide"),
     "Bioguide ID (pick from the list) or the member's name: 'Sen. Cantwell', 'Rep. Kim Schrier (WA-8)'."),
    ("date", "Date", ("meeting date", "date of meeting", "met on"),
     "The day of the meeting, YYYY-MM-DD."),
    ("place", "Where", ("location", "meeting place", "place"),
     "Washington, or the district or state office (its city: 'Spokane')."),
    ("attendees", "Attended for us", ("our attendees", "attendees", "who attended", "our team"),
     "Who went for the organization."),
    ("staff_name", "Staff met", ("staffer", "staff name", "staff", "staff member"),
     "The staffer's name as they introduced themselves: 'Ms. Lopez', 'Ana Lopez'."),
    ("staff_title", "Staff title", ("staffer title", "staff position"),
     "From their card: 'Legislative Assistant'."),
    ("staff_email", "Staff e-mail", ("staff email", "staffer email", "email", "e mail"),
     "From their card; the e-mail draft is addressed to it."),
    ("member_present", "Member present", ("member there", "met the member", "met member",
                                          "member attended"),
     "Yes if the member took part; No for a meeting with staff only."),
    ("discussed", "Discussed", ("recommendations discussed", "recommendations", "bills discussed",
                                "topics", "asks"),
     "The campaign's recommendation IDs, separated by commas (see the Lists sheet)."),
    ("position", "Position", ("office position", "stated position", "position recorded"),
     "supportive, undecided, opposed or no position: what the office said."),
    ("commitments", "Commitments", ("commitments made", "next steps", "agreed"),
     "What either side agreed to do."),
    ("materials", "Materials promised", ("promised materials", "materials", "promised"),
     "What you promised to send; one item per line or separated by semicolons."),
    ("follow_up", "Follow-up date", ("follow up date", "follow up by", "follow up", "check back"),
     f"When to follow up; empty: the meeting date plus {FOLLOW_UP_DAYS} days."),
    ("send_to", "Send letter to", ("letter to office", "mail to office", "send to"),
     "The office the thank-you letter goes to: a district office's city, or Washington; "
     "empty: the office nearest the organization."),
)
MEETING_FIELDS = tuple(FieldSpec(name, (header, *synonyms), name in ("office", "date"))
                       for name, header, synonyms, _ in MEETING_COLUMNS)
_BIOGUIDE = re.compile(r"^\s*([A-Z]\d{6})\b")
_HONORIFIC = re.compile(
    r"^(?:the\s+honorable|hon\.?|office\s+of|senator|sen\.?|representative|rep\.?|"
    r"congressman|congresswoman|delegate|del\.?|resident\s+commissioner|res\.?\s+comm\.?)\s+",
    re.I)
_PLACE = re.compile(r"\(([^)]*)\)|,\s*([A-Za-z]{2}(?:-(?:\d{1,2}|AL))?)\s*$")


@dataclass(frozen=True)
class Meeting:
    """One usable row of the meetings log.

    ``row``: the spreadsheet row; ``leg``: the member whose office was met (in office
    on ``date``); ``member_present``: the member took part (else staff only);
    ``discussed``: recommendation IDs of the campaign, in the row's order;
    ``position``: one of POSITIONS, or "" when the row records none; ``materials``: the
    items promised, one per entry; ``follow_up``: the follow-up day (``follow_up_given``
    False when it is the meeting date plus FOLLOW_UP_DAYS); ``headers``: field ->
    column header, to locate a value (``where``).
    """

    row: int
    leg: Legislator = field(repr=False)
    date: dt.date = dt.date.min
    place: str = ""
    attendees: str = ""
    staff_name: str = ""
    staff_title: str = ""
    staff_email: str = ""
    member_present: bool = False
    discussed: tuple[str, ...] = ()
    position: str = ""
    commitments: str = ""
    materials: tuple[str, ...] = ()
    follow_up: dt.date | None = None
    follow_up_given: bool = True
    send_to: str = ""
    source: str = ""
    headers: tuple[tuple[str, str], ...] = ()

    def where(self, name: str) -> str:
        """``file:row:column`` of field ``name`` in the log."""
        return f"{self.source}:{self.row}:{dict(self.headers).get(name, name)}"


@dataclass(frozen=True)
class MeetingsLog:
    """The meetings log as read: usable meetings, and what stopped the other rows.

    ``problems``: ``{row: (problem, ...)}`` for rows that cannot be used, each
    ``file:row:column: what is wrong; what to do``; ``warnings``: values the reading
    changed; ``notices``: what it decided (a name matched to a member, the sheet read);
    ``report``: the read report (``readreport.ReadReport``) as ``contacts check`` prints it.
    """

    path: Path
    meetings: tuple[Meeting, ...]
    problems: dict[int, tuple[str, ...]]
    warnings: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    report: object = None
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def all_problems(self) -> list[str]:
        """Every problem, in row order."""
        return [p for row in sorted(self.problems) for p in self.problems[row]]


def _fold(text: str) -> str:
    """A name or word as compared: no case, no accents, no dots or commas."""
    from toolkit.sheets.matching import _fold as fold

    return " ".join(fold(text).replace(".", " ").replace(",", " ").split())


def _place_hint(text: str) -> tuple[str, str, int | None]:
    """(rest of the text, state, district) from "(WA-8)", "(D-WA)", ", WA"."""
    from toolkit.congress.states import normalize_state

    state, district = "", None
    match = _PLACE.search(text)
    if match:
        inner = (match[1] or match[2] or "").strip()
        parts = [p for p in re.split(r"[-\s,]+", inner) if p]
        for part in parts:
            code = normalize_state(part) if len(part) == 2 else None
            if code and not state:
                state = code
            elif part.isdigit():
                district = int(part)
            elif part.upper() == "AL":
                district = 0
        if state:
            text = text[:match.start()] + text[match.end():]
    return text.strip(" ,"), state, district


def match_office(text: str, members: dict[str, Legislator]) -> tuple[Legislator | None, str]:
    """The member ``text`` names: (Legislator, "") or (None, why not).

    ``text``: a bioguide ID, optionally followed by anything (``C000127 Maria Cantwell
    (D-WA)``), or a name with an optional title and place (``Sen. Cantwell``, ``Rep. Kim
    Schrier (WA-8)``, ``Cantwell, WA``). ``members``: bioguide ID -> Legislator (the
    members in use). A name is matched on the surname (``address.surname`` or the last
    name, without case or accents), then narrowed by state, district, chamber (from the
    title) and first name; it must leave exactly one member.
    """
    found = _BIOGUIDE.match(text.upper())
    if found:
        leg = members.get(found[1])
        if leg is None:
            return None, f"no member with bioguide ID {found[1]} in the data in use"
        return leg, ""
    rest, state, district = _place_hint(text.strip())
    title = _HONORIFIC.match(rest)
    chamber = ""
    if title:
        word = title[0].lower()
        chamber = "senate" if word.startswith("sen") else "house"
        rest = rest[title.end():]
    words = _fold(rest).split()
    if not words:
        return None, "no name or bioguide ID"
    candidates = []
    for leg in members.values():
        names = _surnames(leg)
        for size in range(len(words), 0, -1):
            tail = " ".join(words[-size:])
            if tail in names:
                first = " ".join(words[:-size])
                candidates.append((leg, first))
                break
    candidates = [(leg, first) for leg, first in candidates
                  if (not state or leg.state == state)
                  and (district is None or leg.district == district)
                  and (not chamber or leg.chamber == chamber)]
    if len(candidates) > 1:
        named = [(leg, first) for leg, first in candidates if first and any(
            _fold(part).startswith(first) or first.startswith(_fold(part))
            for part in (leg.first_name, leg.nickname, official_name(leg).split()[0]) if part)]
        candidates = named or candidates
    if len(candidates) == 1:
        return candidates[0][0], ""
    if not candidates:
        return None, (f"no member in office matches {text.strip()!r}; write the bioguide ID "
                      "(the template's Lists sheet has them)")
    shown = ", ".join(f"{official_name(leg)} ({leg.bioguide_id}, {short_label(leg)})"
                      for leg, _ in candidates[:4])
    return None, (f"{text.strip()!r} fits {len(candidates)} members ({shown}); write the "
                  "bioguide ID, or add the state: 'Rep. Smith (NJ-4)'")


def _surnames(leg: Legislator) -> set[str]:
    """The member's surname as a name may give it, folded: the last name, and each leading
    part of a multi-word one that the official name uses ("hernandez" for Pablo José
    Hernández, last name "Hernández Rivera")."""
    words = leg.last_name.split()
    full = f" {_fold(leg.full_name)} " if leg.full_name else ""
    found = {_fold(leg.last_name)}
    for end in range(1, len(words)):
        part = _fold(" ".join(words[:end]))
        if part and f" {part} " in full:
            found.add(part)
    return found


def parse_day(text: str, typed=None) -> tuple[dt.date | None, str]:
    """A date cell as a date: (day, "") or (None, why not); an Excel date cell (``typed``,
    readreport.TypedCell) is taken as stored. Text: YYYY-MM-DD, M/D/YYYY (the US order)
    or "March 4, 2026"."""
    if typed is not None and typed.kind == "date" and isinstance(typed.value, dt.date):
        value = typed.value
        return (value.date() if isinstance(value, dt.datetime) else value), ""
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(text, pattern).date(), ""
        except ValueError:
            continue
    return None, f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2026-03-04"


def _split_items(text: str) -> tuple[str, ...]:
    parts = re.split(r"[;\n]+", text)
    return tuple(p.strip(" \t-\u2022") for p in parts if p.strip(" \t-\u2022"))


def load_meetings(path: str | Path, campaign, *, day: dt.date | None = None,
                  columns: dict[str, str] | None = None, sheet: str | None = None,
                  header_row: int | None = None, include_hidden: bool = False,
                  members: dict[str, Legislator] | None = None) -> MeetingsLog:
    """Read the meetings log at ``path`` (.xlsx or .csv) for ``campaign`` (campaign.Campaign).

    ``day``: the day the log is checked on (default today): a meeting after it is a
    problem. ``columns`` (``--map``), ``sheet``, ``header_row`` and ``include_hidden``
    are ``read_sheet``'s and ``map_columns``'s. ``members``: bioguide ID -> Legislator
    (default: the members in use, with their term ends). Each row is stopped (a problem
    in ``MeetingsLog.problems``) for: an office that is no member, or several; a member
    whose term had ended before the meeting date (``datastore.term_ended``); no date,
    a date that cannot be read, or one after ``day``; a position not in POSITIONS; a
    recommendation ID the campaign lacks (with a did-you-mean); a Member present cell
    that is not yes or no; no one met (neither staff nor member). Returns a MeetingsLog.
    Raises ContactsError when the file cannot be read or lacks an office or date column.
    """
    from toolkit.congress.datastore import term_ended
    from toolkit.sheets import readreport

    if members is None:
        from toolkit.congress.members import members_in_use

        members = members_in_use()
    today = day or dt.date.today()
    table = read_sheet(path, sheet, MEETING_FIELDS, header_row, include_hidden)
    mapping = map_columns(table, MEETING_FIELDS, dict(columns or {}))
    table, report = readreport.apply_fields(table, MEETING_FIELDS, mapping)
    ids = {rec.id.lower(): rec.id for rec in campaign.recommendations}
    problems: dict[int, list[str]] = {n: list(p) for n, p in report.row_problems.items()}
    notices: list[str] = []
    warnings = []
    date_headers = {mapping.get("date"), mapping.get("follow_up")} - {None}
    for warning in report.warnings:   # a date cell is taken as stored: nothing was changed
        if not any(f":{h}: a date cell (" in warning for h in date_headers):
            warnings.append(warning)
    meetings = []
    for number, cells in table.rows:
        def get(name: str) -> str:
            return cells.get(mapping[name], "").strip() if name in mapping else ""

        def where(name: str) -> str:
            return f"{table.path}:{number}:{mapping.get(name, name)}"

        row_problems = problems.setdefault(number, [])
        leg, why = (None, "the office is empty; write the bioguide ID or the member's name")
        if get("office"):
            leg, why = match_office(get("office"), members)
            if leg is not None and not _BIOGUIDE.match(get("office").upper()):
                notices.append(f"{where('office')}: {get('office')!r} read as "
                               f"{_label(leg)}")
        if leg is None:
            row_problems.append(f"{where('office')}: {why}")
        meeting_day, why = (None, "the date is empty; write the meeting's date, YYYY-MM-DD")
        if get("date"):
            meeting_day, why = parse_day(get("date"), table.typed.get((number, mapping["date"])))
            _note_reading(warnings, where("date"), get("date"), meeting_day,
                          table.typed.get((number, mapping["date"])))
        if meeting_day is None:
            row_problems.append(f"{where('date')}: {why}")
        elif meeting_day > today:
            row_problems.append(f"{where('date')}: {meeting_day.isoformat()} is after "
                                f"{today.isoformat()}: log a meeting once it has taken place "
                                "(or check --date)")
        if leg is not None and meeting_day is not None and term_ended(leg, meeting_day):
            row_problems.append(f"{where('office')}: {_label(leg)}'s term ended on "
                                f"{leg.term_end.isoformat()}, before the meeting on "
                                f"{meeting_day.isoformat()}; check the office and the date "
                                "('advocacy contacts update' for the members now in office)")
        follow_up, given = None, bool(get("follow_up"))
        if given:
            follow_up, why = parse_day(get("follow_up"),
                                       table.typed.get((number, mapping["follow_up"])))
            _note_reading(warnings, where("follow_up"), get("follow_up"), follow_up,
                          table.typed.get((number, mapping["follow_up"])))
            if follow_up is None:
                row_problems.append(f"{where('follow_up')}: {why}")
        elif meeting_day is not None:
            follow_up = meeting_day + dt.timedelta(days=FOLLOW_UP_DAYS)
        position = ""
        if get("position"):
            position = _POSITION_WORDS.get(_fold(get("position")), "")
            if position and _fold(get("position")) != position:
                warnings.append(f"{where('position')}: {get('position')!r} read as {position}")
            if not position:
                row_problems.append(f"{where('position')}: {get('position')!r} is not a position; "
                                    f"write {', '.join(POSITIONS[:-1])} or {POSITIONS[-1]}")
        discussed = []
        for token in re.split(r"[,;\s]+", get("discussed")):
            if not token:
                continue
            if token.lower() in ids:
                if ids[token.lower()] not in discussed:
                    discussed.append(ids[token.lower()])
                continue
            close = difflib.get_close_matches(token.lower(), list(ids), n=1, cutoff=0.6)
            hint = f" (did you mean {ids[close[0]]}?)" if close else ""
            row_problems.append(f"{where('discussed')}: {token!r} is not a recommendation of "
                                f"campaign {campaign.id}{hint}; its IDs are "
                                f"{', '.join(rec.id for rec in campaign.recommendations)}")
        present = False
        if get("member_present"):
            word = _fold(get("member_present"))
            if word in _YES:
                present = True
            elif word not in _NO:
                row_problems.append(f"{where('member_present')}: {get('member_present')!r}: "
                                    "write Yes (the member took part) or No (staff only)")
        if not present and not get("staff_name") and not row_problems:
            row_problems.append(f"{where('staff_name')}: no one is named as met: write the "
                                "staffer's name, or Yes under Member present")
        if row_problems:
            continue
        problems.pop(number, None)
        meetings.append(Meeting(
            row=number, leg=leg, date=meeting_day, place=get("place"),
            attendees=get("attendees"), staff_name=get("staff_name"),
            staff_title=get("staff_title"), staff_email=get("staff_email"),
            member_present=present, discussed=tuple(discussed), position=position,
            commitments=get("commitments"), materials=_split_items(get("materials")),
            follow_up=follow_up, follow_up_given=given, send_to=get("send_to"),
            source=str(table.path), headers=tuple(mapping.items())))
    problems = {n: p for n, p in problems.items() if p}
    return MeetingsLog(table.path, tuple(meetings),
                       {n: tuple(p) for n, p in sorted(problems.items())},
                       tuple(warnings), tuple(table.notices) + tuple(notices), report,
                       dict(mapping))


def _note_reading(warnings: list[str], where: str, text: str, day: dt.date | None,
                  typed) -> None:
    """Warn when a date written as text was read in another form than YYYY-MM-DD
    ("3/4/2026" read as month/day/year): the reading is said, never silent."""
    if day is not None and typed is None and text != day.isoformat():
        warnings.append(f"{where}: {text!r} read as {day.isoformat()}"
                        + (" (month/day/year)" if "/" in text else ""))


def _label(leg: Legislator) -> str:
    return f"{official_name(leg)} ({leg.bioguide_id}, {short_label(leg)})"


def due_followups(meetings: Sequence[Meeting], day: dt.date,
                  done: frozenset = frozenset()) -> list[tuple[Meeting, str]]:
    """The meetings whose follow-up is due on or before ``day``, oldest first, each with
    its status: ``due today`` or ``overdue by N day(s) (due YYYY-MM-DD)``. ``done``:
    ``(bioguide ID, row)`` of the meetings whose follow-up was already made (left out)."""
    out = []
    for meeting in sorted(meetings, key=lambda m: (m.follow_up or m.date, m.row)):
        if (meeting.leg.bioguide_id, meeting.row) in done or meeting.follow_up is None \
                or meeting.follow_up > day:
            continue
        late = (day - meeting.follow_up).days
        status = "due today" if late == 0 else (
            f"overdue by {late} day{'s' if late != 1 else ''} (due {meeting.follow_up.isoformat()})")
        out.append((meeting, status))
    return out


def template_bytes(campaign, members: dict[str, Legislator] | None = None,
                   rows: int = 300) -> bytes:
    """An empty meetings log to fill in, as .xlsx bytes (``jobs.meetings`` writes it).

    Sheet "Meetings": the header of MEETING_COLUMNS in bold, frozen, with a filter, a
    note on each header saying what goes there, date columns formatted YYYY-MM-DD and,
    for ``rows`` rows, Excel's data validation lists: Office (the members in use, as
    ``C000127 Maria Cantwell (D-WA)``; a name typed instead is accepted), Where
    (Washington, or type a city), Member present (Yes, No) and Position (POSITIONS,
    nothing else). Sheet "Lists": those lists and the campaign's recommendation IDs
    with their titles. ``members``: bioguide ID -> Legislator (default: the members in
    use), listed Senate first, then by state, district and surname.
    """
    import io

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if members is None:
        from toolkit.congress.members import members_in_use

        members = members_in_use()

    def sort_key(leg: Legislator) -> tuple:
        return (leg.chamber != "senate", leg.state, leg.district or 0, leg.last_name,
                leg.bioguide_id)

    book = Workbook()
    ws = book.active
    ws.title = "Meetings"
    lists = book.create_sheet("Lists")
    offices = [_option(leg) for leg in sorted(members.values(), key=sort_key)]
    lists_columns = (("Offices", offices), ("Where", ["Washington"]),
                     ("Member present", ["Yes", "No"]), ("Position", list(POSITIONS)),
                     ("Recommendation ID", [rec.id for rec in campaign.recommendations]),
                     ("Recommendation", [rec.title for rec in campaign.recommendations]))
    for col, (title, values) in enumerate(lists_columns, start=1):
        lists.cell(row=1, column=col, value=title).font = Font(bold=True)
        for index, value in enumerate(values, start=2):
            lists.cell(row=index, column=col, value=value)
        lists.column_dimensions[get_column_letter(col)].width = max(
            [len(title), *(len(str(v)) for v in values)]) + 2
    lists.freeze_panes = "A2"
    widths = {"office": 36, "date": 12, "place": 16, "attendees": 24, "staff_name": 18,
              "staff_title": 22, "staff_email": 26, "member_present": 10, "discussed": 24,
              "position": 14, "commitments": 32, "materials": 32, "follow_up": 14,
              "send_to": 16}
    last = rows + 1
    for col, (name, header, _, note) in enumerate(MEETING_COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = Font(bold=True)
        cell.comment = Comment(note, "advocacy")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = widths[name]
        if name in ("date", "follow_up"):
            for row in range(2, last + 1):
                ws.cell(row=row, column=col).number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(MEETING_COLUMNS))}1"
    letters = {name: get_column_letter(i) for i, (name, *_) in enumerate(MEETING_COLUMNS, 1)}
    for name, source, strict, prompt in (
            ("office", f"Lists!$A$2:$A${len(offices) + 1}", False,
             "Pick the office, or type the bioguide ID or the member's name."),
            ("place", "Lists!$B$2:$B$2", False, "Washington, or type the district office's city."),
            ("member_present", "Lists!$C$2:$C$3", True, "Yes: the member took part. No: staff only."),
            ("position", f"Lists!$D$2:$D${len(POSITIONS) + 1}", True,
             "What the office said: " + ", ".join(POSITIONS) + ".")):
        rule = DataValidation(type="list", formula1=source, allow_blank=True,
                              showErrorMessage=strict, showInputMessage=True,
                              promptTitle=dict((n, h) for n, h, *_ in MEETING_COLUMNS)[name],
                              prompt=prompt)
        if strict:
            rule.errorTitle, rule.error = "Not in the list", prompt
        rule.add(f"{letters[name]}2:{letters[name]}{last}")
        ws.add_data_validation(rule)
    for name, kind, prompt in (("date", "date", "The meeting's date, YYYY-MM-DD."),
                               ("follow_up", "date", "Empty: the meeting date plus "
                                                     f"{FOLLOW_UP_DAYS} days.")):
        rule = DataValidation(type=kind, operator="greaterThan", formula1="36526",
                              allow_blank=True, showErrorMessage=True, showInputMessage=True,
                              prompt=prompt, errorTitle="Not a date",
                              error="Write a date, YYYY-MM-DD.")
        rule.add(f"{letters[name]}2:{letters[name]}{last}")
        ws.add_data_validation(rule)
    discussed = DataValidation(type="custom", formula1="TRUE", allow_blank=True,
                               showInputMessage=True, promptTitle="Discussed",
                               prompt=("Recommendation IDs, separated by commas: "
                                       + ", ".join(rec.id for rec in campaign.recommendations))[:255])
    discussed.add(f"{letters['discussed']}2:{letters['discussed']}{last}")
    ws.add_data_validation(discussed)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _option(leg: Legislator) -> str:
    """The template's list entry for a member: ``C000127 Maria Cantwell (D-WA)``."""
    return f"{leg.bioguide_id} {official_name(leg)} ({short_label(leg)})"
