"""Safe files: readable unique names, atomic writes, the manifest, and never clobbering.

Every file is written to a temporary name in its own folder and renamed into place
when complete, so an interrupted run leaves no half-written file. ``manifest.csv``
records what the toolkit wrote (path, pages, SHA-256, and the SHA-256 of the inputs
that made it); a file on disk that differs from its manifest entry, or that the
manifest does not know, was made or edited by someone else and is never overwritten
without ``--force``. Between two saves of the manifest, each recorded row is also
appended to a journal (``.manifest.journal``), so that the files of a run killed
before it could save the manifest are still known as the toolkit's own on a rerun.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
import sqlite3
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from toolkit.documents.files import csv_chunks
from toolkit.errors import ExportError, OutputExistsError



MANIFEST = "manifest.csv"


#: Rows recorded since the manifest was last saved, one JSON object a line.
JOURNAL = ".manifest.journal"


#: Manifest columns every run writes, in order; commands may append their own.
#: ``bill_positions``: the member's position on each of the campaign's bills
#: ("H.R. 2468: cosponsor", bills.position_text), empty for a campaign without bills.
MANIFEST_COLUMNS = ("bioguide_id", "name", "chamber", "state", "district", "kind", "format",
                    "path", "pages", "sha256", "source_sha256", "office",
                    "data_version", "shortened", "bill_positions")


_UMASK = os.umask(0o022)


os.umask(_UMASK)








def sha256_file(path: Path) -> str:
    """Hex SHA-256 of the file at ``path``."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def inside(root: Path, relpath: str) -> Path:
    """Join ``relpath`` to ``root``, refusing any path that would leave ``root``."""
    target = (root / relpath).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ExportError(f"refusing to write outside the output folder: {relpath}")
    return target


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``data``: bytes, or an iterable of byte chunks (written as they come, so a large
    file, such as the manifest of a national campaign, is never whole in memory).
    Raises ExportError naming the file and the reason (disk full, read-only folder,
    permission denied, file locked); the previous file, if any, is left as it was.
    """
    tmp_name = None
    blocking = next((p for p in [path.parent, *path.parent.parents]
                     if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise ExportError(f"{blocking}: is a file where a folder is needed for {path.name}; "
                          "move it away or choose another --out")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            for chunk in ([data] if isinstance(data, (bytes, bytearray)) else data):
                handle.write(chunk)
        os.chmod(tmp_name, 0o666 & ~_UMASK)  # mkstemp makes 0600; files are for sharing
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(f"{path}: cannot write: {reason}; files already written are "
                          "complete, fix this and run again to finish") from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def remove_stale_temporaries(root: Path) -> int:
    """Delete ``.*.tmp`` files an interrupted run left under ``root``; return how many."""
    count = 0
    if root.is_dir():
        for tmp in root.rglob(".*.tmp"):
            try:
                tmp.unlink()
                count += 1
            except OSError:
                pass
    return count








#: What to do about a manifest that cannot be read (--force alone cannot help: it is read
#: on every run).
_UNREADABLE_FIX = ("Restore it; or move it away and run again with --force to remake the "
                   "files; or choose another --out")


class ManifestRows(MutableMapping):
    """A manifest's rows, path -> row (a dict of text), kept in a private SQLite file.

    A national campaign's manifest has a row for each of some 600,000 files (about
    1 KB each as Python dicts): kept on disk, it costs the run a bounded page cache
    (SQLite's, about 2 MB) instead of growing with the campaign. Iteration is in path
    order (SQLite compares UTF-8 bytes: the order of ``sorted``). Each read returns a
    new dict: change a row by assigning it. The file is SQLite's private temporary
    database, in the system's temporary folder ($SQLITE_TMPDIR, $TMPDIR or /var/tmp,
    about 350 bytes a row), deleted by ``close`` (or when the object is collected).
    Also caches the SHA-256 of files on disk (``disk_get``/``disk_set``), for the same
    reason. Used by the thread that made it. Raises ExportError when the temporary
    folder is full or cannot be written.
    """

    def __init__(self):
        self._db = self._call(sqlite3.connect, "")   # "": a private temporary database
        self._sql("CREATE TABLE rows (path TEXT PRIMARY KEY, row TEXT NOT NULL)")
        self._sql("CREATE TABLE disk (path TEXT PRIMARY KEY, sha256 TEXT)")

    @staticmethod
    def _call(method, *args):
        try:
            return method(*args)
        except sqlite3.Error as exc:
            raise ExportError(
                f"the manifest's working copy cannot be kept in {tempfile.gettempdir()}: "
                f"{exc}; free space there, or point TMPDIR at a folder with room (about "
                "350 bytes a file), then run the same command again") from exc

    def _sql(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        return self._call(self._db.execute, sql, params)

    def close(self) -> None:
        """Close the database (its temporary file is deleted); the rows are gone."""
        self._db.close()

    def __getitem__(self, path: str) -> dict:
        found = self._sql("SELECT row FROM rows WHERE path = ?", (path,)).fetchone()
        if found is None:
            raise KeyError(path)
        return json.loads(found[0])

    def __setitem__(self, path: str, row: dict) -> None:
        self._sql("INSERT OR REPLACE INTO rows VALUES (?, ?)", (path, json.dumps(row)))

    def __delitem__(self, path: str) -> None:
        if self._sql("DELETE FROM rows WHERE path = ?", (path,)).rowcount == 0:
            raise KeyError(path)

    def __contains__(self, path: object) -> bool:
        return self._sql("SELECT 1 FROM rows WHERE path = ?", (path,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        for (path,) in self._sql("SELECT path FROM rows ORDER BY path"):
            yield path

    def __len__(self) -> int:
        return self._sql("SELECT count(*) FROM rows").fetchone()[0]

    def values(self) -> Iterator[dict]:      # one query, in path order
        for (row,) in self._sql("SELECT row FROM rows ORDER BY path"):
            yield json.loads(row)

    def items(self) -> Iterator[tuple[str, dict]]:
        for row in self.values():
            yield row["path"], row

    def disk_get(self, path: str) -> tuple[bool, str | None]:
        """(known, SHA-256 or None for no file) of the file at ``path``, as cached."""
        found = self._sql("SELECT sha256 FROM disk WHERE path = ?", (path,)).fetchone()
        return (False, None) if found is None else (True, found[0])

    def disk_set(self, path: str, sha256: str | None) -> None:
        """Cache the SHA-256 of the file at ``path`` (None: there is no file)."""
        self._sql("INSERT OR REPLACE INTO disk VALUES (?, ?)", (path, sha256))


@dataclass
class Manifest:
    """The record of what a run wrote under ``root``: one row per file, keyed by path.

    ``expected`` holds, per path, the SHA-256 of a file a run was about to write when it
    was interrupted (from the journal): such a file is the toolkit's own too. A context
    manager: leaving it closes ``rows`` (``ManifestRows.close``).
    """

    root: Path
    rows: ManifestRows
    columns: tuple[str, ...] = MANIFEST_COLUMNS
    expected: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, columns: tuple[str, ...] = MANIFEST_COLUMNS) -> "Manifest":
        """Read ``root/manifest.csv`` if there is one (an empty manifest otherwise).

        Rows of the journal an interrupted run left (``.manifest.journal``) are added,
        the later row for a path winning; a line cut short by the interruption is
        ignored. Columns of the file that ``columns`` lacks (another command's, such as
        ``meeting_row``) are kept after them, so that saving does not drop them.
        """
        path = root / MANIFEST
        rows = ManifestRows()
        if path.is_file():
            try:
                with open(path, encoding="utf-8-sig", newline="") as handle:
                    reader = csv.DictReader(handle)
                    if "path" not in (reader.fieldnames or ()):
                        raise ExportError(
                            f"{path}: not a manifest this toolkit can read (no 'path' "
                            "column; damaged or replaced?): without it no file in "
                            f"{root} can be told apart from one edited by hand. "
                            f"{_UNREADABLE_FIX}")
                    rows.update((row["path"], row) for row in reader if row.get("path"))
                    # another command's own columns (meeting_row...) are kept when this one saves
                    columns += tuple(c for c in reader.fieldnames if c and c not in columns)
            except (OSError, UnicodeDecodeError, csv.Error) as exc:
                raise ExportError(f"{path}: cannot read the manifest: {exc}. "
                                  f"{_UNREADABLE_FIX}") from exc
        lines = []
        # The run's journal, then those of batches that workers wrote (engine.run.write_batch).
        for journal in [root / JOURNAL, *sorted(root.glob(JOURNAL + ".*"))]:
            try:
                lines += journal.read_text(encoding="utf-8").split("\n")
            except (OSError, UnicodeDecodeError):
                pass
        expected: dict[str, set[str]] = {}
        for line in lines:
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if not (isinstance(row, dict) and isinstance(row.get("path"), str)):
                continue
            if "expected_sha256" in row:
                expected.setdefault(row["path"], set()).add(str(row["expected_sha256"]))
                continue
            try:
                rows[row["path"]] = {str(k): str(v) for k, v in row.items()}
            except UnicodeEncodeError:   # a damaged line (a lone surrogate): not a row
                continue
        return cls(root, rows, columns, expected)

    def __enter__(self) -> "Manifest":
        return self

    def __exit__(self, *exc) -> None:
        self.rows.close()

    def disk_sha256(self, relpath: str) -> str | None:
        """SHA-256 of the file at ``relpath`` now (None if there is none), read once."""
        known, digest = self.rows.disk_get(relpath)
        if not known:
            path = self.root / relpath
            digest = sha256_file(path) if path.is_file() else None
            self.rows.disk_set(relpath, digest)
        return digest

    def is_recorded(self, relpath: str) -> bool:
        """True when the file at ``relpath`` is exactly what its manifest row says."""
        row = self.rows.get(relpath)
        return bool(row) and self.disk_sha256(relpath) == row.get("sha256")

    def is_ours(self, relpath: str) -> bool:
        """True when the file at ``relpath`` was written by the toolkit and not edited since."""
        return self.is_recorded(relpath) or (
            self.disk_sha256(relpath) in self.expected.get(relpath, ()))

    def _journal(self, entry: dict) -> None:
        try:
            with open(self.root / JOURNAL, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry) + "\n")
        except OSError:
            pass

    def expect(self, relpath: str, sha256: str) -> None:
        """Journal that ``relpath`` is about to be written with ``sha256``.

        Called before the write: if the run is killed between the write and
        ``record``, the next run still knows the file as its own.
        """
        self._journal({"path": relpath, "expected_sha256": sha256})

    def record(self, row: dict) -> None:
        """Add or replace the row for ``row['path']``, and append it to the journal.

        The journal keeps the row if the run is killed before ``save``; a journal that
        cannot be written (disk full) is skipped: ``save`` still records the row.
        """
        clean = {k: ("" if v is None else str(v)) for k, v in row.items()}
        self.rows[row["path"]] = clean
        self.rows.disk_set(row["path"], clean.get("sha256") or None)
        self._journal(clean)

    def save(self) -> None:
        """Write the manifest atomically, rows sorted by path; then drop the journal."""
        if len(self.rows) or (self.root / MANIFEST).exists():   # none for a failed start
            write_atomic(self.root / MANIFEST, csv_chunks(self.rows.values(), self.columns))
        try:
            (self.root / JOURNAL).unlink(missing_ok=True)
        except OSError:
            pass
        self.expected.clear()


def earlier_files(root: Path, made: Iterable[str], kinds: Iterable,
                  covers=None) -> list[str]:
    """The files of ``kinds`` that ``root/manifest.csv`` records and that are still on disk
    but were not part of this run (``made``: its relpaths), sorted: letters of a
    constituent since removed from the sheet, of a member no longer selected. Reported,
    never deleted: they may be a selection's earlier run the user wants to keep.

    ``kinds``: kinds ("letter"), or (kind, format) pairs: a ``--format txt`` run does not
    count the PDFs as earlier files. ``covers``: a test of a manifest row (a dict), True
    for a file this run's selection (``--id``, ``--state``...) would have made: files
    outside it are left out.
    """
    made, kinds = set(made), set(kinds)
    with Manifest.load(root) as manifest:
        return sorted(path for path, row in manifest.rows.items()
                      if (row.get("kind") in kinds or (row.get("kind"), row.get("format"))
                          in kinds)
                      and path not in made and (covers is None or covers(row))
                      and (root / path).is_file())


def check_conflicts(manifest: Manifest, relpaths: Iterable[str], force: bool,
                    keep_edited: bool = False) -> list[str]:
    """Refuse to start when a planned file exists and is not the toolkit's own.

    A file the manifest does not list, or whose bytes differ from its manifest entry
    (edited by hand), raises OutputExistsError listing every such file, before anything
    is written; ``force`` skips the check. With ``keep_edited``, a file edited by hand
    does not stop the run: it is returned (relpaths, in order) for the run to leave as
    it is; a file the toolkit did not make still stops it. Returns [] otherwise.
    """
    if force:
        return []
    clashes, kept = [], []
    for relpath in relpaths:
        path = manifest.root / relpath
        if path.exists() and not manifest.is_ours(relpath):
            if relpath in manifest.rows and keep_edited:
                kept.append(relpath)
                continue
            why = "edited since it was written" if relpath in manifest.rows else \
                "not made by this toolkit"
            clashes.append(f"{path}: exists and was {why}")
    if clashes:
        raise OutputExistsError(
            f"{manifest.root}: {len(clashes)} file(s) would be overwritten; nothing was "
            "written. Move them away, choose another --out, or pass --force", clashes[:20]
            + ([f"... and {len(clashes) - 20} more"] if len(clashes) > 20 else []))
    return kept

