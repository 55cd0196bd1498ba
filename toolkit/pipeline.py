"""build: campaign + contacts -> documents on disk + manifest. The one call each command makes.

Data takes one path: ``plan_*`` turns the selection into DocumentJobs (pure, fast);
``run`` checks that nothing the user made would be overwritten, then renders the jobs
in fixed-size batches through a ``concurrent.futures.Executor`` (a process pool by
default; any executor with ``map`` and ``submit`` will do, e.g. Dask distributed's),
writes each file atomically and keeps the manifest current after every batch, so an
interrupted run resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmllib
import io
import itertools
import json
import pickle
import re
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from toolkit import __version__, address
from toolkit.campaign import Campaign, long_date
from toolkit.campaign_log import log_made
from toolkit.contacts import Legislator
from toolkit.errors import ExportError, ToolkitError
from toolkit.output import (JOURNAL, MANIFEST_COLUMNS, Manifest, check_conflicts, inside,
                            remove_stale_temporaries, safe_slug, sha256_bytes, write_atomic)
from toolkit.render.pdf import DEFAULT_VARIANT
from toolkit.states import STATES
from toolkit.tailor import build_context

KINDS = {"letter": ("letter.html", "letters"), "onepager": ("onepager.html", "onepagers")}
FORMATS = ("pdf", "docx")
#: Every format a letter can be made in: print (pdf, docx) and text (plaintext.FORMATS).
ALL_FORMATS = FORMATS + ("txt", "eml")
#: Documents rendered together (one font subset, one task). Fixed, so the bytes of a
#: file do not depend on --jobs.
BATCH_SIZE = 32
#: Seconds between two saves of manifest.csv during a run (rows are journaled between).
MANIFEST_EVERY = 5.0
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
    """One output file from a worker: ``data`` None when skipped as unchanged."""

    relpath: str
    fmt: str
    data: bytes | None
    pages: int
    source_sha256: str
    warnings: tuple[str, ...]
    meta: dict


@dataclass
class Result:
    """What a run made: the paths written and those left as they were, warnings.

    ``written`` and ``unchanged`` are relpaths (their rows are in ``out``'s manifest:
    a national campaign's rows are not held here); ``counts()`` gives files per kind
    and format. ``planned`` lists the files a dry run would make (``run`` fills it for
    a dry run only).
    """

    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    dry_run: bool = False
    #: with dry_run: (relpath, decision) per planned file (dryrun.decide)
    decisions: list[tuple[str, str]] = field(default_factory=list)
    _warned: set = field(default_factory=set, repr=False)
    _counts: dict = field(default_factory=dict, repr=False)

    def add(self, status: str, row: dict) -> None:
        """Count the file of manifest ``row`` as ``written`` or ``unchanged``."""
        (self.written if status == "written" else self.unchanged).append(row["path"])
        key = (row["kind"], row["format"])
        self._counts[key] = self._counts.get(key, 0) + 1

    def warn(self, warnings) -> None:
        """Add ``warnings`` not given before, in order (a set keeps big runs linear)."""
        for warning in warnings:
            if warning not in self._warned:
                self._warned.add(warning)
                self.warnings.append(warning)

    def counts(self) -> dict[tuple[str, str], int]:
        """Files per (kind, format), written or unchanged."""
        return dict(self._counts)


def letter_date(value: dt.date | None) -> str:
    """The letter's date line: ``--date`` or today, written out ("January 15, 2026")."""
    return long_date(value or dt.date.today())


def file_stem(leg: Legislator) -> str:
    """A unique, readable, safe file name for a member: ``WA-sen-cantwell-C000127``.

    The bioguide ID keeps the five Johnsons apart; the surname is reduced to ASCII
    for the file name only.
    """
    return (f"{leg.state}-{_OFFICE_ABBR[leg.office_kind]}-{safe_slug(leg.last_name)}-"
            f"{safe_slug(leg.bioguide_id, 20).upper()}")


def member_meta(leg: Legislator) -> dict:
    """The manifest columns that describe a member, and the data version it came from."""
    from toolkit.datastore import version_label

    return {"bioguide_id": leg.bioguide_id, "name": address.official_name(leg),
            "chamber": leg.chamber, "state": leg.state,
            "district": "" if leg.district is None else leg.district,
            "data_version": version_label(leg.source)}


def sort_key(leg: Legislator) -> tuple:
    """Order of documents: Senate first, then by state, district, surname, bioguide ID."""
    return (leg.chamber != "senate", leg.state, leg.district or 0, leg.last_name, leg.bioguide_id)


def select_targets(legislators: Iterable[Legislator], campaign: Campaign, *,
                   everyone: bool = False, chambers: Sequence[str] = (),
                   states: Sequence[str] = (), committees: Sequence[str] = (),
                   ids: Sequence[str] = (), limit: int | None = None,
                   date: dt.date | None = None,
                   left_out: list[Legislator] | None = None) -> list[Legislator]:
    """Pick the members to write to, in document order.

    By default the campaign's targets (its committees, chambers and states); options
    given override the campaign's. ``everyone`` takes every row. ``ids`` picks those
    bioguide IDs only (ToolkitError naming any unknown). Members whose term ended
    before ``date`` (default today; ``datastore.term_ended``) are left out and, when
    ``left_out`` is given, appended to it. ``limit`` keeps the first N of the rest.
    """
    from toolkit.datastore import term_ended

    members = sorted(legislators, key=sort_key)
    states = tuple(s.strip().upper() for s in states)
    committees = tuple(c.strip().upper() for c in committees)
    unknown_states = [s for s in states if s not in STATES]
    if unknown_states:
        raise ToolkitError(f"--state {unknown_states[0]}: not a U.S. state or territory code "
                           "(two letters, e.g. WA, PR)")
    held = {seat.committee_id for leg in members for seat in leg.seats}
    unknown_committees = [c for c in committees if c not in held]
    if unknown_committees:
        from toolkit.campaign_check import committee_hint

        raise ToolkitError(f"--committee {unknown_committees[0]}: no member in the contacts "
                           "holds a seat on it"
                           f"{committee_hint(unknown_committees[0], held)}")
    if ids:
        wanted = [i.strip().upper() for i in ids]
        known = {leg.bioguide_id for leg in members}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            raise ToolkitError(f"--id: no member with bioguide ID {', '.join(unknown)} in the contacts")
        members = [leg for leg in members if leg.bioguide_id in wanted]
    else:
        if not everyone:
            targets = campaign.targets
            committees = committees or targets.committees
            chambers = tuple(chambers) or targets.chambers
            states = states or targets.states
        members = [leg for leg in members if (not chambers or leg.chamber in chambers)
                   and (not states or leg.state in states)
                   and (not committees or any(seat.committee_id in committees
                                              for seat in leg.seats))]
    if left_out is not None:
        left_out += [leg for leg in members if term_ended(leg, date)]
    members = [leg for leg in members if not term_ended(leg, date)]
    return members[:limit] if limit else members


def plan_documents(targets: Sequence[Legislator], campaign: Campaign, kinds: Sequence[str],
                   date: str, offices: dict | None = None) -> list[DocumentJob]:
    """One DocumentJob per member and kind (letter, one-pager), in document order.

    ``offices``: bioguide ID -> offices.OfficeChoice (``offices.for_organization``), the
    office each letter is addressed to (manifest column ``office``); Washington for a
    member not in it (or without it).
    """
    from toolkit.offices import OfficeChoice, address_context

    jobs = []
    for leg in targets:
        choice = (offices or {}).get(leg.bioguide_id, OfficeChoice())
        context = address_context(build_context(leg, campaign, date), leg, choice,
                                  campaign.style.chamber_line_first)
        context["draft_mark"] = campaign.placeholder_sender   # drafts.mark_html
        for kind in kinds:
            template, folder = KINDS[kind]
            title = f"{campaign.title} \u2014 {context['member'].salutation_name}"
            jobs.append(DocumentJob(template, kind, f"{folder}/{file_stem(leg)}", context,
                                    {**member_meta(leg), "kind": kind,
                                     "office": choice.label if kind == "letter" else ""},
                                    title))
    return jobs


# --------------------------------------------------------------------------- workers

_TEMPLATES: dict = {}


def _templates(user_dir: str | None):
    from toolkit.render.html import TemplateSet

    if user_dir not in _TEMPLATES:
        _TEMPLATES[user_dir] = TemplateSet(user_dir)
    return _TEMPLATES[user_dir]


def _fingerprint(html: str, fmt: str, extra: bytes = b"") -> str:
    digest = hashlib.sha256()
    for part in (__version__.encode(), fmt.encode(), html.encode("utf-8"), extra):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def source_fingerprint(job: DocumentJob, html: str, fmt: str, reference_sha: str = "",
                       pdf_variant: str | None = DEFAULT_VARIANT) -> str:
    """The ``source_sha256`` of one output file: a SHA-256 hex digest of the toolkit
    version, the format, the job's HTML at ``fit`` 0 and what else shapes that format's
    bytes (the DOCX reference's hash, the PDF variant, a text body's limit and topic).

    One rule for the real run (``render_batch``) and the dry run (``dryrun``): a file
    whose manifest row has this digest is left alone as unchanged.
    """
    if fmt == "docx":
        extra = reference_sha.encode()
    elif fmt == "pdf":
        extra = str(pdf_variant).encode()
    else:
        from toolkit import plaintext

        extra = f"{plaintext.limit_of(job)}|{job.context['campaign'].web_form.topic}".encode()
    return _fingerprint(html, fmt, extra)


_SHORTENED = re.compile(r'<meta\s+name="shortened"\s+content="([^"]*)"\s*/?>')


def shortened_of(html: str) -> str:
    """What a template shortened to meet its page limit, from its ``<meta name="shortened">``.

    The templates name it ("recommendations in their short form: diplomacy, elections");
    "" when nothing was shortened. Returns plain text (HTML entities decoded).
    """
    match = _SHORTENED.search(html)
    return htmllib.unescape(match.group(1)) if match else ""


def fit_to_pages(job: DocumentJob, templates, renderer, where: str, first: str | None = None):
    """Lay out the job's HTML at ``fit`` 0 (``first``, if already rendered) and tighten it
    to meet its page goal.

    Tries ``fit`` 1, 2... while the document is longer than ``job.fit_pages`` (else
    ``max_pages``); if no version meets that goal, keeps the first that meets
    ``max_pages`` (a constituent's story may take two pages). Nothing is shortened in
    silence: when the kept version is tightened, a warning names what it shortened
    (``shortened_of``; the manifest's ``shortened`` column holds the same); a version
    still over ``max_pages`` gets the over-limit warning instead. Returns
    (html, laid-out document, warnings).
    """
    if first is None:
        first = templates.render(job.template, {**job.context, "fit": 0}, where)
    html, laid, warnings = first, renderer.layout(first), []
    goal = min(job.fit_pages or job.max_pages, job.max_pages)
    tried = [(html, laid)]
    for fit in range(1, MAX_FIT + 1):
        if laid.pages <= goal:
            break
        html = templates.render(job.template, {**job.context, "fit": fit}, where)
        laid = renderer.layout(html)
        tried.append((html, laid))
    if laid.pages > goal:
        html, laid = next(((h, l) for h, l in tried if l.pages <= job.max_pages), (html, laid))
    if laid.pages > job.max_pages:
        warnings.append(f"{job.stem}: {laid.pages} pages, over its limit of {job.max_pages}: "
                        f"{job.too_long or 'shorten the campaign text or the template'}")
    elif html != first:
        what = shortened_of(html) or "tightened by the template (it does not say what)"
        warnings.append(f"{job.stem}: shortened to fit {laid.pages} page(s): {what}")
    warnings += [f"{job.stem}: {w}" for w in laid.warnings]
    return html, laid, warnings


def render_batch(jobs: Sequence[DocumentJob], formats: Sequence[str], user_dir: str | None,
                 unchanged: dict[str, str], date: dt.date | None = None,
                 pdf_variant: str | None = DEFAULT_VARIANT) -> list[RenderedFile]:
    """Render a batch of documents in every format; runs in a worker process.

    Each document is laid out at ``fit`` 0, then tightened (1, 2) until it meets its
    page limit; the PDF and the DOCX are made from the same final HTML. A file whose
    inputs hash (``source_sha256``) equals ``unchanged[relpath]`` is skipped (the PDF's
    hash includes ``pdf_variant``, render.pdf.VARIANTS or None). Returns one
    RenderedFile per document and format, in order.
    """
    from toolkit import plaintext
    from toolkit.render.pdf import PdfRenderer

    text_formats = [f for f in formats if f in plaintext.FORMATS]
    formats = [f for f in formats if f not in plaintext.FORMATS]
    templates = _templates(user_dir)
    reference = templates.find("reference.docx") if "docx" in formats else None
    reference_sha = sha256_bytes(reference.read_bytes()) if reference else ""
    renderer = PdfRenderer(templates.folders[0], templates.folders, pdf_variant)
    todo, out = [], []
    for job in (jobs if formats else ()):
        where = f"{job.meta.get('bioguide_id', '')} {job.meta.get('name', '')}".strip()
        first = templates.render(job.template, {**job.context, "fit": 0}, where)
        prints = {fmt: source_fingerprint(job, first, fmt, reference_sha, pdf_variant)
                  for fmt in formats}
        if all(unchanged.get(f"{job.stem}.{fmt}") == prints[fmt] for fmt in formats):
            out.append([RenderedFile(f"{job.stem}.{fmt}", fmt, None, 0, prints[fmt], (), job.meta)
                        for fmt in formats])
            continue
        html, laid, warnings = fit_to_pages(job, templates, renderer, where, first)
        todo.append((job, html, laid, prints, warnings))
        out.append(None)
    pdfs = iter(renderer.write([t[2] for t in todo], [t[0].title for t in todo])
                if todo and "pdf" in formats else [])
    pending = iter(todo)
    results: list[RenderedFile] = []
    for item in out:
        if item is not None:
            results += item
            continue
        job, html, laid, prints, warnings = next(pending)
        for fmt in formats:
            if fmt == "pdf":
                pdf = next(pdfs)
                data, pages = pdf.data, pdf.pages
                warnings = warnings + [f"{job.stem}: {w}" for w in pdf.warnings
                                       if w not in laid.warnings]
            else:
                from toolkit.render.docx import render_docx

                data, docx_warnings = render_docx(html, reference, job.title, date)
                pages = laid.pages
                warnings = warnings + [f"{job.stem}: {w}" for w in docx_warnings]
            results.append(RenderedFile(f"{job.stem}.{fmt}", fmt, data, pages, prints[fmt],
                                        tuple(warnings),
                                        {**job.meta, "shortened": shortened_of(html)}))
    for job in jobs:
        wanted = plaintext.job_formats(job, text_formats)
        if not wanted:
            continue
        where = f"{job.meta.get('bioguide_id', '')} {job.meta.get('name', '')}".strip()
        first = templates.render(job.template, {**job.context, "fit": 0}, where)
        prints = {fmt: source_fingerprint(job, first, fmt) for fmt in wanted}
        if all(unchanged.get(f"{job.stem}.{fmt}") == prints[fmt] for fmt in wanted):
            results += [RenderedFile(f"{job.stem}.{fmt}", fmt, None, 0, prints[fmt], (), job.meta)
                        for fmt in wanted]
        else:
            results += plaintext.render_text_files(job, wanted, templates, where, prints)
    return results


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


def write_outputs(out: Path, relpaths: Sequence[str], make: Callable[[], list[OutputFile]], *,
                  force: bool = False, dry_run: bool = False,
                  columns: tuple[str, ...] = MANIFEST_COLUMNS, campaign=None,
                  date: dt.date | None = None) -> Result:
    """Make files with ``make()`` and write them under ``out``, keeping the manifest current.

    For commands that make a few files in one process (labels, packets). ``relpaths``
    are the files ``make()`` will return, checked before anything is made:
    OutputExistsError (nothing written) when one exists and is not the toolkit's own,
    unless ``force``. ``dry_run`` returns the planned paths only. ``campaign`` (a Campaign
    or its ID) and ``date`` (the day made, default today) go in the campaign log
    (``campaign_log``) with every file written or left unchanged. Returns a Result.
    """
    out = Path(out)
    result = Result(out, dry_run=dry_run, planned=list(relpaths))
    for relpath in result.planned:
        inside(out, relpath)
    if dry_run:
        from toolkit.dryrun import decide

        result.decisions = decide(out, result.planned, force, columns=columns)
        return result
    with Manifest.load(out, columns) as manifest:
        check_conflicts(manifest, result.planned, force)
        try:
            for item in make():
                _store(out, manifest, RenderedFile(item.relpath, item.fmt, item.data,
                                                   item.pages, item.source_sha256,
                                                   item.warnings,
                                                   {**item.meta, "kind": item.kind}), result)
            log_made(manifest, result, campaign, date)   # campaign_log: what was made
        finally:
            manifest.save()
    return result


class JobStream:
    """DocumentJobs made on demand, as rendering proceeds; iterable again and again.

    ``make()`` yields the jobs in document order, ``stems()`` their stems (cheap: no
    merge fields built), ``count`` how many there are. ``run`` reads it a batch at a
    time, so memory does not grow with the campaign.
    """

    def __init__(self, make: Callable[[], Iterator[DocumentJob]],
                 stems: Callable[[], Iterator[str]], count: int):
        self._make, self._stems, self.count = make, stems, count

    def __iter__(self) -> Iterator[DocumentJob]:
        return self._make()

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> DocumentJob:
        """The job at ``index`` (made by walking the stream: for tests and inspection)."""
        return next(itertools.islice(self._make(), index, None))

    def stems(self) -> Iterator[str]:
        """The stems of the jobs, in order, without building their merge fields."""
        return self._stems()


def _plain(out: Path, relpath: str) -> str:
    """``relpath`` when it plainly stays in ``out``; anything unusual (absolute, "..",
    backslash) gets ``output.inside``'s full check (ExportError if it leaves ``out``).
    Workers check every path again as they write it."""
    if relpath.startswith("/") or "\\" in relpath or ".." in relpath.split("/"):
        inside(out, relpath)
    return relpath


def _relpaths(jobs, formats: Sequence[str]) -> Iterator[str]:
    """Each job's output paths, ``<stem>.<format>`` (text formats for letters only,
    ``plaintext.job_formats``); a JobStream (letters) without building its merge fields."""
    from toolkit.plaintext import job_formats

    if isinstance(jobs, JobStream):
        return (f"{stem}.{fmt}" for stem in jobs.stems() for fmt in formats)
    return (f"{job.stem}.{fmt}" for job in jobs for fmt in job_formats(job, formats))


def run(jobs: Iterable[DocumentJob], out: Path, *, formats: Sequence[str] = FORMATS,
        templates: str | Path | None = None, force: bool = False, dry_run: bool = False,
        workers: int | None = None, executor: Executor | str | None = None,
        scheduler_address: str | None = None, date: dt.date | None = None,
        columns: tuple[str, ...] = MANIFEST_COLUMNS,
        progress: Callable[[int], None] | None = None,
        pdf_variant: str | None = DEFAULT_VARIANT, also: Sequence[str] = ()) -> Result:
    """Render ``jobs`` into ``out`` in every format and keep ``out/manifest.csv`` current.

    PDFs are made in ``pdf_variant`` (render.pdf.VARIANTS; None: untagged).
    ``jobs``: a list or a JobStream (read twice: once for the paths, once to render, a
    batch at a time). Before writing anything, raises OutputExistsError when a planned
    file exists and is not the toolkit's own (unless ``force``); ``also``: relpaths the
    caller will write afterwards, checked with them (constituents' print files).
    ``dry_run`` returns the planned paths only. ``executor``: "process" (default), "thread", "dask"
    (``scheduler_address``, else $DASK_SCHEDULER_ADDRESS, else a local cluster of
    ``workers``) or any ``concurrent.futures.Executor``. Workers write the files
    themselves (atomically) and return manifest rows. ``progress`` is called with the
    number of documents finished after each batch. Raises ExportError when a file
    cannot be written or a worker dies (files already written stay valid and are in
    the manifest; a rerun finishes the set).
    """
    from toolkit.executors import open_pool

    out = Path(out)
    if iter(jobs) is jobs:      # a one-shot iterator: it is read twice
        jobs = list(jobs)
    result = Result(out, dry_run=dry_run)
    paths = (_plain(out, relpath) for relpath in _relpaths(jobs, formats))
    if dry_run:
        from toolkit.dryrun import decide, document_fingerprints

        result.planned = list(paths)
        result.decisions = decide(out, result.planned, force,
                                  document_fingerprints(jobs, formats, templates, pdf_variant,
                                                        out),
                                  columns)
        return result
    remove_stale_temporaries(out)
    with Manifest.load(out, columns) as manifest:
        check_conflicts(manifest, itertools.chain(paths, also), force)
        user_dir = str(templates) if templates else None
        first = next(iter(jobs), None)
        if first is None:
            return result
        shared = {"campaign": first.context.get("campaign")}
        given = None if isinstance(executor, str) or executor is None else executor
        pool = open_pool(executor if isinstance(executor, str) else "process", workers, shared,
                         scheduler_address, given)
        saved, save_cost = time.monotonic(), 0.0
        try:
            probe = _probe(out)
            for batch, key, rows in _bounded_map(pool, jobs, manifest, formats, user_dir, date,
                                                 out, probe, force, shared["campaign"],
                                                 pdf_variant):
                for status, row, warnings in rows:
                    if status == "error":
                        raise ExportError(row["message"])
                    _record(manifest, status, row, warnings, result)
                _journal_path(out, key).unlink(missing_ok=True)
                    # A save rewrites every row (600,000 rows: 14 s): the bigger the manifest,
                # the rarer the saves, so that saving never takes most of the run.
                if time.monotonic() - saved > max(MANIFEST_EVERY, 4 * save_cost):
                    began = time.monotonic()
                    manifest.save()
                    saved = time.monotonic()
                    save_cost = saved - began
                if progress:
                    progress(len(batch))
        except BaseException as exc:
            # On an error or Ctrl-C, record what was written (the journal keeps it if even
            # that fails), then report the original error, not the manifest's.
            try:
                manifest.save()
            except ExportError:
                pass
            died = _worker_death(exc)
            if died:
                raise ExportError(f"{died}; files already written are complete and in the "
                                  "manifest: run the same command again to finish") from None
            raise
        else:
            # Saving every few seconds, not every batch, keeps big runs linear.
            manifest.save()
            log_made(manifest, result, shared["campaign"], date)   # campaign_log: what was made
            # Every file is in the manifest now: batch journals a killed earlier run left
            # (other batch keys) have nothing more to tell.
            for journal in out.glob(JOURNAL + ".*"):
                journal.unlink(missing_ok=True)
        finally:
            pool.close()
            # Ctrl-C, or a worker killed and its batch retried elsewhere, can leave a write
            # between the temporary file's creation and its rename; once no writer is left
            # (the pool is closed), no temporary is anyone's.
            remove_stale_temporaries(out)
            try:
                (out / PROBE).unlink(missing_ok=True)
            except OSError:
                pass
    return result


#: A file each run puts in the output folder so that a worker can check it sees the folder.
PROBE = ".advocacy-probe"


def _probe(out: Path) -> Path:
    import uuid

    path = out / PROBE
    write_atomic(path, uuid.uuid4().hex.encode())
    return path


def _worker_death(exc: BaseException) -> str:
    """A worker process died: the message to report, else ""."""
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(exc, BrokenProcessPool) or type(exc).__name__ == "KilledWorker":
        return ("a worker process died while rendering (killed, or out of memory) and its "
                "batch could not be finished")
    return ""


def _batches(jobs: Iterable[DocumentJob]) -> Iterator[list[DocumentJob]]:
    stream = iter(jobs)
    while batch := list(itertools.islice(stream, BATCH_SIZE)):
        yield batch


def _bounded_map(pool, jobs, manifest: Manifest, formats, user_dir, date, out: Path,
                 probe: Path, force: bool, campaign: Campaign | None,
                 pdf_variant: str | None = DEFAULT_VARIANT):
    """Yield (batch, key, rows) for each batch in order, keeping at most about two
    batches per worker in flight, so that memory stays flat however many letters there are.

    Each batch is pickled once here with the campaign left out (the workers hold it);
    its key (``advocacy-<number>-<hash of folder, formats and stems>``) is stable: the
    same files into the same folder get the same key, so a rerun clears the journal a
    killed run left for that batch.
    """
    from collections import deque

    token = probe.read_text()
    pending: deque = deque()
    for number, batch in enumerate(_batches(jobs)):
        known = {}
        for job in batch:
            for fmt in formats:
                relpath = f"{job.stem}.{fmt}"
                if not force and manifest.is_ours(relpath):     # recorded, or journaled
                    source = manifest.rows[relpath].get("source_sha256", "") \
                        if manifest.is_recorded(relpath) else ""
                    known[relpath] = (source, manifest.disk_sha256(relpath) or "")
        payload = _pack(batch, campaign)
        names = "\n".join([str(out.resolve()), *formats, *(job.stem for job in batch)])
        key = f"advocacy-{number:07d}-{sha256_bytes(names.encode())[:16]}"
        pending.append((batch, key, pool.submit(write_batch, payload, formats, user_dir, known,
                                                date, str(out), token, key, pdf_variant,
                                                key=key)))
        if len(pending) >= 2 * pool.workers:
            batch, key, future = pending.popleft()
            yield batch, key, future.result()
    while pending:
        batch, key, future = pending.popleft()
        yield batch, key, future.result()


class _Pickler(pickle.Pickler):
    """Pickles a batch with its campaign replaced by a reference (workers hold it)."""

    def __init__(self, file, campaign: Campaign | None):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.campaign = campaign

    def persistent_id(self, obj):
        return "campaign" if obj is self.campaign and obj is not None else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, shared: dict):
        super().__init__(io.BytesIO(data))
        self.shared = shared

    def persistent_load(self, pid):
        return self.shared[pid]


