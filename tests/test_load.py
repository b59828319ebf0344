"""The load stage on real projects on disk: layout, refusals, encodings, pages, and that every
problem of a run is reported with its exact location and message."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics, Location
from generator.load import ProjectNotFound, load_project
from generator.loadfile import PAGE_LIMIT, SOURCE_TEXT_LIMIT, YAML_LIMIT
from generator.raw import RawFile, RawPage, RawProject, RawText
from generator.yamltypes import YMap, YScalar

Found = tuple[str, str, str, int, int, str]
"""(severity, code, path, line, col, message) of one diagnostic."""

SITE = {"content/site.yaml": "title: Test\n"}
DENIED = "Permission denied"
SOURCE = {
    "content/sources/news.txt": "It is led by Ahmad Massoud.\n",
    "content/sources/news.yaml": "title: News\n",
}


def make(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (relative path → text or bytes) under ``root``, bytes exactly."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def load(root: Path) -> tuple[RawProject, list[Found]]:
    diags = Diagnostics()
    raw = load_project(root, diags)
    found = [
        (d.severity.value, d.code, d.location.path, d.location.line, d.location.col, d.message)
        for d in diags.sorted()
    ]
    return raw, found


def load_hints(root: Path) -> list[str]:
    diags = Diagnostics()
    load_project(root, diags)
    return [d.hint for d in diags.sorted()]


def error(code: str, path: str, message: str, line: int = 1, col: int = 1) -> Found:
    return ("error", code, path, line, col, message)


def warning(code: str, path: str, message: str) -> Found:
    return ("warning", code, path, 1, 1, message)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The project folder; ``tmp_path`` itself is "outside the project"."""
    project = tmp_path / "project"
    project.mkdir()
    return project


# --- a valid project ------------------------------------------------------------------------


def test_valid_project(root: Path) -> None:
    make(root, {**SITE, **SOURCE})
    make(
        root,
        {
            "content/actors/taliban.yaml": "name: Taliban\n",
            "content/actors/ahmad-massoud.yaml": "name: Ahmad Massoud\n",
            "content/provinces/panjshir.yaml": "name: Panjshir\n",
            "content/events/fall-of-kabul.yaml": "name: Fall\n",
            "content/pages/story.md": "---\ntitle: Story\n---\nBody\n",
            "content/actors/.gitkeep": "",
            "content/.DS_Store": b"\x00\x01",
        },
    )
    raw, found = load(root)
    assert found == []

    def name(value: str, path: str) -> YMap:
        return YMap(
            (
                (
                    YScalar("name", "plain", Location(path, 1, 1)),
                    YScalar(value, "plain", Location(path, 1, 7)),
                ),
            ),
            Location(path, 1, 1),
        )

    massoud, taliban = "content/actors/ahmad-massoud.yaml", "content/actors/taliban.yaml"
    assert raw.actors == (
        RawFile(massoud, "ahmad-massoud", name("Ahmad Massoud", massoud)),
        RawFile(taliban, "taliban", name("Taliban", taliban)),
    )
    assert [f.stem for f in raw.provinces] == ["panjshir"]
    assert [f.stem for f in raw.events] == ["fall-of-kabul"]
    assert raw.site is not None
    assert raw.site.path == "content/site.yaml"
    assert raw.site.stem == "site"
    assert [(f.path, f.stem) for f in raw.source_meta] == [("content/sources/news.yaml", "news")]
    assert raw.source_texts == (
        RawText("content/sources/news.txt", "news", "It is led by Ahmad Massoud.\n"),
    )
    page = "content/pages/story.md"
    assert raw.pages == (
        RawPage(
            page,
            "story",
            YMap(
                (
                    (
                        YScalar("title", "plain", Location(page, 2, 1)),
                        YScalar("Story", "plain", Location(page, 2, 8)),
                    ),
                ),
                Location(page, 2, 1),
            ),
            Location(page, 1, 1),
            "Body\n",
            4,
        ),
    )
    assert raw.files == (
        "content/actors/ahmad-massoud.yaml",
        "content/actors/taliban.yaml",
        "content/events/fall-of-kabul.yaml",
        "content/pages/story.md",
        "content/provinces/panjshir.yaml",
        "content/site.yaml",
        "content/sources/news.txt",
        "content/sources/news.yaml",
    )


