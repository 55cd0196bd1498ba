"""Which office a letter goes to: Washington, or the member's district office nearest the writer.

Mail to Washington offices is screened and irradiated, which delays it by one to three
weeks; mail to district and state offices is not, and members' own offices ask
constituents to write there (LETTER-CONVENTIONS.md, "Addresses and ZIP codes"). With
``--office district``:

- a constituent's letter goes to the office of that member nearest the constituent's
  ZIP code (without a ZIP code: the first listed office, with a notice);
- an organization's letter goes to the office nearest the sender's ZIP code when the
  sender is in the member's state, else to the member's first listed office;
- a member with no district office on file gets the Washington address, with a notice
  naming the member.

"Nearest" is the great-circle distance between the ZIP code's centroid (the Census
Bureau's ZCTA gazetteer, bundled as ``contacts/zip-centroids.csv``) and the office's
latitude and longitude (``contacts/district-offices.csv``; an office without them is
placed at its own ZIP code's centroid). A ZIP code the gazetteer does not know (a PO box
or business ZIP) is matched to an office in the same ZIP code, else the first listed
office, with a notice. The inside address keeps the member's name and chamber line and
takes the office's street, suite, city, state and ZIP; the salutation is unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from toolkit import address
from toolkit.contacts import Legislator, bundled_path
from toolkit.errors import ContactsError

if TYPE_CHECKING:
    from toolkit.packet import DistrictOffice

#: Values of ``--office``.
OFFICES = ("washington", "district")
#: Mean Earth radius in kilometres (great-circle distances).
EARTH_KM = 6371.0
_CITY_LINE = re.compile(r"(?:^|[\s,])([A-Z]{2})\s+(\d{5})(?:-\d{4})?\s*$")


@dataclass(frozen=True)
class OfficeChoice:
    """Where one letter goes: ``office`` None for Washington, else the DistrictOffice.

    ``notice`` says why, when the choice needs explaining (no district office on file,
    a ZIP code without a centroid); "" otherwise.
    """

    office: DistrictOffice | None = None
    notice: str = ""

    @property
    def label(self) -> str:
        """The manifest's ``office`` value: ``washington`` or ``district: Cullman, AL``."""
        if self.office is None:
            return "washington"
        return f"district: {self.office.city}, {self.office.state}"


@functools.lru_cache(maxsize=4)
def load_zip_centroids(path: str | Path | None = None) -> dict[str, tuple[float, float]]:
    """Read a ZIP centroid table: ``{ZIP5: (latitude, longitude)}`` in degrees.

    Default: the bundled ``contacts/zip-centroids.csv`` (columns ``zcta, lat, lon``, from
    the Census Bureau's 2023 ZCTA gazetteer; see contacts/README.md). Read once per path.
    Read with contacts.read_sheet. Raises ContactsError for a missing or unreadable
    file, missing columns or a value that is not a number.
    """
    from toolkit.contacts import read_sheet

    sheet = read_sheet(Path(path) if path is not None else bundled_path("zip-centroids.csv"))
    missing = {"zcta", "lat", "lon"} - set(sheet.headers)
    if missing:
        raise ContactsError(f"{sheet.path}: no column {', '.join(sorted(missing))}; the ZIP "
                            "centroid table needs zcta, lat, lon")
    table: dict[str, tuple[float, float]] = {}
    for number, cells in sheet.rows:
        try:
            table[cells["zcta"].zfill(5)] = (float(cells["lat"]), float(cells["lon"]))
        except ValueError as exc:
            raise ContactsError(f"{sheet.path}:{number}: not a latitude/longitude: "
                                f"{exc}") from exc
    return table


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance in kilometres between two (lat, lon) in degrees."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))


def sender_place(lines: Sequence[str]) -> tuple[str, str]:
    """(state, ZIP5) from the last address line that ends "ST 12345[-6789]", else ("", "")."""
    for line in reversed(lines):
        match = _CITY_LINE.search(line.strip())
        if match:
            return match[1], match[2]
    return "", ""


def _who(leg: Legislator) -> str:
    return f"{address.official_name(leg)} ({leg.bioguide_id}, {address.short_label(leg)})"