def _pack(batch: list[DocumentJob], campaign: Campaign | None) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, campaign).dump(batch)
    return buffer.getvalue()


def _journal_path(out: Path, key: str) -> Path:
    return out / f"{JOURNAL}.{key}"


_SEEN: set = set()


def write_batch(shared: dict | None, payload: bytes, formats: Sequence[str], user_dir: str | None,
                known: dict[str, tuple[str, str]], date: dt.date | None, out: str, token: str,
                key: str, pdf_variant: str | None = DEFAULT_VARIANT
                ) -> list[tuple[str, dict, tuple[str, ...]]]:
    """Render one batch and write its files under ``out``; runs on a worker.

    ``payload``: the pickled DocumentJobs (``_pack``), their campaign taken from
    ``shared`` (``executors.worker_shared``). ``known``: relpath -> (source SHA-256,
    SHA-256) of files on disk that the manifest records: a file whose inputs or bytes
    are the same is not rewritten. Before each write, the file's SHA-256 is journaled
    (``.manifest.journal.<key>``) so a run killed before the client recorded it still
    knows the file as its own. Returns (status "written" or "unchanged", manifest row,
    warnings) per file, no file bytes (for a file skipped by its inputs, the row holds its
    path only: the manifest has the rest); a file that cannot be written ends the list
    with ("error", {"path", "message"}, ()), so the files before it are recorded. Raises ExportError when ``out`` is not the
    client's output folder as seen from here (``token`` in ``.advocacy-probe``): on a
    cluster it must be shared storage mounted at the same path on every machine.
    """
    from toolkit.executors import orphaned, worker_shared

    root = Path(out)
    if (out, token) not in _SEEN:
        try:
            seen = (root / PROBE).read_text()
        except OSError:
            seen = ""
        if seen != token:
            import socket

            raise ExportError(f"{out}: the output folder cannot be seen from the worker on "
                              f"{socket.gethostname()}: on a cluster it must be shared storage "
                              "mounted at the same path on every machine (see README, "
                              "'Running on a cluster')")
        _SEEN.add((out, token))
    jobs = _Unpickler(payload, worker_shared(shared)).load()
    sources = {relpath: source for relpath, (source, _) in known.items()}
    rows = []
    for item in render_batch(jobs, formats, user_dir, sources, date, pdf_variant):
        if item.data is None:
            rows.append(("unchanged", {"path": item.relpath}, item.warnings))
            continue
        digest = sha256_bytes(item.data)
        row = _manifest_row(item, digest)
        if known.get(item.relpath, ("", ""))[1] == digest:
            rows.append(("unchanged", row, item.warnings))
            continue
        if orphaned():
            raise SystemExit(1)
        with open(_journal_path(root, key), "a", encoding="utf-8") as journal:
            journal.write(json.dumps({"path": item.relpath, "expected_sha256": digest}) + "\n")
        try:
            write_atomic(inside(root, item.relpath), item.data)
        except ExportError as exc:      # the client records the files before this one first
            rows.append(("error", {"path": item.relpath, "message": str(exc)}, ()))
            break
        rows.append(("written", row, item.warnings))
    return rows


