"""Source text → citable sentences ``s1…sN``; never reads files, never changes the text.

Sentences are spans of the source, found by one regular-expression scan and bounded look-ups
around each candidate, so the cost is linear in the text. The rules, in order of strength
(``docs/sentences.md`` shows each with examples):

1. A paragraph break (a line holding only white space) always ends a sentence.
2. A line that starts a list item (``-``, ``*``, ``•``, ``1.``, ``a)``, ``(2)``), a speaker
   label in capitals (``MASSOUD:``, ``Q:``) or a Markdown heading (``# …``) starts a sentence;
   so does the line after a heading. Any other newline is a hard wrap and never splits.
   ``-``/``*``/``+`` and numbered markers count only when the line is a paragraph's first,
   follows an item or a line ending in ``. : ; ? !``, or (bullets and ``1.``/``a.``/``i.``)
   starts with a non-lowercase letter, so a wrapped ``49. The`` or ``- who`` does not split.
3. Final punctuation (``.``, ``?``, ``!``, ``…``, ``...``, ``؟``, ``۔``) with any closing quotes,
   brackets and ``[1]`` notes after it ends a sentence when white space follows and the next
   word may start one. Punctuation not followed by white space (``10.30``, ``U.S.-led``,
   ``tass.com``) never ends one; CJK ``。！？`` need no white space. Sentences inside a
   quotation are split like any others: ``"A. B," he said.`` is ``"A.`` + ``B," he said.``
4. What may follow a period depends on the word before it: titles (``Gen.``, ``Mr.``, ``Lt.``)
   and ``vs.``, ``e.g.``, ``approx.`` never end a sentence; ``No.``/``Art.``/``p.`` do not before
   a number, nor month names (``Sept. 5``); acronyms and other ambiguous abbreviations
   (``U.S.``, ``a.m.``, ``etc.``, ``Inc.``, initials ``S.``) end one only before a word that
   typically opens a sentence (``The``, ``He``, ``In``…) or a quotation, and never before a
   lowercase word or a number. Any other word ends the sentence, even before a lowercase word;
   a number or list marker that is all the sentence holds so far (``1.``) does not.
5. A closing quote or bracket followed by a lowercase word continues the sentence
   (``"Why?" she asked.``, ``(who else?) took``); after ``?"``/``!"`` so does a capitalised
   word with a speech verb within three words (``"Why?" Massoud asked.``). A sentence never
   starts with ``/`` (the ``/TASS/`` of a dateline); an ellipsis before a lowercase word does
   not end one.
6. An elision (``<…>``, ``[…]``, ``[...]``, ``(...)``) never ends a sentence; between two
   sentences it opens the second. A piece with no letter or digit (a lone elision, ``* * *``)
   joins the sentence before it, or the one after it when it comes first.

Each sentence is stripped of surrounding white space; together they cover every non-space
character exactly once, in order.
"""

from __future__ import annotations

import enum
import itertools
import re

from generator.model import Sentence

__all__ = ["segment"]


class _Kind(enum.Enum):
    """How the word before a period behaves."""

    ORDINARY = "ordinary"  # ends a sentence
    NEVER = "never"  # titles and the like: never ends one
    NUMERIC = "numeric"  # No. 5, Art. 2: not before a number
    DATE = "date"  # Sept. 5, Mon. Sept. 6: not before a number or a month
    AMBIGUOUS = "ambiguous"  # U.S., etc., a.m., S.: only before a sentence opener
    LETTER = "letter"  # a lowercase single letter: only before a capital


