"""What a document is: a ``DocumentJob`` (template, merge fields, file stem, page limit),
the files it becomes (``RenderedFile``, ``OutputFile``), and its name on disk.

The file stem is readable and unique: ``letters/WA-sen-cantwell-C000127`` (the bioguide
ID keeps the five Johnsons apart). ``shortened_of`` reads what a template shortened to
meet its page limit from its ``<meta name="shortened">``.
"""

from __future__ import annotations

from toolkit.congress.model import official_name


import html as htmllib
import re
from dataclasses import dataclass, field
from toolkit.congress.model import Legislator
from toolkit.documents.files import safe_slug



FORMATS = ("pdf", "docx")


#: Every format a letter can be made in: print (pdf, docx) and text (plaintext.FORMATS).
ALL_FORMATS = FORMATS + ("txt", "eml")


#: How far a template may tighten a document to meet its page limit (``fit`` 0..2).
MAX_FIT = 2


_OFFICE_ABBR = {"senator": "sen", "representative": "rep", "delegate": "del",
                "resident_commissioner": "rc"}


@dataclass(frozen=True)
class DocumentJob:
    """One document to make, in every requested format.

    ``stem`` is its path under the output folder without extension
    (``letters/WA-sen-cantwell-C000127``); ``context`` its merge fields; ``meta`` its
    manifest columns; ``max_pages`` the page limit the fit loop aims for. With
    ``fit_pages`` (fewer than ``max_pages``) the loop first tightens toward that many
    pages and, when even the tightest layout is longer, keeps the least tightened layout
    within ``max_pages`` (a constituent's letter: one page if it can, else two, whole).
    ``too_long`` says what to shorten when even that is too long. ``max_chars``: the
    body limit of its text formats (``--max-chars``; None: the campaign's
    ``web_form.max_chars``).
    """

    template: str
    kind: str
    stem: str
    context: dict
    meta: dict
    title: str
    max_pages: int = 1
    fit_pages: int | None = None
    too_long: str = ""
    max_chars: int | None = None


@dataclass(frozen=True)
class RenderedFile:
    """One output file from a worker: ``data`` None when skipped as unchanged, or when
    not made: ``error`` then says why (a template stopped by its time limit)."""

    relpath: str
    fmt: str
    data: bytes | None
    pages: int
    source_sha256: str
    warnings: tuple[str, ...]
    meta: dict
    error: str = ""


def file_stem(leg: Legislator) -> str:
    """A unique, readable, safe file name for a member: ``WA-sen-cantwell-C000127``.

    The bioguide ID keeps the five Johnsons apart; the surname is reduced to ASCII
    for the file name only.
    """
    return (f"{leg.state}-{_OFFICE_ABBR[leg.office_kind]}-{safe_slug(leg.last_name)}-"
            f"{safe_slug(leg.bioguide_id, 20).upper()}")


def member_meta(leg: Legislator) -> dict:
    """The manifest columns that describe a member, and the data version it came from."""
    from toolkit.congress.datastore import version_label

    return {"bioguide_id": leg.bioguide_id, "name": official_name(leg),
            "chamber": leg.chamber, "state": leg.state,
            "district": "" if leg.district is None else leg.district,
            "data_version": version_label(leg.source)}


_SHORTENED = re.compile(r'<meta\s+name="shortened"\s+content="([^"]*)"\s*/?>')


def shortened_of(html: str) -> str:
    """What a template shortened to meet its page limit, from its ``<meta name="shortened">``.

    The templates name it ("recommendations in their short form: diplomacy, elections");
    "" when nothing was shortened. Returns plain text (HTML entities decoded).
    """
    match = _SHORTENED.search(html)
    return htmllib.unescape(match.group(1)) if match else ""


@dataclass(frozen=True)
class OutputFile:
    """A file made by a command: where it goes under the output folder and its bytes.

    ``meta`` holds the manifest's member columns (empty for a file about many
    members); ``source_sha256`` hashes the inputs that made it (the HTML).
    """

    relpath: str
    data: bytes
    kind: str
    fmt: str
    pages: int | str = ""
    source_sha256: str = ""
    meta: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