def test_order_never_depends_on_the_file_system(root: Path) -> None:
    make(root, SITE)
    for stem in ("zeta", "alpha", "mid-1", "mid", "b2", "b10"):
        make(root, {f"content/actors/{stem}.yaml": f"name: {stem}\n"})
    first, _ = load(root)
    assert [f.stem for f in first.actors] == ["alpha", "b10", "b2", "mid-1", "mid", "zeta"]
    assert load(root)[0] == first


def test_empty_content_folder(root: Path) -> None:
    make(root, SITE)
    raw, found = load(root)
    assert found == []
    assert (raw.actors, raw.provinces, raw.events) == ((), (), ())
    assert (raw.source_meta, raw.source_texts, raw.pages) == ((), (), ())
    assert raw.files == ("content/site.yaml",)


# --- E001, E002 -----------------------------------------------------------------------------


def test_no_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    for project in (tmp_path / "missing", tmp_path):
        with pytest.raises(ProjectNotFound) as caught:
            load_project(project, Diagnostics())
        assert caught.value.code == "E001"
        assert caught.value.exit_code == 2
        assert "no content/ folder" in str(caught.value)
        assert "hint: " in str(caught.value)
    make(tmp_path, {"content": "a file, not a folder"})
    with pytest.raises(ProjectNotFound):
        load_project(tmp_path, Diagnostics())


def test_missing_site_yaml(root: Path) -> None:
    make(root, {"content/actors/taliban.yaml": "name: Taliban\n"})
    raw, found = load(root)
    assert found == [error("E002", "content/site.yaml", "content/site.yaml is missing")]
    assert raw.site is None
    assert [f.stem for f in raw.actors] == ["taliban"]


def test_site_yml_is_named_and_site_yaml_still_missing(root: Path) -> None:
    make(root, {"content/site.yml": "title: x\n"})
    _, found = load(root)
    assert found == [
        error("E002", "content/site.yaml", "content/site.yaml is missing"),
        (
            "warning",
            "W009",
            "content/site.yml",
            1,
            1,
            "unexpected file content/site.yml is ignored",
        ),
    ]
    assert load_hints(root)[1].startswith("rename it to site.yaml; ")


def test_site_yaml_folder_and_kind_file(root: Path) -> None:
    (root / "content" / "site.yaml").mkdir(parents=True)
    make(root, {"content/actors": "oops\n"})
    raw, found = load(root)
    assert found == [
        error("E009", "content/actors", "content/actors must be a folder"),
        error("E009", "content/site.yaml", "content/site.yaml must be a file"),
    ]
    assert raw.site is None


# --- E003 symbolic links --------------------------------------------------------------------


def test_symlink_to_a_file_outside_is_refused(root: Path, tmp_path: Path) -> None:
    make(tmp_path, {"secret.yaml": "password: hunter2\nbroken: [\n"})
    make(root, SITE)
    (root / "content" / "actors").mkdir()
    os.symlink(tmp_path / "secret.yaml", root / "content" / "actors" / "secret.yaml")
    os.symlink("../../../secret.yaml", root / "content" / "actors" / "relative.yaml")
    raw, found = load(root)
    message = "is a symbolic link to a place outside the project"
    assert found == [
        error("E003", "content/actors/relative.yaml", f"content/actors/relative.yaml {message}"),
        error("E003", "content/actors/secret.yaml", f"content/actors/secret.yaml {message}"),
    ]
    assert raw.actors == ()
    assert raw.files == ("content/site.yaml",)


def test_symlinked_folder_outside_is_refused(root: Path, tmp_path: Path) -> None:
    make(tmp_path, {"elsewhere/x.yaml": "name: X\n"})
    make(root, SITE)
    os.symlink(tmp_path / "elsewhere", root / "content" / "actors")
    raw, found = load(root)
    assert found == [
        error(
            "E003",
            "content/actors",
            "content/actors is a symbolic link to a place outside the project",
        )
    ]
    assert raw.actors == ()


def test_content_folder_outside_is_refused(root: Path, tmp_path: Path) -> None:
    make(tmp_path, {"shared/site.yaml": "title: x\n"})
    os.symlink(tmp_path / "shared", root / "content")
    raw, found = load(root)
    assert found == [
        error("E003", "content", "content/ is a symbolic link to a folder outside the project")
    ]
    assert raw == RawProject(None, (), (), (), (), (), (), ())


