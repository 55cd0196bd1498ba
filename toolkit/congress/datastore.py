"""The congress data in use: the bundled snapshot, or a version downloaded into the user's data folder.

Upstream is ``unitedstates/congress-legislators`` (CC0): four YAML files
(``UPSTREAM_FILES``), read as one set, validated, and converted to the CSV forms the
toolkit reads (``DATA_FILES``). Each accepted version is kept side by side in
``<data folder>/versions/<id>/``; the file ``<data folder>/current`` names the version in
use and the ones before it (for ``rollback``). A version is written to a temporary
folder and renamed into place, and ``current`` is replaced atomically, so the data in use
is never half-written. The data folder is ``$ADVOCACY_DATA_DIR`` when set, else
platformdirs' user data folder for "advocacy". With no version installed the bundled
snapshot (``contacts/``) is in use; it is never modified.

Term dates: the one rule for "no longer in office" is ``term_ended``: a member whose
current term ends before the letter date is not written to.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
import yaml
from toolkit.congress.states import ordinal
from toolkit.congress.model import Legislator
from toolkit.congress.tables import read_table
from toolkit.errors import ToolkitError
from toolkit.congress.states import STATES, valid_district

from importlib import resources
from typing import TYPE_CHECKING
if TYPE_CHECKING:  # pragma: no cover
    pass



UPSTREAM_FILES = ("legislators-current.yaml", "committee-membership-current.yaml",
                  "committees-current.yaml", "legislators-district-offices.yaml")


DEFAULT_BASE_URL = "https://unitedstates.github.io/congress-legislators/"


#: Seconds a download may take before it is given up.
TIMEOUT = 30


VERSION_FILE = "data-version.json"


#: Files of a data version, in the forms the toolkit reads.
DATA_FILES = ("legislators-current.csv", "legislator-terms.csv", "committee-membership.csv",
              "district-offices.csv", VERSION_FILE)


#: Refuse a set that drops more than this share of the members in use (unless --new-congress).
MAX_DROPPED = 0.25


CHAMBER_MAIN = {"sen": "U.S. Senate, Washington, DC 20510",
                "rep": "U.S. House of Representatives, Washington, DC 20515"}


LEGISLATOR_COLUMNS = ("last_name", "first_name", "middle_name", "suffix", "nickname", "full_name",
                      "gender", "type", "state", "district", "senate_class", "party", "url",
                      "address", "phone", "bioguide_id", "govtrack_id")


TERM_COLUMNS = ("bioguide_id", "govtrack_id", "term_start", "term_end")


SEAT_COLUMNS = ("bioguide_id", "committee_id", "committee_name", "chamber", "role")


OFFICE_COLUMNS = ("bioguide_id", "city", "state", "address", "suite", "building", "zip", "phone",
                  "latitude", "longitude")


class DataError(ToolkitError):
    """A downloaded data set cannot be used, or the data folder cannot be changed."""


def data_root() -> Path:
    """The user's data folder: ``$ADVOCACY_DATA_DIR``, else platformdirs' user data folder."""
    env = os.environ.get("ADVOCACY_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("advocacy", appauthor=False))


def _pointer() -> dict:
    """The ``current`` file: ``{"current": id or None, "history": [older ids, newest last]}``."""
    path = data_root() / "current"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"current": None, "history": []}
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: the pointer to the data in use cannot be read ({exc}); "
                        "run 'advocacy contacts rollback' or delete it to use the bundled data")
    return {"current": data.get("current"), "history": list(data.get("history", []))}


def _write_pointer(pointer: dict) -> None:
    """Replace ``current`` atomically (temporary file in the same folder, then rename)."""
    root = data_root()
    root.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".current-", dir=root)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(pointer, out, indent=1)
    os.replace(temp, root / "current")


def version_dir() -> Path | None:
    """The folder of the downloaded version in use, or None when the bundled data is in use."""
    current = _pointer()["current"]
    if not current:
        return None
    folder = data_root() / "versions" / current
    if not (folder / VERSION_FILE).is_file():
        raise DataError(f"{folder}: the data version in use is missing or incomplete; run "
                        "'advocacy contacts rollback'")
    return folder


def data_file(name: str) -> Path:
    """The file ``name`` (``legislators-current.csv``, ...) of the data in use.

    From the version in use when it has the file, else the bundled one.
    """
    folder = version_dir()
    if folder is not None and (folder / name).is_file():
        return folder / name
    return bundled_path(name)


@dataclass(frozen=True)
class DataVersion:
    """What a data version describes. ``congress`` is its Congress number (119), which
    ends at noon on ``congress_end``; ``zip_congress`` is the Congress of the ZIP table's
    map; ``date`` the snapshot, download or copy date; ``source`` where it came from
    (an upstream commit, a URL or a folder); ``files_modified`` the newest upstream
    file's modification date when copied from a folder ("" otherwise)."""

    id: str
    source: str
    date: str
    congress: int
    congress_end: dt.date
    zip_congress: int
    members: int = 0
    seats: int = 0
    bundled: bool = False
    files_modified: str = ""
    origin: str = ""

    @property
    def dated(self) -> str:
        """``date`` with what it means: "2026-11-29 (downloaded)"; for a copy from a folder,
        how old its files are, since the copy's date says nothing of the data's.
        ``origin`` ("download", "folder", "" for the snapshot) says which."""
        if self.origin == "download":
            return f"{self.date} (downloaded)"
        if self.origin != "folder":
            return f"{self.date} (snapshot)"
        return (f"{self.date} (copied from the folder; its newest file was modified on "
                f"{self.files_modified or 'an unknown date'}, so the data is no newer than that)")

    @property
    def label(self) -> str:
        """How a report or the manifest names it: ``bundled dfa9622 (2026-06-15)``."""
        return self.id if not self.bundled else f"{self.id} ({self.date})"


