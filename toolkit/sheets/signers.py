"""A sign-on form's export -> the cleaned, checked, grouped list of a coalition letter's signatories.

Room: sheets/ (pure functions over frozen dataclasses; no rendering). The sheet is read
as every sheet is (``sheets.cells.read_sheet``, ``map_columns``, ``readreport.apply_fields``:
the header row found, ``--map``, every changed cell reported), then each row becomes a
``Signer`` and the list is cleaned before anything is printed. The rules come from
public sign-on projects (FIELD-PRACTICE.md, "Coalition sign-on letters"):

- Names are compared with case, accents, punctuation, runs of spaces and a leading
  "The" ignored (``compare_key``), never printed that way: the letter prints the name
  as the signer wrote it (runs of spaces made one, with a warning).
- The same signer twice ("ACLU of Ohio", "ACLU  of Ohio ", "aclu of ohio") is merged
  when certain (the same compared name, and no two different states; for a person,
  also the same e-mail or state) and reported; a likely duplicate that is not certain
  (a near spelling, or a near name at the same e-mail domain) is kept and listed for a
  decision: nobody is dropped in silence.
- A row that cannot be printed safely is a problem that leaves it out, reported with
  its row: an organization signer without an organization, a person without a name,
  a placeholder ("Name", "Test", "asdf"), and a federal e-mail (.gov, .mil) or official
  title: federal employees may not sign in their official capacity (Hatch Act;
  organizers remove such entries).
- ``cutoff``: rows the form stamped later are left out and counted (late signers go
  into a newer version, FIELD-PRACTICE.md).
- Order: organizations first, then individuals as a separate list; within a group,
  sorting ignores case, accents and a leading "The" (``sort_text``). Individuals sort
  by a Sort Name column when the sheet has one, else a Last Name column, else the
  surname ``nameparser`` reads ("de la Cruz", "King Jr." -> King): never the last word.

Comparing two versions of a list is ``signer_diff``; the count sentence and the printed
letter are ``documents.signon``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from toolkit.sheets.cells import read_sheet
from toolkit.sheets.columns import FieldSpec, map_columns
from toolkit.sheets.readreport import ReadReport, apply_fields
from toolkit.congress.states import normalize_state, state_name

SIGNER_FIELDS = (
    FieldSpec("organization", ("organization name", "organisation", "org", "org name",
                               "your organization", "organization or group")),
    FieldSpec("name", ("signer", "signer name", "full name", "your name", "contact name",
                       "name of signer")),
    FieldSpec("first_name", ("first name", "first", "given name")),
    FieldSpec("last_name", ("last name", "last", "surname", "family name")),
    FieldSpec("sort_name", ("sort name", "sort as", "sortname", "sort by")),
    FieldSpec("title", ("job title", "position", "signer title", "your title")),
    FieldSpec("city", ("town", "city town")),
    FieldSpec("state", ("st", "state code", "state province")),
    FieldSpec("tier", ("level", "scope", "organization type", "type of organization",
                       "organization level", "reach")),
    FieldSpec("kind", ("signing as", "signer type", "i am signing as", "sign as",
                       "individual or organization", "signature type")),
    FieldSpec("email", ("e mail", "email address", "e mail address")),
    FieldSpec("timestamp", ("submitted", "submitted at", "submission date", "date submitted",
                            "created", "created at", "time stamp")),
)

#: The usual words of sign-on forms for each tier (compared as ``compare_key`` does);
#: a campaign adds its form's own under ``signon.tier_words``.
TIER_WORDS = {
    "national": ("national", "nationwide", "national organization", "international",
                 "national international", "federal"),
    "state": ("state", "statewide", "state organization", "regional", "state regional",
              "state level"),
    "local": ("local", "community", "local organization", "city", "county", "municipal",
              "grassroots", "local chapter", "chapter"),
}
TIERS = ("national", "state", "local")
TIER_HEADINGS = {"national": "National organizations", "state": "State organizations",
                 "local": "Local organizations", "": "Other organizations"}
KINDS = ("organization", "individual")
_KIND_WORDS = {"organization": "organization", "organisation": "organization",
               "org": "organization", "an organization": "organization",
               "on behalf of an organization": "organization", "group": "organization",
               "individual": "individual", "person": "individual", "myself": "individual",
               "an individual": "individual", "as an individual": "individual",
               "individually": "individual", "personal": "individual"}
#: Names that are a form's test entries or placeholders, compared as ``compare_key``.
PLACEHOLDER_NAMES = frozenset({
    "name", "names", "test", "testing", "test test", "asdf", "asdfg", "qwerty", "xxx", "xx",
    "x", "na", "n a", "none", "null", "organization", "organisation", "org", "your name",
    "your organization", "first last", "firstname lastname", "sample", "example", "foo",
    "bar", "foo bar", "tbd", "abc", "aaa", "test org", "test organization", "jane doe",
    "john doe"})
_PLACEHOLDER_PATTERN = re.compile(r"^(?:test|asdf|qwerty|xxx)\s*\d*$")
#: Placeholder text inside a name (as drafts.py recognizes a sender's: this room does
#: not import the campaign's): "Your Organization Name", "[Name]", "<org>", "TBD".
_PLACEHOLDER_TEXT = re.compile(r"\byour\s+(?:organi[sz]ation|org|name|group)\b|\btbd\b|"
                               r"^\s*\[[^\]]*\]\s*$|^\s*<[^>]*>\s*$|\b(?:jane|john)\s+doe\b",
                               re.I)
#: Free mail domains: a shared one says nothing about who signed.
FREE_MAIL = frozenset({"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com",
                       "icloud.com", "me.com", "msn.com", "live.com", "comcast.net",
                       "protonmail.com", "proton.me", "ymail.com", "att.net", "verizon.net"})
#: Official titles of the federal government (Hatch Act: no official title on a sign-on).
_FEDERAL_TITLE = re.compile(
    r"\b(?:federal|u\.?\s?s\.?\s+(?:department|dept\.?|army|navy|air force|marine corps|"
    r"coast guard|agency|forest service|embassy|senate|house)|department of (?:state|defense|"
    r"justice|energy|the interior|interior|agriculture|commerce|labor|health and human "
    r"services|education|transportation|veterans affairs|homeland security|housing and "
    r"urban development|the treasury|treasury)|national park service|forest service|"
    r"environmental protection agency|usaid|foreign service officer)\b", re.I)
#: How forms write their timestamps (Google Forms, Action Network, spreadsheets).
_TIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                 "%Y-%m-%d", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p",
                 "%m/%d/%Y %I:%M %p", "%m/%d/%Y", "%m/%d/%y %H:%M", "%m/%d/%y")
#: Similarity (difflib ratio of compared names) for a near spelling / a near name at
#: the same e-mail domain: listed for a decision, never merged.
NEAR_SPELLING = 0.92
NEAR_SAME_DOMAIN = 0.75


# --------------------------------------------------------------------------- text rules

def _ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def compare_key(text: str) -> str:
    """``text`` as signers are compared: no accents, case, punctuation, extra spaces or
    leading "The"; "&" reads "and". "The  ACLU of Ohio " and "aclu of ohio" -> "aclu of ohio"."""
    text = _ascii_fold(text).casefold().replace("&", " and ")
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())
    return text[4:] if text.startswith("the ") else text


def sort_text(text: str) -> str:
    """``text`` as the list is sorted: case, accents and a leading "The" ignored."""
    text = " ".join(_ascii_fold(text).casefold().split())
    text = re.sub(r"^the\s+", "", text)
    return text.lstrip("\"'\u201c\u2018(")


def parse_timestamp(text: str) -> dt.datetime | None:
    """A form's timestamp as a naive datetime (as written: the form's own time zone), or None.

    Reads ISO 8601 ("2027-02-01T17:05", "2027-02-01 17:05:12"), Google Forms'
    "2/1/2027 17:05:12" (month first, as US forms write it) and the same with AM/PM; a
    trailing "UTC", "Z" or offset is ignored.
    """
    text = " ".join(text.split())
    text = re.sub(r"(?:\s*(?:UTC|GMT|Z)|[+-]\d\d:?\d\d)$", "", text, flags=re.I).strip()
    text = re.sub(r"(\d)\.\d+$", r"\1", text)   # fractions of a second
    for form in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def is_placeholder_name(text: str) -> bool:
    """True for a form's test entry or placeholder name ("Name", "Test", "asdf", "Your
    Name", "Your Organization Name", "[Organization]", "<name>", "TBD")."""
    key = compare_key(text)
    return key in PLACEHOLDER_NAMES or bool(_PLACEHOLDER_PATTERN.match(key)) or \
        bool(_PLACEHOLDER_TEXT.search(text))


