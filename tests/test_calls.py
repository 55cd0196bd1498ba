"""Call sheets (advocacy calls): every targeted office, both phones, a script naming its committee."""

from __future__ import annotations

from toolkit.documents import calls

import csv

from click.testing import CliRunner

from conftest import draft_marked_pages, make_contacts, pdf_text, squash
from toolkit.cli import cli
from toolkit.jobs.selection import select_targets


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_call_sheet_lists_every_target_with_both_phones_and_a_committee_script(
        tmp_path, table, campaign):
    targets = select_targets(table.legislators, campaign, committees=("SSFR09",))
    result = CliRunner().invoke(cli, ["calls", "--committee", "SSFR09", "--date", "2026-03-04",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = _rows(tmp_path / calls.CSV_PATH)
    assert sorted(r["bioguide_id"] for r in rows) == sorted(l.bioguide_id for l in targets)
    assert len(rows) == 11
    # by state, then chamber
    assert [r["state"] for r in rows] == sorted(r["state"] for r in rows)
    coons = rows[0]
    assert (coons["office"], coons["washington_phone"], coons["district_phones"]) == (
        "Senator Coons (D-DE)", "202-224-5042", "Wilmington 302-573-6345; Dover 302-736-5601")
    # the caller speaks to the staffer about the member, as one person (issue 17)
    assert coons["script"].split("\n") == [
        "Hello, my name is [your name], calling for Your Organization Name.",
        "I'm calling to ask Senator Coons to keep the United States engaged with Mali rather "
        "than isolating it, and to support five recommendations that put the wellbeing of "
        "ordinary Malians first.",
        # four of the five under Foreign Relations, named by the first (the script keeps
        # to its length); the fifth under his other committee, counted
        "As a member of the Senate Committee on Foreign Relations and of its Subcommittee on "
        "Africa and Global Health Policy, Senator Coons can act directly on four of the five "
        "recommendations, beginning with this one: Maintain diplomatic relations with Mali. "
        "Senator Coons also sits on the committee that handles the other one.",
        "Please pass my message on to Senator Coons. Thank you for your time."]
    assert coons["bill_positions"] == ""   # the campaign names no bill
    risch = next(r for r in rows if r["bioguide_id"] == "R000584")
    assert "Chair of the Senate Committee on Foreign Relations" in risch["script"]
    for row in rows:
        assert row["washington_phone"] and row["district_phones"], row["office"]
        assert 25 <= int(row["seconds"]) <= 40, (row["office"], row["seconds"])
    text = squash(pdf_text(tmp_path / "calls" / "call-sheet.pdf"))
    # the bundled sender is a placeholder: every page marked, with outlines, not text
    assert all(draft_marked_pages(tmp_path / "calls" / "call-sheet.pdf"))
    assert "placeholdersender" not in text
    for row in rows:
        assert squash(row["office"]) in text and row["washington_phone"] in text
        assert squash(row["district_phones"].split("; ")[0]) in text
        assert squash(row["script"]) in text


def test_a_member_without_district_office_or_seat_gets_the_general_script(
        table, campaign, members):
    from toolkit.documents.html import TemplateSet

    gallagher = members["G000607"]      # no district office, no campaign committee seat
    entry, = calls.build_entries([gallagher], campaign, calls.Caller(), {}, TemplateSet())
    assert entry.district_phones == () and entry.committee == ""
    assert ("The first recommendation is to maintain diplomatic relations with Mali without "
            "imposing sanctions." in entry.script)
    assert "them" not in entry.script


ANA = {"First Name": "Ana", "Last Name": "Reyes", "Address": "1 A St", "City": "Spokane",
       "State": "WA", "ZIP": "99203"}


def _calls_for(tmp_path, *people):
    """Run 'advocacy calls --constituents' on ``people`` (dicts); (sheet path, out, result)."""
    sheet = make_contacts(tmp_path / "people.csv", list(people), header=list(ANA))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["calls", "--constituents", str(sheet), "--out", str(out),
                                      "--date", "2026-03-04"])
    return sheet, out, result


def test_one_sheet_per_constituent_with_their_own_three_members(tmp_path):
    _, out, result = _calls_for(tmp_path, ANA, {
        "First Name": "Cleo", "Last Name": "Nguyen", "Address": "3 C St", "City": "Vancouver",
        "State": "WA", "ZIP": "98660"})
    assert result.exit_code == 0, result.output
    rows = _rows(out / calls.CSV_PATH)
    assert [(r["constituent_name"], r["office"]) for r in rows] == [
        ("Ana Reyes", "Senator Cantwell (D-WA)"), ("Ana Reyes", "Senator Murray (D-WA)"),
        ("Ana Reyes", "Representative Baumgartner (R-WA-5)"),
        ("Cleo Nguyen", "Senator Cantwell (D-WA)"), ("Cleo Nguyen", "Senator Murray (D-WA)"),
        ("Cleo Nguyen", "Representative Gluesenkamp Perez (D-WA-3)")]
    assert rows[0]["script"].startswith(
        "Hello, my name is Ana Reyes, a constituent from Spokane, WA 99203 and a member of Your "
        "Organization Name.\nI'm calling to ask Senator Cantwell to keep")
    # the placeholder sender's scripts say so in the CSV too, as the PDF's pages do
    assert {r["draft"] for r in rows} == {"DRAFT \u2014 placeholder sender: do not mail"}
    text = squash(pdf_text(out / "constituents" / "cleo-nguyen-r3" / "call-sheet.pdf"))
    assert "mynameisCleoNguyen" in text and "RepresentativeGluesenkampPerez" in text
    assert "Baumgartner" not in text


def test_a_constituent_row_that_needs_attention_exits_1_after_the_other_sheets(tmp_path):
    """The same rule as 'advocacy constituents': the rest is made, the row is listed, exit 1."""
    people, out, result = _calls_for(tmp_path, ANA, {
        "First Name": "Bo", "Last Name": "Diallo", "Address": "2 B St", "City": "Boston",
        "State": "WA", "ZIP": "02119"})
    assert result.exit_code == 1, result.output
    assert (f"1 constituent(s) need attention in {people}:\n"
            f"  {people}:3:ZIP: ZIP 02119 is in MA, not WA: check the State and the ZIP "
            "(Bo Diallo)\n") in result.output
    assert {r["constituent_name"] for r in _rows(out / calls.CSV_PATH)} == {"Ana Reyes"}


def test_script_names_the_committee_of_the_recommendation_it_names(members, campaign):
    """Cornyn chairs a Finance subcommittee (the economy recommendation) and sits on Foreign
    Relations: the script's first request is diplomacy, so it names Foreign Relations."""
    from toolkit.documents.html import TemplateSet

    entry, = calls.build_entries([members["C001056"]], campaign, calls.Caller(), {},
                                 TemplateSet())
    assert entry.committee.startswith("a member of the Senate Committee on Foreign Relations")
    assert ("Senator Cornyn can act directly on four of the five recommendations, beginning "
            "with this one: Maintain diplomatic relations with Mali.") in entry.script


def test_script_names_every_seat_and_its_recommendation_as_the_letter_does(members, transit):
    """The trial's bug: Senator Britt sits on Appropriations (and its THUD subcommittee,
    the grants recommendation) and on Banking (the local-match recommendation). The
    script named one recommendation, then said "Both of the recommendations", and never
    named Banking; it now names each seat with the recommendation under it."""
    from toolkit.documents.html import TemplateSet
    from toolkit.documents.tailor import build_tailoring

    britt, boozman, gallego = calls.build_entries(
        [members["B001319"], members["B001236"], members["G000574"]], transit, calls.Caller(),
        {}, TemplateSet())
    assert britt.script.split("\n")[2] == (
        "Senator Britt can act directly on both recommendations: Fund rural area formula "
        "grants at $1 billion, as a member of the Senate Committee on Appropriations and of "
        "its Subcommittee on Transportation, Housing and Urban Development, and Related "
        "Agencies; and Lower the local match for operating costs, as a member of the Senate "
        "Committee on Banking, Housing, and Urban Affairs.")
    assert "Both of the" not in britt.script and britt.seconds <= 40
    # the letter's tailoring leads with the same two recommendations and seats
    tailoring = build_tailoring(members["B001319"], transit, "Senator")
    assert [r.id for r in tailoring.lead] == ["grants", "match"]
    assert {s.committee_id for s in tailoring.seats} == {"SSAP", "SSAP24", "SSBK"}
    # one seat, one recommendation: "this recommendation", nothing counted after it
    assert boozman.script.split("\n")[2] == (
        "As a member of the Senate Committee on Appropriations and of its Subcommittee on "
        "Transportation, Housing and Urban Development, and Related Agencies, Senator Boozman "
        "can act directly on this recommendation: Fund rural area formula grants at $1 billion.")
    assert gallego.script.split("\n")[2] == (
        "As a member of the Senate Committee on Banking, Housing, and Urban Affairs, Senator "
        "Gallego can act directly on this recommendation: Lower the local match for operating "
        "costs.")


def test_several_recommendations_under_one_seat_are_all_named_with_their_count(members,
                                                                                campaign):
    """Mali: Armed Services carries two of the five recommendations; the script named one
    and then counted two. Titles that hold commas are listed with semicolons."""
    from toolkit.documents.html import TemplateSet

    entry, = calls.build_entries([members["S001198"]], campaign, calls.Caller(), {},
                                 TemplateSet())
    assert entry.script.split("\n")[2] == (
        "As a member of the Senate Committee on Armed Services, Senator Sullivan can act "
        "directly on two of the five recommendations: Prioritize stabilization, human rights, "
        "and rule of law; and Collaborate with Mali on reliable security alternatives.")


def test_count_phrase_agrees_in_number():
    assert calls.count_phrase(1, 5) == "this recommendation"
    assert calls.count_phrase(2, 2) == "both recommendations"
    assert calls.count_phrase(3, 3) == "all three recommendations"
    assert calls.count_phrase(2, 5) == "two of the five recommendations"
    assert calls.recommendations_phrase(["A", "B"], 2) == "both recommendations: A and B"
    assert calls.recommendations_phrase(["A", "B", "C"], 5, first_only=True) == (
        "three of the five recommendations, beginning with this one: A")
