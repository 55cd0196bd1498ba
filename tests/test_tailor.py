"""tailor.py: which recommendations lead, which seat is named, the general letter."""

from __future__ import annotations

from toolkit.documents.tailor import build_context, build_tailoring, seat_matches


def test_seat_matching():
    assert seat_matches("SSFR09", "SSFR09")
    assert seat_matches("SSFR", "SSFR09")       # full committee handles its subcommittee
    assert seat_matches("SSFR09", "SSFR")       # subcommittee of a listed committee
    assert not seat_matches("SSFR01", "SSFR09")  # sibling subcommittee


def test_africa_subcommittee_chair(members, campaign):
    tailoring = build_tailoring(members["S000522"], campaign, "Representative")  # Chris Smith
    assert [r.id for r in tailoring.lead] == ["diplomacy", "elections", "stabilization", "security"]
    assert [r.id for r in tailoring.rest] == ["economy"]
    assert tailoring.seat_phrase == ("a member of the House Committee on Foreign Affairs and "
                                     "Chair of its Subcommittee on Africa")
    # recommendations by their titles, never by number (issue 17)
    assert tailoring.why == ("As a member of the House Committee on Foreign Affairs and Chair of "
                             "its Subcommittee on Africa, Representative Smith can act directly on "
                             "four of the five: Maintain diplomatic relations with Mali; Provide "
                             "election assistance and institutional capacity building; Prioritize "
                             "stabilization, human rights, and rule of law; and Collaborate with "
                             "Mali on reliable security alternatives.")
    assert tailoring.committee_count == 2 and tailoring.those_committees == "those committees"


def test_committee_chair(members, campaign):
    tailoring = build_tailoring(members["R000584"], campaign, "Senator")  # Risch
    assert tailoring.seat_phrase == "Chair of the Senate Committee on Foreign Relations"
    assert tailoring.member_role == "a senator from Idaho"


def test_general_letter_for_member_without_seats(members, campaign):
    tailoring = build_tailoring(members["J000299"], campaign, "Representative")  # Speaker Johnson
    assert tailoring.is_general and tailoring.seat_phrase == ""
    assert tailoring.why == ("As the representative of Louisiana's 4th congressional district, "
                             "Representative Johnson has a voice and a vote on U.S. policy toward Mali.")


def test_context_merge_fields(members, campaign):
    context = build_context(members["N000147"], campaign, "January 15, 2026")
    assert context["member"].salutation == "Dear Delegate Norton:"
    assert context["member"].label == "D-DC"
    assert context["tailoring"].member_role == "the delegate from the District of Columbia"
    assert [f.figure for f in context["facts"]] == ["13.9%", "5.9%"]
    assert context["sender"].name == "Your Organization Name"
