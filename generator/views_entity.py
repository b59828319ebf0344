"""The page of an actor, a place or an event: ``LinkedSite`` → ``EntityPage``.

The page is built in the order it is read (dates, summary, facts, contested facts, relations,
affiliations), because that order numbers the citation marks.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.model import (
    Actor,
    DatedValue,
    Event,
    Fact,
    Precision,
    Province,
)
from generator.relations import RELATION_TYPES
from generator.views_base import (
    AnyEntity,
    SiteIndex,
    date_iso,
    entity_path,
    folder,
    other_names,
    plain_text,
)
from generator.views_cite import CitationBook, kind_groups
from generator.views_layout import layout, site_url
from generator.views_map import place_map
from generator.views_model import (
    ClaimView,
    ContestedView,
    DateView,
    EventItem,
    FactView,
    Link,
    LinkGroup,
    RelationView,
)
from generator.views_pages import EntityPage

__all__ = ["entity_page", "event_item", "kind_label"]

_SCHEMA_TYPES = {
    "person": "Person",
    "organisation": "Organization",
    "group": "Organization",
    "government": "GovernmentOrganization",
    "country": "Country",
    "city": "City",
    "province": "AdministrativeArea",
    "district": "AdministrativeArea",
}


def kind_label(entity: AnyEntity) -> str:
    """The name of an entity's kind: "Person", "Province", "Event · statement"…"""
    if isinstance(entity, Actor):
        return entity.actor_kind.value.capitalize()
    if isinstance(entity, Province):
        return entity.place_kind.value.capitalize()
    return f"Event · {entity.event_kind}" if entity.event_kind else "Event"


def event_item(index: SiteIndex, page: str, event: Event) -> EventItem:
    """An event in a list shown on ``page`` (its summary without marks); made once per folder."""
    key = (folder(page), event.id)
    item = index.memo.event_items.get(key)
    if item is None:
        item = index.memo.event_items[key] = _event_item(index, page, event)
    return item


def _event_item(index: SiteIndex, page: str, event: Event) -> EventItem:
    book = CitationBook(index, page, numbered=False)
    date = event.date.value
    end = event.end.value if event.end else None
    return EventItem(
        link=book.entity_link(event.id),
        when=date.display,
        iso=date_iso(date),
        until=end.display if end else "",
        until_iso=date_iso(end) if end else "",
        year=date.iso if date.precision is Precision.DECADE else str(date.year),
        kind=event.event_kind or "",
        summary=book.block(event.summary),
        actors=tuple(book.entity_link(r.id) for r in dict.fromkeys(event.actors)),
        places=tuple(book.entity_link(r.id) for r in dict.fromkeys(event.places)),
        uncited=not event.date.cites,
    )


def _dates(entity: AnyEntity, book: CitationBook) -> tuple[DateView, ...]:
    fields: list[tuple[str, DatedValue | None]] = []
    if isinstance(entity, Actor):
        fields = [("Born", entity.born), ("Died", entity.died)]
    elif isinstance(entity, Event):
        fields = [("Date" if entity.end is None else "Began", entity.date), ("Ended", entity.end)]
    return tuple(
        DateView(label, value.value.display, date_iso(value.value), book.marks(value.cites))
        for label, value in fields
        if value is not None
    )


def _contested_groups(entity: AnyEntity, index: SiteIndex) -> list[tuple[Fact, ...]]:
    """Each own fact with the facts it disputes or is disputed by; one group per set."""
    facts = index.site.facts
    groups: list[tuple[Fact, ...]] = []
    seen: set[frozenset[tuple[str, int]]] = set()
    for fact in entity.facts:
        others = [facts[r.id] for r in fact.disputes if r.id in facts]
        others += index.disputed_by.get(fact.id, ()) if fact.id else ()
        if not others:
            continue
        group = tuple({(f.owner, f.index): f for f in (fact, *others)}.values())
        key = frozenset((f.owner, f.index) for f in group)
        if key not in seen:
            seen.add(key)
            groups.append(group)
    return groups


def _fact_link(fact: Fact, book: CitationBook) -> Link:
    owner = book.index.site.entities[fact.owner]
    path = entity_path(owner)
    text = f"fact {fact.index} above" if path == book.page else f"{owner.name}, fact {fact.index}"
    return Link(book.href(f"{path}#{fact.anchor}"), text)


def _claimant(fact: Fact, book: CitationBook) -> Link | None:
    return book.entity_link(fact.claimed_by.id) if fact.claimed_by else None


def _facts(
    entity: AnyEntity, book: CitationBook, contested_in: dict[tuple[str, int], str]
) -> tuple[FactView, ...]:
    return tuple(
        FactView(
            anchor=fact.anchor,
            html=book.inline(fact.text),
            marks=book.marks(fact.cites),
            claimed_by=_claimant(fact, book),
            as_of=fact.as_of.display if fact.as_of else "",
            contested=contested_in.get((fact.owner, fact.index), ""),
        )
        for fact in entity.facts
    )


def _contested(groups: list[tuple[Fact, ...]], book: CitationBook) -> tuple[ContestedView, ...]:
    return tuple(
        ContestedView(
            id=f"contested-{number}",
            claims=tuple(
                ClaimView(
                    claimant=_claimant(fact, book),
                    html=book.inline(fact.text),
                    marks=book.marks(fact.cites),
                    fact=_fact_link(fact, book),
                )
                for fact in group
            ),
        )
        for number, group in enumerate(groups, start=1)
    )


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def _relations(entity: AnyEntity, book: CitationBook) -> tuple[RelationView, ...]:
    out = []
    for relation in entity.relations:
        kind = RELATION_TYPES.get(relation.type)
        label = kind.label if kind else relation.type.replace("-", " ")
        out.append(
            RelationView(
                _capital(label), book.entity_link(relation.target.id), book.marks(relation.cites)
            )
        )
    for subject, relation in book.index.inverse_relations.get(entity.id, ()):
        kind = RELATION_TYPES.get(relation.type)
        label = kind.inverse if kind else f"{relation.type.replace('-', ' ')} (inverse)"
        out.append(
            RelationView(_capital(label), book.entity_link(subject.id), book.marks(relation.cites))
        )
    return tuple(out)


