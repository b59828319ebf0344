"""Citations: a quote or ``#sN`` + a source's sentences → :class:`ResolvedCitation`.

A quote is matched in the source after :func:`~generator.textnorm.normalise` on both sides,
must occur exactly once, and must start and end on word boundaries; it resolves to every
sentence its span touches. A quote that does not resolve raises :class:`ContentError` with
one of the E3xx codes and a hint (for a quote found nowhere, the closest passage of the
source). This module also counts coverage; links to the cited words in the original are made
by :mod:`generator.textfragment`. It never reads files: sources and sentences come in as values.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from generator.diagnostics import ContentError, Diagnostic, Severity
from generator.model import CiteSpec, ResolvedCitation, Sentence, Source
from generator.textnorm import (
    Normalised,
    inside_word,
    normalise,
    whole_words,
)

__all__ = [
    "SourceIndex",
    "closest_passage",
    "coverage",
    "index_source",
    "resolve_citation",
]

_PASSAGE_MAX = 100
"""Longest passage a hint shows, in characters, before it is cut with ``…``."""
_CANDIDATES = 8
"""Sentences compared in full with a quote that is not found."""
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SourceIndex:
    """One source prepared for many lookups; build it once with :func:`index_source`."""

    source: Source
    sentences: tuple[Sentence, ...]
    """The source's sentences in document order."""
    norm: Normalised
    """The normalised source text and its map back to ``source.text``."""
    starts: tuple[int, ...]
    """``sentences[k].start`` for every k, to bisect."""
    norm_sentences: tuple[str, ...]
    """Each sentence's normalised text, for fuzzy search."""
    line_starts: tuple[int, ...]
    """Offset of the first character of each line of ``source.text``."""
    word_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    """What :meth:`words` gives, made the first time it is asked for: only the hint for a
    quote that is not found needs it, and making it was a third of resolving citations."""

    def words(self) -> Mapping[str, tuple[int, ...]]:
        """Lower-case word → positions in ``sentences`` of the sentences that have it."""
        if not self.word_cache:
            words: dict[str, list[int]] = {}
            for k, text in enumerate(self.norm_sentences):
                for word in set(_WORD.findall(text.lower())):
                    words.setdefault(word, []).append(k)
            self.word_cache.update((word, tuple(found)) for word, found in words.items())
        return self.word_cache

    def sentences_in(self, start: int, end: int) -> tuple[int, ...]:
        """The 1-based indexes of the sentences that original ``[start, end)`` touches."""
        k = max(bisect_right(self.starts, start) - 1, 0)
        found = []
        for sentence in self.sentences[k:]:
            if sentence.start >= end:
                break
            if sentence.end > start:
                found.append(sentence.index)
        return tuple(found)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of ``offset`` in the source text."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


def index_source(source: Source, sentences: tuple[Sentence, ...]) -> SourceIndex:
    """Prepare ``source`` for :func:`resolve_citation`: linear in the length of its text.

    ``sentences`` must be the source's sentences in document order.
    """
    norm = normalise(source.text)
    norm_sentences = tuple(
        norm.text[norm.normalised_offset(s.start) : norm.normalised_offset(s.end, end=True)]
        for s in sentences
    )
    line_starts = (0, *(m.end() for m in re.finditer("\n", source.text)))
    return SourceIndex(
        source, sentences, norm, tuple(s.start for s in sentences), norm_sentences, line_starts
    )


def _fail(spec: CiteSpec, code: str, message: str, hint: str) -> ContentError:
    return ContentError(Diagnostic(spec.location, Severity.ERROR, code, message, hint))


def _ids(indexes: Sequence[int]) -> str:
    if not indexes:
        return "outside every sentence"
    if len(indexes) == 1:
        return f"s{indexes[0]}"
    return f"s{indexes[0]}–s{indexes[-1]}"


def _show(text: str) -> str:
    """``text`` on one line, cut to :data:`_PASSAGE_MAX` characters, in double quotes."""
    flat = " ".join(text.split())
    if len(flat) > _PASSAGE_MAX:
        flat = flat[:_PASSAGE_MAX].rstrip() + "…"
    return f'"{flat}"'


