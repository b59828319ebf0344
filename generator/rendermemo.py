"""rendermemo: which pages a render may take as the previous render made them.

Every page gets a digest of its *inputs*: what its view reads of the content, the theme and
this very code. A page whose inputs digest is the one the previous render recorded, and whose
previous bytes are at hand and still what that render made, is taken as it was instead of
being built and rendered again. Bytes kept in memory (``serve``) are recognised by their
digest; a file of the output folder (``build``) by its stamp (``write.file_stamp``: size,
time of change, inode), as it was when the build wrote it. (As with ``make``, a file edited
in place to the same size and then given back its old time by hand is not noticed until
the page's inputs change.)

What a page reads is worked out from the fact graph, erring on the side of more. A *file*
below is the digest of its bytes (from the load, ``LoadMemo.digests``); a *name* is an
entity's id, kind and name (all a link to it shows); what an entity *shows* of itself on
another page (an event among a place's events, a relation, a disputed fact, a line of a
source's "cited by") is its file, the names it links to and the files of the sources it
cites.

- An entity's page reads its own file, the names it links to (relations, affiliations,
  ``part_of``, actors and places, ``claimed_by``, Markdown links), the files of the sources it
  cites, what the entities pointing at it and the entities whose facts its facts dispute
  show, the narrative pages linking to it, and for a place the name and position of every
  place (its map) and the names along its ``part_of`` chain (its breadcrumb).
- A source's page reads the source's files and what everything citing it shows.
- The lists of actors, places, events and the timeline read what each entity listed shows;
  the search page only the site's settings and theme.
- The home page, the lists of sources and stories, the narrative pages, ``explainer.json``
  and the search index read everything: they are made again whenever any file changed.

Every page also reads the files that belong to no entity, source or narrative page
(``site.yaml``), the theme's files and this code's stamp. ``tests/test_render_memo.py``
changes each entity and source in turn, and makes seeded runs of random edits, comparing
each incremental render with a render afresh, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import TypeVar, cast

from msgspec import Struct, field

from generator.citesites import entity_specs
from generator.model import LinkedSite, Province

__all__ = ["ALL", "RenderMemo", "global_token", "in_memory", "page_inputs"]

T = TypeVar("T")
ALL = "*"
"""The inputs key of the pages that read everything."""
_UNIT_FOLDERS = frozenset(("actors", "provinces", "events", "sources"))


def _digest(parts: Iterable[bytes]) -> bytes:
    return hashlib.blake2b(b"".join(parts), digest_size=20).digest()


def global_token(stamp: bytes, theme_dirs: tuple[Path, ...]) -> bytes:
    """What every page reads besides content: this code (``stamp``) and every file of the
    theme folders, as the render would find them (links followed, each folder once)."""
    parts = [stamp]
    for number, theme in enumerate(theme_dirs):
        for name, data in _files(str(theme)):
            parts += [f"{number}:{name}\0".encode("utf-8", "surrogateescape"), _digest([data])]
    return _digest(parts)


def _files(top: str) -> list[tuple[str, bytes]]:
    """Every file under ``top`` (relative path, bytes; ``b"?"`` for one that cannot be read),
    sorted; folders reached twice through links are walked once."""
    found: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    for folder, dirs, names in os.walk(top, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in names:
            path = os.path.join(folder, name)
            try:  # never waits on a FIFO, nor reads a device
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
                with os.fdopen(fd, "rb") as file:
                    data = file.read() if stat.S_ISREG(os.fstat(fd).st_mode) else b"?"
            except OSError:
                data = b"?"
            found.append((os.path.relpath(path, top).replace(os.sep, "/"), data))
    return sorted(found)


def _units(digests: Mapping[str, bytes], base: bytes) -> tuple[dict[str, bytes], bytes]:
    """Each unit's token (an entity or source id, or ``page:<slug>``) from its files' digests,
    and the token of the files that are no unit's, with ``base``."""
    files: dict[str, list[bytes]] = {}
    rest = [base]
    for path, digest in sorted(digests.items()):
        parts = path.split("/")
        folder = parts[1] if len(parts) == 3 and parts[0] == "content" else ""
        stem = posixpath.splitext(parts[-1])[0]
        if folder in _UNIT_FOLDERS:
            unit = stem
        elif folder == "pages":
            unit = f"page:{stem}"
        else:
            rest += [path.encode("utf-8", "surrogateescape"), b"\0", digest]
            continue
        files.setdefault(unit, []).extend((path.encode("utf-8", "surrogateescape"), digest))
    return {unit: _digest(parts) for unit, parts in files.items()}, _digest(rest)


