"""Media types of site files, shared by the single-file export and ``serve``."""

from __future__ import annotations

import pytest

from generator.mediatypes import content_type, media_type


@pytest.mark.parametrize(
    ("path", "media", "content"),
    [
        ("index.html", "text/html", "text/html; charset=utf-8"),
        ("static/style.css", "text/css", "text/css; charset=utf-8"),
        ("search-index.js", "text/javascript", "text/javascript; charset=utf-8"),
        ("explainer.json", "application/json", "application/json"),
        ("static/MAP.SVG", "image/svg+xml", "image/svg+xml"),
        ("static/font.woff2", "font/woff2", "font/woff2"),
        ("notes.txt", "text/plain", "text/plain; charset=utf-8"),
        ("static/unknown.xyz", "application/octet-stream", "application/octet-stream"),
        ("README", "application/octet-stream", "application/octet-stream"),
    ],
)
def test_types_by_suffix(path: str, media: str, content: str) -> None:
    assert media_type(path) == media
    assert content_type(path) == content
