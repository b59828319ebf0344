"""LinkedSite → Snapshot: the parts of a fact graph a reviewer compares, as plain values;
never reads files.

Everything that does not survive into the model (whitespace, key order, quoting style, YAML
comments) is already gone, so two snapshots differ only where the meaning does. Citations are
kept with the words they quote and the sentences those lie in, so that a renumbering of
sentences alone is not a change.

A :class:`SnapMemo` hands back the very same view for an entity that is the same object with
the same resolved citations as before (both sides of a diff share unchanged entities), so that
the comparison can pass over it by identity. With a memo, a snapshot's entities are
:class:`EntityViews`, made only when asked for: the comparison asks :func:`unchanged` first,
and an entity that is the same on both sides never gets a view (a large project with a small
change makes a few views, not one per entity and side).

A snapshot may be taken of a partial graph (a side with errors, as ``pipeline.check`` keeps it
with ``partial``): what failed to check has dropped out already, and a citation that did not
resolve is left out here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from msgspec import Struct, field
from msgspec.structs import replace

from generator.citesites import entity_specs
from generator.model import (
    Actor,
    CiteSpec,
    DatedValue,
    Event,
    Fact,
    LinkedSite,
    Province,
    Ref,
    ResolvedCitation,
)

__all__ = [
    "CiteView",
    "EntityView",
    "EntityViews",
    "FactView",
    "PageView",
    "SnapMemo",
    "Snapshot",
    "SourceView",
    "cite_view",
    "retarget",
    "retarget_text",
    "snapshot",
    "unchanged",
]

XREF = re.compile(r"\]\(@([a-z0-9]+(?:-[a-z0-9]+)*)\)")
"""The target of a ``[text](@id)`` cross-reference."""


class CiteView(Struct, frozen=True):
    """A resolved citation: what it quotes and the sentences that holds."""

    source: str
    """The source id."""
    quote: str
    """The quoted words as they are in the source."""
    sentences: tuple[int, ...]
    """The N of each ``sN`` the quote lies in."""
    sentence_texts: tuple[str, ...]
    """Those sentences' text."""

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """What the citation means; sentence numbers left out (a renumbering is no change)."""
        return (self.source, self.quote, self.sentence_texts)

    @property
    def label(self) -> str:
        return f"{self.source}#" + ",".join(f"s{n}" for n in self.sentences)


class FactView(Struct, frozen=True):
    """A fact as compared."""

    id: str | None
    """Its ``id``, when it has one."""
    anchor: str
    """Its fragment on the entity's page."""
    text: str
    cites: tuple[CiteView, ...]
    claimed_by: str
    """The claiming actor's id, or empty."""
    disputes: tuple[str, ...]
    as_of: str
    """ISO form, or empty."""

    @property
    def key(self) -> tuple[object, ...]:
        """Everything but position: equal keys are the same fact."""
        cites = tuple(c.key for c in self.cites)
        return (self.id, self.text, cites, self.claimed_by, self.disputes, self.as_of)


class EntityView(Struct, frozen=True):
    """An actor, province or event as compared."""

    id: str
    kind: str
    """``actor``, ``province`` or ``event``."""
    folder: str
    """``actors``, ``provinces`` or ``events`` (the URL folder)."""
    name: str
    fields: tuple[tuple[str, str], ...]
    """(field, value as text) for every field but the facts, in a fixed order."""
    facts: tuple[FactView, ...]
    links: frozenset[str]
    """Ids this entity points at: cross-references in Markdown and reference fields."""

    @property
    def signature(self) -> tuple[object, ...]:
        """Everything but the id: equal signatures under different ids are a rename."""
        return (self.kind, self.fields, tuple(f.key for f in self.facts))


class SourceView(Struct, frozen=True):
    id: str
    fields: tuple[tuple[str, str], ...]
    """Metadata (title, publisher, published, url, language, dateline, license)."""
    sentences: tuple[str, ...]
    """The text of each sentence, in order."""
    coverage: tuple[int, int]
    """(cited sentences, all sentences)."""


class PageView(Struct, frozen=True):
    slug: str
    title: str
    order: int
    body: str
    cites: tuple[CiteView, ...]


class Snapshot(Struct, frozen=True):
    """One side of a diff. An absent project is the empty snapshot."""

    entities: Mapping[str, EntityView]
    sources: Mapping[str, SourceView]
    pages: Mapping[str, PageView]
    base_url: str = ""
    site: tuple[tuple[str, str], ...] = ()
    """The settings of ``site.yaml``: (field, value)."""


EMPTY = Snapshot({}, {}, {})


Stamp = tuple[object, tuple[ResolvedCitation | None, ...]]
"""What an entity's view is made of: the entity and its resolved citations (compared by
identity)."""