def _record(manifest: Manifest, status: str, row: dict, warnings, result: Result) -> None:
    """Record one file a worker wrote or found unchanged in the manifest and the Result."""
    result.warn(warnings)
    if len(row) > 1:
        manifest.record(row)
    else:
        row = manifest.rows[row["path"]]
    result.add(status, row)


def _manifest_row(item: RenderedFile, digest: str) -> dict:
    return {**item.meta, "format": item.fmt, "path": item.relpath,
            "pages": item.pages if item.fmt == "pdf" else "", "sha256": digest,
            "source_sha256": item.source_sha256}


def _store(out: Path, manifest: Manifest, item: RenderedFile, result: Result) -> None:
    """Write one rendered file (unless unchanged) and record it in the manifest."""
    result.warn(item.warnings)
    if item.data is None:
        result.add("unchanged", manifest.rows[item.relpath])
        return
    target = inside(out, item.relpath)
    digest = sha256_bytes(item.data)
    row = _manifest_row(item, digest)
    if manifest.rows.get(item.relpath, {}).get("sha256") == digest \
            and manifest.is_recorded(item.relpath):
        result.add("unchanged", row)
    else:
        manifest.expect(item.relpath, digest)
        write_atomic(target, item.data)
        result.add("written", row)
    manifest.record(row)


