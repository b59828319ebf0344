"""``explainer add-source``: raw text → ``content/sources/<id>.txt`` + ``<id>.yaml``.

Raw text as agencies deliver it may start with a ``date YYYY-MM-DD`` token and a dateline
(``CAIRO, September 5. /TASS/.``, ``KABUL (Reuters) -``): both become metadata; the body after
them is written byte for byte. The text file is never rewritten afterwards.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.dates import parse_partial_date
from generator.ids import is_valid_id, suggest_id
from generator.scaffold import modeline
from generator.segment import segment

__all__ = ["IngestError", "RawHeader", "ingest_source", "split_header"]

_DATE_TOKEN = re.compile(r"\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+")
_DATELINES = (
    # CAIRO, September 5. /TASS/.
    re.compile(
        r"(?P<line>(?P<place>[A-Z][A-Z.'\- ]*[A-Z]), [A-Z][a-z]+\.? \d{1,2}\. "
        r"/(?P<agency>[^/\n]{1,40})/\.)\s+"
    ),
    # KABUL (Reuters) -
    re.compile(r"(?P<line>(?P<place>[A-Z][A-Z.'\- ]*[A-Z]) \((?P<agency>[^)\n]{1,40})\) [-–—])\s+"),
)
MAX_TITLE = 100


class IngestError(Exception):
    """A usage mistake: bad id, unreadable file, existing source."""


class RawHeader:
    """What ``split_header`` found before the body."""

    __slots__ = ("body_start", "dateline", "published", "publisher")

    def __init__(self, published: str, dateline: str, publisher: str, body_start: int) -> None:
        self.published = published
        self.dateline = dateline
        self.publisher = publisher
        self.body_start = body_start


def split_header(text: str) -> RawHeader:
    """Find the date token and dateline at the start of ``text``; either may be absent."""
    pos, published, dateline, publisher = 0, "", "", ""
    token = _DATE_TOKEN.match(text)
    if token:
        published, pos = token["date"], token.end()
    for pattern in _DATELINES:
        line = pattern.match(text, pos)
        if line:
            dateline, publisher, pos = line["line"], line["agency"].strip(), line.end()
            break
    return RawHeader(published, dateline, publisher, pos)


def _title(body: str) -> str:
    first = segment(body)
    text = " ".join(first[0].text.split()) if first else "Untitled source"
    if len(text) <= MAX_TITLE:
        return text
    return text[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def ingest_source(
    file: Path,
    root: Path,
    source_id: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    published: str | None = None,
    language: str = "en",
    force: bool = False,
) -> list[Path]:
    """Write the two files of a new source; return their paths."""
    if not is_valid_id(source_id):
        raise IngestError(f"'{source_id}' is not a valid id; try '{suggest_id(source_id)}'")
    folder = root / "content" / "sources"
    txt, meta = folder / f"{source_id}.txt", folder / f"{source_id}.yaml"
    if not force and (txt.exists() or meta.exists()):
        raise IngestError(f"source '{source_id}' exists already (use --force to replace it)")
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise IngestError(f"{file} is not UTF-8 (byte {error.start}); convert it first") from None
    header = split_header(text)
    body = raw[len(text[: header.body_start].encode("utf-8")) :]
    if not body.strip():
        raise IngestError(f"{file} has no text after its header")
    published = published or header.published
    if not published:
        raise IngestError(f"{file} has no ' date YYYY-MM-DD' token: give --published")
    try:
        parse_partial_date(published)
    except ValueError as error:
        raise IngestError(f"publication date: {error}") from None
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        raise IngestError(f"--url '{url}' is not an http(s) address")
    fields = {
        "title": title or _title(body.decode("utf-8")),
        "publisher": publisher or header.publisher or "Unknown",
        "published": published,
        "url": url,
        "language": language,
        "dateline": header.dateline or None,
    }
    lines = [modeline(root, meta, "source").rstrip("\n")]
    lines += [
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in fields.items()
        if value is not None
    ]
    folder.mkdir(parents=True, exist_ok=True)
    txt.write_bytes(body)
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return [txt, meta]
