"""The DRAFT mark on every page while the campaign's sender has placeholders.

``mark_html`` adds it to the HTML both formats come from: on every page of a PDF; atop
a DOCX and in the header of its every page (``docx.package.render_docx``); beside an
envelope's return address; in a label sheet's top margin (``labels.render_labels``).
The rule that decides it is ``campaign.placeholders``.

On a page the slanted mark is drawn as outlines (``draftglyphs.SVG``, a background
image: an artifact in a tagged PDF), not as text: text extracted or copied from the page
is the body's, word for word, and the PDF embeds no font for the mark (issue 18). The
envelope's and label sheet's marks are upright lines of text, in those files' own font.
"""

from __future__ import annotations

import re



MARK_TEXT = "DRAFT \u2014 placeholder sender: do not mail"


_MARK_NOTE = "placeholder sender: do not mail"


MARK_CLASS = "draft-mark"


def mark_url() -> str:
    """The ``data:`` URL of the page mark's outlines (``draftglyphs.SVG``), the one URL
    besides the template folders that the PDF writer serves (``pdf._fetcher_class``)."""
    import base64

    from toolkit.documents.draftglyphs import SVG

    return "data:image/svg+xml;base64," + base64.b64encode(SVG.encode()).decode()


def _page_style() -> str:
    """The slanted mark across the page: the div's words (which the DOCX reads) are laid
    out but not drawn (``visibility: hidden``), and its ``::before`` paints the mark's
    outlines (``draftglyphs.SVG``) as a background image, which WeasyPrint marks as an
    artifact: the page's text is the body's alone and no font is embedded for the mark."""
    return (f"<style>.{MARK_CLASS} {{ position: fixed; top: 35%; left: 0; right: 0; "
            "font: bold 1pt/1 Arial, 'Liberation Sans', sans-serif; visibility: hidden; "
            "z-index: 10; transform: rotate(-20deg); }"
            f" .{MARK_CLASS}::before {{ content: ''; display: block; visibility: visible; "
            "height: 84pt; opacity: 0.35; background: no-repeat center / auto 84pt "
            f"url({mark_url()}); }}</style>")


_STYLE = _page_style()


#: Where the mark goes on each kind of page (``mark_html``'s ``place``).
_STYLES = {
    "page": _STYLE,
    # On an envelope: small, left, between the return address and the recipient block.
    "envelope": (f"<style>.{MARK_CLASS} {{ position: fixed; top: 1.1in; left: 0.35in; "
                 "font: bold 24pt/1 sans-serif; color: #c00000; opacity: 0.5; }"
                 f" .{MARK_CLASS} span {{ font-size: 9pt; }}</style>"),
    # On an Avery 5160 sheet: one line in the 0.5 in top margin, off every label.
    "margin": (f"<style>.{MARK_CLASS} {{ position: fixed; top: 0.15in; left: 0; right: 0; "
               "text-align: center; font: bold 10pt/1 sans-serif; color: #c00000; }"
               f" .{MARK_CLASS} br {{ display: none; }}"
               f" .{MARK_CLASS} span::before {{ content: ' \u2014 '; }}</style>"),
}


def mark_html(html: str, place: str = "page") -> str:
    """``html`` with a DRAFT mark that WeasyPrint repeats on every page (a fixed element).

    The mark is out of the flow: the layout and page count do not change. ``place``:
    ``page``, large and slanted across the page; ``envelope``, small, left, between the
    return address and the recipient block (about 1.1 to 1.6 in from the top);
    ``margin``, one 10 pt line centred in a label sheet's 0.5 in top margin (Avery
    5160), so no label is printed over. Raises KeyError for another ``place``.
    """
    style = _STYLES[place]
    mark = f'<div class="{MARK_CLASS}">DRAFT<br><span>{_MARK_NOTE}</span></div>'
    html = re.sub(r"(</head>)", style + r"\1", html, count=1, flags=re.I) \
        if re.search(r"</head>", html, re.I) else style + html
    match = re.search(r"<body[^>]*>", html, re.I)
    if match:
        return html[:match.end()] + mark + html[match.end():]
    return mark + html

