"""A legislator sheet's rows checked against themselves and against the members in use.

Each row must agree with itself: the chamber with the office building (Hart, Dirksen
and Russell are Senate buildings; Cannon, Longworth, Rayburn and Ford House ones), with
the Washington ZIP (20510 Senate, 20515 House) and with the district (a senator has
none). A row with a bioguide ID must agree with that member's record in the data in use
(``sheets.legislators.load_legislators()`` with no path: chamber, state, district). A sheet
without bioguide IDs is matched to the members in use by state, chamber, district and
name, so that committee seats (targeting) and tailoring still work; every row is
reported as matched, unmatched or ambiguous. A disagreement is a problem naming both
values; nothing is corrected in silence.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from typing import Sequence
from toolkit.congress.model import Legislator, Seat, official_name

from toolkit.congress.members import _members_in_use, members_in_use
from toolkit.congress.names import split_is_certain, whole_name_names


_CHAMBER_WORD = {"senate": "Senate", "house": "House"}


def row_problems(leg: Legislator, raw_district: str) -> list[tuple[str, str]]:
    """What in a row contradicts its chamber: ``[(field, message)]``, empty when consistent.

    ``raw_district`` is the district cell as written (a senator's must be empty).
    """
    from toolkit.congress.capitol import CHAMBER_ZIPS, SENATE_BUILDINGS, parse_office

    chamber = _CHAMBER_WORD[leg.chamber]
    problems = []
    office = parse_office(leg.address, leg.chamber) if leg.address else None
    if office and office.building:
        building_chamber = "Senate" if office.building in SENATE_BUILDINGS else "House"
        if building_chamber != chamber:
            problems.append(("address", f"the chamber is {chamber} but the office is in the "
                                        f"{office.building} building, a {building_chamber} "
                                        "office building"))
    zip5 = office.zip[:5] if office else ""
    zip_chamber = {z: _CHAMBER_WORD[c] for c, z in CHAMBER_ZIPS.items()}.get(zip5)
    if zip_chamber and zip_chamber != chamber:
        problems.append(("address", f"the chamber is {chamber} but the ZIP {office.zip} is a "
                                    f"{zip_chamber} ZIP ({zip5})"))
    if leg.chamber == "senate" and raw_district.strip() not in ("", "0", "00"):
        problems.append(("district", f"the chamber is Senate but the district is "
                                     f"{raw_district!r}: a senator has no district"))
    return problems


def _place(leg: Legislator) -> str:
    if leg.chamber == "senate":
        return f"{leg.state}, Senate"
    return f"{leg.state}-{leg.district if leg.district else 'AL'}, House"


def record_problems(leg: Legislator, record: Legislator) -> list[tuple[str, str]]:
    """Where a row with a bioguide ID disagrees with that member's record: ``[(field, message)]``."""
    who = f"bioguide ID {record.bioguide_id} is {record.full_name or record.last_name}"
    problems = []
    for field, mine, theirs in (("chamber", leg.chamber, record.chamber),
                                ("state", leg.state, record.state),
                                ("district", leg.district, record.district)):
        if mine != theirs and not (field == "district" and leg.chamber != record.chamber):
            def show(value):
                return "at-large (0)" if value == 0 and field == "district" else str(value)
            problems.append((field, f"this row says {field} {show(mine)} but {who} "
                                    f"({_place(record)}) in the data in use"))
            if field == "chamber":
                break
    return problems


def _fold(text: str) -> str:
    """Compare names without case or accents: "García" == "garcia"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c)).replace("-", " ").strip()


@dataclass(frozen=True)
class MatchReport:
    """How the rows of a sheet without bioguide IDs were matched to the members in use.

    Each tuple holds report lines (``file:row: ...``); ``rows`` is the number of rows
    tried.
    """

    rows: int
    matched: tuple[str, ...] = ()
    unmatched: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()

    def summary(self) -> str:
        """``12 row(s) without bioguide IDs: 10 matched, 1 unmatched, 1 ambiguous``."""
        return (f"{self.rows} row(s) without bioguide IDs: {len(self.matched)} matched, "
                f"{len(self.unmatched)} unmatched, {len(self.ambiguous)} ambiguous")


def match_rows(legislators: Sequence[Legislator], seats: dict[str, tuple[Seat, ...]],
               path: str, whole_names: dict[int, str] | None = None
               ) -> tuple[list[Legislator], MatchReport]:
    """Give each row without a bioguide ID the ID and seats of the member in use it names.

    A row matches a member of the same chamber, state and (House) district whose last
    name (or the surname part of a multi-word one) is the row's, compared without case
    or accents; when two do, the first name decides. A row whose name came from one
    whole-name cell (``whole_names``: row number -> the cell as written) is matched by
    its whole name instead (``names.whole_name_names``: "Debbie Wasserman Schultz"
    names the member whose last name is "Wasserman Schultz"), never by the surname the
    name parser guessed. Returns the legislators (matched ones with ``bioguide_id`` and
    ``seats`` set; party and gender filled when the row had none, see
    ``record_values``) and the report. Rows with a bioguide ID are returned unchanged.
    """
    whole_names = whole_names or {}
    members = _members_in_use()
    out, matched, unmatched, ambiguous = [], [], [], []
    tried = 0
    for leg in legislators:
        if not leg.bioguide_id.startswith("ROW"):
            out.append(leg)
            continue
        tried += 1
        place = [m for m in members if m.chamber == leg.chamber and m.state == leg.state
                 and (leg.chamber == "senate" or m.district == leg.district)]
        last = _fold(leg.last_name)
        if leg.row in whole_names:
            named = [m for m in place if whole_name_names(leg.full_name, m.first_name,
                                                          m.last_name, m.nickname)]
        else:
            named = [m for m in place
                     if last in (_fold(m.last_name), _fold(m.last_name.split()[0]))]
        if len(named) > 1 and leg.first_name:
            named = [m for m in named if _fold(m.first_name) == _fold(leg.first_name)
                     or _fold(m.nickname) == _fold(leg.first_name)] or named
        where = f"{path}:{leg.row}"
        said = whole_names.get(leg.row) or leg.last_name
        if len(named) == 1:
            member = named[0]
            matched.append(f"{where}: {said} matched {member.full_name or member.last_name} "
                           f"({member.bioguide_id}, {_place(member)})")
            leg = dataclasses.replace(leg, bioguide_id=member.bioguide_id,
                                      seats=seats.get(member.bioguide_id, ()))
        elif named:
            ambiguous.append(f"{where}: {said} ({_place(leg)}) could be "
                             + " or ".join(f"{m.full_name} ({m.bioguide_id})" for m in named)
                             + "; add a bioguide_id column")
        else:
            others = ", ".join(m.full_name or m.last_name for m in place)
            unmatched.append(f"{where}: {said} ({_place(leg)}) matches no member in "
                             "use" + (f" (there: {others})" if others else "")
                             + "; committee seats cannot be found for this row")
        out.append(leg)
    return out, MatchReport(tried, tuple(matched), tuple(unmatched), tuple(ambiguous))


def check_sheet(legislators: Sequence[Legislator], seats: dict[str, tuple[Seat, ...]],
                mapping: dict[str, str], path: str, whole_names: dict[int, str] | None = None
                ) -> tuple[list[Legislator], list[str], MatchReport]:
    """Check a sheet's rows against the members in use; match the rows without an ID.

    Returns the legislators kept (rows that disagree with their member's record are
    dropped), the problems (``file:row:column: ...``, see ``record_problems``) and the
    MatchReport of ``match_rows``. A bioguide ID unknown to the data in use is not a
    problem here (the sheet may be newer); the row is kept as written. A row whose name
    is one whole-name cell (``whole_names``: row number -> the cell as written) and
    that names no member in use (no match, two matches, or an ID the data does not
    know) stops with a problem unless the cell itself says which words are the surname
    (``names.split_is_certain``: "Warren, Elizabeth", "Elizabeth Warren"): the parser's
    guess ("Dear Representative Schultz:") is never printed.
    """
    records = members_in_use()
    whole_names = whole_names or {}
    kept, problems = [], []
    for leg in legislators:
        record = records.get(leg.bioguide_id)
        found = record_problems(leg, record) if record else []
        problems += [f"{path}:{leg.row}:{mapping.get(field, field)}: {message}"
                     for field, message in found]
        if not found:
            kept.append(leg)
    kept, report = match_rows(kept, seats, path, whole_names)
    column = mapping.get("full_name", "full_name")
    out = []
    for leg in kept:
        cell = whole_names.get(leg.row)
        if cell is None or leg.bioguide_id in records or split_is_certain(cell):
            out.append(leg)
            continue
        place = [m.full_name or m.last_name for m in _members_in_use()
                 if m.chamber == leg.chamber and m.state == leg.state
                 and (leg.chamber == "senate" or m.district == leg.district)]
        there = f"; there: {', '.join(place)}" if place else ""
        problems.append(f"{path}:{leg.row}:{column}: {cell!r} names no single member in use "
                        f"({_place(leg)}{there}), so which of its words are the surname "
                        "would be a guess; write the member's name as in the record, as "
                        "'Last, First', or add a Last Name column (--map last_name=COLUMN)")
    return out, problems, report


def not_in_use_warnings(legislators: Sequence[Legislator], mapping: dict[str, str], path: str,
                        report: MatchReport | None) -> list[str]:
    """Warnings (``file:row:column: ...``) for the rows of a sheet that name nobody in the
    congress data in use: a bioguide ID it does not know (a member who has left, or one
    newer than the data), and the rows without an ID that matched no member; and the
    Their letters are still made as the sheet says; each command prints these for its
    targets (the values rows took from their member's record: ``record_values``).
    """
    records = members_in_use()
    column = mapping.get("bioguide_id", "bioguide_id")
    found = [f"{path}:{leg.row}:{column}: bioguide ID {leg.bioguide_id} ({leg.last_name}) is "
             "not a member in the congress data in use: check that this member still serves "
             "('advocacy contacts status', 'advocacy contacts update')"
             for leg in legislators
             if not leg.bioguide_id.startswith("ROW") and leg.bioguide_id not in records]
    return found + list(report.unmatched if report else ())


#: The name fields a sheet's row may spell differently from its member's record.
NAME_FIELDS = ("first_name", "middle_name", "last_name", "full_name")


def record_spelling(legislators: Sequence[Legislator], mapping: dict[str, str], path: str,
                    whole_names: dict[int, str] | None = None
                    ) -> tuple[list[Legislator], list[str]]:
    """Names of the rows that name a member in use (a bioguide ID, or matched by
    ``match_rows``) as that member's record writes them; returns (legislators, warnings).

    A row whose name was one whole-name cell (``whole_names``: row number -> the cell as
    written) takes every name part from the record: the parser's split of "Debbie
    Wasserman Schultz" (last name "Schultz") is never used, and the inside address
    prints the record's official name ("DELAURO, ROSA" -> "Rosa L. DeLauro"); one
    warning ``file:row:column: read '...', used '...' (the record of NAME, ID)`` when
    the name printed or the surname differ from what the cell gave. In other rows, a
    name cell that differs from the record only in case or accents ("WARREN",
    "Mcconnell", "cortez masto", "Lujan") takes the record's spelling, and a full-name
    cell that names the member (``names.whole_name_names``) but is written otherwise
    ("ROSA DELAURO") takes the record's official name, each with a warning ``(the
    spelling of the member in use)``; a name that differs otherwise is the sheet's own
    choice and is kept.
    """
    records = members_in_use()
    whole_names = whole_names or {}
    out, warnings = [], []
    for leg in legislators:
        record = records.get(leg.bioguide_id)
        cell = whole_names.get(leg.row)
        if record and cell is not None:
            parts = {name: getattr(record, name) for name in
                     ("first_name", "middle_name", "last_name", "suffix", "nickname",
                      "full_name")}
            parts["full_name"] = parts["full_name"] or official_name(record)
            used = []
            if official_name(record) != cell:
                used.append(repr(official_name(record)))
            if record.last_name != leg.last_name or used:
                used.append(f"last name {record.last_name!r}")
            if used:
                warnings.append(f"{path}:{leg.row}:{mapping.get('full_name', 'full_name')}: "
                                f"read {cell!r}, used {', '.join(used)} (the record of "
                                f"{official_name(record)}, {record.bioguide_id})")
            out.append(dataclasses.replace(leg, **parts))
            continue
        changes = {}
        for name in NAME_FIELDS if record else ():
            value, official = getattr(leg, name), getattr(record, name)
            same = _fold(value) == _fold(official) or (
                name == "full_name" and whole_name_names(value, record.first_name,
                                                         record.last_name, record.nickname))
            if value and official and value != official and same:
                changes[name] = official
                warnings.append(f"{path}:{leg.row}:{mapping.get(name, name)}: read {value!r}, "
                                f"used {official!r} (the spelling of the member in use)")
        out.append(dataclasses.replace(leg, **changes) if changes else leg)
    return out, warnings


def record_values(legislators: Sequence[Legislator], path: str
                  ) -> tuple[list[Legislator], list[str]]:
    """What a row naming a member in use lacks, taken from the member's record.

    Party and gender when the row has none (the salutation style "Congresswoman" /
    "Ms." depends on gender), and the member's ZIP+4 when the row's Washington address
    has only the chamber's five-digit ZIP (20515: each House office has its own +4).
    Returns (legislators, warnings), one warning per row folding every value taken:
    ``file:row: from the record of NAME (ID): party: read '', used 'Republican';
    ZIP: read '20515', used '20515-0925'``. Rows naming nobody in use are unchanged.
    """
    from toolkit.congress.capitol import parse_office

    records = members_in_use()
    out, warnings = [], []
    for leg in legislators:
        record = records.get(leg.bioguide_id)
        if record is None:
            out.append(leg)
            continue
        taken, changes = [], {}
        for name in ("party", "gender"):
            if getattr(record, name) and not getattr(leg, name):
                changes[name] = getattr(record, name)
                taken.append(f"{name}: read '', used {changes[name]!r}")
        office = parse_office(leg.address, leg.chamber) if leg.address else None
        theirs = parse_office(record.address, record.chamber).zip if record.address else ""
        if office and office.city == "Washington" and office.street and len(office.zip) == 5 \
                and theirs.startswith(f"{office.zip}-"):
            written = office.zip if office.zip in leg.address else ""
            changes["address"] = f"{office.street}, Washington, DC {theirs}"
            taken.append(f"ZIP: read {written!r}, used {theirs!r}")
        if taken:
            warnings.append(f"{path}:{leg.row}: from the record of {official_name(record)} "
                            f"({record.bioguide_id}): " + "; ".join(taken))
        out.append(dataclasses.replace(leg, **changes) if changes else leg)
    return out, warnings


def why_nobody(report: MatchReport | None) -> str:
    """Why a committee selection found nobody in a sheet, or "" when the sheet had IDs.

    E.g. "your sheet has no bioguide IDs and 0 of 12 rows matched a member".
    """
    if report is None or not report.rows:
        return ""
    return (f"your sheet has no bioguide IDs and {len(report.matched)} of {report.rows} rows "
            "matched a member (see 'advocacy contacts check')")

