"""Everything wrong with a campaign, at once: schema errors, unknown committee IDs, placeholders.

``load_campaign`` stops at the first kind of failure (YAML syntax, then the schema);
``check_campaign`` also reads the committee IDs of a campaign that fails its schema,
so that ``advocacy campaign check`` lists every problem in one run. ``unknown_committees``
is the check ``generate`` makes before rendering, with a did-you-mean from the
committee-membership table (the thomas IDs: SSFR, SSFR09...).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
import yaml
from toolkit.campaign.model import Campaign, load_campaign
from toolkit.errors import CampaignError



def known_committees(committees: str | Path | None = None) -> frozenset[str]:
    """The committee IDs of a committee-membership CSV (default: the data in use's)."""
    from toolkit.congress.members import load_committees
    from toolkit.congress.datastore import data_file

    seats = load_committees(committees or data_file("committee-membership.csv"))
    return frozenset(s.committee_id for group in seats.values() for s in group)


def _committee_ids(data: object) -> list[tuple[str, str]]:
    """``(yaml path, ID)`` of every committee ID in a campaign's raw YAML data."""
    if not isinstance(data, dict):
        return []
    found = []
    recommendations = data.get("recommendations")
    for i, rec in enumerate(recommendations if isinstance(recommendations, list) else []):
        ids = rec.get("committees") if isinstance(rec, dict) else None
        found += [(f"recommendations[{i}].committees", str(c).strip().upper())
                  for c in (ids if isinstance(ids, list) else [])]
    targets = data.get("targets")
    ids = targets.get("committees") if isinstance(targets, dict) else None
    found += [("targets.committees", str(c).strip().upper())
              for c in (ids if isinstance(ids, list) else [])]
    return found


def unknown_committees(path: str | Path, data: object, known: frozenset[str]) -> list[str]:
    """One line per committee ID of the campaign that ``known`` lacks, with a did-you-mean.

    E.g. ``c.yaml: targets.committees: unknown committee ID 'SSFRX9' (did you mean
    'SSFR09'?)``.
    """
    return [f"{path}: {where}: unknown committee ID {cid!r}{committee_hint(cid, known)}"
            for where, cid in _committee_ids(data) if cid not in known]


def committee_hint(committee_id: str, known: Iterable[str]) -> str:
    """What to say after an unknown committee ID: `` (did you mean 'SSFR09'?)`` when one
    of ``known`` is close (difflib, ratio 0.6), else where the IDs are listed."""
    close = difflib.get_close_matches(committee_id, sorted(known), n=1, cutoff=0.6)
    return (f" (did you mean {close[0]!r}?)" if close else
            "; committee IDs are the committee_id column of contacts/committee-membership.csv")


def campaign_data(campaign: Campaign) -> dict:
    """A loaded campaign as the plain data ``unknown_committees`` reads."""
    return campaign.model_dump(mode="json")


@dataclass(frozen=True)
class CampaignCheck:
    """The result of ``check_campaign``: the campaign (None when it cannot be loaded),
    its problems (schema and unknown IDs), its placeholder sender values, and the
    sentences and warnings of campaign.words.check_words."""

    campaign: Campaign | None
    problems: tuple[str, ...]
    placeholders: tuple[str, ...]
    sentences: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()


def check_campaign(path: str | Path, committees: str | Path | None = None) -> CampaignCheck:
    """Every problem of the campaign file ``path`` at once.

    Schema problems (``load_campaign``'s lines), then unknown committee IDs checked
    against ``committees`` (default: the committee seats of the data in use), and the
    placeholder sender values (``placeholders.sender_placeholders``) of a campaign that loads,
    with the sentences its source makes and the warnings about its words and bills
    (campaign.words.check_words; bill IDs checked against the members in use).
    A YAML syntax error or a missing file is the one problem (nothing else can be read).
    """
    from toolkit.campaign.placeholders import sender_placeholders

    path = Path(path)
    try:
        campaign = load_campaign(path)
        problems: list[str] = []
        data: object = campaign_data(campaign)
    except CampaignError as exc:
        campaign, problems = None, exc.problems or [exc.message]
        try:
            from toolkit.campaign.model import _CampaignLoader   # the one YAML reading of a campaign

            data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_CampaignLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return CampaignCheck(None, tuple(problems), ())
    problems += unknown_committees(path, data, known_committees(committees))
    found = sender_placeholders(campaign.sender) if campaign else []
    if campaign is None:
        return CampaignCheck(campaign, tuple(problems), tuple(found))
    from toolkit.campaign.words import check_words
    from toolkit.congress.members import members_in_use

    known = frozenset(members_in_use()) if campaign.bills else None
    words = check_words(campaign, known)
    return CampaignCheck(campaign, tuple(problems), tuple(found), words.sentences,
                         tuple(f"{path}: {w}" for w in words.warnings))


def plural(count: int, noun: str) -> str:
    """``1 key fact``, ``2 key facts``, ``0 principles``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

