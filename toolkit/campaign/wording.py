# Room: campaign/ (a campaign's own words in the forms documents need; no rendering).
"""A campaign's words in the forms a document needs, right for any campaign.

A template must not assume the bundled campaign's shape (a guest column by three
people, a foreign-policy ask, several signers). This module derives, from the campaign
alone (it imports nothing of documents/, so that ``campaign check`` can show them):

- ``source_sentence``: the source cited as its kind needs (people who wrote an op-ed or
  column; an agency or organization that published a report or study; testimony; a
  speech or statement; a bill), in the first person when the letter's writer wrote it,
  or the campaign's own ``source.sentence``; no sentence when there is no source.
- ``singular``: "we/our/us" text in one writer's voice ("I/my/me"), for a letter with one
  signer, a constituent letter and a call script (STYLE.md: the voice follows the writer).
- ``plural``: its converse, "I/my/me" text in the voice of several ("we/our/us"), for a
  letter with several signers and a coalition (sign-on) letter.
- ``ask_phrase``: the campaign's ask as a phrase that follows "to ask Senator X to".
- ``heading``: a subject written for mid-sentence use, capitalized for "Re:"/"Subject:".
- ``with_article``: "the" before an organization's or newspaper's name that needs one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Kinds of source, by the verb that cites them (``source.kind``, lower case).
WRITING_KINDS = frozenset({"op-ed", "oped", "op ed", "column", "guest column", "article",
                           "editorial", "essay", "letter to the editor", "blog post", "post",
                           "commentary", "opinion", "newsletter", "book", "letter"})
REPORT_KINDS = frozenset({"report", "study", "analysis", "audit", "survey", "brief",
                          "issue brief", "policy brief", "fact sheet", "evaluation",
                          "working paper", "white paper", "data brief", "review"})
TESTIMONY_KINDS = frozenset({"testimony", "hearing testimony"})
SPEECH_KINDS = frozenset({"speech", "statement", "remarks", "interview", "press release"})
BILL_KINDS = frozenset({"bill", "resolution"})
KNOWN_KINDS = WRITING_KINDS | REPORT_KINDS | TESTIMONY_KINDS | SPEECH_KINDS | BILL_KINDS

#: Last words of organization names that take "the" in a sentence ("the Urban Institute").
_ORG_WORDS = frozenset({"office", "service", "services", "administration", "agency",
                        "commission", "institute", "institution", "center", "centre",
                        "council", "foundation", "association", "coalition", "committee",
                        "bureau", "board", "alliance", "network", "project", "department",
                        "corporation", "society", "league", "fund", "trust", "academy",
                        "academies", "conference", "caucus", "campaign", "union", "group"})
#: Last words of newspaper and magazine names that take "the" ("the Bangor Daily News").
_PAPER_WORDS = frozenset({"news", "times", "post", "journal", "herald", "tribune", "gazette",
                          "globe", "register", "examiner", "sun", "star", "chronicle",
                          "record", "review", "monitor", "inquirer", "observer", "courier",
                          "dispatch", "bulletin", "press", "daily", "weekly", "magazine",
                          "atlantic", "economist", "guardian", "independent", "telegraph",
                          "statesman", "citizen", "bee", "enquirer", "sentinel", "plain dealer",
                          "democrat", "republican", "leader", "advocate", "oregonian", "ledger",
                          "mirror", "standard", "beacon", "express", "current"})


#: Words that join an organization word to what it is about ("Center for", "Council on").
_ORG_LINKS = frozenset({"for", "on", "of", "to", "against", "in"})


def heading(text: str) -> str:
    """A subject as a heading reads: its first letter capitalized ("Re: Funding for ...").

    Only the first character changes; "iPhone"-like words whose second letter is a capital
    are left alone."""
    text = text.strip()
    if not text or (len(text) > 1 and text[1].isupper()):
        return text
    return text[0].upper() + text[1:]


def with_article(name: str, kind: str = "organization") -> str:
    """``name`` as it reads inside a sentence: "the" before an organization's name of the
    form "X of Y", ending in an organization word (Institute, Office, Center...) or
    opening with one and a link word ("Center for Rural Mobility", "Council on ..."), or a
    newspaper's name ending in a newspaper word (News, Times, Post...); a name already
    starting with "the"/"The" or an acronym (IMLS, GAO) is kept as written.

    ``kind``: "organization" or "outlet". The rule is a convention of English usage
    ("the Government Accountability Office", "the Bangor Daily News"); a name it gets
    wrong is fixed by ``source.sentence`` (the sentence as written by the campaign).
    """
    name = name.strip()
    words = name.split()
    if not words or words[0].lower() == "the" or name.isupper():
        return name
    last = re.sub(r"[^\w]", "", words[-1]).lower()
    table = _ORG_WORDS if kind == "organization" else _PAPER_WORDS
    if last in table or (kind == "organization" and " of " in name and words[0][0].isupper()):
        return f"the {name}"
    if kind == "organization" and len(words) > 2 and words[0].lower() in _ORG_WORDS \
            and words[1].lower() in _ORG_LINKS:
        return f"the {name}"     # "the Center for Rural Mobility", "the Council on ..."
    return name


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


# ---------------------------------------------------------------------------- voice

#: "we/our/us" forms and their one-writer forms, matched as whole words, case kept.
_SINGULAR = (
    (r"we are", "I am"), (r"we were", "I was"), (r"we['\u2019]re", "I'm"),
    (r"we['\u2019]ve", "I've"), (r"we['\u2019]d", "I'd"), (r"we['\u2019]ll", "I'll"), (r"ourselves", "myself"), (r"ours", "mine"),
    (r"our", "my"), (r"we", "I"))
_PLURAL_WORDS = re.compile(r"\b(?:we|our|ours|ourselves|us)\b", re.I)


def has_plural_voice(text: str) -> bool:
    """True when ``text`` speaks as "we": we, our, ours, ourselves in any case, or "us" in
    lower case (so that "US", the country, is not taken for it)."""
    for match in _PLURAL_WORDS.finditer(text):
        word = match.group(0)
        if word.lower() != "us" or word == "us":
            return True
    return False


def singular(text: str) -> str:
    """``text`` in one writer's voice: "We urge you..." -> "I urge you...", "our" -> "my",
    "us" -> "me" (lower case only: "US" and "U.S." stay). Returns the text unchanged when
    it holds no "we" form. The rule is a word swap; ``campaign check`` shows the result and
    warns, so that a sentence it cannot mend ("we, the undersigned") is rewritten by hand.
    """
    def swap(pattern: str, new: str, value: str) -> str:
        def one(match: re.Match) -> str:
            old = match.group(0)
            out = new
            if old[0].isupper() and not new.startswith("I"):
                out = new[0].upper() + new[1:]
            return out
        return re.sub(rf"\b{pattern}\b", one, value, flags=re.I)

    for pattern, new in _SINGULAR:
        text = swap(pattern, new, text)
    return re.sub(r"\bus\b", "me", text)


#: One writer's forms and their "we" forms, matched as whole words (``plural``).
_PLURAL = (
    (r"I am", "we are"), (r"I was", "we were"), (r"I['\u2019]m", "we're"),
    (r"I['\u2019]ve", "we've"), (r"I['\u2019]d", "we'd"), (r"I['\u2019]ll", "we'll"),
    (r"myself", "ourselves"), (r"mine", "ours"), (r"my", "our"), (r"me", "us"), (r"I", "we"))
#: Words after which a capital "I" is a numeral, not the writer ("Title I", "Part I").
_NUMERAL_BEFORE = re.compile(r"\b(?:Title|Part|Section|Phase|Tier|Division|Article|Chapter|"
                             r"Class|Schedule|Category|Level|Round|Volume|War)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|[\u201c\"(]\s*)$")


def plural(text: str) -> str:
    """``text`` in the voice of several writers: "I urge you..." -> "We urge you...", "I am"
    -> "we are", "my" -> "our", "me" -> "us". A capital "We"/"Our" opens a sentence; "I"
    after "Title", "Part" and the like is a numeral and stays, and so do words in capitals
    ("ME", Maine). Returns the text unchanged
    when it holds no one-writer form (a campaign written as "we" keeps its words).
    """
    def swap(pattern: str, new: str, value: str) -> str:
        flags = 0 if pattern.startswith("I") else re.I

        def one(match: re.Match) -> str:
            before = value[:match.start()]
            word = match.group(0)
            if pattern.startswith("I") and _NUMERAL_BEFORE.search(before):
                return word
            if not pattern.startswith("I") and len(word) > 1 and word.isupper():
                return word   # "ME" (Maine), "MY" are not the writer
            starts = bool(_SENTENCE_START.search(before)) if pattern.startswith("I") \
                else match.group(0)[0].isupper()
            return new[0].upper() + new[1:] if starts else new
        return re.sub(rf"\b{pattern}(?![\w'\u2019])", one, value, flags=flags)

    for pattern, new in _PLURAL:
        text = swap(pattern, new, text)
    return text


_ASK_OPENERS = re.compile(
    r"^(?:(?:we|i)\s+(?:respectfully\s+|strongly\s+|also\s+)?(?:urge|ask|call\s+on|encourage|"
    r"request|invite|implore)\s+you\s+to|please)\s+(?P<rest>.+?)[.!]?$", re.I | re.S)


def ask_phrase(ask: str) -> str:
    """The ask as a phrase after "to ask Senator X to": "We urge you to fund X." -> "fund X".

    Returns "" when the ask does not open with "We/I urge (ask, call on, encourage,
    request) you to" or "Please"; ``Campaign.ask_phrase`` is then needed for call
    scripts (``campaign check`` says so).
    """
    match = _ASK_OPENERS.match(" ".join(ask.split()))
    if not match:
        return ""
    rest = match.group("rest").strip()
    return rest[0].lower() + rest[1:] if rest[:1].isupper() and not rest[1:2].isupper() else rest


def third_person_ok(phrase: str) -> bool:
    """True when ``phrase`` can follow "ask Senator X to" as is: no "you"/"your" in it."""
    return not re.search(r"\byou(?:r|rs|rself)?\b", phrase, re.I)


# ---------------------------------------------------------------------- the source

def source_family(kind: str) -> str:
    """"writing", "report", "testimony", "speech" or "bill" for a ``source.kind``; an empty
    or unknown kind is cited as writing ("A wrote in O that ...")."""
    kind = " ".join(kind.lower().split())
    for family, kinds in (("report", REPORT_KINDS), ("testimony", TESTIMONY_KINDS),
                          ("speech", SPEECH_KINDS), ("bill", BILL_KINDS)):
        if kind in kinds:
            return family
    return "writing"


@dataclass(frozen=True)
class Writer:
    """Who writes the letter, for the source sentence: ``names`` of the signers (one for a
    constituent letter), ``organization`` (the sender's, "" for a constituent), and
    ``plural`` (True when the letter says "we")."""

    names: tuple[str, ...]
    organization: str = ""
    plural: bool = False


def fold(name: str) -> str:
    """A name compared with another: lower case, dots and runs of spaces as one space."""
    return " ".join(name.lower().replace(".", " ").split())


def same_body(outlet: str, author: str) -> bool:
    """True when ``outlet`` names ``author`` again: the same words, or the author's
    initials ("IMLS" for "Institute of Museum and Library Services"; small words such
    as "of", "and", "the" do not count)."""
    if fold(outlet) == fold(author):
        return True
    letters = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", author)
                      if w.lower() not in ("of", "and", "the", "for", "on", "in", "to"))
    compact = outlet.replace(".", "").strip()
    return compact.isupper() and len(compact) > 1 and compact == letters.upper()


def source_sentence(source, writer: Writer | None = None, serial: bool = False) -> str:
    """The sentence that cites ``source`` (campaign.Source, or None: ""), for ``writer``.

    By ``source_family(source.kind)``: writing "In April 2023, A, B and C wrote in
    allAfrica that <thesis>."; report "The Government Accountability Office found in a
    December 2020 report that <thesis>."; testimony "In March 2024, A testified before
    <outlet> that <thesis>."; speech "In May 2024, A said in a statement that
    <thesis>."; bill "In March 2025, A introduced <title>, a bill that would <thesis>.".
    Without a thesis the title is named instead. An author who signs a letter of one
    signer is "I" ("In March 2024, I wrote in the Bangor Daily News that ..."); when the
    authors are all the signers of a letter of several, "we"; a source by the sender's
    own organization is "our report". ``source.sentence``, when given, is used as
    written. Raises nothing.
    """
    from toolkit.campaign.model import prose_list

    if source is None:
        return ""
    if source.sentence:
        text = " ".join(source.sentence.split())
        return text if text[-1:] in ".!?\u201d\"" else text + "."
    family = source_family(source.kind)
    when = f"{source.date:%B} {source.date.year}"
    thesis = source.thesis.strip().rstrip(".")
    title = source.title.strip()
    quoted = f"\u201c{title}\u201d"
    writer = writer or Writer(())
    signers = {fold(n) for n in writer.names}
    mine = [a for a in source.authors if fold(a) in signers]
    others = [a for a in source.authors if fold(a) not in signers]
    ours = bool(writer.organization) and any(fold(a) == fold(writer.organization)
                                             for a in source.authors)
    outlet = source.outlet.strip()
    if outlet and any(same_body(outlet, a) for a in source.authors):
        outlet = ""   # a report's publisher that is its author is not named twice
    kind = " ".join(source.kind.lower().split()) or {
        "report": "report", "testimony": "testimony", "speech": "statement",
        "bill": "bill"}.get(family, "")
    others = [with_article(a) for a in others]
    if ours:
        subject = "we" if writer.plural else "I"
    elif mine and not writer.plural:
        subject = prose_list(others + ["I"], serial)
    elif mine and not others and len(mine) == len(signers):
        subject = "we"
    else:
        subject = prose_list([with_article(a) for a in source.authors], serial)
    if family == "report":
        where = f" published in {with_article(outlet, 'outlet')}" if outlet else ""
        if ours:
            head = f"our {when} {kind}{where}"
            sentence = (f"{head} found that {thesis}." if thesis else
                        f"{head}, {quoted[:-1]},\u201d makes this case.")
        elif thesis:
            sentence = f"{subject} found in {_a(when)} {when} {kind}{where} that {thesis}."
        else:
            sentence = f"In {when}, {subject} published {_a(kind)} {kind}{where}, {quoted[:-1]}.\u201d"
    elif family == "testimony":
        where = f" before {outlet}" if outlet else ""
        sentence = (f"In {when}, {subject} testified{where} that {thesis}." if thesis else
                    f"In {when}, {subject} testified{where} on {quoted[:-1]}.\u201d")
    elif family == "speech":
        where = f" in {_a(kind)} {kind}" + (f" ({outlet})" if outlet else "")
        sentence = (f"In {when}, {subject} said{where} that {thesis}." if thesis else
                    f"In {when}, {subject} gave {_a(kind)} {kind}, {quoted[:-1]}.\u201d")
    elif family == "bill":
        sentence = (f"In {when}, {subject} introduced {title}, {_a(kind)} {kind} that would "
                    f"{thesis}." if thesis else f"In {when}, {subject} introduced {title}.")
    else:
        where = f" in {with_article(outlet, 'outlet')}" if outlet else ""
        if thesis:
            sentence = f"In {when}, {subject} wrote{where} that {thesis}."
        elif where:
            sentence = f"In {when}, {subject} wrote {quoted}{where}."
        else:
            sentence = f"In {when}, {subject} wrote {quoted[:-1]}.\u201d"
    return sentence[0].upper() + sentence[1:]


def source_citation(source, serial: bool = False) -> str:
    """The source as the one-pager cites it: "A, B and C, "Title," Outlet (kind), April 27,
    2023"; an outlet that is the author is not repeated; "" without a source."""
    from toolkit.campaign.model import long_date, prose_list

    if source is None:
        return ""
    names = prose_list(source.authors, serial)
    outlet = source.outlet.strip()
    if outlet and any(same_body(outlet, a) for a in source.authors):
        outlet = ""
    kind = f" ({source.kind})" if source.kind else ""
    if outlet:
        return f"{names}, \u201c{source.title},\u201d {outlet}{kind}, {long_date(source.date)}"
    if kind:
        return f"{names}, \u201c{source.title}\u201d{kind}, {long_date(source.date)}"
    return f"{names}, \u201c{source.title},\u201d {long_date(source.date)}"


#: What a constituent is to the organization, as the letter and the call script say it.
RELATIONS = {"member": "a member of", "supporter": "a supporter of", "none": ""}
