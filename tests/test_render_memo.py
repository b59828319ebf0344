"""An incremental render (``rendermemo``: pages whose inputs are unchanged are taken as the
last render made them) never changes a byte of the site: along seeded runs of random edits to
the default content — an entity renamed, a fact reworded, a reference pointed elsewhere, a
place moved in the hierarchy or given a position, a source's text changed, the site's title,
the narrative page, a theme template, files deleted, copied, moved and put back, YAML broken —
a render that shares its memos with all the renders before it makes exactly the files a
render afresh makes. And it does take pages as they were: a change to one entity renders a
few pages again, not the site."""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from test_memo_edits import EDITS, Files, _entities
from test_shared_check import files_of

from generator import rendermemo
from generator.diagnostics import Diagnostics
from generator.memo import CheckMemo
from generator.pipeline import BUILTIN_THEMES, check, site_files
from generator.rendermemo import RenderMemo, global_token, in_memory, page_inputs

Edit = Callable[[random.Random, Files, Files], None]


def _rename(rng: random.Random, files: Files, original: Files) -> None:
    path = rng.choice(_entities(files))
    files[path] = re.sub(rb"(?m)^name: (.*)$", rb"name: \1 the Elder", files[path], count=1)


def _repoint(rng: random.Random, files: Files, original: Files) -> None:
    """A reference field (``part_of``, ``target``, ``claimed_by``, an actor or a place)
    pointed at another entity of the same folder as the one it named."""
    path = rng.choice(_entities(files))
    found = re.search(rb"(?m)^( *(?:- )?(?:part_of|target|claimed_by|actor): )([a-z0-9-]+)$",
                      files[path])  # fmt: skip
    if found is None:
        return
    name = found.group(2).decode()
    for folder in ("actors", "provinces", "events"):
        if f"content/{folder}/{name}.yaml" in files:
            others = [p for p in _entities(files) if p.startswith(f"content/{folder}/")]
            other = rng.choice(others).rsplit("/", 1)[1][:-5]
            files[path] = (
                files[path][: found.start(2)] + other.encode() + files[path][found.end(2) :]
            )
            return


def _place(rng: random.Random, files: Files, original: Files) -> None:
    """A place given a position (or moved), so that the map of every place changes."""
    places = [p for p in _entities(files) if p.startswith("content/provinces/")]
    if not places:
        return
    path = rng.choice(places)
    text = re.sub(rb"(?ms)^coordinates:\n(  .*?\n)+", b"", files[path])
    where = f"coordinates:\n  lat: {rng.randrange(30, 38)}.5\n  lon: {rng.randrange(61, 71)}.2\n"
    files[path] = text.rstrip(b"\n") + b"\n" + where.encode()


def _retitle(rng: random.Random, files: Files, original: Files) -> None:
    files["content/site.yaml"] = re.sub(
        rb'(?m)^title: "?([^"\n]*)"?$',
        f'title: "Explained {rng.randrange(100)}"'.encode(),
        files["content/site.yaml"],
        count=1,
    )


def _story(rng: random.Random, files: Files, original: Files) -> None:
    pages = sorted(k for k in files if k.startswith("content/pages/"))
    if pages:
        path = rng.choice(pages)
        files[path] = files[path] + f"\nOne more paragraph, {rng.randrange(100)}.\n".encode()


def _source_title(rng: random.Random, files: Files, original: Files) -> None:
    path = "content/sources/tass-2021-09-05.yaml"
    if path in files:
        files[path] = re.sub(
            rb"(?m)^title: (.*)$", f"title: Report {rng.randrange(100)}".encode(), files[path]
        )


def _theme(rng: random.Random, files: Files, original: Files) -> None:
    """The project's own copy of a built-in template, changed (or taken away)."""
    name = rng.choice(["actor.html", "event.html", "base.html", "source.html"])
    path = f"themes/default/templates/{name}"
    if path in files:
        del files[path]
        return
    text = (BUILTIN_THEMES / "default" / "templates" / name).read_bytes()
    files[path] = text + f"{{# changed {rng.randrange(100)} #}}<!-- {name} -->\n".encode()


