"""Check: every DOCX letter and one-pager is one page when LibreOffice converts it to PDF.

Renders the DOCX files of every member (``advocacy generate --all --format docx``, the
default campaign, a fixed date) or takes a folder of them, converts them with
LibreOffice headless in batches (one ``soffice --convert-to pdf`` call per batch, each
with its own ``-env:UserInstallation`` profile, run under ``nice``), counts each PDF's
pages with pypdf and prints: files checked, the distribution of page counts, every file
over one page (or not converted), and the time taken. Exit status 1 when any file is
over one page or was not converted. Not a test: it takes minutes.

    python benchmarks/check_docx_pages.py                     # all 537 members x letter + one-pager
    python benchmarks/check_docx_pages.py --folder output/mali-2023   # DOCX files already made
    python benchmarks/check_docx_pages.py --limit 20 --batch 10 --jobs 2
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def render(folder: Path, args) -> float:
    """Make the DOCX letters and one-pagers of every member into ``folder``; return seconds."""
    command = [sys.executable, "-m", "toolkit", "generate", "--all", "--format", "docx",
               "--out", str(folder), "--date", args.date, "--jobs", str(args.jobs)]
    if args.campaign:
        command += ["--campaign", args.campaign]
    if args.limit:
        command += ["--limit", str(args.limit)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"advocacy generate failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - start


def batches(files: list[Path], size: int) -> list[tuple[Path, list[Path]]]:
    """(source folder, files) groups of at most ``size`` files, never mixing folders
    (a letter and a one-pager share a file name: each folder converts into its own)."""
    by_folder: dict[Path, list[Path]] = collections.defaultdict(list)
    for path in files:
        by_folder[path.parent].append(path)
    return [(parent, group[i:i + size]) for parent, group in sorted(by_folder.items())
            for i in range(0, len(group), size)]


def convert(number: int, group: list[Path], outdir: Path, work: Path, timeout: float) -> str:
    """Convert one batch with its own LibreOffice profile; return its error output, if any."""
    profile = (work / "profiles" / f"batch-{number}").as_uri()
    outdir.mkdir(parents=True, exist_ok=True)
    command = ["nice", "-n", "10", "soffice", f"-env:UserInstallation={profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, group)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"batch {number}: soffice timed out after {timeout:.0f} s"
    return "" if done.returncode == 0 else f"batch {number}: soffice exit {done.returncode}: {done.stderr.strip()}"


def pages(pdf: Path) -> int | None:
    """The page count of ``pdf`` (pypdf), or None when it is missing or unreadable."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(pdf).pages)
    except (OSError, PdfReadError):
        return None


def main() -> int:
    """Parse options, render (unless --folder), convert, count and print; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, help="check the DOCX files under this folder "
                        "(default: render every member's letter and one-pager first)")
    parser.add_argument("--campaign", help="campaign YAML (default: the bundled mali-2023)")
    parser.add_argument("--date", default="2026-01-15",
                        help="the letters' date (default 2026-01-15: all 537 members in office)")
    parser.add_argument("--limit", type=int, help="only the first N members")
    parser.add_argument("--batch", type=int, default=100, help="files per soffice call (default 100)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="soffice calls (and render workers) at once (default 1)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per soffice call")
    parser.add_argument("--keep", type=Path, help="keep the DOCX and PDF files in this folder")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        sys.exit("soffice (LibreOffice) is not installed")

    work = Path(tempfile.mkdtemp(prefix="check-docx-pages-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    render_seconds = 0.0
    folder = args.folder
    if folder is None:
        folder = work / "docx"
        render_seconds = render(folder, args)
    files = sorted(p for p in folder.rglob("*.docx") if not p.name.startswith("~$"))
    if not files:
        sys.exit(f"{folder}: no .docx files")

    start = time.perf_counter()
    groups = batches(files, args.batch)
    outdirs = [work / "pdf" / parent.relative_to(folder) for parent, _ in groups]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        errors = [e for e in pool.map(convert, range(len(groups)), [g for _, g in groups],
                                      outdirs, [work] * len(groups), [args.timeout] * len(groups))
                  if e]
    convert_seconds = time.perf_counter() - start

    counts: dict[Path, int | None] = {}
    for (parent, group), outdir in zip(groups, outdirs):
        for path in group:
            counts[path] = pages(outdir / (path.stem + ".pdf"))
    total = time.perf_counter() - started

    distribution = collections.Counter(counts.values())
    over = sorted(p for p, n in counts.items() if n is not None and n > 1)
    missing = sorted(p for p, n in counts.items() if n is None)
    kinds = collections.Counter(p.parent.relative_to(folder).as_posix() for p in files)
    print(f"files checked: {len(files)} ({', '.join(f'{k}: {n}' for k, n in sorted(kinds.items()))})"
          f" in {len(groups)} soffice batch(es) of up to {args.batch}, {args.jobs} at a time")
    shown = sorted((n, c) for n, c in distribution.items() if n is not None)
    print("pages: " + (", ".join(f"{c} file(s) of {n} page(s)" for n, c in shown) or "none"))
    print(f"over one page: {len(over)}")
    for path in over:
        print(f"  {path.relative_to(folder)}: {counts[path]} pages")
    if missing:
        print(f"not converted: {len(missing)}")
        for path in missing:
            print(f"  {path.relative_to(folder)}")
    for error in errors:
        print(f"  {error}")
    print(f"time: {total:.1f} s (render {render_seconds:.1f} s, LibreOffice {convert_seconds:.1f} s, "
          f"{convert_seconds / len(files) * 1000:.0f} ms a file); cpus {os.cpu_count()}, "
          f"load {os.getloadavg()[0]:.1f}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if over or missing else 0


if __name__ == "__main__":
    sys.exit(main())
