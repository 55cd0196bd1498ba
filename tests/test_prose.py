"""Letters read as prose, the one-pager is a leave-behind, and the fit loop says what it shortened.

Exact sentences for a senator with several targeted seats (Shaheen), a representative
(Smith), a delegate (Plaskett, one lead recommendation) and a member with no targeted
seat (Speaker Johnson), read from the rendered HTML (the one source of PDF and DOCX).
"""

from __future__ import annotations

from toolkit.documents import job
from toolkit.jobs import letters
from toolkit.engine import run

import csv
import html as htmllib
import re

import pytest

from conftest import docx_text, pdf_text
from toolkit.campaign.model import Signer, load_campaign, prose_list
from toolkit.errors import CampaignError
from toolkit.documents.html import TemplateSet, bundled_templates_dir
from toolkit.documents.tailor import build_context

DATE = "January 15, 2026"
#: The ask, in the first paragraph (issue 17), in one signer's voice (the bundled sender
#: has one signer: "I" everywhere).
ASK = ("I urge you to keep the United States engaged with Mali rather than isolating it, and to "
       "support five recommendations that put the wellbeing of ordinary Malians first.")
SOURCE = ("In April 2023, Chic Dambach, Vivian Lowery Derryck and Mel Foote wrote in allAfrica "
          "that now is not the time to isolate Mali.")
FACTS = ("The record shows what is at stake. After the ECOWAS sanctions of 2022, Mali's "
         "inflation and cost of living soared, hurting ordinary citizens rather than the coup "
         "leaders; inflation stood at 13.9% in August 2022. Since the sanctions were lifted, it "
         "has fallen to 5.9% (February 2023).")
#: Sentences of the old templates, each a kind the prose rewrite removed.
OLD = ("our other recommendations: Maintain", "our other recommendation: Center",
       "13.9%: Mali's inflation", "5.9%: Mali's inflation", "recommendations 1, 2, 3, 4 and 5",
       "answers this moment", "As Mali works through a fragile transition",
       "avoid sanctions that hurt ordinary Malians most",
       # issue 17: the state beside a seat, a role said twice, numbers for recommendations
       "As a senator from New Hampshire, you serve", "you serve as", "recommendations 1, 2")


def _html(kind: str, leg, campaign, fit: int = 0) -> str:
    return TemplateSet().render(f"{kind}.html", {**build_context(leg, campaign, DATE), "fit": fit})


