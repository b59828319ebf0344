"""graph: the checked fact graph → ``explainer.json`` (bytes), the site's machine-readable form.

The shape is versioned (``version``) and described by ``generator/schemas/explainer.schema.json``
and docs/explainer-json.md. Deterministic: keys sorted, lists in id or document order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import partial
from typing import cast

from generator.jsonout import compact, python_float
from generator.model import (
    Actor,
    CiteSpec,
    DatedValue,
    Event,
    Fact,
    LinkedSite,
    Province,
    Ref,
    Source,
)

__all__ = ["GRAPH_VERSION", "Lines", "graph_data", "graph_json"]

GRAPH_VERSION = 1
JSON = dict[str, object]


def _cites(site: LinkedSite, specs: tuple[CiteSpec, ...]) -> list[JSON]:
    out: list[JSON] = []
    for spec in specs:
        resolved = site.citations[spec]
        out.append(
            {
                "source": resolved.source,
                "sentences": [f"s{i}" for i in resolved.sentences],
                "quote": resolved.quote,
                "start": resolved.start,
                "end": resolved.end,
            }
        )
    return out


def _dated(site: LinkedSite, value: DatedValue | None) -> JSON | None:
    if value is None:
        return None
    return {
        "value": value.value.iso,
        "precision": value.value.precision.value,
        "citations": _cites(site, value.cites),
    }


def _ref(ref: Ref | None) -> str | None:
    return ref.id if ref else None


def _fact(site: LinkedSite, fact: Fact) -> JSON:
    return {
        "id": fact.id,
        "anchor": fact.anchor,
        "text": fact.text,
        "claimed_by": _ref(fact.claimed_by),
        "disputes": [r.id for r in fact.disputes],
        "as_of": fact.as_of.iso if fact.as_of else None,
        "citations": _cites(site, fact.cites),
    }


def _entity(site: LinkedSite, entity: Actor | Province | Event) -> JSON:
    data: JSON = {
        "id": entity.id,
        "kind": entity.kind.singular,
        "url": f"{entity.kind.value}/{entity.id}.html",
        "name": entity.name,
        "aliases": list(entity.aliases),
        "names": [{"lang": n.lang, "text": n.text, "dir": n.dir} for n in entity.names],
        "summary": entity.summary,
        "facts": [_fact(site, f) for f in entity.facts],
        "relations": [
            {"type": r.type, "target": r.target.id, "citations": _cites(site, r.cites)}
            for r in entity.relations
        ],
        "mentioned_by": list(site.mentions.get(entity.id, ())),
    }
    if isinstance(entity, Actor):
        data["type"] = entity.actor_kind.value
        data["born"] = _dated(site, entity.born)
        data["died"] = _dated(site, entity.died)
        data["affiliations"] = [
            {"actor": a.actor.id, "role": a.role, "citations": _cites(site, a.cites)}
            for a in entity.affiliations
        ]
    elif isinstance(entity, Province):
        data["type"] = entity.place_kind.value
        data["part_of"] = _ref(entity.part_of)
        data["coordinates"] = (
            {"lat": entity.coordinates.lat, "lon": entity.coordinates.lon}
            if entity.coordinates
            else None
        )
    else:
        data["type"] = entity.event_kind
        data["date"] = _dated(site, entity.date)
        data["end"] = _dated(site, entity.end)
        data["actors"] = [r.id for r in entity.actors]
        data["places"] = [r.id for r in entity.places]
    return data


def _source(site: LinkedSite, source: Source) -> JSON:
    cited, total = site.coverage(source.id)
    return {
        "id": source.id,
        "url": f"sources/{source.id}.html",
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published.iso,
        "original_url": source.url or None,
        "language": source.language,
        "dateline": source.dateline or None,
        "license": source.license or None,
        "coverage": {"cited": cited, "total": total},
        "sentences": [
            {
                "id": s.id,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "cited_by": [
                    {"page": c.page, "anchor": c.anchor, "label": c.label}
                    for c in site.cited_by.get((source.id, s.index), ())
                ],
            }
            for s in site.sentences[source.id]
        ],
    }


def _head(site: LinkedSite) -> JSON:
    """Everything but the entities and sources."""
    content = site.content
    config = content.config
    return {
        "format": "explainer",
        "version": GRAPH_VERSION,
        "site": {
            "title": config.title,
            "language": config.language,
            "description": config.description,
            "base_url": config.base_url or None,
        },
        "pages": [
            {
                "slug": p.slug,
                "url": f"pages/{p.slug}.html",
                "title": p.title,
                "order": p.order,
                "citations": _cites(site, site.page_cites.get(p.slug, ())),
            }
            for p in content.pages
        ],
    }


def _by_id(site: LinkedSite) -> list[Actor | Province | Event]:
    return sorted(site.content.entities, key=lambda e: e.id)


def graph_data(site: LinkedSite) -> Mapping[str, object]:
    """The whole graph as plain JSON values."""
    return {
        **_head(site),
        "entities": [_entity(site, e) for e in _by_id(site)],
        "sources": [_source(site, s) for s in site.content.sources],
    }


def _list_lines(items: list[object], indent: str, split: str | None = None) -> str:
    """A JSON list with one item per line (items with a ``split`` list: that list too)."""
    return _joined([_line(item, indent, split) for item in items], indent)


def _line(item: object, indent: str, split: str | None = None) -> str:
    """An item of a list written by :func:`_list_lines` (``indent``: the list's)."""
    if split is not None and isinstance(item, dict) and item.get(split):
        head = {k: v for k, v in item.items() if k != split}
        inner = _list_lines(cast(list[object], item[split]), indent + "    ")
        return f"{compact(head)[:-1]}, {json.dumps(split)}: {inner}}}"
    return compact(item)


def _joined(lines: list[str], indent: str) -> str:
    """Items already written as lines, as a list at ``indent``."""
    if not lines:
        return "[]"
    body = f",\n{indent}  ".join(lines)
    return f"[\n{indent}  {body}\n{indent}]"


Lines = Callable[[str, Callable[[], str]], str]
"""``lines(name, make)``: the lines named ``name`` (``entity <id>``, ``source <id>``), made by
``make()`` or kept from an earlier graph."""


def _made(name: str, make: Callable[[], str]) -> str:
    return make()


def _entity_line(site: LinkedSite, entity: Actor | Province | Event) -> str:
    data = _entity(site, entity)
    coordinates = data.get("coordinates")  # the graph's only floats (see jsonout)
    if isinstance(coordinates, dict):
        data["coordinates"] = {key: python_float(number) for key, number in coordinates.items()}
    return compact(data)


def _source_lines(site: LinkedSite, source: Source) -> str:
    return _line(_source(site, source), "  ", split="sentences")


def graph_json(site: LinkedSite, lines: Lines = _made) -> bytes:
    """``explainer.json``: UTF-8, sorted keys, one entity, page, source and sentence per line
    (so that a change shows as a change of those lines), final newline. ``lines`` may give an
    entity's line or a source's lines as an earlier graph made them."""
    head = _head(site)
    entities = [lines(f"entity {e.id}", partial(_entity_line, site, e)) for e in _by_id(site)]
    sources = [
        lines(f"source {s.id}", partial(_source_lines, site, s)) for s in site.content.sources
    ]
    shown = {key: compact(value) for key, value in head.items()}
    shown["pages"] = _list_lines(cast(list[object], head["pages"]), "  ")
    shown["entities"] = _joined(entities, "  ")
    shown["sources"] = _joined(sources, "  ")
    parts = [f"  {json.dumps(key)}: {shown[key]}" for key in sorted(shown)]
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")
