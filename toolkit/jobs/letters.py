"""build: campaign + contacts -> documents on disk + manifest. The one call each command makes.

Data takes one path: ``plan_*`` turns the selection into DocumentJobs (pure, fast);
``run`` checks that nothing the user made would be overwritten, then renders the jobs
in fixed-size batches through a ``concurrent.futures.Executor`` (a process pool by
default; any executor with ``map`` and ``submit`` will do, e.g. Dask distributed's),
writes each file atomically and keeps the manifest current after every batch, so an
interrupted run resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence
from toolkit.campaign.model import Campaign, long_date
from toolkit.congress.model import Legislator
from toolkit.documents.tailor import build_context

from toolkit.documents.job import DocumentJob, file_stem, member_meta


KINDS = {"letter": ("letter.html", "letters"), "onepager": ("onepager.html", "onepagers")}


def letter_date(value: dt.date | None) -> str:
    """The letter's date line: ``--date`` or today, written out ("January 15, 2026")."""
    return long_date(value or dt.date.today())


def plan_documents(targets: Sequence[Legislator], campaign: Campaign, kinds: Sequence[str],
                   date: str, offices: dict | None = None) -> list[DocumentJob]:
    """One DocumentJob per member and kind (letter, one-pager), in document order.

    ``offices``: bioguide ID -> offices.OfficeChoice (``offices.for_organization``), the
    office each letter is addressed to (manifest column ``office``); Washington for a
    member not in it (or without it).
    """
    from toolkit.congress.offices import OfficeChoice
    from toolkit.documents.address import address_context

    jobs = []
    for leg in targets:
        choice = (offices or {}).get(leg.bioguide_id, OfficeChoice())
        context = address_context(build_context(leg, campaign, date), leg, choice,
                                  campaign.style.chamber_line_first)
        context["draft_mark"] = campaign.placeholder_sender   # drafts.mark_html
        for kind in kinds:
            template, folder = KINDS[kind]
            title = f"{campaign.title} \u2014 {context['member'].salutation_name}"
            jobs.append(DocumentJob(template, kind, f"{folder}/{file_stem(leg)}", context,
                                    {**member_meta(leg), "kind": kind,
                                     "office": choice.label if kind == "letter" else ""},
                                    title))
    return jobs