def federal_problem(email: str, title: str) -> str:
    """Why a signer reads as a federal employee signing officially, or "".

    A .gov or .mil e-mail address, or an official federal title ("U.S. Department of
    State", "Federal ..."): the Hatch Act bars federal employees from signing with
    their official title or e-mail; organizers remove such entries (frames.gov).
    """
    domain = email.rsplit("@", 1)[-1].lower() if "@" in email else ""
    if domain.endswith((".gov", ".mil")):
        return (f"the e-mail {email!r} is a government (.{domain.rsplit('.', 1)[-1]}) "
                "address")
    if title and _FEDERAL_TITLE.search(title):
        return f"the title {title!r} reads as a federal official title"
    return ""


# --------------------------------------------------------------------------- records

@dataclass(frozen=True)
class Signer:
    """One signatory as read and cleaned.

    ``kind``: ``organization`` or ``individual``. ``organization``, ``name``, ``title``,
    ``city`` as written; ``state``: a postal code ("OH") or ""; ``tier``: ``national``,
    ``state``, ``local`` or "" (not said, or a word the form used that is none of them);
    ``sort_name``: what an individual is sorted by; ``timestamp``: the form's stamp
    (None when the sheet has none); ``row``: the spreadsheet row; ``rows``: every row
    merged into this one (``row`` first).
    """

    row: int
    kind: str
    organization: str = ""
    name: str = ""
    title: str = ""
    city: str = ""
    state: str = ""
    tier: str = ""
    email: str = ""
    sort_name: str = ""
    timestamp: dt.datetime | None = None
    rows: tuple[int, ...] = ()

    @property
    def display(self) -> str:
        """The name printed first: the organization's, or the person's."""
        return self.organization if self.kind == "organization" else self.name

    @property
    def key(self) -> tuple[str, str]:
        """What two rows must share to be the same signer: kind and compared name."""
        return self.kind, compare_key(self.display)

    @property
    def place(self) -> str:
        """"Columbus, OH", "OH", "Columbus" or ""."""
        return ", ".join(p for p in (self.city, self.state) if p)

    def lines(self, signer_names: bool = False) -> tuple[str, ...]:
        """The entry as printed in the signatory list, one line each.

        An organization: its name, with its city and state unless it is a national
        one; with ``signer_names``, its signer's name and title on a second line. A
        person: the name, then the title and organization given (for identification).
        """
        if self.kind == "organization":
            first = self.organization
            if self.place and self.tier != "national":
                first += f", {self.place}"
            second = ", ".join(p for p in (self.name, self.title) if p) if signer_names else ""
            return (first, second) if second else (first,)
        first = self.name + (f", {self.place}" if self.place else "")
        second = ", ".join(p for p in (self.title, self.organization) if p)
        return (first, second) if second else (first,)

    def sort_key(self) -> tuple:
        """Sort order inside a group (see module docstring); the row breaks ties."""
        text = self.sort_name if self.kind == "individual" else self.organization
        return (sort_text(text), sort_text(self.display), self.row)


