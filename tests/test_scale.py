"""Scale (issue 12): the streaming plan's memory, and rendering on Dask distributed.

The Dask tests run on a LocalCluster of two worker processes bound to 127.0.0.1 (marker
``dask``; CI runs them: Dask is in the ``test`` extra).
"""

from __future__ import annotations

from toolkit.jobs import constituents
from toolkit.jobs.letters import letter_date
from toolkit.engine import run

import os
import signal
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from toolkit.sheets.constituents import load_constituents
from toolkit.errors import ExportError, ToolkitError
from toolkit.engine.output import Manifest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from bench_constituents import write_constituents  # noqa: E402  (the benchmark's synthetic people)

DATE = run.dt.date(2026, 1, 15)


def _plan(tmp_path: Path, count: int, table, campaign, seed: int = 7):
    people = tmp_path / f"people-{count}.csv"
    write_constituents(people, count, seed)
    return constituents.plan_constituent_letters(load_constituents(people).constituents,
                                             table.legislators, campaign,
                                             letter_date(DATE), day=DATE)


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_plan_and_dry_run_of_20000_people_stay_small(tmp_path, table, campaign):
    people = tmp_path / "people.csv"
    write_constituents(people, 20000)
    rows = load_constituents(people).constituents
    tracemalloc.start()
    try:
        plan = constituents.plan_constituent_letters(rows, table.legislators, campaign,
                                                 letter_date(DATE), day=DATE)
        result = constituents.run_constituents(plan, tmp_path / "out", dry_run=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    letters = len(plan.jobs)
    assert 59000 < letters <= 60000          # three letters a person, bar vacant seats
    assert len(result.planned) == 2 * letters + len(plan.offices)
    assert not (tmp_path / "out").exists()
    # Matches and 120,000 planned paths: about 40 MB. A plan held as a list of letters
    # (merge fields built for each, about 35 KB) would take some 2 GB.
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MB"


def test_the_stream_builds_the_same_letter_each_time(tmp_path, table, campaign):
    plan = _plan(tmp_path, 5, table, campaign)
    first = list(plan.jobs)
    assert len(first) == len(plan.jobs) == 15
    assert [j.stem for j in first] == list(plan.jobs.stems())
    assert plan.jobs[4].stem == first[4].stem and plan.jobs[4].context["member"] == \
        first[4].context["member"]
    office, letters = next(iter(plan.prints.items()))
    assert letters == plan.letters(office) and office.startswith("by-office/")


def test_a_worker_that_cannot_see_the_output_folder_is_a_clear_error(tmp_path, table,
                                                                      campaign):
    plan = _plan(tmp_path, 1, table, campaign)
    payload = run._pack(list(plan.jobs), campaign)
    with pytest.raises(ExportError) as caught:
        run.write_batch({"campaign": campaign}, payload, ("pdf",), None, {}, DATE,
                             str(tmp_path / "elsewhere"), "token", "advocacy-0000000-x")
    assert str(caught.value).startswith(
        f"{tmp_path / 'elsewhere'}: the output folder cannot be seen from the worker on ")
    assert str(caught.value).endswith(": on a cluster it must be shared storage mounted at the "
                                      "same path on every machine (see README, 'Running on a "
                                      "cluster')")
    assert not (tmp_path / "elsewhere").exists()


def test_without_dask_the_error_names_the_extra(monkeypatch):
    from toolkit.engine.executors import open_pool

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(ToolkitError) as caught:
        open_pool("dask", 2, {})
    assert str(caught.value) == ("--executor dask needs Dask distributed, an optional extra: "
                                 "pip install 'advocacy-toolkit[dask]' (from a checkout: "
                                 "pip install -e '.[dask]')")


# --------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two worker processes (one thread each) on 127.0.0.1."""
    distributed = pytest.importorskip("dask.distributed")
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     host="127.0.0.1", dashboard_address=None)
    try:
        yield local
    finally:
        local.close()


@pytest.mark.dask
def test_dask_makes_the_same_files_as_the_process_pool(tmp_path, cluster, table, campaign):
    plan = _plan(tmp_path, 120, table, campaign)
    pool_out, dask_out = tmp_path / "pool", tmp_path / "dask"
    constituents.run_constituents(plan, pool_out, workers=2, date=DATE)
    result = constituents.run_constituents(plan, dask_out, executor="dask",
                                       scheduler_address=cluster.scheduler_address, date=DATE)
    pool_files, dask_files = _files(pool_out), _files(dask_out)
    letters = len(plan.jobs)
    # and the manifest and the campaign log
    assert letters > 350 and len(dask_files) == 2 * letters + len(plan.offices) + 2
    assert sorted(dask_files) == sorted(pool_files)
    assert [p for p in dask_files if dask_files[p] != pool_files[p]] == []
    assert dask_files["manifest.csv"] == pool_files["manifest.csv"]
    assert len(result.written) == len(dask_files) - 2 and result.unchanged == []
    assert sorted(p.name for p in dask_out.iterdir()) == ["by-office", "campaign-log.csv",
                                                          "constituents", "manifest.csv"]


@pytest.mark.dask
def test_a_killed_worker_is_survived_and_a_rerun_completes(tmp_path, cluster, table, campaign):
    from dask.distributed import Client

    plan = _plan(tmp_path, 40, table, campaign, seed=11)
    out = tmp_path / "out"
    outcome: dict = {}

    def render():
        try:
            constituents.run_constituents(plan, out, formats=("pdf",), executor="dask",
                                      scheduler_address=cluster.scheduler_address, date=DATE)
            outcome["done"] = True
        except ExportError as exc:
            outcome["error"] = str(exc)

    thread = threading.Thread(target=render)
    thread.start()
    deadline = time.monotonic() + 60
    while not list(out.glob("constituents/*/*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    with Client(cluster.scheduler_address) as client:
        victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGTERM)
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert outcome.get("done") or outcome["error"].startswith(
        "a worker process died while rendering (killed, or out of memory)")
    manifest = Manifest.load(out, constituents.CONSTITUENT_COLUMNS)
    assert all(manifest.is_ours(p.relative_to(out).as_posix()) for p in out.rglob("*.pdf"))
    assert list(out.rglob("*.tmp")) == []

    again = constituents.run_constituents(plan, out, formats=("pdf",), executor="dask",
                                      scheduler_address=cluster.scheduler_address, date=DATE)
    expected = len(plan.jobs) + len(plan.offices)
    assert len(again.written) + len(again.unchanged) == expected
    final = Manifest.load(out, constituents.CONSTITUENT_COLUMNS)
    assert len(final.rows) == expected and all(final.is_recorded(p) for p in final.rows)
    assert list(out.glob(".manifest.journal*")) == [] and not (out / ".advocacy-probe").exists()
