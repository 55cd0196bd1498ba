"""A legislator sheet's rows checked against themselves and against the members in use.

Each row must agree with itself: the chamber with the office building (Hart, Dirksen
and Russell are Senate buildings; Cannon, Longworth, Rayburn and Ford House ones), with
the Washington ZIP (20510 Senate, 20515 House) and with the district (a senator has
none). A row with a bioguide ID must agree with that member's record in the data in use
(``contacts.load_legislators()`` with no path: chamber, state, district). A sheet
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
from toolkit.congress.model import Legislator, Seat

from toolkit.congress.members import _members_in_use, members_in_use


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
    #: values a matched row took from its member's record (party, gender: the salutation
    #: style "Congresswoman" / "Ms." depends on gender), ``file:row:column: ...``
    filled: tuple[str, ...] = ()

    def summary(self) -> str:
        """``12 row(s) without bioguide IDs: 10 matched, 1 unmatched, 1 ambiguous``."""
        return (f"{self.rows} row(s) without bioguide IDs: {len(self.matched)} matched, "
                f"{len(self.unmatched)} unmatched, {len(self.ambiguous)} ambiguous")


def match_rows(legislators: Sequence[Legislator], seats: dict[str, tuple[Seat, ...]],
               path: str) -> tuple[list[Legislator], MatchReport]:
    """Give each row without a bioguide ID the ID and seats of the member in use it names.

    A row matches a member of the same chamber, state and (House) district whose last
    name (or the surname part of a multi-word one) is the row's, compared without case
    or accents; when two do, the first name decides. Returns the legislators (matched
    ones with ``bioguide_id`` and ``seats`` set; party and gender filled when the row
    had none) and the report. Rows with a bioguide ID are returned unchanged.
    """
    members = _members_in_use()
    out, matched, unmatched, ambiguous, filled = [], [], [], [], []
    tried = 0
    for leg in legislators:
        if not leg.bioguide_id.startswith("ROW"):
            out.append(leg)
            continue
        tried += 1
        place = [m for m in members if m.chamber == leg.chamber and m.state == leg.state
                 and (leg.chamber == "senate" or m.district == leg.district)]
        last = _fold(leg.last_name)
        named = [m for m in place if last in (_fold(m.last_name), _fold(m.last_name.split()[0]))]
        if len(named) > 1 and leg.first_name:
            named = [m for m in named if _fold(m.first_name) == _fold(leg.first_name)
                     or _fold(m.nickname) == _fold(leg.first_name)] or named
        where = f"{path}:{leg.row}"
        if len(named) == 1:
            member = named[0]
            matched.append(f"{where}: {leg.last_name} matched {member.full_name or member.last_name} "
                           f"({member.bioguide_id}, {_place(member)})")
            filled += [f"{where}:{name}: read '', used {value!r} (the record of "
                       f"{member.full_name or member.last_name}, {member.bioguide_id})"
                       for name, value in (("party", member.party), ("gender", member.gender))
                       if value and not getattr(leg, name)]
            leg = dataclasses.replace(leg, bioguide_id=member.bioguide_id,
                                      seats=seats.get(member.bioguide_id, ()),
                                      party=leg.party or member.party,
                                      gender=leg.gender or member.gender)
        elif named:
            ambiguous.append(f"{where}: {leg.last_name} ({_place(leg)}) could be "
                             + " or ".join(f"{m.full_name} ({m.bioguide_id})" for m in named)
                             + "; add a bioguide_id column")
        else:
            others = ", ".join(m.full_name or m.last_name for m in place)
            unmatched.append(f"{where}: {leg.last_name} ({_place(leg)}) matches no member in "
                             "use" + (f" (there: {others})" if others else "")
                             + "; committee seats cannot be found for this row")
        out.append(leg)
    return out, MatchReport(tried, tuple(matched), tuple(unmatched), tuple(ambiguous),
                            tuple(filled))


def check_sheet(legislators: Sequence[Legislator], seats: dict[str, tuple[Seat, ...]],
                mapping: dict[str, str], path: str
                ) -> tuple[list[Legislator], list[str], MatchReport]:
    """Check a sheet's rows against the members in use; match the rows without an ID.

    Returns the legislators kept (rows that disagree with their member's record are
    dropped), the problems (``file:row:column: ...``, see ``record_problems``) and the
    MatchReport of ``match_rows``. A bioguide ID unknown to the data in use is not a
    problem here (the sheet may be newer); the row is kept as written.
    """
    records = members_in_use()
    kept, problems = [], []
    for leg in legislators:
        record = records.get(leg.bioguide_id)
        found = record_problems(leg, record) if record else []
        problems += [f"{path}:{leg.row}:{mapping.get(field, field)}: {message}"
                     for field, message in found]
        if not found:
            kept.append(leg)
    kept, report = match_rows(kept, seats, path)
    return kept, problems, report


def not_in_use_warnings(legislators: Sequence[Legislator], mapping: dict[str, str], path: str,
                        report: MatchReport | None) -> list[str]:
    """Warnings (``file:row:column: ...``) for the rows of a sheet that name nobody in the
    congress data in use: a bioguide ID it does not know (a member who has left, or one
    newer than the data), and the rows without an ID that matched no member; and the
    values matched rows took from their member's record (``MatchReport.filled``). Their
    letters are still made as the sheet says; each command prints these for its targets.
    """
    records = members_in_use()
    column = mapping.get("bioguide_id", "bioguide_id")
    found = [f"{path}:{leg.row}:{column}: bioguide ID {leg.bioguide_id} ({leg.last_name}) is "
             "not a member in the congress data in use: check that this member still serves "
             "('advocacy contacts status', 'advocacy contacts update')"
             for leg in legislators
             if not leg.bioguide_id.startswith("ROW") and leg.bioguide_id not in records]
    return found + list(report.unmatched + report.filled if report else ())


#: The name fields a sheet's row may spell differently from its member's record.
NAME_FIELDS = ("first_name", "middle_name", "last_name", "full_name")


def record_spelling(legislators: Sequence[Legislator], mapping: dict[str, str], path: str
                    ) -> tuple[list[Legislator], list[str]]:
    """Names that differ from their member's record only in case or accents ("WARREN",
    "Mcconnell", "cortez masto", "Lujan") take the record's spelling, each with a warning
    ``file:row:column: read '...', used '...' (the spelling of the member in use)``.

    Only for rows that name a member in use (a bioguide ID, or matched by ``match_rows``);
    a name that differs otherwise is the sheet's own choice and is kept. Returns the
    legislators and the warnings.
    """
    records = members_in_use()
    out, warnings = [], []
    for leg in legislators:
        record = records.get(leg.bioguide_id)
        changes = {}
        for name in NAME_FIELDS if record else ():
            value, official = getattr(leg, name), getattr(record, name)
            if value and official and value != official and _fold(value) == _fold(official):
                changes[name] = official
                warnings.append(f"{path}:{leg.row}:{mapping.get(name, name)}: read {value!r}, "
                                f"used {official!r} (the spelling of the member in use)")
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

