"""DOCX styles: the table of named paragraph and character styles, and which HTML
block gets which.

``STYLES`` mirrors base.css, letter.css and onepager.css: a user restyles "Inside
Address" or "Salutation" in Word's reference document and every document follows, as
with pandoc's ``--reference-doc``. ``_resolve`` maps a block's tag and CSS classes (and
its ancestors') to a style name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from toolkit.documents.draftmark import MARK_CLASS



class StyleSpec(NamedTuple):
    """One named style of the reference .docx and the HTML it is used for.

    ``scope`` is the ``<body>`` class the rule is limited to ("letter", "onepager", or ""
    for every document); ``applies_to`` holds comma-separated CSS-like selectors (tags,
    ``.classes``, descendant combinators), matched like CSS: the most specific selector
    wins, a later row wins a tie. ``size``, spacing and indents are in points; ``line``
    is CSS's unitless ``line-height`` (times ``size`` gives the line height, written as
    "at least" so that a larger font in a user's reference still fits); ``height``
    (points) is an exact line height instead. ``border`` is (side, width pt, padding
    pt, RGB hex), side "top", "left", "bottom", "right" or "box" (all four);
    ``shading`` an RGB hex fill (CSS ``background``); ``right`` a right indent (pt).
    """

    name: str
    scope: str
    applies_to: str
    size: float
    bold: bool = False
    italic: bool = False
    before: float = 0
    after: float = 0
    align: str = "left"
    keep_with_next: bool = False
    left: float = 0
    hanging: float = 0
    line: float | None = None
    height: float | None = None
    contextual: bool = False
    border: tuple[str, float, float, str] | None = None
    based_on: str = "Normal"
    kind: str = "paragraph"
    shading: str | None = None
    right: float = 0
    color: str = "000000"


#: base.css ``html``: the letter's font size (pt) and line-height.
LETTER_PT, LETTER_LINE = 10.5, 1.2


#: onepager.css ``html``: the one-pager's font size (pt) and line-height.
BRIEF_PT, BRIEF_LINE = 11, 1.18


_L, _B = LETTER_LINE, BRIEF_LINE


_RULE, _BAND = ("bottom", 0.75, 4, "000000"), ("bottom", 2, 8, "000000")


S = StyleSpec


#: Every style render_docx uses, mirroring base.css / letter.css / onepager.css: change
#: a size there, change it here (tests/test_docx.py checks that they agree).
#: "contextual" drops the space between paragraphs of the same style, as CSS does
#: between the lines of a block whose margin sits on the block (.inside-address).
#: Paragraphs with the same border form one bordered box (.sender-block, .title-band).
#: Names avoid LibreOffice's own style names ("Complimentary Close" is its "Salutation").
STYLES: tuple[StyleSpec, ...] = (
    #  name                 scope       applies to                          pt         bold   italic before after align     keep   left hang line
    S("Normal",             "",         "",                                 LETTER_PT, False, False, 0,  6,    "left",   False, 0,   0,   _L, based_on=""),
    S("Header",             "",         ".page-header p",                   9,         False, False, 0,  0,    "left",   False, 0,   0,   1.15),
    # the DRAFT mark (toolkit.drafts): atop the body at the body's size and spacing, and in
    # every page's header at the header's (neither moves a line); bold red
    S("Draft Mark",         "",         f".{MARK_CLASS}",                   LETTER_PT, True,  False, 0,  6,    "left",   False, 0,   0,   _L, color="C00000"),
    S("Draft Mark Header",  "",         "",                                 9,         True,  False, 0,  0,    "left",   False, 0,   0,   1.15, color="C00000", based_on="Header"),
    # the letter
    S("Body Text",          "letter",   "p",                                LETTER_PT, False, False, 0,  6,    "left",   False, 0,   0,   _L),
    S("Sender Block",       "letter",   ".sender-block p",                  LETTER_PT, False, False, 0,  12,   "center", False, 0,   0,   _L, contextual=True, border=_RULE),
    S("Sender Name",        "letter",   ".sender-block .sender-name",       LETTER_PT, True,  False, 0,  0,    "center", False, 0,   0,   _L, border=_RULE, based_on="Sender Block"),
    S("Constituent Sender", "letter",   ".constituent-sender p, .constituent-sender .sender-name", LETTER_PT, False, False, 0, 12, "left", False, 0, 0, _L, contextual=True),
    S("Date",               "letter",   ".date",                            LETTER_PT, False, False, 0,  10,   "left",   False, 0,   0,   _L),
    S("Inside Address",     "letter",   ".inside-address p",                LETTER_PT, False, False, 0,  10,   "left",   False, 0,   0,   _L, contextual=True),
    S("Subject",            "letter",   ".subject",                         LETTER_PT, True,  False, 0,  6,    "left",   True,  0,   0,   _L),
    S("Salutation",         "letter",   ".salutation",                      LETTER_PT, False, False, 0,  6,    "left",   True,  0,   0,   _L),
    S("List Number",        "letter",   "ol li, ol li p",                   LETTER_PT, False, False, 0,  3,    "left",   False, 18,  18,  _L),
    S("List Bullet",        "letter",   "ul li, ul li p",                   LETTER_PT, False, False, 0,  3,    "left",   False, 18,  18,  _L),
    # the complimentary close ("Closing" is Word's name for it) and the signature block
    S("Closing",            "letter",   ".closing p",                       LETTER_PT, False, False, 10, 0,    "left",   False, 0,   0,   _L, contextual=True),
    S("Signature Space",    "letter",   ".closing .signature-space",        LETTER_PT, False, False, 0,  0,    "left",   False, 0,   0,   height=26, based_on="Closing"),
    S("Signer Name",        "letter",   ".closing .signer-name",            LETTER_PT, False, False, 0,  0,    "left",   False, 0,   0,   _L, based_on="Closing"),
    S("Signer Title",       "letter",   ".closing .signer-title",           LETTER_PT, False, False, 0,  0,    "left",   False, 0,   0,   _L, based_on="Closing"),
    # the one-pager
    S("Brief Text",         "onepager", "p",                                BRIEF_PT,  False, False, 0,  6,    "left",   False, 0,   0,   _B),
    # headings: Word's own Heading styles (outline levels: the navigation pane, a PDF's tags)
    S("Heading 1",          "",         "h1",                               15,        True,  False, 0,  3,    "left",   True,  0,   0,   1.15),
    S("Heading 2",          "",         "h2",                               11,        True,  False, 7,  3,    "left",   True,  0,   0,   _B, border=("bottom", 0.75, 0, "444444")),
    S("Heading 3",          "",         "h3",                               BRIEF_PT,  True,  False, 6,  2,    "left",   True,  0,   0,   _B),
    S("Title Band",         "onepager", ".title-band p",                    BRIEF_PT,  False, False, 0,  2,    "left",   False, 0,   0,   _B, border=_BAND),
    S("Organization",       "onepager", ".title-band .organization",        BRIEF_PT,  True,  False, 0,  2,    "left",   False, 0,   0,   _B, border=_BAND, based_on="Title Band"),
    S("Prepared For",       "onepager", ".title-band .prepared-for",        BRIEF_PT,  False, True,  0,  6,    "left",   False, 0,   0,   _B, border=_BAND, based_on="Title Band"),
    # .ask: a box (border 1.5 pt, padding 5 pt 8 pt, grey fill), inset by its padding
    S("Ask",                "onepager", ".ask",                             10.5,      True,  False, 5,  11,   "left",   False, 8,   0,   _B, border=("box", 1.5, 5, "000000"), shading="F2F2F2", right=8),
    # .callouts: a one-row layout table (LAYOUT_ROW_CLASSES), a cell per callout
    S("Callout Figure",     "onepager", ".callout .figure",                 22,        True,  False, 0,  0,    "left",   False, 0,   0,   1.1, border=("top", 3, 2, "000000")),
    S("Callout Text",       "onepager", ".callout",                         BRIEF_PT,  False, False, 0,  0,    "left",   False, 0,   0,   1.12),
    # the bar chart (inline SVG) drawn as a table: its text elements
    S("Chart Label",        "onepager", ".chart .bar-label",                9,         False, False, 0,  0,    "right",  False, 0,   0,   1.1),
    S("Chart Value",        "onepager", ".chart .bar-value",                10,        True,  False, 0,  0,    "left",   False, 0,   0,   1.1),
    S("Chart Text",         "onepager", ".chart-alt",                       BRIEF_PT,  False, False, 3,  6,    "left",   False, 0,   0,   _B),
    S("Why",                "onepager", ".why",                             BRIEF_PT,  False, False, 0,  6,    "left",   False, 11,  0,   _B, border=("left", 3, 8, "000000")),
    S("Brief List Number",  "onepager", "ol li, ol li p",                   BRIEF_PT,  False, False, 0,  3,    "left",   False, 18,  18,  _B),
    S("Brief List Bullet",  "onepager", "ul li, ul li p",                   BRIEF_PT,  False, False, 0,  3,    "left",   False, 18,  18,  _B),
    S("Principles List",    "onepager", ".principles li, .principles li p", BRIEF_PT,  False, False, 0,  2,    "left",   False, 18,  18,  _B),
    S("Brief Footer",       "onepager", ".footer p",                        8.5,       False, False, 0,  2,    "left",   False, 0,   0,   _B, border=("top", 0.75, 3, "444444")),
    S("Brief Contact",      "onepager", ".footer .contact",                 BRIEF_PT,  False, False, 6,  2,    "left",   False, 0,   0,   _B, border=("top", 0.75, 3, "444444"), based_on="Brief Footer"),
    # character styles
    S("Fact Source",        "",         ".fact-source",                     8.5,       False, True,  kind="character", based_on="Default Paragraph Font"),
)


del S, _L, _B, _RULE, _BAND


#: The font of every style (base.css ``font-family``), set for ASCII, high ANSI,
#: east-Asian and complex-script text alike: a font Word users have. The PDF uses its
#: metric-compatible twin (Liberation Serif, which fontconfig substitutes for the name),
#: so the same words break at the same places in Word, LibreOffice and the PDF.
FONT = "Times New Roman"


#: Page setup (base.css ``@page``): US Letter, 1 in margins; header/footer 0.5 in from the edge.
PAGE_WIDTH_IN, PAGE_HEIGHT_IN, MARGIN_IN, HEADER_IN = 8.5, 11.0, 1.0, 0.5


#: Containers that must not split across pages (CSS ``break-inside: avoid``).
KEEP_TOGETHER = frozenset({"closing"})


#: (body class, container class): the container stays on the page of the paragraph
#: before it (letter.css ``.constituent-letter .closing { break-before: avoid }``).
KEEP_WITH_PREVIOUS = frozenset({("constituent-letter", "closing")})


#: Elements never written to the DOCX body (``page-header`` goes to the page-2 header).
SKIP_TAGS = frozenset({"head", "style", "title", "script", "template", "noscript", "meta", "link",
                       "svg"})  # an SVG other than the bar chart (CHART_*_CLASS): left out


PAGE_HEADER_CLASS, PAGE_NUMBER_CLASS = "page-header", "page-number"


#: Elements that are one paragraph of their own, styled by their selector: inline ones
#: that CSS displays as blocks (onepager.css ``.callout .figure { display: block }``),
#: and the DRAFT mark's div (toolkit.drafts.MARK_CLASS: "Draft Mark").
BLOCK_CLASSES = frozenset({"figure", MARK_CLASS})


#: Containers whose blocks CSS sets side by side (onepager.css ``.callouts { display:
#: flex }``): a one-row layout table, one cell per child, ``LAYOUT_GAP_PT`` apart.
LAYOUT_ROW_CLASSES = frozenset({"callouts"})


#: The gap between the cells of a layout row (onepager.css ``.callouts { gap }``), points.
LAYOUT_GAP_PT = 10


#: The space between two tables in a row (onepager.css: ``.callouts`` margin-bottom
#: 4pt + ``.chart`` margin-top 2pt), points.
TABLE_SPACE_PT = 6


#: The alternative text (Word's table "Alt Text" description) of a layout row: a screen
#: reader reads its cells in order as paragraphs; it has no header row.
LAYOUT_TABLE_DESCRIPTION = "Layout table: key figures side by side, each with its explanation."


#: The classes of the bar chart's SVG parts (onepager.html ``bar_chart``): an SVG with
#: them is drawn as a table of shaded cells; one without them is left out (its text
#: alternative, ``.chart-alt``, is the chart in the DOCX).
CHART_LABEL_CLASS, CHART_BAR_CLASS, CHART_VALUE_CLASS = "bar-label", "bar", "bar-value"


#: Space after a whole list (base.css ``ol, ul { margin-bottom }``), in points: the
#: last item gets it when it is more than the item's own (``li { margin-bottom }``).
LIST_SPACE_AFTER_PT = 6


_Chain = tuple[tuple[str, frozenset], ...]


_COMPOUND = re.compile(r"^([a-z][a-z0-9]*)?((?:\.[\w-]+)*)$")


@dataclass(frozen=True)
class _Rule:
    style: str
    scope: str
    compounds: tuple[tuple[str | None, frozenset], ...]
    specificity: tuple[int, int, int]


def _compile_rules(kind: str) -> tuple[_Rule, ...]:
    rules = []
    for order, spec in enumerate(STYLES):
        if spec.kind != kind:
            continue
        for selector in filter(None, (s.strip() for s in spec.applies_to.split(","))):
            compounds = []
            for part in selector.split():
                match = _COMPOUND.match(part)
                if not match:  # pragma: no cover - the table is static
                    raise ValueError(f"bad selector {selector!r} in STYLES")
                classes = frozenset(c for c in match.group(2).split(".") if c)
                compounds.append((match.group(1), classes))
            classes = sum(len(c) for _, c in compounds)
            tags = sum(1 for t, _ in compounds if t)
            rules.append(_Rule(spec.name, spec.scope, tuple(compounds),
                               (classes * 10 + tags, 1 if spec.scope else 0, order)))
    return tuple(rules)


_SPEC = {spec.name: spec for spec in STYLES}


_PARA_RULES = _compile_rules("paragraph")


_CHAR_RULES = _compile_rules("character")


def _compound_matches(compound: tuple[str | None, frozenset], node: tuple[str, frozenset]) -> bool:
    tag, classes = compound
    return (tag is None or tag == node[0]) and classes <= node[1]


def _selector_matches(compounds, chain: _Chain) -> bool:
    """CSS descendant-selector matching, right to left, against ``chain`` (root first)."""
    if not _compound_matches(compounds[-1], chain[-1]):
        return False
    position = len(chain) - 2
    for compound in reversed(compounds[:-1]):
        while position >= 0 and not _compound_matches(compound, chain[position]):
            position -= 1
        if position < 0:
            return False
        position -= 1
    return True


def _resolve(kind: str, chain: _Chain) -> str | None:
    """The style name for the element at the end of ``chain`` (None: no rule matches)."""
    key = (kind, chain)
    if key in _RESOLVED:
        return _RESOLVED[key]
    body_classes = _body_classes(chain)
    best, name = None, None
    for rule in _PARA_RULES if kind == "paragraph" else _CHAR_RULES:
        if rule.scope and rule.scope not in body_classes:
            continue
        if rule.compounds and _selector_matches(rule.compounds, chain):
            if best is None or rule.specificity > best:
                best, name = rule.specificity, rule.style
    if len(_RESOLVED) < 4096:
        _RESOLVED[key] = name
    return name


_RESOLVED: dict[tuple[str, _Chain], str | None] = {}


def _body_classes(chain: _Chain) -> frozenset:
    return next((c for t, c in chain if t == "body"), frozenset())