def nearest_office(leg: Legislator, offices: Sequence, zip5: str,
                   centroids: Mapping[str, tuple[float, float]] | None = None) -> OfficeChoice:
    """The office among ``offices`` (one member's, non-empty) nearest ZIP code ``zip5``.

    Distances from the ZIP's centroid to each office's latitude/longitude (or, when the
    office has none, its own ZIP's centroid); ties go to the office listed first. A ZIP
    without a centroid: the first office with the same ZIP, else the first listed, with
    a notice.
    """
    table = load_zip_centroids() if centroids is None else centroids
    origin = table.get(zip5[:5])
    if origin is None:
        same = next((o for o in offices if o.zip[:5] == zip5[:5]), None)
        return OfficeChoice(same or offices[0],
                            f"ZIP {zip5} has no centroid in the ZCTA gazetteer: the letter to "
                            f"{_who(leg)} goes to its {'office in the same ZIP' if same else 'first listed office'}"
                            f" ({(same or offices[0]).city_line})")
    ranked, placed = [], []
    for index, office in enumerate(offices):
        point = (office.latitude, office.longitude) if office.latitude is not None else None
        if point is None:
            point = table.get(office.zip[:5])
            if office.problem and point is not None:
                placed.append(f"{office.problem}: the office in {office.city} is placed at "
                              f"ZIP {office.zip[:5]}'s centroid")
        if point is not None:
            ranked.append((distance_km(origin, point), index, office))
    if not ranked:
        return OfficeChoice(offices[0], f"no office of {_who(leg)} has a known position: "
                                        f"the letter goes to its first listed office "
                                        f"({offices[0].city_line})")
    return OfficeChoice(min(ranked, key=lambda item: item[:2])[2], "; ".join(placed))


def choose_office(leg: Legislator, district_offices: Mapping[str, Sequence], office: str, *,
                  zip5: str = "", state: str = "", constituent: bool = False,
                  centroids: Mapping[str, tuple[float, float]] | None = None) -> OfficeChoice:
    """Choose the office a letter to ``leg`` goes to (the rules in this module's docstring).

    ``office``: ``washington`` or ``district``. ``zip5``/``state``: where the writer is
    (the constituent's ZIP, or the sender's). ``constituent``: a constituent's letter
    (nearest office always) rather than an organization's (nearest only when ``state``
    is the member's). Returns an OfficeChoice; raises ValueError for another ``office``.
    """
    if office not in OFFICES:
        raise ValueError(f"office must be one of {', '.join(OFFICES)}, not {office!r}")
    if office == "washington":
        return OfficeChoice()
    mine = tuple(district_offices.get(leg.bioguide_id, ()))
    if not mine:
        return OfficeChoice(None, f"{_who(leg)} has no district office on file: the letter "
                                  "is addressed to the Washington office")
    if zip5 and (constituent or state == leg.state):
        return nearest_office(leg, mine, zip5, centroids)
    if constituent:
        return OfficeChoice(mine[0], f"no ZIP code to find the nearest office: the letter to "
                                     f"{_who(leg)} goes to its first listed office "
                                     f"({mine[0].city_line})")
    return OfficeChoice(mine[0])


def office_lines(leg: Legislator, choice: OfficeChoice,
                 chamber_line_first: bool = True) -> tuple[str, ...]:
    """The inside address for ``choice`` (address.inside_address): Washington's, or the
    member's name and chamber line over the district office's street and city line."""
    return address.inside_address(leg, chamber_line_first, choice.office)


def address_context(context: dict, leg: Legislator, choice: OfficeChoice,
                    chamber_line_first: bool = True) -> dict:
    """A letter's merge fields (tailor.build_context) with ``member.inside_address`` set to
    the chosen office; the salutation and everything else unchanged."""
    if choice.office is None:
        return context
    member = dataclasses.replace(context["member"],
                                 inside_address=office_lines(leg, choice, chamber_line_first))
    return {**context, "member": member}


def for_organization(targets: Sequence[Legislator], sender_address: Sequence[str], office: str,
                     district_offices: Mapping[str, Sequence] | None = None
                     ) -> dict[str, OfficeChoice]:
    """The office of each target for an organization's letter: bioguide ID -> OfficeChoice.

    ``sender_address``: the campaign's sender address lines (their last "ST 12345" gives
    the sender's state and ZIP). ``district_offices`` default: the data in use's (read
    only for ``office`` ``district``).
    """
    if office == "district" and district_offices is None:
        from toolkit.packet import load_district_offices

        district_offices = load_district_offices()
    state, zip5 = sender_place(sender_address)
    return {leg.bioguide_id: choose_office(leg, district_offices or {}, office, zip5=zip5,
                                           state=state) for leg in targets}


def for_constituents(constituents: Sequence, legislators: Sequence[Legislator], office: str,
                     district_offices: Mapping[str, Sequence] | None = None,
                     day: dt.date | None = None
                     ) -> tuple[list[tuple[Legislator, OfficeChoice]], list[tuple], list[str]]:
    """Every distinct office constituents write to (their senators' and House member's).

    Offices are matched by ``constituents.match_offices`` and chosen per constituent as
    ``choose_office`` says. Returns (``(member, choice)`` pairs once each, in document
    order then first use; ``(constituent, problems)`` for every row that did not get
    every office, as ``ConstituentPlan.attention``; notices).
    Members whose term ended before ``day`` (default today) are not offices to write to.
    """
    from toolkit.constituents import OfficeIndex, match_offices
    from toolkit.pipeline import sort_key

    if office == "district" and district_offices is None:
        from toolkit.packet import load_district_offices

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
    ordered = sorted(pairs.values(), key=lambda pair: sort_key(pair[0]))
    return ordered, attention, notices
