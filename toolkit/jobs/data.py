"""The congress-data job (``advocacy contacts update``): new data fetched, checked, shown
by member, and installed once the user agrees."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from toolkit.congress import datastore, update
from toolkit.congress.states import ordinal


@dataclass(frozen=True)
class DataUpdate:
    """What an update did: ``lines`` shown (the new data's counts, every change by member,
    its notes and warnings), and ``version`` installed (None when the user declined)."""

    lines: tuple[str, ...]
    version: str | None


def update_data(base_url: str | None = None, from_dir: Path | None = None, *,
                new_congress: bool = False, confirm: Callable[[], bool] = lambda: True,
                notify: Callable[[str], None] | None = None) -> DataUpdate:
    """Fetch the four upstream YAML files (``base_url`` or the folder ``from_dir``), check
    them as one set, say what changed by member, and install them when ``confirm()``.

    Each line is passed to ``notify`` as it is ready, so the user reads the changes
    before ``confirm`` asks. Raises DataError (nothing changed) when a file is missing
    or broken, or when the set looks truncated (``update.refusal``) without
    ``new_congress`` (the start of a new Congress empties rosters).
    """
    files = update.fetch(base_url, from_dir)
    problems, parsed = [], {}
    for name, data in files.items():
        try:
            parsed[name] = update.parse(name, data)
        except datastore.DataError as exc:
            problems.append(exc.message)
    if problems:
        raise datastore.DataError("the congress data was not updated; the data in use is "
                                  "unchanged", problems)
    new = update.convert(parsed)
    changes = update.diff(new)
    lines = [f"New data: {len(new.legislators)} members, {len(new.seats)} committee seats, "
             f"{ordinal(new.congress)} Congress; {len(changes)} change(s) by member:"]
    lines += [f"  {line}" for line in changes]
    lines += [f"Note: {notice}" for notice in new.notices]
    lines += [f"Warning: {warning}" for warning in new.warnings]
    for line in lines:
        if notify:
            notify(line)
    reason = update.refusal(new)
    if reason and not new_congress:
        raise datastore.DataError(f"not updated: {reason}")
    if not confirm():
        return DataUpdate(tuple(lines), None)
    version = update.install_set(new, files, str(from_dir or base_url or update.DEFAULT_BASE_URL))
    return DataUpdate(tuple(lines), version)
