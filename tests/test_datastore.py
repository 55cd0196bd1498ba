"""Congress data versions (issue 9): term end dates, `contacts update|status|rollback`.

Updates are served by a local HTTP server on 127.0.0.1 from modified copies of the
upstream files in ../shared/data/congress-legislators (or the bundled-equivalent copies
under tests/data when that folder is absent); nothing reaches the network, and every
test has its own data folder (ADVOCACY_DATA_DIR).
"""

from __future__ import annotations

from toolkit.congress import datastore, update
from toolkit.jobs import selection

import csv
import datetime as dt
import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import pdf_text
from toolkit.cli import cli
from toolkit.sheets.constituents import Constituent
from toolkit.sheets.own_members import OfficeIndex, match_offices
from toolkit.sheets.legislators import load_legislators

#: ../shared beside the clone (CI lays a copy there), else a copy in tests/data.
UPSTREAM = next((folder for folder in (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "congress-legislators",
    Path(__file__).resolve().parents[3] / "shared" / "data" / "congress-legislators",
    Path(__file__).parent / "data" / "congress-legislators")
    if (folder / "legislators-current.yaml").is_file()),
    Path(__file__).parent / "data" / "congress-legislators")
needs_upstream = pytest.mark.skipif(not (UPSTREAM / "legislators-current.yaml").is_file(),
                                    reason="upstream congress-legislators YAML not available")
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMP = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
NEW_MEMBER = {"id": {"govtrack": 999001},
              "name": {"first": "Testa", "last": "Newmember", "official_full": "Testa Newmember"},
              "bio": {"gender": "F"},
              "terms": [{"type": "rep", "start": "2026-11-12", "end": "2027-01-03", "state": "CA",
                         "district": 14, "party": "Democrat"}]}


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty user data folder for this test only."""
    folder = tmp_path / "data"
    monkeypatch.setenv("ADVOCACY_DATA_DIR", str(folder))
    return folder


def _load(name: str):
    return yaml.load((UPSTREAM / name).read_text(encoding="utf-8"), Loader=FAST)


@pytest.fixture(scope="module")
def modified(tmp_path_factory):
    """The upstream files with four changes: senator Cantwell (C000127) removed with her
    seats and offices, a new CA-14 representative with no bioguide ID and no Washington
    office, Murray's room 154 -> 155, Shaheen's SSFR09 seat moved to Kaine, and Mast
    moved from FL-21 to the vacant FL-20."""
    folder = tmp_path_factory.mktemp("upstream")
    members = [m for m in _load("legislators-current.yaml") if m["id"].get("bioguide") != "C000127"]
    for member in members:
        if member["id"].get("bioguide") == "M001111":
            term = member["terms"][-1]
            term["address"] = term["address"].replace("154 Russell", "155 Russell")
        if member["id"].get("bioguide") == "M001199":  # FL-21 -> the vacant FL-20
            member["terms"][-1]["district"] = 20
    members.append(NEW_MEMBER)
    rosters = _load("committee-membership-current.yaml")
    for committee, roster in rosters.items():
        rosters[committee] = [s for s in roster if s.get("bioguide") != "C000127"]
    for seat in rosters["SSFR09"]:
        if seat["bioguide"] == "S001181":
            seat.update(name="Tim Kaine", bioguide="K000384")
    offices = [o for o in _load("legislators-district-offices.yaml")
               if o["id"].get("bioguide") != "C000127"]
    for name, data in (("legislators-current.yaml", members),
                       ("committee-membership-current.yaml", rosters),
                       ("legislators-district-offices.yaml", offices)):
        (folder / name).write_text(yaml.dump(data, Dumper=DUMP, allow_unicode=True,
                                             sort_keys=False), encoding="utf-8")
    shutil.copy(UPSTREAM / "committees-current.yaml", folder)
    return folder


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def serve():
    """Start a threaded HTTP server on 127.0.0.1 for a folder; return its base URL.
    Every server started is shut down in teardown."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


# --------------------------------------------------------------------------- term dates

