# Room: campaign/ (what `campaign check` says about a campaign's words and bills).
"""Warnings about a campaign's words that no schema can catch, and the sentences it makes.

``campaign check`` shows the sentence the source produces for each kind of writer (an
organization's letter, a constituent's), so that the user reads it before it is
printed 500 times, and warns where a template would have to guess:

- a constituent form (``constituent_ask``, ``constituent_closing``) that would have to be
  made from "we/our" text (wording.singular), or an ask a call script cannot take after
  "I'm calling to ask Senator X to" (``ask_phrase``);
- a source kind the toolkit does not know (cited as writing: "A wrote in O that ...");
- a key fact sentence in the first person singular (constituents quote it too);
- a one-pager figure printed twice: a chart bar whose value is a callout, a callout text
  that repeats another callout's figure;
- bills: an ask that says "cosponsor" (members who already cosponsor would be asked
  again: the bill sentence asks each by position), a sponsor or cosponsor ID the data
  in use does not know (named from the cosponsor list when it is a former member).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class WordsReport:
    """``sentences``: ("organization letter", sentence) pairs, the source sentence (and the
    derived constituent forms) as each writer gets them; ``warnings``: one line each,
    naming the YAML path."""

    sentences: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...]


def check_words(campaign, known_ids: frozenset[str] | None = None) -> WordsReport:
    """The sentences and warnings of a loaded ``campaign`` (campaign.Campaign).

    ``known_ids``: the bioguide IDs of the members in the data in use (None: cosponsor
    IDs are not checked). Raises CampaignError when a cosponsor list cannot be read.
    """
    from toolkit.campaign import wording
    from toolkit.campaign.bills import cosponsor_path, read_cosponsors

    sentences: list[tuple[str, str]] = []
    warnings: list[str] = []
    signers = campaign.sender.signers
    org = wording.Writer(tuple(s.name for s in signers), campaign.sender.organization,
                       len(signers) > 1)
    serial = campaign.style.serial_comma
    if campaign.source is None:
        sentences.append(("source", "(none: the letters cite no source)"))
    else:
        sentences.append(("source, organization letter",
                          wording.source_sentence(campaign.source, org, serial)))
        sentences.append(("source, constituent letter",
                          wording.source_sentence(campaign.source, wording.Writer(("",)), serial)))
        kind = " ".join(campaign.source.kind.lower().split())
        if kind and kind not in wording.KNOWN_KINDS and not campaign.source.sentence:
            warnings.append(f"source.kind: {campaign.source.kind!r} is not a kind the toolkit "
                            f"knows (op-ed, column, report, study, testimony, statement, bill...): "
                            f"cited as writing; set source.sentence to word it yourself")
    if not campaign.constituent_ask and wording.has_plural_voice(campaign.ask):
        warnings.append(f"ask: constituent letters speak for one person, so the ask becomes "
                        f"\u201c{wording.singular(campaign.ask)}\u201d; check it, or set "
                        f"constituent_ask")
    if not campaign.constituent_closing and wording.has_plural_voice(campaign.closing):
        warnings.append(f"closing: constituent letters speak for one person, so the closing "
                        f"becomes \u201c{wording.singular(campaign.closing)}\u201d; check it, or "
                        f"set constituent_closing")
    phrase = campaign.ask_phrase or wording.ask_phrase(campaign.ask)
    if not phrase:
        warnings.append("ask: a call script cannot say it after \u201cI'm calling to ask "
                        "Senator X to\u201d (it does not open with \u201cWe urge you to\u201d); "
                        "set ask_phrase, e.g. \u201cfund public libraries in FY2027\u201d")
    elif not wording.third_person_ok(phrase):
        warnings.append(f"ask_phrase: \u201c{phrase}\u201d says \u201cyou\u201d, but a call "
                        f"script speaks of the member: set ask_phrase without it")
    else:
        sentences.append(("call script", f"I'm calling to ask Senator X to {phrase}."))
    for i, fact in enumerate(campaign.key_facts[:campaign.letter_facts]):
        if re.search(r"\b(?:I|my|me|mine|myself)\b", fact.sentence):
            warnings.append(f"key_facts[{i}].sentence: speaks as \u201cI\u201d, but "
                            f"constituent letters quote it in their writers' voice: write it "
                            f"without I/my")
    callouts = campaign.key_facts[:3]
    figures = {fact.figure: i for i, fact in enumerate(callouts)}
    if campaign.chart:
        for i, bar in enumerate(campaign.chart.bars):
            value = campaign.chart.value_text(bar)
            if value in figures:
                warnings.append(f"chart.bars[{i}]: {value} is also key_facts[{figures[value]}]'s "
                                f"callout: the one-pager shows it twice (its caption leaves it out)")
    for i, fact in enumerate(callouts):
        for figure, j in figures.items():
            if j != i and figure in fact.text:
                warnings.append(f"key_facts[{i}].text: repeats {figure}, key_facts[{j}]'s own "
                                f"callout: say it once")
    for i, bill in enumerate(campaign.bills):
        if "cosponsor" in campaign.ask.lower():
            warnings.append(f"ask: says \u201ccosponsor\u201d, but {bill.number}'s cosponsors "
                            f"would be asked again; the bill sentence asks each member by "
                            f"position: word the ask for every member")
            break
    if known_ids is not None:
        for i, bill in enumerate(campaign.bills):
            if bill.sponsor and bill.sponsor.upper() not in known_ids:
                warnings.append(f"bills[{i}].sponsor: {bill.sponsor} is not a member in the data "
                                f"in use (a former member, or a typo)")
            path = cosponsor_path(bill, None)
            for row in (read_cosponsors(str(path)) if path else ()):
                if row.bioguide_id not in known_ids:
                    who = f" ({row.name})" if row.name else ""
                    warnings.append(f"{path}:{row.row}: cosponsor {row.bioguide_id}{who} is not a "
                                    f"member in the data in use: a former member gets no letter")
    return WordsReport(tuple(sentences), tuple(warnings))