# --------------------------------------------------------------------------- constituents

#: Manifest columns of ``advocacy constituents``: the usual ones plus the writer.
CONSTITUENT_COLUMNS = MANIFEST_COLUMNS + ("constituent_row", "constituent_name")


@dataclass
class ConstituentPlan:
    """The letters of a constituents mail merge, planned but not yet built.

    ``matches``: each constituent with its Match (offices, problems, notices), in
    spreadsheet order. ``jobs``: a JobStream of one DocumentJob per constituent and
    office, in that order, stem ``constituents/<name>-r<row>/<WA-sen-cantwell-C000127>``,
    each built (merge fields and all) only when rendering reaches it. ``offices``: for each
    office with letters, the stem of its combined print file (``by-office/WA-sen-cantwell-
    C000127``) -> the indexes in ``matches`` of its writers, in surname order;
    ``print_meta`` its manifest columns; ``prints`` the same as letter stems.
    ``office`` (``washington`` or ``district``) and ``district_offices``: where each
    letter is addressed (``choose_office``, the same choice the plan's notices report).
    """

    matches: list[tuple]
    campaign: Campaign
    date: str
    offices: dict[str, list[int]]
    print_meta: dict[str, dict]
    office: str = "washington"
    district_offices: dict | None = None
    #: ``--max-chars``: the web-form limit of each letter's txt/eml body (None: the campaign's)
    max_chars: int | None = None

    def choice(self, person, leg: Legislator):
        """The office (offices.OfficeChoice) ``person``'s letter to ``leg`` is addressed to."""
        from toolkit.offices import choose_office

        return choose_office(leg, self.district_offices or {}, self.office,
                             zip5=person.zip[:5], constituent=True)

    @property
    def jobs(self) -> JobStream:
        """The letters, made as they are read (see JobStream)."""
        return JobStream(self._jobs, lambda: (constituent_stem(p, leg) for p, leg in self._pairs()),
                         sum(len(m.offices) for _, m in self.matches))

    def _pairs(self) -> Iterator[tuple]:
        return ((person, leg) for person, match in self.matches for leg in match.offices)

    def _jobs(self) -> Iterator[DocumentJob]:
        from toolkit.constituents import ConstituentSigner, constituent_view
        from toolkit.offices import address_context
        from toolkit.tailor import SenderView

        campaign, date = self.campaign, self.date
        for person, leg in self._pairs():
            sender = SenderView(person.titled_name, person.address_lines, person.contact)
            signer = ConstituentSigner(person.name)
            view = constituent_view(person, leg, campaign.sender.organization)
            context = build_context(leg, campaign, date, sender=sender, signers=(signer,),
                                    constituent=view)
            choice = self.choice(person, leg)
            context = address_context(context, leg, choice, campaign.style.chamber_line_first)
            context["draft_mark"] = campaign.placeholder_sender   # drafts.mark_html
            title = (f"{campaign.title} \u2014 {context['member'].salutation_name} \u2014 "
                     f"{person.name}")
            yield DocumentJob("letter.html", "letter", constituent_stem(person, leg), context,
                              {**member_meta(leg), "kind": "letter", "office": choice.label,
                               "constituent_row": person.row,
                               "constituent_name": person.name}, title,
                              max_pages=2, fit_pages=1,
                              too_long=f"shorten the story ({person.where('story')})",
                              max_chars=self.max_chars)

    def letters(self, print_stem: str) -> list[str]:
        """The stems of one office's letters, in the order of its print file."""
        office = print_stem.split("/", 1)[1]
        return [f"{_constituent_folder(self.matches[i][0])}/{office}"
                for i in self.offices[print_stem]]

    @property
    def prints(self) -> dict[str, list[str]]:
        """Print-file stem -> its letters' stems (built on each call; see ``letters``)."""
        return {stem: self.letters(stem) for stem in self.offices}

    @property
    def attention(self) -> list[tuple]:
        """(constituent, problems) for every row that did not get every letter."""
        return [(c, m.problems) for c, m in self.matches if m.problems]

    @property
    def notices(self) -> list[str]:
        """Facts reported without a fix needed (vacant seats, District over ZIP)."""
        return [n for _, m in self.matches for n in m.notices]


