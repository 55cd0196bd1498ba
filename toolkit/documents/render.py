"""A batch of DocumentJobs rendered in every format: PDF, DOCX, txt and eml.

Each document is laid out at ``fit`` 0, then tightened (1, 2) until it meets its page
limit (``fit_to_pages``); the PDF and the DOCX are made from the same final HTML. A file
whose inputs hash (``source_fingerprint``) equals the manifest's is skipped as unchanged.
Runs in a worker process (``engine.run.write_batch``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from typing import Sequence
from toolkit import __version__
from toolkit.documents.files import sha256_bytes
from toolkit.documents.pdf import DEFAULT_VARIANT

from toolkit.documents.job import DocumentJob, MAX_FIT, RenderedFile, shortened_of


_TEMPLATES: dict = {}


def _templates(user_dir: str | None):
    from toolkit.documents.html import TemplateSet

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
        from toolkit.documents import plaintext

        extra = f"{plaintext.limit_of(job)}|{job.context['campaign'].web_form.topic}".encode()
    return _fingerprint(html, fmt, extra)


def fit_to_pages(job: DocumentJob, templates, renderer, where: str, first: str | None = None):
    """Lay out the job's HTML at ``fit`` 0 (``first``, if already rendered) and tighten it
    to meet its page goal.

    Tries ``fit`` 1, 2... while the document is longer than ``job.fit_pages`` (else
    ``max_pages``); if no version meets that goal, keeps the first that meets
    ``max_pages`` (a constituent's story may take two pages). A one-pager tried in its
    fuller form (``roomy``, documents.onepager_room) that runs over is laid out again
    without it first: that is no shortening. Nothing is shortened in
    silence: when the kept version is tightened, a warning names what it shortened
    (``shortened_of``; the manifest's ``shortened`` column holds the same); a version
    still over ``max_pages`` gets the over-limit warning instead. Returns
    (html, laid-out document, warnings).
    """
    if first is None:
        first = templates.render(job.template, {**job.context, "fit": 0}, where)
    html, laid, warnings = first, renderer.layout(first), []
    goal = min(job.fit_pages or job.max_pages, job.max_pages)
    if job.context.get("roomy") and laid.pages > goal:   # the fuller form did not fit
        job = replace(job, context={**job.context, "roomy": False})
        first = html = templates.render(job.template, {**job.context, "fit": 0}, where)
        laid = renderer.layout(html)
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


def _not_made(job: DocumentJob, formats: Sequence[str], exc: Exception) -> list[RenderedFile]:
    """The files of a document whose template ran past its time limit: not made, each
    with the reason (``RenderedFile.error``)."""
    return [RenderedFile(f"{job.stem}.{fmt}", fmt, None, 0, "", (), job.meta, str(exc))
            for fmt in formats]


def render_batch(jobs: Sequence[DocumentJob], formats: Sequence[str], user_dir: str | None,
                 unchanged: dict[str, str], date: dt.date | None = None,
                 pdf_variant: str | None = DEFAULT_VARIANT,
                 template_timeout: float | None = None) -> list[RenderedFile]:
    """Render a batch of documents in every format; runs in a worker process.

    Each document is laid out at ``fit`` 0, then tightened (1, 2) until it meets its
    page limit; the PDF and the DOCX are made from the same final HTML. A file whose
    inputs hash (``source_sha256``) equals ``unchanged[relpath]`` is skipped (the PDF's
    hash includes ``pdf_variant``, documents.pdf.VARIANTS or None). Returns one
    RenderedFile per document and format, in order. ``template_timeout``: seconds one
    rendering of a document's template may take (None: ``timelimit.DEFAULT_TIMEOUT``);
    a document stopped by it is not made (its files carry ``error``) and the batch goes on.
    """
    from toolkit.documents import plaintext
    from toolkit.documents.html import TemplateTimedOut
    from toolkit.documents.pdf import PdfRenderer
    from toolkit.documents.timelimit import DEFAULT_TIMEOUT

    text_formats = [f for f in formats if f in plaintext.FORMATS]
    formats = [f for f in formats if f not in plaintext.FORMATS]
    templates = _templates(user_dir)
    templates.timeout = template_timeout or DEFAULT_TIMEOUT
    reference = templates.find("reference.docx") if "docx" in formats else None
    reference_sha = sha256_bytes(reference.read_bytes()) if reference else ""
    renderer = PdfRenderer(templates.folders[0], templates.folders, pdf_variant)
    todo, out = [], []
    for job in (jobs if formats else ()):
        where = f"{job.meta.get('bioguide_id', '')} {job.meta.get('name', '')}".strip()
        try:
            first = templates.render(job.template, {**job.context, "fit": 0}, where)
        except TemplateTimedOut as exc:
            out.append(_not_made(job, formats, exc))
            continue
        prints = {fmt: source_fingerprint(job, first, fmt, reference_sha, pdf_variant)
                  for fmt in formats}
        if all(unchanged.get(f"{job.stem}.{fmt}") == prints[fmt] for fmt in formats):
            out.append([RenderedFile(f"{job.stem}.{fmt}", fmt, None, 0, prints[fmt], (), job.meta)
                        for fmt in formats])
            continue
        try:
            html, laid, warnings = fit_to_pages(job, templates, renderer, where, first)
        except TemplateTimedOut as exc:
            out.append(_not_made(job, formats, exc))
            continue
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
                from toolkit.documents.docx.package import render_docx

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
        try:
            first = templates.render(job.template, {**job.context, "fit": 0}, where)
            prints = {fmt: source_fingerprint(job, first, fmt) for fmt in wanted}
            if all(unchanged.get(f"{job.stem}.{fmt}") == prints[fmt] for fmt in wanted):
                results += [RenderedFile(f"{job.stem}.{fmt}", fmt, None, 0, prints[fmt], (),
                                         job.meta) for fmt in wanted]
            else:
                results += plaintext.render_text_files(job, wanted, templates, where, prints)
        except TemplateTimedOut as exc:
            results += _not_made(job, wanted, exc)
    return results