def _affiliations(entity: AnyEntity, book: CitationBook) -> tuple[RelationView, ...]:
    out = []
    if isinstance(entity, Actor):
        for aff in entity.affiliations:
            out.append(
                RelationView(
                    f"{aff.role} of", book.entity_link(aff.actor.id), book.marks(aff.cites)
                )
            )
    for member, aff in book.index.members.get(entity.id, ()):
        out.append(RelationView(f"{aff.role}:", book.entity_link(member.id), book.marks(aff.cites)))
    return tuple(out)


def _mentions(entity: AnyEntity, book: CitationBook) -> tuple[LinkGroup, ...]:
    site = book.index.site
    mentioning = [site.entities[i] for i in site.mentions.get(entity.id, ()) if i in site.entities]
    groups = kind_groups(book, mentioning)
    pages = book.index.page_mentions.get(entity.id, ())
    if pages:
        links = [Link(book.href(f"pages/{p.slug}.html"), p.title) for p in pages]
        groups.append(LinkGroup("Story", tuple(links)))
    return tuple(groups)


def _breadcrumb(entity: AnyEntity, book: CitationBook) -> tuple[Link, ...]:
    chain: list[Link] = []
    here = entity
    while isinstance(here, Province) and here.part_of is not None:
        parent = book.index.site.entities.get(here.part_of.id)
        if not isinstance(parent, Province) or len(chain) > 64:
            break
        chain.append(book.entity_link(parent.id))
        here = parent
    return tuple(reversed(chain))


def _schema(entity: AnyEntity, book: CitationBook, summary: Markup) -> dict[str, object]:
    names = [*entity.aliases, *(n.text for n in entity.names)]
    data: dict[str, object] = {"name": entity.name, "description": plain_text(summary)}
    if names:
        data["alternateName"] = names
    site = book.index.site

    def place(place_id: str) -> dict[str, object]:
        target = site.entities[place_id]
        return {
            "@type": "Place",
            "name": target.name,
            "url": site_url(site, book.page, entity_path(target)),
        }

    if isinstance(entity, Actor):
        data["@type"] = _SCHEMA_TYPES[entity.actor_kind.value]
        if entity.actor_kind.value == "person":
            for key, value in (("birthDate", entity.born), ("deathDate", entity.died)):
                if value is not None and date_iso(value.value):
                    data[key] = date_iso(value.value)
    elif isinstance(entity, Province):
        data["@type"] = _SCHEMA_TYPES[entity.place_kind.value]
        if entity.part_of is not None and entity.part_of.id in site.entities:
            data["containedInPlace"] = place(entity.part_of.id)
        if entity.coordinates is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": entity.coordinates.lat,
                "longitude": entity.coordinates.lon,
            }
    else:
        data["@type"] = "Event"
        # schema.org dates are ISO 8601: a decade ("1990s") has no such form and is left out.
        for key, value in (("startDate", entity.date), ("endDate", entity.end)):
            if value is not None and date_iso(value.value):
                data[key] = date_iso(value.value)
        if entity.places:
            data["location"] = [place(r.id) for r in dict.fromkeys(entity.places)]
    return data


def entity_page(index: SiteIndex, entity: AnyEntity) -> EntityPage:
    """The page of one entity, its marks numbered in reading order."""
    path = entity_path(entity)
    book = CitationBook(index, path)
    groups = _contested_groups(entity, index)
    contested_in = {
        (f.owner, f.index): f"#contested-{n}" for n, g in enumerate(groups, start=1) for f in g
    }
    dates = _dates(entity, book)
    summary = book.block(entity.summary)
    facts = _facts(entity, book, contested_in)
    contested = _contested(groups, book)
    relations = _relations(entity, book)
    affiliations = _affiliations(entity, book)
    actors: tuple[Link, ...] = ()
    places: tuple[Link, ...] = ()
    within: tuple[Link, ...] = ()
    if isinstance(entity, Event):
        actors = tuple(book.entity_link(r.id) for r in dict.fromkeys(entity.actors))
        places = tuple(book.entity_link(r.id) for r in dict.fromkeys(entity.places))
    if isinstance(entity, Province):
        within = tuple(book.entity_link(p.id) for p in index.children.get(entity.id, ()))
    events = tuple(event_item(index, path, e) for e in index.events_of.get(entity.id, ()))
    return EntityPage(
        layout=layout(
            index,
            path,
            entity.name,
            summary,
            _schema(entity, book, summary),
            entity.kind.singular,
        ),
        kind=entity.kind.singular,
        kind_label=kind_label(entity),
        name=entity.name,
        names=other_names(entity.names),
        aliases=entity.aliases,
        aliases_label="Also known as" if isinstance(entity, Event) else "Also spelled",
        breadcrumb=_breadcrumb(entity, book),
        dates=dates,
        summary=summary,
        facts=facts,
        contested=contested,
        relations=relations,
        affiliations=affiliations,
        actors=actors,
        places=places,
        events=events,
        within=within,
        map=place_map(index, path, entity.id) if isinstance(entity, Province) else None,
        mentions=_mentions(entity, book),
        notes=book.notes(),
    )
