"""Campaign YAML -> a validated, typed, immutable ``Campaign``.

A campaign is everything a letter says that does not depend on the addressee: the
ask, the principles, the recommendations (each tied to the committees it matters most
to), key facts with their sources, the sender and signers, and the default targets.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from toolkit.errors import CampaignError
from toolkit.congress.states import normalize_state
from toolkit.campaign.signon import SignOn



DEFAULT_CAMPAIGN = "mali-2023"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


Text = Field(min_length=1)


class Source(_Model):
    """The published text a campaign is written from, cited in letters and on the one-pager.

    ``authors``: people, or an organization written as it reads in a sentence ("the"
    is added before an agency's or institute's name, prose.with_article); ``outlet``:
    where it appeared ("" for a report its author published); ``kind``: op-ed, column,
    guest column, report, study, testimony, statement, bill... (wording.source_family picks
    the sentence); ``thesis``: what it argues, a clause after "that"; ``sentence``: the
    letter's sentence citing it, written out, instead of the one the kind makes.
    """

    title: str = Text
    authors: tuple[str, ...] = Field(min_length=1)
    outlet: str = ""
    kind: str = ""
    date: dt.date
    thesis: str = ""
    sentence: str = ""

    @property
    def authors_text(self) -> str:
        """The authors as a sentence names them: "A", "A and B", "A, B and C"."""
        return prose_list(self.authors)

    @property
    def written(self) -> str:
        """The source cited with its date, by a writer who is not among its authors.

        "In April 2023, A, B and C wrote in allAfrica that <thesis>." for writing; other
        kinds as wording.source_sentence writes them. A letter dated years after its source
        says so rather than presenting the source's events as news.
        """
        from toolkit.campaign.wording import source_sentence

        return source_sentence(self)

    @property
    def citation(self) -> str:
        """The citation as printed: "A, B and C, "Title," Outlet (kind), April 27, 2023"."""
        from toolkit.campaign.wording import source_citation

        return source_citation(self)


class Principle(_Model):
    """A principle the campaign argues from: a short title and one sentence."""

    title: str = Text
    text: str = Text


class Recommendation(_Model):
    """One recommendation: ``short`` for the one-pager, ``letter_text`` for letters.

    ``phrase`` is the recommendation as it reads inside a sentence, a lower-case verb
    phrase that follows "to" ("maintain diplomatic relations with Mali"); without one,
    the title with its first letter lower-cased (unless the first word is an acronym).
    ``short`` and ``letter_text`` must keep the source's position, not soften it.
    ``committees`` holds the committee and subcommittee IDs (thomas IDs as in
    committee-membership.csv, e.g. ``SSFR09``) that handle it; a member seated on one
    of them gets this recommendation first in the letter.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Text
    short: str = Text
    letter_text: str = Text
    phrase: str = ""
    committees: tuple[str, ...] = ()

    @field_validator("committees")
    @classmethod
    def _upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().upper() for v in value)

    @property
    def running(self) -> str:
        """The recommendation inside a sentence: ``phrase``, else the title lower-cased at its start."""
        if self.phrase:
            return self.phrase.rstrip(".")
        first = self.title.split()[0]
        if first.isupper() or any(c.isupper() for c in first[1:]):
            return self.title.rstrip(".")
        return (self.title[0].lower() + self.title[1:]).rstrip(".")


class KeyFact(_Model):
    """A figure, what it means, and where it comes from.

    ``figure`` and ``text`` are the one-pager's callout ("13.9%" over its meaning);
    ``sentence`` is the same fact written as a sentence for letters.
    """

    figure: str = Text
    text: str = Text
    sentence: str = Text
    source: str = Text


class ChartBar(_Model):
    """One bar of the one-pager's chart: its label, value (in the chart's unit) and note."""

    label: str = Text
    value: float = Field(ge=0)
    note: str = ""


