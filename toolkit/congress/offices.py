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

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence
from toolkit.congress.model import Legislator, official_name, short_label
from toolkit.congress.datastore import bundled_path
from toolkit.errors import ContactsError
from toolkit.congress.tables import read_table



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
    Raises ContactsError for a missing or unreadable file, missing columns or a value
    that is not a number.
    """
    source = Path(path) if path is not None else bundled_path("zip-centroids.csv")
    rows = read_table(source)
    missing = {"zcta", "lat", "lon"} - set(rows[0][1] if rows else ())
    if missing and rows:
        raise ContactsError(f"{source}: no column {', '.join(sorted(missing))}; the ZIP "
                            "centroid table needs zcta, lat, lon")
    table: dict[str, tuple[float, float]] = {}
    for number, cells in rows:
        try:
            table[cells["zcta"].zfill(5)] = (float(cells["lat"]), float(cells["lon"]))
        except ValueError as exc:
            raise ContactsError(f"{source}:{number}: not a latitude/longitude: "
                                f"{exc}") from exc
    return table


def _distances_from(a: tuple[float, float]):
    """``distance_km(a, b)`` as a function of ``b``, with ``a``'s part worked out once
    (the same operations in the same order: the same floats)."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    cos1 = math.cos(lat1)

    def distance(b: tuple[float, float]) -> float:
        lat2, lon2 = math.radians(b[0]), math.radians(b[1])
        h = (math.sin((lat2 - lat1) / 2) ** 2
             + cos1 * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
        return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))

    return distance


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
    return f"{official_name(leg)} ({leg.bioguide_id}, {short_label(leg)})"


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
    distance = _distances_from(origin)
    for index, office in enumerate(offices):
        point = (office.latitude, office.longitude) if office.latitude is not None else None
        if point is None:
            point = table.get(office.zip[:5])
            if office.problem and point is not None:
                placed.append(f"{office.problem}: the office in {office.city} is placed at "
                              f"ZIP {office.zip[:5]}'s centroid")
        if point is not None:
            ranked.append((distance(point), index, office))
    if not ranked:
        return OfficeChoice(offices[0], f"no office of {_who(leg)} has a known position: "
                                        f"the letter goes to its first listed office "
                                        f"({offices[0].city_line})")
    # (distance, index, office): the index breaks ties and is never equal, so the office
    # itself is never compared
    return OfficeChoice(min(ranked)[2], "; ".join(placed))


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


@dataclass(frozen=True)
class DistrictOffice:
    """A member's office in the state or district (from ``contacts/district-offices.csv``).

    ``latitude``/``longitude``: the office's position in degrees, None when not on file
    or not readable; ``problem`` then says what was read, where (``file:row:column``).
    """

    city: str
    state: str
    address: str = ""
    suite: str = ""
    building: str = ""
    zip: str = ""
    phone: str = ""
    latitude: float | None = None
    longitude: float | None = None
    problem: str = ""

    @property
    def street(self) -> str:
        """The street line: address, suite and building ("205 4th Ave. NE, Suite 104")."""
        suite = self.suite
        if suite and re.fullmatch(r"[A-Z]?-?\d+[A-Z]?", suite):
            suite = f"Suite {suite}"
        return ", ".join(p for p in (self.address, suite, self.building) if p)

    @property
    def city_line(self) -> str:
        """``Cullman, AL 35055``."""
        return f"{self.city}, {self.state} {self.zip}".strip().rstrip(",")


def load_district_offices(path: str | Path | None = None) -> dict[str, tuple[DistrictOffice, ...]]:
    """Read district offices into ``{bioguide ID: (DistrictOffice, ...)}``, in file order.

    Columns ``bioguide_id, city, state, address, suite, building, zip, phone`` and
    optionally ``latitude, longitude`` (degrees); default: the
    ``district-offices.csv`` of the data in use (congress-legislators, CC0). A coordinate that is
    not a number in range is not used (the office keeps ``problem``; offices.py then
    places it at its ZIP code and says so). Raises ContactsError for a missing or
    unreadable file.
    """
    from toolkit.congress.datastore import data_file

    source = path or data_file("district-offices.csv")
    offices: dict[str, list[DistrictOffice]] = {}
    for number, cells in read_table(source):
        bioguide = cells.get("bioguide_id", "").upper()
        if not bioguide:
            continue
        position, problem = [], ""
        for column, limit in (("latitude", 90.0), ("longitude", 180.0)):
            text = cells.get(column, "")
            try:
                value = float(text) if text else None
            except ValueError:
                value = None
            if text and (value is None or not -limit <= value <= limit):
                problem = (f"{source}:{number}:{column}: {text!r} is not a {column} in "
                           f"degrees (-{limit:g} to {limit:g})")
                value = None
            position.append(value)
        if None in position:
            position = [None, None]
        offices.setdefault(bioguide, []).append(DistrictOffice(
            cells.get("city", ""), cells.get("state", ""), cells.get("address", ""),
            cells.get("suite", ""), cells.get("building", ""), cells.get("zip", ""),
            cells.get("phone", ""), *position, problem))
    return {k: tuple(v) for k, v in offices.items()}

