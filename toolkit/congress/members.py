"""The members in office: the congress data in use read into Legislators with their seats.

The data in use is the bundled snapshot or the version ``contacts update`` made
(``datastore.data_file``); it is read by this loader alone, from its known columns
(``tables.read_table``), not by the user-spreadsheet reader. The data's own
first-name cells hold five nicknames in parentheses ("James (Jim)"): taking them apart
is documented in contacts/README.md, not warned about on every run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path

from toolkit.congress import datastore
from toolkit.congress.capitol import office_from_cells
from toolkit.congress.model import Legislator, Seat, normalize_role
from toolkit.congress.names import NAME_FIELDS, NICKNAME_KEPT_APART, legislator_name
from toolkit.congress.states import (NO_SENATORS, STATES, district_label, normalize_state, ordinal,
                                     valid_district)
from toolkit.congress.tables import read_table
from toolkit.errors import ContactsError

#: The ``type`` column of the congress-legislators data.
_CHAMBERS = {"sen": "senate", "rep": "house"}


@dataclasses.dataclass(frozen=True)
class Members:
    """The members of a congress data file: ``legislators`` in file order, each with
    its seats and term end; ``warnings`` about rows used with a caveat (a member
    without a Washington office address), as ``file:row:column: ...`` lines."""

    path: Path
    legislators: tuple[Legislator, ...]
    warnings: tuple[str, ...] = ()


def load_members(path: str | Path | None = None,
                 committees: str | Path | None = None) -> Members:
    """Read the congress data in use (or the legislators CSV ``path`` in its format).

    ``committees``: a committee-membership CSV (default: the data in use's). Members
    get their seats and, from ``legislator-terms.csv``, ``term_end``. Raises
    ContactsError naming ``file:row:column`` for a row the data should never hold (no
    name, an unknown chamber, state or district, a repeated bioguide ID): the data is
    damaged; 'advocacy contacts rollback' returns to the version before.
    """
    path = Path(path) if path is not None else datastore.data_file("legislators-current.csv")
    seats = load_committees(committees if committees is not None
                            else datastore.data_file("committee-membership.csv"))
    legislators, warnings, problems, seen = [], [], [], set()
    for number, cells in read_table(path):
        leg, row_warnings, row_problems = _member(path, number, cells, seats)
        warnings += row_warnings
        if leg is not None and leg.bioguide_id in seen:
            row_problems.append(f"{path}:{number}:bioguide_id: {leg.bioguide_id} repeats")
        problems += row_problems
        if leg is not None and not row_problems:
            seen.add(leg.bioguide_id)
            legislators.append(leg)
    if problems:
        raise ContactsError(f"{path}: {len(problems)} damaged row(s) in the congress data; "
                            "run 'advocacy contacts rollback' or 'advocacy contacts update'",
                            problems)
    return Members(path, tuple(datastore.with_terms(legislators)), tuple(warnings))


def _member(path: Path, number: int, cells: dict[str, str],
            seats: dict[str, tuple[Seat, ...]]) -> tuple[Legislator | None, list[str], list[str]]:
    """One data row as a Legislator; returns (legislator or None, warnings, problems)."""
    def where(column: str) -> str:
        return f"{path}:{number}:{column}"

    name, changes = legislator_name({f: cells.get(f, "") for f in NAME_FIELDS})
    warnings = [f"{where(field)}: read {read!r}, used {used!r} ({why})"
                for field, read, used, why in changes if not why.startswith(NICKNAME_KEPT_APART)]
    chamber = _CHAMBERS.get(cells.get("type", "").lower())
    state = normalize_state(cells.get("state", ""))
    raw_district = cells.get("district", "")
    problems = []
    if not name.last:
        problems.append(f"{where('last_name')}: the last name is empty")
    if chamber is None:
        problems.append(f"{where('type')}: {cells.get('type', '')!r} is not sen or rep")
    if state is None or (chamber == "senate" and state in NO_SENATORS):
        problems.append(f"{where('state')}: {cells.get('state', '')!r} is not a state with "
                        f"{'senators' if chamber == 'senate' else 'a House seat'}")
    district = None
    if chamber == "house" and state is not None:
        if raw_district in ("", "98") and STATES[state][1] <= 1:
            district = 0
        elif raw_district.isdigit() and valid_district(state, int(raw_district)):
            district = int(raw_district)
        else:
            problems.append(f"{where('district')}: {raw_district!r} is not a district of {state}")
    if problems:
        return None, warnings, problems
    bioguide = cells.get("bioguide_id", "").upper() or f"ROW{number}"
    address, office_problems = office_from_cells(cells.get("address", ""), cells.get("city", ""),
                                                 cells.get("zip", ""), chamber)
    if office_problems:
        return None, warnings, [f"{where(field)}: {message}" for field, message in office_problems]
    if not address:
        warnings.append(f"{where('address')}: {name.last} ({bioguide}) has no office address; "
                        "the inside address gives the chamber and ZIP only")
    return Legislator(
        bioguide_id=bioguide, first_name=name.first, last_name=name.last, chamber=chamber,
        state=state, district=district, middle_name=name.middle, suffix=name.suffix,
        nickname=name.nickname, full_name=name.full, party=cells.get("party", ""),
        gender=cells.get("gender", ""), address=address, phone=cells.get("phone", ""),
        url=cells.get("url", ""), row=number, source=str(path),
        seats=seats.get(bioguide, ())), warnings, []


@functools.lru_cache(maxsize=2)
def _members_in_use() -> tuple[Legislator, ...]:
    return load_members().legislators


def members_in_use() -> dict[str, Legislator]:
    """The members in use (``load_members()``) by bioguide ID."""
    return {leg.bioguide_id: leg for leg in _members_in_use()}


def load_committees(path: str | Path) -> dict[str, tuple[Seat, ...]]:
    """Read a committee-membership CSV into ``{bioguide ID: (Seat, ...)}``.

    Columns: ``bioguide_id, committee_id, committee_name, role`` (extra columns are
    ignored). A file with the header only (rosters emptied at the start of a Congress)
    gives ``{}``. Raises ContactsError for a missing file or missing columns.
    """
    rows = read_table(path)
    if rows:
        missing = [c for c in ("bioguide_id", "committee_id", "committee_name")
                   if c not in rows[0][1]]
        if missing:
            raise ContactsError(f"{path}: no column {', '.join(map(repr, missing))}; a "
                                "committee-membership CSV has bioguide_id, committee_id, "
                                "committee_name and role")
    seats: dict[str, list[Seat]] = {}
    for _, cells in rows:
        seat = Seat(cells["committee_id"].upper(), cells["committee_name"],
                    normalize_role(cells.get("role", "")))
        seats.setdefault(cells["bioguide_id"].upper(), []).append(seat)
    return {k: tuple(v) for k, v in seats.items()}


def status_lines(day: dt.date | None = None) -> list[str]:
    """The report of ``advocacy contacts status``: the data in use, its source and date,
    its Congress, member and seat counts, vacant voting House seats, the versions kept,
    and every warning (terms ended by ``day``, offices unknown, rosters incomplete)."""
    version = datastore.current_version()
    table = load_members()
    members = table.legislators
    kinds: dict[str, int] = {}
    for leg in members:
        kinds[leg.office_kind] = kinds.get(leg.office_kind, 0) + 1
    held = {(leg.state, leg.district) for leg in members
            if leg.chamber == "house" and not datastore.term_ended(leg, day)}
    vacant = [district_label(state, d) for state, (_, seats) in sorted(STATES.items())
              if state not in NO_SENATORS and seats
              for d in ((0,) if seats == 1 else range(1, seats + 1)) if (state, d) not in held]
    pointer = datastore._pointer()
    lines = [f"Data in use: {version.label}{' (bundled with the toolkit)' if version.bundled else ''}",
             f"  source: {version.source}",
             f"  date: {version.dated}",
             f"  Congress: {ordinal(version.congress)} (ends at noon on {version.congress_end})",
             f"  members: {len(members)} ("
             + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items())) + ")",
             f"  committee seats: {sum(len(leg.seats) for leg in members)}",
             f"  vacant voting House seats: {len(vacant)}"
             + (f" ({', '.join(vacant[:12])}{', ...' if len(vacant) > 12 else ''})" if vacant else ""),
             f"  ZIP-to-district map: {ordinal(version.zip_congress)} Congress",
             f"  data folder: {datastore.data_root()}",
             f"  versions kept: {', '.join(datastore.versions()) or 'none'}"
             + (f"; rollback returns to {pointer['history'][-1] or 'the bundled data'}"
                if pointer["current"] or pointer["history"] else "")]
    ended = [leg for leg in members if datastore.term_ended(leg, day)]
    if ended:
        lines.append(f"Warning: {datastore.left_out_line(ended, day)}")
    lines += [f"Warning: {w}" for w in table.warnings if "office address" in w]
    note = datastore.rosters_note(members)
    if note:
        lines.append(f"Warning: {note}")
    return lines