def _story_link(rng: random.Random, files: Files, original: Files) -> None:
    pages = sorted(k for k in files if k.startswith("content/pages/"))
    entities = _entities(files)
    if pages and entities:
        path, target = rng.choice(pages), rng.choice(entities).rsplit("/", 1)[1][:-5]
        files[path] = (
            files[path] + f"\nSee also [this]({{@}}{target}).\n".replace("{@}", "@").encode()
        )


def _story_title(rng: random.Random, files: Files, original: Files) -> None:
    pages = sorted(k for k in files if k.startswith("content/pages/"))
    if pages:
        path = rng.choice(pages)
        files[path] = re.sub(
            rb"(?m)^title: .*$", f"title: Chapter {rng.randrange(100)}".encode(), files[path],
            count=1,
        )  # fmt: skip


def _grow_copy(rng: random.Random, files: Files, original: Files) -> None:
    if COPY in files:
        files[COPY] = f"Another sentence, {rng.randrange(100)}. ".encode() + files[COPY]


RENDER_EDITS: list[Edit] = [
    *EDITS, _rename, _rename, _rename, _repoint, _repoint, _place, _place, _retitle, _story,
    _story_link, _story_title, _source_title, _grow_copy, _grow_copy, _theme,
]  # fmt: skip
"""The check's edits, and edits to what pages show of other files."""
COPY = "content/sources/tass-copy.txt"


DISPUTING_FACT = b"""  - text: "The [Taliban](@taliban) had left the valley."
    disputes:
      - taliban-control-claim
    cite:
      - source: tass-2021-09-05
        quote: "the Taliban have been driven out of the province"
"""


def _varied(project: Path) -> Files:
    """The default content, varied so that pages show more of each other: a second source
    (a copy of the first) that every other entity cites instead, a place two levels down
    the ``part_of`` tree, and a fact that disputes another entity's fact."""
    files = files_of(project)
    sources = "content/sources/tass-2021-09-05"
    files[COPY] = files[f"{sources}.txt"]
    files[COPY.replace(".txt", ".yaml")] = files[f"{sources}.yaml"].replace(
        b"title: ", b"title: Copy of "
    )
    for path in _entities(files)[::2]:
        files[path] = files[path].replace(b"source: tass-2021-09-05", b"source: tass-copy")
    kapisa = "content/provinces/kapisa.yaml"
    files[kapisa] = files[kapisa].replace(b"part_of: afghanistan", b"part_of: panjshir")
    biden = "content/actors/biden-administration.yaml"
    files[biden] = files[biden].replace(b"\nfacts:\n", b"\nfacts:\n" + DISPUTING_FACT, 1)
    _sync(project, files)
    return files


def _sync(root: Path, files: Files) -> None:
    """Make the project's content and theme exactly ``files``."""
    for folder in ("content", "themes"):
        shutil.rmtree(root / folder, ignore_errors=True)
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _same_as_afresh(root: Path, memo: CheckMemo, render: RenderMemo, what: str) -> dict[str, bytes]:
    made = site_files(root, Diagnostics(), memo=memo, render=render)
    afresh = site_files(root, Diagnostics())
    assert made is not None and afresh is not None, what
    assert made[1].keys() == afresh[1].keys(), what
    for path, data in afresh[1].items():
        assert made[1][path] == data, f"{what}: {path}"
    assert render.taken, what
    return made[1]