def test_symlinks_inside_the_project_are_followed(root: Path, tmp_path: Path) -> None:
    make(root, {**SITE, "shared/x.yaml": "name: X\n", "more-events/e.yaml": "name: E\n"})
    (root / "content" / "actors").mkdir()
    os.symlink("../../shared/x.yaml", root / "content" / "actors" / "x.yaml")
    os.symlink(root / "more-events", root / "content" / "events")
    link = tmp_path / "link-to-project"
    os.symlink(root, link)
    for project in (root, link):
        raw, found = load(project)
        assert found == []
        assert [(f.path, f.stem) for f in raw.actors] == [("content/actors/x.yaml", "x")]
        assert [(f.path, f.stem) for f in raw.events] == [("content/events/e.yaml", "e")]


def test_broken_symlink(root: Path) -> None:
    make(root, SITE)
    (root / "content" / "actors").mkdir()
    os.symlink("nowhere.yaml", root / "content" / "actors" / "gone.yaml")
    _, found = load(root)
    assert found == [
        error(
            "E014", "content/actors/gone.yaml", "content/actors/gone.yaml is a broken symbolic link"
        )
    ]


# --- E004, E005 encodings -------------------------------------------------------------------


def test_invalid_utf8_is_located_and_the_rest_still_checked(root: Path) -> None:
    make(root, {**SITE, "content/actors/x.yaml": b"name: ok\nbad: caf\xe9 x\nname: again\n"})
    raw, found = load(root)
    assert found == [
        error(
            "E004", "content/actors/x.yaml", "not valid UTF-8: byte 0xE9 at byte offset 17", 2, 9
        ),
        error("E024", "content/actors/x.yaml", "duplicate key 'name'", 3, 1),
    ]
    node = raw.actors[0].node
    assert isinstance(node, YMap)
    assert node.get("bad") == YScalar(
        "caf\ufffd x", "plain", Location("content/actors/x.yaml", 2, 6)
    )
    assert load_hints(root)[0] == (
        "save the file as UTF-8 (it is probably in an older encoding, e.g. Windows-1252)"
    )


def test_invalid_utf8_column_counts_characters(root: Path) -> None:
    make(
        root,
        {
            **SITE,
            "content/sources/s.txt": "a\nپنج ".encode() + b"\xff",
            "content/sources/s.yaml": "t: x\n",
        },
    )
    raw, found = load(root)
    assert found == [
        error("E004", "content/sources/s.txt", "not valid UTF-8: byte 0xFF at byte offset 9", 2, 5)
    ]
    assert raw.source_texts[0].text == "a\nپنج \ufffd"


def test_utf16_gets_its_own_hint(root: Path) -> None:
    make(root, {**SITE, "content/actors/x.yaml": "name: X\n".encode("utf-16")})
    _, found = load(root)
    assert found[0][:5] == ("error", "E004", "content/actors/x.yaml", 1, 1)
    assert load_hints(root)[0] == "the file is UTF-16: save it as UTF-8"


def test_byte_order_mark_is_reported_and_the_rest_parsed(root: Path) -> None:
    bom = b"\xef\xbb\xbf"
    make(
        root,
        {
            "content/site.yaml": bom + b"title: x\ntitle: y\n",
            "content/sources/s.txt": bom + b"Text.\r\n",
            "content/sources/s.yaml": bom + b"t: \xff\n",
        },
    )
    raw, found = load(root)
    message = "the file starts with a UTF-8 byte-order mark (BOM)"
    assert found == [
        error("E005", "content/site.yaml", message),
        error("E024", "content/site.yaml", "duplicate key 'title'", 2, 1),
        error("E005", "content/sources/s.txt", message),
        error("E005", "content/sources/s.yaml", message),
        error(
            "E004", "content/sources/s.yaml", "not valid UTF-8: byte 0xFF at byte offset 6", 1, 4
        ),
    ]
    assert raw.site is not None
    assert raw.site.node == YMap(
        (
            (
                YScalar("title", "plain", Location("content/site.yaml", 1, 1)),
                YScalar("x", "plain", Location("content/site.yaml", 1, 8)),
            ),
        ),
        Location("content/site.yaml", 1, 1),
    )
    assert raw.source_texts[0].text == "Text.\r\n"
    assert load_hints(root)[0] == "save the file as UTF-8 without BOM"


# --- E006 empty files -----------------------------------------------------------------------