def _version_from(data: dict, bundled: bool) -> DataVersion:
    return DataVersion(data["id"], data["source"], data["date"], int(data["congress"]),
                       dt.date.fromisoformat(data["congress_end"]), int(data["zip_congress"]),
                       int(data.get("members", 0)), int(data.get("seats", 0)), bundled,
                       data.get("files_modified", ""), data.get("origin", ""))


def current_version() -> DataVersion:
    """The DataVersion of the data in use (``data-version.json``)."""
    path = data_file(VERSION_FILE)
    return _version_from(json.loads(path.read_text(encoding="utf-8")), version_dir() is None)


def versions() -> list[str]:
    """The ids of the versions kept in the data folder, oldest first."""
    folder = data_root() / "versions"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_terms(path: Path | None = None) -> dict[str, tuple[dt.date, dt.date]]:
    """``{bioguide ID: (term start, term end)}`` of the data in use (``legislator-terms.csv``)."""
    sheet = read_table(path or data_file("legislator-terms.csv"))
    return {cells["bioguide_id"].upper(): (dt.date.fromisoformat(cells["term_start"]),
                                           dt.date.fromisoformat(cells["term_end"]))
            for _, cells in sheet}


def with_terms(legislators: Iterable[Legislator], path: Path | None = None) -> list[Legislator]:
    """``legislators`` with ``term_end`` set from the terms of the data in use."""
    terms = load_terms(path)
    return [dataclasses.replace(leg, term_end=terms[leg.bioguide_id][1])
            if leg.bioguide_id in terms else leg for leg in legislators]


def term_ended(leg: Legislator, day: dt.date | None) -> bool:
    """True when ``leg``'s current term ended before ``day`` (default today): not written to.

    The one rule for members who have left (pipeline.select_targets and
    constituents.OfficeIndex use it). A member without a known term end (a user's own
    spreadsheet) is kept.
    """
    return leg.term_end is not None and leg.term_end < (day or dt.date.today())


def left_out_line(ended: list[Legislator], day: dt.date | None, among: str = "") -> str:
    """The summary line for members left out because their terms ended, or "".

    ``among``: what they were counted among, e.g. "199 selected" ("158 of 199 selected
    member(s) left out").
    """
    if not ended:
        return ""
    ends = sorted({leg.term_end for leg in ended})
    when = ", ".join(d.isoformat() for d in ends)
    return (f"{len(ended)}{f' of {among}' if among else ''} member(s) left out: their terms "
            "ended before "
            f"{(day or dt.date.today()).isoformat()} (on {when}); run 'advocacy contacts "
            "update' for the members now in office")


