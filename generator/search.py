"""search: ``LinkedSite`` → ``search-index.js``, the index the theme's ``search.js`` searches;
never reads or writes a file.

The index is a plain script that sets ``window.EXPLAINER_SEARCH_INDEX``, so that it loads
with a ``<script>`` element from ``file://`` as well as from a web server (no fetch, no
WebAssembly). What it holds (see ``docs/search.md``):

- ``pages``: every page a result leads to, as ``[path, title]``; documents refer to them by
  number.
- ``docs``: every result, as ``[kind, page, anchor]``: an actor, a place, an event, a
  narrative page, a source, a fact (``actors/x.html#fact-2``) or a sentence
  (``sources/x.html#s5``). ``kind`` indexes ``kinds``.
- ``entries``: every searchable text, as ``[field, doc, folded, case]`` plus ``lang, dir``
  when its language is not the site's. ``field`` says what the text is (``FIELDS``); the
  ranking follows it. ``folded`` is the text folded for matching (:func:`fold`: NFKD,
  nonspacing marks dropped, case folded) and ``case`` turns it back into the text as written
  (:func:`fold_text`), so each text is stored once and the search does no folding of its own.

One entry or document per line and no hash order anywhere, so the same content gives the
same bytes and an output diff shows which entries changed. No ``<`` is left raw in the
file, so that it can also be inlined in a ``<script>`` element (the single-file export).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from json.encoder import encode_basestring_ascii

from markupsafe import Markup
from msgspec import Struct

from generator.markdown import Markdown, create_markdown, plain_words, render_block, render_inline
from generator.model import RTL_LANGUAGES, LinkedSite, Source
from generator.views_base import AnyEntity, entity_path, plain_text

__all__ = [
    "FIELDS",
    "INDEX_PATH",
    "INDEX_VARIABLE",
    "KINDS",
    "Piece",
    "Pieces",
    "fold",
    "fold_text",
    "read_index",
    "search_index",
    "unfold_text",
]

INDEX_PATH = "search-index.js"
"""Where the index is written, next to ``explainer.json``."""
INDEX_VARIABLE = "EXPLAINER_SEARCH_INDEX"
"""The global the index script sets."""
INDEX_VERSION = 1
KINDS = ("Actor", "Place", "Event", "Page", "Source", "Fact", "Sentence")
"""What a result is, as shown next to it; a document's ``kind`` is a position in this list."""
FIELDS = ("name", "alias", "other-name", "text", "sentence")
"""What an entry is; the search ranks a name above an alias or a name in another script,
those above the text of facts, summaries and pages, and that above a source's sentences."""
NAME, ALIAS, OTHER_NAME, TEXT, SENTENCE = range(len(FIELDS))
ACTOR, PLACE, EVENT, PAGE, SOURCE, FACT, SENTENCE_KIND = range(len(KINDS))

# Letters that need more than lower-casing, and every character outside ASCII.
_CHANGES = re.compile(r"[A-Z]+|[^\x00-\x7f]+")
_CAPITALS = re.compile(r"[A-Z]+")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|td|th|dt|dd)>")

Case = list[int | list[int | str]]
"""How to turn a folded text back into the text as written: an ``int`` N means that the
character at N is an ASCII letter written in capitals; ``[start, end, text]`` means that
``folded[start:end]`` was written ``text``. Sorted by position."""


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").casefold()