def _constituent_folder(person) -> str:
    return f"constituents/{safe_slug(person.name)}-r{person.row}"


def constituent_stem(person, leg: Legislator) -> str:
    """Where a constituent's letter to ``leg`` goes: ``constituents/<name>-r<row>/<file_stem>``."""
    return f"{_constituent_folder(person)}/{file_stem(leg)}"


def plan_constituent_letters(constituents: Sequence, legislators: Iterable[Legislator],
                             campaign: Campaign, date: str,
                             zip_districts: dict | None = None, office: str = "washington",
                             district_offices: dict | None = None,
                             day: dt.date | None = None) -> ConstituentPlan:
    """Plan one letter per constituent per own member (``constituents.match_offices``).

    Each letter is the campaign letter tailored to the member (as ``plan_documents``
    makes), signed by the constituent: their name (with courtesy title) and postal
    address as the sender block, their story: one page when it fits, else up to two
    (``fit_pages=1, max_pages=2``). Only the matching is done here; the letters are
    built as ``plan.jobs`` is read.
    Rows that need attention get the letters they can (see ``match_offices``).
    ``office``: ``washington``, or ``district`` for the member's office nearest the
    constituent's ZIP (``offices.choose_office``; ``district_offices`` default: the
    data in use's); a fallback to Washington is a notice of the row's Match.
    Members whose term ended before ``day`` (default today) get no letter
    (``OfficeIndex.build``).
    """
    from toolkit.constituents import OfficeIndex, letter_order, match_offices
    from toolkit.packet import load_district_offices

    if office == "district" and district_offices is None:
        district_offices = load_district_offices()
    index = OfficeIndex.build(legislators, day)
    matches = []
    by_office: dict[str, list[int]] = {}
    print_meta: dict[str, dict] = {}
    plan = ConstituentPlan(matches, campaign, date, {}, print_meta, office, district_offices)
    for person in constituents:     # a repeated row is stopped as it is read (load_constituents)
        match = match_offices(person, index, zip_districts)
        for leg in match.offices:
            notice = plan.choice(person, leg).notice
            if notice:
                match.notices.append(f"{person.where('zip')}: {notice}")
            print_stem = f"by-office/{file_stem(leg)}"
            by_office.setdefault(print_stem, []).append(len(matches))
            print_meta[print_stem] = {**member_meta(leg), "kind": "office-print"}
        matches.append((person, match))
    for print_stem in sorted(by_office):
        position = {id(matches[i][0]): i for i in by_office[print_stem]}
        plan.offices[print_stem] = [position[id(p)] for p in
                                    letter_order([matches[i][0] for i in by_office[print_stem]])]
    return plan


