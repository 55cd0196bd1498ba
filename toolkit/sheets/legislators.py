"""Spreadsheets of legislators and their committee seats -> frozen ``Legislator`` records.

Every cell is read as text (no lost leading zeros, no "3.0" districts), CSV encodings
and delimiters are detected, the header row is found, headers are matched to fields by
their usual spreadsheet names, and every problem of a file is collected with its row
and column before anything fails. What the reading decided is a ``readreport.ReadReport``.
"""

from __future__ import annotations

from toolkit.congress import datastore

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from toolkit.errors import ContactsError
from toolkit.congress.names import NAME_FIELDS, legislator_name
from toolkit.congress.states import NO_SENATORS, STATES, normalize_state, valid_district
if TYPE_CHECKING:  # pragma: no cover
    from toolkit.sheets.readreport import ReadReport

from toolkit.congress.members import load_committees, load_members
from toolkit.sheets import readreport
from toolkit.sheets.matching import (check_sheet, not_in_use_warnings, record_spelling,
                                     record_values)
from toolkit.congress.model import Legislator, Seat
from toolkit.sheets.cells import read_sheet
from toolkit.sheets.columns import FieldSpec, column_error, map_columns
from toolkit.sheets.readreport import header_key


LEGISLATOR_FIELDS = (
    FieldSpec("bioguide_id", ("bioguide id", "bioguide", "member id", "id")),
    FieldSpec("last_name", ("last name", "surname", "family name", "last", "lastname")),
    FieldSpec("first_name", ("first name", "given name", "first", "firstname")),
    FieldSpec("middle_name", ("middle name", "middle", "middle initial")),
    FieldSpec("suffix", ("name suffix",)),
    FieldSpec("nickname", ("nick name", "preferred name")),
    FieldSpec("full_name", ("full name", "official name", "name")),
    FieldSpec("chamber", ("type", "office type", "house or senate", "body"), True),
    FieldSpec("state", ("st", "state code", "state abbr"), True),
    FieldSpec("district", ("cd", "congressional district", "district number")),
    FieldSpec("party", ("party affiliation",)),
    FieldSpec("gender", ("sex",)),
    FieldSpec("address", ("office address", "dc office", "washington office", "mailing address",
                          "street", "street address")),
    FieldSpec("city", ("office city",)),
    FieldSpec("zip", ("zip code", "zipcode", "postal code", "zip 4")),
    FieldSpec("phone", ("phone number", "telephone", "office phone")),
    FieldSpec("url", ("website", "web site", "homepage")),
)


_CHAMBERS = {"sen": "senate", "senate": "senate", "senator": "senate", "s": "senate",
             "rep": "house", "house": "house", "representative": "house", "h": "house",
             "delegate": "house", "del": "house", "resident commissioner": "house",
             "congressman": "house", "congresswoman": "house",
             "u s senate": "senate", "us senate": "senate", "united states senate": "senate",
             "house of representatives": "house", "u s house": "house", "us house": "house",
             "u s house of representatives": "house", "us house of representatives": "house",
             "united states house of representatives": "house"}


@dataclass(frozen=True)
class ContactsTable:
    """Legislators read from a file, with what the reader decided and found.

    ``columns`` maps each field to the header that fed it; ``problems`` lists rows
    that cannot be used (``file:row:column: what is wrong``); ``warnings`` lists rows
    used with a caveat, and every cell whose control characters were removed
    (``file:row:column: removed 2 control character(s)``); ``notices`` says what was
    guessed about the file; ``report`` is how the file was read (``readreport.ReadReport``:
    sheet, header row, columns used and ignored).
    """

    path: Path
    legislators: tuple[Legislator, ...]
    columns: dict[str, str]
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    report: "ReadReport | None" = None
    #: matching.MatchReport for the rows without a bioguide ID (None for the members in use).
    matching: object = None

    def warnings_for(self, legislators: Iterable["Legislator"]) -> list[str]:
        """The warnings about the rows of ``legislators``, and those about the whole file."""
        rows = {str(leg.row) for leg in legislators}
        header = getattr(self.report, "header_row", 1)
        prefix = f"{self.path}:"
        kept = []
        for warning in self.warnings:
            rest = warning[len(prefix):] if warning.startswith(prefix) else ""
            row = rest.split(":", 1)[0]
            if not row.isdigit() or row in rows or int(row) <= header:
                kept.append(warning)
        return kept

    def by_chamber(self) -> dict[str, int]:
        """Count the usable rows per office kind (senator, representative, delegate...)."""
        counts: dict[str, int] = {}
        for leg in self.legislators:
            counts[leg.office_kind] = counts.get(leg.office_kind, 0) + 1
        return counts


