"""Our Markdown: CommonMark via markdown-it-py, plus cross-references and citation marks.

Syntax added on top of CommonMark:

- ``[text](@id)`` links an entity by id (a link whose destination starts with ``@``);
- ``[^source#s5]`` cites sentence 5 of a source, ``[^source "exact words"]`` cites a quote
  (a straight double quote inside the quote is written ``\\"``).

``scan_markdown`` finds what a text refers to (for the link stage, no rendering);
``render_block``/``render_inline`` turn text into HTML given a :class:`Resolver` that the view
layer provides. Raw HTML is never passed through: it is reported by ``scan_markdown`` and
escaped by the renderer, and links with unsafe schemes are reported and never rendered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from msgspec import Struct

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

__all__ = [
    "CITE_MARK",
    "Markdown",
    "MarkdownScan",
    "Resolver",
    "create_markdown",
    "plain_words",
    "render_block",
    "render_inline",
    "scan_markdown",
]

CITE_MARK = re.compile(
    r'\[\^(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*)(?:#s(?P<sentence>[0-9]+)|\s+"(?P<quote>(?:[^"\\\n]|\\.)+)")\]'
)
"""A citation mark in running text; also used by ``validate`` to locate marks in pages."""

SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_ENV_KEY = "explainer"


class Resolver(Protocol):
    """What rendering needs from the view layer."""

    def xref_href(self, entity_id: str) -> str:
        """The relative URL of an entity's page."""
        ...

    def cite_mark(self, source: str, quote: str | None, sentence: int | None) -> str:
        """The HTML of a numbered citation mark."""
        ...


class MarkdownScan(Struct, frozen=True):
    """What a Markdown text points at; line offsets count from the text's first line (0)."""

    xrefs: tuple[tuple[str, int], ...]
    """(entity id, line offset) of each ``[text](@id)``."""
    unsafe_links: tuple[tuple[str, int], ...]
    """(destination, line offset) of each link whose scheme is not http, https or mailto."""
    raw_html: tuple[tuple[str, int], ...]
    """(the HTML, line offset) of each piece of raw HTML."""


def _unescape_quote(raw: str) -> str:
    return re.sub(r"\\(.)", r"\1", raw)