class Chart(_Model):
    """Comparable figures drawn as a simple labelled bar chart on the one-pager.

    ``title`` heads the chart; ``unit`` follows each value ("%"); ``bars`` are drawn in
    order, two to six of them; ``source`` is printed under the chart. The chart's text
    alternative lists every bar as "label: value unit (note)".
    """

    title: str = Text
    unit: str = ""
    bars: tuple[ChartBar, ...] = Field(min_length=2, max_length=6)
    source: str = ""

    @property
    def max_value(self) -> float:
        """The largest bar's value: the bars are drawn to scale against it."""
        return max(bar.value for bar in self.bars)

    def value_text(self, bar: ChartBar) -> str:
        """A bar's value as printed: "13.9%"; a unit that is a word takes a space ("38 hours");
        thousands are grouped with commas as U.S. style writes them ("4,100 routes"), and a
        value is never printed in exponent form (1234567 is "1,234,567")."""
        space = " " if self.unit[:1].isalpha() else ""
        value = bar.value
        shown = (f"{value:,.0f}" if float(value).is_integer()
                 else f"{value:,.6f}".rstrip("0").rstrip("."))
        return f"{shown}{space}{self.unit}"

    @property
    def alt_text(self) -> str:
        """The chart in words: "Title: A, 13.9% (note); B, 5.9% (note)."."""
        parts = []
        for bar in self.bars:
            note = f" ({bar.note})" if bar.note else ""
            parts.append(f"{bar.label}, {self.value_text(bar)}{note}")
        return f"{self.title}: {'; '.join(parts)}."


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
    logo: str = ""

    @field_validator("logo")
    @classmethod
    def _logo_name(cls, value: str) -> str:
        if value and ("/" in value or "\\" in value or value.startswith(".")):
            raise PydanticCustomError(
                "logo_name", "'{value}' is not a file name: put the logo file in your "
                "templates folder (--templates) and give its name only", {"value": value})
        return value


def _state_code(value: str) -> str:
    """A state or territory as its postal code ("wa", "Washington" -> "WA"); unknown -> error."""
    code = normalize_state(value)
    if code is None:
        raise PydanticCustomError("state_code", "'{value}' is not a U.S. state or territory code",
                                  {"value": value})
    return code


def _bill_number(value: str) -> str:
    """A bill number as Congress writes it ("hr 1234" -> "H.R. 1234"); else an error."""
    from toolkit.campaign.bills import bill_number

    number = bill_number(value)
    if number is None:
        raise PydanticCustomError(
            "bill_number", "'{value}' is not a bill number: write it as Congress does, "
            "e.g. H.R. 1234, S. 56, H.Res. 12, S.J.Res. 3", {"value": value})
    return number


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


StateCode = Annotated[str, AfterValidator(_state_code)]


Chamber = Annotated[Literal["senate", "house"], BeforeValidator(_lower)]


class Targets(_Model):
    """Who the campaign writes to by default: committee IDs, chambers and states (empty = all).

    ``states`` takes postal codes or names in any case ("wa", "Washington") and holds
    the postal codes ("WA"); ``chambers`` takes "senate"/"house" in any case.
    """

    committees: tuple[str, ...] = ()
    chambers: tuple[Chamber, ...] = ("senate", "house")
    states: tuple[StateCode, ...] = ()

    @field_validator("committees")
    @classmethod
    def _upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().upper() for v in value)

    @field_validator("chambers", "states")
    @classmethod
    def _once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(value))


class Style(_Model):
    """Choices where etiquette guides differ (LETTER-CONVENTIONS.md), with their defaults.

    ``house_salutation``: ``representative`` ("Dear Representative X:"), ``congressman``
    ("Dear Congressman/Congresswoman X:", by the member's gender where known) or
    ``honorific`` ("Dear Mr./Ms. X:"). Delegates and the resident commissioner keep
    their own titles unless ``territory_salutation`` is ``representative``.
    ``serial_comma``: a list of three or more takes a comma before its "and" ("a, b,
    and c"); a list of two never does ("a and b").
    """

    house_salutation: Annotated[Literal["representative", "congressman", "honorific"],
                                BeforeValidator(_lower)] = "representative"
    territory_salutation: Annotated[Literal["title", "representative"],
                                    BeforeValidator(_lower)] = "title"
    complimentary_close: str = "Sincerely,"
    chamber_line_first: bool = True
    serial_comma: bool = False


class WebForm(_Model):
    """What members' web contact forms ask of a message (``--format txt``/``eml``).

    ``max_chars``: the form's length limit for the message body, line breaks counted as
    two characters (some offices' forms count CR LF), or None for no check; forms cap
    messages between 500 and 10,000 characters. ``topic``: the topic to choose on forms
    that ask for one (e.g. "Foreign Affairs"), printed at the top of each text file.
    """

    max_chars: int | None = Field(default=None, ge=1)
    topic: str = ""


class Bill(_Model):
    """A bill the campaign is about, and what it asks of members (bills.py reads positions).

    ``number``: as Congress writes it, in any spacing ("HR 1234", "h.r.1234" ->
    "H.R. 1234"; S., H.Res., S.Res., H.J.Res., S.J.Res., H.Con.Res., S.Con.Res.);
    ``congress``: the Congress it was introduced in (119); ``title``: its short title
    ("the Rural Library Broadband Act"), as it reads in a sentence; ``sponsor``: the
    sponsor's bioguide ID; ``cosponsors``: a CSV of cosponsors in congress.gov's shape
    (bills.read_cosponsors), relative to the campaign file; ``ask``: what members not
    on the bill are asked, a phrase after "to" (default "cosponsor <number>");
    ``next_step``: what its sponsor and cosponsors are asked next (default "help bring
    it to a vote").
    """

    number: Annotated[str, AfterValidator(_bill_number)]
    congress: int = Field(ge=1, le=200)
    title: str = Text
    sponsor: str = ""
    cosponsors: str = ""
    ask: str = ""
    next_step: str = ""

    @property
    def chamber(self) -> str:
        """"house" for H.R., H.Res. ...; "senate" for S., S.Res. ..."""
        return "house" if self.number.startswith("H") else "senate"


