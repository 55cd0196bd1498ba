"""Two sign-on lists compared: who was added, removed or changed between versions.

Room: sheets/. A second version of a coalition letter goes out with a note of what
changed; an entry deleted by accident while a list was edited by hand shows as
removed, a late signer as added (FIELD-PRACTICE.md). Either side is a sign-on export
(read and cleaned as a run reads it: ``signers.read_signers``) or an earlier run's
list (its ``signers.csv``, found through its ``manifest.csv``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Sequence

from toolkit.errors import ContactsError
from toolkit.sheets.signers import Signer, SignerList, read_signers

#: Columns of ``signers.csv``, the list a run printed (jobs.signon.list_csv writes it;
#: ``load_for_diff`` reads it back).
LIST_COLUMNS = ("Group", "Kind", "Organization", "Name", "Title", "City", "State", "Tier",
                "Timestamp", "Rows")


_DIFF_FIELDS = (("organization", "organization"), ("name", "name"), ("title", "title"),
                ("city", "city"), ("state", "state"), ("tier", "tier"))


def _label(s: Signer) -> str:
    return s.display + (f" ({s.place})" if s.place else "")


def diff_signers(old: Sequence[Signer], new: Sequence[Signer]) -> list[str]:
    """Who was added, removed or changed between two lists, one line each.

    Signers are matched by ``Signer.key`` (kind and compared name, so "ACLU of Ohio"
    and "aclu of ohio" are one); lines are ``added: NAME (PLACE)``, ``removed: ...``
    and ``changed: NAME: city 'A' -> 'B'; title '' -> 'C'``, each kind sorted as the
    list is (``Signer.sort_key``), added first, then removed, then changed.
    """
    before = {s.key: s for s in old}
    after = {s.key: s for s in new}
    added = sorted((s for k, s in after.items() if k not in before), key=Signer.sort_key)
    removed = sorted((s for k, s in before.items() if k not in after), key=Signer.sort_key)
    lines = [f"added: {_label(s)}" for s in added]
    lines += [f"removed: {_label(s)}" for s in removed]
    for s in sorted((s for k, s in after.items() if k in before), key=Signer.sort_key):
        was = before[s.key]
        changes = [f"{label} {getattr(was, f)!r} -> {getattr(s, f)!r}" for f, label in _DIFF_FIELDS
                   if getattr(was, f) != getattr(s, f)]
        if changes:
            lines.append(f"changed: {s.display}: {'; '.join(changes)}")
    return lines


def load_for_diff(path: str | Path, **read) -> tuple[Path, SignerList]:
    """A sign-on export, or an earlier run's list, as a SignerList for ``diff_signers``.

    ``path``: a CSV/XLSX export (read and cleaned as ``read_signers`` does, without a
    cut-off), or the ``manifest.csv`` of an earlier run or its folder: the list that
    run printed (its ``signers.csv``, kind ``signer-list`` in the manifest). Returns
    (the file read, its SignerList). Raises ContactsError when a manifest records no list.
    """
    path = Path(path)
    if path.is_dir() or path.name == "manifest.csv":
        folder = path if path.is_dir() else path.parent
        manifest = folder / "manifest.csv"
        if not manifest.is_file():
            raise ContactsError(f"{folder}: no manifest.csv; give a sign-on export or the "
                                "folder of an earlier 'advocacy signon' run")
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            lists = [row["path"] for row in csv.DictReader(handle)
                     if row.get("kind") == "signer-list"]
        if not lists:
            raise ContactsError(f"{manifest}: records no signer list (signers.csv); give the "
                                "manifest of an 'advocacy signon' run, or the export itself")
        path = folder / lists[0]
        if not path.is_file():
            raise ContactsError(f"{path}: recorded in {manifest} but missing")
        return path, read_signers(path, columns={"tier": "Tier", "kind": "Kind"})
    return path, read_signers(path, **read)
