"""Where batches of documents are rendered: this process, a thread or process pool, or Dask.

``open_pool`` returns a Pool: ``submit(fn, *args, key=...)`` runs one task (one batch),
``workers`` says how many run at once (the engine keeps about two batches a worker in
flight). Data every batch needs (the campaign, the members: the ``shared`` dict) reaches
each worker once: a process pool gets it through its initializer, Dask through
``client.scatter(..., broadcast=True)``; tasks then carry only their own letters. Dask
distributed is optional (``pip install -e '.[dask]'``). A task in a worker process (process
pool, Dask) ends with ``release_memory``.
"""

from __future__ import annotations

import ctypes
import functools
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from toolkit.errors import ToolkitError



EXECUTORS = ("process", "thread", "dask")


#: Where ``--scheduler-address`` falls back to.
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"


#: Dask settings of the workers of a local cluster (``--executor dask`` without a scheduler
#: address). Dask's statistical profiler samples each running task's stack every 10 ms and
#: keeps a call tree per second for the last 1,000 seconds: with WeasyPrint's deep layout
#: stacks that grew a worker by about 0.3 MB a second (311 MB at the end of a 12-minute
#: run, against 173 MB for a process-pool worker). A worker of a cluster you start
#: yourself takes the same setting from ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``
#: (README, "Running on a cluster").
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


_SHARED: dict = {}


_PARENT: list[int] = []


def worker_shared(shared: dict | None) -> dict:
    """The shared data of this worker: ``shared`` when a task was given it, else what the
    pool's initializer installed (process pool)."""
    return _SHARED if shared is None else shared


def _install(shared: dict) -> None:
    _SHARED.clear()
    _SHARED.update(shared)
    _PARENT[:] = [os.getppid()]


def orphaned() -> bool:
    """True in a process-pool worker whose client process has died (killed): it stops
    instead of writing files no one will record."""
    return bool(_PARENT) and os.getppid() != _PARENT[0]


def release_memory() -> None:
    """Hand the free pages of each malloc arena back to the system (glibc's
    ``malloc_trim``; nothing on a C library without it)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):     # not glibc (musl, macOS, Windows)
        return None


def run_task(fn, *args):
    """Run ``fn(*args)`` on a worker, then ``release_memory`` (run by ``Pool.submit``)."""
    try:
        return fn(*args)
    finally:
        release_memory()


class InProcess(Executor):
    """An Executor that runs each call at once in this process (``--jobs 1``).

    An error of the call is handed to the caller through its future, as a pool would;
    Ctrl-C (KeyboardInterrupt) and SystemExit are not: they stop the run at once,
    rather than after the next batch (which would run on whatever state the
    interrupted one left).
    """

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # handed to the caller through the future
            future.set_exception(exc)
        return future


class Pool:
    """An executor plus how to hand it the shared data; close it with ``close()``.

    ``workers`` is the number of tasks that run at once; ``shared_arg`` is what each
    task receives as its first argument (None: the worker already holds the data);
    ``release``: tasks run in worker processes of their own, which ``run_task`` trims.
    """

    def __init__(self, executor, workers: int, shared_arg=None, owned=(), client=None,
                 release: bool = False):
        self.executor, self.workers, self.shared_arg = executor, workers, shared_arg
        self.client, self.release = client, release
        self._owned = owned

    def submit(self, fn, *args, key: str) -> Future:
        """Run ``fn(shared, *args)`` as one task; ``key`` names it (Dask: stable, unique).

        In a worker process (``release``, or Dask) the task is ``run_task``: the worker
        trims malloc's free pages after each batch.
        """
        if self.client is not None:
            return self.client.submit(run_task, fn, self.shared_arg, *args, key=key,
                                      pure=False)
        if self.release:
            return self.executor.submit(run_task, fn, self.shared_arg, *args)
        return self.executor.submit(fn, self.shared_arg, *args)

    def close(self) -> None:
        """Stop what this Pool started (not an executor or scheduler it was given)."""
        for thing in self._owned:
            if isinstance(thing, Executor):
                thing.shutdown(wait=True, cancel_futures=True)
            else:
                thing.close()


def open_pool(kind: str = "process", workers: int | None = None, shared: dict | None = None,
              scheduler_address: str | None = None, executor: Executor | None = None) -> Pool:
    """Start the executor ``kind`` ("process", "thread" or "dask") with ``workers`` workers.

    ``workers`` defaults to the CPU count; 1 runs in this process (process and thread).
    Dask connects to ``scheduler_address`` (else $DASK_SCHEDULER_ADDRESS), or starts a
    local cluster of ``workers`` processes with one thread each. ``executor`` (any
    ``concurrent.futures.Executor``) is used as given, the shared data sent with each
    task. Raises ToolkitError when Dask is not installed or the scheduler cannot be
    reached.
    """
    shared = shared or {}
    if executor is not None:
        return Pool(executor, workers or os.cpu_count() or 1, shared)
    if kind not in EXECUTORS:
        raise ToolkitError(f"--executor {kind}: choose one of {', '.join(EXECUTORS)}")
    if kind == "dask":
        return _open_dask(workers, shared, scheduler_address or os.environ.get(SCHEDULER_ENV))
    count = workers or os.cpu_count() or 1
    if count <= 1:
        return Pool(InProcess(), 1, shared)
    if kind == "thread":
        pool = ThreadPoolExecutor(max_workers=count)
        return Pool(pool, count, shared, owned=(pool,))
    pool = ProcessPoolExecutor(max_workers=count, initializer=_install, initargs=(shared,))
    return Pool(pool, count, None, owned=(pool,), release=True)


def _open_dask(workers: int | None, shared: dict, address: str | None) -> Pool:
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ToolkitError("--executor dask needs Dask distributed, an optional extra: "
                           "pip install 'advocacy-toolkit[dask]' (from a checkout: "
                           "pip install -e '.[dask]')") from None
    owned: list = []
    try:
        if address:
            client = Client(address, timeout="20s")
        else:
            with dask.config.set(LOCAL_WORKER_CONFIG):     # the nannies pass it on
                cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                       threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None)
            owned.append(cluster)
            client = Client(cluster)
    except OSError as exc:
        for thing in owned:
            thing.close()
        raise ToolkitError(f"--scheduler-address {address}: cannot reach the Dask scheduler "
                           f"({exc}); start it with 'dask scheduler' and check the address "
                           "(tcp://HOST:8786)") from None
    owned.insert(0, client)
    count = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
    if count == 0:
        for thing in owned:
            thing.close()
        raise ToolkitError(f"the Dask scheduler at {address} has no workers; start "
                           f"'dask worker {address}' on each machine")
    handle, = client.scatter([shared], broadcast=True, hash=False)   # one object, not per key
    return Pool(client.get_executor(), count, handle, owned=tuple(owned), client=client)