def test_bundled_terms_leave_out_members_whose_terms_ended(table, campaign):
    """With --date 2027-01-15 the 470 terms ending 2027-01-03 and the 2 that ended on
    2026-11-03 (the appointed senators Husted and Moody) are left out."""
    left_out: list = []
    kept = selection.select_targets(table.legislators, campaign, everyone=True,
                                   date=dt.date(2027, 1, 15), left_out=left_out)
    ends = sorted(str(leg.term_end) for leg in left_out)
    assert len(left_out) == 472 and len(kept) == 537 - 472
    assert ends.count("2027-01-03") == 470 and ends.count("2026-11-03") == 2
    assert {leg.last_name for leg in left_out if str(leg.term_end) == "2026-11-03"} == {
        "Husted", "Moody"}
    before: list = []
    assert len(selection.select_targets(table.legislators, campaign, everyone=True,
                                       date=dt.date(2026, 11, 3), left_out=before)) == 537
    assert before == []


def test_warning_past_congress_end_comes_first_and_names_date_and_count(data_dir, tmp_path):
    result = _run("generate", "--all", "--date", "2027-01-15", "--dry-run", "--out",
                  str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "Warning: the letter date 2027-01-15 is past the data's Congress (the 119th Congress "
        "ended on 2027-01-03; data bundled dfa9622 (2026-06-15)): 472 of its 537 members' "
        "terms have ended and they are left out; the committee seats of the others are the "
        "119th Congress's; run 'advocacy contacts update'")
    assert ("Note: 472 of 537 selected member(s) left out: their terms ended before "
            "2027-01-15 (on 2026-11-03, "
            "2027-01-03); run 'advocacy contacts update' for the members now in office"
            in result.stderr)
    assert "65 member(s) targeted" in result.stdout