def test_changing_any_entity_or_source_renders_what_a_render_afresh_renders(
    project_dir: Path,
) -> None:
    """Every entity in turn renamed (its name shows on the pages of its neighbours, in
    breadcrumbs, maps, lists and notes), its facts reworded (they show where they are
    disputed, and in a source's list of who cites what), a place given a position (every
    place's map shows it) or moved to another country (the breadcrumbs below it change); a
    story linking to entities (their pages list it); every source's text and title changed
    in turn. Each change is rendered, and so is the content put back."""
    files = _varied(project_dir)
    memo = CheckMemo()
    last: dict[str, bytes] = {}
    render = RenderMemo(previous=lambda path: in_memory(last)(path))
    made = site_files(project_dir, Diagnostics(), memo=memo, render=render)
    assert made is not None
    last.update(made[1])
    for path in _entities(files):
        file = project_dir / path
        changes = {
            "renamed": re.sub(rb"(?m)^name: (.*)$", rb"name: \1 Renamed", files[path], count=1),
            "reworded": re.sub(rb"(?m)^(  - text: \"?)", rb"\1Reportedly, ", files[path]),
        }
        if path.startswith("content/provinces/"):
            changes["placed"] = (
                files[path].rstrip(b"\n") + b"\ncoordinates:\n  lat: 35.5\n  lon: 69.5\n"
            )
            if b"part_of: " in files[path]:
                moved = re.sub(rb"(?m)^part_of: .*$", b"part_of: qatar", files[path])
                changes["moved"] = moved
        for change, data in changes.items():
            assert data != files[path], f"{path} {change}"
            file.write_bytes(data)
            last = _same_as_afresh(project_dir, memo, render, f"{path} {change}")
            file.write_bytes(files[path])
            last = _same_as_afresh(project_dir, memo, render, f"{path} back")
    story = project_dir / "content/pages/more.md"
    links = "".join(f"\n[{p}](@{p.rsplit('/', 1)[1][:-5]})" for p in _entities(files)[::3])
    story.write_bytes(b"---\ntitle: More\n---\nSee" + links.encode() + b"\n")
    last = _same_as_afresh(project_dir, memo, render, "a story linking to entities")
    story.unlink()
    last = _same_as_afresh(project_dir, memo, render, "the story gone")
    for path in sorted(p for p in files if p.startswith("content/sources/")):
        file = project_dir / path
        if path.endswith(".txt"):
            file.write_bytes(b"A first sentence. " + files[path])
        else:
            file.write_bytes(files[path].replace(b"title: ", b"title: Retitled "))
        last = _same_as_afresh(project_dir, memo, render, f"{path} changed")
        file.write_bytes(files[path])
        last = _same_as_afresh(project_dir, memo, render, f"{path} back")


@pytest.mark.parametrize("seed", range(4))
def test_an_incremental_render_makes_what_a_render_afresh_makes_along_random_edits(
    project_dir: Path, seed: int
) -> None:
    rng = random.Random(seed)
    original = _varied(project_dir)
    files = dict(original)
    memo = CheckMemo()
    last: dict[str, bytes] = {}
    render = RenderMemo(previous=lambda path: in_memory(last)(path))
    compared = 0
    for step in range(14):
        rng.choice(RENDER_EDITS)(rng, files, original)
        _sync(project_dir, files)
        made = site_files(project_dir, Diagnostics(), memo=memo, render=render)
        memo.prune()
        afresh = site_files(project_dir, Diagnostics())
        if afresh is None:
            assert made is None, f"seed {seed}, step {step}"
            continue
        assert made is not None, f"seed {seed}, step {step}"
        assert made[1].keys() == afresh[1].keys(), f"seed {seed}, step {step}"
        for path, data in afresh[1].items():
            assert made[1][path] == data, f"seed {seed}, step {step}: {path}"
        last = made[1]
        compared += 1
    assert compared > 0  # (that pages are taken as they were: the tests above and below)


