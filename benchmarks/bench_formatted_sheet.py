"""A workbook formatted down to Excel's last row: time and memory to read its few rows.

    python benchmarks/bench_formatted_sheet.py [--before]

Excel users select whole columns and format them, or a stray cell far down keeps a
format: the sheet's used range then ends at row 1,048,576 although the list ends at row
3. Writes such a workbook (three rows of constituents, one bold cell at A1,048,576),
reads it with ``load_constituents`` in a fresh process, and prints the seconds and the
peak RSS of that process. ``--before`` reads it the way the reader did before issue 18
(every row up to openpyxl's ``max_row``), for comparison; it takes about a minute and
some 2 GB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def make(path: Path) -> Path:
    """Write the workbook: header, two constituents, a bold empty cell at A1048576."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP"])
    sheet.append(["Ann Lee", "12 Warren St", "Boston", "MA", "02119"])
    sheet.append(["Bo Ray", "14 Warren St", "Boston", "MA", "02119"])
    sheet.cell(row=1048576, column=1).font = Font(bold=True)
    book.save(path)
    return path


def read(path: Path, before: bool) -> None:
    """Read ``path`` in this process and print seconds and peak RSS (MB)."""
    import openpyxl  # noqa: F401  (imported before the clock starts, as a run has it)

    from toolkit.sheets import cells
    from toolkit.sheets.constituents import load_constituents

    if before:   # the old loop: every row to max_row, a cell object for every place
        cells._last_value = lambda ws: (ws.max_row, ws.max_column)
    start = time.perf_counter()
    people = load_constituents(path)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'before' if before else 'now':<6} {len(people.constituents)} constituent(s) read "
          f"in {seconds:.2f} s; peak RSS {peak:.0f} MB (the process, Python and openpyxl "
          "included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", action="store_true", help="also read it the old way")
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--old", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        read(args.read, args.old)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = make(Path(folder) / "formatted.xlsx")
        print(f"{path.name}: {path.stat().st_size:,} bytes, last formatted cell A1048576, "
              "data in rows 1-3")
        base = subprocess.run([sys.executable, "-c", "import openpyxl, toolkit.sheets.cells, "
                               "resource; print(resource.getrusage(resource.RUSAGE_SELF)"
                               ".ru_maxrss / 1024)"], capture_output=True, text=True,
                              check=True, cwd=Path(__file__).resolve().parents[1])
        print(f"a process that only imports openpyxl and the reader: "
              f"{float(base.stdout):.0f} MB")
        for old in ([False, True] if args.before else [False]):
            subprocess.run([sys.executable, __file__, "--read", str(path)]
                           + (["--old"] if old else []), check=True)


if __name__ == "__main__":
    main()
