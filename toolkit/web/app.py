"""The page of ``advocacy serve``: a Flask app over the same job calls as the CLI.

Each job (``workspace.JOBS``) has one page with four steps: the campaign (an example or
an upload, edited in a form checked by ``campaign check`` as it is typed, saved back as
YAML), the spreadsheet (its read report as a table, the mapping changed with a
drop-down: ``--map``), a preview (one row's or member's letter, rendered by the job
itself) and the run (progress, then one zip and the summary). Nothing about a letter is
decided here: wording, matching and file names are the jobs'.

Safety: every POST carries the page's token (``csrf``); uploads are limited in size
(``max_upload`` bytes); each session works in its own folder under ``root``; a
ToolkitError is shown as its one-line message with status 400, any other error as a
plain 500 page without a traceback.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

from flask import (Flask, abort, jsonify, redirect, render_template, request, send_file,
                   session, url_for)
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.utils import secure_filename

from toolkit.errors import ToolkitError
from toolkit.web import campaignform
from toolkit.web.workspace import JOBS, Workspace, parse_day

#: Default upload limit: 20 MB (a sheet of 100,000 constituents is about 15 MB as CSV).
MAX_UPLOAD = 20 * 1024 * 1024
SHEET_TYPES = (".csv", ".xlsx")
#: Which rendering formats the page offers, in the volunteers' words.
FORMAT_CHOICES = (("pdf", "PDF (to print)"), ("docx", "Word (DOCX, to edit)"))


class PageError(Exception):
    """A bad input to show on the job's page at ``step``, with status 400."""

    def __init__(self, step: str, message: str, report: list[str] | None = None,
                 columns: list[dict] | None = None):
        super().__init__(message)
        self.step, self.message, self.report = step, message, report or []
        self.columns = columns or []     # a sheet's columns as read, to map them on the page