class Campaign(_Model):
    """A whole campaign, as validated from its YAML file.

    ``closing`` is the letter's closing request; ``constituent_closing``, when given,
    replaces it in constituent letters, which speak for one writer ("I", not "we").
    ``headline`` is the one-pager's headline, a sentence stating the point (default:
    ``title``); ``chart`` the comparable figures the one-pager draws (optional).
    ``constituent_ask``: the ask in one writer's voice for constituent letters (default:
    ``ask`` with "we/our" made "I/my", prose.singular); ``ask_phrase``: the ask as a
    phrase after "to ask Senator X to", for call scripts (default: taken from ``ask``,
    wording.ask_phrase); ``actor``: who carries the recommendations out, when the
    campaign says so ("the United States": "which ask the United States to ...");
    ``constituent_relation``: what a constituent is to the organization (``member``,
    ``supporter`` or ``none``: not said); ``source`` may be left out; ``bills``: the
    bills the campaign is about.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    title: str = Text
    subject: str = Text
    summary: str = Text
    ask: str = Text
    opening: str = Text
    closing: str = Text
    constituent_closing: str = ""
    constituent_ask: str = ""
    ask_phrase: str = ""
    actor: str = ""
    constituent_relation: Annotated[Literal["member", "supporter", "none"],
                                    BeforeValidator(_lower)] = "none"
    headline: str = ""
    source: Source | None = None
    bills: tuple[Bill, ...] = ()
    principles: tuple[Principle, ...] = ()
    recommendations: tuple[Recommendation, ...] = Field(min_length=1)
    key_facts: tuple[KeyFact, ...] = ()
    letter_facts: int = Field(default=2, ge=0)
    chart: Chart | None = None
    sender: Sender
    targets: Targets = Targets()
    style: Style = Style()
    web_form: WebForm = WebForm()
    signon: SignOn = SignOn()   # coalition sign-on letters (campaign/signon.py)

    @property
    def placeholder_sender(self) -> bool:
        """True while any sender value is a placeholder (``placeholders.sender_placeholders``)."""
        from toolkit.campaign.placeholders import sender_placeholders

        return bool(sender_placeholders(self.sender))

    @model_validator(mode="after")
    def _unique_ids(self) -> Campaign:
        ids = [r.id for r in self.recommendations]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"recommendation ids repeat: {', '.join(dupes)}")
        return self


def prose_list(items, serial: bool = False) -> str:
    """Join phrases as running text: "a", "a and b", "a, b and c" ("a, b, and c" with
    ``serial``, the campaign's ``style.serial_comma``).

    Two items never take a comma ("a and b", STYLE.md). Three or more items of which one
    holds a comma or an "and" itself are separated by semicolons ("a; b, c; and d") so
    that the reader can tell them apart.
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    if any("," in i or " and " in i for i in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + ("," if serial else "") + " and " + items[-1]


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


_REQUIRED = ", ".join(name for name, field in Campaign.model_fields.items() if field.is_required())


_EMPTY_FILE = (f"the file is empty: a campaign needs {' and '.join(_REQUIRED.rsplit(', ', 1))} "
              f"(copy templates/campaigns/{DEFAULT_CAMPAIGN}.yaml to start)")


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, mark: yaml.Mark):
        super().__init__(f"key {key!r} appears twice")
        self.key = key
        self.mark = mark


class _CampaignLoader(yaml.SafeLoader):
    """``yaml.safe_load`` semantics, except that a key repeated in one mapping is an error.

    PyYAML silently keeps the last of two equal keys, so a pasted second ``ask:`` would
    quietly replace the first. Keys brought in by a ``<<`` merge may still be overridden.
    """

    def flatten_mapping(self, node):
        # SafeConstructor.construct_mapping flattens every mapping before building it, and
        # flattening rewrites node.value in place (merged pairs first), so each mapping is
        # checked once, as written, before that happens.
        checked = self.__dict__.setdefault("_checked_mappings", set())
        if id(node) not in checked:
            checked.add(id(node))
            seen: set = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node)
                try:
                    if key in seen:
                        raise _DuplicateKey(key_node.value, key_node.start_mark)
                    seen.add(key)
                except TypeError:  # an unhashable key: SafeConstructor reports it
                    continue
        super().flatten_mapping(node)


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    """A YAML date, or its text when it is no real date (2023-27-04, 2023-04-31): the
    campaign's validation then reports it with its YAML path, not a traceback."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_CampaignLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class whose fields apply at ``loc`` (a path of keys and list indexes)."""
    annotation: object = Campaign
    for part in loc:
        if isinstance(part, int):  # tuple[Model, ...] -> Model
            args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) \
                and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
            # an optional model (``source: Source | None``) is its model
            if typing.get_origin(annotation) in (typing.Union, types.UnionType):
                annotation = next((a for a in typing.get_args(annotation) if isinstance(a, type)
                                   and issubclass(a, BaseModel)), annotation)
        else:
            return None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _problems(path: Path, errors: list[dict]) -> list[str]:
    """One readable line per validation error: ``path: yaml.path: message``."""
    problems: list[tuple[tuple, str]] = []
    suggested: set[tuple] = set()  # (parent loc + key) a misspelt key was taken for
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            model = _model_at(loc[:-1])
            known = list(model.model_fields) if model else []
            close = difflib.get_close_matches(loc[-1], known, n=1)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
                suggested.add(loc[:-1] + (close[0],))
            elif known:
                hint = f" (the keys here are: {', '.join(known)})"
            else:
                hint = ""
            problems.append((loc, f"{path}: {_yaml_path(loc)}: unknown key{hint}"))
            continue
        value = err.get("input")
        shown = ""
        if not (isinstance(value, (dict, list)) or value is None or err["type"] == "state_code"):
            shown = f" (got {value!r})"
        message = err["msg"]
        if err["type"].startswith("date") and isinstance(value, str):
            message = f"not a date; {_date_hint(value)}"
        problems.append((loc, f"{path}: {_yaml_path(loc)}: {message}{shown}"))
    # Follow-on errors of a problem already reported: the "Field required" of the key a
    # misspelt key was meant to be, and the "at least 1 item" of a list whose only items
    # failed (pydantic counts the items left after validation).
    dropped = {tuple(e["loc"]) for e in errors if e["type"] == "missing"} & suggested
    dropped |= {tuple(e["loc"]) for e in errors if e["type"] == "too_short"
                and any(len(other) > len(e["loc"]) and other[:len(e["loc"])] == tuple(e["loc"])
                        for other, _ in problems)}
    return [line for loc, line in problems if loc not in dropped]


