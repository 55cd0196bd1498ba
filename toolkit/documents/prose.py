# Room: documents/ (the words of one document that depend on who writes it).
"""The words a letter, a call script or a text says around a campaign's fields, by writer.

campaign's wording.py derives a campaign's words (the source sentence, one writer's
voice, the ask for a call); this module picks them for one document: the voice of its
writer (one signer, several, a constituent, a caller), the organization after "on
behalf of", what a constituent is to the organization, and whose recommendations a
sentence counts. tailor.build_context puts the result in every template's ``words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.campaign.wording import (RELATIONS, Writer, ask_phrase, fold, heading, plural,
                                      singular, source_sentence, with_article)


@dataclass(frozen=True)
class LetterWords:
    """The words of one document that depend on who writes it (tailor.build_context).

    ``we``: "I" for one signer, a constituent or a caller, "We" for several signers (it
    opens a sentence); ``singular``: one writer; ``ask`` and
    ``closing``: the campaign's in that voice (a constituent's: ``constituent_ask``,
    ``constituent_closing``, else derived with ``singular``); ``ask_phrase``: the ask
    after "to ask Senator X to"; ``source``: the source sentence for this writer
    ("" without a source); ``subject``: the subject as a heading ("Re:"); ``relation``:
    "a member of Org"/"a supporter of Org"/"" (the campaign's ``constituent_relation``);
    ``seat_role``: "my senator"/"my representative"/"my delegate"/"my resident
    commissioner" for a constituent, else "" (the letter then names the member's role);
    ``organization``: the sender's organization as it reads after "on behalf of" ("the
    Library Futures Network", with_article), "" when the sender is the signer herself
    (a person writing for no organization); ``owner``: whose recommendations a sentence
    counts ("our" for several signers; "these" for one writer, who speaks for no "we").
    """

    we: str
    singular: bool
    ask: str
    closing: str
    ask_phrase: str
    source: str
    subject: str
    relation: str
    seat_role: str
    owner: str
    organization: str = ""


def letter_words(campaign, signers, constituent: bool = False, leg=None) -> LetterWords:
    """The LetterWords of a letter signed by ``signers`` (a constituent's when
    ``constituent``) to ``leg`` (a contacts.Legislator, or None). Raises nothing."""
    one = constituent or len(signers) < 2
    if constituent:
        ask = campaign.constituent_ask or singular(campaign.ask)
        closing = campaign.constituent_closing or singular(campaign.closing)
    elif one:
        ask, closing = singular(campaign.ask), singular(campaign.closing)
    else:   # several signers speak as "we", whatever voice the campaign wrote in
        ask, closing = plural(campaign.ask), plural(campaign.closing)
    writer = Writer(tuple(s.name for s in signers),
                    "" if constituent else campaign.sender.organization, not one)
    relation = RELATIONS[campaign.constituent_relation]
    seat_role = ""
    if constituent and leg is not None:
        seat_role = {"senator": "my senator", "delegate": "my delegate",
                     "resident_commissioner": "my resident commissioner"}.get(
                         leg.office_kind, "my representative")
    return LetterWords(
        we="I" if one else "We", singular=one, ask=ask,
        closing=closing, ask_phrase=campaign.ask_phrase or ask_phrase(campaign.ask),
        source=source_sentence(campaign.source, writer, campaign.style.serial_comma),
        subject=heading(campaign.subject),
        relation=f"{relation} {with_article(campaign.sender.organization)}" if relation else "",
        seat_role=seat_role, owner="these" if one else "our",
        organization="" if fold(campaign.sender.organization) in {fold(n) for n in writer.names}
        else with_article(campaign.sender.organization))


def attendee_names(text: str) -> tuple[str, ...]:
    """The people a meetings log's "Attended for us" cell names: split on semicolons,
    commas, new lines, "&" and " and " ("Dana Whitfield; Sam Ortiz" -> two)."""
    parts = re.split(r"[;,\n&/]+|\s+and\s+", text or "")
    return tuple(p.strip() for p in parts if p.strip())


def writes_alone(signers, attendees: str = "") -> bool:
    """True when one person writes about a meeting, so that the letter says "I" (the rule of
    ``letter_words``: one signer writes "I", several "we"): one signer (or none), and the
    meeting's ``attendees`` ("Attended for us") empty or naming only that signer. Anyone
    else who went for the organization makes it "we"."""
    names = {fold(s.name) for s in signers}
    if len(names) > 1:
        return False
    return all(fold(name) in names for name in attendee_names(attendees))


def coalition_words(campaign) -> LetterWords:
    """The LetterWords of a coalition (sign-on) letter: always several writers, so "We"
    and the campaign's ask and closing in the plural voice (``plural``, as for a letter
    of several signers), the subject as a heading; the source is cited by writers who
    are not its authors (the coalition is not the source's author). Raises nothing."""
    return LetterWords(
        we="We", singular=False, ask=plural(campaign.ask), closing=plural(campaign.closing),
        ask_phrase=campaign.ask_phrase or ask_phrase(campaign.ask),
        source=source_sentence(campaign.source, None, campaign.style.serial_comma),
        subject=heading(campaign.subject), relation="", seat_role="", owner="our",
        organization=with_article(campaign.sender.organization))
