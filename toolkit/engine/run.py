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
import io
import itertools
import json
import pickle
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence
from toolkit.campaign.model import Campaign
from toolkit.errors import ExportError
from toolkit.engine.campaign_log import log_made
from toolkit.engine.output import JOURNAL, MANIFEST_COLUMNS, Manifest, check_conflicts, inside, remove_stale_temporaries, write_atomic
from toolkit.documents.files import sha256_bytes
from toolkit.documents.pdf import DEFAULT_VARIANT

from toolkit.documents.job import DocumentJob, FORMATS, OutputFile, RenderedFile
from toolkit.documents.render import render_batch


#: Documents rendered together (one font subset, one task). Fixed, so the bytes of a
#: file do not depend on --jobs.
BATCH_SIZE = 32


#: Seconds between two saves of manifest.csv during a run (rows are journaled between).
MANIFEST_EVERY = 5.0


@dataclass
class Result:
    """What a run made: the paths written and those left as they were, warnings.

    ``written`` and ``unchanged`` are relpaths (their rows are in ``out``'s manifest:
    a national campaign's rows are not held here); ``counts()`` gives files per kind
    and format. ``planned`` lists the files a dry run would make (``run`` fills it for
    a dry run only: a list, or for a JobStream a ``dryrun.Planned`` listed again from
    the plan; ``decisions`` a ``dryrun.Decisions``, one byte a file).
    """

    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    planned: Sequence[str] = field(default_factory=list)
    dry_run: bool = False
    #: with dry_run: (relpath, decision) per planned file (dryrun.decide)
    decisions: Sequence[tuple[str, str]] = field(default_factory=list)
    #: (relpath, why) of each file not made: its template ran past --template-timeout
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: relpaths of files edited by hand that a --keep-edited run left as they are
    kept: list[str] = field(default_factory=list)
    #: for a run of a subset (--id, --state...): a test of a manifest row, True for a file
    #: the selection covers (``output.earlier_files``); None: the whole campaign
    covers: Callable[[dict], bool] | None = None
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
        from toolkit.engine.dryrun import decide

        result.decisions = decide(out, result.planned, force, columns=columns)
        return result
    remove_stale_temporaries(out)   # what a killed run left (temporaries are dot-named .tmp)
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
    if relpath.startswith("/") or "\\" in relpath or (".." in relpath
                                                     and ".." in relpath.split("/")):
        inside(out, relpath)
    return relpath


def _relpaths(jobs, formats: Sequence[str]) -> Iterator[str]:
    """Each job's output paths, ``<stem>.<format>`` (text formats for letters only,
    ``plaintext.job_formats``); a JobStream (letters) without building its merge fields."""
    from toolkit.documents.plaintext import job_formats

    if isinstance(jobs, JobStream):
        return (f"{stem}.{fmt}" for stem in jobs.stems() for fmt in formats)
    return (f"{job.stem}.{fmt}" for job in jobs for fmt in job_formats(job, formats))