def create_app(root: Path, *, max_upload: int = MAX_UPLOAD, workers: int = 1) -> Flask:
    """The Flask app; each session's files live under ``root`` (the caller removes it).

    ``max_upload``: the largest request body in bytes (a larger upload gets a 413 page
    saying the limit). ``workers``: rendering workers of a run (threads; 1: in the
    server's run thread). Returns the app; its ``workspaces`` (session id ->
    Workspace) is ``app.extensions["advocacy"]``.
    """
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secrets.token_bytes(32), MAX_CONTENT_LENGTH=max_upload,
                      SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True,
                      TEMPLATES_AUTO_RELOAD=False)
    root = Path(root)
    workspaces: dict[str, Workspace] = {}
    app.extensions["advocacy"] = workspaces
    app.jinja_env.filters["shown"] = lambda text: _shown(_workspace(), text)

    def _workspace() -> Workspace:
        sid = session.get("sid")
        if not sid or sid not in workspaces:
            sid = secrets.token_hex(16)
            session["sid"] = sid
            workspaces[sid] = Workspace(root / sid)
        return workspaces[sid]

    @app.before_request
    def check_token():
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        if request.method == "POST":
            sent = request.form.get("csrf") or request.headers.get("X-CSRF-Token", "")
            if not secrets.compare_digest(sent, session["csrf"]):
                return _plain_error(403, "This form's token is missing or out of date (the "
                                         "server was restarted, or the form came from "
                                         "another page): reload the page and try again.")

    @app.context_processor
    def page_values():
        return {"csrf": session.get("csrf", ""), "jobs": JOBS}

    # ---------------------------------------------------------------- pages

    @app.get("/")
    def index():
        return render_template("index.html", workspace=_workspace())

    @app.get("/<job>")
    def job_page(job):
        _job(job)
        return _render_job(_workspace(), job)

    # ---------------------------------------------------------------- step 1: the campaign

    @app.post("/<job>/campaign/example")
    def campaign_example(job):
        _job(job)
        ws = _workspace()
        name = request.form.get("name", "")
        examples = _examples()
        if name not in examples:
            raise PageError("campaign", f"{name!r} is not one of the example campaigns "
                                        f"({', '.join(examples)})")
        _set_campaign(ws, examples[name], f"{name}.yaml")
        return redirect(url_for("job_page", job=job) + "#campaign")

    @app.post("/<job>/campaign/upload")
    def campaign_upload(job):
        _job(job)
        ws = _workspace()
        path = _save_upload(ws, "campaign", "upload", "campaign.yaml", (".yaml", ".yml"),
                            "choose a campaign file (.yaml) to upload",
                            "a campaign is a .yaml file")
        name = path.name
        try:
            campaignform.read_yaml(path)
        except ToolkitError as exc:
            raise PageError("campaign", _shown(ws, str(exc))) from exc
        _set_campaign(ws, path, name)
        return redirect(url_for("job_page", job=job) + "#campaign")

    @app.post("/<job>/campaign")
    def campaign_edit(job):
        _job(job)
        ws = _workspace()
        if ws.campaign_path is None:
            raise PageError("campaign", "choose an example campaign or upload one first")
        data = campaignform.apply_form(campaignform.read_yaml(ws.campaign_path), request.form)
        campaignform.write_yaml(data, ws.campaign_path.with_suffix(".tmp"))
        os.replace(ws.campaign_path.with_suffix(".tmp"), ws.campaign_path)
        checked = _campaign_state(ws)
        if request.accept_mimetypes.best == "application/json":
            return jsonify({"fields": checked["by_field"], "general": checked["general"],
                            "placeholders": checked["placeholders"]})
        return redirect(url_for("job_page", job=job) + "#campaign")

    @app.get("/campaign.yaml")
    def campaign_download():
        ws = _workspace()
        if ws.campaign_path is None:
            abort(404)
        return send_file(ws.campaign_path, mimetype="application/yaml", as_attachment=True,
                         download_name=ws.campaign_name)

    # ---------------------------------------------------------------- step 2: the sheet

    @app.post("/<job>/sheet")
    def sheet_upload(job):
        _job(job)
        ws = _workspace()
        path = _save_upload(ws, "sheet", "sheet", "sheet.csv", SHEET_TYPES,
                            "choose a spreadsheet (.csv or .xlsx) to upload",
                            "upload a .csv or .xlsx file (in Excel: File > Save As > CSV "
                            "UTF-8 or Excel Workbook)")
        ws.sheets[job] = path
        ws.maps[job] = {}
        ws.layout[job] = {}
        _sheet_state(ws, job)        # a sheet that cannot be read: 400 with its message
        return redirect(url_for("job_page", job=job) + "#sheet")

    @app.post("/<job>/sheet/map")
    def sheet_map(job):
        _job(job)
        ws = _workspace()
        if job not in ws.sheets:
            raise PageError("sheet", "upload a spreadsheet first")
        chosen = {value: key[len("column:"):] for key, value in request.form.items()
                  if key.startswith("column:") and value}
        layout = {"sheet": request.form.get("worksheet", "").strip() or None,
                  "header_row": request.form.get("header_row", "").strip() or None}
        if layout["header_row"] is not None:
            if not layout["header_row"].isdigit() or int(layout["header_row"]) < 1:
                raise PageError("sheet", f"header row {layout['header_row']!r}: give the "
                                         "number of the row that holds the column names")
            layout["header_row"] = int(layout["header_row"])
        if layout != {"sheet": None, "header_row": None, **ws.layout.get(job, {})}:
            chosen = {}         # other headers: the columns are found again by their names
        ws.layout[job] = layout
        ws.maps[job] = {}
        try:                    # keep what differs from the columns found by their names
            found = _sheet_state(ws, job)["columns"]
            auto = {c["field"]: c["header"] for c in found if c["field"]}
        except PageError:
            auto = {}
        ws.maps[job] = {name: header for name, header in chosen.items()
                        if auto.get(name) != header}
        _sheet_state(ws, job)
        return redirect(url_for("job_page", job=job) + "#sheet")

    @app.post("/<job>/sheet/clear")
    def sheet_clear(job):
        _job(job)
        ws = _workspace()
        ws.sheets.pop(job, None)
        ws.maps.pop(job, None)
        return redirect(url_for("job_page", job=job) + "#sheet")

    # ---------------------------------------------------------------- step 3: preview

    @app.post("/<job>/preview")
    def preview(job):
        _job(job)
        ws = _workspace()
        _need_campaign(ws, "preview")
        who = request.form.get("who", "").strip()
        if "date" in request.form:
            try:
                ws.date = parse_day(request.form["date"])
            except ToolkitError as exc:
                raise PageError("preview", str(exc)) from exc
        if not who:
            raise PageError("preview", "choose a row or a member to preview")
        ws.preview = _make_preview(ws, job, who)
        return redirect(url_for("job_page", job=job) + "#preview")

    @app.get("/files/<path:relpath>")
    def session_file(relpath):
        ws = _workspace()
        path = (ws.folder / relpath).resolve()
        if not path.is_file() or ws.folder.resolve() not in path.parents:
            abort(404)
        return send_file(path)

    # ---------------------------------------------------------------- step 4: make

    @app.post("/<job>/make")
    def make(job):
        _job(job)
        ws = _workspace()
        _need_campaign(ws, "make")
        if job == "constituents" and job not in ws.sheets:
            raise PageError("make", "upload the members' spreadsheet first (step 2)")
        formats = tuple(f for f, _ in FORMAT_CHOICES if request.form.get(f"format-{f}"))
        if not formats:
            raise PageError("make", "choose at least one format (PDF or Word)")
        ws.formats = formats
        try:
            ws.date = parse_day(request.form.get("date", ""))
        except ToolkitError as exc:
            raise PageError("make", str(exc)) from exc
        read, date = _read(ws, job), ws.date     # as they are now, whatever comes next
        try:
            ws.start(job, lambda run, inputs: _call_job(job, run, inputs, read, date, formats,
                                                        workers))
        except ToolkitError as exc:
            raise PageError("make", str(exc)) from exc
        return redirect(url_for("job_page", job=job) + "#make")

    @app.get("/run/<int:run_id>")
    def run_status(run_id):
        run = _workspace().runs.get(run_id) or abort(404)
        return jsonify({"state": run.state, "done": run.done, "total": run.total,
                        "error": run.error})

    @app.get("/run/<int:run_id>/<name>.zip")
    def run_zip(run_id, name):
        run = _workspace().runs.get(run_id) or abort(404)
        if run.zip_path is None:
            abort(404)
        return send_file(run.zip_path, mimetype="application/zip", as_attachment=True,
                         download_name=f"{name}.zip")

    # ---------------------------------------------------------------- errors

    @app.errorhandler(PageError)
    def page_error(exc: PageError):
        job = request.view_args.get("job") if request.view_args else None
        if job in JOBS:
            return _render_job(_workspace(), job, error=exc), 400
        return _plain_error(400, exc.message)

    @app.errorhandler(ToolkitError)
    def toolkit_error(exc: ToolkitError):
        job = request.view_args.get("job") if request.view_args else None
        step = {"campaign_edit": "campaign", "sheet_upload": "sheet", "sheet_map": "sheet",
                "preview": "preview", "make": "make"}.get(request.endpoint, "campaign")
        report = [_shown(_workspace(), line) for line in
                  getattr(getattr(exc, "report", None), "lines", lambda: [])()]
        if job in JOBS:
            return _render_job(_workspace(), job,
                               error=PageError(step, _shown(_workspace(), str(exc)), report)), 400
        return _plain_error(400, _shown(_workspace(), str(exc)))

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc):
        return _plain_error(413, f"The file is larger than the page takes "
                                 f"({max_upload // (1024 * 1024)} MB). Split the sheet, or "
                                 "use the command line (advocacy constituents FILE).")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return _plain_error(exc.code or 400, exc.description or exc.name)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        import traceback

        traceback.print_exc()        # for the developer, in the server's terminal
        return _plain_error(500, "Something went wrong inside the toolkit (a bug, not your "
                                 "input). The server's terminal shows what; please report it.")

    return app


