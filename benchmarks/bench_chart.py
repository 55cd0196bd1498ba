"""Benchmark: what the one-pager's bar chart (inline SVG) costs per document.

Lays out and writes the same one-pagers as PDF with the campaign's chart and without
it (``chart: null``), in one process, and prints milliseconds per document and the
ratio. Not a test: run it by hand on a quiet machine.

    python benchmarks/bench_chart.py                # 64 members, 3 repeats
    python benchmarks/bench_chart.py --members 128 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import time


def one_run(campaign, members, templates, renderer) -> float:
    """Render every member's one-pager to PDF bytes (one batch write); return seconds."""
    from toolkit.documents.tailor import build_context

    start = time.perf_counter()
    laid = []
    for leg in members:
        html = templates.render("onepager.html",
                                {**build_context(leg, campaign, "January 15, 2026"), "fit": 0})
        laid.append(renderer.layout(html))
    renderer.write(laid, ["one-pager"] * len(laid))
    return time.perf_counter() - start


def main() -> None:
    """Parse options, time both variants ``--repeat`` times, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    from toolkit.campaign.model import load_campaign
    from toolkit.sheets.legislators import load_legislators
    from toolkit.documents.html import TemplateSet
    from toolkit.documents.pdf import PdfRenderer

    campaign = load_campaign()
    members = sorted(load_legislators().legislators, key=lambda l: l.bioguide_id)[:options.members]
    templates = TemplateSet()
    renderer = PdfRenderer(templates.folders[0], templates.folders)
    variants = {"with chart": campaign, "without chart": campaign.model_copy(update={"chart": None})}
    one_run(campaign, members[:4], templates, renderer)  # warm up fonts and caches
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(options.repeat):  # interleaved, so that drift on a shared machine is shared
        for name, variant in variants.items():
            times[name].append(one_run(variant, members, templates, renderer))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:<14} {1000 * median / len(members):6.1f} ms per one-pager "
              f"({len(members)} members, median of {options.repeat})")
    print(f"chart cost: {medians['with chart'] / medians['without chart']:.2f}x")


if __name__ == "__main__":
    main()
