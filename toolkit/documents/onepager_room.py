# Room: documents/ (how much of the one-pager's page a campaign's text fills).
"""Whether a one-pager has room for its larger, fuller form (``roomy``).

A short campaign (no callouts, no chart, two recommendations) would leave half of the
one-pager's page empty. Its template then prints the recommendations' letter text, the
principles, and larger type (onepager.css ``.roomy``): the layout uses the space it has.
Whether the fuller form is worth trying is estimated here from the text's length; the
fit loop (documents.render.fit_to_pages) lays it out and, when it runs over its page, lays out
the usual form instead (then ``fit`` 1, 2 as ever: those are never roomy).
"""

from __future__ import annotations

import math

#: Lines of the roomy form's body type (13.5 pt, line height 1.35) on a letter page inside
#: the one-pager's 0.75 in margins: 9.5 in = 684 pt / 18.2 pt.
PAGE_LINES = 37
#: Characters of the roomy form's body type in a line 7 in wide (Liberation Serif 13.5 pt).
LINE_CHARS = 78
#: How far over the page an estimate may be and still be tried.
MARGIN_LINES = 6


def _lines(text: str, chars: int = LINE_CHARS) -> int:
    return max(1, math.ceil(len(text) / chars))


def roomy_lines(campaign, why: str, bills: tuple = ()) -> int:
    """The estimated lines of the roomy one-pager: headline, prepared-for line, ask,
    bills, callouts, chart, why, recommendations with their letter text, principles,
    footer. ``why`` is the tailored line (tailor.Tailoring.why)."""
    lines = 2 * _lines(campaign.headline or campaign.title, 50) + 2
    lines += _lines(campaign.ask, 70) + 2
    lines += sum(_lines(f"{b.label} {b.request}") + 1 for b in bills)
    if campaign.key_facts:
        lines += 2 + max(_lines(f.text, 28) for f in campaign.key_facts[:3])
    if campaign.chart:
        lines += math.ceil(len(campaign.chart.bars) * 1.5) + 2
    lines += 3 + _lines(why)
    lines += 3 + sum(_lines(f"{r.title}. {r.letter_text}") + 0.5 for r in campaign.recommendations)
    if campaign.principles:
        lines += 3 + sum(_lines(f"{p.title}. {p.text}") + 0.5 for p in campaign.principles)
    return math.ceil(lines + 4)


def is_roomy(campaign, why: str, bills: tuple = ()) -> bool:
    """True when the roomy one-pager is worth laying out: its estimate is within
    MARGIN_LINES of the page (the estimate errs long). documents.render.fit_to_pages lays it out
    and, when it runs over, lays out the usual form instead; a campaign far too long for
    it (the bundled one) is never tried, so it costs no second layout."""
    return roomy_lines(campaign, why, bills) <= PAGE_LINES + MARGIN_LINES