_TITLES = (
    "Mr Mrs Ms Mssrs Messrs Mme Mlle Dr Drs Prof Profs Gen Gens Lt Col Maj Capt Cpt Cmdr Cdr "
    "Adm Brig Sgt Cpl Pvt Pfc Spc Gov Govs Sen Sens Rep Reps Pres Rev Hon Amb Fr Supt Insp Det "
    "Ret Mt Sec Dep Asst Atty Gov't Sra Srta"
).split()
_NEVER = frozenset(
    _TITLES
    + "vs Vs v viz Viz cf Cf approx Approx ca est Est esp Esp incl Incl excl Excl resp".split()
    + "e.g E.g i.e I.e".split()
)
_NUMERIC = frozenset(
    "No Nos no nos Art Arts art Vol Vols vol vols pp Pp Fig Figs fig figs Ch ch Para para Tel "
    "tel Ext ext Nr nr Rs Op op Pt".split()
)
_DATE = frozenset(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat "
    "Sun".split()
)
_DATE_WORDS = _DATE | frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
_AMBIGUOUS = frozenset(
    "etc Etc Inc Ltd Co Corp Jr Sr Bros St Ave Rd Blvd Ft Hwy plc Plc LLC al Esq ibid Ibid "
    "km kg mln bln bn mn min hr hrs ft yd yds mi lb lbs oz sq yr yrs mos pct Univ Dept Govt "
    "univ dept govt assn inst dist prov pop Pop admin Admin intl Intl natl Natl "
    "Assn Inst Dist Prov Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md "
    "Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo".split()
)
_STARTERS = frozenset(
    "A An The This That These Those There Here It Its I We You He She They His Her Their Our "
    "My Your But And Or So Yet Nor However Meanwhile Moreover Also Still Then Now Earlier Later "
    "Instead Nevertheless Nonetheless Furthermore Thus Therefore Hence Indeed Today Yesterday "
    "Tomorrow On In At After Before When While Since As If Although Though Because According "
    "Last Next Some Many Most All Both Each Every No Not None One Two Three What Who Why How "
    "Where Which Such Other Another Asked Speaking Until During With Without For From By To "
    "Under Over Despite Among Between Following Unlike Like Even Only Just Several Few Officials "
    "Neither Either Whether Once Apart Besides Separately Overall Finally First Second "
    "Third".split()
)

_ELLIPSIS = r"(?:\.{3}|…|\.(?:[ \u00a0]\.){2})"
_STOPS = "[.?!…؟۔。！？｡‼⁇⁈⁉]"
_TERMINAL = re.compile(rf"{_STOPS}(?:(?<=\.)(?:[ \u00a0]\.){{2,}}|{_STOPS}*)")
_ELISION = re.compile(rf"[\[<(]{_ELLIPSIS}[\]>)]")
_QUOTES = "\"'”’»›“‘«‹„‚"
_CLOSERS = re.compile(r"(?:[\"'”’»›)\]}」』]|\[\d{1,3}\])*")
_OPENERS = re.compile(r"[\"'“‘«‹„‚(\[{「『¿¡]*")
_SPACE = re.compile(r"\s*")
_WORD = re.compile(r"[^\W\d_]+")
_ALNUM = re.compile(r"[^\W_]")
_MARKER = re.compile(r"\d{1,3}|[^\W\d_]|[ivx]{1,5}|[IVX]{1,5}")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_QUESTION = frozenset("?!؟！？‼⁇⁈⁉")
_CJK_STOPS = frozenset("。！？｡")
_ATTRIBUTION = re.compile(
    r"[A-Z][\w'’.-]*\s+(?:[\w'’.-]+\s+){0,2}"
    r"(?:said|says|asked|asks|wrote|writes|added|adds|replied|replies|told|tells|shouted|shouts|"
    r"cried|exclaimed|demanded|demands|wondered|insisted|insists|continued|recalled|explained|"
    r"noted|stressed|tweeted|posted)\b"
)
_NEWLINE = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(  # the look-ahead lets the scan skip to line ends quickly
    rf"(?=[\r\n\u2029\x0c])(?:{_NEWLINE}[^\S\r\n]*{_NEWLINE}\s*|[\u2029\x0c]\s*)"
)
_ITEM = (
    r"[^\S\r\n]*"
    r"(?:(?P<glyph>[•‣◦▪▫●○■□►▸➢➤])"
    r"|(?P<bullet>[-*+])(?=[^\S\r\n]+\S)"
    r"|(?P<number>\(?(?P<value>\d{1,3}|[A-Za-z]|[ivxIVX]{2,5})[.)])(?!\S)"
    r"|(?P<speaker>[A-Z][A-Z.'’-]*(?:[ ][A-Z][A-Z.'’-]*){0,3}:)(?!\S)"
    r"|(?P<heading>\#{1,6})(?=[^\S\r\n]))"
)
_FIRST_ITEM = re.compile(_ITEM)
_LINE_ITEM = re.compile(rf"[\n\r\u2028\u2029]{_ITEM}")
_LINE_END = re.compile(r"[^\r\n\u2028\u2029]*")
_ITEM_KINDS = ("glyph", "bullet", "number", "speaker", "heading")
_LIST_STARTERS = frozenset({"1", "a", "A", "i", "I"})
_ENDS_LINE = frozenset(".:;?!…؟۔")
_CLOSE_CHARS = frozenset("\"'”’»›)]}」』")