def test_empty_files(root: Path) -> None:
    make(
        root,
        {
            **SITE,
            "content/actors/a.yaml": "",
            "content/actors/b.yaml": "  \n\n",
            "content/actors/c.yaml": "# nothing here\n  # still nothing\n",
            "content/actors/d.yaml": "---\n",
            "content/sources/s.txt": " \r\n",
            "content/sources/s.yaml": "title: S\n",
            "content/pages/p.md": "\n",
        },
    )
    raw, found = load(root)
    assert found == [
        error("E006", "content/actors/a.yaml", "the file is empty"),
        error("E006", "content/actors/b.yaml", "the file is empty"),
        error("E006", "content/actors/c.yaml", "the file holds no data, only comments"),
        error("E006", "content/actors/d.yaml", "the file holds no data, only comments"),
        error("E006", "content/pages/p.md", "the page is empty"),
        error("E006", "content/sources/s.txt", "the source text is empty"),
    ]
    assert [f.node for f in raw.actors] == [None, None, None, None]
    assert raw.source_texts == (RawText("content/sources/s.txt", "s", " \r\n"),)
    assert [(p.front, p.body) for p in raw.pages] == [(None, "")]


# --- E007 sizes -----------------------------------------------------------------------------


def test_yaml_at_the_limit_is_read(root: Path) -> None:
    value = "x" * (YAML_LIMIT - len("name: \n"))
    make(root, {**SITE, "content/actors/big.yaml": f"name: {value}\n"})
    raw, found = load(root)
    assert found == []
    assert "content/actors/big.yaml" in raw.files


def test_files_over_the_limits_are_not_read(root: Path) -> None:
    make(root, {**SITE, "content/actors/big.yaml": "name: x\n" + "#" * YAML_LIMIT})
    make(root, {"content/sources/huge.yaml": "title: Big\n", "content/sources/huge.txt": ""})
    os.truncate(root / "content/sources/huge.txt", SOURCE_TEXT_LIMIT + 1)
    make(root, {"content/pages/big.md": ""})
    os.truncate(root / "content/pages/big.md", PAGE_LIMIT + 1)
    raw, found = load(root)
    assert found == [
        error("E007", path, f"{path} is too large ({size} MiB; the limit is {limit} MiB)")
        for path, size, limit in (
            ("content/actors/big.yaml", "1.0", 1),
            ("content/pages/big.md", "2.0", 2),
            ("content/sources/huge.txt", "16.0", 16),
        )
    ]
    assert raw.actors == (RawFile("content/actors/big.yaml", "big", None),)
    assert (raw.source_texts, raw.pages) == ((), ())
    assert raw.files == ("content/site.yaml", "content/sources/huge.yaml")


# --- E008 file names ------------------------------------------------------------------------


def test_file_names_that_are_not_ids(root: Path) -> None:
    names = [
        "..yaml", ".hidden.yaml", "Foo Bar.yaml", "a_b.yaml", "CON.yaml", "con.yaml",
        "lpt1.yaml", "a--b.yaml", "-a.yaml", "é.yaml", "x.y.yaml", "a" * 65 + ".yaml",
    ]  # fmt: skip
    make(root, {**SITE, **{f"content/actors/{n}": "name: x\n" for n in names}})
    make(root, {"content/pages/About Us.md": "---\ntitle: x\n---\n"})
    raw, found = load(root)
    expected = [
        ("..yaml", "file name '..yaml' is not a valid id"),
        (".hidden.yaml", "file name '.hidden.yaml' is not a valid id"),
        ("CON.yaml", "file name 'CON.yaml' is not a valid id"),
        ("Foo Bar.yaml", "file name 'Foo Bar.yaml' is not a valid id"),
        ("-a.yaml", "file name '-a.yaml' is not a valid id"),
        ("a--b.yaml", "file name 'a--b.yaml' is not a valid id"),
        ("a_b.yaml", "file name 'a_b.yaml' is not a valid id"),
        ("a" * 65 + ".yaml", f"file name '{'a' * 20}…' is longer than 64 characters"),
        ("con.yaml", "file name 'con.yaml' is a device name on Windows"),
        ("lpt1.yaml", "file name 'lpt1.yaml' is a device name on Windows"),
        ("x.y.yaml", "file name 'x.y.yaml' is not a valid id"),
        ("é.yaml", "file name 'é.yaml' is not a valid id"),
    ]
    assert found == [
        *(error("E008", f"content/actors/{n}", m) for n, m in sorted(expected)),
        error("E008", "content/pages/About Us.md", "file name 'About Us.md' is not a valid id"),
    ]
    assert (raw.actors, raw.pages) == ((), ())
    assert raw.files == ("content/site.yaml",)
    rule = "ids are lowercase letters, digits and single hyphens, at most 64 characters"
    hints = dict(zip([f[2] for f in found], load_hints(root), strict=True))
    assert hints["content/actors/Foo Bar.yaml"] == f"{rule}: rename it to foo-bar.yaml"
    assert hints["content/actors/a_b.yaml"] == f"{rule}: rename it to a-b.yaml"
    assert hints["content/actors/..yaml"] == rule
    assert hints["content/actors/CON.yaml"] == rule
    assert hints["content/pages/About Us.md"] == f"{rule}: rename it to about-us.md"


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system of bytes")
def test_file_names_that_cannot_be_printed(root: Path) -> None:
    make(root, SITE)
    folder = root / "content" / "actors"
    folder.mkdir()
    (folder / "a\nb.yaml").write_text("name: x\n")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.yaml"), "wb") as handle:
        handle.write(b"name: x\n")
    _, found = load(root)
    assert [(f[1], f[2]) for f in found] == [
        ("E008", "content/actors/a\\nb.yaml"),
        ("E008", "content/actors/caf\\xe9.yaml"),
    ]
    assert all(f[5].isprintable() for f in found)