def page_inputs(site: LinkedSite, digests: Mapping[str, bytes], base: bytes) -> dict[str, bytes]:
    """Output path → digest of the page's inputs (see the module's text); the pages that read
    everything under :data:`ALL`. ``base`` is :func:`global_token`."""
    units, shared = _units(digests, base)
    content = site.content
    tokens = {unit: f"{unit}\0".encode() + digest for unit, digest in units.items()}

    def token(unit: str) -> bytes:
        known = tokens.get(unit)
        return f"{unit}\0-".encode() if known is None else known

    refs: dict[str, set[str]] = {e.id: set() for e in content.entities}
    for target, sayers in site.mentions.items():
        for sayer in sayers:
            if sayer in refs:
                refs[sayer].add(target)
    disputes: dict[str, set[str]] = {}
    for entity in content.entities:
        for fact in entity.facts:
            for ref in fact.disputes:
                disputed = site.facts.get(ref.id)
                if disputed is not None and disputed.owner != entity.id:
                    disputes.setdefault(entity.id, set()).add(disputed.owner)
    referrers: dict[str, set[str]] = {}
    for owner, targets in (*refs.items(), *disputes.items()):
        for target in targets:
            referrers.setdefault(target, set()).add(owner)
    cites: dict[str, set[str]] = {}
    for entity in content.entities:
        cites[entity.id] = {spec.source for spec in entity_specs(entity)}
    for slug, specs in site.page_cites.items():
        cites[f"page:{slug}"] = {spec.source for spec in specs}
    citers: dict[str, set[str]] = {}
    for owner, cited in cites.items():
        for source_id in cited:
            citers.setdefault(source_id, set()).add(owner)
    from generator.markdown import create_markdown
    from generator.views_base import page_mentions  # not for check, which imports this module

    mentioned_in = page_mentions(create_markdown(), content.pages)
    everything = _digest([shared, *(u.encode() + t for u, t in sorted(units.items()))])
    # What a link to an entity shows: its name, and its kind (the folder of its page).
    names = {e.id: repr((e.id, e.kind.value, e.name)).encode() for e in content.entities}
    # What a place's map shows: every place's name and position (digested once: every place
    # page reads it, and hashing it whole for each would grow with the square of the places).
    places = _digest([
        repr(
            sorted(
                (p.id, p.name, (p.coordinates.lat, p.coordinates.lon) if p.coordinates else None)
                for p in content.provinces
            )
        ).encode()
    ])  # fmt: skip
    # What an entity shows of itself where another page lists it (an event among a place's
    # events, a relation or a disputed fact): its own file, the names it links to, and the
    # sources it cites.
    shown: dict[str, bytes] = {}
    for entity in content.entities:
        own = [token(entity.id), *(names[r] for r in sorted(refs[entity.id]) if r in names)]
        own += map(token, sorted(cites.get(entity.id, ())))
        shown[entity.id] = _digest(own)

    inputs: dict[str, bytes] = {ALL: everything}
    for entity in content.entities:
        here = entity.id
        # its own file, the names it links to, the sources it cites: what it shows elsewhere
        parts = [shared, entity.kind.value.encode(), shown[here]]
        near = referrers.get(here, set())
        if here in disputes:
            near = near | disputes[here]
        parts += (shown[unit] for unit in sorted(near) if unit in shown)
        if isinstance(entity, Province):
            parts.append(places)
            place: Province | None = entity
            for _ in range(64):  # the breadcrumb: the part_of chain (never a cycle here)
                parent = site.entities.get(place.part_of.id) if place and place.part_of else None
                place = parent if isinstance(parent, Province) else None
                if place is None:
                    break
                parts.append(names[place.id])
        parts += (token(f"page:{p.slug}") for p in mentioned_in.get(here, ()))
        inputs[f"{entity.kind.value}/{here}.html"] = _digest(parts)
    # The lists of one kind show each entity as an item (name, summary, names it links to).
    listed = {
        "actors/index.html": [b"actors", *(shown[a.id] for a in content.actors)],
        "provinces/index.html": [b"places", *(shown[p.id] for p in content.provinces)],
        "events/index.html": [b"events", *(shown[e.id] for e in content.events)],
        "timeline.html": [b"timeline", *(shown[e.id] for e in content.events)],
        "search.html": [b"search"],
    }
    for path, parts in listed.items():
        inputs[path] = _digest((shared, *parts))
    for source in content.sources:
        # who cites each sentence, labelled with what they say ("deputy of Ashraf Ghani")
        parts = [shared, b"source", token(source.id)]
        for unit in sorted(citers.get(source.id, ())):
            parts.append(shown[unit] if unit in shown else token(unit))
        inputs[f"sources/{source.id}.html"] = _digest(parts)
        # explainer.json: the source with its sentences, who cites each and the coverage
        inputs[f"graph source {source.id}"] = _digest((b"graph", *parts))
        # search-index.js: the source's title and sentences
        inputs[f"search source {source.id}"] = _digest((shared, b"search", token(source.id)))
    for entity in content.entities:
        # explainer.json: the entity with its citations and who mentions it
        mentioned = repr(site.mentions.get(entity.id, ())).encode()
        inputs[f"graph entity {entity.id}"] = _digest(
            (shared, b"graph", shown[entity.id], mentioned)
        )
        # search-index.js: the entity's names and the words of its summary and facts
        inputs[f"search entity {entity.id}"] = _digest((shared, b"search", token(entity.id)))
    return inputs


