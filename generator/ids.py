"""Ids and slugs: what a valid id looks like, how to suggest one, and did-you-mean.

An id is a file stem and part of an output path, so the rule is strict: a lowercase slug of at
most 64 characters. Nothing here touches the disk.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["ID_PATTERN", "MAX_ID_LENGTH", "did_you_mean", "is_valid_id", "suggest_id"]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64


def is_valid_id(value: str) -> bool:
    """True for ``ahmad-massoud``; false for anything that could be a path or is not a slug."""
    return len(value) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(value) is not None


def suggest_id(value: str) -> str:
    """The slug closest to ``value``: ASCII-folded, lowercased, runs of other characters → '-'."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:MAX_ID_LENGTH].rstrip("-") or "item"


def did_you_mean(word: str, candidates: Iterable[str], *, noun: str = "") -> str:
    """A hint naming the closest candidates (``did you mean 'massoud'?``), or empty."""
    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(word, pool, n=3, cutoff=0.6)
    if not matches and word.lower() != word:
        matches = difflib.get_close_matches(word.lower(), pool, n=3, cutoff=0.6)
    if not matches:
        return ""
    quoted = " or ".join(f"'{m}'" for m in matches)
    return f"did you mean {noun + ' ' if noun else ''}{quoted}?"