# --- E009, E010 unexpected entries ----------------------------------------------------------


def test_unexpected_entries(root: Path) -> None:
    make(
        root,
        {
            **SITE,
            "content/actors/x.yml": "name: x\n",
            "content/actors/y.json": "{}\n",
            "content/actors/README": "notes\n",
            "content/actors/old/z.yaml": "name: z\n",
            "content/events/Fall.YAML": "name: f\n",
            "content/pages/story.markdown": "---\ntitle: x\n---\n",
            "content/notes.txt": "todo\n",
            "content/actor/a.yaml": "name: a\n",
            "content/images/logo.png": b"\x89PNG",
        },
    )
    raw, found = load(root)
    assert found == [
        error("E009", "content/actor", "unexpected folder content/actor: its files are not read"),
        error("E009", "content/actors/README", "unexpected file content/actors/README"),
        error("E009", "content/actors/old", "unexpected folder content/actors/old"),
        error("E009", "content/actors/x.yml", "unexpected file content/actors/x.yml"),
        error("E009", "content/actors/y.json", "unexpected file content/actors/y.json"),
        error("E009", "content/events/Fall.YAML", "unexpected file content/events/Fall.YAML"),
        warning("W009", "content/images", "unexpected folder content/images is ignored"),
        warning("W009", "content/notes.txt", "unexpected file content/notes.txt is ignored"),
        error(
            "E009", "content/pages/story.markdown", "unexpected file content/pages/story.markdown"
        ),
    ]
    hints = load_hints(root)
    assert hints[0] == "did you mean content/actors/? rename the folder"
    assert hints[1] == "files in content/actors/ end in .yaml"
    assert hints[2] == "files go directly in content/actors/ and end in .yaml; move or delete it"
    assert hints[3] == "rename it to x.yaml"
    assert hints[5] == "rename it to fall.yaml"
    assert hints[8] == "rename it to story.md"
    assert (raw.actors, raw.events, raw.pages) == ((), (), ())
    assert raw.files == ("content/site.yaml",)


def test_fifo_is_never_opened(root: Path) -> None:
    make(root, SITE)
    (root / "content" / "actors").mkdir()
    os.mkfifo(root / "content" / "actors" / "pipe.yaml")
    _, found = load(root)
    assert found == [
        error("E009", "content/actors/pipe.yaml", "content/actors/pipe.yaml is not a regular file")
    ]


def test_source_halves(root: Path) -> None:
    make(
        root,
        {
            **SITE,
            "content/sources/news.txt": "Text.\n",
            "content/sources/orphan.yaml": "title: Orphan\n",
            "content/sources/renamed.txt": "Text.\n",
            "content/sources/renamed.yml": "title: R\n",
        },
    )
    raw, found = load(root)
    news, orphan = "content/sources/news", "content/sources/orphan"
    assert found == [
        error("E010", f"{news}.txt", f"source text has no metadata file {news}.yaml"),
        error("E010", f"{orphan}.yaml", f"source metadata has no text file {orphan}.txt"),
        error("E009", "content/sources/renamed.yml", "unexpected file content/sources/renamed.yml"),
    ]
    assert load_hints(root)[:2] == [
        "create content/sources/news.yaml with title, publisher, published, url and language",
        "save the verbatim text of the source as content/sources/orphan.txt",
    ]
    # Each half that exists is loaded; validate pairs them.
    assert [t.stem for t in raw.source_texts] == ["news", "renamed"]
    assert [m.stem for m in raw.source_meta] == ["orphan"]


