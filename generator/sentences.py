"""``explainer sentences``: a source's sentences with ids, offsets and who cites them.

SOURCE is a source id of the project or the path of any text file (then nothing cites it).
The JSON form is documented in docs/sentences.md (``version`` 1).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.model import Citer, LinkedSite, Sentence
from generator.segment import segment

__all__ = ["SentencesError", "list_sentences"]

JSON_VERSION = 1


class SentencesError(Exception):
    """SOURCE is neither a source id of the project nor a readable text file."""


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SentencesError(f"{path} is not UTF-8 (byte {error.start})") from None
    except OSError as error:
        raise SentencesError(f"cannot read {path}: {error.strerror}") from None


Check = Callable[[Path, Diagnostics], LinkedSite | None]


def list_sentences(source: str, project: Path, fmt: str, diags: Diagnostics, check: Check) -> str:
    """The listing as text or JSON; project errors go to ``diags`` (sentences still listed).

    ``check`` is the pipeline's check, passed in by the command line (only ``cli`` imports
    the pipeline).
    """
    text_path = project / "content" / "sources" / f"{source}.txt"
    cited_by: dict[int, tuple[Citer, ...]] | None = None
    if text_path.is_file() and "/" not in source and "\\" not in source:
        source_id: str | None = source
        site = check(project, diags)
        if site is not None and source in site.sentences:
            sentences = site.sentences[source]
            cited_by = {s.index: site.cited_by.get((source, s.index), ()) for s in sentences}
        else:
            sentences = segment(_read_text(text_path))
        shown = str(text_path)
    elif Path(source).is_file():
        source_id, shown = None, source
        sentences = segment(_read_text(Path(source)))
    else:
        raise SentencesError(f"'{source}' is neither a source id of {project} nor a file")
    if fmt == "json":
        return _as_json(source_id, shown, sentences, cited_by)
    return _as_text(sentences, cited_by)


def _as_json(
    source_id: str | None,
    path: str,
    sentences: tuple[Sentence, ...],
    cited_by: dict[int, tuple[Citer, ...]] | None,
) -> str:
    payload = {
        "version": JSON_VERSION,
        "source": source_id,
        "path": path,
        "sentences": [
            {
                "id": s.id,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "cited_by": None
                if cited_by is None
                else [
                    {"page": c.page, "anchor": c.anchor, "label": c.label}
                    for c in cited_by[s.index]
                ],
            }
            for s in sentences
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _as_text(sentences: tuple[Sentence, ...], cited_by: dict[int, tuple[Citer, ...]] | None) -> str:
    lines = []
    for s in sentences:
        lines.append(f"{s.id:>5}  {' '.join(s.text.split())}")
        if cited_by is not None:
            citers = cited_by[s.index]
            who = "; ".join(c.label for c in citers) if citers else "NOT CITED"
            lines.append(f"       cited by: {who}")
    return "\n".join(lines) + ("\n" if lines else "")
