"""A volunteer's session on the page: its folder, its campaign and sheets, its runs.

Each browser session gets a folder under the server's temporary folder (removed when
the server stops). A run copies its inputs into a folder of its own before it starts,
so an upload made while it renders changes the next run, never this one.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import threading
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import ToolkitError

#: The jobs of the page, in the volunteers' words: key -> (title, what it makes).
JOBS = {
    "constituents": ("Letters from our members to their own members of Congress",
                     "each member of the group writes to their two senators and their "
                     "representative; one letter each, signed by them"),
    "organization": ("Letters from our organization",
                     "one letter from the organization to each member of Congress the "
                     "campaign targets"),
    "hillday": ("Hill-day material",
                "a briefing packet for each office to visit: profile, letter and "
                "one-pager, and one print file in walking order"),
}


@dataclass
class Run:
    """One run of a job: ``folder`` (its inputs and ``out/``), ``total`` and ``done``
    documents, ``state`` ("running", "done", "failed"), ``error`` (the one-line
    message of a ToolkitError), ``result`` (the JobResult), ``zip_path``, ``notes``."""

    id: int
    job: str
    folder: Path
    total: int = 0
    done: int = 0
    state: str = "running"
    error: str = ""
    result: object = None
    zip_path: Path | None = None
    notes: list[str] = field(default_factory=list)

    def progress(self, total: int):
        """A job's ``progress`` callback: (context manager, update(n))."""
        import contextlib

        self.total = total

        def update(n: int) -> None:
            self.done += n

        return contextlib.nullcontext(), update


class Workspace:
    """One session: ``folder``, the campaign file (``campaign_path``, None until chosen),
    the sheet of each job (``sheets``), its ``--map`` choices (``maps``), its
    ``--sheet``/``--header-row`` (``layout``), the letter
    ``date``, the last ``preview``, its runs."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.campaign_path: Path | None = None
        self.campaign_name = ""
        self.sheets: dict[str, Path] = {}
        self.maps: dict[str, dict[str, str]] = {}
        self.layout: dict[str, dict] = {}      # job -> {"sheet": name, "header_row": n}
        self.runs: dict[int, Run] = {}
        self.date: dt.date | None = None       # the letter date typed on the page (None: today)
        self.preview: dict | None = None       # the last preview made
        self.formats: tuple[str, ...] = ("pdf", "docx")   # the formats last chosen
        self.lock = threading.Lock()
        self._count = 0

    def place(self, *parts: str) -> Path:
        """A path inside the session's folder (its parent made)."""
        path = self.folder.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def new_folder(self, kind: str) -> Path:
        """A fresh numbered folder ``kind-N`` in the session's folder."""
        with self.lock:
            self._count += 1
            path = self.folder / f"{kind}-{self._count}"
        path.mkdir(parents=True)
        return path

    def running(self) -> Run | None:
        """The run still going, if any."""
        return next((r for r in self.runs.values() if r.state == "running"), None)

    def start(self, job: str, call) -> Run:
        """Start ``call(run, inputs)`` in a thread, after copying the campaign and the
        job's sheet into the run's own folder (``inputs``: {"campaign": Path, "sheet":
        Path or None}). Raises ToolkitError while another run of this session is going."""
        with self.lock:
            if self.running():
                raise ToolkitError("a run is still going; wait for it to finish, then "
                                   "make again")
            self._count += 1
            folder = self.folder / f"run-{self._count}"
            run = Run(self._count, job, folder)
            self.runs[run.id] = run
        folder.mkdir(parents=True)
        inputs = {"campaign": None, "sheet": None}
        if self.campaign_path is not None:
            inputs["campaign"] = folder / "inputs" / self.campaign_path.name
            inputs["campaign"].parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.campaign_path, inputs["campaign"])
        sheet = self.sheets.get(job)
        if sheet is not None:
            inputs["sheet"] = folder / "inputs" / sheet.name
            inputs["sheet"].parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sheet, inputs["sheet"])

        def work() -> None:
            try:
                run.result = call(run, inputs)
                run.zip_path = zip_folder(folder / "out", folder / "letters.zip")
                run.state = "done"
            except ToolkitError as exc:
                run.error, run.state = str(exc), "failed"
            except Exception:        # a bug: logged for the developer, a line for the page
                traceback.print_exc()
                run.error = ("the run stopped on an unexpected error (a bug: the server's "
                             "terminal shows it); files already written are complete")
                run.state = "failed"

        threading.Thread(target=work, name=f"advocacy-run-{run.id}", daemon=True).start()
        return run


def zip_folder(folder: Path, target: Path) -> Path:
    """Zip every file under ``folder`` (paths relative to it, sorted, one fixed date
    so that the same files give the same zip) into ``target``; returns ``target``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    target.write_bytes(buffer.getvalue())
    return target


def parse_day(text: str) -> dt.date | None:
    """The letter date typed on the page (YYYY-MM-DD), or None for today. Raises
    ToolkitError with the CLI's words for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ToolkitError(f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2026-01-15") from None