@dataclass(frozen=True)
class Group:
    """A heading of the signatory list ("" for none) and its signers, in order."""

    heading: str
    signers: tuple[Signer, ...]


@dataclass(frozen=True)
class SignerList:
    """A sign-on export read, cleaned and checked: what the letter prints and why.

    ``signers``: every signer kept, organizations then individuals, in row order (see
    ``group_signers`` for the printed order). ``report``: how the sheet was read.
    ``warnings``: values changed and read with a caveat (``file:row:column: ...``),
    the merges among them; ``merged``: one line per merge; ``decisions``: likely
    duplicates kept for the user to decide; ``problems``: rows left out and why
    (``file:row:column: ...``); ``late``: the rows stamped after ``cutoff``;
    ``as_of``: the date the list stands at (the cut-off, else the latest stamp kept,
    else None).
    """

    path: Path
    signers: tuple[Signer, ...]
    report: ReadReport | None = None
    warnings: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    problem_rows: tuple[int, ...] = ()
    late: tuple[int, ...] = ()
    cutoff: dt.datetime | None = None
    as_of: dt.datetime | None = None
    sorted_by_surname_guess: bool = False

    @property
    def organizations(self) -> tuple[Signer, ...]:
        """The organization signers."""
        return tuple(s for s in self.signers if s.kind == "organization")

    @property
    def individuals(self) -> tuple[Signer, ...]:
        """The individual signers."""
        return tuple(s for s in self.signers if s.kind == "individual")

    def summary(self) -> str:
        """One line: "55 organizations and 3 individuals kept from 61 rows; 2 merged, ..."."""
        read = sum(len(s.rows) for s in self.signers) + len(self.problem_rows) + len(self.late)
        parts = [f"{len(self.merged)} duplicate(s) merged", f"{len(self.problem_rows)} row(s) left "
                 "out as problems", f"{len(self.decisions)} possible duplicate(s) to decide"]
        if self.cutoff is not None:
            parts.append(f"{len(self.late)} row(s) after the cut-off left out")
        return (f"{count_phrase(len(self.organizations), len(self.individuals))} kept from "
                f"{read} row(s): " + ", ".join(parts))


