"""``explainer export``: the single self-contained HTML file and the zip, as pure functions on
the rendered site and through the command line."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.export import export_stem, single_file, site_zip
from generator.pipeline import site_files
from generator.render import render_site

from conftest import ROOT, snapshot
from sitefixture import HOSTILE, make_site

THEME = ROOT / "themes" / "default"
URL_ATTRS = ("href", "src", "action", "poster", "cite")


@pytest.fixture(scope="module")
def default_files() -> dict[str, bytes]:
    diags = Diagnostics()
    made = site_files(ROOT, diags, strict=True)
    assert made is not None, [str(d) for d in diags]
    return made[1]


class Document(HTMLParser):
    """Every element with its attributes, and the text of scripts and styles."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.elements.append((tag, values))
        if values.get("id"):
            self.ids.append(values["id"] or "")
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)


def test_the_single_file_holds_every_page_once(default_files: dict[str, bytes]) -> None:
    data = single_file(default_files)
    assert data == single_file(dict(reversed(list(default_files.items()))))  # deterministic
    doc = Document(data.decode("utf-8"))
    pages = sorted(p for p in default_files if p.endswith(".html"))
    sections = [
        v["id"]
        for tag, v in doc.elements
        if tag == "section" and "xp-page" in (v.get("class") or "")
    ]
    assert sorted(s.removeprefix("/") for s in sections if s) == pages
    assert sections[0] == "/index.html"  # the home page comes first and shows by default
    assert len(doc.ids) == len(set(doc.ids)), "ids must stay unique across pages"
    assert [t for t, _ in doc.elements].count("html") == 1
    assert [t for t, _ in doc.elements].count("main") == 1
    assert [t for t, _ in doc.elements].count("header") >= 1


def test_every_reference_in_the_single_file_stays_inside_it(
    default_files: dict[str, bytes],
) -> None:
    doc = Document(single_file(default_files).decode("utf-8"))
    ids = set(doc.ids)
    checked = 0
    for tag, values in doc.elements:
        for name in URL_ATTRS:
            value = values.get(name)
            if value is None:
                continue
            checked += 1
            if value.startswith("#"):
                assert value[1:] in ids or value == "#main", (tag, name, value)
            else:
                assert value.startswith(("data:", "https://", "http://")), (tag, name, value)
                assert not (tag in ("script", "img", "link") and value.startswith("http"))
        if tag == "link":
            assert "stylesheet" not in (values.get("rel") or "")  # inlined
        if tag == "script":
            assert "src" not in values  # inlined
    assert checked > 1000
    # The data file is left out, and a link to it reads as plain text.
    assert not any((v.get("href") or "").endswith("explainer.json") for _, v in doc.elements)
    assert any("data-xp-omitted" in v for t, v in doc.elements if t == "a")


def test_the_single_file_inlines_styles_scripts_and_the_search_index(
    default_files: dict[str, bytes],
) -> None:
    text = single_file(default_files).decode("utf-8")
    doc = Document(text)
    scripts = "\n".join(doc.scripts)
    assert "window.EXPLAINER_SEARCH_INDEX" in scripts
    assert scripts.index("window.EXPLAINER_SEARCH_INDEX") < scripts.index("explainerSearch")
    assert default_files["static/cite.js"].decode() in scripts
    assert "--font-text" in text  # the stylesheet
    assert "data-single-file" in text.split(">", 2)[1]  # on <html>: scripts know where they are


def test_hostile_text_cannot_end_an_inlined_element() -> None:
    files = render_site(make_site(hostile=True), (THEME,))
    from generator.search import INDEX_PATH, search_index

    files[INDEX_PATH] = search_index(make_site(hostile=True))
    text = single_file(files).decode("utf-8")
    assert HOSTILE not in text  # escaped wherever it shows
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text or "&lt;script&gt;" in text
    doc = Document(text)
    assert not any("alert(" in script and "EXPLAINER" not in script for script in doc.scripts)


def test_single_file_needs_a_page() -> None:
    with pytest.raises(ValueError, match="no HTML pages"):
        single_file({"static/style.css": b"body{}"})


def test_the_zip_holds_exactly_the_built_site(
    default_files: dict[str, bytes], tmp_path: Path
) -> None:
    data = site_zip(default_files)
    assert data == site_zip(dict(reversed(list(default_files.items()))))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(default_files)
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644
            assert archive.read(info) == default_files[info.filename]
        assert archive.testzip() is None
    out = tmp_path / "output"
    assert main(["build", "--strict", "--output", str(out), str(ROOT)]) == 0
    assert set(snapshot(out)) == set(default_files)


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        (
            "Panjshir 2021: the resistance to the Taliban",
            "panjshir-2021-the-resistance-to-the-taliban",
        ),
        ("Élections à Kaboul", "elections-a-kaboul"),
        ("???", "explainer"),
        ("احمد مسعود", "explainer"),
    ],
)
def test_export_names_the_file_after_the_site(title: str, stem: str) -> None:
    assert export_stem(title) == stem


# The command


def test_export_writes_the_file_and_says_so(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(project_dir)]) == 0
    target = project_dir / "panjshir-2021-the-resistance-to-the-taliban.html"
    out = capsys.readouterr().out
    assert out.startswith("exported 40 pages (") and str(target) in out
    first = target.read_bytes()
    assert first.startswith(b"<!DOCTYPE html>")
    assert (
        main(["export", "--format", "zip", "-o", str(project_dir / "site.zip"), str(project_dir)])
        == 0
    )
    assert zipfile.is_zipfile(project_dir / "site.zip")
    assert main(["export", str(project_dir)]) == 0
    assert target.read_bytes() == first  # the same content, the same bytes
    assert not list(project_dir.glob(".*.tmp"))
    assert not (project_dir / "output").exists()  # export does not build output/


def test_export_with_content_errors_writes_nothing(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nrf = project_dir / "content" / "actors" / "nrf.yaml"
    nrf.write_text(nrf.read_text("utf-8").replace("(@kabul)", "(@kabull)", 1), "utf-8")
    target = project_dir / "out.html"
    assert main(["export", "-o", str(target), str(project_dir)]) == 1
    captured = capsys.readouterr()
    assert "error[E201]" in captured.err and "did you mean 'kabul'?" in captured.err
    assert "Traceback" not in captured.err
    assert not target.exists()


def test_export_into_a_missing_folder_is_a_usage_error(
    project_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = project_dir / "no" / "such" / "folder" / "x.html"
    assert main(["export", "-o", str(target), str(project_dir)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write '{target}'" in err  # the file asked for, not a temporary name