def _paragraphs(html: str) -> list[str]:
    """The text of every p/li/h1/h2 of the body, tags dropped, spaces collapsed."""
    body = html.split("<body", 1)[1]
    blocks = re.findall(r"<(p|li|h1|h2)\b[^>]*>(.*?)</\1>", body, re.S)
    return [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", text)).split()) for _, text in blocks]


def _no_old_forms(paragraphs: list[str]) -> None:
    text = " ".join(paragraphs)
    for old in OLD:
        assert old not in text, old


def test_senator_with_several_seats(members, campaign):
    html = _html("letter", members["S001181"], campaign)  # Shaheen
    paragraphs = _paragraphs(html)
    assert paragraphs[paragraphs.index("Dear Senator Shaheen:") + 1] == (
        "I write on behalf of Your Organization Name about U.S. policy toward Mali. " + ASK + " "
        + SOURCE + " Isolation would make ordinary Malians pay for their leaders' choices and "
        "cede American influence in the Sahel to others.")
    assert ("As Ranking Member of the Senate Committee on Foreign Relations; a member of the "
            "Senate Committee on Appropriations and of its Subcommittee on State, Foreign "
            "Operations, and Related Programs; and a member of the Senate Committee on Armed "
            "Services, you can act directly on all five of these recommendations, which those "
            "committees handle:") in paragraphs
    assert FACTS in paragraphs
    assert html.count('<ol class="lead-recommendations">') == 1 and "other recommendation" not in html
    _no_old_forms(paragraphs)
    why = _paragraphs(_html("onepager", members["S001181"], campaign))
    assert ("As Ranking Member of the Senate Committee on Foreign Relations; a member of the Senate "
            "Committee on Appropriations and of its Subcommittee on State, Foreign Operations, and "
            "Related Programs; and a member of the Senate Committee on Armed Services, Senator "
            "Shaheen can act directly on all five recommendations.") in why


def test_representative(members, campaign):
    paragraphs = _paragraphs(_html("letter", members["S000522"], campaign))  # Chris Smith
    # a committee and its subcommittee: two bodies, "those committees"
    assert ("As a member of the House Committee on Foreign Affairs and Chair of its Subcommittee "
            "on Africa, you can act directly on four of these five recommendations, which those "
            "committees handle:") in paragraphs
    assert ("I also ask you to support the other recommendation, which asks the United States to "
            "center its partnership with Mali on economic livelihood, a step toward restoring "
            "its AGOA status.") in paragraphs
    _no_old_forms(paragraphs)


def test_delegate_with_one_lead_recommendation_gets_no_one_item_list(members, campaign):
    html = _html("letter", members["P000610"], campaign)  # Plaskett (VI), Ways and Means
    paragraphs = _paragraphs(html)
    assert paragraphs[paragraphs.index("Dear Delegate Plaskett:") + 2:][:3] == [
        "As a member of the House Committee on Ways and Means, you can act directly on one of "
        "these five recommendations, which that committee handles:",
        "Center economic livelihood in Mali's international investment. Anchor the U.S. "
        "partnership with Mali in economic and technical financial support, collaborating with "
        "the Central Bank of West African States (BCEAO) to ease poverty, and move to restore Mali's "
        "AGOA status.",
        "I also ask you to support the other recommendations, which ask the United States to "
        "maintain diplomatic relations with Mali without imposing sanctions; help Mali hold "
        "credible elections by building its institutional capacity; prioritize stabilization, "
        "human rights and the rule of law in Mali; and work with Mali on reliable alternatives "
        "to the Wagner Group."]
    assert "<ol" not in html and '<p class="lead-recommendation">' in html
    _no_old_forms(paragraphs)


def test_members_without_a_targeted_seat(members, campaign):
    html = _html("letter", members["J000299"], campaign)  # Speaker Johnson
    paragraphs = _paragraphs(html)
    assert ("As the representative of Louisiana's 4th congressional district, you have a voice and "
            "a vote on U.S. policy toward Mali. I ask you to support all five of these "
            "recommendations:") in paragraphs
    assert html.count("<li>") == 5 and FACTS in paragraphs
    _no_old_forms(paragraphs)
    # a delegate has no vote on the House floor
    norton = _paragraphs(_html("letter", members["N000147"], campaign))
    assert ("As the delegate from the District of Columbia, you have a voice in U.S. policy toward "
            "Mali. I ask you to support all five of these recommendations:") in norton
    assert ("As the delegate from the District of Columbia, Delegate Norton has a voice in U.S. "
            "policy toward Mali.") in _paragraphs(_html("onepager", members["N000147"], campaign))


def test_two_signers_write_as_we(members, campaign):
    sender = campaign.sender.model_copy(update={"signers": (
        Signer(name="Ada Diallo", title="Director"), Signer(name="Ben Keita", title="Chair"))})
    two = campaign.model_copy(update={"sender": sender})
    paragraphs = _paragraphs(_html("letter", members["S001181"], two))
    assert paragraphs[paragraphs.index("Dear Senator Shaheen:") + 1].startswith(
        "We write on behalf of Your Organization Name about U.S. policy toward Mali. We urge you "
        "to keep the United States engaged with Mali")
    assert ("We would welcome a meeting with you or your staff to discuss these recommendations, "
            "and we look forward to your response. Thank you for your attention to this "
            "important issue.") in paragraphs
    assert paragraphs[-5:] == ["Ada Diallo", "Director", "", "Ben Keita", "Chair"]


def test_short_texts_keep_the_source_position(campaign):
    """The column asks the U.S. not to impose sanctions at all, not merely to avoid harmful ones."""
    diplomacy = campaign.recommendations[0]
    assert diplomacy.short == ("Keep dialogue and aid open with Mali's government and people, and "
                               "impose no sanctions or other economic penalties on Mali.")
    assert diplomacy.running == "maintain diplomatic relations with Mali without imposing sanctions"
    assert [f.sentence.split()[0] for f in campaign.key_facts] == ["After", "Since", "The"]


def test_prose_list_and_running_forms(campaign):
    assert prose_list(["a"]) == "a"
    assert prose_list(["a", "b"]) == "a and b"
    assert prose_list(["a", "b", "c"]) == "a, b and c"
    assert prose_list(["a, b", "c"]) == "a, b and c"   # two items never take a comma
    assert prose_list(["a", "b", "c"], serial=True) == "a, b, and c"
    assert prose_list(["a and b", "c", "d"]) == "a and b; c; and d"
    plain = campaign.recommendations[0].model_copy(update={"phrase": ""})
    assert plain.running == "maintain diplomatic relations with Mali"
    acronym = plain.model_copy(update={"title": "AGOA status for Mali"})
    assert acronym.running == "AGOA status for Mali"
    no_thesis = campaign.source.model_copy(update={"thesis": ""})
    assert no_thesis.written == ("In April 2023, Chic Dambach, Vivian Lowery Derryck and Mel Foote "
                                 "wrote \u201cMali: Five Principles to Guide U.S. Policy Towards "
                                 "Mali\u201d in allAfrica.")


def test_onepager_chart_is_svg_with_a_text_alternative(members, campaign, tmp_path):
    from toolkit.documents.docx.package import render_docx
    from toolkit.documents.pdf import render_pdfs

    html = _html("onepager", members["S000522"], campaign)
    alt = ("Mali's inflation since the 2022 ECOWAS sanctions were lifted: August 2022, 13.9% "
           "(after the sanctions); February 2023, 5.9% (six months later).")
    assert campaign.chart.alt_text == alt
    # the printed caption leaves out the values already printed as callouts (issue 17)
    caption = ("Mali's inflation since the 2022 ECOWAS sanctions were lifted: August 2022 "
               "(after the sanctions); February 2023 (six months later).")
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group()
    assert 'role="img" aria-labelledby="chart-title"' in svg
    assert htmllib.unescape(re.search(r'<title id="chart-title">(.*?)</title>', svg).group(1)) == alt
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths == [298.0, pytest.approx(298 * 5.9 / 13.9, abs=0.1)]   # drawn to scale
    assert re.findall(r">([^<>]+%)</text>", svg) == ["13.9%", "5.9%"]
    assert caption in _paragraphs(html) and alt not in _paragraphs(html)
    pdf = render_pdfs([html], bundled_templates_dir(), [bundled_templates_dir()])[0]
    assert pdf.pages == 1
    assert caption in " ".join(pdf_text(pdf.data).split())
    data, warnings = render_docx(html)
    assert warnings == () and caption in docx_text(data).split("\n")
    assert "August 2022 13.9%" not in docx_text(data)   # no loose SVG labels in the DOCX


def test_onepager_leave_behind_parts(members, campaign):
    paragraphs = _paragraphs(_html("onepager", members["S000522"], campaign))
    assert paragraphs[:3] == [
        "Isolating Mali punishes its people: the United States should stay engaged",
        "Your Organization Name, for Representative Smith (R-NJ-4), January 15, 2026",
        "The ask: We urge you to keep the United States engaged with Mali rather than isolating "
        "it, and to support five recommendations that put the wellbeing of ordinary Malians first."]
    assert [p.split()[0] for p in paragraphs[3:6]] == ["13.9%", "5.9%", "17th"]
    assert ("Contact: Your Name, Executive Director · advocacy@example.org · 555-555-0100 · "
            "January 15, 2026") in paragraphs
    css = (bundled_templates_dir() / "onepager.css").read_text(encoding="utf-8")
    assert "html { font-size: 11pt;" in css   # body text at least 11 pt


def test_logo_slot(members, campaign, tmp_path):
    sender = campaign.sender.model_copy(update={"logo": "logo.png"})
    html = _html("onepager", members["S000522"], campaign.model_copy(update={"sender": sender}))
    assert '<img class="logo" src="logo.png" alt="Your Organization Name">' in html
    assert "<img" not in _html("onepager", members["S000522"], campaign)
    bad = tmp_path / "c.yaml"
    text = (bundled_templates_dir() / "campaigns" / "mali-2023.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace('logo: ""', 'logo: "../secret.png"'), encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaign(bad)
    assert caught.value.problems == [
        f"{bad}: sender.logo: '../secret.png' is not a file name: put the logo file in your "
        "templates folder (--templates) and give its name only (got '../secret.png')"]


def test_fit_loop_records_what_it_shortened(members, campaign, tmp_path):
    """A letter that needs fit 2 to stay on one page (Shaheen's, with a campaign whose
    opening runs long): the manifest and summary say so; one that fits says nothing."""
    wordy = campaign.model_copy(update={"opening": " ".join([campaign.opening] * 12)})
    jobs = (letters.plan_documents([members["S001181"]], wordy, ("letter",), DATE)
            + letters.plan_documents([members["S000522"]], campaign, ("letter",), DATE))
    result = run.run(jobs, tmp_path, formats=("pdf",), workers=1)
    with open(tmp_path / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {r["bioguide_id"]: r for r in csv.DictReader(handle)}
    assert (rows["S001181"]["pages"], rows["S001181"]["shortened"]) == ("1", "opening sentence left out")
    assert (rows["S000522"]["pages"], rows["S000522"]["shortened"]) == ("1", "")
    assert result.warnings == ["letters/NH-sen-shaheen-S001181: shortened to fit 1 page(s): "
                               "opening sentence left out"]
    # what each fit level shortens, as the templates name it
    assert job.shortened_of(_html("letter", members["P000610"], campaign, fit=0)) == ""
    assert job.shortened_of(_html("letter", members["P000610"], campaign, fit=2)) == (
        "recommendations in their short form: economy; opening sentence left out")
    assert job.shortened_of(_html("onepager", members["P000610"], campaign, fit=2)) == (
        "key facts left out: 17th century; recommendations without their explanations")


def test_organization_letter_gets_the_page_two_header(members, campaign):
    import io

    from pypdf import PdfReader

    from toolkit.documents.pdf import render_pdfs

    html = _html("letter", members["S001181"], campaign)
    more = "<p>" + "Every week brings news of schools closing and prices rising in Mali. " * 8 + "</p>"
    html = html.replace('<div class="closing">', more * 3 + '<div class="closing">', 1)
    pdf = render_pdfs([html], bundled_templates_dir(), [bundled_templates_dir()])[0]
    assert pdf.pages == 2
    pages = PdfReader(io.BytesIO(pdf.data)).pages
    assert "The Honorable Jeanne Shaheen\nJanuary 15, 2026\nPage 2" in pages[1].extract_text()
    assert "Page" not in pages[0].extract_text()


def test_plural_voice_is_the_converse_of_the_singular():
    """Several writers speak as "we" whatever voice the campaign was written in (a
    coalition letter, a letter of several signers)."""
    from toolkit.campaign.wording import plural, singular

    assert plural("I urge you to provide $1 billion.") == "We urge you to provide $1 billion."
    assert plural("I would welcome a meeting, and I look forward to your response.") == (
        "We would welcome a meeting, and we look forward to your response.")
    assert plural("I am sure my staff can help me. \u201cI was there,\u201d I said.") == (
        "We are sure our staff can help us. \u201cWe were there,\u201d we said.")
    assert plural("Title I schools in ME need this.") == "Title I schools in ME need this."
    assert plural("We urge you; our staff.") == "We urge you; our staff."
    text = "We urge you to fund our libraries."
    assert plural(singular(text)) == text


def test_several_signers_speak_as_we_when_the_campaign_says_i():
    from toolkit.documents.prose import letter_words

    campaign = load_campaign().model_copy(update={
        "ask": "I urge you to fund rural transit.", "closing": "I look forward to your reply."})
    two = (Signer(name="A B", title="Director"), Signer(name="C D", title="Chair"))
    words = letter_words(campaign, two)
    assert (words.we, words.ask, words.closing) == (
        "We", "We urge you to fund rural transit.", "We look forward to your reply.")
    one = letter_words(campaign, two[:1])
    assert (one.we, one.ask) == ("I", "I urge you to fund rural transit.")