# -------------------------------------------------------------------- helpers


def _plain_error(status: int, message: str):
    return render_template("error.html", status=status, message=message), status


def _save_upload(ws: Workspace, step: str, folder: str, default: str, suffixes: tuple,
                 missing: str, wrong: str) -> Path:
    """Save the form's uploaded ``file`` in a new folder of the session; return its path.

    Raises PageError on ``step`` with ``missing`` when no file was chosen, and with
    "<name>: ``wrong``" when its name does not end in one of ``suffixes``; the name is
    made safe (werkzeug's ``secure_filename``; ``default`` when nothing is left of it).
    """
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise PageError(step, missing)
    name = secure_filename(upload.filename) or default
    if not name.lower().endswith(suffixes):
        raise PageError(step, f"{upload.filename}: {wrong}")
    path = ws.new_folder(folder) / name
    upload.save(path)
    return path


def _job(job: str) -> None:
    if job not in JOBS:
        abort(404)


def _examples() -> dict[str, Path]:
    """The example campaigns shipped with the toolkit: name -> file, the default campaign
    (``bundled_campaign_path()``, the one the commands use) first, then by name."""
    from toolkit.campaign.model import bundled_campaign_path

    default = bundled_campaign_path()
    found = sorted(default.parent.glob("*.yaml"), key=lambda path: (path != default, path.stem))
    return {path.stem: path for path in found}


