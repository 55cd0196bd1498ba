# Room: engine/ (the write path records every file it made here, beside the manifest).
"""The campaign log: one CSV line per file a rendering command made, for the campaign report.

``manifest.csv`` says what is in the output folder now (one row per path, replaced on
every run); ``campaign-log.csv`` beside it says what was made, when and for which
campaign, and only grows: a letter made on 4 March and remade with new words on 11
March has two lines. A rerun that leaves a file as it was (same path, same SHA-256)
adds nothing, so running a command twice never counts a letter twice. The report
(``advocacy report``) reads it to say what each office was sent and when.

Columns (``LOG_COLUMNS``): the day the file was made (the command's ``--date``, else
the day it ran), the campaign ID, the office (bioguide ID, member's official name,
chamber, state, district, and the address it went to: ``washington`` or ``district:
Spokane, WA``), the document kind (letter, onepager, packet, followup-letter...), the
format, the meeting-log row it answers (follow-ups only), its path and its SHA-256.
A file about many offices (a label sheet, a call sheet) has no office columns.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Iterable

from toolkit.errors import ExportError
from toolkit.documents.files import csv_safe

LOG = "campaign-log.csv"
LOG_COLUMNS = ("date", "campaign", "bioguide_id", "member", "chamber", "state", "district",
               "office", "kind", "format", "meeting_row", "path", "sha256")
#: Kinds never logged: the report's own files are not documents sent to an office.
NOT_LOGGED = frozenset({"report"})


def append_log(out: Path, rows: Iterable[dict], campaign: str = "",
               date: dt.date | None = None) -> int:
    """Append the files of ``rows`` (manifest rows: path, sha256, kind, format, bioguide_id,
    name...) to ``out/campaign-log.csv``; return how many lines were added.

    ``campaign``: the campaign ID; ``date``: the day the files were made (default
    today). A file already logged with the same path and SHA-256 is not logged again (a
    rerun adds nothing). The file is written UTF-8 with a BOM (Excel shows accents),
    cells made formula-safe (``documents.files.csv_safe``). Raises ExportError naming the file
    when it cannot be read or written.
    """
    path = Path(out) / LOG
    seen = {(row.get("path", ""), row.get("sha256", "")) for row in read_log(out)}
    day = (date or dt.date.today()).isoformat()
    new = []
    for row in rows:
        key = (row.get("path", ""), row.get("sha256", ""))
        if not key[0] or not key[1] or key in seen or row.get("kind") in NOT_LOGGED:
            continue
        seen.add(key)
        new.append({"date": day, "campaign": campaign, "member": row.get("name", ""),
                    **{c: row.get(c, "") for c in LOG_COLUMNS
                       if c not in ("date", "campaign", "member")}})
    if not new:
        return 0
    try:
        fresh = not path.is_file() or path.stat().st_size == 0
        with open(path, "a", encoding="utf-8-sig" if fresh else "utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(LOG_COLUMNS), lineterminator="\r\n")
            if fresh:
                writer.writeheader()
            for row in new:
                writer.writerow({c: csv_safe(row.get(c, "")) for c in LOG_COLUMNS})
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the campaign log: {exc.strerror or exc}; "
                          "the files themselves are written and in the manifest") from exc
    return len(new)


def read_log(out: Path) -> list[dict]:
    """The rows of ``out/campaign-log.csv`` as dicts of text ([] when there is none).

    Raises ExportError naming the file when it cannot be read or has no ``path`` column.
    """
    path = Path(out) / LOG
    if not path.is_file():
        return []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if "path" not in (reader.fieldnames or ()):
                raise ExportError(f"{path}: not a campaign log (no 'path' column); move it "
                                  "away and run the commands again to rebuild it")
            return [{k: (v or "") for k, v in row.items() if k} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ExportError(f"{path}: cannot read the campaign log: {exc}") from exc


def log_made(manifest, result, campaign=None, date: dt.date | None = None) -> int:
    """Log the files a run made or left unchanged (``result.written`` and ``unchanged``),
    with their rows from ``manifest`` (output.Manifest, still open); the one call of the
    write path (``engine.run.run``, ``engine.run.write_outputs``). ``campaign``: a Campaign,
    its ID or None. Returns the number of lines added (``append_log``).
    """
    ident = getattr(campaign, "id", campaign) or ""
    rows = (manifest.rows[path] for path in [*result.written, *result.unchanged]
            if path in manifest.rows)
    return append_log(manifest.root, rows, str(ident), date)
