"""Text normalisation with a map back to the original: text → :class:`Normalised`.

Two foldings share one engine:

* :func:`normalise` is the form in which a citation's quote is compared with its source:
  Unicode NFC, every run of white space → one space, typographic quotation marks → straight
  ones, ``…`` → ``...``. Letter case is kept: it counts.
* :func:`fold` is the form in which a browser compares a text fragment with a page (roughly:
  case and accents ignored, white space collapsed); :func:`find_directive` then finds where a
  browser lands, so that :mod:`generator.textfragment` can check that a ``#:~:text=`` link
  lands on the cited words.

Each returns the new string with an offset map, so that a match found in the normalised string
turns back into the exact ``[start, end)`` of the original text. Both run in linear time: the
characters that need no change are copied by C-level string operations, and only the few that
change go through Python. Word-boundary rules live here too, next to the characters they judge.
This module never reads or writes files and imports nothing of ours.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from types import MappingProxyType

from msgspec import Struct

__all__ = [
    "DOUBLE_QUOTES",
    "SINGLE_QUOTES",
    "Normalised",
    "find_directive",
    "fold",
    "inside_word",
    "is_word_char",
    "normalise",
    "whole_words",
]

SINGLE_QUOTES = "‘’‚‛′‹›"
"""Normalised to the apostrophe ``'``: curly single quotes, the low-9 and reversed-9 forms,
the prime, and single guillemets."""
DOUBLE_QUOTES = "“”„‟″«»"
"""Normalised to the straight double quote ``"``: curly double quotes, the low-9 and
reversed-9 forms, the double prime, and guillemets."""

_PUNCTUATION = MappingProxyType(
    {
        **{ord(c): "'" for c in SINGLE_QUOTES},
        **{ord(c): '"' for c in DOUBLE_QUOTES},
        ord("…"): "...",
    }
)
# A run of two or more white-space characters, or one that is not a plain space.
_SPACE = r"\s{2,}|[^\S ]"
_NORMALISE = re.compile(f"{_SPACE}|[{SINGLE_QUOTES}{DOUBLE_QUOTES}…]")
# Text not yet in NFC: also every run of non-ASCII characters, with the printable ASCII
# character before it (a base letter that a combining mark may compose with).
_NORMALISE_NFC = re.compile(f"{_SPACE}|[!-~]?[^\\x00-\\x7f\\s]+")
_WHITE_SPACE = re.compile(_SPACE)

# Characters that join what is on either side of them into one word, after UAX #29: a word
# goes on across an apostrophe or a full stop between letters (``Taliban’s``, ``U.S``) and a
# comma or full stop between digits (``11,000``, ``3.5``). Citations use only the digit rule,
# so that ``Taliban`` may be quoted from ``Taliban’s``; browsers use all of them.
_BETWEEN_DIGITS = frozenset(",.")
_BETWEEN_DIGITS_BROWSER = frozenset(",.;'’")
_BETWEEN_LETTERS_BROWSER = frozenset(".:'’·")
_JOINERS = frozenset("\u200c\u200d")  # ZWNJ and ZWJ: inside Persian and Indic words


class Normalised(Struct, frozen=True):
    """A normalised string and the map from its offsets back to the original text.

    The original is cut into *chunks*: a chunk is either copied one character for one (then
    each of its characters maps to its own original character) or replaced as a whole (a run
    of white space, ``…``, a composed character); a replaced chunk maps only as a whole. The
    map is kept as segments: ``_norm_starts[k]``/``_orig_starts[k]`` begin segment ``k``,
    which is one-for-one when ``_linear[k]``, else one replaced chunk. A last sentinel segment
    starts at the end of both strings.
    """

    text: str
    """The normalised string."""
    _norm_starts: tuple[int, ...]
    _orig_starts: tuple[int, ...]
    _linear: tuple[bool, ...]

    def _segment(self, index: int) -> int:
        return bisect_right(self._norm_starts, index) - 1

    def is_boundary(self, index: int) -> bool:
        """Whether ``index`` of the normalised text falls between two chunks (or at an end).

        A match that starts or ends elsewhere cuts a replaced chunk, e.g. quotes ``..`` of a
        ``…``, and is not a match of the original text.
        """
        k = self._segment(index)
        return self._linear[k] or self._norm_starts[k] == index

    def original_start(self, index: int) -> int:
        """The original offset of the chunk holding normalised character ``index``."""
        k = self._segment(index)
        if self._linear[k]:
            return self._orig_starts[k] + index - self._norm_starts[k]
        return self._orig_starts[k]

    def original_end(self, index: int) -> int:
        """The original offset just past the chunk holding normalised character ``index - 1``.

        ``original_end(0)`` is 0.
        """
        if index <= 0:
            return 0
        k = self._segment(index - 1)
        if self._linear[k]:
            return self._orig_starts[k] + index - self._norm_starts[k]
        return self._orig_starts[k + 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of normalised ``[start, end)``, widened to whole chunks."""
        if end <= start:
            at = self.original_start(start)
            return at, at
        return self.original_start(start), self.original_end(end)

    def normalised_offset(self, offset: int, *, end: bool = False) -> int:
        """The normalised index of original ``offset``.

        An offset inside a replaced chunk goes to the chunk's start, or with ``end`` to just
        past it, so that ``[normalised_offset(a), normalised_offset(b, end=True))`` covers the
        whole original ``[a, b)``.
        """
        k = bisect_right(self._orig_starts, offset) - 1
        if k < 0:
            return 0
        if k == len(self._orig_starts) - 1 or self._linear[k]:
            return self._norm_starts[k] + offset - self._orig_starts[k]
        if offset == self._orig_starts[k] or not end:
            return self._norm_starts[k]
        return self._norm_starts[k + 1]