#: How dates are written out in the wild, for the YYYY-MM-DD hint.
_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
                 "%m/%d/%Y", "%B %dst, %Y", "%B %dnd, %Y", "%B %drd, %Y", "%B %dth, %Y")


def _date_hint(text: str) -> str:
    """"write it as YYYY-MM-DD (2023-04-27)" for "April 27, 2023"; the format alone if unread."""
    for form in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(" ".join(text.split()), form).date()
        except ValueError:
            continue
        return f"write it as YYYY-MM-DD: {day.isoformat()}"
    return "write it as YYYY-MM-DD, e.g. 2023-04-27"


def load_campaign(path: str | Path | None = None) -> Campaign:
    """Read and validate a campaign YAML file (default: the bundled ``mali-2023``).

    Raises CampaignError for a missing or empty file, a YAML syntax error or a key
    repeated in one mapping (with its line and column), a top level that is not a
    mapping, or invalid values: every problem is listed with its YAML path, e.g.
    ``campaign.yaml: recommendations[2].title: ...``; a misspelt key is reported once,
    with the key it resembles.
    """
    path = Path(path) if path is not None else bundled_campaign_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CampaignError(f"{path}: no such campaign file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CampaignError(f"{path}: cannot be read as UTF-8 text: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_CampaignLoader)  # a SafeLoader subclass: safe_load semantics
    except _DuplicateKey as exc:
        raise CampaignError(f"{path}:{exc.mark.line + 1}:{exc.mark.column + 1}: "
                            f"key '{exc.key}' appears twice; keep one") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        if "'\\t'" in problem:
            problem += "; indent with spaces, not tabs"
        elif "mapping values are not allowed" in problem:
            problem += ("; a value holding a colon and a space (': ') must be quoted: put the "
                        'text in quotes, e.g. title: "Mali: Five Steps"')
        raise CampaignError(f"{path}{where}: YAML syntax error: {problem}") from exc
    if data is None:
        raise CampaignError(f"{path}: {_EMPTY_FILE}")
    if not isinstance(data, dict):
        raise CampaignError(f"{path}: the top level must be a mapping of keys "
                            f"(id:, title:, ...), not {type(data).__name__}")
    try:
        campaign = Campaign.model_validate(data)
    except ValidationError as exc:
        problems = _problems(path, exc.errors())
        raise CampaignError(f"{path}: {len(problems)} problem(s) in the campaign", problems) from exc
    if campaign.bills:
        from toolkit.campaign.bills import resolve

        campaign = resolve(campaign, path.parent)
    return campaign