# --- E011 ids across kinds ------------------------------------------------------------------


def test_an_id_is_used_once_across_kinds(root: Path) -> None:
    make(
        root,
        {
            **SITE,
            "content/actors/kabul.yaml": "name: Kabul group\n",
            "content/provinces/kabul.yaml": "name: Kabul\n",
            "content/events/kabul.yaml": "name: Fall of Kabul\n",
            "content/sources/kabul.txt": "Text.\n",
            "content/sources/kabul.yaml": "title: T\n",
            "content/pages/kabul.md": "---\ntitle: Pages have their own slugs\n---\n",
        },
    )
    raw, found = load(root)
    message = "id 'kabul' is already used by content/actors/kabul.yaml"
    assert found == [
        error("E011", "content/events/kabul.yaml", message),
        error("E011", "content/provinces/kabul.yaml", message),
        error("E011", "content/sources/kabul.txt", message),
        error("E011", "content/sources/kabul.yaml", message),
    ]
    assert load_hints(root)[0] == (
        "ids are unique across actors, provinces, events and sources: rename one of them"
    )
    assert [f.path for f in raw.actors] == ["content/actors/kabul.yaml"]
    assert (raw.provinces, raw.events, raw.source_meta, raw.source_texts) == ((), (), (), ())
    assert [p.stem for p in raw.pages] == ["kabul"]


# --- source texts ---------------------------------------------------------------------------


def test_source_text_is_kept_exactly(root: Path) -> None:
    text = "KABUL, Sept. 5.\r\nLine two.\rLine three.\n\n\u00a0Trailing  \t\n\u2028end"
    make(root, {**SITE, "content/sources/s.txt": text, "content/sources/s.yaml": "t: x\n"})
    raw, found = load(root)
    assert found == []
    assert raw.source_texts == (RawText("content/sources/s.txt", "s", text),)


# --- pages ----------------------------------------------------------------------------------


def page(root: Path, text: str | bytes) -> tuple[RawPage, list[Found]]:
    make(root, {**SITE, "content/pages/p.md": text})
    raw, found = load(root)
    assert len(raw.pages) == 1
    return raw.pages[0], found


def test_page_front_matter_and_body(root: Path) -> None:
    loaded, found = page(root, "---\ntitle: Story\norder: 2\n---\n# Heading\r\n\nBody [^s#s1]\n")
    assert found == []
    assert isinstance(loaded.front, YMap)
    assert loaded.front.get("order") == YScalar("2", "plain", Location("content/pages/p.md", 3, 8))
    assert loaded.body == "# Heading\r\n\nBody [^s#s1]\n"
    assert loaded.body_line == 5
    assert loaded.front_location == Location("content/pages/p.md", 1, 1)


@pytest.mark.parametrize(
    ("text", "body", "body_line"),
    [
        ("---\r\ntitle: X\r\n---\r\nBody\r\n", "Body\r\n", 4),
        ("--- \ntitle: X\n---\t\nBody", "Body", 4),
        ("---\ntitle: X\n---", "", 4),
        ("---\ntitle: X\n---\n", "", 4),
        ("---\ntitle: X\n\n# comment\n---\n\nBody\n---\nmore\n", "\nBody\n---\nmore\n", 6),
    ],
)
def test_page_delimiters(root: Path, text: str, body: str, body_line: int) -> None:
    loaded, found = page(root, text)
    assert found == []
    assert isinstance(loaded.front, YMap)
    assert loaded.front.get("title") == YScalar("X", "plain", Location("content/pages/p.md", 2, 8))
    assert (loaded.body, loaded.body_line) == (body, body_line)


def test_page_without_front_matter(root: Path) -> None:
    loaded, found = page(root, "# Just Markdown\n\ntitle: no\n")
    assert found == [error("E012", "content/pages/p.md", "the page has no front matter")]
    assert (loaded.front, loaded.body, loaded.body_line) == (
        None,
        "# Just Markdown\n\ntitle: no\n",
        1,
    )
    assert load_hints(root) == [
        "start the page with a '---' line, then 'title: …', then another '---' line"
    ]


