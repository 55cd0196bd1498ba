"""A time limit on one template's rendering, in whichever thread renders it.

A user's template can loop without end (``{% for a in range(100000) %}{% for b in
range(100000) %}``: the sandbox allows each range, not their product). Rendering runs in
a worker process's main thread, a thread pool's thread or a Dask worker's thread, where
no signal can reach it; so a timer thread raises ``TemplateTimeout`` inside the
rendering thread (CPython's ``PyThreadState_SetAsyncExc``), which Python checks between
bytecodes: Jinja2's compiled loops are Python code, so the loop stops within
milliseconds of the limit, with the template's frame in its traceback (its line).
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from typing import Iterator

#: Seconds one rendering of one document's template may take (``--template-timeout``).
#: A bundled template takes about 5 ms; the limit is for a template that never ends.
DEFAULT_TIMEOUT = 30.0


class TemplateTimeout(Exception):
    """Raised inside a template's rendering when it ran past its time limit."""


_set_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
#: The same call with NULL: withdraws an exception not yet raised.
_clear_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Run the ``with`` block for at most ``seconds`` (None or 0: no limit).

    Past the limit, ``TemplateTimeout`` is raised in the block's thread where it is
    running Python code (a C call in progress finishes first). The timer is disarmed
    when the block ends, and an exception it set too late is withdrawn, so nothing is
    raised after the block.
    """
    if not seconds:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                _set_async_exc(target, TemplateTimeout)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
            if state["fired"]:
                _clear_async_exc(target, None)  # withdraw it if it is still pending
        timer.cancel()
