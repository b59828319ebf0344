"""filenames: which file names may hold an id, and how to say what is wrong with one.

An id is also a file name in ``output/`` (``actors/<id>.html``), so besides being a valid id
(``generator.ids``) it must be safe on every system and must not take an index page's name.
Pure functions of a name.
"""

from __future__ import annotations

from generator.ids import MAX_ID_LENGTH, is_valid_id, suggest_id

__all__ = ["display_name", "id_problem", "is_valid_file_id", "suggest_file_id"]

# Names Windows maps to devices whatever their extension: output/actors/con.html is unusable.
_RESERVED = frozenset(
    ("con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10)))
)
# Each kind's folder in output/ has an index page: an entity or page of that name would
# overwrite it.
_INDEX_NAMES = frozenset(("index",))


def is_valid_file_id(stem: str) -> bool:
    """A valid id (``generator.ids``) that is also safe as a file name on every system."""
    return is_valid_id(stem) and stem not in _RESERVED and stem not in _INDEX_NAMES


def display_name(name: str) -> str:
    """A file name safe to print: undecodable bytes and control characters escaped."""
    if name.isascii() and name.isprintable():
        return name
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def id_problem(stem: str, ext: str) -> tuple[str, str]:
    """(message, hint) for a file name whose stem is not a valid id."""
    rule = "ids are lowercase letters, digits and single hyphens, at most 64 characters"
    if stem in _RESERVED:
        return f"file name '{stem}.{ext}' is a device name on Windows", "choose another name"
    if stem in _INDEX_NAMES:
        return (
            f"file name '{stem}.{ext}' is reserved for the folder's index page",
            "choose another name",
        )
    if len(stem) > MAX_ID_LENGTH:
        message = f"file name '{stem[:20]}…' is longer than {MAX_ID_LENGTH} characters"
    else:
        message = f"file name '{stem}.{ext}' is not a valid id"
    suggestion = suggest_file_id(stem)
    return message, f"{rule}: rename it to {suggestion}.{ext}" if suggestion else rule


def suggest_file_id(stem: str) -> str:
    """A valid file id close to ``stem``, or "" when ``stem`` offers nothing to build one on."""
    slug = suggest_id(stem)
    made_up = slug == suggest_id("") and slug not in stem.lower()
    return "" if made_up or not is_valid_file_id(slug) else slug
