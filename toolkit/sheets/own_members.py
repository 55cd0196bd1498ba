"""A constituent matched to their own members: two senators and one House member.

Offices discount mail from outside the state or district (LETTER-CONVENTIONS.md,
Congressional Management Foundation surveys), so each writer is matched to the members
who represent them on the letter's date (``OfficeIndex``, members whose term ended are
left out). The House district comes from the row's District value, else from the
ZIP-to-district table of the data in use (``congress.districts``). Nothing is guessed:
a ZIP that lies in several districts gets the senators' letters only and a report
asking for a District value; a vacant seat is a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping
from toolkit.congress.model import Legislator
from toolkit.congress.capitol import normalize_zip, zip_problem
from toolkit.congress.states import (NO_SENATORS, STATES, is_at_large, valid_district)
if TYPE_CHECKING:  # pragma: no cover
    pass

from toolkit.congress.districts import load_zip_districts
from toolkit.congress.states import district_label
from toolkit.sheets.constituents import Constituent


@dataclass(frozen=True)
class OfficeIndex:
    """Legislators looked up by office: senators by state, House members by (state, district)."""

    senators: dict[str, tuple[Legislator, ...]]
    house: dict[tuple[str, int], Legislator]
    #: Members left out because their term ended (``datastore.term_ended``), by state.
    ended: dict[str, tuple[Legislator, ...]] = field(default_factory=dict)
    #: States whose ZIP-derived district is not used, and why (``datastore.redrawn_states``).
    redrawn: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, legislators: Iterable[Legislator], day=None) -> "OfficeIndex":
        """Index ``legislators``; senators of a state in surname order. Members whose
        term ended before ``day`` (a date, default today) are kept apart in ``ended``."""
        from toolkit.congress.districts import redrawn_states
        from toolkit.congress.datastore import term_ended

        senators: dict[str, list[Legislator]] = {}
        house: dict[tuple[str, int], Legislator] = {}
        ended: dict[str, list[Legislator]] = {}
        for leg in legislators:
            if term_ended(leg, day):
                ended.setdefault(leg.state, []).append(leg)
            elif leg.chamber == "senate":
                senators.setdefault(leg.state, []).append(leg)
            elif leg.district is not None:
                house.setdefault((leg.state, leg.district), leg)
        return cls({s: tuple(sorted(v, key=lambda l: (l.last_name, l.bioguide_id)))
                    for s, v in senators.items()}, house,
                   {s: tuple(v) for s, v in ended.items()}, redrawn_states())


@dataclass
class Match:
    """Whom one constituent writes to, and what kept a letter from being made.

    ``offices``: senators first, then the House member. ``problems``: why a letter the
    constituent should get was not made (the row needs attention), each starting
    ``file:row:column:`` (``row N:`` for a Constituent built by hand). ``notices``: facts
    to report that need no fix (a vacant seat).
    ``district``: the House district used, or None.
    """

    offices: list[Legislator] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    district: int | None = None

    @property
    def needs_attention(self) -> bool:
        """True when the row must be fixed for the constituent to get every letter."""
        return bool(self.problems)


def match_offices(constituent: Constituent,
                  legislators: Iterable[Legislator] | OfficeIndex,
                  zip_districts: Mapping[str, frozenset[tuple[str, int]]] | None = None) -> Match:
    """Find the constituent's two senators and House member (LETTER-CONVENTIONS.md).

    Senators by state (none for DC and the territories). The House member by state and
    district: the row's District value when given, else district 0 for an at-large
    state or a territory, else the one district of the ZIP in ``zip_districts``
    (default: the bundled table). Returns a Match; never raises for a bad row:

    - a ZIP in several districts of the state: senators only, and a problem naming the
      candidate districts;
    - a District value the ZIP contradicts (the ZIP lies wholly in another district, or
      in several that do not include it; a ZIP split between districts accepts any of
      them): no letter, and a problem naming both values (the ZIP table of a state
      whose map was redrawn since is not trusted: a notice instead);
    - a ZIP not in the state given, an unknown state, a bad ZIP, a missing name or a
      missing street, city or ZIP, a cell reading could not settle
      (``Constituent.problems``): no letter (the sender block and the match need them);
    - a district with no member in ``legislators``: a notice (a vacant seat).
    """
    index = legislators if isinstance(legislators, OfficeIndex) else OfficeIndex.build(legislators)
    table = load_zip_districts() if zip_districts is None else zip_districts
    c = constituent
    match = Match()
    problems = match.problems
    problems += c.problems
    if not c.name:
        problems.append(f"{c.where('last_name')}: no name: fill in First Name and Last Name (or Name)")
    elif not c.last_name and len(c.full_name.split()) < 2:
        problems.append(f"{c.where('last_name')}: no last name: a letter is signed with the "
                        "writer's full name")
    missing = [(name, label) for name, label, value in (
        ("street", "street", c.street), ("city", "city", c.city), ("zip", "ZIP", c.zip))
        if not value]
    if missing:
        labels = [label for _, label in missing]
        said = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" and {labels[-1]}"
        problems.append(f"{c.where(missing[0][0])}: the postal address has no {said}: offices "
                        "answer only letters that give the writer's full address")
    if c.problems:
        return match
    if c.state not in STATES:
        problems.append(f"{c.where('state')}: State {c.state!r} is not a U.S. state or territory code"
                        if c.state else f"{c.where('state')}: no State")
        return match
    zip5 = ""
    if c.zip:
        if normalize_zip(c.zip) is None:
            problems.append(f"{c.where('zip')}: {zip_problem(c.zip)}")
        else:
            zip5 = c.zip[:5]
    candidates = table.get(zip5, frozenset()) if zip5 else frozenset()
    in_state = sorted(d for s, d in candidates if s == c.state)
    if candidates and not in_state:
        states = ", ".join(sorted({s for s, _ in candidates}))
        problems.append(f"{c.where('zip')}: ZIP {zip5} is in {states}, not {c.state}: check the State "
                        "and the ZIP")
    if problems:
        return match
    if c.district is not None and in_state and c.district not in in_state \
            and valid_district(c.state, c.district) and c.state not in index.redrawn:
        # the District column contradicts the ZIP: stop the row, as for a state/ZIP one
        lies = ", ".join(district_label(c.state, d) for d in in_state)
        lies = f"lies wholly in {lies}" if len(in_state) == 1 else f"lies in {lies} only"
        problems.append(f"{c.where('district')}: District {c.district_given!r} is "
                        f"{district_label(c.state, c.district)}, but ZIP {zip5} {lies}: check "
                        "the District and the ZIP")
        return match
    if c.state not in NO_SENATORS:
        senators = index.senators.get(c.state, ())
        gone = [leg for leg in index.ended.get(c.state, ()) if leg.chamber == "senate"]
        match.notices += [_ended_notice(c.where("state"), leg) for leg in gone]
        if not senators and not gone:
            problems.append(f"{c.where('state')}: no senator for {c.state} in the contacts")
        match.offices += senators
    district = None
    if c.district_given:
        if c.district is None:
            problems.append(f"{c.where('district')}: District {c.district_given!r} is not a district of "
                            f"{c.state} (write 7, {c.state}-7, or AL for at-large)")
        elif not valid_district(c.state, c.district):
            seats = STATES[c.state][1]
            rule = "is at-large (district 0)" if seats <= 1 else f"has districts 1 to {seats}"
            problems.append(f"{c.where('district')}: District {c.district_given!r} does not exist: "
                            f"{c.state} {rule}")
        else:
            district = c.district
            if in_state and district not in in_state:   # a redrawn state's ZIP table
                match.notices.append(
                    f"{c.where('district')}: District {c.district_given} is used, though ZIP {zip5} lies in "
                    f"{', '.join(district_label(c.state, d) for d in in_state)}")
    elif is_at_large(c.state):
        district = 0
    elif in_state and c.state in index.redrawn:
        problems.append(f"{c.where('zip')}: {index.redrawn[c.state]}: the district is not "
                        f"taken from ZIP {zip5}; add a District column value, or import a "
                        "current table ('advocacy contacts import-districts')")
    elif len(in_state) == 1:
        district = in_state[0]
    elif in_state:
        problems.append(f"{c.where('zip')}: ZIP {zip5} lies in districts "
                        f"{', '.join(district_label(c.state, d) for d in in_state)}: "
                        "add a District column value")
    else:
        problems.append(f"{c.where('zip')}: ZIP {zip5} is not in the ZIP-to-district table (a PO box "
                        "or business ZIP?): add a District column value")
    if district is not None:
        match.district = district
        member = index.house.get((c.state, district))
        gone = [leg for leg in index.ended.get(c.state, ())
                if leg.chamber == "house" and leg.district == district]
        match.notices += [_ended_notice(c.where("district"), leg) for leg in gone]
        if member is None and gone:
            pass
        elif member is None:
            match.notices.append(f"{c.where('district')}: {district_label(c.state, district)} is vacant (no "
                                 "member in the contacts): no House letter")
        else:
            match.offices.append(member)
    return match


def _ended_notice(where: str, leg: Legislator) -> str:
    """The report line for a member left out because their term ended."""
    return (f"{where}: {leg.full_name or leg.last_name} ({leg.bioguide_id}): term ended on "
            f"{leg.term_end}: no letter; run 'advocacy contacts update' for the member now "
            "in office")