# --------------------------------------------------------------------------- reading

def read_signers(path: str | Path, *, columns: dict[str, str] | None = None,
                 sheet: str | None = None, header_row: int | None = None,
                 include_hidden: bool = False, cutoff: dt.datetime | None = None,
                 tier_words: dict[str, Sequence[str]] | None = None) -> SignerList:
    """Read a sign-on export (CSV or XLSX) and clean it (``clean_signers``).

    ``columns``: ``--map`` overrides (``{field: header}``; fields are ``SIGNER_FIELDS``'
    names). ``sheet``, ``header_row``, ``include_hidden``: as ``sheets.cells.read_sheet``.
    ``cutoff``: rows stamped later are left out and counted (the sheet must then have
    a timestamp column). ``tier_words``: a campaign's extra tier words.
    Raises ContactsError (one line per problem, naming the file) for an unreadable
    file, no column for the organization or the name, or a cut-off without a
    timestamp column; row problems do not raise: they are in the result.
    """
    path = Path(path)
    table = read_sheet(path, sheet, SIGNER_FIELDS, header_row, include_hidden)
    mapping = map_columns(table, SIGNER_FIELDS, columns)
    problems = []
    if not ({"organization", "name", "last_name"} & set(mapping)):
        problems.append(f"{path}:{table.header_row}: no column for the organization or the "
                        "signer's name (looked for 'Organization', 'Name', 'Last Name'); "
                        "name one so, or pass --map organization=COLUMN")
    if cutoff is not None and "timestamp" not in mapping:
        problems.append(f"{path}:{table.header_row}: --cutoff needs the form's timestamp "
                        "column (looked for 'Timestamp', 'Submitted', 'Created'); pass "
                        "--map timestamp=COLUMN")
    if problems:
        from toolkit.sheets.columns import column_error

        raise column_error(table, SIGNER_FIELDS, mapping, problems)
    table, report = apply_fields(table, SIGNER_FIELDS, mapping)
    # An Excel date in the timestamp column is what the column is for: one note, not a
    # warning per row (in any other column it stays a warning).
    stamp_dates = f":{mapping['timestamp']}: a date cell (" if "timestamp" in mapping else None
    kept_warnings = [w for w in report.warnings if not (stamp_dates and stamp_dates in w)]
    if len(kept_warnings) < len(report.warnings):
        report = dataclasses.replace(report, warnings=tuple(kept_warnings), notices=(
            *report.notices, f"{path}: the {mapping['timestamp']!r} column holds Excel dates: "
            "read as Excel shows them"))
    words = _tier_index(tier_words)
    signers, warnings, row_problems, late, stopped = [], list(report.warnings), [], [], []
    for number, cells in table.rows:
        if number in report.row_problems:
            row_problems += report.row_problems[number]
            stopped.append(number)
            continue
        signer, problems, notes = _signer(path, number, cells, mapping, words, cutoff)
        warnings += notes
        if problems:
            row_problems += problems
            stopped.append(number)
        elif signer is not None and cutoff is not None and signer.timestamp > cutoff:
            late.append(number)
        elif signer is not None:
            signers.append(signer)
    guessed = any(s.kind == "individual" for s in signers) and not (
        {"sort_name", "last_name"} & set(mapping))
    listed = clean_signers(path, signers, mapping)
    stamps = [s.timestamp for s in listed.signers if s.timestamp is not None]
    return dataclasses.replace(
        listed, report=report, warnings=tuple(warnings) + listed.warnings,
        problems=tuple(row_problems), problem_rows=tuple(stopped), late=tuple(late), cutoff=cutoff,
        as_of=cutoff or (max(stamps) if stamps else None), sorted_by_surname_guess=guessed)