def _cite_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[^", state.pos):
        return False
    match = CITE_MARK.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("cite_mark", "", 0)
        sentence = match["sentence"]
        token.meta = {
            "source": match["source"],
            "sentence": int(sentence) if sentence else None,
            "quote": _unescape_quote(match["quote"]) if match["quote"] else None,
        }
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _validate_link(url: str) -> bool:
    # Accept everything at parse time so that unsafe links show up as tokens and can be
    # reported; the renderer refuses them again (see _render_link_open).
    return True


def _is_safe_href(href: str) -> bool:
    if href.startswith("@"):
        return True
    scheme = _SCHEME.match(href.strip())
    return scheme is None or scheme.group(0).lower() in SAFE_SCHEMES


def _resolver(env: EnvType) -> Resolver:
    resolver: Resolver = env[_ENV_KEY]
    return resolver


def _render_cite(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    meta = tokens[idx].meta
    return _resolver(env).cite_mark(meta["source"], meta["quote"], meta["sentence"])


def _render_link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    href = str(token.attrs.get("href", ""))
    if href.startswith("@"):
        token.attrSet("href", _resolver(env).xref_href(href[1:]))
        token.attrJoin("class", "xref")
    elif not _is_safe_href(href):
        token.attrSet("href", "#")
    return self.renderToken(tokens, idx, options, env)


def _escape_html(raw: str) -> str:
    """What markdown-it escapes in text: ``& < > "`` (not ``'``)."""
    return (
        raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _render_html(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return _escape_html(tokens[idx].content)


class Markdown:
    """Our Markdown renderer, made when first needed. Most texts take the fast path (below),
    and a run whose every text does never imports markdown-it: that import was a tenth of
    the start of every command."""

    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: MarkdownIt | None = None

    @property
    def it(self) -> MarkdownIt:
        """The markdown-it parser and renderer."""
        if self._made is None:
            self._made = _make_markdown_it()
        return self._made


def create_markdown() -> Markdown:
    """A fresh renderer: CommonMark + tables + strikethrough + our two plugins."""
    return Markdown()


def _make_markdown_it() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.inline.ruler.before("link", "cite_mark", _cite_rule)
    md.add_render_rule("cite_mark", _render_cite)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("html_inline", _render_html)
    md.add_render_rule("html_block", _render_html)
    return md


def _walk(tokens: Sequence[Token], line: int, out: dict[str, list[tuple[str, int]]]) -> None:
    for token in tokens:
        here = token.map[0] if token.map else line
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if href.startswith("@"):
                out["xrefs"].append((href[1:], here))
            elif not _is_safe_href(href):
                out["unsafe"].append((href, here))
        elif token.type in ("html_inline", "html_block"):
            out["html"].append((token.content.strip(), here))
        if token.children:
            _walk(token.children, here, out)


# The fast path. Most statements are plain prose with a few ``[words](@id)`` links; for those,
# CommonMark's result is known without parsing: escaped text and one <a> per link. A text takes
# the fast path only when, outside such links and inside their words, it holds no character
# that could start any other Markdown construct; tests check both paths agree on many texts.
_SIMPLE_LINK = re.compile(r"\[([^\[\]\n]+)\]\(@([^()\s]+)\)")
# Characters that may start another construct, and the starts of autolinks (checked only when
# the text has "http", "www." or "@": one pattern of both ran ten times slower on plain prose,
# trying every alternative at every position).
_INLINE_SPECIAL = re.compile(r"[*_`\\<>&\[\]!~\n\r\t|]")
_AUTOLINK = re.compile(r"https?:|www\.|@\w+\.|\w@")


def _is_special(part: str) -> bool:
    if _INLINE_SPECIAL.search(part) is not None:
        return True
    maybe = "http" in part or "www." in part or "@" in part
    return maybe and _AUTOLINK.search(part) is not None


_BLOCK_START = re.compile(r"[ \t]*(?:[#>+=*_~`-]|[0-9]+[.)]|$)")


def _simple_parts(text: str) -> list[str] | None:
    """Text and link pieces ``[text, words, id, text, …]``, or None if ``text`` is not simple."""
    if text[:1] == " " or text[-1:] == " ":
        return None
    parts = _SIMPLE_LINK.split(text)
    for index, part in enumerate(parts):
        if index % 3 != 2 and _is_special(part):
            return None
        if index % 3 == 1 and (part != part.strip() or not part):
            return None
    return parts


def _render_simple(parts: list[str], resolver: Resolver) -> str:
    out = []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            out.append(_escape_html(part))
        elif index % 3 == 1:
            href = _escape_html(resolver.xref_href(parts[index + 1]))
            out.append(f'<a href="{href}" class="xref">{_escape_html(part)}</a>')
    return "".join(out)


def scan_markdown(md: Markdown, text: str) -> MarkdownScan:
    """Parse ``text`` and list its cross-references, unsafe links and raw HTML."""
    if "[" not in text and "<" not in text:
        return MarkdownScan((), (), ())
    parts = _simple_parts(text)
    if parts is not None:
        return MarkdownScan(tuple((parts[i], 0) for i in range(2, len(parts), 3)), (), ())
    out: dict[str, list[tuple[str, int]]] = {"xrefs": [], "unsafe": [], "html": []}
    _walk(md.it.parse(text, {}), 0, out)
    return MarkdownScan(tuple(out["xrefs"]), tuple(out["unsafe"]), tuple(out["html"]))


def render_block(md: Markdown, text: str, resolver: Resolver) -> str:
    """Render paragraphs, lists and so on."""
    if text and not _BLOCK_START.match(text):
        parts = _simple_parts(text)
        if parts is not None:
            return f"<p>{_render_simple(parts, resolver)}</p>\n"
    env: dict[str, Any] = {_ENV_KEY: resolver}
    html: str = md.it.render(text, env)
    return html


def plain_words(text: str, *, block: bool) -> str | None:
    """The words of a text that takes the fast path (plain prose with ``[words](@id)``
    links), as its rendering would read without tags; None when only the full renderer can
    say. ``block``: the text is rendered as a paragraph (:func:`render_block`)."""
    if block and (not text or _BLOCK_START.match(text)):
        return None
    parts = _simple_parts(text)
    if parts is None:
        return None
    return "".join(part for index, part in enumerate(parts) if index % 3 != 2)


def render_inline(md: Markdown, text: str, resolver: Resolver) -> str:
    """Render one statement without a wrapping paragraph."""
    parts = _simple_parts(text)
    if parts is not None:
        return _render_simple(parts, resolver)
    env: dict[str, Any] = {_ENV_KEY: resolver}
    html: str = md.it.renderInline(text, env)
    return html
