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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from toolkit.congress.states import ordinal
from toolkit.congress.model import Legislator
from toolkit.congress.tables import read_table
from toolkit.errors import ToolkitError

from importlib import resources
from typing import TYPE_CHECKING
if TYPE_CHECKING:  # pragma: no cover
    pass









VERSION_FILE = "data-version.json"


#: Files of a data version, in the forms the toolkit reads.
DATA_FILES = ("legislators-current.csv", "legislator-terms.csv", "committee-membership.csv",
              "district-offices.csv", VERSION_FILE)














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

    The one rule for members who have left (jobs.selection.select_targets and
    own_members.OfficeIndex use it). A member without a known term end (a user's own
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