def resolve_citation(spec: CiteSpec, index: SourceIndex) -> ResolvedCitation:
    """Resolve one citation against its source's index.

    Returns the exact span of the quote in the original text (the whole sentence for
    ``#sN``) and the ascending sentence indexes it touches. Raises :class:`ContentError` at
    ``spec.location``: E301 quote found nowhere (hint: the closest passage), E302 found more
    than once (every place), E303 sentence number out of range, E304 found only as part of
    longer words, E305 empty quote.
    """
    source_id = index.source.id
    if spec.quote is None and spec.sentence is not None:
        count = len(index.sentences)
        if not 1 <= spec.sentence <= count:
            valid = f"s1 to s{count}" if count else "no sentences"
            message = f"sentence s{spec.sentence} is out of range for {source_id}"
            raise _fail(spec, "E303", message, f"{source_id} has {valid}")
        sentence = index.sentences[spec.sentence - 1]
        text = index.source.text[sentence.start : sentence.end]
        return ResolvedCitation(
            source_id, (sentence.index,), sentence.start, sentence.end, text, spec.location
        )
    quote = normalise_quote(spec.quote or "")
    if not quote:
        raise _fail(
            spec,
            "E305",
            f"empty quote for {source_id}",
            f"quote the exact words of the source, or cite a whole sentence as {source_id}#sN",
        )
    whole, partial = _occurrences(quote, index)
    if len(whole) == 1:
        start, end = whole[0]
        touched = index.sentences_in(start, end)
        if not touched:
            raise _fail(
                spec,
                "E301",
                f"quote found in {source_id} only outside its sentences",
                f"it is at {_location(index, start)}, which no sentence covers; "
                "quote words of a sentence",
            )
        text = index.source.text[start:end]
        return ResolvedCitation(source_id, touched, start, end, text, spec.location)
    if len(whole) > 1:
        raise _duplicate(spec, index, whole)
    if partial:
        raise _partial(spec, index, partial)
    raise _fail(spec, "E301", f"quote not found in {source_id}", _not_found_hint(quote, index))


def normalise_quote(quote: str) -> str:
    """A quote as it is searched for: normalised, without white space at the ends.

    ASCII quotes, nearly all of them, take a shortcut: NFC, quotes and ellipses leave ASCII
    as it is, so only runs of white space change (a test checks the two ways agree).
    """
    if quote.isascii():
        return " ".join(quote.split())
    return normalise(quote).text.strip(" ")