def segment(text: str) -> tuple[Sentence, ...]:
    """Split a source text into its citable sentences, numbered from 1.

    Guarantees: the result depends on ``text`` alone; each sentence is
    ``text[start:end]`` with no white space at either end; sentences are in order and do not
    overlap; every non-space character belongs to exactly one of them; a text with no
    non-space character has none. Runs in time linear in ``len(text)``.
    """
    starts = _sentence_starts(text)
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a piece without letters or digits, waiting
    for a, b in zip(starts, [*starts[1:], len(text)], strict=False):
        end = a + len(text[a:b].rstrip())
        if not _ALNUM.search(text, a, end):
            if spans:
                spans[-1] = (spans[-1][0], end)
            elif pending is None:
                pending = a
            continue
        if pending is not None:
            a, pending = pending, None
        spans.append((a, end))
    if pending is not None:  # nothing but punctuation in the whole text
        spans.append((pending, len(text.rstrip())))
    return tuple(Sentence(i, a, b, text[a:b]) for i, (a, b) in enumerate(spans, start=1))


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start, ascending, each on a non-space character."""
    n = len(text)
    first = _skip(_SPACE, text, 0)
    if first == n:
        return []
    paragraphs = [first] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text, first)]
    if paragraphs[-1] == n:
        paragraphs.pop()
    forced = sorted(set(paragraphs) | set(_line_starts(text, paragraphs)))
    starts = [first]
    current = first  # where the sentence being scanned started
    fi = 0
    for m in _TERMINAL.finditer(text, first):
        if m.start() > 0 and _ELISION.match(text, m.start() - 1):
            continue  # the dots of "[...]" or "<…>"
        while fi < len(forced) and forced[fi] <= m.start():
            current = forced[fi]
            starts.append(current)
            fi += 1
        k = _boundary_after(text, m, current)
        if k is not None:
            current = k
            starts.append(k)
    starts.extend(forced[fi:])
    return sorted(set(starts))


def _line_starts(text: str, paragraphs: list[int]) -> list[int]:
    """Offsets of list items, speaker labels and headings that start a sentence (rule 2)."""
    firsts = set(paragraphs)
    result: list[int] = []
    list_paragraph: int | None = None  # start of the paragraph holding the last list item
    paragraph = 0
    pi = 0
    first_item = _FIRST_ITEM.match(text)
    for m in itertools.chain((first_item,) if first_item else (), _LINE_ITEM.finditer(text)):
        kind = next(g for g in _ITEM_KINDS if m.group(g) is not None)
        q = m.start(kind)
        while pi < len(paragraphs) and paragraphs[pi] <= q:
            paragraph = paragraphs[pi]
            pi += 1
        if kind in ("bullet", "number") and not (
            q in firsts or list_paragraph == paragraph or _opens_item(text, m, q)
        ):
            continue
        result.append(q)
        if kind == "heading":
            after = _skip(_SPACE, text, _skip(_LINE_END, text, q))
            if after < len(text):
                result.append(after)
        elif kind != "speaker":
            list_paragraph = paragraph
    return result


def _opens_item(text: str, m: re.Match[str], q: int) -> bool:
    """Whether a ``-``/``*``/``+`` bullet or a number inside a paragraph opens a list item:
    the line before ends a clause, or the marker opens a list before a non-lowercase word."""
    i = q
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and text[i - 1] in _CLOSE_CHARS:
        i -= 1
    if i > 0 and text[i - 1] in _ENDS_LINE:
        return True
    after = _skip(_SPACE, text, m.end())
    opens_upper = after < len(text) and not text[after].islower()
    return opens_upper and (m.group("bullet") is not None or m.group("value") in _LIST_STARTERS)


def _boundary_after(text: str, m: re.Match[str], current: int) -> int | None:
    """Where the next sentence starts if the punctuation run ``m`` ends one, else None."""
    n = len(text)
    run = m.group()
    closed_end = _skip(_CLOSERS, text, m.end())
    closers = text[m.end() : closed_end]
    k = _skip(_SPACE, text, closed_end)
    if k >= n:
        return None
    if k == closed_end and not any(ch in _CJK_STOPS for ch in run):
        return None  # "10.30", "U.S.-led", "tass.com": no white space after
    q = k
    while (elision := _ELISION.match(text, q)) is not None:
        q = _skip(_SPACE, text, elision.end())
        if q >= n:
            return None  # a trailing elision stays with the sentence it follows
    o = _skip(_OPENERS, text, q)
    c = text[o] if o < n else ""
    if c == "/" or (closers and c.islower()):
        return None
    if any(ch in _CJK_STOPS for ch in run):
        return k
    if any(ch in _QUESTION for ch in run):
        quoted = any(ch in _QUOTES for ch in closers)
        return None if quoted and _ATTRIBUTION.match(text, q) else k
    if run != "." and run != "۔":  # an ellipsis
        return None if c.islower() else k
    quoted = bool(closers) or any(ch in _QUOTES for ch in text[q:o])
    return k if _period_ends(text, m.start(), current, o, quoted) else None


def _period_ends(text: str, p: int, current: int, o: int, quoted: bool) -> bool:
    """Whether the period at ``p`` ends the sentence that started at ``current`` (rule 4).

    ``o`` is where the next word starts; ``quoted`` says that a closing mark follows the
    period or an opening quote precedes the next word.
    """
    i = p
    while i > current and i > p - 40 and (text[i - 1].isalnum() or text[i - 1] in "._'’-"):
        i -= 1
    token = text[i:p].lstrip("'’-.")
    if _MARKER.fullmatch(token) and _skip(_OPENERS, text, current) == p - len(token):
        return False  # "1." or "a." opening a list item
    kind = _kind(token.rsplit("-", 1)[-1])
    c = text[o] if o < len(text) else ""
    if kind is _Kind.NEVER:
        return False
    if kind is _Kind.ORDINARY:
        return True
    if kind is _Kind.NUMERIC:
        return not (c.isdigit() or c == "#")
    if c.islower() or c.isdigit():
        return False
    if kind is _Kind.LETTER:
        return True
    word_match = _WORD.match(text, o)
    word = word_match.group() if word_match else ""
    if kind is _Kind.DATE:
        return word not in _DATE_WORDS
    return quoted or not c.isalpha() or word in _STARTERS


def _kind(token: str) -> _Kind:
    """Classify the word written before a period."""
    if not token:
        return _Kind.ORDINARY
    for table, kind in (
        (_NEVER, _Kind.NEVER),
        (_NUMERIC, _Kind.NUMERIC),
        (_DATE, _Kind.DATE),
        (_AMBIGUOUS, _Kind.AMBIGUOUS),
    ):
        if token in table:
            return kind
    if _DOTTED.fullmatch(token):
        return _Kind.AMBIGUOUS
    if len(token) == 1 and token.isalpha():
        return _Kind.AMBIGUOUS if token.isupper() else _Kind.LETTER
    return _Kind.ORDINARY


def _skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` (one that may match the empty string) stops matching from ``pos``."""
    m = pattern.match(text, pos)
    return pos if m is None else m.end()
