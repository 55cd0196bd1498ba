"""The manifest of a national campaign: memory and time to record, save and load its rows.

    python benchmarks/bench_manifest.py --rows 600000

A run of 100,000 constituents (about 300,000 letters, PDF and DOCX) records some 600,000
manifest rows. Prints, for each size, the peak RSS of this process before and after
recording, and the seconds to record (with the journal), save (manifest.csv, streamed)
and load the rows again (as the next run does). The rows are realistic constituent rows;
no document is rendered.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.engine.output import Manifest  # noqa: E402
from toolkit.engine.run import CONSTITUENT_COLUMNS  # noqa: E402


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux: ru_maxrss is KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(number: int) -> dict:
    """A constituent letter's manifest row, as pipeline.write_batch returns it."""
    path = f"constituents/aminata-traore-{number}-r{number + 2}/WA-sen-cantwell-C000127.pdf"
    digest = hashlib.sha256(path.encode()).hexdigest()
    return {"bioguide_id": "C000127", "name": "Maria Cantwell", "chamber": "senate",
            "state": "WA", "district": "", "kind": "letter", "format": "pdf", "path": path,
            "pages": 1, "sha256": digest, "source_sha256": digest[::-1],
            "office": "district: Spokane, WA", "data_version": "bundled dfa9622 (2026-06-15)",
            "shortened": "", "constituent_row": number + 2,
            "constituent_name": f"Aminata Traoré {number}"}


def main() -> None:
    """Record, save and load ``--rows`` rows in a temporary folder; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-manifest-"))
    try:
        before = peak_mb()
        start = time.perf_counter()
        manifest = Manifest.load(folder, CONSTITUENT_COLUMNS)
        for number in range(args.rows):
            manifest.record(row(number))
        recorded = time.perf_counter()
        manifest.save()
        saved = time.perf_counter()
        again = Manifest.load(folder, CONSTITUENT_COLUMNS)
        count = len(again.rows)
        loaded = time.perf_counter()
        size = (folder / "manifest.csv").stat().st_size / 2**20
        print(f"{args.rows:,} rows: peak RSS {before:.0f} MB before, {peak_mb():.0f} MB after; "
              f"record {recorded - start:.1f} s, save {saved - recorded:.1f} s "
              f"({size:.0f} MB manifest.csv), load {loaded - saved:.1f} s ({count:,} rows)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