def _set_campaign(ws: Workspace, source: Path, name: str) -> None:
    folder = ws.new_folder("campaign")
    target = folder / name
    if Path(source) != target:
        shutil.copyfile(source, target)
    ws.campaign_path, ws.campaign_name = target, name
    ws.preview = None


def _need_campaign(ws: Workspace, step: str) -> None:
    if ws.campaign_path is None:
        raise PageError(step, "choose the campaign first (step 1)")


def _shown(ws: Workspace | None, text: str) -> str:
    """``text`` without the session's temporary folders: ``sheet-3/members.csv:4:ZIP``
    reads ``members.csv:4:ZIP``."""
    if ws is None or not text:
        return text
    folder = re.escape(str(ws.folder))
    return re.sub(folder + r"/(?:(?:run-\d+/(?:inputs|out)|[a-z]+-\d+)/)?", "", str(text))


def _campaign_state(ws: Workspace) -> dict | None:
    """The campaign's form and its check: sections, problems by field, placeholders."""
    if ws.campaign_path is None:
        return None
    from toolkit.campaign.check import check_campaign

    data = campaignform.read_yaml(ws.campaign_path)
    sections = campaignform.fields(data)
    names = {f.path for _, section in sections for f in section}
    checked = check_campaign(ws.campaign_path)
    by_field, general = campaignform.problems_by_field(checked.problems, ws.campaign_path, names)
    placeholders, _ = campaignform.problems_by_field(checked.placeholders, ws.campaign_path,
                                                     names)
    return {"sections": sections, "by_field": by_field,
            "general": [_shown(ws, line) for line in general],
            "placeholders": placeholders, "name": ws.campaign_name,
            "title": data.get("title", ""), "ok": checked.campaign is not None
            and not checked.problems}


def _fields_of(job: str):
    if job == "constituents":
        from toolkit.sheets.constituents import CONSTITUENT_FIELDS as fields
    else:
        from toolkit.sheets.legislators import LEGISLATOR_FIELDS as fields
    return [spec.name for spec in fields]


def _read(ws: Workspace, job: str):
    from toolkit.jobs.common import Sheet

    layout = ws.layout.get(job, {})
    return Sheet(ws.sheets.get(job), None, dict(ws.maps.get(job, {})), layout.get("sheet"),
                 layout.get("header_row"))