def in_memory(files: Mapping[str, bytes]) -> Callable[[str], tuple[bytes, bytes] | None]:
    """A :attr:`RenderMemo.previous` reading ``files`` (kept up to date by the caller)."""

    def previous(path: str) -> tuple[bytes, bytes] | None:
        data = files.get(path)
        return None if data is None else (data, file_digest(data))

    return previous


class RenderMemo(Struct):
    """What the last render made of each page: the digest of its inputs, what recognises
    the bytes made (their proof) and where to find those bytes (``previous``).

    ``build`` keeps it on disk beside the check cache (``cache.open_render``) and reads the
    previous bytes from the output folder (``folder``); ``serve`` keeps it in memory with the
    pages it serves (:func:`in_memory`). A render calls :meth:`start`, :meth:`use` for each
    page, then :meth:`finish`; a build, once written, :meth:`wrote`."""

    pages: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    """Output path → (inputs digest, proof of the bytes made), as of the last render. The
    proof is the bytes' digest, or with a ``folder`` the stamp of the file written."""
    previous: Callable[[str], tuple[bytes, bytes] | None] = field(default=lambda path: None)
    """The previous bytes of an output path and their proof, if they can be had."""
    folder: str | None = None
    """The output folder ``previous`` reads, if it reads one."""
    compiled: Path | None = None
    """A private folder to keep compiled templates in between processes, if any."""
    made: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    """What the render under way has recorded so far."""
    taken: set[str] = field(default_factory=set)
    """The pages the last render took as they were."""

    parts: dict[bytes, object] = field(default_factory=dict)
    """Parts of ``explainer.json`` and the search index (an entity's line, a source's piece)
    by the digest of their inputs, as of the last render."""
    made_parts: dict[bytes, object] = field(default_factory=dict)
    changed: bool = False
    """The last render recorded other pages or parts than the render before it."""
    parts_changed: bool = False
    """The last render recorded other parts than the render before it."""
    before: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    """The pages as of the render before the last (until :meth:`wrote`)."""

    def start(self) -> None:
        self.made = {}
        self.made_parts = {}
        self.taken = set()

    def use(self, path: str, inputs: bytes, make: Callable[[], bytes]) -> bytes:
        """The previous bytes of ``path`` when its inputs are the same and the bytes are still
        the ones made from them; else ``make()``."""
        known = self.pages.get(path)
        if known is not None and known[0] == inputs:
            found = self.previous(path)
            if found is not None and found[1] == known[1]:
                self.made[path] = known
                self.taken.add(path)
                return found[0]
        data = make()
        # with a folder, the proof is the stamp of the file the build writes (see wrote)
        self.made[path] = (inputs, b"" if self.folder is not None else file_digest(data))
        return data

    def part(self, inputs: bytes, make: Callable[[], T]) -> T:
        """The part made last time from the same inputs, else ``make()``."""
        known = self.parts.get(inputs)
        made: T = make() if known is None else cast(T, known)
        self.made_parts[inputs] = made
        return made

    def finish(self, parts: Collection[bytes] = ()) -> None:
        """Make what this render recorded the memo's (the pages of the last render); keep
        the ``parts`` (inputs digests) that a file taken whole holds (none was asked for)."""
        for inputs in parts:
            if inputs not in self.made_parts and inputs in self.parts:
                self.made_parts[inputs] = self.parts[inputs]
        self.parts_changed = self.made_parts != self.parts
        self.changed = self.parts_changed or self.made != self.pages
        self.before, self.pages, self.made = self.pages, self.made, {}
        self.parts, self.made_parts = self.made_parts, {}

    def wrote(self, stamps: Mapping[str, bytes]) -> None:
        """Take the stamps of the files the build wrote (``WriteStats.stamps``; those taken
        as they were keep theirs) as the proofs of the pages just made."""
        pages = self.pages
        for path, stamp in stamps.items():
            known = pages.get(path)
            if known is not None:
                pages[path] = (known[0], stamp)
        self.changed = self.parts_changed or pages != self.before
        self.before = {}


def file_digest(data: bytes) -> bytes:
    """The digest a :class:`RenderMemo` keeps of a page's bytes."""
    return hashlib.blake2b(data, digest_size=20).digest()