def run_constituents(plan: ConstituentPlan, out: Path, *, formats: Sequence[str] = FORMATS,
                     force: bool = False, dry_run: bool = False, **options) -> Result:
    """Render a ConstituentPlan with ``run`` and make each office's combined print PDF.

    The print file ``by-office/<STATE>-<sen|rep>-<surname>-<BIOGUIDE>.pdf`` holds that
    member's letters in constituent surname order, for hand delivery; it is made when
    PDF is among ``formats`` and recorded in the manifest as kind ``office-print``.
    ``options`` go to ``run`` (templates, workers, executor, scheduler_address, date,
    progress). Each print file is built from the letters on disk, one office at a time. Raises
    OutputExistsError before writing anything when a print file is not the toolkit's.
    """
    out = Path(out)
    make_prints = "pdf" in formats and plan.offices
    print_paths = [f"{stem}.pdf" for stem in plan.offices] if make_prints else []
    for relpath in print_paths:
        inside(out, relpath)
    result = run(plan.jobs, out, formats=formats, force=force, dry_run=dry_run,
                 columns=CONSTITUENT_COLUMNS, also=print_paths, **options)
    if dry_run:
        from toolkit.dryrun import decide

        result.planned += print_paths
        result.decisions += decide(out, print_paths, force, columns=CONSTITUENT_COLUMNS)
        return result
    if print_paths:
        _write_office_prints(plan, out, result)
    return result


