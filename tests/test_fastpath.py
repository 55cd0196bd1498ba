"""The fast path (batched PDF writing, worker processes, any Executor) equals the simple path."""

from __future__ import annotations

from toolkit.jobs import letters
from toolkit.engine import run
from toolkit.jobs import selection

import csv
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import docx_text, pdf_pages, pdf_text

DATE = dt.date(2026, 1, 15)


def _manifest(folder):
    with open(folder / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        return {row["path"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def jobs(table, campaign):
    targets = selection.select_targets(table.legislators, campaign, states=["NJ", "DC", "PR"],
                                      everyone=True)
    return letters.plan_documents(targets, campaign, ("letter", "onepager"),
                                   letters.letter_date(DATE))


@pytest.fixture(scope="module")
def simple(jobs, tmp_path_factory):
    """One document at a time, one process: each PDF written on its own."""
    out = tmp_path_factory.mktemp("simple")
    batch, run.BATCH_SIZE = run.BATCH_SIZE, 1
    try:
        run.run(jobs, out, workers=1, date=DATE)
    finally:
        run.BATCH_SIZE = batch
    return out


@pytest.mark.parametrize("executor", ["processes", "threads"])
def test_fast_path_output_equals_simple_path(jobs, simple, tmp_path, executor):
    out = tmp_path / "fast"
    if executor == "threads":   # any concurrent.futures.Executor will do (e.g. Dask's)
        with ThreadPoolExecutor(2) as pool:
            run.run(jobs, out, executor=pool, date=DATE)
    else:
        run.run(jobs, out, workers=2, date=DATE)
    fast, slow = _manifest(out), _manifest(simple)
    assert sorted(fast) == sorted(slow) and len(fast) == 4 * 16   # 16 members x 2 kinds x 2 formats
    for path, row in slow.items():
        other = fast[path]
        same = ("bioguide_id", "name", "chamber", "state", "district", "kind", "format", "pages",
                "source_sha256")
        assert [other[k] for k in same] == [row[k] for k in same], path
        if path.endswith(".pdf"):
            assert pdf_pages(out / path) == pdf_pages(simple / path) == 1
            assert pdf_text(out / path) == pdf_text(simple / path)
        else:
            assert other["sha256"] == row["sha256"]      # DOCX: the same bytes
            assert docx_text(out / path) == docx_text(simple / path)