def test_page_with_unclosed_front_matter(root: Path) -> None:
    loaded, found = page(root, "---\ntitle: X\n\nBody text\n")
    assert found == [error("E013", "content/pages/p.md", "the front matter is not closed")]
    assert (loaded.front, loaded.body) == (None, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: a: b\n---\n", [("E020", 2, 9)]),
        ("---\ntitle: a\ntitle: b\n---\nBody\n", [("E024", 3, 1)]),
        ("---\n---\nBody\n", [("E006", 1, 1)]),
        ("---\n# comment\n---\nBody\n", [("E006", 2, 1)]),
        (b"\xef\xbb\xbf---\ntitle: \xff\n---\n", [("E005", 1, 1), ("E004", 2, 8)]),
    ],
)
def test_front_matter_problems_are_located_in_the_file(
    root: Path, text: str | bytes, expected: list[tuple[str, int, int]]
) -> None:
    _, found = page(root, text)
    assert [(f[1], f[3], f[4]) for f in found] == expected


# --- E014 unreadable ------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable_file_and_folder(root: Path) -> None:
    make(root, {**SITE, "content/actors/x.yaml": "name: x\n", "content/events/e.yaml": "n: e\n"})
    os.chmod(root / "content/actors/x.yaml", 0)
    os.chmod(root / "content/events", 0)
    try:
        raw, found = load(root)
    finally:
        os.chmod(root / "content/actors/x.yaml", 0o644)
        os.chmod(root / "content/events", 0o755)
    assert found == [
        error("E014", "content/actors/x.yaml", f"cannot read content/actors/x.yaml: {DENIED}"),
        error("E014", "content/events", f"cannot read folder content/events: {DENIED}"),
    ]
    assert raw.actors == (RawFile("content/actors/x.yaml", "x", None),)


# --- everything in one run ------------------------------------------------------------------


def test_every_problem_is_reported_in_one_run(root: Path, tmp_path: Path) -> None:
    make(tmp_path, {"outside.yaml": "name: x\n"})
    make(
        root,
        {
            "content/actors/a.yaml": b"\xef\xbb\xbfname: x\nname: y\n",
            "content/actors/b.yaml": b"name: \xff\nyes: 1\n",
            "content/actors/c.yaml": "name: &x X\nalias: *x\ntag: !!str 1\n<<: {}\n",
            "content/actors/d.yaml": "a: 1\n---\nb: 2\n",
            "content/actors/e.yaml": "a: b: c\n",
            "content/actors/f.yaml": "",
            "content/actors/G.yaml": "name: g\n",
            "content/actors/h.yml": "name: h\n",
            "content/events/a.yaml": "name: a\n",
            "content/sources/s.txt": "Text.\n",
            "content/pages/p.md": "no front matter\n",
            "content/pages/q.md": "---\ntitle: q\n",
            "content/actors/deep.yaml": "a: " + "[" * 70 + "]" * 70 + "\n",
        },
    )
    os.symlink(tmp_path / "outside.yaml", root / "content" / "actors" / "out.yaml")
    _, found = load(root)
    codes = sorted({f[1] for f in found})
    assert codes == [
        "E002", "E003", "E004", "E005", "E006", "E008", "E009", "E010", "E011", "E012", "E013",
        "E020", "E021", "E022", "E023", "E024", "E025", "E026", "E027",
    ]  # fmt: skip


def test_read_errors_are_reported_not_raised(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the operating system refuses becomes an E014, as for a user without rights."""
    make(root, {**SITE, "content/actors/x.yaml": "name: x\n", "content/events/e.yaml": "n: e\n"})
    real_open, real_scandir = os.open, os.scandir

    def deny_open(path: str, flags: int, mode: int = 0o777) -> int:
        if path.endswith("x.yaml"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode)

    def deny_scandir(path: str) -> object:
        if path.endswith("events"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "open", deny_open)
    monkeypatch.setattr(os, "scandir", deny_scandir)
    raw, found = load(root)
    assert found == [
        error("E014", "content/actors/x.yaml", f"cannot read content/actors/x.yaml: {DENIED}"),
        error("E014", "content/events", f"cannot read folder content/events: {DENIED}"),
    ]
    assert raw.actors == (RawFile("content/actors/x.yaml", "x", None),)
    assert raw.files == ("content/site.yaml",)
