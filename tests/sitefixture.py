"""A small explainer built by hand, for testing views and rendering without loading files.

``make_site()`` gives a ``LinkedSite`` with: facts with one and several citations and a
citation repeated on a page; a pair of facts disputing each other across two entities; a
relation and an affiliation (seen from both sides); cited and uncited dates; a name in a
right-to-left script; a place hierarchy (with or without coordinates); a narrative page with
citation marks; and one source sentence nobody cites. Citations are resolved here by plain
search, and the link indexes come from ``generator.link``, as in the real pipeline.
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostics, Location
from generator.link import link
from generator.markdown import CITE_MARK
from generator.model import (
    Actor,
    ActorKind,
    Affiliation,
    CiteSpec,
    Content,
    Coordinates,
    DatedValue,
    Event,
    Fact,
    LinkedSite,
    Name,
    Page,
    PartialDate,
    PlaceKind,
    Precision,
    Province,
    Ref,
    Relation,
    ResolvedCitation,
    Sentence,
    SiteConfig,
    Source,
)

SOURCE_ID = "src"
SOURCE_URL = "https://example.org/news/1"
PARAGRAPHS = (
    (
        "Alice Example leads the Org in Town.",
        "She was born in 1970 in Village.",
        "Bob Other is her father.",
    ),
    (
        "Bob Other said the Org controls Town.",
        "The Org said it does not control Town.",
        "The battle of Town began in August 2021.",
        "Nobody cites this sentence.",
    ),
)
UNCITED_SENTENCE = 7
HOSTILE = '<script>alert("x")</script> & Co'


def _here(path: str, line: int = 1) -> Location:
    return Location(path, line, 1)


def _source_text() -> tuple[str, tuple[Sentence, ...]]:
    text = ""
    sentences = []
    for p, paragraph in enumerate(PARAGRAPHS):
        if p:
            text += "\n\n"
        for s, sentence in enumerate(paragraph):
            if s:
                text += " "
            start = len(text)
            text += sentence
            sentences.append(Sentence(len(sentences) + 1, start, len(text), sentence))
    return text, tuple(sentences)


class _Builder:
    def __init__(self) -> None:
        self.text, self.sentences = _source_text()
        self.citations: dict[CiteSpec, ResolvedCitation] = {}
        self.lines = 0

    def cite(self, path: str, quote: str | None = None, sentence: int | None = None) -> CiteSpec:
        self.lines += 1
        spec = CiteSpec(SOURCE_ID, quote, sentence, _here(path, self.lines))
        self.resolve(spec)
        return spec

    def resolve(self, spec: CiteSpec) -> None:
        if spec.quote is not None:
            start = self.text.index(spec.quote)
            end = start + len(spec.quote)
        else:
            assert spec.sentence is not None
            found = self.sentences[spec.sentence - 1]
            start, end = found.start, found.end
        touched = tuple(s.index for s in self.sentences if s.start < end and start < s.end)
        self.citations[spec] = ResolvedCitation(
            SOURCE_ID, touched, start, end, self.text[start:end], spec.location
        )

    def fact(
        self,
        owner: str,
        path: str,
        index: int,
        text: str,
        quotes: tuple[str, ...],
        *,
        fact_id: str | None = None,
        claimed_by: str | None = None,
        disputes: tuple[str, ...] = (),
        as_of: PartialDate | None = None,
    ) -> Fact:
        here = _here(path, index)
        return Fact(
            owner=owner,
            index=index,
            id=fact_id,
            text=text,
            cites=tuple(self.cite(path, q) for q in quotes),
            claimed_by=Ref(claimed_by, here) if claimed_by else None,
            disputes=tuple(Ref(d, here) for d in disputes),
            as_of=as_of,
            location=here,
        )


def _actors(b: _Builder, hostile: bool) -> list[Actor]:
    alice = "content/actors/alice.yaml"
    bob = "content/actors/bob.yaml"
    org = "content/actors/org.yaml"
    actors = [
        Actor(
            id="alice",
            name="Alice Example",
            aliases=("Alicia Example",),
            names=(Name("fa", "آلیس", _here(alice)),),
            summary="Leader of the [Org](@org).",
            facts=(
                b.fact(
                    "alice",
                    alice,
                    1,
                    "Leads the [Org](@org) in [Town](@town).",
                    ("Alice Example leads the Org", "leads the Org in Town"),
                ),
                b.fact("alice", alice, 2, "Was born in 1970.", ("She was born in 1970",)),
                b.fact("alice", alice, 3, "Is the Org's leader.", ("Alice Example leads the Org",)),
            ),
            relations=(
                Relation(
                    "child-of", Ref("bob", _here(alice)), (b.cite(alice, sentence=3),), _here(alice)
                ),
            ),
            location=_here(alice),
            actor_kind=ActorKind.PERSON,
            born=DatedValue(
                PartialDate(1970, precision=Precision.YEAR),
                (b.cite(alice, "born in 1970"),),
                _here(alice),
            ),
            died=None,
            affiliations=(
                Affiliation(
                    Ref("org", _here(alice)),
                    "Leader",
                    (b.cite(alice, "Alice Example leads the Org"),),
                    _here(alice),
                ),
            ),
        ),
        Actor(
            id="bob",
            name="Bob Other",
            aliases=(),
            names=(),
            summary="Father of [Alice](@alice).",
            facts=(
                b.fact(
                    "bob",
                    bob,
                    1,
                    "The [Org](@org) controls [Town](@town).",
                    ("Bob Other said the Org controls Town",),
                    fact_id="org-controls",
                    claimed_by="bob",
                    disputes=("org-denies",),
                    as_of=PartialDate(2021, 9, 5),
                ),
            ),
            relations=(),
            location=_here(bob),
            actor_kind=ActorKind.PERSON,
            born=None,
            died=None,
            affiliations=(),
        ),
        Actor(
            id="org",
            name="The Org",
            aliases=("Org",),
            names=(),
            summary="An organisation led by [Alice](@alice).",
            facts=(
                b.fact(
                    "org",
                    org,
                    1,
                    "It does not control [Town](@town).",
                    ("The Org said it does not control Town",),
                    fact_id="org-denies",
                    claimed_by="org",
                ),
            ),
            relations=(
                Relation(
                    "opposes",
                    Ref("bob", _here(org)),
                    (b.cite(org, "Bob Other said the Org controls Town"),),
                    _here(org),
                ),
            ),
            location=_here(org),
            actor_kind=ActorKind.ORGANISATION,
            born=None,
            died=None,
            affiliations=(),
        ),
    ]
    if hostile:
        path = "content/actors/hostile.yaml"
        actors.append(
            Actor(
                id="hostile",
                name=HOSTILE,
                aliases=("<b>bold</b>",),
                names=(Name("ar", "<i>x</i>", _here(path)),),
                summary="Says <script>alert(1)</script> and [this](javascript:alert(1)).",
                facts=(
                    b.fact(
                        "hostile",
                        path,
                        1,
                        "<img src=x onerror=alert(1)>",
                        ("Bob Other is her father",),
                    ),
                ),
                relations=(),
                location=_here(path),
                actor_kind=ActorKind.GROUP,
                born=None,
                died=None,
                affiliations=(),
            )
        )
    return actors


def _province(
    b: _Builder,
    pid: str,
    name: str,
    kind: PlaceKind,
    part_of: str | None,
    where: Coordinates | None,
    facts: tuple[Fact, ...] = (),
) -> Province:
    path = f"content/provinces/{pid}.yaml"
    return Province(
        id=pid,
        name=name,
        aliases=(),
        names=(),
        summary=f"{name} is a place.",
        facts=facts,
        relations=(),
        location=_here(path),
        place_kind=kind,
        part_of=Ref(part_of, _here(path)) if part_of else None,
        coordinates=where,
    )


def make_site(*, coordinates: bool = True, hostile: bool = False) -> LinkedSite:
    """The test explainer; ``coordinates=False`` leaves every place without a position."""
    b = _Builder()
    actors = _actors(b, hostile)
    town = "content/provinces/town.yaml"
    provinces = [
        _province(
            b,
            "land",
            "Land",
            PlaceKind.COUNTRY,
            None,
            Coordinates(34.5, 69.2) if coordinates else None,
        ),
        _province(
            b,
            "town",
            "Town",
            PlaceKind.CITY,
            "land",
            Coordinates(35.3, 69.6) if coordinates else None,
            (b.fact("town", town, 1, "Is in [Land](@land).", ("The battle of Town",)),),
        ),
        _province(b, "village", "Village", PlaceKind.DISTRICT, "town", None),
    ]
    battle = "content/events/battle.yaml"
    events = [
        Event(
            id="battle",
            name="Battle of Town",
            aliases=(),
            names=(),
            summary="A battle in [Town](@town).",
            facts=(
                b.fact("battle", battle, 1, "Fought in [Town](@town).", ("The battle of Town",)),
            ),
            relations=(),
            location=_here(battle),
            date=DatedValue(
                PartialDate(2021, 8, precision=Precision.MONTH),
                (b.cite(battle, "began in August 2021"),),
                _here(battle),
            ),
            end=DatedValue(PartialDate(2021, 9, precision=Precision.MONTH), (), _here(battle)),
            actors=(Ref("alice", _here(battle)), Ref("org", _here(battle))),
            places=(Ref("town", _here(battle)),),
            event_kind="military",
        ),
        Event(
            id="founding",
            name="Founding of the Org",
            aliases=(),
            names=(),
            summary="The [Org](@org) was founded.",
            facts=(),
            relations=(),
            location=_here("content/events/founding.yaml"),
            date=DatedValue(
                PartialDate(1990, precision=Precision.DECADE),
                (),
                _here("content/events/founding.yaml"),
            ),
            end=None,
            actors=(Ref("org", _here("content/events/founding.yaml")),),
            places=(),
            event_kind=None,
        ),
    ]
    body = (
        "# The story\n\n"
        '[Alice](@alice) leads the Org.[^src "Alice Example leads the Org"]\n'
        "Her father is [Bob](@bob).[^src#s3]\n\n"
        "## Later\n\n"
        'The Org denies it.[^src "The Org said it does not control Town"] '
        'Alice leads.[^src "Alice Example leads the Org"]\n'
    )
    page = Page("story", "The story", 1, body, 4, _here("content/pages/story.md"))
    page_cites: dict[str, tuple[CiteSpec, ...]] = {"story": ()}
    specs = []
    for line, row in enumerate(body.split("\n")):
        for match in CITE_MARK.finditer(row):
            quote = re.sub(r"\\(.)", r"\1", match["quote"]) if match["quote"] else None
            sentence = int(match["sentence"]) if match["sentence"] else None
            spec = CiteSpec(SOURCE_ID, quote, sentence, _here(page.location.path, 4 + line))
            b.resolve(spec)
            specs.append(spec)
    page_cites["story"] = tuple(specs)
    source = Source(
        id=SOURCE_ID,
        title="Report on Town",
        publisher="Example News",
        published=PartialDate(2021, 9, 5),
        url=SOURCE_URL,
        language="en",
        dateline="TOWN, 5 September",
        license="",
        text=b.text,
        location=_here("content/sources/src.yaml"),
        text_path="content/sources/src.txt",
    )
    content = Content(
        config=SiteConfig(title="Test explainer", language="en", description="A test."),
        actors=tuple(sorted(actors, key=lambda a: a.id)),
        provinces=tuple(provinces),
        events=tuple(events),
        sources=(source,),
        pages=(page,),
    )
    known = {e.id: e.kind for e in content.entities}
    return link(content, {SOURCE_ID: b.sentences}, b.citations, page_cites, known, Diagnostics())
