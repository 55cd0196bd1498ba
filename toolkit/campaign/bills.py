# Room: campaign/ (a campaign's bills, their numbers and cosponsor lists; no rendering).
"""Bills a campaign is about: numbers as Congress writes them, cosponsor lists, positions.

Most letters to Congress ask for an action on a bill. A campaign names its bills
(``bills:`` in the YAML, campaign.Bill) and, for each, a cosponsor list: a CSV in the
shape of congress.gov's cosponsor data (the API's ``/bill/{congress}/{type}/{number}/
cosponsors`` items as columns: ``bioguideId``, ``fullName``, ``party``, ``state``,
``district``, ``sponsorshipDate``, ``isOriginalCosponsor``, ``sponsorshipWithdrawnDate``;
the web page's "Cosponsor"/"Date Cosponsored" headers are read too). A member's
position on a bill is then one of:

- ``sponsor``: the bill's ``sponsor``; thanked for it and asked for the next step;
- ``cosponsor``: on the list with no withdrawal date; thanked, asked for the next step;
- ``withdrawn``: on the list with a withdrawal date; not thanked, asked to cosponsor;
- ``none``: not on the list; asked to cosponsor (or, in the other chamber, to support
  the bill when it reaches that chamber: a senator cannot cosponsor a House bill).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.errors import CampaignError

#: Bill types by their letters with dots and spaces removed, as Congress writes them.
BILL_TYPES = {"hr": "H.R.", "s": "S.", "hres": "H.Res.", "sres": "S.Res.",
              "hjres": "H.J.Res.", "sjres": "S.J.Res.", "hconres": "H.Con.Res.",
              "sconres": "S.Con.Res."}
_NUMBER = re.compile(r"^\s*([A-Za-z][A-Za-z.\s]*?)\s*\.?\s*(\d{1,5})\s*$")
#: Header names of the cosponsor CSV, by field (lower case, spaces and _ removed).
_HEADERS = {
    "bioguide": ("bioguideid", "bioguide", "memberid"),
    "name": ("fullname", "cosponsor", "name", "member"),
    "date": ("sponsorshipdate", "datecosponsored", "date", "cosponsordate"),
    "withdrawn": ("sponsorshipwithdrawndate", "datewithdrawn", "withdrawndate", "withdrawn"),
    "original": ("isoriginalcosponsor", "original", "originalcosponsor"),
}
_BIOGUIDE = re.compile(r"^[A-Z]\d{6}$")


def bill_number(text: str) -> str | None:
    """A bill number as Congress writes it, or None when ``text`` is not one.

    "HR 1234", "h.r.1234", "H. R. 1234" -> "H.R. 1234"; "s56" -> "S. 56"; "H Res 12" ->
    "H.Res. 12"; "hjres 3" -> "H.J.Res. 3". Leading zeros are dropped ("S. 056" ->
    "S. 56"); 0 is no number.
    """
    match = _NUMBER.match(str(text))
    if not match:
        return None
    letters = re.sub(r"[\s.]", "", match.group(1)).lower()
    number = int(match.group(2))
    if letters not in BILL_TYPES or number == 0:
        return None
    return f"{BILL_TYPES[letters]} {number}"


@dataclass(frozen=True)
class Cosponsor:
    """One row of a cosponsor list: ``bioguide_id``, ``name`` (as the list gives it),
    ``date`` (cosponsored, or None), ``withdrawn`` (withdrawal date, or None),
    ``original`` (an original cosponsor) and ``row`` (its row in the file, header = 1)."""

    bioguide_id: str
    name: str
    date: dt.date | None
    withdrawn: dt.date | None
    original: bool
    row: int


def _key(header: str) -> str:
    return re.sub(r"[\s_]", "", header).lower()


def _date(text: str, where: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for form in ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return dt.datetime.strptime(text[:20] if "T" in text else text, form).date()
        except ValueError:
            continue
    raise CampaignError(f"{where}: not a date ({text!r}); write it as YYYY-MM-DD or MM/DD/YYYY")


@lru_cache(maxsize=32)
def read_cosponsors(path: str) -> tuple[Cosponsor, ...]:
    """The cosponsors listed in the CSV at ``path`` (UTF-8, header row first).

    Columns by their congress.gov names or the web page's (see the module's doc); the
    bioguide ID column is required, the others optional. Raises CampaignError for a
    missing file, no bioguide column, or a row whose ID or date cannot be read (naming
    file:row:column and what to do): a list read wrongly would thank the wrong member.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CampaignError(f"{file}: no such cosponsor list (bills[].cosponsors or "
                            f"--cosponsors)") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CampaignError(f"{file}: cannot be read as UTF-8 text: {exc}") from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    keys = [_key(h) for h in header]
    columns = {field: next((i for i, k in enumerate(keys) if k in names), None)
               for field, names in _HEADERS.items()}
    if columns["bioguide"] is None:
        raise CampaignError(f"{file}:1: no bioguide ID column (bioguideId): the list must "
                            f"name each cosponsor by bioguide ID, as congress.gov's does")
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue

        def cell(field: str) -> str:
            index = columns[field]
            return cells[index].strip() if index is not None and index < len(cells) else ""

        bioguide = cell("bioguide").upper()
        where = f"{file}:{number}:{header[columns['bioguide']]}"
        if not _BIOGUIDE.match(bioguide):
            raise CampaignError(f"{where}: {bioguide!r} is not a bioguide ID (a letter and six "
                                f"digits, e.g. C000127)")
        date_where = f"{file}:{number}:{header[columns['date']]}" if columns["date"] is not None else where
        gone_where = (f"{file}:{number}:{header[columns['withdrawn']]}"
                      if columns["withdrawn"] is not None else where)
        rows.append(Cosponsor(bioguide, cell("name"), _date(cell("date"), date_where),
                              _date(cell("withdrawn"), gone_where),
                              cell("original").lower() in ("true", "yes", "1", "y"), number))
    return tuple(rows)


