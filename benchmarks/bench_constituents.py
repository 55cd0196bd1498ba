"""Benchmark: a synthetic constituent campaign (default 10,000 people) through `advocacy constituents`.

Makes a constituents CSV of invented people at ZIP codes that lie in one district, runs
the real command in a subprocess, and prints letters made, wall time, files per second
and the peak RSS of the largest process (main or worker). Not a test.

    python benchmarks/bench_constituents.py --count 10000
    python benchmarks/bench_constituents.py --count 1000 --format pdf
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = ["Aminata", "Moussa", "Fatoumata", "Ibrahim", "Mariam", "Oumar", "Awa", "José",
         "Zoë", "Chloé", "John", "Mary", "Kwame", "Sékou", "Hawa", "Noah"]
LAST = ["Traoré", "Keïta", "Diallo", "Coulibaly", "Touré", "Cissé", "Sidibé", "Smith",
        "García", "O'Brien", "Nguyen", "Johnson", "Dembélé", "Konaté"]


def write_constituents(path: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` invented constituents at single-district ZIPs to ``path``."""
    from toolkit.congress.districts import load_zip_districts

    zips = sorted(z for z, seats in load_zip_districts().items() if len(seats) == 1)
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "Address", "City", "State", "ZIP", "Story"])
        for number in range(count):
            zip_code = rng.choice(zips)
            (state, _), = load_zip_districts()[zip_code]
            story = "" if number % 3 else (f"My family in Ségou has felt the sanctions: "
                                           f"prices rose every month of 2022. ({number})")
            writer.writerow([rng.choice(FIRST), rng.choice(LAST), f"{number + 1} Main Street",
                             "Springfield", state, zip_code, story])


def main() -> None:
    """Make the file, run the command, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--format", action="append", choices=["pdf", "docx"])
    parser.add_argument("--jobs", type=int)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        people = Path(folder) / "constituents.csv"
        write_constituents(people, args.count)
        command = [sys.executable, "-m", "toolkit", "constituents", str(people), "--out",
                   str(Path(folder) / "out"), "--date", "2026-01-15"]
        for fmt in args.format or ("pdf", "docx"):
            command += ["--format", fmt]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        files = sum(1 for p in (Path(folder) / "out").rglob("*") if p.is_file())
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        tail = [line for line in done.stdout.splitlines() if "constituent(s) read" in line]
        print(f"{args.count} constituents: exit {done.returncode}; {' '.join(tail)}")
        print(f"{files} files in {seconds:.1f} s: {files / seconds:.1f} files/s; "
              f"peak RSS of the largest process {peak:.0f} MB")


if __name__ == "__main__":
    main()