def _sheet_state(ws: Workspace, job: str) -> dict | None:
    """The read report of the job's sheet, as ``constituents check`` / ``contacts
    check`` print it, and as a table. Raises PageError (step "sheet") with the CLI's
    message when the sheet cannot be read."""
    path = ws.sheets.get(job)
    if path is None:
        return None
    try:
        if job == "constituents":
            from toolkit.jobs.constituents import check_constituents

            checked = check_constituents(path, _read(ws, job), date=ws.date)
            people = checked.people
            report, notices, warnings = people.report, people.notices, people.warnings
            notices = [*notices, *checked.notices]
            problems = list(checked.problems)
            summary = (f"{people.path}: {len(people.constituents)} constituent(s); a run "
                       f"would make {checked.letters} letter(s)")
            rows = [(p.row, p.name) for p in people.constituents]
        else:
            from toolkit.sheets.legislators import load_legislators

            read = _read(ws, job)
            table = load_legislators(path, None, read.maps, read.sheet, strict=False,
                                     **read.read_options())
            report, notices, warnings = table.report, table.notices, table.warnings
            problems = list(table.problems)
            summary = f"{table.path}: {len(table.legislators)} usable row(s)"
            rows = []
    except ToolkitError as exc:
        report = getattr(exc, "report", None)
        raise PageError("sheet", _shown(ws, str(exc)),
                        [_shown(ws, line) for line in report.lines()] if report else [],
                        _columns(report) if report else []) from exc
    return {"name": path.name, "lines": [_shown(ws, line) for line in report.lines()],
            "columns": _columns(report), "fields": _fields_of(job),
            "notices": [_shown(ws, n) for n in notices],
            "warnings": [_shown(ws, w) for w in warnings],
            "problems": [_shown(ws, p) for p in problems], "summary": _shown(ws, summary),
            "rows": rows, "maps": ws.maps.get(job, {}),
            "layout": ws.layout.get(job, {}), "xlsx": path.suffix.lower() == ".xlsx"}


def _columns(report) -> list[dict]:
    """A read report's columns for the page's table: letter, header, the field it feeds
    ("" for none) and the did-you-mean of a column that feeds none."""
    fields = {header: name for name, header in report.columns.items()}
    hints = dict(report.ignored)
    return [{"letter": letter, "header": header, "field": fields.get(header, ""),
             "hint": hints.get(header, "")} for header, letter in report.letters.items()]


def _members(ws: Workspace, job: str) -> list[tuple[str, str]]:
    """The members a run of an organization's job targets: (bioguide ID, label)."""
    from toolkit.jobs.common import Notes, Selection, load_targets

    try:
        _, _, targets = load_targets(Notes(), ws.campaign_path, _read(ws, job), Selection(),
                                     ws.date)
    except ToolkitError:
        return []
    return [(leg.bioguide_id, f"{leg.full_name or leg.last_name} ({leg.state}, {leg.chamber})")
            for leg in targets]


def _make_preview(ws: Workspace, job: str, who: str) -> dict:
    """Render the letters of ``who`` (a constituent's row number, or a member's bioguide
    ID; for Hill day, that office's packet) with the job's own call into a fresh folder;
    each file's first page as a PNG when pdftoppm is there (else the PDF only)."""
    from toolkit.jobs.common import Selection

    out = ws.new_folder("preview")
    date = ws.date
    try:
        if job == "constituents":
            from toolkit.jobs.preview import constituent_preview

            if not who.isdigit():
                raise PageError("preview", f"{who!r} is not a row number")
            result = constituent_preview(ws.sheets[job], ws.campaign_path, int(who), out=out,
                                         read=_read(ws, job), date=date)
        elif job == "organization":
            from toolkit.jobs.letters import generate

            result = generate(ws.campaign_path, out=out, formats=("pdf",), kinds=("letter",),
                              contacts=_read(ws, job), selection=Selection(ids=(who,)),
                              date=date, workers=1)
        else:
            from toolkit.jobs.packet import packets

            result = packets(ws.campaign_path, out=out, formats=("pdf",),
                             contacts=_read(ws, job), selection=Selection(ids=(who,)),
                             date=date)
    except KeyError:
        raise PageError("preview", "upload the members' spreadsheet first (step 2)") from None
    pdfs = sorted(p for p in out.rglob("*.pdf") if p.name != "hill-day.pdf")
    pages = []
    for pdf in pdfs:
        png = pdf.with_suffix("")
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile",
                            str(pdf), str(png)], check=False, timeout=60,
                           capture_output=True)
        picture = png.with_suffix(".png") if png.with_suffix(".png").exists() else None
        pages.append({"pdf": pdf.relative_to(ws.folder).as_posix(),
                      "png": picture.relative_to(ws.folder).as_posix() if picture else "",
                      "name": pdf.relative_to(out).as_posix()})
    problems = [p for _, found in result.attention for p in found]
    return {"who": who, "pages": pages, "notes": [_shown(ws, n) for n in result.notes],
            "problems": [_shown(ws, p) for p in problems]}