def stale_warning(day: dt.date | None, own_contacts: Path | None = None) -> str:
    """The one-line warning every command prints first when ``day`` (default today) is
    past the end of the data's Congress, or before its start (a Congress runs from noon on
    3 January of an odd year for two years), or "" when it is in it.

    Names the date, the Congress and how many members' terms have ended. With
    ``own_contacts`` (a user's ``--contacts`` sheet, which has no term dates) says so.
    """
    day = day or dt.date.today()
    version = current_version()
    began = version.congress_end.replace(year=version.congress_end.year - 2)
    if day < began:
        return (f"Warning: the letter date {day} is before the data's Congress began (the "
                f"{ordinal(version.congress)} Congress began on {began}): letters go to "
                "its members, who may not have served on that date")
    if day <= version.congress_end:
        return ""
    congress = f"the {ordinal(version.congress)} Congress ended on {version.congress_end}"
    if own_contacts is not None:
        return (f"Warning: the letter date {day} is past the data's Congress ({congress}), "
                f"and {own_contacts} has no term dates: members who have left cannot be "
                "told apart; check the sheet, or leave out --contacts after 'advocacy "
                "contacts update'")
    terms = load_terms()
    ended = sum(1 for end in terms.values() if end[1] < day)
    return (f"Warning: the letter date {day} is past the data's Congress ({congress}; data "
            f"{version.label}): {ended} of its {len(terms)} members' terms have ended and "
            f"they are left out; the committee seats of the others are the "
            f"{ordinal(version.congress)} Congress's; run 'advocacy contacts update'")


def congress_of(start: dt.date) -> int:
    """The Congress that began on ``start`` (the 119th began on 3 January 2025).

    A Congress begins on 3 January of an odd year (20th Amendment); ``start`` may be a
    few days later for a member sworn in late.
    """
    return (start.year - 1789) // 2 + 1 if start.year % 2 else (start.year - 1790) // 2 + 1


def congress_end(congress: int) -> dt.date:
    """The day the Congress ends (at noon): 3 January of the year after its second."""
    return dt.date(1789 + 2 * congress, 1, 3)


def fetch(base_url: str | None = None, from_dir: Path | None = None) -> dict[str, bytes]:
    """The four upstream files as bytes, from ``from_dir`` or downloaded from ``base_url``
    (default ``DEFAULT_BASE_URL``), each within ``TIMEOUT`` seconds.

    Raises DataError with one line per file that cannot be had (HTTP error, timeout,
    missing file), after trying all four.
    """
    import urllib.error     # only a download needs them (about 8 ms with ssl)
    import urllib.request

    files, problems = {}, []
    for name in UPSTREAM_FILES:
        if from_dir is not None:
            try:
                files[name] = (Path(from_dir) / name).read_bytes()
            except OSError as exc:
                problems.append(f"{name}: cannot read {Path(from_dir) / name}: "
                                f"{exc.strerror or exc}")
            continue
        url = (base_url or DEFAULT_BASE_URL).rstrip("/") + "/" + name
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
                files[name] = response.read()
        except urllib.error.HTTPError as exc:
            problems.append(f"{name}: download failed: HTTP {exc.code} {exc.reason} from {url}")
        except TimeoutError:
            problems.append(f"{name}: download timed out after {TIMEOUT} s from {url}")
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                problems.append(f"{name}: download timed out after {TIMEOUT} s from {url}")
            else:
                problems.append(f"{name}: download failed: {reason} ({url})")
    if problems:
        raise DataError("the congress data was not updated; the data in use is unchanged",
                        problems)
    return files


#: What each upstream file holds: its YAML top-level type and what its items must have.
_SHAPES = {"legislators-current.yaml": (list, "a list of members with id, name and terms"),
           "committee-membership-current.yaml": (dict, "committee IDs mapped to rosters"),
           "committees-current.yaml": (list, "a list of committees with thomas_id"),
           "legislators-district-offices.yaml": (list, "a list of members with id and offices")}


def parse(name: str, data: bytes) -> object:
    """Parse one upstream file; raise DataError (one line naming the file) when it is
    empty, an HTML page, not valid YAML (e.g. truncated) or not the expected shape."""
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise DataError(f"{name}: the file is empty")
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<head", "<body")):
        raise DataError(f"{name}: an HTML page, not YAML data (wrong address, or an error "
                        "page from the server)")
    try:
        loaded = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise DataError(f"{name}: not valid YAML{where} (truncated download?)") from exc
    kind, what = _SHAPES[name]
    if not isinstance(loaded, kind):
        raise DataError(f"{name}: not a congress-legislators file: it should hold {what}")
    if name == "committee-membership-current.yaml" and all(
            isinstance(v, list) for v in loaded.values()):
        return loaded
    items = loaded if kind is list else list(loaded.values())
    keys = {"legislators-current.yaml": ("id", "name", "terms"),
            "committees-current.yaml": ("thomas_id", "name"),
            "legislators-district-offices.yaml": ("id", "offices"),
            "committee-membership-current.yaml": ()}[name]
    if kind is dict or not items or not all(isinstance(i, dict) and all(k in i for k in keys)
                                            for i in items):
        raise DataError(f"{name}: not a congress-legislators file: it should hold {what}")
    return loaded


