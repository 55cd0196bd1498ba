"""An invented meetings log and a second campaign, shared by test_followup and test_report.

The campaign (``water-2026``) is not the bundled Mali one, so that every sentence of the
follow-ups is checked against other words: its sender is real-looking (no DRAFT mark)
and in Seattle (ZIP 98101), its targets are the members from WA, ID and RI on the
Senate Environment and Public Works (SSEV) and House Energy and Commerce (HSIF)
committees: Sheldon Whitehouse (RI), Russ Fulcher (ID-1) and Kim Schrier (WA-8).

The log (``make_log``) has twelve rows, checked on 2026-11-20 (``DAY``):

====  ==========================  =================================================
row   office                      what it tests
====  ==========================  =================================================
2     C000127 Cantwell            met the member and Ms. Lopez (with title, e-mail),
                                  supportive, commitments, two materials, follow-up
                                  date given (2026-11-19: overdue by 1 day)
3     Rep. Kim Schrier (WA-8)     staff only (Mr. Park, no title, no e-mail),
                                  undecided, no materials; follow-up due today
4     F000469 Fulcher             opposed; staff with title; overdue by 11 days
5     W000802 Whitehouse          no position; nothing discussed; not yet due
6     Sen. Murray                 member only, no staff: a letter, no e-mail;
                                  position not recorded
7     Sen. Nobody                 unknown office
8     Sen. Husted                 term ended 2026-11-03, before the meeting
9     C000127                     a date in the future (2026-12-01)
10    S001216                     unknown recommendation ID 'leadlines'
11    C000127                     supportive without commitments; letter to Spokane
12    R000584 Risch               undecided with materials
13    Rep. Smith                  fits five members
====  ==========================  =================================================
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

DAY = dt.date(2026, 11, 20)

CAMPAIGN = """\
id: water-2026
title: "Safe Water for Every Tap"
subject: "federal funding for safe drinking water"
summary: "Aging pipes and underfunded utilities leave families drinking unsafe water."
ask: "We urge you to fund the drinking water programs that keep lead out of our homes."
opening: "Too many families still drink water carried by lead pipes."
closing: "Thank you for your attention to this issue."
source:
  title: "Drinking Water Infrastructure Needs Survey"
  authors: ["U.S. Environmental Protection Agency"]
  outlet: "EPA"
  date: 2023-04-04
recommendations:
  - id: srf
    title: "Fully fund the Drinking Water State Revolving Fund"
    short: "Fund the Drinking Water State Revolving Fund at its authorized level."
    letter_text: "Fund the Drinking Water State Revolving Fund at its full authorized level."
    phrase: "fund the Drinking Water State Revolving Fund at its authorized level"
    committees: [SSEV, HSIF]
  - id: lead-lines
    title: "Replace every lead service line"
    short: "Pay for replacing lead service lines, including the private side."
    letter_text: "Pay for replacing every lead service line, the private side included."
    phrase: "replace every lead service line within ten years"
    committees: [SSEV, HSIF]
sender:
  organization: "Cascade Water Alliance"
  address: ["1200 Fifth Avenue, Suite 400", "Seattle, WA 98101"]
  email: "info@cascadewater.org"
  phone: "206-443-0142"
  signers:
    - name: "Dana Whitfield"
      title: "Director"
targets:
  committees: [SSEV, HSIF]
  states: [WA, ID, RI]
"""

#: Office, Date, Where, Attended for us, Staff met, Staff title, Staff e-mail, Member
#: present, Discussed, Position, Commitments, Materials promised, Follow-up date, Send
#: letter to: the template's columns, in order.
ROWS = [
    ["C000127 Maria Cantwell (D-WA)", dt.date(2026, 11, 12), "Seattle", "Dana Whitfield; Sam Ortiz",
     "Ms. Lopez", "Legislative Assistant", "ana_lopez@cantwell.senate.gov", "Yes",
     "srf, lead-lines", "supportive", "Ms. Lopez will ask the Senator to sign the appropriations letter",
     "Lead service line counts for Seattle; utility rate data", dt.date(2026, 11, 19), ""],
    ["Rep. Kim Schrier (WA-8)", dt.date(2026, 11, 13), "Washington", "", "Mr. Park", "", "", "No",
     "srf", "undecided", "", "", None, ""],
    ["F000469", dt.date(2026, 11, 2), "Meridian", "", "Ms. Chen", "Chief of Staff",
     "chen@mail.house.gov", "No", "lead-lines", "opposed", "", "", None, ""],
    ["W000802", dt.date(2026, 11, 16), "Providence", "", "Mr. Diaz", "Counsel", "", "No", "",
     "no position", "", "", None, ""],
    ["Sen. Murray", dt.date(2026, 11, 10), "", "", "", "", "", "Yes", "srf", "", "", "", None, ""],
    ["Sen. Nobody", dt.date(2026, 11, 10), "", "", "Mr. X", "", "", "No", "srf", "", "", "", None, ""],
    ["Sen. Husted", dt.date(2026, 11, 5), "", "", "Ms. Y", "", "", "No", "srf", "", "", "", None, ""],
    ["C000127", dt.date(2026, 12, 1), "", "", "Ms. Lopez", "", "", "No", "srf", "", "", "", None, ""],
    ["S001216", dt.date(2026, 11, 10), "", "", "Mr. Park", "", "", "No", "srf, leadlines", "", "",
     "", None, ""],
    ["C000127", dt.date(2026, 11, 6), "Spokane", "", "Mr. Ng", "", "", "No", "lead-lines",
     "supportive", "", "", None, "Spokane"],
    ["R000584", dt.date(2026, 11, 9), "Boise", "", "Ms. Grant", "Legislative Director", "", "No",
     "srf", "undecided", "", "EPA needs survey summary", None, ""],
    ["Rep. Smith", dt.date(2026, 11, 10), "", "", "Mr. Z", "", "", "No", "srf", "", "", "", None, ""],
]


def make_campaign(folder: Path) -> Path:
    """Write the water-2026 campaign YAML into ``folder``; return its path."""
    path = folder / "water.yaml"
    path.write_text(CAMPAIGN, encoding="utf-8")
    return path


def make_log(folder: Path, campaign, rows=ROWS) -> Path:
    """Write the meetings log: the template (``sheets.meetings.template_bytes``) with ``rows``
    filled in from row 2, dates as Excel date cells; return its path."""
    import openpyxl

    from toolkit.sheets.meetings import template_bytes

    path = folder / "meetings.xlsx"
    path.write_bytes(template_bytes(campaign))
    book = openpyxl.load_workbook(path)
    sheet = book["Meetings"]
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if value not in ("", None):
                sheet.cell(row=number, column=column, value=value)
    book.save(path)
    return path
