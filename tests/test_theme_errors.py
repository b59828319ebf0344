"""A project theme's template that cannot be compiled or fails while rendering is a located
content error (E141), reported like any other: ``path:line:col``, a hint, exit status 1, the
previous output untouched, no traceback; with or without the caches."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from test_cache import run

from generator.pipeline import BUILTIN_THEMES, theme_problem

from conftest import snapshot

HINT = "  hint: fix the template; templates see only 'view' (docs/errors.md#e141)\n"
TEMPLATES = Path("themes/default/templates")


def _template(project: Path, text: str) -> None:
    folder = project / TEMPLATES
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "actor.html").write_text(text, "utf-8")


@pytest.mark.parametrize(
    ("template", "line", "why"),
    [
        (
            '{% extends "base.html" %}{% block content %}{{ view.name ',
            1,
            "unexpected end of template, expected 'end of print statement'.",
        ),
        (
            'one\n{% extends "base.html" %}\n{% block content %}\n{{ view.nickname }}\n'
            "{% endblock %}\n",
            4,
            "'generator.views_pages.EntityPage object' has no attribute 'nickname'",
        ),
        (
            '{% extends "base.html" %}\n{% block content %}\n\n{{ view.name | int + "x" }}\n'
            "{% endblock %}\n",
            4,
            "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
        ),
    ],
    ids=["syntax", "undefined", "type"],
)
@pytest.mark.parametrize("cached", [False, True], ids=["no-cache", "cache"])
def test_a_failing_template_is_a_located_error(
    template: str, line: int, why: str, cached: bool, project_dir: Path, tmp_path: Path,
    cache: Path, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    output = tmp_path / "out"
    flags = [] if cached else ["--no-cache"]
    assert run(capsys, "build", str(project_dir), "-o", str(output), *flags)[0] == 0
    before = snapshot(output)
    _template(project_dir, template)
    code, out, err = run(capsys, "build", str(project_dir), "-o", str(output), *flags)
    assert code == 1 and out == ""
    where = f"{TEMPLATES.as_posix()}/actor.html:{line}:1"
    assert err == f"{where}: error[E141]: the theme's template failed: {why}\n{HINT}1 error\n"
    assert snapshot(output) == before


def test_a_failure_outside_the_project_theme_is_not_blamed_on_it(project_dir: Path) -> None:
    """A fault of the tool (no template of the project's theme where it failed, or one of the
    built-in theme) is not reported as the project's mistake."""
    try:
        raise ValueError("a fault of the tool")
    except ValueError as error:
        assert theme_problem(error, project_dir) is None
    builtin = BUILTIN_THEMES / "default" / "templates" / "actor.html"
    error = jinja2.TemplateSyntaxError("unexpected '}'", 3, "actor.html", str(builtin))
    assert theme_problem(error, project_dir) is None
    _template(project_dir, "{{ }")
    mine = jinja2.TemplateSyntaxError(
        "unexpected '}'", 1, "actor.html", str(project_dir / TEMPLATES / "actor.html")
    )
    found = theme_problem(mine, project_dir)
    assert found is not None and str(found[0]) == "themes/default/templates/actor.html:1:1"