def _write_office_prints(plan: ConstituentPlan, out: Path, result: Result) -> None:
    """Concatenate each office's letter PDFs (pypdf) into its print file; update the manifest."""
    from pypdf import PdfReader, PdfWriter

    with Manifest.load(out, CONSTITUENT_COLUMNS) as manifest:
        for stem in plan.offices:
            letters = plan.letters(stem)
            relpath = f"{stem}.pdf"
            writer = PdfWriter()
            sources = []
            for letter in letters:
                path = inside(out, f"{letter}.pdf")
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise ExportError(f"{path}: cannot read a letter for {relpath}: "
                                      f"{exc.strerror or exc}") from exc
                sources.append(sha256_bytes(data))
                for page in PdfReader(io.BytesIO(data)).pages:
                    writer.add_page(page)
            writer.add_metadata({"/Producer": "advocacy toolkit (WeasyPrint, pypdf)",
                                 "/Title": f"{len(letters)} constituent letter(s): "
                                           f"{plan.print_meta[stem]['name']}"})
            buffer = io.BytesIO()
            writer.write(buffer)
            meta = {**plan.print_meta[stem], "constituent_row": "",
                    "constituent_name": f"{len(letters)} constituent(s)"}
            source = sha256_bytes("\n".join(sources).encode())
            _store(out, manifest, RenderedFile(relpath, "pdf", buffer.getvalue(),
                                               len(writer.pages), source, (), meta), result)
        manifest.save()