Replacer = Callable[[str], list[tuple[int, str]]]
"""Turns a matched chunk into ``(original length, replacement)`` pieces that cover it."""


def _remap(text: str, pattern: re.Pattern[str], replace: Replacer) -> Normalised:
    """Apply ``replace`` to every match of ``pattern`` and record the offset map.

    Text between matches, and replaced pieces of one character by one, are mapped one for
    one; every other piece becomes a replaced chunk (also when NFC only reorders marks: its
    characters no longer correspond one by one). Linear in the length of ``text``.
    """
    pieces: list[str] = []
    norm_starts, orig_starts, linear = [0], [0], [True]
    npos = opos = 0

    def put(original_length: int, replacement: str, one_for_one: bool) -> None:
        nonlocal npos, opos
        if not one_for_one or not linear[-1]:
            norm_starts.append(npos)
            orig_starts.append(opos)
            linear.append(one_for_one)
        pieces.append(replacement)
        npos += len(replacement)
        opos += original_length

    for match in pattern.finditer(text):
        start = match.start()
        if start > opos:
            put(start - opos, text[opos:start], True)
        for original_length, replacement in replace(match.group()):
            same = replacement == text[opos : opos + original_length]
            put(original_length, replacement, len(replacement) == original_length == 1 or same)
    if opos < len(text):
        put(len(text) - opos, text[opos:], True)
    norm_starts.append(npos)
    orig_starts.append(opos)
    linear.append(False)
    return Normalised("".join(pieces), tuple(norm_starts), tuple(orig_starts), tuple(linear))


def _nfc_pieces(chunk: str) -> list[tuple[int, str]]:
    """NFC of ``chunk`` as pieces: one per base character with its marks when that is exact."""
    composed = unicodedata.normalize("NFC", chunk)
    if composed == chunk:
        return [(1, c.translate(_PUNCTUATION)) for c in chunk]
    clusters: list[str] = []
    for c in chunk:
        if clusters and unicodedata.combining(c):
            clusters[-1] += c
        else:
            clusters.append(c)
    pieces = [(len(c), unicodedata.normalize("NFC", c)) for c in clusters]
    if "".join(p for _, p in pieces) != composed:
        # Composition across clusters (Hangul jamo, some Indic vowel signs): keep it whole.
        pieces = [(len(chunk), composed)]
    return [(n, p.translate(_PUNCTUATION)) for n, p in pieces]


def _normalise_piece(chunk: str) -> list[tuple[int, str]]:
    if chunk[0].isspace():
        return [(len(chunk), " ")]
    return [(len(chunk), chunk.translate(_PUNCTUATION))]