def _tier_index(extra: dict[str, Sequence[str]] | None) -> dict[str, str]:
    index = {compare_key(w): tier for tier, words in TIER_WORDS.items() for w in words}
    for tier, words in (extra or {}).items():
        index.update({compare_key(w): tier for w in words})
    return index


def _signer(path: Path, number: int, cells: dict[str, str], mapping: dict[str, str],
            tier_words: dict[str, str], cutoff: dt.datetime | None):
    """One row -> (Signer or None, problems, warnings)."""
    def get(name: str) -> str:
        return cells.get(mapping[name], "") if name in mapping else ""

    def where(name: str) -> str:
        return f"{path}:{number}:{mapping.get(name, name)}"

    problems: list[str] = []
    warnings: list[str] = []
    values = {}
    for name in ("organization", "name", "first_name", "last_name", "sort_name", "title",
                 "city"):
        text = get(name)
        single = " ".join(text.split())
        if single != text:
            warnings.append(f"{where(name)}: read {text!r}, printed {single!r} (spaces)")
        values[name] = single
    name = values["name"] or " ".join(p for p in (values["first_name"], values["last_name"]) if p)
    organization = values["organization"]
    raw_kind = get("kind")
    kind = _KIND_WORDS.get(compare_key(raw_kind)) if raw_kind else None
    if raw_kind and kind is None:
        kind = next((k for word, k in _KIND_WORDS.items() if word in compare_key(raw_kind)), None)
    if raw_kind and kind is None:
        problems.append(f"{where('kind')}: {raw_kind!r} is not organization or individual; "
                        "write one of them")
    kind = kind or ("organization" if organization else "individual")
    if kind == "organization" and not organization:
        problems.append(f"{where('organization')}: the organization is empty for an "
                        "organization signer; fill it in, or mark the row as an individual")
    if kind == "individual" and not name:
        problems.append(f"{where('name')}: the name is empty for an individual signer; "
                        "fill it in")
    for field_name, text in (("organization", organization if kind == "organization" else ""),
                             ("name", name)):
        if text and is_placeholder_name(text):
            column = field_name if field_name in mapping else (
                "last_name" if "last_name" in mapping else field_name)
            problems.append(f"{where(column)}: {text!r} looks like a placeholder or a test "
                            "entry, not a signer; delete the row or write the real name")
    email = get("email").strip()
    federal = federal_problem(email, values["title"])
    if federal:
        column = "email" if "e-mail" in federal else "title"
        problems.append(f"{where(column)}: {federal}: federal employees may not sign with an "
                        "official title or e-mail (Hatch Act); remove the row, or ask the "
                        "signer to sign in a personal capacity")
    raw_state = get("state")
    state = normalize_state(raw_state) if raw_state else ""
    if raw_state and state and raw_state != state:
        warnings.append(f"{where('state')}: read {raw_state!r}, printed {state!r}")
    if raw_state and not state:
        problems.append(f"{where('state')}: {raw_state!r} is not a U.S. state or territory; "
                        "write its name or postal code")
    raw_tier = get("tier")
    tier = tier_words.get(compare_key(raw_tier), "") if raw_tier else ""
    if raw_tier and not tier and kind == "organization":
        warnings.append(f"{where('tier')}: {raw_tier!r} is not national, state or local: "
                        "listed under 'Other organizations' when grouped by tier (add the word "
                        "under signon.tier_words in the campaign)")
    raw_time = get("timestamp")
    stamp = parse_timestamp(raw_time) if raw_time else None
    if raw_time and stamp is None:
        problems.append(f"{where('timestamp')}: {raw_time!r} is not a date and time this "
                        "reader knows (write 2027-02-01 17:05)")
    elif cutoff is not None and stamp is None:
        problems.append(f"{where('timestamp')}: no timestamp, so it cannot be told whether "
                        "the row came before the cut-off; fill it in")
    if problems:
        return None, problems, warnings
    sort_name = values["sort_name"] or values["last_name"] or (_surname(name) if name else "")
    sort_name = sort_name + " " + name if sort_name != name else sort_name
    return Signer(number, kind, organization, name, values["title"], values["city"], state,
                  tier, email, sort_name.strip(), stamp, (number,)), [], warnings


