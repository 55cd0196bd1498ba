"""Any campaign reads right (issue 17): every document kind of four example campaigns of
different shapes, read back from the files, against the rules that hold for any campaign.

The examples (templates/campaigns/): library-funding-2027 (appropriations, an agency
report, two signers, serial comma), library-broadband-bill (a bill with a cosponsor list),
veterans-oped-2026 (one person's op-ed, signed by its author, House only) and
school-meals-2026 (no source, no key facts, no chart, three signers). Each renders a few
members' letters and one-pagers (PDF, DOCX, txt, eml), constituent letters from two rows
of contacts/sample-constituents.csv, a call sheet and a packet, once per module.
"""

from __future__ import annotations

import csv
import email
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import docx_text, pdf_pages, pdf_text
from toolkit.campaign.bills import bill_number, read_cosponsors
from toolkit.campaign.model import bundled_campaign_path, load_campaign, prose_list
from toolkit.cli import cli
from toolkit.errors import CampaignError
from toolkit.campaign.wording import with_article

DATE = "2026-05-04"
#: Words of the bundled Mali campaign that no other campaign's documents may hold.
FOREIGN = re.compile(r"\b(Mali|Malian|Malians|Sahel|ECOWAS|Wagner|AGOA|BCEAO|Bamako)\b")
#: Two constituents of the sample sheet: Portland, ME (ME-1) and Boston, MA (MA-7), both
#: with a story (theirs mentions Mali: it is their own text and is removed before the grep).
CONSTITUENT_ROWS = (1, 4)

EXAMPLES = {
    # campaign id: members (bioguide IDs) whose letters, one-pagers and call scripts are made
    "library-funding-2027": ("C001047", "H000874", "C001035", "J000299"),
    "library-broadband-bill": ("H001067", "M001163", "G000568", "S000522", "C000127"),
    "veterans-oped-2026": ("B001295", "M001215", "R000600", "J000299"),
    "school-meals-2026": ("H001081", "B001236", "N000147"),
}
SINGLE_VOICE = {"veterans-oped-2026"}    # one signer: "I" in the organization's letters too


