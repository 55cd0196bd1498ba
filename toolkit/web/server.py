"""Serving the page: a waitress server on 127.0.0.1 at a free port, its files removed at stop.

``serve`` is what ``advocacy serve`` runs. ``start`` makes and binds the server without
running it (the tests run it in a thread and close it).
"""

from __future__ import annotations

import ipaddress
import signal
import tempfile
import threading
import webbrowser
from pathlib import Path

from waitress import create_server

from toolkit.errors import ToolkitError
from toolkit.web.app import create_app

#: The addresses that only this computer can reach.
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def check_host(host: str, public: bool) -> None:
    """Refuse an address other computers could reach unless ``public`` is given.

    ``host``: the address to bind (``--host``). There are no accounts on the page: any
    one who reaches it can read the uploaded sheets. Raises ToolkitError naming the
    flag to add.
    """
    try:
        local = host in LOOPBACK or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local and not public:
        raise ToolkitError(f"--host {host}: other computers could reach this page, which "
                           "has no accounts; add --public to mean it (see the README, "
                           "'For volunteers: the web page'), or leave --host out")


def start(app, host: str = "127.0.0.1", port: int = 0, *, public: bool = False):
    """A waitress server for ``app``, bound to ``host``:``port`` (0: a free port) but
    not yet running: call its ``run()`` (blocks) and ``close()``. Its address is
    ``server.effective_host``/``effective_port``. Raises ToolkitError when ``host`` is not
    local without ``public``, or the address cannot be bound."""
    check_host(host, public)
    try:
        return create_server(app, host=host, port=port, threads=6, ident="advocacy")
    except OSError as exc:
        raise ToolkitError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                           "choose another --port") from exc


def stop(server) -> None:
    """Stop a running ``server`` from another thread: every socket of its loop is closed
    inside the loop's own thread, so its ``run()`` returns (a test's way to stop it)."""

    def close_all() -> None:
        for channel in list(server._map.values()):
            channel.close()

    server.trigger.pull_trigger(close_all)


def url_of(server) -> str:
    """The page's address: ``http://127.0.0.1:PORT/``."""
    host = server.effective_host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{server.effective_port}/"


def _stop_on_signals() -> None:
    """Closing the terminal (SIGHUP) or ``kill`` (SIGTERM) stops the page as Ctrl+C
    does, so that its temporary folder is removed (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum, frame):
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def serve(host: str = "127.0.0.1", port: int = 0, *, public: bool = False,
          open_browser: bool = True, say=print, ready=None) -> None:
    """Run the page until Ctrl+C, its session files in a temporary folder that is
    removed when it stops. ``say`` prints a line for the user (the address first);
    ``ready(server)`` is called once it listens (a test stops it with ``stop(server)``).
    Raises ToolkitError when the address is refused or cannot be bound."""
    with tempfile.TemporaryDirectory(prefix="advocacy-serve-", ignore_cleanup_errors=True) as root:
        server = start(create_app(Path(root)), host, port, public=public)
        url = url_of(server)
        say(f"The page is at {url}")
        if public:
            say("Warning: --public: any computer that can reach this address can use the "
                "page and read what is uploaded; there are no accounts.")
        say("Press Ctrl+C to stop it (its files are deleted then: download the zip first).")
        if open_browser:
            threading.Timer(0.5, webbrowser.open, (url,)).start()
        _stop_on_signals()
        if ready is not None:
            ready(server)
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
            say("Stopped; the page's files were deleted.")