def load_legislators(path: str | Path | None = None, committees: str | Path | None = None,
                     columns: dict[str, str] | None = None, sheet: str | None = None,
                     strict: bool = True, header_row: int | None = None,
                     include_hidden: bool = False,
                     ignore_columns: tuple[str, ...] = ()) -> ContactsTable:
    """Read legislators from ``path`` (default: the congress data in use, see
    ``datastore.data_file``; its members get ``term_end``) with their seats.

    ``committees`` is a committee-membership CSV (``bioguide_id, committee_id,
    committee_name, role``; default: the one of the data in use). ``columns`` overrides the header match (``{field: header}``).
    With ``strict`` (the default) any unusable row raises ContactsError listing every
    problem of the file; otherwise they are returned in ``problems`` for a report.
    ``header_row`` and ``include_hidden`` are ``read_sheet``'s (``--header-row``,
    ``--include-hidden``); cells are settled by ``readreport.apply_fields``, whose row
    problems stop their rows. A row whose name is one whole-name cell is matched and
    named by the member's record, or stops when the split of its name would be a guess
    (``matching.check_sheet``, ``matching.record_spelling``); rows naming a member in use
    take what they lack from the record (``matching.record_values``).
    ``ignore_columns`` (``--ignore-column``): columns left out
    on purpose, not among the report's ``unused`` (``readreport.read_report``).
    """
    if path is None:    # the members in use: read by their own loader, no guessing
        members = load_members(None, committees)
        return ContactsTable(members.path, members.legislators,
                             {spec.name: spec.name for spec in LEGISLATOR_FIELDS
                              if spec.name not in ("city", "zip")}, (), members.warnings)
    path = Path(path)
    table = read_sheet(path, sheet, LEGISLATOR_FIELDS, header_row, include_hidden)
    name_fields = tuple(f for f in LEGISLATOR_FIELDS if f.name in ("last_name", "full_name"))
    whole = next((h for h in table.headers
                  if readreport.did_you_mean(h, name_fields) == "full_name"), "")
    name_problem = [] if map_columns(table, name_fields, {
        k: v for k, v in (columns or {}).items() if k in ("last_name", "full_name")}) else [
        f"{path}:{table.header_row}: no column for the name (looked for 'Last Name', "
        "'Surname', 'Full Name', 'Name'); " + (
            f"if {whole!r} holds whole names (\"Elizabeth Warren\"), pass "
            f"--map full_name='{whole}'" if whole else
            "if a column holds whole names (\"Elizabeth Warren\"), pass "
            "--map full_name=COLUMN")]
    try:
        mapping = map_columns(table, LEGISLATOR_FIELDS, columns)
    except ContactsError as exc:
        exc.problems[:0] = name_problem
        raise
    if name_problem:
        raise column_error(table, LEGISLATOR_FIELDS, mapping, name_problem)
    table, report = readreport.apply_fields(table, LEGISLATOR_FIELDS, mapping,
                                           ignore=ignore_columns)
    seats = load_committees(committees if committees is not None
                            else datastore.data_file("committee-membership.csv"))
    legislators, problems, warnings = [], [], []
    # rows whose name is one whole-name cell (no first or last name): matched and named
    # by the whole name, never by the parser's guess at its surname
    whole_names = {number: cells.get(mapping["full_name"], "") for number, cells in table.rows
                   if "full_name" in mapping and cells.get(mapping["full_name"], "").strip()
                   and not any(cells.get(mapping[f], "").strip()
                               for f in ("first_name", "last_name") if f in mapping)}
    if "bioguide_id" not in mapping:
        warnings.append(f"{path}: no bioguide ID column: rows are matched to the members in "
                        "use by name, state, chamber and district (see 'advocacy contacts check')")
    seen: dict[object, int] = {}
    for number, cells in table.rows:
        if number in report.row_problems:
            problems += report.row_problems[number]
            continue
        leg, row_problems, row_warnings = _legislator(path, number, cells, mapping, seats)
        problems += row_problems
        warnings += row_warnings
        if leg is None:
            continue
        if leg.bioguide_id in seen:
            problems.append(f"{path}:{number}:{mapping.get('bioguide_id', 'bioguide_id')}: "
                            f"bioguide ID {leg.bioguide_id} repeats row {seen[leg.bioguide_id]}; "
                            "each member must appear once")
            continue
        same = (leg.chamber, leg.state, leg.district, leg.last_name.casefold(),
                leg.first_name.casefold())
        if "bioguide_id" not in mapping and same in seen:
            problems.append(f"{path}:{number}:{mapping.get('last_name') or mapping['full_name']}: "
                            f"{whole_names.get(number) or leg.last_name} repeats "
                            f"row {seen[same]}; each member must appear once")
            continue
        seen[leg.bioguide_id] = seen[same] = number
        legislators.append(leg)
    legislators, record_problems, matched = check_sheet(legislators, seats, mapping, str(path),
                                                        whole_names)
    problems += record_problems
    warnings += not_in_use_warnings(legislators, mapping, str(path), matched)
    legislators, spelled = record_spelling(legislators, mapping, str(path), whole_names)
    warnings += spelled
    legislators, taken = record_values(legislators, str(path))
    warnings += taken
    if problems and strict:
        raise ContactsError(f"{path}: {len(problems)} row problem(s); fix them and run again",
                            problems)
    # Term dates of the data in use, for the members a sheet names by a known bioguide ID
    # too (datastore.term_ended): a member who has left gets no letter from any sheet.
    legislators = datastore.with_terms(legislators)
    return ContactsTable(path, tuple(legislators), mapping, tuple(problems),
                         report.warnings + tuple(warnings), table.notices, report,
                         matched)