def _surname(name: str) -> str:
    """The surname ``nameparser`` reads in a person's name (particles and suffixes kept
    apart: "Maria de la Cruz" -> "de la Cruz", "Martin Luther King Jr." -> "King")."""
    from nameparser import HumanName

    return HumanName(name).last or name


# --------------------------------------------------------------------------- cleaning

def _domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].lower() if "@" in email else ""


def _certain(first: Signer, other: Signer) -> str:
    """Why two signers with the same compared name are surely one, or "" if not sure."""
    if first.state and other.state and first.state != other.state:
        return ""
    if first.kind == "organization":
        return "the same name"
    if first.email and first.email.lower() == other.email.lower():
        return "the same name and e-mail"
    if first.state and first.state == other.state:
        return "the same name and state"
    return ""


def _merge(keep: Signer, other: Signer) -> Signer:
    """``keep`` with the cells it lacks taken from ``other``, and ``other``'s rows."""
    filled = {f: getattr(other, f) for f in ("name", "title", "city", "state", "tier", "email")
              if not getattr(keep, f) and getattr(other, f)}
    return dataclasses.replace(keep, rows=keep.rows + other.rows, **filled)


def clean_signers(path: str | Path, signers: Sequence[Signer],
                  mapping: dict[str, str] | None = None) -> SignerList:
    """Merge certain duplicates and list likely ones; return a SignerList.

    Signers with the same ``key`` (kind and compared name) are one when ``_certain``
    says so: the earliest (by timestamp, then row) is kept, its empty cells filled from
    the others, each merge reported (``merged`` and ``warnings``). Same compared name
    but not certain (two states; a person with neither e-mail nor state to match), a
    near spelling (difflib ratio >= NEAR_SPELLING), or a near name (>= NEAR_SAME_DOMAIN)
    at the same e-mail domain (not a free mail one) are kept and listed in
    ``decisions``, for the user to delete a row if they are the same.
    """
    path = Path(path)
    column = (mapping or {}).get("organization", "organization")
    order = sorted(signers, key=lambda s: (s.timestamp or dt.datetime.max, s.row))
    kept: list[Signer] = []
    by_key: dict[tuple[str, str], list[int]] = {}
    merged, warnings, decisions = [], [], []
    for signer in order:
        same = by_key.get(signer.key, [])
        target = next((i for i in same if _certain(kept[i], signer)), None)
        if target is None:
            for i in same:
                decisions.append(f"{path}:{signer.row}: {signer.display!r} has the same name as "
                                 f"row {kept[i].row} ({kept[i].place or 'no place given'} / "
                                 f"{signer.place or 'no place given'}); both are printed: "
                                 "delete one row if they are the same signer")
            by_key.setdefault(signer.key, []).append(len(kept))
            kept.append(signer)
            continue
        first = kept[target]
        why = _certain(first, signer)
        where = column if signer.kind == "organization" else "name"
        line = (f"{path}:{signer.row}:{where}: {signer.display!r} is the same {signer.kind} as "
                f"row {first.row} {first.display!r} ({why}): merged, printed once")
        merged.append(line)
        warnings.append(line)
        kept[target] = _merge(first, signer)
    decisions += _near_duplicates(path, kept)
    kept.sort(key=lambda s: (s.kind != "organization", s.row))
    return SignerList(path, tuple(kept), warnings=tuple(warnings), merged=tuple(merged),
                      decisions=tuple(decisions))