def _run(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output


def _few_constituents(folder: Path) -> Path:
    source = Path(__file__).parent.parent / "contacts" / "sample-constituents.csv"
    with open(source, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    path = folder / "few.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0]] + [rows[i] for i in CONSTITUENT_ROWS])
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Campaign id -> (campaign, output folder, constituents folder, stories to strip)."""
    out = {}
    base = tmp_path_factory.mktemp("any-campaign")
    few = _few_constituents(base)
    with open(few, encoding="utf-8", newline="") as handle:
        stories = [row["Story"] for row in csv.DictReader(handle)]
    for name, ids in EXAMPLES.items():
        path = str(bundled_campaign_path(name))
        folder, people = base / name, base / f"{name}-constituents"
        picks = [arg for bid in ids for arg in ("--id", bid)]
        _run(["generate", "--campaign", path, "--out", str(folder), "--date", DATE,
              "--jobs", "1", "--format", "pdf", "--format", "docx", "--format", "txt",
              "--format", "eml", *picks])
        _run(["constituents", str(few), "--campaign", path, "--out", str(people),
              "--date", DATE, "--jobs", "1", "--format", "pdf", "--format", "txt"])
        _run(["calls", "--campaign", path, "--out", str(folder), "--date", DATE, *picks])
        _run(["packet", "--campaign", path, "--out", str(folder / "packet"), "--date", DATE,
              "--jobs", "1", "--format", "pdf", "--id", ids[0], "--id", ids[-1]])
        out[name] = (load_campaign(path), folder, people, stories)
    return out


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return pdf_text(path)
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".eml":
        message = email.message_from_bytes(path.read_bytes())
        return f"Subject: {message['Subject']}\n" + message.get_payload(decode=True).decode()
    return path.read_bytes().decode("utf-8")   # as written: CR LF line ends kept


def _flat(text: str) -> str:
    return " ".join(text.split())


def _without_stories(text: str, stories: list[str]) -> str:
    """The text with the constituents' own stories taken out (their words, not ours)."""
    flat = _flat(text)
    for story in stories:
        for line in story.split("\n"):
            if line.strip():
                flat = flat.replace(_flat(line), "")
    return flat


def _letters(folder: Path, suffix: str) -> list[Path]:
    return sorted((folder / "letters").glob(f"*{suffix}"))


def _body(txt: str) -> list[str]:
    """The paragraphs of a letter's .txt after its salutation ("Dear ...:")."""
    paragraphs = [p for p in txt.replace("\r\n", "\n").split("\n\n") if p.strip()]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Dear "))
    return paragraphs[start + 1:]


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_output_is_made_and_free_of_another_campaigns_words(made, name):
    campaign, folder, people, stories = made[name]
    files = [p for p in list(folder.rglob("*")) + list(people.rglob("*"))
             if p.suffix in (".pdf", ".docx", ".txt", ".eml", ".csv") and p.name != "manifest.csv"]
    kinds = {(p.parent.name if p.parent.name in ("letters", "onepagers", "calls") else
              "packet" if "packet" in p.parts else "constituents", p.suffix) for p in files}
    assert {("letters", ".pdf"), ("letters", ".docx"), ("letters", ".txt"), ("letters", ".eml"),
            ("onepagers", ".pdf"), ("onepagers", ".docx"), ("calls", ".pdf"), ("calls", ".csv"),
            ("constituents", ".pdf"), ("constituents", ".txt"), ("packet", ".pdf")} <= kinds
    assert len(_letters(folder, ".pdf")) == len(EXAMPLES[name])
    for path in files:
        text = _without_stories(_text(path), stories)
        assert not FOREIGN.search(text), (path.name, FOREIGN.search(text).group(0))
    for path in _letters(folder, ".pdf") + sorted((folder / "onepagers").glob("*.pdf")):
        assert pdf_pages(path) == 1, path.name


@pytest.mark.parametrize("name", EXAMPLES)
def test_headings_start_with_a_capital_and_the_ask_opens_the_letter(made, name):
    campaign, folder, people, _ = made[name]
    subject = campaign.subject[0].upper() + campaign.subject[1:]
    for path in _letters(folder, ".pdf") + _letters(folder, ".docx"):
        assert f"Re: {subject}" in _text(path), path.name
    letters = _letters(folder, ".txt") + sorted(people.rglob("*.txt"))
    for path in letters:
        txt = _text(path)
        assert f"Subject: {subject}\r\n" in txt, path.name
        first = _flat(_body(txt)[0])
        constituent = "constituents" in str(path.parent.parent.name) or people in path.parents
        ask = (campaign.constituent_ask or None) if constituent else None
        if ask is None:
            from toolkit.campaign.wording import singular
            ask = singular(campaign.ask) if (constituent or name in SINGLE_VOICE) else campaign.ask
        assert _flat(ask) in first, (path, first)
        assert " also " not in first.split(ask[:20])[0]
    for path in _letters(folder, ".eml"):
        assert _text(path).startswith(f"Subject: {subject}\n")


@pytest.mark.parametrize("name", EXAMPLES)
def test_voice_follows_the_writer(made, name):
    campaign, folder, people, stories = made[name]
    we = re.compile(r"\b(We|we|our|Our|us)\b")
    plural = len(campaign.sender.signers) > 1
    for path in _letters(folder, ".txt"):
        body = " ".join(_body(_text(path)))
        if plural:
            assert body.startswith("We write on behalf of "), path.name
            assert not re.search(r"(^|\. )I (write|ask|also ask|urge)\b", body), path.name
        else:
            assert not we.search(body), (path.name, we.search(body).group(0))
            assert re.search(r"\bI (write|urge|ask)\b", body)
    for path in sorted(people.rglob("*.txt")):
        body = _without_stories(" ".join(_body(_text(path))), stories)
        assert not we.search(body), (path.name, we.search(body).group(0))
    for row in csv.DictReader(open(folder / "calls" / "call-sheet.csv", encoding="utf-8-sig")):
        script = row["script"]
        assert not we.search(script), (row["office"], we.search(script).group(0))
        assert f"I'm calling to ask {row['office'].split(' (')[0]} to " in script
        assert script.endswith(f"Please pass my message on to {row['office'].split(' (')[0]}. "
                               "Thank you for your time.")
        assert "The first of them" not in script


@pytest.mark.parametrize("name", EXAMPLES)
def test_constituent_letters_say_the_district_once_and_tell_the_story_first(made, name):
    campaign, _, people, stories = made[name]
    house = sorted(p for p in people.rglob("*-rep-*.txt"))
    assert len(house) == 2
    for path in house:
        body = _body(_text(path))
        assert _flat(_text(path)).count("congressional district") == 1, path
        story = next(s for s in stories if _flat(s.split("\n")[0]) in _flat(" ".join(body)))
        assert _flat(body[1]).startswith(_flat(story.split("\n")[0])), path   # right after
        relation = {"member": "and as a member of", "supporter": "and as a supporter of",
                    "none": None}[campaign.constituent_relation]
        if relation:
            assert f"{relation} {with_article(campaign.sender.organization)}" in _flat(body[0])
        else:
            assert " as a member of " not in _flat(body[0])


@pytest.mark.parametrize("name", EXAMPLES)
def test_onepagers_name_recommendations_by_title_and_keep_dates_whole(made, name):
    campaign, folder, _, _ = made[name]
    for path in sorted((folder / "onepagers").glob("*.pdf")):
        text = _flat(_text(path))
        assert not re.search(r"\brecommendations? \d", text), path.name
        why = text.split("Why this matters to ", 1)[1]
        if "can act directly on" in why and "all " not in why.split("can act directly on")[1][:5]:
            lead = why.split("can act directly on ", 1)[1]
            assert any(rec.title in lead for rec in campaign.recommendations), path.name
    for path in sorted((folder / "onepagers").glob("*.docx")):
        contact = next(p for p in _text(path).split("\n") if p.startswith("Contact:"))
        assert contact.endswith("May\u00a04,\u00a02026"), contact


def test_seat_sentences_pronouns_and_lists(made):
    # a committee and its subcommittee are two bodies: "those committees"; one: "that"
    bill = made["library-broadband-bill"][1]
    matsui = _flat(_text(bill / "letters" / "CA-rep-matsui-M001163.txt"))
    assert ("As a member of the House Committee on Energy and Commerce and Ranking Member of its "
            "Subcommittee on Communications and Technology, you can act directly on one of our two "
            "recommendations, which those committees handle:") in matsui
    vets = made["veterans-oped-2026"][1]
    bost = _flat(_text(vets / "letters" / "IL-rep-bost-B001295.txt"))
    assert ("As Chair of the House Committee on Veterans' Affairs, you can act directly on both of "
            "these recommendations, which that committee handles:") in bost
    # no state in the seat sentence; the serial comma is the campaign's (three or more only)
    library = made["library-funding-2027"][1]
    collins = _flat(_text(library / "letters" / "ME-sen-collins-C001035.txt"))
    assert "As a senator from Maine" not in collins and "As Chair of the Senate Committee on " \
        "Appropriations" in collins
    assert prose_list(["a", "b"], serial=True) == "a and b"
    assert prose_list(["a", "b", "c"], serial=True) == "a, b, and c"
    assert prose_list(["a, b", "c"]) == "a, b and c"
    # several plain seats of one role join as "a member of A and B"
    meals = made["school-meals-2026"][1]
    hayes = _flat(_text(meals / "letters" / "CT-rep-hayes-H001081.txt"))
    assert not re.search(r"a member of [^.;]+, and a member of", hayes)


def test_bill_positions_in_letters_onepagers_calls_and_the_manifest(made):
    campaign, folder, _, _ = made["library-broadband-bill"]
    letter = {bid: _flat(" ".join(_body(_text(next((folder / "letters").glob(f"*{bid}.txt"))))))
              for bid in EXAMPLES["library-broadband-bill"]}
    assert ("Thank you for introducing H.R. 2468, the Library Broadband Access Act. We ask you now "
            "to press for a markup in the Subcommittee on Communications and Technology.") \
        in letter["H001067"]
    assert "Thank you for cosponsoring H.R. 2468, the Library Broadband Access Act." \
        in letter["M001163"]
    for bid in ("G000568", "S000522"):   # withdrew; never cosponsored
        assert "Thank you" not in letter[bid]
        assert "We ask you to cosponsor H.R. 2468, the Library Broadband Access Act." in letter[bid]
    assert ("We ask you to support H.R. 2468, the Library Broadband Access Act, when it reaches "
            "the Senate.") in letter["C000127"]
    every = " ".join(letter.values())
    assert "HR 2468" not in every and "H.R.2468" not in every
    onepager = _flat(_text(next((folder / "onepagers").glob("*M001163.pdf"))))
    assert "Cosponsored by Representative Matsui since January 21, 2026: thank you." in onepager
    rows = {r["bioguide_id"]: r for r in csv.DictReader(
        open(folder / "calls" / "call-sheet.csv", encoding="utf-8-sig"))}
    assert {bid: r["bill_positions"] for bid, r in rows.items()} == {
        "H001067": "H.R. 2468: sponsor", "M001163": "H.R. 2468: cosponsor",
        "G000568": "H.R. 2468: withdrawn", "S000522": "H.R. 2468: none",
        "C000127": "H.R. 2468: none"}
    assert "Thank you to Representative Matsui for cosponsoring H.R. 2468" in \
        rows["M001163"]["script"]
    manifest = {(r["bioguide_id"], r["kind"], r["format"]): r for r in csv.DictReader(
        open(folder / "manifest.csv", encoding="utf-8-sig"))}
    assert manifest[("G000568", "letter", "pdf")]["bill_positions"] == "H.R. 2468: withdrawn"
    # the Hill-day packet's profile page says what to thank and ask for
    packet = folder / "packet"
    hudson = _flat(_text(next((packet / "packets").glob("*H001067.pdf"))))
    assert ("H.R. 2468: sponsor: thank, then ask to press for a markup in the Subcommittee on "
            "Communications and Technology.") in hudson
    rows = {r["bioguide_id"]: r["bill_positions"] for r in csv.DictReader(
        open(packet / "manifest.csv", encoding="utf-8-sig")) if r["kind"] == "packet"}
    assert rows == {"H001067": "H.R. 2468: sponsor", "C000127": "H.R. 2468: none"}


def test_short_campaign_onepager_uses_its_page(made):
    campaign, folder, _, _ = made["school-meals-2026"]
    text = _flat(_text(next((folder / "onepagers").glob("*.pdf"))))
    assert campaign.recommendations[0].letter_text in text   # the long form fills the space
    assert "Principles" in text and "Source:" not in text


def test_source_sentences_by_kind():
    from datetime import date

    from toolkit.campaign.model import Source
    from toolkit.campaign.wording import Writer, source_sentence

    report = Source(title="Rural Libraries at a Crossroads", date=date(2020, 12, 9),
                    authors=("Government Accountability Office",), kind="report",
                    thesis="most rural libraries lack fast internet")
    assert source_sentence(report) == ("The Government Accountability Office found in a December "
                                       "2020 report that most rural libraries lack fast internet.")
    oped = Source(title="T", date=date(2026, 4, 12), authors=("Dana Whitfield",),
                  outlet="Bangor Daily News", kind="op-ed", thesis="care is too far")
    assert source_sentence(oped, Writer(("Dana Whitfield",))) == (
        "In April 2026, I wrote in the Bangor Daily News that care is too far.")
    assert source_sentence(oped, Writer(("Ana Ruiz",))) == (
        "In April 2026, Dana Whitfield wrote in the Bangor Daily News that care is too far.")
    testimony = oped.model_copy(update={"kind": "testimony", "outlet":
                                        "the House Committee on Veterans' Affairs"})
    assert source_sentence(testimony) == ("In April 2026, Dana Whitfield testified before the "
                                          "House Committee on Veterans' Affairs that care is too far.")
    # the case: no article, the outlet repeating the author, a report "writing in" itself
    imls = Source(title="Public Libraries Survey", date=date(2024, 3, 1), outlet="IMLS",
                  authors=("Institute of Museum and Library Services",), kind="report",
                  thesis="visits are recovering")
    assert source_sentence(imls) == ("The Institute of Museum and Library Services found in a "
                                     "March 2024 report that visits are recovering.")
    august = report.model_copy(update={"date": date(2021, 8, 2)})
    assert " in an August 2021 report " in source_sentence(august)
    assert source_sentence(oped.model_copy(update={"sentence": "As Ms. Whitfield put it"})) == \
        "As Ms. Whitfield put it."
    assert source_sentence(None) == ""


def test_bill_numbers_and_cosponsor_checks(tmp_path):
    assert [bill_number(t) for t in ("hr 1234", "H.R.1234", "s 056", "H Res 12", "hjres 3",
                                     "HB 12", "H.R.")] == [
        "H.R. 1234", "H.R. 1234", "S. 56", "H.Res. 12", "H.J.Res. 3", None, None]
    text = bundled_campaign_path("library-broadband-bill").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace('number: "HR 2468"', 'number: "HB 2468"'), encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaign(bad)
    assert any("bills[0].number: 'HB 2468' is not a bill number: write it as Congress does, "
               "e.g. H.R. 1234, S. 56, H.Res. 12, S.J.Res. 3" in p for p in caught.value.problems)
    listing = tmp_path / "cosponsors.csv"
    listing.write_text("bioguideId,fullName,sponsorshipDate,sponsorshipWithdrawnDate\n"
                       "M001163,\"Rep. Matsui, Doris O. [D-CA-7]\",2026-01-21,\n"
                       "T000999,\"Rep. Former, Pat [D-ZZ-1]\",2026-01-22,\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(text.replace("cosponsors: library-broadband-cosponsors.csv",
                                 f"cosponsors: {listing.name}"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["campaign", "check", str(good)])
    assert result.exit_code == 0, result.output
    assert (f"warning: {good}: {listing}:3: cosponsor T000999 (Rep. Former, Pat [D-ZZ-1]) is not "
            "a member in the data in use: a former member gets no letter") in result.output
    assert ("sentence (source, organization letter): In February 2026, the Rural Connectivity "
            "Coalition said in a statement that") in result.output
    broken = tmp_path / "broken.csv"
    broken.write_text("bioguideId,sponsorshipDate\nM001163,21 Jan 2026\n", encoding="utf-8")
    with pytest.raises(CampaignError, match=r"broken.csv:2:sponsorshipDate: not a date"):
        read_cosponsors(str(broken))


def test_campaign_check_warns_where_a_template_would_guess():
    result = CliRunner().invoke(cli, ["campaign", "check",
                                      str(bundled_campaign_path("school-meals-2026"))])
    assert result.exit_code == 0, result.output
    assert ("ask: constituent letters speak for one person, so the ask becomes \u201cI ask you to "
            "make school breakfast and lunch free for every student in a public school.\u201d; "
            "check it, or set constituent_ask") in result.output
    assert "sentence (source): (none: the letters cite no source)" in result.output
    mali = CliRunner().invoke(cli, ["campaign", "check", str(bundled_campaign_path())])
    assert "chart.bars[0]: 13.9% is also key_facts[0]'s callout" in mali.output


def test_cosponsors_option_replaces_the_campaigns_list(tmp_path):
    listing = tmp_path / "today.csv"
    listing.write_text("bioguideId,sponsorshipDate\nS000522,2026-04-01\n", encoding="utf-8")
    out = tmp_path / "out"
    _run(["generate", "--campaign", str(bundled_campaign_path("library-broadband-bill")),
          "--cosponsors", str(listing), "--id", "S000522", "--id", "M001163", "--kind", "letter",
          "--format", "txt", "--out", str(out), "--date", DATE, "--jobs", "1"])
    rows = {r["bioguide_id"]: r["bill_positions"] for r in csv.DictReader(
        open(out / "manifest.csv", encoding="utf-8-sig"))}
    assert rows == {"S000522": "H.R. 2468: cosponsor", "M001163": "H.R. 2468: none"}
    smith = _text(out / "letters" / "NJ-rep-smith-S000522.txt")
    assert "Thank you for cosponsoring H.R. 2468, the Library Broadband Access Act." in smith
    missing = CliRunner().invoke(cli, [
        "generate", "--campaign", str(bundled_campaign_path("library-broadband-bill")),
        "--cosponsors", str(tmp_path / "nope.csv"), "--id", "S000522", "--out", str(out)])
    assert missing.exit_code == 1
    assert f"{tmp_path / 'nope.csv'}: no such cosponsor list" in missing.output


def test_a_person_writing_for_herself_writes_to_you(made):
    _, folder, _, _ = made["veterans-oped-2026"]
    bost = _flat(_text(folder / "letters" / "IL-rep-bost-B001295.txt"))
    assert ("I write to you about VA health care for rural veterans. I urge you to fund VA mobile "
            "clinics") in bost
    assert "on behalf of Dana Whitfield" not in bost
    assert ("In April 2026, I wrote in the Kennebec Valley Ledger that rural veterans are missing "
            "care") in bost


def test_one_writers_voice_and_the_ask_for_a_call():
    from toolkit.campaign.wording import ask_phrase, has_plural_voice, heading, singular, with_article

    assert singular("We're asking you; let us know. Our U.S. partners and ours. We are sure "
                    "we were right.") == ("I'm asking you; let me know. My U.S. partners and "
                                          "mine. I am sure I was right.")
    assert (has_plural_voice("The US must act"), has_plural_voice("Join us"),
            has_plural_voice("I ask")) == (False, True, False)
    assert ask_phrase("We urge you to fund libraries.") == "fund libraries"
    assert ask_phrase("Please Fund libraries") == "fund libraries"
    assert ask_phrase("Libraries need $220 million.") == ""
    assert heading("funding for public libraries") == "Funding for public libraries"
    assert heading("iPhone access") == "iPhone access"
    assert [with_article(n) for n in ("Institute of Museum and Library Services", "IMLS",
                                      "Pew Research Center", "Human Rights Watch",
                                      "The Hill")] == [
        "the Institute of Museum and Library Services", "IMLS", "the Pew Research Center",
        "Human Rights Watch", "The Hill"]
    assert with_article("Bangor Daily News", "outlet") == "the Bangor Daily News"
    assert with_article("allAfrica", "outlet") == "allAfrica"
