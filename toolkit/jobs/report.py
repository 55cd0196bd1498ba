# Room: jobs/ (one library call: the campaign report of an output folder).
"""``advocacy report``: who got what, who was met, where each office stands.

Reads an output folder's campaign log (``engine.campaign_log``: every file each command made,
with its day), its manifest (files made before the log existed count too, undated) and,
when given, the meetings log (``meetings.load_meetings``), and writes ``report.xlsx``
and ``report.html`` beside them:

- per office: the documents it was sent and when, the meetings held and the position
  recorded at the latest one, the follow-up made or due (overdue as of ``day``);
- totals by chamber, state, party and targeted committee (the campaign's
  ``targets.committees``: a member counts under each of them on which they hold a
  seat): offices targeted, offices reached, documents, meetings, positions;
- the offices the campaign targets (``jobs.selection.select_targets`` on ``day``) that have
  had nothing yet: no document and no meeting;
- two charts: documents and meetings by state, and positions recorded by committee
  (inline SVG bar charts: the page needs no network and opens in any browser).

A document is one thing sent: a letter made as PDF and DOCX is one letter (its path
without the extension); the e-mail draft of a follow-up is a document of its own. The
tables are pandas DataFrames (groupby, pivot_table, merge), written with pandas'
ExcelWriter (openpyxl) with frozen headers, filters and column widths.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import io
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.campaign.model import Campaign

XLSX = "report.xlsx"
HTML = "report.html"
POSITION_ORDER = ("supportive", "undecided", "opposed", "no position", "not recorded")
#: Bar colours of the charts (colour-blind safe, Okabe-Ito), by series.
COLORS = {"documents": "#0072B2", "meetings": "#E69F00", "supportive": "#009E73",
          "undecided": "#F0E442", "opposed": "#D55E00", "no position": "#999999",
          "not recorded": "#CCCCCC"}
_KIND_WORDS = {"letter": "letter", "onepager": "one-pager", "packet": "packet",
               "followup-letter": "follow-up letter", "followup-email": "follow-up e-mail",
               "office-print": "constituent letters (print)", "call-sheet": "call sheet",
               "labels": "labels", "envelopes": "envelopes"}


@dataclass
class ReportResult:
    """What ``build_report`` found and wrote.

    ``files``: the engine's Result (report.xlsx, report.html);
    ``tables``: the DataFrames written, by sheet name ("Offices", "By chamber", "By
    state", "By party", "By committee", "Nothing yet", "Documents", "Meetings");
    ``warnings``: what the report could not use (meetings log rows stopped, with their
    problems); ``notes``: facts (files made before the campaign log existed).
    """

    files: object
    tables: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _documents(out: Path):
    """The documents sent to offices: the campaign log, plus manifest files it lacks."""
    import pandas as pd

    from toolkit.engine.campaign_log import LOG_COLUMNS, read_log
    from toolkit.engine.output import Manifest

    log = pd.DataFrame(read_log(out), columns=list(LOG_COLUMNS), dtype=object).fillna("")
    with Manifest.load(out) as manifest:
        rows = list(manifest.rows.values())
    logged = set(zip(log["path"], log["sha256"]))
    before = [{"date": "", "campaign": "", "member": r.get("name", ""),
               **{c: r.get(c, "") for c in LOG_COLUMNS if c not in ("date", "campaign", "member")}}
              for r in rows if (r.get("path", ""), r.get("sha256", "")) not in logged
              and r.get("kind") != "report" and r.get("bioguide_id")]
    if before:
        log = pd.concat([log, pd.DataFrame(before, columns=list(LOG_COLUMNS), dtype=object)],
                        ignore_index=True)
    files = log[log["bioguide_id"] != ""].copy()
    files["document"] = files["path"].str.replace(r"\.[^./]+$", "", regex=True)
    files.loc[files["kind"] == "followup-email", "document"] += ".eml"
    return files, len(before)


def build_tables(out: Path, campaign: Campaign, meetings=None, *, day: dt.date | None = None,
                 members: dict | None = None) -> tuple[dict, list[str]]:
    """The report's tables (pandas DataFrames, by sheet name) and notes.

    ``out``: the output folder; ``meetings``: the meetings (meetings.Meeting) or None;
    ``day``: the day follow-ups are due against and the targets are taken on (default
    today); ``members``: bioguide ID -> Legislator (default: the members in use).
    """
    import pandas as pd

    from toolkit.congress.model import official_name
    from toolkit.jobs.selection import select_targets

    day = day or dt.date.today()
    if members is None:
        from toolkit.congress.members import members_in_use

        members = members_in_use()
    files, undated = _documents(out)
    notes = [f"{undated} file(s) in {out}/manifest.csv were made before the campaign log "
             "existed: counted, without a date"] if undated else []
    targets = {leg.bioguide_id for leg in select_targets(members.values(), campaign, date=day)}
    committees = campaign.targets.committees
    names = {}
    for leg in members.values():
        for seat in leg.seats:
            names.setdefault(seat.committee_id, seat.committee_name)

    # documents: one row per document (PDF + DOCX of a letter: one)
    docs = (files.sort_values(["date", "path"])
            .groupby(["bioguide_id", "document"], as_index=False)
            .agg(kind=("kind", "first"), date=("date", "min"), meeting_row=("meeting_row", "first")))
    # meetings
    meeting_rows = [{"row": m.row, "bioguide_id": m.leg.bioguide_id, "date": m.date.isoformat(),
                     "place": m.place, "staff met": m.staff_name,
                     "member present": "yes" if m.member_present else "no",
                     "discussed": ", ".join(m.discussed),
                     "position": m.position or "not recorded",
                     "follow-up date": m.follow_up.isoformat() if m.follow_up else ""}
                    for m in (meetings or ())]
    meet = pd.DataFrame(meeting_rows, columns=["row", "bioguide_id", "date", "place", "staff met",
                                               "member present", "discussed", "position",
                                               "follow-up date"])
    made = (docs[docs["kind"] == "followup-letter"].groupby(["bioguide_id", "meeting_row"])
            ["date"].min() if len(docs) else pd.Series(dtype=object))
    meet["follow-up"] = [_follow_up((bioguide, str(row)), due, made, day) for bioguide, row, due
                         in zip(meet["bioguide_id"], meet["row"], meet["follow-up date"])]

    # offices: everyone targeted, sent something or met
    ids = sorted(targets | set(docs["bioguide_id"]) | set(meet["bioguide_id"]))
    logged = files.drop_duplicates("bioguide_id").set_index("bioguide_id")
    office_rows = []
    for bioguide in ids:
        leg = members.get(bioguide)
        seats = sorted({s.committee_id for s in leg.seats if s.committee_id in committees}) \
            if leg else []
        if leg:
            who = (official_name(leg), leg.chamber, leg.state,
                   "" if leg.district is None else str(leg.district), leg.party or "")
        else:
            row = logged.loc[bioguide] if bioguide in logged.index else {}
            who = (row.get("member", bioguide), row.get("chamber", ""), row.get("state", ""),
                   row.get("district", ""), "")
        office_rows.append({"bioguide_id": bioguide, "member": who[0], "chamber": who[1],
                            "state": who[2], "district": who[3], "party": who[4],
                            "targeted": "yes" if bioguide in targets else "no",
                            "committees": ", ".join(seats)})
    offices = pd.DataFrame(office_rows, columns=["bioguide_id", "member", "chamber", "state",
                                                 "district", "party", "targeted", "committees"])
    sent = (docs.assign(what=docs["kind"].map(lambda k: _KIND_WORDS.get(k, k))
                        + docs["date"].map(lambda d: f" ({d})" if d else " (undated)"))
            .groupby("bioguide_id")
            .agg(documents=("document", "count"), first_sent=("date", "min"),
                 last_sent=("date", "max"), sent=("what", lambda s: "; ".join(sorted(set(s))))))
    held = (meet.sort_values(["date", "row"]).groupby("bioguide_id")
            .agg(meetings=("row", "count"), last_meeting=("date", "last"),
                 position=("position", "last"), follow_up=("follow-up", "last")))
    offices = offices.merge(sent, how="left", left_on="bioguide_id", right_index=True)
    offices = offices.merge(held, how="left", left_on="bioguide_id", right_index=True)
    offices[["documents", "meetings"]] = offices[["documents", "meetings"]].fillna(0).astype(int)
    text = [c for c in offices.columns if c not in ("documents", "meetings")]
    offices[text] = offices[text].astype(object).fillna("")
    offices = offices.rename(columns={"first_sent": "first sent",
                                                 "last_sent": "last sent",
                                                 "last_meeting": "last meeting",
                                                 "follow_up": "follow-up"})
    offices["reached"] = (offices["documents"] + offices["meetings"]) > 0
    offices = offices.sort_values(["chamber", "state", "district", "member"],
                                  key=lambda s: s.map(lambda v: (v != "senate") if s.name == "chamber" else v))

    tables = {"Offices": offices.drop(columns=["reached"]).reset_index(drop=True)}
    for name, key in (("By chamber", "chamber"), ("By state", "state"), ("By party", "party")):
        tables[name] = _totals(offices, key)
    by_committee = offices.assign(committee=offices["committees"].str.split(", ")) \
        .explode("committee")
    by_committee = by_committee[by_committee["committee"].fillna("") != ""]
    table = _totals(by_committee, "committee")
    table.insert(1, "name", table["committee"].map(lambda c: names.get(c, "")))
    tables["By committee"] = table
    nothing = offices[(offices["targeted"] == "yes") & ~offices["reached"]]
    tables["Nothing yet"] = nothing[["bioguide_id", "member", "chamber", "state", "district",
                                     "party", "committees"]].reset_index(drop=True)
    tables["Documents"] = files[["date", "campaign", "bioguide_id", "member", "chamber", "state",
                                 "district", "office", "kind", "format", "meeting_row",
                                 "path"]].sort_values(["date", "path"]).reset_index(drop=True)
    tables["Meetings"] = meet.merge(offices[["bioguide_id", "member", "state"]], how="left",
                                    on="bioguide_id")[
        ["row", "date", "bioguide_id", "member", "state", "place", "staff met", "member present",
         "discussed", "position", "follow-up date", "follow-up"]].reset_index(drop=True)
    return tables, notes


def _follow_up(key: tuple[str, str], due: str, made, day: dt.date) -> str:
    """A meeting's follow-up: "made YYYY-MM-DD", "due YYYY-MM-DD" or "overdue (due ...)".

    ``key``: (bioguide ID, meetings log row) of the meeting; ``made``: the first day a
    follow-up letter was made, by that key (the log's ``meeting_row``)."""
    if key in made.index:
        return f"made {made[key]}" if made[key] else "made"
    if not due:
        return ""
    return f"overdue (due {due})" if dt.date.fromisoformat(due) < day else f"due {due}"


def _totals(offices, key: str):
    """Offices targeted and reached, documents, meetings and positions per ``key``."""
    import pandas as pd

    grouped = offices.groupby(key, sort=True).agg(
        offices=("bioguide_id", "nunique"),
        targeted=("targeted", lambda s: int((s == "yes").sum())),
        reached=("reached", "sum"), documents=("documents", "sum"),
        meetings=("meetings", "sum"))
    met = offices[offices["meetings"] > 0]
    positions = pd.pivot_table(met, index=key, columns="position", values="bioguide_id",
                               aggfunc="count", fill_value=0) if len(met) else pd.DataFrame()
    for position in POSITION_ORDER:
        grouped[position] = positions[position] if position in positions else 0
    grouped[list(POSITION_ORDER)] = grouped[list(POSITION_ORDER)].fillna(0).astype(int)
    grouped["reached"] = grouped["reached"].astype(int)
    return grouped.reset_index()


# --------------------------------------------------------------------------- writing

def workbook_bytes(tables: dict, day: dt.date) -> bytes:
    """The tables as an .xlsx (pandas ExcelWriter, openpyxl): a sheet each, the header
    row bold and frozen, a filter over every column, widths fitted to the text (8 to 60
    characters). The workbook's dates are ``day`` so that the same report gives the
    same bytes."""
    import pandas as pd
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in tables.items():
            table.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            last = get_column_letter(max(1, len(table.columns)))
            sheet.auto_filter.ref = f"A1:{last}{len(table) + 1}"
            for index, column in enumerate(table.columns, start=1):
                longest = max([len(str(column)), *(len(str(v)) for v in table[column])])
                sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))
        stamp = dt.datetime.combine(day, dt.time())
        writer.book.properties.created = stamp
        writer.book.properties.modified = stamp
        writer.book.properties.creator = "advocacy toolkit"
    return buffer.getvalue()