def run(jobs: Iterable[DocumentJob], out: Path, *, formats: Sequence[str] = FORMATS,
        templates: str | Path | None = None, force: bool = False, dry_run: bool = False,
        workers: int | None = None, executor: Executor | str | None = None,
        scheduler_address: str | None = None, date: dt.date | None = None,
        columns: tuple[str, ...] = MANIFEST_COLUMNS,
        progress: Callable[[int], None] | None = None,
        pdf_variant: str | None = DEFAULT_VARIANT, also: Sequence[str] = (),
        template_timeout: float | None = None, keep_edited: bool = False) -> Result:
    """Render ``jobs`` into ``out`` in every format and keep ``out/manifest.csv`` current.

    PDFs are made in ``pdf_variant`` (documents.pdf.VARIANTS; None: untagged).
    ``jobs``: a list or a JobStream (read twice: once for the paths, once to render, a
    batch at a time). Before writing anything, raises OutputExistsError when a planned
    file exists and is not the toolkit's own (unless ``force``); ``also``: relpaths the
    caller will write afterwards, checked with them (constituents' print files).
    ``dry_run`` returns the planned paths only. ``executor``: "process" (default), "thread", "dask"
    (``scheduler_address``, else $DASK_SCHEDULER_ADDRESS, else a local cluster of
    ``workers``) or any ``concurrent.futures.Executor``. Workers write the files
    themselves (atomically) and return manifest rows. ``progress`` is called with the
    number of documents finished after each batch. ``template_timeout``: seconds one
    rendering of a document's template may take (None: ``timelimit.DEFAULT_TIMEOUT``): a
    document stopped by it is not made, the run goes on and lists it in
    ``Result.failed``. ``keep_edited``: files edited by hand are left as they are and
    listed in ``Result.kept`` instead of stopping the run. Raises ExportError when a file
    cannot be written or a worker dies (files already written stay valid and are in
    the manifest; a rerun finishes the set).
    """
    from toolkit.engine.executors import open_pool

    out = Path(out)
    if iter(jobs) is jobs:      # a one-shot iterator: it is read twice
        jobs = list(jobs)
    result = Result(out, dry_run=dry_run)
    paths = (_plain(out, relpath) for relpath in _relpaths(jobs, formats))
    if dry_run:
        from toolkit.engine.dryrun import Planned, decide, document_fingerprints

        if isinstance(jobs, JobStream):     # listed again from the plan, not held
            result.planned = Planned(lambda: (_plain(out, relpath)
                                              for relpath in _relpaths(jobs, formats)),
                                     len(jobs) * len(formats))
        else:
            result.planned = list(paths)
        result.decisions = decide(out, result.planned, force,
                                  document_fingerprints(jobs, formats, templates, pdf_variant,
                                                        out),
                                  columns, keep_edited)
        return result
    remove_stale_temporaries(out)
    with Manifest.load(out, columns) as manifest:
        kept = check_conflicts(manifest, itertools.chain(paths, also), force, keep_edited)
        result.kept = kept
        user_dir = str(templates) if templates else None
        first = next(iter(jobs), None)
        if first is None:
            return result
        shared = {"campaign": first.context.get("campaign")}
        given = None if isinstance(executor, str) or executor is None else executor
        pool = open_pool(executor if isinstance(executor, str) else "process", workers, shared,
                         scheduler_address, given)
        saved, save_cost = time.monotonic(), 0.0
        token = ""
        try:
            token = _probe(out)
            for batch, key, rows in _bounded_map(pool, jobs, manifest, formats, user_dir, date,
                                                 out, token, force, shared["campaign"],
                                                 pdf_variant, template_timeout,
                                                 frozenset(kept)):
                for status, row, warnings in rows:
                    if status == "error":
                        raise ExportError(row["message"])
                    if status == "failed":      # its template timed out: the run goes on
                        result.failed.append((row["path"], row["message"]))
                        continue
                    if status == "kept":
                        continue                # listed by check_conflicts already
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
            if token:
                try:
                    (out / probe_name(token)).unlink(missing_ok=True)
                except OSError:
                    pass
    return result


def probe_name(token: str) -> str:
    """The file each run puts in the output folder so that a worker can check it sees the
    folder: ``.advocacy-probe.<token>.tmp``. Named like a temporary file, so that the next
    run removes one that a killed run (kill -9) left (``remove_stale_temporaries``)."""
    return f".advocacy-probe.{token}.tmp"


def _probe(out: Path) -> str:
    """Write this run's probe into ``out``; return its token (a random hex string)."""
    import uuid

    token = uuid.uuid4().hex
    write_atomic(out / probe_name(token), token.encode())
    return token


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
                 token: str, force: bool, campaign: Campaign | None,
                 pdf_variant: str | None = DEFAULT_VARIANT,
                 template_timeout: float | None = None, skip: frozenset = frozenset()):
    """Yield (batch, key, rows) for each batch in order, keeping at most about two
    batches per worker in flight, so that memory stays flat however many letters there are.

    Each batch is pickled once here with the campaign left out (the workers hold it);
    its key (``advocacy-<number>-<hash of folder, formats and stems>``) is stable: the
    same files into the same folder get the same key, so a rerun clears the journal a
    killed run left for that batch.
    """
    from collections import deque

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
                                                template_timeout,
                                                skip.intersection(f"{job.stem}.{fmt}"
                                                                  for job in batch
                                                                  for fmt in formats),
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
                key: str, pdf_variant: str | None = DEFAULT_VARIANT,
                template_timeout: float | None = None, keep: frozenset | set = frozenset()
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
    with ("error", {"path", "message"}, ()), so the files before it are recorded; a
    document whose template ran past ``template_timeout`` seconds gives ("failed",
    {"path", "message"}, ()) per file and the batch goes on; a file in ``keep`` (edited
    by hand, ``--keep-edited``) is not written: ("kept", {"path"}, ()). Raises ExportError when ``out`` is not the
    client's output folder as seen from here (``token`` in ``probe_name(token)``): on a
    cluster it must be shared storage mounted at the same path on every machine.
    """
    from toolkit.engine.executors import orphaned, worker_shared

    root = Path(out)
    if (out, token) not in _SEEN:
        try:
            seen = (root / probe_name(token)).read_text()
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
    for item in render_batch(jobs, formats, user_dir, sources, date, pdf_variant,
                             template_timeout):
        if item.error:
            rows.append(("failed", {"path": item.relpath, "message": item.error}, ()))
            continue
        if item.relpath in keep:        # edited by hand, kept (--keep-edited)
            rows.append(("kept", {"path": item.relpath}, ()))
            continue
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

