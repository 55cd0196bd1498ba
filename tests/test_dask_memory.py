"""What keeps a worker's memory flat over a long run (issue 12: each worker under 300 MB).

A local Dask cluster's workers run without Dask's statistical profiler, finished batches'
results are released while the run goes on, renderers of one thread share one WeasyPrint
font configuration, and each pool task ends by trimming malloc's free pages.
"""

from __future__ import annotations

from toolkit.jobs import constituents
from toolkit.engine import run

import threading

import pytest

from toolkit.engine import executors
from toolkit.documents.pdf import PdfRenderer, font_configuration
from test_scale import DATE, _plan


@pytest.fixture(scope="module")
def local_pool():
    """``open_pool("dask")`` without an address: the local cluster ``--executor dask`` starts."""
    pytest.importorskip("dask.distributed")
    pool = executors.open_pool("dask", 2, {"campaign": None})
    try:
        yield pool
    finally:
        pool.close()


@pytest.mark.dask
def test_a_local_cluster_starts_its_workers_without_the_profiler(local_pool):
    def worker_settings(dask_worker):
        import dask

        return ("profile" in dask_worker.periodic_callbacks,
                dask.config.get("distributed.worker.profile.enabled"))

    assert list(local_pool.client.run(worker_settings).values()) == [(False, False)] * 2


@pytest.mark.dask
def test_finished_batches_are_released_while_the_run_goes_on(tmp_path, local_pool, table,
                                                             campaign):
    plan = _plan(tmp_path, 200, table, campaign)
    address = local_pool.client.scheduler.address
    held: list[tuple[int, int]] = []

    def in_memory(dask_scheduler):
        return sum(task.state == "memory" for task in dask_scheduler.tasks.values())

    def count(_documents):
        results = sum(local_pool.client.run(lambda dask_worker: len(dask_worker.data)).values())
        held.append((local_pool.client.run_on_scheduler(in_memory), results))

    result = constituents.run_constituents(plan, tmp_path / "out", formats=("txt",),
                                       executor="dask", scheduler_address=address,
                                       date=DATE, progress=count)
    batches = -(-len(plan.jobs) // run.BATCH_SIZE)
    assert batches >= 18 and len(held) == batches
    assert len(result.written) == len(plan.jobs)
    # At most two batches per worker in flight, plus the shared data this fixture and the
    # run scattered (one task, a copy on each worker) and releases not yet heard of: a
    # run that kept its finished batches' futures would hold one more result a batch.
    in_flight = 2 * 2
    assert max(scheduler for scheduler, _ in held) <= in_flight + 2 + 2, held
    assert max(workers for _, workers in held) <= in_flight + 2 * 2 + 2, held


def test_renderers_of_one_thread_share_one_font_configuration(tmp_path):
    first = PdfRenderer(tmp_path, [tmp_path])
    second = PdfRenderer(tmp_path, [tmp_path], None, actual_size=True)
    other: list = []
    thread = threading.Thread(target=lambda: other.append(font_configuration()))
    thread.start()
    thread.join()
    assert first.font_config is second.font_config is font_configuration()
    assert other[0] is not first.font_config


def test_a_pool_task_returns_its_result_then_trims_malloc(monkeypatch):
    calls: list = []
    monkeypatch.setattr(executors, "_malloc_trim", lambda: lambda pad: calls.append(pad))
    assert executors.run_task(lambda a, b: calls.append("ran") or a + b, 2, 3) == 5
    assert calls == ["ran", 0]
    with pytest.raises(ZeroDivisionError):
        executors.run_task(lambda: 1 / 0)
    assert calls == ["ran", 0, 0]
    monkeypatch.setattr(executors, "_malloc_trim", lambda: None)   # not glibc: nothing to do
    assert executors.run_task(str, 7) == "7"