def test_own_contacts_past_congress_end_say_they_have_no_term_dates(data_dir, tmp_path):
    from conftest import make_contacts

    sheet = make_contacts(tmp_path / "mine.csv", [
        {"last_name": "Cantwell", "first_name": "Maria", "type": "sen", "state": "WA",
         "bioguide_id": "C000127"}])
    result = _run("generate", "--contacts", str(sheet), "--all", "--date", "2027-01-15",
                  "--dry-run", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("Warning: the letter date 2027-01-15 is past the data's Congress")
    assert f"and {sheet} has no term dates: members who have left cannot be told apart" in first
    assert result.stderr.count("has no term dates") == 1
    assert "1 member(s) targeted" in result.stdout


def test_constituent_office_matching_leaves_out_ended_senator(table):
    person = Constituent(row=2, first_name="Ann", last_name="Lee", street="1 Main St",
                         city="Columbus", state="OH", zip="43215", district=3,
                         district_given="3")
    before = match_offices(person, OfficeIndex.build(table.legislators, dt.date(2026, 11, 1)))
    after = match_offices(person, OfficeIndex.build(table.legislators, dt.date(2026, 11, 10)))
    assert [leg.last_name for leg in before.offices] == ["Husted", "Moreno", "Beatty"]
    assert [leg.last_name for leg in after.offices] == ["Moreno", "Beatty"]
    assert after.notices == ["row 2: Jon Husted (H001104): term ended on 2026-11-03: no letter; "
                             "run 'advocacy contacts update' for the member now in office"]
    assert not after.needs_attention


# --------------------------------------------------------------------------- update, rollback

@needs_upstream
def test_update_diff_generate_and_rollback(data_dir, modified, serve, tmp_path):
    url = serve(modified)
    result = _run("contacts", "update", "--base-url", url, "--yes")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  joined: Testa Newmember (House, CA-14, GT999001)" in lines
    assert "  left: Maria Cantwell (Senate, WA, C000127)" in lines
    assert "  changed: Patty Murray (Senate, WA, M001111): room 154 -> 155" in lines
    assert "  changed: Jeanne Shaheen (Senate, NH, S001181): seats lost SSFR09" in lines
    assert "  changed: Tim Kaine (Senate, VA, K000384): seats gained SSFR09" in lines
    assert "  changed: Brian J. Mast (House, FL-20, M001199): seat House, FL-21 -> House, FL-20" in lines
    assert len([line for line in lines if line.startswith("  ")]) == 6
    assert ("Note: Testa Newmember (GT999001): no bioguide ID yet (a new member): filed under "
            "GovTrack ID 999001 as GT999001") in lines
    assert ("Warning: Testa Newmember (GT999001): no Washington office yet: letters go to the "
            "chamber's main address (U.S. House of Representatives, Washington, DC 20515)") in lines
    version = datastore.current_version()
    assert not version.bundled and version.members == 537 and version.congress == 119
    assert [p.name for p in (data_dir / "versions").iterdir()] == [version.id]

    out = tmp_path / "out"
    result = _run("generate", "--id", "M001111", "--id", "GT999001", "--kind", "letter",
                  "--format", "pdf", "--date", "2026-12-01", "--out", str(out))
    assert result.exit_code == 0, result.output
    murray = pdf_text(out / "letters" / "WA-sen-murray-M001111.pdf")
    assert "155 Russell Senate Office Building" in murray
    new = pdf_text(out / "letters" / "CA-rep-newmember-GT999001.pdf").splitlines()
    start = new.index("The Honorable Testa Newmember")
    assert new[start:start + 3] == ["The Honorable Testa Newmember",
                                    "United States House of Representatives",
                                    "Washington, DC 20515"]
    with open(out / "manifest.csv", encoding="utf-8") as handle:
        assert {row["data_version"] for row in csv.DictReader(handle)} == {version.id}
    gone = _run("generate", "--id", "C000127", "--dry-run", "--out", str(out))
    assert gone.exit_code == 1
    assert "no member with bioguide ID C000127 in the contacts" in gone.stderr

    result = _run("contacts", "rollback")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Rolled back: data version bundled dfa9622 (2026-06-15) is now in use.\n"
    members = {leg.bioguide_id: leg for leg in load_legislators().legislators}
    assert "C000127" in members and "GT999001" not in members
    assert members["M001111"].address.startswith("154 Russell")
    assert (data_dir / "versions" / version.id).is_dir()  # kept, for a later look
    status = _run("contacts", "status").stdout
    assert status.startswith("Data in use: bundled dfa9622 (2026-06-15) (bundled with the toolkit)\n")
    assert f"  versions kept: {version.id}\n" in status


def _broken(folder: Path, tmp_path: Path, case: str) -> tuple[Path, str]:
    """A copy of ``folder`` with one file broken as ``case`` says; the message expected."""
    broken = tmp_path / f"broken-{case}"
    shutil.copytree(folder, broken)
    if case == "truncated":
        text = (folder / "legislators-current.yaml").read_text(encoding="utf-8")
        cut = text.index("start: '", len(text) // 2) + len("start: '20")
        (broken / "legislators-current.yaml").write_text(text[:cut], encoding="utf-8")
        line = text[:cut].count("\n") + 1
        return broken, f"legislators-current.yaml: not valid YAML at line {line} (truncated download?)"
    if case == "empty":
        (broken / "committee-membership-current.yaml").write_bytes(b"")
        return broken, "committee-membership-current.yaml: the file is empty"
    if case == "html":
        (broken / "committees-current.yaml").write_text(
            "<!DOCTYPE html>\n<html><body><h1>Site not found</h1></body></html>\n")
        return broken, ("committees-current.yaml: an HTML page, not YAML data (wrong address, "
                        "or an error page from the server)")
    if case == "missing":
        (broken / "legislators-district-offices.yaml").unlink()
        return broken, "legislators-district-offices.yaml: download failed: HTTP 404 File not found"
    if case == "other-project":
        (broken / "committees-current.yaml").write_text("name: some-package\nversion: 1.0\n")
        return broken, ("committees-current.yaml: not a congress-legislators file: it should hold "
                        "a list of committees with thomas_id")
    (broken / "committee-membership-current.yaml").write_text("{}\n")  # emptied rosters
    return broken, ("Error: not updated: committee-membership-current.yaml: the committee rosters "
                    "are empty (a new Congress refills them over weeks; committee tailoring "
                    "would stop): run again with --new-congress to accept them")


@needs_upstream
def test_a_legislators_file_cut_between_members_is_named(data_dir, tmp_path):
    """Cut at an entry boundary, the file is valid YAML: the seats of the missing members
    show it, and the first line names the file that lost them, not the rosters."""
    broken = tmp_path / "cut"
    shutil.copytree(UPSTREAM, broken)
    text = (UPSTREAM / "legislators-current.yaml").read_text(encoding="utf-8")
    cut = text.index("\n- id:", len(text) // 2) + 1
    (broken / "legislators-current.yaml").write_text(text[:cut], encoding="utf-8")
    result = _run("contacts", "update", "--from", str(broken), "--yes")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"Error: the congress data set has \d{3} problem\(s\); the data in "
                        r"use is unchanged", lines[0])
    assert re.fullmatch(r"legislators-current\.yaml: \d{3} members who hold committee seats "
                        r"are missing from it: it looks truncated, or from another snapshot "
                        r"than committee-membership-current\.yaml \(each follows\)", lines[1])
    assert lines[2].startswith("committee-membership-current.yaml: ")
    assert datastore.current_version().bundled


@needs_upstream
@pytest.mark.parametrize("case", ["truncated", "empty", "html", "missing", "other-project",
                                  "emptied-rosters"])
def test_broken_sets_are_refused_and_nothing_changes(data_dir, serve, tmp_path, case):
    folder, message = _broken(UPSTREAM, tmp_path, case)
    result = _run("contacts", "update", "--base-url", serve(folder), "--yes")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    if case == "emptied-rosters":
        assert lines == [message]
    else:
        assert lines[0] == ("Error: the congress data was not updated; the data in use is "
                            "unchanged")
        assert len(lines) == 2 and lines[1].startswith(message)
    assert not (data_dir / "current").exists()
    assert not (data_dir / "versions").exists() or not any((data_dir / "versions").iterdir())
    assert datastore.current_version().bundled


@needs_upstream
def test_new_congress_accepts_emptied_rosters_and_summary_says_tailoring_is_limited(
        data_dir, tmp_path):
    folder, _ = _broken(UPSTREAM, tmp_path, "emptied-rosters")
    stamp = dt.datetime(2026, 6, 15, 12, tzinfo=dt.timezone.utc).timestamp()
    for path in folder.iterdir():
        os.utime(path, (stamp, stamp))
    result = _run("contacts", "update", "--from", str(folder), "--yes", "--new-congress")
    assert result.exit_code == 0, result.output
    status = _run("contacts", "status").stdout.splitlines()
    assert status[2] == (f"  date: {dt.date.today().isoformat()} (copied from the folder; its "
                         "newest file was modified on 2026-06-15, so the data is no newer than "
                         "that)")
    generated = _run("generate", "--all", "--dry-run", "--date", "2026-12-01",
                     "--out", str(tmp_path / "out"))
    assert ("Note: the committee rosters are incomplete (0 seats for 537 members; a full "
            "Congress has about 3,800): committee tailoring is limited and letters without a "
            "known seat use the general version; run 'advocacy contacts update' again in a "
            "few weeks") in generated.stderr


def test_rollback_with_nothing_to_return_to(data_dir):
    result = _run("contacts", "rollback")
    assert result.exit_code == 1
    assert result.stderr == ("Error: nothing to roll back: the bundled data is in use and no "
                             "update was made\n")


def test_status_of_the_bundled_data(data_dir):
    result = _run("contacts", "status", "--date", "2026-10-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2:8] == [
        "  date: 2026-06-15 (snapshot)",
        "  Congress: 119th (ends at noon on 2027-01-03)",
        "  members: 537 (5 delegate, 431 representative, 1 resident commissioner, 100 senator)",
        "  committee seats: 3879",
        "  vacant voting House seats: 4 (CA-14, FL-20, GA-13, TX-23)",
        "  ZIP-to-district map: 119th Congress"]


@pytest.mark.parametrize("day,first", [
    ("2019-01-01", "Warning: the letter date 2019-01-01 is before the data's Congress began "
                   "(the 119th Congress began on 2025-01-03): letters go to its members, who "
                   "may not have served on that date"),
    ("2025-01-03", "Note: the campaign's sender still has 6 placeholder value(s)")])
def test_a_letter_date_before_the_data_s_congress_is_warned_first(data_dir, tmp_path, day,
                                                                  first):
    result = _run("generate", "--state", "NH", "--date", day, "--dry-run", "--out",
                  str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith(first)


def test_congress_numbers():
    assert datastore.congress_of(dt.date(2025, 1, 3)) == 119
    assert datastore.congress_of(dt.date(2026, 11, 12)) == 119
    assert datastore.congress_of(dt.date(2027, 1, 3)) == 120
    assert datastore.congress_end(119) == dt.date(2027, 1, 3)


# --------------------------------------------------------------------------- redistricting, ZIP tables

AUSTIN = dict(row=2, first_name="Ann", last_name="Lee", street="1 Congress Ave", city="Austin",
              state="TX", zip="78701")


def test_redrawn_state_gets_senators_only_when_members_are_from_a_later_congress(data_dir, table):
    """ZIP 78701 lies in TX-37 on the 119th Congress's map; Texas drew a new map, so with
    members of the 120th Congress the ZIP's district is not used (a District value is)."""
    same = match_offices(Constituent(**AUSTIN), OfficeIndex.build(table.legislators,
                                                                  dt.date(2026, 12, 1)))
    assert [leg.last_name for leg in same.offices] == ["Cornyn", "Cruz", "Doggett"]
    datastore.install({}, {"congress": 120, "congress_end": "2029-01-03"})
    index = OfficeIndex.build(table.legislators, dt.date(2026, 12, 1))
    later = match_offices(Constituent(**AUSTIN), index)
    assert [leg.last_name for leg in later.offices] == ["Cornyn", "Cruz"]
    assert later.problems == [
        "row 2: TX drew a new House map for the 120th Congress, and the ZIP-to-district table "
        "is the 119th Congress's while the members are the 120th Congress's: the district is "
        "not taken from ZIP 78701; add a District column value, or import a current table "
        "('advocacy contacts import-districts')"]
    given = match_offices(Constituent(**AUSTIN, district=37, district_given="37"), index)
    assert [leg.last_name for leg in given.offices] == ["Cornyn", "Cruz", "Doggett"]
    assert not given.problems
    ohio = match_offices(Constituent(**{**AUSTIN, "state": "VT", "zip": "05401"}), index)
    assert [leg.last_name for leg in ohio.offices] == ["Sanders", "Welch", "Balint"]


def test_a_zip_table_newer_than_the_members_is_not_used_in_redrawn_states(data_dir, table):
    """A 120th-Congress ZIP table imported while the members are still the 119th's: in a
    state that drew a new map its district numbers name the wrong members, so none is used."""
    datastore.install({}, {"zip_congress": 120})
    index = OfficeIndex.build(table.legislators, dt.date(2026, 12, 1))
    early = match_offices(Constituent(**AUSTIN), index)
    assert [leg.last_name for leg in early.offices] == ["Cornyn", "Cruz"]
    assert early.problems[0].startswith(
        "row 2: TX drew a new House map for the 120th Congress, and the ZIP-to-district table "
        "is the 120th Congress's while the members are the 119th Congress's")


RELATIONSHIP = (
    "\ufeffOID_CD120_20|GEOID_CD120_20|NAMELSAD_CD120_20|AREALAND_CD120_20|AREAWATER_CD120_20|"
    "MTFCC_CD120_20|FUNCSTAT_CD120_20|OID_ZCTA5_20|GEOID_ZCTA5_20|NAMELSAD_ZCTA5_20|"
    "AREALAND_ZCTA5_20|AREAWATER_ZCTA5_20|MTFCC_ZCTA5_20|CLASSFP_ZCTA5_20|FUNCSTAT_ZCTA5_20|"
    "AREALAND_PART|AREAWATER_PART\n"
    "1|2507|Congressional District 7|200000000|1000|G5200|N|11|02119|ZCTA5 02119|5000000|0|G6350|B5|S|5000000|0\n"
    "2|2508|Congressional District 8|300000000|2000|G5200|N|12|02108|ZCTA5 02108|900000|0|G6350|B5|S|600000|0\n"
    "1|2507|Congressional District 7|200000000|1000|G5200|N|12|02108|ZCTA5 02108|900000|0|G6350|B5|S|300000|0\n"
    "3|5000|Congressional District (at Large)|24000000000|1000000|G5200|N|13|05401|ZCTA5 05401|15000000|0|G6350|B5|S|15000000|0\n"
    "4|2507|Congressional District 7|200000000|1000|G5200|N|||||||||1000|0\n")


def test_import_districts_reads_the_census_layout(data_dir, tmp_path):
    source = tmp_path / "tab20_cd12020_zcta520_natl.txt"
    source.write_text(RELATIONSHIP, encoding="utf-8")
    result = _run("contacts", "import-districts", str(source), "--congress", "120")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 3 ZIP codes (ZCTAs) in 3 districts of the 120th "
                                    f"Congress from {source}: data version ")
    from toolkit.congress.districts import load_zip_districts

    assert load_zip_districts() == {"02119": frozenset({("MA", 7)}),
                                    "02108": frozenset({("MA", 7), ("MA", 8)}),
                                    "05401": frozenset({("VT", 0)})}
    assert datastore.current_version().zip_congress == 120
    status = _run("contacts", "status").stdout
    assert "  ZIP-to-district map: 120th Congress\n" in status
    assert "  date: 2026-06-15 (snapshot)\n" in status     # the members' data is unchanged
    wrong = _run("contacts", "import-districts", str(source), "--congress", "121")
    assert wrong.exit_code == 1
    assert wrong.stderr == (f"Error: {source}: the file describes other districts "
                            "(GEOID_CD120_20) than the 121st Congress's (GEOID_CD121_20): "
                            "check --congress\n")
    assert _run("contacts", "rollback").exit_code == 0
    assert load_zip_districts()["78701"] == frozenset({("TX", 37)})


class _Slow(_Quiet):
    def do_GET(self):  # answers after the client has given up
        import time

        time.sleep(1.5)
        try:
            super().do_GET()
        except OSError:  # the client closed the connection
            pass


def test_download_timeout_names_each_file_and_changes_nothing(data_dir, monkeypatch, tmp_path):
    monkeypatch.setattr(update, "TIMEOUT", 0.3)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Slow, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        result = _run("contacts", "update", "--base-url", url, "--yes")
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: the congress data was not updated; the data in use is unchanged",
        *(f"{name}: download timed out after 0.3 s from {url}{name}"
          for name in update.UPSTREAM_FILES)]
    assert not data_dir.exists()


def _member(bioguide: str, state: str, district: int) -> dict:
    return {"id": {"bioguide": bioguide}, "name": {"last": bioguide},
            "terms": [{"type": "rep", "state": state, "district": district,
                       "start": "2025-01-03", "end": "2027-01-03"}]}


def test_set_problems_are_listed_together():
    parsed = {"legislators-current.yaml": [_member("A000001", "VT", 0), _member("A000002", "VT", 0),
                                           _member("A000003", "CA", 60)],
              "committees-current.yaml": [{"thomas_id": "HSAG", "type": "house",
                                           "name": "House Committee on Agriculture"}],
              "committee-membership-current.yaml": {"HSAG": [{"bioguide": "Z000009"}], "HSXX": []},
              "legislators-district-offices.yaml": []}
    with pytest.raises(datastore.DataError) as error:
        update.convert(parsed)
    assert error.value.message == ("the congress data set has 4 problem(s); the data in use is "
                                   "unchanged")
    assert error.value.problems == [
        "legislators-current.yaml: member 3 (A000003): district 60 does not exist in CA",
        "legislators-current.yaml: seat VT-0 held by 2 members (A000001, A000002)",
        "committee-membership-current.yaml: HSXX: not a committee in committees-current.yaml",
        "committee-membership-current.yaml: 1 seat(s) of Z000009, who is not in "
        "legislators-current.yaml"]


def test_constituents_check_decides_with_the_letter_date(data_dir, tmp_path):
    sheet = tmp_path / "oh.csv"
    sheet.write_text("First Name,Last Name,Street,City,State,ZIP,District\n"
                     "Ann,Lee,1 High St,Columbus,OH,43215,3\n", encoding="utf-8")
    before = _run("constituents", "check", str(sheet), "--date", "2026-06-15")
    after = _run("constituents", "check", str(sheet), "--date", "2026-12-01")
    assert f"{sheet}: 1 constituent(s); a run would make 3 letter(s)" in before.output
    assert f"{sheet}: 1 constituent(s); a run would make 2 letter(s)" in after.output
    assert (f"Note: {sheet}:2:State: Jon Husted (H001104): term ended on 2026-11-03: no letter; "
            "run 'advocacy contacts update' for the member now in office") in after.output