def test_one_changed_entity_renders_its_neighbourhood_again_not_the_site(
    project_dir: Path,
) -> None:
    memo = CheckMemo()
    last: dict[str, bytes] = {}
    render = RenderMemo(previous=lambda path: in_memory(last)(path))
    made = site_files(project_dir, Diagnostics(), memo=memo, render=render)
    assert made is not None and not render.taken
    last = made[1]
    again = site_files(project_dir, Diagnostics(), memo=memo, render=render)
    assert again is not None and again[1] == last
    pages = {p for p in last if not p.startswith("static/")}
    assert render.taken == pages  # nothing changed: every page is taken as it was
    # the parts of explainer.json and the search index are kept with them, for the next edit
    units = len(list((project_dir / "content").glob("[ape]*/*.yaml"))) + 1  # one source
    assert len(render.parts) == 2 * units

    path = project_dir / "content/actors/fahim-dashti.yaml"
    path.write_bytes(path.read_bytes().replace(b"- text: ", b"- text: Reportedly, ", 1))
    edited = site_files(project_dir, Diagnostics(), memo=memo, render=render)
    assert edited is not None
    made_again = pages - render.taken
    assert "actors/fahim-dashti.html" in made_again
    assert "actors/nrf.html" in made_again  # lists him among its members
    assert "index.html" in made_again
    assert "events/fall-of-kabul.html" not in made_again  # shows nothing of him
    assert len(made_again) < len(pages) // 2
    assert edited[1] == site_files(project_dir, Diagnostics())[1]  # type: ignore[index]


def test_pages_changed_behind_the_memo_are_made_again(project_dir: Path) -> None:
    """The memo takes a page only when its previous bytes are still the ones it recorded."""
    memo = CheckMemo()
    last: dict[str, bytes] = {}
    render = RenderMemo(previous=lambda path: in_memory(last)(path))
    made = site_files(project_dir, Diagnostics(), memo=memo, render=render)
    assert made is not None
    last = dict(made[1])
    last["actors/nrf.html"] = b"tampered"
    del last["actors/taliban.html"]
    again = site_files(project_dir, Diagnostics(), memo=memo, render=render)
    assert again is not None and again[1] == made[1]
    assert "actors/nrf.html" not in render.taken
    assert "actors/taliban.html" not in render.taken
    assert "actors/ahmad-massoud.html" in render.taken


def test_the_theme_is_read_whole_through_links_once_and_never_waits(tmp_path: Path) -> None:
    """Every page reads the theme: its token covers files reached through a link to a
    folder, walks a folder linked into itself once, and neither waits on a FIFO nor fails on
    a file it may not read."""
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "actor.html").write_text("a", "utf-8")
    elsewhere = tmp_path / "partials"
    elsewhere.mkdir()
    (elsewhere / "note.html").write_text("n", "utf-8")
    (theme / "templates" / "partials").symlink_to(elsewhere, target_is_directory=True)
    (theme / "templates" / "loop").symlink_to(theme, target_is_directory=True)
    os.mkfifo(theme / "templates" / "pipe")
    first = global_token(b"stamp", (theme,))
    assert global_token(b"stamp", (theme,)) == first
    (elsewhere / "note.html").write_text("changed", "utf-8")
    assert global_token(b"stamp", (theme,)) != first
    assert global_token(b"other code", (theme,)) != global_token(b"stamp", (theme,))


def _planned_bytes(tmp_path: Path, entities: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many bytes ``page_inputs`` digests for a generated project of ``entities``
    (``bench/`` importable: the ``bench`` fixture)."""
    from generate import generate

    project = tmp_path / f"p{entities}"
    generate(entities, project)
    memo = CheckMemo()
    site = check(project, Diagnostics(), memo=memo)
    assert site is not None
    digested = [0]
    real = rendermemo._digest

    def counting(parts: Iterable[bytes]) -> bytes:
        listed = list(parts)
        digested[0] += sum(map(len, listed))
        return real(listed)

    monkeypatch.setattr(rendermemo, "_digest", counting)
    inputs = page_inputs(site, memo.load.digests, b"base")
    monkeypatch.setattr(rendermemo, "_digest", real)
    assert len(inputs) > entities
    return digested[0]


def test_the_inputs_plan_grows_with_the_project_not_with_its_square(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bench: None
) -> None:
    """Every place's page reads the names and positions of every place (its map): digested
    into each page whole, they made the bytes hashed grow with the square of the places."""
    small = _planned_bytes(tmp_path, 200, monkeypatch)
    large = _planned_bytes(tmp_path, 800, monkeypatch)
    assert large < 5 * small, (small, large)  # 4 times the entities: about 4 times the bytes