@dataclass
class DataSet:
    """An upstream set converted to the toolkit's CSV forms (rows as dicts of text).

    ``notices``: what was kept with a caveat that needs no action (a member filed under
    a GovTrack ID); ``warnings``: what a user should know (a member with no Washington
    office yet, addressed at the chamber's main address); ``congress``: the Congress
    most House terms began with.
    """

    legislators: list[dict]
    terms: list[dict]
    seats: list[dict]
    offices: list[dict]
    congress: int
    notices: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, tuple[tuple[str, ...], list[dict]]]:
        """``{file name: (columns, rows)}`` of the CSV files of the set."""
        return {"legislators-current.csv": (LEGISLATOR_COLUMNS, self.legislators),
                "legislator-terms.csv": (TERM_COLUMNS, self.terms),
                "committee-membership.csv": (SEAT_COLUMNS, self.seats),
                "district-offices.csv": (OFFICE_COLUMNS, self.offices)}


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _member_key(ids: dict) -> tuple[str, str]:
    """(key the toolkit files the member under, GovTrack ID): the bioguide ID, else
    ``GT`` + the GovTrack ID, else ("", "")."""
    govtrack = _text(ids.get("govtrack"))
    bioguide = _text(ids.get("bioguide")).upper()
    return (bioguide or (f"GT{govtrack}" if govtrack else "")), govtrack