def _normalise_piece_nfc(chunk: str) -> list[tuple[int, str]]:
    if chunk[0].isspace():
        return [(len(chunk), " ")]
    return _nfc_pieces(chunk)


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for quote matching, keeping the way back to the original.

    Guarantees: the result is NFC; it has no white space but single spaces (a run of any
    Unicode white space, line breaks included, becomes one space, also at the ends);
    :data:`SINGLE_QUOTES` are ``'`` and :data:`DOUBLE_QUOTES` are ``"``; ``…`` is ``...`` (so
    ``<…>`` is ``<...>`` and ``[…]`` is ``[...]``). Case, dashes and every other character
    are kept. Linear time; text already in NFC skips the per-character NFC pass.
    """
    if unicodedata.is_normalized("NFC", text):
        return _remap(text, _NORMALISE, _normalise_piece)
    return _remap(text, _NORMALISE_NFC, _normalise_piece_nfc)


def _fold_char(c: str) -> str:
    decomposed = unicodedata.normalize("NFD", c.lower())
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))


def fold(text: str) -> Normalised:
    """Fold ``text`` the way a browser compares text fragments, keeping the way back.

    Guarantees: lower case; accents and other combining marks removed; every run of white
    space one space. This approximates the primary-strength comparison of the text-fragment
    spec; it does not equate ``ß`` with ``ss``, nor a ligature with its letters.
    """
    one_for_one: dict[int, str] = {}
    other: dict[str, str] = {}
    for c in set(text):
        if c.isspace():
            continue
        folded = _fold_char(c)
        if folded == c:
            continue
        if len(folded) == 1:
            one_for_one[ord(c)] = folded
        else:
            other[c] = folded
    text = text.translate(one_for_one)  # same length: offsets stay valid
    if not other:
        return _remap(text, _WHITE_SPACE, lambda chunk: [(len(chunk), " ")])
    pattern = re.compile(f"{_SPACE}|[{re.escape(''.join(sorted(other)))}]")

    def replace(chunk: str) -> list[tuple[int, str]]:
        return [(len(chunk), " " if chunk[0].isspace() else other[chunk])]

    return _remap(text, pattern, replace)


def is_word_char(c: str) -> bool:
    """Whether ``c`` belongs to a word: a letter, digit, combining mark, ZWNJ or ZWJ."""
    return c.isalnum() or c in _JOINERS or unicodedata.category(c).startswith("M")


def inside_word(text: str, index: int, *, browser: bool = False) -> bool:
    """Whether position ``index`` (between ``text[index - 1]`` and ``text[index]``) is in a word.

    Two word characters are always one word; so are digits around ``,`` or ``.`` (``11,000``).
    With ``browser``, also letters around an apostrophe, ``.``, ``:`` or ``·`` (``Taliban’s``)
    and digits around ``;`` or an apostrophe, as browsers find word boundaries (UAX #29).
    The ends of the text are never inside a word.
    """
    if index <= 0 or index >= len(text):
        return False
    before, after = text[index - 1], text[index]
    if before.isspace() or after.isspace():
        return False  # the common case; white space neither is nor joins a word character
    if is_word_char(before) and is_word_char(after):
        return True
    digits = _BETWEEN_DIGITS_BROWSER if browser else _BETWEEN_DIGITS
    letters = _BETWEEN_LETTERS_BROWSER if browser else frozenset()
    for mid, prev, nxt in ((after, index - 1, index + 1), (before, index - 2, index)):
        if prev >= 0 and nxt < len(text):
            left, right = text[prev], text[nxt]
            if mid in digits and left.isdigit() and right.isdigit():
                return True
            if mid in letters and left.isalpha() and right.isalpha():
                return True
    return False


def whole_words(text: str, start: int, end: int, *, browser: bool = False) -> tuple[int, int]:
    """``[start, end)`` widened outwards to the nearest word boundaries (:func:`inside_word`)."""
    while inside_word(text, start, browser=browser):
        start -= 1
    while inside_word(text, end, browser=browser):
        end += 1
    return start, end


def _skip_space(folded: str, at: int) -> int:
    return at + 1 if folded.startswith(" ", at) else at


def _find(
    folded: str, query: str, lo: int, *, start_bounded: bool, end_bounded: bool, here: bool
) -> tuple[int, int] | None:
    """The spec's "find a string in range" from ``lo`` on: the first bounded match."""
    at = folded.find(query, lo)
    while at >= 0 and not (here and at != lo):
        end = at + len(query)
        if not (start_bounded and inside_word(folded, at, browser=True)) and not (
            end_bounded and inside_word(folded, end, browser=True)
        ):
            return at, end
        at = folded.find(query, at + 1)
    return None


def find_directive(
    folded: str, prefix: str | None, start: str, end: str | None, suffix: str | None
) -> tuple[int, int] | None:
    """Where a browser lands for a text directive: the spec's "find a range from a text directive".

    All strings are :func:`fold`-ed; ``folded`` stands for the page. Returns the folded
    ``[start, end)`` of the first passage that matches ``start`` (through ``end`` when given)
    with ``prefix`` just before it and ``suffix`` just after, each term word-bounded as the
    spec requires, or None. Blocks are not modelled: the page is one run of text.
    """
    size, search = len(folded), 0
    end_bounded = end is not None or suffix is None
    while search < size:
        if prefix is not None:
            found = _find(folded, prefix, search, start_bounded=True, end_bounded=False, here=False)
            if found is None:
                return None
            search = found[0] + 1
            at = _skip_space(folded, found[1])
            match = _find(
                folded, start, at, start_bounded=False, end_bounded=end_bounded, here=True
            )
            if match is None:
                continue
        else:
            match = _find(
                folded, start, search, start_bounded=True, end_bounded=end_bounded, here=False
            )
            if match is None:
                return None
            search = match[0] + 1
        first, last = match
        if end is None and suffix is None:
            return first, last
        scan = last
        while scan < size:
            if end is not None:
                ending = _find(
                    folded, end, scan, start_bounded=True, end_bounded=suffix is None, here=False
                )
                if ending is None:
                    return None
                last = ending[1]
            if suffix is None:
                return first, last
            at = _skip_space(folded, last)
            if _find(folded, suffix, at, start_bounded=False, end_bounded=True, here=True):
                return first, last
            if end is None:
                break
            scan = last
        else:
            return None
    return None