def fold(text: str) -> str:
    """``text`` as the search compares it: compatibility-decomposed (NFKD), without
    nonspacing marks (accents, Arabic vowel marks), case-folded. ``search.js`` folds a query
    the same way (``String.normalize("NFKD")``, ``\\p{Mn}`` dropped, lower case and the few
    case foldings that differ from it)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def fold_text(text: str) -> tuple[str, Case]:
    """``text`` with its white space collapsed, folded (:func:`fold`), and how to turn the
    folded form back into the collapsed text (:func:`unfold_text`)."""
    text = " ".join(text.split())
    if text.isascii():
        if text.islower() or not _CAPITALS.search(text):
            return text.lower(), []
        capitals: Case = []
        for match in _CAPITALS.finditer(text):
            capitals.extend(range(match.start(), match.end()))
        return text.lower(), capitals
    parts: list[str] = []
    case: Case = []
    at = 0  # in text
    out = 0  # in the folded text
    for match in _CHANGES.finditer(text):
        parts.append(text[at : match.start()])
        out += match.start() - at
        run = match.group()
        if run.isascii():
            case.extend(range(out, out + len(run)))
            parts.append(run.lower())
            out += len(run)
        else:
            out = _fold_run(run, out, parts, case)
        at = match.end()
    parts.append(text[at:])
    return "".join(parts), case


def _fold_run(run: str, out: int, parts: list[str], case: Case) -> int:
    """Fold a run of characters outside ASCII; a change joins the one just before it."""
    for char in run:
        folded = _fold_char(char)
        if folded != char:
            last = case[-1] if case else None
            if isinstance(last, list) and last[1] == out:
                last[1] = out + len(folded)
                last[2] = f"{last[2]}{char}"
            else:
                case.append([out, out + len(folded), char])
        parts.append(folded)
        out += len(folded)
    return out


def unfold_text(folded: str, case: Case) -> str:
    """The text as written, from its folded form (what ``search.js`` does to show it)."""
    pieces: list[str] = []
    at = 0
    for change in case:
        if isinstance(change, int):
            pieces.append(folded[at:change])
            pieces.append(folded[change].upper())
            at = change + 1
        else:
            pieces.append(folded[at : int(change[0])])
            pieces.append(str(change[2]))
            at = int(change[1])
    pieces.append(folded[at:])
    return "".join(pieces)


class _PlainText:
    """Markdown → plain text: cross-references keep their words, citation marks go."""

    def xref_href(self, entity_id: str) -> str:
        return "#"

    def cite_mark(self, source: str, quote: str | None, sentence: int | None) -> str:
        return ""


_PLAIN = _PlainText()


class _Builder:
    """Collects pages, documents and entries in the order they are added, each already
    written as its line of JSON."""

    def __init__(self, language: str) -> None:
        self.language = language.split("-")[0]
        self.pages: list[str] = []
        self.page_numbers: dict[str, int] = {}
        self.docs: list[str] = []
        self.entries: list[str] = []

    def page(self, path: str, title: str) -> int:
        number = self.page_numbers.get(path)
        if number is None:
            number = self.page_numbers[path] = len(self.pages)
            self.pages.append(f"[{_string(path)},{_string(title)}]")
        return number

    def add(self, piece: Piece) -> None:
        """One page's documents and entries, numbered after the rest."""
        page = self.page(piece.path, piece.title)
        first = len(self.docs)
        self.docs.extend(f"[{kind},{page},{anchor}]" for kind, anchor in piece.docs)
        self.entries.extend(f"[{field},{first + doc},{tail}" for field, doc, tail in piece.entries)


def _entry_tail(text: str, lang: str, language: str) -> str:
    """An entry's line after its field and document: folded text, case, other language."""
    folded, case = fold_text(text)
    if not folded:
        return ""
    other = ""
    if lang and lang.split("-")[0] != language:
        rtl = lang.split("-")[0] in RTL_LANGUAGES
        other = f',{_string(lang)},"{"rtl" if rtl else "ltr"}"'
    return f"{_string(folded)},{_case(case)}{other}]"


class Piece(Struct, frozen=True):
    """What one entity, story or source adds to the index: its page, its documents on that page
    (``kind``, anchor as JSON) and its entries (``field``, number of the document among the
    piece's, the rest of the line). A piece depends on its own file and the site's language
    alone, so a render can keep it for the next (``Pieces``)."""

    path: str
    title: str
    docs: tuple[tuple[int, str], ...]
    entries: tuple[tuple[int, int, str], ...]


class _PieceBuilder:
    __slots__ = ("docs", "entries", "language")

    def __init__(self, language: str) -> None:
        self.language = language
        self.docs: list[tuple[int, str]] = []
        self.entries: list[tuple[int, int, str]] = []

    def doc(self, kind: int, anchor: str = "") -> int:
        self.docs.append((kind, _string(anchor)))
        return len(self.docs) - 1

    def entry(self, field: int, doc: int, text: str, lang: str = "") -> None:
        tail = _entry_tail(text, lang, self.language)
        if tail:
            self.entries.append((field, doc, tail))

    def piece(self, path: str, title: str) -> Piece:
        return Piece(path, title, tuple(self.docs), tuple(self.entries))


Pieces = Callable[[str, Callable[[], Piece]], Piece]
"""``pieces(name, make)``: the piece named ``name`` (``entity <id>``, ``source <id>``), made
by ``make()`` or kept from an earlier index."""


def _made(name: str, make: Callable[[], Piece]) -> Piece:
    return make()


def _string(text: str) -> str:
    """A JSON string: ASCII only (no charset to get wrong on any server) and no raw "<",
    which could end or confuse a ``<script>`` element when the index is inlined (the
    single-file export). The same text as ``json.dumps(text)`` gives, but for ``<``."""
    return encode_basestring_ascii(text).replace("<", "\\u003c")


def _case(case: Case) -> str:
    if not case:
        return "0"
    items = (
        str(change)
        if isinstance(change, int)
        else f"[{change[0]},{change[1]},{_string(str(change[2]))}]"
        for change in case
    )
    return f"[{','.join(items)}]"