def bar_chart_svg(title: str, labels: list[str], series: dict[str, list[int]], *,
                  stacked: bool = False, width: int = 760) -> str:
    """An inline SVG horizontal bar chart: one row per label, one bar per series (side by
    side) or one stacked bar (``stacked``), each value printed beside its bar, a legend,
    and a ``<title>``/``<desc>`` text alternative. Returns the ``<svg>`` element as text."""
    esc = htmllib.escape
    row_h = 22 if stacked else 12 * len(series) + 10
    left, right, top = 12 + 6 * max([len(label) for label in labels] or [4]), 60, 34
    height = top + row_h * max(1, len(labels)) + 10
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    peak = max((totals if stacked else [v for values in series.values() for v in values]) or [1]) or 1
    scale = (width - left - right) / peak
    desc = "; ".join(f"{label}: " + ", ".join(f"{name} {values[i]}" for name, values in series.items())
                     for i, label in enumerate(labels))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="Arial, Liberation Sans, sans-serif" '
           f'font-size="11"><title>{esc(title)}</title><desc>{esc(desc)}</desc>']
    x = 10
    for name in series:   # legend
        out.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{COLORS.get(name, "#555")}" '
                   'stroke="#333" stroke-width="0.5"/>'
                   f'<text x="{x + 16}" y="18">{esc(name)}</text>')
        x += 24 + 7 * len(name)
    for i, label in enumerate(labels):
        y = top + i * row_h
        out.append(f'<text x="{left - 6}" y="{y + row_h / 2 + 3:.0f}" text-anchor="end">'
                   f'{esc(label)}</text>')
        offset = left
        for j, (name, values) in enumerate(series.items()):
            value = values[i]
            w = value * scale
            if stacked:
                if value:
                    out.append(f'<rect x="{offset:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                               f'fill="{COLORS.get(name, "#555")}"><title>{esc(label)}, {esc(name)}: '
                               f'{value}</title></rect>')
                offset += w
            else:
                by = y + 4 + j * 12
                out.append(f'<rect x="{left}" y="{by}" width="{w:.1f}" height="10" '
                           f'fill="{COLORS.get(name, "#555")}"/>'
                           + (f'<text x="{left + w + 4:.1f}" y="{by + 9}">{value}</text>'
                              if value else ""))
        if stacked:
            out.append(f'<text x="{offset + 4:.1f}" y="{y + row_h / 2 + 3:.0f}">{totals[i]}</text>')
    out.append("</svg>")
    return "".join(out)


