"""Text fragments (https://wicg.github.io/scroll-to-text-fragment/): a span of a source's text →
the ``:~:text=`` directive that lands a browser on the same words in the original.

The directive is checked by simulating the browser's search on the source text (folded as
browsers compare, :mod:`generator.textnorm`), so context is added only where it is needed.
Pure functions of the text; nothing here reads or writes.
"""

from __future__ import annotations

import re
import string

from generator.textnorm import Normalised, find_directive, fold, whole_words

__all__ = ["text_fragment"]


_EXPLICIT = frozenset(string.ascii_letters + string.digits + "!$'()*+./:;=?@_~")
"""Characters a text directive may hold unencoded; everything else is percent-encoded."""
_EXACT_WORDS = 10
"""Quotes of more words use the ``textStart,textEnd`` form."""
_RANGE_WORDS = (4, 6, 8, 12)
"""Words in ``textStart`` and ``textEnd``, tried in turn until the link lands."""
_CONTEXT = ((0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 2), (3, 3), (5, 5), (8, 8))
"""(prefix words, suffix words), tried in turn until the link lands."""
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")


def _percent(c: str) -> str:
    return c if c in _EXPLICIT else "".join(f"%{b:02X}" for b in c.encode())


_ASCII_PERCENT = str.maketrans({chr(n): _percent(chr(n)) for n in range(128)})
"""``_encode`` for ASCII text, as one ``str.translate``."""


def _encode(term: str) -> str:
    if term.isascii():
        return term.translate(_ASCII_PERCENT)
    return "".join(_percent(c) for c in term)


def _context(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Up to 8 whitespace-separated words before and after ``[start, end)``: the words, in
    text order (:func:`_context_terms` makes the prefixes and suffixes of n words).

    Context stops at a paragraph break (a browser matches each term within one block).
    """
    before = _PARAGRAPH.split(text[max(start - 400, 0) : start])[-1]
    after = _PARAGRAPH.split(text[end : end + 400])[0]
    return before.split()[-8:], after.split()[:8]


def _context_terms(words: list[str], n: int, *, before: bool) -> str | None:
    """The ``n`` words of context nearest the quote, or None for none; ``""`` when there
    are not that many words."""
    if not n:
        return None
    if n > len(words):
        return ""
    return " ".join(words[-n:] if before else words[:n])


def _terms(quote: str) -> list[tuple[str, str | None]]:
    """(textStart, textEnd) candidates for the quote: the exact form, or ranges."""
    paragraphs = [p.split() for p in _PARAGRAPH.split(quote)]
    words = [w for p in paragraphs for w in p]
    if len(words) <= _EXACT_WORDS and len(paragraphs) == 1:
        return [(" ".join(words), None)]
    head, tail = paragraphs[0], paragraphs[-1]
    found: list[tuple[str, str | None]] = []
    for n in _RANGE_WORDS:
        if len(paragraphs) == 1 and 2 * n > len(words):
            break
        found.append((" ".join(head[:n]), " ".join(tail[-n:])))
    return found or [(" ".join(words), None)]


def text_fragment(text: str, start: int, end: int, *, folded: Normalised | None = None) -> str:
    """The ``:~:text=`` directive (no leading ``#``) that lands on ``text[start:end]``.

    The span is first trimmed of white space and widened to whole words as browsers see
    them. A quote of up to ten words, in one paragraph, is given whole; a longer one as
    ``textStart,textEnd`` (four words each, more if needed). Context (``prefix-,`` and
    ``,-suffix``, whole adjacent words) is added only when, without it, a browser's search
    (simulated on ``text`` per the spec: case and accents ignored, word-bounded, first match)
    would land elsewhere. Every term is percent-encoded, ``-``, ``,`` and ``&`` included. When
    no context tried makes the link unique, returns the form without context.
    Raises ValueError for a span that is out of range or only white space.

    The search needs ``fold(text)``, linear in the length of ``text``; a caller that links
    many quotes of one long source passes it once made as ``folded``.
    """
    if not 0 <= start < end <= len(text) or not text[start:end].strip():
        raise ValueError(f"no words to link to in [{start}, {end})")
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    start, end = whole_words(text, start, end, browser=True)
    folded = fold(text) if folded is None else folded
    target = (folded.normalised_offset(start), folded.normalised_offset(end, end=True))
    candidates = _terms(text[start:end])

    def key(term: str | None) -> str | None:
        if term is None:
            return None
        if term.isascii():  # the common case, without the per-character Unicode pass
            return " ".join(term.lower().split())
        return fold(term).text.strip(" ")

    context: tuple[list[str], list[str]] | None = None  # made when a first try lands elsewhere
    for first, last in candidates:
        first_key, last_key = key(first) or "", key(last)
        for n_before, n_after in _CONTEXT:
            if context is None and (n_before or n_after):
                context = _context(text, start, end)
            words_before, words_after = context or ([], [])
            prefix = _context_terms(words_before, n_before, before=True)
            suffix = _context_terms(words_after, n_after, before=False)
            if prefix == "" or suffix == "":
                continue  # not that many words of context
            landed = find_directive(folded.text, key(prefix), first_key, last_key, key(suffix))
            if landed == target:
                return _directive(prefix, first, last, suffix)
    first, last = candidates[0]
    return _directive(None, first, last, None)


def _directive(prefix: str | None, first: str, last: str | None, suffix: str | None) -> str:
    parts = [f"{_encode(prefix)}-"] if prefix else []
    parts.append(_encode(first))
    if last:
        parts.append(_encode(last))
    if suffix:
        parts.append(f"-{_encode(suffix)}")
    return ":~:text=" + ",".join(parts)
