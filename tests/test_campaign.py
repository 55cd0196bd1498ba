"""campaign.py: the bundled campaign and validation errors with YAML paths."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from toolkit.campaign import bundled_campaign_path, load_campaign
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
    from toolkit.contacts import bundled_path, load_committees

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
