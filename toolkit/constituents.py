"""Constituents spreadsheet -> frozen ``Constituent`` records, matched to their own members.

A community group's mail merge: each constituent writes to their own two senators and
their own House member (representative, delegate or resident commissioner), because
offices discount mail from outside the state or district (LETTER-CONVENTIONS.md,
Congressional Management Foundation surveys). The spreadsheet is read with the same
machinery as the legislators (``contacts.read_sheet``: every cell as text, so a ZIP
keeps its leading zeros). The House district comes from the row's District value, else
from the bundled ZIP-to-district table (``contacts/zip-to-district.csv``, see
contacts/README.md). Nothing is guessed: a ZIP that lies in several districts gets the
senators' letters only and a report asking for a District value.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from toolkit import address
from toolkit.contacts import (FieldSpec, Legislator, column_error, map_columns,
                              normalize_zip, read_sheet, zip_problem)
from toolkit.errors import ContactsError
from toolkit.names import courtesy_split
from toolkit.states import NO_SENATORS, STATES, is_at_large, normalize_state, state_name, \
    valid_district

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.readreport import ReadReport

#: Columns of a constituents spreadsheet and the headers that feed them (compared case-
#: and punctuation-insensitively); ``--map field=Column`` overrides.
CONSTITUENT_FIELDS = (
    FieldSpec("courtesy_title", ("title", "courtesy title", "prefix", "honorific",
                                 "name prefix")),
    FieldSpec("first_name", ("first name", "first", "given name", "firstname")),
    FieldSpec("last_name", ("last name", "last", "surname", "family name", "lastname")),
    FieldSpec("full_name", ("name", "full name", "constituent", "constituent name")),
    FieldSpec("street", ("address", "street", "address 1", "address line 1", "street address",
                         "address1", "mailing address")),
    FieldSpec("street2", ("address 2", "apt", "address line 2", "apartment", "unit", "suite",
                          "address2", "apt suite")),
    FieldSpec("city", ("town", "city town")),
    FieldSpec("state", ("st", "state code", "state abbr"), True),
    FieldSpec("zip", ("zip code", "zipcode", "postal code", "zip 4", "postcode", "zip5")),
    FieldSpec("district", ("cd", "congressional district", "district number")),
    FieldSpec("email", ("e mail", "email address")),
    FieldSpec("phone", ("phone number", "telephone", "mobile", "cell")),
    FieldSpec("story", ("personal note", "note", "notes", "personal story", "message")),
)

#: Courtesy titles written without their period, and values that mean "no title".
_TITLES = {"dr": "Dr.", "mr": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "mx": "Mx.", "rev": "Rev.",
           "prof": "Prof."}
_NO_TITLE = {"none", "n a", "na", "no"}


@dataclass(frozen=True)
class Constituent:
    """One row of a constituents spreadsheet, cleaned but not judged.

    ``row`` is the spreadsheet line (the header is 1). ``state`` is the postal code when
    recognized, else the cell as written; ``zip`` is ``NNNNN`` or ``NNNNN-NNNN`` when it
    has 5 or 9 digits (with or without the hyphen), else the cell as written, always
    text. ``district`` is the row's District value as an int (0 = at-large) or None;
    ``district_given`` the cell as written. ``story`` keeps its line breaks (``\\n``).
    ``match_offices`` says what is wrong with a row; ``problems`` are what reading found
    (``readreport.apply_fields``: a formula without a saved value, a ZIP stored as a
    number that is not the state's...), each ``file:row:column: ...``.
    """

    row: int
    first_name: str = ""
    last_name: str = ""
    full_name: str = ""
    courtesy_title: str = ""
    street: str = ""
    street2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    district: int | None = None
    district_given: str = ""
    email: str = ""
    phone: str = ""
    story: str = ""
    source: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()

    def where(self, field: str) -> str:
        """Where a cell of this row is, for a report: ``file:row:column`` (``row N`` if unknown)."""
        header = dict(self.headers).get(field, field.replace("_", " "))
        return f"{self.source}:{self.row}:{header}" if self.source else f"row {self.row}"

    @property
    def name(self) -> str:
        """The name as signed: the full-name cell, else first and last name."""
        return self.full_name or " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def surname(self) -> str:
        """The last name (the full name's last word when only a full name is given)."""
        return self.last_name or (self.full_name.split()[-1] if self.full_name else "")

    @property
    def titled_name(self) -> str:
        """The name with its courtesy title, for the sender block: "Dr. Aminata Traoré"."""
        return " ".join(p for p in (self.courtesy_title, self.name) if p)

    @property
    def city_line(self) -> str:
        """The address's last line: "Springfield, IL 62701-1234"."""
        place = ", ".join(p for p in (self.city, self.state) if p)
        return " ".join(p for p in (place, self.zip) if p)

    @property
    def address_lines(self) -> tuple[str, ...]:
        """Street, second line (if any) and "City, ST ZIP"."""
        return tuple(p for p in (self.street, self.street2, self.city_line) if p)

    @property
    def contact(self) -> str:
        """"email · phone", either when given, or ""."""
        return " \u00b7 ".join(p for p in (self.email, self.phone) if p)


@dataclass(frozen=True)
class ConstituentsTable:
    """Constituents read from a file: ``columns`` maps each field to its header.

    ``notices`` says what was guessed about the file; ``warnings`` names every value the
    reading changed (``file:row:column: removed 2 control character(s)``, a restored
    ZIP, a date as Excel shows it...); ``report`` is how the file was read
    (``readreport.ReadReport``: sheet, header row, columns used and ignored).
    """

    path: Path
    constituents: tuple[Constituent, ...]
    columns: dict[str, str]
    notices: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    report: "ReadReport | None" = None


def _courtesy(value: str) -> str:
    key = " ".join(re.sub(r"[^0-9a-z]+", " ", value.lower()).split())
    if key in _NO_TITLE:
        return ""
    return _TITLES.get(key, value)


_DISTRICT = re.compile(
    r"^(?:([A-Za-z]{2})\s*[- ]?\s*)?(\d{1,2}|AL|at[- ]?large)(?:\.0+|st|nd|rd|th)?$", re.I)


def parse_district(value: str, state: str) -> int | None:
    """Read a District cell: "7", "07", "7th", "MA-7", "MA 7", "AL", "at-large", "0" -> int or None.

    At-large is 0. A state prefix must be the row's state. The district is not checked
    against the apportionment here (``match_offices`` does).
    """
    match = _DISTRICT.match(value.strip())
    if not match or (match[1] and match[1].upper() != state):
        return None
    number = match[2]
    return 0 if not number.isdigit() else int(number)


def load_constituents(path: str | Path, columns: Mapping[str, str] | None = None,
                      sheet: str | None = None, header_row: int | None = None,
                      include_hidden: bool = False) -> ConstituentsTable:
    """Read a constituents ``.csv``/``.xlsx`` (every cell as text) into a ConstituentsTable.

    Headers are matched as ``CONSTITUENT_FIELDS`` says ("First Name", "Zip Code",
    "Personal Note"...); ``columns`` (``{field: header}``, from ``--map``) overrides.
    Rows are kept even when incomplete: ``match_offices`` reports them with their row
    number. Control characters are removed from every cell as it is read
    (``contacts.clean_text``), each such cell named in ``warnings``. Raises
    ContactsError when the file cannot be read or lacks a name, state or ZIP column
    (a letter's sender block needs the ZIP). ``header_row`` and ``include_hidden`` are
    ``read_sheet``'s; cells are settled by ``readreport.apply_fields``, whose row
    problems go to ``Constituent.problems``.
    """
    from toolkit import readreport

    table = read_sheet(path, sheet, CONSTITUENT_FIELDS, header_row, include_hidden)
    mapping = map_columns(table, CONSTITUENT_FIELDS, dict(columns or {}))
    problems = []
    where = f"{table.path}:{table.header_row}"
    if "last_name" not in mapping and "full_name" not in mapping:
        problems.append(f"{where}: no column for the name (looked for 'Last Name', "
                        "'Name', 'Full Name'); name it so, or pass --map last_name=COLUMN")
    if "zip" not in mapping:
        problems.append(f"{where}: no column for the ZIP code (looked for 'ZIP', "
                        "'Zip Code', 'Postal Code'); name it so, or pass --map zip=COLUMN")
    if problems:
        raise column_error(table, CONSTITUENT_FIELDS, mapping, problems)
    table, report = readreport.apply_fields(table, CONSTITUENT_FIELDS, mapping)
    people, warnings = [], []
    for number, cells in table.rows:
        def get(name: str) -> str:
            return cells.get(mapping[name], "") if name in mapping else ""

        raw_state = get("state")
        state = normalize_state(raw_state) or raw_state if raw_state else ""
        raw_zip = get("zip")
        district_given = get("district")
        story = get("story")   # read_sheet has cleaned it: line ends are LF
        names = {"first_name": get("first_name"), "full_name": get("full_name")}
        title = _courtesy(get("courtesy_title"))
        for name_field, text in names.items():
            found, rest = courtesy_split(text)
            if found:
                title = title or _courtesy(found)
                names[name_field] = rest
                warnings.append(f"{table.path}:{number}:{mapping[name_field]}: read {text!r}, "
                                f"used {rest!r} with the courtesy title {title!r}")
        people.append(Constituent(
            row=number, first_name=names["first_name"], last_name=get("last_name"),
            full_name=names["full_name"], courtesy_title=title,
            street=get("street"), street2=get("street2"), city=get("city"), state=state,
            zip=normalize_zip(raw_zip) or raw_zip if raw_zip else "",
            district=parse_district(district_given, state) if district_given else None,
            district_given=district_given, email=get("email"), phone=get("phone"),
            story=story.strip(), source=str(table.path), headers=tuple(mapping.items()),
            problems=report.row_problems.get(number, ())))
    return ConstituentsTable(table.path, tuple(_repeats_stopped(people)), mapping,
                             table.notices, report.warnings + tuple(warnings), report)


#: Street words and their USPS abbreviations (Publication 28, C1 and C2; the common
#: ones), so that two spellings of one address compare equal.
_STREET_WORDS = {"street": "st", "avenue": "ave", "road": "rd", "drive": "dr",
                 "boulevard": "blvd", "lane": "ln", "court": "ct", "place": "pl",
                 "terrace": "ter", "circle": "cir", "highway": "hwy", "parkway": "pkwy",
                 "square": "sq", "trail": "trl", "north": "n", "south": "s",
                 "east": "e", "west": "w", "northeast": "ne", "northwest": "nw",
                 "southeast": "se", "southwest": "sw", "apartment": "apt", "suite": "ste",
                 "floor": "fl"}


def _repeats_stopped(people: list[Constituent]) -> list[Constituent]:
    """``people`` with every repeat of an earlier row stopped by a problem.

    A repeat has the same name and postal address (street, second line, city, state,
    5-digit ZIP) as an earlier row, case, spaces, punctuation and the USPS street
    abbreviations aside ("19 Church St." repeats "19 Church Street"): a second set of
    letters from one person to the same offices reads as spam, so the later row gets no
    letters until it is deleted or corrected. Rows without a name or street are left to
    ``match_offices``.
    """
    from dataclasses import replace

    def words(text: str) -> str:
        return " ".join(_STREET_WORDS.get(w, w)
                        for w in re.sub(r"[\W_]+", " ", text.casefold()).split())

    def key(c: Constituent) -> tuple[str, ...]:
        return tuple(words(text) for text in (c.name, c.street, c.street2, c.city, c.state,
                                              c.zip[:5]))

    first: dict[tuple[str, ...], Constituent] = {}
    kept = []
    for c in people:
        k = key(c)
        earlier = first.setdefault(k, c) if k[0] and k[1] else c
        if earlier is not c:
            c = replace(c, problems=c.problems + (
                f"{c.where('last_name')}: repeats row {earlier.row} (same name and "
                "address): no letters for this row, so an office does not get the same "
                "letter twice; delete the row, or correct it if it is another person",))
        kept.append(c)
    return kept


# --------------------------------------------------------------------------- ZIP table

def load_zip_districts(path: str | Path | None = None) -> dict[str, frozenset[tuple[str, int]]]:
    """Read a ZIP-to-district table: ``{ZIP5: frozenset({(state, district), ...})}``.

    Default: the table of the data in use (``datastore.data_file``; bundled:
    ``contacts/zip-to-district.csv``, ZCTA to 119th-Congress district), columns
    ``state_abbr, zcta, cd``; at-large = 0. Read once per path and cached. A ZIP in
    several districts (or states) has several pairs. Raises ContactsError for a missing
    file or missing columns.
    """
    if path is None:
        from toolkit.datastore import data_file

        path = data_file("zip-to-district.csv")
    return _read_zip_districts(Path(path))


@functools.lru_cache(maxsize=4)
def _read_zip_districts(path: Path) -> dict[str, frozenset[tuple[str, int]]]:
    """``load_zip_districts`` for one file, cached."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"state_abbr", "zcta", "cd"} - set(reader.fieldnames or ())
            if missing:
                raise ContactsError(f"{path}: no column {', '.join(sorted(missing))}; the "
                                    "ZIP-to-district table needs state_abbr, zcta, cd")
            table: dict[str, set[tuple[str, int]]] = {}
            for record in reader:
                zcta = record["zcta"].strip().zfill(5)
                table.setdefault(zcta, set()).add((record["state_abbr"].strip().upper(),
                                                   int(record["cd"])))
    except OSError as exc:
        raise ContactsError(f"{path}: cannot read the ZIP-to-district table: "
                            f"{exc.strerror or exc}") from exc
    except ValueError as exc:
        raise ContactsError(f"{path}: not a ZIP-to-district table: {exc}") from exc
    return {k: frozenset(v) for k, v in table.items()}


def district_label(state: str, district: int) -> str:
    """A district as people write it: "NY-12"; "VT-AL" for an at-large seat; "DC" for DC."""
    if state in NO_SENATORS:
        return state
    return f"{state}-{'AL' if district == 0 else district}"


# --------------------------------------------------------------------------- matching

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
        from toolkit.datastore import redrawn_states, term_ended

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
            if in_state and district not in in_state:
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


# --------------------------------------------------------------------------- letter views

@dataclass(frozen=True)
class ConstituentSigner:
    """The constituent as the letter's signer: typed name under the signature."""

    name: str
    title: str = ""


@dataclass(frozen=True)
class ConstituentView:
    """What letter.html says about the writer when ``constituent`` is set.

    ``place``: "Springfield, Illinois", with ", in Illinois's 13th congressional
    district" in a letter to a district's representative. ``connection``: what the
    constituent is to the organization, by the campaign's ``constituent_relation``: "a
    member of <organization>", "a supporter of <organization>", or "" (not said). ``story``: paragraphs (split on blank lines), each a tuple of its
    lines (the template joins them with line breaks; every line is printed as text).
    """

    name: str
    place: str
    connection: str
    story: tuple[tuple[str, ...], ...] = ()


def story_paragraphs(story: str) -> tuple[tuple[str, ...], ...]:
    """Split a story into paragraphs on blank lines, each paragraph into its lines."""
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", story.strip()):
        lines = tuple(line.strip() for line in block.split("\n") if line.strip())
        if lines:
            paragraphs.append(lines)
    return tuple(paragraphs)


def constituent_view(constituent: Constituent, leg: Legislator, organization: str,
                     relation: str = "member") -> ConstituentView:
    """The view of ``constituent`` for a letter to ``leg`` (district named for the House);
    ``relation``: "member", "supporter" or "none" (prose.RELATIONS)."""
    from toolkit.wording import RELATIONS, with_article

    name = state_name(constituent.state) if constituent.state in STATES else constituent.state
    place = ", ".join(p for p in (constituent.city, name) if p)
    if leg.chamber == "house" and leg.district and not is_at_large(leg.state):
        place += f", in {address.constituency(leg)}"
    connection = f"{RELATIONS[relation]} {with_article(organization)}" if RELATIONS[relation] else ""
    return ConstituentView(constituent.name, place, connection,
                           story_paragraphs(constituent.story))


def letter_order(constituents: Sequence[Constituent]) -> list[Constituent]:
    """Constituents in surname order (accents ignored, then first name, then row)."""
    import unicodedata

    def fold(text: str) -> str:
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()

    return sorted(constituents, key=lambda c: (fold(c.surname), fold(c.name), c.row))