def _occurrences(
    quote: str, index: SourceIndex
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Original spans where ``quote`` occurs: on word boundaries, and only inside words."""
    norm = index.norm
    whole: list[tuple[int, int]] = []
    partial: list[tuple[int, int]] = []
    at = norm.text.find(quote)
    while at >= 0:
        end = at + len(quote)
        span = norm.original_span(at, end)
        cut = not (norm.is_boundary(at) and norm.is_boundary(end))
        (partial if cut or _cuts_word(norm.text, at, end) else whole).append(span)
        at = norm.text.find(quote, at + 1)
    return whole, partial


def _cuts_word(text: str, start: int, end: int) -> bool:
    return inside_word(text, start) or inside_word(text, end)


def _location(index: SourceIndex, offset: int) -> str:
    line, col = index.line_col(offset)
    return f"{index.source.text_path}:{line}:{col}"


def _place(index: SourceIndex, start: int, end: int) -> str:
    return f"{_ids(index.sentences_in(start, end))} ({_location(index, start)})"


def _duplicate(spec: CiteSpec, index: SourceIndex, spans: list[tuple[int, int]]) -> ContentError:
    places = ", ".join(_place(index, start, end) for start, end in spans)
    first = index.sentences_in(*spans[0])
    whole = f"{index.source.id}#s{first[0]}" if first else f"{index.source.id}#sN"
    return _fail(
        spec,
        "E302",
        f"quote found {len(spans)} times in {index.source.id}: {places}",
        f"quote a longer passage so that it occurs only once, or cite a whole sentence as {whole}",
    )


def _partial(spec: CiteSpec, index: SourceIndex, spans: list[tuple[int, int]]) -> ContentError:
    text = index.source.text
    shown: dict[str, None] = {}  # distinct words and places, in order
    for start, end in spans:
        wide = whole_words(text, start, end)
        shown[f"{_show(text[wide[0] : wide[1]])} ({_ids(index.sentences_in(*wide))})"] = None
    more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    return _fail(
        spec,
        "E304",
        f"quote found in {index.source.id} only as part of longer words",
        f"the whole words are {', '.join(list(shown)[:3])}{more}; quote whole words",
    )


def _not_found_hint(quote: str, index: SourceIndex) -> str:
    """The closest passage of the source and, when it is cheap to say, what differs.

    A passage that differs only in letter case is found exactly; any other by
    :func:`closest_passage`.
    """
    norm = index.norm
    found = next(
        (
            norm.original_span(*match.span())
            for match in re.finditer(re.escape(quote), norm.text, re.IGNORECASE)
            if not _cuts_word(norm.text, *match.span())
        ),
        None,
    ) or closest_passage(quote, index)
    if found is None:
        return f"{index.source.id} has no text to compare with"
    start, stop = found
    passage = norm.text[norm.normalised_offset(start) : norm.normalised_offset(stop, end=True)]
    where = _ids(index.sentences_in(start, stop))
    hint = f"closest passage ({where}): {_show(index.source.text[start:stop])}"
    difference = _difference(quote, passage)
    return f"{hint}\n{difference}" if difference else hint


def _candidates(quote: str, index: SourceIndex) -> list[int]:
    """Up to :data:`_CANDIDATES` sentence positions sharing the most telling words with quote.

    Each shared word counts its inverse sentence frequency, so that a rare name outweighs
    ``the``; words in more than a quarter of the sentences are not counted at all.
    """
    count = len(index.sentences)
    scores: dict[int, float] = {}
    for word in set(_WORD.findall(quote.lower())):
        found = index.words().get(word, ())
        if found and len(found) <= count // 4 + 1:
            weight = math.log(count / len(found)) + 1
            for k in found:
                scores[k] = scores.get(k, 0.0) + weight
    return sorted(scores, key=lambda k: (-scores[k], k))[:_CANDIDATES]


def closest_passage(quote: str, index: SourceIndex) -> tuple[int, int] | None:
    """The original ``[start, end)`` of the source passage most like ``quote`` (normalised).

    Picks the sentences that share the rarest words with the quote (a word index lookup),
    keeps the one whose best-matching substring is most like the quote (rapidfuzz
    ``partial_ratio``), then aligns the quote in a window around it, so that a quote over
    several sentences is found whole, and trims the passage to whole words. Without any
    shared word, every sentence is compared with the quote's first 64 characters. None when
    the source has no sentences.
    """
    if not index.sentences:
        return None
    from rapidfuzz import fuzz, process  # only a quote found nowhere needs it

    candidates = _candidates(quote, index)
    if candidates:
        texts = [index.norm_sentences[k] for k in candidates]
        k = candidates[process.extractOne(quote, texts, scorer=fuzz.partial_ratio)[2]]
    else:
        k = process.extractOne(quote[:64], index.norm_sentences, scorer=fuzz.partial_ratio)[2]
    norm, last_sentence = index.norm, len(index.sentences) - 1
    first = last = k
    while True:  # widen to about twice the quote: it may start or end in a neighbour
        lo = norm.normalised_offset(index.sentences[first].start)
        hi = norm.normalised_offset(index.sentences[last].end, end=True)
        if hi - lo >= 2 * len(quote) or (first == 0 and last == last_sentence):
            break
        first, last = max(first - 1, 0), min(last + 1, last_sentence)
    window = norm.text[lo:hi]
    aligned = fuzz.partial_ratio_alignment(quote, window)
    if aligned is None:  # only for empty strings, which a quote never is
        return index.sentences[k].start, index.sentences[k].end
    slack = len(quote) // 4 + 8  # the alignment is as long as the quote: the passage may not be
    begin = max(aligned.dest_start - slack, 0)
    finish = min(aligned.dest_end + slack, len(window))
    begin, finish = whole_words(window, begin, finish)
    begin, finish = _trim(quote, window, begin, finish)
    return norm.original_span(lo + begin, lo + finish)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _trim(quote: str, window: str, begin: int, finish: int) -> tuple[int, int]:
    """Drop words at either end of ``window[begin:finish]`` that the quote does not have.

    Words the source has before the quote's first matching word go (an ``insert`` at the
    start), and so do extra words where the quote's first word is replaced by several; the
    same at the end.
    """
    passage = _tokens(window[begin:finish])
    ops = SequenceMatcher(
        None, [t for t, _, _ in _tokens(quote)], [t for t, _, _ in passage], autojunk=False
    ).get_opcodes()
    if not passage or not ops:
        return begin, finish
    first_token, last_token = 0, len(passage)
    tag, i1, i2, j1, j2 = ops[0]
    if tag in ("insert", "replace"):
        first_token = max(j1, j2 - (i2 - i1))
    tag, i1, i2, j1, j2 = ops[-1]
    if tag in ("insert", "replace"):
        last_token = min(j2, j1 + (i2 - i1))
    if first_token >= last_token:
        return begin, finish
    return begin + passage[first_token][1], begin + passage[last_token - 1][2]


def _difference(quote: str, passage: str) -> str:
    """The first difference between ``quote`` and ``passage``, word by word, or ``""``."""
    if quote.casefold() == passage.casefold():
        return "only letter case differs"
    ours, theirs = _tokens(quote), _tokens(passage)
    matcher = SequenceMatcher(None, [t for t, _, _ in ours], [t for t, _, _ in theirs], False)
    if matcher.ratio() < 0.5:
        return ""  # too different for a first difference to help
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        quoted = quote[ours[i1][1] : ours[i2 - 1][2]] if i2 > i1 else ""
        source = passage[theirs[j1][1] : theirs[j2 - 1][2]] if j2 > j1 else ""
        if tag == "replace":
            return f'first difference: the quote has "{quoted}" where the source has "{source}"'
        if tag == "delete":
            return f'first difference: the quote has "{quoted}", which the source has not'
        if tag == "insert":
            return f'first difference: the source has "{source}", which the quote has not'
    return ""


def coverage(sentences: Iterable[Sentence], cited: Iterable[int]) -> tuple[int, int]:
    """(cited sentences, all sentences): how many of ``sentences`` have an index in ``cited``."""
    wanted = frozenset(cited)
    total = hits = 0
    for sentence in sentences:
        total += 1
        hits += sentence.index in wanted
    return hits, total
