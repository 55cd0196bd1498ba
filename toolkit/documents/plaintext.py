"""Letters as plain text (web contact forms) and as draft e-mail (.eml), from the letter's HTML.

The words come from the same HTML that the PDF and DOCX are made from (letter.html and
its merge fields): this module only drops what a web form or an e-mail does not carry
(the sender block or letterhead, the date, the inside address, the page-2 header) and
turns the rest into paragraphs. The subject line ("Re: ...") becomes the message's
subject; the salutation, the body, the complimentary close and the signers' names are
the message; a constituent's message ends with the writer's postal address under the
signature (``with_writers_address``).

Members' web contact forms cap a message's length (from 500 to 10,000 characters) and
some count a line break as two characters (CR LF): ``count_chars`` does the same. A
message over the limit is made again at the template's tighter fit levels (``fit`` 1:
the short recommendation texts; 2: fewer facts, as documents.render.fit_to_pages does for a
page); when even the tightest is over the limit it is reported with its length, never
cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass



#: Formats made here, after pdf and docx: plain text and a draft e-mail.
FORMATS = ("txt", "eml")


#: Classes of letter.html whose text a web form or an e-mail does not carry.
LETTER_SKIP = frozenset({"page-header", "sender-block", "date", "inside-address"})


SUBJECT_CLASS = "subject"


_CONTAINERS = frozenset({"div", "header", "footer", "address", "section", "ol", "ul",
                         "article", "main", "aside", "nav", "blockquote"})


_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "th"})


_SKIP_TAGS = frozenset({"head", "title", "style", "script", "template"})


_SPACE = re.compile(r"[ \t\r\n\f]+")


_RE = re.compile(r"^(?:Re|Subject)\s*:\s*", re.I)


@dataclass(frozen=True)
class Block:
    """One paragraph of text: ``text`` (line breaks as ``\\n``), ``classes`` (its own and
    its ancestors'), ``group`` (the container it sits in; 0 for the body)."""

    text: str
    classes: frozenset
    group: int


def html_blocks(html: str, skip: frozenset = frozenset()) -> list[Block]:
    """The paragraphs of an HTML document (or fragment), in order, white space collapsed.

    Elements whose class is in ``skip`` are left out with their content; an ``<li>`` of
    an ``<ol>`` starts with its number ("1. "), of a ``<ul>`` with "- "; ``<br>`` is a
    line break. Paragraphs left empty (a no-break space only) are dropped.
    """
    import lxml.html

    root = lxml.html.fromstring(html) if html.strip() else None
    blocks: list[Block] = []
    if root is None:
        return blocks
    counter = [0]

    def text_of(el) -> str:
        parts = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str) and child.tag.lower() == "br":
                parts.append("\n")
            elif isinstance(child.tag, str) and child.tag.lower() not in _SKIP_TAGS:
                parts.append(text_of(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(el, classes: frozenset, group: int, marker: str = "") -> None:
        if not isinstance(el.tag, str):
            return
        tag = el.tag.lower()
        own = frozenset(el.get("class", "").split())
        if tag in _SKIP_TAGS or own & skip:
            return
        classes = classes | own
        if tag in _BLOCKS or not any(isinstance(c.tag, str) and c.tag.lower() in
                                     (_BLOCKS | _CONTAINERS) for c in el):
            lines = [_SPACE.sub(" ", line).strip(" \xa0") for line in text_of(el).split("\n")]
            text = "\n".join(line for line in lines if line)
            if text:
                blocks.append(Block(marker + text, classes, group))
            return
        if tag in _CONTAINERS:
            counter[0] += 1
            group = counter[0]
        number = int(el.get("start", 1)) if tag == "ol" else None
        for child in el:
            mark = ""
            if isinstance(child.tag, str) and child.tag.lower() == "li" and tag in ("ol", "ul"):
                if number is not None:
                    mark, number = f"{number}. ", number + 1
                else:
                    mark = "- "
            walk(child, classes, group, mark)

    body = root.find("body") if root.tag == "html" else root
    walk(body if body is not None else root, frozenset(), 0)
    return blocks


def join_blocks(blocks: list[Block]) -> str:
    """Paragraphs as text: a blank line between paragraphs, one line break between the
    paragraphs of one container (a list's items, the closing's lines)."""
    out = ""
    for index, block in enumerate(blocks):
        if index:
            same = block.group and block.group == blocks[index - 1].group
            out += "\n" if same else "\n\n"
        out += block.text
    return out


def count_chars(text: str) -> int:
    """Characters as a web form counts them: a line break counts as two (CR LF)."""
    text = text.replace("\r\n", "\n")
    return len(text) + text.count("\n")


def letter_text(html: str) -> tuple[str, str]:
    """(subject, body) of a letter's HTML: the subject line without "Re:", and the
    salutation, body, close and signers without letterhead, date or inside address."""
    blocks = html_blocks(html, LETTER_SKIP)
    subject = next((b for b in blocks if SUBJECT_CLASS in b.classes), None)
    body = [b for b in blocks if b is not subject]
    return (_RE.sub("", subject.text) if subject else ""), join_blocks(body)


def job_formats(job, formats) -> tuple[str, ...]:
    """The formats a DocumentJob is made in: all of ``formats`` for a letter, the print
    formats only (pdf, docx) for other kinds (a one-pager is not a message)."""
    return tuple(f for f in formats if f not in FORMATS or job.kind == "letter")


def limit_of(job) -> int | None:
    """The job's body limit: ``job.max_chars`` (``--max-chars``), else the campaign's
    ``web_form.max_chars``, else None."""
    if job.max_chars is not None:
        return job.max_chars
    return job.context["campaign"].web_form.max_chars


def fit_text(job, templates, where: str = "") -> tuple[str, str, list[str], str]:
    """(subject, body, warnings, shortened) of a letter as text, shortened to meet its limit.

    Renders ``job.template`` at ``fit`` 0, then 1, 2 (documents.job.MAX_FIT: the steps of
    documents.render.fit_to_pages) until the body is within ``limit_of(job)`` characters as
    ``count_chars`` counts them. When even the tightest is over, that one is kept whole
    and a warning gives its length. ``shortened`` says what the body left out
    (``documents.job.shortened_of``, "" when nothing), also a warning, as for a PDF ("...:
    shortened to fit the web form's 1,900 characters: opening sentence left out"). Raises
    TemplateRenderError as TemplateSet.render does.
    """
    from toolkit.documents.job import MAX_FIT, shortened_of

    limit = limit_of(job)
    for fit in range(MAX_FIT + 1):
        html = templates.render(job.template, {**job.context, "fit": fit}, where)
        subject, body = letter_text(html)
        body = with_writers_address(body, job.context)
        length = count_chars(body)
        if limit is None or length <= limit:
            what = shortened_of(html)
            return subject, body, [f"{job.stem}: shortened to fit the web form's {limit:,} "
                                   f"characters: {what}"] if what else [], what
    return subject, body, [
        f"{job.stem}: the text body is {length:,} characters (line breaks counted as two), "
        f"over the web form limit of {limit:,} even shortened; nothing was cut: "
        f"{job.too_long or 'shorten the campaign text or raise --max-chars'}"], shortened_of(html)


def with_writers_address(body: str, context: dict) -> str:
    """A constituent's message with the writer's postal address (and e-mail and phone,
    when given) under the signature; an organization's message as it is.

    Offices answer only their own constituents and check that by the postal address
    (LETTER-CONVENTIONS.md), which the PDF and DOCX carry in the sender block and a web
    form or an e-mail would otherwise lose. ``context``: the letter's merge fields
    (``constituent`` and ``sender``, a SenderView of the writer). Counted in the body's
    length (``fit_text``).
    """
    sender = context.get("sender")
    if not context.get("constituent") or sender is None:
        return body
    lines = [*sender.address, *([sender.contact] if sender.contact else [])]
    return body + "".join(f"\n{line}" for line in lines if line)


def text_bytes(subject: str, body: str, topic: str = "") -> bytes:
    """The .txt file: "Topic: ..." (when given), "Subject: ...", a blank line, the body;
    UTF-8, CR LF line ends (as forms count them and Windows Notepad shows them)."""
    head = ([f"Topic: {topic}"] if topic else []) + [f"Subject: {subject}"]
    return ("\n".join(head) + "\n\n" + body + "\n").replace("\n", "\r\n").encode("utf-8")


def eml_bytes(subject: str, body: str, topic: str = "") -> bytes:
    """A draft e-mail (RFC 5322, stdlib ``email``): Subject, the body as UTF-8 text, no
    recipient (offices publish no e-mail addresses), ``X-Unsent: 1`` so that mail
    programs open it as a draft; the topic, when given, as ``Keywords``. No date or
    message ID: the same letter gives the same bytes."""
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    if topic:
        message["Keywords"] = topic
    message["X-Unsent"] = "1"
    message.set_content(body + "\n")
    return message.as_bytes()


def render_text_files(job, formats, templates, where: str, prints: dict) -> list:
    """The job's text files (documents.job.RenderedFile) in ``formats`` (txt and/or eml)."""
    from toolkit.documents.job import RenderedFile

    subject, body, warnings, shortened = fit_text(job, templates, where)
    topic = job.context["campaign"].web_form.topic
    makers = {"txt": text_bytes, "eml": eml_bytes}
    return [RenderedFile(f"{job.stem}.{fmt}", fmt, makers[fmt](subject, body, topic), "",
                         prints[fmt], tuple(warnings), {**job.meta, "shortened": shortened})
            for fmt in formats]

