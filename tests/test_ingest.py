"""add-source: raw agency text → a source's two files, the body kept byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.ingest import split_header

from conftest import ROOT, SEED

HEADER = " date 2021-09-05 CAIRO, September 5. /TASS/. "


def _project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    return tmp_path


def test_seed_body_is_kept_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    status = main(["add-source", str(SEED), "--id", "tass-2021-09-05", "--project", str(project)])
    assert status == 0, capsys.readouterr().err
    raw = SEED.read_bytes()
    assert raw.startswith(HEADER.encode())
    body = (project / "content" / "sources" / "tass-2021-09-05.txt").read_bytes()
    assert body == raw[len(HEADER) :]
    # The default content holds exactly what add-source makes of the seed.
    assert body == (ROOT / "content" / "sources" / "tass-2021-09-05.txt").read_bytes()
    meta_text = (project / "content" / "sources" / "tass-2021-09-05.yaml").read_text("utf-8")
    assert meta_text.startswith("# yaml-language-server: $schema=")
    meta = yaml.safe_load(meta_text)
    assert meta["publisher"] == "TASS"
    assert meta["published"] == "2021-09-05"
    assert meta["dateline"] == "CAIRO, September 5. /TASS/."
    assert meta["title"].startswith("Resistance forces in Afghanistan’s northern Panjshir")
    assert len(meta["title"]) <= 101
    assert set(meta) == {"title", "publisher", "published", "language", "dateline"}


def test_existing_source_is_not_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    args = ["add-source", str(SEED), "--id", "tass", "--project", str(project)]
    assert main(args) == 0
    assert main(args) == 2
    assert "exists already" in capsys.readouterr().err
    assert main([*args, "--force", "--title", "Another"]) == 0


@pytest.mark.parametrize("bad_id", ["TASS", "../x", "a_b", ""])
def test_bad_id_is_a_usage_error(
    tmp_path: Path, bad_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    assert main(["add-source", str(SEED), "--id", bad_id, "--project", str(project)]) == 2
    assert "not a valid id" in capsys.readouterr().err
    assert not (project / "content" / "sources").exists()


def test_no_date_needs_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    raw = tmp_path / "raw.txt"
    raw.write_text("Just a text. Two sentences.\n", encoding="utf-8")
    args = ["add-source", str(raw), "--id", "plain", "--project", str(project)]
    assert main(args) == 2
    assert "--published" in capsys.readouterr().err
    assert main([*args, "--published", "2021-09-06", "--publisher", "Agency"]) == 0
    body = (project / "content" / "sources" / "plain.txt").read_bytes()
    assert body == raw.read_bytes()


def test_non_utf8_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    raw = tmp_path / "raw.txt"
    raw.write_bytes(b" date 2021-09-05 Caf\xe9 text.\n")
    assert main(["add-source", str(raw), "--id", "x", "--project", str(project)]) == 2
    assert "not UTF-8 (byte 20)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "published", "dateline", "publisher", "body"),
    [
        (HEADER + "Body.", "2021-09-05", "CAIRO, September 5. /TASS/.", "TASS", "Body."),
        ("KABUL (Reuters) - Body.", "", "KABUL (Reuters) -", "Reuters", "Body."),
        ("NEW YORK, Sept. 5. /TASS/. Body.", "", "NEW YORK, Sept. 5. /TASS/.", "TASS", "Body."),
        (" date 2021-09-05 Body without dateline.", "2021-09-05", "", "", "Body without dateline."),
        ("No header at all.", "", "", "", "No header at all."),
        ("Cairo, September 5. Not a dateline.", "", "", "", "Cairo, September 5. Not a dateline."),
    ],
)
def test_split_header(text: str, published: str, dateline: str, publisher: str, body: str) -> None:
    header = split_header(text)
    assert (header.published, header.dateline, header.publisher) == (published, dateline, publisher)
    assert text[header.body_start :] == body


def test_new_scaffolds_valid_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "site"
    assert main(["new", "site", str(project)]) == 0
    assert (project / "content" / "site.yaml").is_file()
    assert (project / ".schemas" / "actor.schema.json").is_file()
    assert main(["new", "actor", "ahmad-massoud", "--project", str(project)]) == 0
    text = (project / "content" / "actors" / "ahmad-massoud.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.schemas/actor.schema.json\n")
    assert yaml.safe_load(text)["name"] == "Ahmad Massoud"
    assert main(["new", "actor", "ahmad-massoud", "--project", str(project)]) == 2
    assert main(["new", "event", "Bad Id", "--project", str(project)]) == 2
    assert "try 'bad-id'" in capsys.readouterr().err
