"""contacts update: the four upstream YAML files fetched, checked as one set, converted and compared.

From unitedstates/congress-legislators (legislators-current, committee-membership-current,
committees-current, legislators-district-offices): ``fetch`` downloads them (or reads a
folder), ``parse`` checks each file's shape, ``convert`` turns the set into the CSV tables
the toolkit reads (``DataSet``), ``diff`` says what changed by member against the data in
use, ``refusal`` stops an update that looks truncated, and ``install_set`` makes it a new
data version (``datastore.install``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from toolkit.congress.capitol import parse_office
from toolkit.congress.datastore import (DataError, congress_end, congress_of, data_file, install)
from toolkit.congress.states import STATES, valid_district
from toolkit.congress.tables import read_table


UPSTREAM_FILES = ("legislators-current.yaml", "committee-membership-current.yaml",
                  "committees-current.yaml", "legislators-district-offices.yaml")


DEFAULT_BASE_URL = "https://unitedstates.github.io/congress-legislators/"


#: Seconds a download may take before it is given up.
TIMEOUT = 30


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
