"""campaign.py: the bundled campaign and validation errors with YAML paths."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from toolkit.campaign.model import bundled_campaign_path, load_campaign
from toolkit.errors import CampaignError


def test_bundled_campaign_keeps_the_source_facts(campaign):
    assert campaign.id == "mali-2023"
    assert [p.title for p in campaign.principles] == [
        "People-centered approaches", "Independent U.S. leadership for peace",
        "Shared history, shared future", "Peace, prosperity, and inclusive governance"]
    assert len(campaign.recommendations) == 5
    assert campaign.source.date == dt.date(2023, 4, 27)
    assert campaign.source.authors == ("Chic Dambach", "Vivian Lowery Derryck", "Mel Foote")
    assert campaign.source.outlet == "allAfrica"
    figures = {f.figure: f.text for f in campaign.key_facts}
    assert "August 2022" in figures["13.9%"] and "ECOWAS" in figures["13.9%"]
    assert "February 2023" in figures["5.9%"]
    text = " ".join(r.letter_text for r in campaign.recommendations)
    for fact in ("BCEAO", "AGOA", "Wagner Group", "Electoral Commission", "Security Council"):
        assert fact in text


def test_campaign_targets_exist_in_committee_data(campaign):
    from toolkit.congress.datastore import bundled_path
    from toolkit.congress.members import load_committees

    known = {s.committee_id for seats in load_committees(
        bundled_path("committee-membership.csv")).values() for s in seats}
    assert set(campaign.targets.committees) <= known
    assert {"SSFR09", "HSFA16", "SSAP20", "HSAP04", "SSFI13", "HSWM04"} <= set(campaign.targets.committees)


def _write(tmp_path, data_or_text):
    path = tmp_path / "c.yaml"
    path.write_text(data_or_text if isinstance(data_or_text, str) else yaml.safe_dump(data_or_text))
    return path


def test_every_problem_has_its_yaml_path(tmp_path):
    data = yaml.safe_load(bundled_campaign_path().read_text())
    data["recommendations"][2]["title"] = ""
    data["recommendations"][0]["committees"] = "SSFR"
    data["letter_facts"] = "two"
    del data["sender"]["signers"]
    with pytest.raises(CampaignError) as caught:
        load_campaign(_write(tmp_path, data))
    lines = caught.value.problems
    path = tmp_path / "c.yaml"
    assert f"{path}: recommendations[2].title: String should have at least 1 character (got '')" in lines
    assert any(l.startswith(f"{path}: recommendations[0].committees: ") for l in lines)
    assert any(l.startswith(f"{path}: letter_facts: ") for l in lines)
    assert f"{path}: sender.signers: Field required" in lines
    assert len(lines) == 4


def test_yaml_syntax_error_has_line(tmp_path):
    with pytest.raises(CampaignError, match=r"c\.yaml:2:9: YAML syntax error: mapping values are not allowed here"):
        load_campaign(_write(tmp_path, "id: x\ntitle: a: b\n"))


def test_top_level_must_be_mapping(tmp_path):
    with pytest.raises(CampaignError, match="the top level must be a mapping"):
        load_campaign(_write(tmp_path, "- a\n- b\n"))


def test_missing_file(tmp_path):
    with pytest.raises(CampaignError, match="no such campaign file"):
        load_campaign(tmp_path / "nope.yaml")


@pytest.mark.parametrize("text", ["", "\n\n", "# a campaign, one day\n  # more\n", "---\n"])
def test_empty_file_says_what_a_campaign_needs(tmp_path, text):
    path = _write(tmp_path, text)
    with pytest.raises(CampaignError) as caught:
        load_campaign(path)
    assert str(caught.value) == (
        f"{path}: the file is empty: a campaign needs id, title, subject, summary, ask, opening, "
        "closing, recommendations and sender (copy templates/campaigns/mali-2023.yaml to start)")


def test_tab_indentation_says_use_spaces(tmp_path):
    path = _write(tmp_path, "id: x\nsource:\n\ttitle: y\n")
    with pytest.raises(CampaignError) as caught:
        load_campaign(path)
    assert str(caught.value) == (f"{path}:3:1: YAML syntax error: found character '\\t' that cannot "
                                 "start any token; indent with spaces, not tabs")


def test_other_syntax_errors_get_no_tab_hint(tmp_path):
    with pytest.raises(CampaignError) as caught:
        load_campaign(_write(tmp_path, "id: x\ntitle: a: b\n"))
    assert "tabs" not in str(caught.value)


def test_repeated_key_is_an_error_with_its_line(tmp_path):
    path = _write(tmp_path, "id: x\ntitle: t\nid: y\n")
    with pytest.raises(CampaignError) as caught:
        load_campaign(path)
    assert str(caught.value) == f"{path}:3:1: key 'id' appears twice; keep one"


def test_repeated_key_in_a_nested_mapping(tmp_path):
    path = _write(tmp_path, "id: x\nsource:\n  title: a\n  kind: op-ed\n  title: b\n")
    with pytest.raises(CampaignError) as caught:
        load_campaign(path)
    assert str(caught.value) == f"{path}:5:3: key 'title' appears twice; keep one"


def test_loader_keeps_safe_load_semantics_and_merge_overrides(tmp_path):
    text = bundled_campaign_path().read_text(encoding="utf-8")
    from toolkit.campaign.model import _CampaignLoader

    assert yaml.load(text, Loader=_CampaignLoader) == yaml.safe_load(text)
    merged = "base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  a: 3\ny: &y\n  <<: *b\n  b: 4\nz:\n  <<: *y\n  a: 5\n"
    assert yaml.load(merged, Loader=_CampaignLoader) == yaml.safe_load(merged)
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("a: !!python/object:os.system x\n", Loader=_CampaignLoader)


def _campaign_data():
    return yaml.safe_load(bundled_campaign_path().read_text())


def _problems(tmp_path, data):
    with pytest.raises(CampaignError) as caught:
        load_campaign(_write(tmp_path, data))
    return caught.value.problems


def test_misspelt_top_level_key_is_one_problem_with_a_suggestion(tmp_path):
    data = _campaign_data()
    data["recomendations"] = data.pop("recommendations")
    path = tmp_path / "c.yaml"
    assert _problems(tmp_path, data) == [
        f"{path}: recomendations: unknown key (did you mean 'recommendations'?)"]


def test_misspelt_nested_keys_suggest_from_their_own_model(tmp_path):
    data = _campaign_data()
    data["recommendations"][1]["tilte"] = data["recommendations"][1].pop("title")
    data["sender"]["signers"][0]["nmae"] = data["sender"]["signers"][0].pop("name")
    data["style"]["house_salutaton"] = "representative"
    data["source"]["autors"] = data["source"].pop("authors")
    data["key_facts"][0]["figur"] = data["key_facts"][0].pop("figure")
    data["principles"][0]["txt"] = data["principles"][0].pop("text")
    data["targets"]["comittees"] = data["targets"].pop("committees")
    path = tmp_path / "c.yaml"
    assert sorted(_problems(tmp_path, data)) == sorted([
        f"{path}: recommendations[1].tilte: unknown key (did you mean 'title'?)",
        f"{path}: sender.signers[0].nmae: unknown key (did you mean 'name'?)",
        f"{path}: style.house_salutaton: unknown key (did you mean 'house_salutation'?)",
        f"{path}: source.autors: unknown key (did you mean 'authors'?)",
        f"{path}: key_facts[0].figur: unknown key (did you mean 'figure'?)",
        f"{path}: principles[0].txt: unknown key (did you mean 'text'?)",
        f"{path}: targets.comittees: unknown key (did you mean 'committees'?)"])


def test_unknown_key_with_nothing_close_lists_the_keys(tmp_path):
    data = _campaign_data()
    data["sender"]["zzz"] = 1
    path = tmp_path / "c.yaml"
    assert _problems(tmp_path, data) == [
        (f"{path}: sender.zzz: unknown key (the keys here are: organization, address, email, phone, "
         "signers, logo)")]


def test_a_missing_key_with_no_misspelling_is_still_reported(tmp_path):
    data = _campaign_data()
    del data["ask"]
    data["recomendations"] = data.pop("recommendations")
    path = tmp_path / "c.yaml"
    assert sorted(_problems(tmp_path, data)) == sorted([
        f"{path}: ask: Field required",
        f"{path}: recomendations: unknown key (did you mean 'recommendations'?)"])


def test_target_states_are_normalized_to_postal_codes(tmp_path):
    data = _campaign_data()
    data["targets"]["states"] = ["wa", "Washington", " vt ", "Puerto Rico"]
    data["targets"]["chambers"] = ["Senate"]
    campaign = load_campaign(_write(tmp_path, data))
    assert campaign.targets.states == ("WA", "VT", "PR")
    assert campaign.targets.chambers == ("senate",)


def test_unknown_target_state_and_chamber(tmp_path):
    data = _campaign_data()
    data["targets"]["states"] = ["XX", "vt"]
    data["targets"]["chambers"] = ["senat"]
    path = tmp_path / "c.yaml"
    assert sorted(_problems(tmp_path, data)) == sorted([
        f"{path}: targets.states[0]: 'XX' is not a U.S. state or territory code",
        f"{path}: targets.chambers[0]: Input should be 'senate' or 'house' (got 'senat')"])