def _legislator(path: Path, number: int, cells: dict[str, str], mapping: dict[str, str],
                seats: dict[str, tuple[Seat, ...]]):
    """Build one Legislator from a row; return (legislator or None, problems, warnings).

    Every name change (a nickname moved out of a first-name cell too) is a warning; the
    congress data's own rows are read by ``congress.members`` instead.
    """
    problems: list[str] = []
    warnings: list[str] = []

    def get(name: str) -> str:
        return cells.get(mapping[name], "") if name in mapping else ""   # cleaned by read_sheet

    def where(name: str) -> str:
        return f"{path}:{number}:{mapping.get(name, name)}"

    name, name_changes = legislator_name({f: get(f) for f in NAME_FIELDS})
    for field, read, used, why in name_changes:
        warnings.append(f"{where(field)}: read {read!r}, used {used!r} ({why})")
    last = name.last
    if not last:
        problems.append(f"{where('last_name' if 'last_name' in mapping else 'full_name')}: "
                        "the last name is empty")
    raw_chamber = get("chamber")
    chamber = _CHAMBERS.get(header_key(raw_chamber))
    if not chamber:
        problems.append(f"{where('chamber')}: {raw_chamber!r} is not a chamber; "
                        "write Senate or House (sen or rep)")
    raw_state = get("state")
    state = normalize_state(raw_state) if raw_state else None
    if not state:
        problems.append(f"{where('state')}: {raw_state!r} is not a U.S. state or territory code")
    district = None
    raw_district = get("district")
    if chamber == "house" and state:
        from toolkit.congress.states import parse_district

        if raw_district == "98" or (not raw_district and STATES[state][1] <= 1):
            district = 0
        elif raw_district:
            district = parse_district(raw_district, state)
        if district is None and not raw_district:
            problems.append(f"{where('district')}: no district: a House member from {state} "
                            f"needs one (1 to {STATES[state][1]})")
        elif district is None:
            problems.append(f"{where('district')}: {raw_district!r} is not a district of "
                            f"{state} (write 7, {state}-07, 7th, or At-Large / AL / 0)")
        if district is not None and not valid_district(state, district):
            seats_n = STATES[state][1]
            rule = "is at-large (district 0)" if seats_n <= 1 else f"has districts 1 to {seats_n}"
            problems.append(f"{where('district')}: district {raw_district} does not exist: "
                            f"{state} {rule}")
            district = None
    if chamber == "senate" and state in NO_SENATORS:
        problems.append(f"{where('state')}: {state} has no senators; is the chamber right?")
    if problems:
        return None, problems, warnings
    bioguide = get("bioguide_id").upper() or f"ROW{number}"
    from toolkit.congress.capitol import office_from_cells

    address, office_problems = office_from_cells(get("address"), get("city"), get("zip"),
                                                 chamber)
    if office_problems:
        problems += [f"{where(field)}: {message}" for field, message in office_problems]
        return None, problems, warnings
    from toolkit.congress.capitol import parse_office

    written = " ".join(get("address").split())
    street = parse_office(address, chamber).street if address else ""
    if street and street not in written and parse_office(address, chamber).building:
        warnings.append(f"{where('address')}: read {get('address')!r}, used {street!r} "
                        "(the building's full name)")
    if not address:
        # a whole-name row is named whole: its surname is not known until it is matched
        who = name.full if name.full and not (get("first_name") or get("last_name")) else last
        warnings.append(f"{where('address')}: {who} ({bioguide}) has no office address; "
                        "the inside address gives the chamber and ZIP only")
    leg = Legislator(
        bioguide_id=bioguide, first_name=name.first, last_name=last, chamber=chamber,
        state=state, district=district if chamber == "house" else None,
        middle_name=name.middle, suffix=name.suffix, nickname=name.nickname,
        full_name=name.full, party=get("party"), gender=get("gender"), address=address, phone=get("phone"),
        url=get("url"), row=number, source=str(path), seats=seats.get(bioguide, ()))
    from toolkit.sheets.matching import row_problems

    problems += [f"{where(field)}: {message}" for field, message in row_problems(leg, raw_district)]
    if problems:
        return None, problems, warnings
    return leg, problems, warnings