def _texts(md: Markdown, text: str, *, block: bool) -> Iterator[str]:
    """The plain text of a Markdown field, a text per paragraph, list item, heading…
    (``block``) or one for a statement: cross-references keep their words, citation marks
    go. Plain prose takes the renderer's fast path without making HTML."""
    words = plain_words(text, block=block)
    if words is not None:
        yield words
    elif not block:
        yield plain_text(Markup(render_inline(md, text, _PLAIN)))
    else:
        for part in _BLOCK_END.split(render_block(md, text, _PLAIN)):
            found = plain_text(Markup(part))
            if found:
                yield found


def _entity_piece(entity: AnyEntity, md: Markdown, language: str) -> Piece:
    kinds = {"actors": ACTOR, "provinces": PLACE, "events": EVENT}
    out = _PieceBuilder(language)
    doc = out.doc(kinds[entity.kind.value])
    out.entry(NAME, doc, entity.name)
    for alias in entity.aliases:
        out.entry(ALIAS, doc, alias)
    for name in entity.names:
        out.entry(OTHER_NAME, doc, name.text, name.lang)
    for text in _texts(md, entity.summary, block=True):
        out.entry(TEXT, doc, text)
    for fact in entity.facts:
        for text in _texts(md, fact.text, block=False):
            out.entry(TEXT, out.doc(FACT, fact.anchor), text)
    return out.piece(entity_path(entity), entity.name)


def _source_piece(site: LinkedSite, source: Source, language: str) -> Piece:
    out = _PieceBuilder(language)
    out.entry(NAME, out.doc(SOURCE), source.title)
    for sentence in site.sentences[source.id]:
        doc = out.doc(SENTENCE_KIND, sentence.id)
        out.entry(SENTENCE, doc, sentence.text, source.language)
    return out.piece(f"sources/{source.id}.html", source.title)


def search_index(site: LinkedSite, pieces: Pieces = _made) -> bytes:
    """The whole index as the bytes of ``search-index.js``; ``pieces`` may give the part of
    an entity or a source as an earlier index made it."""
    content = site.content
    out = _Builder(content.config.language)
    md = create_markdown()
    for entity in content.entities:
        out.add(pieces(f"entity {entity.id}", partial(_entity_piece, entity, md, out.language)))
    for story in content.pages:
        page = _PieceBuilder(out.language)
        doc = page.doc(PAGE)
        page.entry(NAME, doc, story.title)
        for text in _texts(md, story.body, block=True):
            page.entry(TEXT, doc, text)
        out.add(page.piece(f"pages/{story.slug}.html", story.title))
    for source in content.sources:
        out.add(pieces(f"source {source.id}", partial(_source_piece, site, source, out.language)))
    return _script(out).encode("ascii")


def _rows(rows: list[str]) -> str:
    return "[\n" + ",\n".join(rows) + "\n]"


def _strings(values: tuple[str, ...]) -> str:
    return f"[{','.join(_string(v) for v in values)}]"


def _script(out: _Builder) -> str:
    """The index as JSON inside ``JSON.parse('…')``: browsers parse JSON text about 1.6×
    faster than the same data written as a script (measured in Chromium on a 10,000-entity
    index: 215 ms against 350 ms). Each line ends in a line continuation, so that the file
    still holds one entry per line."""
    data = (
        "{\n"
        f'"version":{INDEX_VERSION},\n'
        f'"kinds":{_strings(KINDS)},\n'
        f'"fields":{_strings(FIELDS)},\n'
        f'"pages":{_rows(out.pages)},\n'
        f'"docs":{_rows(out.docs)},\n'
        f'"entries":{_rows(out.entries)}\n'
        "}"
    )
    literal = data.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\\n")
    return f"window.{INDEX_VARIABLE} = JSON.parse('\\\n{literal}');\n"


def read_index(script: bytes) -> dict[str, object]:
    """The data of a ``search-index.js`` made by :func:`search_index` (for tests and tools).

    Raises ValueError for anything else."""
    text = script.decode("ascii")
    head = f"window.{INDEX_VARIABLE} = JSON.parse('"
    if not (text.startswith(head) and text.endswith("');\n")):
        raise ValueError("not a search index")
    literal = text[len(head) : -len("');\n")]
    data: dict[str, object] = json.loads(_unescape(literal))
    return data


def _unescape(literal: str) -> str:
    """A single-quoted JavaScript string's text, for the escapes :func:`_script` writes."""
    escapes = {"\\": "\\", "'": "'", "\n": ""}

    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in escapes:
            raise ValueError(f"unexpected escape {match.group()!r} in a search index")
        return escapes[match.group(1)]

    return re.sub(r"\\(.)", replace, literal, flags=re.DOTALL)