def _short_name(name: str) -> str:
    """A committee's name for a chart label: "Foreign Relations: Africa and Global
    Health Policy" for "Senate Committee on Foreign Relations: Subcommittee on Africa
    and Global Health Policy", cut at 48 characters."""
    import re

    short = re.sub(r"^(Senate|House|Joint) Committee on (the )?", "", name)
    short = short.replace("Subcommittee on ", "")
    return short if len(short) <= 48 else short[:47].rstrip() + "\u2026"


def _html_table(table, limit: int | None = None) -> str:
    esc = htmllib.escape
    shown = table if limit is None else table.head(limit)
    head = "".join(f"<th>{esc(str(c))}</th>" for c in shown.columns)
    body = "".join("<tr>" + "".join(
        f'<td class="{"num" if isinstance(v, (int, float)) and not isinstance(v, bool) else ""}">'
        f"{esc(str(v))}</td>" for v in row) + "</tr>" for row in shown.itertuples(index=False))
    more = (f'<p class="more">... and {len(table) - limit} more (all in {XLSX})</p>'
            if limit is not None and len(table) > limit else "")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def html_page(tables: dict, campaign: Campaign, out: Path, day: dt.date) -> str:
    """The report as one self-contained HTML page: figures, the two charts (inline SVG),
    the totals, the offices with nothing yet and every office; no script, no network."""
    esc = htmllib.escape
    offices = tables["Offices"]
    by_state = tables["By state"]
    active = by_state[(by_state["documents"] + by_state["meetings"]) > 0]
    state_chart = bar_chart_svg("Documents and meetings by state", list(active["state"]),
                                {"documents": list(active["documents"]),
                                 "meetings": list(active["meetings"])})
    committees = tables["By committee"]
    met = committees[committees["meetings"] > 0]
    position_chart = bar_chart_svg(
        "Positions recorded by committee (offices met, latest meeting)",
        [f"{c} {_short_name(n)}" for c, n in zip(met["committee"], met["name"])],
        {p: list(met[p]) for p in POSITION_ORDER}, stacked=True) if len(met) else \
        "<p>No meeting with a position recorded yet.</p>"
    targeted = int((offices["targeted"] == "yes").sum())
    reached = int(((offices["targeted"] == "yes")
                   & ((offices["documents"] + offices["meetings"]) > 0)).sum())
    figures = [("documents sent", int(offices["documents"].sum())),
               ("meetings held", int(offices["meetings"].sum())),
               ("targeted offices reached", f"{reached} of {targeted}"),
               ("targeted offices with nothing yet", len(tables["Nothing yet"]))]
    meetings = tables["Meetings"]
    due = meetings[meetings["follow-up"].astype(str).str.startswith(("due", "overdue"))]
    sections = [
        f"<h1>{esc(campaign.title)}</h1>",
        f'<p class="sub">Campaign report for {esc(str(out))}, as of {day.isoformat()}. '
        f"Made by advocacy {esc(_version())} from the campaign log, the manifest and the "
        "meetings log.</p>",
        '<div class="figures">' + "".join(f'<div><b>{esc(str(v))}</b>{esc(k)}</div>'
                                          for k, v in figures) + "</div>",
        "<h2>Documents and meetings by state</h2>", state_chart if len(active) else
        "<p>Nothing sent or held yet.</p>",
        "<h2>Positions recorded by committee</h2>", position_chart,
        f"<h2>Follow-ups due or overdue ({len(due)})</h2>",
        _html_table(due) if len(due) else "<p>None.</p>",
        "<h2>Totals by chamber</h2>", _html_table(tables["By chamber"]),
        "<h2>Totals by party</h2>", _html_table(tables["By party"]),
        "<h2>Totals by targeted committee</h2>", _html_table(committees),
        f"<h2>Targeted offices with nothing yet ({len(tables['Nothing yet'])})</h2>",
        _html_table(tables["Nothing yet"], 60),
        "<h2>Totals by state</h2>", _html_table(by_state),
        "<h2>Every office</h2>", _html_table(offices[offices["documents"] + offices["meetings"] > 0]),
    ]
    style = ("body{font-family:Arial,'Liberation Sans',sans-serif;font-size:13px;margin:24px;"
             "color:#111;max-width:1100px}h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;"
             "margin:22px 0 6px;border-bottom:1px solid #999}.sub{color:#444;margin:0 0 12px}"
             ".figures{display:flex;gap:12px;flex-wrap:wrap}.figures div{border:1px solid #bbb;"
             "padding:8px 12px;min-width:150px}.figures b{display:block;font-size:24px}"
             "table{border-collapse:collapse;margin:4px 0}th,td{border:1px solid #ccc;"
             "padding:2px 6px;text-align:left;vertical-align:top}th{background:#eee}"
             "td.num{text-align:right}.more{color:#444}")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(campaign.title)}: campaign report</title><style>{style}</style>"
            "</head><body>" + "\n".join(sections) + "</body></html>\n")