def convert(parsed: dict[str, object]) -> DataSet:
    """Check the four parsed upstream files as one set and convert them.

    Checks: every member has a last name, a current term with a chamber (sen/rep), a
    state, a district in range (House), start and end dates; no ID repeats; every
    committee seat names a known member and committee. Raises DataError listing every
    problem (``legislators-current.yaml: member 12 (Smith): ...``).
    """
    problems: list[str] = []
    data = DataSet([], [], [], [], 0)
    keys: set[str] = set()
    starts: dict[int, int] = {}
    for number, member in enumerate(parsed["legislators-current.yaml"], 1):
        ids, name = member.get("id") or {}, member.get("name") or {}
        last = _text(name.get("last"))
        where = f"legislators-current.yaml: member {number} ({last or 'no name'})"
        key, govtrack = _member_key(ids)
        terms = member.get("terms") or []
        term = terms[-1] if terms and isinstance(terms[-1], dict) else {}
        kind, state = _text(term.get("type")), _text(term.get("state")).upper()
        try:
            start = dt.date.fromisoformat(_text(term.get("start")))
            end = dt.date.fromisoformat(_text(term.get("end")))
        except ValueError:
            start = end = None
        found = [
            (not last, "no last name"), (not key, "no bioguide or GovTrack ID"),
            (key in keys, f"ID {key} repeats"), (not term, "no current term"),
            (bool(term) and kind not in ("sen", "rep"), f"chamber {kind!r} is not sen or rep"),
            (bool(term) and state not in STATES, f"state {state!r} is not a state code"),
            (bool(term) and start is None, "the current term has no start or end date")]
        if kind == "rep" and state in STATES:
            district = term.get("district")
            if not isinstance(district, int) or not valid_district(state, district):
                found.append((True, f"district {district!r} does not exist in {state}"))
        bad = [what for flag, what in found if flag]
        if bad:
            problems.append(f"{where}: {'; '.join(bad)}")
            continue
        keys.add(key)
        display = f"{_text(name.get('official_full')) or ' '.join(p for p in (_text(name.get('first')), last) if p)} ({key})"
        if not _text(ids.get("bioguide")):
            data.notices.append(f"{display}: no bioguide ID yet (a new member): filed under "
                                f"GovTrack ID {govtrack} as {key}")
        if not _text(term.get("address")):
            data.warnings.append(f"{display}: no Washington office yet: letters go to the "
                                 f"chamber's main address ({CHAMBER_MAIN[kind]})")
        if kind == "rep":
            starts[start.year] = starts.get(start.year, 0) + 1
        data.legislators.append({
            "last_name": last, "first_name": _text(name.get("first")),
            "middle_name": _text(name.get("middle")), "suffix": _text(name.get("suffix")),
            "nickname": _text(name.get("nickname")), "full_name": _text(name.get("official_full")),
            "gender": _text((member.get("bio") or {}).get("gender")), "type": kind,
            "state": state, "district": _text(term.get("district")) if kind == "rep" else "",
            "senate_class": _text(term.get("class")), "party": _text(term.get("party")),
            "url": _text(term.get("url")), "address": _text(term.get("address")),
            "phone": _text(term.get("phone")), "bioguide_id": key, "govtrack_id": govtrack})
        data.terms.append({"bioguide_id": key, "govtrack_id": govtrack,
                           "term_start": start.isoformat(), "term_end": end.isoformat()})
    holders: dict[tuple[str, str], list[str]] = {}
    for row in data.legislators:
        holders.setdefault((row["state"], row["district"]), []).append(row["bioguide_id"])
    for (state, district), ids in holders.items():
        if len(ids) > (2 if district == "" else 1):  # as upstream's own seat check
            seat = f"{state} senators" if district == "" else f"seat {state}-{district}"
            problems.append(f"legislators-current.yaml: {seat} held by {len(ids)} members "
                            f"({', '.join(ids)})")
    committees: dict[str, tuple[str, str]] = {}
    for committee in parsed["committees-current.yaml"]:
        parent, name = _text(committee.get("thomas_id")), _text(committee.get("name"))
        committees[parent] = (name, _text(committee.get("type")))
        for sub in committee.get("subcommittees") or []:
            sub_name = _text(sub.get("name"))
            sub_name = sub_name if "Subcommittee" in sub_name else f"Subcommittee on {sub_name}"
            committees[parent + _text(sub.get("thomas_id"))] = (f"{name}: {sub_name}",
                                                                _text(committee.get("type")))
    unknown_members: dict[str, int] = {}
    rosters = parsed["committee-membership-current.yaml"]
    ordered = [c for c in committees if c in rosters] + [c for c in rosters if c not in committees]
    for committee_id in ordered:  # in committees-current.yaml's order, as upstream's CSV
        roster = rosters[committee_id]
        if committee_id not in committees:
            problems.append(f"committee-membership-current.yaml: {committee_id}: not a "
                            "committee in committees-current.yaml")
            continue
        name, chamber = committees[committee_id]
        for seat in roster or []:
            bioguide = _text((seat or {}).get("bioguide")).upper()
            if bioguide not in keys:
                unknown_members[bioguide] = unknown_members.get(bioguide, 0) + 1
                continue
            data.seats.append({"bioguide_id": bioguide, "committee_id": committee_id,
                               "committee_name": name, "chamber": chamber,
                               "role": _text(seat.get("title")) or "Member"})
    if len(unknown_members) > 10:     # not a stray seat: the two files do not belong together
        problems.append(f"legislators-current.yaml: {len(unknown_members)} members who hold "
                        "committee seats are missing from it: it looks truncated, or from "
                        "another snapshot than committee-membership-current.yaml (each "
                        "follows)")
    problems += [f"committee-membership-current.yaml: {count} seat(s) of {bioguide or 'no ID'}, "
                 "who is not in legislators-current.yaml" for bioguide, count in unknown_members.items()]
    for entry in parsed["legislators-district-offices.yaml"]:
        key, _ = _member_key(entry.get("id") or {})
        for office in entry.get("offices") or []:
            data.offices.append({"bioguide_id": key, **{c: _text(office.get(c))
                                                         for c in OFFICE_COLUMNS[1:]}})
    if problems:
        raise DataError(f"the congress data set has {len(problems)} problem(s); the data in "
                        "use is unchanged", problems)
    data.congress = congress_of(dt.date(max(starts, key=starts.get), 1, 3)) if starts else 0
    return data


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """Write ``rows`` as a UTF-8 CSV with ``columns`` (LF line ends, minimal quoting)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@functools.lru_cache(maxsize=16)
def version_label(source: str) -> str:
    """The manifest's ``data_version`` for members read from ``source`` (a legislators file):
    the label of the data version that file belongs to (``bundled dfa9622 (2026-06-15)``,
    ``2026-11-29T21-40-00Z``), else ``own file NAME`` for a user's own sheet. Versions are
    never changed once written, so the answer is cached per path."""
    if not source:
        return ""
    folder = Path(source).parent
    info = folder / VERSION_FILE
    if not info.is_file():
        return f"own file {Path(source).name}"
    return _version_from(json.loads(info.read_text(encoding="utf-8")),
                         folder == bundled_path(VERSION_FILE).parent).label


def _seat(row: dict) -> str:
    """``Senate, WA`` or ``House, NJ-11`` (``House, VT-AL`` at-large)."""
    if row.get("type") in ("sen", "senate"):
        return f"Senate, {row['state']}"
    return f"House, {row['state']}-{'AL' if row.get('district') in ('0', '') else row['district']}"


def _describe(row: dict) -> str:
    """``Maria Cantwell (Senate, WA, C000127)``."""
    name = row.get("full_name") or " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p)
    return f"{name} ({_seat(row)}, {row['bioguide_id']})"


def _office(row: dict) -> tuple[str, str, str]:
    """(room, building, phone) of a member's Washington office as the letters print it."""
    from toolkit.congress.capitol import parse_office

    office = parse_office(row.get("address", ""), "senate" if row.get("type") == "sen" else "house")
    return office.room, office.building, row.get("phone", "")


