"""The campaign's ``signon:`` section: what a coalition sign-on letter needs beyond a letter.

Room: campaign/ (validated with the rest of the campaign YAML; ``campaign.Campaign``
holds it as ``signon``). Every key is optional: a campaign without the section makes a
sign-on letter from its subject, source, ask, recommendations, facts and closing.

- ``purpose``: what the undersigned write to do, a verb phrase after "write to"
  ("urge you to keep the United States engaged with Mali"); default "write to you
  about <subject>". The count sentence is built around it ("The 55 undersigned
  organizations write to ...", FIELD-PRACTICE.md: openings state the count).
- ``short_title``: the running header of pages 2 and later (default: the subject).
- ``cc``: the ``cc:`` lines printed after the signatory list (staff, a committee).
- ``signer_names``: print each organization's signer and title under its name.
- ``chair_title``: how a committee chair is addressed: ``data`` (the committee data's
  own word, Chairman or Chair: LETTER-CONVENTIONS.md), ``chair`` (always Chair) or
  ``gendered`` (Chairman / Chairwoman by the member's gender, Chair when unknown).
- ``leadership``: the bioguide IDs of the Speaker and the party leaders, for ``--to
  leadership``: the congress data (congress-legislators) does not record leadership
  posts, so the campaign names them.
- ``tier_words``: more words of the sign-on form for each tier (``national``,
  ``state``, ``local``), added to the usual ones (signers.TIER_WORDS).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

#: The leadership posts ``--to leadership`` writes to, in the order they are addressed.
LEADERSHIP_POSTS = ("speaker", "senate_majority_leader", "senate_minority_leader",
                    "house_majority_leader", "house_minority_leader")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def _bioguide(value: object) -> object:
    text = value.strip().upper() if isinstance(value, str) else value
    if not isinstance(text, str) or not re.fullmatch(r"[A-Z]\d{6}", text):
        raise PydanticCustomError("bioguide_id", "not a bioguide ID (a letter and six digits, "
                                  "e.g. J000299)")
    return text


BioguideId = Annotated[str, BeforeValidator(_bioguide)]


class Leadership(_Model):
    """Who holds the leadership posts, by bioguide ID (``K000389``); each optional."""

    speaker: BioguideId | None = None
    senate_majority_leader: BioguideId | None = None
    senate_minority_leader: BioguideId | None = None
    house_majority_leader: BioguideId | None = None
    house_minority_leader: BioguideId | None = None


class TierWords(_Model):
    """Extra words a sign-on form uses for each tier ("Statewide coalition" -> state)."""

    national: tuple[str, ...] = ()
    state: tuple[str, ...] = ()
    local: tuple[str, ...] = ()


class SignOn(_Model):
    """The ``signon:`` section of a campaign (see the module docstring for each key)."""

    purpose: str = ""
    short_title: str = ""
    cc: tuple[str, ...] = ()
    signer_names: bool = False
    chair_title: Annotated[Literal["data", "chair", "gendered"], BeforeValidator(_lower)] = "data"
    leadership: Leadership = Leadership()
    tier_words: TierWords = TierWords()

    @field_validator("purpose")
    @classmethod
    def _no_to(cls, value: str) -> str:
        # "write to urge ..." : the template says "write to", the campaign the rest.
        words = value.split(maxsplit=1)
        if words and words[0].lower() == "to":
            value = words[1] if len(words) > 1 else ""
        return value.rstrip(".")
