"""Campaign YAML -> a validated, typed, immutable ``Campaign``.

A campaign is everything a letter says that does not depend on the addressee: the
ask, the principles, the recommendations (each tied to the committees it matters most
to), key facts with their sources, the sender and signers, and the default targets.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from toolkit.errors import CampaignError

DEFAULT_CAMPAIGN = "mali-2023"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


Text = Field(min_length=1)


class Source(_Model):
    """The published text a campaign is written from, cited on the one-pager."""

    title: str = Text
    authors: tuple[str, ...] = Field(min_length=1)
    outlet: str = Text
    kind: str = ""
    date: dt.date

    @property
    def citation(self) -> str:
        """The citation as printed: "A, B and C, "Title," Outlet (kind), 27 April 2023"."""
        authors = list(self.authors)
        names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
        kind = f" ({self.kind})" if self.kind else ""
        return f"{names}, \u201c{self.title},\u201d {self.outlet}{kind}, {long_date(self.date)}"


class Principle(_Model):
    """A principle the campaign argues from: a short title and one sentence."""

    title: str = Text
    text: str = Text


class Recommendation(_Model):
    """One recommendation: ``short`` for the one-pager, ``letter_text`` for letters.

    ``committees`` holds the committee and subcommittee IDs (thomas IDs as in
    committee-membership.csv, e.g. ``SSFR09``) that handle it; a member seated on one
    of them gets this recommendation first in the letter.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Text
    short: str = Text
    letter_text: str = Text
    committees: tuple[str, ...] = ()

    @field_validator("committees")
    @classmethod
    def _upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().upper() for v in value)


class KeyFact(_Model):
    """A figure, what it means, and where it comes from."""

    figure: str = Text
    text: str = Text
    source: str = Text


class Signer(_Model):
    """A person who signs the letter: typed name and title under the wet signature."""

    name: str = Text
    title: str = ""


class Sender(_Model):
    """The sender block: organization, postal address lines, email, phone, signers."""

    organization: str = Text
    address: tuple[str, ...] = Field(min_length=1)
    email: str = ""
    phone: str = ""
    signers: tuple[Signer, ...] = Field(min_length=1)


class Targets(_Model):
    """Who the campaign writes to by default: committee IDs, chambers and states (empty = all)."""

    committees: tuple[str, ...] = ()
    chambers: tuple[Literal["senate", "house"], ...] = ("senate", "house")
    states: tuple[str, ...] = ()

    @field_validator("committees", "states")
    @classmethod
    def _upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().upper() for v in value)


class Style(_Model):
    """Choices where etiquette guides differ (LETTER-CONVENTIONS.md), with their defaults.

    ``house_salutation``: ``representative`` ("Dear Representative X:"), ``congressman``
    ("Dear Congressman/Congresswoman X:", by the member's gender where known) or
    ``honorific`` ("Dear Mr./Ms. X:"). Delegates and the resident commissioner keep
    their own titles unless ``territory_salutation`` is ``representative``.
    """

    house_salutation: Literal["representative", "congressman", "honorific"] = "representative"
    territory_salutation: Literal["title", "representative"] = "title"
    complimentary_close: str = "Sincerely,"
    chamber_line_first: bool = True


class Campaign(_Model):
    """A whole campaign, as validated from its YAML file."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    title: str = Text
    subject: str = Text
    summary: str = Text
    ask: str = Text
    opening: str = Text
    closing: str = Text
    source: Source
    principles: tuple[Principle, ...] = ()
    recommendations: tuple[Recommendation, ...] = Field(min_length=1)
    key_facts: tuple[KeyFact, ...] = ()
    letter_facts: int = Field(default=2, ge=0)
    sender: Sender
    targets: Targets = Targets()
    style: Style = Style()

    @model_validator(mode="after")
    def _unique_ids(self) -> "Campaign":
        ids = [r.id for r in self.recommendations]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"recommendation ids repeat: {', '.join(dupes)}")
        return self


def long_date(day: dt.date) -> str:
    """A date written out as in a letter's date line: ``27 April 2023`` -> "April 27, 2023"."""
    return f"{day:%B} {day.day}, {day.year}"


def bundled_campaign_path(name: str = DEFAULT_CAMPAIGN) -> Path:
    """Path of a campaign shipped in ``templates/campaigns/`` (``mali-2023`` by default)."""
    return Path(str(resources.files("toolkit.bundled_templates").joinpath("campaigns", f"{name}.yaml")))


def _yaml_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def load_campaign(path: str | Path | None = None) -> Campaign:
    """Read and validate a campaign YAML file (default: the bundled ``mali-2023``).

    Raises CampaignError for a missing file, a YAML syntax error (with its line and
    column), a top level that is not a mapping, or invalid values: every problem is
    listed with its YAML path, e.g. ``campaign.yaml: recommendations[2].title: ...``.
    """
    path = Path(path) if path is not None else bundled_campaign_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CampaignError(f"{path}: no such campaign file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CampaignError(f"{path}: cannot be read as UTF-8 text: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CampaignError(f"{path}{where}: YAML syntax error: {problem}") from exc
    if not isinstance(data, dict):
        raise CampaignError(f"{path}: the top level must be a mapping of keys "
                            f"(id:, title:, ...), not {type(data).__name__}")
    try:
        return Campaign.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            value = err.get("input")
            shown = "" if isinstance(value, (dict, list)) or value is None else f" (got {value!r})"
            problems.append(f"{path}: {_yaml_path(err['loc'])}: {err['msg']}{shown}")
        raise CampaignError(f"{path}: {len(problems)} problem(s) in the campaign", problems) from exc