def diff(new: DataSet) -> list[str]:
    """What ``new`` changes against the data in use, by member, one line each:
    ``joined``, ``left``, then ``changed`` (room, building, phone, party, district,
    committee seats gained and lost)."""
    old = {cells["bioguide_id"].upper(): cells
           for _, cells in read_table(data_file("legislators-current.csv"))}
    old_seats: dict[str, set[str]] = {}
    for _, cells in read_table(data_file("committee-membership.csv")):
        old_seats.setdefault(cells["bioguide_id"].upper(), set()).add(cells["committee_id"])
    new_members = {row["bioguide_id"]: row for row in new.legislators}
    new_seats: dict[str, set[str]] = {}
    for seat in new.seats:
        new_seats.setdefault(seat["bioguide_id"], set()).add(seat["committee_id"])
    lines = [f"joined: {_describe(row)}" for key, row in new_members.items() if key not in old]
    lines += [f"left: {_describe(row)}" for key, row in old.items() if key not in new_members]
    for key, row in new_members.items():
        if key not in old:
            continue
        before, changes = old[key], []
        for label, a, b in zip(("room", "building", "phone"), _office(before), _office(row)):
            if a != b:
                changes.append(f"{label} {a or '(none)'} -> {b or '(none)'}")
        if before.get("party", "") != row["party"]:
            changes.append(f"party {before.get('party') or '(none)'} -> {row['party']}")
        if (before.get("state"), before.get("district", "")) != (row["state"], row["district"]):
            changes.append(f"seat {_seat(before)} -> {_seat(row)}")
        gained = sorted(new_seats.get(key, set()) - old_seats.get(key, set()))
        lost = sorted(old_seats.get(key, set()) - new_seats.get(key, set()))
        if gained:
            changes.append(f"seats gained {', '.join(gained)}")
        if lost:
            changes.append(f"seats lost {', '.join(lost)}")
        if changes:
            lines.append(f"changed: {_describe(row)}: {'; '.join(changes)}")
    return lines


def refusal(new: DataSet) -> str:
    """Why ``new`` must not replace the data in use without ``--new-congress``, or "".

    Refused: a set whose committee rosters are empty while those in use are not (a new
    Congress empties them), and one that drops more than ``MAX_DROPPED`` of the members.
    """
    old = {cells["bioguide_id"].upper()
           for _, cells in read_table(data_file("legislators-current.csv"))}
    dropped = len(old - {row["bioguide_id"] for row in new.legislators})
    if not new.seats:
        return ("committee-membership-current.yaml: the committee rosters are empty (a new "
                "Congress refills them over weeks; committee tailoring would stop): run again "
                "with --new-congress to accept them")
    if old and dropped / len(old) > MAX_DROPPED:
        return (f"{dropped} of the {len(old)} members in use would be dropped, more than a "
                "quarter: if a new Congress has begun, check the list above and run again "
                "with --new-congress")
    return ""


