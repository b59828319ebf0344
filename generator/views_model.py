"""The parts of the view models: links, marks, notes, facts, list items and so on.

Templates get a page model (``views_pages``) as ``view``; these are its fields. Every URL in a
view is already relative to the page that shows it; every list is already sorted and numbered.
Fields typed ``Markup`` hold HTML rendered here (Markdown, marks, JSON-LD) and are printed as
is; every other string is escaped by the template engine. The builders live in ``views_*.py``.

The pieces that pages repeat many times (a link, a date, a mark, a note, the navigation) also
carry their HTML (``html`` or ``*_html``), made once with the value: a template prints each as
one value instead of escaping and joining each of its fields, which was most of the cost of a
page. Many are shared by every page of a folder (see ``views_base.Memo``). The fields stay, for
a theme that wants other markup; the default theme prints the HTML, so the two must agree with
what its templates printed before (the golden site checks it byte for byte).
"""

from __future__ import annotations

from markupsafe import Markup
from msgspec import Struct
from msgspec.structs import force_setattr

from generator.htmlsafe import escape_text, markup

__all__ = [
    "ClaimView",
    "ContestedView",
    "DateView",
    "EventItem",
    "FactView",
    "Layout",
    "Link",
    "LinkGroup",
    "Mark",
    "Marks",
    "NavItem",
    "Note",
    "OtherName",
    "OtherNames",
    "Passage",
    "RelationView",
    "time_html",
]


def time_html(display: str, iso: str) -> Markup:
    """A date for readers in ``<time datetime>``, or alone when it has no ISO form (a decade)."""
    if not iso:
        return markup(escape_text(display))
    return markup(f'<time datetime="{escape_text(iso)}">{escape_text(display)}</time>')


class Link(Struct, frozen=True):
    """A link: a relative URL and its text."""

    href: str
    text: str
    html: Markup = Markup()
    """``<a href="…">text</a>``."""

    def __post_init__(self) -> None:
        html = f'<a href="{escape_text(self.href)}">{escape_text(self.text)}</a>'
        force_setattr(self, "html", markup(html))


class LinkGroup(Struct, frozen=True):
    """Links under a label ("Actors", "Places"…)."""

    label: str
    links: tuple[Link, ...]


class NavItem(Struct, frozen=True):
    """One entry of the site navigation."""

    href: str
    label: str
    current: str
    """The ``aria-current`` value: ``page`` (this page), ``true`` (its section) or empty."""
    html: Markup = Markup()
    """``<a href="…" aria-current="…">label</a>``, without ``aria-current`` when it is empty."""

    def __post_init__(self) -> None:
        current = f' aria-current="{escape_text(self.current)}"' if self.current else ""
        html = f'<a href="{escape_text(self.href)}"{current}>{escape_text(self.label)}</a>'
        force_setattr(self, "html", markup(html))


class Layout(Struct, frozen=True):
    """What ``base.html`` needs on every page."""

    lang: str
    """The site's language, for ``<html lang>``."""
    site_title: str
    title: str
    """The document title (``<title>``)."""
    description: str
    """Plain text for ``<meta name="description">``."""
    home: str
    stylesheet: str
    script: str
    data: str
    """The relative URL of ``explainer.json``."""
    nav: tuple[NavItem, ...]
    nav_html: Markup
    """The navigation's ``<li>`` items, one per line, indented for the list they go in."""
    jsonld: Markup
    """schema.org JSON-LD, already safe to print inside ``<script>``."""
    body_class: str
    root: str
    """The relative path from the page to the site root (``""``, ``"../"``): ``data-root``."""
    search_script: str
    """The relative URL of the theme's ``search.js``."""
    search_page: str
    """The relative URL of ``search.html`` (full results; the search form's action)."""


class Mark(Struct, frozen=True):
    """A numbered citation mark in the text; it links to the cited sentence of the source, and
    names its note (``note-N``, the quoted words at the bottom of the page) in ``data-note``."""

    number: int
    href: str
    """The source page at the first sentence of the quoted words (``../sources/x.html#s5``)."""
    label: str
    """The accessible name: ``Source N``."""
    id: str
    """``mark-N`` on the first mark of a note (the note links back to it), else empty."""
    html: Markup
    """The mark as HTML, the same in facts and in Markdown."""