def cosponsor_path(bill, base: Path | None) -> Path | None:
    """The path of ``bill.cosponsors`` (relative to ``base``, the campaign's folder), or None."""
    if not bill.cosponsors:
        return None
    path = Path(bill.cosponsors).expanduser()
    return path if path.is_absolute() or base is None else base / path


@dataclass(frozen=True)
class BillPosition:
    """A member's position on one bill, and the words a document says about it.

    ``bill`` (campaign.Bill); ``position``: "sponsor", "cosponsor", "withdrawn" or
    "none"; ``since``: the date cosponsored (None otherwise); ``same_chamber``: the bill
    is in the member's chamber; ``label``: the bill as a sentence names it ("H.R. 1234,
    the Rural Library Broadband Act").
    """

    bill: object
    position: str
    since: dt.date | None
    same_chamber: bool

    @property
    def label(self) -> str:
        """"H.R. 1234, the Rural Library Broadband Act"."""
        return f"{self.bill.number}, {self.bill.title}"

    @property
    def thanked(self) -> bool:
        """True for the sponsor and a cosponsor in good standing (never one who withdrew)."""
        return self.position in ("sponsor", "cosponsor")

    @property
    def request(self) -> str:
        """What the member is asked, a phrase after "to": the next step for a sponsor or
        cosponsor; else the bill's ``ask`` (default "cosponsor H.R. 1234, the ... Act"); in
        the other chamber, "support H.R. 1234, the ... Act, when it reaches the Senate"."""
        if self.thanked:
            return self.bill.next_step or "help bring it to a vote"
        if not self.same_chamber:
            mine = "Senate" if self.bill.chamber == "house" else "House"
            return f"support {self.label}, when it reaches the {mine}"
        return self.bill.ask or f"cosponsor {self.label}"

    @property
    def thanks(self) -> str:
        """"Thank you for introducing H.R. 1234, the ... Act" / "for cosponsoring ..." ("" when
        not thanked)."""
        if self.position == "sponsor":
            return f"Thank you for introducing {self.label}"
        if self.position == "cosponsor":
            return f"Thank you for cosponsoring {self.label}"
        return ""

    @property
    def manifest(self) -> str:
        """The position as the manifest and the call-sheet CSV carry it: "H.R. 1234: cosponsor"."""
        return f"{self.bill.number}: {self.position}"


def positions(leg, campaign, base: Path | None = None,
              lists: dict | None = None) -> tuple[BillPosition, ...]:
    """``leg``'s position on each of ``campaign.bills``, in campaign order.

    ``lists``: bill number -> cosponsor rows (read_cosponsors), overriding the bill's
    own ``cosponsors`` path (``--cosponsors``); else the bill's path, relative to
    ``base``. A member on a list more than once is taken at the last row (a withdrawal
    is recorded after the cosponsorship). Raises CampaignError as read_cosponsors does.
    """
    out = []
    for bill in campaign.bills:
        rows = (lists or {}).get(bill.number)
        if rows is None:
            path = cosponsor_path(bill, base)
            rows = read_cosponsors(str(path)) if path else ()
        position, since = "none", None
        if bill.sponsor and bill.sponsor.upper() == leg.bioguide_id:
            position = "sponsor"
        else:
            for row in rows:
                if row.bioguide_id == leg.bioguide_id:
                    position = "withdrawn" if row.withdrawn else "cosponsor"
                    since = row.date
        out.append(BillPosition(bill, position, since, leg.chamber == bill.chamber))
    return tuple(out)


def resolve(campaign, base: Path, override: str | Path | None = None):
    """``campaign`` with each bill's cosponsor list made an absolute path (relative paths are
    read from ``base``, the campaign file's folder) and read once, so that a list that
    cannot be read stops the run before anything is made.

    ``override`` (``--cosponsors FILE`` or ``--cosponsors "H.R. 1234=FILE"``) replaces the
    list of the campaign's one bill, or of the bill it names. Raises CampaignError for an
    unreadable list, or an override the campaign's bills cannot take.
    """
    bills = list(campaign.bills)
    if override:
        text = str(override)
        number, _, file = text.rpartition("=") if "=" in text else ("", "", text)
        if number:
            wanted = bill_number(number)
            index = next((i for i, b in enumerate(bills) if b.number == wanted), None)
            if index is None:
                raise CampaignError(f"--cosponsors {text}: the campaign has no bill {number!r} "
                                    f"(its bills: {', '.join(b.number for b in bills) or 'none'})")
        elif len(bills) == 1:
            index = 0
        else:
            raise CampaignError(f"--cosponsors {text}: the campaign has {len(bills)} bills; "
                                f"name one: --cosponsors \"H.R. 1234={file}\"")
        bills[index] = bills[index].model_copy(update={"cosponsors": str(Path(file).resolve())})
    out = []
    for bill in bills:
        path = cosponsor_path(bill, base)
        if path is not None:
            read_cosponsors(str(path.resolve()))
            bill = bill.model_copy(update={"cosponsors": str(path.resolve())})
        out.append(bill)
    return campaign.model_copy(update={"bills": tuple(out)}) if out else campaign


def position_text(found: tuple[BillPosition, ...]) -> str:
    """Every position as one manifest cell: "H.R. 1234: sponsor; S. 56: none" ("" for none)."""
    return "; ".join(p.manifest for p in found)
