"""Benchmark: the cost of tagged PDF/UA-1 output and of the write paths that keep its structure.

A tagged PDF's structure tree (StructTreeRoot, ParentTree, /StructParents on pages)
belongs to the whole file: a batch written as one PDF and split page by page with
pypdf (the untagged fast path) drops it. Candidates, measured side by side on the same
laid-out documents (letters and one-pagers of the bundled campaign):

  batch-split      one write_pdf per batch of 32, split with pypdf (untagged; today's path)
  per-doc          one write_pdf per document, untagged
  per-doc-ua1      one write_pdf per document, pdf_variant='pdf/ua-1' (tagged: the choice)
  batch-ua1        one tagged write_pdf per batch, not split: the cost of tagging alone,
                   not a usable path (splitting it loses the tree)

and the layout, untagged and with pdf_variant='pdf/ua-1'. Prints milliseconds per
document (best of ``--repeat`` runs). Not a test: run it by hand on a quiet machine.

    python benchmarks/bench_pdf_write.py                  # 64 documents (32 members x 2)
    python benchmarks/bench_pdf_write.py --members 64 --repeat 3
"""

from __future__ import annotations

from toolkit.jobs import letters
from toolkit.jobs import selection

import argparse
import datetime as dt
import time


def documents(members: int) -> list[str]:
    """HTML of the letter and one-pager of the first ``members`` targets of the bundled campaign."""
    from toolkit.campaign.model import load_campaign
    from toolkit.sheets.legislators import load_legislators
    from toolkit.documents.html import TemplateSet

    campaign = load_campaign()
    targets = selection.select_targets(load_legislators().legislators, campaign)[:members]
    jobs = letters.plan_documents(targets, campaign, tuple(letters.KINDS),
                                   letters.letter_date(dt.date(2026, 1, 15)))
    templates = TemplateSet()
    return [templates.render(job.template, {**job.context, "fit": 0}) for job in jobs]


def lay_out(htmls: list[str], variant: str | None):
    """(PdfRenderer, laid-out documents, seconds) for ``htmls`` in ``variant``."""
    from toolkit.documents.html import bundled_templates_dir
    from toolkit.documents.pdf import PdfRenderer

    folder = bundled_templates_dir()
    renderer = PdfRenderer(folder, [folder], variant)
    start = time.perf_counter()
    laid = [renderer.layout(html) for html in htmls]
    return renderer, laid, time.perf_counter() - start


def write_batch_split(renderer, laid, titles) -> None:
    for i in range(0, len(laid), 32):
        renderer.write(laid[i:i + 32], titles[i:i + 32])


def write_per_document(renderer, laid, titles) -> None:
    renderer.write(laid, titles)


def write_per_document_plain(renderer, laid, titles) -> None:
    for item in laid:
        item.document.write_pdf()


def write_batch_tagged(renderer, laid, titles) -> None:
    for i in range(0, len(laid), 32):
        pages = [p for item in laid[i:i + 32] for p in item.document.pages]
        laid[i].document.copy(pages).write_pdf(pdf_variant="pdf/ua-1")


CANDIDATES = {  # name: (layout variant, write function)
    "batch-split": (None, write_batch_split),
    "per-doc": (None, write_per_document_plain),
    "per-doc-ua1": ("pdf/ua-1", write_per_document),
    "batch-ua1": ("pdf/ua-1", write_batch_tagged),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    htmls = documents(args.members)
    titles = [f"document {i}" for i in range(len(htmls))]
    count = len(htmls)
    lay_out(htmls[:4], None)  # warm up fonts and templates
    layout: dict[str, float] = {}
    write: dict[str, float] = {}
    sizes: dict[str, int] = {}
    for _ in range(args.repeat):
        for name, (variant, function) in CANDIDATES.items():
            renderer, laid, seconds = lay_out(htmls, variant)
            key = str(variant)
            layout[key] = min(layout.get(key, seconds), seconds)
            start = time.perf_counter()
            function(renderer, laid, titles)
            seconds = time.perf_counter() - start
            write[name] = min(write.get(name, seconds), seconds)
    for name, (variant, _) in CANDIDATES.items():
        renderer, laid, _ = lay_out(htmls[:2], variant)
        if name == "batch-split":
            sizes[name] = len(renderer.write(laid[:1], titles[:1])[0].data)
        elif name == "per-doc":
            sizes[name] = len(laid[0].document.write_pdf())
        elif name == "per-doc-ua1":
            sizes[name] = len(renderer.write(laid[:1], titles[:1])[0].data)
    print(f"{count} documents (letters and one-pagers), best of {args.repeat}")
    for variant, seconds in layout.items():
        print(f"layout {variant:<10} {1000 * seconds / count:7.1f} ms/document")
    base = write["batch-split"]
    for name, seconds in write.items():
        size = f", {sizes[name] / 1024:.0f} KiB/file" if name in sizes else ""
        print(f"write {name:<12} {1000 * seconds / count:7.1f} ms/document "
              f"({seconds / base:.2f}x batch-split{size})")
    total_base = layout["None"] + base
    total_ua = layout["pdf/ua-1"] + write["per-doc-ua1"]
    print(f"layout + write: untagged batch-split {1000 * total_base / count:.1f} ms/document, "
          f"tagged per-doc-ua1 {1000 * total_ua / count:.1f} ms/document "
          f"({total_ua / total_base:.2f}x)")


if __name__ == "__main__":
    main()