def _near_duplicates(path: Path, signers: Sequence[Signer]) -> list[str]:
    """Pairs of signers whose names are near (a decision for the user), in row order.

    Compared pairs (difflib's ratio on the compared names) are those of one kind that
    share the e-mail domain (not a free mail one; at NEAR_SAME_DOMAIN), or the first or
    the last four letters of the compared name and a near length (at NEAR_SPELLING: a
    typo elsewhere in the name); comparing only those keeps 600 signers to a fraction
    of a second.
    """
    items = sorted(signers, key=lambda s: s.row)
    keys = [s.key[1] for s in items]
    counts = [Counter(key) for key in keys]
    blocks: dict[tuple, list[int]] = {}
    for index, (s, key) in enumerate(zip(items, keys)):
        if not key:
            continue
        domain = _domain(s.email)
        if domain and domain not in FREE_MAIL:
            blocks.setdefault((s.kind, "@", domain), []).append(index)
        # names of near length only: a ratio of NEAR_SPELLING needs lengths within 18%
        size = int(math.log(len(key)) / math.log(1.18))
        for bucket in (size, size + 1):
            blocks.setdefault((s.kind, "<", key[:4], bucket), []).append(index)
            blocks.setdefault((s.kind, ">", key[-4:], bucket), []).append(index)
    pairs = sorted({(a, b) for members in blocks.values() for i, a in enumerate(members)
                    for b in members[i + 1:]})
    out = []
    for i, j in pairs:
        a, b = items[i], items[j]
        key_a, key_b = keys[i], keys[j]
        if key_a == key_b:
            continue
        domain = _domain(a.email)
        same_domain = bool(domain) and domain == _domain(b.email) and domain not in FREE_MAIL
        floor = NEAR_SAME_DOMAIN if same_domain else NEAR_SPELLING
        shorter, longer = sorted((len(key_a), len(key_b)))
        if 2 * shorter / (shorter + longer) < floor:
            continue
        shared = sum((counts[i] & counts[j]).values())   # difflib's quick_ratio, cached
        if 2 * shared / (len(key_a) + len(key_b)) < floor:
            continue
        if difflib.SequenceMatcher(None, key_a, key_b).ratio() < floor:
            continue
        why = f"near names at the same e-mail domain {domain}" if same_domain else \
            "a near spelling"
        out.append(f"{path}:{b.row}: {b.display!r} and row {a.row} {a.display!r} may be "
                   f"the same signer ({why}); both are printed: delete one row if they "
                   "are the same")
    return out


# --------------------------------------------------------------------------- order

GROUP_BY = ("none", "tier", "state")


def group_signers(signers: Iterable[Signer], by: str = "none") -> tuple[Group, ...]:
    """The signatory list in printed order: groups of organizations, then individuals.

    ``by``: ``tier`` (National, State, Local organizations, in that order, then Other
    for a tier not given), ``state`` (by state name; organizations without a state
    first, under "National and multistate organizations") or ``none`` (one group).
    Individuals are always a separate, last group ("Individuals"). Headings of a list
    without individuals and without grouping are "". Within a group: ``Signer.sort_key``.
    Raises ValueError for another ``by``.
    """
    if by not in GROUP_BY:
        raise ValueError(f"group by {by!r}: use one of {', '.join(GROUP_BY)}")
    signers = list(signers)
    orgs = sorted((s for s in signers if s.kind == "organization"), key=Signer.sort_key)
    people = sorted((s for s in signers if s.kind == "individual"), key=Signer.sort_key)
    groups: list[Group] = []
    if by == "tier":
        for tier in TIERS + ("",):
            members = tuple(s for s in orgs if s.tier == tier)
            if members:
                groups.append(Group(TIER_HEADINGS[tier], members))
    elif by == "state":
        stateless = tuple(s for s in orgs if not s.state)
        if stateless:
            groups.append(Group("National and multistate organizations", stateless))
        for code in sorted({s.state for s in orgs if s.state}, key=lambda c: state_name(c)):
            groups.append(Group(state_name(code), tuple(s for s in orgs if s.state == code)))
    elif orgs:
        groups.append(Group("Organizations" if people else "", tuple(orgs)))
    if people:
        groups.append(Group("Individuals", tuple(people)))
    return tuple(groups)


def count_phrase(organizations: int, individuals: int) -> str:
    """"55 organizations and 3 individuals", "1 organization", "12 individuals"."""
    parts = []
    if organizations:
        parts.append(f"{organizations:,} organization{'s' if organizations != 1 else ''}")
    if individuals:
        parts.append(f"{individuals:,} individual{'s' if individuals != 1 else ''}")
    return " and ".join(parts) or "no signers"
