"""Who gets a document, and which of their offices it goes to.

``select_targets`` picks the members (the campaign's targets, or ``--all``, ``--chamber``,
``--state``, ``--committee``, ``--id``, ``--limit``), never a member whose term ended
before the letter's date. ``for_organization`` and ``for_constituents`` choose each
letter's office: Washington, or the district office nearest the writer
(``congress.offices.choose_office``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Mapping, Sequence
from toolkit.congress.model import Legislator
if TYPE_CHECKING:
    pass

from typing import Iterable
from toolkit.campaign.model import Campaign
from toolkit.errors import ToolkitError
from toolkit.congress.states import STATES

from toolkit.congress.offices import OfficeChoice, choose_office, sender_place


def for_organization(targets: Sequence[Legislator], sender_address: Sequence[str], office: str,
                     district_offices: Mapping[str, Sequence] | None = None
                     ) -> dict[str, OfficeChoice]:
    """The office of each target for an organization's letter: bioguide ID -> OfficeChoice.

    ``sender_address``: the campaign's sender address lines (their last "ST 12345" gives
    the sender's state and ZIP). ``district_offices`` default: the data in use's (read
    only for ``office`` ``district``).
    """
    if office == "district" and district_offices is None:
        from toolkit.congress.offices import load_district_offices

        district_offices = load_district_offices()
    state, zip5 = sender_place(sender_address)
    return {leg.bioguide_id: choose_office(leg, district_offices or {}, office, zip5=zip5,
                                           state=state) for leg in targets}


def for_constituents(constituents: Sequence, legislators: Sequence[Legislator], office: str,
                     district_offices: Mapping[str, Sequence] | None = None,
                     day: dt.date | None = None, per_letter: list | None = None
                     ) -> tuple[list[tuple[Legislator, OfficeChoice]], list[tuple], list[str]]:
    """Every distinct office constituents write to (their senators' and House member's).

    Offices are matched by ``own_members.match_offices`` and chosen per constituent as
    ``choose_office`` says. Returns (``(member, choice)`` pairs once each, in document
    order then first use; ``(constituent, problems)`` for every row that did not get
    every office, as ``ConstituentPlan.attention``; notices).
    Members whose term ended before ``day`` (default today) are not offices to write to.
    ``per_letter``, when given, gets ``(constituent, member, choice)`` for every letter,
    in row order (each constituent's senators, then House member).
    """
    from toolkit.sheets.own_members import OfficeIndex, match_offices

    if office == "district" and district_offices is None:
        from toolkit.congress.offices import load_district_offices

        district_offices = load_district_offices()
    index = OfficeIndex.build(legislators, day)
    pairs: dict[tuple, tuple[Legislator, OfficeChoice]] = {}
    attention: list[tuple] = []
    notices: list[str] = []
    for person in constituents:
        match = match_offices(person, index)
        if match.problems:
            attention.append((person, match.problems))
        for leg in match.offices:
            choice = choose_office(leg, district_offices or {}, office, zip5=person.zip[:5],
                                   constituent=True)
            if choice.notice and choice.notice not in notices:
                notices.append(choice.notice)
            pairs.setdefault((leg.bioguide_id, choice.office), (leg, choice))
            if per_letter is not None:
                per_letter.append((person, leg, choice))
    ordered = sorted(pairs.values(), key=lambda pair: sort_key(pair[0]))
    return ordered, attention, notices


def sort_key(leg: Legislator) -> tuple:
    """Order of documents: Senate first, then by state, district, surname, bioguide ID."""
    return (leg.chamber != "senate", leg.state, leg.district or 0, leg.last_name, leg.bioguide_id)


def select_targets(legislators: Iterable[Legislator], campaign: Campaign, *,
                   everyone: bool = False, chambers: Sequence[str] = (),
                   states: Sequence[str] = (), committees: Sequence[str] = (),
                   ids: Sequence[str] = (), limit: int | None = None,
                   date: dt.date | None = None,
                   left_out: list[Legislator] | None = None,
                   passed_over: list[tuple[Legislator, str]] | None = None
                   ) -> list[Legislator]:
    """Pick the members to write to, in document order.

    By default the campaign's targets (its committees, chambers and states); options
    given override the campaign's. ``everyone`` takes every row. ``ids`` picks those
    bioguide IDs only (ToolkitError naming any unknown). Members whose term ended
    before ``date`` (default today; ``datastore.term_ended``) are left out and, when
    ``left_out`` is given, appended to it. ``limit`` keeps the first N of the rest.
    When ``passed_over`` is given, every other member the selection leaves out is
    appended to it with the reason, e.g. ``(leg, "holds no seat on SSFR09 (the
    campaign's target committees)")``, so that a run can name the rows of a user's
    sheet it did not write to.
    """
    from toolkit.congress.datastore import term_ended

    members = sorted(legislators, key=sort_key)
    states = tuple(s.strip().upper() for s in states)
    committees = tuple(c.strip().upper() for c in committees)
    unknown_states = [s for s in states if s not in STATES]
    if unknown_states:
        raise ToolkitError(f"--state {unknown_states[0]}: not a U.S. state or territory code "
                           "(two letters, e.g. WA, PR)")
    held = {seat.committee_id for leg in members for seat in leg.seats}
    unknown_committees = [c for c in committees if c not in held]
    if unknown_committees:
        from toolkit.campaign.check import committee_hint

        raise ToolkitError(f"--committee {unknown_committees[0]}: no member in the contacts "
                           "holds a seat on it"
                           f"{committee_hint(unknown_committees[0], held)}")
    skipped: list[tuple[Legislator, str]] = []
    if ids:
        wanted = [i.strip().upper() for i in ids]
        known = {leg.bioguide_id for leg in members}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            raise ToolkitError(f"--id: no member with bioguide ID {', '.join(unknown)} in the contacts")
        skipped += [(leg, "not among --id " + ", ".join(wanted)) for leg in members
                    if leg.bioguide_id not in wanted]
        members = [leg for leg in members if leg.bioguide_id in wanted]
    else:
        given = {"--committee": committees, "--chamber": tuple(chambers), "--state": states}
        if not everyone:
            targets = campaign.targets
            committees = committees or targets.committees
            chambers = tuple(chambers) or targets.chambers
            states = states or targets.states

        def source(option: str, kind: str) -> str:
            return option if given[option] else f"the campaign's target {kind}"

        kept = []
        for leg in members:
            if chambers and leg.chamber not in chambers:
                skipped.append((leg, f"not in {', '.join(chambers)} "
                                     f"({source('--chamber', 'chambers')})"))
            elif states and leg.state not in states:
                skipped.append((leg, f"not from {', '.join(states)} "
                                     f"({source('--state', 'states')})"))
            elif committees and not any(seat.committee_id in committees for seat in leg.seats):
                skipped.append((leg, f"holds no seat on {', '.join(committees)} "
                                     f"({source('--committee', 'committees')})"))
            else:
                kept.append(leg)
        members = kept
    if left_out is not None:
        left_out += [leg for leg in members if term_ended(leg, date)]
    members = [leg for leg in members if not term_ended(leg, date)]
    if limit:
        skipped += [(leg, f"past --limit {limit}") for leg in members[limit:]]
    if passed_over is not None:
        passed_over += sorted(skipped, key=lambda pair: (pair[0].row, sort_key(pair[0])))
    return members[:limit] if limit else members