def install(tables: dict[str, tuple[tuple[str, ...], list[dict]]], info: dict,
            upstream: dict[str, bytes] | None = None) -> str:
    """Keep a new version in the data folder and make it the data in use; return its id.

    ``tables`` (``{file name: (columns, rows)}``) are written as CSV; every other data
    file of the version in use (e.g. an imported ZIP table) is carried over, and files
    neither has come from the bundled data. ``info`` is merged over the version in use's
    ``data-version.json``; ``upstream`` files are kept in ``upstream/``. The version is
    written to a temporary folder and renamed to ``versions/<id>`` once complete, then
    ``current`` is replaced atomically. Raises DataError when the folder cannot be written.
    """
    root = data_root()
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    version_id = now.strftime("%Y-%m-%dT%H-%M-%SZ")
    folder = root / "versions"
    suffix = 1
    while (folder / version_id).exists():
        suffix += 1
        version_id = now.strftime("%Y-%m-%dT%H-%M-%SZ") + f"-{suffix}"
    in_use = version_dir()
    previous = json.loads(data_file(VERSION_FILE).read_text(encoding="utf-8"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
        for name in (*DATA_FILES, "zip-to-district.csv"):
            if in_use is not None and name not in tables and (in_use / name).is_file():
                shutil.copy2(in_use / name, temp / name)
        for name, (columns, rows) in tables.items():
            write_csv(temp / name, columns, rows)
        if upstream:
            (temp / "upstream").mkdir()
            for name, data in upstream.items():
                (temp / "upstream" / name).write_bytes(data)
        # "date" is the data's (an update's sets it); a new ZIP table alone keeps it
        info = {**previous, "made": now.isoformat(), **info, "id": version_id}
        (temp / VERSION_FILE).write_text(json.dumps(info, indent=1), encoding="utf-8")
        os.rename(temp, folder / version_id)
        pointer = _pointer()
        _write_pointer({"current": version_id,
                        "history": pointer["history"] + [pointer["current"]]})
    except OSError as exc:
        if "temp" in locals() and temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
        raise DataError(f"{root}: cannot write the data folder: {exc.strerror or exc}; the "
                        "data in use is unchanged") from exc
    version_label.cache_clear()
    return version_id


def install_set(new: DataSet, upstream: dict[str, bytes], source: str) -> str:
    """Install an upstream set converted by ``convert`` (``install``); return the version id.

    ``source``: the base URL, or the folder the files were read from (then the newest
    file's modification date is kept as ``files_modified``: see ``DataVersion.dated``).
    """
    downloaded = source.startswith(("http://", "https://"))
    folder = Path(source)
    stamps = [(folder / name).stat().st_mtime for name in UPSTREAM_FILES
              if not downloaded and (folder / name).is_file()]
    modified = dt.datetime.fromtimestamp(max(stamps), dt.timezone.utc).date().isoformat() \
        if stamps else ""
    return install(new.tables(), {
        "source": source, "origin": "download" if downloaded else "folder",
        "date": dt.datetime.now(dt.timezone.utc).date().isoformat(),
        "files_modified": modified, "congress": new.congress,
        "congress_end": congress_end(new.congress).isoformat(), "members": len(new.legislators),
        "seats": len(new.seats), "notices": new.notices, "warnings": new.warnings}, upstream)


def rollback() -> str:
    """Return to the version in use before the current one; return its label.

    The version left stays in the data folder. Raises DataError when there is no
    earlier version (the bundled data is in use and nothing came before).
    """
    pointer = _pointer()
    if pointer["current"] is None and not pointer["history"]:
        raise DataError("nothing to roll back: the bundled data is in use and no update was "
                        "made")
    back = pointer["history"].pop() if pointer["history"] else None
    _write_pointer({"current": back, "history": pointer["history"]})
    return current_version().label


def rosters_note(legislators: Iterable[Legislator]) -> str:
    """A summary line when the committee rosters are incomplete (fewer than two seats a
    member; a full Congress has about seven), else "": tailoring is limited and the
    letters fall back to the general version."""
    members = list(legislators)
    seats = sum(len(leg.seats) for leg in members)
    if not members or seats >= 2 * len(members):
        return ""
    return (f"the committee rosters are incomplete ({seats} seats for {len(members)} members; "
            "a full Congress has about 3,800): committee tailoring is limited and letters "
            "without a known seat use the general version; run 'advocacy contacts update' "
            "again in a few weeks")




def bundled_path(name: str) -> Path:
    """Return the path of a file bundled under ``contacts/`` (e.g. ``legislators-current.csv``)."""
    return Path(str(resources.files("toolkit.bundled_contacts").joinpath(name)))

