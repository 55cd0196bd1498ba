"""Benchmark: the naive mail merge against `advocacy generate`'s pipeline, same input, one run.

Prints wall time, documents per second, the speed-up, WeasyPrint's layout-only floor
and peak RSS. Not a test: run it by hand on a quiet machine.

    python benchmarks/bench_generate.py                 # all 537 members, both kinds/formats
    python benchmarks/bench_generate.py --members 100 --repeat 3

Naive path: one process; per PDF one ``HTML(...).write_pdf()``; per DOCX one
python-docx ``Document()`` + paragraphs + ``save()``; the same templates and HTML.
"""

from __future__ import annotations

from toolkit.jobs import letters
from toolkit.engine import run
from toolkit.jobs import selection

import argparse
import datetime as dt
import io
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


def naive(jobs, templates) -> float:
    """Render every job the simple way; return seconds."""
    import docx
    import lxml.html
    from weasyprint import HTML

    start = time.perf_counter()
    reference = templates.find("reference.docx")
    for job in jobs:
        html = templates.render(job.template, {**job.context, "fit": 0})
        HTML(string=html, base_url=str(templates.folders[0]) + "/").write_pdf()
        document = docx.Document(str(reference))
        for element in lxml.html.fromstring(html).iter("p", "li", "h1", "h2"):
            document.add_paragraph(" ".join(element.text_content().split()))
        document.save(io.BytesIO())
    return time.perf_counter() - start


def layout_floor(jobs, templates) -> float:
    """WeasyPrint layout alone (``HTML.render()``) for every job; return seconds."""
    from weasyprint import HTML

    start = time.perf_counter()
    for job in jobs:
        HTML(string=templates.render(job.template, {**job.context, "fit": 0}),
             base_url=str(templates.folders[0]) + "/").render()
    return time.perf_counter() - start


def product(jobs, workers: int, formats=("pdf", "docx")) -> float:
    """Run the product pipeline into a fresh folder; return seconds."""

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        run.run(jobs, Path(folder), formats=formats, workers=workers,
                     date=dt.date(2026, 1, 15))
        return time.perf_counter() - start


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    """Parse options, run both paths, print the figures."""
    import os

    from toolkit.campaign.model import load_campaign
    from toolkit.sheets.legislators import load_legislators
    from toolkit.documents.html import TemplateSet

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=537)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--fonttools-subset", action="store_true",
                        help="subset fonts with fontTools, as WeasyPrint does on a machine "
                             "without libharfbuzz-subset0 (both paths)")
    args = parser.parse_args()
    if args.fonttools_subset:
        import weasyprint.pdf.fonts

        weasyprint.pdf.fonts.harfbuzz_subset = None   # inherited by the forked workers

    campaign = load_campaign()
    targets = selection.select_targets(load_legislators().legislators, campaign,
                                      everyone=True)[:args.members]
    jobs = letters.plan_documents(targets, campaign, ("letter", "onepager"), "January 15, 2026")
    templates = TemplateSet()
    files = 2 * len(jobs)
    print(f"{len(targets)} members, {len(jobs)} documents, {files} files (PDF + DOCX); "
          f"{os.cpu_count()} CPUs, --jobs {args.jobs}, Python {sys.version.split()[0]}, "
          f"font subsetting by {'fontTools' if args.fonttools_subset else 'HarfBuzz if installed'}")
    # The product runs first, so its forked workers do not inherit the memory of the
    # in-process naive and layout-only runs.
    product_times = [product(jobs, args.jobs) for _ in range(args.repeat)]
    own, child = peak_rss_mb()
    pdf_only = product(jobs, 1, ("pdf",))
    floor = layout_floor(jobs, templates)
    print(f"layout-only floor (1 process): {floor:7.2f} s  {1000 * floor / len(jobs):6.1f} ms/document")
    naive_times = [] if args.skip_naive else [naive(jobs, templates) for _ in range(args.repeat)]
    best = min(product_times)
    print(f"product PDF only, 1 process:  {pdf_only:7.2f} s  {1000 * pdf_only / len(jobs):6.1f} "
          f"ms/document ({pdf_only / floor:.2f}x the layout floor)")
    print(f"product, --jobs {args.jobs}:   {best:7.2f} s  {files / best:7.1f} files/s "
          f"(runs: {', '.join(f'{t:.2f}' for t in product_times)})")
    if naive_times:
        slow = statistics.median(naive_times)
        print(f"naive (1 process):      {slow:7.2f} s  {files / slow:7.1f} files/s "
              f"(runs: {', '.join(f'{t:.2f}' for t in naive_times)})")
        print(f"speed-up: {slow / best:.1f}x")
    print(f"peak RSS of the product run: main process {own:.0f} MB, largest worker {child:.0f} MB")


if __name__ == "__main__":
    main()
