"""``--dry-run``: the decision the real run would make for each file, without writing.

The real run (``engine.run.run``, ``engine.run.write_outputs``) refuses to start when a
planned file exists and is not the toolkit's own, unless ``--force``
(``output.check_conflicts``); skips a document whose inputs (``source_sha256``) match
its manifest row and whose file is as written; writes the rest. ``decide`` applies the
same rules to each planned file and says so: ``would write``, ``would overwrite
(--force)``, ``unchanged`` or ``would refuse: edited by hand`` / ``would refuse: not
made by this toolkit``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping
from toolkit.engine.output import MANIFEST_COLUMNS, Manifest



WRITE, OVERWRITE, UNCHANGED = "would write", "would overwrite (--force)", "unchanged"


REFUSE_EDITED = "would refuse: edited by hand"


REFUSE_FOREIGN = "would refuse: not made by this toolkit"


KEEP_EDITED = "would keep: edited by hand"


_DECISIONS = (WRITE, OVERWRITE, UNCHANGED, REFUSE_EDITED, REFUSE_FOREIGN, KEEP_EDITED)


class Planned(Sequence):
    """The relpaths a dry run plans, made again from ``make()`` each time they are read.

    A national campaign plans 600,000 files (some 60 MB of path text): listed again
    from the plan (a few hundred milliseconds) instead of held. ``count``: how many
    ``make()`` yields; ``+=`` appends relpaths that are held (a job's few own files).
    """

    def __init__(self, make: Callable[[], Iterator[str]], count: int):
        self._make, self._count, self._extra = make, count, []

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self._make(), self._extra)

    def __len__(self) -> int:
        return self._count + len(self._extra)

    def __getitem__(self, index):
        return list(self)[index]

    def __iadd__(self, more: Iterable[str]) -> "Planned":
        self._extra.extend(more)
        return self

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


class Decisions(Sequence):
    """``(relpath, decision)`` per planned file, kept as one byte a file beside the
    ``relpaths`` it was decided for (a list, or a ``Planned``, read again to list them);
    ``+=`` appends held pairs."""

    def __init__(self, relpaths: Sequence[str], codes: bytearray):
        self._relpaths, self._codes, self._extra = relpaths, codes, []

    def __iter__(self) -> Iterator[tuple[str, str]]:
        pairs = zip(itertools.islice(self._relpaths, len(self._codes)),
                    map(_DECISIONS.__getitem__, self._codes))
        return itertools.chain(pairs, self._extra)

    def __len__(self) -> int:
        return len(self._codes) + len(self._extra)

    def __getitem__(self, index):
        return list(self)[index]

    def __iadd__(self, more: Iterable[tuple[str, str]]) -> "Decisions":
        self._extra.extend(more)
        return self

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


def decide(out: Path, relpaths: Sequence[str], force: bool,
           fingerprints: Mapping[str, str] | None = None,
           columns: tuple[str, ...] = MANIFEST_COLUMNS, keep_edited: bool = False
           ) -> Decisions:
    """``[(relpath, decision)]`` for each planned file, as the real run would decide
    (a ``Decisions``: a sequence of those pairs, one byte a file).

    ``fingerprints`` maps a relpath to the ``source_sha256`` the run would compute
    (documents); without one, an existing file of the toolkit's is rewritten (``would
    write``), as ``write_outputs`` does. ``keep_edited``: a file edited by hand is kept
    (``would keep: edited by hand``), not refused. Reads the manifest and lists ``out``
    once; writes nothing.
    """
    with Manifest.load(Path(out), columns) as manifest:
        fingerprints = fingerprints or {}
        decisions = bytearray()
        present = _present(manifest.root)
        for relpath in relpaths:
            if not _exists(manifest.root, relpath, present):
                decision = WRITE
            elif force:
                decision = OVERWRITE
            elif not manifest.is_ours(relpath):
                decision = REFUSE_FOREIGN if relpath not in manifest.rows else \
                    KEEP_EDITED if keep_edited else REFUSE_EDITED
            elif (relpath in fingerprints and manifest.is_recorded(relpath)
                  and manifest.rows[relpath].get("source_sha256") == fingerprints[relpath]):
                decision = UNCHANGED
            else:
                decision = WRITE
            decisions.append(_DECISIONS.index(decision))
    return Decisions(relpaths, decisions)


def _present(root: Path) -> tuple[set[str], tuple[str, ...]]:
    """Every file and folder under ``root`` as relpaths with "/", and the folders that are
    links (not walked): one walk of the folder instead of a stat per planned file
    (600,000 for a national campaign)."""
    import os

    found: set[str] = set()
    links: list[str] = []
    for folder, dirs, files in os.walk(root):
        base = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        found.update(prefix + name for name in dirs)
        found.update(prefix + name for name in files)
        links += [prefix + name + "/" for name in dirs if os.path.islink(os.path.join(folder, name))]
    return found, tuple(links)


def _exists(root: Path, relpath: str, present: tuple[set[str], tuple[str, ...]]) -> bool:
    """``(root / relpath).exists()``, answered from ``present`` (``_present``) for a plain
    relpath; a path through a linked folder, or an unusual one, is looked up."""
    found, links = present
    if relpath in found or (links and relpath.startswith(links)) or "//" in relpath \
            or "/." in relpath or relpath.startswith((".", "/")) or relpath.endswith("/"):
        return (root / relpath).exists()        # a dangling link does not exist
    return False


def document_fingerprints(jobs, formats: Sequence[str], templates: str | Path | None,
                          pdf_variant: str | None = None, out: Path | None = None
                          ) -> dict[str, str]:
    """The ``source_sha256`` ``documents.render.render_batch`` computes for each job and format.

    Renders each job's HTML (at ``fit`` 0, no layout): fast, and the same inputs hash
    the real run compares with the manifest. With ``out``, an output folder that has no
    manifest yet gives {} at once (nothing to compare: a first dry run of a national
    campaign builds no letter).
    """
    from toolkit.documents.files import sha256_bytes
    from toolkit.documents.render import _templates, source_fingerprint
    from toolkit.documents.plaintext import job_formats

    template_set = _templates(str(templates) if templates else None)
    reference = template_set.find("reference.docx") if "docx" in formats else None
    reference_sha = sha256_bytes(reference.read_bytes()) if reference else ""
    prints: dict[str, str] = {}
    if out is not None and not (Path(out) / "manifest.csv").exists():
        return prints       # nothing made yet: every file "would write", nothing to compare
    for job in jobs:
        where = f"{job.meta.get('bioguide_id', '')} {job.meta.get('name', '')}".strip()
        first = template_set.render(job.template, {**job.context, "fit": 0}, where)
        for fmt in job_formats(job, formats):
            prints[f"{job.stem}.{fmt}"] = source_fingerprint(job, first, fmt, reference_sha,
                                                             pdf_variant)
    return prints


def refusals(decisions: Sequence[tuple[str, str]]) -> int:
    """How many files the real run would refuse to overwrite (it would then write nothing)."""
    if isinstance(decisions, Decisions):
        return (decisions._codes.count(_DECISIONS.index(REFUSE_EDITED))
                + decisions._codes.count(_DECISIONS.index(REFUSE_FOREIGN))
                + refusals(decisions._extra))
    return sum(1 for _, d in decisions if d.startswith("would refuse"))

