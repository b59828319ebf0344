"""HTML text for the view models: ``markupsafe.escape`` and ``Markup`` at a fraction of the cost.

A page's view is built from thousands of small escaped strings (every link is two), and
``markupsafe`` makes each a ``Markup`` through ``Markup.__new__``, a Python function: that
was a tenth of the time spent building views. :func:`escape_text` gives the same characters
as a plain ``str``, and :func:`markup` marks a finished ``str`` as HTML without the checks
``Markup(…)`` makes for other types. Pure functions; nothing here reads or writes.
"""

from __future__ import annotations

import re

from markupsafe import Markup

__all__ = ["escape_output", "escape_text", "markup"]

_SPECIAL = re.compile("[&<>'\"]")
_ENTITIES = (("&", "&amp;"), (">", "&gt;"), ("<", "&lt;"), ("'", "&#39;"), ('"', "&#34;"))
"""What ``markupsafe.escape`` replaces, in the order it does (``&`` first)."""
_new_str = str.__new__


def escape_text(text: str) -> str:
    """``str(markupsafe.escape(text))``: ``& < > ' "`` as entities, HTML (``Markup``) as is."""
    if type(text) is not str:
        return escape_output(text)  # HTML (``Markup``) as it is; other str subclasses escaped
    if _SPECIAL.search(text) is None:
        return text
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return text


def markup(html: str) -> Markup:
    """``Markup(html)`` for a ``str`` of finished HTML."""
    return _new_str(Markup, html)


def escape_output(value: object) -> str:
    """``str(markupsafe.escape(value))``, for text that is only joined into a page: a ``str``
    escaped, HTML (``__html__``) as it is, anything else as its escaped ``str()``."""
    if type(value) is str:
        return escape_text(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        text = html()
        return text if isinstance(text, str) else str(text)
    return escape_text(str(value))