def _stamp(site: LinkedSite, entity: Actor | Province | Event) -> Stamp:
    return entity, tuple(site.citations.get(spec) for spec in entity_specs(entity))


def _same(a: Stamp, b: Stamp) -> bool:
    return (
        a[0] is b[0]
        and len(a[1]) == len(b[1])
        and all(x is y for x, y in zip(a[1], b[1], strict=True))
    )


class SnapMemo(Struct):
    """Entity views made before: entity id → (its stamp, the view)."""

    views: dict[str, tuple[Stamp, EntityView]] = field(default_factory=dict)

    def view(self, site: LinkedSite, entity: Actor | Province | Event) -> EntityView:
        stamp = _stamp(site, entity)
        hit = self.views.get(entity.id)
        if hit is not None and _same(hit[0], stamp):
            return hit[1]
        view = _entity(site, entity)
        self.views[entity.id] = (stamp, view)
        return view


class EntityViews(Mapping[str, EntityView]):
    """A checked project's entity views by id, each made (through a :class:`SnapMemo`) the
    first time it is asked for."""

    __slots__ = ("_memo", "_site")

    def __init__(self, site: LinkedSite, memo: SnapMemo) -> None:
        self._site = site
        self._memo = memo

    def __getitem__(self, key: str) -> EntityView:
        return self._memo.view(self._site, self._site.entities[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._site.entities)

    def __len__(self) -> int:
        return len(self._site.entities)

    def __contains__(self, key: object) -> bool:
        return key in self._site.entities

    def same(self, other: EntityViews, keys: Iterable[str]) -> list[str]:
        """Those of ``keys`` that are the very same entity here and in ``other``, citing only
        sources whose sentences are the very same here and there: their views are equal (a
        citation's resolution depends on nothing else)."""
        mine, theirs = self._site.sentences, other._site.sentences
        moved = {s for s in mine.keys() | theirs.keys() if mine.get(s) is not theirs.get(s)}
        here, there = self._site.entities, other._site.entities
        return [
            key
            for key in keys
            if here[key] is there[key]
            and not (moved and any(c.source in moved for c in entity_specs(here[key])))
        ]


def unchanged(
    base: Mapping[str, EntityView], head: Mapping[str, EntityView], keys: Iterable[str]
) -> list[str]:
    """Those of ``keys`` (ids there on both sides) whose entity is certainly the same on
    both: see :meth:`EntityViews.same`, or the very same view. Makes no view when both sides
    are :class:`EntityViews`."""
    if isinstance(base, EntityViews) and isinstance(head, EntityViews):
        return base.same(head, keys)
    return [key for key in keys if base[key] is head[key]]


def cite_view(site: LinkedSite, resolved: ResolvedCitation) -> CiteView:
    """A resolved citation with the text of its sentences."""
    sentences = site.sentences[resolved.source]
    texts = tuple(sentences[n - 1].text for n in resolved.sentences)
    return CiteView(resolved.source, resolved.quote, resolved.sentences, texts)


def _cites(site: LinkedSite, specs: tuple[CiteSpec, ...]) -> tuple[CiteView, ...]:
    """The views of those of ``specs`` that resolved (all of them, unless the graph is
    partial)."""
    found = (site.citations.get(spec) for spec in specs)
    return tuple(cite_view(site, r) for r in found if r is not None)


def _cites_text(site: LinkedSite, specs: tuple[CiteSpec, ...]) -> str:
    return "; ".join(f'{c.source}: "{c.quote}"' for c in _cites(site, specs))


def _dated(site: LinkedSite, value: DatedValue | None) -> str:
    if value is None:
        return ""
    cited = _cites_text(site, value.cites)
    return value.value.iso + (f" ({cited})" if cited else " (uncited)")


def _refs(refs: tuple[Ref, ...]) -> str:
    return ", ".join(r.id for r in refs)


def _fact(site: LinkedSite, fact: Fact) -> FactView:
    return FactView(
        id=fact.id,
        anchor=fact.anchor,
        text=fact.text,
        cites=_cites(site, fact.cites),
        claimed_by=fact.claimed_by.id if fact.claimed_by else "",
        disputes=tuple(sorted(r.id for r in fact.disputes)),
        as_of=fact.as_of.iso if fact.as_of else "",
    )


def _entity(site: LinkedSite, entity: Actor | Province | Event) -> EntityView:
    fields: list[tuple[str, str]] = [
        ("name", entity.name),
        ("aliases", ", ".join(entity.aliases)),
        ("names", ", ".join(f"{n.lang}: {n.text}" for n in entity.names)),
        ("summary", entity.summary),
    ]
    refs: set[str] = set(XREF.findall(entity.summary))
    if isinstance(entity, Actor):
        fields += [
            ("kind", entity.actor_kind.value),
            ("born", _dated(site, entity.born)),
            ("died", _dated(site, entity.died)),
        ]
        for a in entity.affiliations:
            fields.append(
                ("affiliation", f"{a.actor.id} as {a.role} ({_cites_text(site, a.cites)})")
            )
            refs.add(a.actor.id)
    elif isinstance(entity, Province):
        fields += [
            ("kind", entity.place_kind.value),
            ("part_of", entity.part_of.id if entity.part_of else ""),
            (
                "coordinates",
                f"{entity.coordinates.lat}, {entity.coordinates.lon}" if entity.coordinates else "",
            ),
        ]
        refs.update(r.id for r in (entity.part_of,) if r)
    else:
        fields += [
            ("kind", entity.event_kind or ""),
            ("date", _dated(site, entity.date)),
            ("end", _dated(site, entity.end)),
            ("actors", _refs(entity.actors)),
            ("places", _refs(entity.places)),
        ]
        refs.update(r.id for r in (*entity.actors, *entity.places))
    for rel in entity.relations:
        fields.append(("relation", f"{rel.type} {rel.target.id} ({_cites_text(site, rel.cites)})"))
        refs.add(rel.target.id)
    for fact in entity.facts:
        refs.update(XREF.findall(fact.text))
        refs.update(r.id for r in (fact.claimed_by,) if r)
    kept = tuple((k, v) for k, v in fields if v or k in ("name", "summary"))
    return EntityView(
        id=entity.id,
        kind=entity.kind.singular,
        folder=entity.kind.value,
        name=entity.name,
        fields=kept,
        facts=tuple(_fact(site, f) for f in entity.facts),
        links=frozenset(refs - {entity.id}),
    )


def retarget_text(text: str, ids: Mapping[str, str]) -> str:
    """Markdown with each ``[text](@old)`` pointing at ``ids[old]`` instead."""
    return XREF.sub(lambda m: f"](@{ids.get(m[1], m[1])})", text)


def _retarget_field(name: str, value: str, ids: Mapping[str, str]) -> str:
    """A field's text (as :func:`_entity` writes it) with the ids it names renamed."""
    if name == "summary":
        return retarget_text(value, ids)
    if name == "part_of":
        return ids.get(value, value)
    if name in ("actors", "places"):
        return ", ".join(ids.get(i, i) for i in value.split(", "))
    if name == "relation":  # "<type> <target> (<citations>)"
        kind, target, rest = value.split(" ", 2)
        return f"{kind} {ids.get(target, target)} {rest}"
    if name == "affiliation":  # "<actor> as <role> (<citations>)"
        actor, rest = value.split(" ", 1)
        return f"{ids.get(actor, actor)} {rest}"
    return value


def retarget(view: EntityView, ids: Mapping[str, str]) -> EntityView:
    """``view`` as it reads once the entities renamed ``old → new`` in ``ids`` are called by
    their new ids: its references, cross-links and links. The id of ``view`` itself stays."""
    if not view.links & ids.keys():
        return view
    facts = tuple(
        replace(
            f,
            text=retarget_text(f.text, ids),
            claimed_by=ids.get(f.claimed_by, f.claimed_by),
        )
        for f in view.facts
    )
    return replace(
        view,
        fields=tuple((k, _retarget_field(k, v, ids)) for k, v in view.fields),
        facts=facts,
        links=frozenset(ids.get(i, i) for i in view.links) - {view.id},
    )


def snapshot(site: LinkedSite, memo: SnapMemo | None = None) -> Snapshot:
    """The comparable view of a checked project."""
    content = site.content
    sources = {
        s.id: SourceView(
            id=s.id,
            fields=tuple(
                (k, v)
                for k, v in (
                    ("title", s.title),
                    ("publisher", s.publisher),
                    ("published", s.published.iso),
                    ("url", s.url),
                    ("language", s.language),
                    ("dateline", s.dateline),
                    ("license", s.license),
                )
                if v
            ),
            sentences=tuple(x.text for x in site.sentences[s.id]),
            coverage=site.coverage(s.id),
        )
        for s in content.sources
    }
    pages = {
        p.slug: PageView(
            p.slug,
            p.title,
            p.order,
            p.body,
            _cites(site, site.page_cites.get(p.slug, ())),
        )
        for p in content.pages
    }
    entities: Mapping[str, EntityView] = (
        {e.id: _entity(site, e) for e in content.entities}
        if memo is None
        else EntityViews(site, memo)
    )
    config = content.config
    settings = (
        ("title", config.title),
        ("description", config.description),
        ("language", config.language),
        ("base_url", config.base_url),
        ("theme", config.theme),
    )
    return Snapshot(entities, sources, pages, config.base_url, settings)
