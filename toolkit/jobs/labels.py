"""Mailing labels (Avery 5160 sheets) and No. 10 envelopes for the targeted offices, as PDF.

Avery 5160 (and 8160): US Letter sheets of 3 columns x 10 rows of 2-5/8 x 1 in labels,
0.5 in top margin, 3/16 in side margins, 1/8 in between columns and no gap between rows
(LETTER-CONVENTIONS.md, "Page and print"). Each label holds the office's inside address
(address.inside_address). Every label is a fixed-size, absolutely positioned cell: the
font size of a label is chosen here from the width of its longest line (measured with the
widths of DejaVu Sans Condensed, the labels' font), so a long line shrinks, and at the
smallest size wraps, inside its own cell; it never spills into the next label.

A No. 10 envelope (9-1/2 x 4-1/8 in) is one page: the campaign's return address top left
and the recipient block 4.25 in from the left edge and 2 in from the top, where printers'
envelope feeds and the USPS read zone expect it (DOCUMENTS.md, "Labels and envelopes").

Files land under the output folder as ``labels/labels-avery5160.pdf`` and
``envelopes/envelopes-no10.pdf``, written atomically and recorded in ``manifest.csv``;
a file the user made or edited is never overwritten without ``force``.
"""

from __future__ import annotations


from pathlib import Path
from typing import Sequence
from toolkit.campaign.model import Campaign
from toolkit.congress.model import Legislator
from toolkit.engine.run import Result, write_outputs
from toolkit.documents.pdf import DEFAULT_VARIANT

from toolkit.documents.labels import KINDS, LABELS_PER_SHEET, render_labels


def office_addresses(targets: Sequence[Legislator], campaign: Campaign,
                     choices: Sequence | None = None) -> list[tuple[str, ...]]:
    """The inside address of each targeted office, in the campaign's chamber-line style.

    ``choices``: one offices.OfficeChoice per target (its district office), else Washington.
    """
    from toolkit.congress.offices import OfficeChoice
    from toolkit.documents.address import office_lines

    choices = choices or [OfficeChoice()] * len(targets)
    return [office_lines(leg, choice, campaign.style.chamber_line_first)
            for leg, choice in zip(targets, choices)]


def build_labels(targets: Sequence[Legislator], campaign: Campaign, out: Path, *,
                 kinds: Sequence[str] = tuple(KINDS), templates: str | Path | None = None,
                 start: int = 1, force: bool = False, dry_run: bool = False,
                 choices: Sequence | None = None,
                 pdf_variant: str | None = DEFAULT_VARIANT) -> Result:
    """Make the label sheets and/or envelopes of the targeted offices under ``out``.

    ``choices``: one offices.OfficeChoice per target (``--office district``), else the
    Washington offices.

    Labels: ``labels/labels-avery5160.pdf``, ceil((start - 1 + n) / 30) pages for n
    offices; envelopes: ``envelopes/envelopes-no10.pdf``, n pages. Both recorded in
    ``out/manifest.csv``; ``pdf_variant`` as for render_labels. Raises ToolkitError for no targets or a ``start`` outside
    1-30, OutputExistsError for files the user made (unless ``force``).
    """
    from toolkit.errors import ToolkitError

    if not targets:
        raise ToolkitError("no office to make labels for; check the selection")
    if not 1 <= start <= LABELS_PER_SHEET:
        raise ToolkitError(f"--start {start}: a sheet has labels 1 to {LABELS_PER_SHEET}")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ToolkitError(f"unknown kind {', '.join(unknown)}; use labels or envelopes")
    addresses = office_addresses(targets, campaign, choices)
    return write_outputs(
        Path(out), [KINDS[k] for k in kinds],
        lambda: render_labels(addresses, campaign, kinds=kinds, templates=templates,
                              start=start, pdf_variant=pdf_variant),
        force=force, dry_run=dry_run)

