"""The media type of a site file, by its name's suffix: for ``data:`` URLs in the single-file
export and for ``Content-Type`` in ``serve``. A fixed table rather than :mod:`mimetypes`, which
reads the system's own tables, so that the same file gets the same type on every machine."""

from __future__ import annotations

import posixpath

__all__ = ["content_type", "media_type"]

_TYPES = {
    ".avif": "image/avif", ".css": "text/css", ".gif": "image/gif", ".html": "text/html",
    ".ico": "image/x-icon", ".jpeg": "image/jpeg", ".jpg": "image/jpeg",
    ".js": "text/javascript", ".json": "application/json", ".otf": "font/otf",
    ".pdf": "application/pdf", ".png": "image/png", ".svg": "image/svg+xml", ".ttf": "font/ttf",
    ".txt": "text/plain", ".webp": "image/webp", ".woff": "font/woff", ".woff2": "font/woff2",
    ".xml": "application/xml", ".zip": "application/zip",
}  # fmt: skip
_UNKNOWN = "application/octet-stream"


def media_type(path: str) -> str:
    """``text/css`` for ``static/style.css``; ``application/octet-stream`` when unknown."""
    return _TYPES.get(posixpath.splitext(path)[1].lower(), _UNKNOWN)


def content_type(path: str) -> str:
    """The ``Content-Type`` to send: the media type, with ``charset=utf-8`` for text (the
    site's text files are all UTF-8)."""
    kind = media_type(path)
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind
