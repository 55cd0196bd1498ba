"""Benchmark: how long a coalition sign-on letter takes with a long signatory list.

Builds an invented sign-on export of N rows (tests/test_signon.py's factory: the planted
faults plus invented organizations, half with a signer's name and title), then times
``jobs.signon.make_signon`` to the SSFR leaders (by tier, three columns, signers' names
printed), PDF + DOCX and PDF alone, in one process, best of the repeats. Not a test:
run it by hand.

    python benchmarks/bench_signon.py                 # 600 rows, 3 repeats
    python benchmarks/bench_signon.py --rows 1000 --repeat 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_signon import CUTOFF, make_export  # the tests' factory

    from toolkit.campaign.model import load_campaign
    from toolkit.campaign.signon import SignOn
    from toolkit.congress.members import load_members
    from toolkit.jobs.signon import make_signon

    members = load_members().legislators
    campaign = load_campaign().model_copy(update={"signon": SignOn(signer_names=True)})
    with tempfile.TemporaryDirectory() as folder:
        export = make_export(Path(folder) / "signers.csv", args.rows)
        for formats in (("pdf", "docx"), ("pdf",)):
            times = []
            for run in range(args.repeat):
                start = time.perf_counter()
                done = make_signon(export, campaign=campaign, to="committee:SSFR",
                                   group_by="tier", columns=3, cutoff=CUTOFF,
                                   date=dt.date(2026, 12, 1), formats=formats,
                                   out=Path(folder) / f"out-{'-'.join(formats)}-{run}",
                                   legislators=members)
                times.append(time.perf_counter() - start)
            signers = len(done.signers.signers)
            print(f"{args.rows} rows -> {signers} signers, {'+'.join(formats)}: best "
                  f"{min(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)}")


if __name__ == "__main__":
    main()