def _call_job(job: str, run, inputs: dict, read, date, formats, workers: int):
    """The one job call of a run, on the run's own copies of the inputs (``read``: how
    the sheet is read, a ``jobs.common.Sheet``, its path replaced by the copy's)."""
    import dataclasses

    out = run.folder / "out"
    common = {"out": out, "formats": formats, "date": date, "notify": run.notes.append}
    if job == "constituents":
        from toolkit.jobs.constituents import constituent_letters

        return constituent_letters(inputs["sheet"], inputs["campaign"],
                                   read=read, workers=workers,
                                   executor="thread", progress=run.progress, **common)
    contacts = dataclasses.replace(read, path=inputs["sheet"])
    if job == "organization":
        from toolkit.jobs.letters import generate

        return generate(inputs["campaign"], contacts=contacts, workers=workers,
                        executor="thread", progress=run.progress, **common)
    from toolkit.jobs.packet import packets

    return packets(inputs["campaign"], contacts=contacts, **common)


def _summary(ws: Workspace, run) -> dict:
    """What the CLI prints after a run (``cli.common.show``), as lines for the page."""
    result = run.result
    files = result.files
    lines = [*result.before,
             f"Done: {len(files.written)} written, {len(files.unchanged)} unchanged"]
    counts = [(kind, fmt, count) for (kind, fmt), count in sorted(files.counts().items())]
    attention = []
    for person, problems in result.attention:
        about = "; ".join(t for t in (person.name or "no name",
                                      result.made(person) if result.made else "") if t)
        attention += [f"{problem} ({about})" for problem in problems]
    return {"lines": [_shown(ws, line) for line in lines], "counts": counts,
            "after": [_shown(ws, line) for line in result.after],
            "notes": [_shown(ws, n) for n in run.notes],
            "warnings": [_shown(ws, w) for w in files.warnings],
            "attention": [_shown(ws, a) for a in attention],
            "attention_file": _shown(ws, str(result.attention_path or "")),
            "pdfs": sum(1 for p in (*files.written, *files.unchanged)
                        if str(p).endswith(".pdf"))}


def _render_job(ws: Workspace, job: str, error: PageError | None = None):
    """The job's page: every step with what the session holds, ``error`` at its step."""
    state: dict = {"job": job, "title": JOBS[job][0], "about": JOBS[job][1],
                   "examples": list(_examples()), "error": error,
                   "formats": FORMAT_CHOICES, "sheet_fields": _fields_of(job),
                   "chosen": ws.formats, "workspace": ws,
                   "date": ws.date.isoformat() if ws.date else ""}
    try:
        state["campaign"] = _campaign_state(ws)
    except ToolkitError as exc:
        state["campaign"] = None
        error = error or PageError("campaign", _shown(ws, str(exc)))
    try:
        state["sheet"] = _sheet_state(ws, job)
    except PageError as exc:
        state["sheet"] = None
        error = error or exc
    state["error"] = error
    readable = state["sheet"] is not None or job not in ws.sheets
    state["members"] = (_members(ws, job) if job != "constituents" and ws.campaign_path
                        and readable else [])
    state["preview"] = ws.preview
    runs = [r for r in ws.runs.values() if r.job == job]
    run = runs[-1] if runs else None
    state["run"] = run
    state["summary"] = _summary(ws, run) if run is not None and run.state == "done" else None
    state["zip_name"] = (f"{Path(ws.campaign_name).stem or 'campaign'}-{job}"
                         if ws.campaign_name else job)
    return render_template("job.html", **state)