def _version() -> str:
    from toolkit import __version__

    return __version__


def build_report(out: str | Path, campaign: Campaign, *, meetings_path: str | Path | None = None,
                 day: dt.date | None = None, force: bool = False, dry_run: bool = False,
                 members: dict | None = None, **read) -> ReportResult:
    """Write ``report.xlsx`` and ``report.html`` in the output folder ``out``.

    ``campaign``: the campaign whose targets are counted; ``meetings_path``: the
    meetings log (optional; ``read``: its ``columns``, ``sheet``, ``header_row``,
    ``include_hidden``); ``day``: the report's day (follow-ups due, targets in office;
    default today). Rows of the meetings log that cannot be used are left out of the
    report and named in ``warnings``. Returns a ReportResult. Raises ToolkitError when
    ``out`` is not a folder, ContactsError when the meetings log cannot be read,
    OutputExistsError when a report file there was edited or not made by the toolkit
    (unless ``force``).
    """
    from toolkit.documents.files import sha256_bytes
    from toolkit.documents.job import OutputFile
    from toolkit.engine.run import write_outputs
    from toolkit.errors import ToolkitError

    out = Path(out)
    if not out.is_dir():
        raise ToolkitError(f"{out}: no such output folder; give the folder a command wrote "
                           "(output/<campaign id> by default)")
    day = day or dt.date.today()
    warnings: list[str] = []
    meetings = None
    if meetings_path is not None:
        from toolkit.sheets.meetings import load_meetings

        log = load_meetings(meetings_path, campaign, day=day, members=members, **read)
        meetings = log.meetings
        warnings += [f"left out of the report: {p}" for p in log.all_problems]
    tables, notes = build_tables(out, campaign, meetings, day=day, members=members)

    def make():
        xlsx = workbook_bytes(tables, day)
        page = html_page(tables, campaign, out, day).encode("utf-8")
        return [OutputFile(XLSX, xlsx, "report", "xlsx", "", sha256_bytes(page)),
                OutputFile(HTML, page, "report", "html", "", sha256_bytes(page))]

    result = write_outputs(out, [XLSX, HTML], make, force=force, dry_run=dry_run,
                           campaign=campaign, date=day)
    return ReportResult(result, tables, warnings, notes)


def report(out: str | Path, campaign: Path | None = None, *, meetings: Path | None = None,
           day: dt.date | None = None, force: bool = False, columns: dict | None = None,
           sheet: str | None = None, header_row: int | None = None,
           include_hidden: bool = False, notify=None) -> ReportResult:
    """``advocacy report``: load the campaign (``campaign`` YAML, default the bundled one;
    a placeholder sender noted first) and ``build_report`` for ``out`` with the meetings
    log ``meetings`` (read with ``columns``, ``sheet``, ``header_row``,
    ``include_hidden``). Returns a ReportResult whose notes start with the campaign's."""
    from toolkit.jobs.common import Notes, load_campaign_noting_drafts

    notes = Notes(notify)
    loaded = load_campaign_noting_drafts(notes, campaign)
    read = {"columns": columns, "sheet": sheet, "header_row": header_row,
            "include_hidden": include_hidden} if meetings is not None else {}
    made = build_report(out, loaded, meetings_path=meetings, day=day, force=force, **read)
    for line in made.notes:
        notes.note(line)
    made.notes = list(notes)
    return made