class Marks(tuple[Mark, ...]):
    """The marks of one statement, in order; printed, they are their HTML one after another."""

    __slots__ = ()

    def __html__(self) -> str:
        return "".join(mark.html for mark in self)


class Passage(Struct, frozen=True):
    """The words a note quotes, their source and the link to them in the original: the same
    wherever they are cited, so the notes that cite them share one."""

    quote: str
    """The exact words of the source."""
    lang: str
    """The language of the source, for the quote's ``lang``."""
    source_title: str
    publisher: str
    published: str
    published_iso: str
    original: str
    """The original URL with a text fragment, or empty when the source has no URL."""
    original_url: str
    """The original URL without a fragment (shown in print)."""
    quote_html: Markup
    """``<q class="note-quote" lang="…">quote</q>``."""
    source_html: Markup
    """``<cite>title</cite>``, the publisher and the date in ``<time>``."""
    original_html: Markup
    """``<a class="external" …>`` to the words in the original, or empty."""


class Note(Struct, frozen=True):
    """A numbered note at the bottom of a page: the quoted words and where they are."""

    number: int
    id: str
    """``note-N``: what the marks name in ``data-note`` (the citation pop-up shows it)."""
    back: str
    """``#mark-N``: the first mark that cites this note."""
    passage: Passage
    sentence: Link
    """The source page at the first sentence of the quote."""
    html: Markup
    """The whole ``<li>``, one line per part, indented for the list it is printed in."""


class OtherName(Struct, frozen=True):
    """A name in another script."""

    text: str
    lang: str
    dir: str
    language: str
    """The language's name in English ("Persian")."""
    html: Markup = Markup()
    """``<span class="other-name">``: the language's name, then the name in its script."""

    def __post_init__(self) -> None:
        html = (
            f'<span class="other-name"><span class="lang-label">{escape_text(self.language)}'
            f'</span> <span lang="{escape_text(self.lang)}" dir="{escape_text(self.dir)}">'
            f"{escape_text(self.text)}"
            "</span></span>"
        )
        force_setattr(self, "html", markup(html))


class OtherNames(tuple[OtherName, ...]):
    """Names in other scripts; printed, they are their HTML, one per line."""

    __slots__ = ()

    def __html__(self) -> str:
        return "".join(f"{name.html}\n" for name in self)


class DateView(Struct, frozen=True):
    """A dated field with its precision and marks; no marks means uncited."""

    label: str
    display: str
    iso: str
    """For ``<time datetime>``; empty when the date has no valid machine form (a decade)."""
    marks: Marks
    time_html: Markup = Markup()
    """The date in ``<time>`` (see ``time_html``)."""

    def __post_init__(self) -> None:
        force_setattr(self, "time_html", time_html(self.display, self.iso))


class FactView(Struct, frozen=True):
    """A fact in the list of an entity's facts."""

    anchor: str
    html: Markup
    marks: Marks
    claimed_by: Link | None
    as_of: str
    contested: str
    """The relative URL of the Contested block that shows this fact, or empty."""


class ClaimView(Struct, frozen=True):
    """One side of a contested statement."""

    claimant: Link | None
    html: Markup
    marks: Marks
    fact: Link
    """The fact on the page that holds it."""


class ContestedView(Struct, frozen=True):
    """Facts that dispute each other, shown side by side."""

    id: str
    claims: tuple[ClaimView, ...]


class RelationView(Struct, frozen=True):
    """A relation or affiliation read from this page's entity: "child of Ahmad Shah Massoud"."""

    label: str
    target: Link
    marks: Marks


class EventItem(Struct, frozen=True):
    """An event in a list: date, name, kind, who and where."""

    link: Link
    when: str
    """The date, with its precision ("August 2021")."""
    iso: str
    until: str
    """The end date, or empty."""
    until_iso: str
    year: str
    """The group it is listed under: ``2021``, or ``1990s`` for a decade."""
    kind: str
    summary: Markup
    actors: tuple[Link, ...]
    places: tuple[Link, ...]
    uncited: bool
    """True when the date is not cited."""
    when_html: Markup = Markup()
    """The dates in ``<time>``, joined by a dash, and "(date uncited)" when it is."""

    def __post_init__(self) -> None:
        html = time_html(self.when, self.iso)
        if self.until:
            html += Markup(" – ") + time_html(self.until, self.until_iso)
        if self.uncited:
            html += Markup(' <span class="uncited">(date uncited)</span>')
        force_setattr(self, "when_html", html)
